"""Claims: figures of different documents that report the same fact, conflicts, totals and parts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import figures
from figures.claims import SlimFigures, figure_id, totals
from figures.claims import claims_of as claims_and_rows
from figures.records import Figure

ROOT = Path(__file__).resolve().parents[1]


def fig(doc: str, start: int, value: float | None, metric: str = "killed", subject: str = "people",
        **rest: object) -> Figure:  # fmt: skip
    base = Figure(
        doc_id=doc, start=start, end=start + 2, number_text="xx", value=value, low=None, high=None,
        approx="exact", metric=metric, subject=subject, unit="count", source=None, location=None,
        date=None, sentence="", rule="own_trigger",
    )  # fmt: skip
    return replace(base, **rest)  # type: ignore[arg-type]


def claims_of(found: list[Figure]) -> list[list[int]]:
    """The figures (by index) of each claim, as sorted lists."""
    claim_ids, _ = claims_and_rows(found, {"a": "Outlet A", "b": "Outlet B", "c": "Outlet C"})
    by_claim: dict[str, list[int]] = {}
    for i, claim_id in enumerate(claim_ids):
        by_claim.setdefault(claim_id, []).append(i)
    return sorted(by_claim.values())


def test_two_outlets_agree() -> None:
    found = [
        fig("a", 0, 30, location="Kharkiv", date="2025-04-26"),
        fig("b", 5, 30, location="Kharkiv"),
    ]
    claim_ids, rows = claims_and_rows(found, {"a": "Outlet A", "b": "Outlet B"})
    assert claim_ids[0] == claim_ids[1]
    [claim] = rows
    assert (claim.n_figures, claim.n_documents, claim.agreement) == (2, 2, "agree")
    assert claim.sources == ["Outlet A", "Outlet B"] and claim.n_sources == 2
    assert (claim.value, claim.best, claim.location, claim.date) == (
        30,
        30,
        "Kharkiv",
        "2025-04-26",
    )


def test_a_range_contains_a_point() -> None:
    found = [fig("a", 0, None, low=30, high=35, approx="range"), fig("b", 0, 32)]
    [claim] = claims_and_rows(found, {})[1]
    assert (claim.value, claim.low, claim.high, claim.best) == (None, 30, 35, 30)


def test_at_least_contains_a_larger_point() -> None:
    assert claims_of([fig("a", 0, 24, approx="at_least"), fig("b", 0, 31)]) == [[0, 1]]


def test_conflicting_numbers_for_the_same_place_and_day() -> None:
    where = {"location": "Kharkiv", "date": "2025-04-26"}
    found = [fig("a", 0, 30, **where), fig("b", 0, 32, **where), fig("c", 0, 30, **where)]
    claim_ids, rows = claims_and_rows(found, {})
    assert claims_of(found) == [[0, 2], [1]]
    by_id = {claim.claim_id: claim for claim in rows}
    thirty, thirty_two = by_id[claim_ids[0]], by_id[claim_ids[1]]
    assert thirty.agreement == thirty_two.agreement == "conflict"
    assert thirty.conflicts_with == [thirty_two.claim_id]
    assert thirty_two.conflicts_with == [thirty.claim_id]
    assert thirty.best == 30 and thirty.n_documents == 2


def test_same_number_in_different_places_is_not_merged() -> None:
    found = [fig("a", 0, 5, location="Kharkiv"), fig("b", 0, 5, location="Odesa")]
    assert claims_of(found) == [[0], [1]]


def test_different_days_or_metrics_are_not_merged() -> None:
    found = [fig("a", 0, 5, date="2025-04-26"), fig("b", 0, 5, date="2025-04-27"),
             fig("c", 0, 5, metric="injured")]  # fmt: skip
    assert claims_of(found) == [[0], [1], [2]]


def test_one_document_merges_only_restatements() -> None:
    found = [fig("a", 0, 5), fig("a", 100, 5), fig("a", 200, 7)]
    assert claims_of(found) == [[0, 1], [2]]


def test_a_total_and_its_parts() -> None:
    found = figures.extract(
        "Three people were killed overnight, officials said. Two people died in a strike on the "
        "town of Yarova. Russia launched 114 drones. Sixty-six drones were destroyed and a "
        "further 31 decoy drones failed to reach their targets. Separately, 45 drones were shot "
        "down over Russia.",
        doc_id="0123456789abcdef",
    )
    ids = [figure_id(f) for f in found]
    by_text = {f.number_text: i for i, f in enumerate(found)}
    part_of = dict(zip([f.number_text for f in found], totals(found, ids), strict=True))
    assert part_of["Two"] == ids[by_text["Three"]]
    assert part_of["Sixty-six"] == part_of["31"] == ids[by_text["114"]]
    assert part_of["Three"] is part_of["114"] is part_of["45"] is None  # 66 + 31 + 45 > 114


def test_seeds_confirm_the_area_and_the_troops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    corpus = figures.extract_corpus(["seeds"])
    claims = corpus.claims
    confirmed = claims[claims["n_documents"] == 2]
    assert sorted(confirmed["metric"].astype(str)) == ["area", "deployed"]
    assert len(claims) == len(corpus.figures) - 2
    assert corpus.figures["claim_id"].isin(claims["claim_id"]).all()
    troops = confirmed[confirmed["metric"] == "deployed"].iloc[0]
    assert (troops["low"], troops["high"], troops["location"]) == (10000, 12000, "Russia")


def test_slim_figures_keep_what_claims_read() -> None:
    found = [
        *figures.extract("At least 12 people were killed in Kharkiv, the governor said."),
        *figures.extract("Between 10,000 and 12,000 troops were deployed.", doc_id="b"),
    ]
    slim = SlimFigures()
    for figure in found:
        slim.append(figure)
    blank = [replace(f, number_text="", sentence="", rule="") for f in found]
    assert list(slim) == blank
    assert slim[-1] == blank[-1] and slim[0:1] == blank[0:1]
    assert (blank[0].location, blank[0].source, blank[1].low) == ("Kharkiv", "the governor", 10000)


@pytest.mark.parametrize("few", [0, 100])  # claims of one number indexed by place and day, or not
def test_a_figure_meets_the_claims_of_its_place_and_day_or_of_none(
    few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("figures.claims.FEW_CLAIMS", few)
    found = [
        fig("a", 0, 2, location="Kharkiv", date="2025-04-26"),
        fig("b", 0, 2),  # no place, no day: joins the first claim of its number
        fig("c", 0, 2, location="Odesa"),  # another place: a claim of its own
        fig("d", 0, 2, date="2025-04-27"),  # Kharkiv's claim has another day; Odesa's has none
        fig("e", 0, 2, location="odesa", date="2025-04-27"),  # the same place, the same day
        fig("f", 0, 2, location="Kharkiv", date="2025-04-27"),  # Kharkiv, but another day
    ]
    assert claims_of(found) == [[0, 1], [2, 3, 4], [5]]
