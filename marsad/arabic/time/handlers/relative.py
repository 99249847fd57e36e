"""Handlers of the dates counted from the reference: weekdays, «أمس/اليوم/غدا», «الأسبوع الماضي», «قبل ثلاثة أيام»,
«بعد شهر» (from the previous date of the text), periods ending or starting at the reference."""
from __future__ import annotations

import datetime as dt
import re

from .. import calendar as cal
from ..context import Ctx, Found, HandlerResult, anaphoric, next_word, scheduled
from ..lexicon import count_of, dir_of, finders, key, lex, match_form, ordval, unit_count, word_set


# ------------------------------------------------------------------ weekdays and deictic days
_EVERY = {match_form("كل"), match_form("وكل")}


def weekday(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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
    this = s.startswith(match_form("هذا")) or s.startswith(match_form("هذه"))
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


_NOT_TODAY_AFTER = {match_form("الذي"), match_form("التالي")}


def deictic_day(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
    """«أمس», «اليوم», «غدا», «أول أمس», «بعد غد»: the reference shifted by so many days."""
    lx = lex()
    k = key(s)
    off = lx.y["day_phrases"].get(k) if name == "dayph" else lx.y["days"].get(k)
    if off is None:
        return None
    if name == "dayw" and k == match_form("اليوم"):
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
    if k == match_form("اليوم"):
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


_NOT_TONIGHT_AFTER = {match_form("التي"), match_form("الذي"), match_form("الماضيه"), match_form("السابقه"), match_form("قبل")}


def tonight(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
    """«الليلة»: the evening of the reference day."""
    if ctx.ref is None or anaphoric(ctx, st):
        return None
    if next_word(ctx, en) in _NOT_TONIGHT_AFTER:
        return None
    r = ctx.ref.isoformat()
    return Found(st, en, f"{r}T18:00/{r}T23:59", "interval", ctx.how)


def now(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


_SAME_MONTH_OF_YEAR = re.compile(match_form(r"من\s+(?:ال)?(?:عام|سنه)\s+(\S+)"))
_UNIT_GRAIN = {"week": "week", "month": "month", "year": "year"}


def relative_unit(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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


def ago(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
    """«قبل أسبوع», «قبل يومين», «منذ ثلاثة أيام», «قبل نحو عام»: so long before the reference (a point: «منذ» with
    a duration is no interval)."""
    unit, n = _count_and_unit(s)
    if not n or ctx.ref is None or unit == "hour":
        return None
    nxt = ctx.norm[en:en + 24].split()
    if nxt and (nxt[0].startswith("ال") or finders().mon.match(" ".join(nxt[:2])) or nxt[0] in lex().y["days"]):
        return None  # «قبل يوم العيد», «قبل شهر رمضان», «منذ يوم أمس»: a day named next, not «a day ago»
    return _point(ctx, st, en, unit, cal.shift(ctx.ref, unit, -n), ctx.how)


def after(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
    """«بعد شهر واحد»: an offset from the previous date of the text (context), or from the reference when the
    clause is future («سينتهي عقده بعد عامين»). (With neither, no date: «عاد بعد 25 سنة» is narrative.)"""
    unit, n = _count_and_unit(s)
    if unit == "hour":
        return None
    prev = ctx.norm[max(0, st - 10):st].split()
    if prev and prev[-1].rstrip("ا") in set(lex().y["unit_counts"]):
        return None  # «يوما بعد يوم»: day after day
    if next_word(ctx, en) in (match_form("من"), match_form("علي")):
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


def period(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
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
