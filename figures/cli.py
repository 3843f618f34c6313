"""The `figures` command line: a thin layer over the library that prints and sets exit codes."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

USAGE_ERROR, INVALID = 2, 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="figures",
        description="Turn news reports into a validated dataset of incident figures.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="extract figures from files or folders")
    extract.add_argument(
        "inputs", nargs="+", metavar="INPUT",
        help="files (.txt .md .jsonl .csv .parquet .html), folders, or - for standard input",
    )  # fmt: skip
    extract.add_argument("--out", required=True, help="folder for the tables (.parquet, .csv)")
    extract.add_argument("--text-column", default="text", help="text column of .csv/.parquet")
    extract.add_argument(
        "--engine", choices=("local", "dask"), default="local",
        help="local worker processes, or a Dask cluster (pip install 'figures[dask]')",
    )  # fmt: skip
    extract.add_argument("--scheduler", help="Dask scheduler address (default: a local cluster)")
    extract.add_argument(
        "--partition-rows", type=int, default=None,
        help="write each .parquet as a folder of parts of N rows (dask default: 100000)",
    )  # fmt: skip
    extract.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        help="refuse larger files as too_large (default 64 MiB)",
    )
    extract.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: all cores)",
    )
    extract.add_argument("--strict", action="store_true", help="exit 1 when any document is not ok")
    extract.add_argument("--quiet", action="store_true", help="print nothing on success")
    validate = commands.add_parser("validate", help="validate tables against the schemas")
    validate.add_argument(
        "paths", nargs="+", metavar="PATH", help="a folder of tables, or table files"
    )
    validate.add_argument("--format", choices=("text", "json"), default="text")
    report = commands.add_parser("report", help="write a review page of a dataset")
    report.add_argument("folder", help="a folder written by `figures extract`")
    report.add_argument("--html", required=True, help="the page to write, e.g. report.html")
    schemas = commands.add_parser("schemas", help="write the published schemas (pandera YAML)")
    schemas.add_argument("out", help="folder to write the YAML files into")
    explain = commands.add_parser(
        "explain", help="show what each number of a text gave, or why not"
    )
    explain.add_argument("text", help="the text to read, e.g. one sentence in quotes")
    explain.add_argument("--published", help="the text's publication date (YYYY-MM-DD)")
    return parser


PROGRESS_FROM = 20  # files: smaller runs finish before a bar would help


@contextlib.contextmanager
def _progress(total: int, *, quiet: bool) -> Iterator[Any]:
    """A progress bar on stderr for long runs in a terminal; None otherwise."""
    if quiet or total < PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="file", file=sys.stderr, leave=False) as bar:
        yield bar


def _extract(args: argparse.Namespace) -> int:
    from .documents import MAX_BYTES, UsageError, discover
    from .output import stream_tables
    from .pipeline import Options, extracted, unique

    try:
        files = discover(args.inputs)
        if os.path.exists(args.out) and not os.path.isdir(args.out):
            raise UsageError(f"--out {args.out} is a file, not a folder")
    except UsageError as error:
        print(f"figures: {error}", file=sys.stderr)
        return USAGE_ERROR
    options = Options(args.max_bytes or MAX_BYTES, args.text_column)
    partition_rows = args.partition_rows or (100_000 if args.engine == "dask" else None)
    with _progress(len(files), quiet=args.quiet) as bar:
        if args.engine == "dask":
            from .cluster import extracted_on_dask

            results = extracted_on_dask(files, scheduler=args.scheduler, options=options)
        else:
            results = extracted(files, options, args.jobs, bar.update if bar else None)
        try:
            written = stream_tables(unique(results), args.out, partition_rows)
        except OSError as error:  # the previous dataset, if any, is left as it was
            print(f"figures: could not write to {args.out}: {error}", file=sys.stderr)
            return INVALID
    if not args.quiet:
        print(
            f"{written.rows['documents']} documents read, {written.rows['figures']} figures "
            f"found, {len(written.problems)} documents with problems -> {args.out}"
        )
        for document in written.problems:
            print(f"  {document.status}: {document.path}: {document.message}", file=sys.stderr)
    return INVALID if args.strict and written.problems else 0


def _validate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .validation import validate_paths

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"figures: no such file or folder: {' '.join(missing)}", file=sys.stderr)
        return USAGE_ERROR
    report = validate_paths(args.paths)
    if args.format == "json":
        print(json.dumps(report, indent=2, default=str))
    else:
        for table in report["tables"]:
            print(
                f"{table['path']}: {'valid' if table['valid'] else 'INVALID'} "
                f"({table['rows']} rows)"
            )
            for error in table["errors"]:
                print(
                    f"  column {error['column']!s}, check {error['check']}: rows {error['rows']} "
                    f"(failing values: {error['values']})"
                )
        if not report["tables"]:
            print("figures: no documents/figures tables found", file=sys.stderr)
    if not report["tables"]:
        return USAGE_ERROR
    return 0 if report["valid"] else INVALID


def _report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .documents import read_texts
    from .output import write_text
    from .report import render_report
    from .validation import read_table

    folder = Path(args.folder)
    if not (folder / "documents.parquet").exists() or not (folder / "figures.parquet").exists():
        print(f"figures: no documents/figures tables in {folder}", file=sys.stderr)
        return USAGE_ERROR
    documents, found = (
        read_table(folder / "documents.parquet"),
        read_table(folder / "figures.parquet"),
    )
    texts = read_texts(str(p) for p in documents["path"])
    write_text(args.html, render_report(documents, found, texts))
    print(f"{len(found)} figures in {len(documents)} documents -> {args.html}")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from .output import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return 0


def _explain(args: argparse.Namespace) -> int:
    from .explain import explain

    found = explain(args.text, published=args.published)
    if not found:
        print("no numbers found")
    for item in found:
        number = item.number
        print(f"{number.text!r} = {_amount(number.value, number.low, number.high, number.approx)}")
        for row in item.rows:
            amount = _amount(row.value, row.low, row.high, row.approx)
            unit = " km2" if row.unit == "km2" else ""
            written = f" ({row.number_text!r})" if row.number_text != number.text else ""
            print(
                f"  row: {row.metric}, {row.subject}, {amount}{unit}{written}; "
                f"source: {row.source}; location: {row.location}; rule: {row.rule}"
            )
        if item.reason:
            print(f"  left: {item.reason}")
    return 0


def _amount(value: float | None, low: float | None, high: float | None, approx: str) -> str:
    """A value as read: "2", "about 1,300", "10,000-12,000", "at least 24"."""

    def plain(number: float | None) -> str:
        return "?" if number is None else f"{number:,.{0 if number.is_integer() else 2}f}"

    if approx == "range":
        return f"{plain(low)}-{plain(high)}"
    shown = plain(value if value is not None else low)
    words = {
        "about": "about",
        "at_least": "at least",
        "more_than": "more than",
        "at_most": "at most",
    }
    return f"{words[approx]} {shown}" if approx in words else shown


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    handlers = {"extract": _extract, "validate": _validate, "report": _report, "schemas": _schemas}
    handlers["explain"] = _explain
    return handlers[args.command](args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
