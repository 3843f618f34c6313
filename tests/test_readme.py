"""Every command and code block in the README runs as written."""

from __future__ import annotations

import contextlib
import io
import shlex
import shutil
from pathlib import Path

import pytest

from figures.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    parts = README.split(f"```{language}\n")[1:]
    return [part.split("```", 1)[0] for part in parts]


def _commands() -> list[str]:
    lines = [line.split("  #")[0].strip() for block in _blocks("sh") for line in block.splitlines()]
    return [line for line in lines if line.startswith(("figures ", "python -m figures"))]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_readme_has_the_two_setup_commands() -> None:
    assert "pip install . && figures extract seeds --out data" in _blocks("sh")[0]
    assert "pip install '.[test]' && pytest" in _blocks("sh")[1]


@pytest.mark.parametrize("command", _commands())
def test_readme_command_runs(command: str, workdir: Path) -> None:
    if "../shared" in command:
        pytest.skip("needs the shared development set beside the checkout")
    if "--scheduler" in command:
        pytest.skip("needs a running Dask scheduler")
    words = shlex.split(command.split("&&")[-1].strip())
    words = words[3:] if words[:3] == ["python", "-m", "figures"] else words[1:]
    if words[:1] in (["validate"], ["report"]):  # reads what an earlier command in the block wrote
        main(["extract", "seeds", "--out", "out", "--quiet"])
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(words)
        except SystemExit as done:  # --help
            code = int(done.code or 0)
    assert code == 0, command


@pytest.mark.parametrize("block", _blocks("python"), ids=lambda b: b.splitlines()[0][:40])
def test_readme_python_runs(block: str, workdir: Path) -> None:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(compile(block, "README.md", "exec"), {})
    assert out.getvalue().strip()
