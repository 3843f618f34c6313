"""Claims across sources: one row per reported fact, who confirms it, and where reports conflict.

A claim groups figures of different documents that report the same fact: same metric, subject
and unit, a compatible place (the same, or unknown) and event date (the same day, or unknown),
and numbers that are equal or lie within each other's bounds. Two figures of one document join
one claim only when they restate each other (the same numbers). Within a document, parts are
linked to their total ("114 launched … 66 destroyed … 31 failed to reach").

`best` is the most-reported value, ties going to the most conservative (smallest); a range or a
bound counts as its low end.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import overload

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
FEW_CLAIMS = 16  # claims of one number read all, without an index by place and date


def figure_id(figure: Figure) -> str:
    """A stable id for one row: its document, span and labels."""
    key = "\x1f".join(
        str(part) for part in (figure.doc_id, figure.start, figure.end, figure.metric,
                               figure.subject, figure.location or "")
    )  # fmt: skip
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


Numbers = tuple[float | None, float | None, float | None, str]


def _bounds(figure: Figure) -> tuple[float, float]:
    """The interval a figure allows: a point, a range, or an open bound."""
    return _bounds_of(_numbers(figure))


def _bounds_of(numbers: Numbers) -> tuple[float, float]:
    value, low, high, approx = numbers
    if value is not None:
        if approx in ("at_least", "more_than"):
            return value, float("inf")
        if approx == "at_most":
            return 0.0, value
        return value, value
    return low if low is not None else 0.0, high if high is not None else float("inf")


def _nested(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Equal, or one interval within the other."""
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _same(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.casefold() == b.casefold()


def _reported(figure: Figure) -> float:
    return figure.value if figure.value is not None else (figure.low or 0.0)


def _numbers(figure: Figure) -> Numbers:
    return figure.value, figure.low, figure.high, figure.approx


@dataclass(slots=True, eq=False)  # claims are compared by identity
class _Claim:
    order: int
    members: array[int] = field(default_factory=lambda: array("i"))
    location: str | None = None
    date: str | None = None
    numbers: list[Numbers] = field(default_factory=list)  # each distinct number, once
    # The last document to join and what it said: figures come document by document, so a
    # document met again is that one.
    doc: str = ""
    said: Numbers | None = None
    point: float | None = None
    floor: float = 0.0  # a point must lie within every member's bounds: within these two
    ceiling: float = float("inf")

    def fits(self, figure: Figure) -> bool:
        numbers = _numbers(figure)
        point = _point_of(numbers)
        if point is not None and not self.floor <= point <= self.ceiling:
            return False
        if not (_same(self.location, figure.location) and _same(self.date, figure.date)):
            return False
        if figure.doc_id == self.doc and self.said is not None and self.said[:3] != numbers[:3]:
            return False  # one document joins a claim only to restate it
        if len(self.numbers) == 1 and numbers in self.numbers:
            return True  # the same numbers again: the common case, decided without bounds
        bounds = _bounds_of(numbers)
        return all(_nested(bounds, _bounds_of(other)) for other in self.numbers)

    def add(self, index: int, figure: Figure) -> None:
        self.members.append(index)
        self.location = self.location or figure.location
        self.date = self.date or figure.date
        numbers = _numbers(figure)
        if numbers not in self.numbers:
            self.numbers.append(numbers)
        if figure.doc_id != self.doc:
            self.doc, self.said = figure.doc_id, numbers
        low, high = _bounds_of(numbers)
        self.floor, self.ceiling = max(self.floor, low), min(self.ceiling, high)


def _place(location: str | None) -> str | None:
    return location.casefold() if location else None


Where = tuple[str | None, str | None]  # a claim's place (case-folded) and date, None if unknown
_Kind = tuple[int, str | None, str | None]  # claims by place (1), by date (2) or by both (3)


def _where(claim: _Claim | Figure) -> Where:
    return _place(claim.location), claim.date


@dataclass(slots=True)
class _Bucket:
    """Claims in claim order: all of them, and once there are many, by place, by date and by
    both, so that a figure meets only the claims of its place or of none, and of its date or of
    none. A few claims are read all (`_Claim.fits` checks place and date): lists for each place
    and date would cost more memory than reading them saves time."""

    every: list[_Claim] = field(default_factory=list)
    lists: dict[_Kind, list[_Claim]] | None = None

    @staticmethod
    def _keys(where: Where) -> list[_Kind]:
        place, date = where  # 1: by place, 2: by date, 3: by both
        return [(1, place, None), (2, None, date), (3, place, date)]

    def add(self, claim: _Claim) -> None:
        bisect.insort(self.every, claim, key=_order)
        if self.lists is None and len(self.every) > FEW_CLAIMS:
            self.lists = {}
            for each in self.every:
                self._file(each, self.lists)
        elif self.lists is not None:
            self._file(claim, self.lists)

    def _file(self, claim: _Claim, lists: dict[_Kind, list[_Claim]]) -> None:
        for key in self._keys(_where(claim)):
            if key in lists:
                bisect.insort(lists[key], claim, key=_order)
            else:
                lists[key] = [claim]

    def remove(self, claim: _Claim, where: Where) -> None:
        self.every.remove(claim)
        if self.lists is None:
            return
        for key in self._keys(where):
            self.lists[key].remove(claim)
            if not self.lists[key]:
                del self.lists[key]

    def candidates(self, where: Where) -> Iterable[_Claim]:
        place, date = where
        if self.lists is None or (place is None and date is None):  # one of no place and no
            return self.every  # date may join any
        keys: list[_Kind]
        if date is None:
            keys = [(1, place, None), (1, None, None)]
        elif place is None:
            keys = [(2, None, date), (2, None, None)]
        else:
            keys = [(3, p, d) for p in (place, None) for d in (date, None)]
        found = [self.lists[key] for key in keys if key in self.lists]
        return found[0] if len(found) == 1 else heapq.merge(*found, key=_order)


def _order(claim: _Claim) -> int:
    return claim.order


@dataclass(slots=True)
class _Index:
    """The claims of one metric, subject and unit, indexed by the point they hold (a claim holds
    at most one: a second could not lie within the first) and by place, so that a figure meets
    only the claims it could join."""

    by_point: dict[float, _Bucket] = field(default_factory=dict)
    points: list[float] = field(default_factory=list)  # the keys of by_point, ascending
    pointless: _Bucket = field(default_factory=_Bucket)  # claims that hold no point yet

    def candidates(self, low: float, high: float, where: Where) -> Iterator[_Claim]:
        """Claims holding a point within [low, high], nearest the low end first and in order
        for each point, then claims holding no point, in order, whose bounds overlap it; of
        each, only those of the figure's place or of none, and of its date or of none."""
        i = bisect.bisect_left(self.points, low)
        while i < len(self.points) and self.points[i] <= high:
            yield from self.by_point[self.points[i]].candidates(where)
            i += 1
        for claim in self.pointless.candidates(where):
            if claim.floor <= high and low <= claim.ceiling:
                yield claim

    def joined(self, claim: _Claim, point: float | None, before: Where | None) -> None:
        """File `claim` anew after a figure of `point` joined it; `before` is where it was
        before, None for a new claim."""
        old_point = claim.point
        claim.point = point if point is not None else old_point  # a claim's only point
        if before is not None and (old_point, before) == (claim.point, _where(claim)):
            return
        if before is not None:
            self._bucket(old_point).remove(claim, before)
        if claim.point is not None and claim.point not in self.by_point:
            bisect.insort(self.points, claim.point)
            self.by_point[claim.point] = _Bucket()
        self._bucket(claim.point).add(claim)

    def _bucket(self, point: float | None) -> _Bucket:
        return self.pointless if point is None else self.by_point[point]


def _claims(figures: Sequence[Figure]) -> list[array[int]]:
    """The claims of figures of one metric, subject and unit, as lists of their indexes.

    Figures are taken in table order (document, then position); each joins a claim it fits, or
    starts one. A point prefers a claim of the same point; a range or bound, a claim whose point it
    holds, nearest its low end; then comes the earliest claim that holds no point yet. Claims
    are indexed by their point, so a figure meets only the claims it could join and grouping
    stays near linear in the number of figures, even for wide ranges.
    """
    claims: list[_Claim] = []
    index = _Index()
    for i, figure in enumerate(figures):
        point = _point(figure)
        low, high = (point, point) if point is not None else _bounds(figure)
        found = index.candidates(low, high, _where(figure))
        claim = next((c for c in found if c.fits(figure)), None)
        before = None if claim is None else _where(claim)
        if claim is None:
            claim = _Claim(len(claims))
            claims.append(claim)
        claim.add(i, figure)
        index.joined(claim, point, before)
    return [claim.members for claim in claims]


def _point_of(numbers: Numbers) -> float | None:
    value, _, _, approx = numbers
    return value if value is not None and approx in ("exact", "about") else None


def _point(figure: Figure) -> float | None:
    """The single number a figure states, or None for a range or an open bound."""
    return _point_of(_numbers(figure))


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
        for n, total_index in enumerate(indexes):
            total = figures[total_index]
            if total_index in parts or total.value is None or total.metric not in PARTS:
                continue
            room = total.value
            for k in range(n + 1, len(indexes)):
                part_index = indexes[k]
                part = figures[part_index]
                if part.start - total.end > PART_WINDOW:
                    break
                fits = (
                    part_index not in parts and part.value is not None
                    and part.metric in PARTS[total.metric]
                    and SAME_KIND[part.subject] == SAME_KIND[total.subject]
                    and part.start != total.start and part.value < total.value
                    and part.value <= room
                )  # fmt: skip
                if fits:
                    parts[part_index] = total_index
                    room -= part.value or 0.0
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
    date: str | None
    agreement: str
    conflicts_with: list[str]


Key = tuple[str, str, str]  # what a figure counts: metric, subject and unit


def key_of(figure: Figure) -> Key:
    return figure.metric, figure.subject, figure.unit


def key_claims(
    figures: Sequence[Figure], outlets: dict[str, str | None]
) -> list[tuple[array[int], ClaimRow]]:
    """The claims of figures of one metric, subject and unit, in table order, sorted by id: each
    claim's figures (by index) and its row, conflicts marked. `outlets` maps doc_id to its
    outlet. Only the labels, numbers, place, date, source and span of a figure are read."""
    made = [(members, _row((figures[i] for i in members), outlets)) for members in _claims(figures)]
    made.sort(key=lambda claim: claim[1].claim_id)
    rows = _mark_conflicts([row for _, row in made])
    return [(members, row) for (members, _), row in zip(made, rows, strict=True)]


def claims_of(
    figures: Sequence[Figure], outlets: dict[str, str | None]
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
        for members, row in key_claims([figures[i] for i in indexes], outlets):
            for i in members:
                claim_of[indexes[i]] = row.claim_id
            rows.append(row)
    return claim_of, rows


class SlimFigures(Sequence[Figure]):
    """Figures as claims read them, without their text, in about 50 bytes each instead of some
    600: what a streamed run holds of one metric, subject and unit while its claims are formed.
    Reading one gives a `Figure` whose `number_text`, `sentence` and `rule` are empty."""

    def __init__(self) -> None:
        self._doc, self._span, self._numbers = array("i"), array("i"), array("d")
        self._labels, self._texts = array("i"), array("i")
        self._doc_ids: list[str] = []
        self._strings: list[str | None] = [None]
        self._codes: dict[str | None, int] = {None: 0}
        self._label_sets: list[tuple[Approx, str, str, str]] = []
        self._label_codes: dict[tuple[Approx, str, str, str], int] = {}

    def _code(self, text: str | None) -> int:
        if text not in self._codes:
            self._codes[text] = len(self._strings)
            self._strings.append(text)
        return self._codes[text]

    def append(self, figure: Figure) -> None:
        if not self._doc_ids or self._doc_ids[-1] != figure.doc_id:  # figures come by document
            self._doc_ids.append(figure.doc_id)
        labels = (figure.approx, figure.metric, figure.subject, figure.unit)
        if labels not in self._label_codes:
            self._label_codes[labels] = len(self._label_sets)
            self._label_sets.append(labels)
        self._doc.append(len(self._doc_ids) - 1)
        self._span.extend((figure.start, figure.end))
        self._numbers.extend(_NONE if n is None else n for n in _numbers(figure)[:3])
        self._labels.append(self._label_codes[labels])
        self._texts.extend(self._code(t) for t in (figure.source, figure.location, figure.date))

    def __len__(self) -> int:
        return len(self._doc)

    @overload
    def __getitem__(self, i: int) -> Figure: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Figure]: ...
    def __getitem__(self, i: int | slice) -> Figure | Sequence[Figure]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        doc = self._doc_ids[self._doc[i]]  # an IndexError for an index out of range
        i = i + len(self) if i < 0 else i
        numbers, texts, strings = self._numbers, self._texts, self._strings
        value, low, high = numbers[3 * i], numbers[3 * i + 1], numbers[3 * i + 2]
        approx, metric, subject, unit = self._label_sets[self._labels[i]]
        return Figure(
            doc, self._span[2 * i], self._span[2 * i + 1], "",
            None if value != value else value, None if low != low else low,
            None if high != high else high, approx, metric, subject, unit,
            strings[texts[3 * i]], strings[texts[3 * i + 1]], strings[texts[3 * i + 2]], "", "",
        )  # fmt: skip


_NONE = float("nan")  # a number a figure does not have


def totals(figures: Sequence[Figure], ids: Sequence[str]) -> list[str | None]:
    """For each figure, the id (from `ids`) of the total it is part of, else None."""
    parts = link_parts(figures)
    return [ids[parts[i]] if i in parts else None for i in range(len(figures))]


def _row(members: Iterable[Figure], outlets: dict[str, str | None]) -> ClaimRow:
    """A claim's row, read in one pass over its figures, of which it keeps only what differs
    (a claim may hold thousands of figures)."""
    ids: list[str] = []
    points: set[tuple[float | None, ...]] = set()
    lows: set[float] = set()
    highs: set[float] = set()
    counts: Counter[float] = Counter()
    voices: set[str] = set()  # who stands behind the fact: every credited source and outlet
    docs: set[str] = set()
    location = date = None
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
        location, date = location or f.location, date or f.date
    ids.sort()
    claim_id = hashlib.sha256("|".join(ids).encode("utf-8")).hexdigest()[:16]
    best = min(value for value, n in counts.items() if n == max(counts.values()))
    voices.discard("")
    metric, subject, unit = key_of(f)
    return ClaimRow(
        claim_id, metric, subject, unit, f.value if len(points) == 1 else None,
        min(lows, default=None), max(highs, default=None), best, len(ids), len(docs),
        len({v.casefold() for v in voices}), sorted(voices), sorted(docs), location, date,
        "agree" if len(docs) > 1 else "single", [],
    )  # fmt: skip


def _mark_conflicts(rows: list[ClaimRow]) -> list[ClaimRow]:
    """Claims of the same metric, subject, place and day whose numbers cannot both be true."""
    keyed: dict[tuple[str, ...], list[int]] = {}
    for i, row in enumerate(rows):
        if row.location and row.date:
            key = (row.metric, row.subject, row.unit, row.location.casefold(), row.date)
            keyed.setdefault(key, []).append(i)
    conflicts: dict[int, set[str]] = {}
    for indexes in keyed.values():
        for a in indexes:
            for b in indexes:
                if a != b and set(rows[a].doc_ids) != set(rows[b].doc_ids):
                    conflicts.setdefault(a, set()).add(rows[b].claim_id)
    return [
        replace(row, agreement="conflict", conflicts_with=sorted(conflicts[i]))
        if i in conflicts else row
        for i, row in enumerate(rows)
    ]  # fmt: skip
