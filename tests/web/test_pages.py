"""The HTML pages: RTL, every dossier section, article highlighting, search, upload; and the sample corpus end to end."""
from __future__ import annotations

import re

import pytest

from marsad.web.render import (annotate, date_pos, figures_svg, figures_worth_a_chart, mark, safe_url,
                               timeline_svg)


def html_of(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    assert '<html dir="rtl" lang="ar">' in r.text
    return r.text


def test_stories_page_lists_stories_with_counts(client):
    page = html_of(client, "/")
    assert "نشر الجنود على الحدود الشمالية" in page
    assert 'href="/stories/s1"' in page
    assert "3 مارس 2025 — 5 مارس 2025" in page   # dates as readers write them
    assert "مقالان" in page and "مصدران" in page  # the dual, not «2 مقالات»
    assert "وزارة الدفاع" in page  # top entities
    assert "تضارب واحد" in page  # the conflict count on the card
    assert "في القاعدة 4 مقالات (المحلَّل منها: 3)" in page


def test_stories_filters(client):
    assert "نشر الجنود" in html_of(client, "/?outlet=وكالة السنابل")
    assert "نشر الجنود" not in html_of(client, "/?outlet=غير موجود")
    assert "نشر الجنود" in html_of(client, "/?entity=e-per")
    assert "نشر الجنود" not in html_of(client, "/?from=2025-04-01")
    assert "نشر الجنود" in html_of(client, "/?q=الجنود")
    html_of(client, "/?from=bad-date", status=422)


def test_dossier_sections(client):
    page = html_of(client, "/stories/s1")
    # summary sentence cites its source sentence in the article view (and the other source)
    assert 'href="/documents/doc1?hl=0-' in page and "#s-0" in page
    assert 'href="/documents/doc2?hl=0-' in page
    # timeline chart (server-side SVG) + rows
    assert '<svg class="chart timeline-chart"' in page
    timeline = page[page.index('<section id="timeline">'):page.index('<section id="ledger">')]
    rows = re.findall(r"<tr><td class=\"date\">([^<]+)</td>", timeline)
    assert rows == ["2 مارس 2025", "4 مارس 2025", "سبتمبر (السنة غير معروفة)"]   # dates for readers, not EDTF
    # claim ledger: one table per measure with every column, conflict highlighted, chart, CSV link
    assert page.count('<table class="ledger">') == 1
    for col in ("الرقم", "الصيغة", "الموقف", "القائل", "التاريخ", "المصدر", "الجملة"):
        assert f"<th>{col}</th>" in page
    assert "أرقام متضاربة" in page and "has-conflict" in page
    assert "نحو 3,000 جندي" in page and "أكثر من 5,000 جندي" in page
    assert "منظمة الرصد المستقلة" in page
    assert "figures-chart" not in page  # two figures: the chart would say nothing the table does not
    assert 'href="/stories/s1/ledger.csv"' in page
    # entities with aliases and counts, quotes with speakers, the articles
    assert "الساعدي" in page and "<td>2</td>" in page
    assert "الجنود سيبقون حتى عودة الهدوء" in page and "<b>كريم الساعدي</b>" in page
    assert 'href="/documents/doc1"' in page and 'href="https://example.org/a"' in page


def test_dossier_unknown_is_404_page(client):
    page = html_of(client, "/stories/nope", status=404)
    assert "خطأ 404" in page


def test_unassigned_dossier(client):
    from marsad.model import AnalysedDocument
    from marsad.store import Store

    with Store(client.app.state.data.db_path) as st:
        st.save_analysis(AnalysedDocument(document=st.document("doc4")))
    assert "مقالات أخرى" in html_of(client, "/")
    page = html_of(client, "/stories/unassigned")
    assert "خبر لم يحلل" in page and "ledger.csv" not in page


def test_ledger_csv(client):
    r = client.get("/stories/s1/ledger.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    lines = r.text.lstrip("\ufeff").strip().splitlines()
    assert lines[0].startswith("group,measure") and len(lines) == 3
    assert "منظمة الرصد المستقلة" in r.text


def test_article_view_highlights_every_layer(client):
    page = html_of(client, "/documents/doc1?hl=0-10")
    assert 'class="legend"' in page
    for cls in ("l-ent-ORG", "l-ent-LOC", "l-ent-PER", "l-date", "l-num", "l-claim", "l-quote", "l-cited"):
        assert cls in page, cls
    assert 'id="s-0"' in page  # sentence anchors for citations
    assert re.search(r'title="[^"]*شخص: كريم الساعدي', page)
    assert "ما أزاله التنظيف" in page and "<details" in page and "اقرأ أيضاً" in page
    assert 'href="https://example.org/a"' in page
    assert "نحو 3,000 جندي" in page  # claims table


def test_article_view_unanalysed_and_bad_params(client):
    page = html_of(client, "/documents/doc4")
    assert "لم يُحلَّل" in page and "بلا رابط" in page
    html_of(client, "/documents/doc1?hl=abc", status=422)
    html_of(client, "/documents/doc1?hl=5-99999")  # out of range: ignored
    html_of(client, "/documents/missing", status=404)


def test_search_page(client):
    page = html_of(client, "/search?q=والجنود")
    assert re.search(r"<mark>[^<]*جنود[^<]*</mark>", page)
    assert "3 نتائج" in page  # 3: the plural (not «3 نتيجة»)
    page = html_of(client, "/search?q=الجنود&outlet=وكالة السنابل")
    assert 'href="/documents/doc2?q=' in page and 'href="/documents/doc1?q=' not in page
    html_of(client, "/search?q=x&page=0", status=422)
    assert "0 نتائج" in html_of(client, "/search?q=كلمةغيرموجودة")
    assert "<mark>" not in html_of(client, "/search")


def test_article_view_highlights_search_words(client):
    page = html_of(client, "/documents/doc2?q=والجنود")
    body = page.split('class="doc-text"', 1)[1]
    hits = re.findall(r'<span class="[^"]*l-hit[^"]*">([^<]+)</span>', body)
    assert hits and all("جنود" in h for h in hits)
    assert "كلمات البحث" in page


def test_search_pagination_links(client):
    from marsad.model import Document
    from marsad.store import Store

    with Store(client.app.state.data.db_path) as st:
        for i in range(23):
            st.add_document(Document(id=f"p{i:02d}", source_path=f"p{i}.txt", text=f"خبر رقم {i} عن القمة الاقتصادية."))
    page = html_of(client, "/search?q=القمة")
    assert "23 نتيجةً" in page and "الصفحة 1 من 3" in page and "page=2" in page
    page3 = html_of(client, "/search?q=القمة&page=3")
    assert page3.count('class="hit"') == 3 and "page=2" in page3


def test_upload_page(client):
    page = html_of(client, "/upload")
    assert 'enctype="multipart/form-data"' in page and '<script src="/static/upload.js">' in page
    assert client.get("/static/upload.js").status_code == 200
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "Noto Naskh Arabic" in css.text


def test_upload_form_without_js_redirects_to_job_page(client):
    r = client.post("/upload", files=[("files", ("n.txt", "خبر عن افتتاح مكتبة في البلدة.".encode(), "text/plain"))],
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    page = html_of(client, r.headers["location"])
    assert "التقدم" in page


def test_no_remote_resources(client):
    for url in ("/", "/stories/s1", "/documents/doc1", "/search?q=الجنود", "/upload"):
        page = html_of(client, url)
        for m in re.finditer(r'(?:src|href)="([^"]+)"', page):
            u = m.group(1)
            assert u.startswith(("/", "#")) or u.startswith(("https://example.org", "http://example.org")), (url, u)


# ---------------------------------------------------------------- render helpers
def test_annotate_escapes_and_nests():
    text = "a<b>&c"
    out = str(annotate(text, [(0, 3, "ent-PER", 'x"y'), (1, 6, "claim", None)], anchors=[0]))
    assert "<b" not in out and "&lt;b</span>" in out and "&gt;&amp;c" in out
    assert 'title="x&#34;y"' in out
    assert 'class="l-claim l-ent-PER"' in out and 'id="s-0"' in out
    # bogus spans and class names are dropped
    out = str(annotate(text, [(5, 2, "num", None), (0, 99, "num", None), (0, 2, 'x" onclick="y', None)]))
    assert "onclick" not in out and "<span" not in out


def test_mark_and_safe_url():
    assert str(mark("<i>جنود</i>", [(3, 7)])) == "&lt;i&gt;<mark>جنود</mark>&lt;/i&gt;"
    assert safe_url("https://a.org/x?y=1") == "https://a.org/x?y=1"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "data:text/html,x", "//evil.org",
                "http://a.org/\"onmouseover=x", "vbscript:x", None, ""):
        assert safe_url(bad) is None, bad


def test_charts():
    assert date_pos("2025-03-01") < date_pos("2025-03-02") < date_pos("2025-04")
    assert date_pos("XXXX-09") is None and date_pos("2024-23") is not None and date_pos("2024-10-01/2024-10-31")
    assert date_pos("198X") == 1985 and date_pos("19XX") == 1950   # a decade, a century: placed at their middle
    svg = str(timeline_svg([{"date": "2025-03-02", "text": "<b>x</b>"}, {"date": "2025-03-04", "text": "y"}]))
    assert svg.count("<circle") == 2 and "&lt;b&gt;" in svg
    assert str(timeline_svg([{"date": "XXXX-09", "text": "x"}])) == ""
    svg = str(figures_svg([{"date": "2025-03-02", "value": 10, "label": "a"},
                           {"date": None, "low": 5, "high": 20, "label": "<x>"}], conflict=True))
    assert svg.count("<circle") == 2 and "range" in svg and "&lt;x&gt;" in svg


# ---------------------------------------------------------------- the bundled sample, end to end
@pytest.fixture
def sample_client(sample_dir, tmp_path):
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app
    from tests.web.conftest import fill_from_sample

    db = tmp_path / "sample.sqlite"
    n = fill_from_sample(sample_dir, db)
    assert n >= 10  # data/sample holds 11 articles
    with TestClient(create_app(db)) as c:
        c.n_docs = n
        yield c


def test_sample_corpus_pages(sample_client):
    stories = sample_client.get("/api/stories", params={"limit": 200}).json()
    assert stories["total"] >= 1
    page = html_of(sample_client, "/")
    for s in stories["items"]:
        html_of(sample_client, f"/stories/{s['id']}")
    docs = sample_client.get("/api/documents", params={"limit": 200}).json()
    assert docs["total"] == sample_client.n_docs
    for d in docs["items"]:
        html_of(sample_client, f"/documents/{d['id']}")
    assert "سد" in page
    res = sample_client.get("/api/search", params={"q": "والسد"}).json()
    assert res["total"] >= 5


def test_timeline_is_a_true_time_axis():
    svg = str(timeline_svg([{"date": "2015-01-01", "text": "a"}, {"date": "2015-01-02", "text": "b"},
                            {"date": "2025-01-01", "text": "c"}]))
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    # the two days of 2015 sit together at the right, ten years before the last point at the left
    assert abs(xs[0] - xs[1]) < 2 and xs[0] - xs[2] > 700
    assert ">2020<" in svg  # year ticks mark the gap


def test_a_ledger_chart_only_where_it_says_more_than_the_table():
    two = [{"date": "2025-03-02", "value": 10}, {"date": "2025-03-04", "value": 12}]
    three = two + [{"date": "2025-03-06", "value": 15}]
    assert not figures_worth_a_chart(two, set())
    assert figures_worth_a_chart(three, set())
    assert not figures_worth_a_chart([dict(r, date="2025-03-02") for r in three], set())  # one date only
    assert not figures_worth_a_chart(three, {"USD", "AED"})  # one unit per chart


def test_a_timeline_crowded_by_background_dates_gets_a_close_view_of_the_story():
    from marsad.web.pages import main_period

    story = [{"date": d, "text": d} for d in ("2024-10-31", "2024-11-01", "2024-11-05", "2025-01-10", "2025-02-02")]
    background = [{"date": "1949", "text": "a"}, {"date": "2019-06", "text": "b"}]
    close = main_period(background + story)
    assert [e["date"] for e in close] == [e["date"] for e in story]   # the story's own months, in time order
    assert main_period(story) is None             # already reads well: no second chart
    old = [{"date": d, "text": d} for d in ("1949", "1950", "1951")]
    assert main_period(old + story[:2]) is None   # most entries are not after the gap: nothing left out
    assert main_period([{"date": "XXXX-09", "text": "x"}]) is None
