"""The forms of issue 15, resolved as ../shared/spec/news-annotation.md («Time expressions») says, on sentences written
for these tests. Reference: Tuesday 21 July 2015 unless a test says otherwise."""
import pytest

from marsad.arabic.time import infer_publication_date, tag_dates, text_reference

PUB = "2015-07-21"   # a Tuesday


def found(text, pub=PUB):
    return [(d.text, d.value) for d in tag_dates(text, pub)]


def check(text, span, value, pub=PUB):
    got = found(text, pub)
    assert (span, value) in got, got
    d = next(d for d in tag_dates(text, pub) if d.text == span)
    assert text[d.start:d.end] == span


# ---------------------------------------------------------------- «منذ», «قبل», «بعد» with a count; last night
@pytest.mark.parametrize("text,span,value", [
    ("أغلقت السلطات المعبر منذ ثلاثة أيام بسبب الاشتباكات.", "منذ ثلاثة أيام", "2015-07-18"),
    ("وصل الوفد إلى العاصمة منذ أسبوع لبحث الملف.", "منذ أسبوع", "2015-07-14"),
    ("اختفى الصياد قبل عشرة أيام قرب الساحل.", "قبل عشرة أيام", "2015-07-11"),
    ("افتتح الجسر قبل 12 يوما فقط.", "قبل 12 يوما", "2015-07-09"),
    ("انتقل المكتب إلى المبنى الجديد قبل نحو عام.", "قبل نحو عام", "2014"),
    ("تعمل الشركة في السوق المحلية منذ نحو ثلاثة أعوام.", "منذ نحو ثلاثة أعوام", "2012"),
    ("بدأ المشروع قبل ستة أشهر.", "قبل ستة أشهر", "2015-01"),
    ("قال المتحدث إن الحملة ستنتهي بعد ثلاثة أيام.", "بعد ثلاثة أيام", "2015-07-24"),
    ("اندلع حريق في المستودع الليلة الماضية.", "الليلة الماضية", "2015-07-20"),
])
def test_counts_and_last_night(text, span, value):
    check(text, span, value)


def test_a_count_before_a_named_day_is_no_offset():
    assert found("لم يتوقف المطر منذ يوم أمس في المدينة.") == [("أمس", "2015-07-20/..")]


# ---------------------------------------------------------------- parts of the day
@pytest.mark.parametrize("text,span,value", [
    ("عاد اللاعبون إلى النادي مساء أمس بعد المباراة.", "مساء أمس", "2015-07-20"),
    ("هبطت الطائرة فجر اليوم الثلاثاء في المطار.", "فجر اليوم الثلاثاء", "2015-07-21"),
    ("أعلنت البلدية صباح اليوم إغلاق الشارع.", "صباح اليوم", "2015-07-21"),
    ("انقطعت الكهرباء بعد منتصف ليل السبت في الحي.", "بعد منتصف ليل السبت", "2015-07-19"),
    ("شهدت المدينة أمطارا ليل السبت الأحد.", "ليل السبت الأحد", "2015-07-18/2015-07-19"),
    ("أغلق المتجر أبوابه الساعة الرابعة عصرا من يوم الأحد الماضي.",
     "الساعة الرابعة عصرا من يوم الأحد الماضي", "2015-07-19T16:00"),
])
def test_parts_of_the_day(text, span, value):
    check(text, span, value)


# ---------------------------------------------------------------- the reference from «اليوم الأحد»
def test_today_weekday_fixes_a_lagging_record_date():
    text = "أعلنت الوزارة اليوم الأحد عن خطة جديدة، وقالت إنها ستبدأ غدا."
    assert text_reference(text, PUB) == "2015-07-19"
    assert found(text) == [("اليوم الأحد", "2015-07-19"), ("غدا", "2015-07-20")]


def test_today_weekday_of_the_record_date_or_without_today_is_ignored():
    assert text_reference("أعلنت الوزارة اليوم الثلاثاء عن خطة جديدة.", PUB) is None
    assert text_reference("أعلنت الوزارة اليوم الأربعاء عن خطة جديدة.", PUB) == "2015-07-15"   # 6 days: the limit
    assert text_reference("أعلنت الوزارة الأحد عن خطة جديدة.", PUB) is None   # no «اليوم»: not today
    assert text_reference("صباح اليوم الجمعة افتتح المعرض.", PUB) == "2015-07-17"


def test_pipeline_records_the_text_date_on_the_document():
    from marsad.model import Document
    from marsad.pipeline import analyse

    doc = Document(id="d1", source_path="x.txt", text="افتتح الوزير اليوم الأحد المستشفى الجديد.", published=PUB,
                   published_from="metadata")
    ad = analyse(doc)
    assert (ad.document.published, ad.document.published_from) == ("2015-07-19", "text")
    assert [(d.text, d.value) for d in ad.dates] == [("اليوم الأحد", "2015-07-19")]


