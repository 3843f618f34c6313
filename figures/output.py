"""Write tables as one dataset: Parquet and CSV, byte for byte the same on every run, made beside
the old dataset and switched into place; and say what is wrong with a folder's dataset."""

from __future__ import annotations

import contextlib
import csv
import ctypes
import errno
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

TABLES = ("documents", "figures", "claims")
PACKAGE = "datapackage.json"
_STAGING = ".figures-run."  # a run's new dataset waits in `.figures-run.XXXXXXXX.tmp/`
_UMASK = os.umask(0o022)
os.umask(_UMASK)

# A cell a spreadsheet would run as a formula (OWASP's list), or one neutralised already: a
# leading quote before these is added on writing, so a reader can take exactly one away.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_UNUSED = "\ufdd0"  # a Unicode noncharacter: marks a neutralised cell until it is quoted


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading single quote before =, +, -, @, tab or
    carriage return, as OWASP recommends (and before quotes leading those, so it can be undone).

    >>> [neutralise(c) for c in ["=1+2", "-3 killed", "'=x", "3 killed", "x=1"]]
    ["'=1+2", "'-3 killed", "''=x", '3 killed', 'x=1']
    """
    return "'" + cell if _FORMULA.match(cell) else cell


def restore(cell: str) -> str:
    """The text `neutralise` was given: what a reader of the CSVs does to each text cell.

    >>> [restore(neutralise(c)) for c in ["=1+2", "'=x", "'quoted'", "3 killed"]]
    ['=1+2', "'=x", "'quoted'", '3 killed']
    """
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def to_csv(frame: pd.DataFrame, header: bool = True) -> str:
    """CSV text of a table; list columns become JSON arrays, and a text cell that would start a
    formula is neutralised (`neutralise`) and quoted. Numbers are never neutralised."""
    from .tables import LIST_COLUMNS

    frame = frame.copy()
    for name in LIST_COLUMNS:
        if name in frame.columns:
            frame[name] = [json.dumps(list(v), ensure_ascii=False) for v in frame[name]]
    texts = [name for name in frame.columns if isinstance(frame[name].dtype, pd.StringDtype)]
    risky = {name: frame[name].str.match(_FORMULA.pattern).fillna(False) for name in texts}
    risky = {name: mask for name, mask in risky.items() if mask.any()}
    if not risky:
        return _csv_text(frame, header)
    # pandas quotes a cell only when it must: each risky cell goes in as a placeholder that
    # occurs nowhere else, and comes out neutralised and quoted.
    mark = _UNUSED
    strings = [frame[n] for n in frame.columns if frame[n].dtype in (object, "string", "str")]
    while any(s.astype("string").str.contains(mark, regex=False).any() for s in strings):
        mark += _UNUSED
    cells: list[str] = []
    for name, mask in risky.items():
        values = list(frame.loc[mask, name])
        placeholders = [f"{mark}{len(cells) + i}{mark}" for i in range(len(values))]
        cells += ['"' + neutralise(str(v)).replace('"', '""') + '"' for v in values]
        frame.loc[mask, name] = placeholders
    return re.sub(f"{mark}([0-9]+){mark}", lambda m: cells[int(m[1])], _csv_text(frame, header))


def _csv_text(frame: pd.DataFrame, header: bool) -> str:
    return frame.to_csv(index=False, header=header, lineterminator="\n", date_format="%Y-%m-%d")


def _arrow(frame: pd.DataFrame) -> pa.Table:
    """A frame as Arrow, list columns typed as lists of strings even when every list is empty."""
    from .tables import LIST_COLUMNS

    table = pa.Table.from_pandas(frame, preserve_index=False)
    for name in LIST_COLUMNS:
        if name in table.column_names:
            index = table.column_names.index(name)
            table = table.set_column(index, name, table[name].cast(pa.list_(pa.string())))
    return table


class TableFiles:
    """One table written batch by batch into `folder`: `.csv`, and `.parquet` with a row group
    per batch, or (with `part_rows`) a folder of Parquet files of `part_rows` rows each, as Dask
    and Spark write them."""

    def __init__(self, folder: Path, name: str, part_rows: int | None = None) -> None:
        self.name, self.rows = name, 0
        self.csv = open(folder / f"{name}.csv", "xb")  # noqa: SIM115 - closed by `close`
        self.part_rows, self.parts = part_rows, 0
        self.pending: list[pa.Table] = []
        self.writer: pq.ParquetWriter | None = None
        self.path = folder / f"{name}.parquet"
        self.parquet: IO[bytes] | None = None
        if part_rows:
            self.path.mkdir()
        else:
            self.parquet = open(self.path, "xb")  # noqa: SIM115 - closed by `close`

    def write(self, frame: pd.DataFrame) -> None:
        """Append rows; the first call, even with no rows, fixes the columns."""
        if not len(frame) and self.csv.tell():
            return
        self.csv.write(to_csv(frame, header=not self.csv.tell()).encode("utf-8"))
        table = _arrow(frame)
        self.rows += len(frame)
        if self.part_rows:
            self.pending.append(table)
            self._write_parts(final=False)
            return
        if self.writer is None:
            self.writer = pq.ParquetWriter(
                self.parquet, table.schema, compression="zstd", write_statistics=True
            )
        self.writer.write_table(table)

    def _write_parts(self, final: bool) -> None:
        """Write each full part pending; at the end also the rest, or one empty part."""
        if not self.part_rows or not self.pending:
            return
        table, done = pa.concat_tables(self.pending), 0
        while len(table) - done >= self.part_rows or (
            final and (done < len(table) or not self.parts)
        ):
            with open(self.path / f"part-{self.parts:05d}.parquet", "xb") as out:
                chunk = table.slice(done, self.part_rows).combine_chunks()
                pq.write_table(chunk, out, compression="zstd", write_statistics=True)
            done, self.parts = done + self.part_rows, self.parts + 1
        rest = table.slice(min(done, len(table)))
        self.pending = [rest] if len(rest) or not self.parts else []  # keeps an empty first batch

    def close(self, empty: pd.DataFrame) -> None:
        """Finish the files; `empty` gives the columns of a table that got no rows."""
        if not self.csv.tell():
            self.write(empty)
        self._write_parts(final=True)
        if self.writer is not None:
            self.writer.close()
        for out in (self.csv, self.parquet):
            if out is not None:
                out.close()


class Dataset:
    """A new dataset in a staging folder beside the old one, switched into place by `commit`."""

    def __init__(self, folder: Path, staging: Path, part_rows: int | None) -> None:
        self.folder, self.staging, self.part_rows = folder, staging, part_rows
        self.tables: list[TableFiles] = []

    def table(self, name: str) -> TableFiles:
        """The files of a new table; close them before `commit`."""
        self.tables.append(TableFiles(self.staging, name, self.part_rows))
        return self.tables[-1]

    def scratch(self) -> IO[bytes]:
        """A nameless temporary file in the output folder, gone when closed or killed."""
        return tempfile.TemporaryFile(dir=self.staging)

    def commit(self) -> dict[str, int]:
        """Describe the new tables in a `datapackage.json`, then move them into place, the
        package last; returns each table's rows. A kill before the package moves leaves tables
        that do not match the old package, which `package_problems` reports."""
        written = {files.name: files.rows for files in self.tables}
        rows = {name: written[name] for name in [*TABLES, *written] if name in written}
        package = datapackage(self.staging, rows)
        (self.staging / PACKAGE).write_text(package, encoding="utf-8")
        for name in [f"{t}{suffix}" for t in rows for suffix in (".csv", ".parquet")] + [PACKAGE]:
            _move(self.staging / name, self.folder / name)
        return rows


@contextlib.contextmanager
def new_dataset(out_dir: str | os.PathLike[str], part_rows: int | None = None) -> Iterator[Dataset]:
    """A new dataset for `out_dir` (made if needed), locked against a second run writing into it
    at the same time; what a killed run left there is removed first, and the staging folder
    whatever happens. With `part_rows`, each `.parquet` is a folder of parts."""
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    with _locked(target):
        for stale in _leftovers(target):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        # A stop (SIGTERM raises in the main thread) between making the staging folder and
        # naming it, or in the middle of removing it, would leave it behind: both hold the
        # signal back, and one held while it is made is raised inside the `try`.
        staging: Path | None = None
        try:
            with _signals_held():
                staging = Path(tempfile.mkdtemp(prefix=_STAGING, suffix=".tmp", dir=target))
            yield Dataset(target, staging, part_rows)
        finally:
            with _signals_held():
                if staging is not None:
                    shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGTERM and SIGINT wait until the block ends, then reach their handlers as usual.

    Blocking them with `pthread_sigmask` does not hold them back: the kernel hands a signal the
    main thread blocks to another thread (a worker pool has some), and Python runs the handler
    in the main thread all the same, inside the block. So the block's handlers only note them."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # only it may set handlers
        yield
        return
    caught: list[int] = []
    previous = {
        held: signal.signal(held, lambda signum, frame: caught.append(signum))
        for held in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        yield
    finally:
        for held, handler in previous.items():
            signal.signal(held, signal.SIG_DFL if handler is None else handler)
        for signum in caught:
            signal.raise_signal(signum)


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    """A lock on the folder itself, so nothing is left behind; the kernel drops it with the
    last descriptor, so a killed run, whose workers die with it, leaves no lock."""
    import fcntl

    folder = os.open(target, os.O_RDONLY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OSError(f"another figures run is writing into {target}") from None
        yield
    finally:
        os.close(folder)


def _leftovers(target: Path) -> list[Path]:
    """Staging folders of killed runs, and the temporary files older versions staged."""
    files = [f"{name}{suffix}" for name in TABLES for suffix in (".parquet", ".csv")] + [PACKAGE]
    prefixes = (_STAGING, *(f".{name}." for name in files))
    return [p for p in sorted(target.glob(".*.tmp")) if p.name.startswith(prefixes)]


def _move(source: Path, target: Path) -> None:
    """Put `source` at `target` in one step: a rename over a file; over a folder, or a folder
    over a file, an exchange of the two (Linux), which leaves the old one at `source`."""
    if not source.is_dir() and not target.is_dir():
        os.replace(source, target)
    elif not os.path.lexists(target):
        os.rename(source, target)
    elif not _exchange(source, target):  # no exchange here: the old one moves aside first
        aside = Path(tempfile.mkdtemp(prefix=".aside.", dir=source.parent))
        os.rename(target, aside / target.name)
        os.rename(source, target)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (renameat2 with RENAME_EXCHANGE); False where unsupported."""
    rename = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if not sys.platform.startswith("linux") or rename is None:
        return False
    at_cwd, exchange = -100, 2
    if rename(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _digest(path: Path) -> dict[str, Any]:
    """Size and SHA-256 of a file's bytes, as Frictionless `stats` name them."""
    with open(path, "rb") as file:
        sha256 = hashlib.file_digest(file, "sha256").hexdigest()
    return {"bytes": path.stat().st_size, "sha256": sha256}


def _parquet_entry(path: Path) -> dict[str, Any]:
    """How `datapackage.json` describes a Parquet table: a file, or a folder of parts, each
    with its rows, size and hash."""
    if not path.is_dir():
        return _parquet_file(path)
    parts = [_parquet_file(part) for part in sorted(path.iterdir())]
    return {"path": path.name, "rows": sum(part["rows"] for part in parts), "parts": parts}


def _parquet_file(path: Path) -> dict[str, Any]:
    return {"path": path.name, "rows": _parquet_rows(path), **_digest(path)}


def datapackage(folder: Path, rows: dict[str, int]) -> str:
    """A Frictionless Data Package describing the tables in `folder`: the CSVs as resources with
    their schemas, rows, size and SHA-256, and each Parquet file (or part) likewise."""
    from . import __version__
    from .schemas import table_schema

    resources = [
        {
            "name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "profile": "tabular-data-resource", "schema": table_schema(name),
            "stats": {"rows": count, **_digest(folder / f"{name}.csv")},
            "parquet": _parquet_entry(folder / f"{name}.parquet"),
        }
        for name, count in rows.items()
    ]  # fmt: skip
    package = {
        "name": "figures-dataset", "title": "Incident figures extracted from news reports",
        "profile": "tabular-data-package", "figures_version": __version__,
        "resources": resources,
    }  # fmt: skip
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


def package_problems(folder: Path) -> list[str]:
    """What keeps `folder` from being a whole dataset as a run wrote it, one sentence each; `[]`
    when its `datapackage.json` is readable, lists documents, figures and claims, and every
    table file it lists is there with the rows, size and SHA-256 it gives."""
    try:
        package = json.loads((Path(folder) / PACKAGE).read_text(encoding="utf-8"))
        resources = {r["name"]: r for r in package["resources"]}
    except FileNotFoundError:
        return [f"{PACKAGE} is missing"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [f"{PACKAGE} is unreadable: {type(error).__name__}: {error}"]
    problems = [f"table {t} is not listed in {PACKAGE}" for t in TABLES if t not in resources]
    for name, resource in resources.items():
        try:
            problems += _resource_problems(Path(folder), name, resource)
        except (KeyError, TypeError, ValueError) as error:
            problems.append(f"table {name}: its entry in {PACKAGE} is malformed ({error!r})")
    return problems


def _resource_problems(folder: Path, name: str, resource: dict[str, Any]) -> list[str]:
    """The problems of one table's files against its entry in the package."""
    entry = resource["parquet"]
    if not re.fullmatch("[a-z_]+", name) or (resource["path"], entry["path"]) != (
        f"{name}.csv",
        f"{name}.parquet",
    ):  # a package names only files of the folder it is in
        return [f"table {name}: {PACKAGE} names other files than {name}.csv and {name}.parquet"]
    stats = resource["stats"]
    problems = _file_problems(folder / f"{name}.csv", stats, _csv_rows)
    parts = folder / entry["path"]
    if "parts" not in entry:
        problems += _file_problems(parts, entry, _parquet_rows)
    elif not parts.is_dir():
        problems.append(f"{parts.name} is listed in {PACKAGE} as a folder of parts but is not")
    else:
        listed = [part["path"] for part in entry["parts"]]
        found = sorted(p.name for p in parts.iterdir())
        if found != listed:
            problems.append(f"{parts.name} holds parts {found}, {PACKAGE} lists {listed}")
        for part in entry["parts"]:
            if part["path"] in found:  # only files of the folder: no path leads out of it
                problems += _file_problems(parts / part["path"], part, _parquet_rows)
    if sum(p["rows"] for p in entry.get("parts", [entry])) != stats["rows"]:
        problems.append(f"table {name}: {PACKAGE} gives other rows for its CSV and its Parquet")
    return problems


def _file_problems(path: Path, stats: dict[str, Any], count: Any) -> list[str]:
    """Whether one file is there with the size, hash and rows `stats` give."""
    shown = f"{path.parent.name}/{path.name}" if path.parent.suffix == ".parquet" else path.name
    if not os.path.lexists(path):
        return [f"{shown} is listed in {PACKAGE} but missing"]
    if not path.is_file():
        return [f"{shown} is listed in {PACKAGE} as a file but is not one"]
    try:
        if _digest(path) != {"bytes": stats["bytes"], "sha256": stats["sha256"]}:
            return [f"{shown} does not match its size and SHA-256 in {PACKAGE}"]
        rows = count(path)
    except (OSError, ValueError, csv.Error, pa.ArrowException) as error:
        return [f"{shown} cannot be read: {error}"]
    if rows != stats["rows"]:
        return [f"{shown} has {rows} rows, {PACKAGE} says {stats['rows']}"]
    return []


def _csv_rows(path: Path) -> int:
    with open(path, encoding="utf-8", newline="") as file:
        return sum(1 for _ in csv.reader(file)) - 1  # the header


def _parquet_rows(path: Path) -> int:
    return int(pq.ParquetFile(path).metadata.num_rows)


def write_tables(
    tables: dict[str, pd.DataFrame],
    out_dir: str | os.PathLike[str],
    partition_rows: int | None = None,
) -> list[Path]:
    """Write each table as `.parquet` and `.csv` into `out_dir`, with a `datapackage.json`, as
    one new dataset that replaces the old one (see `new_dataset`). With `partition_rows`, each
    `.parquet` is a folder of parts of that many rows (as Dask and Spark write them)."""
    with new_dataset(out_dir, partition_rows) as dataset:
        for name, frame in tables.items():
            files = dataset.table(name)
            files.write(frame)
            files.close(frame)
        dataset.commit()
    names = [f"{name}{suffix}" for name in tables for suffix in (".parquet", ".csv")]
    return [Path(out_dir) / name for name in [*names, PACKAGE]]


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write a text file atomically: a temporary file beside it, then a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
        os.chmod(temp, 0o666 & ~_UMASK)  # mkstemp makes private files; what open() would give
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


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
