"""Claims across sources: one row per reported fact, who confirms it, and where reports conflict.

A claim groups figures of different documents only on positive evidence that they report one
incident: the same metric, subject and unit; numbers that can be one count (a point inside a
range, overlapping ranges, never ten times apart); resolved places that are the same or one
inside the other (never two unknown places); event windows within a day of each other (the
event date, else the three days up to the report's publication; undated reports only when
worded nearly alike, as wire copy is); and the sentences share names or the kind of incident.
Running totals ("since February 2022") and incident figures never join, nor do land captured,
burned and flooded. Two figures of one document join one claim only when they restate each other
(the same numbers). Within a document, parts are linked to their total ("114 launched … 66
destroyed … 31 failed to reach").

`best` is the most-reported value, ties going to the most conservative (smallest); a range or a
bound counts as its low end.
"""

from __future__ import annotations

import functools
import hashlib
import math
from array import array
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import NamedTuple, overload

import regex

from .lexicons import _table, normalise
from .places import Place, main_country, mentions, overlaps, resolve, sentence_place
from .records import Approx, Figure

SAME_KIND = {  # subjects that can be parts of one total: decoys are drones, drones are not missiles
    "people": "people", "civilians": "people", "children": "people", "soldiers": "people",
    "troops": "people", "drones": "drones", "decoy_drones": "drones", "missiles": "missiles",
    "shells": "shells", "buildings": "buildings", "land": "land",
}  # fmt: skip
# A total and the metrics its parts may have: "launched 114 … 66 destroyed … 31 failed to reach".
PARTS = {
    "launched": ("destroyed", "failed_to_reach", "hit"),
    "killed": ("killed",),
    "injured": ("injured",),
    "missing": ("missing",),
    "evacuated": ("evacuated",),
    "deployed": ("deployed",),
}
PART_WINDOW = 500  # characters after a total within which its parts may stand


class Reported(NamedTuple):
    """What claims read of a figure: all of a `Figure` but its number text, rule and noun. A
    streamed run reads figures back as these (a tuple costs a tenth of a frozen dataclass)."""

    doc_id: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approx: Approx
    source: str | None
    location: str | None
    date: str | None
    sentence: str
    country: str | None
    region: str | None
    region_code: str | None
    place_id: int | None
    lat: float | None
    lon: float | None
    cumulative: bool
    land_event: str | None
    metric: str
    subject: str
    unit: str


AnyFigure = Figure | Reported


def figure_id(figure: AnyFigure) -> str:
    """A stable id for one row: its document, span and labels."""
    key = "\x1f".join(
        str(part) for part in (figure.doc_id, figure.start, figure.end, figure.metric,
                               figure.subject, figure.location or "")
    )  # fmt: skip
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


Numbers = tuple[float | None, float | None, float | None, str]


def _bounds_of(numbers: Numbers) -> tuple[float, float]:
    value, low, high, approx = numbers
    if value is not None:
        if approx in ("at_least", "more_than"):
            return value, float("inf")
        if approx == "at_most":
            return 0.0, value
        return value, value
    return low if low is not None else 0.0, high if high is not None else float("inf")


def _reported(figure: AnyFigure) -> float:
    return figure.value if figure.value is not None else (figure.low or 0.0)


def _numbers(figure: AnyFigure) -> Numbers:
    return figure.value, figure.low, figure.high, figure.approx


# What tells incidents apart. Reports of one incident name the same place, or one inside the
# other; give dates close together; and share names (places, actors) and the kind of incident.
SHORT = 1  # days that may lie between two reports' event windows
REPORT_LAG = 2  # days a report may come after the event it reports, when it gives no date
TENFOLD = 10.0  # numbers this far apart are not one incident's, whatever their bounds
SHARED_MARKS = 2  # names and kinds two reports of one incident share at least
SAME_WORDING = 0.5  # word trigrams two undated reports share (wire copy), as a fraction
WEEK = 7  # days per bucket of the index by date
NEAREST = 16  # claims of higher numbers, nearest first, that a claim is checked for conflict

