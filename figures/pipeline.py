"""The extraction of one text: sentences → numbers → classify → source, place, date → rows."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

import regex

from .attribution import Speakers, attribute
from .claims import annotate, main_countries
from .classify import classify
from .context import Place, Places, event_date, locate, row_cells
from .documents import make_doc_id
from .headers import iso_date
from .lexicons import Pattern
from .numerals import find_numbers, number_hints
from .records import Document, Figure, Label, NumberMention, Sentence, row_order
from .rules.vocabulary import METRIC_ANYWHERE
from .sentences import split_sentences

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
    columns: list[str] | None = None  # the header row of a table written with pipes
    hints = number_hints(text)  # one pass over the document finds where numbers may stand
    for sentence in sentences:
        labelled: list[tuple[NumberMention, Label]] = []
        if "|" not in sentence.text:
            columns = None
        words = _within(hints.words, sentence)
        if words or _within(hints.digits, sentence):
            mentions = find_numbers(sentence.text, words)
            cells = _cells(sentence.text, columns, mentions) if columns else {}
            labelled = classify(sentence, mentions, previous, cells)
        elif "|" in sentence.text:
            columns = _header(sentence.text) or columns
        found.append(labelled)
        previous = labelled[-1][1] if labelled else previous
    return found


def _header(text: str) -> list[str] | None:
    """The column labels of a table row written with pipes ("Province | Dead | Injured"), when
    one of them names an outcome."""
    cells = row_cells(text)
    return cells if len(cells) > 1 and any(METRIC_ANYWHERE.search(c) for c in cells) else None


def _cells(text: str, columns: list[str], mentions: Sequence[NumberMention]) -> dict[int, str]:
    """The column label of each number of a row under `columns`, by the number's start: "Sindh
    | 12 | 30" under "Province | Dead | Injured" gives 12 Dead and 30 Injured."""
    if len(row_cells(text)) != len(columns):
        return {}
    lead = 1 if text.lstrip().startswith("|") else 0
    return {m.start: columns[text.count("|", 0, m.start) - lead] for m in mentions}


def extract_text(text: str, *, published: str | None = None, doc_id: str = "") -> list[Figure]:
    """Every incident figure of `text`, in row order, its place resolved against the countries
    the document names (see `claims.annotate`)."""
    published = iso_date(published)[0]  # event dates are read against it
    sentences = split_sentences(text)
    labelled = _labelled(text, sentences)
    speakers = attribute(sentences, [[m.start for m, _ in found] for found in labelled])
    figures: list[Figure] = []
    places = Places(sentences)
    for i, sentence in enumerate(sentences):
        if not labelled[i]:
            continue
        context = (places.previous(i), places.of(i), places.heading(i))
        document = (published, doc_id)
        figures += _rows(text, sentence, labelled[i], speakers, i, context, document)
    return sorted(annotate(figures), key=row_order)


def _rows(
    text: str,
    sentence: Sentence,
    labelled: list[tuple[NumberMention, Label]],
    speakers: Speakers,
    index: int,
    context: tuple[str | None, list[Place], str | None],
    document: tuple[str | None, str],
) -> list[Figure]:
    """The rows of one sentence's figures, with source, place and date; `context` is the place
    named before and this sentence's places, `document` its published date and id."""
    place, places, heading = context
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
            locate(sentence.text, mention.start, label.end, place, limit, places) or heading,
            date, sentence.text, label.rule, noun=label.noun,
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
    """The figures of one document, and the document with the country it names most."""
    if document.status != "ok":
        return document, []
    found = extract_text(document.text, published=document.published, doc_id=document.doc_id)
    return replace(document, country=main_countries(found).get(document.doc_id)), found


__all__ = ["extract", "extract_document", "make_doc_id"]
