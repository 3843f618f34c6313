"""The capability table: one test per phrasing class of incident reporting (issue 12).

Each class is a family of phrasings, not a sample sentence: every table holds at least three
sentences written for this file, one of which must give no row. Rows compare the columns the
rules decide (number, bounds, metric, subject); source, place and date have their own tables in
test_extract.py.
"""

from __future__ import annotations

from typing import Any

import pytest

import figures
from figures.classify import classify
from figures.numerals import find_numbers
from figures.records import Sentence

KEYS = ("number_text", "value", "low", "approx", "metric", "subject")
Rows = list[tuple[Any, ...]]


def rows(text: str) -> Rows:
    return [tuple(getattr(f, key) for key in KEYS) for f in figures.extract(text)]


def r(
    number_text: str,
    value: float | None,
    metric: str,
    subject: str,
    approx: str = "exact",
    low: float | None = None,
) -> tuple[Any, ...]:
    return (number_text, value, low, approx, metric, subject)


def check(text: str, expected: Rows) -> None:
    assert rows(text) == expected


NOMINAL = [
    (
        "The collapse led to the deaths of 23 people and 41 injuries.",
        [r("23", 23, "killed", "people"), r("41", 41, "injured", "people")],
    ),
    ("The storm claimed 64 lives across the delta.", [r("64", 64, "killed", "people")]),
    ("Eight Lives Lost As Ferry Capsizes Off Coast", [r("Eight", 8, "killed", "people")]),
    (
        "Raiders took 17 hostages from the convoy.",
        [r("17", 17, "captured", "people")],
    ),
    (
        "The blast left 5 dead and 19 hurt.",
        [r("5", 5, "killed", "people"), r("19", 19, "injured", "people")],
    ),
    (
        "Officials recorded 212 fatalities and 40 casualties.",
        [r("212", 212, "killed", "people"), r("40", 40, "other_incident", "people")],
    ),
    ("The 11 hostages were freed at dawn.", []),
    ("The fund saved 300 lives last year, its report said.", []),
]

TOLLS = [
    (
        "The death toll from Sunday's landslide in the hill district has climbed to 58.",
        [r("58", 58, "killed", "people")],
    ),
    (
        "The toll could pass 300, the agency warned.",
        [r("300", 300, "killed", "people", approx="exact")],
    ),
    (
        "The latest blast brings the number of people killed to more than 90.",
        [r("90", 90, "killed", "people", approx="more_than")],
    ),
    ("The injury tally stands at 140.", [r("140", 140, "injured", "people")]),
    (
        "The toll includes 16 soldiers and 5 police officers.",
        [r("16", 16, "killed", "soldiers"), r("5", 5, "killed", "people")],
    ),
    (
        "The death toll has risen to 61 and more than 250 were injured.",
        [r("61", 61, "killed", "people"), r("250", 250, "injured", "people", approx="more_than")],
    ),
    ("The toll road reopened after 40 minutes.", []),
    # An outcome noun that rises itself, and qualifiers between any verb and its number.
    ("Fatalities climbed past 700 overnight.", [r("700", 700, "killed", "people", "more_than")]),
    ("The death toll has surpassed 900.", [r("900", 900, "killed", "people", "more_than")]),
    ("The death toll rose above 1,400.", [r("1,400", 1400, "killed", "people", "more_than")]),
    (  # a change from one figure to another is no range
        "The blast raised the toll from 21 to 26.",
        [r("26", 26, "killed", "people")],
    ),
    ("From 5 to 8 people were hurt.", [("5 to 8", None, 5, "range", "injured", "people")]),
    # numbers that are not the toll's between it and its verb; a toll counts its own dead
    (
        "The death toll from the magnitude 6.4 quake in Peru has risen to 412.",
        [r("412", 412, "killed", "people")],
    ),
    ("The death toll across five states climbed to 97.", [r("97", 97, "killed", "people")]),
    (
        "Troops were sent to Derna, where the death toll has passed 4,100.",
        [r("4,100", 4100, "killed", "people", "more_than")],
    ),
    (
        "The number of people killed in the 3 provinces has reached 75.",
        [r("75", 75, "killed", "people")],
    ),
    ("Injuries from the blast have now reached 85.", [r("85", 85, "injured", "people")]),
    (
        "The cyclone killed upwards of 2,000 people.",
        [r("2,000", 2000, "killed", "people", approx="more_than")],
    ),
    ("Deaths of livestock rose as 30 farms flooded.", []),
]

