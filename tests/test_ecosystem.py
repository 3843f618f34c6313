"""The dataset fits the ecosystem: a valid Frictionless data package, and the same rows and
types through pandas, DuckDB and Polars."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
from frictionless import validate

import figures

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    figures.write_corpus(figures.extract_corpus([str(ROOT / "seeds")]), folder)
    return folder


def test_datapackage_is_valid_for_frictionless(out: Path) -> None:
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["figures_version"] == figures.__version__
    rows = {r["name"]: r["stats"]["rows"] for r in package["resources"]}
    assert rows == {"documents": 2, "figures": 12, "claims": 10}
    report = validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_catches_a_broken_table(out: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(out, broken)
    csv = (broken / "figures.csv").read_text(encoding="utf-8")
    (broken / "figures.csv").write_text(csv.replace(",launched,", ",exploded,"), encoding="utf-8")
    report = validate(str(broken / "datapackage.json"))
    assert not report.valid
    # the bad label, and the file's hash no longer the one datapackage.json records
    assert {error[1] for error in report.flatten(["type", "fieldName"])} == {"metric", None}


def _records(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    """Rows as plain Python values, missing values as None, whatever library read them."""
    plain = frame.astype(object).where(frame.notna(), None)
    return [tuple(row) for row in plain.itertuples(index=False)]


def test_pandas_duckdb_and_polars_read_the_same_rows(out: Path) -> None:
    path = str(out / "figures.parquet")
    with_pandas = pd.read_parquet(path)
    with_duckdb = duckdb.sql(f"select * from read_parquet('{path}')")
    assert with_duckdb is not None
    with_polars = pl.read_parquet(path)
    assert with_duckdb.columns == with_polars.columns == list(with_pandas.columns)
    assert _records(with_pandas) == with_duckdb.fetchall() == list(with_polars.iter_rows())
    assert len(with_pandas) == 12
    polars_types = dict(zip(with_polars.columns, map(str, with_polars.dtypes), strict=True))
    assert (polars_types["start"], polars_types["value"]) == ("Int64", "Float64")
    assert polars_types["metric"].startswith(("Categorical", "Enum"))
    duckdb_types = dict(zip(with_duckdb.columns, map(str, with_duckdb.types), strict=True))
    assert (duckdb_types["start"], duckdb_types["value"]) == ("BIGINT", "DOUBLE")


@pytest.mark.parametrize(("table", "name"), [("figures", "date"), ("claims", "first_date")])
def test_date_is_a_day_for_pandas_duckdb_and_polars(out: Path, table: str, name: str) -> None:
    """A date, not a timestamp: Parquet date32, read as dates by all three."""
    path = str(out / f"{table}.parquet")
    assert str(pq.read_schema(path).field(name).type) == "date32[day]"
    day = dt.date(2025, 4, 26)
    with_pandas = pd.read_parquet(path)[name]
    assert str(with_pandas.dtype) == "date32[day][pyarrow]"
    assert day in set(with_pandas.dropna())
    column = duckdb.sql(f"select {name} from read_parquet('{path}')")
    assert column is not None
    assert [str(t) for t in column.types] == ["DATE"] and (day,) in column.fetchall()
    with_polars = pl.read_parquet(path)[name]
    assert with_polars.dtype == pl.Date and day in with_polars.to_list()


def test_documents_published_is_a_day(out: Path) -> None:
    path = str(out / "documents.parquet")
    assert str(pq.read_schema(path).field("published").type) == "date32[day]"
