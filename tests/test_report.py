"""The review page: every figure highlighted, a summary and chart, nothing loaded from outside."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from figures.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    out = folder / "out"
    assert main(["extract", str(ROOT / "seeds"), "--out", str(out), "--quiet"]) == 0
    assert main(["report", str(out), "--html", str(folder / "report.html")]) == 0
    return folder / "report.html"


def test_every_figure_is_highlighted_with_its_row(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    found = pd.read_parquet(page.parent / "out" / "figures.parquet")
    marks = re.findall(r'<mark class="m-(\w+)"[^>]*data-row="([^"]*)"[^>]*>([^<]*)</mark>', html)
    assert len(marks) == found[["doc_id", "start", "end"]].drop_duplicates().shape[0] == 12
    assert sorted(text for _, _, text in marks) == sorted(found["number_text"])
    metric, row, _ = next(m for m in marks if m[2] == "Sixty-six")
    assert metric == "destroyed" and "subject: drones" in row and "value: 66" in row


def test_summary_tables_and_chart(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert "<h2>Totals by metric</h2>" in html and "<svg" in html and html.count("<rect") == 6
    assert "<h2>Figures by metric and subject</h2>" in html
    assert "<td>Ukraine’s air force</td><td>4</td>" in html


def test_the_page_loads_nothing_from_outside(page: Path) -> None:
    html = page.read_text(encoding="utf-8").lower()
    for reference in ("http://", "https://", "src=", "<link", "<script", "url(", "@import"):
        assert reference not in html
    assert "content-security-policy" in html and "default-src 'none'" in html


def test_report_needs_a_dataset(tmp_path: Path) -> None:
    assert main(["report", str(tmp_path), "--html", str(tmp_path / "r.html")]) == 2


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_the_page_renders_in_headless_chromium(page: Path, tmp_path: Path) -> None:
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
    shot = tmp_path / "report.png"
    run = [str(shutil.which("chromium")), *flags, "--window-size=1200,2000"]
    subprocess.run([*run, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    dom = subprocess.run([*run, "--dump-dom", page.as_uri()], capture_output=True, timeout=120)
    assert dom.stdout.decode("utf-8").count("<mark ") == 12
