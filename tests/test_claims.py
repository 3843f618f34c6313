"""Claims: figures of different documents that report one incident, conflicts, totals and parts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import figures
from figures.claims import (
    Reported,
    SlimFigures,
    annotate,
    figure_id,
    is_cumulative,
    land_event,
    totals,
)
from figures.claims import claims_of as claims_and_rows
from figures.records import Approx, Figure

ROOT = Path(__file__).resolve().parents[1]
OUTLETS = {"a": "Outlet A", "b": "Outlet B", "c": "Outlet C"}
DAY = {"a": "2025-04-26", "b": "2025-04-26", "c": "2025-04-27"}  # when each was published
STRIKE = "A Russian drone strike on Kharkiv killed {} people, the governor said."


def fig(doc: str, start: int, value: float | None, metric: str = "killed", subject: str = "people",
        **rest: object) -> Figure:  # fmt: skip
    base = Figure(
        doc_id=doc, start=start, end=start + 2, number_text="xx", value=value, low=None, high=None,
        approx="exact", metric=metric, subject=subject, unit="count", source=None,
        location="Kharkiv", date=None, sentence=STRIKE.format(value), rule="own_trigger",
    )  # fmt: skip
    return replace(base, **rest)  # type: ignore[arg-type]


def claims_of(found: list[Figure], dates: dict[str, str] | None = None) -> list[list[int]]:
    """The figures (by index) of each claim, as sorted lists; places resolved first."""
    claim_ids, _ = claims_and_rows(annotate(found), OUTLETS, DAY if dates is None else dates)
    by_claim: dict[str, list[int]] = {}
    for i, claim_id in enumerate(claim_ids):
        by_claim.setdefault(claim_id, []).append(i)
    return sorted(by_claim.values())


def test_two_outlets_agree() -> None:
    found = [
        fig("a", 0, 30, date="2025-04-26"),
        fig("b", 5, 30, location="Ukraine's Kharkiv region"),
    ]
    claim_ids, rows = claims_and_rows(annotate(found), OUTLETS, DAY)
    assert claim_ids[0] == claim_ids[1]
    [claim] = rows
    assert (claim.n_figures, claim.n_documents, claim.agreement) == (2, 2, "agree")
    assert claim.sources == ["Outlet A", "Outlet B"] and claim.n_sources == 2
    assert (claim.value, claim.best, claim.location) == (30, 30, "Kharkiv")
    assert (claim.country, claim.region, claim.region_code) == ("UA", "Kharkivska oblast", "UA-63")
    assert (claim.first_date, claim.last_date) == ("2025-04-26", "2025-04-26")


NumbersOf = tuple[float | None, float | None, float | None, Approx]
FIT = [  # (value, low, high, approx) of two reports, and whether they can be one count
    ((30, None, None, "exact"), (30, None, None, "exact"), True),
    ((None, 30, 35, "range"), (32, None, None, "exact"), True),  # a point inside a range
    ((None, 30, 35, "range"), (None, 33, 40, "range"), True),  # ranges that overlap
    ((24, None, None, "at_least"), (31, None, None, "exact"), True),
    ((30, None, None, "exact"), (32, None, None, "exact"), False),  # two points: a conflict
    ((2, None, None, "at_least"), (300, None, None, "exact"), False),  # ten times apart
    ((None, 10, 20, "range"), (None, 25, 30, "range"), False),
]


@pytest.mark.parametrize(("a", "b", "join"), FIT)
def test_numbers_that_fit(a: NumbersOf, b: NumbersOf, join: bool) -> None:
    said = STRIKE.format("some")
    found = [fig("a", 0, a[0], low=a[1], high=a[2], approx=a[3], sentence=said),
             fig("b", 0, b[0], low=b[1], high=b[2], approx=b[3], sentence=said)]  # fmt: skip
    assert claims_of(found) == ([[0, 1]] if join else [[0], [1]])


# Reports of 5 killed in two documents that must stay apart: what tells the incidents apart.
APART: dict[str, dict[str, object]] = {
    "another town": {"location": "Odesa, Ukraine", "sentence": STRIKE.replace("Kharkiv", "Odesa")},
    "another region": {"location": "Ukraine's Sumy region"},
    "no place in either": {"location": None, "sentence": "A strike killed 5 people."},
    "another day": {"date": "2025-04-20"},
    "another kind": {"sentence": "Five people were killed in a gas explosion in Kharkiv."},
    "nothing in common": {"sentence": "In Kharkiv, 5 people were killed."},
    "a running total": {"sentence": STRIKE.format(5) + " Since February 2022, that is."},
    "another metric": {"metric": "injured"},
}


@pytest.mark.parametrize("change", APART, ids=list(APART))
def test_reports_of_other_incidents_stay_apart(change: str) -> None:
    found = [fig("a", 0, 5), replace(fig("b", 0, 5), **APART[change])]  # type: ignore[arg-type]
    if change == "no place in either":
        found[0] = replace(found[0], location=None, sentence="A strike killed 5 people.")
    assert claims_of(found) == [[0], [1]]


def test_a_town_joins_its_region_and_its_country() -> None:
    found = [fig("a", 0, 5), fig("b", 0, 5, location="the Kharkiv region"),
             fig("c", 0, 5, location="eastern Ukraine")]  # fmt: skip
    assert claims_of(found) == [[0, 1, 2]]  # published a day apart: within the window


def test_no_date_no_join_across_documents() -> None:
    other = "Kharkiv's governor said 5 people died when Russian drones struck overnight."
    assert claims_of([fig("a", 0, 5), fig("b", 0, 5, sentence=other)], dates={}) == [[0], [1]]
    dated = [fig("a", 0, 5, date="2025-04-26"), fig("b", 0, 5, date="2025-04-27")]
    assert claims_of(dated, dates={}) == [[0, 1]]


def test_undated_wire_copy_joins() -> None:
    wire = "Russian drones struck an apartment block in Kharkiv overnight, killing 5 people."
    found = [fig("a", 0, 5, sentence=wire), fig("b", 0, 5, sentence="Officials: " + wire)]
    assert claims_of(found, dates={}) == [[0, 1]]


def test_one_document_merges_only_restatements() -> None:
    found = [fig("a", 0, 5), fig("a", 100, 5), fig("a", 200, 7)]
    assert claims_of(found) == [[0, 1], [2]]


def test_conflicting_numbers_of_one_incident() -> None:
    found = [fig("a", 0, 30), fig("b", 0, 32), fig("c", 0, 30), fig("c", 90, 7, location="Lviv")]
    claim_ids, rows = claims_and_rows(annotate(found), OUTLETS, DAY)
    by_id = {claim.claim_id: claim for claim in rows}
    thirty, thirty_two, lviv = (by_id[claim_ids[i]] for i in (0, 1, 3))
    assert claim_ids[0] == claim_ids[2] and thirty.n_documents == 2
    assert thirty.agreement == thirty_two.agreement == "conflict"
    assert (thirty.conflicts_with, thirty_two.conflicts_with) == ([thirty_two.claim_id],
                                                                  [thirty.claim_id])  # fmt: skip
    assert lviv.agreement == "single"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Since February 2022, 120 children have been killed in the region.", True),
    ("So far this year, 31 people have died on the lake.", True),
    ("In total since the war began, 400 drones were downed over the city.", True),
    ("A total of 12 people were killed in the quake on Monday.", False),
    ("Three people were killed since the bridge collapsed at noon.", False),
])  # fmt: skip
def test_running_totals(sentence: str, expected: bool) -> None:
    assert is_cumulative(sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Ukrainian forces took control of 1,300 square kilometres of land.", "captured"),
    ("The army now controls some 400 km² of the region.", "captured"),
    ("The wildfire has burned 120 square kilometres of forest.", "burned"),
    ("Floodwater has submerged 2,000 square kilometres of farmland.", "flooded"),
    ("The park covers 50 square kilometres.", None),
])  # fmt: skip
def test_what_happened_to_land(sentence: str, expected: str | None) -> None:
    area = fig("a", 0, 5, metric="area", subject="land", unit="km2", sentence=sentence)
    assert land_event(area) == expected


def test_captured_and_burned_land_never_join() -> None:
    burned = "Fires near the Kharkiv front burned 120 square kilometres, Ukraine said."
    taken = "Russian troops near the Kharkiv front took 120 square kilometres, Ukraine said."
    found = [fig("a", 0, 120, "area", "land", unit="km2", sentence=burned),
             fig("b", 0, 120, "area", "land", unit="km2", sentence=taken)]  # fmt: skip
    assert claims_of(found) == [[0], [1]]
    assert claims_of([found[0], replace(found[1], sentence=burned)]) == [[0, 1]]


# The test corpus: incidents reported by two or three outlets in their own words, with decoys of
# the same number in other towns, on other days, of other kinds, and a running total.
CORPUS_CLAIMS = {
    ("killed", ("quake-a", "quake-b", "quake-c")),
    ("injured", ("quake-a", "quake-b")),
    ("killed", ("odesa-a", "odesa-b")),
    ("killed", ("dallas-a", "dallas-b")),
    ("area", ("athens-a", "athens-b")),
    ("killed", ("ferry-a", "ferry-b")),
}


def test_the_corpus_gives_exactly_the_expected_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    corpus = figures.extract_corpus(["tests/claims_corpus"])
    name = dict(zip(corpus.documents["doc_id"], corpus.documents["path"].str.split("#").str[-1],
                    strict=True))  # fmt: skip
    claims = corpus.claims
    docs = [tuple(sorted(name[d] for d in ids)) for ids in claims["doc_ids"]]
    joined = {(str(m), d) for m, d in zip(claims["metric"], docs, strict=True) if len(d) > 1}
    assert joined == CORPUS_CLAIMS
    conflicts = {d for d, a in zip(docs, claims["agreement"], strict=True) if a == "conflict"}
    assert conflicts == {("bus-a",), ("bus-b",)}
    rows = corpus.figures.assign(doc=corpus.figures["doc_id"].map(name)).set_index("doc")
    assert list(rows.index[rows["cumulative"]]) == ["ferry-total"]
    assert dict(rows["land_event"].dropna()) == {
        "athens-a": "burned", "athens-b": "burned", "front-decoy": "captured",
    }  # fmt: skip
    assert dict(zip(corpus.documents["path"].str.split("#").str[-1], corpus.documents["country"],
                    strict=True))["quake-c"] == "TR"  # fmt: skip


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
    area = confirmed[confirmed["metric"] == "area"].iloc[0]
    assert (troops["country"], area["country"], area["land_event"]) == ("RU", "RU", "captured")


def test_slim_figures_keep_what_claims_read() -> None:
    found = annotate([
        *figures.extract("At least 12 people were killed in Kharkiv, the governor said."),
        *figures.extract("Between 10,000 and 12,000 troops were deployed.", doc_id="b"),
    ])  # fmt: skip
    slim = SlimFigures()
    for figure in found:
        slim.append(figure)
    read = [Reported._make(getattr(f, name) for name in Reported._fields) for f in found]
    assert list(slim) == read
    assert slim[-1] == read[-1] and slim[0:1] == read[0:1]
    assert (read[0].location, read[0].source, read[1].low) == ("Kharkiv", "the governor", 10000)
    assert (read[0].country, read[0].place_id) == ("UA", 706483)


def test_claims_meet_only_the_claims_of_their_country_and_week() -> None:
    found = [fig(doc, 0, 2, date=f"2025-04-{day:02d}") for doc, day in (("a", 1), ("b", 2),
             ("c", 20))]  # fmt: skip
    found += [fig("c", 50, 2, location="Lviv", date="2025-04-02")]
    assert claims_of(found) == [[0, 1], [2], [3]]
