"""Upload jobs: files sent from the browser are read, cleaned, stored, analysed and the corpus stages re-run in a
background thread; the page polls the job's status. One job runs at a time (the store has one writer)."""
from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from pathlib import Path

from marsad.ingest import IngestError, read_bytes
from marsad.ingest.clean import clean
from marsad.model import RawArticle
from marsad.pipeline import analyse, build_corpus
from marsad.store import Store

log = logging.getLogger(__name__)
_MAX_JOBS = 200


class Jobs:
    def __init__(self, db_path: Path, on_change=None):
        self.db_path = Path(db_path)
        self.on_change = on_change
        self._jobs: OrderedDict[str, dict] = OrderedDict()
        self._lock = threading.Lock()
        self._run_lock = threading.Lock()

    def get(self, job_id: str) -> dict | None:
        with self._lock:
            j = self._jobs.get(job_id)
            return dict(j, messages=list(j["messages"]), documents=list(j["documents"]), titles=dict(j["titles"])) \
                if j else None

    def submit(self, files: list[tuple[str, bytes]], source: str | None = None) -> dict:
        """Start a job for [(file name, bytes)] (`source`: the outlet of files that name none); returns its initial
        status."""
        job_id = secrets.token_hex(8)
        job = {"id": job_id, "state": "queued", "stage": "queued", "done": 0, "total": len(files),
               "files": [n for n, _ in files], "documents": [], "titles": {}, "new": 0, "duplicates": 0, "messages": [],
               "created": time.time(), "finished": None}
        with self._lock:
            self._jobs[job_id] = job
            while len(self._jobs) > _MAX_JOBS:
                self._jobs.popitem(last=False)
        threading.Thread(target=self._run, args=(job_id, files, source), daemon=True,
                         name=f"marsad-job-{job_id}").start()
        return self.get(job_id)

    def _update(self, job_id: str, **kw) -> None:
        with self._lock:
            self._jobs[job_id].update(kw)

    def _say(self, job_id: str, msg: str) -> None:
        with self._lock:
            self._jobs[job_id]["messages"].append(msg)

    def _run(self, job_id: str, files: list[tuple[str, bytes]], source: str | None = None) -> None:
        with self._run_lock:
            try:
                self._work(job_id, files, source)
                self._update(job_id, state="done", stage="done", finished=time.time())
            except Exception as e:  # the job reports its failure; the server keeps running
                log.exception("upload job %s failed", job_id)
                self._say(job_id, f"فشل: {type(e).__name__}: {e}")
                self._update(job_id, state="error", stage="error", finished=time.time())
            finally:
                if self.on_change:
                    self.on_change()

    def _work(self, job_id: str, files: list[tuple[str, bytes]], source: str | None = None) -> None:
        self._update(job_id, state="running", stage="reading")
        new_docs = []
        with Store(self.db_path) as store:
            for i, (name, data) in enumerate(files):
                for item in read_bytes(data, name):
                    if isinstance(item, IngestError):
                        self._say(job_id, f"{item.kind}: {item}")
                        continue
                    assert isinstance(item, RawArticle)
                    if source and not item.source_name:  # as `marsad ingest --source` names a file's outlet
                        item.source_name = source
                    try:
                        doc = clean(item)
                    except Exception as e:
                        self._say(job_id, f"error: {item.source_path}: cleaning failed: {type(e).__name__}")
                        continue
                    if not doc.text.strip():
                        self._say(job_id, f"empty: {item.source_path}: no text left after cleaning")
                        continue
                    if any(r.rule == "max_doc_chars" for r in doc.removed):
                        self._say(job_id, f"truncated: {item.source_path}: cut to {len(doc.text):,} characters")
                    with self._lock:
                        self._jobs[job_id]["documents"].append(doc.id)
                        self._jobs[job_id]["titles"][doc.id] = (doc.title or " ".join(doc.text.split()[:10]))[:120]
                    try:
                        added = store.add_document(doc)
                    except Exception as e:  # one record the store refuses must not fail the upload
                        self._say(job_id, f"error: {item.source_path}: not stored: {type(e).__name__}")
                        continue
                    if added:
                        new_docs.append(doc)
                        with self._lock:
                            self._jobs[job_id]["new"] += 1
                    else:
                        with self._lock:
                            self._jobs[job_id]["duplicates"] += 1
                self._update(job_id, done=i + 1)
            pending = store.pending_analysis()
            self._update(job_id, stage="analysing", done=0, total=len(pending))
            for i, doc in enumerate(store.documents(pending)):
                try:
                    store.save_analysis(analyse(doc))
                except Exception as e:  # the others are still analysed; this one stays pending
                    log.exception("analysis of %s failed", doc.id)
                    self._say(job_id, f"error: {doc.source_path}: analysis failed: {type(e).__name__}")
                self._update(job_id, done=i + 1)
            if pending or new_docs:
                self._update(job_id, stage="corpus")
                ads = list(store.analyses())
                if ads:
                    store.save_corpus(build_corpus(ads), ads)
