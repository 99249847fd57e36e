"""The workbench as an analyst uses it, in headless Chromium (issue 18): the stories list's sorting and its
«with conflicts» filter, the Arabic label of every measure on a dossier (the seeds' and a fixture with every
measure), and the Markdown report's lists rendered as lists. Skips cleanly without /usr/bin/chromium or Playwright.
Screenshots only with `make screenshots` (see conftest.shot)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad.arabic.data import load_yaml
from marsad.model import AnalysedDocument, Analysis, Claim, ClaimGroup, Document, Sentence, Story
from marsad.store import Store
from tests.web.conftest import LiveServer, fill_from_sample, shot  # the `browser` fixture: conftest.py
from tests.web.test_queries import _sorting_store

pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
LATIN = re.compile(r"[A-Za-z_]")
# one open key of each family (measures.py builds FAMILY:THING keys in matching form)
OPEN_KEYS = ["count:سفينه", "count:أشخاص", "money:تكلفه", "money", "percent:بطاله", "price:سعر", "amount:km"]


def every_measure_keys() -> list[str]:
    m = load_yaml("measures.yaml")
    return sorted(m["measures"]) + sorted(set(m["fallback"].values())) + OPEN_KEYS


def add_every_measure_story(db: Path) -> list[str]:
    """A story whose one article states a figure of every measure key (one ledger row each); written into a store
    that already holds other stories (their corpus is kept)."""
    keys = every_measure_keys()
    text = "\n".join(f"ذكر التقرير الرقم {i + 1} في الفقرة رقم {i + 1}." for i in range(len(keys)))
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    doc = Document(id="every", source_path="every.txt", source_name="نشرة الاختبار", title="كل المقاييس",
                   published="2025-02-01", text=text)
    claims = [Claim(id=f"m{i}", doc="every", start=s, end=e, evidence=str(i + 1), value=i + 1, measure=k)
              for i, (k, (s, e)) in enumerate(zip(keys, lines))]
    groups = [ClaimGroup(id=f"g-m{i}", measure=c.measure, claims=[c.id], min=c.value, max=c.value,
                         conflict=False)
              for i, c in enumerate(claims)]
    with Store(db) as st:
        st.add_document(doc)
        old = st.load_analysis()
        ads = [AnalysedDocument(document=doc, sentences=[Sentence(start=s, end=e) for s, e in lines], claims=claims)]
        st.save_analysis(ads[0])
        st.save_corpus(Analysis(documents=old.documents + [doc], claims=old.claims + claims,
                                claim_groups=old.claim_groups + groups, entities=old.entities, events=old.events,
                                stories=old.stories + [Story(id="s-every", title="كل المقاييس", documents=["every"])]),
                       ads)
    return keys


@pytest.fixture(scope="module")
def fixture_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("analyst") / "fixture.sqlite"
    _sorting_store(db)
    keys = add_every_measure_story(db)
    with LiveServer(db) as srv:
        srv.keys = keys
        yield srv


@pytest.fixture(scope="module")
def seeds_server(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip(f"the seeds are missing ({SEEDS})")
    db = tmp_path_factory.mktemp("seeds") / "seeds.sqlite"
    fill_from_sample(SEEDS, db)
    with LiveServer(db) as srv:
        yield srv


def _page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ar")
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return ctx, page, errors


def _order(page) -> list[str]:
    return [h.split("/stories/s-")[-1] for h in
            page.locator("li.story-card h2 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")]


def test_stories_list_sorts_and_filters_in_the_browser(browser, fixture_server):
    ctx, page, errors = _page(browser)
    page.goto(fixture_server.url + "/")
    assert _order(page)[:2] == ["big", "wide"]  # most articles first (the every-measure story has one article)
    # each card shows its outlet and conflict counts
    assert page.locator("li.story-card .n-outlets").count() == page.locator("li.story-card").count()
    assert page.locator("li.story-card .n-conflicts").count() == page.locator("li.story-card").count()
    shot(page, "stories-sorted")
    page.select_option("#sort", "recent")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "sort=recent" in page.url and _order(page)[0] == "recent"
    page.select_option("#sort", "outlets")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert _order(page)[0] == "wide"
    page.select_option("#sort", "conflicts")
    page.check("#with-conflicts")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert _order(page) == ["disputed"]
    assert page.locator("li.story-card .n-conflicts").inner_text().strip() == "تضاربان"
    assert page.locator("#with-conflicts").is_checked() and page.locator("#sort").input_value() == "conflicts"
    shot(page, "stories-conflicts")
    assert not errors, errors
    ctx.close()


def _measure_labels(page) -> dict[str, str]:
    return dict(page.locator(".measure[data-key]").evaluate_all(
        "els => els.map(e => [e.dataset.key, e.textContent.trim()])"))


def test_every_measure_is_labelled_in_arabic_on_a_dossier(browser, fixture_server):
    ctx, page, errors = _page(browser)
    page.goto(fixture_server.url + "/stories/s-every")
    labels = _measure_labels(page)
    assert set(labels) == set(fixture_server.keys)
    for key, label in labels.items():
        assert label and not LATIN.search(label), (key, label)
    assert labels["count:سفينه"] == "عدد: سفينة" and labels["killed"] == "القتلى"
    shot(page, "dossier-every-measure")
    assert not errors, errors
    ctx.close()


def test_the_seeds_dossiers_show_arabic_labels(browser, seeds_server):
    ctx, page, errors = _page(browser)
    page.goto(seeds_server.url + "/")
    hrefs = page.locator("li.story-card h2 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs
    seen = {}
    for i, href in enumerate(hrefs):
        page.goto(seeds_server.url + href)
        seen.update(_measure_labels(page))
        stances = page.locator("table.ledger td[class^=stance-]").all_inner_texts()
        assert all(t and not LATIN.search(t) for t in stances), stances
        if i == 0:
            shot(page, "dossier-seeds")
    assert seen, "the seeds' dossiers show no measure"
    for key, label in seen.items():
        assert label and not LATIN.search(label), (key, label)
    assert not errors, errors
    ctx.close()


def test_markdown_report_lists_are_lists(browser, seeds_server, tmp_path):
    markdown_it = pytest.importorskip("markdown_it")
    from marsad.report import dossiers, write_markdown

    with Store(seeds_server.app.state.data.db_path) as st:
        analysis = st.load_analysis()
    md = write_markdown(analysis, tmp_path / "report.md").read_text(encoding="utf-8")
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
    ctx, page, errors = _page(browser)
    page.set_content('<html dir="rtl" lang="ar"><body>' + html + "</body></html>")
    # after each «الملخص» heading: an ordered list with one item per summary sentence; «الخط الزمني»: a list with
    # one item per timeline entry (never one paragraph running the items together)
    found = page.evaluate("""() => Array.from(document.querySelectorAll('h3')).map(h => {
        const next = h.nextElementSibling;
        return [h.textContent.trim(), next ? next.tagName : null, next ? next.querySelectorAll(':scope > li').length : 0];
    })""")
    ds = dossiers(analysis)
    summaries = [f for f in found if f[0] == "الملخص"]
    timelines = [f for f in found if f[0] == "الخط الزمني"]
    assert len(summaries) == len(ds) and len(timelines) == len(ds)
    for d, (_, tag, n) in zip(ds, summaries):
        if d.summary:
            assert (tag, n) == ("OL", len(d.summary)), d.title
    for d, (_, tag, n) in zip(ds, timelines):
        if d.timeline:
            assert (tag, n) == ("UL", len(d.timeline)), d.title
    shot(page, "report-markdown")
    assert not errors, errors
    ctx.close()
