"""Split a document into sentences that keep their offsets into the document text."""

from __future__ import annotations

from collections.abc import Callable

import regex

from .lexicons import Pattern
from .records import Sentence

# Words that end with a period without ending the sentence ("Gov. Vadym Filashkin").
ABBREVIATIONS = frozenset(
    """
    gov govs sept sep jan feb mar apr jun jul aug oct nov dec mr mrs ms dr st gen col lt sgt capt
    maj rep sen jr sr no vs approx est inc co corp ltd prof rev ave blvd mt ft pres adm cmdr brig
    lieut supt insp dept univ etc
    """.split()
)

BOUNDARY = Pattern(
    r"""
    (?P<end>[.!?]+|…|\.\.\.)[\"”’)\]]*   # a full stop, maybe behind a closing quote or bracket
    (?:\s+|(?=[A-Z][a-z]))               # then space, or straight into a capitalised word
    (?=[\"“‘(\[]?[A-Z0-9])               # and the next sentence starts like one
    | \n\s*                              # a line break always ends a sentence
    | ;\s+(?=[A-Z])                      # a semicolon before a capitalised item
    """,
    regex.VERBOSE,
)
CLOSERS = Pattern(r"[\"”’)\]]*")
# Invisible marks (bidi marks, embeddings and isolates; zero-width space, word joiner, BOM) that
# pasted text puts around numbers ("12\u200e people"). A sentence reads each as a space, one for
# one, so every offset still indexes the document text unchanged.
INVISIBLE_MARKS = (
    "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
INVISIBLE = Pattern(f"[{INVISIBLE_MARKS}]")


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the word before a full stop is an abbreviation: "Gov.", "U.S.", "p.m."."""
    words = text[max(0, end - 20) : end].rstrip(".!?…").split()
    if not words:
        return False
    start = len(words[-1])
    while start and (words[-1][start - 1].isalnum() or words[-1][start - 1] in "._"):
        start -= 1
    token = words[-1][start:].rstrip(".").lower()
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or "." in token


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`, with offsets into it and the index of the paragraph (line) they are in.

    >>> [s.text for s in split_sentences("Two died. Gov. Kim said so.\\nSix were hurt.")]
    ['Two died.', 'Gov. Kim said so.', 'Six were hurt.']
    """
    if not text.isascii() and any(mark in text for mark in INVISIBLE_MARKS):
        text = INVISIBLE.sub(" ", text)
    sentences: list[Sentence] = []
    start, paragraph = 0, 0
    for match in BOUNDARY.finditer(text):
        newline = "\n" in match.group()
        if (
            match.group("end")
            and match.group("end") == "."
            and _is_abbreviation(text, match.end("end"))
        ):
            continue
        cut = match.end("end") if match.group("end") else match.start()
        cut = max(cut, match.start())
        closing = CLOSERS.match(text, cut)
        cut = closing.end() if closing else cut
        _append(sentences, text, start, cut, paragraph)
        start = match.end()
        if newline:
            paragraph += 1
    _append(sentences, text, start, len(text), paragraph)
    return sentences


MAX_SENTENCE = 2000  # characters; longer runs (dumps, tables, one-line files) are cut at a space


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while end - start > MAX_SENTENCE:  # keeps the cost of every later stage linear in the text
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _append(sentences, text, start, cut, paragraph)
        start = cut
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    begin = start + lead
    sentences.append(Sentence(begin, begin + len(stripped), stripped, paragraph))


def last_before(
    index: int, known: dict[int, str | None], named_in: Callable[[int], str | None]
) -> str | None:
    """The last name `named_in` gives for a sentence before sentence `index`. `known` remembers
    the answer of every sentence the walk passes, so the sentences of a document are walked once
    in all, however many ask (attribution's last source, context's last place)."""
    walked: list[int] = []
    found: str | None = None
    earlier = index - 1
    while earlier >= 0 and earlier + 1 not in known:
        walked.append(earlier + 1)
        found = named_in(earlier)
        if found is not None:
            break
        earlier -= 1
    else:
        found = known.get(earlier + 1)
    known.update(dict.fromkeys(walked, found))
    return found
