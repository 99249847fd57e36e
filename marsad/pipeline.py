"""The flow: per-document stages (pure functions of one document) and corpus stages over the analysed documents.

Each per-document stage is declared as a `Stage(name, fn, reads=…, writes=…)` naming the fields of
`AnalysedDocument` it reads and writes (as spaCy's factories declare `requires`/`assigns`); `STAGES` is checked at
import: a stage reads only the document and what an earlier stage wrote. A stage that fails on a document records the
error on that document (`AnalysedDocument.errors`) and the later stages still run — one bad article never stops a
batch.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.arabic import numbers, time as arabic_time
from marsad.arabic.text import split_sentences
from marsad.corpus import dedup, ledger, stories, summary, timeline
from marsad.corpus import entities as corpus_entities
from marsad.extract import claims, entities, quotes
from marsad.model import AnalysedDocument, Analysis, DateMention, Document, Sentence

log = logging.getLogger(__name__)


def _stage_version() -> str:
    """A fingerprint of the per-document stages' code, language data and model metadata: stored analyses made by
    other versions are redone by `marsad analyze`."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha1()
    for pattern in ("pipeline.py", "arabic/**/*.py", "arabic/data/*", "extract/*.py", "models/ner/meta.json"):
        for f in sorted(root.glob(pattern)):
            if f.is_file():
                h.update(str(f.relative_to(root)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:12]


STAGE_VERSION = _stage_version()


# ------------------------------------------------------------------ per-document stages
def stage_sentences(ad: AnalysedDocument) -> None:
    ad.sentences = [Sentence(start=a, end=b) for a, b in split_sentences(ad.document.text)]


def stage_numbers(ad: AnalysedDocument) -> None:
    ad.quantities = numbers.tag_numbers(ad.document.text)


def stage_dates(ad: AnalysedDocument) -> None:
    doc = ad.document
    # «أعلنت الوزارة اليوم الخميس»: the text's own day replaces a record date that lags it by a few days
    if day := arabic_time.text_reference(doc.text, doc.published):
        ad.document = doc = doc.model_copy(update={"published": day, "published_from": "text"})
    ad.dates = [DateMention(**{**d.model_dump(), "doc": doc.id}) for d in
                arabic_time.tag_dates(doc.text, doc.published, prefer="past", published_from=doc.published_from)]
    ad.quantities = numbers.outside_dates(ad.quantities, ad.dates)


def stage_entities(ad: AnalysedDocument) -> None:
    sents = [(s.start, s.end) for s in ad.sentences]
    ad.mentions = [m.model_copy(update={"doc": ad.document.id})
                   for m in entities.tag_entities(ad.document.text, sents)]


def stage_claims(ad: AnalysedDocument) -> None:
    ad.claims = claims.extract_claims(ad)


def stage_quotes(ad: AnalysedDocument) -> None:
    ad.quotes = quotes.extract_quotes(ad)


@dataclass(frozen=True)
class Stage:
    """One per-document stage: `fn(ad)` reads the fields `reads` of the AnalysedDocument and sets those of `writes`
    ("document" is the input; a stage may rewrite it, as dates sets the day the text calls today)."""
    name: str
    fn: Callable[[AnalysedDocument], None]
    reads: tuple[str, ...] = ("document",)
    writes: tuple[str, ...] = ()

    def __iter__(self) -> Iterator:
        """Unpacks as (name, fn), as the (name, fn) pairs STAGES held before (bench/stage_speed.py)."""
        return iter((self.name, self.fn))


STAGES: list[Stage] = [
    Stage("sentences", stage_sentences, writes=("sentences",)),
    Stage("numbers", stage_numbers, writes=("quantities",)),
    # a date owns a span the number tagger also read (years, times of day): the quantity is dropped
    Stage("dates", stage_dates, reads=("document", "quantities"), writes=("document", "dates", "quantities")),
    Stage("entities", stage_entities, reads=("document", "sentences"), writes=("mentions",)),
    Stage("claims", stage_claims, reads=("document", "sentences", "quantities", "dates", "mentions"),
          writes=("claims",)),
    Stage("quotes", stage_quotes, reads=("document", "sentences", "mentions"), writes=("quotes",)),
]


def check_order(stages: list[Stage]) -> None:
    """Raise ValueError unless every stage reads only the document and fields written by an earlier stage, and
    writes fields of AnalysedDocument."""
    fields = set(AnalysedDocument.model_fields)
    written = {"document"}
    for st in stages:
        unknown = set(st.reads + st.writes) - fields
        if unknown:
            raise ValueError(f"stage {st.name!r} names fields AnalysedDocument lacks: {sorted(unknown)}")
        missing = [f for f in st.reads if f not in written]
        if missing:
            raise ValueError(f"stage {st.name!r} reads {missing} before any stage writes them")
        written.update(st.writes)


check_order(STAGES)


def analyse(doc: Document, stages: list[Stage] | None = None) -> AnalysedDocument:
    """Run every per-document stage on one document."""
    ad = AnalysedDocument(document=doc)
    for st in STAGES if stages is None else stages:
        try:
            st.fn(ad)
        except Exception as e:  # keep the document and say which stage failed
            log.warning("stage %s failed on %s: %s", st.name, doc.id, e)
            ad.errors.append(f"{st.name}: {type(e).__name__}: {e}")
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
    out.entities = corpus_entities.resolve(ads)
    # resolution may have filled holder/speaker entity ids on the per-document objects
    out.claims = [c for a in ads for c in a.claims]
    out.quotes = [q for a in ads for q in a.quotes]
    dups = dedup.near_duplicates(ads)
    out.events, out.stories = stories.cluster(ads, out.entities, dups)
    for story in out.stories:
        story.timeline = timeline.build(story, ads)
        story.summary = summary.summarise(story, ads)
    # after the stories: a claim group never mixes figures from different stories
    out.claim_groups = ledger.build_groups(out.claims, out.documents, duplicates=dups,
                                           stories=out.stories if out.stories else None)
    return out
