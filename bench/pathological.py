"""Benchmark: seconds per MB of each pathological input of issue 14 beside ordinary news, and the
peak memory of one large document.

    python bench/pathological.py                 # every input at 1 MB
    python bench/pathological.py --mb 10 --only news   # one 10 MB document of news
    python bench/pathological.py --mb 64 --only news   # the 64 MiB ceiling of --max-bytes

Each input is one file, extracted by `figures extract FILE --jobs 1` in a child process run
under `/usr/bin/time -v` when it exists, so seconds and peak RSS are the child's own. The
report gives each input's seconds per MB, after the run's fixed start-up cost is taken off, and
its ratio to ordinary news (the target: all within 5x), and the cost per figure found: an input
dense in figures ("2 killed" on every line) costs more per MB because it has more rows to make.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

MB = 1_000_000
TIME = Path("/usr/bin/time")


def _news(size: int, work: Path) -> str:
    """Ordinary news: the benchmark corpus's varied seed articles, one after another."""
    folder = work / f"news-{size}"
    files = sorted(folder.glob("*.txt")) if folder.exists() else generate(folder, size / MB + 0.1)
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in files)
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def _repeat(piece: str) -> Callable[[int, Path], str]:
    return lambda size, _work: (piece * (size // len(piece.encode("utf-8")) + 1))[:size]


def _html_table(size: int, _work: Path) -> str:
    row = "<tr><td>Kherson</td><td>12</td><td>killed</td><td>34 wounded</td></tr>\n"
    rows = row * (size // len(row))
    return f"<html><body><article><h1>Losses</h1><table>\n{rows}</table></article></body></html>"


INPUTS: dict[str, tuple[str, Callable[[int, Path], str]]] = {
    "news": (".txt", _news),
    "quoted_sentences": (
        ".txt",
        _repeat('"Two people were killed and 14 wounded in the town," the governor said. '),
    ),
    "killed_lines": (".txt", _repeat("2 killed\n")),
    "html_table": (".html", _html_table),
    "comma_ones": (".txt", _repeat("1,")),
    "digits": (".txt", _repeat("9")),
    "phrases": (".txt", _repeat("killed and wounded and ")),
    "one_line": (".txt", _repeat("two people died ")),
    "names_said": (".txt", _repeat("Mr Smith said ")),
    "at_least": (".txt", _repeat("at least ")),
    "place_commas": (".txt", _repeat("Kyiv, ")),
    "open_quotes": (".txt", _repeat("“")),
}


def _measure(path: Path, out: Path) -> tuple[float, float | None]:
    """CPU seconds (user and system; wall-clock seconds without /usr/bin/time) and peak RSS
    (MB) of one `figures extract`: CPU time does not grow when other work loads the machine."""
    command = [sys.executable, "-m", "figures", "extract", str(path), "--out", str(out),
               "--jobs", "1", "--quiet"]  # fmt: skip
    if TIME.exists():
        command = [str(TIME), "-v", *command]
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - began
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    cpu = re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", done.stderr)
    seconds = sum(map(float, cpu)) if cpu else seconds
    return seconds, int(peak.group(1)) / 1024 if peak else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of each input (MB)")
    parser.add_argument("--only", action="append", choices=sorted(INPUTS), help="repeatable")
    parser.add_argument("--work", type=Path, help="folder for inputs and outputs (default: temp)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="figures-pathological-"))
    size = int(args.mb * MB)
    news_rate: float | None = None
    # The fixed cost of a run (imports, an empty dataset written) is taken off every input's.
    (work / "startup.txt").write_text("Nothing happened.", encoding="utf-8")
    startup, _ = _measure(work / "startup.txt", work / "out-startup")
    print(json.dumps({"input": "startup", "cpu_seconds": round(startup, 2)}), flush=True)
    for name in args.only or list(INPUTS):
        suffix, make = INPUTS[name]
        path = work / f"{name}-{args.mb:g}mb{suffix}"
        if not path.exists():
            path.write_text(make(size, work), encoding="utf-8")
        megabytes = path.stat().st_size / MB
        seconds, peak = _measure(path, work / f"out-{name}")
        rate = max(seconds - startup, 0.0) / megabytes
        rows = pq.ParquetFile(work / f"out-{name}" / "figures.parquet").metadata.num_rows
        news_rate = rate if name == "news" else news_rate
        print(json.dumps({
            "input": name, "mb": round(megabytes, 2), "cpu_seconds": round(seconds, 2),
            "seconds_per_mb": round(rate, 2), "figures": rows,
            "ms_per_figure": round(1000 * (seconds - startup) / rows, 3) if rows else None,
            "times_news": None if news_rate is None else round(rate / news_rate, 2),
            "peak_rss_mb": None if peak is None else round(peak),
        }), flush=True)  # fmt: skip
    print(f"work folder: {work}", file=sys.stderr)


if __name__ == "__main__":
    main()
