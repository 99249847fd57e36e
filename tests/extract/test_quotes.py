"""Direct quotes and their speakers, on original sentences written for these tests, and on the sample corpus."""
from __future__ import annotations

import pytest

from marsad.arabic.text import normalize
from marsad.extract.quotes import clean_speaker, extract_quotes
from marsad.model import Document
from marsad.pipeline import analyse

from tests.extract.test_claims import sample_analysis, sample_doc_ids, sample_expected


def quotes(text: str):
    ad = analyse(Document(id="t", source_path="t.txt", text=text, published="2026-05-10"))
    assert not ad.errors, ad.errors
    for q in ad.quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker
    return ad.quotes


def speaker_of(qs, part):
    hits = [q for q in qs if part in q.text]
    assert hits, f"no quote with «{part}» in {[q.text for q in qs]}"
    return hits[0].speaker


def same(a, b):
    return a is not None and normalize(b) in normalize(a)


@pytest.mark.parametrize("text, part, speaker", [
    ('وقال الوزير سامي الخطيب إن "الوضع تحت السيطرة تماما في كل المناطق".', "الوضع تحت", "سامي الخطيب"),
    ("وقالت رئيسة البلدية ليلى حداد “سنعيد فتح المدارس خلال أسبوع واحد فقط”.", "سنعيد فتح", "ليلى حداد"),
    ("وقال المدير بعد اجتماع طويل مع النقابات «لن نغلق المصنع ولن نسرّح أي عامل».", "لن نغلق", "المدير"),
    ("وعلق المتحدث قائلا إن الطرفين “يحتاجان إلى مزيد من الوقت للتفاهم”.", "يحتاجان", "المتحدث"),
    ('"تم إسقاط ثلاث طائرات مسيرة فوق المدينة"، حسبما ذكرت قيادة الدفاع الجوي.', "تم إسقاط", "قيادة الدفاع الجوي"),
    ('وقال رئيس الحكومة، بحسب ما نقلت عنه الإذاعة الرسمية، إن "الإصلاحات ستستمر رغم كل الضغوط".', "الإصلاحات",
     "رئيس الحكومة"),
])
def test_speaker_from_the_reporting_verb(text, part, speaker):
    assert same(speaker_of(quotes(text), part), speaker)


def test_subject_before_the_verb_and_outlet_not_a_quote():
    text = 'مصدر أمني متابع للقضية قال لـ«الصحيفة» إن «الأجهزة الأمنية ما زالت تبحث عن المفقودين في المنطقة».'
    qs = quotes(text)
    assert [q.text for q in qs] == ["الأجهزة الأمنية ما زالت تبحث عن المفقودين في المنطقة"]
    assert same(qs[0].speaker, "مصدر أمني")


def test_subject_with_apposition_before_the_verb():
    text = 'إلا أن رئيس لجنة الأمن في البرلمان، سامي الحداد، قال إن «الأهداف هي نفسها التي أعلنها التنظيم من قبل».'
    assert same(speaker_of(quotes(text), "الأهداف"), "سامي الحداد")


def test_names_in_quote_marks_are_not_speech():
    assert quotes("وأعلنت شركة «النخلة الذهبية» عن منتج جديد.\n\nوعرض فيلم «رحلة إلى الجنوب» أمس.") == []


def test_pronoun_speaker_is_the_previous_one():
    text = ("وأفاد وزير النقل كريم العلي الخميس بأن الطريق أعيد فتحه.\n\n"
            'وقال "لن نسمح بإغلاق هذا الطريق مرة أخرى مهما كانت الظروف".')
    assert same(speaker_of(quotes(text), "لن نسمح"), "كريم العلي")


def test_sentence_subject_before_a_pronoun_verb():
    text = ("وكان الرئيس سليم الراشد قد زار المخيمات أمس، وقال أمام الأهالي: "
            '"لن نترك أي عائلة دون مأوى".')
    assert same(speaker_of(quotes(text), "لن نترك"), "سليم الراشد")


