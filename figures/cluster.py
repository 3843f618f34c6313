"""Extraction on a Dask cluster: the same per-file extraction, spread over Dask workers.

Each input file is extracted by a worker exactly as a local run does (`run.extract_path`);
the driver writes the tables as partitions come back, in input order. Needs the
`dask` extra: `pip install 'incident-figures[dask]'`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .documents import discover
from .run import Corpus, Done, Options, extract_path, without_duplicates


def extracted_on_dask(
    files: Sequence[str],
    *,
    scheduler: str | None = None,
    options: Options | None = None,
    workers: int | None = None,
) -> Iterator[Done]:
    """Each input file's documents and figures, in the order of `files`, extracted on the Dask
    scheduler at `scheduler` (e.g. "tcp://10.0.0.5:8786"), or on a LocalCluster of `workers`
    processes when none is given. Partitions are collected in order as they finish, so the
    driver holds what it has not yet written, not the corpus."""
    import dask.bag as bag  # the `dask` extra
    from distributed import Client, LocalCluster

    cluster: Any = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    client: Any = Client(scheduler or cluster)
    try:
        partitions = max(1, min(len(files), 4 * len(client.scheduler_info()["workers"])))
        work = bag.from_sequence(files, npartitions=partitions)
        futures = client.compute(work.map(extract_path, options=options or Options()).to_delayed())
        for future in futures:
            yield from future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def extract_with_dask(
    paths: Iterable[str] | str,
    *,
    scheduler: str | None = None,
    options: Options | None = None,
    workers: int | None = None,
) -> Corpus:
    """The tables of `paths` extracted on Dask (see `extracted_on_dask`); they equal a local
    run's."""
    from .tables import tables

    files = discover([paths] if isinstance(paths, str) else list(paths))
    results = extracted_on_dask(files, scheduler=scheduler, options=options, workers=workers)
    return Corpus(**tables(*without_duplicates(results)))