OUTCOME_VERBS = [
    ("Nine climbers perished on the ridge.", [r("Nine", 9, "killed", "people")]),
    (
        "14 crew members remain unaccounted for.",
        [r("14", 14, "missing", "people")],
    ),
    (
        "Some 6,000 residents were told to evacuate.",
        [r("6,000", 6000, "evacuated", "people", approx="about")],
    ),
    ("Gunmen abducted 30 students overnight.", [r("30", 30, "captured", "people")]),
    (
        "The flood swept away 120 homes and flooded 800 others.",
        [
            r("120", 120, "destroyed", "buildings"),
            r("800", 800, "other_incident", "buildings"),
        ],
    ),
    (
        "Six patients were taken to local hospitals.",
        [r("Six", 6, "injured", "people")],
    ),
    (
        "About 40 missiles were launched, with 6 failing.",
        [
            r("40", 40, "launched", "missiles", approx="about"),
            r("6", 6, "failed_to_reach", "missiles"),
        ],
    ),
    ("12 workers were rescued unharmed.", []),
    (
        "Some 30,000 villagers have escaped the valley since May.",
        [r("30,000", 30000, "other_incident", "people", approx="about")],
    ),
    ("All 40 passengers escaped unhurt.", []),
    (
        "The cyclone damaged or destroyed nearly 8,000 homes.",
        [r("8,000", 8000, "other_incident", "buildings", approx="at_most")],
    ),
    (
        "Crews shot down or destroyed 26 drones.",
        [r("26", 26, "destroyed", "drones")],
    ),
    ("About 900,000 households lost power overnight.", []),
    ("Soldiers killed 8 gunmen and arrested 11.", [r("8", 8, "killed", "people")]),
    (
        "A 2,000-strong force was stationed near the border.",
        [r("2,000", 2000, "deployed", "troops")],
    ),
    (
        "Scores of villagers were killed or went missing.",
        [r("Scores", None, "other_incident", "people", approx="at_least", low=40)],
    ),
    ("The 800-strong choir sang at the memorial.", []),
    # Two verbs joined ("shot and killed"), two outcomes in one count ("died or gone missing"),
    # and where the victims were ("on board").
    ("Five people were shot and killed at the mall.", [r("Five", 5, "killed", "people")]),
    (
        "At least 90 migrants have died or gone missing this month.",
        [r("90", 90, "other_incident", "people", approx="at_least")],
    ),
    ("All 49 people on board were killed.", [r("49", 49, "killed", "people")]),
    ("All 49 people on board were rescued.", []),
    # Injuries sustained or suffered, with their severity between.
    (
        "Four people were killed and 9 others sustained serious injuries.",
        [r("Four", 4, "killed", "people"), r("9", 9, "injured", "people")],
    ),
    ("Two workers suffered burns.", [r("Two", 2, "injured", "people")]),
    # Victims in critical or serious condition are injured.
    (
        "Nine people died and four remain in critical condition.",
        [r("Nine", 9, "killed", "people"), r("four", 4, "injured", "people")],
    ),
    ("Seven passengers are in a serious condition.", [r("Seven", 7, "injured", "people")]),
    ("Eleven more are in hospital, the mayor said.", [r("Eleven", 11, "injured", "people")]),
    ("The district has 4 hospitals in service.", []),
    # Displacement and shelter phrasings: from their homes, uprooted, sought refuge, moved or
    # shifted to shelters, relief camps or safety.
    (
        "Some 4,000 residents were moved to temporary shelters.",
        [r("4,000", 4000, "evacuated", "people", approx="about")],
    ),
    (
        "Nearly 2 lakh people were shifted to relief camps.",
        [r("2 lakh", 200_000, "evacuated", "people", approx="at_most")],
    ),
    ("The 300 patients were moved to another ward.", []),
    (
        "Some 7,500 people were forced from their homes by the floods.",
        [r("7,500", 7500, "other_incident", "people", approx="about")],
    ),
    ("The storm uprooted 3,200 islanders.", [r("3,200", 3200, "other_incident", "people")]),
    (
        "Around 450 villagers took refuge in a mosque.",
        [r("450", 450, "evacuated", "people", approx="about")],
    ),
    ("The storm uprooted 300-year-old oaks.", []),
    # object complements: the outcome follows the counted noun
    (
        "Gunmen raided the boarding school, taking 140 pupils hostage.",
        [r("140", 140, "captured", "people")],
    ),
    ("The cartel kept 9 truck drivers captive.", [r("9", 9, "captured", "people")]),
    ("Rebels took 22 soldiers prisoner.", [r("22", 22, "captured", "soldiers")]),
    (
        "They abducted 30 passengers and took 6 others hostage.",
        [r("30", 30, "captured", "people"), r("6", 6, "captured", "people")],
    ),
    ("One hostage died in captivity.", [r("One", 1, "killed", "people")]),
    ("Both sides agreed to 3 prisoner swaps.", []),
    # the search for the missing; deaths by a manner of killing; "homicides"
    ("Divers were still searching for 6 fishermen.", [r("6", 6, "missing", "people")]),
    ("Nine workers are still being searched for.", [r("Nine", 9, "missing", "people")]),
    ("Thirty volunteers were searching for survivors.", []),
    ("Four people were trampled to death in the crush.", [r("Four", 4, "killed", "people")]),
    ("Gunmen gunned down 7 traders.", [r("7", 7, "killed", "people")]),
    ("The region recorded 95 homicides in May.", [r("95", 95, "killed", "people")]),
    # capture verbs, present-tense headlines; wounds, burns and hospital as complements
    ("Bandits seized 18 passengers.", [r("18", 18, "captured", "people")]),
    (
        "Gunmen Kill 5, Abduct 22 In Raid",
        [r("5", 5, "killed", "people"), r("22", 22, "captured", "people")],
    ),
    ("Police said 6 people sustained gunshot wounds.", [r("6", 6, "injured", "people")]),
    ("Medics treated 20 people for burns.", [r("20", 20, "injured", "people")]),
    (
        "The blast killed 2 guards and left 9 others with severe burns.",
        [r("2", 2, "killed", "people"), r("9", 9, "injured", "people")],
    ),
    ("The heatwave sent 700 people to hospital.", [r("700", 700, "injured", "people")]),
    ("The other four were flown to a nearby hospital.", [r("four", 4, "injured", "people")]),
    (  # driven from their homes: displaced, unless a verb before names the outcome
        "The blaze raced uphill, forcing 4,000 residents from their homes.",
        [r("4,000", 4000, "other_incident", "people")],
    ),
    (
        "Crews evacuated 250 people from their homes.",
        [r("250", 250, "evacuated", "people")],
    ),
    (
        "Cyclone Kills 9, Drives 80,000 From Homes",
        [r("9", 9, "killed", "people"), r("80,000", 80000, "other_incident", "people")],
    ),
    ("The storm forced 300 flights to be cancelled.", []),
    # aid, shelter, captivity, treatment, mass graves; "totally damaged" is destroyed
    (
        "Some 2.1 million people are in need of humanitarian aid.",
        [r("2.1 million", 2_100_000, "other_incident", "people", "about")],
    ),
    (
        "Nearly 9,000 villagers are sheltering in 40 relief centres.",
        [r("9,000", 9000, "evacuated", "people", "at_most")],
    ),
    ("Officials say 14 remain in captivity.", [r("14", 14, "captured", "people")]),
    ("The quake totally damaged 310 houses.", [r("310", 310, "destroyed", "buildings")]),
    ("About 80 fans sought medical treatment.", [r("80", 80, "injured", "people", "about")]),
    (
        "Dozens were treated for smoke inhalation.",
        [("Dozens", None, 24, "at_least", "injured", "people")],
    ),
    ("Villagers said 60 had been buried in a mass grave.", [r("60", 60, "killed", "people")]),
    (
        "The storm left 7,000 families without shelter.",
        [r("7,000", 7000, "other_incident", "people")],
    ),
    ("Two of the nurses were among the dead.", [r("Two", 2, "killed", "people")]),
    ("The suspect fired 50 rounds from his rifle.", []),
    (
        "Nearly 4,000 people spent the night in evacuation centres.",
        [r("4,000", 4000, "evacuated", "people", "at_most")],
    ),
    (
        "About 350 villagers were relocated to a school.",
        [r("350", 350, "evacuated", "people", "about")],
    ),
    (
        "The floods forced 9,000 to leave their homes.",
        [r("9,000", 9000, "other_incident", "people")],
    ),
    ("Twelve shops were gutted.", [r("Twelve", 12, "destroyed", "buildings")]),
    (
        "Some 1.2 million people need humanitarian aid.",
        [r("1.2 million", 1_200_000, "other_incident", "people", "about")],
    ),
    (
        "Thousands remain cut off by the floods.",
        [("Thousands", None, 2000, "at_least", "other_incident", "people")],
    ),
    ("Militants seized 6 trucks at the checkpoint.", []),
    ("The storm cut off power to 80,000 homes.", []),
    (  # a figure corrected away is none
        "The toll was 15, not 12, the agency said.",
        [r("15", 15, "killed", "people")],
    ),
    ("Gunners fired 200 artillery rounds overnight.", [r("200", 200, "launched", "shells")]),
    ("Forty people were being treated in hospitals.", [r("Forty", 40, "injured", "people")]),
    ("A man stabbed 3 commuters at the station.", [r("3", 3, "injured", "people")]),
    ("Two shoppers were stabbed to death.", [r("Two", 2, "killed", "people")]),
    (  # "killed and wounded" after a noun is one total of both
        "The army lost 640 soldiers killed and wounded in a week.",
        [r("640", 640, "other_incident", "soldiers")],
    ),
    (
        "Police said 12 troops were killed or injured.",
        [r("12", 12, "other_incident", "troops")],
    ),
    ("Three guards were shot and killed.", [r("Three", 3, "killed", "people")]),
    (  # a negated outcome counts nothing
        "The blast wrecked four buses, police said, and no injuries were reported.",
        [],
    ),
    (  # a range after its verb; a noun with a place between it and its verb
        "Gunmen killed between 40 and 50 villagers.",
        [("40 and 50", None, 40, "range", "killed", "people")],
    ),
    (
        "About 3,000 homes in the district were damaged.",
        [r("3,000", 3000, "other_incident", "buildings", "about")],
    ),
    (
        "Between 200 and 300 homes in Calgary's northeast were destroyed.",
        [("200 and 300", None, 200, "range", "destroyed", "buildings")],
    ),
    ("Officials counted 12 houses in the village.", []),
    (  # a bare number sharing the noun of the figure before takes a prepositional complement
        "The blast killed 12 people and sent more than 300 to hospital.",
        [r("12", 12, "killed", "people"), r("300", 300, "injured", "people", "more_than")],
    ),
    (
        "The crash killed 2 and left 9 with serious injuries.",
        [r("2", 2, "killed", "people"), r("9", 9, "injured", "people")],
    ),
    ("He was wheeled from ward 2 to the hospital pharmacy.", []),
    # "shot": everyone hit, killed or wounded
    ("Five people were shot outside a bar.", [r("Five", 5, "other_incident", "people")]),
    # evacuation orders and shelters; a count of shelters is no figure
    (
        "Evacuation orders were issued for 9,000 residents.",
        [r("9,000", 9000, "evacuated", "people")],
    ),
    (
        "The prefecture issued evacuation orders for more than 40,000 people.",
        [r("40,000", 40000, "evacuated", "people", "more_than")],
    ),
    ("Evacuation orders were issued for 12 zones.", []),
    (
        "About 600 people were moved to cyclone shelters.",
        [r("600", 600, "evacuated", "people", approx="about")],
    ),
    (
        "Some 2,000 people were staying in 15 emergency shelters.",
        [r("2,000", 2000, "evacuated", "people", approx="about")],
    ),
    # animals, gunfire and the size of an army are not incident figures
    ("The floods killed 3,000 cattle.", []),
    ("The gunman fired 40 rounds into the crowd.", []),
    ("The sniper fired over 600 rounds from his window.", []),
    ("Officers fired 17 rounds from a 9mm pistol.", []),
    ("Russia launched 2 missile strikes on the city.", []),
    # South Asian and military-briefing idioms; counts of places between noun and verb
    ("Two terrorists were eliminated in the operation.", [r("Two", 2, "killed", "people")]),
    (
        "Six militants were sent to hell while two soldiers embraced shahadat.",
        [r("Six", 6, "killed", "people"), r("two", 2, "killed", "soldiers")],
    ),
    ("We have lost 9 jawans in the encounter.", [r("9", 9, "killed", "soldiers")]),
    ("Another 17 sustained varying degrees of injuries.", [r("17", 17, "injured", "people")]),
    ("Eight workers were still untraced.", [r("Eight", 8, "missing", "people")]),
    (
        "Over 1.2 crore people in 30 districts have been affected.",
        [r("1.2 crore", 12_000_000, "other_incident", "people", approx="more_than")],
    ),
    (
        "Some 21,770 individuals were pre-emptively evacuated.",
        [r("21,770", 21770, "evacuated", "people", approx="about")],
    ),
    (
        "Some 10,000 army personnel have been deployed.",
        [r("10,000", 10000, "deployed", "soldiers", approx="about")],
    ),
    (
        "The gunmen took hostage 2 guards and 4 police officers.",
        [r("2", 2, "captured", "people"), r("4", 4, "captured", "people")],
    ),
    ("The law caps the army at 85,000 troops.", []),
    ("The frigate has a crew of 90 soldiers.", []),
    ("Its losses amounted to up to 230 servicemen.", []),
    # a time span or a scene after the outcome; "both"; a quoted vague number; "tops"
    ("Floods have left 89 people dead over four days.", [r("89", 89, "killed", "people")]),
    (
        "At least 19 people on the ground were also killed.",
        [r("19", 19, "killed", "people", approx="at_least")],
    ),
    ("Both pilots were killed.", [r("Both", 2, "killed", "people")]),
    (
        'The army said it had killed "dozens" of fighters.',
        [r("dozens", None, "killed", "people", approx="at_least", low=24)],
    ),
    ("Death Toll Tops 2,000 In Quake", [r("2,000", 2000, "killed", "people", "more_than")]),
    ("Nine people were killed, one of the sources said.", [r("Nine", 9, "killed", "people")]),
    # evacuation told, shelters counted, a count of prefectures; ages listed with commas
    (
        "More than 9,000 people in nine prefectures were told to evacuate.",
        [r("9,000", 9000, "evacuated", "people", approx="more_than")],
    ),
    (
        "About 19,000 of them are staying in 97 collective shelters.",
        [r("19,000", 19000, "evacuated", "people", approx="about")],
    ),
    (
        "Three boys were hurt; they were aged six, seven and nine.",
        [r("Three", 3, "injured", "children")],
    ),
    ("One staff member died in the strike.", [r("One", 1, "killed", "people")]),
    (
        "The blast left at least 9 others with burn injuries.",
        [r("9", 9, "injured", "people", approx="at_least")],
    ),
    ("Some 32 people had been forcibly disappeared.", [r("32", 32, "missing", "people", "about")]),
    ("Crews resumed the search for the remaining 56 people.", [r("56", 56, "missing", "people")]),
    (
        "Some 32 people had been abducted and 627 arrested since June.",
        [r("32", 32, "captured", "people", "about")],
    ),
    (
        "Officials said 358 of the town's 1,113 homes were destroyed.",
        [r("358", 358, "destroyed", "buildings")],
    ),
    (
        "The navy shot down 15 drones and two cruise missiles launched by the rebels.",
        [r("15", 15, "destroyed", "drones"), r("two", 2, "destroyed", "missiles")],
    ),
    (
        "Iran launched around 180 ballistic missiles at Israel.",
        [r("180", 180, "launched", "missiles", approx="about")],
    ),
    ("The rebels released the 8 soldiers they had kidnapped.", []),
    (
        "Authorities ordered 150,000 people to evacuate.",
        [r("150,000", 150000, "evacuated", "people")],
    ),
    # more outcome verbs: "neutralised" people, martyrs, crossing a border, shelters, disasters
    (
        "The army said it had neutralised some 80 militants.",
        [r("80", 80, "killed", "people", approx="about")],
    ),
    ("The number of martyrs has risen to 4,909.", [r("4,909", 4909, "killed", "people")]),
    ("The junta dispatched 1,500 reinforcements.", [r("1,500", 1500, "deployed", "troops")]),
    (
        "Nearly 5,000 people crossed into Chad.",
        [r("5,000", 5000, "other_incident", "people", approx="at_most")],
    ),
    (
        "About 1,400 residents fled to temporary shelters.",
        [r("1,400", 1400, "evacuated", "people", approx="about")],
    ),
    (
        "Some 40,000 people were hit by the floods.",
        [r("40,000", 40000, "other_incident", "people", approx="about")],
    ),
    # a count of places after a qualifier word: "over 11 regions" places the figure
    (
        "Sixty drones were shot down over 11 regions, and 25 were locationally lost.",
        [r("Sixty", 60, "destroyed", "drones"), r("25", 25, "failed_to_reach", "drones")],
    ),
]

