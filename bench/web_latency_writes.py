"""Workbench latency while the store is written: p50/p95/p99 of pages and API endpoints, first with the store idle,
then while `marsad ingest` + `marsad analyze` (another process) add articles to the same store (issue 17).

Requests go through FastAPI's TestClient (in-process, one at a time) on a copy of an analysed store; the writer
ingests and analyses `--more` (a file or folder of articles) into that copy.

    .venv/bin/python bench/web_latency_writes.py --db STORE.sqlite --more MORE.jsonl [--idle-seconds 20]

e.g. STORE: 600 SaudiNewsNet articles ingested and analysed; MORE: the next 250 (see bench/README.md).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def urls_of(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        stories = [r[0] for r in conn.execute("SELECT story_id FROM story_docs GROUP BY story_id "
                                              "ORDER BY count(*) DESC LIMIT 5")]
        docs = [r[0] for r in conn.execute("SELECT doc_id FROM analyses ORDER BY doc_id LIMIT 5")]
        word = next((w for (t,) in conn.execute("SELECT title FROM documents WHERE title IS NOT NULL LIMIT 50")
                     for w in (t or "").split() if len(w) > 4), "الملك")
    finally:
        conn.close()
    return (["/", "/api/stories", "/api/claims?offset=100", "/api/quotes", "/api/timeline",
             f"/search?q={quote(word)}", f"/api/search?q={quote(word)}"]
            + [f"/stories/{s}" for s in stories] + [f"/documents/{d}" for d in docs])


def measure(client, urls, until) -> dict:
    times, per, bad = [], {}, 0
    i = 0
    while not until():
        u = urls[i % len(urls)]
        i += 1
        t0 = time.perf_counter()
        r = client.get(u)
        ms = (time.perf_counter() - t0) * 1000
        times.append(ms)
        per.setdefault(u.split("?")[0].rsplit("/", 1)[0] if u.count("/") > 2 else u.split("?")[0], []).append(ms)
        bad += r.status_code >= 500 or r.status_code in (400, 422)
    q = statistics.quantiles(times, n=100)
    return {"requests": len(times), "p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1), "p99_ms": round(q[98], 1),
            "errors": bad, "p95_by_page": {k: round(statistics.quantiles(v, n=100)[94], 1)
                                           for k, v in sorted(per.items()) if len(v) > 20}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--more", type=Path, required=True)
    ap.add_argument("--idle-seconds", type=float, default=20)
    args = ap.parse_args()
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        src = sqlite3.connect(args.db)
        dst = sqlite3.connect(db)
        src.backup(dst)
        src.close()
        dst.close()
        urls = urls_of(db)
        client = TestClient(create_app(db))
        for u in urls:
            client.get(u)
        t0 = time.time()
        print("idle  ", measure(client, urls, lambda: time.time() - t0 > args.idle_seconds), flush=True)
        marsad = str(REPO / ".venv/bin/marsad")
        writer = subprocess.Popen(f"{marsad} ingest {args.more} --db {db} && {marsad} analyze --db {db}", shell=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env=dict(os.environ, OMP_NUM_THREADS="1"))
        print("writes", measure(client, urls, lambda: writer.poll() is not None), flush=True)
        print("writer exit", writer.returncode)


if __name__ == "__main__":
    main()
