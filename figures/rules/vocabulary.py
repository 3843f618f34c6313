"""What every rule shares: the subject groups, the word alternations built from the lexicons,
the metric a trigger word gives, and the label a rule makes."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..lexicons import (
    METRIC_WORDS,
    QUALIFIERS,
    SUBJECT_WORDS,
    Pattern,
    alternation,
    normalise,
)
from ..records import Label, NumberMention

GROUPS = {
    "people": "people", "civilians": "people", "children": "people", "soldiers": "people",
    "troops": "people", "drones": "weapons", "decoy_drones": "weapons", "missiles": "weapons",
    "shells": "weapons", "buildings": "buildings", "land": "land",
}  # fmt: skip
DEFAULT_SUBJECT = {"people": "people", "buildings": "buildings", "land": "land"}
PEOPLE_METRICS = frozenset({"killed", "injured", "missing", "captured", "evacuated"})
METRIC_RE = alternation(METRIC_WORDS)
SUBJECT_RE = alternation(SUBJECT_WORDS)
QUALIFIER_RE = alternation(QUALIFIERS)
STOP_RE = (
    r"(?:were|was|is|are|be|been|being|have|has|had|will|would|could|in|on|at|by|from|to|and|or"
    r"|but|with|over|into|of|that|which|who|as|for|than|after|before|during|while|the|a|an|said"
    r"|says|each|per|since|when|where|including|across|near|against|also|all|both|in|its|their)"
)
AUX_RE = (
    r"(?:were|was|is|are|be|been|being|have|has|had|will|would|could|may|might|got|get|gets"
    r"|remain|remained|remains|still|reportedly|later|also|all|both|reported|confirmed|declared"
    r"|listed\s+as|believed\s+to|thought\s+to|feared|presumed|said\s+to|initially|now|then"
    r"|subsequently|already|successfully|eventually|verified|to|found|pronounced|left|who|that|which"
    r"|so\s+far|in\s+total|ordered\s+to|forced\s+to|told\s+to|urged\s+to|asked\s+to|living|staying|sheltering"
    # "among the dead", "among (the) 10 people killed"
    rf"|among\s+(?:(?:the|those)(?:\s+\#+)?|\#+)(?:(?<=\#)\s+(?!{STOP_RE}\b)[a-z]+)?"
    r"|[\w-]+ly)"  # "pre-emptively"
)
STOP_WORD = Pattern(STOP_RE, regex.IGNORECASE)
AUX_WORD = Pattern(AUX_RE, regex.IGNORECASE)
METRIC_FIRST_WORDS = frozenset(surface.split()[0] for surface in METRIC_WORDS if " " in surface)
# A word boundary, and no hyphen: "dead" in "3 dead", not in "dead-end". (Every surface starts
# and ends with a letter; `\b` lets the engine skip ahead, which a lookbehind does not: the
# search runs in a window before every number.)
SUBJECT_ANYWHERE = Pattern(rf"\b(?<!-)({SUBJECT_RE})\b(?!-)", regex.IGNORECASE)
# Outcomes of people that one count may hold two of: "Dead or missing: 300", "killed and wounded".
CASUALTIES = frozenset({"killed", "injured", "missing", "captured"})
METRIC_ANYWHERE = Pattern(rf"\b(?<!-)(?P<metric>{METRIC_RE})\b(?!-)", regex.IGNORECASE)


def mask_numbers(text: str, mentions: Sequence[NumberMention]) -> str:
    """`text` with every number replaced by '#'s of the same length, so offsets survive."""
    chars = list(text)
    for m in mentions:
        chars[m.start : m.end] = "#" * (m.end - m.start)
    return "".join(chars)


def metric_of(surface: str, group: str | None) -> tuple[str, str | None] | None:
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


def subject_of(word: str) -> str:
    return SUBJECT_WORDS[normalise(word)]


def make_label(mention: NumberMention, metric: str, subject: str, rule: str) -> Label:
    return Label(
        metric, subject, "count", rule, mention.end, mention.value, mention.low, mention.high
    )


# Words that may stand between a verb and the number it governs ("rose to", "at least").
FILLER = frozenset(
    """
    a an the all some another of to at by with off down up out on in about around over nearly
    almost least most approximately roughly estimated total more than has have had risen rose
    climbed reached jumped increased stood stands stand be could is was now further exceeded
    further additional as many much up another successfully reportedly also remaining between
    """.split()
) | {word for qualifier in QUALIFIERS for word in qualifier.split()}  # "killed upwards of 300"
