"""The flow: per-document stages (pure functions of one document) and corpus stages over the analysed documents.

A stage whose module does not exist yet is skipped; a stage that fails on a document records the error on that
document (`AnalysedDocument.errors`) and the others still run — one bad article never stops a batch.
"""
from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from marsad.arabic.text import split_sentences
from marsad.model import AnalysedDocument, Analysis, DateMention, Document, Sentence

log = logging.getLogger(__name__)


def _stage_version() -> str:
    """A fingerprint of the per-document stages' code, language data and model metadata: stored analyses made by
    other versions are redone by `marsad analyze`."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent
    h = hashlib.sha1()
    for pattern in ("pipeline.py", "arabic/*.py", "arabic/data/*", "extract/*.py", "models/ner/meta.json"):
        for f in sorted(root.glob(pattern)):
            if f.is_file():
                h.update(f.name.encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:12]


STAGE_VERSION = _stage_version()


def _optional(module: str):
    """The module, or None while that layer is not built (only a missing module itself is tolerated)."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name == module:
            return None
        raise


# ------------------------------------------------------------------ per-document stages
def stage_sentences(ad: AnalysedDocument) -> None:
    ad.sentences = [Sentence(start=a, end=b) for a, b in split_sentences(ad.document.text)]


def stage_numbers(ad: AnalysedDocument) -> None:
    if mod := _optional("marsad.arabic.numbers"):
        ad.quantities = mod.tag_numbers(ad.document.text)


def stage_dates(ad: AnalysedDocument) -> None:
    if mod := _optional("marsad.arabic.time"):
        doc = ad.document
        # «أعلنت الوزارة اليوم الخميس»: the text's own day replaces a record date that lags it by a few days
        if day := mod.text_reference(doc.text, doc.published):
            ad.document = doc = doc.model_copy(update={"published": day, "published_from": "text"})
        ad.dates = [DateMention(**{**d.model_dump(), "doc": doc.id}) for d in
                    mod.tag_dates(doc.text, doc.published, prefer="past", published_from=doc.published_from)]
        # the two taggers agree on who owns a span: a date owns it (years, times of day)
        spans = [(d.start, d.end) for d in ad.dates]
        ad.quantities = [q for q in ad.quantities if not any(q.start < e and s < q.end for s, e in spans)]


def stage_entities(ad: AnalysedDocument) -> None:
    if mod := _optional("marsad.extract.entities"):
        sents = [(s.start, s.end) for s in ad.sentences]
        ad.mentions = [m.model_copy(update={"doc": ad.document.id}) for m in mod.tag_entities(ad.document.text, sents)]


def stage_claims(ad: AnalysedDocument) -> None:
    if mod := _optional("marsad.extract.claims"):
        ad.claims = mod.extract_claims(ad)


def stage_quotes(ad: AnalysedDocument) -> None:
    if mod := _optional("marsad.extract.quotes"):
        ad.quotes = mod.extract_quotes(ad)


STAGES: list[tuple[str, Callable[[AnalysedDocument], None]]] = [
    ("sentences", stage_sentences),
    ("numbers", stage_numbers),
    ("dates", stage_dates),
    ("entities", stage_entities),
    ("claims", stage_claims),
    ("quotes", stage_quotes),
]


def analyse(doc: Document) -> AnalysedDocument:
    """Run every per-document stage on one document."""
    ad = AnalysedDocument(document=doc)
    for name, fn in STAGES:
        try:
            fn(ad)
        except Exception as e:  # keep the document and say which stage failed
            log.warning("stage %s failed on %s: %s", name, doc.id, e)
            ad.errors.append(f"{name}: {type(e).__name__}: {e}")
    return ad


# ------------------------------------------------------------------ corpus stages
def build_corpus(ads: list[AnalysedDocument]) -> Analysis:
    """Run the corpus stages over analysed documents and assemble the contract's JSON object."""
    ads = sorted(ads, key=lambda a: (a.document.published or "9999", a.document.source_path))
    out = Analysis(documents=[a.document for a in ads])
    for a in ads:
        out.dates.extend(a.dates)
        out.claims.extend(a.claims)
        out.quotes.extend(a.quotes)
    if mod := _optional("marsad.corpus.entities"):
        out.entities = mod.resolve(ads)
        # resolution may have filled holder/speaker entity ids on the per-document objects
        out.claims = [c for a in ads for c in a.claims]
        out.quotes = [q for a in ads for q in a.quotes]
    dups: dict[str, str] = {}
    if mod := _optional("marsad.corpus.dedup"):
        dups = mod.near_duplicates(ads)
    if mod := _optional("marsad.corpus.stories"):
        out.events, out.stories = mod.cluster(ads, out.entities, dups)
        tl = _optional("marsad.corpus.timeline")
        sm = _optional("marsad.corpus.summary")
        for story in out.stories:
            if tl:
                story.timeline = tl.build(story, ads)
            if sm:
                story.summary = sm.summarise(story, ads)
    if mod := _optional("marsad.corpus.ledger"):
        # after the stories: a claim group never mixes figures from different stories
        out.claim_groups = mod.build_groups(out.claims, out.documents, duplicates=dups,
                                            stories=out.stories if out.stories else None)
    return out
