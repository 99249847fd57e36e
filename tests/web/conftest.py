"""Fixtures for the web tests: a hand-built store with every layer (independent of the extractors, which are built
concurrently), a hostile article, and the bundled sample corpus run through the real pipeline."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from marsad.model import (AnalysedDocument, Analysis, Claim, ClaimGroup, DateMention, Document, Entity,
                          EntityMentionRef, Event, Mention, Quantity, Quote, Removed, Sentence, SourceRef, Story,
                          SummarySentence, TimelineEntry)
from marsad.store import Store

# Original fixture text (fictional events), written for these tests.
T1 = ("أعلنت وزارة الدفاع في جمهورية الواحة، الاثنين، نشر نحو 3000 جندي على الحدود الشمالية.\n"
      "وقال الوزير كريم الساعدي إن «الجنود سيبقون حتى عودة الهدوء».\n"
      "وأضاف أن الانتشار بدأ في 2 مارس 2025.")
T2 = ("قدّرت منظمة الرصد المستقلة عدد الجنود المنتشرين بأكثر من 5000 جندي، في حين نفت الوزارة ذلك.\n"
      "وذكرت المنظمة أن الضباط والجنود وصلوا إلى بلدة السنابل في 4 مارس 2025.")
HOSTILE_TEXT = ('خبر عن الجنود في البلدة. <script>window.__pwned = 1; alert("x")</script>\n'
                'نص آخر <img src=x onerror="window.__pwned = 2; alert(2)"> ثم رابط '
                '<a href="javascript:alert(3)">اضغط هنا</a> في النهاية.')


def _find(text: str, s: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(s, i + 1)
    return i, i + len(s)


def _sentences(text: str) -> list[Sentence]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line:
            out.append(Sentence(start=pos, end=pos + len(line)))
        pos += len(line) + 1
    return out


def build_rich_store(path: Path) -> dict:
    """A store holding two articles of one story with every layer, one hostile article, and one unanalysed one."""
    d1 = Document(id="doc1", source_path="fixture/a.txt", source_name="صحيفة الواحة", url="https://example.org/a",
                  title="نشر 3000 جندي على الحدود", published="2025-03-03", published_from="metadata", text=T1,
                  removed=[Removed(kind="boilerplate", text="اقرأ أيضاً: أخبار أخرى", rule="read_also")])
    d2 = Document(id="doc2", source_path="fixture/b.txt", source_name="وكالة السنابل", url="http://example.org/b",
                  title="منظمة: أكثر من 5000 جندي", published="2025-03-05", published_from="metadata", text=T2)
    hostile = Document(id="evil1", source_path="fixture/evil.json#0", source_name='<b onmouseover="alert(4)">خبيث</b>',
                       url="javascript:alert(3)", title='عنوان <script>alert(1)</script>', published="2025-03-06",
                       published_from="metadata", text=HOSTILE_TEXT,
                       removed=[Removed(kind="caption", text='<img src=y onerror="alert(5)">')])
    plain = Document(id="doc4", source_path="fixture/d.txt", source_name="صحيفة الواحة", url=None,
                     title="خبر لم يحلل", published="2025-04-01", text="خبر قصير عن الطقس لم يحلَّل بعد.")
    ad1 = AnalysedDocument(document=d1, sentences=_sentences(T1))
    ad2 = AnalysedDocument(document=d2, sentences=_sentences(T2))
    ad3 = AnalysedDocument(document=hostile, sentences=_sentences(HOSTILE_TEXT))
    # layers
    s, e = _find(T1, "وزارة الدفاع")
    ad1.mentions.append(Mention(doc="doc1", start=s, end=e, text="وزارة الدفاع", label="ORG"))
    s, e = _find(T1, "جمهورية الواحة")
    ad1.mentions.append(Mention(doc="doc1", start=s, end=e, text="جمهورية الواحة", label="LOC"))
    s, e = _find(T1, "كريم الساعدي")
    ad1.mentions.append(Mention(doc="doc1", start=s, end=e, text="كريم الساعدي", label="PER"))
    s, e = _find(T2, "الوزارة")
    ad2.mentions.append(Mention(doc="doc2", start=s, end=e, text="الوزارة", label="ORG"))
    s, e = _find(T1, "2 مارس 2025")
    ad1.dates.append(DateMention(doc="doc1", start=s, end=e, text="2 مارس 2025", value="2025-03-02", grain="day",
                                 resolved_from="absolute"))
    s, e = _find(T2, "4 مارس 2025")
    ad2.dates.append(DateMention(doc="doc2", start=s, end=e, text="4 مارس 2025", value="2025-03-04", grain="day",
                                 resolved_from="absolute"))
    s, e = _find(T1, "نحو 3000 جندي")
    ad1.quantities.append(Quantity(start=s, end=e, text="نحو 3000 جندي", value=3000, qualifier="approx", unit="جندي"))
    c1 = Claim(id="c1", doc="doc1", start=0, end=T1.index("\n"), evidence="نحو 3000 جندي", value=3000,
               qualifier="approx", unit="جندي", measure="troops_deployed", subject="جمهورية الواحة",
               holder="وزارة الدفاع", claim_date="2025-03-03", stance="asserted")
    ad1.claims.append(c1)
    s, e = _find(T2, "أكثر من 5000 جندي")
    ad2.quantities.append(Quantity(start=s, end=e, text="أكثر من 5000 جندي", value=5000, qualifier="more_than",
                                   unit="جندي"))
    c2 = Claim(id="c2", doc="doc2", start=0, end=T2.index("\n"), evidence="أكثر من 5000 جندي", value=5000,
               qualifier="more_than", unit="جندي", measure="troops_deployed", subject="جمهورية الواحة",
               holder="منظمة الرصد المستقلة", claim_date="2025-03-05", stance="reported_belief")
    ad2.claims.append(c2)
    s, e = _find(T1, "«الجنود سيبقون حتى عودة الهدوء»")
    ad1.quotes.append(Quote(doc="doc1", start=s, end=e, text="الجنود سيبقون حتى عودة الهدوء", speaker="كريم الساعدي"))
    with Store(path) as st:
        for d in (d1, d2, hostile, plain):
            st.add_document(d)
        for ad in (ad1, ad2, ad3):
            st.save_analysis(ad)
        ents = [
            Entity(id="e-min", name="وزارة الدفاع", type="ORG", aliases=["وزارة الدفاع", "الوزارة"],
                   mentions=[EntityMentionRef(doc=m.doc, start=m.start, end=m.end, text=m.text)
                             for m in ad1.mentions[:1] + ad2.mentions]),
            Entity(id="e-loc", name="جمهورية الواحة", type="LOC", aliases=["جمهورية الواحة"],
                   mentions=[EntityMentionRef(doc="doc1", start=ad1.mentions[1].start, end=ad1.mentions[1].end,
                                              text="جمهورية الواحة")]),
            Entity(id="e-per", name="كريم الساعدي", type="PER", aliases=["كريم الساعدي", "الساعدي"],
                   mentions=[EntityMentionRef(doc="doc1", start=ad1.mentions[2].start, end=ad1.mentions[2].end,
                                              text="كريم الساعدي")]),
            Entity(id="e-evil", name='<script>alert("ent")</script>', type="MISC", aliases=["<i>x</i>"],
                   mentions=[EntityMentionRef(doc="evil1", start=0, end=3, text="خبر")]),
        ]
        a = Analysis(
            documents=[d1, d2, hostile], entities=ents, claims=[c1, c2], quotes=ad1.quotes,
            dates=ad1.dates + ad2.dates,
            claim_groups=[ClaimGroup(id="g1", measure="troops_deployed", subject="جمهورية الواحة", claims=["c1", "c2"],
                                     min=3000, max=5000, conflict=True)],
            events=[Event(id="ev1", title="نشر الجنود", documents=["doc1", "doc2"], date="2025-03-02")],
            stories=[Story(
                id="s1", title="نشر الجنود على الحدود الشمالية", documents=["doc1", "doc2"], events=["ev1"],
                summary=[SummarySentence(text=T1[:T1.index("\n")], doc="doc1", start=0, end=T1.index("\n"),
                                         sources=[SourceRef(doc="doc2", start=0, end=T2.index("\n"))])],
                timeline=[TimelineEntry(date="2025-03-02", text="بدء الانتشار", doc="doc1",
                                        start=_sentences(T1)[2].start, end=_sentences(T1)[2].end),
                          TimelineEntry(date="2025-03-04", text="وصول الجنود إلى بلدة السنابل", doc="doc2",
                                        start=_sentences(T2)[1].start, end=_sentences(T2)[1].end),
                          TimelineEntry(date="XXXX-09", text="موعد غير معروف السنة", doc="doc2", start=0, end=5)]),
                Story(id="s-evil", title='قصة <img src=z onerror="alert(6)">', documents=["evil1"])])
        ids = {"وزارة الدفاع": "e-min", "الوزارة": "e-min", "جمهورية الواحة": "e-loc", "كريم الساعدي": "e-per"}
        for ad in (ad1, ad2):
            for m in ad.mentions:
                m.entity = ids[m.text]
        st.save_corpus(a, [ad1, ad2, ad3])
    return {"path": path}


@pytest.fixture
def rich_db(tmp_path) -> Path:
    p = tmp_path / "rich.sqlite"
    build_rich_store(p)
    return p


@pytest.fixture
def client(rich_db):
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    # a same-site Origin, as a browser sends from the app's own pages (state-changing requests without one get 403)
    with TestClient(create_app(rich_db, max_upload=64 * 1024), headers={"origin": "http://testserver"}) as c:
        yield c


def fill_from_sample(sample: Path, db: Path) -> int:
    """ingest + analyse the bundled sample through the library (as `marsad ingest` and `marsad analyze` do)."""
    from marsad.ingest import read_path
    from marsad.ingest.clean import clean
    from marsad.model import RawArticle
    from marsad.pipeline import analyse, build_corpus

    with Store(db) as st:
        for item in read_path(sample):
            if isinstance(item, RawArticle):
                doc = clean(item)
                if doc.text.strip():
                    st.add_document(doc)
        for doc in st.documents(st.pending_analysis()):
            st.save_analysis(analyse(doc))
        ads = list(st.analyses())
        st.save_corpus(build_corpus(ads), ads)
        return st.count("documents")


def dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


class LiveServer:
    """The app served by uvicorn on a free localhost port, in a background thread."""

    def __init__(self, db: Path, **kw):
        import socket

        import uvicorn

        from marsad.web.app import create_app

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.app = create_app(db, **kw)
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="off"))
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        import threading
        import time

        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        t0 = time.time()
        while not self.server.started:
            if time.time() - t0 > 20:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample"


SCREENSHOTS_ENV = "MARSAD_SCREENSHOTS"  # set by `make screenshots` to the folder the PNGs go to


def shot(page, name: str) -> None:
    """A full-page screenshot `name`.png, written only when MARSAD_SCREENSHOTS names a folder (`make screenshots`):
    a test run writes no files outside its temporary folders."""
    folder = os.environ.get(SCREENSHOTS_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


# Debian's Chromium, never a downloaded browser build; the browser tests skip cleanly without it or Playwright
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not installed (make sysdeps installs Debian's chromium); browser test skipped")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright's Python package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
