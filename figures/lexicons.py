"""Vocabulary tables (`lexicons/*.csv`), loaded once and checked on load.

A new word is a new row in a CSV, not an `if` in code. Each table is checked when the package is
imported: a duplicate surface or an unknown label raises `LexiconError` naming file and line.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable, Iterable, Iterator
from importlib.resources import files
from typing import Any, TypeVar

import regex

from .records import APPROXES, METRICS, SUBJECTS, UNITS


class Pattern:
    """A compiled `regex` pattern. No call carries a wall-clock timeout: a result must not depend
    on the machine's load. Cost is bounded by construction instead: sentences are cut at
    `sentences.MAX_SENTENCE` characters, document-wide patterns are linear, and the patterns
    use possessive and atomic groups where backtracking could run away (a test runs every
    pattern on pathological text and compares two sizes). A pattern that ends a window at a
    number (`...$`, searched with `endpos`) may be compiled with `regex.REVERSE`: it is then
    matched from the number backwards and costs what the match costs, not the window."""

    __slots__ = ("compiled",)

    def __init__(self, source: str, flags: int = 0) -> None:
        self.compiled = regex.compile(source, flags)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> regex.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[regex.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)

    def findall(self, text: str) -> list[Any]:
        return self.compiled.findall(text)

    def sub(self, replacement: str, text: str) -> str:
        return self.compiled.sub(replacement, text)

    def split(self, text: str) -> list[str]:
        return self.compiled.split(text)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words` as a prefix tree ("f(?:ive|our(?:teen)?)"): at each position
    the engine follows one branch instead of trying every word in turn, and a longer word is
    tried before its prefix, so "tens of thousands" beats "tens". A space matches any run of
    white space."""
    tree: dict[str, Any] = {}
    for word in set(words):
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, Any]) -> str:
        arms = [
            (r"\s+" if char == " " else regex.escape(char)) + branch(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not arms:
            return ""
        body = arms[0] if len(arms) == 1 else "(?:" + "|".join(arms) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(tree)


SPACES = Pattern(r"\s+")


@functools.lru_cache(maxsize=1 << 12)  # trigger words recur in every sentence
def normalise(surface: str) -> str:
    """A surface as the lexicons key it: lower case, single spaces."""
    return SPACES.sub(" ", surface.lower())


class LexiconError(ValueError):
    """A lexicon CSV is malformed: duplicate surface, unknown label or bad number."""


def _rows(name: str) -> Iterator[tuple[int, dict[str, str]]]:
    text = (files("figures") / "lexicons" / name).read_text(encoding="utf-8")
    for line, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        cells = {key: (value or "").strip() for key, value in row.items()}
        if _NESTED.search(cells.get("surface", "")):
            raise LexiconError(f"{name}:{line}: braces inside braces")
        for surface in expand(cells.get("surface", "")):
            yield line, cells | ({"surface": surface} if surface else {})


_CHOICE = regex.compile(r"\{([^{}]*)\}")
_NESTED = regex.compile(r"\{[^}]*\{")


def expand(surface: str) -> list[str]:
    """A surface with choices in braces (not nested) as every surface it stands for: one row
    of a table for a family of phrasings.

    >>> expand("{sustained|suffered} {|gunshot }wounds")
    ['sustained wounds', 'sustained gunshot wounds', 'suffered wounds', 'suffered gunshot wounds']
    """
    choice = _CHOICE.search(surface)
    if choice is None:
        return [" ".join(surface.split())] if surface else [""]
    head, tail = surface[: choice.start()], surface[choice.end() :]
    return [found for arm in choice.group(1).split("|") for found in expand(head + arm + tail)]


T = TypeVar("T")


def _table(
    name: str, key: Callable[[dict[str, str]], str], parse: Callable[[dict[str, str]], T]
) -> dict[str, T]:
    """Load `name` into {key: parsed row}, failing on duplicate keys and bad rows."""
    table: dict[str, T] = {}
    for line, row in _rows(name):
        surface = key(row)
        if not surface:
            raise LexiconError(f"{name}:{line}: empty surface")
        if surface in table:
            raise LexiconError(f"{name}:{line}: duplicate surface {surface!r}")
        try:
            table[surface] = parse(row)
        except (KeyError, ValueError) as error:
            raise LexiconError(f"{name}:{line}: {error}") from error
    return table


def _known(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; known: {', '.join(allowed)}")
    return value


APPLIES = ("any", "people", "weapons", "buildings", "land")

NUMBER_WORDS: dict[str, tuple[int, str]] = _table(
    "number_words.csv",
    lambda row: row["word"].lower(),
    lambda row: (
        int(row["value"]),
        _known(row["kind"], ("unit", "ten", "hundred", "scale", "dozen"), "kind"),
    ),
)
VAGUE_NUMBERS: dict[str, tuple[float, str]] = _table(
    "vague_numbers.csv",
    lambda row: row["surface"].lower(),
    lambda row: (float(row["low"]), _known(row["approx"], APPROXES, "approx")),
)
QUALIFIERS: dict[str, str] = _table(
    "qualifiers.csv",
    lambda row: row["surface"].lower(),
    lambda row: _known(row["approx"], APPROXES, "approx"),
)
SUBJECT_WORDS: dict[str, str] = _table(
    "subjects.csv",
    lambda row: row["surface"].lower(),
    lambda row: _known(row["subject"], SUBJECTS, "subject"),
)
_METRIC_ROWS: dict[str, tuple[str, str, str, str]] = _table(
    "metrics.csv",
    lambda row: f"{row['surface'].lower()}|{row['applies']}",
    lambda row: (
        row["surface"].lower(),
        _known(row["applies"], APPLIES, "applies"),
        _known(row["metric"], METRICS, "metric"),
        _known(row["position"], ("any", "before", "after", "noun", "complement"), "position"),
    ),
)
# surface -> {what it applies to -> metric}: "deployed" is launched for drones, deployed for troops.
METRIC_WORDS: dict[str, dict[str, str]] = {}
for _surface, _applies, _metric, _ in _METRIC_ROWS.values():
    METRIC_WORDS.setdefault(_surface, {})[_applies] = _metric
# Words that name a metric only after the number they count: "34 dead", not "dead and 2 million".
AFTER_ONLY = frozenset(row[0] for row in _METRIC_ROWS.values() if row[3] not in ("any", "before"))
# Words that name a metric only before the number they count: "searching for 7 people", never
# "40 rescuers were searching for survivors".
BEFORE_ONLY = frozenset(row[0] for row in _METRIC_ROWS.values() if row[3] == "before")
# Object complements name the outcome only after a counted noun: "taking 200 pupils hostage",
# "held 12 workers captive", never "2 prisoner exchanges".
COMPLEMENTS = frozenset(row[0] for row in _METRIC_ROWS.values() if row[3] == "complement")
# Outcome nouns ("deaths", "injuries", "refugees") belong to their own number only: in "12
# people and 3,000 injuries" the injuries are not what the 12 people suffered.
OUTCOME_NOUNS = frozenset(row[0] for row in _METRIC_ROWS.values() if row[3] == "noun")
_SOURCE_ROWS: dict[str, tuple[str, str]] = _table(
    "sources.csv",
    lambda row: f"{row['word'].lower()}|{row['kind']}",
    lambda row: (row["word"].lower(), _known(row["kind"], ("verb", "before", "np"), "kind")),
)
# Attribution vocabulary: verbs ("said"), leads ("according to") and the lowercase words a
# source's name may contain ("regional governor", "the defence ministry").
SOURCE_VERBS = frozenset(word for word, kind in _SOURCE_ROWS.values() if kind == "verb")
SOURCE_LEADS = frozenset(word for word, kind in _SOURCE_ROWS.values() if kind == "before")
SOURCE_NOUNS = frozenset(word for word, kind in _SOURCE_ROWS.values() if kind == "np")
AREA_UNITS: dict[str, float] = _table(
    "units.csv",
    lambda row: row["surface"].lower(),
    lambda row: float(row["factor"]) if _known(row["unit"], UNITS, "unit") == "km2" else 1.0,
)
NOT_FIGURES: dict[str, str] = _table(
    "not_figures.csv",
    lambda row: f"{_known(row['position'], ('before', 'after'), 'position')}:{row['surface']}",
    lambda row: row["reason"],
)


# Month names as written in datelines and dates ("Sept. 29", "6 March", "Nov 16").
MONTH_NAMES = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)


def not_figure_words(position: str) -> list[str]:
    """Surfaces of `not_figures.csv` that mark a non-figure when they stand `position` a number."""
    return [key.split(":", 1)[1] for key in NOT_FIGURES if key.startswith(position + ":")]


# Nouns that count places ("in 12 districts", "in 40 camps"): a number before one places a
# figure, it counts nothing; and a label that names one ("Villages affected: 57") labels none.
PLACE_NOUNS = frozenset(
    word
    for word in not_figure_words("after")
    if NOT_FIGURES[f"after:{word}"] in ("places", "shelters") and " " not in word
)