PERSONS = [
    (
        "Seven police officers and two firefighters were injured.",
        [
            r("Seven", 7, "injured", "people"),
            r("two", 2, "injured", "people"),
        ],
    ),
    ("21 coal miners died underground.", [r("21", 21, "killed", "people")]),
    ("Two other youths were injured.", [r("Two", 2, "injured", "people")]),
    ("Rioters torched 2 police stations.", [r("2", 2, "destroyed", "buildings")]),
    ("The fire destroyed 60 shanties.", [r("60", 60, "destroyed", "buildings")]),
    (
        "Authorities sent 2,500 National Guard members to the city.",
        [r("2,500", 2500, "deployed", "soldiers")],
    ),
    ("Militants fired 16 rockets.", [r("16", 16, "launched", "missiles")]),
    ("Five Israelis were killed.", [r("Five", 5, "killed", "people")]),
    (
        "Forty members of the coast guard have been confirmed dead.",
        [r("Forty", 40, "killed", "people")],
    ),
    ("Six members of a family died in the blaze.", [r("Six", 6, "killed", "people")]),
    ("Soldiers neutralised 35 bandits.", [r("35", 35, "killed", "people")]),
    ("Two boys and their grandfather drowned.", [r("Two", 2, "killed", "children")]),
    ("The bus carried 40 pilgrims and their luggage was lost.", []),
    (  # a group named by what its members belong to; a count of what they belong to is none
        "Nine members of the security forces were killed.",
        [r("Nine", 9, "killed", "soldiers")],
    ),
    ("The flood killed five members of one family.", [r("five", 5, "killed", "people")]),
    (  # "another N": more of what the sentence before counted
        "Four soldiers died in the ambush. Another 6 were wounded.",
        [r("Four", 4, "killed", "soldiers"), r("6", 6, "injured", "soldiers")],
    ),
    ("The 300 pilgrims prayed through the night.", []),
]

