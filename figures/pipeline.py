"""The pipeline: read → sentences → numbers → classify → source, place, date → rows."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import regex

from .attribution import attribute
from .classify import classify
from .context import event_date, find_places, locate
from .documents import MAX_BYTES, discover, make_doc_id, read_documents
from .lexicons import Pattern
from .numerals import find_numbers
from .records import Document, Figure, Label, NumberMention, Sentence
from .sentences import split_sentences

if TYPE_CHECKING:  # pandas is imported only when tables are made: `figures --help` stays fast
    import pandas as pd

log = logging.getLogger(__name__)

# Cheap first pass: a sentence with no digit and no number word holds no figure.
MAY_HOLD_NUMBER = Pattern(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty"
    r"|hundreds?|thousands?|millions?|dozens?|both|scores|a\s+dozen)\b",
    regex.IGNORECASE,
)


def ROW_ORDER(figure: Figure) -> tuple[str, int, int, str, str, str, str]:
    """Rows sort by document, offsets, then labels: one order whatever the input order."""
    return (
        figure.doc_id, figure.start, figure.end, figure.metric, figure.subject,
        figure.location or "", figure.rule,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Extraction:
    """A document's figures and how many sentences were skipped on a regex timeout."""

    figures: list[Figure]
    timeouts: int


def _listed(gap: str) -> bool:
    """Whether the next figure starts a new list item, rather than sharing this one's place."""
    return "," in gap or len(gap.split()) > 4


def _labelled(
    sentences: Sequence[Sentence],
) -> tuple[list[list[tuple[NumberMention, Label]]], int]:
    found: list[list[tuple[NumberMention, Label]]] = []
    previous: Label | None = None
    timeouts = 0
    for sentence in sentences:
        labelled: list[tuple[NumberMention, Label]] = []
        if MAY_HOLD_NUMBER.search(sentence.text):
            try:
                labelled = classify(sentence, find_numbers(sentence.text), previous)
            except TimeoutError:
                timeouts += 1
                log.warning("regex timeout; sentence at offset %d skipped", sentence.start)
        found.append(labelled)
        previous = labelled[-1][1] if labelled else previous
    return found, timeouts


def extract_text(text: str, *, published: str | None = None, doc_id: str = "") -> Extraction:
    """Every incident figure of `text`, with the count of sentences skipped on a timeout."""
    try:
        sentences = split_sentences(text)
    except TimeoutError:
        return Extraction([], 1)
    labelled, timeouts = _labelled(sentences)
    speakers = attribute(sentences, [[m.start for m, _ in found] for found in labelled])
    figures: list[Figure] = []
    place: str | None = None
    for i, sentence in enumerate(sentences):
        date = event_date(sentence.text, published) if labelled[i] else None
        try:
            places = find_places(sentence.text)
        except TimeoutError:
            places, timeouts = [], timeouts + 1
        for k, (mention, label) in enumerate(labelled[i]):
            start, end = sentence.start + mention.start, sentence.start + label.end
            later = [m.start for m, _ in labelled[i][k + 1 :] if m.start > mention.start]
            limit = later[0] if later and _listed(sentence.text[label.end : later[0]]) else None
            row = Figure(
                doc_id, start, end, text[start:end], label.value, label.low, label.high,
                mention.approx, label.metric, label.subject, label.unit,
                speakers.source(i, mention.start),
                locate(sentence.text, mention.start, label.end, place, limit, places),
                date, sentence.text, label.rule,
            )  # fmt: skip
            figures.extend([replace(row, location=p) for p in label.places] or [row])
        place = places[-1][2] if places else place  # for "over the region" in a later sentence
    return Extraction(sorted(figures, key=ROW_ORDER), timeouts)


def extract(text: str, *, published: str | None = None, doc_id: str = "") -> list[Figure]:
    """Every incident figure in `text`; never raises, `[]` when there is none.

    >>> [(f.number_text, f.value, f.metric, f.subject) for f in extract("Two people were killed.")]
    [('Two', 2.0, 'killed', 'people')]
    """
    if not isinstance(text, str):
        return []
    try:
        return extract_text(text, published=published, doc_id=doc_id).figures
    except (RecursionError, MemoryError, TimeoutError):  # pragma: no cover - last resort
        log.exception("extraction failed")
        return []


def extract_document(document: Document) -> tuple[Document, list[Figure]]:
    """The figures of one document, and the document with its final status."""
    if document.status != "ok":
        return document, []
    result = extract_text(document.text, published=document.published, doc_id=document.doc_id)
    if result.timeouts:
        note = f"{result.timeouts} sentence(s) skipped: matching took too long"
        document = replace(document, status="timeout", message=note)
    return document, result.figures


@dataclass(frozen=True)
class Corpus:
    """The two tables of a run: `documents` (one row per input) and `figures`."""

    documents: pd.DataFrame
    figures: pd.DataFrame


def extract_documents(
    paths: Iterable[str], max_bytes: int = MAX_BYTES
) -> tuple[list[Document], list[Figure]]:
    documents: list[Document] = []
    figures: list[Figure] = []
    for path in discover(paths):
        for document in read_documents(path, max_bytes):
            done, found = extract_document(document)
            documents.append(replace(done, text=""))  # keep the row, not the text
            figures.extend(found)
    return documents, figures


def extract_corpus(paths: Iterable[str] | str, *, max_bytes: int = MAX_BYTES) -> Corpus:
    """Read, extract and validate: `Corpus.documents` and `Corpus.figures` DataFrames."""
    from .tables import documents_frame, figures_frame

    documents, figures = extract_documents([paths] if isinstance(paths, str) else paths, max_bytes)
    return Corpus(documents_frame(documents), figures_frame(figures))


__all__ = ["Corpus", "extract", "extract_corpus", "make_doc_id"]
