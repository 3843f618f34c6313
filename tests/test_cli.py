"""The command line: extract and validate, exit codes, help texts and --version (each broken
table and its report: tests/test_validation.py)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from figures.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_extract_writes_tables_and_prints_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(ROOT / "seeds"), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 documents read, 12 figures found, 0 documents with problems")
    names = sorted(p.name for p in tmp_path.iterdir())
    tables = [f"{t}.{s}" for t in ("claims", "documents", "figures") for s in ("csv", "parquet")]
    assert names == sorted([*tables, "datapackage.json"])
    assert len(pd.read_parquet(tmp_path / "figures.parquet")) == 12


def test_python_dash_m_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "figures", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "extract" in done.stdout and "validate" in done.stdout


def test_validate_committed_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(ROOT / "data")]) == 0
    assert "figures.parquet: valid (12 rows)" in capsys.readouterr().out


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "nope")]) == 2
    assert main(["extract", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()
    (tmp_path / "empty").mkdir()
    assert main(["extract", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == 2
    assert main(["validate", str(tmp_path / "empty")]) == 2  # no tables there
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    assert main(["extract", str(ROOT / "seeds"), "--out", str(tmp_path / "a-file")]) == 2


def test_validate_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["validate", str(ROOT / "data" / "figures.parquet"), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is True and report["tables"][0]["rows"] == 12


def test_strict_exits_1_on_a_problem_document(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Two people were killed, police said.", encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    assert main(["extract", str(inputs), "--out", str(tmp_path / "a"), "--quiet"]) == 0
    assert main(["extract", str(inputs), "--out", str(tmp_path / "b"), "--strict", "--quiet"]) == 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_not_when_quiet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from figures.cli import _progress

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with _progress(100, quiet=False) as bar:
        assert bar is None  # not a terminal
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with _progress(100, quiet=True) as bar:
        assert bar is None
    with _progress(5, quiet=False) as bar:
        assert bar is None  # too few files to need one
    with _progress(100, quiet=False) as bar:
        assert bar is not None
        bar.update(100)
    assert "0/100" in terminal.getvalue() and "file/s" in terminal.getvalue()


def _help(*words: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "figures", *words, "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())  # argparse wraps lines to the terminal's width


def test_version_is_the_installed_distributions(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"figures {version('incident-figures')}\n"


def test_version_without_an_installed_distribution(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    from figures import __version__
    from figures.cli import _version

    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert _version() == f"{__version__} (not installed)"


def test_help_texts_show_defaults_exit_codes_and_formats() -> None:
    from figures.documents import MAX_BYTES

    extract = _help("extract")
    for default in (
        "(default: text)", "(default: local)", "(default: a local cluster)",
        f"(default: {MAX_BYTES}, 64 MiB)",
        "(default: one file; parts of 100000 rows with --engine dask)",
        "(default: all cores,", "(default: off)",
    ):  # fmt: skip
        assert default in extract, default
    validate = _help("validate")
    for code in ("0 every table is valid", "1 a table is invalid", "2 usage error"):
        assert code in validate, code
    top = _help()
    assert "pandera YAML and Frictionless Table Schema JSON" in top
    assert ".yaml and .schema.json" in _help("schemas")


def test_gitignore_covers_what_the_readme_commands_write() -> None:
    done = subprocess.run(
        ["git", "check-ignore", "out/figures.parquet", "report.html"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert done.stdout.split() == ["out/figures.parquet", "report.html"]


def test_every_subpackage_is_installed() -> None:
    """`pip install .` ships only the packages pyproject.toml lists: a new subpackage missing
    there imports from a checkout but not from an install (CI caught `figures.rules` so)."""
    import tomllib

    root = Path(__file__).resolve().parents[1]
    listed = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["packages"]
    found = sorted(
        ".".join(p.parent.relative_to(root).parts) for p in (root / "figures").rglob("__init__.py")
    )
    assert sorted(listed) == found
