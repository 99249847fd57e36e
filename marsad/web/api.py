"""The JSON HTTP API under /api: documents, stories, timeline, events, entities, claims, claim groups, quotes, search
and multipart ingest, in the contract's shapes (marsad/web/schemas.py). Each route reads the store through `Data`
(given by `Depends`) and one query of marsad/store/queries.py."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from marsad.model import Claim, Document, Entity, Story
from marsad.store import queries as qry
from marsad.store import search as srch
from marsad.web import render
from marsad.web.deps import (DATE_RE, MAX_FILES, MAX_SOURCE, DataDep, JobsDep, Limit, Offset, check_id, moved,
                             not_found, one, read_upload)
from marsad.web.schemas import (POST_RESPONSES, ClaimGroupDetail, ClaimGroupPage, ClaimPage, DocumentPage,
                                EntityPage, ErrorBody, EventPage, Job, JSONText, QuotePage, SearchResult,
                                StoryPage, StoryTimeline, TimelinePage)

router = APIRouter()
MOVED_RESPONSE = {301: {"description": "the story id moved (merged or re-founded): Location gives the new one"}}


# ------------------------------------------------------------------ documents
@router.get("/api", tags=["meta"])
def api_index(data: DataDep):
    """What the store holds, and the endpoints."""
    st = data.store()
    return {"documents": st.count("documents"), "analysed": st.count("analyses"),
            "stories": qry.count_stories(st.conn), "schema_version": 1,
            "endpoints": sorted({r.path for r in router.routes if r.path.startswith("/api")})}


@router.get("/api/documents", tags=["documents"], response_model=DocumentPage, response_model_exclude_unset=True)
def api_documents(data: DataDep, limit: Limit = 20, offset: Offset = 0, outlet: str | None = None,
                  date_from: Annotated[str | None, Query(alias="from", pattern=DATE_RE)] = None,
                  date_to: Annotated[str | None, Query(alias="to", pattern=DATE_RE)] = None,
                  text: bool = Query(True, description="include the cleaned text")):
    """Stored documents (contract shape), oldest first."""
    st = data.store()
    total, ids = qry.document_ids(st.conn, limit, offset, outlet, date_from, date_to)
    items = [d.model_dump(exclude=None if text else {"text"}) for d in st.documents(ids)]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/api/documents/{doc_id}", tags=["documents"], response_model=Document)
def api_document(doc_id: str, data: DataDep):
    """One document (contract shape)."""
    return one("document", doc_id, data.store().document).model_dump()


@router.get("/api/documents/{doc_id}/analysis", tags=["documents"])
def api_document_analysis(doc_id: str, data: DataDep):
    """The per-document layers: sentences, quantities, dates, mentions, claims, quotes (empty until analysed)."""
    one("document", doc_id, data.store().document)
    return qry.doc_analysis(data.conn, doc_id)


# ------------------------------------------------------------------ corpus structures
@router.get("/api/stories", tags=["stories"], response_model=StoryPage)
def api_stories(data: DataDep, limit: Limit = 20, offset: Offset = 0):
    """Stories (contract shape) with outlets, date range and counts."""
    return qry.stories_page(data.conn, limit, offset)


@router.get("/api/stories/{story_id}", tags=["stories"], response_model=Story, responses=MOVED_RESPONSE)
def api_story(request: Request, story_id: str, data: DataDep):
    s = qry.corpus_json(data.conn, "story", check_id(story_id, "story"))
    if s is None:
        return moved(request, data, story_id)
    return s


@router.get("/api/stories/{story_id}/timeline", tags=["timeline"], response_model=StoryTimeline,
            responses=MOVED_RESPONSE)
def api_story_timeline(request: Request, story_id: str, data: DataDep):
    s = qry.corpus_json(data.conn, "story", check_id(story_id, "story"))
    if s is None:
        return moved(request, data, story_id)
    return {"story": story_id, "items": s.get("timeline", [])}


@router.get("/api/timeline", tags=["timeline"], response_model=TimelinePage)
def api_timeline(data: DataDep, limit: Limit = 50, offset: Offset = 0, story: str | None = None):
    """Timeline entries of every story (or one), each with its story id, by date."""
    if story is not None and qry.corpus_json(data.conn, "story", story) is None:
        not_found("story", story)
    keys = data.cached("timeline", lambda conn: qry.timeline_order(conn, render.date_pos), corpus_only=True)
    if story is not None:
        keys = [k for k in keys if k[0] == story]
    return qry.page_of(len(keys), qry.timeline_items(data.conn, keys[offset:offset + limit]), limit, offset)


@router.get("/api/events", tags=["stories"], response_model=EventPage)
def api_events(data: DataDep, limit: Limit = 50, offset: Offset = 0):
    return qry.events_page(data.conn, limit, offset)


@router.get("/api/entities", tags=["entities"], response_model=EntityPage)
def api_entities(data: DataDep, limit: Limit = 50, offset: Offset = 0,
                 type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC|MISC)$")] = None,
                 q: Annotated[str | None, Query(max_length=200, description="name or alias contains")] = None):
    """Entities (contract shape), most mentioned first."""
    return JSONText(qry.entities_page(data.conn, limit, offset, type, q))


@router.get("/api/entities/{entity_id}", tags=["entities"], response_model=Entity)
def api_entity(entity_id: str, data: DataDep):
    return JSONText(one("entity", entity_id, lambda i: qry.corpus_text(data.conn, "entity", i)))


@router.get("/api/claims", tags=["claims"], response_model=ClaimPage)
def api_claims(data: DataDep, limit: Limit = 50, offset: Offset = 0, measure: str | None = None,
               doc: str | None = None, story: str | None = None):
    """Claims (contract shape), filtered by measure, document or story."""
    if story is not None and not qry.story_exists(data.conn, story):
        not_found("story", story)
    return qry.claims_page(data.conn, data.cached("claim_order", qry.claim_order), limit, offset, story=story,
                           measure=measure, doc=doc)


@router.get("/api/claims/{claim_id}", tags=["claims"], response_model=Claim)
def api_claim(claim_id: str, data: DataDep):
    return one("claim", claim_id, lambda i: qry.claim(data.conn, i))


@router.get("/api/claim_groups", tags=["claims"], response_model=ClaimGroupPage)
def api_claim_groups(data: DataDep, limit: Limit = 50, offset: Offset = 0, conflict: bool | None = None,
                     measure: str | None = None):
    return qry.claim_groups_page(data.conn, limit, offset, conflict, measure)


@router.get("/api/claim_groups/{group_id}", tags=["claims"], response_model=ClaimGroupDetail)
def api_claim_group(group_id: str, data: DataDep):
    return one("claim group", group_id, lambda i: qry.claim_group(data.conn, i))


@router.get("/api/quotes", tags=["quotes"], response_model=QuotePage)
def api_quotes(data: DataDep, limit: Limit = 50, offset: Offset = 0, doc: str | None = None,
               speaker: Annotated[str | None, Query(max_length=200)] = None):
    return qry.quotes_page(data.conn, data.cached("quote_order", qry.quote_order), limit, offset, doc, speaker)


@router.get("/api/search", tags=["search"], response_model=SearchResult)
def api_search(data: DataDep, q: Annotated[str, Query(max_length=500, description="Arabic query")] = "",
               limit: Limit = 20, offset: Offset = 0,
               entity: Annotated[str | None, Query(max_length=128)] = None,
               outlet: Annotated[str | None, Query(max_length=200)] = None,
               date_from: Annotated[str | None, Query(alias="from", pattern=DATE_RE)] = None,
               date_to: Annotated[str | None, Query(alias="to", pattern=DATE_RE)] = None):
    """Arabic-aware full-text search (spelling variants, diacritics and clitics don't matter). `highlights` are
    (start, end) offsets into `snippet`, which is a verbatim window of the original text."""
    if not q.strip() and not (entity or outlet or date_from or date_to):
        return {"query": q, "total": 0, "limit": limit, "offset": offset, "hits": []}  # nothing asked, nothing found
    return srch.search(data.store().conn, q, limit=limit, offset=offset, entity=entity, outlet=outlet,
                       date_from=date_from, date_to=date_to)


# ------------------------------------------------------------------ ingest
INGEST_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["files"], "additionalProperties": False,  # any other field: 422 (read_upload)
    "properties": {"files": {"type": "array", "minItems": 1, "maxItems": MAX_FILES,
                             "items": {"type": "string", "format": "binary"}},
                   "source": {"type": "string", "maxLength": MAX_SOURCE,
                              "description": "the outlet of files that name none"}}}}}}}


@router.post("/api/ingest", tags=["ingest"], status_code=202, openapi_extra=INGEST_BODY, response_model=Job,
             responses={**POST_RESPONSES, 413: {"model": ErrorBody, "description": "upload too large"},
                        415: {"model": ErrorBody, "description": "not multipart"}})
async def api_ingest(request: Request, jobs: JobsDep):
    """Upload files (any format ingest reads: txt, html, json, jsonl, rss/atom, zip) as multipart field `files`
    (optional field `source`: their outlet, when a file names none; any other field → 422); they are stored, analysed and the corpus stages re-run in the background. Returns the job; poll
    /api/jobs/{id}. Larger than the limit → 413 before the body is read."""
    files, source = await read_upload(request)
    job = jobs.submit(files, source=source)
    return JSONResponse(dict(job, status_url=f"/api/jobs/{job['id']}"), status_code=202)


@router.get("/api/jobs/{job_id}", tags=["ingest"], response_model=Job)
def api_job(job_id: str, jobs: JobsDep):
    return one("job", job_id, jobs.get)