# ---------------------------------------------------------------- Hijri
@pytest.mark.parametrize("text,span,value", [
    ("صدر القرار بتاريخ 1436/10/30هـ ونشر في الجريدة.", "1436/10/30هـ", "2015-08-15"),
    ("بلغ العدد حتى الساعة الرابعة عصراً من يوم الأحد الموافق 1436/9/25هـ ألف حالة.",
     "الساعة الرابعة عصراً من يوم الأحد الموافق 1436/9/25هـ", "2015-07-12T16:00"),
    ("تقام الدورة خلال الفترة 11-17 رمضان 1436هـ في جدة.", "11-17 رمضان 1436هـ", "2015-06-28/2015-07-04"),
    ("تأسست الجمعية عام 1433هـ في الرياض.", "عام 1433هـ", "2011-11-26/2012-11-14"),
    ("تهدف الخطة إلى مضاعفة الإنتاج بحلول العام 1440.", "العام 1440", "2018-09-11/2019-08-30"),
    ("أنشئ المصنع عام 1407 شرق المدينة.", "عام 1407", "1986-09-05/1987-08-24"),
])
def test_hijri(text, span, value):
    check(text, span, value)


def test_a_year_far_from_the_hijri_years_stays_gregorian():
    check("بنيت القلعة عام 1250 على التل.", "عام 1250", "1250")


# ---------------------------------------------------------------- «منذ» + a time: open intervals
@pytest.mark.parametrize("text,span,value", [
    ("تتواصل الاحتجاجات منذ الجمعة في عدة مدن.", "الجمعة", "2015-07-17/.."),
    ("يقيم اللاعب في المدينة منذ 2013 مع أسرته.", "2013", "2013/.."),
    ("تراجعت الأسعار منذ مارس 2013 بشكل مستمر.", "مارس 2013", "2013-03/.."),
    ("ارتفع عدد الزوار منذ افتتاح المتحف في يونيو 2012 إلى مليون.", "يونيو 2012", "2012-06/.."),
    ("لم تنقطع الرحلات منذ مطلع الشهر الماضي.", "مطلع الشهر الماضي", "2015-06/.."),
])
def test_since_is_an_open_interval(text, span, value):
    check(text, span, value)


def test_since_until_and_verbal_clauses_keep_points():
    assert found("تسلم الفريق الطلبات منذ بداية الحملة حتى أمس.") == [("أمس", "2015-07-20")]
    assert found("تغير الكثير منذ أن انتقلت الشركة إلى دبي في 3 مايو 2014.") == [("3 مايو 2014", "2014-05-03")]


# ---------------------------------------------------------------- periods ending or starting at the reference
@pytest.mark.parametrize("text,span,value", [
    ("تحسن الطقس خلال الأيام الثلاثة الأخيرة في المنطقة.", "الأيام الثلاثة الأخيرة", "2015-07-19/2015-07-21"),
    ("سجلت المستشفيات حالات جديدة خلال الأسبوعين الماضيين.", "الأسبوعين الماضيين", "2015-07-08/2015-07-21"),
    ("تستثمر الشركة مليار ريال في السنوات الثلاث المقبلة.", "السنوات الثلاث المقبلة", "2016/2018"),
    ("ارتفعت المبيعات في الشهرين الماضيين.", "الشهرين الماضيين", "2015-05/2015-06"),
    ("لم تسجل أي إصابة خلال الـ 24 ساعة الماضية.", "24 ساعة الماضية", "2015-07-20/2015-07-21"),
])
def test_periods(text, span, value):
    check(text, span, value)


def test_vague_periods_are_no_dates():
    assert found("تحسن الطقس خلال الأيام الماضية.") == []


# ---------------------------------------------------------------- an undated article
def test_inferred_date_follows_the_events_reported_as_past():
    text = ("وقعت الحكومة الاتفاق في أكتوبر 2024. وبعد شهر واحد، صادق البرلمان عليه. "
            "في مارس، أعلنت الوزارة بدء التنفيذ. وفي يناير، افتتحت أول محطة.")
    assert infer_publication_date(text) == "2025-03-31"


# ---------------------------------------------------------------- the one before the last; a part of the current unit
@pytest.mark.parametrize("text,span,value", [
    ("ارتفعت الصادرات العام قبل الماضي.", "العام قبل الماضي", "2013"),
    ("التقى الوزيران الخميس قبل الماضي.", "الخميس قبل الماضي", "2015-07-09"),
    ("تراجعت الأسعار منذ مطلع العام في الأسواق.", "مطلع العام", "2015/.."),
    ("سجلت المدينة حالتين خلال الساعات الـ48 الماضية.", "الساعات الـ48 الماضية", "2015-07-19/2015-07-21"),
])
def test_more_relative_forms(text, span, value):
    check(text, span, value)


def test_hours_ahead_start_today():
    check("يعود تشغيل المطار خلال الـ 24 ساعة المقبلة.", "24 ساعة المقبلة", "2015-07-21/2015-07-22")


@pytest.mark.parametrize("text,span,value", [
    ("تنتهي المهلة في الثالث من الشهر المقبل.", "الثالث من الشهر المقبل", "2015-08-03"),
    ("يلتقي الفريقان هذا المساء في الملعب.", "هذا المساء", "2015-07-21"),
    ("سيصل الوفد بعد ثلاثة أسابيع إلى المدينة.", "بعد ثلاثة أسابيع", "2015-08-11"),
])
def test_ordinal_day_this_evening_short_future_verb(text, span, value):
    check(text, span, value)


def test_a_count_after_bad_in_a_narrative_is_no_date():
    assert found("عاد الكاتب إلى قريته بعد 25 سنة من الغياب.") == []
