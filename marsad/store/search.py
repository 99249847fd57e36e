"""Arabic full-text search over the FTS5 index: the query gets the same normalisation as the indexed text."""
from __future__ import annotations

import re
import sqlite3

from marsad.arabic.text import normalize, normalize_map

_WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(query: str) -> list[str]:
    """Normalised search terms of a user query."""
    return _WORD.findall(normalize(query))


def fts_query(terms: list[str]) -> str:
    return " AND ".join(f'"{t}"' for t in terms)


def snippet(text: str, terms: list[str], width: int = 160) -> tuple[str, list[tuple[int, int]]]:
    """A window of the original text around the first match, with the (start, end) of every term match in it."""
    norm, idx = normalize_map(text)
    hits = []
    for t in terms:
        for m in re.finditer(re.escape(t), norm):
            hits.append((idx[m.start()], idx[m.end() - 1] + 1))
    hits.sort()
    if not hits:
        return text[:width], []
    a = max(0, hits[0][0] - width // 3)
    b = min(len(text), a + width)
    window = [(s - a, e - a) for s, e in hits if s >= a and e <= b]
    return text[a:b], window


def search(conn: sqlite3.Connection, query: str, limit: int = 20, offset: int = 0) -> dict:
    """Documents matching every term of `query`, best first: {"total", "hits": [{"id", "title", "snippet", ...}]}."""
    terms = query_terms(query)
    if not terms:
        return {"total": 0, "hits": []}
    q = fts_query(terms)
    total = conn.execute("SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?", (q,)).fetchone()[0]
    rows = conn.execute(
        "SELECT d.id, d.title, d.text, d.source_name, d.published FROM docs_fts f JOIN documents d ON d.id = f.doc_id "
        "WHERE docs_fts MATCH ? ORDER BY bm25(docs_fts) LIMIT ? OFFSET ?", (q, limit, offset)).fetchall()
    hits = []
    for r in rows:
        snip, marks = snippet(r["text"], terms)
        hits.append({"id": r["id"], "title": r["title"], "snippet": snip, "highlights": marks,
                     "source_name": r["source_name"], "published": r["published"]})
    return {"total": total, "hits": hits}
