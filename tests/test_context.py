"""Places: where a sentence puts a figure, and a cost linear in the document."""

from __future__ import annotations

import pytest

from figures import extract
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


# Each class of location: sentence -> the (number_text, location) of every row.
LOCATIONS = [
    # An agency or speaker after the place is not part of it.
    ("Nine people were killed in Tokat province, AFSA said.", [("Nine", "Tokat province")]),
    ("Two died in Kherson region, the governor said.", [("Two", "Kherson region")]),
    # "in X's Y district", lists of places.
    ("Six people were killed in Odesa's Prymorskyi district.", [
        ("Six", "Odesa's Prymorskyi district")
    ]),
    ("Six people were hurt in the Sumy, Poltava and Chernihiv regions.", [
        ("Six", "the Sumy, Poltava and Chernihiv regions")
    ]),
    ("Twelve drones were destroyed over several regions overnight.", [
        ("Twelve", "several regions")
    ]),
    ("About 3,000 people were evacuated in the three provinces of Aden, Lahij and Abyan.", [
        ("3,000", "the three provinces of Aden, Lahij and Abyan")  # "three" counts places
    ]),
    # A place after a list of figures that name none of their own is theirs.
    ("12 deaths, 40 injured, 6 missing in Peru", [("12", "Peru"), ("40", "Peru"), ("6", "Peru")]),
    ("Eighteen drones were downed over Kursk, seven over Bryansk.", [
        ("Eighteen", "Kursk"), ("seven", "Bryansk")
    ]),
    # Predicates that share a subject share its place; "1,100" holds no clause break.
    ("Floods in Chile have killed 300 people, left 160 injured, damaged 900 houses.", [
        ("300", "Chile"), ("160", "Chile"), ("900", "Chile")
    ]),
    ("A quake in northern Algeria has killed 1,100 and injured 1,300.", [
        ("1,100", "northern Algeria"), ("1,300", "northern Algeria")
    ]),
    ("A bomb attack in Austria left 5 people dead.", [("5", "Austria")]),
    # Compass regions, the country, adjectives before "city of", "off" a coast.
    ("Three civilians were killed in the east and south of the country.", [
        ("Three", "the east and south of the country")
    ]),
    ("Six people were killed across the country.", [("Six", "the country")]),
    ("At least 59 more deaths were reported across the country owing to heavy rain.", [
        ("59", "the country")
    ]),
    ("The strike killed 4 in Israeli custody.", [("4", None)]),  # a name used as an adjective
    ("Six people were killed in the country's second-largest city.", [
        ("Six", "the country's second-largest city")
    ]),
    ("The drones hit the country's power grid, killing 4 people.", [("4", None)]),
    ("Strikes on the southern port city of Mykolaiv killed two people.", [
        ("two", "the southern port city of Mykolaiv")
    ]),
    ("About 3,000 people were evacuated in seven provinces, including Aden and Abyan.", [
        ("3,000", "seven provinces, including Aden and Abyan")
    ]),
    ("Floods affected 45,000 people in 12 districts.", [("45,000", None)]),  # a count of places
    # "the city of X" is one place; a preposition before it starts another phrase.
    ("Crews found 7 bodies in the ruins of the hotel in the town of Ourika.", [
        ("7", "the town of Ourika")
    ]),
    # A title-case headline's "At Least" is a qualifier, not a place.
    ("At Least 8 Dead After Bus Crash", [("8", None)]),
    # In title case a place is a known name, cut at a capitalised preposition.
    ("At Least 14 Killed In Floods After Days Of Rain", [("14", None)]),
    ("Six Dead In Tanker Blast Near Mombasa", [("Six", "Mombasa")]),
    ("Cyclone Leaves 20 Dead In Bangladesh", [("20", "Bangladesh")]),
    ("Shelling Kills 4 In Kherson Region", [("4", "Kherson Region")]),
    ("Storms Displace 2.4 Million In Kenya, Agency Says", [("2.4 Million", "Kenya")]),
    # A date after "in the" leaves no place: "the" alone is none.
    ("Officials said 300 people were killed in the March 3 raid.", [("300", None)]),
    ("The rebels have launched 32 missiles at Israel over the past month.", [("32", "Israel")]),
    # "over his region" in the same sentence as the region; a title's posting is no place.
    ("Lysak, the governor of the Poltava region, said one missile was shot down over his region.",
     [("one", "the Poltava region")]),
    ("Two people were killed, including the country's envoy to Beirut.", [("Two", None)]),
    ("Four drones were shot down over the region.", [("Four", None)]),
    # "N of whom/them" and a relative clause keep the place of the clause they hang on.
    ("Most deaths were in Pima county, where 87 people were killed and 51 injured, 6 of them "
     "badly.", [("87", "Pima county"), ("51", "Pima county"), ("6", "Pima county")]),
    # The place an attack struck earlier in the sentence, and "stormed X".
    ("Troops shelled Kherson region 20 times, two people were killed and six wounded.", [
        ("two", "Kherson region"), ("six", "Kherson region")
    ]),
    ("Gunmen stormed the Central Hospital, killing more than 45 people.", [
        ("45", "the Central Hospital")
    ]),
    ("Two people were killed in the attack, officials said.", [("Two", None)]),
    # The one place a sentence names, in another clause or in the subject.
    ("Nine people drowned when a ferry capsized off the coast of Zanzibar, officials said.",
     [("Nine", "the coast of Zanzibar")]),
    ("Police clashed with protesters in Dakar; 3 people died and 40 were hurt.",
     [("3", "Dakar"), ("40", "Dakar")]),
    ("Two officers were shot dead while serving a warrant in Pike County.",
     [("Two", "Pike County")]),
    ("The death toll from the stampede at a temple in Ujjain rose to 19.", [("19", "Ujjain")]),
    # ... but not an origin or a destination, nor one of two places.
    ("Around 30 rockets were fired from Lebanon, the army said.", [("30", None)]),
    ("Sirens sounded in Odesa and in Kherson overnight; 4 people died.", [("4", None)]),
    # Prepositions of place beyond "in" and "at", and the directions of a place.
    ("A boat sank off Lampedusa, leaving 41 migrants missing.", [("41", "Lampedusa")]),
    ("A car bomb killed 12 people at a checkpoint south of Mosul.", [("12", "south of Mosul")]),
    ("Russia launched 30 drones, mostly targeting the south of the country.",
     [("30", None)]),
    ("Fourteen people died in a crash along the Mombasa-Nairobi highway.",
     [("Fourteen", "the Mombasa-Nairobi highway")]),
    ("About 3,000 people were evacuated from Bakhmut.", [("3,000", "Bakhmut")]),
    ("Fighting around Omdurman killed 23 civilians.", [("23", "Omdurman")]),
    # Names with lowercase particles or a leading adjective; a people's adjective after a
    # comma starts the source, not the place.
    ("At least 22 people were killed in Rio de Janeiro.", [("22", "Rio de Janeiro")]),
    ("Two men were killed in Coeur d'Alene, Idaho.", [("Two", "Coeur d'Alene, Idaho")]),
    ("A gunman killed four people in downtown Louisville.", [("four", "downtown Louisville")]),
    ("The blast damaged 30 shops in the Qissa Khwani bazaar.",
     [("30", "the Qissa Khwani bazaar")]),
    ("Ten passengers were killed near Mandera, Kenyan police said.", [("Ten", "Mandera")]),
    ("Nine people were hurt in Lyon, French prosecutors said.", [("Nine", "Lyon")]),
    ("Nine people were hurt in Multan, Punjab police said.", [("Nine", "Multan")]),
    # where it was said is not where it happened; a fact box's title is no place
    ("Nine people died in the blast, the police chief told reporters in Raipur.", [
        ("Nine", None)
    ]),
    ("KEY FIGURES\n* 18 people dead\n* 40 injured", [("18", None), ("40", None)]),
    ("Rebels seized control of Goma, where at least 700 people were killed.", [("700", "Goma")]),
    # a table row's first cell, when it names a known place
    ("Province | Dead | Injured\nSindh | 12 | 30\nTotal | 19 | 45", [
        ("12", "Sindh"), ("30", "Sindh"), ("19", None), ("45", None)
    ]),
    ("SUDAN: 9 KILLED IN RSF STRIKE ON OMDURMAN MARKET", [("9", "OMDURMAN")]),
    ("NIGERIA: 12 KILLED IN NIGERIAN ARMY RAID", [("12", None)]),
    ("About 3,000 people were displaced from Ouallam department.", [
        ("3,000", "Ouallam department")
    ]),
    ("Shelling killed 12 around Kassala, Sudan's army said.", [("12", "Kassala")]),
    ("RSF fighters killed 100 people in the village of Wad al-Nourah.", [
        ("100", "the village of Wad al-Nourah")
    ]),
    ("The death toll from the quake in northwest Syria rose to 3,100.", [
        ("3,100", "northwest Syria")
    ]),
    # a part named after the figure has its own place; the whole does not take it
    ("The army downed 210 drones overnight, including 64 over the Bryansk region.", [
        ("210", None), ("64", "the Bryansk region")
    ]),
    ("Air defences destroyed 90 drones, 30 of them over the Lipetsk region.", [
        ("90", None), ("30", "the Lipetsk region")
    ]),
    ("A gunman shot 7 people, including two boys, at a bus stop near Leeds.", [
        ("7", "Leeds"), ("two", "Leeds")
    ]),
    # a title or an authority after the place is the speaker's
    ("Four people were hurt in the town of Ostrov, Pskov regional governor Ivan Petrov said.", [
        ("Four", "the town of Ostrov")
    ]),
    ("Six inmates died in a riot in Quito, Ecuador's prison authority said.", [("Six", "Quito")]),
    # "through", "the centre of X", "lower X", "the mountains of X"
    ("A tornado tore through the town of Dover, Delaware, killing four.", [
        ("four", "the town of Dover, Delaware")
    ]),
    ("Missiles struck the centre of Kherson, killing 7.", [("7", "the centre of Kherson")]),
    ("A crane fell in lower Manhattan, injuring 6.", [("6", "lower Manhattan")]),
    ("Rebels killed 3 rangers in the mountains of Mindanao.", [("3", "the mountains of Mindanao")]),
    ("Rescuers worked through the night after 5 people died.", [("5", None)]),
    ("A ferry sank off the island of Lanor, killing 9.", [("9", "the island of Lanor")]),
    # a known place named as the adjective of an event ("in Kherson strike"), not a people
    ("The toll in Kherson strike rose to 7.", [("7", "Kherson")]),
    ("Four died in Ukrainian strike.", [("Four", None)]),
    # a line labelled with a known place: each of its figures stands there
    ("Balochistan: 41 dead, 118 injured", [("41", "Balochistan"), ("118", "Balochistan")]),
    ("Fatalities: 41", [("41", None)]),
    ("Three men were stabbed on the west side of Dunmore.", [
        ("Three", "the west side of Dunmore")
    ]),
    # Title-case headlines: a known name at the start of a run, a list of places, "On X".
    ("Heatwave Kills 60 In Odisha, Bihar", [("60", "Odisha, Bihar")]),
    ("Russian Strike On Kharkiv Kills 5", [("5", "Kharkiv")]),
    ("Bomber Kills 14 At Police Academy In Pakistan's Punjab", [("14", "Pakistan's Punjab")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), LOCATIONS, ids=[t[:60] for t, _ in LOCATIONS])
def test_location(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(f.number_text, f.location) for f in extract(text)] == expected


def test_a_bullet_stands_under_its_heading() -> None:
    text = "FIRE SEASON:\nNORTH\n* 18 dead\n* 3 homes lost\nSouth Coast\n* Two dead\nTwo died.\n* 4"
    sentences = split_sentences(text)
    places = Places(sentences)
    assert [places.heading(i) for i in range(len(sentences))] == [
        None, None, "NORTH", "NORTH", None, "South Coast", None, None,
    ]  # fmt: skip
