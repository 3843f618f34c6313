"""`figures validate`: one broken dataset per check, and the exact report lines it gets.

Each case copies `data/` (the tables made from `seeds/`), breaks one cell or file, and compares
the report of the broken table: its header line and one line per bad row, by CSV line (the
header is line 1) or by DataFrame row for Parquet.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from figures.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
Change = Callable[[Path], None]


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    for path in DATA.iterdir():
        if path.is_file() and path.suffix in (".parquet", ".csv"):
            shutil.copy(path, folder / path.name)
    return folder


def _parquet(table: str, change: Callable[[pd.DataFrame], None]) -> Change:
    def write(folder: Path) -> None:
        frame = pd.read_parquet(folder / f"{table}.parquet")
        change(frame)
        pq.write_table(
            pa.Table.from_pandas(frame, preserve_index=False), folder / f"{table}.parquet"
        )

    return write


def _cells(**cells: tuple[int, object]) -> Callable[[pd.DataFrame], None]:
    """Set cells given as COLUMN=(ROW, VALUE); a new label becomes a category of its own."""

    def change(frame: pd.DataFrame) -> None:
        for column, (row, value) in cells.items():
            if isinstance(frame[column].dtype, pd.CategoricalDtype):
                # Parquet's codes are read-only: build the column anew.
                known = list(frame[column].cat.categories)
                labels = frame[column].astype("string")
                labels[row] = str(value)
                frame[column] = pd.Categorical(
                    labels, categories=known + [str(value)] * (value not in known)
                )
            else:
                frame.loc[row, column] = value  # type: ignore[call-overload]

    return change


def _parquet_nan(table: str, column: str, row: int) -> Change:
    """A NaN written by Arrow (pandas would store a missing value instead)."""

    def write(folder: Path) -> None:
        path = folder / f"{table}.parquet"
        arrow = pq.read_table(path)
        values = arrow.column(column).to_pylist()
        values[row] = float("nan")
        index = arrow.column_names.index(column)
        arrow = arrow.set_column(index, column, pa.array(values, type=pa.float64()))
        pq.write_table(arrow, path)

    return write


def _csv(table: str, **cells: tuple[int, str]) -> Change:
    """Set CSV cells given as COLUMN=(RECORD, TEXT), records counted from 0 after the header."""

    def write(folder: Path) -> None:
        path = folder / f"{table}.csv"
        with open(path, encoding="utf-8", newline="") as handle:
            records = list(csv.reader(handle))
        for column, (record, text) in cells.items():
            records[record + 1][records[0].index(column)] = text
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(records)

    return write


def _both(*changes: Change) -> Change:
    def write(folder: Path) -> None:
        for change in changes:
            change(folder)

    return write


def _remove(*names: str) -> Change:
    def write(folder: Path) -> None:
        for name in names:
            (folder / name).unlink()

    return write


def _drop_last_csv_record(table: str) -> Change:
    def write(folder: Path) -> None:
        path = folder / f"{table}.csv"
        with open(path, encoding="utf-8", newline="") as handle:
            records = list(csv.reader(handle))
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(records[:-1])

    return write


@dataclass(frozen=True)
class Case:
    name: str
    change: Change
    table: str  # the file whose report is compared
    lines: list[str]
    invalid: int = 1  # tables reported INVALID


RANGE = 1  # figures row 1 (CSV line 3): "10,000-12,000" troops, a range
THREE = 4  # figures row 4 (CSV line 6): "Three" people killed, exact 3
TWO = 5  # figures row 5: "Two" killed, a part of row 4's total
NOWHERE = "0123456789abcdef"

CASES = [
    Case(
        "low above high, Parquet: one line, not one per column",
        _parquet("figures", _cells(low=(RANGE, 12000.0), high=(RANGE, 10000.0))),
        "figures.parquet",
        [
            "figures.parquet: INVALID (12 rows)",
            "  row 1: low 12000 is above high 10000 [ordered_bounds]",
        ],
    ),
    Case(
        "low above high, CSV: the CSV line",
        _csv("figures", low=(RANGE, "12000.0"), high=(RANGE, "10000.0")),
        "figures.csv",
        [
            "figures.csv: INVALID (12 rows)",
            "  line 3: low 12000 is above high 10000 [ordered_bounds]",
        ],
    ),
    Case(
        "unknown metric, CSV: named as such, not as a missing value",
        _csv("figures", metric=(0, "foo")),
        "figures.csv",
        ["figures.csv: INVALID (12 rows)", "  line 2: metric 'foo' is not a known metric [isin]"],
    ),
    Case(
        "unknown metric, Parquet",
        _parquet("figures", _cells(metric=(0, "foo"))),
        "figures.parquet",
        [
            "figures.parquet: INVALID (12 rows)",
            "  row 0: metric 'foo' is not a known metric [isin]",
        ],
    ),
    Case(
        "unknown status of a document, CSV",
        _csv("documents", status=(1, "fine")),
        "documents.csv",
        ["documents.csv: INVALID (2 rows)", "  line 3: status 'fine' is not a known status [isin]"],
    ),
    Case(
        "a record over two lines moves the next record's line number",
        _csv("figures", sentence=(THREE, "Three people\nwere killed."), metric=(TWO, "foo")),
        "figures.csv",
        ["figures.csv: INVALID (12 rows)", "  line 8: metric 'foo' is not a known metric [isin]"],
    ),
    Case(
        "a flag that is neither True nor False, CSV",
        _csv("figures", cumulative=(THREE, "maybe")),
        "figures.csv",
        [
            "figures.csv: INVALID (12 rows)",
            "  line 6: cumulative 'maybe' is not True or False [type]",
        ],
    ),
    Case(
        "infinite value, CSV",
        _csv("figures", value=(THREE, "inf")),
        "figures.csv",
        ["figures.csv: INVALID (12 rows)", "  line 6: value inf is not a finite number [finite]"],
    ),
    Case(
        "minus infinity, Parquet",
        _parquet("figures", _cells(value=(THREE, float("-inf")))),
        "figures.parquet",
        [
            "figures.parquet: INVALID (12 rows)",
            "  row 4: value -inf is below 0 [greater_than_or_equal_to]; "
            "value -inf is not a finite number [finite]",
        ],
    ),
    Case(
        "NaN written in a CSV is not a number (and not a missing value)",
        _csv("figures", value=(THREE, "nan")),
        "figures.csv",
        [
            "figures.csv: INVALID (12 rows)",
            "  line 6: value 'nan' is not a number [type]; approx 'exact' does not go with value "
            "null, low null, high null: exact needs a value and no low or high [coherent_numbers]",
        ],
    ),
    Case(
        "NaN in Parquet, which pandas reads as a missing value",
        _parquet_nan("figures", "value", THREE),
        "figures.parquet",
        [
            "figures.parquet: INVALID (12 rows)",
            "  row 4: value NaN is not a number [type]; approx 'exact' does not go with value "
            "null, low null, high null: exact needs a value and no low or high [coherent_numbers]",
        ],
    ),
    Case(
        "a day that is not in the calendar",
        _csv("figures", date=(THREE, "2025-02-30")),
        "figures.csv",
        ["figures.csv: INVALID (12 rows)", "  line 6: date '2025-02-30' is not an ISO date [type]"],
    ),
    Case(
        "a point value marked as a range, with no bounds",
        _parquet("figures", _cells(approx=(THREE, "range"))),
        "figures.parquet",
        [
            "figures.parquet: INVALID (12 rows)",
            "  row 4: approx 'range' does not go with value 3, low null, high null: "
            "a range needs low and high and no value [coherent_numbers]",
        ],
    ),
    Case(
        "a range with a value as well",
        _csv("figures", value=(RANGE, "11000.0")),
        "figures.csv",
        [
            "figures.csv: INVALID (12 rows)",
            "  line 3: approx 'range' does not go with value 11000, low 10000, high 12000: "
            "a range needs low and high and no value [coherent_numbers]",
        ],
    ),
    Case(
        "a range marked exact",
        _csv("figures", approx=(RANGE, "exact")),
        "figures.csv",
        [
            "figures.csv: INVALID (12 rows)",
            "  line 3: approx 'exact' does not go with value null, low 10000, high 12000: "
            "exact needs a value and no low or high [coherent_numbers]",
        ],
    ),
    Case(
        "an upper bound with only a low end",
        _csv("figures", approx=(THREE, "at_most"), value=(THREE, ""), low=(THREE, "3.0")),
        "figures.csv",
        [
            "figures.csv: INVALID (12 rows)",
            "  line 6: approx 'at_most' does not go with value null, low 3, high null: "
            "at_most needs a value and no low or high [coherent_numbers]",
        ],
    ),
    Case(
        "a cell that is not a number, and what follows from it",
        _csv("figures", start=(THREE, "x")),
        "figures.csv",
        [
            "figures.csv: INVALID (12 rows)",
            "  line 6: start 'x' is not an integer [type]; start null and end 4298 do not span "
            "number_text 'Three' [span_matches_text]",
        ],
    ),
    Case(
        "a claim_id that is in no claim, and a part_of that is no figure",
        _csv("figures", claim_id=(THREE, NOWHERE), part_of=(TWO, NOWHERE)),
        "figures.csv",
        [
            "figures.csv: INVALID (12 rows)",
            f"  line 6: claim_id '{NOWHERE}' is not in claims.claim_id [claim_id in claims]",
            f"  line 7: part_of '{NOWHERE}' is not in figures.figure_id [part_of in figures]",
        ],
    ),
    Case(
        "a doc_id of no document, and offsets past the text",
        _parquet("figures", _cells(doc_id=(0, NOWHERE), start=(1, 900000), end=(1, 900013))),
        "figures.parquet",
        [
            "figures.parquet: INVALID (12 rows)",
            f"  row 0: doc_id '{NOWHERE}' is not in documents.doc_id [doc_id in documents]",
            "  row 1: end 900013 is past the document's 2431 characters [end <= documents.n_chars]",
        ],
    ),
    Case(
        "a claim listing a conflict with no claim and a document that is not there",
        _csv("claims", conflicts_with=(0, f'["{NOWHERE}"]'), doc_ids=(1, '["feedfacefeedface"]')),
        "claims.csv",
        [
            "claims.csv: INVALID (10 rows)",
            f"  line 2: conflicts_with '{NOWHERE}' is not in claims.claim_id "
            "[conflicts_with in claims]",
            "  line 3: doc_ids 'feedfacefeedface' is not in documents.doc_id "
            "[doc_ids in documents]",
        ],
    ),
    Case(
        "a figure_id twice",
        _parquet("figures", _cells(figure_id=(1, "1240d11a4f284c89"))),
        "figures.parquet",
        [
            "figures.parquet: INVALID (12 rows)",
            "  row 0: figure_id '1240d11a4f284c89' is on another row too [unique]",
            "  row 1: figure_id '1240d11a4f284c89' is on another row too [unique]",
        ],
    ),
    Case(
        "a CSV with fewer rows than its Parquet",
        _drop_last_csv_record("figures"),
        "figures.csv",
        [
            "figures.csv: INVALID (11 rows)",
            "  table: 11 rows, but figures.parquet has 12 [csv rows = parquet rows]",
        ],
    ),
    Case(
        "a folder with only the documents table",
        _remove(*(f"{t}.{s}" for t in ("figures", "claims") for s in ("csv", "parquet"))),
        "figures.csv",
        [
            "figures.csv: INVALID (0 rows)",
            "  table: missing: no figures.csv or figures.parquet in out [tables present]",
        ],
        invalid=2,  # and claims
    ),
    Case(
        "a folder whose figures Parquet is gone, as an interrupted run could leave it",
        _remove("figures.parquet"),
        "figures.parquet",
        [
            "figures.parquet: INVALID (0 rows)",
            "  table: missing: no figures.parquet in out [tables present]",
        ],
    ),
]


def _report(folder: Path, capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, str]:
    code = main(["validate", *(str(p) for p in paths or (folder,))])
    return code, capsys.readouterr().out.replace(f"{folder}/", "").replace(str(folder), "out")


def _table_lines(out: str, table: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{table}: "))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), None)
    return lines[start:end]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_broken_dataset_gets_its_exact_report(
    case: Case, dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case.change(dataset)
    code, out = _report(dataset, capsys)
    assert code == 1
    assert _table_lines(out, case.table) == case.lines
    assert sum(": INVALID (" in line for line in out.splitlines()) == case.invalid, out


def test_the_data_folder_is_valid(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _report(dataset, capsys)
    assert code == 0
    assert out.splitlines() == [
        f"{name}: valid ({rows} rows)"
        for name, rows in [
            ("claims.parquet", 10), ("claims.csv", 10), ("documents.parquet", 2),
            ("documents.csv", 2), ("figures.parquet", 12), ("figures.csv", 12),
        ]
    ]  # fmt: skip


def test_a_vague_bound_with_only_a_low_end_is_valid(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "Dozens": at least 24, no value; the claim keeps 3 as its number, which 24 cannot be in
    the same claim, so only the figures table is checked."""
    _csv("figures", approx=(THREE, "at_least"), value=(THREE, ""), low=(THREE, "24.0"))(dataset)
    code, out = _report(dataset, capsys, dataset / "figures.csv")
    assert (code, out) == (0, "figures.csv: valid (12 rows)\n")


