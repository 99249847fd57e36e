"""Temporal tagger: every pattern on sentences written for these tests (no third-party text)."""
import datetime as dt

import pytest

from marsad.arabic.time import (find_publication_date, infer_publication_date, parse_time, tag_dates,
                                tag_durations)

PUB = "2024-11-06"  # a Wednesday


def dates(text, pub=PUB, prefer="past"):
    return [(d.text, d.value, d.grain, d.resolved_from) for d in tag_dates(text, pub, prefer=prefer)]


def one(text, pub=PUB, prefer="past"):
    ds = tag_dates(text, pub, prefer=prefer)
    assert len(ds) == 1, [(d.text, d.value) for d in ds]
    d = ds[0]
    assert text[d.start:d.end] == d.text
    return d


# ---------------------------------------------------------------- absolute dates
@pytest.mark.parametrize("text,span,value,grain", [
    ("افتتح المعرض في 14 مارس 2023 بحضور الوزير.", "14 مارس 2023", "2023-03-14", "day"),
    ("وقع الاتفاق في 9 آذار/ مارس 2021 في العاصمة.", "9 آذار/ مارس 2021", "2021-03-09", "day"),
    ("بدأت الأزمة في 5 يناير/ كانون الثاني 2020 وما زالت.", "5 يناير/ كانون الثاني 2020", "2020-01-05", "day"),
    ("وصل الوفد في 17 أكتوبر (تشرين الأول) 2019.", "17 أكتوبر (تشرين الأول) 2019", "2019-10-17", "day"),
    ("أعلنت الشركة النتائج في 3 سبتمبر أيلول 2022.", "3 سبتمبر أيلول 2022", "2022-09-03", "day"),
    ("سجلت الحادثة في ٢٠ يوليه ٢٠١٨ قرب الميناء.", "٢٠ يوليه ٢٠١٨", "2018-07-20", "day"),
    ("صدر القرار بتاريخ 12/06/2018 عن المجلس.", "12/06/2018", "2018-06-12", "day"),
    ("نشر التقرير يوم 2018-06-12 على الموقع.", "2018-06-12", "2018-06-12", "day"),
    ("جرت الانتخابات في إبريل/نيسان 2016.", "إبريل/نيسان 2016", "2016-04", "month"),
    ("تراجع الإنتاج في فبراير/ شباط 2022 بشكل حاد.", "فبراير/ شباط 2022", "2022-02", "month"),
    ("تأسس النادي عام 1949 في المدينة.", "عام 1949", "1949", "year"),
    ("عاد إلى بلاده في العام 1987 بعد غياب.", "العام 1987", "1987", "year"),
    ("ازدهرت الصناعة في التسعينيات من القرن الماضي.", "التسعينيات من القرن الماضي", "199X", "decade"),
    ("اشتهرت الفرقة في ثمانينيات القرن العشرين.", "ثمانينيات القرن العشرين", "198X", "decade"),
    ("افتتح الجسر في ربيع 2024 وسط احتفالات.", "ربيع 2024", "2024-21", "season"),
    ("تأجل المشروع إلى خريف 2026.", "خريف 2026", "2026-23", "season"),
])
def test_absolute(text, span, value, grain):
    d = one(text)
    assert (d.text, d.value, d.grain, d.resolved_from) == (span, value, grain, "absolute")


def test_weak_year_marker_span_is_the_year_only():
    d = one("تضاعف عدد الزوار في 2024، حسب الهيئة.")
    assert (d.text, d.value, d.grain) == ("2024", "2024", "year")


def test_hijri_date_converted():
    d = one("صدر الأمر الملكي في ١٤ رمضان ١٤٤٦ هـ بتعيين المحافظ.")
    assert d.value == "2025-03-14" and d.grain == "day" and d.resolved_from == "absolute"
    d = one("يوم الخميس 9/9/1436 اجتمع المجلس.")
    assert d.value == "2015-06-26"


def test_hijri_year_is_an_interval():
    d = one("أنشئت الجمعية عام 1432 هـ في الرياض.")
    assert d.grain == "interval" and d.value == "2010-12-07/2011-11-25"


# ---------------------------------------------------------------- bare numbers are not years
@pytest.mark.parametrize("text", [
    "أصيب نحو 4700 شخص في الفيضانات.",
    "بلغ عدد الجنود 2000 جندي على الحدود.",
    "باعت الشركة 1999 سيارة خلال الربع.",
    "سجل المؤشر 2024 نقطة عند الإغلاق.",
    "منذ 1500 عام بنيت القلعة.",
    "فاز الفريق بنتيجة 3-1 على ضيفه.",
])
def test_bare_numbers_are_not_dates(text):
    assert tag_dates(text, PUB) == []


