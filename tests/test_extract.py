"""Exact sentence in, exact rows out: every metric, subject, qualifier, source, place and date."""

from __future__ import annotations

import pytest
from cases import Case, row, rows_of

import figures

METRICS = [
    Case(
        "Two people were killed in the strike, the regional governor said.",
        [row("Two", 2, "killed", "people", source="the regional governor")],
    ),
    Case(
        "Shelling killed 4 civilians in the town of Izium.",
        [row("4", 4, "killed", "civilians", location="the town of Izium")],
    ),
    Case(
        "Three children died after the school roof collapsed.",
        [row("Three", 3, "killed", "children")],
    ),
    Case(
        "At least 30 soldiers were killed in the ambush, the army said.",
        [row("30", 30, "killed", "soldiers", approx="at_least", source="the army")],
    ),
    Case(
        "The death toll has risen to 112, state television reported.",
        [row("112", 112, "killed", "people", source="state television")],
    ),
    Case(
        "The blast wounded 14 people, police said.",
        [row("14", 14, "injured", "people", source="police")],
    ),
    Case("Nine people were hospitalised with burns.", [row("Nine", 9, "injured", "people")]),
    Case("Five fishermen are still missing.", [row("Five", 5, "missing", "people")]),
    Case(
        "Dozens of people remain unaccounted for.",
        [row("Dozens", None, "missing", "people", low=24, approx="at_least")],
    ),
    Case(
        "Kyiv said it had captured 45 Russian servicemen.",
        [row("45", 45, "captured", "soldiers", source="Kyiv")],
    ),
    Case(
        "Authorities evacuated about 3,000 residents.",
        [row("3,000", 3000, "evacuated", "people", approx="about")],
    ),
    Case(
        "Russia launched 90 drones and 5 missiles overnight, the air force said.",
        [
            row("90", 90, "launched", "drones", source="the air force"),
            row("5", 5, "launched", "missiles", source="the air force"),
        ],
    ),
    Case(
        "Russia launched 40 Shahed-type drones and 4 Iskander missiles overnight.",
        [row("40", 40, "launched", "drones"), row("4", 4, "launched", "missiles")],
    ),
    Case(
        "Air defences downed 12 UAVs over the Odesa region.",
        [row("12", 12, "destroyed", "drones", location="the Odesa region")],
    ),
    Case("Air defences shot down 72 of the drones.", [row("72", 72, "destroyed", "drones")]),
    Case("Another 14 drones were locationally lost.", [row("14", 14, "failed_to_reach", "drones")]),
    Case(
        "A further 20 decoy drones failed to reach their targets.",
        [row("20", 20, "failed_to_reach", "decoy_drones")],
    ),
    Case("The power plant was hit by 6 missiles.", [row("6", 6, "hit", "missiles")]),
    Case(
        "Some 5,000 troops have been deployed to Belarus.",
        [row("5,000", 5000, "deployed", "troops", approx="about", location="Belarus")],
    ),
    Case(
        "Russian forces fired 340 artillery shells at the district.",
        [row("340", 340, "launched", "shells")],
    ),
    Case(
        "More than 200 homes were damaged by the storm.",
        [row("200", 200, "other_incident", "buildings", approx="more_than")],
    ),
    Case(
        "The earthquake destroyed 1,200 buildings.", [row("1,200", 1200, "destroyed", "buildings")]
    ),
    Case(
        "The fighting has displaced 12,000 people.",
        [row("12,000", 12000, "other_incident", "people")],
    ),
    Case(
        "The fire has burned 2,500 hectares of forest.",
        [row("2,500 hectares", 25.0, "area", "land", unit="km2")],
    ),
    Case(
        "The blaze has scorched 10,000 acres.",
        [row("10,000 acres", 40.47, "area", "land", unit="km2")],
    ),
    Case(
        "Rivers flooded 120 square miles of farmland.",
        [row("120 square miles", 310.8, "area", "land", unit="km2")],
    ),
    Case(
        "The army now controls 1,300 km² of the region.",
        [row("1,300 km²", 1300.0, "area", "land", unit="km2")],
    ),
    # A conversion of the area just given, in brackets or after "or", is no second row.
    Case(
        "The fire has burned 2,000 hectares (4,942 acres).",
        [row("2,000 hectares", 20.0, "area", "land", unit="km2")],
    ),
    Case(
        "The fire has burned 50,000 acres, or about 78 square miles.",
        [row("50,000 acres", 202.34, "area", "land", unit="km2")],
    ),
]

