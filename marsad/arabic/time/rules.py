"""The time rules, each declared once: a name, its pattern (written with the building blocks of `lexicon.Blocks`),
the handler that resolves what it matched, and a few examples (a phrase and its value against EXAMPLE_REFERENCE,
checked by tests/arabic/test_time_rules.py), in the manner of Duckling's `Rule {name, pattern, prod}`.

The scanner tries the rules as one alternation, in the order of RULES: where two rules could match at the same
place, the earlier one wins. A handler gets (ctx, span, start, end, rule name) — span in matching form — and returns
a `Found`, None (not a date: the scanner tries shorter readings) or SKIP (not a date, nor anything inside it).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .handlers.clock import clock
from .handlers.dates import (bare_month, day_month, day_of_this_month, day_range, decade, hijri_date, hijri_day_range,
                             holiday, month_direction, month_part, month_year, nth_after_holiday, nth_of_month,
                             numeric_dmy, numeric_month_year, numeric_ymd, season, weekday_and_date,
                             weekday_and_numeric, year)
from .handlers.relative import after, ago, deictic_day, now, period, relative_unit, tonight, weekday
from .context import Ctx, HandlerResult
from .lexicon import Blocks

# a rule's handler: (ctx, span in matching form, start, end, rule name) -> Found | None | SKIP
Handler = Callable[[Ctx, str, int, int, str], HandlerResult]

# the reference the examples are resolved against: Tuesday 21 July 2015, 10:00 (Hijri 5 Shawwal 1436)
EXAMPLE_REFERENCE = "2015-07-21T10:00:00"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: Callable[[Blocks], str]                 # the regex, from the building blocks
    handler: Handler                                 # (marsad/arabic/time/handlers/: dates, relative, clock)
    examples: tuple[tuple[str, str], ...] = ()       # (phrase, value with prefer="past" at EXAMPLE_REFERENCE)


# ------------------------------------------------------------------ the rules, in the order they are tried
def rule(name: str, pattern: Callable[[Blocks], str], handler: Handler, *examples: tuple[str, str]) -> Rule:
    return Rule(name, pattern, handler, tuple(examples))


RULES: tuple[Rule, ...] = (
    rule("now", lambda b: rf"{b.NOW}", now,
      ("الآن", "2015-07-21T10:00:00")),
    rule("holiday", lambda b: rf"{b.HOL}(?:\s+{b.YEAR})?", holiday,
      ("عيد الفطر", "2015-07-17"), ("عيد الأضحى 2014", "2014-10-04")),
    # ranges of days in one month: «13 الى 15 تموز», «من 1-8 شهر ايلول», «يوليو 13-15», «من 13 تموز الى 15 تموز»
    rule("drange", lambda b: rf"(?:من\s+)?(?:{b.DAY}|{b.ORD})\s*(?:-|الي|حتي|وحتي|و)\s*(?:{b.DAY}|{b.ORD})\s+(?:من\s+)?{b.MONY}(?:{b.YEARREF}|\s+{b.DIR})?",
      day_range,
      ("من 13 إلى 15 يوليو", "2015-07-13/2015-07-15"), ("3-5 أغسطس 2014", "2014-08-03/2014-08-05")),
    rule("drange2", lambda b: rf"(?:من\s+)?{b.DAY}\s+{b.MONY}\s*(?:-|الي|حتي|وحتي)\s*{b.DAY}\s+{b.MONY}{b.YEARREF}?", day_range,
      ("من 3 يوليو إلى 9 يوليو 2015", "2015-07-03/2015-07-09"), ("28 يونيو - 4 يوليو 2015م", "2015-06-28/2015-07-04")),
    rule("drange3", lambda b: rf"{b.MONX}\s+{b.DAY}\s*(?:-|الي|حتي)\s*{b.DAY}{b.YEARREF}?", day_range,
      ("يوليو 13-15", "2015-07-13/2015-07-15")),
    # «اخر اثنين من شهر اذار», «ثالث ثلاثاء في ايلول في سنة 2014», «اول اسبوع بشهر اكتوبر 2014»
    rule("nth", lambda b: rf"{b.NTHHEAD}\s*(?:من\s+|في\s+|ب)(?:{b.MREF}){b.YEARREF}?(?:\s+(?:ال)?(?:سنه|عام)\s+{b.DIR})?",
      nth_of_month,
      ("آخر جمعة من شهر يونيو", "2015-06-26"), ("ثالث ثلاثاء في سبتمبر 2014", "2014-09-16")),
    rule("nth_after", lambda b: rf"{b.ORDW}\s+(?:يوم\s+)?{b.WDA}\s+بعد\s+{b.HOL}(?:\s+{b.YEAR})?", nth_after_holiday,
      ("ثاني أحد بعد عيد الفطر", "2015-07-26")),
    # weekday + explicit date: «الاثنين 18 شباط», «الخميس الموافق 14 شهر شباط», «الاربعاء، 13 شباط»
    rule("wdate", lambda b: rf"(?:يوم\s+)?{b.WD}\s*,?\s+(?:(?:في|الموافق)\s+)?(?:{b.DDAY})\s*(?:شهر\s+)?{b.MONY}(?:{b.YEARREF}|\s+{b.DIR})?",
      weekday_and_date,
      ("الاثنين 18 مايو", "2015-05-18"), ("الخميس الموافق 2 يوليو 2015", "2015-07-02")),
    rule("wdnum", lambda b: rf"(?:يوم\s+)?{b.WD}\s*,?\s+(?:الموافق\s+)?(?:{b.DAY}\s*/\s*\d{{1,2}}(?!\d)(?:\s*/\s*\d{{2,4}}(?!\d))?|{b.YEAR}\s*/\s*\d{{1,2}}\s*/\s*\d{{1,2}}(?!\d))(?:\s*{b.HMARK}(?!\w))?",
      weekday_and_numeric,
      ("الأحد 12/7", "2015-07-12"), ("الأحد الموافق 25/9/1436هـ", "2015-07-12"),
      ("يوم الأحد الموافق 1436/9/25هـ", "2015-07-12")),
    # Hijri dates: «١٤ رمضان ١٤٤٦ هـ», «11-17 رمضان 1436هـ»
    rule("hdrange", lambda b: rf"{b.DAY}\s*(?:-|الي|حتي)\s*{b.DAY}\s+(?:من\s+)?{b.HMONY}{b.HYEAR}?", hijri_day_range,
      ("11-17 رمضان 1436هـ", "2015-06-28/2015-07-04"), ("17-11 رمضان 1436هـ", "2015-06-28/2015-07-04")),
    rule("hdate", lambda b: rf"(?:(?:يوم\s+)?{b.WD}\s*,?\s+(?:(?:في|الموافق)\s+)?)?(?:{b.DAY}|{b.ORD})\s+(?:من\s+)?{b.HMONY}{b.HYEAR}?",
      hijri_date,
      ("22 شوال 1436هـ", "2015-08-07"), ("الخامس من رمضان", "2015-06-22")),
    rule("hmonth", lambda b: rf"{b.HMONY}{b.HYEAR}", hijri_date,
      ("رمضان 1436هـ", "2015-06-18/2015-07-16")),
    # day-month(-year): «22 فبراير/ شباط 2022», «الاول من شهر شباط», «اليوم الثالث من اكتوبر»
    rule("dmy", lambda b: rf"{b.DDAY}\s*(?:شهر\s+)?{b.MONY}(?:{b.YEARREF}|\s+{b.DIR})?", day_month,
      ("22 فبراير 2015", "2015-02-22"), ("الأول من شهر مارس", "2015-03-01"), ("السادس من أغسطس الماضي", "2014-08-06")),
    # «27 الشهر الجاري», «الـ5 من هذا الشهر»
    rule("dunit", lambda b: rf"(?:(?:ال)?{b.DAY}|(?=ال){b.ORD})\s+(?:من\s+)?(?:الشهر\s+{b.DIR}|(?:{b.THIS})\s+الشهر)", day_of_this_month,
      ("27 الشهر الجاري", "2015-07-27"), ("الـ5 من هذا الشهر", "2015-07-05"),
      ("الثالث من الشهر الجاري", "2015-07-03")),
    rule("mpart", lambda b: rf"{b.PART}\s+(?:{b.MONY}|{b.HMONY})(?:{b.YEARREF}|\s+{b.DIR})?", month_part,
      ("أواخر مارس 2014", "2014-03-21/2014-03-31")),
    rule("mpart_rel", lambda b: rf"{b.PART}\s+(?:{b.UNIT}\s+{b.DIR}|(?:{b.THIS})\s+{b.UNIT}|{b.YEAR}|{b.UNIT}(?!\s+(?:ال|من|\d)))",
      month_part,
      ("نهاية هذا الشهر", "2015-07-31"), ("نهاية الشهر", "2015-07-31")),
    # month + year / relative year: «أكتوبر 2024», «أغسطس من العام الماضي», «أكتوبر/ تشرين الأول الماضي»
    rule("my", lambda b: rf"{b.MONY}\s*,?\s*(?:من\s+|في\s+)?(?:(?:{b.YMARK})\s*)?{b.YEAR}(?!\s*(?:-|/)\s*\d)", month_year,
      ("أكتوبر 2014", "2014-10"), ("يناير من عام 2013", "2013-01")),
    rule("myrel", lambda b: rf"{b.MONY}\s+(?:من\s+)?(?:(?:ال)?(?:عام|سنه)\s+{b.DIR}|(?:{b.THIS})\s+(?:ال)?(?:عام|سنه))",
      month_year,
      ("مايو من العام الماضي", "2014-05"), ("ديسمبر هذا العام", "2015-12")),
    rule("mdir", lambda b: rf"{b.MONY}\s+{b.DIR}", month_direction,
      ("يونيو الماضي", "2015-06"), ("سبتمبر المقبل", "2015-09")),
    # digit dates
    rule("ymd", lambda b: rf"{b.YEAR}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}}(?!\d)(?:\s*{b.HMARK}(?!\w))?", numeric_ymd,
      ("2015-07-14", "2015-07-14"), ("2014/12/31", "2014-12-31"), ("1436/10/30هـ", "2015-08-15")),
    rule("dmy_num", lambda b: rf"\d{{1,2}}\s*(?P<sep>[-/.])\s*\d{{1,2}}\s*(?P=sep)\s*(?:\d{{4}}|\d{{2}})(?!\d)(?:\s*{b.HMARK}(?!\w))?",
      numeric_dmy,
      ("14/7/2015", "2015-07-14"), ("25/9/1436هـ", "2015-07-12")),
    rule("my_num", lambda b: rf"(?:0?[1-9]|1[0-2])\s*/\s*{b.YEAR}", numeric_month_year,
      ("7/2015", "2015-07")),
    # weekdays: «يوم الخميس», «الثلاثاء الماضي», «احد الاسبوع الماضي», «الاثنين من هذا الاسبوع», «هذا الاثنين»
    rule("wdweek", lambda b: rf"(?:يوم\s+)?{b.WDA}\s+(?:من\s+)?(?:الاسبوع\s+{b.DIR}|(?:{b.THIS})\s+الاسبوع)", weekday,
      ("الخميس من الأسبوع الماضي", "2015-07-16"), ("الجمعة من هذا الأسبوع", "2015-07-24")),
    rule("wdord", lambda b: rf"(?:يوم\s+)?{b.WD}\s+(?=ال){b.ORD}(?:\s+من\s+(?:هذا\s+الشهر|الشهر\s+{b.DIR})|(?!\s+من\s))",
      weekday,
      ("الأربعاء الثالث عشر من الشهر الماضي", "2015-06-13")),
    rule("wd", lambda b: rf"(?:(?:{b.THIS})\s+)?(?:يوم\s+{b.WDA}|{b.WD})(?:\s+{b.DIR})?", weekday,
      ("الخميس", "2015-07-16"), ("يوم السبت الماضي", "2015-07-18"), ("الأحد المقبل", "2015-07-26")),
    # deictic days and units
    rule("dayph", lambda b: rf"{b.DAYPH}", deictic_day,
      ("أول أمس", "2015-07-19"), ("بعد غد", "2015-07-23")),
    rule("earlier", lambda b: rf"{b.alt_of('earlier_this')}\s+(?:(?:{b.THIS})\s+{b.UNIT}|{b.UNIT}\s+{b.DIR})", relative_unit,
      ("في وقت سابق من هذا الشهر", "2015-07")),
    # periods: «اليومين الماضيين», «الأيام الثلاثة الأخيرة», «الـ24 ساعة الماضية», «السنوات الثلاث المقبلة»
    rule("period", lambda b: rf"(?:(?:ال\s*)?(?:\d+|{b.NUMW})\s+)?{b.PUNIT}(?:\s+(?:ال)?(?:\d+|{b.NUMW}))?\s+{b.PDIR}", period,
      ("الأسابيع الثلاثة المقبلة", "2015-07-27/2015-08-16"), ("اليومين الماضيين", "2015-07-20/2015-07-21"),
      ("الأسبوعين الماضيين", "2015-07-08/2015-07-21"), ("الشهرين الماضيين", "2015-05/2015-06"),
      ("السنوات الثلاث المقبلة", "2016/2018"), ("الأيام الثلاثة الأخيرة", "2015-07-19/2015-07-21"),
      ("24 ساعة الماضية", "2015-07-20/2015-07-21")),
    rule("unit", lambda b: rf"(?:(?:{b.THIS})\s+{b.UNIT}|{b.UNIT}\s+{b.DIR}(?:\s+من\s+(?:ال)?(?:عام|سنه)\s+{b.DIR})?)",
      relative_unit,
      ("الأسبوع الماضي", "2015-W29"), ("هذا العام", "2015"), ("الشهر المقبل", "2015-08")),
    rule("dayw", lambda b: rf"{b.DAYW}", deictic_day,
      ("أمس", "2015-07-20"), ("اليوم", "2015-07-21"), ("غدا", "2015-07-22")),
    rule("ago", lambda b: rf"(?:قبل|منذ)\s+(?:{b.APPROX}\s+)?(?:(?:\d+|{b.NUMW})\s+{b.CUNIT}|{b.UC}(?:\s+(?:واحد|واحده))?)(?!\s+من)(?!\s*\d)",
      ago,
      ("قبل أسبوع", "2015-07-14"), ("قبل يومين", "2015-07-19"), ("منذ ثلاثة أيام", "2015-07-18"),
      ("قبل 10 أيام", "2015-07-11")),
    rule("after", lambda b: rf"{b.alt_of('after_context')}\s+(?:(?:\d+|{b.NUMW})\s+{b.CUNIT}|{b.UC}(?:\s+(?:واحد|واحده))?)", after,
      ("اجتمعوا في 3 مايو وبعد يومين", "2015-05-05")),
    # seasons and decades
    rule("season", lambda b: rf"{b.SEAS}(?:\s+(?:عام\s+|العام\s+)?{b.YEAR}|\s+(?:من\s+)?(?:ال)?(?:عام|سنه)\s+{b.DIR}|\s+{b.DIR})?",
      season,
      ("صيف 2014", "2014-22"), ("الشتاء الماضي", "2014-24")),
    rule("season_this", lambda b: rf"(?:{b.THIS})\s+{b.SEAS}", season,
      ("هذا الصيف", "2015-22")),
    rule("decade", lambda b: rf"{b.DEC}(?:\s+(?:من\s+)?القرن\s+(?:الماضي|العشرين|الحالي|الحادي\s+والعشرين))?", decade,
      ("الثمانينيات", "198X"), ("التسعينيات من القرن الماضي", "199X")),
    # clock times: «الساعة 3 صباحا», «الثالثة وربع بعد الظهر», «15:15»
    rule("clock", lambda b: rf"{b.CLOCK}\s+{b.HOUR}(?:{b.MIN})?(?:\s+{b.PER})?(?:{b.TZ})?", clock,
      ("الساعة 3 عصرا", "2015-07-21T15:00"), ("الساعة الثامنة والنصف مساء", "2015-07-21T20:30")),
    rule("clockw", lambda b: rf"{b.HOURW}(?:{b.MIN})?\s+{b.PER}", clock,
      ("العاشرة صباحا", "2015-07-21T10:00"), ("الرابعة وربع عصرا", "2015-07-21T16:15")),
    rule("hhmm", lambda b: rf"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?!\d)(?:\s+{b.PER})?", clock,
      ("15:30", "2015-07-21T15:30"), ("9:45 صباحا", "2015-07-21T09:45")),
    rule("tonight", lambda b: rf"{b.alt_of('tonight_words')}", tonight,
      ("الليلة", "2015-07-21T18:00/2015-07-21T23:59")),
    # years: «عام 2019», «العام 1949», «في 2024» (weak), decades of digits «2010s» are not Arabic usage
    rule("year", lambda b: rf"(?:{b.YMARK})\s*{b.YEAR}(?:\s*(?:{b.HMARK}|{b.alt_of('gregorian_marks')})(?!\w))?", year,
      ("عام 2011", "2011"), ("العام 1433هـ", "2011-11-26/2012-11-14")),
    rule("yearweak", lambda b: rf"(?:{b.alt_of('year_weak_markers')})\s+{b.YEAR}(?:\s*{b.HMARK}(?!\w))?", year,
      ("ولد الكاتب في 1984", "1984"), ("سجلت الحالة الأولى في 1433هـ", "2011-11-26/2012-11-14")),
    rule("month", lambda b: rf"(?:شهر\s+)?{b.MONX}", bare_month,
      ("فبراير", "2015-02"), ("شهر ديسمبر", "2014-12")),
)
RULE_BY_NAME = {r.name: r for r in RULES}
