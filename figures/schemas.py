"""The pandera models of the three tables: the single source of truth for columns, types and
checks.

`schemas/*.yaml` is generated from these models (`python -m figures schemas schemas/`) and a test
fails when it drifts. Row-level checks that span columns are registered pandera checks, so they
are kept in the YAML too.

How `approx` goes with `value`, `low` and `high` (`coherent_numbers`):

| approx | value | low | high | e.g. |
|---|---|---|---|---|
| `exact`, `about`, `at_most` | set | null | null | "12", "about 12", "up to 12" |
| `at_least`, `more_than` | set | null | null | "at least 12", "more than 12" |
| `at_least`, `more_than` | null | set | null | "dozens": at least 24, a bound with no number |
| `range` | null | set | set | "10-12" (and low <= high, `ordered_bounds`) |

A row with only `low` is an open bound "low or more" (so claims read it), hence only `at_least`
and `more_than` may lack a value; every number is finite and not negative.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

import pandas as pd
import pandera.pandas as pa
import pyarrow
from pandera import extensions
from pandera.typing import Series

from .records import AGREEMENTS, APPROXES, LAND_EVENTS, METRICS, STATUSES, SUBJECTS, UNITS


@extensions.register_check_method(  # type: ignore[untyped-decorator]
    statistics=["low", "high"], supported_types=pd.DataFrame
)
def ordered_bounds(df: pd.DataFrame, *, low: str, high: str) -> pd.Series[bool]:
    """Where both bounds are set, the low one is not above the high one."""
    both = df[low].notna() & df[high].notna()
    return ~both | (df[low] <= df[high]).fillna(False)


@extensions.register_check_method(  # type: ignore[untyped-decorator]
    statistics=["start", "end", "text"], supported_types=pd.DataFrame
)
def span_matches_text(df: pd.DataFrame, *, start: str, end: str, text: str) -> pd.Series[bool]:
    """Offsets are in order and span exactly the characters of the text column."""
    length = df[text].str.len().astype("Int64")
    return ((df[start] < df[end]) & (df[end] - df[start] == length)).fillna(False)


@extensions.register_check_method(statistics=[], supported_types=pd.Series)  # type: ignore[untyped-decorator]
def finite(series: pd.Series[float]) -> pd.Series[bool]:
    """Numbers are finite: not inf, -inf or NaN (nulls are checked apart, by `nullable`)."""
    return (series.abs() < float("inf")).fillna(False)


POINT_APPROXES = ("exact", "about", "at_most")  # a number, and nothing but a number
BOUND_APPROXES = ("at_least", "more_than")  # a number, or only a low end ("dozens")


@extensions.register_check_method(  # type: ignore[untyped-decorator]
    statistics=["approx", "value", "low", "high"], supported_types=pd.DataFrame
)
def coherent_numbers(
    df: pd.DataFrame, *, approx: str, value: str, low: str, high: str
) -> pd.Series[bool]:
    """`approx` fits the numbers that are set: see the table in this module's docstring."""
    has_value, has_low, has_high = df[value].notna(), df[low].notna(), df[high].notna()
    kind = df[approx].astype("string")
    point = has_value & ~has_low & ~has_high
    bound = ~has_value & has_low & ~has_high
    span = ~has_value & has_low & has_high
    fits = (
        (kind.isin(POINT_APPROXES) & point)
        | (kind.isin(BOUND_APPROXES) & (point | bound))
        | ((kind == "range") & span)
    )
    return fits.fillna(False)


# A calendar day: date32 in Parquet, a date in pandas, DuckDB (DATE) and Polars (Date).
Date = Annotated[pd.ArrowDtype, pyarrow.date32()]


def _number() -> Any:
    """A count or an area: null where the row has none, else finite and not negative."""
    return pa.Field(nullable=True, ge=0, finite=())


COUNTRY = r"^[A-Z]{2}$"  # ISO 3166-1 alpha-2
REGION = r"^[A-Z]{2}-[A-Z0-9]{1,3}$"  # ISO 3166-2


def _category(values: tuple[str, ...]) -> Any:
    return pa.Field(isin=list(values), dtype_kwargs={"categories": list(values), "ordered": False})


