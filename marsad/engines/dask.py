"""Dask engine: the same per-document stages, scheduled on a Dask cluster (or a local one) when one machine's
process pool is not enough. Analysis code is shared with the local engine; this module only schedules."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from marsad.model import AnalysedDocument, Document
from marsad.pipeline import analyse


def _analyse_partition(docs: list[dict]) -> list[dict]:
    # plain dicts cross process boundaries cheaply and need no pickled pydantic classes on the workers
    return [analyse(Document.model_validate(d)).model_dump() for d in docs]


def run(docs: Iterable[Document], address: str | None = None, workers: int | None = None,
        partition_size: int = 64, scheduler: str | None = None) -> Iterator[AnalysedDocument]:
    """Analyse documents on Dask, yielding results in input order.

    `address`: a running scheduler (``tcp://host:8786``); else a LocalCluster with `workers` processes is started,
    or with `scheduler="synchronous"|"threads"|"processes"` Dask's single-machine schedulers are used instead."""
    import dask.bag as db

    payload = [d.model_dump() for d in docs]
    if not payload:
        return
    bag = db.from_sequence(payload, partition_size=partition_size).map_partitions(_analyse_partition)
    if scheduler:
        results = bag.compute(scheduler=scheduler)
    else:
        from dask.distributed import Client, LocalCluster

        if address:
            with Client(address) as client:
                results = client.compute(bag).result()
        else:
            with LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                results = client.compute(bag).result()
    for r in results:
        yield AnalysedDocument.model_validate(r)