NUMBERS_AND_BOUNDS = [
    Case(
        "Between 40 and 50 people were killed.",
        [row("40 and 50", None, "killed", "people", low=40, high=50, approx="range")],
    ),
    Case(
        "10,000–12,000 troops were deployed.",
        [row("10,000–12,000", None, "deployed", "troops", low=10000, high=12000, approx="range")],
    ),
    Case(
        "Tens of thousands of people fled the city.",
        [row("Tens of thousands", None, "other_incident", "people", low=20000, approx="at_least")],
    ),
    Case(
        "A dozen drones were shot down over Kyiv.",
        [row("A dozen", 12, "destroyed", "drones", location="Kyiv")],
    ),
    Case(
        "Nearly 1,000 people were injured.",
        [row("1,000", 1000, "injured", "people", approx="at_most")],
    ),
    Case(
        "An estimated 1.2 million people have been displaced.",
        [row("1.2 million", 1_200_000, "other_incident", "people", approx="about")],
    ),
    Case(
        "The floods killed two hundred and five people.",
        [row("two hundred and five", 205, "killed", "people")],
    ),
    Case(
        "As many as 600 soldiers may have been captured.",
        [row("600", 600, "captured", "soldiers", approx="at_most")],
    ),
]

STRUCTURE = [
    Case(
        "58 out of 59 drones were shot down.",
        [row("58", 58, "destroyed", "drones"), row("59", 59, "launched", "drones")],
    ),
    Case(
        "Russia attacked with 40 drones overnight. Air defences destroyed 38 of them.",
        [row("40", 40, "launched", "drones"), row("38", 38, "destroyed", "drones")],
    ),
    Case(
        "The air force shot down all 20 drones.",
        [
            row("20", 20, "destroyed", "drones", source=None),
            row("20", 20, "launched", "drones", source=None),
        ],
    ),
    Case(
        "Of the 40 drones, 36 were shot down and four were lost to electronic warfare.",
        [
            row("40", 40, "launched", "drones"),
            row("36", 36, "destroyed", "drones"),
            row("four", 4, "failed_to_reach", "drones"),
        ],
    ),
    Case(
        "The cyclone left 34 people dead and 2 million without power.",
        [row("34", 34, "killed", "people")],
    ),
    Case(
        "The wildfire forced the evacuation of 12,000 residents.",
        [row("12,000", 12000, "evacuated", "people")],
    ),
    Case(
        "About 4,500 people are living in shelters.",
        [row("4,500", 4500, "evacuated", "people", approx="about")],
    ),
    Case("A total of 19 soldiers were returned in a prisoner exchange.", []),
    Case(
        "Twenty migrants drowned and 30 were rescued off Libya, the IOM said.",
        [row("Twenty", 20, "killed", "people", source="the IOM", location="Libya")],
    ),
    Case("Nearly half of the 1,400 residents were evacuated.", []),
    Case(
        "Russian forces shelled Kupiansk, Kharkiv region, killing 2 civilians.",
        [row("2", 2, "killed", "civilians", location="Kupiansk, Kharkiv region")],
    ),
    Case(
        "Floods affected 45,000 people in 12 districts.",
        [row("45,000", 45000, "other_incident", "people")],
    ),
    Case(
        "The strike killed 9 patients and 2 doctors.",
        [row("9", 9, "killed", "people"), row("2", 2, "killed", "people")],
    ),
    Case("Deaths: 3,455", [row("3,455", 3455, "killed", "people")]),
    Case(
        "The number of people killed in the floods has risen to 48.",
        [row("48", 48, "killed", "people")],
    ),
    Case(
        "Kyiv repelled an attack by 35 drones, shooting down 27.",
        [row("35", 35, "launched", "drones", source=None), row("27", 27, "destroyed", "drones")],
    ),
    Case("The bodies of 14 migrants were recovered.", [row("14", 14, "killed", "people")]),
    Case(
        "More than 35,000 people are staying in 210 relief camps.",
        [row("35,000", 35000, "evacuated", "people", approx="more_than")],
    ),
    Case(
        "Seven people were shot, two fatally, outside a nightclub in Memphis.",
        [
            row("Seven", 7, "other_incident", "people", location="Memphis"),  # shot: all hit
            row("two", 2, "killed", "people", location="Memphis"),
        ],
    ),
    Case("Fatalities\t1", [row("1", 1, "killed", "people")]),
    Case(
        "1 civilian woman was killed and 3 civilians were injured.",
        [row("1", 1, "killed", "civilians"), row("3", 3, "injured", "civilians")],
    ),
    Case("Two civilian men and a boy died.", [row("Two", 2, "killed", "civilians")]),
    Case(
        "Russia fired 30 missiles at Ukraine. Of those, 25 were intercepted.",
        [
            row("30", 30, "launched", "missiles", location="Ukraine"),
            row("25", 25, "destroyed", "missiles"),
        ],
    ),
    Case(
        "At least 70 people died. Of them, 12 were children.",
        [row("70", 70, "killed", "people", approx="at_least"), row("12", 12, "killed", "children")],
    ),
    Case(
        "The dead included 5 police officers and 2 firefighters.",
        [row("5", 5, "killed", "people"), row("2", 2, "killed", "people")],
    ),
    Case(
        "Dozens of homes were set on fire.",  # set on fire is damage, not destruction
        [row("Dozens", None, "other_incident", "buildings", low=24, approx="at_least")],
    ),
    Case(
        "At least 160 people were killed and around 1,000 injured after a quake struck Myanmar.",
        [
            row("160", 160, "killed", "people", approx="at_least", location="Myanmar"),
            row("1,000", 1000, "injured", "people", approx="about", location="Myanmar"),
        ],
    ),
    Case(
        'Air defenses shot down 76 drones, while 96 others were "lost," the air force said.',
        [
            row("76", 76, "destroyed", "drones", source="the air force"),
            row("96", 96, "failed_to_reach", "drones", source="the air force"),
        ],
    ),
    Case("Structures destroyed\t1,329", [row("1,329", 1329, "destroyed", "buildings")]),
    Case(
        "Ukraine war: Russia fires 40 missiles at Kyiv",
        [row("40", 40, "launched", "missiles", location="Kyiv")],
    ),
    Case(
        "Air force downs 18 of 23 drones",
        [row("18", 18, "destroyed", "drones"), row("23", 23, "launched", "drones")],
    ),
    Case(
        "Some 300k people have fled.",
        [row("300k", 300_000, "other_incident", "people", approx="about")],
    ),
    Case(  # a label that names a known place places the line's figures
        "Gaza: 27 killed in Israeli strike on school",
        [row("27", 27, "killed", "people", location="Gaza")],
    ),
    Case("Rescuers saw 5m waves and two fires, but no one was hurt.", []),
    Case(
        "Two of the four missiles were intercepted, and the other two struck an energy facility.",
        [
            row("Two", 2, "destroyed", "missiles"),
            row("four", 4, "launched", "missiles"),
            row("two", 2, "hit", "missiles"),
        ],
    ),
    Case(
        "Some 800 hectares of forest went up in flames near Marseille.",
        [
            row(
                "800 hectares",
                8.0,
                "area",
                "land",
                unit="km2",
                approx="about",
                location="Marseille",
            )
        ],
    ),
    Case(  # fighters, militants, rebels: "people", as the dev conventions have it; not soldiers
        "Two foreign hostages and 30 fighters were killed.",
        [row("Two", 2, "killed", "people"), row("30", 30, "killed", "people")],
    ),
    Case(
        "Around 30 houses were burned.", [row("30", 30, "destroyed", "buildings", approx="about")]
    ),
    Case(
        "Roughly 30 drones targeted the Moscow region, with 24 of them destroyed, the mayor said.",
        [
            row(
                "30",
                30,
                "launched",
                "drones",
                approx="about",
                source="the mayor",
                location="the Moscow region",
            ),
            row("24", 24, "destroyed", "drones", source="the mayor", location="the Moscow region"),
        ],
    ),
    Case(
        "In all, 1,100 people have been killed, including 280 children, and 3,400 injured.",
        [
            row("1,100", 1100, "killed", "people"),
            row("280", 280, "killed", "children"),
            row("3,400", 3400, "injured", "people"),
        ],
    ),
    Case(
        "In Bakhmut district, 2 people were killed; in Kramatorsk, 5 were injured.",
        [
            row("2", 2, "killed", "people", location="Bakhmut district"),
            row("5", 5, "injured", "people", location="Kramatorsk"),
        ],
    ),
    Case(
        "Preliminary reports indicate 3 fatalities.",
        [row("3", 3, "killed", "people", source="Preliminary reports")],
    ),
    Case(
        "Some 7,000 families (about 36,000 people) have been displaced.",
        [
            row("7,000", 7000, "other_incident", "people", approx="about"),
            row("36,000", 36000, "other_incident", "people", approx="about"),
        ],
    ),
    Case(
        "More than 1.5 million people - about 70% of the population - have fled their homes.",
        [row("1.5 million", 1_500_000, "other_incident", "people", approx="more_than")],
    ),
    Case(
        "There have been hundreds of casualties in the region.",
        [row("hundreds", None, "other_incident", "people", low=200, approx="at_least")],
    ),
    Case("Police said 300 officers were deployed to secure the summit.", []),
    Case("The army has 150,000 active soldiers and 80,000 reservists.", []),
    Case("The company said it would cut 1,200 jobs and close 15 stores by 2026.", []),
    Case("About 150 people attended the funeral on Saturday.", []),
    Case("Parliament voted 312 to 205 in favour of the bill.", []),
    Case(
        "Seven people were killed in the shelling of Kherson.",
        [row("Seven", 7, "killed", "people", location="Kherson")],
    ),
    Case(
        "Up to 300 people may have died, aid agencies warned.",
        [row("300", 300, "killed", "people", approx="at_most", source="aid agencies")],
    ),
    Case(
        "The quake killed 12 people and injured 40 others.",
        [row("12", 12, "killed", "people"), row("40", 40, "injured", "people")],
    ),
    Case(
        "The attack killed 9 people, including 3 children.",
        [row("9", 9, "killed", "people"), row("3", 3, "killed", "children")],
    ),
    Case(
        "The ministry said 30 drones were downed: 20 over the Kursk Region and 10 over the "
        "Bryansk Region.",
        [
            row("30", 30, "destroyed", "drones", source="The ministry"),
            row(
                "20", 20, "destroyed", "drones", source="The ministry", location="the Kursk Region"
            ),
            row(
                "10",
                10,
                "destroyed",
                "drones",
                source="The ministry",
                location="the Bryansk Region",
            ),
        ],
    ),
]