STRUCTURE = [
    # A number a partitive counts a part of ("N of whom") is the group, not a figure.
    (
        "The boat carried some 80 migrants, 25 of whom are still missing.",
        [r("25", 25, "missing", "people")],
    ),
    (
        "Four miners, two of them foreigners, were killed.",
        [r("Four", 4, "killed", "people"), r("two", 2, "killed", "people")],
    ),
    (
        "Three guards, 8 visitors and one cook were killed.",
        [
            r("Three", 3, "killed", "people"),
            r("8", 8, "killed", "people"),
            r("one", 1, "killed", "people"),
        ],
    ),
    (
        "15 died in Northtown, 4 in Southvale and one each in Eastby and Westby.",
        [
            r("15", 15, "killed", "people"),
            r("4", 4, "killed", "people"),
            r("one", 1, "killed", "people"),
            r("one", 1, "killed", "people"),
        ],
    ),
    (
        "Air defence shot down 50 out of 60 drones launched.",
        [r("50", 50, "destroyed", "drones"), r("60", 60, "launched", "drones")],
    ),
    (
        "Among the dead were four medics.",
        [r("four", 4, "killed", "people")],
    ),
    (
        "More than 2,100 people were injured, including 300 children.",
        [
            r("2,100", 2100, "injured", "people", approx="more_than"),
            r("300", 300, "injured", "children"),
        ],
    ),
    (
        "Out of a total of 640 houses damaged by the storm, 90 are fully destroyed.",
        [r("640", 640, "other_incident", "buildings"), r("90", 90, "destroyed", "buildings")],
    ),
    (
        "At least 90 people were killed, among them 14 children.",
        [
            r("90", 90, "killed", "people", approx="at_least"),
            r("14", 14, "killed", "children"),
        ],
    ),
    (
        "Of the injured, 40 were in Northtown and 12 in Southvale.",
        [r("40", 40, "injured", "people"), r("12", 12, "injured", "people")],
    ),
    (
        "Air defences intercepted 22 rockets fired from the hills.",
        [r("22", 22, "destroyed", "missiles")],
    ),
    (
        "Two riders died in the crash, as did three other riders.",
        [r("Two", 2, "killed", "people"), r("three", 3, "killed", "people")],
    ),
    (
        "Storms left 14 dead, dozens missing, and thousands of travellers who were stranded.",
        [r("14", 14, "killed", "people"), r("dozens", None, "missing", "people", "at_least", 24)],
    ),
    ("Both teams and 20 fans were at the stadium.", []),
    ("Fires burned twice the long-term average of 9,000 hectares.", []),
    # a part that died of a group counted as injured; a list item after "a"; "among the N
    # killed"; a complement "from the X"; a listed number with its own verb
    ("Three of the wounded later died.", [r("Three", 3, "killed", "people")]),
    ("Russia launched a cruise missile and 9 drones.", [r("9", 9, "launched", "drones")]),
    (
        "Four children were among the 12 people killed.",
        [r("Four", 4, "killed", "children"), r("12", 12, "killed", "people")],
    ),
    (
        "At least 30 fighters from the militia were killed.",
        [r("30", 30, "killed", "people", approx="at_least")],
    ),
    (
        "The storm left 8 dead and 5 unaccounted for.",
        [r("8", 8, "killed", "people"), r("5", 5, "missing", "people")],
    ),
    ("Six people were hurt and 20 others rescued.", [r("Six", 6, "injured", "people")]),
    (
        "Two guards were among nine people shot dead.",
        [r("Two", 2, "killed", "people"), r("nine", 9, "killed", "people")],
    ),
    ("The attack killed 40 worshippers at two mosques.", [r("40", 40, "killed", "people")]),
    ("The gunman killed his wife and two neighbours.", [r("two", 2, "killed", "people")]),
]

