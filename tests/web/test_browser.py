"""The workbench in a real browser: headless Debian Chromium driven by Playwright over a live server filled from the
bundled sample corpus. Screenshots (1400 px wide) are written only by `make screenshots` (MARSAD_SCREENSHOTS names
their folder, out/screenshots/); `make test` writes none."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.web.conftest import LiveServer, fill_from_sample, shot  # the `browser` fixture: conftest.py

pytestmark = pytest.mark.browser

QUERY = "والنازحين"  # the sample says «النازحين» / «للنازحين»: a clitic variant of a word it contains
HOSTILE = {"title": 'خبر خبيث <script>window.__pwned=1</script>',
           "content": ('نص عن النازحين <script>window.__pwned=2;alert(1)</script> ثم '
                       '<img src=x onerror="window.__pwned=3;alert(2)"> و<a href="javascript:alert(3)">رابط</a>.'),
           "url": "javascript:alert(4)", "source": "منفذ مجهول", "date": "2026-03-20"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from tests.web.conftest import SAMPLE_DIR

    if not SAMPLE_DIR.is_dir():
        pytest.skip("bundled sample corpus data/sample missing")
    db = tmp_path_factory.mktemp("browser") / "sample.sqlite"
    fill_from_sample(SAMPLE_DIR, db)
    _add_hostile(db)
    with LiveServer(db) as srv:
        yield srv


def _add_hostile(db: Path) -> None:
    from marsad.ingest import read_bytes
    from marsad.ingest.clean import clean
    from marsad.pipeline import analyse
    from marsad.store import Store

    [raw] = list(read_bytes(json.dumps(HOSTILE, ensure_ascii=False).encode(), "hostile.json"))
    doc = clean(raw)
    with Store(db) as st:
        st.add_document(doc)
        st.save_analysis(analyse(doc))
        st.set_meta("browser_test_hostile", doc.id)


def _page(browser, viewport=None):
    ctx = browser.new_context(viewport=viewport or {"width": 1400, "height": 900}, locale="ar")
    page = ctx.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
    return ctx, page, dialogs, errors, external


def _api(server, path):
    import urllib.request

    with urllib.request.urlopen(server.url + path, timeout=10) as r:
        return json.loads(r.read())


def test_workbench_in_chromium(browser, server):
    ctx, page, dialogs, errors, external = _page(browser)

    # ---- stories list
    page.goto(server.url + "/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    cards = page.locator("li.story-card")
    assert cards.count() >= 1
    shot(page, "stories")

    # ---- the biggest story's dossier
    stories = _api(server, "/api/stories?limit=200")["items"]
    assert stories, "the sample produced no story"
    big = max(stories, key=lambda s: len(s["documents"]))
    page.click(f'a[href="/stories/{big["id"]}"]')
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    assert page.locator("h1").inner_text().strip()
    # timeline: strict once the timeline layer produces entries for the sample
    tl_rows = page.locator("table.timeline-table tbody tr")
    if any(s.get("timeline") for s in stories):
        assert big["timeline"], "the biggest story has no timeline although others do"
        assert tl_rows.count() == len(big["timeline"])
        assert page.locator("svg.timeline-chart circle").count() >= 1
    # claim ledger: strict once claim groups exist for the story's documents
    groups = _api(server, "/api/claim_groups?limit=200")["items"]
    claims = {c["id"]: c for c in _api(server, f"/api/claims?story={big['id']}&limit=200")["items"]}
    story_groups = [g for g in groups if any(c in claims for c in g["claims"])]
    if story_groups:
        assert page.locator("table.ledger").count() == len(story_groups)
        assert page.locator("table.ledger tbody tr").count() >= len(story_groups)
    # every section is there even while a layer is empty
    for sec in ("summary", "timeline", "ledger", "entities", "quotes", "documents"):
        assert page.locator(f"section#{sec}").count() == 1
    assert page.locator("section#documents tbody tr").count() == len(big["documents"])
    # every measure and figure in Arabic (a new ledger key such as «count:people» must have its label)
    shown = page.locator(".measure[data-key], table.ledger td.fig, table.claims td.fig").all_inner_texts()
    assert shown and not [t for t in shown if re.search(r"[A-Za-z_]", t)], shown
    shot(page, "dossier")

    # ---- an article of the story
    page.locator("section#documents tbody tr a[href^='/documents/']").first.click()
    page.wait_for_load_state()
    assert page.locator(".doc-text").inner_text().strip()
    shot(page, "article")

    # ---- search with a clitic variant: highlighted hits
    page.goto(server.url + "/search")
    page.fill("input[name=q]", QUERY)
    page.click("form.search-form button[type=submit]")
    page.wait_for_load_state()
    hits = page.locator("li.hit")
    assert hits.count() >= 1
    marks = page.locator("li.hit mark")
    assert marks.count() >= 1
    assert all("نازحين" in t for t in marks.all_inner_texts())
    shot(page, "search")

    assert not dialogs and not errors, (dialogs, errors)
    assert not external, f"the page fetched outside resources: {external}"
    ctx.close()


def test_phone_layout(browser, server):
    ctx, page, dialogs, errors, _ = _page(browser, viewport={"width": 390, "height": 844})
    stories = _api(server, "/api/stories?limit=200")["items"]
    big = max(stories, key=lambda s: len(s["documents"]))
    page.goto(server.url + f"/stories/{big['id']}")
    # nothing wider than the screen except inside the horizontally scrolling table wrappers
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 2, overflow
    shot(page, "dossier-phone")
    page.goto(server.url + "/search?q=" + QUERY)
    shot(page, "search-phone")
    assert not dialogs and not errors
    ctx.close()


def test_hostile_article_does_not_execute(browser, server):
    ctx, page, dialogs, errors, _ = _page(browser)
    import sqlite3

    doc_id = sqlite3.connect(str(server.app.state.data.db_path)).execute(
        "SELECT value FROM meta WHERE key='browser_test_hostile'").fetchone()[0]
    for url in (f"/documents/{doc_id}", "/search?q=خبيث", "/search?q=النازحين", "/"):
        page.goto(server.url + url)
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__pwned") == "undefined", url
        assert page.locator('a[href^="javascript:"]').count() == 0, url
        assert page.locator(".doc-text img, li.hit img, main img").count() == 0, url
    page.goto(server.url + f"/documents/{doc_id}")
    assert "<script>" in page.locator(".doc-text").inner_text()  # shown as text
    shot(page, "hostile")
    assert not dialogs, dialogs
    ctx.close()


def test_upload_from_the_browser(browser, server, tmp_path):
    ctx, page, dialogs, errors, _ = _page(browser)
    f = tmp_path / "bridge.txt"
    f.write_text("أعلنت بلدية الساحل، الثلاثاء، افتتاح جسر معلّق جديد فوق نهر الزيتون بطول 400 متر.\n"
                 "وقال رئيس البلدية إن الجسر المعلّق سيخدم نحو 20 ألف شخص يومياً.", encoding="utf-8")
    page.goto(server.url + "/upload")
    # Arabic labels only: the file button is an Arabic <label>, never the browser's «Choose Files»
    assert page.locator("label[for=files]").inner_text().strip() == "اختر الملفات…"
    page.set_input_files("input[type=file]", str(f))
    assert "bridge.txt" in page.locator("#file-names").inner_text()
    page.fill("input[name=source]", "صحيفة الساحل")   # the outlet of files that name none
    shot(page, "upload-form")
    page.click("#upload-form button[type=submit]")
    page.locator("#job-result", has_text="تمّ").wait_for(timeout=120_000)  # (the CSP forbids eval'd predicates)
    assert page.locator("#job-docs li a").count() == 1
    shot(page, "upload")
    # results appear without a restart
    page.goto(server.url + "/search?q=والجسر")
    assert page.locator("li.hit").count() == 1
    assert "صحيفة الساحل" in page.locator("li.hit .meta").inner_text()   # the outlet typed in the form
    assert page.locator("li.hit mark").count() >= 1
    assert not dialogs and not errors, (dialogs, errors)
    ctx.close()
