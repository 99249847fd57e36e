"""The SQLite store: idempotent ingest, one transaction per document, analyses and corpus round-trip, search."""
from __future__ import annotations

import sqlite3

from marsad.ingest.clean import clean
from marsad.model import AnalysedDocument, Analysis, Claim, DateMention, Mention, RawArticle, Story
from marsad.store import Store
from marsad.store.search import search

TEXTS = {
    "a": "أعلنت وزارة الصحة أن الجنود المصابين نقلوا إلى المستشفى العسكري في العاصمة.",
    "b": "وصل وفد المفاوضين إلى الدوحة مساء الأحد لبحث وقف إطلاق النار.",
    "c": "قالت مصادر محلية إن مستشفى المدينة استقبل عشرات الجرحى من القرى المجاورة.",
}


def docs():
    return [clean(RawArticle(source_path=f"{k}.txt", title=f"عنوان {k}", body=v, source_name="الواحة",
                             published="2026-03-0" + str(i + 1)))
            for i, (k, v) in enumerate(TEXTS.items())]


def test_reingest_is_idempotent(db_path):
    with Store(db_path) as s:
        assert [s.add_document(d) for d in docs()] == [True, True, True]
    with Store(db_path) as s:
        assert [s.add_document(d) for d in docs()] == [False, False, False]
        assert s.count() == 3
        assert s.conn.execute("SELECT count(*) FROM docs_fts").fetchone()[0] == 3
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_failed_write_leaves_no_half_document(db_path, monkeypatch):
    d = docs()[0]
    with Store(db_path) as s:
        def boom(doc):
            raise sqlite3.OperationalError("disk full")
        monkeypatch.setattr(s, "_index", boom)
        try:
            s.add_document(d)
        except sqlite3.OperationalError:
            pass
        assert s.count() == 0  # the document row rolled back with the failed index row
        monkeypatch.undo()
        assert s.add_document(d) is True and s.count() == 1


def test_analysis_and_corpus_round_trip(db_path):
    d = docs()[0]
    ad = AnalysedDocument(document=d, mentions=[Mention(doc=d.id, start=0, end=5, text=d.text[0:5], label="ORG")],
                          dates=[DateMention(doc=d.id, start=0, end=5, text=d.text[0:5], value="2026-03",
                                             grain="month", resolved_from="publication")],
                          claims=[Claim(id=f"{d.id}:1", doc=d.id, start=0, end=10, evidence=d.text[:4], value=3,
                                        measure="wounded")])
    with Store(db_path) as s:
        s.add_document(d)
        assert s.pending_analysis() == [d.id]
        s.save_analysis(ad)
        s.save_analysis(ad)  # replacing is idempotent
        assert s.pending_analysis() == []
        assert s.count("mentions") == 1 and s.count("claims") == 1
        back = list(s.analyses())[0]
        assert back.document.id == d.id and back.claims[0].value == 3
        s.save_corpus(Analysis(documents=[d], stories=[Story(id="s1", title="قصة", documents=[d.id])]))
        out = s.load_analysis()
        assert out.stories[0].id == "s1" and out.claims[0].measure == "wounded"


def test_search_is_normalisation_insensitive(db_path):
    with Store(db_path) as s:
        for d in docs():
            s.add_document(d)
        for q in ("مستشفى", "مستشفي", "المستشفى", "وزارة", "وزاره"):
            res = search(s.conn, q)
            assert res["total"] >= 1, q
        hit = search(s.conn, "الدوحة")["hits"][0]
        assert hit["title"] == "عنوان b"
        a, b = hit["highlights"][0]
        assert hit["snippet"][a:b] == "الدوحة"
        assert search(s.conn, "")["total"] == 0
