"""Vocabulary tables: a row with choices in braces stands for every surface it spells."""

from __future__ import annotations

import pytest

from figures.lexicons import METRIC_WORDS, NOT_FIGURES, expand


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("killed", ["killed"]),
        ("{sustained|suffered} wounds", ["sustained wounds", "suffered wounds"]),
        ("{|gunshot }wounds", ["wounds", "gunshot wounds"]),  # an empty choice drops the word
        ("{a|b} {c|d}", ["a c", "a d", "b c", "b d"]),
        ("", [""]),
    ],
)
def test_expand(surface: str, expected: list[str]) -> None:
    assert expand(surface) == expected


def test_a_family_row_gives_each_surface_its_reading() -> None:
    # one row of metrics.csv, "{sustained|suffered|received} {...}{injuries|wounds|burns}"
    for surface in ("suffered gunshot wounds", "received injuries", "sustained burns"):
        assert METRIC_WORDS[surface] == {"people": "injured"}
    assert "suffered" not in METRIC_WORDS  # the bare verb is no outcome
    assert NOT_FIGURES["after:emergency shelters"] == "shelters"
