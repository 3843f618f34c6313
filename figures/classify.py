"""Decide what each number of a sentence counts (metric, subject, unit), or that it is no figure.

The grammar lives here; the words live in `lexicons/*.csv`. A number becomes a figure through one
of these rules, whose id lands in the `rule` column:

- `area`: a number with an area unit ("1,300 km²") in a sentence about control, fire or flood;
- `own_trigger`: the metric stands after the number and its noun ("66 drones were destroyed",
  "292 deaths", "10 homes damaged");
- `verb_before`: an active verb or noun before it governs it ("killing 4", "death toll rose to 89");
- `partitive`: "15 of the 22 drones ... were downed" (and the 22 is what was launched);
- `list`: a number listed after a figure takes its metric ("killed 38, 24 in El Tarf");
- `label`: a header names the metric ("LOSSES: 720 homes");
- `anaphor`: "this figure could be over 700,000" takes the metric of the figure before;
- `troops`: a troop count with no other verb is a deployment;
- `all_launched`: "shot down all 29 drones" also says 29 were launched.

Overlaps follow one policy: the number layer keeps the longest span, then the earliest; here the
metric next to the number wins over one farther away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import regex

from .lexicons import (
    AFTER_ONLY,
    METRIC_WORDS,
    MONTH_NAMES,
    OUTCOME_NOUNS,
    QUALIFIERS,
    SUBJECT_WORDS,
    Pattern,
    alternation,
    normalise,
    not_figure_words,
)
from .records import Label, NumberMention, Sentence
from .units import UNIT_AFTER, UNIT_LABEL, Area, area_of, restates_an_area

GROUPS = {
    "people": "people", "civilians": "people", "children": "people", "soldiers": "people",
    "troops": "people", "drones": "weapons", "decoy_drones": "weapons", "missiles": "weapons",
    "shells": "weapons", "buildings": "buildings", "land": "land",
}  # fmt: skip
DEFAULT_SUBJECT = {"people": "people", "buildings": "buildings", "land": "land"}
PEOPLE_METRICS = frozenset({"killed", "injured", "missing", "captured", "evacuated"})

_METRIC = alternation(METRIC_WORDS)
_SUBJECT = alternation(SUBJECT_WORDS)
_QUALIFIER = alternation(QUALIFIERS)
_STOP = (
    r"(?:were|was|is|are|be|been|being|have|has|had|will|would|could|in|on|at|by|from|to|and|or"
    r"|but|with|over|into|of|that|which|who|as|for|than|after|before|during|while|the|a|an|said"
    r"|says|each|per|since|when|where|including|across|near|against|also|all|both|in|its|their)"
)
_AUX = (
    r"(?:were|was|is|are|be|been|being|have|has|had|will|would|could|may|might|got|get|gets"
    r"|remain|remained|remains|still|reportedly|later|also|all|both|reported|confirmed|declared"
    r"|listed\s+as|believed\s+to|thought\s+to|feared|presumed|said\s+to|initially|now|then"
    r"|subsequently|already|successfully|eventually|verified|to|found|pronounced|left|who|that|which"
    r"|so\s+far|in\s+total|ordered\s+to|forced\s+to|told\s+to|urged\s+to|asked\s+to|among\s+(?:the|those)|living|staying|sheltering"
    r"|\w+ly)"
)

NOUN_PHRASE = Pattern(
    rf"""
    ["”’]?\s+
    (?P<of>(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|these\s+|those\s+)?)?
    (?P<mods>(?:(?!(?:{_STOP}|{_METRIC})\b)(?:(?:[A-Z]\.){{2,}}|[\w’'/-]+)\s+){{0,3}}?)
    (?P<subject>{_SUBJECT})(?:\s+(?P<subject2>{_SUBJECT}))?(?![\w-])  # "Shahed drones"
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
OTHERS = Pattern(r"\s+(?:other\s+people|others|more|other)\b", regex.IGNORECASE)
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
    r"of\s+(?:the\s+)?$",
    regex.IGNORECASE,
)
# "19 soldiers were returned", "40 troops surrendered": a verb we do not count, not a deployment.
OTHER_VERB = Pattern(
    r"\s+(?:(?:were|was|have|has|had|been|being|are|is|reportedly|later)\s+)*[a-z]+ed\b"
)
# "the army has 150,000 soldiers and 80,000 reservists": a size, even for the second item
HAS_BEFORE = Pattern(
    r"\b(?:has|have|had|having|with|employs|numbers)\s+(?:\w+\s+){0,2}"
    r"(?:#+(?:\s+\w+){0,3}\s*(?:,|and)\s+(?:\w+\s+){0,2})*$"
)
SUBSET_LEAD = Pattern(r"\bincluding\s+$", regex.IGNORECASE)
FRONTED_OF = Pattern(r"^\W*of\s+(?:them|those|these|whom)\s*,?\s*$", regex.IGNORECASE)
# "Out of a total of 900 homes damaged, 300 are destroyed": the part counts the total's noun.
FRONTED_TOTAL = Pattern(
    rf"^\W*(?:out\s+)?of\s+(?:the|a\s+total\s+of|all)?\s*#+\s+(?P<subject>{_SUBJECT})\b[^#]*,\s*$",
    regex.IGNORECASE,
)
PREDICATE = Pattern(r"\s+(?:were|are|was|is)\s+(?P<word>[A-Za-z]+)")
# "a 3,000-strong force", "the 800-strong contingent": the number counts troops.
STRONG_FORCE = Pattern(
    r"[-‐\s]strong\s+(?:[\w’'-]+\s+){0,2}?(?:force|forces|strike\s*force|brigade|contingent"
    r"|battalion|detachment|unit|mission|army|garrison|deployment|task\s+force)\b",
    regex.IGNORECASE,
)
# "Brigade 45", "Flight 17": a bare number after a name is a designation, not a count.
NAME_BEFORE = Pattern(r"(?<![.!?:]\s*)\b[A-Z][a-z]+\s$")
AND_NEXT = Pattern(r"\s+and\b")
ALL_BEFORE = Pattern(r"\ball\s+$", regex.IGNORECASE)
STOP_WORD = Pattern(_STOP, regex.IGNORECASE)
AUX_WORD = Pattern(_AUX, regex.IGNORECASE)
METRIC_FIRST_WORDS = frozenset(surface.split()[0] for surface in METRIC_WORDS if " " in surface)
SUBJECT_ANYWHERE = Pattern(rf"(?<![\w-])({_SUBJECT})(?![\w-])", regex.IGNORECASE)
OF_TOTAL = Pattern(r"\s+(?:out\s+)?of\s+(?:the\s+)?(?=#)", regex.IGNORECASE)
OF_NOUN = Pattern(  # "one of the officials", "four of the city's districts"
    r"\s+of\s+(?:the|its|their|these|those|his|her)\s+(?P<word>[A-Za-z][\w’'-]*)"
)
NEXT_WORD = Pattern(r"\s+(?P<word>[A-Za-z][\w’'-]*)")
EACH_PLACES = Pattern(r"\s+each\s+(?:over|in|at|on)\s+(?P<places>[^.;:#]+)", regex.IGNORECASE)
RIGHT_TRIGGER = Pattern(
    rf"""
    \)?                                                # the end of a bracket: "(36,725 people)"
    (?:\s*,[^,.;:]{{1,40}},|\s*\([^()]{{1,40}}\)|\s+[–—-][^–—]{{1,50}}[–—-]
    |\s+including\s+(?:the\s+)?[\w’'-]+)?               # an aside: "including the gunman"
    # a second noun sharing the number: "police and gendarmes", "homes or businesses"
    (?:\s+(?:and|or)\s+(?!(?:{_STOP}|{_METRIC})\b)(?-i:[a-z])[\w’'-]*(?=\s))?
    # a complement of the noun: "members of the national guard", "residents of Westvale"
    (?P<complement>\s+of\s+(?:the\s+)?(?!(?:{_STOP}|{_METRIC})\b)[\w’'-]++
    (?:\s+(?!(?:{_STOP}|{_METRIC})\b)[\w’'-]++){{0,2}})?
    # a listed item, "and 3 homes", then maybe a place, then the verb
    (?P<listed>\s+(?:and|or)\s+(?:(?:{_QUALIFIER}\s+)?\#+|an?|another)(?:\s+(?!{_STOP}\b)[\w’'/-]+){{0,3}})?
    (?:\s+(?:in|at|on|over|near|across)\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)*)?
    (?:\s*+,)?                                          # possessive: no backtracking
    (?:\s+{_AUX})*
    (?:\s+\w+ed\s+and)?                                # "intercepted and destroyed"
    (?:\s+in(?:\s+\#+)?(?=\s+(?:relief|evacuation|shelters)))?  # "staying in 210 relief camps"
    \s+["“‘']?(?P<metric>{_METRIC})(?![\w-])                 # 96 others were "lost"
    # "dozens were killed or went missing": two outcomes in one count
    (?P<either>\s+or\s+(?:went\s+|were\s+|are\s+)?(?P<metric2>{_METRIC})(?![\w-]))?
    (?!\s+(?:(?:{_QUALIFIER}|all|another|a\s+further)\s+)?\#)  # "shooting down 27": the 27's
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
MAIN_VERB = Pattern(
    rf"\b(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got)\s+(?:\w+ly\s+)?"
    rf"(?:\w+ed\s+and\s+)?(?P<metric>{_METRIC})(?![\w-])",
    regex.IGNORECASE,
)
DIRECT_TRIGGER = Pattern(rf"\s+(?P<metric>{_METRIC})(?![\w-])", regex.IGNORECASE)
METRIC_ANYWHERE = Pattern(rf"(?<![\w-])(?P<metric>{_METRIC})(?![\w-])", regex.IGNORECASE)
# A toll with any verb: "the death toll from the quake in X has risen to", "the number of
# people killed could pass", "raised the toll to", "the injury tally stands at".
TOLL = Pattern(
    rf"""\b(?:(?:number|toll|tally|count|total)\s+of\s+(?:\w+\s+){{0,2}}?(?P<metric>{_METRIC})
    |(?P<metric>death|deaths|fatality|injury|injuries)\s+(?:toll|tally|count)
    |(?P<metric>toll))
    \b[^#.;]{{0,100}}?
    \b(?:to|at|is|was|of|reach(?:ed|es)?|exceed(?:ed|s)?|pass(?:ed|es)?|past|top(?:ped|s)?|hits?
    |surpass(?:ed|es)?|near(?:ed|s|ing)?|approach(?:ed|es|ing)?|beyond)
    (?:\s+the)?(?:\s+(?:{_QUALIFIER}))?\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)
TOLL_WORDS = ("toll", "tally", "count", "number", "total")
# "among the dead were two nurses", "among those injured are 3 children"
AMONG = Pattern(
    rf"\bamong\s+(?:the|those)\s+(?P<metric>dead|deceased|killed|victims|injured|wounded|missing)"
    rf"\s+(?:were|was|are|is)\s+(?:(?:{_QUALIFIER})\s+)?$",
    regex.IGNORECASE,
)
# "attacked the country overnight with 76 drones", "an attack involving 93 missiles": the
# weapons were launched.
ATTACKED_WITH = Pattern(
    r"\b(?:attack(?:ed|ing|s)?|struck|strik(?:e|es|ing)|target(?:ed|ing|s)?|pound(?:ed|ing)"
    r"|bombard(?:ed|ing)|shell(?:ed|ing))\b[^#.;]{0,50}?\bwith\s+$"
    r"|\b(?:attacks?|strikes?|barrages?|raids?|assaults?)\s+(?:by|involving|using)\s+$",
    regex.IGNORECASE,
)
ANAPHOR = Pattern(
    r"\b(?:this|that|the)\s+(?:figure|number|toll|tally|total|estimate)\b[^#.;]{0,40}$",
    regex.IGNORECASE,
)
LABEL = Pattern(r"^\W*(?P<label>[A-Z][A-Za-z’' ]{2,40})(?::|\t)")  # "LOSSES: 720", "Fatalities\t1"
# The cell of a table or fact box just before the number: "Wounded | 58", "Injuries: 31", and
# scraped infobox text whose label runs into the number ("Deaths42").
CELL_LABEL = Pattern(
    r"(?:^|\|)[^\w|]*(?P<label>(?-i:[A-Z])[A-Za-z’' ]{1,40}?)(?:\s*[:|\t]\s*|(?<=[a-z]))$"
)
# "Three guards, 8 visitors and one cook were killed": items before the last share its verb.
SHARED_GAP = Pattern(r"\s*,\s*(?:and\s+)?|\s+and\s+")
LIST_LEAD = Pattern(  # "93 missiles and around 200 drones", "killed 38, 24 in El Tarf"
    rf"(?::|,|\band|\bincluding|,\s*of\s+(?:whom|which)|;|\bwith|\baccount(?:ing|ed|s)?\s+for)"
    rf"\s+(?:(?:{_QUALIFIER})\s+)?$",
    regex.IGNORECASE,
)
FILLER = frozenset(
    """
    a an the all some another of to at by with off down up out on in about around over nearly
    almost least most approximately roughly estimated total more than has have had risen rose
    climbed reached jumped increased stood stands stand be could is was now further exceeded
    further additional as many much up another successfully reportedly also
    """.split()
)
GAP_TOKEN = Pattern(r"#+|[\w’'-]+|[,“”\"'‘’–—:]")
CLAUSE_BREAK = frozenset(
    "that which who while as but because when after before since where if said says though "
    "although whereas".split()
)

# Numbers that count something other than incident outcomes: ages, years, durations, money...
_AFTER_WORDS = alternation(not_figure_words("after"))
NOT_AFTER = Pattern(
    rf"^(?:\s*(?:and\s+a\s+half|½)?\s*[-‐]?\s*)(?:{_AFTER_WORDS})(?![\w])", regex.IGNORECASE
)
_BEFORE_WORDS = alternation(not_figure_words("before"))
NOT_BEFORE = Pattern(
    rf"(?:^|[^\w])(?:{_BEFORE_WORDS})\s*(?:between\s+|from\s+)?$", regex.IGNORECASE
)
DATE_BEFORE = Pattern(rf"\b{MONTH_NAMES}\s*$")
DATE_AFTER = Pattern(rf"^(?:st|nd|rd|th)?\s+{MONTH_NAMES}\b|^,\s+\d{{4}}\b")
ONE_PRONOUN_BEFORE = Pattern(
    r"\b(?:no|any|every|some|the|this|that|which|another|each)\s*$", regex.IGNORECASE
)
LOWER_WORD_END = Pattern(r"[a-z]{4}$")  # "Casualties59,488": a scraped table cell, not a model
OF_AFTER = Pattern(r"\s+of\b")
ONE_IDIOM = Pattern(r"\s+(?:another|day|side)\b")
OF_DETERMINER = Pattern(r"\s\w+\s+$")  # "of the", "of its": a partitive, unlike "hundreds of"
WORDS = Pattern(r"[\w’'-]+")
LIST_SPLIT = Pattern(r",\s*(?:and\s+)?|\s+and\s+")
REFUSED_LIST = Pattern(r"\s+(?:and|or|to)\s+|\s*[-–]\s*")  # "aged two and 13": both ages
ONE_OF_COPULA = Pattern(r"\b(?:was|is|were|are|as|be|become|became|being)\s+$", regex.IGNORECASE)


def _masked(text: str, mentions: Sequence[NumberMention]) -> str:
    """`text` with every number replaced by '#'s of the same length, so offsets survive."""
    chars = list(text)
    for m in mentions:
        chars[m.start : m.end] = "#" * (m.end - m.start)
    return "".join(chars)


def _not_figure(text: str, mention: NumberMention) -> str | None:
    """Why this number is not an incident figure (an age, a date, a distance...), or None."""
    before, after = text[max(0, mention.start - 30) : mention.start], text[mention.end :]
    if UNIT_AFTER.match(after):
        return None
    if NOT_AFTER.match(after[:40]) or NOT_BEFORE.search(before):
        return "not a count"
    if DATE_BEFORE.search(before) or DATE_AFTER.match(after[:20]):
        return "date"
    if before.endswith("[") and after.startswith("]"):
        return "citation"
    if before[-1:].isalpha() and not LOWER_WORD_END.search(before):
        return "designation"
    if after[:1].isascii() and after[:1].isalpha() and not UNIT_AFTER.match(after):
        return "designation"
    value = mention.value
    if (
        value is not None and 1800 <= value <= 2100 and len(mention.text) == 4
        and not NOUN_PHRASE.match(after)
    ):  # fmt: skip
        return "year"
    if mention.text.lower() == "one":
        if NOUN_PHRASE.match(after) and not OF_AFTER.match(after):
            return None
        if ONE_PRONOUN_BEFORE.search(before) or ONE_IDIOM.match(after):
            return "pronoun"
        if OF_AFTER.match(after) and ONE_OF_COPULA.search(before):
            return "one of"
    return None


def _metric(surface: str, group: str | None) -> tuple[str, str | None] | None:
    """The metric a trigger word gives for a subject group, and the group it implies."""
    rows = METRIC_WORDS.get(normalise(surface))
    if not rows:
        return None
    rows = {
        applies: metric for applies, metric in rows.items() if applies != "land" or group == "land"
    }
    if not rows:
        return None
    if group and group in rows:
        return rows[group], group
    if "any" in rows:
        metric = rows["any"]
        return metric, group or ("people" if metric in PEOPLE_METRICS else None)
    if group is None and len(rows) == 1:
        applies, metric = next(iter(rows.items()))
        return metric, applies
    return None


class _Context:
    """What the sentence has said so far: the last figure, and numbers that were refused."""

    def __init__(self, sentence: Sentence, previous: Label | None) -> None:
        self.previous = previous
        self.last: Label | None = None
        self.refused_end = -1
        label = LABEL.match(sentence.text)
        self.label = label.group("label") if label else ""
        self.phrases: dict[int, _Phrase] = {}  # by mention start: what each number counts


def _subject_of(word: str) -> str:
    return SUBJECT_WORDS[normalise(word)]


def _left_trigger(masked: str, start: int, across_numbers: bool = True) -> str | None:
    """A verb or noun before the number that governs it: "killing 4", "shot down all 42";
    across earlier listed numbers ("launched 3 missiles and 114 drones") when allowed."""
    window_start = max(0, start - 90)
    before = masked[max(0, start - 160) : start].lower()  # cheap tests before the patterns
    among = "among" in before and AMONG.search(masked, window_start, start)
    if among:
        return among.group("metric").replace("victims", "killed")
    toll = any(word in before for word in TOLL_WORDS) and TOLL.search(
        masked, max(0, start - 160), start
    )
    if toll:
        return toll.group("metric")
    if ATTACKED_WITH.search(masked, window_start, start):
        return "=launched"
    # A verb beyond a clause break never governs the number (see _gap_ok): look after it only.
    window_start = max(window_start, *(masked.rfind(ch, 0, start) + 1 for ch in ".;:!?()"))
    found = list(METRIC_ANYWHERE.finditer(masked, window_start, start))
    if found and _gap_ok(masked[found[-1].end() : start], across_numbers):
        surface = normalise(found[-1].group("metric"))
        return None if surface in AFTER_ONLY else surface
    return None


def _gap_ok(gap: str, across_numbers: bool = True) -> bool:
    """Whether only fillers and listed numbers stand between a verb and its number."""
    tokens = GAP_TOKEN.findall(gap)
    if len(tokens) > 14 or any(ch in ".;:!?()" for ch in gap):
        return False
    if not across_numbers and "#" in gap and tokens[-1].lower() not in ("and", "or", ","):
        return False  # only a plain list: "killed 9 patients and 2 doctors"
    in_item = False
    for token in tokens:
        lower = token.lower()
        if token.startswith("#"):
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


def _classify_one(masked: str, mention: NumberMention, ctx: _Context) -> list[Label]:
    """The labels of one number: an area, else the nearest trigger that fits, else a fallback."""
    area = area_of(masked, mention)
    if area:
        return _area(masked, mention, area)
    if STRONG_FORCE.match(masked, mention.end):  # "a 3,000-strong force": a deployment
        return [_label(mention, "deployed", "troops", "troops")]
    phrase = _phrase(masked, mention, ctx)
    ctx.phrases[mention.start] = phrase
    if phrase.labels is not None:
        return phrase.labels
    for surface, rule in _candidates(masked, mention, phrase):
        chosen = _choose(surface, phrase)
        if chosen is None:
            continue
        metric, subject = chosen
        labels = [_label(mention, metric, subject, rule)]
        if (
            metric == "destroyed"
            and GROUPS[subject] == "weapons"
            and ALL_BEFORE.search(masked, max(0, mention.start - 8), mention.start)
        ):
            labels.append(_label(mention, "launched", subject, "all_launched"))
        return _each(masked, mention, labels)
    if phrase.unknown_noun:
        return []
    if phrase.noun_metric and not OTHER_VERB.match(masked, phrase.end):
        # "took 40 hostages": no verb, the noun is the outcome (not "40 hostages were freed")
        found = _metric(phrase.noun_metric, "people")
        if found and phrase.subject:
            return [_label(mention, found[0], phrase.subject, "own_trigger")]
    return _fallback(masked, mention, ctx, phrase)


def _choose(surface: str, phrase: _Phrase) -> tuple[str, str] | None:
    """The (metric, subject) a trigger word gives for the number's noun phrase, if it fits."""
    if surface == "=other_incident":  # "killed or missing": one count of two outcomes
        return "other_incident", phrase.subject or "people"
    if surface.startswith("="):  # "launched", fixed by the rule itself: only weapons are launched
        weapons = phrase.subject and GROUPS[phrase.subject] == "weapons"
        return (surface[1:], phrase.subject) if weapons and phrase.subject else None
    group = GROUPS[phrase.subject] if phrase.subject else None
    found = _metric(surface, group)
    subject = phrase.subject
    if found is None and phrase.inherited:  # the subject was only borrowed; let the verb decide
        found, subject = _metric(surface, None), None
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


class _Phrase:
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


def _phrase(masked: str, mention: NumberMention, ctx: _Context) -> _Phrase:
    phrase = _Phrase(mention.end)
    phrase.total = bool(TOTAL_BEFORE.search(masked, max(0, mention.start - 14), mention.start))
    of_total = OF_TOTAL.match(masked, mention.end)
    of_metric = OF_METRIC.match(masked, mention.end)
    noun = NOUN_PHRASE.match(masked, mention.end)
    if of_total:
        stop = of_total.end()
        while stop < len(masked) and masked[stop] == "#":
            stop += 1
        inner = NOUN_PHRASE.match(masked, stop)
        if inner:
            phrase.subject, phrase.end = _noun_subject(inner), inner.end()
            phrase.noun = inner.start("mods"), inner.end()
            phrase.partitive = True
    elif noun:
        phrase.subject, phrase.end = _noun_subject(noun), noun.end()
        phrase.noun = noun.start("mods"), noun.end()
        last = normalise(noun.group("subject2") or noun.group("subject"))
        phrase.noun_metric = last if last in OUTCOME_NOUNS else None
        phrase.partitive = bool(
            OF_DETERMINER.search(noun.group("of") or "")
        )  # "of the", not "hundreds of"
        own = METRIC_ANYWHERE.search(noun.group("mods") or "")
        found = _metric(own.group("metric"), GROUPS[phrase.subject]) if own else None
        if found:
            phrase.labels = [_label(mention, found[0], phrase.subject, "own_trigger")]
    elif of_metric:
        word = of_metric.group("subject") or ""
        subject = _subject_of(word) if word.lower() in SUBJECT_WORDS else "people"
        found = _metric(of_metric.group("metric").replace("victims", "killed"), "people")
        phrase.labels = [_label(mention, found[0], subject, "partitive")] if found else []
    elif inherit := (OF_THEM.match(masked, mention.end) or OTHERS.match(masked, mention.end)):
        phrase.inherit, phrase.end = True, inherit.end()
    if mention.text.lower() == "both" and (
        (phrase.subject is None and not phrase.inherit) or AND_NEXT.match(masked, phrase.end)
    ):  # "both sides", "both killed and wounded", "both fighters and envoys": not a count of two
        phrase.labels = []
    if phrase.subject is None and not phrase.inherit:
        word = OF_NOUN.match(masked, phrase.end) or NEXT_WORD.match(masked, phrase.end)
        phrase.unknown_noun = word is not None and _is_noun(word.group("word"))
        if word is not None and phrase.unknown_noun:  # "Five fishermen are still missing"
            phrase.end = word.end()
            phrase.noun = word.start("word"), word.end()
            second = NEXT_WORD.match(masked, phrase.end)  # "Two Israeli hostages and ..."
            if (
                second
                and second.group("word").lower() not in METRIC_FIRST_WORDS
                and _is_noun(second.group("word"))
            ):
                phrase.end = second.end()
                phrase.noun = word.start("word"), second.end()
    # "Of those, 25 were intercepted": the figure before, even in the sentence before.
    phrase.fronted = bool(FRONTED_OF.search(masked, 0, mention.start))
    phrase.inherit = phrase.inherit or (phrase.fronted and phrase.subject is None)
    borrow = phrase.fronted or OF_THEM.match(masked, mention.end)
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
    fronted_total = phrase.subject is None and FRONTED_TOTAL.match(masked, 0, mention.start)
    if fronted_total:
        phrase.subject, phrase.inherited = _subject_of(fronted_total.group("subject")), True
    if phrase.subject is None and not phrase.unknown_noun:
        segment = masked[max(0, masked.rfind(",", 0, mention.start)) : mention.start]
        nouns = SUBJECT_ANYWHERE.findall(segment)
        phrase.left_subject = _subject_of(nouns[-1]) if nouns else None
    return phrase


def _noun_subject(noun: regex.Match[str]) -> str:
    """The subject of "Shahed drones" is drones; of "civilian woman", civilians: of two subject
    words the last counts, unless it only says "people"."""
    first = _subject_of(noun.group("subject"))
    second = _subject_of(noun.group("subject2")) if noun.group("subject2") else None
    return first if second in (None, "people") and GROUPS[first] == "people" else second or first


def _is_noun(word: str) -> bool:
    """Whether a word after a number names something we do not count ("279 attacks")."""
    lower = word.lower()
    if AUX_WORD.fullmatch(lower):
        return False  # "150 remained unaccounted for", "3 still missing"
    readings = METRIC_WORDS.get(lower, {})
    # A word with an area reading right after a number is a noun: "two fires", "three blazes".
    trigger = "land" not in readings and any(applies != "land" for applies in readings)
    return not (lower in FILLER or STOP_WORD.fullmatch(lower) or trigger or lower.endswith("ly"))


def _candidates(masked: str, mention: NumberMention, phrase: _Phrase) -> list[tuple[str, str]]:
    """Trigger words that could govern the number, nearest first, with the rule each means."""
    if phrase.total:  # the 22 of "15 of the 22 drones": only its own participle, else launched
        direct = DIRECT_TRIGGER.match(masked, phrase.end)
        return [(direct.group("metric"), "partitive") if direct else ("=launched", "partitive")]
    found: list[tuple[str, str]] = []
    if phrase.partitive:
        verb = MAIN_VERB.search(masked, phrase.end)
        if verb and "#" not in masked[phrase.end : verb.start()]:
            found.append((verb.group("metric"), "partitive"))
    right = RIGHT_TRIGGER.match(masked, phrase.end)
    if right and right.group("listed") and normalise(right.group("metric")) in OUTCOME_NOUNS:
        right = None  # "12 people and 3,000 injuries": the injuries are the 3,000's alone
    if right and right.group("complement") and phrase.subject is None and not phrase.unknown_noun:
        right = None  # "thousands of dunams were burned": "of" after a bare number is no noun's
    if right and not phrase.partitive:
        either = right.group("metric2")
        if either and _metric(either, "people") != _metric(right.group("metric"), "people"):
            found.append(("=other_incident", "own_trigger"))
        found.append((right.group("metric"), "own_trigger"))
    # A noun we do not know takes a verb only directly: "affecting 54,853 farmers", not the
    # "12 districts" of "affecting 45,000 people in 12 districts".
    left = _left_trigger(masked, mention.start, across_numbers=not phrase.unknown_noun)
    if left:
        found.append((left, "verb_before"))
    return found


def _fallback(masked: str, mention: NumberMention, ctx: _Context, phrase: _Phrase) -> list[Label]:
    """No verb governs the number: a list item, an anaphor, a header, or a troop count."""
    subject = phrase.subject
    if OTHER_VERB.match(masked, phrase.end):  # "30 were rescued": a verb we do not count
        return []
    if ctx.last and LIST_LEAD.search(masked, max(0, mention.start - 30), mention.start):
        labels = [_label(mention, ctx.last.metric, subject or ctx.last.subject, "list")]
        return _each(masked, mention, labels)
    anchor = ctx.last or ctx.previous
    if anchor and (OF_THEM.match(masked, mention.end) or phrase.fronted):
        # "Two of them are in serious condition", "Of them, 12 were children"
        said = PREDICATE.match(masked, phrase.end)
        if said and said.group("word").lower() in SUBJECT_WORDS:
            subject = _subject_of(said.group("word"))
        return [_label(mention, anchor.metric, subject or anchor.subject, "partitive")]
    if anchor and ANAPHOR.search(masked, max(0, mention.start - 60), mention.start):
        return [_label(mention, anchor.metric, subject or anchor.subject, "anaphor")]
    cell = CELL_LABEL.search(masked, max(0, mention.start - 60), mention.start)
    label_text = cell.group("label") if cell else ctx.label
    if label_text:
        words = WORDS.findall(label_text)
        subject = subject or next(
            (_subject_of(w) for w in reversed(words) if w.lower() in SUBJECT_WORDS), None
        )
        in_label = METRIC_ANYWHERE.search(label_text)
        group = GROUPS[subject] if subject else None
        found = _metric(in_label.group("metric"), group) if in_label else None
        subject = subject or (DEFAULT_SUBJECT.get(found[1] or "") if found else None)
        if found and subject:  # "LOSSES: 720 homes", "Deaths: 3,455"
            return [_label(mention, found[0], subject, "label")]
    subject = subject or phrase.left_subject
    named = phrase.inherited and NAME_BEFORE.search(
        masked, max(0, mention.start - 20), mention.start
    )
    if (
        subject in ("troops", "soldiers")
        and not named
        and not HAS_BEFORE.search(masked, max(0, mention.start - 60), mention.start)
    ):  # "the army has 150,000 soldiers" is a size, not a deployment
        return [_label(mention, "deployed", subject, "troops")]
    return []


def _each(masked: str, mention: NumberMention, labels: list[Label]) -> list[Label]:
    """'one each over A, B and C' gives one row per place."""
    each = EACH_PLACES.match(masked, mention.end)
    if not each:
        return labels
    places = tuple(p.strip() for p in LIST_SPLIT.split(each.group("places")) if p.strip())
    return [replace(label, places=places) for label in labels]


def _label(mention: NumberMention, metric: str, subject: str, rule: str) -> Label:
    return Label(
        metric, subject, "count", rule, mention.end, mention.value, mention.low, mention.high
    )


def _area(masked: str, mention: NumberMention, area: Area) -> list[Label]:
    """An area figure in km², when the sentence is about control, fire or flood."""
    if restates_an_area(masked, mention.start):
        return []
    if not METRIC_ANYWHERE.search(masked) and not UNIT_LABEL.search(masked[: mention.start]):
        return []
    low, high = area.km2(mention.low), area.km2(mention.high)
    return [Label("area", "land", "km2", "area", area.end, area.km2(mention.value), low, high)]


def _shared_predicates(
    masked: str, labelled: list[tuple[NumberMention, list[Label]]], ctx: _Context
) -> None:
    """Give an unlabelled list item the verb of the item after it, right to left: "Three
    guards, 8 visitors and one cook were killed" (the verb reached only the last two)."""
    for k in range(len(labelled) - 2, -1, -1):
        mention, labels = labelled[k]
        following, after = labelled[k + 1]
        phrase = ctx.phrases.get(mention.start)
        if labels or not after or phrase is None or phrase.subject is None:
            continue
        shared = after[0]
        if (
            shared.rule in ("own_trigger", "list")
            and GROUPS[phrase.subject] == GROUPS[shared.subject]
            and SHARED_GAP.fullmatch(masked, phrase.end, following.start)
        ):
            labelled[k] = (mention, [_label(mention, shared.metric, phrase.subject, "list")])


def classify(
    sentence: Sentence, mentions: Sequence[NumberMention], previous: Label | None = None
) -> list[tuple[NumberMention, Label]]:
    """Label each number of `sentence` that is an incident figure; `previous` is the last figure
    of the sentence before (for "38 of them").

    Mentions index `sentence.text`. Numbers that are not figures are left out.
    """
    ctx = _Context(sentence, previous)
    masked = _masked(sentence.text, mentions)
    labelled: list[tuple[NumberMention, list[Label]]] = []
    for mention in mentions:
        gap = sentence.text[ctx.refused_end : mention.start] if ctx.refused_end >= 0 else ""
        if (ctx.refused_end >= 0 and REFUSED_LIST.fullmatch(gap)) or _not_figure(
            sentence.text, mention
        ):
            ctx.refused_end = mention.end
            labelled.append((mention, []))
            continue
        labels = _classify_one(masked, mention, ctx)
        labelled.append((mention, labels))
        if labels and not SUBSET_LEAD.search(masked, max(0, mention.start - 12), mention.start):
            # "1,100 killed, including 280 children, and 3,400 injured": the 3,400 are not children
            ctx.last = labels[0]
    _shared_predicates(masked, labelled, ctx)
    return [
        (mention, _with_noun(label, sentence.text, ctx.phrases.get(mention.start)))
        for mention, labels in labelled
        for label in labels
    ]


def _with_noun(label: Label, text: str, phrase: _Phrase | None) -> Label:
    """The label with the noun phrase its number counts, as written ("coal miners")."""
    if phrase is None or phrase.noun is None or label.unit != "count":
        return label
    start, end = phrase.noun
    return replace(label, noun=text[start:end].strip() or None)
