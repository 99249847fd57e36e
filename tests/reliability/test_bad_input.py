"""Bad input of every kind: the batch keeps its good records, every bad one comes back named with a reason, and the
command exits 0 (per-file problems are reported, not fatal) unless --strict."""
from __future__ import annotations

import io
import json
import os
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.ingest import IngestError, Limits, read_bytes, read_path
from marsad.ingest.clean import clean
from marsad.model import RawArticle

GOOD = "افتتح المجلس البلدي في مدينة الواحة حديقة عامة جديدة يوم الأحد بحضور مئات السكان."
GOOD2 = "أعلنت شركة النقل في البلدة تشغيل خط حافلات جديد يربط السوق بالمستشفى ابتداء من الشهر المقبل."


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for n, b in members.items():
            zf.writestr(n, b)
    return buf.getvalue()


def _corrupt_zip() -> bytes:
    """A zip whose second member's deflate stream is garbage (zlib.error on reading it)."""
    data = bytearray(_zip({"a.txt": GOOD2.encode(), "b.txt": (GOOD * 40).encode()}))
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = zf.getinfo("b.txt")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start:start + 20] = b"\xff" * 20
    return bytes(data)


def _nested(depth: int) -> bytes:
    blob = _zip({"inner.txt": GOOD.encode()})
    for i in range(depth):
        blob = _zip({f"level{i}.zip": blob}, method=zipfile.ZIP_STORED)
    return blob


def _items(path, **kw):
    arts, errs = [], []
    for it in read_path(path, **kw):
        (arts if isinstance(it, RawArticle) else errs).append(it)
    return arts, errs


def _named(errs: list[IngestError], needle: str) -> IngestError:
    hits = [e for e in errs if needle in e.source_path]
    assert hits, f"{needle} not reported: {[str(e) for e in errs]}"
    return hits[0]