FACT_BOXES = [
    ("Injuries: 31", [r("31", 31, "injured", "people")]),
    (  # each label in a line heads the number after it, not the one before
        "Dead: 5, hurt: 19, missing: 2",
        [
            r("5", 5, "killed", "people"),
            r("19", 19, "injured", "people"),
            r("2", 2, "missing", "people"),
        ],
    ),
    (
        "Fatalities | 17 | Wounded | 58 |",
        [r("17", 17, "killed", "people"), r("58", 58, "injured", "people")],
    ),
    ("Deaths42", [r("42", 42, "killed", "people")]),
    ("Structures destroyed: about 140", [r("140", 140, "destroyed", "buildings", approx="about")]),
    (
        "Killed: 6 | Injured: 25 | Missing: 2",
        [
            r("6", 6, "killed", "people"),
            r("25", 25, "injured", "people"),
            r("2", 2, "missing", "people"),
        ],
    ),
    (
        "Homes destroyed: 410; homes damaged: 2,300",
        [r("410", 410, "destroyed", "buildings"), r("2,300", 2300, "other_incident", "buildings")],
    ),
    (
        "Fatalities 8 Injuries 33",
        [r("8", 8, "killed", "people"), r("33", 33, "injured", "people")],
    ),
    ("Founded: 1962", []),
    # a table written with pipes: each number takes its column's label
    (
        "Region | Dead | Injured | Missing\nNorth | 12 | 30 | 2\nSouth | 7 | 15 | 1",
        [
            r("12", 12, "killed", "people"),
            r("30", 30, "injured", "people"),
            r("2", 2, "missing", "people"),
            r("7", 7, "killed", "people"),
            r("15", 15, "injured", "people"),
            r("1", 1, "missing", "people"),
        ],
    ),
    (  # the row's first cell names what the columns count
        "| Type | Fired | Intercepted |\n|---|---|---|\n| Attack drones | 80 | 64 |\n"
        "| Ballistic missiles | 4 | 1 |",
        [
            r("80", 80, "launched", "drones"),
            r("64", 64, "destroyed", "drones"),
            r("4", 4, "launched", "missiles"),
            r("1", 1, "destroyed", "missiles"),
        ],
    ),
    ("| Type | Fired | Intercepted |\n| Flares | 80 | 64 |", []),
    ("Team | Played | Won\nRovers | 12 | 7", []),
    ("Villages affected: 57", []),
    ("Dead or missing: 140", [r("140", 140, "other_incident", "people")]),
    ("Camps hit: 14", []),
    # a cell's own noun and outcome, after cells of another kind
    (
        "Missing: 6 | Houses destroyed: 212 | Evacuees: 8,450",
        [
            r("6", 6, "missing", "people"),
            r("212", 212, "destroyed", "buildings"),
            r("8,450", 8450, "evacuated", "people"),
        ],
    ),
]

