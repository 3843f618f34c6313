"""The pipeline: read → sentences → numbers → classify → source, place, date → rows."""

from __future__ import annotations

import bisect
import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

import regex

from .attribution import Speakers, attribute
from .classify import classify
from .context import REFERS_BACK, Place, event_date, find_places, locate
from .documents import MAX_BYTES, STDIN, discover, make_doc_id, read_documents
from .headers import iso_date
from .lexicons import Pattern
from .numerals import find_numbers, number_hints
from .records import Document, Figure, Label, NumberMention, Sentence, row_order
from .sentences import split_sentences

if TYPE_CHECKING:  # pandas is imported only when tables are made: `figures --help` stays fast
    import pandas as pd

log = logging.getLogger(__name__)

INCLUDING = Pattern(r"(?:\s+\w+)?\s*,?\s+including\s+", regex.IGNORECASE)


def _listed(gap: str) -> bool:
    """Whether the next figure starts a new list item, rather than sharing this one's place
    ("12 people, including two children, were killed in X": both are in X)."""
    if INCLUDING.fullmatch(gap):
        return False
    return "," in gap or len(gap.split()) > 6


def _within(offsets: list[int], sentence: Sentence) -> list[int]:
    """The `offsets` inside `sentence`, made relative to it."""
    first = bisect.bisect_left(offsets, sentence.start)
    last = bisect.bisect_left(offsets, sentence.end, first)
    return [offset - sentence.start for offset in offsets[first:last]]


def _labelled(text: str, sentences: Sequence[Sentence]) -> list[list[tuple[NumberMention, Label]]]:
    found: list[list[tuple[NumberMention, Label]]] = []
    previous: Label | None = None
    hints = number_hints(text)  # one pass over the document finds where numbers may stand
    for sentence in sentences:
        labelled: list[tuple[NumberMention, Label]] = []
        words = _within(hints.words, sentence)
        if words or _within(hints.digits, sentence):
            labelled = classify(sentence, find_numbers(sentence.text, words), previous)
        found.append(labelled)
        previous = labelled[-1][1] if labelled else previous
    return found


def extract_text(text: str, *, published: str | None = None, doc_id: str = "") -> list[Figure]:
    """Every incident figure of `text`, in row order."""
    published = iso_date(published)[0]  # event dates are read against it
    sentences = split_sentences(text)
    labelled = _labelled(text, sentences)
    speakers = attribute(sentences, [[m.start for m, _ in found] for found in labelled])
    figures: list[Figure] = []
    places: dict[int, list[Place]] = {}
    before: tuple[int, str | None] = (0, None)  # the last place named before a sentence
    for i, sentence in enumerate(sentences):
        if not labelled[i]:
            continue
        if REFERS_BACK.search(sentence.text):  # "over the region"
            before = (i, _last_place(sentences, i, before, places))
        previous = before[1] if before[0] == i else None
        context = (previous, _places(sentences, i, places))
        document = (published, doc_id)
        figures += _rows(text, sentence, labelled[i], speakers, i, context, document)
    return sorted(figures, key=row_order)


def _places(sentences: Sequence[Sentence], i: int, cache: dict[int, list[Place]]) -> list[Place]:
    if i not in cache:
        cache[i] = find_places(sentences[i].text)
    return cache[i]


def _last_place(
    sentences: Sequence[Sentence],
    i: int,
    before: tuple[int, str | None],
    cache: dict[int, list[Place]],
) -> str | None:
    """The last place named before sentence i. `before` is an answer already known for an
    earlier sentence, so each sentence is read once however many refer back."""
    known, place = before
    for earlier in range(i - 1, known - 1, -1):
        found = _places(sentences, earlier, cache)
        if found:
            return found[-1][2]
    return place


def _rows(
    text: str,
    sentence: Sentence,
    labelled: list[tuple[NumberMention, Label]],
    speakers: Speakers,
    index: int,
    context: tuple[str | None, list[Place]],
    document: tuple[str | None, str],
) -> list[Figure]:
    """The rows of one sentence's figures, with source, place and date; `context` is the place
    named before and this sentence's places, `document` its published date and id."""
    place, places = context
    published, doc_id = document
    date = event_date(sentence.text, published)
    rows: list[Figure] = []
    for k, (mention, label) in enumerate(labelled):
        start, end = sentence.start + mention.start, sentence.start + label.end
        later = [m.start for m, _ in labelled[k + 1 :] if m.start > mention.start]
        limit = later[0] if later and _listed(sentence.text[label.end : later[0]]) else None
        row = Figure(
            doc_id, start, end, text[start:end], label.value, label.low, label.high,
            mention.approx, label.metric, label.subject, label.unit,
            speakers.source(index, mention.start),
            locate(sentence.text, mention.start, label.end, place, limit, places),
            date, sentence.text, label.rule,
        )  # fmt: skip
        rows.extend([replace(row, location=p) for p in label.places] or [row])
    return rows


def extract(text: str, *, published: str | None = None, doc_id: str = "") -> list[Figure]:
    """Every incident figure in `text`, `[]` when there is none; `TypeError` when `text` is not
    a str. A `published` that is not an ISO date (YYYY-MM-DD...) is ignored.

    >>> [(f.number_text, f.value, f.metric, f.subject) for f in extract("Two people were killed.")]
    [('Two', 2.0, 'killed', 'people')]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() takes the text as a str, not {type(text).__name__}")
    return extract_text(text, published=published, doc_id=doc_id)


def extract_document(document: Document) -> tuple[Document, list[Figure]]:
    """The figures of one document, and the document with its final status."""
    if document.status != "ok":
        return document, []
    return document, extract_text(
        document.text, published=document.published, doc_id=document.doc_id
    )


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


def extract_path(path: str, options: Options) -> Done:
    """Every document of one input file with its figures; the document keeps counts, not text."""
    read = read_documents(path, options.max_bytes, options.text_column)
    done = (extract_document(document) for document in read)
    return [(replace(document, text=""), found) for document, found in done]


def extracted(
    files: Sequence[str],
    options: Options | None = None,
    jobs: int = 1,
    progress: Callable[[int], object] | None = None,
) -> Iterator[Done]:
    """Each input file's documents and figures, in the order of `files`, as workers finish
    them: `jobs` worker processes, the same results for any `jobs`. `progress(n)` is called as
    files are done."""
    work = partial(extract_path, options=options or Options())
    with contextlib.ExitStack() as stack:
        if jobs > 1 and len(files) > 1 and STDIN not in files:
            pool = ProcessPoolExecutor(max_workers=min(jobs, len(files)))
            # A run stopped early (a write failed) drops the files not yet started.
            stack.callback(pool.shutdown, cancel_futures=True)
            chunk = max(1, min(64, len(files) // (4 * jobs)))
            done: Iterable[Done] = pool.map(work, files, chunksize=chunk)
        else:
            done = map(work, files)
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
    options = Options(max_bytes, text_column)
    return Corpus(**tables(*without_duplicates(extracted(files, options, jobs, progress))))


__all__ = ["Corpus", "extract", "extract_corpus", "make_doc_id"]
