"""Read written tables back and validate them: schemas, and the links between tables."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from .output import TABLES


def table_paths(paths: Iterable[str]) -> dict[str, list[Path]]:
    """The table files named by `paths` (folders or files), by table name."""
    found: dict[str, list[Path]] = {}
    for given in paths:
        path = Path(given)
        candidates = (
            sorted(path.glob("*.parquet")) + sorted(path.glob("*.csv")) if path.is_dir() else [path]
        )
        for candidate in candidates:
            if candidate.stem in TABLES:
                found.setdefault(candidate.stem, []).append(candidate)
    return found


def read_table(path: Path) -> pd.DataFrame:
    """A table as written by `write_tables`, with its dtypes."""
    if path.suffix == ".parquet":
        frame = pd.read_parquet(path)
        if len(frame):
            return frame
        from .tables import _CATEGORIES

        # Parquet stores no dictionary for a column without rows: restore the categories.
        for name, values in _CATEGORIES.items():
            if name in frame.columns:
                frame[name] = pd.Categorical([], categories=list(values))
        return frame
    from .tables import (
        CLAIM_COLUMNS,
        DOCUMENT_COLUMNS,
        FIGURE_COLUMNS,
        FLOAT_COLUMNS,
        INTEGER_COLUMNS,
        LIST_COLUMNS,
        _typed,
    )

    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    columns = {"figures": FIGURE_COLUMNS, "claims": CLAIM_COLUMNS}.get(path.stem, DOCUMENT_COLUMNS)
    if list(raw.columns) != columns:
        return raw  # validation names the column problem
    rows = {name: [None if pd.isna(v) else v for v in raw[name]] for name in columns}
    parsers: list[tuple[str, Callable[[str], object]]] = [
        *((n, int) for n in INTEGER_COLUMNS), *((n, float) for n in FLOAT_COLUMNS),
        *((n, json.loads) for n in LIST_COLUMNS),
    ]  # fmt: skip
    for name, parse in parsers:
        if name in rows:
            rows[name] = [None if v is None else parse(str(v)) for v in rows[name]]
    return _typed(rows)


def _failures(error: Exception) -> list[dict[str, object]]:
    """The failing checks of a pandera error: column, check, first failing rows and values."""
    import pandera.errors

    if not isinstance(error, pandera.errors.SchemaErrors):
        return [{"column": None, "check": type(error).__name__, "rows": [], "values": [str(error)]}]
    cases = error.failure_cases
    report: list[dict[str, object]] = []
    for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=True):
        rows = [int(i) for i in group["index"].dropna().unique()[:5]]
        values = [str(v) for v in group["failure_case"].head(5)]
        report.append(
            {
                "column": None if pd.isna(column) else column,
                "check": str(check),
                "rows": rows,
                "values": values,
            }
        )
    return report


def _cross_check(tables: dict[str, pd.DataFrame]) -> list[dict[str, object]]:
    """Figures must point into their documents: a known doc_id and offsets within its text."""
    if "figures" not in tables or "documents" not in tables:
        return []
    figures, documents = tables["figures"], tables["documents"]
    lengths = documents.drop_duplicates("doc_id").set_index("doc_id")["n_chars"]
    n_chars = figures["doc_id"].map(lengths)
    unknown = figures.index[n_chars.isna()].tolist()
    outside = figures.index[(figures["end"] > n_chars).fillna(False)].tolist()
    errors: list[dict[str, object]] = []
    if unknown:
        errors.append({"column": "doc_id", "check": "doc_id in documents", "rows": unknown[:5],
                       "values": figures.loc[unknown[:5], "doc_id"].tolist()})  # fmt: skip
    if outside:
        errors.append({"column": "end", "check": "end <= documents.n_chars", "rows": outside[:5],
                       "values": figures.loc[outside[:5], "end"].tolist()})  # fmt: skip
    return errors


def validate_paths(paths: Iterable[str]) -> dict[str, Any]:
    """Validate every documents/figures table under `paths` against the schemas."""
    from .schemas import MODELS

    report: list[dict[str, Any]] = []
    by_suffix: dict[str, dict[str, pd.DataFrame]] = {}
    for name, files in sorted(table_paths(paths).items()):
        for path in files:
            errors: list[dict[str, object]] = []
            frame = None
            try:
                frame = read_table(path)
                MODELS[name].validate(frame, lazy=True)
            except Exception as error:
                errors = _failures(error)
            if frame is not None:
                by_suffix.setdefault(str(path.parent / path.suffix), {})[name] = frame
            rows = 0 if frame is None else len(frame)
            report.append(
                {
                    "table": name,
                    "path": str(path),
                    "valid": not errors,
                    "rows": rows,
                    "errors": errors,
                }
            )
    for entry in report:
        if entry["table"] == "figures" and entry["valid"]:
            key = str(Path(str(entry["path"])).parent / Path(str(entry["path"])).suffix)
            cross = _cross_check(by_suffix.get(key, {}))
            entry["errors"], entry["valid"] = cross, not cross
    return {"valid": all(e["valid"] for e in report), "tables": report}
