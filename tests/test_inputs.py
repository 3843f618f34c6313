"""Every input format gives the same figures as the same article in a .txt file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import figures

ARTICLE = (
    "Russia launched 52 drones and 4 missiles overnight, the air force said. Air defences shot "
    "down 47 of the drones.\n\nIn the town of Izium, two people were killed and 9 were wounded, "
    "the regional governor said."
)
HTML = f"""<!doctype html><html><head><title>Overnight attack on Ukraine</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-04-26T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/live">Live</a></nav>
<article><h1>Overnight attack on Ukraine</h1>
{"".join(f"<p>{p}</p>" for p in ARTICLE.split(chr(10) * 2))}
</article><footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>"""


def rows(corpus: figures.Corpus) -> list[tuple[object, ...]]:
    keys = ["number_text", "value", "metric", "subject", "source", "location"]
    return [tuple(r) for r in corpus.figures[keys].astype(object).itertuples(index=False)]


@pytest.fixture
def expected(tmp_path: Path) -> list[tuple[object, ...]]:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    found = rows(figures.extract_corpus([str(tmp_path / "article.txt")]))
    assert [r[0] for r in found] == ["52", "4", "47", "two", "9"]
    assert found[3][5] == "the town of Izium"
    return found


def test_jsonl(tmp_path: Path, expected: list[tuple[object, ...]]) -> None:
    line = {"id": "x1", "text": ARTICLE, "source": "Wire", "published": "2025-04-26", "url": "u"}
    (tmp_path / "a.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    corpus = figures.extract_corpus([str(tmp_path / "a.jsonl")])
    assert rows(corpus) == expected
    assert Path(str(corpus.documents["path"].iloc[0])).name == "a.jsonl#x1"
    assert str(corpus.documents["url"].iloc[0]) == "u"


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_tables_with_a_text_column(
    tmp_path: Path, suffix: str, expected: list[tuple[object, ...]]
) -> None:
    frame = pd.DataFrame(
        {"id": ["a1"], "body": [ARTICLE], "source": ["Wire"], "published": ["2025-04-26"]}
    )
    path = tmp_path / f"articles{suffix}"
    frame.to_csv(path, index=False) if suffix == ".csv" else frame.to_parquet(path)
    corpus = figures.extract_corpus([str(path)], text_column="body")
    assert rows(corpus) == expected
    docs = corpus.documents
    assert (str(docs["source"].iloc[0]), str(docs["published"].iloc[0])[:10]) == (
        "Wire",
        "2025-04-26",
    )
    missing = figures.extract_corpus([str(path)])  # default column "text" is not there
    assert list(missing.documents["status"].astype(str)) == ["unreadable"]
    assert "no column 'text'" in str(missing.documents["message"].iloc[0])


def test_saved_news_page(tmp_path: Path, expected: list[tuple[object, ...]]) -> None:
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    corpus = figures.extract_corpus([str(tmp_path / "page.html")])
    assert rows(corpus) == expected
    docs = corpus.documents
    assert str(docs["source"].iloc[0]) == "Example News"
    assert str(docs["published"].iloc[0])[:10] == "2025-04-26"


def test_standard_input(tmp_path: Path, expected: list[tuple[object, ...]]) -> None:
    command = [sys.executable, "-m", "figures", "extract", "-", "--out", str(tmp_path / "out")]
    done = subprocess.run(command, input=ARTICLE.encode("utf-8"), capture_output=True)
    assert done.returncode == 0, done.stderr
    found = pd.read_parquet(tmp_path / "out" / "figures.parquet")
    keys = ["number_text", "value", "metric", "subject", "source", "location"]
    assert [tuple(r) for r in found[keys].astype(object).itertuples(index=False)] == expected
    assert list(pd.read_parquet(tmp_path / "out" / "documents.parquet")["path"]) == ["-"]
