"""Arabic full-text search over SQLite FTS5.

The index is the store's `docs_fts` table (one row per document, rowid = the document's rowid). Each of its `title`
and `body` columns holds two runs of words:

- the text in the matching normalisation (`marsad.arabic.text.normalize`: أ/إ/آ→ا, ى→ي, ة→ه, diacritics and
  tatweel dropped, Arabic-Indic digits → Latin), so spelling variants never matter;
- then every word again without its clitics (`marsad.arabic.text.strip_clitics`, profile `words` of
  `marsad/arabic/data/clitics.tsv`, shared with the story features): proclitics و ف ب ك ل and the article, and the
  possessive/object pronouns ـه ـها ـهم ـهما ـنا ـكم ـكن, so «والجنود», «الجنود», «للجنود», «جنودها», «لجنودها» and
  «جنود» all index as «جنود». The stems are taken from the text with its ta marbuta kept, so «حكومة» is never read
  as «حكوم» + the pronoun ـه.

A query gets the same treatment: each word must match its stem, and the written form is an alternative that ranks
higher (bm25, title weighted over body). `"…"` makes a phrase, a trailing `*` a prefix query. Snippets and
highlights are offsets into the ORIGINAL text (the normalisation only drops characters, so a match in the normalised
text maps back exactly).

`migrate(conn)` and `index_document(conn, doc)` are the hooks `marsad.store.db.Store` calls; `migrate` rebuilds the
index of a store written before this index version.
"""
from __future__ import annotations

import re
import sqlite3

from marsad.arabic.text import TA_MARBUTA, fold, normalize, normalize_word, strip_clitics, strip_marks

INDEX_VERSION = "4"   # 4: possessive and object suffixes stripped too (clitics.tsv)
MAX_LIMIT = 100
MAX_QUERY_TERMS = 16

_WORD = re.compile(r"\w+", re.UNICODE)
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')



# ------------------------------------------------------------------ light stemming
def stem(word: str) -> str:
    """A word in matching form (its ta marbuta may be kept as ة) without its clitics: «والجنود», «لجنودها» →
    «جنود»; the word itself when nothing may be stripped."""
    return strip_clitics(word, "words")


def _ta_kept(text: str) -> str:
    """The matching form of `text` with ة kept (so that «حكومة» never loses its ending as the pronoun ـه)."""
    return normalize_word(text, keep=TA_MARBUTA)


def stems_of(text: str) -> str:
    """The `stems` column of a text: every word's stem."""
    return " ".join(stem(w) for w in _WORD.findall(_ta_kept(text)))


# ------------------------------------------------------------------ index hooks
def migrate(conn: sqlite3.Connection) -> None:
    """(Re)build the index when the store was written before this index version."""
    row = conn.execute("SELECT value FROM meta WHERE key='search_index_version'").fetchone()
    if row and row[0] == INDEX_VERSION:
        return
    rebuild(conn)


def rebuild(conn: sqlite3.Connection) -> int:
    """Re-index every stored document (one transaction); returns the number indexed."""
    n = 0
    with conn:
        conn.execute("DROP TABLE IF EXISTS search_fts")  # index version 2 kept a table of its own
        conn.execute("DELETE FROM docs_fts")
        for rowid, doc_id, title, text in conn.execute("SELECT rowid, id, title, text FROM documents").fetchall():
            conn.execute("INSERT INTO docs_fts(rowid, doc_id, title, body) VALUES (?,?,?,?)",
                         (rowid, doc_id, *_columns(title, text)))
            n += 1
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('search_index_version', ?)", (INDEX_VERSION,))
    return n


def _column(s: str | None) -> str:
    n = normalize(s or "")
    return n + "\n" + stems_of(s) if n else ""


def _columns(title: str | None, text: str | None) -> tuple[str, str]:
    return _column(title), _column(text)


def index_document(conn: sqlite3.Connection, doc) -> None:
    """Index one freshly inserted document (called inside Store.add_document's transaction)."""
    row = conn.execute("SELECT rowid FROM documents WHERE id=?", (doc.id,)).fetchone()
    if row is None:
        return
    conn.execute("DELETE FROM docs_fts WHERE rowid=?", (row[0],))
    conn.execute("INSERT INTO docs_fts(rowid, doc_id, title, body) VALUES (?,?,?,?)",
                 (row[0], doc.id, *_columns(doc.title, doc.text)))


