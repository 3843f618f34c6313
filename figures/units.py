"""Area units: the unit written after a number, and the number converted to km²."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .lexicons import AREA_UNITS, Pattern, alternation, normalise
from .records import NumberMention

_UNITS = alternation(AREA_UNITS)
UNIT_AFTER = Pattern(rf"\s*(?P<unit>{_UNITS})(?![\w])", regex.IGNORECASE)
UNIT_LABEL = Pattern(r"\bacreage\s*:?\s*$", regex.IGNORECASE)  # "Acreage: 506,050"
# "1,294 square kilometers (500 square miles)", "120,000 acres, or nearly 190 square miles": a
# bracket or an "or" restates the area just given.
RESTATED = Pattern(rf"#+\s*(?:{_UNITS})\s*(?:\(\s*|,?\s+or\s+(?:[a-z]+\s+)?)$", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Area:
    """Where an area figure's text ends (its unit included) and its factor to km²."""

    end: int
    factor: float

    def km2(self, number: float | None) -> float | None:
        """The number in km², rounded to 2 decimals as the annotation conventions do.

        >>> Area(0, 0.0040468564224).km2(151_600)
        613.5
        """
        return None if number is None else round(number * self.factor, 2)


def area_of(text: str, mention: NumberMention) -> Area | None:
    """The area unit of a number: written after it, or named by a label before it."""
    unit = UNIT_AFTER.match(text, mention.end)
    if unit:
        return Area(unit.end(), AREA_UNITS[normalise(unit.group("unit"))])
    if UNIT_LABEL.search(text, max(0, mention.start - 20), mention.start):
        return Area(mention.end, AREA_UNITS["acres"])
    return None


def restates_an_area(masked: str, start: int) -> bool:
    """Whether a number restates the area figure just before it, in brackets or after "or"."""
    return RESTATED.search(masked, max(0, start - 60), start) is not None