@pytest.fixture
def bad_folder(tmp_path) -> Path:
    d = tmp_path / "batch"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "tool.exe").write_bytes(b"MZ\x90\x00" * 10)
    (d / "truncated.zip").write_bytes(_zip({"x.txt": GOOD2.encode()})[:40])
    (d / "corrupt.zip").write_bytes(_corrupt_zip())
    (d / "deep.zip").write_bytes(_nested(500))
    (d / "traversal.zip").write_bytes(_zip({"../../escape.txt": GOOD2.encode(), "ok.txt": GOOD2.encode()}))
    (d / "xxe.xml").write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                               '<rss><channel><item><title>t</title><description>&x;</description></item>'
                               '</channel></rss>', encoding="utf-8")
    laughs = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    (d / "laughs.xml").write_text(f'<?xml version="1.0"?><!DOCTYPE r [{laughs}]><rss><channel><item>'
                                  '<title>t</title><description>&l9;</description></item></channel></rss>',
                                  encoding="utf-8")
    (d / "lines.jsonl").write_text(json.dumps({"title": "خبر", "content": GOOD2}, ensure_ascii=False)
                                   + "\n{broken\n" + json.dumps({"content": 42}) + "\n", encoding="utf-8")
    (d / "records.json").write_text(json.dumps([{"content": GOOD2 + " ثانية"}, {"content": ["list"]}, 7]),
                                    encoding="utf-8")
    (d / "nested.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    os.symlink(d, d / "loop")
    return d


def test_every_bad_file_named_and_the_good_ones_kept(bad_folder):
    arts, errs = _items(bad_folder)
    bodies = " ".join(a.body for a in arts)
    assert GOOD in bodies and GOOD2 in bodies  # good.txt, ok.txt in the traversal zip, the JSONL's good line
    assert "ثانية" in bodies  # the good record of records.json
    assert _named(errs, "empty.txt").kind == "empty"
    _named(errs, "binary.txt")
    assert "unsupported" in _named(errs, "tool.exe").reason
    assert "not a valid zip" in _named(errs, "truncated.zip").reason
    assert "cannot extract" in _named(errs, "corrupt.zip#b.txt").reason
    assert "nested" in _named(errs, "deep.zip").reason
    assert "unsafe member path" in _named(errs, "escape.txt").reason
    assert "invalid JSON" in _named(errs, "lines.jsonl#1").reason
    assert "not text" in _named(errs, "lines.jsonl#2").reason
    assert "not text" in _named(errs, "records.json#1").reason
    assert "not an object" in _named(errs, "records.json#2").reason
    assert "RecursionError" in _named(errs, "nested.json").reason
    assert "loop" in _named(errs, "loop").reason
    assert all("root:" not in a.body for a in arts)  # XXE resolved nothing
    assert all(len(a.body) < 10_000 for a in arts)  # billion laughs did not expand


def test_ingest_exits_0_with_a_summary_by_reason_and_3_when_strict(bad_folder, tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["ingest", str(bad_folder), "--db", str(tmp_path / "m.sqlite")])
    assert r.exit_code == 0, r.output
    assert "corrupt.zip#b.txt: cannot extract" in r.output and "empty.txt: empty file" in r.output
    assert "reported —" in r.output and "unsupported file type '.exe' ×1" in r.output
    r = runner.invoke(app, ["ingest", str(bad_folder), "--db", str(tmp_path / "m.sqlite"), "--strict"])
    assert r.exit_code == 3


def test_sources_csv_in_windows_1256_and_unreadable(tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    (a / "one.txt").write_text(GOOD, encoding="utf-8")
    (a / "sources.csv").write_bytes("file,outlet,url,date\none.txt,صحيفة الواحة,,2024-05-06\n".encode("cp1256"))
    arts, errs = _items(a)
    assert not errs and arts[0].source_name == "صحيفة الواحة" and arts[0].published == "2024-05-06"
    b = tmp_path / "b"
    b.mkdir()
    (b / "one.txt").write_text(GOOD, encoding="utf-8")
    (b / "sources.csv").write_bytes(b"\x00\x01\x02\xff\xfe" * 50)
    arts, errs = _items(b)
    assert len(arts) == 1
    _named(errs, "sources.csv")


def test_sources_csv_in_a_zip_in_windows_1256(tmp_path):
    z = tmp_path / "a.zip"
    z.write_bytes(_zip({"one.txt": GOOD.encode(),
                        "sources.csv": "file,outlet\none.txt,وكالة السنابل\n".encode("cp1256")}))
    arts, errs = _items(z)
    assert not errs and arts[0].source_name == "وكالة السنابل"


@pytest.mark.skipif(sys.platform != "linux", reason="byte file names are a POSIX thing")
def test_file_name_with_non_utf8_bytes_is_stored_escaped(tmp_path):
    from marsad.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9-\xff.txt"), "wb") as fh:
        fh.write(GOOD.encode())
    arts, errs = _items(folder)
    assert not errs and arts[0].source_path.endswith("caf\\xe9-\\xff.txt")
    with Store(tmp_path / "m.sqlite") as st:
        assert st.add_document(clean(arts[0]))
        assert st.document(clean(arts[0]).id).source_path.endswith("\\xff.txt")


READ_AS_NOBODY = """
import json, sys
sys.path.insert(0, sys.argv[2])
from marsad.ingest import IngestError, read_path
items = list(read_path(sys.argv[1]))
print(json.dumps({"arts": [i.source_path for i in items if not isinstance(i, IngestError)],
                  "errs": [[i.source_path, str(i)] for i in items if isinstance(i, IngestError)]}))
"""


def test_unreadable_file_and_folder():
    """A file and a folder the reader may not open are each named, and the good file is kept. Root reads anything,
    so as root (CI) the reading runs in a child process as the user `nobody`."""
    import json
    import shutil
    import subprocess
    import tempfile

    d = Path(tempfile.mkdtemp(prefix="marsad-unreadable-"))  # not under pytest's tmp_path: `nobody` cannot enter that
    try:
        d.chmod(0o755)
        (d / "locked").mkdir()
        (d / "good.txt").write_text(GOOD, encoding="utf-8")
        (d / "secret.txt").write_text(GOOD2, encoding="utf-8")
        (d / "secret.txt").chmod(0)
        (d / "locked").chmod(0)
        if os.geteuid() != 0:
            arts, errs = _items(d)
            arts, errs = [a.source_path for a in arts], [(e.source_path, str(e)) for e in errs]
        else:
            if shutil.which("setpriv") is None:
                pytest.skip("root reads any file, and setpriv (util-linux) is missing to read as nobody")
            repo = str(Path(__file__).resolve().parents[2])
            # setpriv, not subprocess's user=: with user= the venv's python (its interpreter under /root/.pyenv) fails
            # to start here with «Permission denied», while setpriv's exec starts it
            r = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c",
                                READ_AS_NOBODY, str(d), repo], capture_output=True, text=True, timeout=120)
            if r.returncode != 0:
                pytest.skip(f"cannot run the reader as nobody here: {r.stderr.strip()[-200:]}")
            out = json.loads(r.stdout)
            arts, errs = out["arts"], [tuple(e) for e in out["errs"]]
    finally:
        (d / "locked").chmod(0o755)
        shutil.rmtree(d, ignore_errors=True)
    assert [Path(a).name for a in arts] == ["good.txt"]
    said = {Path(p).name: why for p, why in errs}
    assert "Permission denied" in said["secret.txt"] and "Permission denied" in said["locked"], errs


