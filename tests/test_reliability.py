"""Bad input never crashes a run or loses good documents; output is atomic and deterministic."""

from __future__ import annotations

import contextlib
import fcntl
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import figures
import figures.lexicons
import figures.output
import figures.records
from figures.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOOD = (ROOT / "seeds" / "001_84f65df6f2f2a6e3.txt").read_text(encoding="utf-8")
NEWS = (
    "The regional council met on Tuesday to discuss repairs to the bridge. Residents asked "
    "for more buses. Police said 3 people were injured in a crash on the ring road. "
)


@pytest.fixture(scope="module")
def dirty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of one good article beside every kind of bad input."""
    folder = tmp_path_factory.mktemp("dirty")
    rng = random.Random(7)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_text(" \n\t\n  ", encoding="utf-8")
    (folder / "random.txt").write_bytes(bytes(rng.getrandbits(8) for _ in range(20_000)))
    (folder / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    cp1252 = "“Four people were killed,” the mayor said. Nine were wounded in Kherson."
    (folder / "cp1252.txt").write_bytes(cp1252.encode("cp1252"))
    (folder / "utf16.txt").write_bytes(
        "Russia launched 40 drones, the air force said.".encode("utf-16")
    )
    (folder / "repetitive.txt").write_text(NEWS * (10_000_000 // len(NEWS)), encoding="utf-8")
    (folder / "ones.txt").write_text("1," * 300_000, encoding="utf-8")
    (folder / "digits.txt").write_text("9" * 1_000_000, encoding="utf-8")
    (folder / "phrases.txt").write_text("killed and wounded and " * 100_000, encoding="utf-8")
    (folder / "one-line.txt").write_text(("two people died " * 50_000).strip(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def dirty_run(dirty: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path, float]:
    out = tmp_path_factory.mktemp("out")
    began = time.monotonic()
    code = main(["extract", str(dirty), "--out", str(out), "--quiet"])
    return code, out, time.monotonic() - began


def test_dirty_folder_exits_0(dirty_run: tuple[int, Path, float]) -> None:
    code, _, seconds = dirty_run
    assert code == 0
    assert seconds < 180


def test_every_input_gets_one_row_with_the_right_status(dirty_run: tuple[int, Path, float]) -> None:
    _, out, _ = dirty_run
    docs = pd.read_parquet(out / "documents.parquet")
    status = {Path(str(p)).name: str(s) for p, s in zip(docs["path"], docs["status"], strict=True)}
    assert status == {
        "good.txt": "ok", "empty.txt": "empty", "whitespace.txt": "empty",
        "random.txt": "unreadable", "image.md": "unreadable", "cp1252.txt": "ok", "utf16.txt": "ok",
        "repetitive.txt": "ok", "ones.txt": "ok", "digits.txt": "ok", "phrases.txt": "ok",
        "one-line.txt": "ok",
    }  # fmt: skip
    messages = dict(
        zip(docs["path"].map(lambda p: Path(str(p)).name), docs["message"], strict=True)
    )
    assert messages["cp1252.txt"] == "decoded as cp1252 (not valid UTF-8)"
    assert messages["utf16.txt"] == "decoded as UTF-16 (byte-order mark)"
    assert "binary" in str(messages["random.txt"])
    assert pd.isna(messages["good.txt"])


def test_good_and_recoded_documents_keep_their_figures(dirty_run: tuple[int, Path, float]) -> None:
    _, out, _ = dirty_run
    found = pd.read_parquet(out / "figures.parquet").merge(
        pd.read_parquet(out / "documents.parquet")[["doc_id", "path"]], on="doc_id"
    )
    by_doc = found.groupby(found["path"].map(lambda p: Path(str(p)).name))
    assert len(by_doc.get_group("good.txt")) == len(figures.extract(GOOD)) == 10
    recoded = by_doc.get_group("cp1252.txt")
    assert list(zip(recoded["number_text"], recoded["metric"], strict=True)) == [
        ("Four", "killed"), ("Nine", "injured"),
    ]  # fmt: skip
    assert list(by_doc.get_group("utf16.txt")["value"]) == [40.0]


def test_too_large_is_refused_with_a_row(dirty: Path, tmp_path: Path) -> None:
    assert main(["extract", str(dirty / "digits.txt"), str(dirty / "good.txt"),
                 "--out", str(tmp_path), "--max-bytes", "100000", "--quiet"]) == 0  # fmt: skip
    docs = pd.read_parquet(tmp_path / "documents.parquet")
    assert list(docs["status"].astype(str)) == ["too_large", "ok"]
    assert "over --max-bytes 100000" in str(docs["message"].iloc[0])


def test_unreadable_path_inside_a_run(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Two people were killed.", encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text("Three people were killed.", encoding="utf-8")
    locked.chmod(0)
    try:
        corpus = figures.extract_corpus([str(tmp_path)])
    finally:
        locked.chmod(0o644)
    statuses = list(corpus.documents["status"].astype(str))
    if os.geteuid() != 0:  # root reads any file
        assert statuses == ["ok", "unreadable"]
    assert len(corpus.figures) >= 1


def test_jsonl_documents_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        '{"id": "a1", "text": "Two people were killed overnight.", "source": "AFP", '
        '"published": "2025-04-26"}',
        "not json",
        '{"text": 5}',
        '{"text": "Russia launched 9 drones overnight."}',
    ]
    (tmp_path / "docs.jsonl").write_text("\n".join(lines), encoding="utf-8")
    corpus = figures.extract_corpus([str(tmp_path / "docs.jsonl")])
    docs = corpus.documents
    assert [Path(str(p)).name for p in docs["path"]] == [
        "docs.jsonl#2",
        "docs.jsonl#3",
        "docs.jsonl#4",
        "docs.jsonl#a1",
    ]
    assert list(docs["status"].astype(str)) == ["unreadable", "unreadable", "ok", "ok"]
    assert str(docs["source"].iloc[3]) == "AFP"
    assert str(docs["published"].iloc[3])[:10] == "2025-04-26"
    by_value = corpus.figures.sort_values("value")
    assert list(by_value["value"]) == [2.0, 9.0]
    assert [str(d)[:10] for d in by_value["date"]] == ["2025-04-26", "<NA>"]


def test_killed_mid_write_leaves_the_previous_dataset_intact(tmp_path: Path) -> None:
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert main(["extract", str(ROOT / "seeds"), "--out", str(out), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("Russia launched 40 drones and 3 missiles, the air force said. " * 15_000)
    command = [
        sys.executable,
        "-m",
        "figures",
        "extract",
        str(corpus),
        "--out",
        str(out),
        "--quiet",
    ]
    process = subprocess.Popen(command)
    while process.poll() is None and not list(out.glob(".*.tmp")):
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert main(["extract", str(corpus), "--out", str(fresh), "--quiet"]) == 0
    for name, old in before.items():
        now = (out / name).read_bytes()
        assert now in (old, (fresh / name).read_bytes()), f"{name} is neither old nor new"
    # the next run cleans up what the killed one left behind
    assert main(["extract", str(ROOT / "seeds"), "--out", str(out), "--quiet"]) == 0
    assert not list(out.glob(".*.tmp"))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_duplicate_text_keeps_its_row_but_is_counted_once(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_text("Two people were killed, police said.", encoding="utf-8")
    corpus = figures.extract_corpus([str(tmp_path)])
    docs = corpus.documents
    assert list(docs["status"].astype(str)) == ["ok", "duplicate", "duplicate"]
    assert str(docs["message"].iloc[1]) == f"same text as {tmp_path / 'a.txt'}"
    assert len(corpus.figures) == 1 and corpus.figures["figure_id"].is_unique


PATHOLOGICAL = [
    "1,", "1 ", "a ", " ", " \n", "A", "Kyiv, ", "and ", "of the ", "“", "Gov. ", "-", "killed ",
    "at least ", "thousand ", "tens of ", "Sixty-", "’s ", "(", ".", "12 people ", "Mr Smith said ",
]  # fmt: skip


def _patterns() -> list[figures.lexicons.Pattern]:
    modules = [m for name, m in sys.modules.items() if name.startswith("figures.")]
    found = {
        id(value): value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, figures.lexicons.Pattern)
    }
    return list(found.values())


def test_no_pattern_backtracks_catastrophically() -> None:
    """Every pattern of the package, on pathological text of a sentence's length, finishes: the
    10 s guard is only there so that a catastrophic pattern fails the test instead of hanging
    it; a linear pattern takes microseconds."""
    patterns = _patterns()
    assert len(patterns) > 80
    for pattern in patterns:
        for piece in PATHOLOGICAL:
            text = (piece * 300)[:300]
            for start in (0, 1):
                pattern.compiled.match(text, start, timeout=10)
                pattern.compiled.search(text, start, timeout=10)


def test_a_second_run_into_a_folder_being_written_stops_and_leaves_it_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(ROOT / "seeds"), "--out", str(tmp_path), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    (tmp_path / ".figures.parquet.abc.tmp").write_bytes(b"a live run's file")
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)  # as a run in progress holds it
        assert main(["extract", str(ROOT / "seeds"), "--out", str(tmp_path), "--quiet"]) == 1
    finally:
        os.close(folder)
    assert "another figures run is writing into" in capsys.readouterr().err
    assert (tmp_path / ".figures.parquet.abc.tmp").read_bytes() == b"a live run's file"
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.suffix != ".tmp"} == before


def _processes() -> dict[int, tuple[str, int]]:
    """Every live process (zombies are dead): its state and parent, from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # ended while we looked
                continue
            state, parent = stat[stat.rindex(")") + 2 :].split()[:2]
            if state != "Z":
                found[int(entry.name)] = (state, int(parent))
    return found


