"""What the routes share, given to them through FastAPI's `Depends`: the store access (`Data`: one connection per
thread and a cache of the few derived values), the upload jobs, checked ids, and the answers for an unknown or moved
story."""
from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse

from marsad.store import Store
from marsad.store import queries as qry
from marsad.web.jobs import Jobs

log = logging.getLogger(__name__)
STALE_AFTER = 0.002  # seconds: a cached value slower than this to compute is refreshed in the background (the
                     # claim and quote orders of a 600-article store take ~10 ms: computed in the request each
                     # time `marsad analyze` saved an article, they were the p95 of /api/claims under writes)
REFRESH_EVERY = 2.0  # seconds: while another process writes, a stale value is recomputed at most this often
MAX_STALE = 5.0      # seconds: a stale value older than this is recomputed in the request (the writes have stopped,
                     # or requests are rare: nobody is served the state of minutes ago while a refresh runs)
PAGES_KEPT = 256     # rendered pages (dossiers) kept, least recently used dropped
MAX_FILES = 50
MAX_SOURCE = 200  # characters of an upload's `source` field (the outlet's name)
DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ID_RE = re.compile(r"^[\w.:-]{1,128}$")

Limit = Annotated[int, Query(ge=1, le=200, description="page size (1–200)")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
DateQ = Annotated[str | None, Query(pattern=DATE_RE, description="ISO date: YYYY, YYYY-MM or YYYY-MM-DD")]


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
        # name → (change key, value, seconds it took to compute, when it was computed: time.monotonic())
        self._cache: dict[str, tuple[tuple, Any, float, float]] = {}
        self._pending: set[str] = set()
        self._refreshed: dict[str, float] = {}  # name → when its last background refresh was asked for
        self._queue = None
        self._pages: OrderedDict[str, tuple[tuple, Any]] = OrderedDict()  # rendered pages: name → (key, value)

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
        — computed less than MAX_STALE seconds ago — is answered while a background thread recomputes it. Cheap
        values, older ones, and any change this server made itself (an upload job: `touch`), are recomputed at once."""
        key = (self._gen, *qry.change_key(self.conn, corpus_only))
        hit = self._cache.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        if hit is not None and hit[0][0] == self._gen and hit[2] > STALE_AFTER \
                and time.monotonic() - hit[3] < MAX_STALE:
            # at most one refresh per REFRESH_EVERY: `marsad analyze` changes the key with every article it saves,
            # and a refresh thread recomputing without pause would take the CPU (and the GIL) from the requests
            if time.monotonic() - self._refreshed.get(name, 0.0) >= REFRESH_EVERY:
                self._refreshed[name] = time.monotonic()
                self._refresh_later(name, compute, corpus_only)
            return hit[1]
        return self._compute(name, compute, key, self.conn)

    def _compute(self, name: str, compute, key: tuple, conn):
        t0 = time.perf_counter()
        value = compute(conn)
        with self._lock:
            self._cache[name] = (key, value, time.perf_counter() - t0, time.monotonic())
        return value

    def _refresh_later(self, name: str, compute, corpus_only: bool) -> None:
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

    def page(self, name: str, key: tuple, compute):
        """A rendered page (compute()), kept while `key` — what the page is made of, e.g. a story's members and
        their analyses — is unchanged: a dossier is rendered once per change of its story, not once per request
        (and not again when `marsad analyze` saves articles of other stories). Bounded: least recently used dropped."""
        key = (self._gen, *key)
        with self._lock:
            hit = self._pages.get(name)
            if hit is not None and hit[0] == key:
                self._pages.move_to_end(name)
                return hit[1]
        value = compute()
        with self._lock:
            self._pages[name] = (key, value)
            self._pages.move_to_end(name)
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        return value

    def rest(self) -> dict | None:
        """The list entry of the pseudo-story «مقالات أخرى» (analysed articles in no story), or None."""
        return self.cached("rest", qry.rest_card)


# async: a dependency that only reads app.state runs on the event loop, not in the thread pool
async def get_data(request: Request) -> Data:
    return request.app.state.data


async def get_jobs(request: Request) -> Jobs:
    return request.app.state.jobs


DataDep = Annotated[Data, Depends(get_data)]
JobsDep = Annotated[Jobs, Depends(get_jobs)]


def not_found(what: str, ident: str):
    raise HTTPException(404, f"unknown {what} id: {ident[:80]!r}")


def check_id(ident: str, what: str) -> str:
    if not ID_RE.match(ident or ""):
        not_found(what, ident)
    return ident


def one(what: str, ident: str, fetch):
    """The item `fetch(ident)` finds for a route's path id, or a 404 naming the unknown id (a malformed id too, without
    asking the store): what every «one document / entity / claim / …» route does."""
    value = fetch(check_id(ident, what))
    if value is None:
        not_found(what, ident)
    return value


def moved(request: Request, data: Data, story_id: str):
    """A redirect (301) to where a story id now lives — the story gained an earlier founder or merged into
    another — when the store keeps that alias; else a 404."""
    new = data.store().alias("story", story_id) if ID_RE.match(story_id or "") else None
    if new is None:
        not_found("story", story_id)
    path = request.url.path.replace(f"/{story_id}", f"/{new}", 1)
    return RedirectResponse(path + (f"?{request.url.query}" if request.url.query else ""), status_code=301)


UPLOAD_FIELDS = {"files": "the files (any format ingest reads)", "source": "the outlet of files that name none"}


async def read_upload(request: Request) -> tuple[list[tuple[str, bytes]], str | None]:
    """The files of a multipart upload (field `files`), as [(file name, bytes)], and the outlet named in the field
    `source` (or None). Any other field name is a mistake the sender must hear of (422), never silently ignored."""
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
    files, source = [], None
    for key, val in form.multi_items():
        is_file = hasattr(val, "read") and hasattr(val, "filename")
        if key not in UPLOAD_FIELDS or (key == "files") != is_file:
            await form.close()
            fields = "; ".join(f"{k}: {v}" for k, v in UPLOAD_FIELDS.items())
            raise HTTPException(422, f"invalid parameter — unknown {'file ' if is_file else ''}field {key[:40]!r} "
                                     f"(the upload takes {fields})")
        if is_file:
            name = Path(val.filename or "upload.txt").name[:200] or "upload.txt"  # a label only, never a path
            files.append((name, await val.read()))
        elif len(str(val)) > MAX_SOURCE:  # as the schema says (maxLength): refused, never silently cut
            await form.close()
            raise HTTPException(422, f"invalid parameter — source: at most {MAX_SOURCE} characters")
        elif str(val).strip():
            source = str(val).strip()
    await form.close()
    if not files:
        raise HTTPException(422, "invalid parameter — files: no file in the upload")
    return files, source