def test_a_missing_column_is_named_once(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = dataset / "figures.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    drop = records[0].index("rule")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(r[:drop] + r[drop + 1 :] for r in records)
    code, out = _report(dataset, capsys, path)
    assert code == 1
    assert out.splitlines()[1:] == ["  table: column 'rule' is missing [columns]"]


def test_a_folder_of_csv_files_alone_is_valid(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in dataset.glob("*.parquet"):
        path.unlink()
    code, out = _report(dataset, capsys)
    assert (code, out.count(": valid (")) == (0, 3)


def test_unreadable_files_are_findings(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (dataset / "documents.csv").write_bytes(b"doc_id,path\n\xff\xfe,x\n")
    (dataset / "figures.parquet").write_bytes(b"not parquet")
    code, out = _report(dataset, capsys)
    assert code == 1
    lines = out.splitlines()
    documents = lines.index("documents.csv: INVALID (0 rows)")
    assert lines[documents + 1].startswith("  table: not a readable UTF-8 CSV file: ")
    assert lines[documents + 1].endswith(" [read]")
    figures = lines.index("figures.parquet: INVALID (0 rows)")
    assert lines[figures + 1].startswith("  table: cannot be read: ")


def test_given_files_need_no_other_table(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A pre-commit hook passes only the files that changed: no folder check then."""
    code, out = _report(dataset, capsys, dataset / "documents.parquet")
    assert (code, out) == (0, "documents.parquet: valid (2 rows)\n")


def test_json_report_lists_rows_with_lines(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _csv("figures", metric=(0, "foo"))(dataset)
    assert main(["validate", str(dataset / "figures.csv"), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert report["tables"][0]["bad_rows"] == 1
    assert report["tables"][0]["errors"] == [
        {"row": 0, "line": 2, "problems": ["metric 'foo' is not a known metric [isin]"]}
    ]


def test_many_bad_rows_are_counted_and_the_first_listed(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from figures import validation

    _csv("figures", **{"metric": (0, "foo")})(dataset)
    _csv("figures", **{"unit": (1, "acre")})(dataset)
    original = validation.MAX_REPORTED
    validation.MAX_REPORTED = 1
    try:
        code, out = _report(dataset, capsys, dataset / "figures.csv")
    finally:
        validation.MAX_REPORTED = original
    assert code == 1
    assert out.splitlines()[1:] == [
        "  line 2: metric 'foo' is not a known metric [isin]",
        "  ... and 1 more bad rows",
    ]


@pytest.mark.parametrize("format", ["text", "json"])
def test_a_closed_pipe_ends_quietly(format: str, dataset: Path) -> None:
    """`figures validate out --format json | head -1`: the reader goes before the report is
    written; closing the pipe first makes that certain."""
    _csv("figures", metric=(0, "foo"))(dataset)
    command = [sys.executable, "-m", "figures", "validate", str(dataset), "--format", format]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    error = process.stderr.read()
    assert process.wait() == 1
    assert error == b""


def test_a_table_changed_after_the_run_fails_against_its_datapackage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    shutil.copytree(DATA, folder)
    _csv("figures", sentence=(THREE, "Three people were killed, officials said."))(folder)
    assert main(["validate", str(folder)]) == 1
    assert capsys.readouterr().out.splitlines()[-2:] == [
        f"{folder / 'datapackage.json'}: INVALID (0 rows)",
        "  table: figures.csv does not match its size and SHA-256 in datapackage.json "
        "[datapackage]",
    ]


def test_a_neutralised_csv_cell_reads_back_as_written(tmp_path: Path) -> None:
    """A source that would start a formula is quoted in the CSV; validate reads it back as the
    Parquet has it, so the two tables agree and the dataset is valid."""
    source = tmp_path / "reports.jsonl"
    record = {"text": "Two people were killed, =HYPERLINK(1) said.", "source": "=cmd|' /C calc'!A0"}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(source), "--out", str(out), "--quiet"]) == 0
    assert "'=cmd|" in (out / "documents.csv").read_text(encoding="utf-8")
    assert main(["validate", str(out)]) == 0
    from figures.validation import read_table

    assert read_table(out / "documents.csv")["source"].tolist() == ["=cmd|' /C calc'!A0"]