def _workers_of(pid: int) -> set[int]:
    return {child for child, (_, parent) in _processes().items() if parent == pid}


@pytest.fixture(scope="module")
def busy_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough files to keep two workers busy for a while."""
    folder = tmp_path_factory.mktemp("busy")
    for n in range(60):
        (folder / f"{n:02d}.txt").write_text(f"Report {n}. " + NEWS * 1_500, encoding="utf-8")
    return folder


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_stopped_run_leaves_no_worker_and_no_lock(
    busy_corpus: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "figures", "extract", str(busy_corpus), "--out", str(out),
               "--jobs", "2", "--quiet"]  # fmt: skip
    process = subprocess.Popen(command)
    workers: set[int] = set()
    while process.poll() is None and not (len(workers) == 2 and list(out.glob(".figures-run.*"))):
        workers = _workers_of(process.pid)
        time.sleep(0.01)
    process.send_signal(stop)
    code = process.wait()
    assert code == (-stop if stop == signal.SIGKILL else 128 + stop), "it ended before the signal"
    deadline = time.monotonic() + 60  # a guard against waiting forever, not a timing
    while workers & set(_processes()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not workers & set(_processes()), "workers outlived their run"
    if stop == signal.SIGTERM:  # the run cleaned up after itself
        assert not list(out.glob(".*"))
    assert main(["extract", str(ROOT / "seeds"), "--out", str(out), "--quiet", "--jobs", "2"]) == 0
    assert figures.output.package_problems(out) == [] and not list(out.glob(".*"))


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_in_a_held_block_waits_for_its_end_when_other_threads_run(
    stop: signal.Signals,
) -> None:
    """A run has other threads (its worker pool's): the kernel hands them a signal the main
    thread blocks, and Python would still run the handler inside the block, between making the
    staging folder and guarding it."""
    import threading

    seen: list[str] = []

    def handler(signum: int, frame: object) -> None:
        seen.append("handled")
        raise SystemExit(128 + signum)

    quiet = threading.Event()
    other = threading.Thread(target=quiet.wait)
    other.start()
    previous = signal.signal(stop, handler)
    try:
        with pytest.raises(SystemExit) as stopped, figures.output._signals_held():
            os.kill(os.getpid(), stop)
            for _ in range(200):  # bytecode after the signal: where Python runs handlers
                time.sleep(0.001)
            seen.append("block ended")
    finally:
        signal.signal(stop, previous)
        quiet.set()
        other.join()
    assert seen == ["block ended", "handled"] and stopped.value.code == 128 + stop


def test_a_stopped_run_exits_as_stopped_even_if_it_meets_its_stopped_workers_first() -> None:
    """The handler stops the workers and exits; should the main thread lose that exit, the broken
    pool it then meets still ends the run as stopped, not as a crash."""
    from concurrent.futures.process import BrokenProcessPool

    from figures.cli import _stopped_by_sigterm

    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as stopped, _stopped_by_sigterm():
        with contextlib.suppress(SystemExit):  # lost, as a library's cleanup might lose it
            signal.raise_signal(signal.SIGTERM)
        raise BrokenProcessPool("a worker was terminated")
    assert stopped.value.code == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) == before


def test_a_stop_while_the_staging_folder_is_made_leaves_no_staging_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from figures.cli import _stopped_by_sigterm

    made = tempfile.mkdtemp

    def made_then_stopped(*args: Any, **kwargs: Any) -> str:
        folder: str = made(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)
        return folder

    monkeypatch.setattr(tempfile, "mkdtemp", made_then_stopped)
    stopping = pytest.raises(SystemExit)
    with stopping as stopped, _stopped_by_sigterm(), figures.output.new_dataset(tmp_path):
        pass
    assert stopped.value.code == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []
