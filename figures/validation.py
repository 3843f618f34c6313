"""Read written tables back and validate them: each row against the schemas, the links between
tables, and a folder as a whole (every table there, CSV and Parquet of the same length).

A report names each bad row once, by its CSV line (the header is line 1; a record that spans
lines is named by its first) or, for Parquet, by its DataFrame row (0-based, as
`pd.read_parquet(path).loc[row]`), with every check it fails and the values that fail it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import numbers
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from pyarrow import types as pa_types

from .output import PACKAGE, TABLES, package_problems, restore

MAX_REPORTED = 100  # bad rows listed per table; the count of all is reported too


@dataclass
class Checked:
    """One table file and what is wrong with it: problems of the table as a whole, and of rows
    (by DataFrame row), with each row's CSV line when read from CSV."""

    name: str
    path: Path
    frame: pd.DataFrame | None = None
    lines: list[int] | None = None
    table: list[str] = field(default_factory=list)
    rows: dict[int, list[str]] = field(default_factory=dict)
    unreadable: set[tuple[int, str]] = field(default_factory=set)  # CSV cells, left null

    def flag(self, row: int, problem: str) -> None:
        found = self.rows.setdefault(row, [])
        if problem not in found:
            found.append(problem)

    def report(self) -> dict[str, Any]:
        """The JSON form: table problems first (row and line null), then rows in order."""
        errors: list[dict[str, Any]] = [
            {"row": None, "line": None, "problems": [problem]} for problem in self.table
        ]
        for row in sorted(self.rows)[:MAX_REPORTED]:
            line = self.lines[row] if self.lines is not None else None
            errors.append({"row": row, "line": line, "problems": self.rows[row]})
        return {
            "table": self.name, "path": str(self.path), "valid": not errors,
            "rows": 0 if self.frame is None else len(self.frame), "bad_rows": len(self.rows),
            "errors": errors,
        }  # fmt: skip


def table_paths(paths: Iterable[str]) -> dict[str, list[Path]]:
    """The table files named by `paths` (folders or files), by table name."""
    found: dict[str, list[Path]] = {}
    for given in paths:
        path = Path(given)
        candidates = (
            sorted(path.glob("*.parquet")) + sorted(path.glob("*.csv")) if path.is_dir() else [path]
        )
        for candidate in candidates:
            named = found.setdefault(candidate.stem, []) if candidate.stem in TABLES else None
            if named is not None and candidate not in named:  # a file given twice is read once
                named.append(candidate)
    return found


def read_table(path: Path) -> pd.DataFrame:
    """A table as written by `write_tables`, with its dtypes."""
    if path.suffix == ".parquet":
        return _read_parquet(path)
    checked = Checked(path.stem, path)
    _read_csv(checked)
    if checked.frame is None:
        raise ValueError("; ".join(checked.table))
    return checked.frame


def _read_parquet(path: Path) -> pd.DataFrame:
    frame = pd.read_parquet(path)
    if len(frame):
        return frame
    from .tables import _CATEGORIES

    # Parquet stores no dictionary for a column without rows: restore the categories.
    for name, values in _CATEGORIES.items():
        if name in frame.columns:
            frame[name] = pd.Categorical([], categories=list(values))
    return frame


def _parquet_nans(checked: Checked) -> None:
    """Flag NaN numbers of a Parquet table, which pandas reads as missing values."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from .tables import FLOAT_COLUMNS

    assert checked.frame is not None
    names = [n for n in FLOAT_COLUMNS if n in checked.frame.columns]
    table = pq.read_table(checked.path, columns=names)
    for name in names:
        column = table.column(name)
        if not pa_types.is_floating(column.type):
            continue
        nan = pc.fill_null(pc.is_nan(column), False).to_numpy(zero_copy_only=False)
        for row in nan.nonzero()[0]:
            checked.flag(int(row), f"{name} NaN is not a number [type]")
            checked.unreadable.add((int(row), name))


def _parsers() -> dict[str, tuple[str, Callable[[str], object]]]:
    """How each typed column's CSV text is read, and what it must be."""
    from .tables import _DATES, BOOLEAN_COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, LIST_COLUMNS

    def number(text: str) -> float:
        value = float(text)
        if math.isnan(value):
            raise ValueError(text)
        return value  # inf stays: the schema's `finite` check names it

    def strings(text: str) -> list[str]:
        value = json.loads(text)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(text)
        return value

    def flag(text: str) -> bool:  # as pandas writes a boolean
        if text not in ("True", "False"):
            raise ValueError(text)
        return text == "True"

    def day(text: str) -> str:
        dt.datetime.fromisoformat(text)
        return text

    return {
        **{name: ("an integer", int) for name in INTEGER_COLUMNS},
        **{name: ("a number", number) for name in FLOAT_COLUMNS},
        **{name: ("a JSON list of strings", strings) for name in LIST_COLUMNS},
        **{name: ("an ISO date", day) for name in _DATES},
        **{name: ("True or False", flag) for name in BOOLEAN_COLUMNS},
    }


