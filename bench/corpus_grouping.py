"""Benchmark of the corpus stages (near-duplicates, events, stories, incremental) on SaudiNewsNet.

    .venv/bin/python bench/corpus_grouping.py [--data ../shared/eval/saudinewsnet/dataset] [--limit N] [--incremental]

Builds lightweight analysed documents (sentences + dates from marsad's own taggers; entities/claims only if those
stages exist and --full is given), caches them under /tmp, then times `dedup.near_duplicates` and
`stories.cluster` over the whole corpus, prints a reproducible random sample of 50 events with >= 2 outlets (for
inspection) and writes the 10 largest stories to bench/snn_stories.md. With --incremental it also times
adding 1,000 articles to stored corpora of 5k, 15k and 30k articles (marsad.corpus.incremental).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import random
import sys
import tempfile
import time
import zipfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.model import AnalysedDocument, DateMention, Document, Sentence  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "marsad-bench-saudinewsnet.pkl"


def read_corpus(data: Path, limit: int | None = None) -> list[Document]:
    docs = []
    for zp in sorted(data.glob("*.zip")):
        with zipfile.ZipFile(zp) as z:
            for name in z.namelist():
                for i, r in enumerate(json.loads(z.read(name))):
                    text = (r.get("content") or "").strip()
                    if not text:
                        continue
                    did = hashlib.sha1((r.get("url") or f"{zp.name}#{i}").encode()).hexdigest()[:16]
                    docs.append(Document(id=did, source_path=f"{zp.name}#{i}", source_name=r.get("source"),
                                         url=r.get("url"), title=r.get("title"),
                                         published=(r.get("date_extracted") or "")[:10] or None,
                                         published_from="metadata", text=text))
    return docs[:limit] if limit else docs


def _analyse(doc: Document) -> AnalysedDocument:
    from marsad.arabic.text import split_sentences
    from marsad.arabic import time as T

    ad = AnalysedDocument(document=doc, sentences=[Sentence(start=a, end=b) for a, b in split_sentences(doc.text)])
    try:
        ad.dates = [DateMention(**{**d.model_dump(), "doc": doc.id})
                    for d in T.tag_dates(doc.text, doc.published, prefer="past")]
    except Exception as e:  # a tagger bug must not stop the benchmark
        ad.errors.append(f"dates: {e}")
    return ad


def analysed(data: Path, limit: int | None, workers: int) -> list[AnalysedDocument]:
    if CACHE.exists() and not limit:
        with CACHE.open("rb") as f:
            return pickle.load(f)
    docs = read_corpus(data, limit)
    t = time.time()
    with ProcessPoolExecutor(workers) as ex:
        ads = list(ex.map(_analyse, docs, chunksize=200))
    print(f"analysed {len(ads)} documents (sentences + dates) in {time.time() - t:.0f}s with {workers} workers")
    if not limit:
        with CACHE.open("wb") as f:
            pickle.dump(ads, f)
    return ads


def first_sentence(ad: AnalysedDocument, n: int = 140) -> str:
    s = ad.sentences[0] if ad.sentences else None
    return (ad.document.text[s.start:s.end] if s else ad.document.text)[:n].replace("\n", " ")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared/eval/saudinewsnet/dataset"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", default="/tmp/saudinewsnet_sample.txt", help="where the 50-event sample goes")
    ap.add_argument("--out", default="bench/snn_stories.md")
    ap.add_argument("--incremental", action="store_true")
    args = ap.parse_args()

    from marsad.corpus import dedup, stories

    ads = analysed(Path(args.data), args.limit, args.workers)
    by_id = {a.document.id: a for a in ads}
    t0 = time.time()
    dups = dedup.near_duplicates(ads)
    t1 = time.time()
    events, story_list = stories.cluster(ads, [], dups)
    t2 = time.time()
    print(f"{len(ads)} documents: near-duplicates {t1 - t0:.1f}s ({len(dups)} copies), "
          f"events+stories {t2 - t1:.1f}s ({len(events)} events, {len(story_list)} stories); total {t2 - t0:.1f}s")
    sizes = Counter(len(e.documents) for e in events)
    print("event sizes:", sorted(sizes.items())[:12], "max", max(sizes))
    multi = [e for e in events if len({by_id[d].document.source_name for d in e.documents}) >= 2]
    print(f"events with >= 2 outlets: {len(multi)}")

    rnd = random.Random(6)
    sample = rnd.sample(multi, min(50, len(multi)))
    with open(args.sample, "w", encoding="utf-8") as f:
        for k, e in enumerate(sample, 1):
            f.write(f"## {k}. {e.id} {e.date} ({len(e.documents)} docs)\n")
            for d in e.documents[:8]:
                a = by_id[d]
                tag = " [dup]" if d in dups else ""
                f.write(f"  - {a.document.source_name} {a.document.published}{tag}: {a.document.title} | "
                        f"{first_sentence(a)}\n")
    print(f"sample of {len(sample)} multi-outlet events -> {args.sample} (not committed: third-party text)")

    ev_by_id = {e.id: e for e in events}
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# SaudiNewsNet: the 10 largest stories\n\n"
                f"Produced by `bench/corpus_grouping.py` over {len(ads)} articles (2015-07-21 to 2015-08-11, "
                "14 outlets). Titles are the outlets' own (third-party text, listed for evaluation only).\n\n")
        for k, s in enumerate(story_list[:10], 1):
            outlets = Counter(by_id[d].document.source_name for d in s.documents)
            days = sorted({by_id[d].document.published for d in s.documents if by_id[d].document.published})
            f.write(f"{k}. **{s.title}** — {len(s.documents)} articles, {len(s.events)} events, "
                    f"{len(outlets)} outlets, {days[0] if days else '?'} → {days[-1] if days else '?'}\n")
            big = sorted((ev_by_id[e] for e in s.events), key=lambda e: -len(e.documents))[:3]
            for e in big:
                f.write(f"   - event ({len(e.documents)} articles, {e.date}): {e.title}\n")
    print(f"10 largest stories -> {args.out}")

    if args.incremental:
        incremental_bench(ads)


def incremental_bench(ads: list[AnalysedDocument], db: str | None = None) -> None:
    """Grow one stored corpus in publication order; at 5k, 15k and ~30k stored articles, time adding the next
    1,000 (they then stay in the corpus)."""
    import sqlite3

    from marsad.corpus import incremental
    from marsad.corpus.stories import order_key

    ads = sorted(ads, key=order_key)
    marks = [m for m in (5000, 15000, len(ads) - 1000) if m + 1000 <= len(ads)]
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(db or os.path.join(tmp, "inc.sqlite"))
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        done = 0
        for mark in marks:
            t = time.time()
            incremental.add(conn, ads[done:mark], batch=2000)
            build = time.time() - t
            t = time.time()
            res = incremental.add(conn, ads[mark:mark + 1000])
            dt = time.time() - t
            done = mark + 1000
            print(f"incremental: stored {mark} articles (grown by {build:.0f}s of adds), +1000 articles in "
                  f"{dt:.1f}s ({dt:.1f} ms per article) {res}", flush=True)
        conn.close()


if __name__ == "__main__":
    main()