# ------------------------------------------------------------------ queries
def parse_query(query: str) -> list[dict]:
    """The parts of a user query: [{"words": [normalised words], "stems": [...], "prefix": bool}] (a quoted phrase is
    one part with several words)."""
    parts = []
    for m in _QUERY_PART.finditer(_ta_kept(query or "")):
        phrase, word = m.group(1), m.group(2)
        raw = phrase if phrase is not None else word
        kept = _WORD.findall(raw)
        if not kept:
            continue
        prefix = phrase is None and raw.rstrip().endswith("*") and len(kept) == 1
        parts.append({"words": [w.replace(TA_MARBUTA, "ه") for w in kept], "stems": [stem(w) for w in kept],
                      "prefix": prefix})
        if len(parts) >= MAX_QUERY_TERMS:
            break
    return parts


def fts_query(parts: list[dict] | list[str]) -> str:
    """The FTS5 MATCH expression: every part must match its stems; the written form, when it differs, is an
    alternative (it matches the normalised run of the column, so an exact form scores higher)."""
    if parts and isinstance(parts[0], str):
        parts = [{"words": [w], "stems": [stem(w)], "prefix": False} for w in parts]
    out = []
    for p in parts:
        star = "*" if p["prefix"] else ""
        stems = " ".join(p["stems"])
        words = " ".join(p["words"])
        if stems == words:
            out.append(f'"{stems}"{star}')
        else:
            out.append(f'("{stems}"{star} OR "{words}"{star})')
    return "{title body} : (" + " AND ".join(out) + ")"


def _matcher(parts: list[dict]):
    """A predicate on normalised words: does this word match some query word (by stem, exactly or as a prefix)?"""
    exact = {s for p in parts if not p["prefix"] for s in p["stems"]}
    prefixes = tuple(s for p in parts if p["prefix"] for s in p["stems"]) + \
        tuple(w for p in parts if p["prefix"] for w in p["words"])
    words = {w for p in parts for w in p["words"]}

    def match(w: str, kept: str) -> bool:
        """`w`: a word in matching form; `kept`: the same word with its ta marbuta kept."""
        if w in words:
            return True
        s = stem(kept)
        return s in exact or (bool(prefixes) and (s.startswith(prefixes) or w.startswith(prefixes)))
    return match


def highlights(text: str, parts: list[dict]) -> list[tuple[int, int]]:
    """(start, end) offsets in the ORIGINAL `text` of every word matching the query."""
    if not text or not parts:
        return []
    stripped, idx = strip_marks(text)
    # offsets back to the original: a bisection map over the dropped runs (a per-character list cost ~10 ms a page);
    # the fold is 1:1, so a word of `norm` is at the same place in `kept`; `norm` is `kept` with its ta marbuta
    # folded too (one replace instead of a second pass of the whole fold: it was a third of a search's time)
    kept = fold(stripped, keep=TA_MARBUTA)
    norm = kept.replace(TA_MARBUTA, _TA_FOLDED)
    match = _matcher(parts)
    needles = sorted({s for p in parts for s in p["stems"] + p["words"] if s}, key=len, reverse=True)
    if not needles:
        return []
    # only words containing a needle can match: find the needles with one C-speed regex, widen each find to its
    # word, then check the word's stem. (A pattern `\w*(?:needles)\w*` does the same but retries at every letter of
    # every word without a needle: 8x slower on an article, the bulk of a search page.)
    cand = re.compile("|".join(map(re.escape, needles)))
    out, pos, n = [], 0, len(norm)
    while (m := cand.search(norm, pos)) is not None:
        s = m.start()
        while s > 0 and _is_word_char(norm[s - 1]):
            s -= 1
        e = _WORD_REST.match(norm, m.end()).end()
        if match(norm[s:e], kept[s:e]):
            # the end takes in the marks (diacritics, tatweel) that follow the word's last letter
            out.append((s, e) if idx is None else (idx[s], idx[e] if e < len(idx) else len(text)))
        pos = e if e > m.start() else m.start() + 1
        if pos >= n:
            break
    return out


_WORD_REST = re.compile(r"\w*")
_TA_FOLDED = fold(TA_MARBUTA)


def _is_word_char(c: str) -> bool:
    """Does `c` match the regex class \\w (what _WORD splits on)?"""
    return c.isalnum() or c == "_"


