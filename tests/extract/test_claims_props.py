"""Properties of the claims stage on generated text: it never fails, and every claim points into its document.

Text is assembled from words news writes around figures (clitics glued to dual nouns, part markers, brackets, quotes,
Arabic-Indic digits), so the stage meets figures at a sentence's or a document's edge, inside a word, or nested in
marks. The entity stage is left out (no mentions): the claims stage must work without it.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.extract.claims import extract_claims
from marsad.model import AnalysedDocument, Document
from marsad.pipeline import stage_dates, stage_numbers, stage_sentences

WORDS = ["قتل", "وأصيب", "بفتاتين", "شابان", "منها", "بينهم", "من", "عناصر", "الشرطة", "نحو", "أكثر", "حالة", "حالات",
         "إصابة", "جديدة", "منذ", "عام", "2012", "إجمالي", "عدد", "إلى", "ارتفع", "قالت", "الوزارة", "إن", "مليار",
         "دولار", "في", "المائة", "بنسبة", "(", ")", "«", "»", "،", ".", "\n\n", "٤٢٥٦٠١", "17", "3", "ألف", "كورونا",
         "بحلول", "2023", "يوميا", "سفينة", "خلال", "الأسبوع", "الماضي", "طنين", "نقطة", "و5", "لم", "تتجاوز", "%"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), st.sampled_from([None, "2015-07-26"]))
def test_claims_never_fail_and_point_into_the_text(words, published):
    text = " ".join(words)
    ad = AnalysedDocument(document=Document(id="p", source_path="p.txt", text=text, published=published))
    for stage in (stage_sentences, stage_numbers, stage_dates):
        stage(ad)
    claims = extract_claims(ad)
    ids = {c.id for c in claims}
    for c in claims:
        assert 0 <= c.evidence_start < c.evidence_end <= len(text)
        assert text[c.evidence_start:c.evidence_end] == c.evidence
        assert c.scope in ("incident", "period", "cumulative")
        assert c.part_of is None or c.part_of in ids
        assert isinstance(c.facets, dict) and isinstance(c.frame, list)
