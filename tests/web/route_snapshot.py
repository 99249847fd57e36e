"""Render every page and API route of a store and write the answers to one JSON file, to show that a restructuring
of the web layer changes no byte of what it serves (issue 19 item 4): run it before and after, then compare.

    .venv/bin/python tests/web/route_snapshot.py --db STORE.sqlite --out before.json
    .venv/bin/python tests/web/route_snapshot.py --db STORE.sqlite --out after.json --compare before.json

`--sample` builds STORE from the bundled sample corpus first (data/sample, through the real pipeline); `--rich`
from the hand-built fixture store of tests/web/conftest.py. Not collected by pytest (a script, not a test).
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def routes(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    one = lambda sql: [r[0] for r in conn.execute(sql)]  # noqa: E731
    stories = one("SELECT id FROM corpus WHERE kind='story' ORDER BY id") + ["unassigned", "no-such-story"]
    docs = one("SELECT id FROM documents ORDER BY id") + ["no-such-doc"]
    ents = one("SELECT id FROM corpus WHERE kind='entity' ORDER BY id LIMIT 30")
    claims = one("SELECT id FROM claims ORDER BY id LIMIT 30")
    groups = one("SELECT id FROM corpus WHERE kind='claim_group' ORDER BY id")
    outlets = one("SELECT DISTINCT source_name FROM documents WHERE source_name IS NOT NULL ORDER BY 1")
    measures = one("SELECT DISTINCT measure FROM claims WHERE measure IS NOT NULL ORDER BY 1")[:5]
    conn.close()
    words = ["الجنود", "السد", "قمة", "وزارة", "والجنود"]
    out = ["/", "/?page=2", "/?q=%D8%A7%D9%84", "/?from=2026-03-10", "/?to=2025-12-31", "/?page=0", "/?from=bad",
           "/search", "/upload", "/jobs/nojob", "/no/such/page", "/api", "/api/documents",
           "/api/documents?text=false&limit=3&offset=1", "/api/stories", "/api/stories?limit=2&offset=1",
           "/api/timeline", "/api/timeline?limit=5&offset=2", "/api/events", "/api/entities",
           "/api/entities?type=PER", "/api/entities?q=%D9%88%D8%B2%D8%A7%D8%B1%D8%A9", "/api/claims",
           "/api/claims?limit=7&offset=3", "/api/claim_groups", "/api/claim_groups?conflict=true", "/api/quotes",
           "/api/quotes?speaker=%D8%A7%D9%84", "/api/search", "/api/search?q=", "/api/jobs/nojob",
           "/api/stories?limit=0", "/openapi.json", "/static/style.css"]
    for o in outlets:
        out += [f"/?outlet={quote(o)}", f"/search?outlet={quote(o)}", f"/api/documents?outlet={quote(o)}"]
    for m in measures:
        out += [f"/api/claims?measure={quote(m)}", f"/api/claim_groups?measure={quote(m)}"]
    for w in words:
        out += [f"/search?q={quote(w)}", f"/api/search?q={quote(w)}", f"/?q={quote(w)}"]
    for s in stories:
        out += [f"/stories/{s}", f"/stories/{s}?page=2", f"/stories/{s}/ledger.csv", f"/api/stories/{s}",
                f"/api/stories/{s}/timeline", f"/api/claims?story={s}", f"/api/timeline?story={s}"]
    for d in docs:
        out += [f"/documents/{d}", f"/documents/{d}?hl=0-20&q={quote('الجنود')}", f"/api/documents/{d}",
                f"/api/documents/{d}/analysis", f"/api/claims?doc={d}", f"/api/quotes?doc={d}"]
    for e in ents:
        out += [f"/api/entities/{e}", f"/?entity={e}", f"/search?entity={e}"]
    out += [f"/api/claims/{c}" for c in claims] + [f"/api/claim_groups/{g}" for g in groups]
    return out


def snapshot(db: Path) -> dict:
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    out = {}
    with TestClient(create_app(db, token="x" * 40), follow_redirects=False) as c:
        for u in routes(db):
            r = c.get(u)
            out[u] = {"status": r.status_code, "type": r.headers.get("content-type"),
                      "location": r.headers.get("location"), "body": r.text}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--compare", type=Path)
    ap.add_argument("--sample", action="store_true", help="build --db from data/sample first (when missing)")
    ap.add_argument("--rich", action="store_true", help="build --db from the rich fixture first (when missing)")
    args = ap.parse_args()
    if args.sample and not args.db.exists():
        from conftest import SAMPLE_DIR, fill_from_sample

        fill_from_sample(SAMPLE_DIR, args.db)
    if args.rich and not args.db.exists():
        from conftest import build_rich_store

        build_rich_store(args.db)
    snap = snapshot(args.db)
    args.out.write_text(json.dumps(snap, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(snap)} routes written to {args.out}")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        diff = [u for u in sorted(set(before) | set(snap)) if before.get(u) != snap.get(u)]
        for u in diff[:20]:
            print("DIFFERS:", u)
        print(f"{len(diff)} of {len(snap)} routes differ")
        sys.exit(1 if diff else 0)


if __name__ == "__main__":
    main()
