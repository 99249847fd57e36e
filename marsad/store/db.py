"""The SQLite store: documents, per-document analyses and their layers, corpus structures, and the FTS5 index."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.arabic.text import normalize
from marsad.model import AnalysedDocument, Analysis, ClaimGroup, Document, Entity, Story
from marsad.pipeline import STAGE_VERSION
from marsad.report import outlet as outlet_name
from marsad.store import search

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY, source_path TEXT NOT NULL, source_name TEXT, url TEXT, title TEXT,
  published TEXT, published_from TEXT, text TEXT NOT NULL, removed TEXT NOT NULL DEFAULT '[]',
  author TEXT, format TEXT, ingested_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_name);
CREATE TABLE IF NOT EXISTS analyses (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, version TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (
  doc_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, label TEXT, entity TEXT);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity);
CREATE TABLE IF NOT EXISTS dates (
  doc_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, value TEXT, grain TEXT,
  resolved_from TEXT);
CREATE INDEX IF NOT EXISTS dates_doc ON dates(doc_id);
CREATE TABLE IF NOT EXISTS claims (
  id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, measure TEXT, subject TEXT, holder TEXT, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_id);
CREATE TABLE IF NOT EXISTS quotes (
  doc_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, speaker TEXT,
  speaker_entity TEXT);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc_id);
CREATE TABLE IF NOT EXISTS corpus (kind TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS corpus_aliases (kind TEXT NOT NULL, old_id TEXT NOT NULL, new_id TEXT NOT NULL,
  PRIMARY KEY (kind, old_id));
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
  doc_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
"""

# Read-side helper tables over the corpus structures, written with them by `Store.save_corpus` (and built once by the
# migration for stores written before them): the workbench answers from these with indexed queries instead of loading
# the whole analysis. `names` / `titles` hold normalised text joined by \x1f for substring filters.
CORPUS_INDEX_VERSION = "2"  # 2: outlets named by rep.outlet (the link's host, never «?»)
CORPUS_INDEX_SCHEMA = """
CREATE INDEX IF NOT EXISTS documents_order ON documents(published, source_path);
CREATE INDEX IF NOT EXISTS claims_measure ON claims(measure);
CREATE TABLE IF NOT EXISTS story_docs (story_id TEXT NOT NULL, pos INTEGER NOT NULL, doc_id TEXT NOT NULL,
  PRIMARY KEY (story_id, pos));
CREATE INDEX IF NOT EXISTS story_docs_doc ON story_docs(doc_id, story_id);
CREATE TABLE IF NOT EXISTS story_info (id TEXT PRIMARY KEY, n_docs INTEGER NOT NULL, date_min TEXT, date_max TEXT,
  outlets TEXT NOT NULL, n_groups INTEGER NOT NULL, n_conflict INTEGER NOT NULL, top_entities TEXT NOT NULL,
  titles TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS timeline_entries (story_id TEXT NOT NULL, pos INTEGER NOT NULL, date TEXT,
  data TEXT NOT NULL, PRIMARY KEY (story_id, pos));
CREATE TABLE IF NOT EXISTS entity_mentions (entity_id TEXT NOT NULL, doc_id TEXT NOT NULL, start INTEGER NOT NULL,
  end INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entity_mentions_entity ON entity_mentions(entity_id, doc_id);
CREATE INDEX IF NOT EXISTS entity_mentions_doc ON entity_mentions(doc_id, entity_id);
CREATE TABLE IF NOT EXISTS entity_info (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, n_mentions INTEGER NOT NULL,
  names TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entity_info_rank ON entity_info(n_mentions DESC, name);
CREATE TABLE IF NOT EXISTS group_claims (group_id TEXT NOT NULL, pos INTEGER NOT NULL, claim_id TEXT NOT NULL,
  PRIMARY KEY (group_id, pos));
CREATE INDEX IF NOT EXISTS group_claims_claim ON group_claims(claim_id, group_id);
CREATE TABLE IF NOT EXISTS group_info (id TEXT PRIMARY KEY, measure TEXT, conflict INTEGER NOT NULL);
"""
CORPUS_INDEX_TABLES = ("story_docs", "story_info", "timeline_entries", "entity_mentions", "entity_info",
                       "group_claims", "group_info")