HEADLINES = [
    ("Flash Floods Kill 31 In Mountain Province", [r("31", 31, "killed", "people")]),
    (
        "Quake Leaves 12 Dead, 200 Injured",
        [r("12", 12, "killed", "people"), r("200", 200, "injured", "people")],
    ),
    (
        "Army Sends 1,500 Troops To Border",
        [r("1,500", 1500, "deployed", "troops")],
    ),
    (
        "Cyclone Kills 9, Displaces Thousands",
        [
            r("9", 9, "killed", "people"),
            r("Thousands", None, "other_incident", "people", approx="at_least", low=2000),
        ],
    ),
    ("Top 10 Stories Of The Week", []),
    ("Storm Destroys 140 Homes On Coast", [r("140", 140, "destroyed", "buildings")]),
    ("At Least 8 Dead In Bus Crash", [r("8", 8, "killed", "people", approx="at_least")]),
]


@pytest.mark.parametrize("text,expected", NOMINAL, ids=lambda v: str(v)[:50])
def test_nominal_outcomes(text: str, expected: Rows) -> None:
    check(text, expected)


@pytest.mark.parametrize("text,expected", TOLLS, ids=lambda v: str(v)[:50])
def test_tolls(text: str, expected: Rows) -> None:
    check(text, expected)


