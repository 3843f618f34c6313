"""Numbers that are not incident figures: ages, dates, designations, years, "one" as a pronoun."""

from __future__ import annotations

import regex

from ..lexicons import (
    MONTH_NAMES,
    SUBJECT_WORDS,
    Pattern,
    alternation,
    not_figure_words,
)
from ..records import NumberMention
from ..units import UNIT_AFTER
from .phrases import (
    NOUN_PHRASE,
)

# Numbers that count something other than incident outcomes: ages, years, durations, money...
_AFTER_WORDS = alternation(not_figure_words("after"))
NOT_AFTER = Pattern(
    rf"^(?:\s*(?:and\s+a\s+half|½)?\s*[-‐]?\s*)(?:{_AFTER_WORDS})(?![\w])", regex.IGNORECASE
)
GUNFIRE = Pattern(
    r"\s+(?:rounds|shots|bullets)\b[^.;#]{0,40}?\b(?:pistols?|handguns?|rifles?|guns?|shotguns?"
    r"|revolvers?|firearms?|AK-47s?|AR-15s?)\b",
    regex.IGNORECASE,
)
_BEFORE_WORDS = alternation(not_figure_words("before"))
NOT_BEFORE = Pattern(
    rf"(?:^|[^\w])(?:{_BEFORE_WORDS})\s*(?:between\s+|from\s+)?$", regex.IGNORECASE | regex.REVERSE
)
DATE_BEFORE = Pattern(rf"\b{MONTH_NAMES}\s*$")
DATE_AFTER = Pattern(rf"^(?:st|nd|rd|th)?\s+{MONTH_NAMES}\b|^,\s+\d{{4}}\b")
ONE_PRONOUN_BEFORE = Pattern(
    r"\b(?:no|any|every|some|the|this|that|which|another|each)\s*$", regex.IGNORECASE
)
AVERAGE_BEFORE = Pattern(
    r"\baverage\s+(?:of\s+)?(?:about\s+|around\s+|some\s+)?$", regex.IGNORECASE
)
# "Casualties59,488": a scraped table cell, not a model
LOWER_WORD_END = Pattern(r"[a-z]{4}$", regex.REVERSE)
OF_AFTER = Pattern(r"\s+of\b")
# "one another", "one day"; "one of the sources said": a speaker, not a count
ONE_IDIOM = Pattern(
    r"\s+(?:another|day|side)\b|\s+of\s+(?:the|its|their)\s+(?:sources|officials|witnesses"
    r"|residents|survivors|organi[sz]ers)\s+(?:said|says|told)\b"
)
REFUSED_LIST = Pattern(r"\s+(?:and|or|to)\s+|\s*[-–]\s*")  # "aged two and 13": both ages
# "aged six, seven and nine": a comma continues a refused list that goes on after the number
LIST_GOES_ON = Pattern(r"\s*,|\s+(?:and|or)\s")
# "A woman, 45, was killed", "Ali Hassan (32) died": a number set off after a name is an age.
APPOSED_BEFORE = Pattern(
    r"(?<!\b(?i:in|at|near|from|across|over|of)\s+)"  # "In Kherson, 4, including a boy": a place
    r"(?P<word>\p{L}[\p{L}'’.-]*)(?:,\s*|\s*\(\s*)$",
    regex.REVERSE,
)
APPOSED_AFTER = Pattern(r"\s*(?:,|\)|\s+and\s+\d{1,2}\s*,)")
OLDEST = 120
ONE_OF_COPULA = Pattern(
    r"\b(?:was|is|were|are|as|be|become|became|being)\s+$", regex.IGNORECASE | regex.REVERSE
)


def not_figure(text: str, mention: NumberMention) -> str | None:
    """Why this number is not an incident figure (an age, a date, a distance...), or None."""
    if mention.kind != "cardinal":
        return mention.kind  # an ordinal, a signed number or a digit string counts nothing
    before, after = text[max(0, mention.start - 30) : mention.start], text[mention.end :]
    if "average" in before and AVERAGE_BEFORE.search(before):
        return "baseline"  # "six times the long-term average of 27,300 km²": a comparison
    if UNIT_AFTER.match(after):
        return None
    if NOT_AFTER.match(after[:40]) or NOT_BEFORE.search(before):
        return "not a count"
    if GUNFIRE.match(after[:60]):
        return "gunfire"  # "fired 17 rounds from a 9mm pistol"
    if DATE_BEFORE.search(before) or DATE_AFTER.match(after[:20]):
        return "date"
    if before.endswith("[") and after.startswith("]"):
        return "citation"
    apposed = APPOSED_BEFORE.search(before) if mention.text.isdigit() else None
    if (
        apposed and (mention.value or 0) <= OLDEST and APPOSED_AFTER.match(after)
        and (before.rstrip()[-1:] == "(") == after.lstrip().startswith(")")
        and (apposed["word"][0].isupper() or apposed["word"].lower() in SUBJECT_WORDS)
    ):  # fmt: skip
        return "age"  # after a name or a person, not after "the dead, 14,"
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