CORPUS_KINDS = {"entity": "entities", "claim_group": "claim_groups", "event": "events", "story": "stories"}


def default_db_path() -> Path:
    """The embedded default database: a file under the user data dir."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("marsad")) / "marsad.sqlite"


class Store:
    """A marsad database file. Safe to reopen; every write of a document is one transaction."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        with self.conn:
            self.conn.executescript(SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Bring an older file up to date: the corpus helper tables, then search's own (`search.migrate`)."""
        self._migrate_corpus_index()
        search.migrate(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---------------------------------------------------------------- documents
    def add_document(self, doc: Document) -> bool:
        """Insert a document (and its index row) in one transaction; False when that id is already stored."""
        with self.conn:
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.source_path, doc.source_name, doc.url, doc.title, doc.published, doc.published_from,
                 doc.text, json.dumps([r.model_dump() for r in doc.removed], ensure_ascii=False), doc.author,
                 doc.format, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
            if cur.rowcount == 0:
                return False
            self._index(doc)
        return True

    def _index(self, doc: Document) -> None:
        """The document's search index row (`search.index_document`), inside add_document's transaction."""
        search.index_document(self.conn, doc)

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    def document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        return _doc(row) if row else None

    def documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        if ids is None:
            rows = self.conn.execute("SELECT * FROM documents ORDER BY published, source_path")
            for row in rows:
                yield _doc(row)
        else:
            for i in ids:
                if d := self.document(i):
                    yield d

    def count(self, table: str = "documents") -> int:
        if table not in {"documents", "analyses", "mentions", "dates", "claims", "quotes", "corpus"}:
            raise ValueError(table)
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    # ---------------------------------------------------------------- analyses
    def pending_analysis(self) -> list[str]:
        """Ids of documents without a current analysis."""
        rows = self.conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id "
            "WHERE a.doc_id IS NULL OR a.version != ? ORDER BY d.published, d.source_path", (STAGE_VERSION,))
        return [r[0] for r in rows]

    def save_analysis(self, ad: AnalysedDocument) -> None:
        """Replace one document's analysis and its layer rows in one transaction."""
        did = ad.document.id
        data = ad.model_dump(exclude={"document"})
        with self.conn:
            for t in ("mentions", "dates", "claims", "quotes"):
                self.conn.execute(f"DELETE FROM {t} WHERE doc_id=?", (did,))
            self.conn.execute("INSERT OR REPLACE INTO analyses VALUES (?,?,?)",
                              (did, STAGE_VERSION, json.dumps(data, ensure_ascii=False)))
            self.conn.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?)",
                                  [(did, m.start, m.end, m.text, m.label, m.entity) for m in ad.mentions])
            self.conn.executemany("INSERT INTO dates VALUES (?,?,?,?,?,?,?)",
                                  [(did, d.start, d.end, d.text, d.value, d.grain, d.resolved_from) for d in ad.dates])
            self.conn.executemany("INSERT OR REPLACE INTO claims VALUES (?,?,?,?,?,?)",
                                  [(c.id, did, c.measure, c.subject, c.holder, c.model_dump_json()) for c in ad.claims])
            self.conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?)",
                                  [(did, q.start, q.end, q.text, q.speaker, q.speaker_entity) for q in ad.quotes])

    def analyses(self) -> Iterator[AnalysedDocument]:
        rows = self.conn.execute(
            "SELECT d.*, a.data AS analysis FROM documents d JOIN analyses a ON a.doc_id = d.id "
            "ORDER BY d.published, d.source_path")
        for row in rows:
            yield AnalysedDocument(document=_doc(row), **json.loads(row["analysis"]))

    # ---------------------------------------------------------------- corpus
    def save_corpus(self, analysis: Analysis, ads: Iterable[AnalysedDocument] = ()) -> None:
        """Replace the corpus structures (entities, claim groups, events, stories). Pass the analysed documents the
        corpus stages ran on: resolution filled entity ids into their mentions/claims/quotes, which are re-saved."""
        for ad in ads:
            self.save_analysis(ad)
        with self.conn:
            self._keep_aliases(analysis)
            self.conn.execute("DELETE FROM corpus")
            for kind, attr in CORPUS_KINDS.items():
                self.conn.executemany("INSERT INTO corpus VALUES (?,?,?)",
                                      [(kind, x.id, x.model_dump_json()) for x in getattr(analysis, attr)])
            self._index_corpus(analysis.stories, analysis.entities, analysis.claim_groups)

    # ---------------------------------------------------------------- ids that moved (stable links)
    def _keep_aliases(self, analysis: Analysis) -> None:
        """Before the corpus is replaced: every stored story or event id the new corpus no longer has becomes an
        alias of the new group holding its founding document (else most of its documents) — a story whose founder
        changed, or two stories that merged. Aliases already pointing at a vanished id follow it (inside the
        caller's transaction)."""
        for kind, attr in (("story", "stories"), ("event", "events")):
            new = getattr(analysis, attr)
            live = {x.id for x in new}
            group_of = {d: x.id for x in new for d in x.documents}
            moved = {}
            for old_id, data in self.conn.execute("SELECT id, data FROM corpus WHERE kind=?", (kind,)):
                if old_id in live:
                    continue
                docs = json.loads(data).get("documents") or []
                target = group_of.get(docs[0]) if docs else None
                if target is None:
                    votes: dict[str, int] = {}
                    for d in docs:
                        if d in group_of:
                            votes[group_of[d]] = votes.get(group_of[d], 0) + 1
                    target = max(votes, key=lambda k: (votes[k], k)) if votes else None
                if target:
                    moved[old_id] = target
            for old_id, target in list(self.conn.execute(
                    "SELECT old_id, new_id FROM corpus_aliases WHERE kind=?", (kind,))):
                if old_id in live:  # the id is back
                    self.conn.execute("DELETE FROM corpus_aliases WHERE kind=? AND old_id=?", (kind, old_id))
                elif target not in live and target in moved:
                    moved[old_id] = moved[target]
            self.conn.executemany("INSERT OR REPLACE INTO corpus_aliases VALUES (?,?,?)",
                                  [(kind, o, n) for o, n in moved.items()])

    def alias(self, kind: str, old_id: str) -> str | None:
        """The id that replaced a story or event id no longer in the corpus, or None."""
        row = self.conn.execute("SELECT new_id FROM corpus_aliases WHERE kind=? AND old_id=?", (kind, old_id)).fetchone()
        return row[0] if row else None

    # ---------------------------------------------------------------- corpus index (read-side helper tables)
    def _migrate_corpus_index(self) -> None:
        """Create the helper tables; fill them from the stored corpus when it was written before them."""
        with self.conn:
            self.conn.executescript(CORPUS_INDEX_SCHEMA)
        if self.get_meta("corpus_index_version") == CORPUS_INDEX_VERSION:
            return
        def load(kind, model):
            return [model.model_validate_json(r[0]) for r in self.conn.execute(
                "SELECT data FROM corpus WHERE kind=? ORDER BY id", (kind,))]

        with self.conn:
            self._index_corpus(load("story", Story), load("entity", Entity), load("claim_group", ClaimGroup))

    def _index_corpus(self, stories, entities, groups) -> None:
        """(Re)write the helper tables for these corpus structures (inside the caller's transaction)."""
        import secrets
        from collections import Counter, defaultdict

        c = self.conn
        for t in CORPUS_INDEX_TABLES:
            c.execute(f"DELETE FROM {t}")
        stories = sorted(stories, key=lambda s: s.id)
        entities = sorted(entities, key=lambda e: e.id)
        c.executemany("INSERT OR REPLACE INTO story_docs VALUES (?,?,?)",
                      [(s.id, i, d) for s in stories for i, d in enumerate(s.documents)])
        c.executemany("INSERT OR REPLACE INTO timeline_entries VALUES (?,?,?,?)",
                      [(s.id, i, t.date, t.model_dump_json()) for s in stories for i, t in enumerate(s.timeline)])
        c.executemany("INSERT INTO entity_mentions VALUES (?,?,?,?)",
                      [(e.id, m.doc, m.start, m.end) for e in entities for m in e.mentions])
        c.executemany("INSERT OR REPLACE INTO entity_info VALUES (?,?,?,?,?,?)",
                      [(e.id, e.name, e.type, len(e.mentions), "\x1f".join(normalize(n) for n in [e.name, *e.aliases]),
                        e.model_dump_json(exclude={"mentions"})) for e in entities])
        c.executemany("INSERT OR REPLACE INTO group_claims VALUES (?,?,?)",
                      [(g.id, i, x) for g in groups for i, x in enumerate(g.claims)])
        c.executemany("INSERT OR REPLACE INTO group_info VALUES (?,?,?)",
                      [(g.id, g.measure, int(g.conflict)) for g in groups])
        # per story, what the stories list shows (as marsad.report.dossiers computes it)
        stories_of = defaultdict(set)
        for s in stories:
            for d in s.documents:
                stories_of[d].add(s.id)
        docs = {r[0]: (outlet_name({"source_name": r[1], "url": r[4]}), r[2], r[3]) for r in c.execute(
            "SELECT DISTINCT d.id, d.source_name, d.published, d.title, d.url FROM story_docs sd "
            "JOIN documents d ON d.id = sd.doc_id JOIN analyses a ON a.doc_id = d.id")}
        groups_of = defaultdict(dict)
        conflict = {g.id: g.conflict for g in groups}
        for gid, doc in c.execute("SELECT gc.group_id, x.doc_id FROM group_claims gc JOIN claims x ON x.id = gc.claim_id"):
            for sid in stories_of.get(doc, ()):
                groups_of[sid][gid] = conflict[gid]
        counts = defaultdict(Counter)
        for e in entities:
            for m in e.mentions:
                for sid in stories_of.get(m.doc, ()):
                    counts[sid][e.id] += 1
        rows = []
        for s in stories:
            sdocs = [docs[d] for d in s.documents if d in docs]
            dates = sorted(p for _, p, _ in sdocs if p)
            rows.append((s.id, len(sdocs), dates[0] if dates else None, dates[-1] if dates else None,
                         json.dumps(sorted({o for o, _, _ in sdocs}), ensure_ascii=False),
                         len(groups_of[s.id]), sum(groups_of[s.id].values()),
                         json.dumps(counts[s.id].most_common(6), ensure_ascii=False),
                         "\x1f".join([normalize(s.title or "")] + [normalize(t or "") for _, _, t in sdocs])))
        c.executemany("INSERT OR REPLACE INTO story_info VALUES (?,?,?,?,?,?,?,?,?)", rows)
        for k, v in (("corpus_index_version", CORPUS_INDEX_VERSION), ("corpus_version", secrets.token_hex(8))):
            c.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (k, v))

    def corpus_items(self, kind: str) -> list[dict]:
        return [json.loads(r[0]) for r in self.conn.execute("SELECT data FROM corpus WHERE kind=? ORDER BY id", (kind,))]

    def load_analysis(self) -> Analysis:
        """The stored corpus as the contract's JSON object."""
        ads = list(self.analyses())
        out = {"documents": [a.document.model_dump() for a in ads],
               "dates": [d.model_dump() for a in ads for d in a.dates],
               "quotes": [q.model_dump() for a in ads for q in a.quotes],
               "claims": [json.loads(r[0]) for r in self.conn.execute(
                   "SELECT c.data FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY d.published, c.id")]}
        for kind, attr in CORPUS_KINDS.items():
            out[attr] = self.corpus_items(kind)
        return Analysis.model_validate(out)

    def set_meta(self, key: str, value: str) -> None:
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (key, value))

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None


def _doc(row: sqlite3.Row) -> Document:
    d = dict(row)
    d["removed"] = json.loads(d.get("removed") or "[]")
    d.pop("ingested_at", None)
    d.pop("analysis", None)
    return Document.model_validate(d)
