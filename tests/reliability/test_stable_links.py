"""Links to a story keep working as the corpus grows: a story's id survives it gaining articles, and when its id does
change (an earlier article founds it, or two stories merge) the old link redirects to the new one."""
from __future__ import annotations

import pytest

from marsad.corpus import dedup, stories
from marsad.model import Analysis, Document, Story
from marsad.store import Store
from tests.corpus.conftest import make


@pytest.fixture(scope="module")
def fire():
    return {k: make(k) for k in ("fire1", "fire2", "fire3", "final1", "final2")}


def _story_of(story_list, doc_id):
    return next(s for s in story_list if doc_id in s.documents)


def test_story_and_event_ids_survive_new_articles(fire):
    first = [fire["fire1"], fire["final1"]]
    _, before = stories.cluster(first, [], dedup.near_duplicates(first))
    ev_before, _ = stories.cluster(first, [], {})
    grown = list(fire.values())
    ev_after, after = stories.cluster(grown, [], dedup.near_duplicates(grown))
    for doc in ("doc-fire1", "doc-final1"):
        old, new = _story_of(before, doc), _story_of(after, doc)
        assert len(new.documents) > len(old.documents)  # the story really grew
        assert new.id == old.id
    outbreak_before = next(e for e in ev_before if "doc-fire1" in e.documents)
    outbreak_after = next(e for e in ev_after if "doc-fire1" in e.documents)
    assert len(outbreak_after.documents) > 1 and outbreak_after.id == outbreak_before.id


def _doc(i: str) -> Document:
    return Document(id=i, source_path=f"{i}.txt", text=f"نص المقال {i} عن الحدث.", published="2031-01-0" + i[-1])


def _save(st: Store, groups: dict[str, list[str]]) -> None:
    docs = [_doc(d) for ds in groups.values() for d in ds]
    for d in docs:
        st.add_document(d)
    st.save_corpus(Analysis(documents=docs, stories=[Story(id=k, title=k, documents=v) for k, v in groups.items()]))


def test_moved_and_merged_story_ids_redirect(tmp_path):
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    db = tmp_path / "m.sqlite"
    with Store(db) as st:
        _save(st, {"st-a": ["d2", "d3"], "st-b": ["d5"]})
        _save(st, {"st-z": ["d1", "d2", "d3"], "st-b": ["d5"]})   # an earlier article founds st-a's story anew
        assert st.alias("story", "st-a") == "st-z"
        _save(st, {"st-y": ["d1", "d2", "d3", "d5"]})              # then it merges with st-b
        assert st.alias("story", "st-a") == "st-y" and st.alias("story", "st-b") == "st-y"
        assert st.alias("story", "st-z") == "st-y"
    with TestClient(create_app(db)) as c:
        for url, target in (("/stories/st-a", "/stories/st-y"), ("/api/stories/st-b", "/api/stories/st-y"),
                            ("/api/stories/st-a/timeline", "/api/stories/st-y/timeline"),
                            ("/stories/st-z/ledger.csv", "/stories/st-y/ledger.csv"),
                            ("/stories/st-a?page=1", "/stories/st-y?page=1")):
            r = c.get(url, follow_redirects=False)
            assert r.status_code == 301 and r.headers["location"] == target, (url, r.status_code)
            assert c.get(url).status_code == 200
        assert c.get("/stories/st-never").status_code == 404
        assert c.get("/api/stories/st-never").status_code == 404
