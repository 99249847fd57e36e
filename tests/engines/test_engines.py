"""Engines only schedule: local (sequential, process pool) and Dask give the same analyses."""
from __future__ import annotations

from marsad.engines import dask as dask_engine
from marsad.engines import local
from marsad.ingest import read_path
from marsad.ingest.clean import clean
from marsad.model import RawArticle


def sample_docs(sample_dir):
    return [clean(a) for a in read_path(sample_dir) if isinstance(a, RawArticle)][:4]


def strip(ad):
    return ad.model_dump()


def test_local_pool_and_dask_agree(sample_dir):
    docs = sample_docs(sample_dir)
    seq = [strip(a) for a in local.run(docs)]
    pool = [strip(a) for a in local.run(docs, workers=2)]
    dsk = [strip(a) for a in dask_engine.run(docs, scheduler="processes", partition_size=2)]
    assert seq == pool == dsk
    assert [a["document"]["id"] for a in seq] == [d.id for d in docs]


def test_dask_local_cluster(sample_dir):
    docs = sample_docs(sample_dir)[:2]
    out = list(dask_engine.run(docs, workers=1))
    assert [a.document.id for a in out] == [d.id for d in docs]
    assert out[0].sentences
