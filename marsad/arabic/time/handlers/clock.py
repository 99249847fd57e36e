"""Handlers of clock times («الساعة 3 عصرا», «الثالثة وربع», «15:30»): a time of day that the scanner puts on a day."""
from __future__ import annotations

import re

from ..context import Ctx, Found, HandlerResult
from ..lexicon import cardval, finders, key, lex, match_form, numword, words


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
    mm = re.search(match_form(r"\s+(?:الا|إلا)\s+"), s)
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
        ms = re.sub(match_form(r"\s*(?:دقيقه|دقائق)$"), "", ms.strip())
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


_NOT_HOURS = {match_form("الاول"), match_form("الاولى"), match_form("اول"), match_form("الاخير"), match_form("الاخيرة")}


def clock(ctx: Ctx, s: str, st: int, en: int, name: str) -> HandlerResult:
    """«الساعة 3 صباحا», «الثالثة وربع بعد الظهر», «15:15»: a time of day, put on a day by the scanner."""
    ws = s.split()
    if name == "clockw" and ws[0] in _NOT_HOURS or name == "clock" and len(ws) > 1 and ws[1] in _NOT_HOURS:
        return None  # «الساعة الأولى» is «the first hour», «الأول مساء أمس» «the first team…», not 1 o'clock
    p = clock_parts(s)
    if not p:
        return None
    return Found(st, en, None, "hour" if p[1] == 0 and p[2] == 0 and name != "hhmm" else "minute", ctx.how,
                 kind="tod", tod=p)
