"""Handlers of the dates the calendar names: days of a month (Gregorian and Hijri, in words or digits), months,
ranges of days, parts of a month, seasons, decades, years and feasts."""
from __future__ import annotations

import datetime as dt
import re

from .. import calendar as cal
from ..context import SKIP, Ctx, Found, HandlerResult, next_word, resolve_month, year_after
from ..lexicon import dir_of, finders, key, lex, match_form, month_of, ordval, phrase_key, word_set


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


_FIRST = re.compile(match_form(r"(?<!\w)اول(?!\w)"))


def day_month(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


def weekday_and_date(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
    """«الاثنين 18 شباط»: the weekday (and «يوم») dropped, the rest read as a date."""
    w = finders().wd.search(s)
    rest = s[w.end():] if w else s
    return day_month(ctx, rest, st, en, name)


def weekday_and_numeric(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


def hijri_date(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


def hijri_day_range(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


def month_year(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


def month_direction(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


_WEAK_MONTHS = {match_form("آب"), match_form("مارس")}     # «آب» is also «father», «مارس» also «he practised»
_WEAK_MONTH_OK_BEFORE = re.compile(match_form(r"(?:في|منذ|خلال|حتى|شهر|مطلع|أواخر|أوائل|نهاية|بداية|منتصف|مع|قبل|بعد|من)\s*$"))


def bare_month(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
    """«في مارس»: the nearest such month (before the reference in the news, unless the clause is scheduled)."""
    mo = month_of(s)
    if not mo or mo[1] == "hijri":
        return None
    mon, _, mm = mo
    word = key(mm[0])
    doubled = "/" in s or "(" in s or "-" in s
    if word in _WEAK_MONTHS and not doubled and not s.startswith(match_form("شهر")):
        if word == match_form("آب") or not _WEAK_MONTH_OK_BEFORE.search(ctx.norm[max(0, st - 12):st]):
            return None
    if ctx.ref is None:
        return Found(st, en, f"XXXX-{mon:02d}", "month", "unresolved", flex=True)
    yr = resolve_month(ctx, mon, ctx.prefer)
    return Found(st, en, f"{yr}-{mon:02d}", "month", ctx.how, flex=True)


def day_range(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


_THIS_OR_DIR_MONTH = re.compile(match_form(r"(?:الشهر\s+(\S+)|هذا\s+الشهر)"))


def nth_of_month(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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
    if match_form("اسبوع") in head:
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


def month_part(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


def day_of_this_month(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
    """«27 الشهر الجاري», «الـ5 من هذا الشهر», «الثالث من الشهر الجاري»."""
    dm = re.search(r"\d+", s)
    day = int(dm[0]) if dm else ordval(key(finders().ord.search(s)[0]))
    if not isinstance(day, int):
        return None
    d = dir_of(s)
    d = 0 if d is None else d
    if not isinstance(d, int) or ctx.ref is None or not 1 <= day <= 31:
        return None
    y, m = cal.add_months(ctx.ref.year, ctx.ref.month, d)
    dd = cal.valid(y, m, day)
    return Found(st, en, dd.isoformat(), "day", ctx.how, day=dd) if dd else None


# ------------------------------------------------------------------ numeric dates
def numeric_ymd(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
    """«2015-07-21», «2015/7/21», «1436/10/30هـ» (Hijri when marked or when the year is a Hijri one)."""
    nums = [int(x) for x in re.findall(r"\d+", s)]
    if finders().hmark.search(s) or 1300 <= nums[0] <= 1500:
        g = cal.hijri_to_greg(nums[0], nums[1], nums[2])
        d = dt.date(*g) if g else None
        return Found(st, en, d.isoformat(), "day", "absolute", day=d) if d else None
    d = cal.valid(nums[0], nums[1], nums[2])
    return Found(st, en, d.isoformat(), "day", "absolute", day=d) if d and 1000 <= nums[0] <= 2200 else None


def numeric_dmy(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


def numeric_month_year(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
    """«7/2015»."""
    nums = [int(x) for x in re.findall(r"\d+", s)]
    if not 1900 <= nums[1] <= 2100:
        return None
    d = dt.date(nums[1], nums[0], 1)
    return Found(st, en, f"{nums[1]}-{nums[0]:02d}", "month", "absolute", day=d)


# ------------------------------------------------------------------ seasons, decades, years, feasts
def season(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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
    if match_form("عام") in tail or match_form("سنه") in tail:       # «صيف العام الماضي»
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


def decade(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
    """«الثمانينيات» -> 198X; «الثمانينيات من القرن الحالي» -> 208X."""
    lx = lex()
    dm = finders().dec.search(s)
    w = key(dm[0])
    base = lx.y["decades"].get(w) or lx.y["decades"].get("ال" + w)
    if base is None:
        return None
    if any(phrase_key(p) in s for p in lx.y["decade_this_century"]) or match_form("الحالي") in s:
        base += 100
    return Found(st, en, f"{str(base)[:3]}X", "decade", "absolute")


def year(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


def holiday(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


def nth_after_holiday(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
    """«ثالث ثلاثاء بعد كريسماس 2014»: the n-th such weekday after a feast."""
    F = finders()
    i = s.find(match_form("بعد"))
    feast = holiday(ctx, s[i + 4:].strip(), st, en, name)
    om = F.ord.search(s[:i])
    wm = F.wd.search(s[:i])
    n = ordval(key(om[0])) if om else None
    if feast is None or not isinstance(n, int) or not wm:
        return None
    wd = lex().weekdays[key(wm[0])]
    d = feast.day + dt.timedelta(days=((wd - feast.day.isoweekday()) % 7) or 7) + dt.timedelta(days=7 * (n - 1))
    return Found(st, en, d.isoformat(), "day", feast.how, day=d)
