"""`figures explain`: each number, the rows it gave or why it was left."""

from __future__ import annotations

import pytest

from figures.cli import main
from figures.explain import NO_RULE, explain


def _summary(text: str) -> list[tuple[str, int, list[tuple[str, str, str | None]], str | None]]:
    return [
        (e.number.text, e.sentence, [(r.metric, r.subject, r.rule) for r in e.rows], e.reason)
        for e in explain(text)
    ]


CASES = [
    (
        "Three soldiers were killed near Izium, the army said.",
        [("Three", 0, [("killed", "soldiers", "own_trigger")], None)],
    ),
    (
        "The 34-year-old pilot was hurt. Crews counted 12 bridges.",
        [("34", 0, [], "not a figure: not a count"), ("12", 1, [], NO_RULE)],
    ),
    (
        "Boys aged eight and 11 were among 20 people wounded in 2023.",
        [
            ("eight", 0, [], "not a figure: not a count"),
            ("11", 0, [], "not a figure: not a count, listed with the number before"),
            ("20", 0, [("injured", "people", "own_trigger")], None),
            ("2023", 0, [], "not a figure: year"),
        ],
    ),
    ("Nothing here counts.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[t[:50] for t, _ in CASES])
def test_explain_records(text: str, expected: list[object]) -> None:
    assert _summary(text) == expected


def test_explain_offsets_index_the_text() -> None:
    text = "Rain fell.\u200e Some 1\u2009300 homes were destroyed."
    [item] = explain(text)
    assert (text[item.number.start : item.number.end], item.number.value) == ("1\u2009300", 1300)
    assert [(r.start, r.number_text) for r in item.rows] == [(item.number.start, "1\u2009300")]


def test_explain_prints_rows_and_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "Two people were killed in Kherson, the governor said. "
        "Fires burned about 2,000 acres. The 45-year-old died. Crews used 3 hoses."
    )
    assert main(["explain", text]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "'Two' = 2",
        "  row: killed, people, 2; source: the governor; location: Kherson; rule: own_trigger",
        "'2,000' = about 2,000",
        "  row: area, land, about 8.09 km2 ('2,000 acres'); source: the governor; location: None; "
        "rule: area",
        "'45' = 45",
        "  left: not a figure: not a count",
        "'3' = 3",
        f"  left: {NO_RULE}",
    ]


def test_explain_says_when_there_is_no_number(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "Calm returned to the city."]) == 0
    assert capsys.readouterr().out == "no numbers found\n"