ATTRIBUTION = [
    Case(
        "The state energy company, Naftogaz, called the attack critical. The company said its "
        "sites were hit by about 35 missiles.",
        [row("35", 35, "hit", "missiles", approx="about", source="Naftogaz")],
    ),
    Case(
        "Police in Texas said a gunman killed eight people.",
        [row("eight", 8, "killed", "people", source="Police in Texas", location="Texas")],
    ),
    Case(
        "Most of the deaths were in Al Haouz province, with 1,293 dead, the ministry said.",
        [
            row(
                "1,293",
                1293,
                "killed",
                "people",
                source="the ministry",
                location="Al Haouz province",
            )
        ],
    ),
    Case(
        "The governor, Vitaliy Kim, said 3 people were wounded.",
        [row("3", 3, "injured", "people", source="Vitaliy Kim")],
    ),
    Case(
        "At least 33 people were killed, ministry spokesman Ashraf al-Qudra said.",
        [
            row(
                "33",
                33,
                "killed",
                "people",
                approx="at_least",
                source="ministry spokesman Ashraf al-Qudra",
            )
        ],
    ),
    Case(
        "“We have recovered 12 bodies,” said Colonel James Wright of the fire department.",
        [row("12", 12, "killed", "people", source="Colonel James Wright")],
    ),
    Case(
        "A Reuters tally shows at least 52 people have died.",
        [row("52", 52, "killed", "people", approx="at_least", source="A Reuters tally")],
    ),
    Case(
        "Two people were killed in Russia's Belgorod region, Governor Vyacheslav Gladkov said.",
        [
            row(
                "Two",
                2,
                "killed",
                "people",
                source="Governor Vyacheslav Gladkov",
                location="Russia's Belgorod region",
            )
        ],
    ),
    Case(
        "The ministry reported 12 fatalities.",
        [row("12", 12, "killed", "people", source="The ministry")],
    ),
    Case(
        "Local officials told Reuters that 7 people were missing.",
        [row("7", 7, "missing", "people", source="Local officials")],
    ),
    Case(
        "The governor announced that 2,000 residents had been evacuated.",
        [row("2,000", 2000, "evacuated", "people", source="The governor")],
    ),
    Case(
        "Moscow claimed its forces had downed 30 drones.",
        [row("30", 30, "destroyed", "drones", source="Moscow")],
    ),
    Case(
        "Seven civilians were killed, the mayor wrote on Telegram.",
        [row("Seven", 7, "killed", "civilians", source="the mayor")],
    ),
    Case(
        "Four people died in the fire, said the mayor of Lviv.",
        [row("Four", 4, "killed", "people", source="the mayor of Lviv")],
    ),
    Case(
        "According to the health ministry, 17 people were injured.",
        [row("17", 17, "injured", "people", source="the health ministry")],
    ),
    Case(
        "Eight people were hurt, as reported by the local emergency service.",
        [row("Eight", 8, "injured", "people", source="the local emergency service")],
    ),
    Case(
        "The army said in a statement that 3 soldiers were killed.",
        [row("3", 3, "killed", "soldiers", source="The army")],
    ),
    Case(
        "Governor Oleh Kiper said the port was hit. Six people were wounded, he said.",
        [row("Six", 6, "injured", "people", source="Governor Oleh Kiper")],
    ),
    Case(
        "Russia launched 50 drones, the air force said. Forty of them were destroyed.",
        [
            row("50", 50, "launched", "drones", source="the air force"),
            row("Forty", 40, "destroyed", "drones", source="the air force"),
        ],
    ),
    Case(
        "“We counted 25 bodies in the square,” the police chief told reporters.",
        [row("25", 25, "killed", "people", source="the police chief")],
    ),
]