def test_several_quotes_in_one_sentence():
    # «التقصير الواضح»: a two-word characterisation without a verb is a term, not a quote (issue 18 item 4)
    text = ('وقال النائب عادل منصور إن الحكومة "تأخرت كثيرا في الاستجابة"، متهما الوزراء بـ"التقصير الواضح" '
            'بدلا من "تحمل المسؤولية كاملة".')
    qs = quotes(text)
    assert [q.text for q in qs] == ["تأخرت كثيرا في الاستجابة", "تحمل المسؤولية كاملة"]
    assert all(same(q.speaker, "عادل منصور") for q in qs)


def test_quote_across_sentences():
    text = "وأضاف المنسق في إحاطة للصحفيين: «الطرق مقطوعة. نحتاج إلى مساعدة عاجلة الآن قبل فوات الأوان».\n"
    (q,) = quotes(text)
    assert "الطرق مقطوعة." in q.text and "نحتاج إلى مساعدة" in q.text
    assert same(q.speaker, "المنسق")


def test_scare_quotes_are_skipped():
    qs = quotes('وأطلقت البلدية على المشروع اسم "الأمل الجديد".\n\nوأشاد الرئيس بتحالف بلاده "الذي لا يقهر".')
    assert qs == []


def test_no_quotes_no_output():
    assert quotes("وارتفعت أسعار الخبز في الأسواق المحلية.") == []


def test_sample_corpus_quotes():
    expected = sample_expected()
    analysis = sample_analysis()
    ids = sample_doc_ids(analysis)
    ok = 0
    for x in expected["quotes"]:
        qs = [q for q in analysis.quotes if q.doc == ids.get(x["doc"]) and normalize(x["contains"]) in normalize(q.text)]
        ok += any(any(same(q.speaker, s) for s in x["speaker_any"]) for q in qs)
    assert ok >= 0.9 * len(expected["quotes"])


# ------------------------------------------------------------------ speakers are clean noun phrases
def test_speaker_keeps_a_quoted_name_after_its_head():
    text = 'وقالت وكالة «الأنباء الوطنية» إن "الوزير سيزور المدينة الأسبوع المقبل لافتتاح المستشفى".'
    assert speaker_of(quotes(text), "الوزير سيزور") == "وكالة «الأنباء الوطنية»"


def test_a_statement_does_not_speak_its_author_does():
    text = ("وأعلنت وزارة الصحة أمس تسجيل حالات جديدة في العاصمة.\n\n"
            'وأضاف البيان: "نعمل على مدار الساعة لاحتواء انتشار المرض في كل المناطق".')
    assert speaker_of(quotes(text), "نعمل على") == "وزارة الصحة"


@pytest.mark.parametrize("text, part, speaker", [
    ('وكانت الهيئة الوطنية للإعلام قد قالت إن "البث سيستأنف خلال أيام قليلة فقط".', "البث سيستأنف",
     "الهيئة الوطنية للإعلام"),
    ('وقال للصحفيين المدير العام سالم الحربي: "لن نغلق أي فرع من فروع الشركة".', "لن نغلق", "المدير العام سالم الحربي"),
])
def test_speaker_without_auxiliary_or_addressee(text, part, speaker):
    assert speaker_of(quotes(text), part) == speaker


def test_quote_over_two_paragraphs():
    text = ('وقال المتحدث "سنفتح الطريق خلال يومين بعد إزالة الركام.\n\n'
            'ونعمل أيضا على إعادة الكهرباء إلى 300 منزل في الحي".\n\nوانتهى المؤتمر.')
    (q,) = quotes(text)
    assert q.text.endswith("في الحي") and same(q.speaker, "المتحدث")


def test_an_unclosed_mark_does_not_swallow_the_next_paragraph():
    text = ('وقال الوزير "سنعاقب المتورطين بأقسى العقوبات.\n\n'
            'وأعلنت القيادة مقتل 20 مسلحا. وقال القائد إن "المعركة ستستمر حتى تحرير كل المناطق".')
    qs = quotes(text)
    assert [q.text for q in qs] == ["المعركة ستستمر حتى تحرير كل المناطق"]


