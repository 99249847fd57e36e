from marsad.corpus import dedup
from marsad.model import AnalysedDocument, Document


def test_wire_copy_is_linked_to_its_canonical(corpus):
    dups = dedup.near_duplicates(corpus)
    # the copy (dateline added, one paragraph dropped, a day later) points at the original; nothing else is a copy
    assert dups == {"doc-fire2copy": "doc-fire2"}


def test_two_reports_of_one_happening_are_not_copies(by_key):
    assert dedup.near_duplicates([by_key["fire1"], by_key["fire2"]]) == {}


def test_canonical_is_earliest_then_longest(by_key):
    a = by_key["fire2"]
    same_day_short = AnalysedDocument(document=a.document.model_copy(update={
        "id": "short", "text": a.document.text.rsplit("\n", 1)[0]}))
    dups = dedup.near_duplicates([same_day_short, a])
    assert dups == {"short": "doc-fire2"}


def test_small_inputs():
    assert dedup.near_duplicates([]) == {}
    empty = AnalysedDocument(document=Document(id="e", source_path="e", text=""))
    tiny = AnalysedDocument(document=Document(id="t", source_path="t", text="خبر قصير"))
    assert dedup.near_duplicates([empty, tiny, tiny.model_copy(update={"document": tiny.document.model_copy(
        update={"id": "t2"})})]) == {"t2": "t"}


def test_shingles_use_the_matching_form():
    assert dedup.shingles("أعلنت الوزارة إجلاء السكان اليوم") == dedup.shingles("اعلنت الوزاره اجلاء السكان اليوم")


def test_band_keys_are_stable(by_key):
    m = dedup.signature(dedup.shingles(by_key["fire1"].document.text))
    keys = dedup.band_keys(m)
    assert len(keys) == 16 and keys == dedup.band_keys(dedup.signature(dedup.shingles(by_key["fire1"].document.text)))
