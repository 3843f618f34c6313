"""Benchmark: end-to-end extraction speed and memory on a generated corpus, beside a plain regex
digit pass over the same files and, if installed, quantulum3 on a sample.

    python bench/run.py --mb 50            # one corpus, --jobs 1 and --jobs 2
    python bench/run.py --mb 50 --mb 500   # memory growth from one size to the next

Each extraction runs `figures extract` in a child process, so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

DIGITS = regex.compile(r"\d+")


def _extract(corpus: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `figures extract` run in a child process."""
    command = [sys.executable, "-m", "figures", "extract", str(corpus), "--out", str(out),
               "--jobs", str(jobs), "--quiet"]  # fmt: skip
    began = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def _digit_pass(files: list[Path]) -> float:
    began = time.perf_counter()
    for path in files:
        for _ in DIGITS.finditer(path.read_text(encoding="utf-8")):
            pass
    return time.perf_counter() - began


def _quantulum(files: list[Path], budget: float = 20.0) -> float | None:
    """MB/s of quantulum3 on as many files as fit in `budget` seconds, or None if absent."""
    try:
        from quantulum3 import parser
    except ImportError:
        return None
    done, began = 0, time.perf_counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        parser.parse(text)
        done += len(text.encode("utf-8"))
        if time.perf_counter() - began > budget:
            break
    return done / 1e6 / (time.perf_counter() - began)


def run(megabytes: float, work: Path) -> dict[str, float | None]:
    corpus = work / f"corpus-{megabytes:g}mb"
    files = generate(corpus, megabytes) if not corpus.exists() else sorted(corpus.glob("*.txt"))
    size = sum(p.stat().st_size for p in files) / 1e6
    one, rss = _extract(corpus, work / "out1", jobs=1)
    two, _ = _extract(corpus, work / "out2", jobs=2)
    same = all(
        (work / "out1" / n).read_bytes() == (work / "out2" / n).read_bytes()
        for n in ("documents.parquet", "figures.parquet", "claims.parquet")
    )
    digits = _digit_pass(files)
    quantulum = _quantulum(files)
    result = {
        "corpus_mb": round(size, 1), "documents": len(files),
        "mb_per_s_jobs1": round(size / one, 2), "docs_per_s_jobs1": round(len(files) / one),
        "mb_per_s_jobs2": round(size / two, 2), "speedup_jobs2": round(one / two, 2),
        "identical_output_jobs1_jobs2": same, "peak_rss_mb_jobs1": round(rss),
        "regex_digit_pass_mb_per_s": round(size / digits, 1),
        "times_slower_than_digit_pass": round(one / digits, 1),
        "quantulum3_mb_per_s": None if quantulum is None else round(quantulum, 4),
        "times_faster_than_quantulum3": quantulum and round(size / one / quantulum),
    }  # fmt: skip
    return result


def _size(result: dict[str, float | None]) -> float:
    return result["corpus_mb"] or 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, action="append", help="corpus size (repeatable)")
    parser.add_argument("--work", type=Path, help="folder for corpora and outputs (default: temp)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="figures-bench-"))
    results = []
    for megabytes in args.mb or [50.0]:
        results.append(run(megabytes, work))
        print(json.dumps(results[-1]), flush=True)
    if len(results) > 1:  # memory growth: peak RSS of the largest corpus over the smallest
        small, large = min(results, key=_size), max(results, key=_size)
        growth = large["peak_rss_mb_jobs1"] / small["peak_rss_mb_jobs1"]  # type: ignore[operator]
        print(json.dumps({"peak_rss_growth": round(growth, 2), "from_mb": small["corpus_mb"],
                          "to_mb": large["corpus_mb"]}))  # fmt: skip
    print(f"cores: {os.cpu_count()}, work folder: {work}", file=sys.stderr)


if __name__ == "__main__":
    main()
