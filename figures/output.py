"""Write and read the tables: Parquet and CSV, atomically, byte for byte the same on every run."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import shutil
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

if TYPE_CHECKING:
    from .claims import ClaimRow, Key, SlimFigures
    from .pipeline import Done
    from .records import Document, Figure

TABLES = ("documents", "figures", "claims")
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK  # what open() would give a new file


def to_csv(frame: pd.DataFrame, header: bool = True) -> str:
    """CSV text of a table; list columns become JSON arrays."""
    from .tables import LIST_COLUMNS

    frame = frame.copy()
    for name in LIST_COLUMNS:
        if name in frame.columns:
            frame[name] = [json.dumps(list(v), ensure_ascii=False) for v in frame[name]]
    return frame.to_csv(index=False, header=header, lineterminator="\n", date_format="%Y-%m-%d")


def datapackage(rows: dict[str, int]) -> str:
    """A Frictionless Data Package describing the CSV tables, with row counts and schemas."""
    from . import __version__
    from .schemas import table_schema

    resources = [
        {
            "name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "profile": "tabular-data-resource", "schema": table_schema(name),
            "stats": {"rows": count}, "parquet": f"{name}.parquet",
        }
        for name, count in rows.items()
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


def _stage(target: Path, name: str, staged: list[tuple[str, Path]]) -> int:
    """A handle on a new temporary file in `target`, staged to replace `name` later."""
    handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=target)
    os.chmod(temp, _FILE_MODE)  # mkstemp makes private files; a dataset is meant to be shared
    staged.append((temp, target / name))
    return handle


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
    """One table written batch by batch into temporary files staged to replace the old ones:
    `.csv`, and `.parquet` with a row group per batch, or (with `part_rows`) a folder of Parquet
    files of `part_rows` rows each, as Dask and Spark write them."""

    def __init__(
        self, target: Path, name: str, staged: list[tuple[str, Path]], part_rows: int | None = None
    ) -> None:
        self.rows = 0
        self.csv = os.fdopen(_stage(target, f"{name}.csv", staged), "wb")
        self.part_rows, self.parts = part_rows, 0
        self.pending: list[pa.Table] = []
        self.writer: pq.ParquetWriter | None = None
        if part_rows:
            self.folder = tempfile.mkdtemp(prefix=f".{name}.parquet.", suffix=".tmp", dir=target)
            os.chmod(self.folder, 0o777 & ~_UMASK)
            staged.append((self.folder, target / f"{name}.parquet"))
        else:
            self.parquet = os.fdopen(_stage(target, f"{name}.parquet", staged), "wb")

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
            part = Path(self.folder) / f"part-{self.parts:05d}.parquet"
            handle = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE)
            with os.fdopen(handle, "wb") as out:
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
        for out in (self.csv, getattr(self, "parquet", None)):
            if out is not None:
                out.close()


@contextlib.contextmanager
def _writing(out_dir: str | os.PathLike[str], names: Iterable[str]) -> Iterator[Path]:
    """The output folder, made if needed, locked against a second run writing into it at the
    same time (a lock on the folder itself, so nothing is left behind), and cleared of
    leftovers of a run killed while writing."""
    import fcntl

    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    folder = os.open(target, os.O_RDONLY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OSError(f"another figures run is writing into {target}") from None
        files = [f"{name}{suffix}" for name in names for suffix in (".parquet", ".csv")]
        files.append("datapackage.json")
        for stale in target.glob(".*.tmp"):
            if stale.name.startswith(tuple(f".{name}." for name in files)):
                shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        yield target
    finally:
        os.close(folder)  # releases the lock


def _finish(target: Path, rows: dict[str, int], staged: list[tuple[str, Path]]) -> list[Path]:
    """Stage the datapackage, then move every staged file into place."""
    package = datapackage(rows).encode("utf-8")
    _write_raw(_stage(target, "datapackage.json", staged), package)
    for temp, final in staged:
        _replace(temp, final)
    return [final for _, final in staged]


def write_tables(
    tables: dict[str, pd.DataFrame],
    out_dir: str | os.PathLike[str],
    partition_rows: int | None = None,
) -> list[Path]:
    """Write each table as `.parquet` and `.csv` into `out_dir`, with a `datapackage.json`,
    replacing old files only once every new file is completely written, so a failed or killed
    run leaves the previous dataset intact. With `partition_rows`, each `.parquet` is a folder
    of parts of that many rows (a partitioned dataset, as Dask and Spark write them)."""
    with _writing(out_dir, tables) as target, _staging() as staged:
        for name, frame in tables.items():
            files = TableFiles(target, name, staged, partition_rows)
            files.write(frame)
            files.close(frame)
        return _finish(target, {name: len(frame) for name, frame in tables.items()}, staged)


BATCH_FILES = 1024  # input files per batch: what a streamed run holds in memory at once
# Claims are written a few at a time: a claim's row lists every document and source of it, and a
# table of them costs several copies of those lists (DataFrame, checks, CSV, Arrow).
CLAIM_ITEMS = 50_000  # claims, and documents and sources named in them, written at a time


@dataclass(frozen=True)
class Written:
    """What `stream_tables` wrote: the rows of each table, and the documents that were not ok."""

    rows: dict[str, int]
    problems: list[Document]


def _batches(results: Iterable[Done], size: int) -> Iterator[list[tuple[Document, list[Figure]]]]:
    batch: list[tuple[Document, list[Figure]]] = []
    files = 0
    for files, result in enumerate(results, start=1):
        batch.extend(result)
        if files % size == 0:
            yield batch
            batch = []
    if batch or not files:
        yield batch


def stream_tables(
    results: Iterable[Done],
    out_dir: str | os.PathLike[str],
    partition_rows: int | None = None,
    batch_files: int = BATCH_FILES,
) -> Written:
    """Write a run's tables while its files are extracted, `batch_files` files at a time, so
    memory holds a batch, not the corpus. `results` come in path order, as
    `pipeline.extracted` gives them; the tables equal `write_tables(tables(...))`'s.

    Claims group figures across the whole corpus, one metric, subject and unit at a time, so
    the figures go to temporary files first: whole, to be copied with their claim ids once the
    claims are known, and as claims read them, by metric, subject and unit (`_ByKey`). Atomic,
    like `write_tables`."""
    from .tables import _typed, documents_frame, figure_columns, in_table_order, outlets, published

    with (
        _writing(out_dir, TABLES) as target,
        _staging() as staged,
        contextlib.ExitStack() as cleanup,
    ):
        handle, unlinked = tempfile.mkstemp(prefix=".figures.parquet.", suffix=".tmp", dir=target)
        os.close(handle)
        cleanup.callback(os.unlink, unlinked)
        documents = TableFiles(target, "documents", staged, partition_rows)
        by_key = _ByKey(cleanup.enter_context(tempfile.TemporaryFile(dir=target)))
        problems: list[Document] = []
        with pq.ParquetWriter(unlinked, _arrow(_typed(figure_columns([]))).schema,
                              compression="zstd") as writer:  # fmt: skip
            for batch in _batches(results, batch_files):
                docs = [d for d, _ in batch]
                found = in_table_order(docs, [f for _, fs in batch for f in fs])
                documents.write(documents_frame(docs, found))
                if found:  # an empty row group would read back without its categories
                    writer.write_table(_arrow(_typed(figure_columns(found))))
                by_key.add(found, outlets(docs), published(docs))
                problems += [d for d in docs if d.status != "ok"]
        documents.close(documents_frame([]))
        claims = TableFiles(target, "claims", staged, partition_rows)
        claim_of, claim_ids = _write_claims(by_key, claims)
        figures = TableFiles(target, "figures", staged, partition_rows)
        _copy_with_claims(pq.ParquetFile(unlinked), claim_of, claim_ids, figures)
        rows = {"documents": documents.rows, "figures": figures.rows, "claims": claims.rows}
        _finish(target, rows, staged)
        return Written(rows, problems)


# What `_ByKey` keeps of a figure: its number in the run, the figure but its number text and
# rule, its document's outlet and the day that document was published.
_Kept = tuple[int, "Figure", str | None, str | None]


class _ByKey:
    """A run's figures as claims read them, in a nameless temporary file, by metric, subject and
    unit: claims are formed one of these at a time, so a run holds one's figures in memory
    (as `claims.SlimFigures`), not the corpus's."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.chunks: dict[Key, list[int]] = {}  # where each batch's figures of a key start
        self.count = 0

    def add(
        self,
        figures: Sequence[Figure],
        outlets: dict[str, str | None],
        published: dict[str, str | None],
    ) -> None:
        """Keep `figures`, the next in table order, with the outlet and the publication day of
        their documents."""
        from dataclasses import replace

        from .claims import key_of

        parts: dict[Key, list[_Kept]] = {}
        for f in figures:
            slim = replace(f, number_text="", rule="")
            parts.setdefault(key_of(f), []).append(
                (self.count, slim, outlets.get(f.doc_id), published.get(f.doc_id))
            )
            self.count += 1
        for key, rows in parts.items():
            self.chunks.setdefault(key, []).append(self.file.tell())
            pickle.dump(rows, self.file, protocol=pickle.HIGHEST_PROTOCOL)

    def read(
        self,
    ) -> Iterator[tuple[array[int], SlimFigures, dict[str, str | None], dict[str, str | None]]]:
        """Each metric, subject and unit in turn: its figures' numbers in the run, the figures,
        and their documents' outlets and publication days."""
        from .claims import SlimFigures

        for key in sorted(self.chunks):
            indexes, figures = array("q"), SlimFigures()
            outlets: dict[str, str | None] = {}
            dates: dict[str, str | None] = {}
            names: dict[str, str] = {}  # one string for each outlet
            for start in self.chunks[key]:
                self.file.seek(start)
                rows: list[_Kept] = pickle.load(self.file)
                for n, figure, outlet, day in rows:
                    indexes.append(n)
                    figures.append(figure)
                    if outlet:
                        outlets[figure.doc_id] = names.setdefault(outlet, outlet)
                    if day:
                        dates[figure.doc_id] = day
            yield indexes, figures, outlets, dates


