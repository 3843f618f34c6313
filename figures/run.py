"""A run over input files, top-down: documents → extraction → rows → claims → files.

`write_run` is what `figures extract` does, streaming, so that memory holds a batch of files and
not the corpus; `extract_corpus` gives the same tables in memory.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from typing import IO, TYPE_CHECKING, Any

from .claims import Reported
from .documents import MAX_BYTES, STDIN, discover, read_documents
from .pipeline import extract_document
from .records import Document, Figure

if TYPE_CHECKING:  # pandas is imported only when tables are made: `figures --help` stays fast
    import pandas as pd

    from .claims import Key, SlimFigures
    from .output import TableFiles

BATCH_FILES = 1024  # input files per batch: what a streamed run holds in memory at once
# Claims are written a few at a time: a claim's row lists every document and source of it, and a
# table of them costs several copies of those lists (DataFrame, checks, CSV, Arrow).
CLAIM_ITEMS = 50_000  # claims, and documents and sources named in them, written at a time


@dataclass(frozen=True)
class Corpus:
    """The tables of a run: `documents` (one row per input), `figures` and `claims`."""

    documents: pd.DataFrame
    figures: pd.DataFrame
    claims: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, as `figures.output.write_tables` takes them."""
        return {"documents": self.documents, "figures": self.figures, "claims": self.claims}


@dataclass(frozen=True)
class Options:
    """How input files are read."""

    max_bytes: int = MAX_BYTES
    text_column: str = "text"  # the text of a .csv or .parquet input


Done = list[tuple[Document, list[Figure]]]  # the documents of one input file, with figures


@dataclass(frozen=True)
class Written:
    """What `write_run` wrote: the rows of each table, and the documents that were not ok."""

    rows: dict[str, int]
    problems: list[Document]


def extract_corpus(
    paths: Iterable[str] | str,
    *,
    max_bytes: int = MAX_BYTES,
    text_column: str = "text",
    jobs: int = 1,
    progress: Callable[[int], object] | None = None,
) -> Corpus:
    """Read, extract and validate: `Corpus.documents`, `.figures` and `.claims` DataFrames."""
    from .tables import tables

    files = discover([paths] if isinstance(paths, str) else list(paths))
    with extracting(files, Options(max_bytes, text_column), jobs, progress) as results:
        return Corpus(**tables(*without_duplicates(results)))


def write_run(
    results: Iterable[Done],
    out_dir: str | os.PathLike[str],
    partition_rows: int | None = None,
    batch_files: int = BATCH_FILES,
) -> Written:
    """Write the tables of `results` (input files' documents and figures, in path order, as
    `extracting` gives them) into `out_dir` as a new dataset that replaces the old one only
    once it is whole (see `output.new_dataset`); the tables equal `extract_corpus`'s.

    Claims group figures across the whole corpus, so the figures wait in the run's staging
    folder (`_Figures`) until the claims are formed, one metric, subject and unit at a time,
    and are then copied into the figures table with their claim ids."""
    from .output import new_dataset
    from .tables import documents_frame, in_table_order

    problems: list[Document] = []
    with new_dataset(out_dir, partition_rows) as dataset:
        documents = dataset.table("documents")
        with _Figures(dataset.scratch(), dataset.scratch()) as kept:
            for batch in _batches(unique(results), batch_files):
                docs = [document for document, _ in batch]
                found = in_table_order(docs, [f for _, found in batch for f in found])
                documents.write(documents_frame(docs))
                kept.add(found, docs)
                problems += [document for document in docs if document.status != "ok"]
            documents.close(documents_frame([]))
            claims = _write_claims(kept, dataset.table("claims"))
            kept.copy_with_claims(claims, dataset.table("figures"))
        rows = dataset.commit()
    return Written(rows, problems)


# Documents → extraction


def extract_path(path: str, options: Options) -> Done:
    """Every document of one input file with its figures; the document keeps counts, not text."""
    read = read_documents(path, options.max_bytes, options.text_column)
    done = (extract_document(document) for document in read)
    return [(replace(document, text=""), found) for document, found in done]


