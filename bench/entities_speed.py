#!/usr/bin/env python3
"""Speed of the entity layer on SaudiNewsNet: tag_entities (rules + gazetteer + the NER model when installed) over N
articles, then resolve() over all of them, on one core.

    OMP_NUM_THREADS=1 .venv/bin/python bench/entities_speed.py [--data ../shared/eval/saudinewsnet/dataset]
        [--limit 2000] [--rules-only | --model DIR] [--json]

Reads the first N non-empty `content` fields of the zips (sorted by name; each zip holds one JSON array), splits
sentences with marsad's splitter (not timed), warms the matchers/model up on one article, then times:
  tag    — marsad.extract.entities.tag_entities over every article,
  resolve — marsad.corpus.entities.resolve over all the analysed articles at once.
Prints articles/s and tokens/s (white-space words) for each and the total, the number of mentions and entities, and
the process's peak resident memory (ru_maxrss, model and data included)."""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import zipfile
from pathlib import Path

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.arabic.text import split_sentences  # noqa: E402
from marsad.corpus import entities as R  # noqa: E402
from marsad.extract import entities as E  # noqa: E402
from marsad.model import AnalysedDocument, Document  # noqa: E402


def read(data: Path, limit: int) -> list[str]:
    out: list[str] = []
    for zp in sorted(data.glob("*.zip")):
        with zipfile.ZipFile(zp) as z:
            for name in z.namelist():
                for r in json.loads(z.read(name)):
                    t = (r.get("content") or "").strip()
                    if t:
                        out.append(t)
                        if len(out) >= limit:
                            return out
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared/eval/saudinewsnet/dataset"))
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--rules-only", action="store_true", help="switch the NER model off")
    ap.add_argument("--model", help="a spaCy NER pipeline directory to use instead of marsad/models/ner")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    except (AttributeError, OSError):
        pass
    if a.rules_only:
        E._ner = lambda: None
    elif a.model:
        from marsad.extract import ner

        _nlp = ner.load(a.model)
        E._ner = lambda: (ner, _nlp)
    texts = read(Path(a.data), a.limit)
    sents = [split_sentences(t) for t in texts]
    tokens = sum(len(t.split()) for t in texts)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    t0 = time.perf_counter()
    E.tag_entities(texts[0], sents[0])  # warm-up: compile the matchers, load the model
    warm = time.perf_counter() - t0

    t0 = time.perf_counter()
    ads = []
    for i, (t, s) in enumerate(zip(texts, sents)):
        ad = AnalysedDocument(document=Document(id=f"d{i}", source_path=f"d{i}", text=t))
        ad.mentions = [m.model_copy(update={"doc": ad.document.id}) for m in E.tag_entities(t, s)]
        ads.append(ad)
    tag_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ents = R.resolve(ads)
    res_s = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    n = len(texts)
    mentions = sum(len(x.mentions) for x in ads)
    row = {
        "articles": n, "tokens": tokens, "ner_model": E.ner_available(), "warmup_s": round(warm, 2),
        "tag_s": round(tag_s, 2), "tag_articles_per_s": round(n / tag_s, 1), "tag_tokens_per_s": round(tokens / tag_s),
        "resolve_s": round(res_s, 2), "total_articles_per_s": round(n / (tag_s + res_s), 1),
        "total_tokens_per_s": round(tokens / (tag_s + res_s)), "mentions": mentions, "entities": len(ents),
        "peak_rss_mb": round(rss / 1024), "rss_before_mb": round(rss0 / 1024),
    }
    if a.json:
        print(json.dumps(row))
        return
    print(f"{n} articles, {tokens} tokens, NER model: {'yes' if row['ner_model'] else 'no (rules only)'}; "
          f"warm-up {warm:.2f}s")
    print(f"tag_entities: {tag_s:.2f}s  {row['tag_articles_per_s']} articles/s  {row['tag_tokens_per_s']} tokens/s  "
          f"({mentions} mentions)")
    print(f"resolve:      {res_s:.2f}s  ({len(ents)} entities)")
    print(f"total:        {row['total_articles_per_s']} articles/s  {row['total_tokens_per_s']} tokens/s  "
          f"peak RSS {row['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
