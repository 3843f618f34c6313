"""The trigger that governs a number: a verb or outcome noun after it ("were killed", "292
deaths"), or before it ("killing 4", "the death toll rose to 89", "among the dead were"), and
the (metric, subject) it gives for the number's noun phrase."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..lexicons import (
    AFTER_ONLY,
    BEFORE_ONLY,
    COMPLEMENTS,
    METRIC_WORDS,
    OUTCOME_NOUNS,
    PLACE_NOUNS,
    QUALIFIERS,
    Pattern,
    alternation,
    normalise,
)
from ..records import NumberMention
from .phrases import (
    Phrase,
)
from .vocabulary import (
    AUX_RE,
    CASUALTIES,
    DEFAULT_SUBJECT,
    FILLER,
    GROUPS,
    METRIC_ANYWHERE,
    METRIC_RE,
    PEOPLE_METRICS,
    QUALIFIER_RE,
    STOP_RE,
    SUBJECT_RE,
    metric_of,
)

LABEL_NEXT = Pattern(r"\s*[,;]\s*\p{L}")  # only a comma between the number and the next label
# Counts of places after a number: "over 11 regions" places a figure, it counts nothing.
_PLACES = rf"(?:{alternation(PLACE_NOUNS)})\b"
_PLACE = (  # a place named by its kind: "homes in the district were damaged"
    r"(?:district|area|region|city|town|village|province|county|state|capital|neighbou?rhood"
    r"|country|valley|zone|camp|compound|radius)\b"
)
_SIDE = r"(?:north|south|east|west|centre|center|outskirts|suburbs)[a-z]*\b"
_NAMED = r"(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)*"
_TIMES = r"(?:days|weeks|months|years|hours|nights)\b"  # "89 dead over four days"
# Where in a scene the counted were: "19 people on the ground were also killed".
_SCENE = (
    r"(?:on|in|at|inside|outside|aboard)\s+the\s+(?:ground|scene|spot|streets?|site|building|plane"
    r"|bus|train|boat|ship|vehicle|car|house|home|school|market|mosque|church|camp|hospital)"
)
RIGHT_TRIGGER = Pattern(
    rf"""
    \)?                                                # the end of a bracket: "(36,725 people)"
    (?:\s*,[^,.;:]{{1,40}},|\s*\([^()]{{1,40}}\)|\s+[–—-][^–—]{{1,50}}[–—-]
    |\s+including\s+(?:the\s+)?[\w’'-]+)?               # an aside: "including the gunman"
    # a second noun sharing the number: "police and gendarmes", "homes or businesses", never
    # "no": "and no injuries were reported"
    (?:\s+(?:and|or)\s+(?!{STOP_RE}\b|no\b|not\b)(?-i:[a-z])[\w’'-]*(?=\s))?
    # a complement of the noun: "members of the national guard", "fighters from the militia"
    (?P<complement>\s+(?:of|from)\s+(?:(?:the|an?|their|its|his|her)\s+|\#++\s+)?(?!{STOP_RE}\b)[\w’'-]++(?:\s+(?!{STOP_RE}\b)[\w’'-]++){{0,2}})?
    # a listed item, "and 3 homes", then maybe a place, then the verb
    (?P<listed>\s+(?:and|or)\s+(?:(?:{QUALIFIER_RE}\s+)?\#+|an?|another|(?:their|his|her)(?=\s+(?:{SUBJECT_RE})\b))(?:\s+(?!{STOP_RE}\b)[\w’'/-]+){{0,3}})?
    # a place: "in Kyiv", "in Calgary's northeast", "in 30 districts", "in the district"
    (?:\s+(?:in|at|on|over|near|across|within)\s+(?:the\s+)?
       (?:{_NAMED}(?<=['’]s)\s+{_SIDE}|{_NAMED}|\#+\s+{_PLACES}
       |(?:(?:this|that|its|their|an?)\s+)?(?:(?-i:[a-z])[\w-]*\s+){{0,2}}?{_PLACE}))?
    (?:\s+(?:on\s+board|aboard|inside|on\s+the\s+(?:plane|train|bus|boat|ship|ferry|flight)|{_SCENE}))?
    (?:\s*+,)?                                          # possessive: no backtracking
    (?:\s+{AUX_RE})*
    (?:\s+(?P<first>\w+ed|shot|struck|hit|beaten)\s+and)?  # "intercepted and destroyed", "shot and"
    # "staying in 210 relief camps", "in 39 emergency shelters"
    (?:\s+in(?:\s+\#+)?(?=\s+(?:(?:cyclone|emergency|collective|public)\s+)?(?:relief|evacuation|shelters)))?
    \s+["“‘']?(?P<metric>(?>{METRIC_RE}))(?![\w-])             # 96 others were "lost"
    # "lost power" is no death, "escaped unhurt" no displacement
    (?!\s+(?:power|electricity|contact|access|jobs?|their\s+jobs|everything|unscathed|unharmed
    |uninjured|unhurt|alive|injury|death)\b)
    # "dozens were killed or went missing": two outcomes in one count
    (?P<either>\s+or\s+(?:went\s+|gone\s+|been\s+|were\s+|are\s+)?(?P<metric2>[\w-]+))?
    # the 27's of "shooting down 27", not "shot down over 11 regions", "dead over four days"
    (?!\s+(?:(?:{QUALIFIER_RE}|all|another|a\s+further)\s+)?\#++(?!\s+(?:[a-z]+\s+)?(?:{_PLACES}|{_TIMES})))
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
MAIN_VERB = Pattern(
    rf"\b(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got)\s+(?:\w+ly\s+)?"
    rf"(?:\w+ed\s+and\s+)?(?P<metric>{METRIC_RE})(?![\w-])",
    regex.IGNORECASE,
)
DIRECT_TRIGGER = Pattern(rf"\s+(?P<metric>{METRIC_RE})(?![\w-])", regex.IGNORECASE)
CHANGE = (
    r"(?:rose|risen|rises|climbed|climbs|jumped|increased|grew|mounted|reached|reach|exceed(?:ed|s)?"
    r"|surpass(?:ed|es)?|passed|topped|stood|stand|stands|hit)\b"
)
# A toll with any verb: "the death toll from the quake in X has risen to", "the number of
# people killed could pass", "raised the toll to", "the injury tally stands at".
_TOLL_VERB = (
    r"\b(?:to|at|is|was|of|reach(?:ed|es)?|exceed(?:ed|s)?|pass(?:ed|es)?|past|top(?:ped|s)?|hits?"
    r"|surpass(?:ed|es)?|near(?:ed|s|ing)?|approach(?:ed|es|ing)?|beyond)"
)
TOLL = Pattern(
    rf"""\b(?:(?:number|toll|tally|count|total)\s+of\s+(?:\w+\s+){{0,2}}?(?P<metric>{METRIC_RE})
    |(?P<metric>death|deaths|fatality|injury|injuries)\s+(?:toll|tally|count)
    |(?P<metric>toll)
    # an outcome noun that itself rises: "deaths rose to 40", "casualties now exceed 2,000"
    |(?P<metric>deaths|fatalities|casualties|injuries)(?=(?:\s+[\w-]+){{0,6}}?\s+{CHANGE}))
    # any words, and numbers that are not the toll's ("from the magnitude 6.8 quake", "across
    # six states", "since October 7"): only a number the toll already reached ends it
    \b(?:(?!{_TOLL_VERB}(?:\s+the)?(?:\s+(?:{QUALIFIER_RE}))?\s+\#)[^.;]){{0,100}}?
    {_TOLL_VERB}(?:\s+the)?(?:\s+(?:{QUALIFIER_RE}))?\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)
EITHER_GAP = Pattern(r"\s+(?:and/)?or\s+")
_OUTCOME_WORDS = ("dead", "deceased", "killed", "victims", "injured", "wounded", "missing")
_OUTCOME_GROUPS = "|".join(_OUTCOME_WORDS)
TOLL_WORDS = ("toll", "tally", "count", "number", "total", "deaths", "fatalities", "casualties",
              "injuries")  # fmt: skip
# "among the dead were two nurses", "among those injured are 3 children"; and fronted, "Of the
# dead, 700 were in Kestra".
AMONG = Pattern(
    rf"(?:\bamong\s+(?:the|those)\s+(?P<metric>{_OUTCOME_GROUPS})\s+(?:were|was|are|is)"
    rf"|(?:^|[.;:]\s*)\W*of\s+(?:the|those)\s+(?P<metric>{_OUTCOME_GROUPS})\s*,)"
    rf"\s+(?:(?:{QUALIFIER_RE})\s+)?$",
    regex.IGNORECASE | regex.REVERSE,
)
# "attacked the country overnight with 76 drones", "an attack involving 93 missiles": the
# weapons were launched.
ATTACKED_WITH = Pattern(
    r"\b(?:attack(?:ed|ing|s)?|struck|strik(?:e|es|ing)|target(?:ed|ing|s)?|pound(?:ed|ing)"
    r"|bombard(?:ed|ing)|shell(?:ed|ing))\b[^#.;]{0,50}?\bwith\s+$"
    r"|\b(?:attacks?|strikes?|barrages?|raids?|assaults?)\s+(?:by|involving|using)\s+$",
    regex.IGNORECASE,
)
GAP_TOKEN = Pattern(r"#+|[\w’'-]+|[,“”\"'‘’–—:]")
QUOTES = frozenset("“”\"‘’'")
ITEM_START = frozenset("a an his her their its".split())  # "killed his wife and two neighbours"
PLACE_BEFORE = frozenset("in at near inside across within into outside".split())  # not "around"
CLAUSE_BREAK = frozenset(
    "that which who while as but because when after before since where if said says though "
    "although whereas".split()
)


def left_trigger(masked: str, start: int, across_numbers: bool = True) -> tuple[str, bool] | None:
    """A verb or noun before the number that governs it: "killing 4", "shot down all 42";
    across earlier listed numbers ("launched 3 missiles and 114 drones") when allowed. The flag
    says it is a toll or "among the dead were", which outrank a verb after a later number."""
    window_start = max(0, start - 90)
    before = masked[max(0, start - 160) : start].lower()  # cheap tests before the patterns
    fronted = "among" in before or any(f"{word}," in before for word in _OUTCOME_WORDS)
    among = fronted and AMONG.search(masked, window_start, start)
    if among:
        return among.group("metric").replace("victims", "killed"), True
    toll = any(word in before for word in TOLL_WORDS) and TOLL.search(
        masked, max(0, start - 160), start
    )
    if toll:
        return toll.group("metric"), True
    attacked = before.rstrip().endswith(("with", "by", "involving", "using"))
    if attacked and ATTACKED_WITH.search(masked, window_start, start):
        return "=launched", False
    # A verb beyond a clause break never governs the number (see gap_ok): look after it only.
    window_start = max(
        window_start, *(masked.rfind(ch, window_start, start) + 1 for ch in ".;:!?()")
    )
    found = list(METRIC_ANYWHERE.finditer(masked, window_start, start))
    if found and gap_ok(masked[found[-1].end() : start], across_numbers):
        surface = normalise(found[-1].group("metric"))
        if (
            len(found) > 1
            and EITHER_GAP.fullmatch(masked, found[-2].end(), found[-1].start())
            and _outcomes(found[-2].group("metric")).isdisjoint(_outcomes(surface))
        ):  # "damaged or destroyed 900 houses", "killed or injured 40": one count of both
            return "=other_incident", False
        return None if surface in AFTER_ONLY else (surface, False)
    return None


def _outcomes(surface: str) -> set[str]:
    """The metrics a trigger word can give ("shot down" and "destroyed" share one)."""
    return set(METRIC_WORDS.get(normalise(surface), {}).values())


def gap_ok(gap: str, across_numbers: bool = True) -> bool:
    """Whether only fillers and listed numbers stand between a verb and its number."""
    tokens = [t for t in GAP_TOKEN.findall(gap) if t not in QUOTES]  # killed "dozens"
    if len(tokens) > 14 or any(ch in ".;:!?()" for ch in gap):
        return False
    last = [t.lower() for t in tokens[-2:] if t.lower() not in ("the", "its", "their")]
    if last and last[-1] in PLACE_BEFORE:
        return False  # "killed 40 people in the 3 provinces", "at two mosques": a place count
    if not across_numbers and "#" in gap and tokens[-1].lower() not in ("and", "or", ","):
        return False  # only a plain list: "killed 9 patients and 2 doctors"
    in_item = False
    for token in tokens:
        lower = token.lower()
        if token.startswith("#") or lower in ITEM_START:  # "launched a missile and 12 drones"
            in_item = True
        elif lower in ("and", "or", ",", "–", "—"):
            in_item = False
        elif lower in CLAUSE_BREAK or (
            not in_item
            and lower not in FILLER
            and lower not in QUALIFIERS
            and not token[0].isupper()
        ):
            return False
    return True


def candidates(masked: str, mention: NumberMention, phrase: Phrase) -> Iterator[tuple[str, str]]:
    """Trigger words that could govern the number, nearest first, with the rule each means; the
    verb before the number is looked for only when the ones after it do not fit."""
    if phrase.total:  # the 22 of "15 of the 22 drones": only its own participle, else launched
        direct = DIRECT_TRIGGER.match(masked, phrase.end)
        yield (direct.group("metric"), "partitive") if direct else ("=launched", "partitive")
        return
    found: list[tuple[str, str]] = []
    if phrase.partitive:
        verb = MAIN_VERB.search(masked, phrase.end)
        if verb and "#" not in masked[phrase.end : verb.start()]:
            found.append((verb.group("metric"), "partitive"))
    right = _right_trigger(masked, phrase)
    both = right is not None and _both_outcomes(right)
    if right and not phrase.partitive:
        if both:
            found.append(("=other_incident", "own_trigger"))
        found.append((right.group("metric"), "own_trigger"))
    # "intercepted 30 rockets fired from X": a participle right after the noun is a reduced
    # relative clause; the verb before the number is the main verb. "The toll rose to 48 and
    # 600 were injured": the toll, not the verb of the next item.
    listed = right is not None and bool(right.group("listed"))
    reduced = (
        right is not None
        and not both
        and phrase.subject is not None
        and not phrase.inherited
        and not masked[phrase.end : right.start("metric")].strip()
        and normalise(right.group("metric")) not in AFTER_ONLY
        and _verb_just_before(masked[max(0, mention.start - 40) : mention.start])
    )
    # "shot down 15 drones and two missiles launched by the Houthis": a participle with its
    # agent is a reduced relative for every item the verb before reaches
    agent = (
        right is not None and phrase.subject is not None and not phrase.inherited
        and normalise(right.group("metric")) not in AFTER_ONLY
        and BY_AFTER.match(masked, right.end()) is not None
    )  # fmt: skip
    # A noun we do not know takes a verb only directly: "affecting 54,853 farmers", not the
    # "12 districts" of "affecting 45,000 people in 12 districts". The verb before is read
    # now only when it decides the order, else once the triggers after it have been tried.
    # "evacuated 300 people from their homes": an outcome verb before outranks where from
    origin = (
        right is not None
        and normalise(right.group("metric")).startswith(_ORIGIN)
        and _verb_just_before(masked[max(0, mention.start - 40) : mention.start])
    )
    early = (agent or origin) and not reduced
    left = left_trigger(masked, mention.start, not phrase.unknown_noun) if early else None
    if early:
        reduced = left is not None and not left[1]
    if not (listed or reduced):
        yield from found
    if not early:
        left = left_trigger(masked, mention.start, across_numbers=not phrase.unknown_noun)
    if left and not left[1] and _own_verb(masked, mention, phrase):
        left = None  # "Eight were injured and 30 others rescued": the 30 have their own verb
    if left and left[1] and phrase.inherited and not phrase.inherit and not found:
        # "deployed 2,000 troops to X, where the death toll passed 5,300": a toll counts its
        # own dead, not the figure before's subject
        phrase.subject, phrase.inherited = None, False
    if left and (reduced or (listed and left[1])):
        yield left[0], "verb_before"
    if listed or reduced:
        yield from found
    if left and not (reduced or (listed and left[1])):
        yield left[0], "verb_before"


def _both_outcomes(right: regex.Match[str]) -> bool:
    """Whether the words after the noun count two outcomes at once: "killed or went missing",
    "1,530 soldiers killed and wounded" (a total of both), not "shot and killed"."""
    metric = metric_of(right.group("metric"), "people")
    either = metric_of(right.group("metric2") or "", "people")
    if either and either != metric:
        return True
    first = metric_of(right.group("first") or "", "people")
    return bool(first and metric and first[0] != metric[0] and {first[0], metric[0]} <= CASUALTIES)


BY_AFTER = Pattern(r"\s+(?:by|from)\b")  # a participle's agent or origin: a reduced relative
OWN_VERB = Pattern(r"\s+(?:(?:were|was|have|has|had|been|being|are|is)\s+)*(?P<verb>[a-z]+ed)\b")
AND_BEFORE = Pattern(r"\band\s+(?:[a-z]+\s+){0,2}$")


def _own_verb(masked: str, mention: NumberMention, phrase: Phrase) -> bool:
    """A listed number whose noun phrase has a verb of its own that counts nothing."""
    verb = OWN_VERB.match(masked, phrase.end)
    return (
        verb is not None
        and normalise(verb.group("verb")) not in METRIC_WORDS
        and AND_BEFORE.search(masked, max(0, mention.start - 30), mention.start) is not None
    )


def _verb_just_before(prior: str) -> bool:
    """Whether an outcome verb stands right before the number, maybe with a lowercase qualifier
    between ("intercepted at least 30"); a capital ("wounded At least 52") starts a new item."""
    words = prior.split()
    for cut in (0, 1, 2):  # "nearly", "all"; "at least", "more than"
        qualifier = " ".join(words[len(words) - cut :])
        if cut and not (qualifier.islower() and (qualifier in QUALIFIERS or qualifier == "all")):
            continue
        rest = words[: len(words) - cut]
        if any(" ".join(rest[-n:]).lower() in METRIC_WORDS for n in (1, 2, 3) if len(rest) >= n):
            return True
    return False


_ORIGIN = ("from ", "out of ")  # complements that say where from: "from their homes"
_PREP = ("to ", "with ", "for ", *_ORIGIN)  # complements that are prepositional phrases


def _right_trigger(masked: str, phrase: Phrase) -> regex.Match[str] | None:
    """The verb or outcome noun after the number's noun phrase that governs it, if any."""
    right = RIGHT_TRIGGER.match(masked, phrase.end)
    if right and right.group("listed") and normalise(right.group("metric")) in OUTCOME_NOUNS:
        return None  # "12 people and 3,000 injuries": the injuries are the 3,000's alone
    if right and right.group("complement") and phrase.subject is None and not phrase.unknown_noun:
        return None  # "thousands of dunams were burned": "of" after a bare number is no noun's
    if right and normalise(right.group("metric")) in BEFORE_ONLY:
        return None  # "40 rescuers were searching for survivors": the verb's object follows
    counted = phrase.noun is not None or phrase.inherit  # "200 pupils", "8 others"
    # "killed 12 people and sent 300 to hospital": a bare number may share the noun of the
    # figure before, and a complement that opens with a preposition then governs it
    shared = (
        phrase.inherited and right is not None and right.group("metric").lower().startswith(_PREP)
    )
    if right and not (counted or shared) and normalise(right.group("metric")) in COMPLEMENTS:
        return None  # "2 prisoner exchanges": a complement follows a counted noun, not a number
    if right and LABEL_NEXT.match(masked, phrase.end) and masked[right.end() :].startswith(":"):
        return None  # "Killed: 4, injured: 12": "injured" labels the 12, not the 4
    return right


def choose(surface: str, phrase: Phrase) -> tuple[str, str] | None:
    """The (metric, subject) a trigger word gives for the number's noun phrase, if it fits."""
    if surface == "=other_incident":  # "killed or missing": one count of two outcomes
        return "other_incident", phrase.subject or "people"
    if surface.startswith("="):  # "launched", fixed by the rule itself: only weapons are launched
        weapons = phrase.subject and GROUPS[phrase.subject] == "weapons"
        return (surface[1:], phrase.subject) if weapons and phrase.subject else None
    group = GROUPS[phrase.subject] if phrase.subject else None
    found = metric_of(surface, group)
    subject = phrase.subject
    if found is None and phrase.inherited:  # the subject was only borrowed; let the verb decide
        found, subject = metric_of(surface, None), None
    if found is None:
        return None
    metric, implied = found
    if phrase.unknown_noun and metric not in PEOPLE_METRICS and implied != "people":
        return None
    if metric == "deployed" and (subject or phrase.left_subject) not in ("troops", "soldiers"):
        return None  # police or workers sent somewhere are not a troop deployment
    if subject is None and phrase.left_subject and GROUPS[phrase.left_subject] == implied:
        subject = phrase.left_subject
    subject = subject or DEFAULT_SUBJECT.get(implied or "")
    return (metric, subject) if subject else None