@pytest.mark.parametrize("text,expected", OUTCOME_VERBS, ids=lambda v: str(v)[:50])
def test_outcome_verbs(text: str, expected: Rows) -> None:
    check(text, expected)


@pytest.mark.parametrize("text,expected", PERSONS, ids=lambda v: str(v)[:50])
def test_groups_of_persons(text: str, expected: Rows) -> None:
    check(text, expected)


@pytest.mark.parametrize("text,expected", STRUCTURE, ids=lambda v: str(v)[:50])
def test_structure(text: str, expected: Rows) -> None:
    check(text, expected)


@pytest.mark.parametrize("text,expected", FACT_BOXES, ids=lambda v: str(v)[:50])
def test_fact_boxes(text: str, expected: Rows) -> None:
    check(text, expected)


@pytest.mark.parametrize("text,expected", HEADLINES, ids=lambda v: str(v)[:50])
def test_headlines(text: str, expected: Rows) -> None:
    check(text, expected)


NOUNS = [
    ("21 coal miners died underground.", [("21", "coal miners")]),
    (
        "The army launched 40 Geran-2 attack drones and 3 missiles.",
        [("40", "Geran-2 attack drones"), ("3", "missiles")],
    ),
    ("Nine climbers perished on the ridge.", [("Nine", "climbers")]),
    ("He said 900 U.S. troops were sent.", [("900", "U.S. troops")]),
    ("12 died and 30 were hurt.", [("12", None), ("30", None)]),
]


@pytest.mark.parametrize("text,expected", NOUNS, ids=lambda v: str(v)[:50])
def test_counted_noun(text: str, expected: list[tuple[str, str | None]]) -> None:
    """The `noun` column: the counted noun phrase as written, None where there is none."""
    sentence = Sentence(0, len(text), text)
    labelled = classify(sentence, find_numbers(text))
    assert [(mention.text, label.noun) for mention, label in labelled] == expected
