"""Properties that hold for any text: extraction never raises and every row is well-formed."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import figures
from figures.documents import make_doc_id
from figures.numerals import find_numbers, number_hints
from figures.tables import figures_frame

WORDS = [
    "killed", "wounded", "drones", "missiles", "were shot down", "at least", "between", "and",
    "to", "-", "–", "dozens of", "hundreds", "square kilometres", "acres", "said", "according to",
    "the governor", "in Kyiv", "over the region", ",", ".", "“", "”", "of them", "one",
    "Sixty-six", "a dozen", "1,300", "10,000-12,000", "88-year-old", "$5", "5%", "Kh-59", "[2]",
    "overnight", "on Saturday", "\n",
]  # fmt: skip
REPORTING = st.sampled_from(WORDS)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(REPORTING, st.integers(0, 10**7).map(str)), max_size=40).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from([None, "2025-04-26"]))
@example("1,1,1,1,1,1", None)
@example("between 5 and 3 drones were shot down", None)
@example("one each over , and", None)
@example("“”killed 1 of the 2 drones, he said.", "2025-04-26")
@example("0 people were killed", None)
@example("Casualties59,488–62,013 deaths", None)
def test_any_text_gives_valid_rows(text: str, published: str | None) -> None:
    found = figures.extract(text, published=published, doc_id=make_doc_id(text))
    for figure in found:
        assert text[figure.start : figure.end] == figure.number_text
        for number in (figure.value, figure.low, figure.high):
            assert number is None or (math.isfinite(number) and number >= 0)
        if figure.low is not None and figure.high is not None:
            assert figure.low <= figure.high
    figures_frame(found)  # validates against the schema


@settings(max_examples=300, deadline=None)
@given(TEXTS)
@example("a dozen and an  hundred, sixty-six or Tens of thousands; İstanbul had two")
def test_first_pass_finds_what_a_full_scan_finds(text: str) -> None:
    """Worded numbers matched where the first pass saw number words are those a scan finds."""
    hints = number_hints(text)
    assert find_numbers(text, hints.words) == find_numbers(text)
