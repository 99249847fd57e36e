"""The workbench reads the store with indexed queries: the helper tables are built for older stores, lists page,
and what other connections write shows up on the next request (no restart, no stale cache)."""
from __future__ import annotations

import re

from fastapi.testclient import TestClient

from marsad.model import AnalysedDocument, Analysis, Claim, ClaimGroup, Document, Quote, Sentence, Story
from marsad.store import Store
from marsad.store.db import CORPUS_INDEX_TABLES
from marsad.web.app import STORIES_PER_PAGE, create_app


def test_helper_tables_are_built_for_a_store_written_before_them(rich_db):
    with Store(rich_db) as st:
        with st.conn:
            for t in CORPUS_INDEX_TABLES:
                st.conn.execute(f"DROP TABLE {t}")
            st.conn.execute("DELETE FROM meta WHERE key IN ('corpus_index_version', 'corpus_version')")
    with TestClient(create_app(rich_db)) as c:
        page = c.get("/").text
        assert "نشر الجنود على الحدود الشمالية" in page and "تضارب واحد" in page and "وزارة الدفاع" in page
        assert c.get("/api/entities").json()["items"][0]["id"] == "e-min"
        assert [m["id"] for m in c.get("/api/claim_groups/g1").json()["members"]] == ["c1", "c2"]
        assert c.get("/api/timeline").json()["total"] == 3
        assert "<td>2</td>" in c.get("/stories/s1").text  # entity mention counts


def test_writes_by_other_connections_show_on_the_next_request(client):
    assert client.get("/api/claims").json()["total"] == 2
    assert client.get("/api/quotes").json()["total"] == 1
    with Store(client.app.state.data.db_path) as st:
        doc = st.document("doc4")
        st.save_analysis(AnalysedDocument(
            document=doc, sentences=[Sentence(start=0, end=len(doc.text))],
            claims=[Claim(id="c4", doc="doc4", start=0, end=10, evidence="خبر", value=1, measure="other")],
            quotes=[Quote(doc="doc4", start=0, end=3, text="خبر", speaker="الراصد الجوي")]))
    assert client.get("/api/claims").json()["total"] == 3
    assert client.get("/api/claims", params={"story": "unassigned"}).json()["items"][0]["id"] == "c4"
    assert client.get("/api/quotes", params={"speaker": "الراصد"}).json()["items"][0]["doc"] == "doc4"
    assert "مقالات أخرى" in client.get("/").text


def test_cached_pages_follow_writes_by_other_connections(client):
    """Dossiers and the stories list's cards are kept rendered between requests; a write that changes what they
    show (a member's analysis saved again, the corpus rewritten) shows on the next request."""
    assert "نشر 3000 جندي" in client.get("/stories/s1").text
    assert "كل المقاييس" not in client.get("/").text
    with Store(client.app.state.data.db_path) as st:
        doc = st.document("doc1")
        ad = next(a for a in st.analyses() if a.document.id == "doc1")
        ad.quotes = [Quote(doc="doc1", start=0, end=5, text=doc.text[0:5], speaker="متحدث جديد")]
        st.save_analysis(ad)
    assert "متحدث جديد" in client.get("/stories/s1").text   # a member re-analysed
    with Store(client.app.state.data.db_path) as st:
        a = st.load_analysis()
        next(x for x in a.stories if x.id == "s1").title = "كل المقاييس"
        st.save_corpus(a)
    assert "كل المقاييس" in client.get("/").text and "كل المقاييس" in client.get("/stories/s1").text


def test_stories_page_pages(tmp_path):
    db = tmp_path / "many.sqlite"
    n = STORIES_PER_PAGE + 7
    docs = [Document(id=f"d{i:03d}", source_path=f"d{i}.txt", source_name="وكالة", title=f"خبر {i}",
                     published=f"2025-01-{1 + i % 28:02d}", text=f"خبر رقم {i} عن البلدة.") for i in range(n)]
    with Store(db) as st:
        for d in docs:
            st.add_document(d)
        ads = [AnalysedDocument(document=d) for d in docs]
        st.save_corpus(Analysis(documents=docs, stories=[Story(id=f"s{i:03d}", title=f"قصة {i}", documents=[d.id])
                                                         for i, d in enumerate(docs)]), ads)
    with TestClient(create_app(db)) as c:
        first = c.get("/").text
        assert first.count('class="story-card"') == STORIES_PER_PAGE and 'rel="next"' in first
        assert f"{n} قصةً" in first  # 57: the accusative singular
        last = c.get("/", params={"page": 2}).text
        assert last.count('class="story-card"') == 7 and 'rel="prev"' in last and "s056" in last
        assert c.get("/", params={"page": 0}).status_code == 422
        assert c.get("/api/stories", params={"limit": 5, "offset": n - 2}).json()["total"] == n


