"""Datelines, bylines and page furniture at the start of a summary sentence (marsad/corpus/summary.py news_start,
arabic/data/summary.yaml), on our own sentences: what is cut, what is never chosen, and what stays the news."""
from __future__ import annotations

import pytest

from marsad.corpus.summary import news_start, summarise
from marsad.model import AnalysedDocument, Document, Sentence, Story


@pytest.mark.parametrize("text, news", [
    # an agency, a dash, a place with its country in brackets, a colon
    ("وكالة النسيم - المرفأ (الساحل): قال المتحدث إن الميناء أعيد فتحه.", "قال المتحدث إن الميناء أعيد فتحه."),
    # an outlet and its desk, no colon
    ("صحيفة الضحى – متابعات أعلنت الهيئة موعد الامتحانات.", "أعلنت الهيئة موعد الامتحانات."),
    # a reporter, an outlet and a place
    ("سامر الحداد- الضحى- المرفأ: أصيب طفلان في حادث سير.", "أصيب طفلان في حادث سير."),
])
def test_new_dateline_forms_are_cut(text, news):
    assert text[news_start(text):] == news


@pytest.mark.parametrize("text", ["سامر الحداد – ليلى نور – المرفأ", "صحيفة الضحى – متابعات"])
def test_a_byline_alone_is_furniture(text):
    assert news_start(text) is None


@pytest.mark.parametrize("text", [
    "وقالت السيدة – هند من المرفأ: إن الاحتفالات كانت جميلة هذا العام.",   # a speaker and her colon
    "ثم قال -رحمه الله-: «هذا هو الطريق».",
    "شاهد على العصر يروي قصة المدينة القديمة.",                               # «شاهد» is a noun here
    "2029 - افتتاح الجسر الجديد فوق النهر.",                                  # a date list item is news
])
def test_sentences_that_merely_look_like_datelines_keep_their_words(text):
    assert news_start(text) == 0


def test_no_summary_sentence_is_a_byline_or_starts_with_one():
    text = ("سامر الحداد – ليلى نور – المرفأ\n"
            "وكالة النسيم - المرفأ (الساحل): أعلنت إدارة الميناء الثلاثاء استئناف حركة السفن التجارية بعد توقف دام "
            "أسبوعين بسبب العاصفة.\n"
            "وقال مدير الميناء إن عشرين سفينة تنتظر دورها في تفريغ حمولتها من القمح والوقود والمواد الغذائية.")
    sents, pos = [], 0
    for line in text.split("\n"):
        sents.append(Sentence(start=pos, end=pos + len(line)))
        pos += len(line) + 1
    ad = AnalysedDocument(document=Document(id="d1", source_path="d1.txt", text=text, published="2030-02-05"),
                          sentences=sents)
    out = summarise(Story(id="s", title="ميناء", documents=["d1"]), [ad], duplicates={})
    assert out
    for s in out:
        assert text[s.start:s.end] == s.text
        assert not s.text.startswith(("سامر", "وكالة النسيم"))
