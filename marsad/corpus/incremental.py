"""Incremental grouping: add articles to a stored corpus without recomputing it.

Each new article is placed exactly as the batch procedure (`marsad.corpus.stories`) places it — it joins the best
event among the candidates that share its heaviest terms, within the date window, or opens a new event; a new event
joins the best story or opens one — but every structure it needs lives in the SQLite store, behind indexes:

- near-duplicates: MinHash LSH band keys (`grp_lsh`, indexed) → candidate copies, checked on their signatures;
- events and stories: inverted term indexes (`grp_event_terms`, `grp_story_terms`; newest postings read first,
  at most POSTINGS_SCAN per term) → at most CANDIDATES groups scored exactly;
- document frequencies for TF-IDF (`grp_df`), looked up per term.

So the work per new article is bounded by those constants, not by the size of the corpus. The tables are created by
`migrate(conn)` (called by `add`); they do not touch the store's own schema. Events and stories are also written to
the store's `corpus` table (kinds "event"/"story") when it exists, so `Store.load_analysis()` shows them.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter

import numpy as np

from marsad.corpus import dedup
from marsad.corpus import features as F
from marsad.corpus import stories as S
from marsad.model import AnalysedDocument, Event, Story

SCHEMA = """
CREATE TABLE IF NOT EXISTS grp_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS grp_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS grp_docs (
  doc_id TEXT PRIMARY KEY, event_id TEXT, canonical TEXT, pub INTEGER, sig BLOB, n_shingles INTEGER,
  published TEXT, title TEXT);
