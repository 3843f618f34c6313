"""What a number counts: the noun phrase after it ("Shahed drones", "of the 22 drones", "others"),
the subject it names or borrows, and what the sentence has said so far."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import regex

from ..lexicons import (
    COMPLEMENTS,
    METRIC_WORDS,
    OUTCOME_NOUNS,
    SUBJECT_WORDS,
    Pattern,
    alternation,
)
from ..records import Label, NumberMention, Sentence
from .vocabulary import (
    AUX_WORD,
    FILLER,
    GROUPS,
    METRIC_ANYWHERE,
    METRIC_FIRST_WORDS,
    METRIC_RE,
    STOP_RE,
    STOP_WORD,
    SUBJECT_ANYWHERE,
    SUBJECT_RE,
    make_label,
    metric_of,
    subject_of,
)

_COMPLEMENT = rf"(?:{alternation(COMPLEMENTS)})(?![\w-])"  # "200 pupils hostage": no noun
NOUN_PHRASE = Pattern(
    rf"""
    ["”’]?\s+
    (?P<of>(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|these\s+|those\s+)?)?
    (?P<mods>(?:(?!(?:{STOP_RE}|{METRIC_RE})\b)(?:(?:[A-Z]\.){{2,}}|[\w’'/-]+)\s+){{0,3}}?)
    (?:(?<=[\#"”’]\s+)|(?!{_COMPLEMENT}))  # "one hostage", but not "200 pupils hostage"
    (?P<subject>{SUBJECT_RE})                                        # "Shahed drones"
    (?:\s+(?!{_COMPLEMENT})(?P<subject2>{SUBJECT_RE}))?(?![\w-])  # not "captives hostage"
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
OTHERS = Pattern(r"\s+(?:other\s+people|others|more|other)\b", regex.IGNORECASE)
ANOTHER = Pattern(r"\b(?:another|a\s+further)\s+$", regex.IGNORECASE | regex.REVERSE)
# "nine members of the security forces": a group named by what its members belong to
MEMBERS_OF = Pattern(
    rf"\s+of\s+(?:the|its|their|his|her|an?)\s+(?P<subject>{SUBJECT_RE})(?![\w-])",
    regex.IGNORECASE,
)
OF_THEM = Pattern(r"\s+(?:of\s+(?:them|whom|which|those|these))\b", regex.IGNORECASE)
# "Fourteen of the injured are children", "hundreds of casualties", "dozens of deaths".
OF_METRIC = Pattern(
    r"[\"”’]?\s+of\s+(?:(?:the|those)\s+(?P<metric>injured|wounded|dead|killed|missing|victims)"
    r"|(?P<metric>casualties|deaths|fatalities|injuries))\b"
    r"(?:\s+(?:are|were|was|is)\s+(?P<subject>[\w’'-]+))?",
    regex.IGNORECASE,
)
# "15 of the 22 drones", "Of the 40 drones, 36 ...": the 22 and the 40 are totals.
TOTAL_BEFORE = Pattern(
    r"(?:#\s+(?:out\s+)?|^\W*|\b(?:half|most|many|some|all|none|part|majority|each|any)\s+)"
    r"of\s+(?:the\s+)?(?:[\w-]+[’']s\s+)?$",  # "358 of the town's 1,113 structures"
    regex.IGNORECASE | regex.REVERSE,
)
DIED_AFTER = Pattern(
    r"\s+(?:(?:later|subsequently|have|has|had|since)\s+)*(?:died|succumbed|perished)\b",
    regex.IGNORECASE,
)
FRONTED_OF = Pattern(r"^\W*of\s+(?:them|those|these|whom)\s*,?\s*$", regex.IGNORECASE)
# "Out of a total of 900 homes damaged, 300 are destroyed": the part counts the total's noun.
FRONTED_TOTAL = Pattern(
    rf"^\W*(?:out\s+)?of\s+(?:the|a\s+total\s+of|all)?\s*#+\s+(?P<subject>{SUBJECT_RE})\b[^#]*,\s*$",
    regex.IGNORECASE,
)
AND_NEXT = Pattern(r"\s+and\b")
OF_TOTAL = Pattern(r"\s+(?:out\s+)?of\s+(?:the\s+)?(?:[\w-]+[’']s\s+)?(?=#)", regex.IGNORECASE)
OF_NOUN = Pattern(  # "one of the officials", "four of the city's districts"
    r"\s+of\s+(?:the|its|their|these|those|his|her)\s+(?P<word>[A-Za-z][\w’'-]*)"
)
NEXT_WORD = Pattern(r"\s+(?P<word>[A-Za-z][\w’'-]*)")
# "of the", "of its": a partitive, unlike "hundreds of"
OF_DETERMINER = Pattern(r"\s\w+\s+$", regex.REVERSE)
LABEL = Pattern(r"^\W*(?P<label>[A-Z][A-Za-z’' ]{2,40})(?::|\t)")  # "LOSSES: 720", "Fatalities\t1"


class Context:
    """What the sentence has said so far: the last figure, and numbers that were refused."""

    def __init__(
        self, sentence: Sentence, previous: Label | None, columns: Mapping[int, str] | None = None
    ) -> None:
        self.previous = previous
        self.columns = columns or {}  # a table row's numbers: their column labels
        self.last: Label | None = None
        self.refused_end = -1
        label = LABEL.match(sentence.text)
        self.label = label.group("label") if label else ""
        self.phrases: dict[int, Phrase] = {}  # by mention start: what each number counts


class Phrase:
    """What follows a number: the subject it counts and where that noun phrase ends."""

    def __init__(self, end: int) -> None:
        self.subject: str | None = None
        self.end = end
        self.inherit = False  # "of them", "others": the subject is the figure before's
        self.inherited = False  # the subject was borrowed from the figure before
        self.left_subject: str | None = None  # "drones were shot down over X – 60 in total"
        self.partitive = False  # "15 of the 22 drones": the 15
        self.total = False  # "15 of the 22 drones": the 22
        self.fronted = False  # "Of those, 25 were intercepted"
        self.unknown_noun = False
        self.noun_metric: str | None = None  # "40 hostages": the noun itself says captured
        self.noun: tuple[int, int] | None = None  # where the counted noun phrase stands
        self.labels: list[Label] | None = None


def read_phrase(masked: str, mention: NumberMention, ctx: Context) -> Phrase:
    phrase = Phrase(mention.end)
    phrase.total = bool(TOTAL_BEFORE.search(masked, max(0, mention.start - 30), mention.start))
    of_total = OF_TOTAL.match(masked, mention.end)
    of_metric = OF_METRIC.match(masked, mention.end)
    noun = NOUN_PHRASE.match(masked, mention.end)
    if of_total:
        stop = of_total.end()
        while stop < len(masked) and masked[stop] == "#":
            stop += 1
        inner = NOUN_PHRASE.match(masked, stop)
        if inner:
            phrase.subject, phrase.end = noun_subject(inner), inner.end()
            phrase.noun = inner.start("mods"), inner.end()
            phrase.partitive = True
    elif noun:
        phrase.subject, phrase.end = noun_subject(noun), noun.end()
        phrase.noun = noun.start("mods"), noun.end()
        last = (noun.group("subject2") or noun.group("subject")).lower()
        phrase.noun_metric = last if last in OUTCOME_NOUNS else None
        phrase.partitive = bool(
            OF_DETERMINER.search(noun.group("of") or "")
        )  # "of the", not "hundreds of"
        member = MEMBERS_OF.match(masked, noun.end()) if phrase.subject == "people" else None
        if member and GROUPS[belongs := subject_of(member.group("subject"))] == "people":
            phrase.subject = belongs
        mods = noun.group("mods")
        own = METRIC_ANYWHERE.search(mods) if mods else None
        found = metric_of(own.group("metric"), GROUPS[phrase.subject]) if own else None
        if found:
            phrase.labels = [make_label(mention, found[0], phrase.subject, "own_trigger")]
    elif of_metric:
        word = of_metric.group("subject") or ""
        subject = subject_of(word) if word.lower() in SUBJECT_WORDS else "people"
        metric = of_metric.group("metric").replace("victims", "killed")
        if DIED_AFTER.match(masked, of_metric.end()):  # "Two of the injured later died"
            metric = "died"
        found = metric_of(metric, "people")
        phrase.labels = [make_label(mention, found[0], subject, "partitive")] if found else []
    elif inherit := (OF_THEM.match(masked, mention.end) or OTHERS.match(masked, mention.end)):
        phrase.inherit, phrase.end = True, inherit.end()
    elif ANOTHER.search(masked, max(0, mention.start - 12), mention.start):
        phrase.inherit = True  # "Another 6 were wounded": more of what was counted before
    if mention.text.lower() == "both" and (
        (phrase.subject is None and not phrase.inherit) or AND_NEXT.match(masked, phrase.end)
    ):  # "both sides", "both killed and wounded", "both fighters and envoys": not a count of two
        phrase.labels = []
    if phrase.subject is None and not phrase.inherit:
        word = OF_NOUN.match(masked, phrase.end) or NEXT_WORD.match(masked, phrase.end)
        phrase.unknown_noun = (
            word is not None and is_noun(word.group("word")) and not _starts_metric(masked, word)
        )
        if word is not None and phrase.unknown_noun:  # "Five fishermen are still missing"
            phrase.end = word.end()
            phrase.noun = word.start("word"), word.end()
            second = NEXT_WORD.match(masked, phrase.end)  # "Two Israeli hostages and ..."
            if (
                second
                and second.group("word").lower() not in METRIC_FIRST_WORDS
                and is_noun(second.group("word"))
            ):
                phrase.end = second.end()
                phrase.noun = word.start("word"), second.end()
    # "Of those, 25 were intercepted": the figure before, even in the sentence before.
    phrase.fronted = bool(FRONTED_OF.search(masked, 0, mention.start))
    phrase.inherit = phrase.inherit or (phrase.fronted and phrase.subject is None)
    borrow = phrase.fronted or phrase.inherit
    source = ctx.last or (ctx.previous if borrow else None)
    if source and source.subject == "land":
        source = None  # an area is no subject for a count
    if (
        phrase.subject is None
        and not phrase.unknown_noun
        and source
        and (phrase.inherit or ctx.last)
    ):
        phrase.subject, phrase.inherited = source.subject, True
    fronted_total = (
        phrase.subject is None
        and masked.lstrip(" \"'“‘")[:3].lower() in ("of ", "out")
        and FRONTED_TOTAL.match(masked, 0, mention.start)
    )
    if fronted_total:
        phrase.subject, phrase.inherited = subject_of(fronted_total.group("subject")), True
    if phrase.subject is None and not phrase.unknown_noun:
        segment = masked[max(0, masked.rfind(",", 0, mention.start)) : mention.start]
        nouns = SUBJECT_ANYWHERE.findall(segment)
        phrase.left_subject = subject_of(nouns[-1]) if nouns else None
    return phrase


def _starts_metric(masked: str, word: regex.Match[str]) -> bool:
    """Whether the word starts a longer metric phrase: "42 unaccounted for" (not "two fires")."""
    metric = METRIC_ANYWHERE.match(masked, word.start("word"))
    return metric is not None and metric.end() > word.end("word")


def noun_subject(noun: regex.Match[str]) -> str:
    """The subject of "Shahed drones" is drones; of "civilian woman", civilians: of two subject
    words the last counts, unless it only says "people"."""
    first = subject_of(noun.group("subject"))
    second = subject_of(noun.group("subject2")) if noun.group("subject2") else None
    return first if second in (None, "people") and GROUPS[first] == "people" else second or first


def is_noun(word: str) -> bool:
    """Whether a word after a number names something we do not count ("279 attacks")."""
    return _is_noun(word.lower())


@functools.lru_cache(maxsize=8192)  # a pure function of the word; words recur
def _is_noun(lower: str) -> bool:
    if AUX_WORD.fullmatch(lower):
        return False  # "150 remained unaccounted for", "3 still missing"
    readings = METRIC_WORDS.get(lower, {})
    # A word with an area reading right after a number is a noun: "two fires", "three blazes".
    trigger = "land" not in readings and any(applies != "land" for applies in readings)
    participle = lower.endswith("ed") and len(lower) > 4  # "627 arrested": a verb, not a noun
    return not (
        lower in FILLER
        or STOP_WORD.fullmatch(lower)
        or trigger
        or lower.endswith("ly")
        or participle
    )
