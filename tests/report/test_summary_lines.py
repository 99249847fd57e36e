"""What a dossier's summary may start with (marsad/corpus/summary.py, arabic/data/summary.yaml): never a dateline or
byline, never a link line or page furniture. Our own sentences."""
from __future__ import annotations

from marsad.corpus.summary import news_start, summarise
from marsad.model import AnalysedDocument, Document, Sentence, Story


def test_datelines_and_bylines_are_cut_off_the_first_sentence():
    for text, news in [
        ("أرجان - (المشرق): أعلنت وزارة الصحة ارتفاع الحصيلة.", "أعلنت وزارة الصحة ارتفاع الحصيلة."),
        ("الواحة - وكالات: افتتحت البلدية جسراً جديداً.", "افتتحت البلدية جسراً جديداً."),
        ("الساحل - واس - وصل الوفد إلى المدينة.", "وصل الوفد إلى المدينة."),
        ("كتب: سعيد الراوي - أكدت الوزارة أن المشروع اكتمل.", "أكدت الوزارة أن المشروع اكتمل."),
        ("(واس) - أعلنت الهيئة موعد الافتتاح.", "أعلنت الهيئة موعد الافتتاح."),
    ]:
        assert text[news_start(text):] == news, text


def test_a_sentence_in_the_body_keeps_its_words():
    text = "وقال المتحدث - في بيان - إن الفرق تواصل عملها."
    assert news_start(text, first=False) == 0
    assert news_start("قال الوزير: إن الوضع مستقر في البلدة.") == 0   # a speaker's colon is no dateline


def test_link_lines_and_furniture_are_never_summary_sentences():
    for text in ("رابط الخبر >> صحيفة الواحة", "اقرأ أيضاً: افتتاح جسر جديد", "المصدر: صحيفة الواحة",
                 "للمزيد زوروا http://example.org/news"):
        assert news_start(text) is None, text


def test_the_summary_starts_at_the_news():
    text = ("الواحة - (النهار): أعلنت بلدية الواحة الثلاثاء افتتاح جسر معلق جديد فوق نهر الزيتون بطول أربعمائة متر.\n"
            "رابط الخبر: بلدية الواحة تفتتح الجسر المعلق الجديد فوق نهر الزيتون في وسط المدينة القديمة.\n"
            "وقال رئيس البلدية إن الجسر المعلق الجديد سيخدم آلاف السكان يومياً في الأحياء الشرقية للمدينة.")
    sents, pos = [], 0
    for line in text.split("\n"):
        sents.append(Sentence(start=pos, end=pos + len(line)))
        pos += len(line) + 1
    ad = AnalysedDocument(document=Document(id="d1", source_path="d1.txt", text=text, published="2025-05-06"),
                          sentences=sents)
    out = summarise(Story(id="s", title="جسر", documents=["d1"]), [ad], duplicates={})
    assert out
    for s in out:
        assert text[s.start:s.end] == s.text   # still a verbatim span
        assert not s.text.startswith("الواحة -") and "رابط الخبر" not in s.text
    assert out[0].text.startswith("أعلنت بلدية الواحة")
