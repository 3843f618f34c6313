"""Write and read the tables: Parquet and CSV, atomically, byte for byte the same on every run."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

TABLES = ("documents", "figures", "claims")
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK  # what open() would give a new file


def _write_bytes(frame: pd.DataFrame, suffix: str, handle: int) -> None:
    """Write one table in one format to an open file handle (closed on return)."""
    with os.fdopen(handle, "wb") as out:
        if suffix == ".parquet":
            table = pa.Table.from_pandas(frame, preserve_index=False)
            pq.write_table(table, out, compression="zstd", write_statistics=True)
        else:
            out.write(to_csv(frame).encode("utf-8"))


def to_csv(frame: pd.DataFrame) -> str:
    """CSV text of a table; list columns become JSON arrays."""
    from .tables import LIST_COLUMNS

    frame = frame.copy()
    for name in LIST_COLUMNS:
        if name in frame.columns:
            frame[name] = [json.dumps(list(v), ensure_ascii=False) for v in frame[name]]
    return frame.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")


def datapackage(tables: dict[str, pd.DataFrame]) -> str:
    """A Frictionless Data Package describing the CSV tables, with row counts and schemas."""
    from . import __version__
    from .schemas import table_schema

    resources = [
        {
            "name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "profile": "tabular-data-resource", "schema": table_schema(name),
            "stats": {"rows": len(frame)}, "parquet": f"{name}.parquet",
        }
        for name, frame in tables.items()
    ]  # fmt: skip
    package = {
        "name": "figures-dataset", "title": "Incident figures extracted from news reports",
        "profile": "tabular-data-package", "figures_version": __version__,
        "resources": resources,
    }  # fmt: skip
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


@contextlib.contextmanager
def _staging() -> Iterator[list[tuple[str, Path]]]:
    """Temporary files and folders, each with the path it will replace; whatever is still staged
    when the block ends (a failure, or nothing moved yet) is removed."""
    staged: list[tuple[str, Path]] = []
    try:
        yield staged
    finally:
        for temp, _ in staged:
            if os.path.isdir(temp):
                shutil.rmtree(temp)
            elif os.path.exists(temp):
                os.unlink(temp)


def _stage(
    target: Path, name: str, write: Callable[[int], None], staged: list[tuple[str, Path]]
) -> None:
    """Write `name` to a temporary file in `target`, to be moved into place later."""
    handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=target)
    os.chmod(temp, _FILE_MODE)  # mkstemp makes private files; a dataset is meant to be shared
    staged.append((temp, target / name))
    write(handle)


def write_tables(
    tables: dict[str, pd.DataFrame],
    out_dir: str | os.PathLike[str],
    partition_rows: int | None = None,
) -> list[Path]:
    """Write each table as `.parquet` and `.csv` into `out_dir`, with a `datapackage.json`,
    replacing old files only once every new file is completely written, so a failed or killed
    run leaves the previous dataset intact. With `partition_rows`, each `.parquet` is a folder
    of parts of that many rows (a partitioned dataset, as Dask and Spark write them)."""
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    names = [f"{name}{suffix}" for name in tables for suffix in (".parquet", ".csv")]
    names.append("datapackage.json")
    for stale in target.glob(".*.tmp"):  # left by a run that was killed while writing
        if stale.name.startswith(tuple(f".{name}." for name in names)):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    with _staging() as staged:
        for name, frame in tables.items():
            if partition_rows:
                folder = _parts(target, name, frame, partition_rows)
                staged.append((folder, target / f"{name}.parquet"))
            else:
                _stage(target, f"{name}.parquet", partial(_write_bytes, frame, ".parquet"), staged)
            _stage(target, f"{name}.csv", partial(_write_bytes, frame, ".csv"), staged)
        package = datapackage(tables).encode("utf-8")
        _stage(target, "datapackage.json", lambda handle: _write_raw(handle, package), staged)
        for temp, final in staged:
            _replace(temp, final)
        return [final for _, final in staged]


def _parts(target: Path, name: str, frame: pd.DataFrame, rows: int) -> str:
    """Write `frame` as numbered Parquet parts into a new temporary folder in `target`."""
    folder = tempfile.mkdtemp(prefix=f".{name}.parquet.", suffix=".tmp", dir=target)
    os.chmod(folder, 0o777 & ~_UMASK)
    for number, start in enumerate(range(0, max(len(frame), 1), rows)):
        part = Path(folder) / f"part-{number:05d}.parquet"
        handle = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE)
        _write_bytes(frame.iloc[start : start + rows].reset_index(drop=True), ".parquet", handle)
    return folder


def _replace(temp: str, final: Path) -> None:
    """Move a staged file or folder into place; a folder first moves the old one aside."""
    if not os.path.isdir(temp) and not final.is_dir():
        os.replace(temp, final)
        return
    old = None
    if final.exists():
        old = tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
        os.replace(final, Path(old) / final.name)
    os.replace(temp, final)
    if old:
        shutil.rmtree(old)


def _write_raw(handle: int, data: bytes) -> None:
    with os.fdopen(handle, "wb") as out:
        out.write(data)


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write a text file atomically: a temporary file beside it, then a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    with _staging() as staged:
        _stage(target.parent, target.name, lambda handle: _write_raw(handle, data), staged)
        _replace(*staged[0])


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
        return pd.read_parquet(path)
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


def write_schemas(out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write each model's pandera YAML and Frictionless Table Schema into `out_dir`."""
    from .schemas import MODELS, table_schema

    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in MODELS.items():
        path = target / f"{name}.yaml"
        path.write_text(model.to_schema().to_yaml() or "", encoding="utf-8")
        frictionless = target / f"{name}.schema.json"
        frictionless.write_text(json.dumps(table_schema(name), indent=2) + "\n", encoding="utf-8")
        written += [path, frictionless]
    return written