def _records(checked: Checked) -> tuple[list[str], list[list[str]]] | None:
    """The header and records of a CSV file, with each record's first line in `checked.lines`."""
    try:
        with open(checked.path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            records, lines, line = [], [], reader.line_num + 1
            for record in reader:
                if record:  # a blank line is no record
                    records.append(record)
                    lines.append(line)
                line = reader.line_num + 1
    except (UnicodeDecodeError, csv.Error) as error:
        checked.table.append(f"not a readable UTF-8 CSV file: {error} [read]")
        return None
    checked.lines = lines
    return header, records


def _read_csv(checked: Checked) -> None:
    """Read a CSV table into `checked.frame` with the written dtypes; a cell that cannot be read
    is flagged on its row and left null, and an unknown label is kept as a category of its own,
    so that the schema names it."""
    from .tables import _CATEGORIES, CLAIM_COLUMNS, DOCUMENT_COLUMNS, FIGURE_COLUMNS, _typed

    read = _records(checked)
    if read is None:
        return
    header, records = read
    for row, record in enumerate(records):
        if len(record) != len(header):
            checked.flag(row, f"has {len(record)} fields, the header {len(header)} [fields]")
    # A text cell that would start a formula was written with a leading quote (output.neutralise).
    cells: dict[str, list[object]] = {
        name: [restore(r[i]) if i < len(r) and r[i] else None for r in records]
        for i, name in enumerate(header)
    }
    columns = {"figures": FIGURE_COLUMNS, "claims": CLAIM_COLUMNS}.get(
        checked.name, DOCUMENT_COLUMNS
    )
    if header != columns:  # no row can be read for sure: name the columns, check no row
        checked.frame = pd.DataFrame({n: pd.Series(v, dtype="string") for n, v in cells.items()})
        checked.table += _header_problems(header, columns)
        return
    _parse_cells(checked, cells)
    unknown = {
        name: sorted({str(v) for v in cells[name] if v is not None} - set(known))
        for name, known in _CATEGORIES.items()
        if name in cells
    }
    known_only = {
        n: [None if v in unknown.get(n, ()) else v for v in vs] for n, vs in cells.items()
    }
    frame = _typed(known_only)
    for name, labels in unknown.items():
        if labels:
            frame[name] = pd.Categorical(cells[name], categories=[*_CATEGORIES[name], *labels])
    checked.frame = frame


def _header_problems(header: list[str], columns: list[str]) -> list[str]:
    problems = [f"column {n!r} is missing [columns]" for n in columns if n not in header]
    problems += [f"column {n!r} is not in the schema [columns]" for n in header if n not in columns]
    if sorted(header) == sorted(columns):
        problems.append(f"columns are not in the schema's order: {', '.join(columns)} [columns]")
    return problems


def _parse_cells(checked: Checked, cells: dict[str, list[object]]) -> None:
    """Parse the typed columns' text in place; a cell that fails is flagged and left null."""
    parsers = _parsers()
    for name, values in cells.items():
        if name not in parsers:
            continue
        kind, parse = parsers[name]
        for row, text in enumerate(values):
            try:
                values[row] = None if text is None else parse(str(text))
            except ValueError:
                checked.flag(row, f"{name} {text!r} is not {kind} [type]")
                checked.unreadable.add((row, name))
                values[row] = None


def _number(value: object) -> str:
    """A number as people write it: 12000, 0.5, inf."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _shown(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "null"
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return _number(float(value))  # type: ignore[arg-type]
    return repr(str(value))


def _row_message(check: str, frame: pd.DataFrame, row: int) -> str:
    """The message of a failed check that spans columns, from the row's values."""

    def at(column: str) -> str:
        return _shown(frame[column].iloc[row]) if column in frame.columns else "null"

    if check == "ordered_bounds":
        return f"low {at('low')} is above high {at('high')} [ordered_bounds]"
    if check == "span_matches_text":
        return (
            f"start {at('start')} and end {at('end')} do not span number_text "
            f"{at('number_text')} [span_matches_text]"
        )
    if check == "coherent_numbers":
        approx = at("approx")
        needs = _NEEDS.get(approx.strip("'"), "approx is not known")
        return (
            f"approx {approx} does not go with value {at('value')}, low {at('low')}, high "
            f"{at('high')}: {needs} [coherent_numbers]"
        )
    return f"{check} [{check}]"


_NEEDS = {
    "range": "a range needs low and high and no value",
    "at_least": "a bound needs a value, or a low end alone",
    "more_than": "a bound needs a value, or a low end alone",
    **{name: f"{name} needs a value and no low or high" for name in ("exact", "about", "at_most")},
}


def _column_message(check: str, column: str, value: object, statistics: dict[str, Any]) -> str:
    """The message of a failed check of one column's value."""
    shown = _shown(value)
    if check in ("isin", "dtype"):  # a category the table does not know
        return f"{column} {shown} is not a known {column} [isin]"
    if check == "not_nullable":
        return f"{column} is missing [not_nullable]"
    if check == "greater_than_or_equal_to":
        return f"{column} {shown} is below {_number(statistics.get('min_value'))} [{check}]"
    if check == "finite":
        return f"{column} {shown} is not a finite number [finite]"
    if check == "str_matches":
        return f"{column} {shown} does not match {statistics.get('pattern')} [str_matches]"
    if check == "str_length":
        return f"{column} {shown} is too short [str_length]"
    if check == "field_uniqueness":
        return f"{column} {shown} is on another row too [unique]"
    return f"{column} {shown} fails {check} [{check}]"


def _table_message(full: str, column: object, value: object) -> str:
    """The message of a failed check of the table as a whole: its columns and their types."""
    check = full.split("(")[0]
    if check == "column_in_dataframe":
        return f"column {str(value)!r} is missing [columns]"
    if check == "column_in_schema":
        return f"column {str(value)!r} is not in the schema [columns]"
    if check == "column_ordered":
        return f"column {str(value)!r} is out of order [columns]"
    if check == "dtype":
        return f"column {str(column)!r} has type {value}, expected {full[7:-2]} [dtype]"
    return f"{column}: {full} {value} [{check}]"


def _schema_problems(checked: Checked) -> None:
    """Validate `checked.frame` against its pandera model; flag each failure on its row."""
    import pandera.errors

    from .schemas import MODELS

    assert checked.frame is not None
    schema = MODELS[checked.name].to_schema()
    try:
        schema.validate(checked.frame, lazy=True)
        return
    except pandera.errors.SchemaErrors as error:
        cases = error.failure_cases
    for case in cases.drop_duplicates(["column", "check", "index"]).itertuples(index=False):
        check = str(case.check).split("(")[0]  # "isin([...])" -> "isin"
        if pd.isna(case.index):
            checked.table.append(_table_message(str(case.check), case.column, case.failure_case))
        elif case.schema_context == "DataFrameSchema":
            checked.flag(int(case.index), _row_message(check, checked.frame, int(case.index)))
        else:
            column = str(case.column)
            if check == "not_nullable" and (int(case.index), column) in checked.unreadable:
                continue  # already named as unreadable
            statistics = next(
                (c.statistics or {} for c in schema.columns[column].checks if c.name == check), {}
            ) if column in schema.columns else {}  # fmt: skip
            message = _column_message(check, column, case.failure_case, statistics)
            checked.flag(int(case.index), message)


def _missing_links(
    frame: pd.DataFrame, column: str, known: pd.Series[Any], table: str
) -> list[tuple[int, str]]:
    """Rows whose `column` (a value or a list of values) names something not in `known`, a
    column of `table`."""
    values = frame[column].explode() if frame[column].dtype == object else frame[column]
    values = values.dropna()
    missing = values[~values.isin(set(known.dropna()))]
    return [
        (int(row), f"{column} {_shown(value)} is not in {table}.{known.name} [{column} in {table}]")
        for row, value in zip(missing.index, missing, strict=True)
    ]


def _cross_problems(group: dict[str, Checked]) -> None:
    """The links between tables of one folder and format: figures point to their document (and
    within its text), their claim and their total; claims to documents and other claims."""
    usable = {n: c.frame for n, c in group.items() if c.frame is not None and not c.table}
    figures, documents, claims = (usable.get(n) for n in ("figures", "documents", "claims"))
    found: list[tuple[str, int, str]] = []
    if figures is not None:
        found += [("figures", *p) for p in _missing_links(
            figures, "part_of", figures["figure_id"], "figures"
        )]  # fmt: skip
    if figures is not None and documents is not None:
        found += [("figures", *p) for p in _missing_links(
            figures, "doc_id", documents["doc_id"], "documents"
        )]  # fmt: skip
        lengths = documents.drop_duplicates("doc_id").set_index("doc_id")["n_chars"]
        n_chars = figures["doc_id"].map(lengths)
        for row in figures.index[(figures["end"] > n_chars).fillna(False)]:
            found.append(("figures", int(row), (
                f"end {_shown(figures['end'].iloc[row])} is past the document's "
                f"{_shown(n_chars.iloc[row])} characters [end <= documents.n_chars]"
            )))  # fmt: skip
    if figures is not None and claims is not None:
        found += [("figures", *p) for p in _missing_links(
            figures, "claim_id", claims["claim_id"], "claims"
        )]  # fmt: skip
    if claims is not None:
        found += [("claims", *p) for p in _missing_links(
            claims, "conflicts_with", claims["claim_id"], "claims"
        )]  # fmt: skip
    if claims is not None and documents is not None:
        found += [("claims", *p) for p in _missing_links(
            claims, "doc_ids", documents["doc_id"], "documents"
        )]  # fmt: skip
    for name, row, problem in found:
        group[name].flag(row, problem)


def _folder_problems(folder: Path, checked: list[Checked]) -> list[Checked]:
    """A folder holds every table in each format it holds any table in (a run writes all three
    as Parquet and CSV; a folder of CSV files alone is fine), and a table written in both formats
    has as many rows in each. Returns an entry for each missing file."""
    here = [c for c in checked if c.path.parent == folder]
    by_name = {(c.name, c.path.suffix): c for c in here}
    missing = []
    for name in TABLES:
        absent = [s for s in sorted({c.path.suffix for c in here}) if (name, s) not in by_name]
        if absent:
            entry = Checked(name, folder / f"{name}{absent[0]}")
            files = " or ".join(f"{name}{s}" for s in absent)
            entry.table.append(f"missing: no {files} in {folder} [tables present]")
            missing.append(entry)
    for name in TABLES:
        csv_table, parquet = by_name.get((name, ".csv")), by_name.get((name, ".parquet"))
        if not (csv_table and parquet and csv_table.frame is not None):
            continue
        if parquet.frame is not None and len(csv_table.frame) != len(parquet.frame):
            csv_table.table.append(
                f"{len(csv_table.frame)} rows, but {parquet.path.name} has {len(parquet.frame)} "
                "[csv rows = parquet rows]"
            )
    return missing


def _package_problems(folder: Path) -> list[Checked]:
    """A dataset `figures extract` wrote carries a `datapackage.json`, moved in last, with every
    table's rows, size and SHA-256: a run killed while switching datasets (new tables beside the
    old package), or a table changed since, fails here. Without a package there is nothing to
    check against: a first run killed before its package moved in left only new tables, and
    `_folder_problems` names any that are missing."""
    if not (folder / PACKAGE).exists():
        return []
    problems = package_problems(folder)
    if not problems:
        return []
    entry = Checked("datapackage", folder / PACKAGE)
    entry.table += [f"{problem} [datapackage]" for problem in problems]
    return [entry]


def validate_paths(paths: Iterable[str]) -> dict[str, Any]:
    """Validate every documents/figures/claims table under `paths`: rows against the schemas,
    tables against each other, and each folder given for all its tables."""
    paths = list(paths)
    checked: list[Checked] = []
    for name, files in sorted(table_paths(paths).items()):
        for path in files:
            entry = Checked(name, path)
            checked.append(entry)
            try:
                if path.suffix == ".csv":
                    _read_csv(entry)
                else:
                    entry.frame = _read_parquet(path)
                    _parquet_nans(entry)
                if entry.frame is not None and not entry.table:
                    _schema_problems(entry)
            except Exception as error:  # an unreadable file is a finding, not a crash
                entry.table.append(f"cannot be read: {type(error).__name__}: {error} [read]")
    groups: dict[tuple[Path, str], dict[str, Checked]] = {}
    for entry in checked:
        groups.setdefault((entry.path.parent, entry.path.suffix), {})[entry.name] = entry
    for group in groups.values():
        _cross_problems(group)
    for folder in dict.fromkeys(Path(p) for p in paths if Path(p).is_dir()):
        if any(c.path.parent == folder for c in checked):
            checked += _folder_problems(folder, checked)
            checked += _package_problems(folder)
    tables = [entry.report() for entry in checked]
    return {"valid": all(t["valid"] for t in tables), "tables": tables}
