"""What the workbench shows, read from the store with indexed queries (never the whole corpus per request).

These are the SELECTs of the web pages and the HTTP API, kept next to the schema they read (marsad/store/db.py);
the routes in marsad/web/ only call them.

The corpus structures are read through the helper tables `Store.save_corpus` writes next to them (story_docs,
story_info, entity_mentions, entity_info, group_claims, group_info, timeline_entries; see marsad/store/db.py). Every
function here returns the same objects the earlier whole-analysis code computed (`marsad.report.dossiers` for a
dossier, the contract's dicts for the API), in the same order.

The pseudo-story «مقالات أخرى» (id `unassigned`: analysed articles in no story) has no row of its own; its summary is
computed on demand and cached by the caller (see `Data` in marsad/web/deps.py).
"""
from __future__ import annotations

import json
import sqlite3

from marsad import report as rep
from marsad.arabic.text import normalize
from marsad.model import Analysis, Claim, ClaimGroup, Document, Event, Story
from marsad.store.search import document_filters

UNASSIGNED = "unassigned"
SEP = "\x1f"  # joins normalised names/titles in the helper tables

# analysed documents in no story
REST_SQL = ("SELECT a.doc_id FROM analyses a WHERE NOT EXISTS "
            "(SELECT 1 FROM story_docs sd WHERE sd.doc_id = a.doc_id)")
STORY_DOCS_SQL = "SELECT doc_id FROM story_docs WHERE story_id = ?"


def _dset(story_id: str) -> tuple[str, tuple]:
    return (REST_SQL, ()) if story_id == UNASSIGNED else (STORY_DOCS_SQL, (story_id,))


def _doc_dict(row: sqlite3.Row) -> dict:
    d = dict(row)
    d["removed"] = json.loads(d.get("removed") or "[]")
    for k in ("ingested_at", "analysis", "pos"):
        d.pop(k, None)
    return Document.model_validate(d).model_dump()


def _claim(data: str) -> dict:
    return Claim.model_validate_json(data).model_dump()


def corpus_text(conn: sqlite3.Connection, kind: str, ident: str) -> str | None:
    """A corpus item's contract JSON as stored (not parsed), or None."""
    row = conn.execute("SELECT data FROM corpus WHERE kind=? AND id=?", (kind, ident)).fetchone()
    return row[0] if row else None


def corpus_json(conn: sqlite3.Connection, kind: str, ident: str) -> dict | None:
    text = corpus_text(conn, kind, ident)
    return json.loads(text) if text is not None else None


