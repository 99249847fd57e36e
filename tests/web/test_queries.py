"""The workbench reads the store with indexed queries: the helper tables are built for older stores, lists page,
and what other connections write shows up on the next request (no restart, no stale cache)."""
from __future__ import annotations

from fastapi.testclient import TestClient

from marsad.model import AnalysedDocument, Analysis, Claim, Document, Quote, Sentence, Story
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
        assert "نشر الجنود على الحدود الشمالية" in page and "المتضاربة: 1" in page and "وزارة الدفاع" in page
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
        assert f"القصص: {n}" in first
        last = c.get("/", params={"page": 2}).text
        assert last.count('class="story-card"') == 7 and 'rel="prev"' in last and "s056" in last
        assert c.get("/", params={"page": 0}).status_code == 422
        assert c.get("/api/stories", params={"limit": 5, "offset": n - 2}).json()["total"] == n
