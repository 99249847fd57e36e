"""Interruption and concurrent use: kill -9 during ingest or analysis, then re-running, leaves the store exactly as an
uninterrupted run does; the web server answers every request while ingest and analysis write the same store."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

MARSAD = [sys.executable, "-m", "marsad.cli"]
TOWNS = ["الواحة", "السنابل", "الكرمة", "المرفأ", "النخيل", "الصفصاف"]
THINGS = [("جسراً", "جديداً"), ("مستشفى", "جديداً"), ("مدرسة", "جديدة"), ("حديقة", "عامة"), ("مكتبة", "عامة")]


def _corpus(folder: Path, n: int) -> Path:
    """n short original articles, one file each, in a JSON Lines file and plain-text files."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        town, (thing, adj) = TOWNS[i % len(TOWNS)], THINGS[(i // len(TOWNS)) % len(THINGS)]
        day = 1 + i % 27
        (folder / f"a{i:03d}.txt").write_text(
            f"date 2031-03-{day:02d}\nافتتحت بلدية {town} {thing} {adj} يوم الأحد بكلفة {1000 + 37 * i} دينار.\n"
            f"وقال رئيس البلدية إن المشروع يخدم نحو {200 + i} أسرة في المدينة.\n", encoding="utf-8")
    return folder


def _run(args, **kw):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.run(MARSAD + [str(a) for a in args], capture_output=True, text=True, env=env, timeout=300, **kw)


def _state(db: Path) -> dict:
    """What the store holds, without the ingest timestamps."""
    conn = sqlite3.connect(db)
    try:
        return {
            "documents": conn.execute("SELECT id, source_path, title, published, text, removed FROM documents "
                                      "ORDER BY id").fetchall(),
            "analyses": conn.execute("SELECT doc_id, data FROM analyses ORDER BY doc_id").fetchall(),
            "claims": conn.execute("SELECT id, doc_id, data FROM claims ORDER BY id").fetchall(),
            "corpus": conn.execute("SELECT kind, id, data FROM corpus ORDER BY kind, id").fetchall(),
            "fts": conn.execute("SELECT count(*) FROM docs_fts").fetchone(),
            "integrity": conn.execute("PRAGMA integrity_check").fetchone(),
        }
    finally:
        conn.close()


def _count(db: Path, table: str) -> int:
    try:
        conn = sqlite3.connect(db, timeout=1)
        try:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _kill_when(args, db: Path, table: str, at_least: int, deadline: float = 120) -> bool:
    """Start marsad, kill -9 it once `table` holds `at_least` rows; True when it was killed mid-run."""
    proc = subprocess.Popen(MARSAD + [str(a) for a in args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.time()
    try:
        while proc.poll() is None and time.time() - t0 < deadline:
            if _count(db, table) >= at_least:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.01)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """An uninterrupted ingest + analyse of the corpus."""
    base = tmp_path_factory.mktemp("ref")
    src = _corpus(base / "in", 40)
    db = base / "ref.sqlite"
    assert _run(["ingest", src, "--db", db]).returncode == 0
    assert _run(["analyze", "--db", db]).returncode == 0
    return src, _state(db)


def test_kill_9_during_ingest_then_rerun_equals_uninterrupted(reference, tmp_path):
    src, ref = reference
    db = tmp_path / "k.sqlite"
    random.seed(17)
    _kill_when(["ingest", src, "--db", db], db, "documents", random.randint(1, 30))
    assert _run(["ingest", src, "--db", db]).returncode == 0
    assert _run(["analyze", "--db", db]).returncode == 0
    assert _state(db) == ref


def test_kill_9_during_analysis_then_rerun_equals_uninterrupted(reference, tmp_path):
    src, ref = reference
    db = tmp_path / "k.sqlite"
    assert _run(["ingest", src, "--db", db]).returncode == 0
    random.seed(18)
    killed = _kill_when(["analyze", "--db", db], db, "analyses", random.randint(1, 30))
    assert killed, "analysis finished before it could be interrupted"
    assert _count(db, "analyses") < 40
    assert _run(["analyze", "--db", db]).returncode == 0
    assert _state(db) == ref


def test_serve_while_ingest_and_analyse_write_the_same_store(tmp_path):
    from tests.web.conftest import LiveServer

    src = _corpus(tmp_path / "in", 30)
    db = tmp_path / "live.sqlite"
    first = _corpus(tmp_path / "first", 4)
    assert _run(["ingest", first, "--db", db]).returncode == 0
    assert _run(["analyze", "--db", db]).returncode == 0
    failures, done = [], threading.Event()
    counts = {"requests": 0}
    urls = ["/", "/api/stories", "/api/documents?limit=5", "/search?q=%D8%A8%D9%84%D8%AF%D9%8A%D8%A9",
            "/api/claims", "/api/entities", "/api/timeline", "/api/search?q=%D8%AC%D8%B3%D8%B1"]
    with LiveServer(db) as srv:
        def hammer():
            i = 0
            while not done.is_set():
                url = srv.url + urls[i % len(urls)]
                i += 1
                try:
                    with urllib.request.urlopen(url, timeout=30) as r:
                        r.read()
                        if r.status != 200:
                            failures.append((url, r.status))
                except urllib.error.HTTPError as e:
                    failures.append((url, e.code))
                except Exception as e:  # connection refused/reset, timeout
                    failures.append((url, repr(e)))
                counts["requests"] += 1

        threads = [threading.Thread(target=hammer) for _ in range(2)]
        for t in threads:
            t.start()
        try:
            assert _run(["ingest", src, "--db", db]).returncode == 0
            assert _run(["analyze", "--db", db]).returncode == 0
        finally:
            done.set()
            for t in threads:
                t.join(timeout=60)
    assert counts["requests"] > 20
    assert not failures, failures[:5]
