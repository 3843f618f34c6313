"""The committed dataset in data/ is what the seeds give, and every run writes the same bytes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import figures
from figures.documents import discover
from figures.output import neutralise, restore, to_csv, write_tables
from figures.run import Written, extracting, write_run
from figures.tables import FIGURE_COLUMNS
from figures.validation import read_table, validate_paths

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture
def seeds_corpus(monkeypatch: pytest.MonkeyPatch) -> figures.Corpus:
    monkeypatch.chdir(ROOT)  # paths in `documents` are kept as given: "seeds/..."
    return figures.extract_corpus(["seeds"])


@pytest.mark.parametrize("table", ["documents", "figures"])
def test_seeds_match_the_golden_tables(
    seeds_corpus: figures.Corpus, table: str, update_golden: bool
) -> None:
    frame: pd.DataFrame = getattr(seeds_corpus, table)
    golden = GOLDEN / f"{table}.csv"
    if update_golden:
        write_tables({table: frame}, GOLDEN)
        (GOLDEN / f"{table}.parquet").unlink()
    pd.testing.assert_frame_equal(frame, read_table(golden))


@pytest.mark.parametrize("table", ["documents", "figures"])
def test_committed_data_is_regenerated_from_seeds(seeds_corpus: figures.Corpus, table: str) -> None:
    pd.testing.assert_frame_equal(
        getattr(seeds_corpus, table), pd.read_parquet(ROOT / "data" / f"{table}.parquet")
    )
    csv = getattr(seeds_corpus, table).to_csv(
        index=False, lineterminator="\n", date_format="%Y-%m-%d"
    )
    assert (ROOT / "data" / f"{table}.csv").read_text(encoding="utf-8") == csv


def test_same_input_gives_byte_identical_parquet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    seeds = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "seeds").glob("*.txt"))
    first = figures.extract_corpus(seeds)
    second = figures.extract_corpus(list(reversed(seeds)))
    figures.write_corpus(first, tmp_path / "a")
    figures.write_corpus(second, tmp_path / "b")
    for name in (
        *(f"{t}.{x}" for t in ("documents", "figures", "claims") for x in ("parquet", "csv")),
        "datapackage.json",
    ):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_figures_do_not_depend_on_the_folder_they_are_read_from(tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "seeds", copy)
    here = figures.extract_corpus([str(ROOT / "seeds")])
    there = figures.extract_corpus([str(copy)])
    figures.write_corpus(here, tmp_path / "a")
    figures.write_corpus(there, tmp_path / "b")
    assert (tmp_path / "a" / "figures.parquet").read_bytes() == (
        tmp_path / "b" / "figures.parquet"
    ).read_bytes()


def test_every_figure_points_at_its_text() -> None:
    corpus = figures.extract_corpus([str(ROOT / "seeds")])
    docs = corpus.documents
    texts = {
        str(doc_id): Path(str(path)).read_text(encoding="utf-8")
        for doc_id, path in zip(docs["doc_id"], docs["path"], strict=True)
    }
    for row in corpus.figures.to_dict("records"):
        text = texts[str(row["doc_id"])]
        assert text[int(str(row["start"])) : int(str(row["end"]))] == row["number_text"]
    assert os.path.basename(str(docs["path"].iloc[0])).startswith("000_")


@pytest.fixture
def corpus_folder(tmp_path: Path) -> Path:
    """Our gold passages as 33 files, one of them twice, plus an empty file and a JSON Lines
    file of two documents: several batches, a duplicate and a problem."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    passages = sorted((ROOT / "data" / "gold" / "texts").glob("*.txt"))
    for n, path in enumerate(passages):
        (inputs / f"{n:02d}.txt").write_bytes(path.read_bytes())
    (inputs / "50-again.txt").write_bytes(passages[0].read_bytes())
    (inputs / "51-empty.txt").write_bytes(b"")
    (inputs / "52-two.jsonl").write_text(
        '{"text": "Two people were killed in Kharkiv, officials said."}\n'
        '{"text": "Russia launched 40 drones overnight."}\n',
        encoding="utf-8",
    )
    return inputs


def _stream(
    inputs: Path, out: Path, jobs: int = 1, batch_files: int = 4, partition_rows: int | None = None
) -> Written:
    with extracting(discover([str(inputs)]), jobs=jobs) as results:
        return write_run(results, out, partition_rows, batch_files)


# batch_files 1: some batches hold no figure at all; claim_items 1: each claim written alone
@pytest.mark.parametrize(("batch_files", "claim_items"), [(4, 50_000), (1, 1)])
def test_streamed_tables_equal_the_tables_made_in_memory(
    corpus_folder: Path, tmp_path: Path, batch_files: int, claim_items: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr("figures.run.CLAIM_ITEMS", claim_items)
    in_memory = figures.extract_corpus([str(corpus_folder)]).tables()
    written = _stream(corpus_folder, tmp_path / "out", batch_files=batch_files)
    assert written.rows == {name: len(frame) for name, frame in in_memory.items()}
    assert [(d.path[-12:], d.status) for d in written.problems] == [
        ("50-again.txt", "duplicate"), ("51-empty.txt", "empty")
    ]  # fmt: skip
    for name, frame in in_memory.items():
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "out" / f"{name}.parquet"), frame)
        assert (tmp_path / "out" / f"{name}.csv").read_text(encoding="utf-8") == to_csv(frame)
    batches = pq.ParquetFile(tmp_path / "out" / "documents.parquet").num_row_groups
    assert batches == 36 // batch_files  # 36 files
    claim_writes = pq.ParquetFile(tmp_path / "out" / "claims.parquet").num_row_groups
    assert claim_writes == (1 if claim_items > 1_000 else len(in_memory["claims"]))


