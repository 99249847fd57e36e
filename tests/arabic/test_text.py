"""Normalisation, sentence splitting and tokens with offsets."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from marsad.arabic.text import clitics, normalize, normalize_map, split_sentences, strip_clitics, tokenize


def test_normalize_folds_letters_digits_and_marks():
    assert normalize("أإآٱ") == "اااا"
    assert normalize("مستشفى") == "مستشفي"
    assert normalize("مدرسة") == "مدرسه"
    assert normalize("مُحَمَّد") == "محمد"
    assert normalize("جـــنود") == "جنود"
    assert normalize("١٢٣٤٥") == "12345" and normalize("۱۲۳") == "123"
    assert normalize("«قال»، “نعم”") == '"قال", "نعم"'


def test_normalize_never_changes_the_input_string():
    s = "قالَ الوزيرُ «إنَّ» ١٥ ألفاً"
    before = s
    normalize(s)
    assert s == before


@given(st.text())
def test_normalize_map_points_back_into_the_original(s):
    norm, idx = normalize_map(s)
    assert norm == normalize(s)
    assert len(norm) == len(idx)
    at = list(idx)
    assert all(0 <= i < len(s) for i in at)
    assert at == sorted(set(at))
    assert all(normalize(s[i]) == norm[k] for k, i in enumerate(at))


def test_sentences_do_not_split_at_arabic_comma_or_inside_quotes():
    text = ("قال الوزير، في مؤتمر صحفي، إن الوضع مستقر. وأضاف: «لن نتراجع. سنواصل العمل» حتى النهاية.\n"
            "سطر ثان بلا نقطة\n"
            "هل انتهت الأزمة؟ لا أحد يعرف.. لكن الأمل باق! وبلغ النمو 1.5 في المئة.")
    spans = split_sentences(text)
    sents = [text[a:b] for a, b in spans]
    assert sents == ["قال الوزير، في مؤتمر صحفي، إن الوضع مستقر.",
                     "وأضاف: «لن نتراجع. سنواصل العمل» حتى النهاية.",
                     "سطر ثان بلا نقطة",
                     "هل انتهت الأزمة؟", "لا أحد يعرف..", "لكن الأمل باق!", "وبلغ النمو 1.5 في المئة."]


def test_sentence_ending_inside_closing_quote_keeps_the_quote():
    text = "وقال “نحن مستعدون للحوار.” ثم غادر القاعة."
    sents = [text[a:b] for a, b in split_sentences(text)]
    assert sents[0] == "وقال “نحن مستعدون للحوار.”"


def test_unbalanced_quote_does_not_swallow_the_paragraph():
    text = "قال «إنه سيعود. ثم غادر. وانتهى اللقاء."
    assert len(split_sentences(text)) == 3


def test_abbreviation_does_not_end_a_sentence():
    text = "التقى د. سامي العلي بالطلاب. ثم عاد."
    assert [text[a:b] for a, b in split_sentences(text)][0] == "التقى د. سامي العلي بالطلاب."


@given(st.text(alphabet=st.sampled_from(list("ابت ثج.،؟!«»“”\n\"1 ")), max_size=200))
def test_sentence_spans_are_ordered_inside_the_text(text):
    prev = 0
    for a, b in split_sentences(text):
        assert prev <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        prev = b


def test_tokens_have_offsets():
    text = "وقال كيم، بحسب «الوكالة»، إن 15 ألف جندي وصلوا."
    for t in tokenize(text):
        assert text[t.start:t.end] == t.text
    assert [t.text for t in tokenize(text)][:3] == ["وقال", "كيم", "،"]


def test_spacy_pipeline_uses_marsad_sentences():
    from marsad.arabic.text import nlp

    doc = nlp()("قال الوزير، أمس، إن الوضع مستقر. وأضاف: «لن نتراجع. سنواصل» حتى النهاية.")
    assert [s.text for s in doc.sents] == ["قال الوزير، أمس، إن الوضع مستقر.",
                                           "وأضاف: «لن نتراجع. سنواصل» حتى النهاية."]


@pytest.mark.parametrize("word,profile,stem", [
    ("وجنود", "words", "جنود"), ("والجنود", "words", "جنود"), ("لجنودها", "words", "جنود"), ("ولد", "words", "ولد"),
    ("الحكومة", "words", "حكومه"), ("حكومته", "words", "حكومت"),
    ("وسيول", "names", "سيول"), ("لبوتين", "names", "بوتين"), ("الكرملين", "names", "الكرملين"),
    ("وجنوده", "names", "جنوده"), ("ولد", "names", "ولد"),
])
def test_strip_clitics_by_profile(word, profile, stem):
    assert strip_clitics(word, profile) == stem


def test_clitic_profiles_come_from_the_data_file():
    assert ("وال", 2) in clitics("words") and ("ه", 3) in clitics("words", "suffix")
    assert clitics("names", "suffix") == ()            # a name keeps its ending
    with pytest.raises(ValueError, match="words, names"):
        clitics("no_such_caller")
