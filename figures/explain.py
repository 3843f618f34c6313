"""Why each number of a text became a row or did not: the records behind `figures explain`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import regex

from . import classify as rules
from .lexicons import Pattern
from .numerals import find_numbers
from .pipeline import extract_text
from .records import Figure, NumberMention, Sentence
from .sentences import split_sentences

NO_RULE = "no rule took it: no metric word or counted noun governs it"
LISTED = Pattern(r"\s+(?:and|or|to)\s+|\s*[-–]\s*", regex.IGNORECASE)  # "aged two and 13"


@dataclass(frozen=True, slots=True)
class Explanation:
    """One number of a text: the rows it gave, or the reason it gave none.

    `number` has offsets into the whole text; `sentence` is the index of its sentence.
    """

    number: NumberMention
    sentence: int
    rows: tuple[Figure, ...]
    reason: str | None  # None when the number gave rows


def _refusal() -> Callable[[str, NumberMention], str | None]:
    """The classifier's not-a-figure check (an age, a date, a year...), found by name so that
    a rewrite of the classifier that renames it leaves `explain` working, if with less to say."""
    check = getattr(rules, "not_figure", None) or getattr(rules, "_not_figure", None)
    return check if callable(check) else lambda _text, _mention: None


def _reason(sentence: Sentence, mention: NumberMention, refused: dict[int, str]) -> str:
    """Why a number of `sentence` (offsets into it) gave no row; `refused` holds where the
    numbers refused before it end, and why ("aged two and 13": the 13 is an age too)."""
    why = _refusal()(sentence.text, mention)
    listed = [
        (end, reason) for end, reason in refused.items()
        if LISTED.fullmatch(sentence.text[end : mention.start])
    ]  # fmt: skip
    if why is None and listed:
        why = f"{listed[-1][1]}, listed with the number before"
    if why:
        refused[mention.end] = why
        return f"not a figure: {why}"
    return NO_RULE


def explain(text: str, *, published: str | None = None) -> list[Explanation]:
    """Each number of `text` in order, with the rows it gave or why it was left.

    >>> [(e.number.text, e.rows[0].metric if e.rows else e.reason) for e in explain("Two died.")]
    [('Two', 'killed')]
    """
    rows: dict[int, list[Figure]] = {}
    for row in extract_text(text, published=published):
        rows.setdefault(row.start, []).append(row)
    found: list[Explanation] = []
    for index, sentence in enumerate(split_sentences(text)):
        refused: dict[int, str] = {}
        for mention in find_numbers(sentence.text):
            start, end = sentence.start + mention.start, sentence.start + mention.end
            number = replace(mention, start=start, end=end, text=text[start:end])
            given = tuple(rows.get(start, ()))
            reason = None if given else _reason(sentence, mention, refused)
            found.append(Explanation(number, index, given, reason))
    return found