PLACES_AND_DATES = [
    Case(
        "At least 12 people, including two children, were killed in Kryvyi Rih.",
        [
            row("12", 12, "killed", "people", approx="at_least", location="Kryvyi Rih"),
            row("two", 2, "killed", "children", location="Kryvyi Rih"),
        ],
    ),
    Case(
        "Crews evacuated 600 residents of the village of Nyzhni Sirohozy.",
        [row("600", 600, "evacuated", "people", location="the village of Nyzhni Sirohozy")],
    ),
    Case(
        "Russia launched 30 drones over Ukraine overnight.",
        [row("30", 30, "launched", "drones", location="Ukraine", date="2025-04-26")],
        published="2025-04-26",
    ),
    Case(
        "On Saturday, two people were killed in Kharkiv, Ukraine.",
        [row("two", 2, "killed", "people", location="Kharkiv, Ukraine", date="2025-04-26")],
        published="2025-04-28",
    ),
    Case(
        "Last Wednesday, 7 drones were downed over the Black Sea.",
        [row("7", 7, "destroyed", "drones", location="the Black Sea", date="2025-04-23")],
        published="2025-04-28",
    ),
    Case(
        "On 8 December 2023, 5 civilians were killed across Ukraine.",
        [row("5", 5, "killed", "civilians", location="Ukraine", date="2023-12-08")],
    ),
]

