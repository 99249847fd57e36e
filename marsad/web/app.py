"""The analyst's workbench: RTL web pages and a JSON HTTP API over a marsad store (FastAPI + Jinja2, no internet).

`create_app(db_path)` builds the application; `serve(host, port, db)` runs it with uvicorn (`marsad serve`).
Everything the pages need (CSS, the few lines of JS for upload progress) is served from marsad/web/static; charts are
SVG drawn on the server. Article text is never trusted: templates autoescape, highlighted text is built from offsets
with every piece escaped, and only http(s) URLs become links.
"""
from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad import report as rep
from marsad.extract.measures import measure_label
from marsad.store import Store
from marsad.store import search as srch
from marsad.web import queries as qry
from marsad.web import render

from pydantic import BaseModel, Field

from marsad.model import Claim, ClaimGroup, Document, Entity, Event, Quote, Story, TimelineEntry

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024  # bytes per upload request
STALE_AFTER = 0.02  # seconds: a cached value slower than this to compute is refreshed in the background
STORIES_PER_PAGE = 50
MAX_FILES = 50
UPLOAD_PATHS = {"/api/ingest", "/upload"}
DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ID_RE = re.compile(r"^[\w.:-]{1,128}$")

Limit = Annotated[int, Query(ge=1, le=200, description="page size (1–200)")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
DateQ = Annotated[str | None, Query(pattern=DATE_RE, description="ISO date: YYYY, YYYY-MM or YYYY-MM-DD")]


# ------------------------------------------------------------------ response shapes (OpenAPI)
class _Page(BaseModel):
    total: int = Field(description="items matching, before paging")
    limit: int
    offset: int


class DocumentItem(Document):
    text: str | None = None  # left out with ?text=false


class DocumentPage(_Page):
    items: list[DocumentItem]


class StoryItem(Story):
    outlets: list[str] = []
    date_range: list[str | None] = []
    n_documents: int = 0


class StoryPage(_Page):
    items: list[StoryItem]


class EntityPage(_Page):
    items: list[Entity]


class ClaimPage(_Page):
    items: list[Claim]


class ClaimGroupPage(_Page):
    items: list[ClaimGroup]


class ClaimGroupDetail(ClaimGroup):
    members: list[Claim] = []


class QuotePage(_Page):
    items: list[Quote]


class EventPage(_Page):
    items: list[Event]


class TimelineItem(TimelineEntry):
    story: str


class TimelinePage(_Page):
    items: list[TimelineItem]


class StoryTimeline(BaseModel):
    story: str
    items: list[TimelineEntry]


class SearchHit(BaseModel):
    id: str
    title: str | None = None
    title_highlights: list[tuple[int, int]] = Field(description="(start, end) offsets into title")
    snippet: str = Field(description="a verbatim window of the document's text")
    highlights: list[tuple[int, int]] = Field(description="(start, end) offsets into snippet")
    source_name: str | None = None
    published: str | None = None
    url: str | None = None
    lead: str | None = None


class SearchResult(_Page):
    query: str
    hits: list[SearchHit]


class Job(BaseModel):
    id: str
    state: str = Field(description="queued | running | done | error")
    stage: str
    done: int
    total: int
    files: list[str]
    documents: list[str]
    titles: dict[str, str] = {}
    new: int
    duplicates: int
    messages: list[str]
    status_url: str | None = None


# ------------------------------------------------------------------ data access
class Data:
    """Access to the store for the pages and the API: one connection per thread, and a small cache of the few
    derived values that are not a single indexed query (the pseudo-story «مقالات أخرى», the outlets menu, the
    timeline order), recomputed when the corpus is rewritten or an analysis is saved."""

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._gen = 0
        self._cache: dict[str, tuple[tuple, Any, float]] = {}  # name → (change key, value, seconds to compute)
        self._pending: set[str] = set()
        self._queue = None

    def store(self) -> Store:
        st = getattr(self._local, "store", None)
        if st is None:
            st = Store(self.db_path)
            self._local.store = st
        return st

    @property
    def conn(self):
        return self.store().conn

    def touch(self) -> None:
        self._gen += 1

    def cached(self, name: str, compute, corpus_only: bool = False):
        """compute(conn), memoised until the store changes (`corpus_only`: until the corpus is rewritten).

        Reads never wait on a writer: when another process changed the store (`marsad analyze` saves an analysis
        every few hundred milliseconds) and the value took longer than STALE_AFTER to compute, the previous value
        is answered while a background thread recomputes it. Cheap values, and any change this server made itself
        (an upload job: `touch`), are recomputed at once."""
        key = (self._gen, *qry.change_key(self.conn, corpus_only))
        hit = self._cache.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        if hit is not None and hit[0][0] == self._gen and hit[2] > STALE_AFTER:
            self._refresh_later(name, compute, corpus_only)
            return hit[1]
        return self._compute(name, compute, key, self.conn)

    def _compute(self, name: str, compute, key: tuple, conn):
        t0 = time.perf_counter()
        value = compute(conn)
        with self._lock:
            self._cache[name] = (key, value, time.perf_counter() - t0)
        return value

    def _refresh_later(self, name: str, compute, corpus_only: bool) -> None:
        import queue

        with self._lock:
            if name in self._pending:
                return
            self._pending.add(name)
            if self._queue is None:
                self._queue = queue.SimpleQueue()
                threading.Thread(target=self._refresher, daemon=True, name="marsad-cache-refresh").start()
        self._queue.put((name, compute, corpus_only))

    def _refresher(self) -> None:
        """One thread (one connection) recomputing stale cached values, one at a time."""
        while True:
            name, compute, corpus_only = self._queue.get()
            try:
                key = (self._gen, *qry.change_key(self.conn, corpus_only))  # before computing: a later change
                self._compute(name, compute, key, self.conn)                 # makes the value stale again
            except Exception:  # the next request computes it itself
                log.exception("refreshing the cached %s failed", name)
                with self._lock:
                    self._cache.pop(name, None)
            finally:
                with self._lock:
                    self._pending.discard(name)

    def rest(self) -> dict | None:
        """The list entry of the pseudo-story «مقالات أخرى» (analysed articles in no story), or None."""
        return self.cached("rest", qry.rest_card)


class JSONText(Response):
    """A JSON body that is already encoded (stored contract JSON); the route's response_model still documents it."""
    media_type = "application/json"


def _not_found(what: str, ident: str):
    raise HTTPException(404, f"unknown {what} id: {ident[:80]!r}")


# ------------------------------------------------------------------ upload size limit
class UploadLimit:
    """ASGI middleware: an upload whose Content-Length exceeds the limit is refused (413) before any of its body is
    read; one without a length is counted while it streams and refused as soon as the count passes the limit."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path") not in UPLOAD_PATHS:
            return await self.app(scope, receive, send)
        length = None
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    length = int(v)
                except ValueError:
                    return await _send_json(send, 400, {"error": "invalid Content-Length header", "status": 400})
        if length is not None and length > self.max_bytes:
            return await _send_json(send, 413, _too_large(self.max_bytes))
        seen = 0
        max_bytes = self.max_bytes

        async def counted():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > max_bytes:
                    raise HTTPException(413, _too_large(max_bytes)["error"])
            return msg

        return await self.app(scope, counted, send)


# ------------------------------------------------------------------ cross-site request refusal (CSRF)
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
TOKEN_HEADER = "x-marsad-token"


def load_token(db_path: Path) -> str:
    """The workbench's API token for scripts, kept beside the database (created on first use, readable by its owner
    only). A cross-site page cannot send a custom header without a CORS preflight, which this server never grants."""
    import secrets

    path = Path(db_path).with_suffix(".token")
    try:
        token = path.read_text(encoding="ascii").strip()
        if len(token) >= 32:
            return token
    except (OSError, UnicodeDecodeError):
        pass
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(token + "\n")
    return token


def _origin_of(url: str) -> tuple[str, str] | None:
    """(scheme, host[:port] with default ports dropped) of an absolute http(s) URL, else None."""
    try:
        u = urlsplit(url)
        port = u.port
    except ValueError:
        return None
    if u.scheme not in ("http", "https") or not u.hostname:
        return None
    host = u.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port and port != {"http": 80, "https": 443}[u.scheme]:
        host = f"{host}:{port}"
    return u.scheme, host


class SameOrigin:
    """ASGI middleware: a state-changing request is served only when it comes from this site — its `Origin` (or,
    without one, its `Referer`) names this server's own scheme and host — or carries the `X-Marsad-Token` header.
    `Origin: null` (sandboxed frames, opaque origins), other sites and requests with neither header get 403."""

    def __init__(self, app, token: str, router=None):
        self.app = app
        self.token = token
        self.router = router  # when given, only requests a route would serve are checked (others: 404/405)

    def _served(self, scope) -> bool:
        from starlette.routing import Match

        return self.router is None or any(r.matches(scope)[0] == Match.FULL for r in self.router.routes)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") not in STATE_CHANGING or not self._served(scope):
            return await self.app(scope, receive, send)
        why = self.refusal(scope)
        if why:
            return await _send_json(send, 403, {"error": f"cross-site request refused: {why}", "status": 403})
        return await self.app(scope, receive, send)

    def refusal(self, scope) -> str | None:
        import hmac

        headers = {}
        for k, v in scope.get("headers", []):
            headers.setdefault(k.decode("latin-1").lower(), v.decode("latin-1"))
        token = headers.get(TOKEN_HEADER)
        if token is not None:
            return None if hmac.compare_digest(token.strip().encode(), self.token.encode()) else \
                "wrong X-Marsad-Token"
        host = headers.get("host", "").strip().lower()
        scheme = scope.get("scheme", "http")
        own = _origin_of(f"{scheme}://{host}") if host else None
        origin = headers.get("origin")
        if origin is not None:
            if origin.strip().lower() == "null":
                return "Origin: null (an opaque or sandboxed origin)"
            return None if own and _origin_of(origin.strip()) == own else "the Origin is another site"
        referer = headers.get("referer")
        if referer:
            return None if own and _origin_of(referer.strip()) == own else "the Referer is another site"
        return "no Origin or Referer header (scripts: send the X-Marsad-Token header)"


class HeadAsGet:
    """ASGI middleware: HEAD is answered as GET without a body (same status and headers)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(msg):
            if msg["type"] == "http.response.body":
                if msg.get("more_body"):
                    return
                msg = {"type": "http.response.body", "body": b""}
            await send(msg)

        return await self.app(dict(scope, method="GET"), receive, headers_only)


