"""The workbench's guards, as ASGI middleware: an upload size limit, the refusal of cross-site state-changing
requests (CSRF), HEAD answered as GET, and the security headers every answer carries."""
from __future__ import annotations

import hmac
import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import HTTPException
from starlette.routing import Match

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024  # bytes per upload request
UPLOAD_PATHS = {"/api/ingest", "/upload"}


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
        return self.router is None or any(r.matches(scope)[0] == Match.FULL for r in self.router.routes)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") not in STATE_CHANGING or not self._served(scope):
            return await self.app(scope, receive, send)
        why = self.refusal(scope)
        if why:
            return await _send_json(send, 403, {"error": f"cross-site request refused: {why}", "status": 403})
        return await self.app(scope, receive, send)

    def refusal(self, scope) -> str | None:
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
