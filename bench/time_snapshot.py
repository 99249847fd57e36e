"""A snapshot of everything the time tagger says on real articles, to prove a refactoring changed nothing.

    .venv/bin/python bench/time_snapshot.py --n 1000 --out /tmp/before.jsonl      # before the change
    .venv/bin/python bench/time_snapshot.py --n 1000 --out /tmp/after.jsonl --compare /tmp/before.jsonl

For the first --n non-empty SaudiNewsNet articles (zips sorted by name), one line per article: every DateMention
of `tag_dates` (past, future and undated), `tag_durations`, `find_publication_date` and `infer_publication_date`.
(The dev stories are compared on the `dates` of `marsad analyze --json` before/after.) --compare prints the articles whose lines
differ (at most 20) and exits 1 when any does.
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "eval" / "saudinewsnet" / "dataset"


def articles(n: int):
    k = 0
    for z in sorted(glob.glob(str(DATA / "*.zip"))):
        with zipfile.ZipFile(z) as zf:
            for name in sorted(zf.namelist()):
                for a in json.loads(zf.read(name)):
                    if (a.get("content") or "").strip():
                        yield f"{Path(z).name}/{name}#{k}", a["content"], (a.get("date_extracted") or "")[:10] or None
                        k += 1
                        if k >= n:
                            return


def snapshot(text: str, published: str | None) -> dict:
    from marsad.arabic.time import find_publication_date, infer_publication_date, tag_dates, tag_durations

    def dm(ds):
        return [(d.start, d.end, d.value, d.grain, d.resolved_from) for d in ds]

    return {"past": dm(tag_dates(text, published)), "future": dm(tag_dates(text, published, prefer="future")),
            "undated": dm(tag_dates(text, None)), "durations": tag_durations(text),
            "byline": find_publication_date(text), "inferred": infer_publication_date(text)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--compare")
    a = ap.parse_args()
    with open(a.out, "w", encoding="utf-8") as f:
        for key, text, pub in articles(a.n):
            f.write(json.dumps({"key": key, **snapshot(text, pub)}, ensure_ascii=False) + "\n")
    if not a.compare:
        return 0
    old = Path(a.compare).read_text(encoding="utf-8").splitlines()
    new = Path(a.out).read_text(encoding="utf-8").splitlines()
    diff = [(x, y) for x, y in zip(old, new) if x != y]
    for x, y in diff[:20]:
        print("-", x[:400], "\n+", y[:400])
    print(f"{len(new)} articles, {len(diff)} differ" + ("" if len(old) == len(new) else f" ({len(old)} before)"))
    return 1 if diff or len(old) != len(new) else 0


if __name__ == "__main__":
    raise SystemExit(main())