# ---------------------------------------------------------------- relative to the publication date
def test_weekdays_most_recent_on_or_before_publication():
    assert dates("قال الوزير الثلاثاء إن المحادثات مستمرة.") == [("الثلاثاء", "2024-11-05", "day", "publication")]
    assert dates("وأعلنت الحكومة يوم الأربعاء خطتها.")[0][:2] == ("يوم الأربعاء", "2024-11-06")
    assert dates("وصل الرئيس الجمعة إلى العاصمة.")[0][1] == "2024-11-01"


def test_weekday_scheduled_future():
    assert dates("ستعقد القمة المقررة في جنيف الجمعة.")[0][1] == "2024-11-08"
    assert dates("يلتقي الوفدان في الجولة المرتقبة الأحد.")[0][1] == "2024-11-10"
    assert dates("سيزور الرئيس المدينة الخميس.")[0][1] == "2024-11-07"
    assert dates("يعود اللاعبون إلى التدريب الإثنين المقبل.")[0][1:3] == ("2024-11-11", "day")
    # a marker in an earlier clause does not reach the weekday
    assert dates("القمة المرتقبة في الخريف، بحسب ما أعلن المكتب الثلاثاء.")[-1][1] == "2024-11-05"


def test_weekday_with_direction_and_deictic():
    assert dates("اجتمع المجلس السبت الماضي.")[0][1] == "2024-11-02"
    assert dates("يصل الوفد غدا الخميس.")[0][:2] == ("غدا الخميس", "2024-11-07")
    assert dates("ولا يزال كل يوم جمعة يوم عطلة.") == []


@pytest.mark.parametrize("text,span,value,grain", [
    ("أعلنت الوزارة أمس عن خطة جديدة.", "أمس", "2024-11-05", "day"),
    ("ويبدأ العمل اليوم في المشروع.", "اليوم", "2024-11-06", "day"),
    ("تنطلق البطولة غدا في الملعب الكبير.", "غدا", "2024-11-07", "day"),
    ("وقعت الحادثة أول أمس قرب الجسر.", "أول أمس", "2024-11-04", "day"),
    ("ارتفعت الأسعار الأسبوع الماضي.", "الأسبوع الماضي", "2024-W44", "week"),
    ("تبدأ الامتحانات الأسبوع المقبل.", "الأسبوع المقبل", "2024-W46", "week"),
    ("تراجعت الصادرات الشهر الماضي.", "الشهر الماضي", "2024-10", "month"),
    ("يفتتح المتحف الشهر المقبل.", "الشهر المقبل", "2024-12", "month"),
    ("ارتفع الدين العام الماضي بنسبة كبيرة.", "العام الماضي", "2023", "year"),
    ("تتوقع الحكومة نموا العام المقبل.", "العام المقبل", "2025", "year"),
    ("زادت الرحلات هذا العام.", "هذا العام", "2024", "year"),
    ("زار الوزير المنطقة في أغسطس من العام الماضي.", "أغسطس من العام الماضي", "2023-08", "month"),
    ("وفي أكتوبر/ تشرين الأول الماضي توقفت المصانع.", "أكتوبر/ تشرين الأول الماضي", "2024-10", "month"),
    # «منذ» + a time: the open interval from it (../shared/spec news-annotation, contract «2013/..»)
    ("انخفضت المبيعات منذ يونيو الماضي.", "يونيو الماضي", "2024-06/..", "interval"),
    ("انتقل الفريق إلى ملعبه الجديد في سبتمبر.", "سبتمبر", "2024-09", "month"),
    ("تبدأ المرحلة الثانية في ديسمبر.", "ديسمبر", "2023-12", "month"),
    ("تعمل اللجنة منذ الخريف الماضي على التقرير.", "الخريف الماضي", "2023-23/..", "interval"),
    ("زار الوفد العاصمة خلال الصيف.", "الصيف", "2024-22", "season"),
    ("ذكرت الصحيفة في وقت سابق من هذا الشهر أن الاتفاق قريب.", "في وقت سابق من هذا الشهر", "2024-11", "month"),
])
def test_relative(text, span, value, grain):
    d = one(text)
    assert (d.text, d.value, d.grain, d.resolved_from) == (span, value, grain, "publication")


def test_bare_month_prefer_future():
    assert one("تبدأ المرحلة الثانية في ديسمبر.", prefer="future").value == "2024-12"
    assert one("انتقل الفريق إلى ملعبه الجديد في سبتمبر.", prefer="future").value == "2025-09"
    assert one("قال المدير الخميس إن العمل مستمر.", prefer="future").value == "2024-11-07"


