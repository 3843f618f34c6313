"""A run replaces a dataset whole: a failure or a kill between any two of its final moves leaves
the old dataset, the new one, or a folder `package_problems` rejects, which the next run repairs."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import figures
import figures.output
from figures.cli import main
from figures.output import package_problems, write_tables

ROOT = Path(__file__).resolve().parents[1]
MOVES = 7  # three tables' .csv and .parquet, then datapackage.json


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seeds, and the seeds with one more article: the old run's input and the new one's."""
    folder = tmp_path_factory.mktemp("inputs")
    old, new = folder / "old", folder / "new"
    shutil.copytree(ROOT / "seeds", old)
    shutil.copytree(ROOT / "seeds", new)
    (new / "zz.txt").write_text("Four people were killed in the attack, police said.\n")
    return old, new


@pytest.fixture(scope="module")
def tables(inputs: tuple[Path, Path]) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    old, new = inputs
    return (
        figures.extract_corpus([str(old)]).tables(),
        figures.extract_corpus([str(new)]).tables(),
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder but hidden ones (a run's staging), by path: what a reader sees."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def _failing_after(calls: int) -> Callable[[Path, Path], None]:
    """`output._move`, failing once it has moved `calls` files into place."""
    move, done = figures.output._move, [0]

    def failing(source: Path, target: Path) -> None:
        if done[0] == calls:
            raise OSError(f"no more moves after {calls}")
        done[0] += 1
        move(source, target)

    return failing


# (old run's --partition-rows, new run's): single files, parts, and a change from one to the other
LAYOUTS = [(None, None), (5, 5), (None, 5), (5, None)]


@pytest.mark.parametrize(("old_parts", "new_parts"), LAYOUTS)
def test_a_failure_between_any_two_moves_is_old_new_or_rejected_then_repaired(
    tables: tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    old_parts: int | None,
    new_parts: int | None,
) -> None:
    old_tables, new_tables = tables
    write_tables(new_tables, tmp_path / "new", new_parts)
    new = snapshot(tmp_path / "new")
    for calls in range(MOVES + 1):
        out = tmp_path / str(calls)
        write_tables(old_tables, out, old_parts)
        old = snapshot(out)
        assert old != new and package_problems(out) == []
        with monkeypatch.context() as patch:
            patch.setattr(figures.output, "_move", _failing_after(calls))
            if calls < MOVES:
                with pytest.raises(OSError, match=f"no more moves after {calls}"):
                    write_tables(new_tables, out, new_parts)
            else:
                write_tables(new_tables, out, new_parts)
        now = snapshot(out)
        assert (out / "figures.parquet").exists(), "the figures table went missing"
        assert not list(out.glob(".*")), "the failed run left its staging folder"
        if calls == 0:
            assert now == old
        elif calls < MOVES:  # some tables new, the old package: rejected
            assert package_problems(out), f"a half-switched folder passes after {calls} moves"
        else:
            assert now == new
        write_tables(new_tables, out, new_parts)  # the next run repairs it
        assert snapshot(out) == new and package_problems(out) == []


# Runs `figures extract` and kills itself with SIGKILL before its Nth move into place.
KILLED_AT_MOVE = """
import os, signal, sys
import figures.output
from figures.cli import main

move, done, stop = figures.output._move, [0], int(sys.argv[1])
def dying(source, target):
    if done[0] == stop:
        os.kill(os.getpid(), signal.SIGKILL)
    done[0] += 1
    move(source, target)
figures.output._move = dying
sys.exit(main(sys.argv[2:]))
"""


def test_a_partitioned_run_killed_between_any_two_moves_keeps_its_figures_and_is_repaired(
    inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    old_input, new_input = inputs
    run = ["extract", "--quiet", "--jobs", "1", "--partition-rows", "5"]
    assert main([*run, str(new_input), "--out", str(tmp_path / "new")]) == 0
    assert main([*run, str(old_input), "--out", str(tmp_path / "old")]) == 0
    new, old = snapshot(tmp_path / "new"), snapshot(tmp_path / "old")
    killed = []
    # Before any move; figures.csv moved, its folder of parts not; every table moved, the package
    # not. (The test above fails a run between every two moves; each kill costs a process.)
    for calls in (0, 3, 4, MOVES - 1):  # every kill at once: the processes share the cores
        out = tmp_path / str(calls)
        shutil.copytree(tmp_path / "old", out)
        command = [sys.executable, "-c", KILLED_AT_MOVE, str(calls), *run, str(new_input)]
        killed.append((calls, out, subprocess.Popen([*command, "--out", str(out)])))
    for calls, out, process in killed:
        assert process.wait() == -signal.SIGKILL
        assert (out / "figures.parquet").is_dir(), f"no figures table after {calls} moves"
        assert list(out.glob(".figures-run.*.tmp")), "the killed run's staging folder is gone"
        if calls == 0:
            assert snapshot(out) == old and package_problems(out) == []
        else:
            assert package_problems(out), f"a half-switched folder passes after {calls} moves"
        assert main([*run, str(new_input), "--out", str(out)]) == 0  # the next run repairs it
        assert snapshot(out) == new and package_problems(out) == []
        assert not list(out.glob(".*"))


@dataclass(frozen=True)
class Broken:
    """A change to a sound dataset folder, and the problems it must give."""

    name: str
    change: Callable[[Path], object]
    problems: list[str]


def _package(folder: Path) -> dict[str, object]:
    return dict(json.loads((folder / "datapackage.json").read_text(encoding="utf-8")))


def _edit_package(edit: Callable[[dict[str, object]], object]) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        package = _package(folder)
        edit(package)
        (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")

    return change


def _resource(package: dict[str, object], name: str) -> dict[str, object]:
    resources = package["resources"]
    assert isinstance(resources, list)
    found: dict[str, object] = next(r for r in resources if r["name"] == name)
    return found


def _append(path: str, data: bytes) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        with open(folder / path, "ab") as file:
            file.write(data)

    return change


BROKEN = [
    Broken("sound", lambda folder: None, []),
    Broken(
        "no package", lambda folder: (folder / "datapackage.json").unlink(),
        ["datapackage.json is missing"],
    ),
    Broken(
        "package not JSON", lambda folder: (folder / "datapackage.json").write_text("{"),
        ["datapackage.json is unreadable: JSONDecodeError: Expecting property name enclosed in "
         "double quotes: line 1 column 2 (char 1)"],
    ),
    Broken(
        "claims not listed",
        _edit_package(lambda p: p.update(resources=[_resource(p, "documents"),
                                                    _resource(p, "figures")])),
        ["table claims is not listed in datapackage.json"],
    ),
    Broken(
        "a table file missing", lambda folder: (folder / "figures.csv").unlink(),
        ["figures.csv is listed in datapackage.json but missing"],
    ),
    Broken(
        "a table file changed", _append("claims.csv", b"\n"),
        ["claims.csv does not match its size and SHA-256 in datapackage.json"],
    ),
    Broken(
        "a row count false",
        _edit_package(lambda p: _resource(p, "documents").update(stats={
            **_resource(p, "documents")["stats"], "rows": 3})),  # type: ignore[dict-item]
        ["documents.csv has 2 rows, datapackage.json says 3",
         "table documents: datapackage.json gives other rows for its CSV and its Parquet"],
    ),
    Broken(
        "a path elsewhere",
        _edit_package(lambda p: _resource(p, "figures").update(path="/etc/passwd")),
        ["table figures: datapackage.json names other files than figures.csv and "
         "figures.parquet"],
    ),
    Broken(
        "a name leading out",
        _edit_package(lambda p: _resource(p, "figures").update(name="../figures")),
        ["table figures is not listed in datapackage.json",
         "table ../figures: datapackage.json names other files than ../figures.csv and "
         "../figures.parquet"],
    ),
    Broken(
        "a table file moved into the parts",
        lambda folder: (folder / "claims.csv").replace(folder / "claims.parquet/claims.csv"),
        ["claims.csv is listed in datapackage.json but missing",
         "claims.parquet holds parts ['claims.csv', 'part-00000.parquet', 'part-00001.parquet'], "
         "datapackage.json lists ['part-00000.parquet', 'part-00001.parquet']"],
    ),
    Broken(
        "a part missing", lambda folder: (folder / "figures.parquet/part-00002.parquet").unlink(),
        ["figures.parquet holds parts ['part-00000.parquet', 'part-00001.parquet'], "
         "datapackage.json lists ['part-00000.parquet', 'part-00001.parquet', "
         "'part-00002.parquet']"],
    ),
    Broken(
        "a part added", lambda folder: shutil.copy(folder / "claims.parquet/part-00000.parquet",
                                                   folder / "claims.parquet/part-00009.parquet"),
        ["claims.parquet holds parts ['part-00000.parquet', 'part-00001.parquet', "
         "'part-00009.parquet'], datapackage.json lists ['part-00000.parquet', "
         "'part-00001.parquet']"],
    ),
    Broken(
        "a part changed", _append("documents.parquet/part-00000.parquet", b"x"),
        ["documents.parquet/part-00000.parquet does not match its size and SHA-256 in "
         "datapackage.json"],
    ),
]  # fmt: skip


@pytest.mark.parametrize("case", BROKEN, ids=lambda case: case.name)
def test_package_problems(case: Broken, tmp_path: Path) -> None:
    assert main(["extract", str(ROOT / "seeds"), "--out", str(tmp_path), "--quiet",
                 "--partition-rows", "5"]) == 0  # fmt: skip
    case.change(tmp_path)
    assert package_problems(tmp_path) == case.problems


def test_without_an_atomic_exchange_a_folder_of_parts_is_moved_aside_first(
    tables: tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where renameat2 cannot exchange (not Linux, or a file system without it), the old folder
    moves aside before the new one moves in: the result is the same, only not in one step."""
    old_tables, new_tables = tables
    write_tables(new_tables, tmp_path / "new", 5)
    write_tables(old_tables, tmp_path / "out", 5)
    monkeypatch.setattr(figures.output, "_exchange", lambda a, b: False)
    write_tables(new_tables, tmp_path / "out", 5)
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "new")
    assert package_problems(tmp_path / "out") == [] and not list((tmp_path / "out").glob(".*"))
