"""The review page: one file written, nothing trusted, rows as reported, claims and totals, a
filter; and the page checked in headless Chromium."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from figures.cli import main
from figures.documents import make_doc_id
from figures.report import SCRIPT, claim_totals

ROOT = Path(__file__).resolve().parents[1]
TEXTS = {
    "a.txt": "date 2025-03-01\nSource: Northern Ledger\n\nAt least 14 people were killed in a "
    "missile strike on Kramatorsk on Saturday, the regional governor said.\n"
    "The army said 40 drones were launched overnight, of which 31 were shot down.\n",
    "b.txt": "date 2025-03-01\n\nTwenty people were killed in a missile strike on Kramatorsk "
    "on Saturday, the mayor said.\nAbout 12 people were injured in Kramatorsk, medics said.\n",
    "c.txt": "date 2025-03-01\n\nEleven people were killed in a missile strike on Kramatorsk "
    "on Saturday, police said.\n",
}


def _extract(folder: Path) -> Path:
    """A dataset at folder/out from the texts above, extracted from within `folder`."""
    (folder / "texts").mkdir(parents=True)
    for name, text in TEXTS.items():
        (folder / "texts" / name).write_text(text, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        assert main(["extract", "texts", "--out", "out", "--quiet"]) == 0
    finally:
        os.chdir(cwd)
    return folder / "out"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return _extract(tmp_path / "run")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = _extract(tmp_path_factory.mktemp("report"))
    assert main(["report", str(out), "--html", str(out.parent / "report.html")]) == 0
    return out.parent / "report.html"


def _rows(html: str) -> list[list[str]]:
    """Each table row's cells, tags removed."""
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html)
    ]


# --- issue 14.1: one file written, anything else refused with nothing touched ------------------


def _snapshot(folder: Path) -> dict[str, bytes | str]:
    return {
        str(p.relative_to(folder)): os.readlink(p) if p.is_symlink() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_symlink() or p.is_file()
    }


REFUSED: list[tuple[str, Callable[[Path], str], str]] = [
    ("the dataset folder", lambda t: str(t / "run" / "out"), "is a folder"),
    ("another folder", lambda t: str(t / "run" / "texts"), "is a folder"),
    ("a table", lambda t: str(t / "run" / "out" / "figures.parquet"), "does not end in .html"),
    ("a text", lambda t: str(t / "run" / "texts" / "a.txt"), "does not end in .html"),
    ("a new non-html file", lambda t: str(t / "run" / "page.txt"), "does not end in .html"),
    ("a link to an html file", lambda t: str(t / "run" / "link.html"), "is a symbolic link"),
    ("a link to a folder", lambda t: str(t / "run" / "dir.html"), "is a symbolic link"),
    ("a missing folder", lambda t: str(t / "run" / "new" / "r.html"), "no such folder"),
]


@pytest.mark.parametrize(("case", "target", "message"), REFUSED, ids=[c[0] for c in REFUSED])
def test_report_refuses_anything_but_an_html_file(
    case: str,
    target: Callable[[Path], str],
    message: str,
    dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "kept.html").write_text("mine", encoding="utf-8")
    (tmp_path / "run" / "link.html").symlink_to(elsewhere / "kept.html")
    (tmp_path / "run" / "dir.html").symlink_to(elsewhere)
    before = _snapshot(tmp_path)
    assert main(["report", str(dataset), "--html", target(tmp_path)]) == 2
    assert message in capsys.readouterr().err
    assert _snapshot(tmp_path) == before


def test_report_writes_one_new_file_or_replaces_an_html_file(dataset: Path) -> None:
    before = _snapshot(dataset.parent)
    assert main(["report", str(dataset), "--html", str(dataset.parent / "r.html")]) == 0
    after = _snapshot(dataset.parent)
    assert set(after) - set(before) == {"r.html"}
    assert {k: v for k, v in after.items() if k != "r.html"} == before
    (dataset.parent / "old.HTM").write_text("old page", encoding="utf-8")
    assert main(["report", str(dataset), "--html", str(dataset.parent / "old.HTM")]) == 0
    assert (dataset.parent / "old.HTM").read_bytes() == after["r.html"]


def test_report_needs_a_dataset(tmp_path: Path) -> None:
    assert main(["report", str(tmp_path), "--html", str(tmp_path / "r.html")]) == 2
    assert list(tmp_path.iterdir()) == []


# --- issue 14.9: nothing in the dataset is trusted ---------------------------------------------

HOSTILE = "<script>alert(1)</script>"


