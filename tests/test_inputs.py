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


BODY = "Two people were killed in the strike, police said."
HEADERS = [  # (the file's text, its `source`, its `published`)
    (f"# Storm hits the coast\n\ndate 2025-04-26\n\nDALLAS (Reuters) - {BODY}", "Reuters",
     "2025-04-26"),
    (f"Date: 2025-04-26\nSource: Example Wire\n\n{BODY}", "Example Wire", "2025-04-26"),
    (f"Source: Example Wire\nDate: 2025-04-26\n\n{BODY}", "Example Wire", "2025-04-26"),
    (f"**Published:** 2025-04-26\n**Source:** Example Wire\n\n{BODY}", "Example Wire",
     "2025-04-26"),
    (f"date 2025-04-26 Kyiv: {BODY}", None, "2025-04-26"),
    (f"Date: 26 April 2025\n\n{BODY}", None, None),
    (f"KYIV, Ukraine (AP) — {BODY}", "AP", None),
    (f"Kyiv (AFP) - {BODY}", "AFP", None),
    (f"LONDON (BBC News) - {BODY}", "BBC News", None),
    (f"(CNN) — {BODY}", "CNN", None),
    (f"Kyiv, Ukraine — CNN — {BODY}", "CNN", None),
    (f"MOSCOW, May 9. /TASS/. {BODY}", "TASS", None),
    (f"Storm toll rises\nBUTTE COUNTY (CBS SF) – {BODY}", "CBS SF", None),
    (f"Source: Example Wire\nKYIV (Reuters) - {BODY}", "Example Wire", None),
    (f"{BODY}\n\nAP", "AP", None),
    (f"{BODY}\n\n— CNN", "CNN", None),
    (f"{BODY}\n\n(Reuters)", "Reuters", None),
    (f"{BODY}\n\nRead More", None, None),
    (f"{BODY}\n\nAdvertisement", None, None),
    (f"{BODY}\n\nUpdated", None, None),
    (f"The European Union (EU) said {BODY.lower()}", None, None),
    (f"Officials told Reuters - {BODY.lower()}", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "source", "published"), HEADERS, ids=lambda v: str(v)[:40])
def test_a_header_form_gives_its_source_and_date(
    tmp_path: Path, text: str, source: str | None, published: str | None
) -> None:
    (tmp_path / "article.md").write_text(text, encoding="utf-8")
    docs = figures.extract_corpus([str(tmp_path / "article.md")]).documents
    got = docs[["source", "published"]].astype(object).iloc[0]
    assert (
        None if pd.isna(got["source"]) else got["source"],
        None if pd.isna(got["published"]) else str(got["published"])[:10],
    ) == (source, published)