def test_zip_limits_member_size_ratio_expansion(tmp_path):
    limits = Limits(max_file_bytes=200_000, max_total_bytes=300_000, max_ratio=50)
    big = _zip({"big.txt": b"x" * 300_000, "ok.txt": GOOD.encode()}, method=zipfile.ZIP_STORED)
    errs = [e for e in read_bytes(big, "big.zip", limits=limits) if isinstance(e, IngestError)]
    assert "too large" in _named(errs, "big.txt").reason
    bomb = _zip({"bomb.txt": b"\0" * 2_000_000})
    errs = list(read_bytes(bomb, "bomb.zip", limits=Limits(max_ratio=50)))
    assert "ratio" in _named(errs, "bomb.txt").reason
    many = _zip({f"m{i}.txt": (GOOD + " " * 100_000 + str(i)).encode() for i in range(5)}, method=zipfile.ZIP_STORED)
    items = list(read_bytes(many, "many.zip", limits=limits))
    assert sum(isinstance(i, RawArticle) for i in items) == 2  # 2 × 100 kB fit in 300 kB of expansion
    assert "expands beyond" in _named([i for i in items if isinstance(i, IngestError)], "m4.txt").reason


def test_control_characters_and_nul_are_cleaned(tmp_path):
    f = tmp_path / "ctl.txt"
    f.write_bytes(("عنوان\x1a الخبر\n" + GOOD.replace("مدينة", "مدي\x00نة\x1a") + "\x07").encode())
    doc = clean(next(read_path(f)))
    assert not any(ord(c) < 9 or c == "\x1a" for c in doc.text + (doc.title or ""))
    assert "مدينة" in doc.text


@pytest.mark.parametrize("bad", ["2015-02-30", "9999-99-99", "0000-01-01", "2015-13-01"])
def test_invalid_metadata_dates_dropped_with_a_note(tmp_path, bad):
    f = tmp_path / "r.jsonl"
    f.write_text(json.dumps({"content": GOOD, "date": bad}), encoding="utf-8")
    doc = clean(next(read_path(f)))
    assert doc.published != bad
    assert any(r.rule == "invalid_date" and bad in r.text for r in doc.removed)


def test_long_document_is_cut_at_a_paragraph_with_a_note(tmp_path):
    para = GOOD + "\n"
    f = tmp_path / "long.txt"
    f.write_text(para * 5000, encoding="utf-8")  # ~ 420,000 characters
    doc = clean(next(read_path(f)), max_chars=100_000)
    assert len(doc.text) <= 100_000 and doc.text.endswith(GOOD)
    note = [r for r in doc.removed if r.rule == "max_doc_chars"]
    assert note and "truncated" in note[0].text


def test_upload_job_names_bad_files_and_keeps_the_good(tmp_path):
    import time as _time

    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    files = [("files", ("good.txt", GOOD.encode(), "text/plain")),
             ("files", ("corrupt.zip", _corrupt_zip(), "application/zip")),
             ("files", ("deep.zip", _nested(60), "application/zip")),
             ("files", ("tool.exe", b"MZ\x90\x00", "application/octet-stream"))]
    with TestClient(create_app(tmp_path / "up.sqlite")) as c:
        r = c.post("/api/ingest", files=files, headers={"origin": "http://testserver"})
        assert r.status_code == 202, r.text
        for _ in range(600):
            job = c.get(r.json()["status_url"]).json()
            if job["state"] in ("done", "error"):
                break
            _time.sleep(0.1)
    assert job["state"] == "done", job
    said = "\n".join(job["messages"])
    assert "corrupt.zip#b.txt" in said and "deep.zip" in said and "tool.exe" in said
    assert job["new"] == 2  # good.txt and the intact member of corrupt.zip
