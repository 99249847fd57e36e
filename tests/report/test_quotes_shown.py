"""The quotes a dossier and a report show are speech (marsad/extract/quotes.py, arabic/data/quotes.yaml): a name or a
term in «» is no quote, and a speaker is a clean noun phrase. Our own sentences (in tests/report: the quote module's
own tests live in tests/extract)."""
from __future__ import annotations

from marsad.extract.quotes import clean_speaker
from marsad.model import Document
from marsad.pipeline import analyse


def quotes(text: str):
    return [(q.text, q.speaker) for q in analyse(Document(id="t", source_path="t.txt", text=text)).quotes]


def test_a_name_in_quotation_marks_is_not_a_quote():
    assert quotes("وأعلن التحالف العربي «هدنة إنسانية» لمدة خمسة أيام تبدأ الليلة.") == []
    assert quotes("وتقدمت قوات «اللواء 55» نحو المدينة صباح اليوم بعد معارك عنيفة.") == []


def test_quoted_words_inside_reported_speech_stay_quotes():
    [(text, speaker)] = quotes("وأضاف الوزير أن الجيش «سيبقى على الحدود» حتى عودة الهدوء.")
    assert text == "سيبقى على الحدود" and speaker == "الوزير"
    [(text, speaker)] = quotes("وقال رئيس البلدية: «سنفتتح الجسر».")
    assert text == "سنفتتح الجسر" and speaker == "رئيس البلدية"


def test_a_speaker_loses_the_auxiliaries_in_front_of_it():
    assert clean_speaker("وكان التحالف العربي", 10, 30) == ("التحالف العربي", 15, 30)
    assert clean_speaker("وزارة الصحة", 0, 11) == ("وزارة الصحة", 0, 11)
    assert clean_speaker("كان", 0, 3) == ("كان", 0, 3)  # never emptied
