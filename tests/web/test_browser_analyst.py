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
# and the ledger's keys of a class of counted things (claim_clusters.ledger_key: «count:people»)
OPEN_KEYS += [f"count:{cls}" for cls in load_yaml("measures.yaml")["thing_classes"]]


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


# Original text (a fictional event): a toll that grows, with a part under its total; ship counts that differ; a sum in
# dollars; a disputed count of wounded; and the possessive forms «جنوده», «لجنودها» that a search for «الجنود» finds.
STATES = [
    ("قالت وزارة الصحة في جزيرة المرجان إن 57 شخصاً قتلوا بينهم 12 طفلاً في القصف.\n"
     "وقدّر مرصد الموانئ عدد السفن العالقة بخمس سفن.\n"
     "وأكد قائد الحامية أن جنوده أصيب منهم 100 في الاشتباكات.\n"
     "وقدّمت منظمة الإغاثة مساعدات بقيمة 25 مليون دولار."),
    ("وارتفعت حصيلة القصف في جزيرة المرجان إلى 70 قتيلاً بحسب الوزارة.\n"
     "وذكرت البحرية أن 40 سفينة عبرت المضيق منذ بدء الأزمة.\n"
     "وقال مسعفون إن عدد الجرحى بلغ 300 وإن الحكومة أرسلت تعزيزات لجنودها في الجزيرة."),
]


def _at(text: str, s: str) -> tuple[int, int]:
    i = text.index(s)
    return i, i + len(s)


def add_ledger_states_story(db: Path) -> None:
    """A story whose ledger holds one row of each status (update with a part under its total, differs, conflict, agree
    in USD), in a store that already holds other stories (their corpus is kept)."""
    docs = [Document(id=f"states{i}", source_path=f"states{i}.txt", source_name="نشرة المرجان",
                     title=f"قصف جزيرة المرجان {i + 1}", published=f"2025-02-0{2 * i + 1}", text=t)
            for i, t in enumerate(STATES)]
    t0, t1 = STATES

    def claim(cid, doc, text, phrase, value, measure, **kw):
        line = next(ln for ln in text.split("\n") if phrase in ln)
        s, e = _at(text, line)
        return Claim(id=cid, doc=doc, start=s, end=e, evidence=phrase, value=value, measure=measure, **kw)

    c = {
        "st-k1": claim("st-k1", "states0", t0, "57 شخصاً", 57, "killed", holder="وزارة الصحة", claim_date="2025-02-01"),
        "st-p1": claim("st-p1", "states0", t0, "12 طفلاً", 12, "killed", holder="وزارة الصحة", part_of="st-k1"),
        "st-k2": claim("st-k2", "states1", t1, "70 قتيلاً", 70, "killed", holder="الوزارة", claim_date="2025-02-03"),
        "st-s1": claim("st-s1", "states0", t0, "بخمس سفن", 5, "count:سفينه", holder="مرصد الموانئ"),
        "st-s2": claim("st-s2", "states1", t1, "40 سفينة", 40, "count:سفينه", holder="البحرية"),
        "st-w1": claim("st-w1", "states0", t0, "100", 100, "wounded", holder="قائد الحامية"),
        "st-w2": claim("st-w2", "states1", t1, "300", 300, "wounded", holder="مسعفون"),
        "st-m1": claim("st-m1", "states0", t0, "25 مليون دولار", 25_000_000, "aid_amount", unit="USD",
                    holder="منظمة الإغاثة"),
    }
    groups = [
        ClaimGroup(id="g-up", measure="killed", claims=["st-k1", "st-k2"], min=57, max=70, conflict=False, status="update",
                   updates=[["st-k1", "st-k2"]], parts={"st-k1": ["st-p1"]},
                   notes={"st-k2": "later and higher than earlier figures: possibly an update"}),
        ClaimGroup(id="g-ships", measure="count:سفينه", claims=["st-s1", "st-s2"], min=5, max=40, conflict=False,
                   status="differs"),
        ClaimGroup(id="g-wounded", measure="wounded", claims=["st-w1", "st-w2"], min=100, max=300, conflict=True,
                   status="conflict"),
        ClaimGroup(id="g-aid", measure="aid_amount", claims=["st-m1"], min=25_000_000, max=25_000_000, conflict=False,
                   status="agree", currencies={"USD": 1}),
    ]
    with Store(db) as st:
        for d in docs:
            st.add_document(d)
        old = st.load_analysis()
        ads = [AnalysedDocument(document=d, sentences=[Sentence(start=s, end=s + len(ln)) for s, ln in _lines(d.text)],
                                claims=[x for x in c.values() if x.doc == d.id]) for d in docs]
        for ad in ads:
            st.save_analysis(ad)
        st.save_corpus(Analysis(documents=old.documents + docs, claims=old.claims + list(c.values()),
                                claim_groups=old.claim_groups + groups, entities=old.entities, events=old.events,
                                stories=old.stories + [Story(id="s-states", title="قصف جزيرة المرجان",
                                                             documents=[d.id for d in docs])]),
                       ads)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for ln in text.split("\n"):
        out.append((pos, ln))
        pos += len(ln) + 1
    return out


