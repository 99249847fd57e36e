from pathlib import Path

import pytest
import yaml

from marsad.corpus import dedup, stories
from marsad.corpus.features import content_terms, stem

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _sets(items):
    return sorted(sorted(x.documents) for x in items)


def test_events_and_stories(corpus):
    events, story_list = stories.cluster(corpus, [], dedup.near_duplicates(corpus))
    assert _sets(events) == sorted([
        ["doc-fire1", "doc-fire2", "doc-fire2copy"], ["doc-fire3"], ["doc-final1", "doc-final2"], ["doc-weather"]])
    assert _sets(story_list) == sorted([
        ["doc-fire1", "doc-fire2", "doc-fire2copy", "doc-fire3"], ["doc-final1", "doc-final2"], ["doc-weather"]])
    fire = next(s for s in story_list if "doc-fire3" in s.documents)
    assert len(fire.events) == 2 and {e.id for e in events} >= set(fire.events)
    outbreak = next(e for e in events if "doc-fire1" in e.documents)
    assert outbreak.date == "2031-06-09"          # «مساء الاثنين» in the leads, not the publication day
    assert "الصنوبر" in outbreak.title             # a readable Arabic title (an article's own)
    assert outbreak.documents[0] == "doc-fire1"    # in publication order


def test_ids_stable_under_input_order(corpus):
    a = stories.cluster(corpus, [], dedup.near_duplicates(corpus))
    rev = list(reversed(corpus))
    b = stories.cluster(rev, [], dedup.near_duplicates(rev))
    assert [e.id for e in a[0]] == [e.id for e in b[0]]
    assert [s.id for s in a[1]] == [s.id for s in b[1]]


def test_undated_report_joins_its_event_on_content(by_key, make_doc):
    undated = make_doc("fire2", published=None)
    ads = [by_key["fire1"], undated, by_key["fire3"], by_key["final1"], by_key["weather"]]
    events, _ = stories.cluster(ads, [], {})
    assert ["doc-fire1", "doc-fire2"] in [sorted(e.documents) for e in events]


def test_title_from_first_sentence_when_untitled(by_key, make_doc):
    ads = [make_doc("weather", title=None), by_key["final1"]]
    events, _ = stories.cluster(ads, [], {})
    t = next(e.title for e in events if e.documents == ["doc-weather"])
    assert t.startswith("تتوقع دائرة الأرصاد") and len(t.split()) <= 17


def test_empty_and_single():
    assert stories.cluster([], [], {}) == ([], [])


def test_event_threshold_follows_corpus_size():
    lo, hi = stories.EVENT_THRESHOLD
    assert stories.event_threshold(5) == lo and stories.event_threshold(10**6) == hi
    assert lo < stories.event_threshold(200) < hi


def test_content_terms():
    assert stem("والحكومة") == "حكومه" and stem("الي") == "الي" and stem("وجنودها") == "جنود"
    assert "الي" not in content_terms("وصل الوزير إلى العاصمة")
    assert "وزير" in content_terms("وصل الوزير إلى العاصمة")


# ---------------------------------------------------------------- the bundled sample corpus
@pytest.fixture(scope="module")
def sample():
    if not (SAMPLE / "expected.yaml").exists():
        pytest.skip("data/sample not present")
    from marsad import ingest
    from marsad.ingest.clean import clean
    from marsad.pipeline import analyse

    ads = [analyse(clean(r)) for r in ingest.read_path(str(SAMPLE)) if hasattr(r, "body")]
    key = {a.document.id: Path(a.document.source_path).name for a in ads}
    return ads, key, yaml.safe_load((SAMPLE / "expected.yaml").read_text(encoding="utf-8"))


def test_sample_corpus(sample):
    ads, key, exp = sample
    dups = dedup.near_duplicates(ads)
    assert {(key[d], key[c]) for d, c in dups.items()} == {
        tuple(x["pair"][::-1]) if x["pair"][0] == x["canonical"] else tuple(x["pair"]) for x in exp["near_duplicates"]}
    events, story_list = stories.cluster(ads, [], dups)
    assert sorted(sorted(key[d] for d in e.documents) for e in events) == sorted(
        sorted(e["documents"]) for e in exp["events"])
    assert sorted(sorted(key[d] for d in s.documents) for s in story_list) == sorted(
        sorted(s["documents"]) for s in exp["stories"])
