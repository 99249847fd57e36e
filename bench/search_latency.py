"""Search latency on the full SaudiNewsNet index: p50/p95 over 200 varied Arabic queries.

Build the index once (ingest indexes every article; ~1 min):

    .venv/bin/marsad ingest /work/shared/eval/saudinewsnet/dataset --db /tmp/snn.sqlite
    .venv/bin/python bench/search_latency.py --db /tmp/snn.sqlite

The queries are drawn (fixed seed) from the indexed articles' own titles so every kind hits real text: single common
and rare words, clitic variants («و»/«ال»/«بال»/«لل» added or removed), two and three words, quoted phrases, prefixes
(«كلمة*»), spelling variants (hamza/ta-marbuta/alef-maqsura folded the other way, a diacritic, tatweel, Arabic-Indic
digits), and a quarter of them with an outlet or a date-range filter. Each timing is one `marsad.store.search.search`
call (20 hits with highlighted snippets of the original text), after 20 warm-up queries.
"""
from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.store import search as s  # noqa: E402

_AR_WORD = re.compile(r"[\u0621-\u064A]{3,}")
CLITICS = ["و", "ال", "وال", "بال", "لل", "ف"]
VARIANT = str.maketrans({"ا": "أ", "ه": "ة", "ي": "ى"})


def _variant(w: str, rng: random.Random) -> str:
    k = rng.randrange(4)
    if k == 0:
        return w.translate(VARIANT)
    if k == 1:
        return w[:1] + "\u064e" + w[1:]  # a fatha
    if k == 2:
        return w[:2] + "\u0640" + w[2:]  # tatweel
    return w


def make_queries(conn: sqlite3.Connection, n: int = 200, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    max_rowid = conn.execute("SELECT max(rowid) FROM documents").fetchone()[0]
    outlets = [r[0] for r in conn.execute("SELECT DISTINCT source_name FROM documents WHERE source_name IS NOT NULL")]
    dates = [r[0] for r in conn.execute("SELECT DISTINCT substr(published,1,10) FROM documents "
                                        "WHERE published IS NOT NULL ORDER BY 1")]
    out: list[dict] = []
    kinds = ["word", "clitic", "two", "three", "phrase", "prefix", "variant", "digits"]
    while len(out) < n:
        row = conn.execute("SELECT title, text FROM documents WHERE rowid >= ? LIMIT 1",
                           (rng.randint(1, max_rowid),)).fetchone()
        if not row:
            continue
        words = _AR_WORD.findall(row[0] or "") or _AR_WORD.findall((row[1] or "")[:400])
        if len(words) < 3:
            continue
        kind = kinds[len(out) % len(kinds)]
        i = rng.randrange(len(words) - 2)
        w = words[i]
        if kind == "word":
            q = w
        elif kind == "clitic":
            base = s.stem(s.normalize(w))
            q = rng.choice(CLITICS) + base
        elif kind == "two":
            q = " ".join(words[i:i + 2])
        elif kind == "three":
            q = " ".join(words[i:i + 3])
        elif kind == "phrase":
            q = '"' + " ".join(words[i:i + 2]) + '"'
        elif kind == "prefix":
            q = w[:max(3, len(w) - 2)] + "*"
        elif kind == "variant":
            q = _variant(w, rng)
        else:
            digits = re.findall(r"\d{2,4}", (row[1] or "")[:600])
            q = (digits[0].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + " " + w) if digits else w
        query = {"q": q, "kind": kind}
        if len(out) % 4 == 3 and outlets and dates:
            if rng.random() < 0.5:
                query["outlet"] = rng.choice(outlets)
            else:
                a = rng.randrange(len(dates))
                query["date_from"], query["date_to"] = dates[a], dates[min(len(dates) - 1, a + rng.randint(1, 10))]
        out.append(query)
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="/tmp/snn.sqlite")
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--show", action="store_true", help="print every query with its time and hit count")
    args = ap.parse_args()
    if not Path(args.db).exists():
        sys.exit(f"{args.db} missing: build it with `marsad ingest /work/shared/eval/saudinewsnet/dataset --db {args.db}`")
    from marsad.store import Store

    store = Store(args.db)  # opens (and, for an older store, migrates) the index
    conn = store.conn
    n_docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    queries = make_queries(conn, args.n)
    for q in make_queries(conn, 20, seed=99):  # warm-up
        s.search(conn, **q_args(q))
    times, hits, by_kind = [], [], {}
    for q in queries:
        t0 = time.perf_counter()
        res = s.search(conn, **q_args(q))
        dt = (time.perf_counter() - t0) * 1000
        times.append(dt)
        hits.append(res["total"])
        by_kind.setdefault(q["kind"], []).append(dt)
        if args.show:
            print(f"{dt:7.1f} ms  {res['total']:6d}  {q}")
    print(f"index: {n_docs} documents ({args.db})")
    print(f"{len(times)} queries: p50 {pct(times, .5):.1f} ms, p95 {pct(times, .95):.1f} ms, max {max(times):.1f} ms, "
          f"mean {statistics.mean(times):.1f} ms; hits per query: median {statistics.median(hits):.0f}, "
          f"zero-hit queries {sum(1 for h in hits if h == 0)}")
    for k, xs in by_kind.items():
        print(f"  {k:8s} n={len(xs):3d}  p50 {pct(xs, .5):6.1f} ms  p95 {pct(xs, .95):6.1f} ms")
    store.close()


def q_args(q: dict) -> dict:
    return {"query": q["q"], "limit": 20, **{k: v for k, v in q.items() if k in ("outlet", "date_from", "date_to")}}


if __name__ == "__main__":
    main()
