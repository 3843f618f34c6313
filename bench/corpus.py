"""Generate a realistic benchmark corpus from seeds/: the sample articles with their numbers varied,
paragraphs reordered and a few phrasings swapped, written as .txt files of about 5 kB.

    python bench/corpus.py OUT_DIR --mb 50
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"\d[\d,]*")
SWAPS = [
    ("were killed", "died"), ("were injured", "were wounded"), ("shot down", "downed"),
    ("launched", "fired"), ("said", "reported"), ("overnight", "on Saturday"),
    ("Three people", "Four civilians"), ("Sixty-six drones", "Dozens of drones"),
]  # fmt: skip


def _vary(paragraph: str, rng: random.Random) -> str:
    paragraph = NUMBER.sub(
        lambda m: f"{rng.randint(2, 20000):,}" if "," in m.group() else str(rng.randint(2, 900)),
        paragraph,
    )
    for old, new in SWAPS:
        if rng.random() < 0.3:
            paragraph = paragraph.replace(old, new)
    return paragraph


def generate(out: Path, megabytes: float, seed: int = 1) -> list[Path]:
    """Write about `megabytes` MB of varied seed articles into `out`; returns the files."""
    rng = random.Random(seed)
    paragraphs = [
        p.strip()
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for p in path.read_text(encoding="utf-8").splitlines()
        if p.strip()
    ]
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    files: list[Path] = []
    while written < megabytes * 1e6:
        body = "\n\n".join(
            _vary(p, rng) for p in rng.sample(paragraphs, k=min(24, len(paragraphs)))
        )
        path = out / f"doc{len(files):07d}.txt"
        path.write_text(body + "\n", encoding="utf-8")
        files.append(path)
        written += len(body.encode("utf-8")) + 1
    return files


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=50.0)
    args = parser.parse_args()
    print(f"{len(generate(args.out, args.mb))} files in {args.out}")
