"""Helpers for table-driven tests: a case is a text and the exact rows it must give."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import figures

KEYS = ("number_text", "value", "low", "high", "approx", "metric", "subject", "unit", "source",
        "location", "date")  # fmt: skip


@dataclass(frozen=True)
class Case:
    text: str
    rows: list[dict[str, Any]]
    published: str | None = None
    note: str = field(default="", compare=False)


def row(
    number_text: str, value: float | None, metric: str, subject: str, **rest: Any
) -> dict[str, Any]:
    """A whole expected row: unstated columns take their defaults."""
    expected: dict[str, Any] = {
        "number_text": number_text, "value": value, "low": None, "high": None, "approx": "exact",
        "metric": metric, "subject": subject, "unit": "count", "source": None, "location": None,
        "date": None,
    }  # fmt: skip
    unknown = set(rest) - set(expected)
    assert not unknown, unknown
    expected.update(rest)
    return expected


def as_row(figure: figures.Figure) -> dict[str, Any]:
    return {key: getattr(figure, key) for key in KEYS}


def rows_of(case: Case) -> list[dict[str, Any]]:
    return [as_row(f) for f in figures.extract(case.text, published=case.published)]