@pytest.fixture(scope="module")
def fixture_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("analyst") / "fixture.sqlite"
    _sorting_store(db)
    keys = add_every_measure_story(db)
    add_ledger_states_story(db)
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


@pytest.fixture
def page(browser):
    """A 1400 px Arabic page; no script error may happen on it (checked when the test ends)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ar")
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    ctx.close()
    assert not errors, errors


def _order(page) -> list[str]:
    return [h.split("/stories/s-")[-1] for h in
            page.locator("li.story-card h2 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")]


def test_stories_list_sorts_and_filters_in_the_browser(page, fixture_server):
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
    assert _order(page) == ["disputed", "states"]   # only stories with a conflict, the most conflicts first
    assert page.locator("li.story-card .n-conflicts").first.inner_text().strip() == "تضاربان"
    assert page.locator("#with-conflicts").is_checked() and page.locator("#sort").input_value() == "conflicts"
    shot(page, "stories-conflicts")


def _measure_labels(page) -> dict[str, str]:
    return dict(page.locator(".measure[data-key]").evaluate_all(
        "els => els.map(e => [e.dataset.key, e.textContent.trim()])"))


def test_every_measure_is_labelled_in_arabic_on_a_dossier(page, fixture_server):
    page.goto(fixture_server.url + "/stories/s-every")
    labels = _measure_labels(page)
    assert set(labels) == set(fixture_server.keys)
    for key, label in labels.items():
        assert label and not LATIN.search(label), (key, label)
    assert labels["count:سفينه"] == "عدد: سفينة" and labels["killed"] == "القتلى"
    shot(page, "dossier-every-measure")


def test_the_seeds_dossiers_show_arabic_labels(page, seeds_server):
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


def test_markdown_report_lists_are_lists(page, seeds_server, tmp_path):
    markdown_it = pytest.importorskip("markdown_it")
    from marsad.report import dossiers, write_markdown

    with Store(seeds_server.app.state.data.db_path) as st:
        analysis = st.load_analysis()
    md = write_markdown(analysis, tmp_path / "report.md").read_text(encoding="utf-8")
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
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


def test_ledger_statuses_parts_and_units_on_a_dossier(page, fixture_server):
    page.goto(fixture_server.url + "/stories/s-states")
    groups = page.locator(".ledger-group")
    status = groups.evaluate_all("els => els.map(e => { const s = e.querySelector('h3 .status'); "
                                 "return [e.querySelector('.measure').dataset.key, s ? s.dataset.status : null]; })")
    # a conflict first, then the growing toll; figures that may be two quantities are «differs», never red
    assert status[:2] == [["wounded", "conflict"], ["killed", "update"]], status
    assert dict(status) == {"wounded": "conflict", "killed": "update", "count:سفينه": "differs", "aid_amount": None}
    update = groups.nth(1)
    assert "تحديث لحصيلة متنامية" in update.locator("h3").inner_text()
    assert "differs" not in page.locator(".ledger-group.has-conflict").evaluate_all(
        "els => els.map(e => e.querySelector('.status').dataset.status).join()")
    # the part «12 طفلاً» stands under its total 57, not in a row or among the other figures of its own
    part = update.locator("tr.part")
    assert part.count() == 1 and "↳ منها 12" in part.inner_text()
    assert "57" in part.evaluate("e => e.previousElementSibling.querySelector('td.fig').textContent")
    assert page.locator("table.claims").count() == 0
    # the later, higher figure carries the ledger's note, in Arabic
    assert "قد يكون تحديثاً" in update.locator("tr", has_text="70").locator("td[class^=stance-]").inner_text()
    # units in Arabic: «25,000,000 دولار», never «USD»
    figs = page.locator("table.ledger td.fig").all_inner_texts()
    assert "25,000,000 دولار" in figs and all(not LATIN.search(f) for f in figs), figs
    shot(page, "dossier-ledger-states")


def test_search_finds_possessive_forms(page, fixture_server):
    page.goto(fixture_server.url + "/search")
    page.fill("input[name=q]", "الجنود")
    page.click("form.search-form button[type=submit]")
    page.wait_for_load_state()
    # neither article says «الجنود»: one says «جنوده» (his soldiers), the other «لجنودها» (to its soldiers)
    assert page.locator("li.hit").count() == 2
    marks = page.locator("li.hit mark").all_inner_texts()
    assert any(m.endswith("جنوده") for m in marks) and any(m.endswith("جنودها") for m in marks), marks
    shot(page, "search-possessive")
