"""Attribution: holders, claim dates and stances of figures — on original sentences written for these tests.

The per-document pipeline runs on each fixture, so these also exercise the layers attribution reads (sentences,
numbers, dates, entities); the claims stage reports what `marsad.extract.attribution` decides.
"""
from __future__ import annotations

import pytest

from marsad.arabic.text import normalize
from tests.extract.test_claims import claim, run


def holder_is(c, want):
    assert c.holder is not None and normalize(want) in normalize(c.holder), c.holder


def test_claims_and_quotes_do_not_import_each_other():
    import ast
    from pathlib import Path

    import marsad.extract as pkg

    for mod, other in (("claims", "quotes"), ("quotes", "claims"), ("attribution", "claims"),
                       ("attribution", "quotes")):
        tree = ast.parse((Path(pkg.__file__).parent / f"{mod}.py").read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert f"marsad.extract.{other}" not in imported, (mod, other)


# ------------------------------------------------------------------ holders
@pytest.mark.parametrize("text, part, holder", [
    ("وقال المتحدث باسم الجيش إن نحو 200 جندي أرسلوا إلى الحدود.", "200", "المتحدث باسم الجيش"),
    ("قتل ما لا يقل عن 12 مدنيا في القصف، بحسب الدفاع المدني.", "12", "الدفاع المدني"),
    ("وبحسب الهلال الأحمر، فقد 9 أشخاص في البحر.", "9", "الهلال الأحمر"),
    ("وحسب الهلال الأحمر، فقد 9 أشخاص في البحر.", "9", "الهلال الأحمر"),
    ("وقد تصل كلفة الأضرار إلى 40 مليون دولار، وفقا لوزارة المالية.", "40", "وزارة المالية"),
    ("وفقاً لما أوردته وكالة الأنباء الرسمية، قتل 7 أشخاص.", "7", "وكالة الأنباء الرسمية"),
    ("ووفقًا للجمعية الوطنية للإحصاء فإن 100 ألف شخص نزحوا.", "100", "جمعية الوطنية للإحصاء"),
    ("وافادت حصيلة رسمية بأن الهجوم أسفر عن 31 قتيلا على الاقل.", "31", "حصيلة رسمية"),
    ("ونقلا عن مصادر طبية، أصيب 64 شخصا في الحادث.", "64", "مصادر طبية"),
    ("وتشير الحكومة إلى أن 120 شخصا اعتقلوا خلال الاحتجاجات.", "120", "الحكومة"),
    ("وبحسب تقديرات رسمية صادرة عن وزارة الدفاع، قتل 15 جنديا في الهجوم.", "15", "وزارة الدفاع"),
    ("وتُقدّر القاهرة أن نحو 3 آلاف لاجئ عبروا الحدود منذ الأحد.", "3", "القاهرة"),
    ("قال مسؤولون غربيون إن نحو 800 مقاتل أجنبي قتلوا في المعارك.", "800", "مسؤولون غربيون"),
    ("فيما أعرب نواب المعارضة عن تقدير بنحو 2500 إصابة في صفوف الجيش.", "2500", "نواب المعارضة"),
    ("وفي حين لا تزال الحصيلة الرسمية لوزارة الصحة عند 80 قتيلا، تتحدث مصادر أخرى عن المزيد.", "80",
     "وزارة الصحة"),
])
def test_holders(text, part, holder):
    c = claim(text, part)
    holder_is(c, holder)
    assert c.holder_start is not None and text[c.holder_start:c.holder_end] == c.holder


def test_holder_not_the_cited_source_and_claim_date():
    text = ("وأفاد وزير الخارجية الفرنسي جان مارتان الأربعاء، نقلا عن تقارير استخبارية، بأن نحو 2000 عنصر وصلوا إلى "
            "المنطقة.")
    c = claim(text, "2000")
    holder_is(c, "جان مارتان")
    assert c.claim_date == "2026-05-06"
    assert c.measure == "troops_deployed"


def test_pronoun_continuation_inherits_the_speaker():
    ad = run("وقال قائد الشرطة سمير النجار إن 11 شخصا اعتقلوا.\n\nوأوضح أن 5 عناصر من الشرطة أصيبوا.")
    c = [c for c in ad.claims if c.evidence.startswith("5")][0]
    holder_is(c, "سمير النجار")


def test_subject_before_the_verb_is_the_holder():
    holder_is(claim("الرئيس الجديد قال إن 40 شخصا اعتقلوا.", "40"), "الرئيس الجديد")


def test_unattributed_claim_has_no_holder():
    c = claim("وانهار الجسر القديم فجر الأحد، ما أدى إلى مقتل 4 أشخاص.", "4")
    assert c.holder is None and c.measure == "killed"


def test_claim_date_in_undated_article():
    c = claim("وفي مايو، قالت الشرطة إن 300 شخص اعتقلوا.", "300", published=None)
    assert c.claim_date == "XXXX-05"
    c = claim("وقالت الشرطة إن 300 شخص اعتقلوا في مايو الماضي.", "300", published="2026-09-01")
    assert c.claim_date is None   # the date belongs to the event, not to the statement


# ------------------------------------------------------------------ stances
@pytest.mark.parametrize("text, part, stance", [
    ("وقال الجيش إن 14 جنديا قتلوا.", "14", "asserted"),
    ("ويُعتقد أن نحو 40 شخصا قتلوا تحت الأنقاض.", "40", "hedged"),
    ("ويرجح مراقبون أن 25 شخصا قتلوا في الغارة.", "25", "hedged"),
    ("ويُشتبه في أن المجموعة أطلقت 20 صاروخا على البلدة.", "20", "reported_belief"),
    ("وزعمت الجماعة أنها أسقطت 3 طائرات مسيرة.", "3", "reported_belief"),
    ("ونفت الوزارة أن يكون عدد القتلى قد تجاوز 90 قتيلا.", "90", "denied"),
])
def test_stances(text, part, stance):
    assert claim(text, part).stance == stance


def test_participle_after_denial_asserts():
    ad = run("ونفت الوزارة أن يكون عدد القتلى قد تجاوز 90 قتيلا، مؤكدة أن الحصيلة الرسمية بلغت 61 قتيلا.")
    by = {c.evidence.split()[-2]: c for c in ad.claims}
    assert by["90"].stance == "denied"
    assert by["61"].stance == "asserted" and normalize("الوزارة") in normalize(by["61"].holder)


# ------------------------------------------------------------------ who speaks through a passage
def test_a_total_the_statement_computes_carries_holder_and_date():
    ad = run("أعلنت وزارة الزراعة أمس تسجيل 3 حالات نفوق جديدة في المزارع الشرقية.\n\n"
             "وبذلك يرتفع عدد الحالات المسجلة منذ بداية العام إلى 40 حالة.")
    first, total = (next(c for c in ad.claims if c.evidence.startswith(x)) for x in ("3", "40"))
    holder_is(total, "وزارة الزراعة")
    assert total.claim_date == first.claim_date == "2026-05-09"


def test_continuation_verb_keeps_the_statement_date():
    ad = run("وقالت الشركة أمس إن 30 عاملا أصيبوا في الحريق. وأضافت أن 4 عمال نقلوا إلى المستشفى.")
    c = next(c for c in ad.claims if c.evidence.startswith("4"))
    holder_is(c, "الشركة")
    assert c.claim_date == "2026-05-09"


@pytest.mark.parametrize("text, part", [
    ("وقال المدير إن 12 موظفا انضموا إلى الفريق. ويذكر أن 300 موظف غادروا الشركة العام الماضي.", "300"),
    ("وأعلنت البلدية إغلاق الطريق. والجدير بالذكر أن 70 حادثا وقعت عليه في الشتاء.", "70"),
    ("وتدعى السفينة الثانية (النجمة) وتبلغ حمولتها نحو 50 ألف طن.", "50"),
    ("- تابعت اللجنة أوضاع 200 أسرة في الحي.", "200"),
])
def test_the_outlets_own_voice_has_no_holder(text, part):
    c = claim(text, part)
    assert c.holder is None and c.stance == "asserted", (c.holder, c.stance)


def test_rest_of_a_quotation_keeps_its_speaker():
    c = claim('وقال الوزير: "سنبني 40 مدرسة جديدة هذا العام. وسنعين 900 معلم في الخريف".', "900")
    holder_is(c, "الوزير")


# ------------------------------------------------------------------ a holder is a clean noun phrase
@pytest.mark.parametrize("text, part, holder", [
    ("أكدت الهيئة العامة للموانئ وصول 5 سفن جديدة إلى الميناء.", "5", "الهيئة العامة للموانئ"),
    ("وقالت المديرية العامة للمرور الحركة طبيعية، وأضافت أن 70 مخالفة سجلت.", "70", "المديرية العامة للمرور"),
    ("وكانت الهيئة الوطنية للإحصاء قد أعلنت أن 900 أسرة نزحت.", "900", "الهيئة الوطنية للإحصاء"),
    ("وقال السفير علي حسن الأمين إن 60 طالبا وصلوا إلى المطار.", "60", "السفير علي حسن الأمين"),
    ('وأكد لـ«الصحيفة» مدير عام الموانئ اللواء سالم الراشد أن 8 سفن رست أمس.', "8",
     "مدير عام الموانئ اللواء سالم الراشد"),
    ('وأوضحت "البلدية" أن 25 حديقة افتتحت.', "25", "البلدية"),
    ("وقدرت الحكومة الخسائر المتوقعة بنحو 300 مليون دولار.", "300", "الحكومة"),
    ("وفقا لتقديرات البنك المركزي فإن الاحتياطي بلغ 20 مليار دولار.", "20", "البنك المركزي"),
    ("وحسب البيانات اليومية التي تنشرها الوزارة، سجلت 9 حالات.", "9", "البيانات اليومية"),
    ("واطلع المحافظ على الإحصاءات المقدمة من المركز حيث بلغ عدد الطلبات 4000 طلب.", "4000", "المركز"),
    ("ويجادل بعض الخبراء بأن 3 شركات ستغلق.", "3", "بعض الخبراء"),
    ("وتندد دول غربية بوصول 600 مقاتل إلى المنطقة.", "600", "دول غربية"),
])
def test_holder_is_a_clean_noun_phrase(text, part, holder):
    c = claim(text, part)
    assert c.holder == holder, c.holder
    assert text[c.holder_start:c.holder_end] == c.holder


# ------------------------------------------------------------------ hedges
@pytest.mark.parametrize("text, part, stance", [
    ("ومن المتوقع أن يصل عدد الزوار إلى 5000 زائر.", "5000", "hedged"),
    ("وقال المدير إن العدد قد يرتفع إلى 30 حالة.", "30", "hedged"),
    ("ويأمل المسؤولون أن تجذب المدينة 2000 مستثمر.", "2000", "hedged"),
    ("وأعلنت الوزارة أنه قد تماثلت 7 حالات للشفاء.", "7", "asserted"),
    ("وقالت مصادر إن الشحنة، حسب تقارير، تضم 40 طنا من الأسلحة.", "40", "reported_belief"),
])
def test_hedges_and_beliefs(text, part, stance):
    assert claim(text, part).stance == stance


def test_same_source_later_keeps_the_statement_date():
    ad = run("وأعلنت وزارة النقل أمس أن 12 قطارا توقفت.\n\nوقالت الوزارة في بيان لها إن 3 محطات أغلقت.")
    c = next(c for c in ad.claims if c.evidence.startswith("3"))
    holder_is(c, "الوزارة")
    assert c.claim_date == "2026-05-09"


def test_a_statement_and_its_source_as_subject():
    c = claim("أعلن بيان صدر عن مكتب المحافظ أمس أن 6 أشخاص أصيبوا في الانفجار.", "6")
    assert c.holder == "بيان صدر عن مكتب المحافظ" and c.claim_date == "2026-05-09"


@pytest.mark.parametrize("text, part, holder, stance", [
    ("وذكر تقرير إخباري أن الشرطة أوقفت 80 شخصا.", "80", "تقرير إخباري", "reported_belief"),
    ("وتحدثت وسائل إعلام محلية عن مقتل 9 أشخاص.", "9", "وسائل إعلام محلية", "reported_belief"),
    ("وذكرت وكالة الأنباء الرسمية أن الشرطة أوقفت 80 شخصا.", "80", "وكالة الأنباء الرسمية", "asserted"),
    ("وتبنت الجماعة مقتل 15 جنديا في الهجوم.", "15", "الجماعة", "asserted"),
])
def test_unnamed_reports_are_reported_belief(text, part, holder, stance):
    c = claim(text, part)
    assert (c.holder, c.stance) == (holder, stance)


def test_a_passive_estimate_has_no_holder():
    c = claim("وقال المحلل إن السوق هادئة. وتقدر عائدات الميناء بنحو 40 مليون دولار سنويا.", "40")
    assert c.holder is None


@pytest.mark.parametrize("text, today, forecast", [
    ("وتتوقع الشركة زيادة الإنتاج من مستوى حالي يبلغ 300 طن يوميا إلى 500 طن يوميا بحلول 2030.", "300", "500"),
    ("وتوقع الوزير أن يرتفع عدد المدارس إلى 450 مدرسة مقارنة بعددها الحالي 268 مدرسة.", "268", "450"),
])
def test_todays_level_inside_a_forecast_is_asserted(text, today, forecast):
    by = {c.evidence.split()[0]: c.stance for c in run(text).claims}
    assert by[today] == "asserted" and by[forecast] == "hedged", by


def test_a_suspicion_about_something_else_leaves_the_figure_asserted():
    c = claim("وانفجرت سيارة يشتبه بأنها مفخخة قرب السوق، مما أسفر عن إصابة 10 أشخاص، وفق ما نقلت وكالة الأنباء.", "10")
    assert c.stance == "asserted" and c.holder == "وكالة الأنباء"


def test_the_lead_sentence_dates_its_source_statements():
    ad = run("تفقد مدير الدفاع المدني اللواء ماجد الزهراني أمس مراكز الإيواء في المنطقة.\n\n"
             "وأوضح اللواء الزهراني في تصريح صحفي أن 450 أسرة استفادت من الخدمات.")
    c = next(c for c in ad.claims if c.evidence.startswith("450"))
    holder_is(c, "اللواء الزهراني")
    assert c.claim_date == "2026-05-09"


def test_figure_in_a_quotation_over_two_paragraphs():
    c = claim('وقال المتحدث "سنفتح الطريق خلال يومين.\n\nونعمل على إعادة الكهرباء إلى 300 منزل في الحي".', "300")
    holder_is(c, "المتحدث")


@pytest.mark.parametrize("text, part, holder", [
    ("وقال جيم كرافت قائد الشرطة في البلدة إن 9 أشخاص أصيبوا.", "9", "جيم كرافت قائد الشرطة"),
    ("ودعت الحكومة إلى تبني تدابير جديدة بعد أن قتل 25 شخصا في الهجوم.", "25", None),
])
def test_names_go_on_and_verbal_nouns_are_no_cue(text, part, holder):
    assert claim(text, part).holder == holder


def test_a_forecast_of_the_clause_subject():
    ad = run("وخفض البنك الدولي من توقعاته لنمو التجارة إلى نحو 3 في المائة، فيما فقدت العملة نحو 10 في المائة من قيمتها.")
    by = {c.evidence.split()[1]: c for c in ad.claims}
    assert (by["3"].holder, by["3"].stance) == ("البنك الدولي", "hedged")
    assert by["10"].holder is None and by["10"].stance == "asserted"


def test_the_verb_of_a_relative_attribution_is_not_the_holder():
    c = claim("وقتل 14 شخصا في انهيار المبنى، بحسب ما أعلنت هيئة الإسعاف الوطنية.", "14")
    assert c.holder == "هيئة الإسعاف الوطنية"


def test_the_object_of_the_reporting_verb_is_not_the_holder():
    c = claim("وأعلنت البلدية الحصيلة النهائية للحريق: 23 قتيلا.", "23")
    assert c.holder == "البلدية"
