"""Every command and code block in the README runs as written, and prints what the README shows.

Shell lines run one `&&` step at a time in a folder holding copies of `seeds/` and `data/`; the
few that cannot run inside the tests are listed in SKIPPED with the reason. A Python block
followed directly by a `text` block (or a block with no language) must print exactly that.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from figures.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
BLOCKS = [(m.group(1), m.group(2), m.start(), m.end()) for m in BLOCK.finditer(README)]

SKIPPED = {  # the start of a step: why it does not run here
    "pip install": "changes the environment (its names are checked below)",
    "pytest": "the tests themselves",
    "ruff": "lint: CI runs it",
    "mypy": "types: CI runs it",
    "python bench/run.py": "a benchmark of minutes",
}


def _blocks(language: str) -> list[str]:
    return [body for lang, body, _, _ in BLOCKS if lang == language]


def _steps() -> list[str]:
    """Every `&&` step of the README's shell lines and of its CI steps (`- run: ...`)."""
    lines = [line.split("  #")[0].strip() for block in _blocks("sh") for line in block.splitlines()]
    lines += [
        line.split("- run:", 1)[1] for block in _blocks("yaml") for line in block.splitlines()
        if line.startswith("- run:")
    ]  # fmt: skip
    return [step.strip() for line in lines for step in line.split("&&") if step.strip()]


def _outputs() -> list[tuple[str, str | None]]:
    """Each Python block, with the output shown right after it, if any."""
    found = []
    for i, (language, body, _, end) in enumerate(BLOCKS):
        if language != "python":
            continue
        after = BLOCKS[i + 1] if i + 1 < len(BLOCKS) else None
        shown = (
            after[1]
            if after and after[0] in ("text", "") and not README[end : after[2]].strip()
            else None
        )
        found.append((body, shown))
    return found


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


DISTRIBUTION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "name"
]
THIRD_PARTY = {"frictionless"}  # installed by name for a command of their own
PIP_INSTALL = re.compile(r"pip install ((?:[^`&)\n]|&(?!&))+)")


def _installed_names(text: str) -> list[str]:
    """The distributions that the `pip install` commands of `text` name; "." is the checkout."""
    names = []
    for words in PIP_INSTALL.findall(text):
        for word in shlex.split(words.replace("<", "").replace(">", "")):
            name = re.match(r"[A-Za-z0-9_.-]*", word)
            if not word.startswith("-") and name and name.group() not in ("", "."):
                names.append(name.group())
    return names


def test_the_distribution_is_not_the_unrelated_figures_on_the_index() -> None:
    assert DISTRIBUTION == "incident-figures"


@pytest.mark.parametrize(
    "path",
    [
        "README.md",
        "figures/cli.py",
        "figures/documents.py",
        "figures/cluster.py",
    ],
)
def test_install_lines_name_our_distribution(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8").replace("{DISTRIBUTION}", DISTRIBUTION)
    names = _installed_names(text)
    assert names, f"no pip install line in {path}"
    assert set(names) <= {DISTRIBUTION, *THIRD_PARTY}, names


def test_the_readme_has_the_two_setup_commands() -> None:
    assert "pip install . && figures extract seeds --out data" in _blocks("sh")[0]
    assert "pip install '.[test]' && pytest" in _blocks("sh")[1]


def _run(step: str) -> int:
    """Run one step; the figures command in this process, others as a process."""
    words = shlex.split(step)
    if words[:1] == ["figures"] or words[:3] == ["python", "-m", "figures"]:
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                return main(words[3:] if words[0] == "python" else words[1:])
            except SystemExit as done:  # --help, --version
                return int(done.code or 0)
    if words[0] == "python":
        words[0] = sys.executable
        cwd = ROOT  # the repository's own scripts (tests/test_accuracy.py)
    else:
        words[0] = str(Path(sys.executable).parent / words[0])  # a tool of this environment
        cwd = Path.cwd()
    return subprocess.run(words, cwd=cwd, capture_output=True, check=False).returncode


@pytest.mark.parametrize("step", _steps())
def test_readme_command_runs(step: str, workdir: Path) -> None:
    why = next((why for start, why in SKIPPED.items() if step.startswith(start)), None)
    if why:
        pytest.skip(why)
    if "../shared" in step:
        pytest.skip("needs the maintainers' development set beside the checkout")
    if "--scheduler" in step:
        pytest.skip("needs a running Dask scheduler")
    if step.split()[1:2] in (["validate"], ["report"]) or step.startswith("frictionless"):
        main(["extract", "seeds", "--out", "out", "--quiet"])  # as an earlier line of its block
    assert _run(step) == 0, step


@pytest.mark.parametrize("block, shown", _outputs(), ids=lambda b: str(b).splitlines()[0][:40])
def test_readme_python_runs_and_prints_what_is_shown(
    block: str, shown: str | None, workdir: Path
) -> None:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(compile(block, "README.md", "exec"), {})
    assert out.getvalue().strip()
    if shown is not None:
        assert out.getvalue() == shown


def test_the_counting_example_counts_each_fact_once(workdir: Path) -> None:
    """On seeds: 3 killed, not 3 + 2 (a part); 1,300 km² once though two articles report it;
    troops as 10,000 to 12,000 (summing `value` gives 0)."""
    block = next(body for body, _ in _outputs() if "skipna=False" in body)
    scope: dict[str, object] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(block, "README.md", "exec"), scope)
    totals = scope["totals"]
    rows = {
        key: tuple(float(v) for v in row)
        for key, row in totals.iterrows()  # type: ignore[attr-defined]
    }
    assert rows[("killed", "people", "count")] == (3.0, 3.0, 3.0)
    assert rows[("area", "land", "km2")] == (1300.0, 1300.0, 1300.0)
    assert rows[("deployed", "troops", "count")] == (10000.0, 10000.0, 12000.0)
    assert rows[("destroyed", "drones", "count")] == (111.0, 111.0, 111.0)  # parts of launched


def test_yaml_blocks_parse_and_name_our_hook() -> None:
    hooks = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    named = set()
    for block in _blocks("yaml"):
        for entry in yaml.safe_load(block):
            named |= {hook["id"] for hook in entry.get("hooks", [])}
    assert named and named <= hooks


def test_the_validate_example_is_what_validate_prints(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Validate section's report: a swapped range on line 3, an unknown metric on line 4,
    inf on line 6, and no claims table."""
    import csv

    main(["extract", "seeds", "--out", "out", "--quiet"])
    with open("out/figures.csv", encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    header = records[0]
    records[2][header.index("low")], records[2][header.index("high")] = "12000.0", "10000.0"
    records[3][header.index("metric")] = "foo"
    records[5][header.index("value")] = "inf"
    with open("out/figures.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(records)
    for suffix in ("csv", "parquet"):
        Path(f"out/claims.{suffix}").unlink()
    capsys.readouterr()
    assert main(["validate", "out"]) == 1
    printed = capsys.readouterr().out.splitlines()
    shown = next(body for lang, body, _, _ in BLOCKS if lang == "text" and "INVALID" in body)
    invalid, keep = [], False
    for line in printed:  # the invalid tables' lines, with the problems under them
        keep = "INVALID" in line if not line.startswith(" ") else keep
        invalid += [line] if keep else []
    assert "\n".join(invalid) + "\n" == shown
