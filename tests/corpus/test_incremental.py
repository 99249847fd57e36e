import sqlite3

from marsad.corpus import incremental
from marsad.store.db import Store


def _sets(items):
    return sorted(sorted(x.documents) for x in items)


def test_one_call_matches_batch_grouping(corpus):
    conn = sqlite3.connect(":memory:")
    res = incremental.add(conn, corpus)
    assert res["near-duplicates"] == 1
    events, story_list = incremental.export(conn)
    assert _sets(events) == sorted([
        ["doc-fire1", "doc-fire2", "doc-fire2copy"], ["doc-fire3"], ["doc-final1", "doc-final2"], ["doc-weather"]])
    assert _sets(story_list) == sorted([
        ["doc-fire1", "doc-fire2", "doc-fire2copy", "doc-fire3"], ["doc-final1", "doc-final2"], ["doc-weather"]])


def test_new_articles_attach_to_stored_events_and_stories(tmp_path, by_key):
    path = tmp_path / "inc.sqlite"
    base = [by_key[k] for k in ("fire1", "final1", "weather")]
    with sqlite3.connect(path) as conn:
        incremental.add(conn, base)
        before = {e.id: e for e in incremental.export(conn)[0]}
    # a later session, a new connection: the copy, a second report and a follow-up arrive
    conn = sqlite3.connect(path)
    res = incremental.add(conn, [by_key["fire2"], by_key["fire2copy"], by_key["final2"], by_key["fire3"]])
    assert res["joined events"] == 2 and res["new events"] == 1 and res["near-duplicates"] == 1
    events, story_list = incremental.export(conn)
    assert incremental.event_of(conn, "doc-fire2") == incremental.event_of(conn, "doc-fire1")
    assert incremental.event_of(conn, "doc-fire2copy") == incremental.event_of(conn, "doc-fire2")
    assert incremental.event_of(conn, "doc-final2") == incremental.event_of(conn, "doc-final1")
    assert incremental.event_of(conn, "doc-fire3") != incremental.event_of(conn, "doc-fire1")
    assert set(before) <= {e.id for e in events}          # ids of existing events do not change
    fire = next(s for s in story_list if "doc-fire1" in s.documents)
    assert "doc-fire3" in fire.documents and "doc-fire2copy" in fire.documents
    # adding the same articles again changes nothing
    assert incremental.add(conn, [by_key["fire3"]]) == {"already stored": 1}
    conn.close()


def test_store_integration(tmp_path, corpus):
    with Store(tmp_path / "m.sqlite") as st:
        for a in corpus:
            st.add_document(a.document)
            st.save_analysis(a)
        incremental.add(st, corpus[:4])
        incremental.add(st, corpus[4:])
        stored = st.corpus_items("event")
        assert sorted(sorted(e["documents"]) for e in stored) == _sets(incremental.export(st)[0])
        assert st.load_analysis().stories
