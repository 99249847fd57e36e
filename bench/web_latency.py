"""Workbench latency on a big analysed store: p50/p95 of the main pages and API endpoints.

Build an analysed store once (see bench/README.md), then:

    .venv/bin/python bench/web_latency.py --db /tmp/snn_big.sqlite [--n 30] [--json out.json]

Requests go through FastAPI's TestClient (in-process ASGI, no network), one at a time. Measured, in order:

- `first request`: the first page after the app starts (`/`), and the first request to a few pages/endpoints right
  after the database changed (another connection re-saves one article's analysis, as `marsad analyze` would);
- then, per endpoint kind, `--n` varied requests each (ids and offsets drawn with a fixed seed from the store itself:
  the largest stories, random analysed articles, random offsets, search words taken from titles), after 3 warm-up
  requests of that kind.

The store is only read, except that one article's analysis is re-saved unchanged (the change test).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

_AR_WORD = re.compile(r"[\u0621-\u064A]{4,}")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, round(p / 100 * (len(xs) - 1))))
    return xs[k]


def workload(db: Path, n: int, seed: int = 11) -> dict[str, list[str]]:
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    stories = [(r[0], r[1]) for r in conn.execute(
        "SELECT id, json_array_length(json_extract(data, '$.documents')) AS n FROM corpus WHERE kind='story' "
        "ORDER BY n DESC, id")]
    n_stories = len(stories)
    big = [s for s, _ in stories[:max(1, min(10, n_stories))]]
    docs = [r[0] for r in conn.execute("SELECT doc_id FROM analyses ORDER BY doc_id")]
    n_docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    counts = {k: c for k, c in conn.execute("SELECT kind, count(*) FROM corpus GROUP BY kind")}
    n_claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    n_quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    ents = [r[0] for r in conn.execute(
        "SELECT id FROM corpus WHERE kind='entity' ORDER BY json_array_length(json_extract(data, '$.mentions')) DESC "
        "LIMIT 50")]
    outlets = [r[0] for r in conn.execute("SELECT DISTINCT source_name FROM documents WHERE source_name IS NOT NULL")]
    measures = [r[0] for r in conn.execute("SELECT measure FROM claims GROUP BY measure ORDER BY count(*) DESC LIMIT 8")]
    words = []
    for (t,) in conn.execute("SELECT title FROM documents WHERE title IS NOT NULL ORDER BY random() LIMIT 400"):
        words += _AR_WORD.findall(t or "")
    words = sorted(set(words))
    conn.close()

    def off(total: int, limit: int) -> int:
        return rng.randrange(0, max(1, total - limit + 1)) if rng.random() < 0.7 else 0

    w = {}
    w["page: stories list /"] = ["/"] * n
    w["page: stories list, filtered"] = [rng.choice([f"/?entity={quote(rng.choice(ents or ['x']))}",
                                                     f"/?outlet={quote(rng.choice(outlets or ['x']))}",
                                                     f"/?q={quote(rng.choice(words or ['x']))}"]) for _ in range(n)]
    w["page: story dossier (10 largest)"] = [f"/stories/{rng.choice(big)}" for _ in range(n)] if stories else []
    w["page: article view"] = [f"/documents/{rng.choice(docs)}" for _ in range(n)]
    w["page: search"] = [f"/search?q={quote(rng.choice(words))}" for _ in range(n)]
    w["api: /api/documents"] = [f"/api/documents?limit=20&offset={off(n_docs, 20)}&text=false" for _ in range(n)]
    w["api: /api/stories"] = [f"/api/stories?limit=20&offset={off(n_stories, 20)}" for _ in range(n)]
    w["api: /api/entities"] = [f"/api/entities?limit=50&offset={off(counts.get('entity', 0), 50) + 50}"
                               for _ in range(n)]
    w["api: /api/entities?type&q"] = [f"/api/entities?limit=20&type={rng.choice(['PER', 'ORG', 'LOC'])}"
                                      f"&q={quote(rng.choice(words)[:4])}" for _ in range(n)]
    w["api: /api/claims"] = [rng.choice([f"/api/claims?limit=50&offset={off(n_claims, 50)}",
                                         f"/api/claims?limit=50&measure={quote(rng.choice(measures or ['x']))}",
                                         f"/api/claims?story={rng.choice(big)}"]) for _ in range(n)]
    w["api: /api/claim_groups"] = [f"/api/claim_groups?limit=50&offset={off(counts.get('claim_group', 0), 50)}"
                                   + rng.choice(["", "&conflict=true"]) for _ in range(n)]
    w["api: /api/quotes"] = [f"/api/quotes?limit=50&offset={off(n_quotes, 50)}" for _ in range(n)]
    w["api: /api/events"] = [f"/api/events?limit=50&offset={off(counts.get('event', 0), 50)}" for _ in range(n)]
    w["api: /api/timeline"] = [rng.choice([f"/api/timeline?limit=50&offset={off(1000, 50)}",
                                           f"/api/timeline?story={rng.choice(big)}"]) for _ in range(n)]
    w["api: /api/search"] = [f"/api/search?q={quote(rng.choice(words))}&limit=20" for _ in range(n)]
    w["api: one story / entity / document analysis"] = [
        rng.choice([f"/api/stories/{rng.choice(big)}", f"/api/entities/{rng.choice(ents or ['x'])}",
                    f"/api/documents/{rng.choice(docs)}/analysis"]) for _ in range(n)]
    w["_info"] = [json.dumps({"documents": n_docs, "analysed": len(docs), "stories": n_stories,
                              "largest story docs": stories[0][1] if stories else 0, "claims": n_claims,
                              "quotes": n_quotes, **{f"corpus {k}": v for k, v in counts.items()}})]
    return w


def change(db: Path) -> None:
    """Re-save one stored analysis unchanged (a write that any cache keyed on the analyses must notice)."""
    from marsad.model import AnalysedDocument
    from marsad.store import Store

    with Store(db) as st:
        doc_id, data = st.conn.execute("SELECT doc_id, data FROM analyses ORDER BY doc_id LIMIT 1").fetchone()
        st.save_analysis(AnalysedDocument(document=st.document(doc_id), **json.loads(data)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--n", type=int, default=30, help="requests per endpoint kind")
    ap.add_argument("--only", default="", help="run only endpoint kinds containing this text")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)

    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    w = workload(args.db, args.n)
    info = json.loads(w.pop("_info")[0])
    print("store:", info, f"({args.db.stat().st_size / 1e6:.0f} MB)")
    results = {"store": info}
    t0 = time.perf_counter()
    app = create_app(args.db)
    t_app = time.perf_counter() - t0
    with TestClient(app) as c:
        t0 = time.perf_counter()
        r = c.get("/")
        first = time.perf_counter() - t0
        assert r.status_code == 200, r.text[:300]
        results["first"] = {"create_app_ms": t_app * 1000, "first_ms": first * 1000}
        print(f"create_app {t_app * 1000:.0f} ms; first request (/) {first * 1000:.0f} ms")
        dossier = (w["page: story dossier (10 largest)"] or ["/stories/unassigned"])[0]
        for url in ("/", dossier, "/api/claims?limit=50", "/api/quotes?limit=50", "/api/timeline?limit=50"):
            change(args.db)  # another connection re-saves an article's analysis (as `marsad analyze` would)
            t0 = time.perf_counter()
            r = c.get(url)
            dt = (time.perf_counter() - t0) * 1000
            assert r.status_code == 200, (url, r.text[:300])
            results["first"][f"after_change {url}"] = dt
            print(f"first request after a change: {url} {dt:.0f} ms", flush=True)
        print(f"| endpoint | requests | p50 | p95 | max | mean size |")
        print("|---|---|---|---|---|---|")
        rows = {}
        for kind, urls in w.items():
            if args.only and args.only not in kind or not urls:
                continue
            for u in urls[:3]:
                c.get(u)
            times, sizes = [], []
            for u in urls:
                t0 = time.perf_counter()
                r = c.get(u)
                times.append((time.perf_counter() - t0) * 1000)
                sizes.append(len(r.content))
                assert r.status_code == 200, (u, r.status_code, r.text[:300])
            rows[kind] = {"n": len(times), "p50": pct(times, 50), "p95": pct(times, 95), "max": max(times),
                          "size_kb": statistics.mean(sizes) / 1024}
            x = rows[kind]
            print(f"| {kind} | {x['n']} | {x['p50']:.1f} ms | {x['p95']:.1f} ms | {x['max']:.0f} ms "
                  f"| {x['size_kb']:.0f} KB |", flush=True)
        results["endpoints"] = rows
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
