"""The claim ledger's settings, chosen leaving each annotated dev story out in turn (issue 14).

    .venv/bin/python bench/ledger_loo.py [--dir ../shared/corpus/expected/news-dev]

Analyses the dev stories once, then rebuilds the ledger rows under every setting of a small grid of the
`marsad/corpus/claim_clusters.py` constants (JOIN, SPREAD, FAR, LARGE, ONGOING) and scores each story's grouping
with ../shared/tools/newsscore.py. For each story it picks the setting with the best mean pair F1 on the other three
and reports that setting's score on the held-out story; the mean of those four is the held-out figure. It also
prints the shipped setting's per-story scores. Needs ../shared (the SaudiNewsNet records and the gold files).
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.corpus import claim_clusters as cc  # noqa: E402
from marsad.corpus.dedup import near_duplicates  # noqa: E402
from marsad.corpus.ledger import build_groups  # noqa: E402
from marsad.evaluate.news import SHARED, _tool  # noqa: E402
from marsad.ingest import IngestError, read_path  # noqa: E402
from marsad.ingest.clean import clean  # noqa: E402
from marsad.pipeline import analyse, build_corpus  # noqa: E402

GRID = {"JOIN": [-0.1, 0.0, 0.1, 0.2], "SPREAD": [1.5, 2.0, 3.0], "FAR": [4.0, 6.0, 10.0],
        "LARGE": [1000.0, float("inf")], "ONGOING": [0.0, 0.15]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=SHARED / "corpus" / "expected" / "news-dev")
    args = ap.parse_args()
    newsinput, newsscore = _tool("newsinput", SHARED), _tool("newsscore", SHARED)
    golds = sorted(args.dir.glob("*.json"))
    work = Path(tempfile.mkdtemp(prefix="ledger-loo-"))
    jsonl = work / "news.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        for g in golds:
            for a in json.loads(g.read_text(encoding="utf-8"))["articles"]:
                f.write(json.dumps(newsinput.record(a["ref"]), ensure_ascii=False) + "\n")
    ads = [analyse(clean(r)) for r in read_path(jsonl) if not isinstance(r, IngestError)]
    out = build_corpus(ads)
    dups = near_duplicates(ads)
    shipped = {k: getattr(cc, k) for k in GRID}
    keys = list(GRID)
    scores = {}
    for values in itertools.product(*GRID.values()):
        for k, v in zip(keys, values):
            setattr(cc, k, v)
        out.claim_groups = build_groups(out.claims, out.documents, duplicates=dups, stories=out.stories or None)
        path = work / "pred.json"
        path.write_text(out.model_dump_json(), encoding="utf-8")
        scores[values] = {g.stem: newsscore.score(str(path), [str(g)])[0]["grouping"]["pair_f1"] or 0.0
                          for g in golds}
    for k, v in shipped.items():
        setattr(cc, k, v)
    stories = [g.stem for g in golds]
    held = []
    print("held-out story: setting chosen on the other three -> its pair F1 there")
    for s in stories:
        others = [t for t in stories if t != s]
        best = max(scores, key=lambda v: (sum(scores[v][t] for t in others), v == tuple(shipped.values())))
        held.append(scores[best][s])
        print(f"  {s:10s} {dict(zip(keys, best))} -> {scores[best][s]:.3f}")
    print(f"held-out mean pair F1: {sum(held) / len(held):.3f}")
    print("best settings on all four (mean pair F1):")
    for v in sorted(scores, key=lambda v: -sum(scores[v].values()))[:5]:
        print(f"  {dict(zip(keys, v))}: " + ", ".join(f"{s} {scores[v][s]:.3f}" for s in stories)
              + f"; mean {sum(scores[v].values()) / len(stories):.3f}")
    ship = scores[tuple(shipped[k] for k in keys)]
    print(f"shipped {shipped}: " + ", ".join(f"{s} {ship[s]:.3f}" for s in stories)
          + f"; mean {sum(ship.values()) / len(ship):.3f}")


if __name__ == "__main__":
    main()