KINDS = _table("incidents.csv", lambda row: normalise(row["surface"]), lambda row: row["kind"])
KIND = regex.compile(r"\m\L<kind>\M", kind=list(KINDS), flags=regex.IGNORECASE)
NAME = regex.compile(r"\p{Lu}[\p{L}\p{M}]+")
TRIGRAM_WORD = regex.compile(r"[\p{L}]+")
_NOT_MARKS = frozenset(
    "the a an in on at and but of for he she it they we his her its their this that there "
    "these those officials official police said says according after before during while "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
CUMULATIVE = regex.compile(
    rf"""
    \msince\s+(?:(?:the\s+)?(?:start|beginning|outbreak|onset)\M
      | the\s+(?:war|invasion|conflict|full-scale)\M | it\s+began\M | (?:{MONTHS}|\d{{4}})\M)
    | \mso\s+far\s+(?:this|in)\M                     # so far this year
    | \mto\s+date\M | \mrunning\s+total\M | \mcumulative\M
    | \mthroughout\s+the\s+(?:war|year|conflict)\M
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
LAND = (  # what happened to land, in order of precedence: fire and water words are specific
    ("burned", regex.compile(r"\m(?:burn|burnt|scorch|wildfire|fire|blaze)", regex.IGNORECASE)),
    ("flooded", regex.compile(r"\m(?:flood|inundat|submerg|under\s+water)", regex.IGNORECASE)),
    ("captured", regex.compile(
        r"\m(?:captur|seiz|took|tak|control|liberat|occup|retook|recaptur|advanc|gain|lost|los"
        r"|regain|overr[ua]n|cleared|push)", regex.IGNORECASE)),
)  # fmt: skip


@functools.lru_cache(maxsize=1 << 12)  # figures of one sentence
def is_cumulative(sentence: str) -> bool:
    """A running total rather than one incident's figure.

    >>> is_cumulative("Since February 2022, 120 children have been killed in the region.")
    True
    >>> is_cumulative("Three people were killed on Sunday.")
    False
    """
    return CUMULATIVE.search(sentence) is not None


def land_event(figure: Figure) -> str | None:
    """For land, what happened to it: captured (or controlled), burned or flooded; else None."""
    if figure.subject != "land" and figure.unit != "km2":
        return None
    return next((event for event, words in LAND if words.search(figure.sentence)), None)


# Marks and wording are read from letters only: a story told again with other numbers, as
# updates are, is read once.
_DIGITS = str.maketrans("123456789", "000000000")


@functools.lru_cache(maxsize=1 << 12)  # the figures of one sentence
def marks(sentence: str) -> tuple[frozenset[str], frozenset[str]]:
    """The names (folded) and the incident kinds a sentence gives: what tells one incident from
    another.

    >>> [sorted(found) for found in marks("A Russian drone attack on Kharkiv killed two people.")]
    [['kharkiv', 'russian'], ['drone']]
    """
    return _marks(sentence.translate(_DIGITS))


@functools.lru_cache(maxsize=1 << 14)  # figures of one sentence, and wire copy, share it
def _marks(sentence: str) -> tuple[frozenset[str], frozenset[str]]:
    names = {
        w.casefold() for w in NAME.findall(sentence)
    } - _NOT_MARKS  # fmt: skip
    kinds = frozenset(KINDS[normalise(m.group())] for m in KIND.finditer(sentence))
    return frozenset(names), kinds


@functools.lru_cache(maxsize=1 << 12)
def _wording(sentence: str) -> frozenset[int]:
    return _trigrams(sentence.translate(_DIGITS))


@functools.lru_cache(maxsize=1 << 14)
def _trigrams(sentence: str) -> frozenset[int]:
    words = [w.casefold() for w in TRIGRAM_WORD.findall(sentence)]
    return frozenset(hash(tuple(words[i : i + 3])) for i in range(len(words) - 2))


@dataclass(frozen=True, slots=True)
class _Incident:
    """What tells one incident from another: all that `same_incident` compares."""

    place: Place | None
    window: tuple[int, int] | None  # first and last day (ordinals) the event may have been on
    names: frozenset[str]
    kinds: frozenset[str]
    wording: frozenset[int]


@dataclass(frozen=True, slots=True)
class _Report:
    """What decides whether two figures report one incident."""

    doc: str
    numbers: Numbers
    incident: _Incident
    bounds: tuple[float, float, float]  # what `_fit` reads: low and high end, low end of 1 up

    @property
    def place(self) -> Place | None:
        return self.incident.place

    @property
    def window(self) -> tuple[int, int] | None:
        return self.incident.window


def _place_of(figure: AnyFigure) -> Place | None:
    """Where a figure is, for claims: its resolved location, else the one country its sentence
    names ("Russia" in "... stunned Russia by taking 1,300 km² of land")."""
    if figure.country is None:
        return sentence_place(figure.sentence)
    return Place(figure.country, figure.region, figure.region_code, figure.place_id,
                 figure.lat, figure.lon)  # fmt: skip


def _report(figure: AnyFigure, dates: Mapping[str, str | None], same: _Same) -> _Report:
    window = None
    if figure.date:
        day = date.fromisoformat(figure.date[:10]).toordinal()
        window = (day, day)
    elif dates.get(figure.doc_id):
        day = date.fromisoformat(str(dates[figure.doc_id])[:10]).toordinal()
        window = (day - REPORT_LAG, day)
    names, kinds = marks(figure.sentence)
    incident = _Incident(_place_of(figure), window, names, kinds, _wording(figure.sentence))
    numbers = _numbers(figure)
    low, high = _bounds_of(numbers)
    return _Report(figure.doc_id, numbers, same.one(incident), (low, high, max(low, 1.0)))


def _fit(a: Numbers, b: Numbers) -> bool:
    """Numbers that can be one count: a point inside a range, ranges that overlap, never ten
    times apart."""
    (low_a, high_a), (low_b, high_b) = _bounds_of(a), _bounds_of(b)
    if high_a < low_b or high_b < low_a:
        return False
    small, large = sorted((max(low_a, 1.0), max(low_b, 1.0)))
    return large < TENFOLD * small


def same_incident(a: _Incident, b: _Incident) -> bool:
    """Reports of two documents about one incident: the same place or one inside the other,
    dates close together (or, undated, the same wording), and names and kinds in common."""
    if a.place is None or b.place is None or not overlaps(a.place, b.place):
        return False
    if a.window is not None and b.window is not None:
        if max(a.window[0], b.window[0]) - min(a.window[1], b.window[1]) > SHORT:
            return False
    elif len(a.wording & b.wording) < SAME_WORDING * max(len(a.wording | b.wording), 1):
        return False
    if a.kinds and b.kinds and not a.kinds & b.kinds:
        return False
    return len(a.names & b.names) + len(a.kinds & b.kinds) >= SHARED_MARKS


def _restates(a: _Report, b: _Report) -> bool:
    """Two figures of one document that say the same (a headline and the body)."""
    places = a.place is None or b.place is None or overlaps(a.place, b.place)
    days = a.window is None or b.window is None or a.window == b.window
    return a.numbers[:3] == b.numbers[:3] and places and days


class _Same:
    """`same_incident`, each pair of distinct incidents decided once: one story carried by many
    outlets, or told again with other numbers, is one incident met again and again."""

    LIMIT = 1 << 16  # pairs remembered at a time

    def __init__(self) -> None:
        self.known: dict[_Incident, _Incident] = {}
        self.pairs: dict[tuple[int, int], bool] = {}

    def one(self, incident: _Incident) -> _Incident:
        """The incident, as the first equal one met (whose id stands for all of them)."""
        return self.known.setdefault(incident, incident)

    def __call__(self, a: _Incident, b: _Incident) -> bool:
        key = (id(a), id(b))
        found = self.pairs.get(key)
        if found is None:
            if len(self.pairs) >= self.LIMIT:
                self.pairs.clear()
            found = self.pairs[key] = same_incident(a, b)
        return found


@dataclass(slots=True, eq=False)  # claims are compared by identity
class _Claim:
    order: int
    kind: tuple[bool, str | None]  # a running total or not, and what happened to land
    point: float | None = None  # the one point it may hold: a second could not fit the first
    members: array[int] = field(default_factory=lambda: array("i"))
    # Its reports' incidents, each distinct one once (many outlets carry one report), without
    # their wording when dated (only undated reports compare wording), and their numbers.
    incidents: dict[_Incident, None] = field(default_factory=dict)
    numbers: dict[Numbers, None] = field(default_factory=dict)
    # What `_fit` reads of all its numbers: the highest low end, the lowest high end, and the
    # highest and lowest low end of at least one.
    low: float = float("-inf")
    high: float = float("inf")
    floors: tuple[float, float] = (float("inf"), 1.0)
    docs: set[str] = field(default_factory=set)
    # What the last document to join said, each distinct numbers, place and window once.
    said: dict[tuple[object, ...], _Report] = field(default_factory=dict)
    keys: set[_Key] = field(default_factory=set)  # where it is indexed

    def fits(self, report: _Report, same: _Same) -> bool:
        if report.doc in self.docs:  # figures come by document: the last one to join
            return all(_restates(r, report) for r in self.said.values())
        # `_fit` with each of the claim's numbers, at once: ranges that overlap every one, and
        # a low end within ten times of every one's.
        low, high, floor = report.bounds
        if not (self.low <= high and low <= self.high):
            return False
        if not (self.floors[1] < TENFOLD * floor and floor < TENFOLD * self.floors[0]):
            return False
        return all(same(incident, report.incident) for incident in self.incidents)

    def add(self, index: int, report: _Report, same: _Same) -> None:
        self.members.append(index)
        self.point = _point_of(report.numbers) if self.point is None else self.point
        if report.doc not in self.docs:
            self.said = {}
        self.said.setdefault((report.numbers, report.place, report.window), report)
        self.docs.add(report.doc)
        incident = report.incident
        if incident.window is not None:
            incident = same.one(replace(incident, wording=frozenset()))
        self.incidents[incident] = None
        if report.numbers not in self.numbers:
            self.numbers[report.numbers] = None
            low, high, floor = report.bounds
            self.low, self.high = max(self.low, low), min(self.high, high)
            self.floors = (min(self.floors[0], floor), max(self.floors[1], floor))


_Key = tuple[str, int | None, str, float]  # country, week (None: undated; -1: any), what, number
ANY = -1


def _magnitude(number: float) -> int:
    return math.floor(4 * math.log10(max(number, 1.0)))  # four steps a decade


def _point_of(numbers: Numbers) -> float | None:
    value, _, _, approx = numbers
    return value if value is not None and approx in ("exact", "about") else None


def _keys(report: _Report, search: bool) -> list[_Key]:
    """Where a report's claim is filed (`search` false), or where the claims it could join are
    (true): by country and week of its window, and by its number, or the size of its low end:
    a point meets claims of that point and ranges from ten times below it; a range, claims of
    numbers within ten times of its low end."""
    where = _where(report.incident, search)
    if not where:
        return []
    point = _point_of(report.numbers)
    low, high = _bounds_of(report.numbers)
    size = _magnitude(point if point is not None else low)
    numbers: list[tuple[str, float]]
    if point is not None and search:
        numbers = [("point", point), *(("range", m) for m in range(size - 4, size + 1))]
    elif point is not None:
        numbers = [("point", point), ("any", size)]
    elif search:  # ranges from ten times below; anything up to its high end, or ten times up
        top = min(_magnitude(min(high, 1e18)), size + 4)
        numbers = [*(("range", m) for m in range(size - 4, size)),
                   *(("any", m) for m in range(size, top + 1))]  # fmt: skip
    else:
        numbers = [("range", size), ("any", size)]
    return [(country, week, what, n) for country, week in where for what, n in numbers]


def _where(incident: _Incident, search: bool) -> list[tuple[str, int | None]]:
    """The country and weeks of `_keys`."""
    if incident.place is None:
        return []
    if incident.window is None:
        weeks: list[int | None] = [ANY] if search else [None, ANY]
    else:
        first, last = incident.window
        if search:
            first, last = first - SHORT, last + SHORT
        weeks = [*range(first // WEEK, last // WEEK + 1), None if search else ANY]
    return [(incident.place.country, week) for week in weeks]


@dataclass(slots=True)
class _Index:
    """Claims by country, week and number, so that a figure meets only the claims it could
    join."""

    lists: dict[_Key, list[_Claim]] = field(default_factory=dict)

    def file(self, claim: _Claim, report: _Report) -> None:
        for key in _keys(report, search=False):
            if key not in claim.keys:
                claim.keys.add(key)
                self.lists.setdefault(key, []).append(claim)

    def candidates(self, report: _Report) -> list[_Claim]:
        return [c for key in _keys(report, search=True) for c in self.lists.get(key, [])]


def _claims(
    figures: Sequence[AnyFigure], dates: Mapping[str, str | None], same: _Same
) -> tuple[list[array[int]], list[list[_Incident]]]:
    """The claims of figures of one metric, subject and unit, as lists of their indexes, and
    the incidents their reports tell of.

    Figures are taken in table order (document, then position); each joins the first claim it
    fits, one that holds its very numbers first, or starts one. Running totals and incident
    figures, and land captured, burned or flooded, never share a claim.
    """
    claims: list[_Claim] = []
    indexes: dict[tuple[bool, str | None], _Index] = {}
    doc, of_doc = "", dict[Numbers, list[_Claim]]()  # the document's claims by what they say
    last: tuple[_Report, _Claim] | None = None
    for i, figure in enumerate(figures):
        report = _report(figure, dates, same)
        kind, point = _kind_of(figure), _point_of(report.numbers)
        if last and last[0] == report and last[1].kind == kind:
            # The figure before said just this: it restates it, and nothing else has changed
            # since it chose its claim, so it would choose the same ("2 killed" on every line).
            last[1].add(i, report, same)
            continue
        index = indexes.setdefault(kind, _Index())
        if figure.doc_id != doc:
            doc, of_doc = figure.doc_id, {}
        met = {id(c): c for c in (*of_doc.get(report.numbers, ()), *index.candidates(report))}
        ranked = sorted(met.values(), key=lambda c: (report.numbers not in c.numbers, c.order))
        claim = next((
            c for c in ranked
            if c.kind == kind and (point is None or c.point in (None, point))
            and c.fits(report, same)
        ), None)  # fmt: skip
        if claim is None:
            claim = _Claim(len(claims), kind)
            claims.append(claim)
        said = of_doc.setdefault(report.numbers, [])
        if claim not in said:
            said.append(claim)
        claim.add(i, report, same)
        index.file(claim, report)
        last = report, claim
    return [c.members for c in claims], [list(c.incidents) for c in claims]


def _kind_of(figure: AnyFigure) -> tuple[bool, str | None]:
    return figure.cumulative, figure.land_event


def link_parts(figures: Sequence[Figure]) -> dict[int, int]:
    """Within each document, part index -> total index, where a later figure of a compatible
    metric and subject fits under a total ("3 killed … 2 died in X"), close after it, and the
    parts sum to no more than it."""
    parts: dict[int, int] = {}
    by_doc: dict[str, list[int]] = {}
    for i, figure in enumerate(figures):
        by_doc.setdefault(figure.doc_id, []).append(i)
    for indexes in by_doc.values():
        indexes.sort(key=lambda i: (figures[i].start, figures[i].metric))
        # What the scan reads of each figure, read once: a list of "2 killed" lines puts some
        # fifty figures inside each one's window.
        read = [(figures[i].start, figures[i].end, figures[i].value, figures[i].metric,
                 SAME_KIND[figures[i].subject]) for i in indexes]  # fmt: skip
        for n, total_index in enumerate(indexes):
            start, end, value, metric, kind = read[n]
            if total_index in parts or value is None or metric not in PARTS:
                continue
            room, metrics = value, PARTS[metric]
            for k in range(n + 1, len(indexes)):
                part_start, _, part_value, part_metric, part_kind = read[k]
                if part_start - end > PART_WINDOW:
                    break
                fits = (
                    part_value is not None and part_value < value and part_value <= room
                    and part_metric in metrics and part_kind == kind and part_start != start
                    and indexes[k] not in parts
                )  # fmt: skip
                if fits:
                    parts[indexes[k]] = total_index
                    room -= part_value or 0.0
    return parts


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One row of the `claims` table."""

    claim_id: str
    metric: str
    subject: str
    unit: str
    value: float | None
    low: float | None
    high: float | None
    best: float
    n_figures: int
    n_documents: int
    n_sources: int
    sources: list[str]
    doc_ids: list[str]
    location: str | None
    country: str | None  # where every report of it lies (ISO 3166-1), if they say
    region: str | None  # and its region, if all reports lie in one
    region_code: str | None
    first_date: str | None  # the earliest and latest day its reports give (or were published)
    last_date: str | None
    cumulative: bool
    land_event: str | None
    agreement: str
    conflicts_with: list[str]


Key = tuple[str, str, str]  # what a figure counts: metric, subject and unit


def key_of(figure: AnyFigure) -> Key:
    return figure.metric, figure.subject, figure.unit


def key_claims(
    figures: Sequence[AnyFigure],
    outlets: Mapping[str, str | None],
    dates: Mapping[str, str | None] | None = None,
) -> list[tuple[array[int], ClaimRow]]:
    """The claims of figures of one metric, subject and unit, in table order, sorted by id: each
    claim's figures (by index) and its row, conflicts marked. `outlets` maps doc_id to its
    outlet, `dates` to the day it was published. Only the labels, numbers, place, date, source,
    span and sentence of a figure are read."""
    dates = dates or {}
    same = _Same()
    members, reports = _claims(figures, dates, same)
    made = [
        (indexes, _row([figures[i] for i in indexes], outlets, dates), of)
        for indexes, of in zip(members, reports, strict=True)
    ]
    made.sort(key=lambda claim: claim[1].claim_id)
    rows = _mark_conflicts([row for _, row, _ in made], [of for _, _, of in made], same)
    return [(indexes, row) for (indexes, _, _), row in zip(made, rows, strict=True)]


def claims_of(
    figures: Sequence[Figure],
    outlets: Mapping[str, str | None],
    dates: Mapping[str, str | None] | None = None,
) -> tuple[list[str], list[ClaimRow]]:
    """The claim id of each figure, and the claims, formed one metric, subject and unit at a
    time, in that order (see `key_claims`)."""
    keys: dict[Key, list[int]] = {}
    for i, figure in enumerate(figures):
        keys.setdefault(key_of(figure), []).append(i)
    claim_of = [""] * len(figures)
    rows: list[ClaimRow] = []
    for key in sorted(keys):
        indexes = keys[key]
        for members, row in key_claims([figures[i] for i in indexes], outlets, dates):
            for i in members:
                claim_of[indexes[i]] = row.claim_id
            rows.append(row)
    return claim_of, rows


_Labels = tuple[Approx, str, str, str, bool, str | None]
_Where = tuple[str | None, str | None, str | None, int | None, float | None, float | None]


class SlimFigures(Sequence[Reported]):
    """Figures as claims read them, each distinct string and place kept once: what a streamed
    run holds of one metric, subject and unit while its claims are formed."""

    def __init__(self) -> None:
        self._doc, self._span, self._numbers = array("i"), array("i"), array("d")
        self._labels, self._texts, self._places = array("i"), array("i"), array("i")
        self._doc_ids: list[str] = []
        self._strings: list[str | None] = [None]
        self._codes: dict[str | None, int] = {None: 0}
        self._label_sets: list[_Labels] = []
        self._label_codes: dict[_Labels, int] = {}
        self._wheres: list[_Where] = []
        self._where_codes: dict[_Where, int] = {}

    def _code(self, text: str | None) -> int:
        if text not in self._codes:
            self._codes[text] = len(self._strings)
            self._strings.append(text)
        return self._codes[text]

    def append(self, figure: AnyFigure) -> None:
        if not self._doc_ids or self._doc_ids[-1] != figure.doc_id:  # figures come by document
            self._doc_ids.append(figure.doc_id)
        f = figure
        labels = (f.approx, f.metric, f.subject, f.unit, f.cumulative, f.land_event)
        where = (f.country, f.region, f.region_code, f.place_id, f.lat, f.lon)
        self._doc.append(len(self._doc_ids) - 1)
        self._span.extend((f.start, f.end))
        self._numbers.extend(_NONE if n is None else n for n in _numbers(f)[:3])
        self._labels.append(self._label_codes.setdefault(labels, len(self._label_sets)))
        if len(self._label_codes) > len(self._label_sets):
            self._label_sets.append(labels)
        self._places.append(self._where_codes.setdefault(where, len(self._wheres)))
        if len(self._where_codes) > len(self._wheres):
            self._wheres.append(where)
        self._texts.extend(self._code(t) for t in (f.source, f.location, f.date, f.sentence))

    def __len__(self) -> int:
        return len(self._doc)

    @overload
    def __getitem__(self, i: int) -> Reported: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Reported]: ...
    def __getitem__(self, i: int | slice) -> Reported | Sequence[Reported]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        doc = self._doc_ids[self._doc[i]]  # an IndexError for an index out of range
        i = i + len(self) if i < 0 else i
        numbers, strings = self._numbers, self._strings
        source, location, day, sentence = (strings[c] for c in self._texts[4 * i : 4 * i + 4])
        value, low, high = (None if n != n else n for n in numbers[3 * i : 3 * i + 3])
        approx, metric, subject, unit, cumulative, land = self._label_sets[self._labels[i]]
        country, region, region_code, place_id, lat, lon = self._wheres[self._places[i]]
        return Reported(
            doc, self._span[2 * i], self._span[2 * i + 1], value, low, high, approx, source,
            location, day, sentence or "", country, region, region_code, place_id, lat, lon,
            cumulative, land, metric, subject, unit,
        )  # fmt: skip


_NONE = float("nan")  # a number a figure does not have


def totals(figures: Sequence[Figure], ids: Sequence[str]) -> list[str | None]:
    """For each figure, the id (from `ids`) of the total it is part of, else None."""
    parts = link_parts(figures)
    return [ids[parts[i]] if i in parts else None for i in range(len(figures))]


def _row(
    members: Sequence[AnyFigure], outlets: Mapping[str, str | None], dates: Mapping[str, str | None]
) -> ClaimRow:
    """A claim's row, read in one pass over its figures, of which it keeps only what differs
    (a claim may hold many figures)."""
    ids: list[str] = []
    points: set[tuple[float | None, ...]] = set()
    lows: set[float] = set()
    highs: set[float] = set()
    counts: Counter[float] = Counter()
    voices: set[str] = set()  # who stands behind the fact: every credited source and outlet
    docs: set[str] = set()
    days: set[str] = set()
    location = None
    for f in members:
        ids.append(figure_id(f))
        points.add((f.value, f.low, f.high))
        low, high = (f.value, f.value) if f.value is not None else (f.low, f.high)
        if low is not None:
            lows.add(low)
        if high is not None:
            highs.add(high)
        counts[_reported(f)] += 1
        voices |= {(v or "").strip() for v in (f.source, outlets.get(f.doc_id))}
        docs.add(f.doc_id)
        day = f.date or dates.get(f.doc_id)
        if day:
            days.add(str(day)[:10])
        location = location or f.location
    ids.sort()
    claim_id = hashlib.sha256("|".join(ids).encode("utf-8")).hexdigest()[:16]
    best = min(value for value, n in counts.items() if n == max(counts.values()))
    voices.discard("")
    metric, subject, unit = key_of(f)
    places = [_place_of(m) for m in members]
    countries = {p.country if p else None for p in places}
    regions = {p.region_code for p in places if p and p.region_code}  # the reports that say
    country = countries.pop() if len(countries) == 1 else None
    region = regions.pop() if len(regions) == 1 and country else None
    return ClaimRow(
        claim_id, metric, subject, unit, f.value if len(points) == 1 else None,
        min(lows, default=None), max(highs, default=None), best, len(ids), len(docs),
        len({v.casefold() for v in voices}), sorted(voices), sorted(docs), location, country,
        _region_name(members, region), region, min(days, default=None),
        max(days, default=None), f.cumulative, f.land_event,
        "agree" if len(docs) > 1 else "single", [],
    )  # fmt: skip


def _region_name(members: Sequence[AnyFigure], code: str | None) -> str | None:
    return next((m.region for m in members if m.region_code == code), None) if code else None


def _mark_conflicts(
    rows: list[ClaimRow], reports: list[list[_Incident]], same: _Same
) -> list[ClaimRow]:
    """Claims of one incident, reported by other documents, whose numbers cannot both be one
    count yet lie within ten times of each other. Claims meet by country and week, as in
    `_Index`, in order of their low end, each with the `NEAREST` above it: a flood of reports
    with other numbers marks each one in conflict without listing every pair."""
    buckets: dict[tuple[object, ...], list[int]] = {}
    for i, row in enumerate(rows):
        labels = (row.metric, row.subject, row.unit, row.cumulative, row.land_event)
        keys = {(*labels, where) for r in reports[i] for where in _where(r, search=False)}
        for key in keys:
            buckets.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    lows = [row.low or 0.0 for row in rows]
    for indexes in buckets.values():
        indexes.sort(key=lows.__getitem__)
        for n, a in enumerate(indexes):
            ceiling = TENFOLD * max(lows[a], 1.0)
            for b in indexes[n + 1 : n + 1 + NEAREST]:
                if lows[b] >= ceiling:
                    break
                pairs.add((a, b))
    conflicts: dict[int, set[str]] = {}
    for a, b in pairs:  # in any order: each claim's conflicts are sorted
        if rows[a].doc_ids != rows[b].doc_ids and any(  # some report of each: one incident
            same(x, y) for x in reports[a] for y in reports[b]
        ):
            conflicts.setdefault(a, set()).add(rows[b].claim_id)
            conflicts.setdefault(b, set()).add(rows[a].claim_id)
    return [
        replace(row, agreement="conflict", conflicts_with=sorted(conflicts[i]))
        if i in conflicts else row
        for i, row in enumerate(rows)
    ]  # fmt: skip


def annotate(figures: Sequence[Figure]) -> list[Figure]:
    """Figures with their location resolved (namesakes settled by the countries their
    document's figures' sentences name), whether each is a running total, and for land what
    happened to it."""
    context = {doc: frozenset(_mentions(text)) for doc, text in _texts(figures).items()}
    annotated = []
    for f in figures:
        place = resolve(f.location, context[f.doc_id])
        where: _Where = _NOWHERE if place is None else (
            place.country, place.region, place.region_code, place.place_id, place.lat, place.lon
        )  # fmt: skip
        annotated.append(Figure(  # not `replace`, which costs four times as much
            f.doc_id, f.start, f.end, f.number_text, f.value, f.low, f.high, f.approx, f.metric,
            f.subject, f.unit, f.source, f.location, f.date, f.sentence, f.rule, *where,
            is_cumulative(f.sentence), land_event(f), f.noun,
        ))  # fmt: skip
    return annotated


_NOWHERE = (None, None, None, None, None, None)


def _texts(figures: Sequence[Figure]) -> dict[str, str]:
    """Each document's figures' sentences, once each (a run keeps no document text)."""
    sentences: dict[str, dict[str, None]] = {}
    for f in figures:
        sentences.setdefault(f.doc_id, {})[f.sentence] = None
    return {doc: " ".join(said) for doc, said in sentences.items()}


@functools.lru_cache(maxsize=4096)
def _mentions(text: str, demonyms: bool = True) -> Counter[str]:
    return mentions(text, demonyms)


def main_countries(figures: Sequence[Figure]) -> dict[str, str | None]:
    """The country of most of each document's figures, else the one its figures' sentences
    name most (by name, then also by demonym: "Russian drones" names an actor, not a place)."""
    placed: dict[str, Counter[str]] = {}
    for f in figures:
        placed.setdefault(f.doc_id, Counter()).update([f.country] if f.country else [])
    return {
        doc: main_country(placed[doc]) or main_country(_mentions(text, False))
        or main_country(_mentions(text))
        for doc, text in _texts(figures).items()
    }  # fmt: skip
