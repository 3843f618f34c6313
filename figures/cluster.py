"""Extraction on a Dask cluster: the same per-file extraction, spread over Dask workers.

Each input file is extracted by a worker exactly as a local run does (`pipeline.extract_path`);
the driver then builds the tables, because claims group figures across all documents. Needs the
`dask` extra: `pip install 'figures[dask]'`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .documents import discover
from .pipeline import Corpus, Done, Options, extract_path, without_duplicates


def extract_with_dask(
    paths: Iterable[str] | str,
    *,
    scheduler: str | None = None,
    options: Options | None = None,
    workers: int | None = None,
) -> Corpus:
    """Extract on the Dask scheduler at `scheduler` (e.g. "tcp://10.0.0.5:8786"), or on a
    LocalCluster of `workers` processes when none is given; the tables equal a local run's."""
    import dask.bag as bag  # the `dask` extra
    from distributed import Client, LocalCluster

    from .tables import tables

    files = discover([paths] if isinstance(paths, str) else list(paths))
    cluster: Any = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    client: Any = Client(scheduler or cluster)
    try:
        partitions = max(1, min(len(files), 4 * len(client.scheduler_info()["workers"])))
        work = bag.from_sequence(files, npartitions=partitions)
        results: list[Done] = work.map(extract_path, options=options or Options()).compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    made = tables(*without_duplicates(results))
    return Corpus(made["documents"], made["figures"], made["claims"])
