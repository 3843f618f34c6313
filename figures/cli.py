"""The `figures` command line: a thin layer over the library that prints and sets exit codes."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

USAGE_ERROR, INVALID = 2, 1


# The name on the package index, where `figures` is another project; the command and the import
# package are `figures`.
DISTRIBUTION = "incident-figures"


def _version() -> str:
    """The installed distribution's version, or the package's own when run from a source tree."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        from . import __version__

        return f"{__version__} (not installed)"


MAX_BYTES = 64 * 1024 * 1024  # documents.MAX_BYTES, without importing it for --help

VALIDATE_EPILOG = """exit codes:
  0  every table is valid
  1  a table is invalid, or a table of a folder is missing (a report says what and where)
  2  usage error: no such path, or no documents/figures/claims tables found"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="figures",
        description="Turn news reports into a validated dataset of incident figures.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    _add_extract(commands)
    validate = commands.add_parser(
        "validate",
        help="validate tables against the schemas and each other",
        description="Check documents/figures/claims tables (.parquet or .csv): each row against\n"
        "the schemas, figures against their documents and claims, a folder for all three\n"
        "tables, and its CSV and Parquet files for the same number of rows.",
        epilog=VALIDATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument(
        "paths", nargs="+", metavar="PATH", help="a folder of tables, or table files"
    )
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="report format (default: text)"
    )
    report = commands.add_parser(
        "report",
        help="write a review page of a dataset",
        description="Write one HTML page: totals, claims and each document's text with its "
        "figures. Exit 0: written; 1: written, but some documents' texts were not found or "
        "changed since extraction (flagged on the page); 2: nothing written (usage error).",
    )
    report.add_argument("folder", help="a folder written by `figures extract`")
    report.add_argument(
        "--html", required=True,
        help="the page to write: a new .html file, or an existing one to replace",
    )  # fmt: skip
    report.add_argument(
        "--texts", metavar="DIR",
        help="folder the documents' paths are relative to (tried after the current folder, "
        "before the dataset folder's parent)",
    )  # fmt: skip
    schemas = commands.add_parser(
        "schemas",
        help="write the published schemas: pandera YAML and Frictionless Table Schema JSON",
        description="Write each table's pandera schema (NAME.yaml) and Frictionless Table Schema "
        "(NAME.schema.json), generated from the pandera models, into a folder.",
    )
    schemas.add_argument("out", help="folder to write the .yaml and .schema.json files into")
    explain = commands.add_parser(
        "explain", help="show what each number of a text gave, or why not"
    )
    explain.add_argument("text", help="the text to read, e.g. one sentence in quotes")
    explain.add_argument("--published", help="the text's publication date (YYYY-MM-DD)")
    return parser


def _add_extract(commands: Any) -> None:
    extract = commands.add_parser("extract", help="extract figures from files or folders")
    extract.add_argument(
        "inputs", nargs="+", metavar="INPUT",
        help="files (.txt .md .jsonl .csv .parquet .html), folders, or - for standard input",
    )  # fmt: skip
    extract.add_argument("--out", required=True, help="folder for the tables (.parquet, .csv)")
    extract.add_argument(
        "--text-column", default="text", help="text column of .csv/.parquet (default: %(default)s)"
    )
    extract.add_argument(
        "--engine", choices=("local", "dask"), default="local",
        help="local worker processes, or a Dask cluster "
        f"(pip install '{DISTRIBUTION}[dask]') (default: %(default)s)",
    )  # fmt: skip
    extract.add_argument("--scheduler", help="Dask scheduler address (default: a local cluster)")
    extract.add_argument(
        "--partition-rows", type=int, default=None, metavar="N",
        help="write each .parquet as a folder of parts of N rows (default: one file; "
        "parts of 100000 rows with --engine dask)",
    )  # fmt: skip
    extract.add_argument(
        "--max-bytes", type=int, default=MAX_BYTES, metavar="N",
        help="refuse larger files as too_large (default: %(default)s, 64 MiB)",
    )  # fmt: skip
    extract.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
        help="worker processes; the output is the same for any N (default: all cores, %(default)s)",
    )  # fmt: skip
    extract.add_argument(
        "--strict", action="store_true", help="exit 1 when any document is not ok (default: off)"
    )
    extract.add_argument(
        "--quiet", action="store_true", help="print nothing on success (default: off)"
    )


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
    from .run import Options, extracting, write_run

    try:
        files = discover(args.inputs)
        if os.path.exists(args.out) and not os.path.isdir(args.out):
            raise UsageError(f"--out {args.out} is a file, not a folder")
    except UsageError as error:
        print(f"figures: {error}", file=sys.stderr)
        return USAGE_ERROR
    options = Options(args.max_bytes or MAX_BYTES, args.text_column)
    partition_rows = args.partition_rows or (100_000 if args.engine == "dask" else None)
    try:
        with _progress(len(files), quiet=args.quiet) as bar, _stopped_by_sigterm():
            results: contextlib.AbstractContextManager[Iterable[Any]]
            if args.engine == "dask":
                from .cluster import extracted_on_dask

                results = contextlib.nullcontext(
                    extracted_on_dask(files, scheduler=args.scheduler, options=options)
                )
            else:
                results = extracting(files, options, args.jobs, bar.update if bar else None)
            with results as done:
                written = write_run(done, args.out, partition_rows)
    except OSError as error:  # the old dataset stays (or, failing mid-switch, one validate rejects)
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


@contextlib.contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """On SIGTERM, stop the workers, then unwind, so that the run's staging folder and lock go
    too (workers die with a killed run by themselves). Only the main thread gets signals.

    The run ends with 128 + SIGTERM even when the main thread meets the stopped workers (a
    broken pool) before the handler's exit reaches it."""
    import multiprocessing
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopped: list[int] = []

    def stop(signum: int, frame: object) -> None:
        stopped.append(signum)
        for child in multiprocessing.active_children():
            child.terminate()
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except Exception:
        if stopped:
            raise SystemExit(128 + stopped[0]) from None
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)


