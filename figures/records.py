"""The records that flow between pipeline stages: frozen, typed, raw text beside parsed value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Approx = Literal["exact", "about", "at_least", "more_than", "at_most", "range"]
# What a number is besides a count: an ordinal ("the third day"), a signed number ("minus five
# degrees") or a spoken digit string with leading zeros ("zero eight", "0800"). The number layer
# reads them so that the classifier can refuse them by name.
Kind = Literal["cardinal", "ordinal", "signed", "digits"]
Status = Literal["ok", "empty", "unreadable", "too_large", "duplicate"]

# The closed vocabularies of the tables. Adding a word here is a schema change: the pandera
# models, the lexicon checks and the published schemas all read these tuples.
APPROXES: tuple[Approx, ...] = ("exact", "about", "at_least", "more_than", "at_most", "range")
STATUSES: tuple[Status, ...] = ("ok", "empty", "unreadable", "too_large", "duplicate")
METRICS = (
    "killed", "injured", "missing", "captured", "evacuated", "launched", "destroyed",
    "failed_to_reach", "hit", "deployed", "area", "other_incident",
)  # fmt: skip
SUBJECTS = (
    "people", "civilians", "children", "soldiers", "troops", "drones", "decoy_drones",
    "missiles", "shells", "land", "buildings",
)  # fmt: skip
UNITS = ("count", "km2")
AGREEMENTS = ("single", "agree", "conflict")
LAND_EVENTS = ("captured", "burned", "flooded")


@dataclass(frozen=True, slots=True)
class Document:
    """One input document, decoded, with what its header and byline say."""

    doc_id: str
    path: str
    text: str
    source: str | None = None
    published: str | None = None  # ISO 8601 date
    status: Status = "ok"
    message: str | None = None
    n_chars: int = 0
    url: str | None = None
    country: str | None = None  # the country its figures lie in or name most (ISO 3166-1)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document; `start`/`end` index the document text."""

    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number as written; offsets index the text it was found in."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    approx: Approx
    kind: Kind = "cardinal"


@dataclass(frozen=True, slots=True)
class Label:
    """What a number counts, as decided by one rule."""

    metric: str
    subject: str
    unit: str
    rule: str
    end: int  # end of the figure's text within the sentence (a unit phrase extends it)
    value: float | None
    low: float | None
    high: float | None
    places: tuple[str, ...] = ()  # "one each over A, B and C": one row per place
    noun: str | None = None  # the counted noun phrase as written: "Geran-2 attack drones"


@dataclass(frozen=True, slots=True)
class Figure:
    """One incident figure: one row of the `figures` table."""

    doc_id: str
    start: int
    end: int
    number_text: str
    value: float | None
    low: float | None
    high: float | None
    approx: Approx
    metric: str
    subject: str
    unit: str
    source: str | None
    location: str | None
    date: str | None
    sentence: str
    rule: str
    # Where, resolved (see places.py); whether the figure is a running total; for land, what
    # happened to it. Filled as a document is extracted (see `claims.annotate`).
    country: str | None = None
    region: str | None = None
    region_code: str | None = None
    place_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    cumulative: bool = False
    land_event: str | None = None  # captured, burned or flooded
    # The counted noun phrase as written ("coal miners"), so analysts can refine past the fixed
    # subjects; None where the number stands without a noun ("12 died"). Last, with a default:
    # rows are built by position.
    noun: str | None = None


def row_order(figure: Figure) -> tuple[str, int, int, str, str, str, str]:
    """Rows sort by document, offsets, then labels: one order whatever the input order."""
    return (
        figure.doc_id, figure.start, figure.end, figure.metric, figure.subject,
        figure.location or "", figure.rule,
    )  # fmt: skip