# ------------------------------------------------------------------ a quote is speech, more than a name
@pytest.mark.parametrize("text", [
    'وأكد الرئيس أن «الأمم المتحدة» مطالبة بالتحرك.',                 # an entity
    'وأعلن المتحدث باسم الجيش أن «داعش» خسر مواقعه في الشمال.',        # an entity
    'وقال المتحدث: «وزارة الخارجية الأمريكية».',                        # an entity, even after a colon
    'وأكد المدير أن مصرف «النخيل» رفع أرباحه هذا العام.',              # a short name after its head noun
    'ووصف الوزير الاتفاق بأنه "خطوة مهمة"، وأضاف أن العمل سيبدأ قريبا.',   # two words, no verb: a characterisation
    'وقال الوزير إن "سامي العلي" سيتولى إدارة الملف.',                  # two words, no verb
    'وعرضت فرقة المدينة مسرحية "بيت على الشاطئ" مساء أمس في القاعة الكبرى.',   # nobody says it: a title
    'ونشر الباحث دراسة بعنوان "الماء والمدينة في القرن الماضي: قراءة في الوثائق المحلية" في مجلة الجامعة.',
])
def test_names_terms_and_titles_are_not_quotes(text):
    assert quotes(text) == []


def test_a_short_quote_with_a_verb_is_speech():
    (q,) = quotes('وقال المسؤول إن الوضع "لا يطمئن".')
    assert q.text == "لا يطمئن" and q.speaker == "المسؤول"


def test_why_a_span_is_dropped_is_reported():
    text = 'وأكد المدير أن مصرف «النخيل» رفع أرباحه، وقال إن "النتائج فاقت كل التوقعات هذا العام".'
    ad = analyse(Document(id="t", source_path="t.txt", text=text, published="2026-05-10"))
    dropped = []
    qs = extract_quotes(ad, dropped=dropped)
    assert [q.text for q in qs] == ["النتائج فاقت كل التوقعات هذا العام"]
    assert [(q.text, why) for q, why in dropped] == [("النخيل", "named_head")]


def test_speaker_is_a_noun_phrase():
    # the topic particle «أما» is not part of the speaker
    text = 'أما مدرب الفريق سامي العلي فقال: "لعبنا جيدا لكن الحظ لم يحالفنا في الدقائق الأخيرة".'
    assert speaker_of(quotes(text), "لعبنا") == "مدرب الفريق سامي العلي"


def test_a_speaker_with_a_reporting_verb_is_no_speaker():
    assert clean_speaker("الكاتب وأضاف", 10, 22) == (None, None, None)
    assert clean_speaker("الوزير مؤكدا", 0, 12) == (None, None, None)
    assert clean_speaker("وقبل أيام فقط", 0, 13) == (None, None, None)   # an adverbial, not a speaker
    assert clean_speaker("وكان وزير النقل", 0, 15) == ("وزير النقل", 5, 15)   # «النقل» is no verb «نقل»


def test_a_statement_speaks_for_the_source_it_was_named_with():
    text = ("اكتشف علماء نوعا جديدا من الصخور في الجبل.\n\n"
            "وجاء في بيان صادر عن وزارة البيئة «عثر الفريق على الصخور قرب القمة بعد بحث طويل».\n\n"
            "ويضيف البيان «تم جمع عشرات القطع من الموقع خلال أسبوع».")
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["وزارة البيئة", "وزارة البيئة"]


def test_the_body_told_is_not_part_of_the_speaker():
    text = 'وقال الحداد لهيئة الإذاعة الوطنية (ر ن): «سنعود إلى المنافسة على كل الألقاب في الموسم المقبل».'
    assert speaker_of(quotes(text), "سنعود") == "الحداد"
    assert clean_speaker("الحداد لهيئة الإذاعة الوطنية", 5, 33) == ("الحداد", 5, 11)
    # after a title, «لهيئة» names the body he heads
    assert clean_speaker("المدير العام لهيئة الطيران", 0, 26) == ("المدير العام لهيئة الطيران", 0, 26)
