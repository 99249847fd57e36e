from marsad.corpus import dedup, stories, summary
from marsad.corpus.features import content_terms
from marsad.model import Event


def _story(corpus, doc):
    events, story_list = stories.cluster(corpus, [], dedup.near_duplicates(corpus))
    return next(s for s in story_list if doc in s.documents), events


def _overlap(a, b):
    x, y = set(content_terms(a)), set(content_terms(b))
    return len(x & y) / (min(len(x), len(y)) or 1)


def test_summary_is_verbatim_cited_and_within_budget(corpus):
    story, _ = _story(corpus, "doc-fire3")
    texts = {a.document.id: a.document.text for a in corpus}
    out = summary.summarise(story, corpus)
    assert 1 <= len(out) <= 5
    for s in out:
        assert texts[s.doc][s.start:s.end] == s.text
        for src in s.sources:
            assert src.doc != s.doc and src.doc in story.documents and src.end > src.start
    # no two sentences say the same thing
    for i, a in enumerate(out):
        for b in out[i + 1:]:
            assert _overlap(a.text, b.text) < 0.8
    # it covers both happenings of the story
    assert {"doc-fire3"} & {s.doc for s in out} and {"doc-fire1", "doc-fire2"} & {s.doc for s in out}


def test_copies_are_cited_not_repeated(corpus):
    story, _ = _story(corpus, "doc-fire3")
    out = summary.summarise(story, corpus, budget=7)
    assert "doc-fire2copy" not in {s.doc for s in out} or "doc-fire2" not in {s.doc for s in out}
    cited = {src.doc for s in out for src in s.sources}
    assert "doc-fire2copy" in cited


def test_budget_and_event_summary(corpus):
    story, events = _story(corpus, "doc-final1")
    assert len(summary.summarise(story, corpus, budget=2)) <= 2
    ev = next(e for e in events if "doc-final1" in e.documents)
    out = summary.summarise(ev, corpus, budget=3)
    assert out and all(s.doc in ev.documents for s in out)


def test_short_documents_fall_back_to_first_sentence(make_doc):
    from marsad.model import AnalysedDocument, Document, Sentence

    ad = AnalysedDocument(document=Document(id="x", source_path="x", text="خبر عاجل."),
                          sentences=[Sentence(start=0, end=9)])
    out = summary.summarise(Event(id="e", title="t", documents=["x"]), [ad])
    assert [(s.text, s.start, s.end) for s in out] == [("خبر عاجل.", 0, 9)]
    assert summary.summarise(Event(id="e", title="t", documents=[]), [ad]) == []


def test_events_carry_their_own_summary_and_timeline(corpus):
    events, _ = stories.cluster(corpus, [], dedup.near_duplicates(corpus))
    texts = {a.document.id: a.document.text for a in corpus}
    ev = next(e for e in events if "doc-fire1" in e.documents)
    assert ev.summary and all(s.doc in ev.documents and texts[s.doc][s.start:s.end] == s.text for s in ev.summary)
    assert ev.timeline and all(t.doc in ev.documents for t in ev.timeline)
