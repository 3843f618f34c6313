"""The Dask engine gives the same tables as a local run, written as a partitioned dataset."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import figures
from figures.cli import main

pytest.importorskip("distributed")
from figures.cluster import extract_with_dask

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [str(ROOT / "seeds"), str(ROOT / "data" / "gold" / "texts")]


def test_dask_on_a_local_cluster_equals_the_local_run() -> None:
    local = figures.extract_corpus(INPUTS)
    distributed = extract_with_dask(INPUTS, workers=2)
    for table in ("documents", "figures", "claims"):
        pd.testing.assert_frame_equal(getattr(distributed, table), getattr(local, table))


def test_cli_writes_a_partitioned_dataset_that_validates(tmp_path: Path) -> None:
    args = ["extract", *INPUTS, "--quiet", "--partition-rows", "20"]
    assert main([*args, "--engine", "dask", "--out", str(tmp_path / "dask")]) == 0
    assert main([*args[:-2], "--out", str(tmp_path / "local")]) == 0
    parts = sorted(p.name for p in (tmp_path / "dask" / "figures.parquet").iterdir())
    rows = len(pd.read_parquet(tmp_path / "local" / "figures.parquet"))
    assert parts == [f"part-{n:05d}.parquet" for n in range(-(-rows // 20))]
    assert main(["validate", str(tmp_path / "dask")]) == 0
    for table in ("documents", "figures", "claims"):
        pd.testing.assert_frame_equal(
            pd.read_parquet(tmp_path / "dask" / f"{table}.parquet"),
            pd.read_parquet(tmp_path / "local" / f"{table}.parquet"),
        )
        csv = f"{table}.csv"
        assert (tmp_path / "dask" / csv).read_bytes() == (tmp_path / "local" / csv).read_bytes()


def test_a_partitioned_run_replaces_a_single_file_dataset(tmp_path: Path) -> None:
    assert main(["extract", *INPUTS, "--quiet", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "figures.parquet").is_file()
    assert (
        main(["extract", *INPUTS, "--quiet", "--out", str(tmp_path), "--partition-rows", "50"]) == 0
    )
    assert (tmp_path / "figures.parquet").is_dir()
    assert not list(tmp_path.glob(".*"))