def test_context_relative():
    ds = dates("في مارس 2021 وقع الطرفان اتفاقا، وبعد شهر واحد بدأ التنفيذ.", pub=None)
    assert ds[-1] == ("بعد شهر واحد", "2021-04", "month", "context")
    ds = dates("تأسس المصنع عام 2012 ثم توسع في العام نفسه.", pub=None)
    assert ds[-1] == ("العام نفسه", "2012", "year", "context")


def test_undated_article_unknown_year():
    assert dates("وفي سبتمبر أعلنت الوزارة خطتها.", pub=None) == [("سبتمبر", "XXXX-09", "month", "unresolved")]
    assert dates("زار الوزير المنطقة في أغسطس من العام الماضي.", pub=None)[0][1] == "XXXX-08"
    assert dates("قال المتحدث الخميس إن الحوار مستمر.", pub=None)[0][1:] == (None, "day", "unresolved")
    assert dates("وقعت الحادثة في 22 فبراير/ شباط 2022.", pub=None)[0][1] == "2022-02-22"


def test_inferred_publication_flag():
    ds = tag_dates("أعلنت الهيئة أمس النتائج.", "2024-05-10", published_from="inferred")
    assert ds[0].value == "2024-05-09" and ds[0].resolved_from == "inferred"


# ---------------------------------------------------------------- durations are not dates
@pytest.mark.parametrize("text", [
    "استمرت المفاوضات خلال ثلاثة أشهر متواصلة.",
    "يعيش في المدينة منذ أكثر من ثلاث سنوات.",
    "أغلق الطريق لمدة يومين بسبب الأمطار.",
    "قتل نحو ألف مقاتل خلال ثلاثة أشهر فقط.",
])
def test_durations_not_emitted(text):
    assert tag_dates(text, PUB) == []
    ds = tag_durations(text)
    assert ds and ds[0]["unit"] in ("month", "year", "day")
    assert text[ds[0]["start"]:ds[0]["end"]] == ds[0]["text"]


def test_durations_counts():
    d = tag_durations("استمرت المفاوضات خلال ثلاثة أشهر.")[0]
    assert (d["unit"], d["count"]) == ("month", 3)


# ---------------------------------------------------------------- not dates
@pytest.mark.parametrize("text", [
    "مارس اللاعب هوايته المفضلة.",
    "زار الأب ابنه في المستشفى.",
    "تقع الشركة في شارع 26 سبتمبر وسط المدينة.",
    "احتفل الطلاب في اليوم الوطني بالمدرسة.",
    "وفي تلك الليلة لم ينم أحد.",
    "قاد الشاب الحراك في الربيع العربي.",
])
def test_not_dates(text):
    assert tag_dates(text, PUB) == []


def test_offsets_with_diacritics_and_tatweel():
    text = "وَصَلَ الوَفْدُ يَوْمَ الخَمِيسِ إلى المديـــنة في ٣ مارسَ ٢٠٢٤."
    ds = tag_dates(text, PUB)
    assert [d.value for d in ds] == ["2024-10-31", "2024-03-03"]
    for d in ds:
        assert text[d.start:d.end] == d.text


# ---------------------------------------------------------------- parse_time (Duckling conventions)
REF = "2013-02-12T04:30:00"


@pytest.mark.parametrize("phrase,value,grain", [
    ("الجمعة", "2013-02-15", "day"),
    ("الثلاثاء", "2013-02-19", "day"),
    ("أمس", "2013-02-11", "day"),
    ("بعد غد", "2013-02-14", "day"),
    ("الأسبوع المقبل", "2013-W08", "week"),
    ("الشهر الماضي", "2013-01", "month"),
    ("السنة القادمة", "2014", "year"),
    ("الخامس من آب", "2013-08-05", "day"),
    ("منتصف نيسان", "2013-04-15", "day"),
    ("آخر خميس من شهر أيار", "2013-05-30", "day"),
    ("الساعة 7 مساء", "2013-02-12T19:00", "hour"),
    ("الساعة الخامسة وعشر دقائق صباحا", "2013-02-12T05:10", "minute"),
    ("14:05", "2013-02-12T14:05", "minute"),
    ("عيد الفطر 2015", "2015-07-17", "day"),
])
def test_parse_time(phrase, value, grain):
    assert parse_time(phrase, REF) == {"value": value, "grain": grain}


def test_parse_time_prefer_past_and_whole_phrase():
    assert parse_time("الجمعة", REF, prefer="past")["value"] == "2013-02-08"
    assert parse_time("نيسان", REF, prefer="past")["value"] == "2012-04"
    assert parse_time("الجمعة والسبت", REF) is None  # no single parse covers the phrase
    assert parse_time("حب", REF) is None
    assert parse_time("", REF) is None


