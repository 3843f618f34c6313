"""Rows to DataFrames: records become typed, validated, deterministically ordered tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any, cast

import pandas as pd

from .records import APPROXES, METRICS, STATUSES, SUBJECTS, UNITS, Document, Figure
from .schemas import Documents, Figures

FIGURE_COLUMNS = [f.name for f in fields(Figure)]
DOCUMENT_COLUMNS = ["doc_id", "path", "source", "published", "n_chars", "status", "message"]
_CATEGORIES = {
    "approx": APPROXES,
    "metric": METRICS,
    "subject": SUBJECTS,
    "unit": UNITS,
    "status": STATUSES,
}
_INTEGERS = ("start", "end", "n_chars")
_FLOATS = ("value", "low", "high")
_DATES = ("date", "published")


def _typed(rows: dict[str, list[object]]) -> pd.DataFrame:
    columns: dict[str, object] = {}
    for name, values in rows.items():
        if name in _CATEGORIES:
            columns[name] = pd.Categorical(values, categories=list(_CATEGORIES[name]))
        elif name in _INTEGERS:
            columns[name] = pd.array(cast(Any, values), dtype="Int64")
        elif name in _FLOATS:
            columns[name] = pd.array(cast(Any, values), dtype="Float64")
        elif name in _DATES:
            columns[name] = pd.to_datetime(
                pd.Series(values, dtype="object"), format="ISO8601"
            ).astype("datetime64[ns]")
        else:
            columns[name] = pd.array(cast(Any, values), dtype="string")
    return pd.DataFrame(columns)


def figures_frame(figures: Sequence[Figure]) -> pd.DataFrame:
    """The validated `figures` table, sorted by document, offsets and labels."""
    rows: dict[str, list[object]] = {
        name: [getattr(f, name) for f in figures] for name in FIGURE_COLUMNS
    }
    frame = _typed(rows)
    frame = frame.sort_values(
        ["doc_id", "start", "end", "metric", "subject", "location", "rule"],
        kind="stable",
        na_position="first",
        key=lambda s: s.astype("string") if s.dtype == "category" else s,
    ).reset_index(drop=True)
    return Figures.validate(frame, lazy=True)


def documents_frame(documents: Sequence[Document]) -> pd.DataFrame:
    """The validated `documents` table, one row per input document."""
    rows: dict[str, list[object]] = {
        "doc_id": [d.doc_id for d in documents],
        "path": [d.path for d in documents],
        "source": [d.source for d in documents],
        "published": [d.published for d in documents],
        "n_chars": [d.n_chars for d in documents],
        "status": [d.status for d in documents],
        "message": [d.message for d in documents],
    }
    frame = _typed(rows).sort_values(["path", "doc_id"], kind="stable").reset_index(drop=True)
    return Documents.validate(frame, lazy=True)