NOT_FIGURES = [
    Case("The 45-year-old driver was jailed for 12 years.", []),
    Case("The three-year war has killed no one in this village.", []),
    Case("The presidents met for about 15 minutes, and 24 hours later the talks ended.", []),
    Case("The dam was built in 1956 and repaired in 2019.", []),
    Case("The strike came at 4:30 a.m. on 12 March, about 40 km from the front.", []),
    Case("Damage is estimated at $15 million, or 3% of the budget.", []),
    Case("The earthquake had a magnitude of 6.8 and was felt 300 miles away.", []),
    Case("It was the 10th attack this month and the second in 24 hours.", []),
    Case("A Su-34 jet fired Kh-59 missiles at the Shahed-136 depot [2].", []),
    Case("She was one of the survivors, and no one else was hurt.", []),
    Case("Two children, aged 7 and 9, were injured.", [row("Two", 2, "injured", "children")]),
    Case("Winds reached 120 km/h as the storm moved at 15 mph.", []),
    # An age set off after a name or a person, not a number after a place or an outcome word.
    Case("A man, 61, and his grandson (9) were killed.", []),
    Case("Police named the driver as Marta Lind, 38, of Hull.", []),
    Case(
        "In Sumy, 7, including a child, were hurt.",
        [row("7", 7, "injured", "people", location="Sumy")],
    ),
]


