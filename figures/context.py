"""Where and when: the place a sentence gives for a figure, and the event date it supports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import regex

from .lexicons import MONTH_NAMES, SOURCE_VERBS, Pattern, alternation
from .places import is_demonym, names_a_place
from .records import Sentence
from .sentences import last_before

_LEAD = (
    r"(?:other|various|several|southern|northern|eastern|western|central|occupied|\w+ern"
    r"|neighbou?ring|nearby|war-torn|downtown|coastal|rural|suburban|greater|lower|upper|\w+-hit"
    r"|(?:north|south|east|west)(?:-?(?:east|west))?)"
)
_NOUN = (
    r"(?:regions?|oblasts?|provinces?|county|counties|states?|districts?|krai|city|town|village"
    r"|territory|Sea|areas?|parts?|cities|towns|villages|border|coast|front|prefectures?"
    r"|governorates?|municipality|municipalities|valley|river|highway|expressway|motorway"
    r"|road|bazaar|market|camp|neighbou?rhood|settlement|department)"
)
_PLURAL = (
    r"(?:regions|oblasts|provinces|counties|states|districts|cities|towns|villages|areas|parts"
    r"|prefectures|governorates|municipalities|communities|countries)"
)
_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|multiple)"
_NAME = r"(?-i:[A-Z])[\w.-]*"
_NAMES = rf"{_NAME}(?:(?:,\s+|,?\s+and\s+){_NAME})*"
_COMPASS = r"(?:north|south|east|west)(?:-?(?:east|west))?"
_PREPOSITIONS = alternation(
    "in over across near at against on into to toward towards from of off along outside inside "
    "around throughout through".split()
)
# Lowercase particles inside a name: "Rio de Janeiro", "Dar es Salaam", "Bandar bin Ali".
_PARTICLE = r"(?-i:de|da|do|dos|das|del|della|di|du|des|la|le|el|es|al|bin|ibn|van|von|der|den|ul)"
PLACE = Pattern(
    rf"""
    (?<![\w-])(?P<prep>(?i:{_PREPOSITIONS}|(?<!the\s){_COMPASS}\s+of)  # "south of Mosul"
      |shelled|struck|bombed|attacked|hit|targeted|pounded|stormed|raided)\s+  # "shelled Kupiansk"
    (?P<place>
      # "the east and south of the country", not "the west Bank", not "the east side of X"
      the\s+{_COMPASS}(?:,?\s+and\s+(?:the\s+)?{_COMPASS})*
         (?:\s+of\s+(?:the\s+country|{_NAME}))?(?![\w’'-])(?!\s+(?-i:[A-Z])|\s+side\b)
    | the\s+(?:country|nation)(?:[’']s\s+(?:[\w-]+\s+)??(?:capital|{_NOUN}|{_COMPASS}))?(?![\w’'-])
    | (?:the\s+{_COUNT}\s+|(?:{_LEAD}\s+)+)(?:{_COUNT}\s+)?{_PLURAL}(?![\w-])  # "several regions"
         (?:\s+of\s+{_NAMES})?                           # "the three provinces of A, B and C"
    | {_COUNT}\s+{_PLURAL}(?:,?\s+(?:of|including)\s+{_NAMES})  # "seven provinces, including A"
         (?![\w-])
    | (?:the\s+)?(?:{_LEAD}\s+)?
      # adjectives before "city of" ("the strategic port city of"), never "hotel in"
      (?:(?:(?!(?:in|at|near|on|of|from|to|into)\s)[\w’'-]+\s+){{0,3}}?
         (?:city|town|village|region|province|county|state|district|regions|parts|areas|territory
         |coast|shores?|outskirts|suburbs|centre|center|heart|mountains|hills|forests?|jungles?
         |side|island|islands|port|resort)
         \s+of\s+(?:the\s+)?)?
      (?:{_LEAD}\s+)?
      (?-i:[A-Z])[\w.-]*
      (?:(?:\s+|,\s+(?=(?-i:[A-Z]))|\s+and\s+|,\s+and\s+|[’']s\s+(?:{_LEAD}\s+)?|\s+of\s+(?:the\s+)?
         |\s+{_PARTICLE}\s+(?=(?-i:[A-Z]))|\s+(?-i:[dl])[’'](?=(?-i:[A-Z]))  # "Rio de Janeiro"
         |\s+(?-i:al|el|ad|ar|as|an|ash|at|az|ul)-(?=(?-i:[A-Z])))     # "Wad al-Nourah"
         (?:(?-i:[A-Z])[\w.-]*|{_NOUN}(?![\w-])))*
    )
    """,
    regex.VERBOSE,
)
NOT_PLACES = frozenset(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December Sept Telegram Facebook Twitter X Instagram
    YouTube TV The A An This That His Her Its Their Mass Force Forces Office Ministry Minister
    Department Agency Service Services Police Army Council Committee Command Staff Sheriff
    Sheriff's Governor President Mayor Spokesman Spokesperson Secretary General Commander Route
    Highway Interstate Least Most
    """.split()
)
# "from" and "on" name a place only with a region word ("on the town of X"), "of" only right
# after the figure and its noun ("1,300 km² of the Kursk region", "600 residents of the village
# of X").
NEEDS_REGION_WORD = frozenset({"on", "from", "of"})
# "evacuated from Bakhmut": people leave a place, which is where the figure is.
WHERE_AFTER = Pattern(r",\s+where\b")  # "seized control of Goma, where 700 were killed"
EVACUATED_FROM = Pattern(r"\b(?:evacuated|evacuation|fled|displaced|relocated|uprooted)\s+$")
ATTACK_ON = Pattern(
    r"\b(?:attacks?|strikes?|assaults?|raids?|shelling|bombing|bombardment|siege|offensive)\s+$"
)
REGION_WORD = Pattern(rf"\b{_NOUN}\b|\bof\b")
# A part that follows has its own place: "337 drones, including 91 over the X region".
_PART = r",\s+(?:including|among\s+them|\S+\s+of\s+(?:them|which|whom))\s"
PART_NEXT = Pattern(_PART)
STOP = Pattern(r"[;:]|,\s+(?:and|as|according)\s|\s(?:while|but|whereas|although)\s")
_BACK = r"\b(?:the|his|her|this|that)\s+(?:region|oblast|province|city|area)\b"
REFERS_BACK = Pattern(_BACK)  # "the region": a place named in an earlier sentence
ANAPHOR = Pattern(rf"[^;:]{{0,80}}?\b(?:over|in|across)\s+{_BACK}")
NEXT_LOWER = Pattern(r"\s+([a-z]+)\b")
# Lowercase words that may follow a one-word place: "in Kyiv on Friday", "over Odesa overnight".
PLACE_FOLLOWERS = frozenset(
    """
    on in at and or but said says say was were is are has have had to for from with by after before
    during as when while where which who that the a an overnight today yesterday early late last
    this since until amid following region oblast province county district state city town
    village krai area coast border next later earlier now again soon recently alone itself also
    over across into onto near within under through throughout against via toward towards amid
    despite because due around ahead left rose rises stands stood grew remains
    """.split()
)
# What happened at a place named as its adjective: "in Kramatorsk strike", "in the Odesa attack".
EVENT_NOUNS = frozenset(
    """
    strike strikes attack attacks blast bombing shelling raid raids explosion fire blaze flood
    floods flooding quake earthquake shooting crash collapse stampede landslide storm clashes
    violence fighting
    """.split()
)
# "in Malatya province, AFAD said": the agency after the comma is the speaker, not the place.
SPEAKER_AFTER = Pattern(rf"\s+(?:{alternation(SOURCE_VERBS)})\b")
# "in Lahore, Punjab police said", "around Omdurman, Sudan's foreign ministry said": the name
# after the comma is the speaker's.
SOURCE_NOUN_AFTER = Pattern(
    r"[’']s\s+(?:[a-z]+\s+){0,2}?(?:ministry|army|military|police|government|officials?"
    r"|authorities|authority|forces|agency|office|service|department|commission|spokes\w+)\b"
    r"|\s+(?:police|officials|authorities|prosecutors|military|army|government)\s+(?:said|say|says|told|reported)\b"
    # "in X, Moscow regional governor Andrei Vorobyov said": a title after the name
    r"|\s+(?:(?:regional|provincial|state|district|city|county|local|deputy)\s+)?"
    r"(?:governor|mayor|police\s+chief|spokes\w+)\s+(?-i:[A-Z])"
)
# "Iran's envoy to Beirut": a title's "to" names a posting, not where a figure happened.
POSTED_TO = Pattern(r"\b(?:envoy|ambassador|emissary|delegation|representative|consul)\s+$")
TRAILING_JUNK = Pattern(r"(?:\s+(?:of|the|and))+$|[,.\s]+$")
PLACE_WORD = Pattern(r"[\w’'.-]+")
DEMONYM = Pattern(r"(?:ian|ese|ish|ean)$")
ACCORDING = Pattern(r"according\s+$")
SPOKEN_AT = Pattern(
    r"\b(?:told|briefed|addressing)\s+(?:reporters|journalists|the\s+(?:media|press))\s+$"
    r"|\b(?:speaking|news\s+conference|press\s+conference|briefing)\s+$"
)
RELATIVE_CLAUSE = Pattern(r",\s+(?:where|in\s+which|with)\b")  # "in X, with 1,293 dead"
# ", killing 4", ", left 160 injured, damaged 900 houses": a predicate that shares its subject.
PARTICIPLE_CLAUSE = Pattern(r",\s+(?:and\s+)?(?-i:[a-z]+(?:ing|ed)|left|hurt|swept|struck|hit)\b")
CLAUSE_BREAK = Pattern(r"(?r)[,;](?!\d)")  # backwards from the figure; not the comma of "1,100"
OF_WHOM = Pattern(r"\s+of\s+(?:whom|them|which)\b")  # "1,204 injured, 721 of whom ..."
ATTACK_VERBS = frozenset(
    "shelled struck bombed attacked hit targeted pounded stormed raided".split()
)
OPENING = Pattern(
    r"^\W*(?i:in|across|over|near|at)\s+(?=(?:the\s+)?"
    r"(?:(?:city|town|village|region|province|county|district)\s+of\s+)?[A-Z])"
)


def _clean(place: str) -> str:
    return TRAILING_JUNK.sub("", place).strip()


Place = tuple[int, int, str, str]  # start, end, the place as written, its preposition


def find_places(text: str) -> list[Place]:
    """Every place phrase of a sentence, in order."""
    found = []
    title = _title_case(text)
    for m in PLACE.finditer(text):
        place = _clean(m.group("place"))
        if ", " in place and (
            SPEAKER_AFTER.match(text, m.start("place") + len(place))
            or is_demonym(place[place.rindex(", ") + 2 :])  # "in Lyon, French police said"
            or SOURCE_NOUN_AFTER.match(text, m.start("place") + len(place))  # "X, Sudan's army"
        ):
            place = place[: place.rindex(", ")]
        words = PLACE_WORD.findall(place)
        if not words or (words[0] in NOT_PLACES and not title) or words[:2] == ["the", "The"]:
            continue
        # "in Belgorod region, Governor X said": the place ends before the title.
        titles = [
            w.start() for w in list(PLACE_WORD.finditer(place))[1:] if w.group() in NOT_PLACES
        ]
        if titles:
            place = _clean(place[: titles[0]])
            words = PLACE_WORD.findall(place)
            if not words:
                continue
        named = [w for w in words if w.lower() != "the"]
        if not named:
            continue  # "in the October 7 attack": the month went with the date, "the" is no place
        if len(named) == 1 and DEMONYM.search(named[0]):
            continue  # "against Ukrainian cities": an adjective alone is no place
        follower = NEXT_LOWER.match(text, m.start("place") + len(place))
        verb = follower and follower.group(1).endswith("ed")  # "in Austria left", "in X killed"
        named_word = len(named) == 1 and named[0][:1].isupper()  # not "the country", "the east"
        event = follower is not None and follower.group(1) in EVENT_NOUNS
        if (
            named_word and follower and not verb and follower.group(1) not in PLACE_FOLLOWERS
            and not (
                event and m.group("prep").lower() == "in" and not is_demonym(place)
                and names_a_place(place)
            )
        ):  # fmt: skip
            continue  # "in Israeli strike", "at US warships": a name used as an adjective;
            # but "the toll in Kramatorsk strike": a known place names where the event was
        prep = m.group("prep").lower()
        struck = ATTACK_ON.search(text, max(0, m.start() - 30), m.start())
        left = prep == "from" and EVACUATED_FROM.search(text, max(0, m.start() - 24), m.start())
        left = left or (prep == "of" and WHERE_AFTER.match(text, m.start("place") + len(place)))
        headline = prep == "on" and title  # "Strike On Dnipro Kills 5": known names only
        if (
            prep in NEEDS_REGION_WORD and not REGION_WORD.search(place)
            and not (struck or left or headline)
        ):  # fmt: skip
            continue
        if prep in ("in", "at") and SPOKEN_AT.search(text, max(0, m.start() - 40), m.start()):
            continue  # "told reporters in Raipur": where it was said, not where it happened
        if prep == "to" and (
            ACCORDING.search(text, max(0, m.start() - 12), m.start())
            or POSTED_TO.search(text, max(0, m.start() - 20), m.start())
        ):
            continue
        if prep == "of" and struck:  # "the shelling of Kherson" places it like "in Kherson"
            prep = "in"
        if " " in prep:  # "south of Mosul": the direction is part of the place
            place, prep = text[m.start("prep") : m.start("place") + len(place)], "near"
        found.append((m.start(), m.start("place") + len(place), place, prep))
    return _headline_places(text, found) if title else found


CONTENT_WORD = Pattern(r"[^\W\d_]{4,}")
LOWER_WORD = Pattern(r"(?<![\w’'-])\p{Ll}[^\W\d_]{3,}")
# In title case a place runs on into the words after it ("In Floods After Heavy Rain"); these
# capitalised prepositions end it, or start the place that follows ("Bus Crash Near Lagos").
TITLE_PREPOSITION = Pattern(
    r"\s+(?=(?i:In|Near|At|On|Over|Across|After|As|Amid|Following|During|From|To|Into|Outside"
    r"|Off|For|With|Without|Before|Since|Despite)\s)|,\s+"  # "In Nigeria, Agency Says"
)


def _title_case(text: str) -> bool:
    """A headline with every content word capitalised, where capitals do not mark names."""
    if LOWER_WORD.search(text):  # most sentences: a lowercase word comes early
        return False
    words = CONTENT_WORD.findall(text)
    return len(words) >= 3 and all(word[0].isupper() for word in words)


def _headline_places(text: str, found: list[Place]) -> list[Place]:
    """The places of a title-case headline that name a known place: the first part of each
    found place, cut at a capitalised preposition, that is one ("Philippines", "Lagos" of
    "Bus Crash Near Lagos"); "Floods After Heavy Rain" is none."""
    kept: list[Place] = []
    for start, end, place, prep in found:
        offset, cursor = end - len(place), 0
        parts = TITLE_PREPOSITION.split(place)
        for k, part in enumerate(parts):
            at = place.index(part, cursor)
            cursor = at + len(part)
            words = part.split()
            if k and len(words) > 1 and words[0].title() in _TITLE_WORDS:
                words, prep = words[1:], words[0].lower()
            name = _known_start(words)
            if name is None:
                continue
            at = place.index(name, at)
            stop = at + len(name)
            for more in parts[k + 1 :]:  # a list of places: "In Uttar Pradesh, Bihar"
                if not (place.startswith(", ", stop) and names_a_place(more)):
                    break
                stop += 2 + len(more)
            kept.append((start, offset + stop, place[at:stop], prep))
            break
    return kept


def _known_start(words: list[str]) -> str | None:
    """The longest run of leading words that names a known place ("Katsina" of "Katsina
    Village Raid")."""
    if not words or words[0] in NOT_PLACES or words[0].title() in NOT_PLACES:
        return None  # "Police" is a town in Poland
    for n in range(len(words), 0, -1):
        if n == 1 and is_demonym(words[0]):
            return None  # "RUSSIAN STRIKE": an adjective
        if names_a_place(" ".join(words[:n])):
            return " ".join(words[:n])
    return None


_TITLE_WORDS = frozenset("In Near At On Over Across".split())  # prepositions that place


def locate(
    text: str,
    start: int,
    end: int,
    previous_place: str | None = None,
    limit: int | None = None,
    places: list[Place] | None = None,
) -> str | None:
    """The place `text` gives for the figure at `start:end`, as written, or None; `limit` is
    where the next listed figure starts (its place is its own).

    >>> locate("Two people died in the town of Yarova, the governor said.", 0, 3)
    'the town of Yarova'
    """
    places = find_places(text) if places is None else places
    after = text[end : min(end + 120, limit or len(text))]
    stop = STOP.search(after)
    until = end + (stop.start() if stop else len(after))
    anaphor = ANAPHOR.match(text, end, until)
    if anaphor:  # "over his region": a place named before it in the sentence, else earlier
        named = [p for p in places if p[1] <= anaphor.end() - len(anaphor.group()) + 1]
        previous_place = named[-1][2] if named else previous_place
    for p_start, _, place, prep in places:
        if _in_part(text, end, p_start):
            continue
        if end <= p_start < until and (prep != "of" or len(text[end:p_start].split()) <= 1):
            if previous_place and anaphor and anaphor.end() < p_start:
                return previous_place
            return place
    if previous_place and anaphor:
        return previous_place
    return (
        _place_before(text, start, end, places)
        or _place_after_list(text, end, limit, places)
        or _only_place(text, places, start, end)
    )


def _only_place(text: str, places: list[Place], start: int, end: int) -> str | None:
    """The one place a sentence names, wherever it stands: in another clause ("A boat capsized
    off X; 78 bodies were recovered") or in the subject ("The toll from the attack in X rose to
    5"). Not a destination or an origin ("to", "from"), not a place the figure is part of
    ("in three provinces") or only a part of it is ("…, 46 of them over X"), and not when it
    names two."""
    if len(places) != 1:
        return None
    p_start, p_end, place, prep = places[0]
    inside = p_start <= start and end <= p_end
    part = end <= p_start and _in_part(text, end, p_start)  # "…, 46 of them over X"
    return None if inside or part or prep in ("to", "towards", "from") else place


def _in_part(text: str, end: int, p_start: int) -> bool:
    """Whether the place at `p_start` stands in the phrase of a part named after the figure
    ending at `end`: "337 drones, including 91 over X", not "nine people, including two
    children, at a water park near X"."""
    part = PART_NEXT.search(text, end, p_start)
    return part is not None and ", " not in text[part.end() : p_start]


def _place_after_list(text: str, start: int, limit: int | None, places: list[Place]) -> str | None:
    """The place after a list of figures that name none of their own: "12 dead, 40 injured,
    6 missing in Peru" (a figure that has its own place ends the list before it)."""
    if limit is None:
        return None
    after = text[limit : limit + 160]
    stop = STOP.search(after)
    end = limit + (stop.start() if stop else len(after))
    for p_start, _, place, prep in places:
        if limit <= p_start < end and prep != "of" and not _in_part(text, start, p_start):
            return place
    return None


def _place_before(text: str, start: int, end: int, places: list[Place]) -> str | None:
    """A place earlier in the figure's clause: "An attack on X killed 4", "In X, 50 hectares"."""
    breaks = (m.start() for m in CLAUSE_BREAK.finditer(text, 0, start))  # nearest first
    clause_start = next(breaks, 0)
    if OF_WHOM.match(text, end):  # "..., 721 of whom"
        clause_start = next(breaks, 0)
    while clause_start and RELATIVE_CLAUSE.match(text, clause_start):  # "in X, where 87 died"
        clause_start = next(breaks, 0)
    clause = text[clause_start:start]
    if PARTICIPLE_CLAUSE.match(clause):  # "a gunman opened fire at X, killing 4"
        clause_start = 0
    for p_start, p_end, place, prep in reversed(places):
        if clause_start <= p_start and p_end <= start and prep != "of":
            return place
    # "Troops shelled X 20 times, two people were killed": the place struck earlier in the
    # sentence is where its casualties are.
    for _, p_end, place, prep in reversed(places):
        if p_end <= start and prep in ATTACK_VERBS:
            return place
    # An opening "In X, ..." places the sentence, or, after a semicolon, its own clause:
    # "In Bakhmut district, 2 were killed; in Kramatorsk, 5 were injured."
    opening = text.rfind(";", 0, start) + 1
    for p_start, p_end, place, _ in places:
        if opening <= p_start <= opening + 8 and p_end < start and OPENING.match(text[opening:]):
            return place
    return None


class Places:
    """The places of a document's sentences, each sentence read at most once.

    `before(i)` answers "the region" with the last place named before sentence i; every sentence
    it walks past learns the same answer, so a document with no place at all is walked once, not
    once per sentence.
    """

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        self._found: dict[int, list[Place]] = {}
        self._before: dict[int, str | None] = {}
        self._heading: dict[int, str | None] = {}

    def of(self, index: int) -> list[Place]:
        """The places of sentence `index`."""
        if index not in self._found:
            self._found[index] = find_places(self.sentences[index].text)
        return self._found[index]

    def before(self, index: int) -> str | None:
        """The last place named in a sentence before sentence `index`."""
        return last_before(index, self._before, self._last_place)

    def _last_place(self, index: int) -> str | None:
        found = self.of(index)
        return found[-1][2] if found else None

    def heading(self, index: int) -> str | None:
        """The heading a bullet line stands under, when it is a short name: a fact box's
        "NORTH REGION" above "* 18 people dead", each bullet reading as placed there; or the
        first cell of a table row written with pipes, or a line's label, when it names a known
        place ("Sindh | 12 | 30", "Sindh: 347 dead")."""
        text = self.sentences[index].text
        if "|" in text:
            first = row_cells(text)[0]
            return first if first and names_a_place(first) else None
        # "Sindh: 347 dead, 1,009 injured"; not an all-caps kicker ("NIGERIA: 12 KILLED ...")
        label = PLACE_LABEL.match(text)
        if label and not label.group("place").isupper() and names_a_place(label.group("place")):
            return label.group("place")
        if not BULLET.match(text):
            return None
        if index not in self._heading:
            above = index - 1
            sentence = self.sentences[above] if above >= 0 else None
            if sentence is None or sentence.paragraph != self.sentences[index].paragraph - 1:
                found = None
            elif BULLET.match(sentence.text):
                found = self.heading(above) if above in self._heading else self._walk(above)
            else:
                heading = HEADING.fullmatch(sentence.text)
                found = sentence.text if heading and not _box_title(sentence.text) else None
            self._heading[index] = found
        return self._heading[index]

    def _walk(self, index: int) -> str | None:
        """The heading of bullet `index`, learning those of the bullets above it on the way."""
        first = index
        while first > 0 and BULLET.match(self.sentences[first - 1].text):
            first -= 1
        for bullet in range(first, index + 1):
            self.heading(bullet)
        return self._heading[index]

    def previous(self, index: int) -> str | None:
        """The place an anaphor ("the region") in sentence `index` refers back to, if it has one."""
        return self.before(index) if REFERS_BACK.search(self.sentences[index].text) else None


def row_cells(text: str) -> list[str]:
    """The cells of a table row written with pipes: "| Sindh | 12 |" -> ["Sindh", "12"]."""
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


BULLET = Pattern(r"^[*•·▪◦‣]\s")
PLACE_LABEL = Pattern(r"^\W*(?P<place>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}):\s+(?=\d)")
# A fact box's title names what it holds, not a place: "KEY FIGURES", "Casualties".
BOX_WORDS = frozenset(
    "key figures facts summary highlights casualties deaths injuries impact numbers overview "
    "update situation background losses damage toll at a glance".split()
)


def _box_title(text: str) -> bool:
    return any(word in BOX_WORDS for word in text.lower().split())


# A heading that names a place: up to four capitalised words, no digit, no closing punctuation.
HEADING = Pattern(r"(?:[A-Z][\w’'.&-]*\s+){0,3}[A-Z][\w’'.&-]*")


_MONTHS = {
    name: index
    for index, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = rf"(?P<month>{MONTH_NAMES})"
DAY_MONTH = Pattern(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\b"
)
MONTH_DAY = Pattern(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?"
)
WEEKDAY = Pattern(
    r"\b(?P<last>last\s+)?(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
RELATIVE = Pattern(
    r"\b(?P<word>overnight|last\s+night|tonight|today|this\s+morning|yesterday)\b", regex.IGNORECASE
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def event_date(text: str, published: str | None) -> str | None:
    """The ISO date of the event a sentence reports, when its words and `published` pin it down.

    >>> event_date("Three people were killed overnight.", "2025-04-26")
    '2025-04-26'
    >>> event_date("Two died on Saturday.", "2025-04-28")
    '2025-04-26'
    """
    base = dt.date.fromisoformat(published) if published else None
    for pattern in (DAY_MONTH, MONTH_DAY):
        m = pattern.search(text)
        if m:
            year = int(m.group("year")) if m.group("year") else (base.year if base else None)
            month = _MONTHS.get(m.group("month").lower().rstrip(".")[:3])
            if year and month:
                try:
                    return dt.date(year, month, int(m.group("day"))).isoformat()
                except ValueError:
                    return None
    if base is None:
        return None
    weekday = WEEKDAY.search(text)
    if weekday:
        back = (base.weekday() - WEEKDAYS.index(weekday.group("day").lower())) % 7
        back = 7 if back == 0 and weekday.group("last") else back
        return (base - dt.timedelta(days=back)).isoformat()
    relative = RELATIVE.search(text)
    if relative:
        shift = 1 if relative.group("word").lower() == "yesterday" else 0
        return (base - dt.timedelta(days=shift)).isoformat()
    return None
