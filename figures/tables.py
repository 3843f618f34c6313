"""Rows to DataFrames: records become typed, validated, deterministically ordered tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any, cast

import pandas as pd

from .claims import ClaimRow, link
from .records import (
    AGREEMENTS,
    APPROXES,
    METRICS,
    STATUSES,
    SUBJECTS,
    UNITS,
    Document,
    Figure,
    row_order,
)
from .schemas import Claims, Documents, Figures

FIGURE_COLUMNS = [f.name for f in fields(Figure)] + ["figure_id", "claim_id", "part_of"]
CLAIM_COLUMNS = [f.name for f in fields(ClaimRow)]
LIST_COLUMNS = ("sources", "doc_ids", "conflicts_with")
DOCUMENT_COLUMNS = ["doc_id", "path", "source", "published", "n_chars", "status", "message", "url"]
_CATEGORIES = {
    "approx": APPROXES,
    "metric": METRICS,
    "subject": SUBJECTS,
    "unit": UNITS,
    "status": STATUSES,
    "agreement": AGREEMENTS,
}
INTEGER_COLUMNS = ("start", "end", "n_chars", "n_figures", "n_documents", "n_sources")
FLOAT_COLUMNS = ("value", "low", "high", "best")
_DATES = ("date", "published")


def _typed(rows: dict[str, list[object]]) -> pd.DataFrame:
    columns: dict[str, object] = {}
    for name, values in rows.items():
        if name in _CATEGORIES:
            columns[name] = pd.Categorical(values, categories=list(_CATEGORIES[name]))
        elif name in INTEGER_COLUMNS:
            columns[name] = pd.array(cast(Any, values), dtype="Int64")
        elif name in FLOAT_COLUMNS:
            columns[name] = pd.array(cast(Any, values), dtype="Float64")
        elif name in _DATES:
            columns[name] = pd.to_datetime(
                pd.Series(values, dtype="object"), format="ISO8601"
            ).astype("datetime64[ns]")
        elif name in LIST_COLUMNS:
            columns[name] = pd.Series([list(v) for v in values], dtype="object")  # type: ignore[call-overload]
        else:
            columns[name] = pd.array(cast(Any, values), dtype="string")
    return pd.DataFrame(columns)


def tables(documents: Sequence[Document], figures: Sequence[Figure]) -> dict[str, pd.DataFrame]:
    """The three validated tables of a run: documents, figures (with claim ids) and claims."""
    found, claims = _figures_and_claims(figures, {d.doc_id: d.source for d in documents})
    return {"documents": documents_frame(documents), "figures": found, "claims": claims}


def _columns(rows: Sequence[object], names: list[str]) -> dict[str, list[object]]:
    return {name: [getattr(row, name) for row in rows] for name in names}


def figures_frame(
    figures: Sequence[Figure], outlets: dict[str, str | None] | None = None
) -> pd.DataFrame:
    """The validated `figures` table, sorted by document, offsets and labels, with each row's
    id, claim and total."""
    return _figures_and_claims(figures, outlets or {})[0]


def _figures_and_claims(
    figures: Sequence[Figure], outlets: dict[str, str | None]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    ordered = sorted(figures, key=row_order)
    links = link(ordered, outlets)
    rows = _columns(ordered, FIGURE_COLUMNS[:-3])
    rows |= {"figure_id": list(links.figure_ids), "claim_id": list(links.claim_ids)}
    rows["part_of"] = list(links.part_of)
    claims = _typed(_columns(links.claims, CLAIM_COLUMNS))
    return Figures.validate(_typed(rows), lazy=True), Claims.validate(claims, lazy=True)


def documents_frame(documents: Sequence[Document]) -> pd.DataFrame:
    """The validated `documents` table, one row per input document."""
    frame = (
        _typed(_columns(documents, DOCUMENT_COLUMNS))
        .sort_values(["path", "doc_id"], kind="stable")
        .reset_index(drop=True)
    )
    return Documents.validate(frame, lazy=True)