KNOWN_GAPS = [
    # A pronoun resolves only to a speaker named with a reporting verb, not to any earlier name.
    Case(
        "Governor Oleh Kiper spoke to reporters. Six people were wounded, he said.",
        [row("Six", 6, "injured", "people", source="Governor Oleh Kiper")],
    ),
]


@pytest.mark.parametrize("case", KNOWN_GAPS, ids=lambda c: c.text[:60])
@pytest.mark.xfail(strict=True, reason="known gap, kept visible")
def test_known_gaps(case: Case) -> None:
    assert rows_of(case) == case.rows


@pytest.mark.parametrize(
    "case",
    METRICS + NUMBERS_AND_BOUNDS + STRUCTURE + ATTRIBUTION + PLACES_AND_DATES + NOT_FIGURES,
    ids=lambda c: c.text[:60],
)
def test_extract(case: Case) -> None:
    assert rows_of(case) == case.rows


def test_offsets_point_at_the_number() -> None:
    text = "Officials said 3 people died. Later, 12 more were injured."
    found = figures.extract(text)
    assert [(f.start, f.end, text[f.start : f.end]) for f in found] == [
        (15, 16, "3"),
        (37, 39, "12"),
    ]
    assert found[1].metric == "injured" and found[1].subject == "people"


def test_rows_carry_their_sentence_and_rule() -> None:
    [figure] = figures.extract("Nothing happened. Two people were killed.")
    assert figure.sentence == "Two people were killed."
    assert figure.rule == "own_trigger"


@pytest.mark.parametrize("text", ["", " ", "\x00\x01", "1" * 10_000, "one " * 1000, "“”‘’"])
def test_extract_never_raises(text: str) -> None:
    assert isinstance(figures.extract(text), list)