def _validate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .validation import validate_paths

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"figures: no such file or folder: {' '.join(missing)}", file=sys.stderr)
        return USAGE_ERROR
    report = validate_paths(args.paths)
    if not report["tables"]:
        print("figures: no documents/figures/claims tables found", file=sys.stderr)
        return USAGE_ERROR
    with _quiet_on_closed_pipe():
        if args.format == "json":
            print(json.dumps(report, indent=2, default=str))
        else:
            for line in _report_lines(report):
                print(line)
    return 0 if report["valid"] else INVALID


def _report_lines(report: dict[str, Any]) -> Iterator[str]:
    """The text report: a line per table, then one per table problem and per bad row."""
    for table in report["tables"]:
        state = "valid" if table["valid"] else "INVALID"
        yield f"{table['path']}: {state} ({table['rows']} rows)"
        for error in table["errors"]:
            where = "table" if error["row"] is None else f"row {error['row']}"
            where = where if error["line"] is None else f"line {error['line']}"
            yield f"  {where}: {'; '.join(error['problems'])}"
        listed = sum(e["row"] is not None for e in table["errors"])
        if table["bad_rows"] > listed:
            yield f"  ... and {table['bad_rows'] - listed} more bad rows"


@contextlib.contextmanager
def _quiet_on_closed_pipe() -> Iterator[None]:
    """Stop writing, without a traceback, when the reader of standard output has gone
    (`figures validate out | head -1`)."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout again at exit: point it at nothing so that flush is silent too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .output import write_text
    from .report import find_texts, render_report, target_problem, text_states
    from .validation import read_table

    folder = Path(args.folder)
    problem = target_problem(args.html)
    tables = {t: folder / f"{t}.parquet" for t in ("documents", "figures", "claims")}
    if problem is None and not (tables["documents"].exists() and tables["figures"].exists()):
        problem = f"no documents/figures tables in {folder}"
    if problem is None and args.texts and not Path(args.texts).is_dir():
        problem = f"--texts {args.texts} is not a folder"
    if problem:
        print(f"figures: {problem}", file=sys.stderr)
        return USAGE_ERROR
    try:
        documents, found = read_table(tables["documents"]), read_table(tables["figures"])
        claims = read_table(tables["claims"]) if tables["claims"].exists() else None
    except (OSError, ValueError) as error:  # pyarrow's errors are of these kinds
        print(f"figures: cannot read the tables in {folder}: {error}", file=sys.stderr)
        return USAGE_ERROR
    bases = [Path(p) for p in (args.texts, folder.absolute().parent) if p]
    texts, changed = find_texts(documents, bases)
    page = render_report(documents, found, claims, texts, changed)
    write_text(args.html, page)
    print(f"{len(found)} figures in {len(documents)} documents -> {args.html}")
    states = text_states(documents, texts, changed)
    if states["changed"] or states["missing"]:
        print(
            f"figures: {states['missing']} documents' texts not found, {states['changed']} "
            "changed since extraction: their figures are shown with their sentences (run from "
            "the extraction's folder, or give --texts DIR)",
            file=sys.stderr,
        )
        return INVALID
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
