"""Every input format and encoding, on fixtures written for these tests."""
from __future__ import annotations

import json
import zipfile

import pytest

from marsad.ingest import IngestError, read_path
from marsad.ingest.clean import clean
from marsad.model import RawArticle

BODY = ("أعلنت وزارة الزراعة في جمهورية الساحل، الأحد، أن موسم الحصاد بدأ مبكراً هذا العام بسبب الأمطار الغزيرة.\n\n"
        "وقال الوزير سالم الدوري للصحفيين إن الإنتاج قد يتجاوز مليوني طن للمرة الأولى منذ عقد.")
TITLE = "بدء موسم الحصاد مبكراً في الساحل"


def articles(path, **kw):
    return [x for x in read_path(path, **kw) if isinstance(x, RawArticle)]


def errors(path, **kw):
    return [x for x in read_path(path, **kw) if isinstance(x, IngestError)]


def test_txt_date_marker_is_metadata_and_first_line_is_body(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(" date 2026-03-01 " + BODY, encoding="utf-8")
    [a] = articles(f)
    assert a.published == "2026-03-01" and a.published_from == "metadata"
    assert a.title is None
    assert a.body.startswith("أعلنت وزارة الزراعة")
    doc = clean(a)
    assert doc.text.startswith("أعلنت") and "date" not in doc.text
    assert any(r.kind == "metadata" and "2026-03-01" in r.text for r in doc.removed)


def test_txt_short_first_line_is_title(tmp_path):
    f = tmp_path / "b.txt"
    f.write_text(TITLE + "\n\n" + BODY, encoding="utf-8")
    [a] = articles(f)
    assert a.title == TITLE
    doc = clean(a)
    assert TITLE not in doc.text and doc.title == TITLE


def test_txt_first_sentence_with_final_stop_is_not_a_title(tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("هذه جملة أولى كاملة تنتهي بنقطة.\n" + BODY, encoding="utf-8")
    [a] = articles(f)
    assert a.title is None and a.body.startswith("هذه جملة")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256", "iso8859_6"])
def test_encodings(tmp_path, encoding):
    title, body = TITLE, BODY
    if encoding == "iso8859_6":  # test only what that code page can hold
        title, body = title.replace("ً", ""), body.replace("ً", "")
    f = tmp_path / f"{encoding}.txt"
    f.write_bytes((title + "\n\n" + body).encode(encoding))
    [a] = articles(f)
    assert a.title == title
    assert "سالم الدوري" in a.body


def test_html_body_title_and_metadata_date_not_footer(tmp_path):
    html = f"""<!doctype html><html lang="ar" dir="rtl"><head><title>{TITLE} | صحيفة الواحة</title>
    <meta property="og:title" content="{TITLE}"><meta property="og:site_name" content="صحيفة الواحة">
    <meta property="article:published_time" content="2026-03-02T09:00:00+03:00"></head><body>
    <nav><a href="/">الرئيسية</a> <a href="/sport">رياضة</a> <a href="/eco">اقتصاد</a></nav>
    <article><h1>{TITLE}</h1>{''.join(f'<p>{p}</p>' for p in BODY.split(chr(10)*2))}
    <p>وأضاف أن الحكومة ستعلن خطة التخزين خلال أيام، مؤكداً أن الأسعار ستبقى مستقرة في الأسواق المحلية طوال الموسم.</p>
    </article><aside><h3>اقرأ أيضاً</h3><a href="/x">مباراة القمة تنتهي بالتعادل</a></aside>
    <footer>© 2019 صحيفة الواحة. جميع الحقوق محفوظة</footer></body></html>"""
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    [a] = articles(f)
    assert "سالم الدوري" in a.body
    assert a.published == "2026-03-02"
    assert "2019" not in (a.published or "")
    assert a.source_name == "صحيفة الواحة"


def test_html_without_metadata_date_has_no_date(tmp_path):
    f = tmp_path / "nodate.html"
    f.write_text(f"<html><body><article><p>{BODY}</p><p>{BODY}</p></article>"
                 f"<footer>© 2019 كل الحقوق محفوظة</footer></body></html>", encoding="utf-8")
    [a] = articles(f)
    assert a.published is None


def test_json_array_and_jsonl_records(tmp_path):
    recs = [{"title": TITLE, "content": BODY, "date_extracted": "2026-03-03 10:00:00", "source": "alwaha",
             "url": "https://alwaha.example/1", "author": "ليلى"},
            {"title": "خبر فارغ", "content": "", "source": "alwaha", "url": "https://alwaha.example/2"}]
    j = tmp_path / "a.json"
    j.write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    items = list(read_path(j))
    arts = [x for x in items if isinstance(x, RawArticle)]
    assert len(arts) == 1 and arts[0].published == "2026-03-03" and arts[0].source_name == "alwaha"
    assert arts[0].source_path.endswith("a.json#0")
    assert [x.kind for x in items if isinstance(x, IngestError)] == ["empty"]
    jl = tmp_path / "b.jsonl"
    jl.write_text("\n".join(json.dumps({"headline": TITLE, "text": BODY, "published": "2026-03-04"},
                                       ensure_ascii=False) for _ in range(2)) + "\n{broken\n", encoding="utf-8")
    items = list(read_path(jl))
    assert len([x for x in items if isinstance(x, RawArticle)]) == 2
    bad = [x for x in items if isinstance(x, IngestError)]
    assert len(bad) == 1 and bad[0].kind == "error" and "b.jsonl#2" in bad[0].source_path


def test_json_that_is_not_articles_is_skipped_with_a_warning(tmp_path):
    f = tmp_path / "config.json"
    f.write_text(json.dumps({"name": "x", "version": 3, "items": [1, 2, 3]}), encoding="utf-8")
    items = list(read_path(f))
    assert len(items) == 1 and isinstance(items[0], IngestError) and items[0].kind == "skipped"


def test_rss_and_atom(tmp_path):
    rss = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>وكالة النخيل</title>
    <item><title>{TITLE}</title><link>https://nakheel.example/a</link><pubDate>Wed, 04 Mar 2026 08:00:00 +0000</pubDate>
    <description><![CDATA[<p>{BODY.split(chr(10))[0]}</p><p>{BODY.split(chr(10))[-1]}</p>]]></description></item>
    </channel></rss>"""
    f = tmp_path / "feed.xml"
    f.write_text(rss, encoding="utf-8")
    [a] = articles(f)
    assert a.title == TITLE and a.published == "2026-03-04" and a.source_name == "وكالة النخيل"
    assert "سالم الدوري" in a.body and "<p>" not in a.body
    atom = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>مرآة</title>
    <entry><title>{TITLE}</title><link href="https://mirror.example/b"/><updated>2026-03-05T10:00:00Z</updated>
    <content type="html">&lt;p&gt;{BODY.split(chr(10))[0]}&lt;/p&gt;</content></entry></feed>"""
    g = tmp_path / "feed.atom"
    g.write_text(atom, encoding="utf-8")
    [b] = articles(g)
    assert b.published == "2026-03-05" and "وزارة الزراعة" in b.body


def test_zip_of_mixed_formats_and_a_broken_member(tmp_path):
    z = tmp_path / "bundle.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("one.txt", (TITLE + "\n\n" + BODY).encode("cp1256"))
        zf.writestr("recs.jsonl", json.dumps({"title": "ثان", "content": BODY + " ثانية."}, ensure_ascii=False))
        zf.writestr("bad.json", b"{not json")
        zf.writestr("__MACOSX/._one.txt", b"junk")
    items = list(read_path(z))
    arts = [x for x in items if isinstance(x, RawArticle)]
    assert sorted(a.source_path.split("#", 1)[1] for a in arts) == ["one.txt", "recs.jsonl#0"]
    errs = [x for x in items if isinstance(x, IngestError)]
    assert len(errs) == 1 and "bad.json" in errs[0].source_path and "invalid JSON" in errs[0].reason


def test_one_bad_file_does_not_stop_a_folder(tmp_path):
    (tmp_path / "good.txt").write_text(TITLE + "\n\n" + BODY, encoding="utf-8")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "image.png").write_bytes(b"\x89PNG....")
    (tmp_path / "empty.txt").write_bytes(b"")
    items = list(read_path(tmp_path))
    assert len([x for x in items if isinstance(x, RawArticle)]) == 1
    kinds = sorted(x.kind for x in items if isinstance(x, IngestError))
    assert kinds == ["empty", "error", "skipped"]


def test_sources_csv_and_source_option(tmp_path):
    (tmp_path / "a.txt").write_text(TITLE + "\n\n" + BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(" date 2026-03-01 " + BODY + " ب.", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,outlet,url,date\na.txt,صحيفة الواحة,https://w.example/a,2026-03-07\n",
                                          encoding="utf-8")
    arts = {a.source_path.rsplit("/", 1)[1]: a for a in articles(tmp_path, source="مصدر افتراضي")}
    assert arts["a.txt"].source_name == "صحيفة الواحة" and arts["a.txt"].published == "2026-03-07"
    assert arts["a.txt"].url == "https://w.example/a"
    assert arts["b.txt"].source_name == "مصدر افتراضي" and arts["b.txt"].published == "2026-03-01"


def test_same_article_as_html_and_jsonl_has_one_id(tmp_path):
    (tmp_path / "x.jsonl").write_text(json.dumps({"title": TITLE, "content": BODY}, ensure_ascii=False),
                                      encoding="utf-8")
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    (tmp_path / "x.html").write_text(f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
                                     f"{paras}</article></body></html>", encoding="utf-8")
    ids = {clean(a).id for a in articles(tmp_path)}
    assert len(ids) == 1


def test_html_reads_the_same_every_time_in_one_process(tmp_path):
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    f = tmp_path / "same.html"
    f.write_text(f"<html><head><title>{TITLE}</title></head><body><article>{paras}</article></body></html>",
                 encoding="utf-8")
    ids = [clean(a).id for _ in range(3) for a in articles(f)]
    assert len(ids) == 3 and len(set(ids)) == 1
