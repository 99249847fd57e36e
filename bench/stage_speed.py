"""Per-document stage times on SaudiNewsNet articles: how much of an article's analysis each stage takes.

    OMP_NUM_THREADS=1 python bench/stage_speed.py [--n 300] [--skip 0] [--snn ../shared/eval/saudinewsnet/dataset]

Runs every per-document stage of `marsad.pipeline.STAGES` on the first N articles of the first SaudiNewsNet day
(after `--skip`), in this process, and prints per stage the CPU milliseconds per article (best of two passes for the
cheap stages; one pass for the NER-bound entities stage) and its share of the whole. Point PYTHONPATH at another
checkout to time another version of the code on the same articles.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNN = ROOT.parent / "shared" / "eval" / "saudinewsnet" / "dataset"


def articles(n: int, skip: int, snn: Path = SNN):
    """Cleaned Documents of the first SaudiNewsNet records that have a body."""
    from marsad.ingest.clean import clean
    from marsad.model import RawArticle

    out = []
    for z in sorted(snn.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            name = next(x for x in zf.namelist() if x.endswith(".json"))
            recs = json.load(io.TextIOWrapper(zf.open(name), encoding="utf-8"))
        for i, r in enumerate(recs):
            if not (r.get("content") or "").strip():
                continue
            if skip:
                skip -= 1
                continue
            raw = RawArticle(source_path=f"{z.name}#{i}", body=r["content"], title=r.get("title"),
                             source_name=r.get("source"), url=r.get("url"), published=r.get("date_extracted"),
                             format="json")
            out.append(clean(raw))
            if len(out) >= n:
                return out
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--snn", type=Path, default=SNN, help="the SaudiNewsNet dataset folder (zips)")
    args = ap.parse_args(argv)
    from marsad.model import AnalysedDocument
    from marsad.pipeline import STAGES

    docs = articles(args.n, args.skip, args.snn)
    if not docs:
        sys.exit(f"no SaudiNewsNet articles under {args.snn}")
    ads = [AnalysedDocument(document=d) for d in docs]
    times = {}
    for name, fn in STAGES:
        passes = 1 if name == "entities" else 2
        best = None
        for p in range(passes):
            work = ads if p == passes - 1 else [a.model_copy(deep=True) for a in ads]
            t0 = time.process_time()
            for a in work:
                fn(a)
            dt = time.process_time() - t0
            best = dt if best is None else min(best, dt)
        times[name] = best
    total = sum(times.values())
    print(f"{len(docs)} articles, {sum(len(d.text) for d in docs) / len(docs):.0f} characters on average "
          f"({sys.version.split()[0]})")
    print("| stage | CPU ms per article | share |")
    print("|---|---|---|")
    for name, t in times.items():
        print(f"| {name} | {1000 * t / len(docs):.2f} | {100 * t / total:.1f} % |")
    print(f"| all | {1000 * total / len(docs):.2f} | 100 % |")


if __name__ == "__main__":
    main()