class ErrorBody(BaseModel):
    error: str = Field(description="what went wrong, for a person")
    status: int
    detail: list[dict] | None = Field(None, description="per-parameter problems (422)")


ERROR_RESPONSES = {400: {"model": ErrorBody, "description": "malformed request"},
                   404: {"model": ErrorBody, "description": "no such item"},
                   422: {"model": ErrorBody, "description": "invalid parameter"}}
POST_RESPONSES = {403: {"model": ErrorBody, "description": "cross-site request refused (send a same-origin Origin "
                                                           "or the X-Marsad-Token header)"}}


def _too_large(n: int) -> dict:
    return {"error": f"upload too large: the limit is {n} bytes ({n / 1048576:.1f} MB)", "status": 413}


async def _send_json(send, status: int, body: dict):
    data = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": data})


SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on our own form posts
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


# ------------------------------------------------------------------ the application
def create_app(db_path: str | Path | None = None, *, max_upload: int = DEFAULT_MAX_UPLOAD,
               allowed_hosts: list[str] | None = None, token: str | None = None) -> FastAPI:
    """The workbench over the store at `db_path`. `allowed_hosts`: Host header values accepted (against DNS
    rebinding when bound to loopback); None accepts any. `token`: the X-Marsad-Token scripts send with uploads
    (default: the one kept beside the database, see `load_token`)."""
    from marsad.store.db import default_db_path
    from marsad.web.jobs import Jobs

    db_path = Path(db_path) if db_path else default_db_path()
    Store(db_path).close()  # create/migrate once up front
    data = Data(db_path)
    jobs = Jobs(db_path, on_change=data.touch)
    app = FastAPI(title="marsad API", version="1",
                  description="مرصد: the JSON API of the analyst's workbench (shapes of the marsad contract).",
                  docs_url=None, redoc_url=None,  # the interactive docs need a CDN; /openapi.json is the schema
                  responses=ERROR_RESPONSES)  # every answer's error shape in the schema (not FastAPI's own 422)
    app.state.data = data
    app.state.jobs = jobs
    app.state.max_upload = max_upload
    app.state.token = token or load_token(db_path)
    app.add_middleware(SameOrigin, token=app.state.token, router=app.router)
    app.add_middleware(UploadLimit, max_bytes=max_upload)  # outermost of the two: too large is said first
    app.add_middleware(HeadAsGet)
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    from jinja2 import Environment, FileSystemLoader

    # autoescape everything: the templates are *.html.j2, which select_autoescape's default would not cover
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, finalize=rep.isolate_bidi)  # a bidi override cannot leave its value
    templates = Jinja2Templates(env=env)
    env.filters["fmt"] = rep.fmt_number
    env.filters["figure"] = rep.figure
    env.globals["safe_url"] = render.safe_url
    env.globals["LAYERS"] = render.LAYERS
    env.filters["stance_ar"] = lambda s: STANCE_AR.get(s or "", s or "")
    env.filters["qualifier_ar"] = lambda s: rep.QUALIFIER_AR.get(s or "", s or "")
    # measures.yaml labels (named and open measures: «عدد: سفينة»), older keys from MEASURE_AR
    env.filters["measure_ar"] = lambda s: MEASURE_AR.get(s or "") or measure_label(s) or (s or "").replace("_", " ")
    env.filters["date_ar"] = render.date_ar
    env.filters["outlet"] = rep.outlet   # outlet name, else the link's host — never «?»   # EDTF for readers («صيف 2024»); the JSON and API keep EDTF
    env.filters["type_ar"] = lambda s: TYPE_AR.get(s or "", s or "")
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next):
        resp = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            resp.headers.setdefault(k, v)
        return resp

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith(("/api/", "/openapi.json", "/static/")) and \
            request.url.path != "/api"

    def error_response(request: Request, status: int, message: str, detail: Any = None):
        if wants_html(request):
            return templates.TemplateResponse(request, "error.html.j2", {"status": status, "message": message},
                                              status_code=status)
        body = {"error": message, "status": status}
        if detail is not None:
            body["detail"] = detail
        return JSONResponse(body, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        msg = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and msg == "Not Found":
            msg = f"no such page or endpoint: {request.url.path[:200]}"
        if exc.status_code == 405:
            msg = f"method {request.method} not allowed on {request.url.path[:200]}"
        resp = error_response(request, exc.status_code, msg)
        for k, v in (getattr(exc, "headers", None) or {}).items():  # e.g. Allow on 405
            resp.headers.setdefault(k, v)
        return resp

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errs = jsonable_encoder(exc.errors(), custom_encoder={Exception: str})
        parts = []
        for e in errs:
            loc = ".".join(str(x) for x in e.get("loc", []) if x not in ("query", "path", "body"))
            parts.append(f"{loc or 'request'}: {e.get('msg')}")
        detail = [{"loc": e.get("loc"), "msg": e.get("msg"), "type": e.get("type")} for e in errs]
        return error_response(request, 422, "invalid parameter — " + "; ".join(parts), detail)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):  # pragma: no cover - last resort, never a traceback
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, f"internal error ({type(exc).__name__})")

    def moved(request: Request, story_id: str):
        """A redirect (301) to where a story id now lives — the story gained an earlier founder or merged into
        another — when the store keeps that alias; else a 404."""
        new = data.store().alias("story", story_id) if ID_RE.match(story_id or "") else None
        if new is None:
            _not_found("story", story_id)
        path = request.url.path.replace(f"/{story_id}", f"/{new}", 1)
        return RedirectResponse(path + (f"?{request.url.query}" if request.url.query else ""), status_code=301)

    def check_id(ident: str, what: str) -> str:
        if not ID_RE.match(ident or ""):
            _not_found(what, ident)
        return ident

    # -------------------------------------------------------------- API: documents
    @app.get("/api", tags=["meta"])
    def api_index():
        """What the store holds, and the endpoints."""
        st = data.store()
        return {"documents": st.count("documents"), "analysed": st.count("analyses"),
                "stories": qry.count_stories(st.conn), "schema_version": 1,
                "endpoints": sorted({r.path for r in app.routes if getattr(r, "path", "").startswith("/api")})}

    @app.get("/api/documents", tags=["documents"], response_model=DocumentPage, response_model_exclude_unset=True)
    def api_documents(limit: Limit = 20, offset: Offset = 0, outlet: str | None = None,
                      date_from: Annotated[str | None, Query(alias="from", pattern=DATE_RE)] = None,
                      date_to: Annotated[str | None, Query(alias="to", pattern=DATE_RE)] = None,
                      text: bool = Query(True, description="include the cleaned text")):
        """Stored documents (contract shape), oldest first."""
        st = data.store()
        where, args = srch._filters(None, outlet, date_from, date_to)
        cond = ("WHERE " + " AND ".join(where)) if where else ""
        total = st.conn.execute(f"SELECT count(*) FROM documents d {cond}", args).fetchone()[0]
        ids = [r[0] for r in st.conn.execute(
            f"SELECT d.id FROM documents d {cond} ORDER BY d.published, d.source_path LIMIT ? OFFSET ?",
            (*args, limit, offset))]
        items = [d.model_dump(exclude=None if text else {"text"}) for d in st.documents(ids)]
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/documents/{doc_id}", tags=["documents"], response_model=Document)
    def api_document(doc_id: str):
        """One document (contract shape)."""
        doc = data.store().document(check_id(doc_id, "document"))
        if doc is None:
            _not_found("document", doc_id)
        return doc.model_dump()

    @app.get("/api/documents/{doc_id}/analysis", tags=["documents"])
    def api_document_analysis(doc_id: str):
        """The per-document layers: sentences, quantities, dates, mentions, claims, quotes (empty until analysed)."""
        doc = data.store().document(check_id(doc_id, "document"))
        if doc is None:
            _not_found("document", doc_id)
        return _doc_analysis(doc_id)

    def _doc_analysis(doc_id: str) -> dict:
        row = data.store().conn.execute("SELECT data FROM analyses WHERE doc_id=?", (doc_id,)).fetchone()
        out = json.loads(row[0]) if row else {}
        for k in ("sentences", "quantities", "dates", "mentions", "claims", "quotes", "errors"):
            out.setdefault(k, [])
        return out

    # -------------------------------------------------------------- API: corpus structures
    @app.get("/api/stories", tags=["stories"], response_model=StoryPage)
    def api_stories(limit: Limit = 20, offset: Offset = 0):
        """Stories (contract shape) with outlets, date range and counts."""
        return qry.stories_page(data.conn, limit, offset)

    moved_response = {301: {"description": "the story id moved (merged or re-founded): Location gives the new one"}}

    @app.get("/api/stories/{story_id}", tags=["stories"], response_model=Story, responses=moved_response)
    def api_story(request: Request, story_id: str):
        s = qry.corpus_json(data.conn, "story", check_id(story_id, "story"))
        if s is None:
            return moved(request, story_id)
        return s

    @app.get("/api/stories/{story_id}/timeline", tags=["timeline"], response_model=StoryTimeline,
             responses=moved_response)
    def api_story_timeline(request: Request, story_id: str):
        s = qry.corpus_json(data.conn, "story", check_id(story_id, "story"))
        if s is None:
            return moved(request, story_id)
        return {"story": story_id, "items": s.get("timeline", [])}

    @app.get("/api/timeline", tags=["timeline"], response_model=TimelinePage)
    def api_timeline(limit: Limit = 50, offset: Offset = 0, story: str | None = None):
        """Timeline entries of every story (or one), each with its story id, by date."""
        if story is not None and qry.corpus_json(data.conn, "story", story) is None:
            _not_found("story", story)
        keys = data.cached("timeline", lambda conn: qry.timeline_order(conn, render.date_pos), corpus_only=True)
        if story is not None:
            keys = [k for k in keys if k[0] == story]
        return qry.page_of(len(keys), qry.timeline_items(data.conn, keys[offset:offset + limit]), limit, offset)

    @app.get("/api/events", tags=["stories"], response_model=EventPage)
    def api_events(limit: Limit = 50, offset: Offset = 0):
        return qry.events_page(data.conn, limit, offset)

    @app.get("/api/entities", tags=["entities"], response_model=EntityPage)
    def api_entities(limit: Limit = 50, offset: Offset = 0,
                     type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC|MISC)$")] = None,
                     q: Annotated[str | None, Query(max_length=200, description="name or alias contains")] = None):
        """Entities (contract shape), most mentioned first."""
        return JSONText(qry.entities_page(data.conn, limit, offset, type, q))

    @app.get("/api/entities/{entity_id}", tags=["entities"], response_model=Entity)
    def api_entity(entity_id: str):
        row = data.conn.execute("SELECT data FROM corpus WHERE kind='entity' AND id=?",
                                (check_id(entity_id, "entity"),)).fetchone()
        if row is None:
            _not_found("entity", entity_id)
        return JSONText(row[0])

    @app.get("/api/claims", tags=["claims"], response_model=ClaimPage)
    def api_claims(limit: Limit = 50, offset: Offset = 0, measure: str | None = None,
                   doc: str | None = None, story: str | None = None):
        """Claims (contract shape), filtered by measure, document or story."""
        if story is not None and not qry.story_exists(data.conn, story):
            _not_found("story", story)
        return qry.claims_page(data.conn, data.cached("claim_order", qry.claim_order), limit, offset, story=story,
                               measure=measure, doc=doc)

    @app.get("/api/claims/{claim_id}", tags=["claims"], response_model=Claim)
    def api_claim(claim_id: str):
        c = qry.claim(data.conn, check_id(claim_id, "claim"))
        if c is None:
            _not_found("claim", claim_id)
        return c

    @app.get("/api/claim_groups", tags=["claims"], response_model=ClaimGroupPage)
    def api_claim_groups(limit: Limit = 50, offset: Offset = 0, conflict: bool | None = None,
                         measure: str | None = None):
        return qry.claim_groups_page(data.conn, limit, offset, conflict, measure)

    @app.get("/api/claim_groups/{group_id}", tags=["claims"], response_model=ClaimGroupDetail)
    def api_claim_group(group_id: str):
        g = qry.claim_group(data.conn, check_id(group_id, "claim group"))
        if g is None:
            _not_found("claim group", group_id)
        return g

    @app.get("/api/quotes", tags=["quotes"], response_model=QuotePage)
    def api_quotes(limit: Limit = 50, offset: Offset = 0, doc: str | None = None,
                   speaker: Annotated[str | None, Query(max_length=200)] = None):
        return qry.quotes_page(data.conn, data.cached("quote_order", qry.quote_order), limit, offset, doc, speaker)

    @app.get("/api/search", tags=["search"], response_model=SearchResult)
    def api_search(q: Annotated[str, Query(max_length=500, description="Arabic query")] = "",
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

    # -------------------------------------------------------------- API: ingest
    ingest_body = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["files"],
        "properties": {"files": {"type": "array", "minItems": 1, "maxItems": MAX_FILES,
                                 "items": {"type": "string", "format": "binary"}}}}}}}}

    async def _read_upload(request: Request) -> list[tuple[str, bytes]]:
        # (a request from another site never gets here: SameOrigin refused it)
        ctype = request.headers.get("content-type", "")
        if not ctype.startswith("multipart/form-data"):
            raise HTTPException(415, "send the files as multipart/form-data (field name: files)")
        try:
            form = await request.form(max_files=MAX_FILES, max_fields=20, max_part_size=1024 * 1024)
        except HTTPException:
            raise
        except Exception as e:
            raise HTTPException(400, f"malformed multipart body: {e}")
        files = []
        for _key, val in form.multi_items():
            if hasattr(val, "read") and hasattr(val, "filename"):
                name = Path(val.filename or "upload.txt").name[:200] or "upload.txt"  # a label only, never a path
                files.append((name, await val.read()))
        await form.close()
        if not files:
            raise HTTPException(422, "invalid parameter — files: no file in the upload")
        return files

    @app.post("/api/ingest", tags=["ingest"], status_code=202, openapi_extra=ingest_body, response_model=Job,
              responses={**POST_RESPONSES, 413: {"model": ErrorBody, "description": "upload too large"},
                         415: {"model": ErrorBody, "description": "not multipart"}})
    async def api_ingest(request: Request):
        """Upload files (any format ingest reads: txt, html, json, jsonl, rss/atom, zip) as multipart field `files`;
        they are stored, analysed and the corpus stages re-run in the background. Returns the job; poll
        /api/jobs/{id}. Larger than the limit → 413 before the body is read."""
        files = await _read_upload(request)
        job = jobs.submit(files)
        return JSONResponse(dict(job, status_url=f"/api/jobs/{job['id']}"), status_code=202)

    @app.get("/api/jobs/{job_id}", tags=["ingest"], response_model=Job)
    def api_job(job_id: str):
        job = jobs.get(check_id(job_id, "job"))
        if job is None:
            _not_found("job", job_id)
        return job

    # -------------------------------------------------------------- pages
    def page(request: Request, name: str, **ctx):
        return templates.TemplateResponse(request, name, ctx)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, q: Annotated[str, Query(max_length=200)] = "",
                     outlet: Annotated[str, Query(max_length=200)] = "",
                     entity: Annotated[str, Query(max_length=128)] = "",
                     date_from: Annotated[str, Query(alias="from", pattern=r"^$|" + DATE_RE)] = "",
                     date_to: Annotated[str, Query(alias="to", pattern=r"^$|" + DATE_RE)] = "",
                     page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1):
        conn = data.conn
        rest = data.rest()
        per = STORIES_PER_PAGE
        cards, matching = qry.story_cards(conn, rest, q=q, outlet=outlet, entity=entity, date_from=date_from,
                                          date_to=date_to, limit=per, offset=(page_no - 1) * per)
        total = qry.count_stories(conn) + (1 if rest else 0)
        ent = qry.corpus_json(conn, "entity", entity) if entity else None
        return page(request, "stories.html.j2", dossiers=cards, outlets=data.cached("outlets", qry.all_outlets),
                    total=total, matching=matching, page_no=page_no, pages=max(1, -(-matching // per)),
                    f={"q": q, "outlet": outlet, "entity": entity, "from": date_from, "to": date_to},
                    entity_name=(ent or {}).get("name"),
                    n_docs=data.store().count("documents"), n_analysed=data.store().count("analyses"))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str,
                   page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1):
        found = qry.dossier(data.conn, check_id(story_id, "story"), page_no)
        if found is None:
            return moved(request, story_id)
        d, docs = found
        ledger = []
        for item in d.ledger:
            rows = [{"date": r.claim.get("claim_date") or r.doc.get("published"), "value": r.claim.get("value"),
                     "low": r.claim.get("low"), "high": r.claim.get("high"),
                     "label": f"{rep.figure(r.claim)} — {r.claim.get('holder') or r.doc.get('source_name') or ''}"}
                    for r in item["rows"]]
            ledger.append({**item, "chart": render.figures_svg(rows, item["group"]["conflict"])})
        timeline = sorted(d.timeline, key=lambda t: (render.date_pos(t.get("date")) is None,
                                                     render.date_pos(t.get("date")) or 0))
        return page(request, "story.html.j2", d=d, docs=docs, ledger=ledger, timeline=timeline,
                    timeline_chart=render.timeline_svg(d.timeline))

    @app.get("/stories/{story_id}/ledger.csv", include_in_schema=False)
    def story_csv(request: Request, story_id: str):
        if not qry.story_exists(data.conn, check_id(story_id, "story")):
            return moved(request, story_id)
        body = "\ufeff" + rep.ledger_csv(qry.story_ledger_analysis(data.conn, story_id))
        return Response(body, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="ledger-{story_id}.csv"'})

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str,
                      hl: Annotated[str, Query(pattern=r"^$|^\d{1,9}-\d{1,9}$")] = "",
                      q: Annotated[str, Query(max_length=500)] = ""):
        st = data.store()
        doc = st.document(check_id(doc_id, "document"))
        if doc is None:
            _not_found("document", doc_id)
        an = _doc_analysis(doc_id)
        mention_entity, stored_claims, story = qry.document_context(st.conn, doc_id, [c["id"] for c in an["claims"]])
        layers = []
        for m in an["mentions"]:
            ent = mention_entity.get((m["start"], m["end"]))
            label = (ent or {}).get("type") or m.get("label") or "MISC"
            title = (ent or {}).get("name") or m.get("text")
            layers.append((m["start"], m["end"], f"ent-{label}", f"{TYPE_AR.get(label, label)}: {title}"))
        for x in an["dates"]:
            layers.append((x["start"], x["end"], "date", f"تاريخ: {x.get('value') or '؟'}"))
        for x in an["quantities"]:
            layers.append((x["start"], x["end"], "num", f"رقم: {rep.fmt_number(x.get('value'))}"
                           if x.get("value") is not None else "رقم"))
        claims = [stored_claims.get(c["id"], c) for c in an["claims"]]
        for c in claims:
            layers.append((c["start"], c["end"], "claim",
                           f"ادعاء: {MEASURE_AR.get(c['measure'], c['measure'])} {rep.figure(c)}"))
        for qt in an["quotes"]:
            layers.append((qt["start"], qt["end"], "quote", f"اقتباس: {qt.get('speaker') or '؟'}"))
        anchors = {s["start"] for s in an["sentences"]} | {c["start"] for c in claims} | \
            {qt["start"] for qt in an["quotes"]}
        if hl:
            a, b = (int(x) for x in hl.split("-"))
            if 0 <= a < b <= len(doc.text):
                layers.append((a, b, "cited", None))
                anchors.add(a)
        if q.strip():
            hits = srch.highlights(doc.text, srch.parse_query(q))
            layers.extend((a, b, "hit", None) for a, b in hits)
            if hits:
                anchors.add(hits[0][0])
        body = render.annotate(doc.text, layers, anchors)
        present = {cls for _, _, cls, _ in layers}
        return page(request, "document.html.j2", doc=doc.model_dump(), body=body, present=present, q=q,
                    claims=claims, quotes=an["quotes"], errors=an["errors"], analysed=bool(an["sentences"]),
                    story=story)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Annotated[str, Query(max_length=500)] = "",
                    entity: Annotated[str, Query(max_length=128)] = "",
                    outlet: Annotated[str, Query(max_length=200)] = "",
                    date_from: Annotated[str, Query(alias="from", pattern=r"^$|" + DATE_RE)] = "",
                    date_to: Annotated[str, Query(alias="to", pattern=r"^$|" + DATE_RE)] = "",
                    page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1):
        per = 10
        res = None
        if q.strip() or entity or outlet or date_from or date_to:
            res = srch.search(data.conn, q, limit=per, offset=(page_no - 1) * per, entity=entity or None,
                              outlet=outlet or None, date_from=date_from or None, date_to=date_to or None)
            for h in res["hits"]:
                h["snippet_html"] = render.mark(h["snippet"], h["highlights"])
                h["title_html"] = render.mark(h["title"] or "", h["title_highlights"]) if h["title"] else None
        pages = max(1, -(-res["total"] // per)) if res else 1
        ents = data.cached("top_entities", qry.top_entities)
        return page(request, "search.html.j2", res=res, page_no=page_no, pages=pages,
                    f={"q": q, "entity": entity, "outlet": outlet, "from": date_from, "to": date_to},
                    outlets=srch.outlets(data.conn)[:300], entities=ents)

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_page(request: Request):
        return page(request, "upload.html.j2", max_upload=max_upload, job=None)

    @app.post("/upload", include_in_schema=False)
    async def upload_form(request: Request):
        """The no-JS path: the form posts here and lands on the job's page (which refreshes itself)."""
        files = await _read_upload(request)
        job = jobs.submit(files)
        return RedirectResponse(f"/jobs/{job['id']}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(request: Request, job_id: str):
        job = jobs.get(check_id(job_id, "job"))
        if job is None:
            _not_found("job", job_id)
        return page(request, "upload.html.j2", max_upload=max_upload, job=job)

    return app


STANCE_AR = {"asserted": "تأكيد", "hedged": "ترجيح", "reported_belief": "زعم/اشتباه", "denied": "نفي"}
TYPE_AR = {"PER": "شخص", "ORG": "منظمة", "LOC": "مكان", "MISC": "أخرى"}
MEASURE_AR = {"killed": "القتلى", "injured": "الجرحى", "wounded": "الجرحى", "missing": "المفقودون",
              "displaced": "النازحون", "troops_deployed": "الجنود المنتشرون", "arrested": "المعتقلون",
              "casualties": "الضحايا (قتلى وجرحى)", "money": "المبالغ", "aid": "المساعدات",
              "aid_amount": "مبالغ المساعدات", "damage_cost": "كلفة الأضرار", "investment_fund": "صندوق الاستثمار",
              "trade_volume": "حجم التبادل التجاري", "trade_growth_target": "هدف نمو التجارة",
              "tariff_cut": "خفض الرسوم الجمركية", "inflation": "التضخم", "percentage": "نسبة مئوية",
              "import_savings": "وفورات الاستيراد", "other": "أخرى"}


def serve(host: str = "127.0.0.1", port: int = 8000, db: str | Path | None = None) -> None:
    """Run the workbench with uvicorn (blocking)."""
    import uvicorn

    loopback = host in ("127.0.0.1", "localhost", "::1")
    app = create_app(db, allowed_hosts=["127.0.0.1", "localhost", "[::1]", "::1"] if loopback else None)
    print(f"marsad: http://{host}:{port}/  (API: /api, schema: /openapi.json, db: {app.state.data.db_path})")
    print(f"uploads from scripts: send the header 'X-Marsad-Token: {app.state.token}' "
          f"(kept in {Path(app.state.data.db_path).with_suffix('.token')})")
    uvicorn.run(app, host=host, port=port, log_level="warning")