def count_stories(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM corpus WHERE kind='story'").fetchone()[0]


def has_rest(conn: sqlite3.Connection) -> bool:
    return conn.execute(f"SELECT EXISTS ({REST_SQL})").fetchone()[0] == 1


def story_exists(conn: sqlite3.Connection, story_id: str) -> bool:
    """A story of the corpus, or the pseudo-story of the articles in none (when there are such)."""
    if story_id == UNASSIGNED:
        return has_rest(conn) or corpus_json(conn, "story", story_id) is not None
    return conn.execute("SELECT 1 FROM corpus WHERE kind='story' AND id=?", (story_id,)).fetchone() is not None


def change_key(conn: sqlite3.Connection, corpus_only: bool = False) -> tuple:
    """Changes whenever the corpus is rewritten or (unless `corpus_only`) any document's analysis is saved (cheap:
    meta + index lookups)."""
    v = conn.execute("SELECT value FROM meta WHERE key='corpus_version'").fetchone()
    if corpus_only:
        return (v[0] if v else None,)
    n, mx = conn.execute("SELECT count(*), max(rowid) FROM analyses").fetchone()
    return (v[0] if v else None, n, mx)


def story_key(conn: sqlite3.Connection, story_id: str) -> tuple:
    """Changes whenever what a story's dossier shows may change: the corpus is rewritten, or an analysis of one of
    its articles is saved (a saved analysis gets a new rowid). Cheap: a meta lookup and the story's members by
    primary key (the pseudo-story, made of whatever is in no story: any analysis saved)."""
    v = conn.execute("SELECT value FROM meta WHERE key='corpus_version'").fetchone()
    if story_id == UNASSIGNED:
        n, mx = conn.execute("SELECT count(*), max(rowid) FROM analyses").fetchone()
    else:
        n, mx = conn.execute("SELECT count(*), max(a.rowid) FROM story_docs sd JOIN analyses a ON a.doc_id = sd.doc_id "
                             "WHERE sd.story_id = ?", (story_id,)).fetchone()
    return (v[0] if v else None, n, mx)


# ------------------------------------------------------------------ the stories list
class Card:
    """One story of the stories list (what the list shows of a dossier)."""

    def __init__(self, id, title, n_documents, date_range, outlets, n_ledger, n_conflict, entities):
        self.id, self.title, self.n_documents, self.date_range = id, title, n_documents, date_range
        self.outlets, self.n_ledger, self.n_conflict, self.entities = outlets, n_ledger, n_conflict, entities


def _light_entities(conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict]:
    """{id: {"id", "name", "type"}}: what a card shows of its top entities (their stored JSON is not parsed)."""
    if not ids:
        return {}
    return {r[0]: {"id": r[0], "name": r[1], "type": r[2]} for r in conn.execute(
        "SELECT id, name, type FROM entity_info WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))}


def rest_card(conn: sqlite3.Connection) -> dict | None:
    """The pseudo-story's list entry and filter data (None when every analysed article is in a story)."""
    rows = conn.execute(
        f"SELECT d.id, d.title, d.source_name, d.published, d.url FROM documents d WHERE d.id IN ({REST_SQL})").fetchall()
    if not rows:
        return None
    n_stories = count_stories(conn)
    title = "مقالات أخرى" if n_stories else "كل المقالات"
    dates = sorted(r[3] for r in rows if r[3])
    groups = dict(conn.execute(
        f"SELECT DISTINCT gc.group_id, gi.conflict FROM claims c JOIN group_claims gc ON gc.claim_id = c.id "
        f"JOIN group_info gi ON gi.id = gc.group_id WHERE c.doc_id IN ({REST_SQL})").fetchall())
    ents = conn.execute(
        f"SELECT entity_id, count(*) AS n FROM entity_mentions WHERE doc_id IN ({REST_SQL}) "
        f"GROUP BY entity_id ORDER BY n DESC, entity_id").fetchall()
    return {"id": UNASSIGNED, "title": title, "n_docs": len(rows),
            "date_range": (dates[0], dates[-1]) if dates else (None, None),
            "outlets": sorted({rep.outlet({"source_name": r[2], "url": r[4]}) for r in rows}), "n_groups": len(groups),
            "n_conflict": sum(groups.values()), "top": [(r[0], r[1]) for r in ents[:6]],
            "entity_ids": {r[0] for r in ents},
            "titles": SEP.join([normalize(title)] + [normalize(r[1] or "") for r in rows])}


def all_outlets(conn: sqlite3.Connection) -> list[str]:
    """Every outlet of the dossiers (the outlets of the analysed articles; unnamed: the link's host)."""
    named = [r[0] for r in conn.execute(
        "SELECT DISTINCT d.source_name FROM analyses a JOIN documents d ON d.id = a.doc_id "
        "WHERE d.source_name IS NOT NULL AND d.source_name != ''")]
    hosts = {rep.outlet({"url": r[0]}) for r in conn.execute(
        "SELECT DISTINCT d.url FROM analyses a JOIN documents d ON d.id = a.doc_id "
        "WHERE d.source_name IS NULL OR d.source_name = ''")}
    return sorted(set(named) | hosts)


# The stories list's orders (the `sort` parameter): the stories an analyst most likely wants first, each tie broken
# by the next key, the latest article, then the id (a stable order for paging).
_LATEST = "coalesce(si.date_max, '') DESC"
STORY_SORTS = {
    "size": f"si.n_docs DESC, {_LATEST}, si.id",                                       # most articles (default)
    "recent": f"{_LATEST}, si.n_docs DESC, si.id",                                     # latest article
    "outlets": f"json_array_length(si.outlets) DESC, si.n_docs DESC, {_LATEST}, si.id",  # most outlets
    "conflicts": f"si.n_conflict DESC, si.n_docs DESC, {_LATEST}, si.id",              # most real conflicts
}


def story_cards(conn: sqlite3.Connection, rest: dict | None, *, q: str = "", outlet: str = "", entity: str = "",
                date_from: str = "", date_to: str = "", conflicts: bool = False, sort: str = "size",
                limit: int = 50, offset: int = 0) -> tuple[list[Card], int]:
    """The stories matching the list page's filters (`conflicts`: only those with a real conflict in their ledger),
    in the order `sort` names (STORY_SORTS; the pseudo-story last), one page of them, and how many match."""
    where, args = [], []
    if conflicts:
        where.append("si.n_conflict > 0")
    nq = normalize(q) if q else ""
    if q and nq:
        where.append("instr(si.titles, ?) > 0")
        args.append(nq)
    if outlet:
        where.append("EXISTS (SELECT 1 FROM json_each(si.outlets) WHERE value = ?)")
        args.append(outlet)
    if entity:
        where.append("si.id IN (SELECT sd.story_id FROM entity_mentions em JOIN story_docs sd ON sd.doc_id = em.doc_id "
                     "WHERE em.entity_id = ?)")
        args.append(entity)
    if date_from:
        where.append("substr(coalesce(si.date_max, ''), 1, 10) >= ?")
        args.append(date_from)
    if date_to:
        where.append("coalesce(si.date_min, '') != '' AND substr(si.date_min, 1, 10) <= ?")
        args.append(date_to)
    cond = ("WHERE " + " AND ".join(where)) if where else ""
    base = f"FROM corpus c JOIN story_info si ON si.id = c.id AND c.kind = 'story' {cond}"
    total = conn.execute(f"SELECT count(*) {base}", args).fetchone()[0]
    rest_ok = rest is not None and (not conflicts or rest["n_conflict"] > 0) and (not nq or nq in rest["titles"]) and (not outlet or outlet in rest["outlets"]) \
        and (not entity or entity in rest["entity_ids"]) \
        and (not date_from or (rest["date_range"][1] or "")[:10] >= date_from) \
        and (not date_to or (bool(rest["date_range"][0]) and rest["date_range"][0][:10] <= date_to))
    rows = conn.execute(
        f"SELECT c.id, json_extract(c.data, '$.title'), si.n_docs, si.date_min, si.date_max, si.outlets, si.n_groups, "
        f"si.n_conflict, si.top_entities {base} ORDER BY {STORY_SORTS.get(sort, STORY_SORTS['size'])} LIMIT ? OFFSET ?",
        (*args, limit, offset)).fetchall()
    tops = [(r[0], json.loads(r[8])) for r in rows]
    if rest_ok and offset + limit > total and len(rows) < limit:
        tops.append((UNASSIGNED, rest["top"]))
    light = _light_entities(conn, sorted({e for _, t in tops for e, _ in t}))
    cards = [Card(r[0], r[1] or "", r[2], (r[3], r[4]), json.loads(r[5]), r[6], r[7],
                  [{"entity": light[e], "count": n} for e, n in top if e in light])
             for r, (_, top) in zip(rows, tops)]
    if len(tops) > len(rows):
        cards.append(Card(UNASSIGNED, rest["title"], rest["n_docs"], rest["date_range"], rest["outlets"],
                          rest["n_groups"], rest["n_conflict"],
                          [{"entity": light[e], "count": n} for e, n in rest["top"] if e in light]))
    return cards, total + (1 if rest_ok else 0)


# ------------------------------------------------------------------ one dossier
DOSSIER_PAGE = 200  # articles, other claims and quotes shown per page of a dossier


def _analysed_docs(conn: sqlite3.Connection, story_id: str, cols: str) -> list[sqlite3.Row]:
    """The story's analysed documents in its own order (the pseudo-story: by publication date)."""
    if story_id == UNASSIGNED:
        return conn.execute(f"SELECT {cols} FROM documents d WHERE d.id IN ({REST_SQL}) "
                            "ORDER BY d.published, d.source_path").fetchall()
    return conn.execute(
        f"SELECT {cols} FROM story_docs sd JOIN documents d ON d.id = sd.doc_id WHERE sd.story_id = ? "
        "AND EXISTS (SELECT 1 FROM analyses a WHERE a.doc_id = d.id) ORDER BY sd.pos", (story_id,)).fetchall()


def _docs_by_id(conn: sqlite3.Connection, ids) -> dict[str, dict]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    return {r["id"]: _doc_dict(r) for r in conn.execute(
        "SELECT * FROM documents WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))}


def _quote_keys(conn: sqlite3.Connection, dset_sql: str, dargs: tuple) -> list[tuple[str, int]]:
    out, last, k = [], None, 0
    for (doc,) in conn.execute(
            f"SELECT q.doc_id FROM documents x CROSS JOIN quotes q ON q.doc_id = x.id WHERE x.id IN ({dset_sql}) "
            f"ORDER BY x.published, x.source_path, x.rowid, q.rowid", dargs):
        k = k + 1 if doc == last else 0
        last = doc
        out.append((doc, k))
    return out


def dossier(conn: sqlite3.Connection, story_id: str, page: int = 1,
            per: int = DOSSIER_PAGE) -> tuple[rep.Dossier, dict] | None:
    """The dossier of one story as `marsad.report.dossiers` builds it, except that its articles, other claims and
    quotes are one page of `per` each (`d.n_documents`, `d.n_claims`, `d.n_quotes`, `d.pages` say how many in all),
    and the documents its citations name ({id: document dict}); None for an unknown story."""
    if story_id == UNASSIGNED and corpus_json(conn, "story", story_id) is None:
        if not has_rest(conn):
            return None
        s = {"id": UNASSIGNED, "title": "مقالات أخرى" if count_stories(conn) else "كل المقالات",
             "documents": [], "events": [], "summary": [], "timeline": []}
    else:
        s = corpus_json(conn, "story", story_id)
        if s is None:
            return None
        s = Story.model_validate(s).model_dump()
    dset_sql, dargs = _dset(story_id)
    off = (page - 1) * per
    meta = [dict(r) for r in _analysed_docs(conn, story_id, "d.id, d.published, d.source_name, d.url")]
    meta.sort(key=lambda x: (x["published"] or "~"))
    events = {}
    if s.get("events"):
        for r in conn.execute("SELECT data FROM corpus WHERE kind='event' AND id IN (SELECT value FROM json_each(?))",
                              (json.dumps(s["events"]),)):
            e = Event.model_validate_json(r[0]).model_dump()
            events[e["id"]] = e
    # the claim ledger: groups with a member claim in the story, their members in the story
    members: dict[str, dict[str, dict]] = {}
    for gid, cid, data in conn.execute(
            f"SELECT gc.group_id, c.id, c.data FROM claims c JOIN group_claims gc ON gc.claim_id = c.id "
            f"WHERE c.doc_id IN ({dset_sql})", dargs):
        members.setdefault(gid, {})[cid] = _claim(data)
    page_ids = [x["id"] for x in meta[off:off + per]]
    docs = _docs_by_id(conn, page_ids + [c["doc"] for m in members.values() for c in m.values()])
    d = rep.Dossier(id=s["id"], title=s.get("title") or "", documents=[docs[i] for i in page_ids if i in docs],
                    events=[events[e] for e in s.get("events", []) if e in events],
                    summary=s.get("summary", []), timeline=s.get("timeline", []))
    if members:
        groups = {r[0]: ClaimGroup.model_validate_json(r[1]).model_dump() for r in conn.execute(
            "SELECT id, data FROM corpus WHERE kind='claim_group' AND id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(sorted(members)),))}
        for gid in sorted(groups):
            g = groups[gid]
            cl = [members[gid][c] for c in g["claims"] if c in members[gid]]
            lrows = [rep.LedgerRow(c, docs[c["doc"]], docs[c["doc"]]["text"][c["start"]:c["end"]],
                                   rep._sort_key(c, docs[c["doc"]])) for c in cl if c["doc"] in docs]
            if not lrows:
                continue
            lrows.sort(key=lambda r: r.sort_key)
            d.ledger.append({"group": g, "rows": lrows})
        d.ledger.sort(key=lambda x: (not x["group"]["conflict"], -len(x["rows"])))
    other = f"FROM claims c JOIN documents x ON x.id = c.doc_id WHERE c.doc_id IN ({dset_sql}) " \
            f"AND NOT EXISTS (SELECT 1 FROM group_claims gc WHERE gc.claim_id = c.id)"
    n_claims = conn.execute(f"SELECT count(*) {other}", dargs).fetchone()[0]
    d.claims = [_claim(r[0]) for r in conn.execute(
        f"SELECT c.data {other} ORDER BY x.published, c.id LIMIT ? OFFSET ?", (*dargs, per, off))]
    ents = conn.execute(
        f"SELECT em.entity_id, count(*) AS n, ei.data FROM entity_mentions em JOIN entity_info ei ON ei.id = em.entity_id "
        f"WHERE em.doc_id IN ({dset_sql}) GROUP BY em.entity_id ORDER BY n DESC, em.entity_id", dargs).fetchall()
    d.entities = [{"entity": json.loads(r[2]), "count": r[1]} for r in ents]
    qkeys = _quote_keys(conn, dset_sql, dargs)
    d.quotes = stored_quotes(conn, qkeys[off:off + per])
    d.outlets = sorted({rep.outlet(x) for x in meta})
    dates = sorted(x["published"] for x in meta if x.get("published"))
    d.date_range = (dates[0], dates[-1]) if dates else (None, None)
    d.n_documents, d.n_claims, d.n_quotes = len(meta), n_claims, len(qkeys)
    d.page = page
    d.pages = max(1, -(-max(len(meta), n_claims, len(qkeys)) // per))
    # every document a citation, claim or quote names: its outlet is shown
    refs = {x["id"]: x for x in meta}
    refs.update(docs)
    cited = {x["doc"] for x in d.summary + d.timeline} | \
        {o["doc"] for x in d.summary + d.timeline for o in x.get("sources", [])}
    missing = sorted(cited - set(refs))
    if missing:
        for r in conn.execute("SELECT d.id, d.source_name FROM documents d JOIN analyses a ON a.doc_id = d.id "
                              "WHERE d.id IN (SELECT value FROM json_each(?))", (json.dumps(missing),)):
            refs[r[0]] = {"id": r[0], "source_name": r[1]}
    return d, refs


def story_ledger_analysis(conn: sqlite3.Connection, story_id: str):
    """The slice of the analysis the story's CSV ledger is written from: its documents, their claims, and the claim
    groups with a member among them."""
    dset_sql, dargs = _dset(story_id)
    docs = [_doc_dict(r) for r in _analysed_docs(conn, story_id, "d.*")]
    claims = [json.loads(r[0]) for r in conn.execute(
        f"SELECT c.data FROM claims c JOIN documents x ON x.id = c.doc_id WHERE c.doc_id IN ({dset_sql}) "
        f"ORDER BY x.published, c.id", dargs)]
    groups = [json.loads(r[0]) for r in conn.execute(
        f"SELECT data FROM corpus WHERE kind='claim_group' AND id IN (SELECT gc.group_id FROM group_claims gc "
        f"JOIN claims c ON c.id = gc.claim_id WHERE c.doc_id IN ({dset_sql})) ORDER BY id", dargs)]
    return Analysis.model_validate({"documents": docs, "claims": claims, "claim_groups": groups})


# ------------------------------------------------------------------ one document
def document_ids(conn: sqlite3.Connection, limit: int, offset: int, outlet: str | None, date_from: str | None,
                 date_to: str | None) -> tuple[int, list[str]]:
    """How many stored documents match the filters, and the ids of one page of them, oldest first."""
    where, args = document_filters(None, outlet, date_from, date_to)
    cond = ("WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM documents d {cond}", args).fetchone()[0]
    ids = [r[0] for r in conn.execute(
        f"SELECT d.id FROM documents d {cond} ORDER BY d.published, d.source_path LIMIT ? OFFSET ?",
        (*args, limit, offset))]
    return total, ids


def doc_analysis(conn: sqlite3.Connection, doc_id: str) -> dict:
    """A document's per-document layers as stored (every layer present, empty until analysed)."""
    row = conn.execute("SELECT data FROM analyses WHERE doc_id=?", (doc_id,)).fetchone()
    out = json.loads(row[0]) if row else {}
    for k in ("sentences", "quantities", "dates", "mentions", "claims", "quotes", "errors"):
        out.setdefault(k, [])
    return out


def document_context(conn: sqlite3.Connection, doc_id: str, claim_ids: list[str]) -> tuple[dict, dict, dict | None]:
    """For the article view: {(start, end): entity} of its resolved mentions, {claim id: claim} as stored, and the
    first story it belongs to ({"id", "title"}) or None."""
    ments = {}
    for start, end, data in conn.execute(
            "SELECT em.start, em.end, ei.data FROM entity_mentions em JOIN entity_info ei ON ei.id = em.entity_id "
            "WHERE em.doc_id = ? ORDER BY em.entity_id, em.rowid", (doc_id,)):
        ments[(start, end)] = json.loads(data)
    claims = {}
    if claim_ids:
        for cid, data in conn.execute("SELECT c.id, c.data FROM claims c JOIN documents x ON x.id = c.doc_id "
                                      "WHERE c.id IN (SELECT value FROM json_each(?))", (json.dumps(claim_ids),)):
            claims[cid] = _claim(data)
    row = conn.execute("SELECT sd.story_id, json_extract(c.data, '$.title') FROM story_docs sd JOIN corpus c "
                       "ON c.kind = 'story' AND c.id = sd.story_id WHERE sd.doc_id = ? ORDER BY sd.story_id LIMIT 1",
                       (doc_id,)).fetchone()
    story = {"id": row[0], "title": row[1] or ""} if row else None
    return ments, claims, story


# ------------------------------------------------------------------ API lists
def page_of(total: int, items: list, limit: int, offset: int) -> dict:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def stories_page(conn: sqlite3.Connection, limit: int, offset: int) -> dict:
    total = count_stories(conn)
    items = []
    for data, outlets, dmin, dmax in conn.execute(
            "SELECT c.data, si.outlets, si.date_min, si.date_max FROM corpus c LEFT JOIN story_info si ON si.id = c.id "
            "WHERE c.kind = 'story' ORDER BY c.id LIMIT ? OFFSET ?", (limit, offset)):
        s = json.loads(data)
        items.append(dict(s, outlets=json.loads(outlets or "[]"), date_range=[dmin, dmax],
                          n_documents=len(s["documents"])))
    return page_of(total, items, limit, offset)


def events_page(conn: sqlite3.Connection, limit: int, offset: int) -> dict:
    total = conn.execute("SELECT count(*) FROM corpus WHERE kind='event'").fetchone()[0]
    items = [json.loads(r[0]) for r in conn.execute(
        "SELECT data FROM corpus WHERE kind='event' ORDER BY id LIMIT ? OFFSET ?", (limit, offset))]
    return page_of(total, items, limit, offset)


def entities_page(conn: sqlite3.Connection, limit: int, offset: int, type: str | None, q: str | None) -> dict:
    where, args = [], []
    if type:
        where.append("ei.type = ?")
        args.append(type)
    if q:
        nq = normalize(q)
        if SEP in nq:
            return raw_page(0, [], limit, offset)
        if nq:
            where.append("instr(ei.names, ?) > 0")
            args.append(nq)
    cond = ("WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM entity_info ei {cond}", args).fetchone()[0]
    items = [r[0] for r in conn.execute(
        f"SELECT c.data FROM (SELECT ei.id FROM entity_info ei {cond} ORDER BY ei.n_mentions DESC, ei.name, ei.id "
        f"LIMIT ? OFFSET ?) x JOIN corpus c ON c.kind = 'entity' AND c.id = x.id", (*args, limit, offset))]
    return raw_page(total, items, limit, offset)


def raw_page(total: int, items: list[str], limit: int, offset: int) -> str:
    """A page as JSON text around items that are already the contract's JSON (as the store holds them): the most
    mentioned entities carry thousands of mention references, not worth parsing and re-encoding per request."""
    return (f'{{"total":{int(total)},"limit":{int(limit)},"offset":{int(offset)},"items":['
            + ",".join(items) + "]}")


def top_entities(conn: sqlite3.Connection, n: int = 200) -> list[dict]:
    """The most mentioned entities (without their mention lists)."""
    return [json.loads(r[0]) for r in conn.execute(
        "SELECT data FROM entity_info ORDER BY n_mentions DESC, id LIMIT ?", (n,))]


def claim_order(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """(rowid, doc id, measure) of every stored claim in the API's order (publication date, then id). One indexed
    scan and sort per change of the store; the caller caches it."""
    return conn.execute("SELECT c.rowid, c.doc_id, c.measure FROM claims c JOIN documents x ON x.id = c.doc_id "
                        "ORDER BY x.published, c.id").fetchall()


def story_doc_ids(conn: sqlite3.Connection, story_id: str) -> set[str]:
    dset_sql, dargs = _dset(story_id)
    return {r[0] for r in conn.execute(dset_sql, dargs)}


def _rows_by_rowid(conn: sqlite3.Connection, table: str, cols: str, rowids: list[int]) -> list:
    if not rowids:
        return []
    found = {r[0]: r for r in conn.execute(f"SELECT rowid, {cols} FROM {table} WHERE rowid IN "
                                           f"(SELECT value FROM json_each(?))", (json.dumps(rowids),))}
    return [found[i] for i in rowids if i in found]


def claims_page(conn: sqlite3.Connection, order: list[tuple[int, str, str]], limit: int, offset: int, *,
                story: str | None, measure: str | None, doc: str | None) -> dict:
    rows = order
    if story is not None:
        dset = story_doc_ids(conn, story)
        rows = [r for r in rows if r[1] in dset]
    if measure:
        rows = [r for r in rows if r[2] == measure]
    if doc:
        rows = [r for r in rows if r[1] == doc]
    items = [json.loads(r[1]) for r in _rows_by_rowid(conn, "claims", "data",
                                                       [r[0] for r in rows[offset:offset + limit]])]
    return page_of(len(rows), items, limit, offset)


def claim(conn: sqlite3.Connection, claim_id: str) -> dict | None:
    row = conn.execute("SELECT c.data FROM claims c JOIN documents x ON x.id = c.doc_id WHERE c.id = ?",
                       (claim_id,)).fetchone()
    return json.loads(row[0]) if row else None


def claim_groups_page(conn: sqlite3.Connection, limit: int, offset: int, conflict: bool | None,
                      measure: str | None) -> dict:
    where, args = [], []
    if conflict is not None:
        where.append("gi.conflict = ?")
        args.append(int(conflict))
    if measure:
        where.append("gi.measure = ?")
        args.append(measure)
    cond = ("WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM group_info gi {cond}", args).fetchone()[0]
    items = [json.loads(r[0]) for r in conn.execute(
        f"SELECT c.data FROM (SELECT gi.id FROM group_info gi {cond} ORDER BY gi.id LIMIT ? OFFSET ?) x "
        f"JOIN corpus c ON c.kind = 'claim_group' AND c.id = x.id ORDER BY x.id", (*args, limit, offset))]
    return page_of(total, items, limit, offset)


def claim_group(conn: sqlite3.Connection, group_id: str) -> dict | None:
    g = corpus_json(conn, "claim_group", group_id)
    if g is None:
        return None
    found = {r[0]: json.loads(r[1]) for r in conn.execute(
        "SELECT c.id, c.data FROM claims c JOIN documents x ON x.id = c.doc_id "
        "WHERE c.id IN (SELECT value FROM json_each(?))", (json.dumps(g["claims"]),))}
    return dict(g, members=[found[c] for c in g["claims"] if c in found])


def quote_order(conn: sqlite3.Connection) -> list[tuple[str, int, str | None, str]]:
    """(doc id, position in the article's quotes, speaker, normalised speaker) of every stored quote in the API's
    order (the analysed articles by publication date, each article's quotes in their order). The caller caches it."""
    out, last, k = [], None, 0
    norm: dict[str | None, str] = {}  # a speaker is quoted many times: normalised once (half of this function's time)
    for doc, speaker in conn.execute(
            "SELECT q.doc_id, q.speaker FROM documents x CROSS JOIN quotes q ON q.doc_id = x.id "
            "ORDER BY x.published, x.source_path, x.rowid, q.rowid"):
        k = k + 1 if doc == last else 0
        last = doc
        ns = norm.get(speaker)
        if ns is None:
            ns = norm[speaker] = normalize(speaker or "")
        out.append((doc, k, speaker, ns))
    return out


def stored_quotes(conn: sqlite3.Connection, keys: list[tuple[str, int]]) -> list[dict]:
    """The quotes (as their article's analysis holds them) at these (doc id, position) keys."""
    if not keys:
        return []
    found = {(r[0], int(r[1])): r[2] for r in conn.execute(
        "SELECT a.doc_id, j.key, j.value FROM analyses a, json_each(a.data, '$.quotes') j "
        "WHERE a.doc_id IN (SELECT value FROM json_each(?))", (json.dumps(sorted({d for d, _ in keys})),))}
    return [json.loads(found[k]) for k in keys if k in found]


def quotes_page(conn: sqlite3.Connection, order: list, limit: int, offset: int, doc: str | None,
                speaker: str | None) -> dict:
    rows = order
    if doc:
        rows = [r for r in rows if r[0] == doc]
    if speaker:
        ns = normalize(speaker)
        rows = [r for r in rows if r[2] and ns in r[3]]
    return page_of(len(rows), stored_quotes(conn, [(r[0], r[1]) for r in rows[offset:offset + limit]]), limit,
                   offset)


def timeline_order(conn: sqlite3.Connection, date_pos) -> list[tuple[str, int]]:
    """(story id, position) of every timeline entry, in the API's order: dated entries by date, then the rest (stable
    over stories by id and each story's own order)."""
    rows = conn.execute("SELECT story_id, pos, date FROM timeline_entries ORDER BY story_id, pos").fetchall()
    rows.sort(key=lambda r: (date_pos(r[2]) is None, r[2] or ""))
    return [(r[0], r[1]) for r in rows]


def timeline_items(conn: sqlite3.Connection, keys: list[tuple[str, int]]) -> list[dict]:
    if not keys:
        return []
    found = {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT t.story_id, t.pos, t.data FROM timeline_entries t JOIN json_each(?) j "
        "ON t.story_id = json_extract(j.value, '$[0]') AND t.pos = json_extract(j.value, '$[1]')",
        (json.dumps(keys),))}
    return [dict(json.loads(found[k]), story=k[0]) for k in keys if k in found]