def _sorting_store(db):
    """Four stories: a big old one, a small recent one, one across three outlets, one with two conflicts."""
    outlets = ["وكالة أ", "وكالة ب", "وكالة ج"]
    spec = {"big": (5, "2024-01-0{}", [0]), "recent": (1, "2025-06-0{}", [0]), "wide": (3, "2024-05-0{}", [0, 1, 2]),
            "disputed": (2, "2024-03-0{}", [1])}
    docs, stories, claims, groups = [], [], [], []
    for sid, (n, day, outs) in spec.items():
        ids = []
        for i in range(n):
            d = Document(id=f"{sid}{i}", source_path=f"{sid}{i}.txt", source_name=outlets[outs[i % len(outs)]],
                         title=f"خبر {sid} {i}", published=day.format(i + 1), text=f"نص الخبر {sid} رقم {i}.")
            docs.append(d)
            ids.append(d.id)
        stories.append(Story(id=f"s-{sid}", title=f"قصة {sid}", documents=ids))
    for k in range(2):   # two conflicting groups in «disputed»
        a = Claim(id=f"c{k}a", doc="disputed0", start=0, end=5, evidence="x", value=10 + k, measure="killed")
        b = Claim(id=f"c{k}b", doc="disputed1", start=0, end=5, evidence="x", value=50 + k, measure="killed")
        claims += [a, b]
        groups.append(ClaimGroup(id=f"g{k}", measure="killed", claims=[a.id, b.id], min=10, max=50, conflict=True))
    with Store(db) as st:
        for d in docs:
            st.add_document(d)
        ads = [AnalysedDocument(document=d, claims=[c for c in claims if c.doc == d.id]) for d in docs]
        for ad in ads:
            st.save_analysis(ad)
        st.save_corpus(Analysis(documents=docs, stories=stories, claims=claims, claim_groups=groups), ads)


def _order(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/stories/s-(\w+)">', html)


def test_stories_list_sorts_and_filters_conflicts(tmp_path):
    db = tmp_path / "sort.sqlite"
    _sorting_store(db)
    with TestClient(create_app(db)) as c:
        assert _order(c.get("/").text) == ["big", "wide", "disputed", "recent"]  # most articles first
        assert _order(c.get("/?sort=recent").text) == ["recent", "wide", "disputed", "big"]
        assert _order(c.get("/?sort=outlets").text)[0] == "wide"
        assert _order(c.get("/?sort=conflicts").text)[0] == "disputed"
        page = c.get("/?conflicts=1").text
        assert _order(page) == ["disputed"] and "تضاربان" in page  # the card's conflict count, in the dual
        assert c.get("/?sort=bogus").status_code == 422


def test_paging_keeps_the_filters(tmp_path):
    db = tmp_path / "many.sqlite"
    n = STORIES_PER_PAGE + 3
    docs = [Document(id=f"d{i:03d}", source_path=f"d{i}.txt", source_name="وكالة", title=f"خبر {i}",
                     published=f"2025-01-{1 + i % 28:02d}", text=f"خبر رقم {i} عن البلدة.") for i in range(n)]
    with Store(db) as st:
        for d in docs:
            st.add_document(d)
        ads = [AnalysedDocument(document=d) for d in docs]
        st.save_corpus(Analysis(documents=docs, stories=[Story(id=f"s{i:03d}", title=f"قصة {i}", documents=[d.id])
                                                         for i, d in enumerate(docs)]), ads)
    with TestClient(create_app(db)) as c:
        first = c.get("/?sort=recent&outlet=وكالة").text
        nxt = re.search(r'rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
        assert "sort=recent" in nxt and "outlet=" in nxt and "page=2" in nxt
