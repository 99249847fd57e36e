"""In-process engine: runs the per-document stages over many documents, sequentially or in a process pool."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from marsad.model import AnalysedDocument, Document
from marsad.pipeline import analyse


def run(docs: Iterable[Document], workers: int = 1,
        on_done: Callable[[AnalysedDocument], None] | None = None) -> Iterator[AnalysedDocument]:
    """Analyse documents, yielding results in input order; `workers` > 1 uses that many processes."""
    if workers <= 1:
        for d in docs:
            ad = analyse(d)
            if on_done:
                on_done(ad)
            yield ad
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for ad in pool.map(analyse, docs, chunksize=8):
            if on_done:
                on_done(ad)
            yield ad


def default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))
