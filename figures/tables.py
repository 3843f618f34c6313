"""Rows to DataFrames: records become typed, validated, deterministically ordered tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any, cast

import pandas as pd
import pyarrow as pa

from .claims import ClaimRow, claims_of, figure_id, totals
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
DOCUMENT_COLUMNS = [
    "doc_id", "path", "source", "published", "n_chars", "status", "message", "url", "country",
]  # fmt: skip
_CATEGORIES = {
    "approx": APPROXES,
    "metric": METRICS,
    "subject": SUBJECTS,
    "unit": UNITS,
    "status": STATUSES,
    "agreement": AGREEMENTS,
}
INTEGER_COLUMNS = ("start", "end", "n_chars", "n_figures", "n_documents", "n_sources", "place_id")
FLOAT_COLUMNS = ("value", "low", "high", "best", "lat", "lon")
BOOLEAN_COLUMNS = ("cumulative",)
_DATES = ("date", "published", "first_date", "last_date")
DATE = pd.ArrowDtype(pa.date32())  # a day, not a timestamp: DATE in DuckDB, Date in Polars


def _typed(rows: dict[str, list[object]]) -> pd.DataFrame:
    columns: dict[str, object] = {}
    for name, values in rows.items():
        if name in _CATEGORIES:
            columns[name] = pd.Categorical(values, categories=list(_CATEGORIES[name]))
        elif name in INTEGER_COLUMNS:
            columns[name] = pd.array(cast(Any, values), dtype="Int64")
        elif name in BOOLEAN_COLUMNS:  # from CSV as "True"/"False"
            flags = [v if v is None or isinstance(v, bool) else v == "True" for v in values]
            columns[name] = pd.array(cast(Any, flags), dtype="boolean")
        elif name in FLOAT_COLUMNS:
            columns[name] = pd.array(cast(Any, values), dtype="Float64")
        elif name in _DATES:
            columns[name] = pd.to_datetime(
                pd.Series(values, dtype="object"), format="ISO8601"
            ).astype(DATE)
        elif name in LIST_COLUMNS:
            columns[name] = pd.Series([list(v) for v in values], dtype="object")  # type: ignore[call-overload]
        else:
            columns[name] = pd.array(cast(Any, values), dtype="string")
    return pd.DataFrame(columns)


def tables(documents: Sequence[Document], figures: Sequence[Figure]) -> dict[str, pd.DataFrame]:
    """The three validated tables of a run: documents, figures (with claim ids) and claims."""
    ordered = in_table_order(documents, figures)
    claim_of, claims = claims_of(ordered, outlets(documents), published(documents))
    return {
        "documents": documents_frame(documents),
        "figures": figures_table(_typed(figure_columns(ordered)), claim_of),
        "claims": claims_table(claims),
    }


def _columns(rows: Sequence[object], names: list[str]) -> dict[str, list[object]]:
    return {name: [getattr(row, name) for row in rows] for name in names}


def figures_frame(
    figures: Sequence[Figure], outlets: dict[str, str | None] | None = None
) -> pd.DataFrame:
    """The validated `figures` table, sorted by document, offsets and labels, with each row's
    id, claim and total."""
    ordered = in_table_order([], figures)
    return figures_table(_typed(figure_columns(ordered)), claims_of(ordered, outlets or {})[0])


def in_table_order(documents: Sequence[Document], figures: Sequence[Figure]) -> list[Figure]:
    """Figures in the table's order: by their document's path, then document, offsets and
    labels. A run written in batches of whole files, in path order, comes out in this order."""
    paths: dict[str, str] = {}
    for document in documents:
        paths[document.doc_id] = min(paths.get(document.doc_id, document.path), document.path)
    return sorted(figures, key=lambda f: (paths.get(f.doc_id, ""), *row_order(f)))


def outlets(documents: Iterable[Document]) -> dict[str, str | None]:
    """The outlet of each document that names one, by doc_id."""
    return {d.doc_id: d.source for d in documents if d.source}


def published(documents: Iterable[Document]) -> dict[str, str | None]:
    """The day each document that gives one was published, by doc_id."""
    return {d.doc_id: d.published for d in documents if d.published}


def figure_columns(ordered: Sequence[Figure]) -> dict[str, list[object]]:
    """The columns of the figures table but `claim_id`, for figures in table order: each row's
    id, and the id of the total it is part of (found within its document)."""
    ids: list[str] = [figure_id(f) for f in ordered]
    rows = _columns(ordered, FIGURE_COLUMNS[:-3])
    rows["figure_id"] = list(ids)
    rows["part_of"] = list(totals(ordered, ids))
    return rows


def figures_table(frame: pd.DataFrame, claim_ids: Sequence[str]) -> pd.DataFrame:
    """The validated figures table: `frame` (from `figure_columns`) with its rows' claim ids."""
    frame = frame.assign(claim_id=pd.array(list(claim_ids), dtype="string"))
    return Figures.validate(frame[FIGURE_COLUMNS], lazy=True)


def claims_table(claims: Sequence[ClaimRow]) -> pd.DataFrame:
    """The validated claims table."""
    return Claims.validate(_typed(_columns(claims, CLAIM_COLUMNS)), lazy=True)


def documents_frame(documents: Sequence[Document]) -> pd.DataFrame:
    """The validated `documents` table, one row per input document."""
    rows = _columns(documents, DOCUMENT_COLUMNS)
    frame = _typed(rows).sort_values(["path", "doc_id"], kind="stable").reset_index(drop=True)
    return Documents.validate(frame, lazy=True)