def _hostile(dataset: Path, secret: Path) -> None:
    """Rewrite the tables as an attacker might: markup in every text cell, unknown labels, and
    paths to a private file, a device and a FIFO."""
    documents = pd.read_parquet(dataset / "documents.parquet").astype({"status": "string"})
    documents["path"] = [str(secret), "/dev/zero", str(dataset.parent / "fifo")]
    documents["source"] = HOSTILE
    documents.to_parquet(dataset / "documents.parquet")
    found = pd.read_parquet(dataset / "figures.parquet")
    found = found.astype({c: "string" for c in ("metric", "subject", "unit", "approx", "date")})
    found.loc[3, "date"] = "<b>2025-03-01</b>"
    found.loc[0, "metric"] = f"kills{HOSTILE}"
    found.loc[1, "subject"] = '"><img src=x onerror=alert(2)>'
    for column in ("source", "location", "sentence", "number_text", "claim_id"):
        found.loc[2, column] = HOSTILE
    found.to_parquet(dataset / "figures.parquet")
    claims = pd.read_parquet(dataset / "claims.parquet").astype({"metric": "string"})
    claims["metric"] = HOSTILE
    claims.to_parquet(dataset / "claims.parquet")


def test_a_hostile_dataset_is_escaped_and_reads_no_other_file(
    dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    os.mkfifo(dataset.parent / "fifo")
    _hostile(dataset, secret)
    assert main(["report", str(dataset), "--html", str(tmp_path / "r.html")]) == 1
    assert "2 documents' texts not found, 1 changed" in capsys.readouterr().err
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "hunter2" not in html and "<img" not in html and "<b>" not in html
    assert html.count("<script") == 1 and "alert(1)</script>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 10
    # An unknown metric keeps the grey swatch and is shown as written.
    assert '<i class="k"></i> kills&lt;script&gt;' in html
    assert html.count('<p class="flag">The text changed since extraction') == 1


def test_only_a_text_that_hashes_to_its_doc_id_is_shown(tmp_path: Path) -> None:
    text = "Three people were killed in Zarnovo, police said.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "a.txt"), "--out", str(out), "--quiet"]) == 0
    assert main(["report", str(out), "--html", str(tmp_path / "r.html")]) == 0
    assert '<div class="text"><mark class="k-killed"' in (tmp_path / "r.html").read_text()
    documents = pd.read_parquet(out / "documents.parquet")
    assert documents["doc_id"].tolist() == [make_doc_id(text)]
    (tmp_path / "a.txt").write_text(text.replace("police", "the police"), encoding="utf-8")
    assert main(["report", str(out), "--html", str(tmp_path / "r.html")]) == 1
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<div class="text">' not in html and "The text changed since extraction" in html
    assert "<td><mark>Three</mark> people were killed in Zarnovo, police said.</td>" in html


# --- issue 15.5: what the page shows ------------------------------------------------------------


def test_rows_show_qualifier_unit_source_and_date(page: Path) -> None:
    rows = _rows(page.read_text(encoding="utf-8"))
    figure_rows = [r for r in rows if len(r) == 9]
    assert ["14", "at least 14", "killed", "people", "count", "the regional governor",
            "Kramatorsk", "2025-03-01", "conflict"] in figure_rows  # fmt: skip
    assert ["12", "about 12", "injured", "people", "count", "medics", "Kramatorsk", "",
            "single"] in figure_rows  # fmt: skip
    assert ["31", "31", "destroyed", "drones", "count", "The army", "", "2025-03-01",
            "single (part)"] in figure_rows  # fmt: skip


def test_claims_come_conflicts_first(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    claims = html.split('<h2 id="claims">')[1].split('<h2 id="documents">')[0]
    agreements = [row[0].split()[0] for row in _rows(claims) if row]
    assert agreements == ["conflict", "conflict", "single", "single", "single"]
    assert [row[1:4] for row in _rows(claims)[1:3]] == [
        ["killed", "people", "14"], ["killed", "people", "11"]
    ]  # fmt: skip


def test_totals_count_each_claim_once_and_leave_parts_out(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    totals = html.split('<h2 id="totals">')[1].split('<h2 id="claims">')[0]
    # killed: the claims 14 (two reports) and 11 conflict over one place and day: one fact, at
    # its lowest; the 31 drones shot down are part of the 40 launched.
    assert _rows(totals)[1:] == [
        ["injured", "people", "count", "12", "1"],
        ["killed", "people", "count", "11", "1"],
        ["launched", "drones", "count", "40", "1"],
    ]


def test_claim_totals_of_agreeing_claims_add_up() -> None:
    claims = [
        {"claim_id": "a", "metric": "killed", "subject": "people", "unit": "count", "best": 3.0,
         "agreement": "agree", "location": "X", "date": "2025-01-01"},
        {"claim_id": "b", "metric": "killed", "subject": "people", "unit": "count", "best": 2.0,
         "agreement": "single", "location": "Y", "date": None},
        {"claim_id": "c", "metric": "killed", "subject": "people", "unit": "count", "best": 1.0,
         "agreement": "single", "location": "Y", "date": None},
    ]  # fmt: skip
    found: list[dict[str, str | None]] = [
        {"claim_id": "c", "part_of": "x1"},
        {"claim_id": "a", "part_of": None},
    ]
    assert claim_totals(claims, found) == {("killed", "people", "count"): (5.0, 2)}


def test_contents_anchors_and_filter_form(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    targets = re.findall(r'href="#([\w-]+)"', html)
    assert {"totals", "claims", "documents", "d1", "d2", "d3"} <= set(targets)
    assert all(f'id="{target}"' in html for target in targets)
    assert '<form name="filter" hidden>' in html and '<option value="">any</option>' in html
    assert "<option>conflict</option>" in html and "<option>killed</option>" in html


def test_the_page_loads_nothing_and_runs_only_its_own_script(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    for reference in ("http://", "https://", "src=", "<link", "url(", "@import", "style="):
        assert reference not in html.lower()
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    policy = re.findall(r'Content-Security-Policy" content="([^"]*)"', html)
    assert policy and policy[0].startswith("default-src 'none'; style-src 'sha256-")
    assert f"script-src 'sha256-{digest}';" in policy[0] and "unsafe" not in policy[0]
    assert html.count("<script") == 1 and f"<script>{SCRIPT}</script>" in html


def test_the_page_works_from_any_folder(
    dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    # The paths are relative to the dataset folder's parent, which is tried after this folder.
    assert main(["report", str(dataset), "--html", "r.html"]) == 0
    assert (elsewhere / "r.html").read_text().count('<div class="text">') == 3
    moved = tmp_path / "moved"
    shutil.move(dataset.parent / "texts", moved / "texts")
    assert main(["report", str(dataset), "--html", "r.html"]) == 1
    html = (elsewhere / "r.html").read_text()
    assert html.count("The text could not be read again") == 3
    assert "<td><mark>Eleven</mark> people were killed in a missile strike on Kramatorsk" in html
    assert main(["report", str(dataset), "--html", "r.html", "--texts", str(moved)]) == 0
    assert main(["report", str(dataset), "--html", "r.html", "--texts", "nowhere"]) == 2


def test_stdin_documents_show_their_sentences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "At least 14 people were killed in Zarnovo, police said.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["extract", "-", "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert main(["report", str(tmp_path / "out"), "--html", str(tmp_path / "r.html")]) == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Read from standard input: its text is not kept" in html
    assert "<td>at least 14</td>" in html
    assert "<td>At least <mark>14</mark> people were killed in Zarnovo, police said.</td>" in html


# --- issue 15.7: the page in a real browser -----------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(url: str, profile: Path) -> tuple[str, str]:
    """The DOM after the page's script ran, and the browser's console log."""
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must check the page in Chromium: .ci/run installs it")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
    ]  # fmt: skip
    run = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", url], capture_output=True, timeout=180, check=True
    )
    return run.stdout.decode("utf-8"), run.stderr.decode("utf-8", "replace")


def _shown(dom: str, tag: str) -> list[str]:
    """The ids of the filterable elements (`section` or `tr`) the filter left visible."""
    return re.findall(rf'<{tag} id="(\w+)" class="f"[^>]*?data-s="[^"]*">', dom)


def test_the_page_in_headless_chromium(page: Path, tmp_path: Path) -> None:
    dom, log = _chromium(page.as_uri(), tmp_path / "p1")
    assert "Content Security Policy" not in log and "Uncaught" not in log
    assert '<form name="filter">' in dom  # the script ran: the filter is shown
    assert '<output name="n">8 shown</output>' in dom  # 3 documents and 5 claims
    assert dom.count("<mark ") == 6 and "<h2>Contents</h2>" in dom
    assert "<td>at least 14</td>" in dom
    # ?m=&s=&t= preset the filter; hidden elements get the `hidden` attribute.
    dom, _ = _chromium(page.as_uri() + "?m=killed&s=conflict", tmp_path / "p2")
    assert _shown(dom, "section") == ["d1", "d2", "d3"] and _shown(dom, "tr") == ["c1", "c2"]
    assert dom.count('<tr class="r" data-m="injured" hidden="">') == 1
    dom, _ = _chromium(page.as_uri() + "?t=medics", tmp_path / "p3")
    assert _shown(dom, "section") == ["d2"] and _shown(dom, "tr") == ["c4"]
    assert re.findall(r'<li class="d"( hidden="")?>', dom) == [' hidden=""', "", ' hidden=""']