def test_streamed_partitions_hold_the_same_rows(corpus_folder: Path, tmp_path: Path) -> None:
    whole = _stream(corpus_folder, tmp_path / "whole")
    _stream(corpus_folder, tmp_path / "parts", partition_rows=10)
    figures_parts = sorted((tmp_path / "parts" / "figures.parquet").iterdir())
    assert len(figures_parts) == -(-whole.rows["figures"] // 10)
    assert [pq.ParquetFile(p).metadata.num_rows for p in figures_parts[:-1]] == [10] * (
        len(figures_parts) - 1
    )
    for name in ("documents", "figures", "claims"):
        pd.testing.assert_frame_equal(
            pd.read_parquet(tmp_path / "parts" / f"{name}.parquet"),
            pd.read_parquet(tmp_path / "whole" / f"{name}.parquet"),
        )


def test_output_does_not_depend_on_the_number_of_workers(
    corpus_folder: Path, tmp_path: Path
) -> None:
    for jobs in (1, 2, 3):
        _stream(corpus_folder, tmp_path / str(jobs), jobs=jobs)
    for name in ("documents.parquet", "figures.parquet", "claims.parquet", "figures.csv"):
        one = (tmp_path / "1" / name).read_bytes()
        assert one == (tmp_path / "2" / name).read_bytes() == (tmp_path / "3" / name).read_bytes()


@pytest.mark.parametrize("partition_rows", [None, 5])
def test_a_run_without_figures_writes_valid_empty_tables(
    tmp_path: Path, partition_rows: int | None
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "calm.txt").write_text("The council met on Tuesday.", encoding="utf-8")
    written = _stream(inputs, tmp_path / "out", batch_files=1, partition_rows=partition_rows)
    assert written.rows == {"documents": 2, "figures": 0, "claims": 0}
    assert validate_paths([str(tmp_path / "out")])["valid"]
    found = pd.read_parquet(tmp_path / "out" / "figures.parquet")
    assert (len(found), list(found.columns)) == (0, FIGURE_COLUMNS)


# A text cell as given, and as it stands in the CSV: OWASP's leading quote and double quotes
# before =, +, -, @, tab and carriage return; a quote already leading one gets another.
FORMULA_CELLS = [
    ("=1+2", '"\'=1+2"'),
    ("+44 20 7946 0000", '"\'+44 20 7946 0000"'),
    ("-3 killed", '"\'-3 killed"'),
    ("@SUM(A1:A9)", '"\'@SUM(A1:A9)"'),
    ("\tindented", '"\'\tindented"'),
    ("\rreturn", '"\'\rreturn"'),
    ('=HYPERLINK("http://x.example","a, b")', '"\'=HYPERLINK(""http://x.example"",""a, b"")"'),
    ("'=already", "\"''=already\""),
    ("Two people were killed.", "Two people were killed."),
    ("x=1", "x=1"),
    ("'quoted'", "'quoted'"),
    ("a, b", '"a, b"'),
]


@pytest.mark.parametrize(("text", "cell"), FORMULA_CELLS, ids=[repr(t) for t, _ in FORMULA_CELLS])
def test_a_csv_cell_that_would_start_a_formula_is_neutralised(text: str, cell: str) -> None:
    frame = pd.DataFrame({"source": pd.array([text, "plain"], dtype="string"),
                          "start": pd.array([-3, 4], dtype="Int64")})  # fmt: skip
    assert to_csv(frame) == f"source,start\n{cell},-3\nplain,4\n"  # numbers stay numbers
    assert restore(neutralise(text)) == text


def test_csv_cells_are_neutralised_and_parquet_keeps_the_text(tmp_path: Path) -> None:
    line = {"id": "a", "text": "- Two people were killed in the strike.", "source": "@AFP",
            "url": "=cmd|' /C calc'!A0"}  # fmt: skip
    (tmp_path / "in.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    written = _stream(tmp_path / "in.jsonl", tmp_path / "out")
    assert written.rows["figures"] == 1
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert (documents["source"][0], documents["url"][0]) == ("@AFP", "=cmd|' /C calc'!A0")
    csv = (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert csv[1].endswith(",\"'@AFP\",,39,ok,,\"'=cmd|' /C calc'!A0\",")  # country: none
    sentence = pd.read_parquet(tmp_path / "out" / "figures.parquet")["sentence"][0]
    assert sentence == "- Two people were killed in the strike."
    assert '"\'- Two people were killed in the strike."' in (
        tmp_path / "out" / "figures.csv"
    ).read_text(encoding="utf-8")
