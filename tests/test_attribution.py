"""Attribution: who a figure is credited to, and a cost linear in the document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import SupportsIndex, overload

import pytest

from figures.attribution import Attribution, Speakers
from figures.records import Sentence
from figures.sentences import split_sentences


class CountingSentences(list[Sentence]):
    """A document's sentences that count how often any of them is read."""

    reads = 0

    @overload
    def __getitem__(self, index: SupportsIndex) -> Sentence: ...
    @overload
    def __getitem__(self, index: slice) -> list[Sentence]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> Sentence | list[Sentence]:
        self.reads += 1
        return super().__getitem__(index)

    def __iter__(self) -> Iterator[Sentence]:
        for sentence in super().__iter__():
            self.reads += 1
            yield sentence


class CountingSpeakers(Speakers):
    """Speakers that count how often a sentence's attributions are looked up."""

    lookups = 0

    def found(self, index: int) -> list[Attribution]:
        self.lookups += 1
        return super().found(index)


def _reads(line: str, n: int) -> int:
    """How many sentence reads and lookups resolving every sentence's figure takes."""
    sentences = CountingSentences(split_sentences(line * n))
    speakers = CountingSpeakers(sentences, [[0]] * len(sentences))
    for i in range(len(sentences)):
        speakers.source(i, 0)
    return sentences.reads + speakers.lookups


@pytest.mark.parametrize(
    "line",
    [
        "2 killed\n",  # one paragraph per line: the closing-citation check
        "He said 2 were killed.\n",  # a pronoun with no name before it: the walk back
        "“2 were killed.\n",  # a quote with no speaker
        "Two died. Four were hurt. Six fled.\n",
    ],
)
def test_attribution_reads_a_document_a_bounded_number_of_times(line: str) -> None:
    small, large = _reads(line, 500), _reads(line, 1000)
    assert large <= 2.1 * small, (small, large)
