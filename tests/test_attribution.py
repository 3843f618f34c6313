"""Attribution: who a figure is credited to, and a cost linear in the document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import SupportsIndex, overload

import pytest

from figures import extract
from figures.attribution import Attribution, Speakers
from figures.records import Sentence
from figures.sentences import split_sentences


class CountingSentences(list[Sentence]):
    """A document's sentences that count how often any of them is read."""

    reads = 0

    @overload
    def __getitem__(self, index: SupportsIndex) -> Sentence: ...
    @overload
    def __getitem__(self, index: slice) -> list[Sentence]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> Sentence | list[Sentence]:
        self.reads += 1
        return super().__getitem__(index)

    def __iter__(self) -> Iterator[Sentence]:
        for sentence in super().__iter__():
            self.reads += 1
            yield sentence


class CountingSpeakers(Speakers):
    """Speakers that count how often a sentence's attributions are looked up."""

    lookups = 0

    def found(self, index: int) -> list[Attribution]:
        self.lookups += 1
        return super().found(index)


def _reads(line: str, n: int) -> int:
    """How many sentence reads and lookups resolving every sentence's figure takes."""
    sentences = CountingSentences(split_sentences(line * n))
    speakers = CountingSpeakers(sentences, [[0]] * len(sentences))
    for i in range(len(sentences)):
        speakers.source(i, 0)
    return sentences.reads + speakers.lookups


@pytest.mark.parametrize(
    "line",
    [
        "2 killed\n",  # one paragraph per line: the closing-citation check
        "He said 2 were killed.\n",  # a pronoun with no name before it: the walk back
        "“2 were killed.\n",  # a quote with no speaker
        "Two died. Four were hurt. Six fled.\n",
    ],
)
def test_attribution_reads_a_document_a_bounded_number_of_times(line: str) -> None:
    small, large = _reads(line, 500), _reads(line, 1000)
    assert large <= 2.1 * small, (small, large)


