"""The pipeline's declared stages: their order is checked, and a stage that fails leaves its error on the document
while the later stages still run."""
from __future__ import annotations

import pytest

from marsad import pipeline
from marsad.model import Document

TEXT = "أعلنت وزارة الصحة في مدينة النخيل يوم الأحد 5 أيار 2024 إصابة 12 شخصاً، وقال المتحدث إن الوضع مستقر."


def test_the_declared_order_holds():
    pipeline.check_order(pipeline.STAGES)
    assert [s.name for s in pipeline.STAGES] == ["sentences", "numbers", "dates", "entities", "claims", "quotes"]


def test_a_stage_reading_what_no_earlier_stage_wrote_is_refused():
    swapped = [pipeline.STAGES[3], pipeline.STAGES[0]]   # entities reads sentences before they exist
    with pytest.raises(ValueError, match="entities.*sentences"):
        pipeline.check_order(swapped)
    with pytest.raises(ValueError, match="lacks"):
        pipeline.check_order([pipeline.Stage("x", lambda ad: None, writes=("nothing_such",))])


def test_a_failing_stage_fills_errors_and_the_later_stages_still_run():
    def broken(ad):
        raise RuntimeError("a broken rule")

    stages = [s if s.name != "numbers" else pipeline.Stage("numbers", broken, writes=("quantities",))
              for s in pipeline.STAGES]
    ad = pipeline.analyse(Document(id="d1", source_path="d1.txt", text=TEXT, published="2024-05-06"), stages)
    assert ad.errors == ["numbers: RuntimeError: a broken rule"]
    assert ad.quantities == []
    assert ad.sentences and ad.dates and ad.mentions        # sentences before, dates and entities after
    assert any(d.value == "2024-05-05" for d in ad.dates)


def test_a_date_owns_the_span_of_a_number():
    ad = pipeline.analyse(Document(id="d2", source_path="d2.txt", text=TEXT, published="2024-05-06"))
    assert ad.errors == []
    assert [q.text for q in ad.quantities if "2024" in q.text] == []     # the year belongs to the date
    assert any(q.value == 12 for q in ad.quantities)