CREATE TABLE IF NOT EXISTS grp_lsh (band TEXT NOT NULL, doc_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS grp_lsh_band ON grp_lsh(band);
CREATE TABLE IF NOT EXISTS grp_events (id TEXT PRIMARY KEY, story_id TEXT, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS grp_stories (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS grp_event_terms (term TEXT NOT NULL, gid TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS grp_event_terms_term ON grp_event_terms(term);
CREATE TABLE IF NOT EXISTS grp_story_terms (term TEXT NOT NULL, gid TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS grp_story_terms_term ON grp_story_terms(term);
"""


def migrate(conn: sqlite3.Connection) -> None:
    """Create the incremental grouping tables (idempotent)."""
    conn.executescript(SCHEMA)


def _conn(db) -> sqlite3.Connection:
    return db.conn if hasattr(db, "conn") else db


class SqlIndex:
    """The stored counterpart of `stories.MemoryIndex`: groups and their postings in SQLite, cached for one call."""

    def __init__(self, conn: sqlite3.Connection, kind: str):
        self.conn, self.kind = conn, kind
        self.table = "grp_events" if kind == "event" else "grp_stories"
        self.terms = "grp_event_terms" if kind == "event" else "grp_story_terms"
        self.cache: dict[str, S.Group] = {}
        self.indexed: dict[str, set[str]] = {}
        self.dirty: set[str] = set()

    def candidates(self, vec: dict[str, float]) -> list[str]:
        hits: Counter[str] = Counter()
        for t, w in sorted(vec.items(), key=lambda kv: -kv[1])[:S.QUERY_TERMS]:
            for (gid,) in self.conn.execute(
                    f"SELECT gid FROM {self.terms} WHERE term=? ORDER BY rowid DESC LIMIT ?", (t, S.POSTINGS_SCAN)):
                hits[gid] += w
        return [g for g, _ in hits.most_common(S.CANDIDATES)]

    def get(self, gid: str) -> S.Group:
        if gid not in self.cache:
            row = self.conn.execute(f"SELECT data FROM {self.table} WHERE id=?", (gid,)).fetchone()
            d = json.loads(row[0])
            g = S.Group(id=gid, docs=d["docs"], centroid=d["centroid"], first=d["first"], last=d["last"],
                        happening=Counter({int(k): v for k, v in d["happening"].items()}),
                        members=d.get("members", []), parent=d.get("parent"))
            g.title, g.titled, g.keys = d.get("title"), d.get("titled", False), d.get("keys", {})
            self.cache[gid] = g
            self.indexed[gid] = set(d.get("indexed", []))
        return self.cache[gid]

    def put(self, g: S.Group, index_terms: int = 30) -> None:
        self.cache[g.id] = g
        top = {t for t, _ in sorted(g.centroid.items(), key=lambda kv: -kv[1])[:index_terms]}
        old = self.indexed.get(g.id, set())
        self.conn.executemany(f"INSERT INTO {self.terms} VALUES (?,?)", [(t, g.id) for t in sorted(top - old)])
        self.indexed[g.id] = old | top
        self.dirty.add(g.id)

    def flush(self) -> None:
        rows = []
        for gid in self.dirty:
            g = self.cache[gid]
            rows.append((gid, json.dumps({
                "docs": g.docs, "centroid": g.centroid, "first": g.first, "last": g.last,
                "happening": {str(k): v for k, v in g.happening.items()}, "members": g.members,
                "parent": g.parent, "title": getattr(g, "title", None), "titled": getattr(g, "titled", False),
                "keys": getattr(g, "keys", {}),
                "indexed": sorted(self.indexed.get(gid, ()))}, ensure_ascii=False)))
        self.conn.executemany(f"INSERT OR REPLACE INTO {self.table}(id, data) VALUES (?,?)", rows)
        self.dirty.clear()
        self.cache.clear()
        self.indexed.clear()


class _DF:
    def __init__(self, conn):
        self.conn = conn
        row = conn.execute("SELECT value FROM grp_meta WHERE key='n_docs'").fetchone()
        self.n = int(row[0]) if row else 0
        self.cache: dict[str, int] = {}

    def load(self, terms) -> None:
        need = [t for t in terms if t not in self.cache]
        for i in range(0, len(need), 500):
            chunk = need[i:i + 500]
            got = dict(self.conn.execute(
                f"SELECT term, df FROM grp_df WHERE term IN ({','.join('?' * len(chunk))})", chunk).fetchall())
            for t in chunk:
                self.cache[t] = got.get(t, 0)

    def add(self, terms) -> None:
        self.n += 1
        for t in terms:
            self.cache[t] = self.cache.get(t, 0) + 1
        self.conn.executemany("INSERT INTO grp_df VALUES (?,1) ON CONFLICT(term) DO UPDATE SET df=df+1",
                              [(t,) for t in terms])

    def __call__(self, t: str) -> int:
        return self.cache.get(t, 0)

    def save(self) -> None:
        self.conn.execute("INSERT OR REPLACE INTO grp_meta VALUES ('n_docs', ?)", (str(self.n),))
        self.cache.clear()


def _gid(prefix: str, doc_id: str) -> str:
    return prefix + hashlib.sha1(doc_id.encode()).hexdigest()[:12]


def _title(ad: AnalysedDocument) -> str:
    if ad.document.title and ad.document.title.strip():
        return ad.document.title.strip()
    s = ad.sentences[0] if ad.sentences else None
    w = (ad.document.text[s.start:s.end] if s else ad.document.text[:200]).split()
    return " ".join(w[:16]) + ("…" if len(w) > 16 else "")


def _duplicate_of(conn, sig: np.ndarray, n_sh: int, bands: list[str]) -> str | None:
    cands = {r[0] for r in conn.execute(
        f"SELECT DISTINCT doc_id FROM grp_lsh WHERE band IN ({','.join('?' * len(bands))})", bands)}
    best, best_j = None, 0.0
    cands = sorted(cands)[:200]
    rows = conn.execute(f"SELECT doc_id, sig, n_shingles, canonical FROM grp_docs WHERE doc_id IN "
                        f"({','.join('?' * len(cands))})", cands).fetchall() if cands else []
    for did, *row in rows:
        other = np.frombuffer(row[0], dtype=np.uint64)
        j = float(np.mean(other == sig))
        inter = j * (n_sh + row[1]) / (1 + j)
        small = min(n_sh, row[1]) or 1
        if (j >= dedup.JACCARD or (small >= dedup.MIN_SHINGLES and inter / small >= dedup.CONTAINMENT)) and j > best_j:
            best, best_j = row[2] or did, j
    return best


def add(db, ads: list[AnalysedDocument], batch: int = 1000) -> dict:
    """Attach new analysed documents to the stored events and stories (opening new ones where needed).
    `db` is a `Store` or a sqlite3 connection. Returns counts of what happened."""
    conn = _conn(db)
    migrate(conn)
    out = Counter()
    ads = sorted(ads, key=S.order_key)
    for i in range(0, len(ads), batch):
        with conn:
            _add_batch(conn, ads[i:i + batch], out)
    return dict(out)


def _add_batch(conn, ads, out: Counter) -> None:
    """Two passes: (1) near-duplicate check and document frequencies of the whole batch (so a batch is weighed with
    its own vocabulary, as in batch mode), (2) placement in publication order; copies follow their canonical."""
    df = _DF(conn)
    events, stories = SqlIndex(conn, "event"), SqlIndex(conn, "story")
    fresh, copies, bags = [], [], {}
    for ad in ads:
        did = ad.document.id
        if conn.execute("SELECT 1 FROM grp_docs WHERE doc_id=?", (did,)).fetchone():
            out["already stored"] += 1
            continue
        sh = dedup.shingles(ad.document.text)
        m = dedup.signature(sh)
        sig = np.asarray(m.hashvalues, dtype=np.uint64)
        bands = dedup.band_keys(m)
        canon = _duplicate_of(conn, sig, len(sh), bands) if sh else None
        conn.executemany("INSERT INTO grp_lsh VALUES (?,?)", [(b, did) for b in bands])
        conn.execute("INSERT INTO grp_docs VALUES (?,?,?,?,?,?,?,?)",
                     (did, None, canon, F.published_day(ad), sig.tobytes(), len(sh), ad.document.published,
                      _title(ad)))
        if canon:
            copies.append((ad, canon))
            continue
        bag = bags[did] = F.bag(ad)
        df.load(bag.keys())
        df.add(bag.keys())
        fresh.append(ad)
    threshold = S.event_threshold(df.n)
    for ad in fresh:
        did = ad.document.id
        pub, hday = F.published_day(ad), F.happening_day(ad)
        bag = bags[did]
        vec = F.tfidf(bag, df, df.n, min_df=1)
        kvec = F.tfidf(bag, df, df.n, top=80, min_df=2)
        factor = 1.0 if S.reports_a_day(ad) else S.NO_DAY_FACTOR
        gid, _ = S.best_group(events, vec, pub, hday, threshold, S.EVENT_WINDOW, factor)
        titled = bool((ad.document.title or "").strip())
        if gid is None:
            g = S.Group(id=_gid("ev-", did))
            g.title, g.titled, g.keys = _title(ad), titled, {}
            out["new events"] += 1
        else:
            g = events.get(gid)
            if titled and not g.titled:
                g.title, g.titled = _title(ad), True
            out["joined events"] += 1
        g.add(did, vec, pub, hday)
        g.keys = F.add_into(g.keys or {}, kvec)
        # the story: a new event looks for one; a grown event carries its story along
        if g.parent is None:
            sid, _ = S.best_group(stories, F.unit(g.keys), g.first, None, S.STORY_THRESHOLD, S.STORY_WINDOW,
                                  decay=S.STORY_DECAY, min_shared=S.STORY_MIN_SHARED)
            if sid is None:
                s = S.Group(id=_gid("st-", did))
                s.title, s.titled, s.keys = g.title, g.titled, {}
                out["new stories"] += 1
            else:
                s = stories.get(sid)
                if g.titled and not s.titled:
                    s.title, s.titled = g.title, True
                out["joined stories"] += 1
            s.members.append(g.id)
            g.parent = s.id
        else:
            s = stories.get(g.parent)
        s.docs.append(did)
        s.centroid = F.add_into(s.centroid, kvec)
        if pub is not None:
            s.first = pub if s.first is None else min(s.first, pub)
            s.last = pub if s.last is None else max(s.last, pub)
        events.put(g)
        stories.put(s)
        conn.execute("UPDATE grp_docs SET event_id=? WHERE doc_id=?", (g.id, did))
    for ad, canon in copies:  # a copy goes with its canonical document and moves nothing
        did = ad.document.id
        row = conn.execute("SELECT event_id FROM grp_docs WHERE doc_id=?", (canon,)).fetchone()
        if not row or not row[0]:
            continue
        g = events.get(row[0])
        g.add(did, None, F.published_day(ad), None)
        events.put(g)
        if g.parent:
            s = stories.get(g.parent)
            s.docs.append(did)
            stories.put(s)
        conn.execute("UPDATE grp_docs SET event_id=? WHERE doc_id=?", (g.id, did))
        out["near-duplicates"] += 1
    _write_corpus(conn, events, stories, set(events.dirty), set(stories.dirty))
    events.flush()
    stories.flush()
    df.save()


def _models(conn, events: SqlIndex, stories: SqlIndex, eids, sids) -> tuple[list[Event], list[Story]]:
    def order(ids):  # documents are placed in publication order within a call: keep the order they joined in
        return list(ids)

    evs = []
    for gid in eids:
        g = events.get(gid)
        evs.append(Event(id=gid, title=getattr(g, "title", None) or "", documents=order(g.docs),
                         date=S.event_date(g), story=g.parent))
    sts = []
    for sid in sids:
        s = stories.get(sid)
        sts.append(Story(id=sid, title=getattr(s, "title", None) or "", documents=order(s.docs),
                         events=list(s.members)))
    return evs, sts


def _write_corpus(conn, events, stories, eids, sids) -> None:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name='corpus'").fetchone():
        return
    evs, sts = _models(conn, events, stories, eids, sids)
    conn.executemany("INSERT OR REPLACE INTO corpus VALUES ('event', ?, ?)", [(e.id, e.model_dump_json()) for e in evs])
    conn.executemany("INSERT OR REPLACE INTO corpus VALUES ('story', ?, ?)", [(s.id, s.model_dump_json()) for s in sts])


def export(db) -> tuple[list[Event], list[Story]]:
    """Every stored event and story as contract objects."""
    conn = _conn(db)
    migrate(conn)
    events, stories = SqlIndex(conn, "event"), SqlIndex(conn, "story")
    eids = [r[0] for r in conn.execute("SELECT id FROM grp_events")]
    sids = [r[0] for r in conn.execute("SELECT id FROM grp_stories")]
    evs, sts = _models(conn, events, stories, eids, sids)
    evs.sort(key=lambda e: (e.date or "9999", e.id))
    sts.sort(key=lambda s: (-len(s.documents), s.id))
    return evs, sts


def event_of(db, doc_id: str) -> str | None:
    row = _conn(db).execute("SELECT event_id FROM grp_docs WHERE doc_id=?", (doc_id,)).fetchone()
    return row[0] if row else None
