"""The time rules, each declared once: a name, its pattern (written with the building blocks of `lexicon.Blocks`),
the handler that resolves what it matched, and a few examples (a phrase and its value against EXAMPLE_REFERENCE,
checked by tests/arabic/test_time_rules.py), in the manner of Duckling's `Rule {name, pattern, prod}`.

The scanner tries the rules as one alternation, in the order of RULES: where two rules could match at the same
place, the earlier one wins. A handler gets (ctx, span, start, end, rule name) — span in matching form — and returns
a `Found`, None (not a date: the scanner tries shorter readings) or SKIP (not a date, nor anything inside it).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from . import calendar as cal
from .context import SKIP, Found, anaphoric, next_word, resolve_month, scheduled, year_after
from .lexicon import (Blocks, N, cardval, count_of, dir_of, finders, key, lex, month_of, numword, ordval, sq, unit_count,
                      word_set, words)

# the reference the examples are resolved against: Tuesday 21 July 2015, 10:00 (Hijri 5 Shawwal 1436)
EXAMPLE_REFERENCE = "2015-07-21T10:00:00"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: Callable[[Blocks], str]                 # the regex, from the building blocks
    handler: Callable                                # (ctx, span, start, end, name) -> Found | None | SKIP
    examples: tuple[tuple[str, str], ...] = ()       # (phrase, value with prefer="past" at EXAMPLE_REFERENCE)


# ------------------------------------------------------------------ days of a month
def _day_in_month_value(ctx, day, mon, year_span):
    """(value, how, date) of day `day` of month `mon`, the year read from `year_span` or from the reference."""
    yr, how = year_after(year_span, ctx)
    if yr is None and how is None and ctx.ref is not None:
        d = dir_of(year_span)
        if d in (-1, 1):
            yr, how = resolve_month(ctx, mon, "past" if d < 0 else "future", strict=True), ctx.how
    if yr is None and how == "unresolved":
        return f"XXXX-{mon:02d}-{day:02d}", "unresolved", None
    if yr is None:
        if ctx.ref is None:
            return f"XXXX-{mon:02d}-{day:02d}", "unresolved", None
        yr = resolve_month(ctx, mon, ctx.prefer)
        how = ctx.how
    d = cal.valid(yr, mon, day)
    if not d:
        return None
    return d.isoformat(), how, d


_FIRST = re.compile(N(r"(?<!\w)اول(?!\w)"))


def day_month(ctx, s, st, en, name):
    """«22 فبراير 2022», «الأول من شهر شباط», «اليوم الثالث من أكتوبر الماضي»."""
    prev = ctx.norm[max(0, st - 12):st].split()
    if prev and prev[-1] in word_set("name_heads") and not re.search(r"\d{4}", s):
        return SKIP  # «شارع 26 سبتمبر»: a name, and its month is no date either
    mo = month_of(s)
    if not mo:
        return None
    mon, calendar_, mm = mo
    head = s[:mm.start()]
    tail = s[mm.end():]
    # day: digits, ordinal words, «اول»
    dm = re.search(r"(?<!\d)(\d{1,2})(?!\d)", head)
    if dm:
        day = int(dm[1])
    else:
        om = finders().ord.search(head)
        if om:
            day = ordval(key(om[0]))
        elif _FIRST.search(head):
            day = 1
        else:
            return None
    if day == "last":
        day = 31
    if not isinstance(day, int) or not 1 <= day <= 31:
        return None
    if calendar_ == "hijri":
        return None
    if day == 31:
        yr, _ = year_after(tail, ctx)
        day = min(31, cal.month_days(yr or 2001, mon))
    res = _day_in_month_value(ctx, day, mon, tail)
    if not res:
        return None
    v, how, d = res
    # no year and no direction: the nearest such day, which a scheduled clause may turn to the coming one
    flex = year_after(tail, ctx) == (None, None) and dir_of(tail) is None
    return Found(st, en, v, "day", how, day=d, flex=flex)


def weekday_and_date(ctx, s, st, en, name):
    """«الاثنين 18 شباط»: the weekday (and «يوم») dropped, the rest read as a date."""
    w = finders().wd.search(s)
    rest = s[w.end():] if w else s
    return day_month(ctx, rest, st, en, name)


def weekday_and_numeric(ctx, s, st, en, name):
    """«الخميس 14/2», «الأحد الموافق 12/7/1436هـ», «يوم الأحد الموافق 1436/9/25هـ»."""
    F = finders()
    w = F.wd.search(s)
    nums = [int(x) for x in F.num.findall(s[w.end():])]
    day, mon = nums[0], nums[1]
    if day > 31:
        return numeric_ymd(ctx, s[w.end():], st, en, name)
    if len(nums) > 2:
        return numeric_dmy(ctx, s[w.end():], st, en, name)
    if not 1 <= mon <= 12:
        return None
    res = _day_in_month_value(ctx, day, mon, "")
    if not res:
        return None
    return Found(st, en, res[0], "day", res[1], day=res[2])


def hijri_date(ctx, s, st, en, name):
    """«14 رمضان 1446 هـ», «رمضان 1436»: a day of a Hijri month, or the whole month as an interval."""
    mo = month_of(s)
    if not mo or mo[1] != "hijri":
        return None
    F = finders()
    mon, _, mm = mo
    head = s[:mm.start()]
    wm = F.wd.search(head)
    if wm:
        head = head[wm.end():]
    dm = re.search(r"(?<!\d)(\d{1,2})(?!\d)", head)
    om = F.ord.search(head)
    day = int(dm[1]) if dm else (ordval(key(om[0])) if om else None)
    if day is not None and not (isinstance(day, int) and 1 <= day <= 30):
        return None
    ym = re.search(r"(?<!\d)(\d{3,4})(?!\d)", s[mm.end():])
    if ym:
        hy = int(ym[1])
        if hy > 1600:  # a Gregorian year after a Hijri month: «رمضان 2019» = the Ramadan within 2019
            return _hijri_in_greg_year(st, en, mon, day, hy)
    else:
        if ctx.ref is None or not day:
            return None
        h = cal.greg_to_hijri(ctx.ref)
        if not h:
            return None
        same_year = mon <= h[1] if ctx.prefer == "past" else mon >= h[1]
        hy = h[0] if same_year else h[0] + (-1 if ctx.prefer == "past" else 1)
    if day:
        g = cal.hijri_to_greg(hy, mon, day)
        if not g:
            return None
        d = dt.date(*g)
        return Found(st, en, d.isoformat(), "day", "absolute" if ym else ctx.how, day=d)
    a = cal.hijri_to_greg(hy, mon, 1)
    if not a:
        return None
    a = dt.date(*a)
    b = a + dt.timedelta(days=cal.hijri_month_days(hy, mon) - 1)
    return Found(st, en, f"{a.isoformat()}/{b.isoformat()}", "interval", "absolute")


def hijri_day_range(ctx, s, st, en, name):
    """«11-17 رمضان 1436هـ» (also written «17-11», the order of a right-to-left range): the interval of the two
    days, converted."""
    mo = month_of(s)
    if not mo or mo[1] != "hijri":
        return None
    mon, _, mm = mo
    a, b = sorted(int(x) for x in re.findall(r"(?<!\d)\d{1,2}(?!\d)", s[:mm.start()])[:2])
    ym = re.search(r"(?<!\d)(\d{4})(?!\d)", s[mm.end():])
    if ym:
        hy = int(ym[1])
    else:
        h = cal.greg_to_hijri(ctx.ref) if ctx.ref else None
        if not h:
            return None
        hy = h[0] if mon <= h[1] or ctx.prefer == "future" else h[0] - 1
    ga, gb = cal.hijri_to_greg(hy, mon, a), cal.hijri_to_greg(hy, mon, b)
    if not ga or not gb or a == b:
        return None
    return Found(st, en, f"{dt.date(*ga).isoformat()}/{dt.date(*gb).isoformat()}", "interval",
                 "absolute" if ym else ctx.how)


def hijri_year_interval(y) -> str | None:
    """The Gregorian days a Hijri year covers: 1433 -> 2011-11-26/2012-11-14."""
    a, b = cal.hijri_to_greg(y, 1, 1), cal.hijri_to_greg(y + 1, 1, 1)
    if not a or not b:
        return None
    return f"{dt.date(*a).isoformat()}/{(dt.date(*b) - dt.timedelta(days=1)).isoformat()}"


def _hijri_in_greg_year(st, en, mon, day, gy):
    """The Hijri month `mon` (or its day `day`) that falls within the Gregorian year gy."""
    h = cal.greg_to_hijri(dt.date(gy, 1, 1))
    if not h:
        return None
    for hy in (h[0], h[0] + 1):
        a = cal.hijri_to_greg(hy, mon, day or 1)
        if a and a[0] == gy:
            a = dt.date(*a)
            if day:
                return Found(st, en, a.isoformat(), "day", "absolute", day=a)
            b = a + dt.timedelta(days=cal.hijri_month_days(hy, mon) - 1)
            return Found(st, en, f"{a.isoformat()}/{b.isoformat()}", "interval", "absolute")
    return None


# ------------------------------------------------------------------ months
def _gregorian_month_year(s, ctx):
    """(month, month match, year or None, how) of a Gregorian month name in `s` and the year after it; None when
    `s` names no Gregorian month."""
    mo = month_of(s)
    if not mo or mo[1] == "hijri":
        return None
    mon, _cal, mm = mo
    yr, how = year_after(s[mm.end():], ctx)
    return mon, mm, yr, how


def month_year(ctx, s, st, en, name):
    """«أكتوبر 2024», «أغسطس من العام الماضي»."""
    got = _gregorian_month_year(s, ctx)
    if not got:
        return None
    mon, _mm, yr, how = got
    if yr is None:
        if how == "unresolved":
            return Found(st, en, f"XXXX-{mon:02d}", "month", "unresolved")
        return None
    if not 1000 <= yr <= 2200:
        return None
    return Found(st, en, f"{yr}-{mon:02d}", "month", how)


def month_direction(ctx, s, st, en, name):
    """«يونيو الماضي», «أكتوبر المقبل», «يوليو الجاري»."""
    mo = month_of(s)
    if not mo or mo[1] == "hijri":
        return None
    mon = mo[0]
    d = dir_of(s[mo[2].end():])
    if d is None or d == "same":
        return None
    if ctx.ref is None:
        return Found(st, en, f"XXXX-{mon:02d}", "month", "unresolved")
    if d == 0:
        return Found(st, en, f"{ctx.ref.year}-{mon:02d}", "month", ctx.how)
    yr = resolve_month(ctx, mon, "past" if d < 0 else "future", strict=True)
    yr += (d + 1) if d < -1 else (d - 1) if d > 1 else 0   # «مارس قبل الماضي»: a year before the last March
    return Found(st, en, f"{yr}-{mon:02d}", "month", ctx.how)


_WEAK_MONTHS = {N("آب"), N("مارس")}     # «آب» is also «father», «مارس» also «he practised»
_WEAK_MONTH_OK_BEFORE = re.compile(N(r"(?:في|منذ|خلال|حتى|شهر|مطلع|أواخر|أوائل|نهاية|بداية|منتصف|مع|قبل|بعد|من)\s*$"))


def bare_month(ctx, s, st, en, name):
    """«في مارس»: the nearest such month (before the reference in the news, unless the clause is scheduled)."""
    mo = month_of(s)
    if not mo or mo[1] == "hijri":
        return None
    mon, _, mm = mo
    word = key(mm[0])
    doubled = "/" in s or "(" in s or "-" in s
    if word in _WEAK_MONTHS and not doubled and not s.startswith(N("شهر")):
        if word == N("آب") or not _WEAK_MONTH_OK_BEFORE.search(ctx.norm[max(0, st - 12):st]):
            return None
    if ctx.ref is None:
        return Found(st, en, f"XXXX-{mon:02d}", "month", "unresolved", flex=True)
    yr = resolve_month(ctx, mon, ctx.prefer)
    return Found(st, en, f"{yr}-{mon:02d}", "month", ctx.how, flex=True)


def day_range(ctx, s, st, en, name):
    """«13 الى 15 تموز», «من 1-8 شهر أيلول», «يوليو 13-15»: the interval of the two days."""
    mo = month_of(s)
    if not mo or mo[1] == "hijri":
        return None
    mon, _, mm = mo
    if name == "drange2":
        return _cross_month_range(ctx, s, st, en, mon, mm)
    # the two day numbers (digits or ordinals), in order, outside the month name and year
    body = s[:mm.start()] + " " + s[mm.end():]
    body = re.sub(r"(?<!\d)\d{4}(?!\d)", " ", body)
    nums = [int(x) for x in re.findall(r"(?<!\d)\d{1,2}(?!\d)", body)]
    if len(nums) < 2:
        nums = [ordval(key(o[0])) for o in finders().ord.finditer(body)]
    if len(nums) < 2 or not all(isinstance(x, int) for x in nums[:2]):
        return None
    a, b = nums[0], nums[1]
    if not (1 <= a < b <= 31):
        return None
    ra = _day_in_month_value(ctx, a, mon, s[mm.end():])
    rb = _day_in_month_value(ctx, b, mon, s[mm.end():])
    if not ra or not rb:
        return None
    return Found(st, en, f"{ra[0]}/{rb[0]}", "interval", ra[1])


def _cross_month_range(ctx, s, st, en, mon, mm):
    """«من 28 يونيو إلى 4 يوليو 2015»: each end in its own month, the year (when written) after the second."""
    days = list(re.finditer(r"(?<!\d)(\d{1,2})(?!\d)", s))
    if len(days) < 2:
        return None
    second = month_of(s[days[1].end():])
    if not second or second[1] == "hijri":
        return None
    mon2 = second[0]
    tail = s[days[1].end():][second[2].end():]
    a, b = int(days[0][1]), int(days[1][1])
    rb = _day_in_month_value(ctx, b, mon2, tail)
    if not rb:
        return None
    yr_b = int(rb[0][:4]) if rb[2] else None
    ra = (_day_in_month_value(ctx, a, mon, str(yr_b - (mon > mon2))) if yr_b
          else _day_in_month_value(ctx, a, mon, tail))
    if not ra or ra[0] >= rb[0]:
        return None
    return Found(st, en, f"{ra[0]}/{rb[0]}", "interval", rb[1])


_THIS_OR_DIR_MONTH = re.compile(N(r"(?:الشهر\s+(\S+)|هذا\s+الشهر)"))


def nth_of_month(ctx, s, st, en, name):
    """«آخر اثنين من شهر آذار», «ثالث ثلاثاء في أيلول 2014», «أول أسبوع بشهر أكتوبر»."""
    F = finders()
    lx = lex()
    mo = month_of(s)
    if mo:
        mon, calendar_, mm = mo
        if calendar_ == "hijri":
            return None
        tail = s[mm.end():]
        yr, how = year_after(tail, ctx)
        if yr is None:
            if ctx.ref is None:
                return None
            yr = resolve_month(ctx, mon, ctx.prefer)
        head = s[:mm.start()]
    else:
        um = _THIS_OR_DIR_MONTH.search(s)
        if not um or ctx.ref is None:
            return None
        d = 0 if um[1] is None else lx.y["directions"].get(um[1])
        if not isinstance(d, int):
            return None
        yr, mon = cal.add_months(ctx.ref.year, ctx.ref.month, d)
        head = s[:um.start()]
        yr2, _ = year_after(s[um.end():], ctx)
        yr = yr2 or yr
    om = F.ord.search(head)
    n = ordval(key(om[0])) if om else None
    if n is None:
        return None
    wm = F.wd.search(head)
    ndays = cal.month_days(yr, mon)
    first = dt.date(yr, mon, 1)
    last = dt.date(yr, mon, ndays)
    if N("اسبوع") in head:
        mondays = [first + dt.timedelta(days=i) for i in range(ndays)
                   if (first + dt.timedelta(days=i)).isoweekday() == 1 and i + 6 < ndays]
        if not mondays:
            return None
        d = mondays[-1] if n == "last" else (mondays[n - 1] if n <= len(mondays) else None)
        return Found(st, en, cal.week(d), "week", ctx.how) if d else None
    if wm:
        wd = lx.weekdays[key(wm[0])]
        days = [first + dt.timedelta(days=i) for i in range(ndays) if (first + dt.timedelta(days=i)).isoweekday() == wd]
        d = days[-1] if n == "last" else (days[n - 1] if n <= len(days) else None)
    else:
        d = last if n == "last" else cal.valid(yr, mon, n)
    if not d:
        return None
    return Found(st, en, d.isoformat(), "day", "absolute" if re.search(r"\d{4}", s) else ctx.how, day=d)


def month_part(ctx, s, st, en, name):
    """«منتصف يوليو», «أواخر الشهر الماضي», «مطلع هذا الشهر»: the days of the month that part covers."""
    lx = lex()
    F = finders()
    pm = F.part.search(s)
    a, b = lx.y["month_parts"][key(pm[0])]
    rest = s[pm.end():]
    news = ctx.mode == "news"   # the news convention: a part of a month is that month («مطلع الشهر المقبل»)
    if name == "mpart_rel":
        if re.search(r"\d{4}", rest):
            return None
        um = F.unit.search(rest)
        unit = lx.y["units"].get(key(um[0])) if um else None
        if news and unit == "year" and ctx.ref is not None:   # «منتصف العام الماضي»: that year
            d = dir_of(rest)
            d = 0 if d is None else d
            return Found(st, en, str(ctx.ref.year + d), "year", ctx.how) if d != "same" else None
        if unit != "month" or ctx.ref is None:
            return None
        d = dir_of(rest)
        d = 0 if d is None else d
        if d == "same":
            return None
        yr, mon = cal.add_months(ctx.ref.year, ctx.ref.month, d)
    else:
        got = _gregorian_month_year(rest, ctx)
        if not got:
            return None
        mon, mm, yr, how = got
        if yr is None:
            if ctx.ref is None:
                return Found(st, en, f"XXXX-{mon:02d}", "month", "unresolved")
            d = dir_of(rest[mm.end():])
            if d in (-1, 1):
                yr = resolve_month(ctx, mon, "past" if d < 0 else "future", strict=True)
            else:
                yr = resolve_month(ctx, mon, ctx.prefer)
    if news:
        return Found(st, en, f"{yr}-{mon:02d}", "month", ctx.how if name == "mpart_rel" or not re.search(
            r"\d{4}", rest) else "absolute")
    nd = cal.month_days(yr, mon)
    a, b = min(a, nd), min(b, nd)
    if a == b:
        d = dt.date(yr, mon, a)
        return Found(st, en, d.isoformat(), "day", ctx.how, day=d)
    return Found(st, en, f"{dt.date(yr, mon, a).isoformat()}/{dt.date(yr, mon, b).isoformat()}", "interval", ctx.how)


def day_of_this_month(ctx, s, st, en, name):
    """«27 الشهر الجاري», «الـ5 من هذا الشهر»."""
    day = int(re.search(r"\d+", s)[0])
    d = dir_of(s)
    d = 0 if d is None else d
    if not isinstance(d, int) or ctx.ref is None or not 1 <= day <= 31:
        return None
    y, m = cal.add_months(ctx.ref.year, ctx.ref.month, d)
    dd = cal.valid(y, m, day)
    return Found(st, en, dd.isoformat(), "day", ctx.how, day=dd) if dd else None


# ------------------------------------------------------------------ numeric dates
def numeric_ymd(ctx, s, st, en, name):
    """«2015-07-21», «2015/7/21», «1436/10/30هـ» (Hijri when marked or when the year is a Hijri one)."""
    nums = [int(x) for x in re.findall(r"\d+", s)]
    if finders().hmark.search(s) or 1300 <= nums[0] <= 1500:
        g = cal.hijri_to_greg(nums[0], nums[1], nums[2])
        d = dt.date(*g) if g else None
        return Found(st, en, d.isoformat(), "day", "absolute", day=d) if d else None
    d = cal.valid(nums[0], nums[1], nums[2])
    return Found(st, en, d.isoformat(), "day", "absolute", day=d) if d and 1000 <= nums[0] <= 2200 else None


def numeric_dmy(ctx, s, st, en, name):
    """«21/7/2015», «5/10/1436هـ» (Hijri when marked or when the year is a Hijri one)."""
    nums = [int(x) for x in re.findall(r"\d+", s)]
    a, b, y = nums[:3]
    if y < 100:
        if "." in s:
            return None  # «1.5.20» is more likely a version/score than a date
        y += 2000
    if finders().hmark.search(s) or 1300 <= y <= 1500:
        g = cal.hijri_to_greg(y, b, a) if b <= 12 else None
        if not g:
            return None
        d = dt.date(*g)
        return Found(st, en, d.isoformat(), "day", "absolute", day=d)
    if b > 12 and a <= 12:
        a, b = b, a  # month/day order
    d = cal.valid(y, b, a)
    return Found(st, en, d.isoformat(), "day", "absolute", day=d) if d and 1000 <= y <= 2200 else None


def numeric_month_year(ctx, s, st, en, name):
    """«7/2015»."""
    nums = [int(x) for x in re.findall(r"\d+", s)]
    if not 1900 <= nums[1] <= 2100:
        return None
    d = dt.date(nums[1], nums[0], 1)
    return Found(st, en, f"{nums[1]}-{nums[0]:02d}", "month", "absolute", day=d)


# ------------------------------------------------------------------ weekdays and deictic days
_EVERY = {N("كل"), N("وكل")}


def weekday(ctx, s, st, en, name):
    """«الخميس», «الثلاثاء الماضي», «الاثنين من هذا الأسبوع», «الأربعاء الثالث من هذا الشهر»."""
    F = finders()
    lx = lex()
    wm = F.wd.search(s)
    wd = lx.weekdays[key(wm[0])]
    prev = ctx.norm[max(0, st - 8):st].split()
    if prev and prev[-1] in _EVERY:
        return None  # «كل يوم جمعة»: every Friday
    if ctx.ref is None:
        return Found(st, en, None, "day", "unresolved", flex=True)
    if name == "wdweek":
        d = dir_of(s[wm.end():])
        d = 0 if d is None else d
        if d == "same":
            return None
        monday = ctx.ref - dt.timedelta(days=ctx.ref.isoweekday() - 1) + dt.timedelta(days=7 * d)
        day = monday + dt.timedelta(days=wd - 1)
        return Found(st, en, day.isoformat(), "day", ctx.how, day=day)
    if name == "wdord":
        om = F.ord.search(s[wm.end():])
        if not om or not om[0].startswith("ال"):
            return None  # «الأربعاء ثاني أيام العزاء»: an ordinal of something else, not a day of the month
        n = ordval(key(om[0]))
        if not isinstance(n, int):
            return None
        dd = dir_of(s[wm.end() + om.end():])
        yr, mon = cal.add_months(ctx.ref.year, ctx.ref.month, dd if isinstance(dd, int) else 0)
        day = cal.valid(yr, mon, n)
        return Found(st, en, day.isoformat(), "day", ctx.how, day=day) if day else None
    d = dir_of(s[wm.end():])
    this = s.startswith(N("هذا")) or s.startswith(N("هذه"))
    if d == "same":
        return None
    if d in (-2, -1, 1, 2):   # «الخميس الماضي»; «الخميس قبل الماضي» is a week before that
        day = cal.weekday_date(ctx.ref, wd, 1 if d > 0 else -1) + dt.timedelta(days=7 * (d - (1 if d > 0 else -1)))
        flex = False
    elif this or d == 0:
        day = cal.weekday_date(ctx.ref, wd, "future" if ctx.prefer == "future" else "past")
        flex = False
    else:
        day = cal.weekday_date(ctx.ref, wd, ctx.prefer)
        flex = True
    return Found(st, en, day.isoformat(), "day", ctx.how, day=day, flex=flex, wd=wd)


_NOT_TODAY_AFTER = {N("الذي"), N("التالي")}


def deictic_day(ctx, s, st, en, name):
    """«أمس», «اليوم», «غدا», «أول أمس», «بعد غد»: the reference shifted by so many days."""
    lx = lex()
    k = key(s)
    off = lx.y["day_phrases"].get(k) if name == "dayph" else lx.y["days"].get(k)
    if off is None:
        return None
    if name == "dayw" and k == N("اليوم"):
        nw = next_word(ctx, en)
        if nw and (nw in lx.y["ordinals"] or nw in _NOT_TODAY_AFTER):
            return None
        if nw and nw.startswith("ال") and nw.endswith(("ي", "يه")) and nw not in lx.weekdays and ctx.mode == "news":
            return None  # «اليوم الوطني», «اليوم العالمي للمرأة»: a named day (nisba adjective), not today
    if anaphoric(ctx, st):
        return None
    before = ctx.norm[max(0, st - 12):st].split()
    if before and before[-1] in word_set("all_day_before"):
        return None  # «على مدار اليوم»: all day long
    if k == N("اليوم"):
        if (before and before[-1] in word_set("today_name_heads")) or _quoted_name_end(ctx, st, en):
            return None  # «عين اليوم», «"اليوم"», «المصري اليوم»: a newspaper's name
    if ctx.ref is None:
        return Found(st, en, None, "day", "unresolved")
    d = ctx.ref + dt.timedelta(days=off)
    return Found(st, en, d.isoformat(), "day", ctx.how, day=d)


def _quoted_name_end(ctx, st, en) -> bool:
    """Does a quoted name of a few words end with this word («"اليوم"», «صحيفة «المصري اليوم»»)?"""
    if en >= len(ctx.norm) or ctx.norm[en] not in "\"»”":
        return False
    n = int(lex().y["quoted_name_words"])
    q = max(ctx.norm.rfind(c, max(0, st - 40), st) for c in "\"«“")
    return q >= 0 and len(ctx.norm[q + 1:st].split()) < n and not re.search(r"[.!?\n]", ctx.norm[q:st])


_NOT_TONIGHT_AFTER = {N("التي"), N("الذي"), N("الماضيه"), N("السابقه"), N("قبل")}


def tonight(ctx, s, st, en, name):
    """«الليلة»: the evening of the reference day."""
    if ctx.ref is None or anaphoric(ctx, st):
        return None
    if next_word(ctx, en) in _NOT_TONIGHT_AFTER:
        return None
    r = ctx.ref.isoformat()
    return Found(st, en, f"{r}T18:00/{r}T23:59", "interval", ctx.how)


def now(ctx, s, st, en, name):
    """«الآن»: the reference moment (a query's «now»; in an article «حتى الآن» is «so far», no point in time)."""
    if ctx.mode == "news":
        return None
    if ctx.now is None:
        return Found(st, en, None, "minute", "unresolved")
    return Found(st, en, ctx.now.strftime("%Y-%m-%dT%H:%M:%S"), "minute", ctx.how)


# ------------------------------------------------------------------ weeks, months, years relative to the reference
def _unit_value(ref, unit, k):
    if unit == "week":
        return cal.week(ref + dt.timedelta(days=7 * k)), "week"
    if unit == "month":
        y, m = cal.add_months(ref.year, ref.month, k)
        return f"{y}-{m:02d}", "month"
    if unit == "year":
        return f"{ref.year + k}", "year"
    d = ref + dt.timedelta(days=k)
    return d.isoformat(), "day"


_SAME_MONTH_OF_YEAR = re.compile(N(r"من\s+(?:ال)?(?:عام|سنه)\s+(\S+)"))
_UNIT_GRAIN = {"week": "week", "month": "month", "year": "year"}


def relative_unit(ctx, s, st, en, name):
    """«الأسبوع الماضي», «هذا الشهر», «العام المقبل», «العام نفسه» (the previous date's year)."""
    lx = lex()
    um = finders().unit.search(s)
    unit = lx.y["units"][key(um[0])]
    d = dir_of(s[um.end():])
    if name == "earlier" or d is None:
        d = d if isinstance(d, int) else 0
    if d == "same":
        prev = ctx.prev[-1] if ctx.prev else None
        if not prev or not prev.value or prev.value.startswith("X"):
            return None
        v = prev.value.split("/")[0]
        ym = _SAME_MONTH_OF_YEAR.search(s)
        if ym and unit == "month" and re.match(r"\d{4}-\d{2}", v):
            k = lx.y["directions"].get(ym[1])      # «الشهر نفسه من العام الماضي»: that month, a year earlier
            if isinstance(k, int):
                return Found(st, en, f"{int(v[:4]) + k}-{v[5:7]}", "month", "context")
        if unit == "year" and re.match(r"\d{4}", v):
            return Found(st, en, v[:4], "year", "context")
        if unit == "month" and re.match(r"\d{4}-\d{2}(?!\d)", v):
            return Found(st, en, v[:7], "month", "context")
        if unit == "week" and re.match(r"\d{4}-\d{2}-\d{2}", v):
            return Found(st, en, cal.week(dt.date.fromisoformat(v[:10])), "week", "context")
        return None
    if ctx.ref is None:
        return Found(st, en, None, _UNIT_GRAIN[unit], "unresolved")
    v, g = _unit_value(ctx.ref, unit, d)
    return Found(st, en, v, g, ctx.how)


def _count_and_unit(s):
    """(unit, n) of «ثلاثة أيام», «11 يوما», «يومين», «أسبوع»; n None when vague («أيام»)."""
    cu = finders().cunit.search(s)
    if cu:
        n = count_of(s[:cu.start()])
        unit = lex().y["count_units"][key(cu[0])]
        if n is not None:
            return unit, n
    return unit_count(s)


def _point(ctx, st, en, unit, d, how):
    """A day reached by counting units: a day, or (in the news) the month or year when counted in months/years
    («قبل نحو عام» -> 2014)."""
    if ctx.mode == "news" and unit == "year":
        return Found(st, en, str(d.year), "year", how)
    if ctx.mode == "news" and unit == "month":
        return Found(st, en, f"{d.year}-{d.month:02d}", "month", how)
    return Found(st, en, d.isoformat(), "day", how, day=d)


def ago(ctx, s, st, en, name):
    """«قبل أسبوع», «قبل يومين», «منذ ثلاثة أيام», «قبل نحو عام»: so long before the reference (a point: «منذ» with
    a duration is no interval)."""
    unit, n = _count_and_unit(s)
    if not n or ctx.ref is None or unit == "hour":
        return None
    nxt = ctx.norm[en:en + 24].split()
    if nxt and (nxt[0].startswith("ال") or finders().mon.match(" ".join(nxt[:2])) or nxt[0] in lex().y["days"]):
        return None  # «قبل يوم العيد», «قبل شهر رمضان», «منذ يوم أمس»: a day named next, not «a day ago»
    return _point(ctx, st, en, unit, cal.shift(ctx.ref, unit, -n), ctx.how)


def after(ctx, s, st, en, name):
    """«بعد شهر واحد»: an offset from the previous date of the text (context), or from the reference when the
    clause is future («سينتهي عقده بعد عامين»)."""
    unit, n = _count_and_unit(s)
    if unit == "hour":
        return None
    prev = ctx.norm[max(0, st - 10):st].split()
    if prev and prev[-1].rstrip("ا") in set(lex().y["unit_counts"]):
        return None  # «يوما بعد يوم»: day after day
    if next_word(ctx, en) in (N("من"), N("علي")):
        return None  # «بعد يوم واحد من القصف»: relative to an event, not to the previous date
    prev = next((p for p in reversed(ctx.prev) if p.value and not p.value.startswith("X") and p.kind == "date"), None)
    if n and ctx.ref is not None and scheduled(ctx, st):
        d = cal.shift(ctx.ref, unit, n)
        if unit == "year":
            return Found(st, en, str(d.year), "year", ctx.how)
        if unit == "month":
            return Found(st, en, f"{d.year}-{d.month:02d}", "month", ctx.how)
        return Found(st, en, d.isoformat(), "day", ctx.how, day=d)
    if not n or prev is None:
        return None
    v = prev.value.split("/")[-1]
    if prev.grain == "year" and unit == "year":
        return Found(st, en, str(int(v[:4]) + n), "year", "context")
    if prev.grain in ("month", "day") and unit in ("month", "year", "week", "day"):
        base = dt.date.fromisoformat(v[:10]) if len(v) >= 10 else dt.date(int(v[:4]), int(v[5:7]), 1)
        d = cal.shift(base, unit, n)
        if prev.grain == "month" or unit in ("month", "year"):
            return Found(st, en, f"{d.year}-{d.month:02d}", "month", "context")
        return Found(st, en, d.isoformat(), "day", "context", day=d)
    return None


def period(ctx, s, st, en, name):
    """A period ending at the reference («اليومين الماضيين», «الأيام الثلاثة الأخيرة», «الـ24 ساعة الماضية»: days up
    to it, inclusive; «الشهرين الماضيين», «الأعوام الأربعة الماضية»: whole months/years before the current one) or
    starting after it («السنوات الثلاث المقبلة»; «الأسابيع الثلاثة القادمة»: whole weeks after the current one)."""
    F = finders()
    lx = lex()
    pu = F.punit.search(s)
    unit, n = lx.y["period_units"][key(pu[0])]
    d = lx.y["period_directions"][key(F.pdir.search(s)[0])]
    if n is None:
        n = count_of(s[:pu.start()] + " " + s[pu.end():F.pdir.search(s).start()])
    if not n or n < 1 or ctx.ref is None:
        return None  # «الأيام الماضية»: vague
    ref = ctx.ref
    if unit == "hour":   # «الـ24 ساعة الماضية»: yesterday and today; «الـ24 ساعة المقبلة»: today and tomorrow
        days = -(-n // 24) + 1
        a, b = (ref - dt.timedelta(days=days - 1), ref) if d < 0 else (ref, ref + dt.timedelta(days=days - 1))
        return Found(st, en, f"{a.isoformat()}/{b.isoformat()}", "interval", ctx.how)
    if unit == "week" and d == 1:
        monday = ref - dt.timedelta(days=ref.isoweekday() - 1)
        a, b = monday + dt.timedelta(days=7), monday + dt.timedelta(days=7 * (n + 1) - 1)
    elif unit in ("day", "week"):
        days = n * (7 if unit == "week" else 1)
        a, b = (ref - dt.timedelta(days=days - 1), ref) if d < 0 else (ref + dt.timedelta(days=1),
                                                                          ref + dt.timedelta(days=days))
    elif unit == "month":
        (ya, ma), (yb, mb) = ((cal.add_months(ref.year, ref.month, -n), cal.add_months(ref.year, ref.month, -1))
                              if d < 0 else (cal.add_months(ref.year, ref.month, 1),
                                             cal.add_months(ref.year, ref.month, n)))
        return Found(st, en, f"{ya}-{ma:02d}/{yb}-{mb:02d}", "interval", ctx.how)
    else:
        ya, yb = (ref.year - n, ref.year - 1) if d < 0 else (ref.year + 1, ref.year + n)
        return Found(st, en, f"{ya}/{yb}", "interval", ctx.how)
    return Found(st, en, f"{a.isoformat()}/{b.isoformat()}", "interval", ctx.how)


# ------------------------------------------------------------------ seasons, decades, years, feasts
def season(ctx, s, st, en, name):
    """«صيف 2024», «الشتاء الماضي», «هذا الربيع»."""
    lx = lex()
    sm = finders().seas.search(s)
    code = lx.y["seasons"][key(sm[0])]
    if next_word(ctx, en) in word_set("season_not_before"):
        return None
    if not s[sm.start():].startswith("ال") and name == "season" and not re.search(r"\d{4}", s) and dir_of(s) is None:
        return None  # «ربيع» without article or year: a name, or part of a Hijri month
    tail = s[sm.end():]
    ym = re.search(r"\d{4}", tail)
    if ym:
        return Found(st, en, f"{ym[0]}-{code}", "season", "absolute")
    d = dir_of(tail)
    if name == "season_this":
        d = 0
    if d == "same" or d in (-2, 2):
        return None
    if ctx.ref is None:
        return Found(st, en, f"XXXX-{code}", "season", "unresolved")
    cy, cc = cal.season_of(ctx.ref)
    if N("عام") in tail or N("سنه") in tail:       # «صيف العام الماضي»
        return Found(st, en, f"{ctx.ref.year + (d or 0)}-{code}", "season", ctx.how)
    order = [(y, c) for y in (cy - 1, cy, cy + 1) for c in (21, 22, 23, 24)]
    i = order.index((cy, cc))
    if d == -1:
        yv = [o for o in order[:i] if o[1] == code][-1][0]
    elif d == 1:
        yv = [o for o in order[i + 1:] if o[1] == code][0][0]
    elif d == 0:
        yv = next(o[0] for o in order[i - 3:i + 4] if o[1] == code and abs(order.index(o) - i) < 4)
    elif ctx.prefer == "past":
        yv = [o for o in order[:i + 1] if o[1] == code][-1][0]
    else:
        yv = [o for o in order[i:] if o[1] == code][0][0]
    return Found(st, en, f"{yv}-{code}", "season", ctx.how)


def decade(ctx, s, st, en, name):
    """«الثمانينيات» -> 198X; «الثمانينيات من القرن الحالي» -> 208X."""
    lx = lex()
    dm = finders().dec.search(s)
    w = key(dm[0])
    base = lx.y["decades"].get(w) or lx.y["decades"].get("ال" + w)
    if base is None:
        return None
    if any(sq(p) in s for p in lx.y["decade_this_century"]) or N("الحالي") in s:
        base += 100
    return Found(st, en, f"{str(base)[:3]}X", "decade", "absolute")


def year(ctx, s, st, en, name):
    """«عام 2019», «العام 1433هـ» (the Gregorian interval of a marked Hijri year), «في 2024» (weak marker, kept
    out of the span)."""
    y = int(re.search(r"\d{4}", s)[0])
    marked = finders().hmark.search(s[s.find(str(y)) + 4:])
    if (marked and 1200 <= y <= 1600) or (name == "year" and _hijri_in_context(ctx, y)):
        v = hijri_year_interval(y)
        if name == "yearweak":
            st = st + s.find(str(y))
        return Found(st, en, v, "interval", "absolute") if v else None
    if name == "yearweak":
        if not 1900 <= y <= 2100:
            return None
        nxt = ctx.norm[en:en + 20].split()
        if nxt and re.match(r"[^\W\d_]", nxt[0]) and any(nxt[0].lstrip("و").startswith(w) or nxt[0] == w
                                                         for w in word_set("count_nouns_after_year")):
            return None
        st = st + s.find(str(y))
    elif not 1000 <= y <= 2200:
        return None
    return Found(st, en, str(y), "year", "absolute")


def _hijri_in_context(ctx, y) -> bool:
    """«العام 1440» in an article of 2015 is a Hijri year: a number within the Hijri years of the reference's time
    (from 60 years before to 30 after it), unmarked, after a year word."""
    if ctx.ref is None or ctx.mode != "news" or ctx.ref.year < 1900:
        return False
    h = cal.greg_to_hijri(ctx.ref)
    return bool(h) and h[0] - 60 <= y <= h[0] + 30


def holiday(ctx, s, st, en, name):
    """«عيد الفطر», «عيد الميلاد 2014»: the feast of the year given, or the nearest one."""
    rule = lex().y["holidays"][key(finders().hol.search(s)[0])]
    ym = re.search(r"\d{4}", s)
    if ctx.ref is None and not ym:
        return None
    years = [int(ym[0])] if ym else [ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1]
    cands = []
    for gy in years:
        if "fixed" in rule:
            mm, dd = map(int, rule["fixed"].split("-"))
            cands.append(dt.date(gy, mm, dd))
        elif "easter" in rule:
            from dateutil.easter import easter
            cands.append(easter(gy))
        else:
            hmon, hday = rule["hijri"]
            r = _hijri_in_greg_year(st, en, hmon, hday, gy)
            if r:
                cands.append(r.day)
    if not cands:
        return None
    if ym:
        d = cands[0]
    elif ctx.mode == "news":
        d = min(cands, key=lambda c: abs((c - ctx.ref).days))  # a feast in the news: the nearest one
    elif ctx.prefer == "past":
        d = max(c for c in cands if c <= ctx.ref) if any(c <= ctx.ref for c in cands) else cands[0]
    else:
        d = min(c for c in cands if c >= ctx.ref) if any(c >= ctx.ref for c in cands) else cands[-1]
    return Found(st, en, d.isoformat(), "day", "absolute" if ym else ctx.how, day=d)


def nth_after_holiday(ctx, s, st, en, name):
    """«ثالث ثلاثاء بعد كريسماس 2014»: the n-th such weekday after a feast."""
    F = finders()
    i = s.find(N("بعد"))
    feast = holiday(ctx, s[i + 4:].strip(), st, en, name)
    om = F.ord.search(s[:i])
    wm = F.wd.search(s[:i])
    n = ordval(key(om[0])) if om else None
    if feast is None or not isinstance(n, int) or not wm:
        return None
    wd = lex().weekdays[key(wm[0])]
    d = feast.day + dt.timedelta(days=((wd - feast.day.isoweekday()) % 7) or 7) + dt.timedelta(days=7 * (n - 1))
    return Found(st, en, d.isoformat(), "day", feast.how, day=d)


# ------------------------------------------------------------------ clock times
def clock_parts(s):
    """(hour, minute, second, period, tz) from a clock phrase, or None."""
    lx = lex()
    F = finders()
    s = key(s)
    tz = None
    tzm = F.tz.search(s)
    if tzm:
        tz = lx.y["timezones"].get(tzm["z"].lower())
        s = s[:tzm.start()].strip()
    per = None
    pm = None
    for pm in F.per.finditer(s):
        pass
    if pm and pm.end() == len(s):
        per = lx.y["day_periods"][key(pm[0])]
        s = s[:pm.start()].strip()
    for w in words("clock_words"):
        if s.startswith(w + " "):
            s = s[len(w) + 1:]
            break
    minus = False
    mm = re.search(N(r"\s+(?:الا|إلا)\s+"), s)
    if mm:
        hs, ms, minus = s[:mm.start()], s[mm.end():], True
    else:
        m2 = re.match(r"(\d{1,2}(?:[:.]\d{2}(?::\d{2})?)?)\s*(?:و\s*(.+))?$", s)
        if m2:
            hs, ms = m2[1], m2[2]
        else:
            # hour words, then «و» + minutes
            parts = re.split(r"\s+و\s*|\s+(?=و)", s, maxsplit=1)
            hs = parts[0]
            ms = parts[1].lstrip("و") if len(parts) > 1 else None
    sec = 0
    if re.fullmatch(r"\d{1,2}(?:[:.]\d{2}(?::\d{2})?)?", hs.strip()):
        nums = [int(x) for x in hs.replace(".", ":").split(":")]
        h = nums[0]
        mi = nums[1] if len(nums) > 1 else 0
        sec = nums[2] if len(nums) > 2 else 0
    else:
        h = numword(hs)
        mi = 0
    if h is None:
        return None
    if ms:
        ms = re.sub(N(r"\s*(?:دقيقه|دقائق)$"), "", ms.strip())
        if F.frac.fullmatch(ms):
            x = lx.y["clock_fractions"][ms]
        else:
            x = numword(ms.replace("و ", "و"))
            if x is None:
                x = cardval(ms)
        if x is None or not 0 <= x < 60:
            return None
        if minus:
            h, mi = h - 1, 60 - x
        else:
            mi = x
    if not (0 <= h <= 24 and 0 <= mi < 60):
        return None
    return h, mi, sec, per, tz


_NOT_HOURS = {N("الاول"), N("الاولى"), N("اول"), N("الاخير"), N("الاخيرة")}


def clock(ctx, s, st, en, name):
    """«الساعة 3 صباحا», «الثالثة وربع بعد الظهر», «15:15»: a time of day, put on a day by the scanner."""
    ws = s.split()
    if name == "clockw" and ws[0] in _NOT_HOURS or name == "clock" and len(ws) > 1 and ws[1] in _NOT_HOURS:
        return None  # «الساعة الأولى» is «the first hour», «الأول مساء أمس» «the first team…», not 1 o'clock
    p = clock_parts(s)
    if not p:
        return None
    return Found(st, en, None, "hour" if p[1] == 0 and p[2] == 0 and name != "hhmm" else "minute", ctx.how,
                 kind="tod", tod=p)


# ------------------------------------------------------------------ the rules, in the order they are tried
def R(name, pattern, handler, *examples):
    return Rule(name, pattern, handler, tuple(examples))


RULES: tuple[Rule, ...] = (
    R("now", lambda b: rf"{b.NOW}", now,
      ("الآن", "2015-07-21T10:00:00")),
    R("holiday", lambda b: rf"{b.HOL}(?:\s+{b.YEAR})?", holiday,
      ("عيد الفطر", "2015-07-17"), ("عيد الأضحى 2014", "2014-10-04")),
    # ranges of days in one month: «13 الى 15 تموز», «من 1-8 شهر ايلول», «يوليو 13-15», «من 13 تموز الى 15 تموز»
    R("drange", lambda b: rf"(?:من\s+)?(?:{b.DAY}|{b.ORD})\s*(?:-|الي|حتي|وحتي|و)\s*(?:{b.DAY}|{b.ORD})\s+(?:من\s+)?{b.MONY}(?:{b.YEARREF}|\s+{b.DIR})?",
      day_range,
      ("من 13 إلى 15 يوليو", "2015-07-13/2015-07-15"), ("3-5 أغسطس 2014", "2014-08-03/2014-08-05")),
    R("drange2", lambda b: rf"(?:من\s+)?{b.DAY}\s+{b.MONY}\s*(?:-|الي|حتي|وحتي)\s*{b.DAY}\s+{b.MONY}{b.YEARREF}?", day_range,
      ("من 3 يوليو إلى 9 يوليو 2015", "2015-07-03/2015-07-09"), ("28 يونيو - 4 يوليو 2015م", "2015-06-28/2015-07-04")),
    R("drange3", lambda b: rf"{b.MONX}\s+{b.DAY}\s*(?:-|الي|حتي)\s*{b.DAY}{b.YEARREF}?", day_range,
      ("يوليو 13-15", "2015-07-13/2015-07-15")),
    # «اخر اثنين من شهر اذار», «ثالث ثلاثاء في ايلول في سنة 2014», «اول اسبوع بشهر اكتوبر 2014»
    R("nth", lambda b: rf"{b.NTHHEAD}\s*(?:من\s+|في\s+|ب)(?:{b.MREF}){b.YEARREF}?(?:\s+(?:ال)?(?:سنه|عام)\s+{b.DIR})?",
      nth_of_month,
      ("آخر جمعة من شهر يونيو", "2015-06-26"), ("ثالث ثلاثاء في سبتمبر 2014", "2014-09-16")),
    R("nth_after", lambda b: rf"{b.ORDW}\s+(?:يوم\s+)?{b.WDA}\s+بعد\s+{b.HOL}(?:\s+{b.YEAR})?", nth_after_holiday,
      ("ثاني أحد بعد عيد الفطر", "2015-07-26")),
    # weekday + explicit date: «الاثنين 18 شباط», «الخميس الموافق 14 شهر شباط», «الاربعاء، 13 شباط»
    R("wdate", lambda b: rf"(?:يوم\s+)?{b.WD}\s*,?\s+(?:(?:في|الموافق)\s+)?(?:{b.DDAY})\s*(?:شهر\s+)?{b.MONY}(?:{b.YEARREF}|\s+{b.DIR})?",
      weekday_and_date,
      ("الاثنين 18 مايو", "2015-05-18"), ("الخميس الموافق 2 يوليو 2015", "2015-07-02")),
    R("wdnum", lambda b: rf"(?:يوم\s+)?{b.WD}\s*,?\s+(?:الموافق\s+)?(?:{b.DAY}\s*/\s*\d{{1,2}}(?!\d)(?:\s*/\s*\d{{2,4}}(?!\d))?|{b.YEAR}\s*/\s*\d{{1,2}}\s*/\s*\d{{1,2}}(?!\d))(?:\s*{b.HMARK}(?!\w))?",
      weekday_and_numeric,
      ("الأحد 12/7", "2015-07-12"), ("الأحد الموافق 25/9/1436هـ", "2015-07-12"),
      ("يوم الأحد الموافق 1436/9/25هـ", "2015-07-12")),
    # Hijri dates: «١٤ رمضان ١٤٤٦ هـ», «11-17 رمضان 1436هـ»
    R("hdrange", lambda b: rf"{b.DAY}\s*(?:-|الي|حتي)\s*{b.DAY}\s+(?:من\s+)?{b.HMONY}{b.HYEAR}?", hijri_day_range,
      ("11-17 رمضان 1436هـ", "2015-06-28/2015-07-04"), ("17-11 رمضان 1436هـ", "2015-06-28/2015-07-04")),
    R("hdate", lambda b: rf"(?:(?:يوم\s+)?{b.WD}\s*,?\s+(?:(?:في|الموافق)\s+)?)?(?:{b.DAY}|{b.ORD})\s+(?:من\s+)?{b.HMONY}{b.HYEAR}?",
      hijri_date,
      ("22 شوال 1436هـ", "2015-08-07"), ("الخامس من رمضان", "2015-06-22")),
    R("hmonth", lambda b: rf"{b.HMONY}{b.HYEAR}", hijri_date,
      ("رمضان 1436هـ", "2015-06-18/2015-07-16")),
    # day-month(-year): «22 فبراير/ شباط 2022», «الاول من شهر شباط», «اليوم الثالث من اكتوبر»
    R("dmy", lambda b: rf"{b.DDAY}\s*(?:شهر\s+)?{b.MONY}(?:{b.YEARREF}|\s+{b.DIR})?", day_month,
      ("22 فبراير 2015", "2015-02-22"), ("الأول من شهر مارس", "2015-03-01"), ("السادس من أغسطس الماضي", "2014-08-06")),
    # «27 الشهر الجاري», «الـ5 من هذا الشهر»
    R("dunit", lambda b: rf"(?:ال)?{b.DAY}\s+(?:من\s+)?(?:الشهر\s+{b.DIR}|(?:{b.THIS})\s+الشهر)", day_of_this_month,
      ("27 الشهر الجاري", "2015-07-27"), ("الـ5 من هذا الشهر", "2015-07-05")),
    R("mpart", lambda b: rf"{b.PART}\s+(?:{b.MONY}|{b.HMONY})(?:{b.YEARREF}|\s+{b.DIR})?", month_part,
      ("أواخر مارس 2014", "2014-03-21/2014-03-31")),
    R("mpart_rel", lambda b: rf"{b.PART}\s+(?:{b.UNIT}\s+{b.DIR}|(?:{b.THIS})\s+{b.UNIT}|{b.YEAR}|{b.UNIT}(?!\s+(?:ال|من|\d)))",
      month_part,
      ("نهاية هذا الشهر", "2015-07-31"), ("نهاية الشهر", "2015-07-31")),
    # month + year / relative year: «أكتوبر 2024», «أغسطس من العام الماضي», «أكتوبر/ تشرين الأول الماضي»
    R("my", lambda b: rf"{b.MONY}\s*,?\s*(?:من\s+|في\s+)?(?:(?:{b.YMARK})\s*)?{b.YEAR}(?!\s*(?:-|/)\s*\d)", month_year,
      ("أكتوبر 2014", "2014-10"), ("يناير من عام 2013", "2013-01")),
    R("myrel", lambda b: rf"{b.MONY}\s+(?:من\s+)?(?:(?:ال)?(?:عام|سنه)\s+{b.DIR}|(?:{b.THIS})\s+(?:ال)?(?:عام|سنه))",
      month_year,
      ("مايو من العام الماضي", "2014-05"), ("ديسمبر هذا العام", "2015-12")),
    R("mdir", lambda b: rf"{b.MONY}\s+{b.DIR}", month_direction,
      ("يونيو الماضي", "2015-06"), ("سبتمبر المقبل", "2015-09")),
    # digit dates
    R("ymd", lambda b: rf"{b.YEAR}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}}(?!\d)(?:\s*{b.HMARK}(?!\w))?", numeric_ymd,
      ("2015-07-14", "2015-07-14"), ("2014/12/31", "2014-12-31"), ("1436/10/30هـ", "2015-08-15")),
    R("dmy_num", lambda b: rf"\d{{1,2}}\s*(?P<sep>[-/.])\s*\d{{1,2}}\s*(?P=sep)\s*(?:\d{{4}}|\d{{2}})(?!\d)(?:\s*{b.HMARK}(?!\w))?",
      numeric_dmy,
      ("14/7/2015", "2015-07-14"), ("25/9/1436هـ", "2015-07-12")),
    R("my_num", lambda b: rf"(?:0?[1-9]|1[0-2])\s*/\s*{b.YEAR}", numeric_month_year,
      ("7/2015", "2015-07")),
    # weekdays: «يوم الخميس», «الثلاثاء الماضي», «احد الاسبوع الماضي», «الاثنين من هذا الاسبوع», «هذا الاثنين»
    R("wdweek", lambda b: rf"(?:يوم\s+)?{b.WDA}\s+(?:من\s+)?(?:الاسبوع\s+{b.DIR}|(?:{b.THIS})\s+الاسبوع)", weekday,
      ("الخميس من الأسبوع الماضي", "2015-07-16"), ("الجمعة من هذا الأسبوع", "2015-07-24")),
    R("wdord", lambda b: rf"(?:يوم\s+)?{b.WD}\s+(?=ال){b.ORD}(?:\s+من\s+(?:هذا\s+الشهر|الشهر\s+{b.DIR})|(?!\s+من\s))",
      weekday,
      ("الأربعاء الثالث عشر من الشهر الماضي", "2015-06-13")),
    R("wd", lambda b: rf"(?:(?:{b.THIS})\s+)?(?:يوم\s+{b.WDA}|{b.WD})(?:\s+{b.DIR})?", weekday,
      ("الخميس", "2015-07-16"), ("يوم السبت الماضي", "2015-07-18"), ("الأحد المقبل", "2015-07-26")),
    # deictic days and units
    R("dayph", lambda b: rf"{b.DAYPH}", deictic_day,
      ("أول أمس", "2015-07-19"), ("بعد غد", "2015-07-23")),
    R("earlier", lambda b: rf"{b.alt_of('earlier_this')}\s+(?:(?:{b.THIS})\s+{b.UNIT}|{b.UNIT}\s+{b.DIR})", relative_unit,
      ("في وقت سابق من هذا الشهر", "2015-07")),
    # periods: «اليومين الماضيين», «الأيام الثلاثة الأخيرة», «الـ24 ساعة الماضية», «السنوات الثلاث المقبلة»
    R("period", lambda b: rf"(?:(?:ال\s*)?(?:\d+|{b.NUMW})\s+)?{b.PUNIT}(?:\s+(?:ال)?(?:\d+|{b.NUMW}))?\s+{b.PDIR}", period,
      ("الأسابيع الثلاثة المقبلة", "2015-07-27/2015-08-16"), ("اليومين الماضيين", "2015-07-20/2015-07-21"),
      ("الأسبوعين الماضيين", "2015-07-08/2015-07-21"), ("الشهرين الماضيين", "2015-05/2015-06"),
      ("السنوات الثلاث المقبلة", "2016/2018"), ("الأيام الثلاثة الأخيرة", "2015-07-19/2015-07-21"),
      ("24 ساعة الماضية", "2015-07-20/2015-07-21")),
    R("unit", lambda b: rf"(?:(?:{b.THIS})\s+{b.UNIT}|{b.UNIT}\s+{b.DIR}(?:\s+من\s+(?:ال)?(?:عام|سنه)\s+{b.DIR})?)",
      relative_unit,
      ("الأسبوع الماضي", "2015-W29"), ("هذا العام", "2015"), ("الشهر المقبل", "2015-08")),
    R("dayw", lambda b: rf"{b.DAYW}", deictic_day,
      ("أمس", "2015-07-20"), ("اليوم", "2015-07-21"), ("غدا", "2015-07-22")),
    R("ago", lambda b: rf"(?:قبل|منذ)\s+(?:{b.APPROX}\s+)?(?:(?:\d+|{b.NUMW})\s+{b.CUNIT}|{b.UC}(?:\s+(?:واحد|واحده))?)(?!\s+من)(?!\s*\d)",
      ago,
      ("قبل أسبوع", "2015-07-14"), ("قبل يومين", "2015-07-19"), ("منذ ثلاثة أيام", "2015-07-18"),
      ("قبل 10 أيام", "2015-07-11")),
    R("after", lambda b: rf"{b.alt_of('after_context')}\s+(?:(?:\d+|{b.NUMW})\s+{b.CUNIT}|{b.UC}(?:\s+(?:واحد|واحده))?)", after,
      ("اجتمعوا في 3 مايو وبعد يومين", "2015-05-05")),
    # seasons and decades
    R("season", lambda b: rf"{b.SEAS}(?:\s+(?:عام\s+|العام\s+)?{b.YEAR}|\s+(?:من\s+)?(?:ال)?(?:عام|سنه)\s+{b.DIR}|\s+{b.DIR})?",
      season,
      ("صيف 2014", "2014-22"), ("الشتاء الماضي", "2014-24")),
    R("season_this", lambda b: rf"(?:{b.THIS})\s+{b.SEAS}", season,
      ("هذا الصيف", "2015-22")),
    R("decade", lambda b: rf"{b.DEC}(?:\s+(?:من\s+)?القرن\s+(?:الماضي|العشرين|الحالي|الحادي\s+والعشرين))?", decade,
      ("الثمانينيات", "198X"), ("التسعينيات من القرن الماضي", "199X")),
    # clock times: «الساعة 3 صباحا», «الثالثة وربع بعد الظهر», «15:15»
    R("clock", lambda b: rf"{b.CLOCK}\s+{b.HOUR}(?:{b.MIN})?(?:\s+{b.PER})?(?:{b.TZ})?", clock,
      ("الساعة 3 عصرا", "2015-07-21T15:00"), ("الساعة الثامنة والنصف مساء", "2015-07-21T20:30")),
    R("clockw", lambda b: rf"{b.HOURW}(?:{b.MIN})?\s+{b.PER}", clock,
      ("العاشرة صباحا", "2015-07-21T10:00"), ("الرابعة وربع عصرا", "2015-07-21T16:15")),
    R("hhmm", lambda b: rf"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?!\d)(?:\s+{b.PER})?", clock,
      ("15:30", "2015-07-21T15:30"), ("9:45 صباحا", "2015-07-21T09:45")),
    R("tonight", lambda b: rf"{b.alt_of('tonight_words')}", tonight,
      ("الليلة", "2015-07-21T18:00/2015-07-21T23:59")),
    # years: «عام 2019», «العام 1949», «في 2024» (weak), decades of digits «2010s» are not Arabic usage
    R("year", lambda b: rf"(?:{b.YMARK})\s*{b.YEAR}(?:\s*(?:{b.HMARK}|{b.alt_of('gregorian_marks')})(?!\w))?", year,
      ("عام 2011", "2011"), ("العام 1433هـ", "2011-11-26/2012-11-14")),
    R("yearweak", lambda b: rf"(?:{b.alt_of('year_weak_markers')})\s+{b.YEAR}(?:\s*{b.HMARK}(?!\w))?", year,
      ("ولد الكاتب في 1984", "1984"), ("سجلت الحالة الأولى في 1433هـ", "2011-11-26/2012-11-14")),
    R("month", lambda b: rf"(?:شهر\s+)?{b.MONX}", bare_month,
      ("فبراير", "2015-02"), ("شهر ديسمبر", "2014-12")),
)
RULE_BY_NAME = {r.name: r for r in RULES}