# Each class of attribution: sentence -> the (number_text, source) of every row.
SOURCES = [
    # A dateline names a place and an agency, never the source.
    ("VINNYTSIA: Officials said four people were killed.", [("four", "Officials")]),
    ("RIVNE (Reuters) – Police said three people were killed.", [("three", "Police")]),
    ("LVIV, Ukraine (AP) — Two people were killed overnight.", [("Two", None)]),
    # "an estimated", "a reported", "some" before a number are no attribution.
    ("Insurgents seized an estimated 900 square kilometres.", [("900 square kilometres", None)]),
    ("A reported 300 people were evacuated.", [("300", None)]),
    ("Militants captured some 300 square kilometres.", [("300 square kilometres", None)]),
    ("Troops evacuated an estimated 4,000 residents, the mayor said.", [("4,000", "the mayor")]),
    # "according to news agency X", "X told Y".
    ("Eight people were killed, according to news agency Ukrinform.", [
        ("Eight", "news agency Ukrinform")
    ]),
    ("The governor told state television that 30 people had died.", [("30", "The governor")]),
    ("Nine people were hurt, a police officer told the broadcaster.", [
        ("Nine", "a police officer")
    ]),
    # Time words between the source and its verb are not part of it.
    ("Officials on Sunday said 40 people were evacuated.", [("40", "Officials")]),
    ("Medics at the scene on Monday said 15 people were injured.", [
        ("15", "Medics at the scene")
    ]),
    # The next sentence credits this one: "X said this", "X provided this information".
    ("The flood killed 9 people. The regional governor said this on Telegram.", [
        ("9", "The regional governor")
    ]),
    ("The flood killed 9 people. The ministry provided this information.", [("9", "The ministry")]),
    ("The flood killed 9 people. The dam burst after heavy rain.", [("9", None)]),
    # A quote over several sentences is its speaker's; "we" in it too.
    ("“The bus was hit twice. We counted 14 dead. Most are civilians,” a doctor told reporters.", [
        ("14", "a doctor")
    ]),
    # "accused X of" reports no figure; the trailing attribution does.
    ("The rebels accused the army of shelling the town, killing 16 people, as reported by the "
     "health ministry.", [("16", "the health ministry")]),
    ("The envoy accused the rebels of provocations. He said 292 people were killed.", [
        ("292", "The envoy")
    ]),
    # A headline that ends with its source; "with X reporting".
    ("Up to 120 missiles fired at the city: Ministry", [("120", "Ministry")]),
    ("The storm killed 12 people, with the weather service reporting that 30 were missing.", [
        ("12", "the weather service"), ("30", "the weather service")
    ]),
    # A verb inside a noun phrase ("the number of confirmed deaths") has no speaker before it:
    # "The number of" names no one.
    ("The number of confirmed deaths stood at 89 on Friday.", [("89", None)]),
    ("The count of reported injuries reached 41, the ministry said.", [("41", "the ministry")]),
    ("The Ministry of Health confirmed 12 deaths.", [("12", "The Ministry of Health")]),
    # A name with "for"/"of" before an appositive; "per" as "according to".
    ("The Centre for Rights Monitoring, a Paris-based group, said 45 people were killed.", [
        ("45", "The Centre for Rights Monitoring")
    ]),
    ("Six people were killed, per the state emergency service.", [
        ("Six", "the state emergency service")
    ]),
    ("Deaths rose 20 per cent.", []),
    # "claimed N lives" is the outcome, and a verb that counts the figure yields to a speaker.
    ("The blaze has claimed 31 lives, county officials said.", [("31", "county officials")]),
    ("Cyclone Ema has claimed 8 lives in Fiji.", [("8", None)]),
    ("Lahore recorded 27 heatstroke deaths, hospital officials said.", [
        ("27", "hospital officials")
    ]),
    ("The health ministry recorded 27 deaths.", [("27", "The health ministry")]),
    # A title's full stop; a descriptive word before the source's head; more speakers.
    ('"We counted 14 bodies," said Dr. Amina Yusuf, a surgeon.', [("14", "Dr. Amina Yusuf")]),
    ("Nine people died in the blaze, fire service officials said.", [
        ("Nine", "fire service officials")
    ]),
    ("At least 12 were killed, security sources said.", [("12", "security sources")]),
    ("Six inmates died, prison authorities said.", [("Six", "prison authorities")]),
    ("Gunmen killed 15 villagers, a community leader said.", [("15", "a community leader")]),
    ("Four people were killed, a witness told Reuters.", [("Four", "a witness")]),
    ("Nine people died, Governor Ana Ruiz tweeted.", [("Nine", "Governor Ana Ruiz")]),
    # A source never runs across a semicolon, a fronted place or time, or an opening "In X";
    # a list of speakers still reads whole, with or without the serial comma.
    ("Riots spread to several towns overnight; the interior ministry said 12 people died.", [
        ("12", "the interior ministry")
    ]),
    ("Rebels seized Bunia, and the UN said at least 70 people were killed.", [("70", "the UN")]),
    ("Clashes erupted on Friday, police and residents said, killing 4 people.", [
        ("4", "police and residents")
    ]),
    ("In Kachin State, the army said 14 soldiers were killed.", [("14", "the army")]),
    ("Heat sent 900 people to hospital across Spain, the health ministry said.", [
        ("900", "the health ministry")
    ]),
    ("France, Italy, and Spain said 300 troops were deployed.", [
        ("300", "France, Italy, and Spain")
    ]),
    # Owning an attack credits no figure; a title-case headline's "..., X Says".
    ("The group claimed the bombing in Quetta, which killed 30 people.", [("30", None)]),
    ("Storms Displace 2.4 Million In Kenya, NDMA Says", [("2.4 Million", "NDMA")]),
    # a headline that opens with its source: "X Says ...", "Police: ..."; a place before a
    # colon does not speak
    ("Army Says 45 Insurgents Killed In Raid", [("45", "Army")]),
    ("Police: 3 Dead, 9 Hurt In Highway Crash", [("3", "Police"), ("9", "Police")]),
    ("Kherson: 6 Killed In Shelling", [("6", None)]),
    ("Shelling killed 40 people, activists said.", [("40", "activists")]),
    # "according to" a possessive name; a passive credit in the next sentence
    ("Nine people died of burns, according to the province's health office.", [
        ("Nine", "the province's health office")
    ]),
    ("Forty people died in the heat. This was confirmed by the state relief commissioner.", [
        ("Forty", "the state relief commissioner")
    ]),
    ("Forty people died in the heat. This was caused by a power cut.", [("Forty", None)]),
    # "on" inside a body's name; a fact box's "confirmed:" is a label, not a speaker
    ("At least 39 people were killed, the National Commission on Human Rights said.", [
        ("39", "the National Commission on Human Rights")
    ]),
    ("Deaths confirmed: 14", [("14", None)]),
    # a ReliefWeb-style citation closing the sentence
    ("Some 320 houses were destroyed (OCHA, 30 Sep 2024).", [("320", "OCHA")]),
    ("Some 320 houses were destroyed (see map).", [("320", None)]),
    # "states" after a place is a noun, not a verb
    ("Rains displaced 32,000 people in Jonglei and Unity states, of whom 900 were hurt.", [
        ("32,000", None), ("900", None)
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SOURCES, ids=[t[:60] for t, _ in SOURCES])
def test_source(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(f.number_text, f.source) for f in extract(text)] == expected