def snippet(text: str, terms, width: int = 200) -> tuple[str, list[tuple[int, int]]]:
    """A window of the original text around the first match, with the (start, end) of every match inside it
    (offsets relative to the window). `terms` is a parsed query (list of parts) or a list of words."""
    parts = terms if not terms or isinstance(terms[0], dict) else \
        [{"words": [t], "stems": [stem(t)], "prefix": False} for t in terms]
    hits = highlights(text, parts)
    if not hits:
        cut = text[:width]
        return cut, []
    a = max(0, hits[0][0] - width // 3)
    # start and end on word boundaries
    if a > 0:
        sp = text.find(" ", a, hits[0][0])
        a = sp + 1 if sp != -1 else a
    b = min(len(text), a + width)
    if b < len(text):
        sp = text.rfind(" ", max(a, hits[0][1]), b)
        b = sp if sp != -1 else b
    window = [(s - a, e - a) for s, e in hits if s >= a and e <= b]
    return text[a:b], window


def document_filters(entity: str | None, outlet: str | None, date_from: str | None, date_to: str | None):
    """SQL conditions on `documents d`. The unary `+` keeps SQLite from driving the query through the documents
    indexes: the FTS match must come first (otherwise every document of an outlet is matched one by one)."""
    given = [(cond, value) for cond, value in (
        ("+d.id IN (SELECT doc_id FROM mentions WHERE entity = ?)", entity),
        ("+d.source_name = ?", outlet),
        ("substr(d.published, 1, 10) >= ?", date_from),
        ("substr(d.published, 1, 10) <= ?", date_to)) if value]
    return [c for c, _ in given], [v for _, v in given]


def search(conn: sqlite3.Connection, query: str, limit: int = 20, offset: int = 0, *, entity: str | None = None,
           outlet: str | None = None, date_from: str | None = None, date_to: str | None = None,
           width: int = 200) -> dict:
    """Documents matching every word of `query` (clitic- and spelling-insensitive), best first, optionally filtered by
    entity id (a mention resolved to it), outlet (source_name) and publication date range (inclusive ISO dates).

    Returns {"query", "total", "limit", "offset", "hits": [{"id", "title", "title_highlights", "snippet",
    "highlights", "source_name", "published", "url"}]}; an empty query with filters lists the filtered documents,
    newest first."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    parts = parse_query(query)
    where, args = document_filters(entity, outlet, date_from, date_to)
    cols = "d.id, d.title, d.text, d.source_name, d.published, d.url"
    if parts:
        q = fts_query(parts)
        cond = " AND ".join(["docs_fts MATCH ?"] + where)
        base = f"FROM docs_fts f {'JOIN documents d ON d.rowid = f.rowid' if where else ''} WHERE {cond}"
        total = conn.execute(f"SELECT count(*) {base}", (q, *args)).fetchone()[0]
        # rank first, then fetch only the page's documents (joining before sorting would drag every match's text
        # through the sorter)
        rows = conn.execute(
            f"SELECT {cols} FROM (SELECT f.rowid AS rid, bm25(docs_fts, 0.0, 3.0, 1.0) AS score {base} "
            f"ORDER BY score LIMIT ? OFFSET ?) x JOIN documents d ON d.rowid = x.rid ORDER BY x.score",
            (q, *args, limit, offset)).fetchall()
    elif where:
        base = "FROM documents d WHERE " + " AND ".join(where)
        total = conn.execute(f"SELECT count(*) {base}", args).fetchone()[0]
        rows = conn.execute(f"SELECT {cols} {base} ORDER BY d.published DESC, d.source_path LIMIT ? OFFSET ?",
                            (*args, limit, offset)).fetchall()
    else:
        return {"query": query or "", "total": 0, "limit": limit, "offset": offset, "hits": []}
    hits = []
    for r in rows:
        snip, marks = snippet(r[2], parts, width=width)
        hits.append({"id": r[0], "title": r[1], "title_highlights": highlights(r[1] or "", parts),
                     "snippet": snip, "highlights": marks, "source_name": r[3], "published": r[4], "url": r[5],
                     "lead": _lead(r[2])})
    return {"query": query or "", "total": total, "limit": limit, "offset": offset, "hits": hits}


def _lead(text: str, n: int = 90) -> str:
    """The start of a text, cut at a word boundary (a title for untitled articles)."""
    t = " ".join((text or "").split(maxsplit=25)[:25])  # the first 25 words: the rest is never split
    if len(t) <= n:
        return t
    cut = t.rfind(" ", 0, n)
    return t[:cut if cut > 0 else n] + "…"


def outlets(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every outlet with its number of documents (for filter menus)."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT source_name, count(*) FROM documents WHERE source_name IS NOT NULL "
        "GROUP BY source_name ORDER BY count(*) DESC, source_name")]
