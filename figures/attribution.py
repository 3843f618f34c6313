"""Who the text credits with each figure: "X said", "according to X", quotes, pronouns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .lexicons import SOURCE_LEADS, SOURCE_NOUNS, SOURCE_VERBS, Pattern, alternation
from .records import Sentence
from .sentences import last_before

# Lowercase only: "Chiapas States" is a place, not a verb.
VERB = Pattern(rf"(?<![\w’'-])(?:{alternation(SOURCE_VERBS)})(?![\w’'-])")
_DAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# What may follow a verb that closes a sentence's attribution: "..., the ministry said on Friday."
TRAILING_TAIL = Pattern(
    rf"(?:\s+(?:(?:on|in|at|late|early|last|this|via|through|during|after|from|to)\s+[^,.;:“”\"]{{0,40}}?"
    rf"|today|yesterday|{_DAY}(?:\s+(?:morning|evening|night))?))?\s*(?:[.,;:!?”\"]|$)"
)
APPOSITIVE = Pattern(
    r"^\W*(?P<name>(?:[A-Z][\w’'.-]+\s+(?:(?:for|of|on|and|the)\s+){0,2}){1,5}[A-Z][\w’'.-]+),"
    r"\s+(?:the|a|an)\s+[^,;“”\"]{3,80},\s*$"  # "The Observatory for Human Rights, a monitor,"
)
TITLED = Pattern(  # "the governor, Vitaliy Kim, said"
    r"(?:^|[,“”\"]\s*)\W*(?i:the|a|an)\s+[^,;“”\"]{3,60},\s+"
    r"(?P<name>(?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'.-]+),\s*$"
)
_ORGANISATION = r"company|firm|operator|agency|group|organisation|organization"
BARE_DESCRIPTION = Pattern(rf"(?i:the)\s+({_ORGANISATION})")
INTRODUCED = Pattern(  # "energy company, Naftogaz," introduces Naftogaz as "the company"
    rf"\b(?P<noun>{_ORGANISATION}),\s+"
    r"(?P<name>[A-Z][\w’'&.-]+(?:\s+[A-Z][\w’'&.-]+){0,3}),"
)
QUOTE_FOLLOWS = Pattern(r"\s*[,:]\s*[“\"«]")
# A wire dateline opens a story and names a place and an agency, never the source of a figure:
# "KHARKIV:", "GAZA CITY (Reuters) –", "DNIPRO, Ukraine, May 3 (AP) —".
DATELINE = Pattern(
    r"""
    ^[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*            # the place, in capitals
    (?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)*            # its country or state
    (?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?               # a date: "May 3"
    (?:\s*\([^()]{1,40}\)\s*[:–—-]|\s*[–—-]|:)\s+       # the agency in brackets, a dash or a colon
    """,
    regex.VERBOSE,
)
# "an estimated 400", "a reported 300": the verb is an adjective of the number, no attribution.
ADJECTIVE_BEFORE = Pattern(r"(?<![\w-])(?i:an?|the)\s+$")
# "accused X of ...", "claimed responsibility": the verb blames or owns, it reports no figure.
NOT_REPORTING = Pattern(
    r"accus\w*\s+[^,.;]{1,60}?\bof\b|claim\w*\s+(?:responsibility|[^,.;]{0,30}?\blives\b"
    r"|(?:the|an?)\s+(?:\w+\s+)?(?:attacks?|bombings?|strikes?|blasts?|assaults?|killings?))",
    regex.IGNORECASE,
)  # "The fires have claimed 24 lives", "ISIS claimed the bombing": an outcome, an act owned
# "Karachi recorded 41 deaths, officials said": a verb whose object is the figure credits its
# subject only when no one else is credited.
COUNTING = frozenset("recorded records counted counts tallied registered logged".split())
COUNTS_FIGURE = Pattern(r"\s+(?:(?:at\s+least|more\s+than|over|nearly|about|some)\s+)?\d")
# "with the army reporting that ...": a participle that reports after a named subject.
REPORTING = Pattern(r"(?<![\w-])(?:reporting|saying|stating)\b")
WITH_SUBJECT = Pattern(r"(?<![\w-])with\s[^,;:]{2,80}$")
# "... said this on Telegram", "... provided this information": the next sentence credits the
# figures of this one.
SAID_THIS = Pattern(
    r"(?<![\w-])(?:said|reported|confirmed|gave|provided|announced|shared|posted|released)\s+"
    r"(?:this|these|the\s+(?:figures?|numbers?|toll|tally|information|data)"
    r"|this\s+(?:figure|number|toll|tally|information))(?![\w-])"
)
CONFIRMED_BY = Pattern(
    r"^\W*(?:this|these|the\s+(?:figures?|numbers?|toll|tally|information))\s+(?:was|were|has\s+been"
    r"|have\s+been)\s+(?:confirmed|reported|given|announced|provided|released)\s+by\s+",
    regex.IGNORECASE,
)
# A headline that ends with its source: "Up to 120 missiles fired at the city: Ministry".
HEADLINE_SOURCE = Pattern(
    r":\s+(?P<source>[A-Z][\w’'.&-]*(?:\s+[\w’'.&-]+){0,3})\s*$"
    r"|,\s+(?P<source>[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3})\s+(?:Says|Said|Reports|Confirms)\s*$"
)  # "...: Ministry", "..., NEMA Says"
# A headline that opens with its source: "Israel Says It Killed 20 Militants", "Police: 2 Dead".
HEADLINE_LEAD = Pattern(
    r"^(?P<source>[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3})"
    r"(?:\s+(?:Says|Said|Reports|Confirms|Claims)\s+|:\s+(?=\S*\d|[A-Z]))"
)
# Time words between a source and its verb ("officials on Sunday said"), never part of a name.
TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night
    today yesterday overnight week weekend month
    """.split()
)
TIME_LEADS = frozenset("on last this early late".split())
# Words that end a source's name when read backwards from its verb.
BREAK_WORDS = frozenset(
    """
    in on at by with from to into over after before during since while as than that which who
    is was were are be been being has have had do does did will would could can may might
    not no but or if when where because although though whereas people killed injured
    wounded dead missing said says told reported
    """.split()
)
PLACED = frozenset("in at on near across over into from throughout around inside outside".split())
LEADING_JUNK = frozenset(
    "while but and as meanwhile however also so then yet still now later earlier of for in on at "
    "by with from after during since".split()
)
LEAD = Pattern(rf"(?<![\w-])(?:{alternation(SOURCE_LEADS)})\s+", regex.IGNORECASE)
PUT_FIGURE = Pattern(
    r"(?<![\w-])(?:puts?|putting|placed|places)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    r"(?:figure|number|toll|tally|total|estimate)\b",
    regex.IGNORECASE,
)
TOKEN = Pattern(r"[\w’'.&-]+|[(),;“”\"«»—–]")
SKIP_BEFORE_VERB = frozenset(
    """
    has have had also later previously now further initially all both then again earlier
    reportedly officially separately too said
    """.split()
)
PRONOUNS = {
    "he": "person",
    "she": "person",
    "it": "any",
    "they": "any",
    "i": "first",
    "we": "first",
    "the statement": "any",
    "the report": "any",
    "the post": "any",
    "the message": "any",
}
QUOTE_SPAN = Pattern(r"[“\"«][^“”\"«»]*(?:[”\"»]|$)")
CITATION = Pattern(r"^\((?P<source>[^,()]{2,60}),\s*[^()]*\d{4}\)$")
TRAILING_CITATION = Pattern(
    r"\((?P<source>[A-Z][^,()]{1,59}),\s*\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}\)\s*\.?\s*$"
)
CLOSING = Pattern(r"\s*(?:[.;!?”\"]|$)")
AND_BEFORE = Pattern(r"\band\s+$")
CLOSING_QUOTES = '”"»'
OPENING_QUOTE = Pattern(r"^[“\"«‘]")
QUOTE_MARK = Pattern(r"[“”\"«»]")
# A title's full stop does not end a name: "said Dr. Farid Ahmadi".
_TITLES = r"Dr|Mr|Mrs|Ms|Gov|Lt|Col|Gen|Sgt|Capt|Maj|Rep|Sen|Prof|Rev|Insp|Supt|Brig|Adm|Cpl"
END_OF_SOURCE = Pattern(
    rf"[,;:()“”\"]|(?<!\b(?:{_TITLES}))\.|\s+(?:that|on|in|at|as|after|while|who|when)\s"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A source named in a sentence; it governs figures `after` its verb, or before it."""

    position: int
    source: str
    governs_after: bool
    in_quote: bool
    reports: bool = True  # False for "X accused Y of": X may be "he" later, but states no figure
    counts: bool = False  # "X recorded 41 deaths": second to any other attribution


# Words a source's name may hold but never consists of: "The number of" names no one.
GLUE_WORDS = frozenset("the a an of for and".split())


def _is_name_word(token: str) -> bool:
    """A word that can stand in a source's name: capitalised ("Kim", "al-Qudra" after its
    particle) or a known title word ("governor", "ministry", "officials")."""
    bare = token.removesuffix("’s").removesuffix("'s")
    if "-" in bare and bare.rsplit("-", 1)[-1][:1].isupper():
        return True
    lower = bare.lower()
    singular = lower[:-3] + "y" if lower.endswith("ies") else lower.removesuffix("s")
    known = (
        lower in SOURCE_NOUNS or singular in SOURCE_NOUNS or token.lower() in SOURCE_NOUNS
        or f"{lower}s" in SOURCE_NOUNS  # "doctor" where the table lists "doctors"
    )  # fmt: skip
    return bool(bare) and (bare[0].isupper() or known)


def _is_source_noun(token: str) -> bool:
    """A title or body word of a source ("police", "Officials"), not a name."""
    lower = token.lower()
    return lower in SOURCE_NOUNS or lower.removesuffix("s") in SOURCE_NOUNS


def _skips_before_verb(tokens: list[tuple[int, str]]) -> bool:
    """Whether the last token stands between a source and its verb: "also", "on Sunday"."""
    last = tokens[-1][1].lower()
    if last in TIME_WORDS:
        while len(tokens) > 1 and tokens[-2][1].lower() in TIME_WORDS | TIME_LEADS:
            tokens.pop()  # "on Friday morning": "on" and "Friday" go with "morning"
        return True
    return last in SKIP_BEFORE_VERB or (last.endswith("ly") and not _is_name_word(last))


def _source_before(text: str, verb_start: int, floor: int = 0) -> tuple[str, int] | None:
    """The naming phrase that ends just before a verb ("Ukraine's air force" in "... wrote"),
    with where it starts; nothing before `floor` (a dateline) is read."""
    tokens = [(m.start(), m.group()) for m in TOKEN.finditer(text, floor, verb_start)]
    while tokens and _skips_before_verb(tokens):
        tokens.pop()
    if tokens and tokens[-1][1].lower() in PRONOUNS:
        return tokens[-1][1].lower(), tokens[-1][0]
    if len(tokens) > 1 and f"{tokens[-2][1]} {tokens[-1][1]}".lower() in PRONOUNS:
        return f"{tokens[-2][1]} {tokens[-1][1]}".lower(), tokens[-2][0]
    appositive = APPOSITIVE.match(text, floor, verb_start) or TITLED.search(text, floor, verb_start)
    if appositive:  # "Serhiy Lysak, the governor of X, said", "the governor, Vitaliy Kim, said"
        return appositive.group("name"), appositive.start("name")
    taken: list[tuple[int, str]] = []
    listed = False  # past a list comma ("Ukraine, the US and South Korea") only names go on
    while tokens and len(taken) < 14:
        token = tokens[-1][1]
        lower = token.lower()
        # "Ukraine, the US and South Korea said"; not "Goma, and the UN", "Thursday, police
        # and residents", "across Japan, the Fire and Disaster Management Agency"
        oxford = bool(taken) and taken[0][1] == "and" and len(tokens) > 2 and tokens[-3][1] == ","
        in_list = (
            token == "," and len(tokens) > 1
            and (any(t.lower() == "and" for _, t in taken[1:]) or oxford)
            and tokens[-2][1].lower() not in TIME_WORDS
            and not (len(tokens) > 2 and tokens[-3][1].lower() in PLACED)
        )  # fmt: skip
        plain = token.isalpha() and token.islower() and lower not in BREAK_WORDS
        named_on = (  # "the Commission on Human Rights"
            lower == "on" and taken and taken[0][1][:1].isupper() and len(tokens) > 1
            and tokens[-2][1][:1].isupper()
        )  # fmt: skip
        if (
            in_list
            or token in "()"
            or _is_name_word(token)
            or lower in ("of", "for", "and")
            or named_on
        ):
            listed = listed or in_list
            taken.insert(0, tokens.pop())
        elif plain and not listed and not lower.endswith("ing"):
            taken.insert(0, tokens.pop())  # "the national disaster agency"
        elif (
            lower in ("in", "at") and taken and taken[0][1][:1].isupper() and len(tokens) > 1
            and _is_source_noun(tokens[-2][1])
        ) or (
            lower in ("on", "at") and [t.lower() for _, t in taken[:2]] == ["the", "scene"]
        ):  # fmt: skip
            taken.insert(0, tokens.pop())  # "police in Texas", "officials at the scene"
        else:
            break
    # The phrase starts at its determiner or its first name: "killing 47 people the agency"
    while taken and not (_is_name_word(taken[0][1]) or taken[0][1].lower() in ("the", "a", "an")):
        taken.pop(0)
    while taken and (taken[0][1].lower() in LEADING_JUNK or taken[0][1] in ",)"):
        taken.pop(0)
    if not any(_is_name_word(t) and t.lower() not in GLUE_WORDS for _, t in taken):
        return None
    if tokens and tokens[-1][1] == "," and taken[0][1].lower() in ("the", "a"):
        name = tokens[:-1]
        opening = bool(name) and name[0][1].lower() in LEADING_JUNK  # "In Rakhine State, the"
        if 2 <= len(name) <= 4 and all(t[0].isupper() for _, t in name) and not opening:
            return " ".join(t for _, t in name), name[0][0]
    first, last = taken[0][0], taken[-1][0] + len(taken[-1][1])
    return text[first:last].strip(), first


def _after_place_word(text: str, start: int) -> bool:
    """Whether a preposition of place stands right before `start`."""
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].lower() in ("in", "across", "at", "near", "throughout")


def _source_after(text: str, start: int) -> str | None:
    """The naming phrase after "according to" or "said": up to the end of its clause."""
    rest = text[start:]
    stop = END_OF_SOURCE.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    words = phrase.split()
    if not words or len(words) > 12:
        return None
    k = 1 if words[0].lower() in ("the", "a", "an") and len(words) > 1 else 0
    head = words[k]
    if head.endswith(("'s", "’s")) and len(words) > k + 1:  # "the territory's health ministry"
        head = words[k + 1]
    return phrase.strip() if _is_name_word(head) else None


def _speaker_after(text: str, start: int) -> str | None:
    """The speaker named after a verb that ends its sentence: "..., said Gov Serhiy Lysak." (the
    name words only: "said Colonel James Wright of the fire department" gives the colonel)."""
    phrase = _source_after(text, start)
    if phrase is None:
        return None
    words: list[str] = []
    split = phrase.split()
    for k, word in enumerate(split):
        if not (_is_name_word(word) or (words and word.lower() in ("of", "for", "and"))):
            break
        if word.lower() in ("of", "for"):  # "Minister of Health", not "X of the fire service"
            following = [w for w in split[k + 1 : k + 3] if w.lower() != "the"]
            if not following or not following[0][:1].isupper():
                break
        words.append(word)
    while words and words[-1].lower() in ("of", "for", "and", "the"):
        words.pop()
    return " ".join(words) if words and len(words) <= 8 else None


def find_attributions(text: str) -> list[Attribution]:
    """Every source a sentence names, with where it stands and which way it governs."""
    quotes = [m.span() for m in QUOTE_SPAN.finditer(text)]

    def quoted(position: int) -> bool:
        return any(a < position < b for a, b in quotes)

    dateline = DATELINE.match(text)
    floor = (
        dateline.end()
        if dateline and (dateline.group().rstrip()[-1] != ":" or text.rstrip()[-1:] in '.!?"”')
        else 0
    )
    found: list[Attribution] = []
    headline = HEADLINE_SOURCE.search(text) if text[-1:].isalnum() else None
    if headline and _is_name_word(headline.group("source").split()[0]):
        found.append(Attribution(headline.start(), headline.group("source"), False, False))
    opening = HEADLINE_LEAD.match(text) if text[-1:].isalnum() and not headline else None
    # "Police: 2 Dead": before a colon only a source noun speaks ("Gaza: 40 Killed" is a place)
    said = opening and (":" not in opening.group() or _is_source_noun(opening.group("source")))
    if opening and said and _is_name_word(opening.group("source").split()[0]):
        found.append(Attribution(opening.end(), opening.group("source"), True, False))
    cited = TRAILING_CITATION.search(text) if text.rstrip(" .").endswith(")") else None
    if cited:  # "... were destroyed (OCHA, 30 Sep 2024)."
        found.append(Attribution(cited.start(), cited.group("source").strip(), False, False))
    for lead in LEAD.finditer(text):
        source = _source_after(text, lead.end())
        if source:
            # "According to X, ..." governs what follows; "..., according to X." what came before.
            closing = CLOSING.match(text, lead.end() + len(source))
            found.append(Attribution(lead.start(), source, closing is None, quoted(lead.start())))
    reporting = [
        m for m in REPORTING.finditer(text)
        if WITH_SUBJECT.search(text, max(0, m.start() - 90), m.start())
    ] if "with" in text else []  # fmt: skip
    for verb in [*VERB.finditer(text), *PUT_FIGURE.finditer(text), *reporting]:
        if VERB.match(text, verb.end() + 1):
            continue  # "reports indicate": the first word is the noun of the source
        if text.startswith(":", verb.end()):
            continue  # "Deaths confirmed: 14": a fact box's label, not a speaker
        if ADJECTIVE_BEFORE.search(text, max(0, verb.start() - 6), verb.start()):
            continue
        if found and AND_BEFORE.search(text, 0, verb.start()):  # "X claims ... and claims"
            named: tuple[str, int] | None = (found[-1].source, found[-1].position)
        else:
            named = _source_before(text, verb.start(), floor)
        if named is None and verb.group() in ("said", "says", "told", "reported", "wrote"):
            speaker = _speaker_after(text, verb.end())
            if speaker:
                found.append(Attribution(verb.start(), speaker, False, quoted(verb.start())))
            continue
        if named is None or _after_place_word(text, named[1]):
            continue  # "in Jonglei and Unity states, of whom": a place, and "states" no verb
        trailing = bool(TRAILING_TAIL.match(text, verb.end())) and not QUOTE_FOLLOWS.match(
            text, verb.end()
        )
        reports = NOT_REPORTING.match(text, verb.start()) is None
        counts = verb.group() in COUNTING and COUNTS_FIGURE.match(text, verb.end()) is not None
        found.append(
            Attribution(verb.start(), named[0], not trailing, quoted(verb.start()), reports, counts)
        )
    return sorted(found, key=lambda a: a.position)


def _has_quote(text: str) -> bool:
    """A cheap test before looking for quote marks one by one."""
    return '"' in text or "“" in text or "”" in text or "«" in text or "»" in text


def _pick(attributions: Sequence[Attribution], position: int) -> Attribution | None:
    """The attribution that governs a figure at `position`: the nearest leading one before it,
    else the nearest trailing one after it, else the nearest at all."""
    attributions = [a for a in attributions if a.reports]
    if any(a.counts for a in attributions) and not all(a.counts for a in attributions):
        attributions = [a for a in attributions if not a.counts]
    leading = [a for a in attributions if a.governs_after and a.position < position]
    if leading:
        return leading[-1]
    trailing = [a for a in attributions if not a.governs_after and a.position > position]
    if trailing:
        return trailing[0]
    if attributions:
        return min(attributions, key=lambda a: abs(a.position - position))
    return None


class Speakers:
    """Resolves the source of any figure of a document, sentence by sentence.

    Sentences are read only when asked about, so a long document with few figures costs little.
    """

    def __init__(self, sentences: Sequence[Sentence], figures_at: Sequence[Sequence[int]]) -> None:
        self.sentences = sentences
        self.figures_at = figures_at
        self._found: dict[int, list[Attribution]] = {}
        self._fallback: dict[int, str | None] = {}
        self._named_before: dict[int, str | None] = {}
        self._citations: dict[int, str] | None = None
        self._quoted: list[bool] | None = None

    def found(self, index: int) -> list[Attribution]:
        if index not in self._found:
            self._found[index] = find_attributions(self.sentences[index].text)
        return self._found[index]

    def named(self, index: int) -> str | None:
        """The last source named (not a pronoun) before sentence `index`."""
        return last_before(index, self._named_before, self._last_name)

    def _last_name(self, index: int) -> str | None:
        names = [a.source for a in self.found(index) if a.source.lower() not in PRONOUNS]
        return names[-1] if names else None

    def _resolve(self, index: int, attribution: Attribution) -> str | None:
        source = attribution.source
        kind = PRONOUNS.get(source.lower())
        if kind is None:
            return self._named_as(index, source) or source
        same = [
            a for a in self.found(index) if a.position < attribution.position or kind == "first"
        ]
        if kind == "first":  # "we" inside a quote is whoever the quote is credited to
            outside = [a for a in same if not a.in_quote and a.source.lower() not in PRONOUNS]
            if outside:
                return outside[0].source
            quoted = self.sentences[index].text
            if attribution.in_quote or OPENING_QUOTE.match(quoted) or self._in_quote(index):
                speaker = self._quote_speaker(index)
                if speaker:
                    return speaker
        named = [a.source for a in same if a.source.lower() not in PRONOUNS]
        return named[-1] if named else self.named(index)

    def _named_as(self, index: int, source: str) -> str | None:
        """The name a bare "the company" stands for, from an earlier sentence that introduced
        it: "Ukraine's energy company, Naftogaz, ..." then "The company said ..."."""
        bare = BARE_DESCRIPTION.fullmatch(source)
        if not bare:
            return None
        noun = bare.group(1).lower()
        for earlier in range(index - 1, max(-1, index - 4), -1):
            for m in INTRODUCED.finditer(self.sentences[earlier].text):
                if m.group("noun").lower() == noun:
                    return m.group("name")
        return None

    def fallback(self, i: int) -> str | None:
        """The source of a sentence that names none: a quote's speaker, the statement continued
        from the sentence before ("..., it said. Sixty-six were ..."), or a closing citation."""
        if i not in self._fallback:
            found: str | None = None
            if OPENING_QUOTE.match(self.sentences[i].text) or self._in_quote(i):
                found = self._quote_speaker(i)
            if found is None:
                found = self._said_this(i + 1)
            if found is None and i and self.figures_at[i - 1]:
                found = self.source(i - 1, self.figures_at[i - 1][-1])
            if found is None:
                found = self._cited(self.sentences[i].paragraph)
            self._fallback[i] = found
        return self._fallback[i]

    def _said_this(self, index: int) -> str | None:
        """The source of sentence `index` when it credits the one before: "X said this"."""
        if index >= len(self.sentences):
            return None
        text = self.sentences[index].text
        by = CONFIRMED_BY.match(text)
        if by:  # "This was confirmed by the state's relief commissioner."
            source = _source_after(text, by.end())
            return (
                self._resolve(index, Attribution(by.end(), source, True, False)) if source else None
            )
        said = SAID_THIS.search(text)
        named = _source_before(text, said.start()) if said else None
        return self._resolve(index, Attribution(named[1], named[0], True, False)) if named else None

    def _in_quote(self, index: int) -> bool:
        """Whether sentence `index` starts inside a quote opened by an earlier sentence of its
        paragraph ("“Two died. Nine are missing,” she said." holds a second sentence)."""
        if self._quoted is None:  # one walk over the document
            self._quoted, inside, paragraph = [], False, -1
            for sentence in self.sentences:
                inside = inside and sentence.paragraph == paragraph
                paragraph = sentence.paragraph
                self._quoted.append(inside)
                marks = QUOTE_MARK.findall(sentence.text) if _has_quote(sentence.text) else ()
                for ch in marks:
                    inside = ch in "“«" or (ch == '"' and not inside)
        return self._quoted[index]

    def _cited(self, paragraph: int) -> str | None:
        """A ReliefWeb-style closing citation "(UN RC for Mozambique, 10 Mar 2019)"."""
        if self._citations is None:  # one walk over the document finds every paragraph's
            self._citations = {}
            for sentence in self.sentences:
                cited = CITATION.match(sentence.text) if sentence.text.startswith("(") else None
                if cited:
                    self._citations.setdefault(sentence.paragraph, cited.group("source").strip())
        return self._citations.get(paragraph)

    def _quote_speaker(self, i: int) -> str | None:
        """A quote that runs on ("“... . ...,” it added.") or follows a quote ("... ,” X said.")."""
        closes = any(ch in CLOSING_QUOTES for ch in self.sentences[i].text[1:])
        for j in range(i + 1, min(i + 4, len(self.sentences))) if not closes else ():
            if any(ch in CLOSING_QUOTES for ch in self.sentences[j].text):
                return self._resolve(j, self.found(j)[-1]) if self.found(j) else None
        if i and OPENING_QUOTE.match(self.sentences[i - 1].text) and self.found(i - 1):
            return self._resolve(i - 1, self.found(i - 1)[-1])
        return None

    def source(self, index: int, position: int) -> str | None:
        """Who sentence `index` credits with a figure standing at `position` in it."""
        chosen = _pick(self.found(index), position)
        if chosen is None:
            return self.fallback(index)
        return self._resolve(index, chosen)


def attribute(sentences: Sequence[Sentence], figures_at: Sequence[Sequence[int]]) -> Speakers:
    """The speakers of a document's sentences; `figures_at[i]`: where sentence i's figures are."""
    return Speakers(sentences, figures_at)
