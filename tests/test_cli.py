"""The command line end to end on the bundled sample and on broken input."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from marsad.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_ingest_is_idempotent_and_counts(sample_dir, db_path):
    r = run("ingest", sample_dir, "--db", db_path)
    assert r.exit_code == 0, r.output
    assert "ingested 11," in r.output and "errors 0" in r.output
    r = run("ingest", sample_dir, "--db", db_path)
    assert r.exit_code == 0 and "ingested 0, duplicates 11" in r.output


def test_bad_files_get_one_line_each_and_do_not_stop_the_batch(tmp_path):
    db_path = tmp_path / "db" / "m.sqlite"
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "good.txt").write_text("عنوان قصير\n\nنص المقال الأول هنا وهو طويل بما يكفي ليكون جسماً للمقال.",
                                       encoding="utf-8")
    (tmp_path / "bad.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04broken")
    r = run("ingest", tmp_path, "--db", db_path)
    assert r.exit_code == 0
    assert "bad.json: invalid JSON" in r.output and "bad.zip: not a valid zip archive" in r.output
    assert "ingested 1," in r.output and "errors 2" in r.output


def test_nothing_processed_exits_non_zero(tmp_path, db_path):
    (tmp_path / "bad.json").write_text("{oops", encoding="utf-8")
    assert run("ingest", tmp_path, "--db", db_path).exit_code == 1
    assert run("ingest", tmp_path / "missing", "--db", db_path).exit_code == 1
    assert run("analyze", tmp_path, "--json", tmp_path / "o.json").exit_code == 1


def test_analyze_one_shot_writes_the_contract(sample_dir, tmp_path):
    out = tmp_path / "a.json"
    r = run("analyze", sample_dir, "--json", out, "--report", tmp_path / "rep")
    assert r.exit_code == 0, r.output
    a = json.loads(out.read_text(encoding="utf-8"))
    assert a["schema_version"] == 1
    for key in ("documents", "entities", "dates", "claims", "claim_groups", "quotes", "events", "stories"):
        assert isinstance(a[key], list)
    assert len(a["documents"]) == 11
    for d in a["documents"]:
        assert {"id", "source_path", "source_name", "url", "title", "published", "published_from", "text",
                "removed"} <= set(d)
    for f in ("report.md", "report.html", "analysis.json", "ledger.csv"):
        assert (tmp_path / "rep" / f).is_file()
    html = (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in html


def test_stored_corpus_analyze_report_and_search(sample_dir, db_path, tmp_path):
    assert run("ingest", sample_dir, "--db", db_path).exit_code == 0
    r = run("analyze", "--db", db_path, "--json", tmp_path / "s.json")
    assert r.exit_code == 0, r.output
    stored = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert len(stored["documents"]) == 11
    for fmt, name in (("md", "report.md"), ("html", "report.html"), ("json", "analysis.json"), ("csv", "ledger.csv")):
        r = run("report", "--format", fmt, "--out", tmp_path / fmt, "--db", db_path)
        assert r.exit_code == 0, r.output
        assert (tmp_path / fmt / name).is_file()
    assert run("report", "--format", "pdf", "--db", db_path).exit_code == 2
    # one summary line, not a line per story page; -v lists every file
    r = run("report", "--format", "all", "--out", tmp_path / "all", "--db", db_path)
    n = len(list((tmp_path / "all").iterdir()))
    pages = len(list((tmp_path / "all").glob("story-*.html")))
    assert r.exit_code == 0 and pages >= 2
    assert r.output.count("report →") == 1
    assert f"{n} files (analysis.json, report.md, report.html, {pages} story pages (story-*.html), ledger.csv)" \
        in r.output.replace("\n", "")
    r = run("report", "--format", "md", "--out", tmp_path / "md", "--db", db_path)
    assert "1 file (report.md)" in r.output
    r = run("report", "--format", "all", "--out", tmp_path / "all", "--db", db_path, "-v")
    assert r.output.count("report →") == n + 1
    r = run("search", "سد", "--json", "--db", db_path)
    assert r.exit_code == 0
    hits = json.loads(r.stdout)
    assert hits and {"id", "title", "snippet"} <= set(hits[0])


def test_report_on_empty_store_says_what_to_do(db_path, tmp_path):
    r = run("report", "--db", db_path, "--out", tmp_path)
    assert r.exit_code == 1 and "marsad analyze" in r.output
