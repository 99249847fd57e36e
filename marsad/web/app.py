"""The analyst's workbench: RTL web pages and a JSON HTTP API over a marsad store (FastAPI + Jinja2, no internet).

`create_app(db_path)` assembles the application: the API routes (marsad/web/api.py), the pages (pages.py), the
guards (guards.py: upload limit, cross-site refusal, HEAD, security headers) and the error answers; the routes get
the store through `Depends` (deps.py) and read it with the queries of marsad/store/queries.py. `serve(host, port,
db)` runs it with uvicorn (`marsad serve`). Everything the pages need (CSS, the few lines of JS for upload progress)
is served from marsad/web/static; charts are SVG drawn on the server. Article text is never trusted: templates
autoescape, highlighted text is built from offsets with every piece escaped, and only http(s) URLs become links.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from marsad.store import Store
from marsad.store.db import default_db_path
from marsad.web import api, pages
from marsad.web.deps import Data
from marsad.web.guards import (DEFAULT_MAX_UPLOAD, SECURITY_HEADERS, HeadAsGet, SameOrigin, UploadLimit,
                               load_token)
from marsad.web.jobs import Jobs
from marsad.web.pages import STORIES_PER_PAGE  # noqa: F401  (the page size, for callers and tests)
from marsad.web.schemas import ERROR_RESPONSES

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent


def create_app(db_path: str | Path | None = None, *, max_upload: int = DEFAULT_MAX_UPLOAD,
               allowed_hosts: list[str] | None = None, token: str | None = None) -> FastAPI:
    """The workbench over the store at `db_path`. `allowed_hosts`: Host header values accepted (against DNS
    rebinding when bound to loopback); None accepts any. `token`: the X-Marsad-Token scripts send with uploads
    (default: the one kept beside the database, see `load_token`)."""
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
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    templates = app.state.templates = pages.templates()
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

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def serve(host: str = "127.0.0.1", port: int = 8000, db: str | Path | None = None) -> None:
    """Run the workbench with uvicorn (blocking)."""
    import uvicorn  # noqa: PLC0415  (the server, loaded only by `marsad serve`)

    loopback = host in ("127.0.0.1", "localhost", "::1")
    app = create_app(db, allowed_hosts=["127.0.0.1", "localhost", "[::1]", "::1"] if loopback else None)
    print(f"marsad: http://{host}:{port}/  (API: /api, schema: /openapi.json, db: {app.state.data.db_path})")
    print(f"uploads from scripts: send the header 'X-Marsad-Token: {app.state.token}' "
          f"(kept in {Path(app.state.data.db_path).with_suffix('.token')})")
    uvicorn.run(app, host=host, port=port, log_level="warning")