class Figures(pa.DataFrameModel):
    """One row per incident figure mentioned in a document."""

    doc_id: Series[pd.StringDtype] = pa.Field(str_matches=r"^[0-9a-f]{16}$")
    start: Series[pd.Int64Dtype] = pa.Field(ge=0)
    end: Series[pd.Int64Dtype] = pa.Field(ge=1)
    number_text: Series[pd.StringDtype] = pa.Field(str_length={"min_value": 1})
    value: Series[pd.Float64Dtype] = _number()
    low: Series[pd.Float64Dtype] = _number()
    high: Series[pd.Float64Dtype] = _number()
    approx: Series[pd.CategoricalDtype] = _category(APPROXES)
    metric: Series[pd.CategoricalDtype] = _category(METRICS)
    subject: Series[pd.CategoricalDtype] = _category(SUBJECTS)
    unit: Series[pd.CategoricalDtype] = _category(UNITS)
    source: Series[pd.StringDtype] = pa.Field(nullable=True)
    location: Series[pd.StringDtype] = pa.Field(nullable=True)
    date: Series[Date] = pa.Field(nullable=True)
    sentence: Series[pd.StringDtype] = pa.Field()
    rule: Series[pd.StringDtype] = pa.Field(str_matches=r"^[a-z_]+$")
    country: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=COUNTRY)
    region: Series[pd.StringDtype] = pa.Field(nullable=True)
    region_code: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=REGION)
    place_id: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    lat: Series[pd.Float64Dtype] = pa.Field(nullable=True, ge=-90, le=90)
    lon: Series[pd.Float64Dtype] = pa.Field(nullable=True, ge=-180, le=180)
    cumulative: Series[pd.BooleanDtype] = pa.Field()
    land_event: Series[pd.StringDtype] = pa.Field(nullable=True, isin=list(LAND_EVENTS))
    noun: Series[pd.StringDtype] = pa.Field(nullable=True, str_length={"min_value": 1})
    figure_id: Series[pd.StringDtype] = pa.Field(str_matches=r"^[0-9a-f]{16}$", unique=True)
    claim_id: Series[pd.StringDtype] = pa.Field(str_matches=r"^[0-9a-f]{16}$")
    part_of: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=r"^[0-9a-f]{16}$")

    class Config:
        name = "figures"
        strict = True
        ordered = True
        ordered_bounds: ClassVar = {"low": "low", "high": "high"}
        coherent_numbers: ClassVar = {
            "approx": "approx", "value": "value", "low": "low", "high": "high",
        }  # fmt: skip
        span_matches_text: ClassVar = {"start": "start", "end": "end", "text": "number_text"}


class Documents(pa.DataFrameModel):
    """One row per input document, whatever became of it."""

    doc_id: Series[pd.StringDtype] = pa.Field(str_matches=r"^[0-9a-f]{16}$")
    path: Series[pd.StringDtype] = pa.Field(str_length={"min_value": 1})
    source: Series[pd.StringDtype] = pa.Field(nullable=True)
    published: Series[Date] = pa.Field(nullable=True)
    n_chars: Series[pd.Int64Dtype] = pa.Field(ge=0)
    status: Series[pd.CategoricalDtype] = _category(STATUSES)
    message: Series[pd.StringDtype] = pa.Field(nullable=True)
    url: Series[pd.StringDtype] = pa.Field(nullable=True)
    country: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=COUNTRY)

    class Config:
        name = "documents"
        strict = True
        ordered = True


class Claims(pa.DataFrameModel):
    """One row per reported fact: the figures of all documents that report it."""

    claim_id: Series[pd.StringDtype] = pa.Field(str_matches=r"^[0-9a-f]{16}$", unique=True)
    metric: Series[pd.CategoricalDtype] = _category(METRICS)
    subject: Series[pd.CategoricalDtype] = _category(SUBJECTS)
    unit: Series[pd.CategoricalDtype] = _category(UNITS)
    value: Series[pd.Float64Dtype] = _number()
    low: Series[pd.Float64Dtype] = _number()
    high: Series[pd.Float64Dtype] = _number()
    best: Series[pd.Float64Dtype] = pa.Field(ge=0, finite=())
    n_figures: Series[pd.Int64Dtype] = pa.Field(ge=1)
    n_documents: Series[pd.Int64Dtype] = pa.Field(ge=1)
    n_sources: Series[pd.Int64Dtype] = pa.Field(ge=0)
    sources: Series[object] = pa.Field()  # list of strings
    doc_ids: Series[object] = pa.Field()  # list of doc_id
    location: Series[pd.StringDtype] = pa.Field(nullable=True)
    country: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=COUNTRY)
    region: Series[pd.StringDtype] = pa.Field(nullable=True)
    region_code: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=REGION)
    first_date: Series[Date] = pa.Field(nullable=True)
    last_date: Series[Date] = pa.Field(nullable=True)
    cumulative: Series[pd.BooleanDtype] = pa.Field()
    land_event: Series[pd.StringDtype] = pa.Field(nullable=True, isin=list(LAND_EVENTS))
    agreement: Series[pd.CategoricalDtype] = _category(AGREEMENTS)
    conflicts_with: Series[object] = pa.Field()  # list of claim_id

    class Config:
        name = "claims"
        strict = True
        ordered = True
        ordered_bounds: ClassVar = {"low": "low", "high": "high"}


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "figures": Figures, "documents": Documents, "claims": Claims,
}  # fmt: skip


_FRICTIONLESS_TYPES = {
    "Int64": "integer",
    "Float64": "number",
    "category": "string",
    "object": "array",
    "boolean": "boolean",
}


def table_schema(name: str) -> dict[str, Any]:
    """The Frictionless Table Schema of a table, derived from its pandera model, for the CSV
    files (dates as YYYY-MM-DD, list columns as JSON arrays, empty cells missing)."""
    fields = []
    for column, spec in MODELS[name].to_schema().columns.items():
        dtype = str(spec.dtype)
        kind = "date" if dtype.startswith("date") else _FRICTIONLESS_TYPES.get(dtype, "string")
        constraints: dict[str, Any] = {} if spec.nullable else {"required": True}
        if spec.unique:
            constraints["unique"] = True
        for check in spec.checks:
            stats = check.statistics or {}
            if check.name == "isin":
                constraints["enum"] = list(stats["allowed_values"])
            elif check.name == "greater_than_or_equal_to":
                constraints["minimum"] = stats["min_value"]
            elif check.name == "str_matches":
                constraints["pattern"] = str(stats["pattern"]).strip("^$")
        field: dict[str, Any] = {"name": column, "type": kind}
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}
