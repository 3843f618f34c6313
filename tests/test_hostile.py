"""The hostile-input table (issue 14): a bad field, a strange encoding, a special file or a
permission problem gets a status and a message on its own row; the good documents of the same
run still land; non-text input to the API is a TypeError; the output does not depend on the
machine's load."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import figures
from figures.cli import main

GOOD = "Two people were killed in the strike, police said."


def killed(n: int) -> str:
    """A sentence of its own for each case: the same text twice would be a `duplicate`."""
    return f"{n} people were killed in the strike, police said."


ROW = tuple[
    str, str, str | None, str | None, str | None
]  # name, status, message, published, source


@dataclass(frozen=True)
class Case:
    name: str  # the file written into the run's folder
    write: Callable[[Path], object]
    rows: list[ROW]  # (path name, status, message, published, source), in table order
    figures: list[tuple[str, float]]  # (path name, value) of the figures it keeps


def _text(content: str, encoding: str = "utf-8") -> Callable[[Path], object]:
    return lambda path: path.write_bytes(content.encode(encoding))


def _jsonl(*records: dict[str, object]) -> Callable[[Path], object]:
    # json.dumps writes a lone surrogate as the escape "\ud800", as a real producer would.
    return lambda path: path.write_text("".join(json.dumps(r) + "\n" for r in records))


def _frame(suffix: str, **columns: list[object]) -> Callable[[Path], object]:
    def write(path: Path) -> None:
        frame = pd.DataFrame(columns)
        frame.to_csv(path, index=False) if suffix == ".csv" else frame.to_parquet(path)

    return write


def _bom(bom: bytes, content: str, codec: str) -> Callable[[Path], object]:
    return lambda path: path.write_bytes(bom + content.encode(codec))


NAT = pd.Series([pd.NaT], dtype="datetime64[ns]").tolist()
BAD_FIELDS = [
    Case("us-date.jsonl", _jsonl({"text": killed(11), "published": "04/26/2025"}),
         [("us-date.jsonl#1", "ok",
           "published '04/26/2025' is not an ISO date (YYYY-MM-DD): left empty", None, None)],
         [("us-date.jsonl#1", 11.0)]),
    Case("words-date.csv", _frame(".csv", text=[killed(12)], published=["26 April 2025"]),
         [("words-date.csv#1", "ok",
           "published '26 April 2025' is not an ISO date (YYYY-MM-DD): left empty", None, None)],
         [("words-date.csv#1", 12.0)]),
    Case("nat.parquet", _frame(".parquet", text=[killed(13)], published=NAT),
         [("nat.parquet#1", "ok", None, None, None)], [("nat.parquet#1", 13.0)]),
    Case("timestamp.parquet", _frame(".parquet", text=[killed(14)],
                                     published=[pd.Timestamp("2025-04-26T08:00:00")]),
         [("timestamp.parquet#1", "ok", None, "2025-04-26", None)],
         [("timestamp.parquet#1", 14.0)]),
    Case("feb-30.txt", _text(f"date 2025-02-30\n\n{killed(15)}"),
         [("feb-30.txt", "ok", "header date '2025-02-30' is not a calendar date: left empty",
           None, None)],
         [("feb-30.txt", 15.0)]),
    Case("year-1.jsonl", _jsonl({"text": killed(16), "published": "0001-01-01"}),
         [("year-1.jsonl#1", "ok", "published 0001-01-01 is outside 1700–2200: left empty",
           None, None)],
         [("year-1.jsonl#1", 16.0)]),
    Case("surrogate.jsonl",
         _jsonl({"text": "Three people were killed.\ud800", "source": "Wire\udfff"},
                {"text": "Four people were killed.", "id": "k\ud800"}),
         [("surrogate.jsonl#1", "ok", "'text' had a lone surrogate: replaced by U+FFFD; "
           "'source' had a lone surrogate: replaced by U+FFFD", None, "Wire\ufffd"),
          ("surrogate.jsonl#k\ufffd", "ok", "'id' had a lone surrogate: replaced by U+FFFD",
           None, None)],
         [("surrogate.jsonl#1", 3.0), ("surrogate.jsonl#k\ufffd", 4.0)]),
    Case("raw-separator.jsonl", _jsonl({"text": "Five people\u2028were killed."}),
         [("raw-separator.jsonl#1", "ok", None, None, None)], [("raw-separator.jsonl#1", 5.0)]),
]  # fmt: skip
ENCODINGS = [
    Case(f"{name}.txt", _bom(bom, f"Russia launched {n} drones, the air force said.", codec),
         [(f"{name}.txt", "ok", message, None, None)], [(f"{name}.txt", float(n))])
    for name, codec, bom, message, n in [
        ("utf-32-le", "utf-32-le", codecs.BOM_UTF32_LE, "decoded as UTF-32 (byte-order mark)", 41),
        ("utf-32-be", "utf-32-be", codecs.BOM_UTF32_BE, "decoded as UTF-32 (byte-order mark)", 42),
        ("utf-16-le", "utf-16-le", codecs.BOM_UTF16_LE, "decoded as UTF-16 (byte-order mark)", 43),
        ("utf-16-be", "utf-16-be", codecs.BOM_UTF16_BE, "decoded as UTF-16 (byte-order mark)", 44),
        ("utf-8-bom", "utf-8", codecs.BOM_UTF8, None, 45),
    ]
]  # fmt: skip


def _rows(out: Path) -> tuple[list[ROW], list[tuple[str, float]]]:
    """The documents rows (name, status, message, published date, source) and the figures'
    (name, value) of a written dataset."""
    docs = pd.read_parquet(out / "documents.parquet").astype(object)
    docs = docs.where(docs.notna(), None)
    found = pd.read_parquet(out / "figures.parquet").merge(docs[["doc_id", "path"]], on="doc_id")
    rows: list[ROW] = [
        (Path(p).name, s, m, d if d is None else str(d)[:10], o)
        for p, s, m, d, o in docs[["path", "status", "message", "published", "source"]].itertuples(
            index=False
        )
    ]
    kept = [
        (Path(str(p)).name, float(v)) for p, v in zip(found["path"], found["value"], strict=True)
    ]
    return rows, kept


@pytest.mark.parametrize("case", BAD_FIELDS + ENCODINGS, ids=lambda c: c.name)
def test_a_bad_field_or_encoding_is_a_note_on_its_row(case: Case, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    case.write(tmp_path / "in" / case.name)
    assert main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert _rows(tmp_path / "out") == (case.rows, case.figures)


def test_every_bad_field_in_one_run_and_the_good_documents_land(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for case in BAD_FIELDS + ENCODINGS:
        case.write(folder / case.name)
    assert main(["extract", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    rows, kept = _rows(tmp_path / "out")
    cases = BAD_FIELDS + ENCODINGS
    good: ROW = ("good.txt", "ok", None, None, None)
    assert sorted(rows) == sorted([good, *(r for c in cases for r in c.rows)])
    assert sorted(kept) == sorted([("good.txt", 2.0), *(f for c in cases for f in c.figures)])


def _special_files(folder: Path) -> Iterator[tuple[str, str, str | None]]:
    """Special files beside a good one: (name, status, message) of each row they must get."""
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    yield "good.txt", "ok", None
    (folder / "zero.txt").symlink_to("/dev/zero")
    yield "zero.txt", "unreadable", "not a regular file (a device): refused"
    os.mkfifo(folder / "fifo.txt")
    yield "fifo.txt", "unreadable", "not a regular file (a FIFO): refused"
    if Path("/proc/self/status").is_file():  # a regular file whose reported size is 0
        (folder / "proc.txt").symlink_to("/proc/self/status")
        yield "proc.txt", "too_large", "more than 100 bytes is over --max-bytes 100"
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    yield "broken.txt", "unreadable", f"[Errno 2] No such file or directory: '{folder}/broken.txt'"


def test_special_files_are_refused_with_a_row_and_never_read_whole(tmp_path: Path) -> None:
    """A symlink to /dev/zero would eat memory and a FIFO would wait for a writer forever; the
    run is a child process so that a regression fails on its timeout instead of hanging."""
    folder = tmp_path / "in"
    folder.mkdir()
    expected = sorted(_special_files(folder))
    command = [sys.executable, "-m", "figures", "extract", str(folder),
               "--out", str(tmp_path / "out"), "--max-bytes", "100", "--quiet"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows, _ = _rows(tmp_path / "out")
    assert sorted((name, status, message) for name, status, message, _, _ in rows) == expected


# Root reads every file whatever its mode: as root, the child runs without the capabilities
# that bypass permission checks (setpriv, util-linux), as an ordinary user would.
AS_USER = (
    ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
)


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """A folder `top` with a good file, an unreadable folder `locked` holding a file, and a
    readable folder."""
    if AS_USER and shutil.which(AS_USER[0]) is None:
        pytest.skip("running as root without setpriv: every file is readable")
    (tmp_path / "top" / "locked").mkdir(parents=True)
    (tmp_path / "top" / "open").mkdir()
    (tmp_path / "top" / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "top" / "locked" / "x.txt").write_text("Three people were killed.")
    (tmp_path / "top" / "open" / "y.txt").write_text("Four people were killed.")
    (tmp_path / "top" / "locked").chmod(0)
    yield tmp_path
    (tmp_path / "top" / "locked").chmod(0o755)


@pytest.mark.parametrize(
    ("given", "rows"),
    [
        (["top/locked/x.txt", "top/good.txt"],
         [("good.txt", "ok", None),
          ("x.txt", "unreadable", "[Errno 13] Permission denied: 'top/locked/x.txt'")]),
        (["top"],
         [("good.txt", "ok", None),
          ("locked", "unreadable", "[Errno 13] Permission denied: 'top/locked'"),
          ("y.txt", "ok", None)]),
    ],
    ids=["file-under-an-unreadable-folder", "unreadable-subfolder"],
)  # fmt: skip
def test_permission_problems_are_rows(
    locked: Path, given: list[str], rows: list[tuple[str, str, str | None]]
) -> None:
    command = [*AS_USER, sys.executable, "-m", "figures", "extract", *given, "--out", "out"]
    done = subprocess.run(command, cwd=locked, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    found, _ = _rows(locked / "out")
    assert [(name, status, message) for name, status, message, _, _ in found] == rows


@pytest.mark.parametrize("text", [None, b"Two people were killed.", 123], ids=repr)
def test_the_api_refuses_what_is_not_text(text: object) -> None:
    with pytest.raises(TypeError, match=r"extract\(\) takes the text as a str, not "):
        figures.extract(text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("published", "date"),
    [("garbage", None), ("04/26/2025", None), ("2025-02-30", None), ("", None), (None, None),
     ("2025-04-26", "2025-04-25"), ("2025-04-26T08:00:00+02:00", "2025-04-25")],
)  # fmt: skip
def test_a_bad_published_gives_no_date_not_an_error(
    published: str | None, date: str | None
) -> None:
    rows = figures.extract("Two people were killed yesterday.", published=published)
    assert [(r.number_text, r.date) for r in rows] == [("Two", date)]


NEWS = (
    "The regional council met on Tuesday to discuss repairs to the bridge. Residents asked "
    "for more buses. Police said 3 people were injured in a crash on the ring road. "
)
BURN = "import time\nend = time.monotonic() + 900\nwhile time.monotonic() < end:\n    pass\n"


def test_a_10_mb_document_gives_the_same_bytes_on_a_loaded_machine(tmp_path: Path) -> None:
    """Every core busy with other processes (each stops on its own after 15 minutes, and is
    killed when the test ends) must not change one byte of the output."""
    document = tmp_path / "news.txt"
    document.write_text(NEWS * (10_000_000 // len(NEWS)), encoding="utf-8")
    idle, loaded = tmp_path / "idle", tmp_path / "loaded"
    assert main(["extract", str(document), "--out", str(idle), "--jobs", "1", "--quiet"]) == 0
    burners = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(os.cpu_count() or 2)]
    try:
        assert main(["extract", str(document), "--out", str(loaded), "--jobs", "1", "--quiet"]) == 0
        assert all(burner.poll() is None for burner in burners), "the load ended early"
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    names = sorted(p.name for p in idle.iterdir())
    assert names == sorted(p.name for p in loaded.iterdir())
    assert "figures.parquet" in names
    for name in names:
        assert (idle / name).read_bytes() == (loaded / name).read_bytes(), name
    assert len(pd.read_parquet(loaded / "figures.parquet")) == 10_000_000 // len(NEWS)