@contextlib.contextmanager
def extracting(
    files: Sequence[str],
    options: Options | None = None,
    jobs: int = 1,
    progress: Callable[[int], object] | None = None,
) -> Iterator[Iterator[Done]]:
    """Each input file's documents and figures, in the order of `files`, as workers finish
    them: `jobs` worker processes, started on entry, the same results for any `jobs`.
    `progress(n)` is called as files are done. Workers die with this process."""
    work = partial(extract_path, options=options or Options())
    with contextlib.ExitStack() as stack:
        done: Iterable[Done] = map(work, files)
        if jobs > 1 and len(files) > 1 and STDIN not in files:
            context = _fork()
            pool = ProcessPoolExecutor(
                min(jobs, len(files)), context, initializer=_worker, initargs=(os.getpid(),)
            )
            # A run stopped early (a write failed) drops the files not yet started.
            stack.callback(pool.shutdown, cancel_futures=True)
            chunk = max(1, min(64, len(files) // (4 * jobs)))
            # `map` submits every file now, which starts the workers now: before the output
            # folder is locked, so that no worker holds a copy of the lock.
            done = pool.map(work, files, chunksize=chunk)
        yield _counted(done, progress)


def _fork() -> Any:
    """The fork start method on Linux, so that a worker's parent is the run (see `_worker`)."""
    import multiprocessing

    return multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None


def _worker(parent: int) -> None:
    """Start a worker that dies with its run: on Linux the kernel kills it when its parent dies
    (prctl PR_SET_PDEATHSIG), and a parent already gone ends it at once."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the run's handler, inherited by fork
    if sys.platform.startswith("linux"):
        set_death_signal = 1  # PR_SET_PDEATHSIG
        ctypes.CDLL(None, use_errno=True).prctl(set_death_signal, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the call above
            os._exit(1)


def _counted(done: Iterable[Done], progress: Callable[[int], object] | None) -> Iterator[Done]:
    for result in done:
        if progress:
            progress(1)
        yield result


def unique(results: Iterable[Done]) -> Iterator[Done]:
    """The results with every text met again marked `duplicate`: it keeps its row but not its
    figures, so the same words are not counted twice."""
    first: dict[str, str] = {}
    for result in results:
        kept: Done = []
        for document, found in result:
            if document.status == "ok" and document.doc_id in first:
                note = f"same text as {first[document.doc_id]}"
                kept.append((replace(document, status="duplicate", message=note), []))
                continue
            if document.status == "ok":
                first[document.doc_id] = document.path
            kept.append((document, found))
        yield kept


def without_duplicates(results: Iterable[Done]) -> tuple[list[Document], list[Figure]]:
    """All documents and figures of `results`, duplicates marked (see `unique`)."""
    documents: list[Document] = []
    figures: list[Figure] = []
    for result in unique(results):
        for document, found in result:
            documents.append(document)
            figures.extend(found)
    return documents, figures


# Rows → claims → files


def _batches(results: Iterable[Done], size: int) -> Iterator[Done]:
    """The documents and figures of `size` input files at a time; one empty batch for none."""
    batch: Done = []
    files = 0
    for files, result in enumerate(results, start=1):
        batch.extend(result)
        if files % size == 0:
            yield batch
            batch = []
    if batch or not files:
        yield batch


# What `_Figures` keeps of a figure for its claims (`claims.Reported`), besides its metric,
# subject and unit and its document's outlet and publication day. A field claims come to need
# is added there (a `Figure` field, or one `_Figures.read` passes on beside the figures). Claims
# read the sentence: two reports join only when their sentences share what tells an incident
# apart.
Outlets = dict[str, str | None]  # by doc_id: an outlet, or a publication day
CLAIM_FIELDS = Reported._fields[:-3]  # all but the metric, subject and unit it is kept under


class _Figures:
    """A run's figures while its claims are formed: whole, in table order, in a Parquet
    `whole` file, and as claims read them, by metric, subject and unit, in `by_key`: claims
    are formed one of these at a time, so a run holds one's figures in memory (as
    `claims.SlimFigures`), not the corpus's."""

    def __init__(self, whole: IO[bytes], by_key: IO[bytes]) -> None:
        import pyarrow.parquet as pq

        from .output import _arrow
        from .tables import _typed, figure_columns

        self.whole, self.by_key = whole, by_key
        schema = _arrow(_typed(figure_columns([]))).schema
        self.writer = pq.ParquetWriter(whole, schema, compression="zstd")
        self.chunks: dict[Key, list[int]] = {}  # where each batch's figures of a key start
        self.count = 0

    def __enter__(self) -> _Figures:
        return self

    def __exit__(self, *error: object) -> None:
        self.writer.close()
        self.whole.close()
        self.by_key.close()

    def add(self, figures: Sequence[Figure], documents: Sequence[Document]) -> None:
        """Keep `figures`, the next in table order, with the outlets of their `documents`."""
        from .claims import key_of
        from .output import _arrow
        from .tables import _typed, figure_columns, outlets, published

        if figures:  # an empty row group would read back without its categories
            self.writer.write_table(_arrow(_typed(figure_columns(figures))))
        outlet, day = outlets(documents), published(documents)
        parts: dict[Key, list[tuple[Any, ...]]] = {}
        for f in figures:
            kept = (
                self.count, *(getattr(f, name) for name in CLAIM_FIELDS),
                outlet.get(f.doc_id), day.get(f.doc_id),
            )  # fmt: skip
            parts.setdefault(key_of(f), []).append(kept)
            self.count += 1
        for key, rows in parts.items():
            self.chunks.setdefault(key, []).append(self.by_key.tell())
            pickle.dump(rows, self.by_key, protocol=pickle.HIGHEST_PROTOCOL)

    def read(self) -> Iterator[tuple[array[int], SlimFigures, Outlets, Outlets]]:
        """Each metric, subject and unit in turn: its figures' numbers in the run, the figures
        as claims read them, their documents' outlets and publication days."""
        from .claims import SlimFigures

        for key in sorted(self.chunks):
            indexes, figures = array("q"), SlimFigures()
            outlets: Outlets = {}
            days: Outlets = {}
            names: dict[str, str] = {}  # one string for each outlet
            for start in self.chunks[key]:
                self.by_key.seek(start)
                for n, *fields, outlet, day in pickle.load(self.by_key):
                    indexes.append(n)
                    figures.append(Reported._make((*fields, *key)))
                    if outlet:
                        outlets[fields[0]] = names.setdefault(outlet, outlet)
                    if day:
                        days[fields[0]] = day
            yield indexes, figures, outlets, days

    def copy_with_claims(self, claims: tuple[array[int], list[str]], files: TableFiles) -> None:
        """Write the figures kept whole, batch by batch, with their claim ids."""
        import pyarrow.parquet as pq

        from .tables import _typed, figure_columns, figures_table

        self.writer.close()
        self.whole.seek(0)
        whole = pq.ParquetFile(self.whole)
        claim_of, claim_ids = claims
        start = 0
        for group in range(whole.num_row_groups):
            frame = whole.read_row_group(group).to_pandas()
            ids = [claim_ids[claim_of[i]] for i in range(start, start + len(frame))]
            files.write(figures_table(frame, ids))
            start += len(frame)
        files.close(figures_table(_typed(figure_columns([])), []))


def _write_claims(kept: _Figures, files: TableFiles) -> tuple[array[int], list[str]]:
    """Form and write the claims, one metric, subject and unit at a time; returns each
    figure's claim number and the claims' ids."""
    from .claims import ClaimRow, key_claims
    from .tables import claims_table

    claim_of = array("i", bytes(4 * kept.count))
    claim_ids: list[str] = []
    rows: list[ClaimRow] = []
    items = 0
    for indexes, figures, outlets, days in kept.read():
        for members, row in key_claims(figures, outlets, days):
            for i in members:
                claim_of[indexes[i]] = len(claim_ids)
            claim_ids.append(row.claim_id)
            rows.append(row)
            items += 1 + len(row.doc_ids) + len(row.sources)
            if items >= CLAIM_ITEMS:
                files.write(claims_table(rows))
                rows, items = [], 0
        del indexes, figures, outlets, days  # or they would be held while the next key is read
    files.write(claims_table(rows))
    files.close(claims_table([]))
    return claim_of, claim_ids