def test_parse_time_intervals():
    assert parse_time("من 3 الى 5 أيار", REF)["value"] == "2013-05-03/2013-05-05"
    assert parse_time("في أوائل نيسان", REF)["value"] == "2013-04-01/2013-04-10"
    assert parse_time("رمضان 2019", REF)["value"] == "2019-05-06/2019-06-03"


def test_parse_time_reference_types():
    assert parse_time("غدا", dt.date(2020, 2, 28)) == {"value": "2020-02-29", "grain": "day"}
    assert parse_time("غدا", dt.datetime(2020, 12, 31, 10)) == {"value": "2021-01-01", "grain": "day"}


# ---------------------------------------------------------------- publication date
def test_find_publication_date():
    assert find_publication_date("عنوان الخبر\nنشر في 12 مارس 2024\nنص الخبر هنا.") == "2024-03-12"
    assert find_publication_date("تاريخ النشر: 05/01/2023 - 10:30") == "2023-01-05"
    assert find_publication_date("آخر تحديث 3 يوليو 2022") == "2022-07-03"
    assert find_publication_date("قال الوزير أمس إن الوضع مستقر.") is None


def test_infer_publication_date():
    text = "في مارس 2021 وقع الاتفاق، وفي 14 يونيو 2022 عدل، وفي عام 2023 انتهى."
    assert infer_publication_date(text) == "2023-12-31" or infer_publication_date(text) == "2022-06-14"
    assert infer_publication_date("في أكتوبر 2024 اجتمع المجلس.") == "2024-10-31"
    assert infer_publication_date("لا تاريخ هنا.") is None


def test_feast_in_news_is_the_nearest():
    # published 2015-07-22: the coming Eid al-Adha (2015-09-23) is nearer than the last one (2014-10-04)
    assert one("تبدأ إجازة عيد الأضحى للموظفين قريبا.", pub="2015-07-22").value == "2015-09-23"
    assert one("احتفل الأهالي بعيد الفطر في الساحات.", pub="2015-07-22").value == "2015-07-17"


def test_after_with_future_verb_counts_from_publication():
    d = tag_dates("انضم اللاعب إلى النادي عام 2012، وسينتهي عقده بعد عامين.", "2015-07-21")[-1]
    assert (d.text, d.value, d.resolved_from) == ("بعد عامين", "2017", "publication")


def test_weekday_then_indefinite_ordinal():
    ds = dates("يذكر أن اليوم الأربعاء ثاني أيام المعرض.")
    assert ds == [("اليوم الأربعاء", "2024-11-06", "day", "publication")]


@pytest.mark.parametrize("text,value", [
    ("تبدأ الحفلة عند الساعة 9.30 مساء في الحديقة.", "2024-11-06T21:30"),
    ("يفتح السوق من الثامنة مساء وحتى الثالثة فجرا.", "2024-11-06T20:00/2024-11-07T03:00"),
    ("تسير الرحلات بين 10-15 ديسمبر المقبلين.", "2024-12-10/2024-12-15"),
])
def test_clock_and_ranges_in_news(text, value):
    assert one(text).value == value


def test_first_hour_is_not_one_oclock():
    assert tag_dates("كانت الساعة الأولى من المباراة هادئة.", PUB) == []


def test_hour_duration_is_not_a_clock_time():
    assert tag_dates("استمر الاجتماع ساعة واحدة ثم انفض.", PUB) == []
    assert tag_dates("تعمل الفرق على مدار الساعة.", PUB) == []


def test_same_month_last_year_and_day_after_day():
    ds = dates("ارتفعت المبيعات في مايو 2023 مقارنة بالشهر نفسه من العام الماضي.")
    assert ds[-1] == ("الشهر نفسه من العام الماضي", "2022-05", "month", "context")
    assert dates("تتحسن الخدمة يوما بعد يوم في المدينة.") == []


def test_day_of_relative_month():
    assert one("ينطلق المهرجان 27 الشهر الجاري في الطائف.").value == "2024-11-27"
    assert one("انتهت الدورة في الـ3 من الشهر الماضي.").value == "2024-10-03"


def test_today_names_and_subjects():
    assert dates("وصل اليوم الوفد الرسمي إلى المدينة.")[0][:2] == ("اليوم", "2024-11-06")
    assert dates("احتفلت المدارس باليوم العالمي للمعلم.") == []
    assert dates("قال مراسل عين اليوم إن الطريق مغلق.") == []
    assert dates("أكد المدرب أمس (الثلاثاء) جاهزية الفريق.")[0][:2] == ("أمس (الثلاثاء)", "2024-11-05")
