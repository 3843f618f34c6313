"""figures: turn news reports into a validated, tidy dataset of incident figures.

>>> import figures
>>> [(f.number_text, f.metric, f.subject) for f in figures.extract("Russia launched 114 drones.")]
[('114', 'launched', 'drones')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .numerals import find_numbers
from .pipeline import extract
from .records import Document, Figure, NumberMention
from .run import Corpus, extract_corpus

if TYPE_CHECKING:
    import os


def write_corpus(corpus: Corpus, out_dir: str | os.PathLike[str]) -> None:
    """Write `corpus` as documents/figures .parquet and .csv into `out_dir`, atomically."""
    from .output import write_tables

    write_tables(corpus.tables(), out_dir)


__all__ = [
    "Corpus", "Document", "Figure", "NumberMention", "extract", "extract_corpus", "find_numbers",
    "write_corpus",
]  # fmt: skip
__version__ = "0.1.0"