def _write_claims(by_key: _ByKey, files: TableFiles) -> tuple[array[int], list[str]]:
    """Form and write the claims, one metric/subject/unit at a time; returns each figure's
    claim number and the claims' ids."""
    from .claims import key_claims
    from .tables import claims_table

    claim_of = array("i", bytes(4 * by_key.count))
    claim_ids: list[str] = []
    rows: list[ClaimRow] = []
    items = 0
    for indexes, figures, outlets, dates in by_key.read():
        for members, row in key_claims(figures, outlets, dates):
            for i in members:
                claim_of[indexes[i]] = len(claim_ids)
            claim_ids.append(row.claim_id)
            rows.append(row)
            items += 1 + len(row.doc_ids) + len(row.sources)
            if items >= CLAIM_ITEMS:
                files.write(claims_table(rows))
                rows, items = [], 0
        del indexes, figures, outlets, dates  # or they would be held while the next key is read
    files.write(claims_table(rows))
    files.close(claims_table([]))
    return claim_of, claim_ids


def _copy_with_claims(
    unlinked: pq.ParquetFile, claim_of: array[int], claim_ids: list[str], files: TableFiles
) -> None:
    """Write the figures kept in `unlinked`, row group by row group, with their claim ids."""
    from .tables import _typed, figure_columns, figures_table

    start = 0
    for group in range(unlinked.num_row_groups):
        frame = unlinked.read_row_group(group).to_pandas()
        ids = [claim_ids[claim_of[i]] for i in range(start, start + len(frame))]
        files.write(figures_table(frame, ids))
        start += len(frame)
    files.close(figures_table(_typed(figure_columns([])), []))


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
    with _staging() as staged:
        _write_raw(_stage(target.parent, target.name, staged), text.encode("utf-8"))
        _replace(*staged[0])


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
