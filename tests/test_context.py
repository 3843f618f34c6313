"""Places: where a sentence puts a figure, and a cost linear in the document."""

from __future__ import annotations

import pytest

from figures.context import Place, Places, find_places
from figures.sentences import split_sentences


class CountingPlaces(Places):
    """Places that count how often a sentence's places are looked up."""

    lookups = 0

    def of(self, index: int) -> list[Place]:
        self.lookups += 1
        return super().of(index)


def _lookups(line: str, n: int) -> int:
    places = CountingPlaces(split_sentences(line * n))
    for i in range(len(places.sentences)):
        places.previous(i)
    return places.lookups


@pytest.mark.parametrize(
    "line", ["2 died in the region.\n", "Two fled the city. Nine died in the area.\n"]
)
def test_the_place_before_is_found_in_one_walk(line: str) -> None:
    small, large = _lookups(line, 500), _lookups(line, 1000)
    assert large <= 2.1 * small, (small, large)


def test_the_region_refers_to_the_last_place_named_before() -> None:
    text = "Shelling hit Kherson.\nNo one was hurt.\nLater 3 died in the region.\nAnd 2 more."
    places = Places(split_sentences(text))
    assert [places.previous(i) for i in range(4)] == [None, None, "Kherson", None]
    assert places.before(3) == "Kherson"


def test_find_places_in_order() -> None:
    text = "Two died in Dovbysh and one in the village of Hrada, officials said."
    assert [place for _, _, place, _ in find_places(text)] == ["Dovbysh", "the village of Hrada"]
