"""The public functions of the temporal tagger (re-exported by marsad.arabic.time)."""
from __future__ import annotations

import datetime as dt
import functools
import re

from marsad.model import DateMention

from . import calendar as cal
from .lexicon import N, alt, cardval, finders, lex, normalize_time_text, unit_count
from .scanner import scan


def _to_mentions(text, rs, imap, published_from=None) -> list[DateMention]:
    out = []
    n = len(text)
    for r in rs:
        if imap is not None:
            s = imap[r.start] if r.start < len(imap) else n
            e = imap[r.end - 1] + 1 if 0 < r.end <= len(imap) else n
        else:
            s, e = r.start, r.end
        if not 0 <= s < e <= n:
            continue
        how = r.how
        if how == "publication" and published_from == "inferred":
            how = "inferred"
        # model_construct: the fields are built right here, so pydantic's validation would only cost time
        out.append(DateMention.model_construct(doc="", start=s, end=e, text=text[s:e], value=r.value, grain=r.grain,
                                               resolved_from=how))
    return out


@functools.cache
def _today_weekday_re():
    y = lex().y
    wd = alt(k for k in lex().weekdays if k.startswith("ال"))
    return re.compile(N(rf"(?<!\w)(?:(?:{alt(y['day_parts'])})\s+)?اليوم\s*,?\s*(?P<wd>{wd})(?!\w)"))


def text_reference(text: str, published: str | None) -> str | None:
    """The article's own date when it names today's weekday («أعلنت الوزارة اليوم الخميس», «صباح اليوم الجمعة»)
    and that weekday falls within the few days up to the record's date (a scraped date lags the publication);
    else None. ISO date."""
    ref, _ = cal.ref_date(published)
    if not text or ref is None:
        return None
    m = _today_weekday_re().search(normalize_time_text(text)[0])
    if not m:
        return None
    lag = (ref.isoweekday() - lex().weekdays[m["wd"]]) % 7
    if not 0 < lag <= int(lex().y["text_today_max_lag"]):
        return None
    return (ref - dt.timedelta(days=lag)).isoformat()


def tag_dates(text: str, published: str | None, prefer: str = "past",
              published_from: str | None = None) -> list[DateMention]:
    """All time expressions of an article, resolved against `published` (ISO date; None = undated).

    prefer: "past" (news convention: a bare weekday/month is the most recent one) or "future".
    published_from="inferred" marks publication-relative values as `inferred`. When the text names today's
    weekday a few days before `published` (see `text_reference`), that day is the reference.
    """
    if not text:
        return []
    ref, now = cal.ref_date(text_reference(text, published) or published)
    rs, _, imap = scan(text, ref, now, "future" if prefer == "future" else "past", "news")
    return _to_mentions(text, rs, imap, published_from)


@functools.cache
def _duration_re():
    y = lex().y
    return re.compile(N(
        rf"(?<!\w){alt(y['duration_openers'])}\s+(?:(?:اكثر|اقل)\s+من\s+)?(?:(?:\d+|{alt(y['cardinals'])})\s+)?"
        rf"{alt(y['unit_counts'])}(?!\w)"))


def tag_durations(text: str) -> list[dict]:
    """Durations («خلال ثلاثة أشهر», «منذ أكثر من ثلاث سنوات», «لمدة يومين»): spans with unit and count (None = vague)."""
    norm, imap = normalize_time_text(text)
    out = []
    for m in _duration_re().finditer(norm):
        s, e = m.start(), m.end()
        if imap is not None:
            s, e = imap[s], imap[e - 1] + 1
        unit, n = unit_count(m[0])
        num = re.search(r"\d+", m[0])
        if num:
            n = int(num[0])
        else:
            cm = finders().card.search(m[0])
            if cm and n is None:
                n = cardval(cm[0])
        out.append({"start": s, "end": e, "text": text[s:e], "unit": unit, "count": n})
    return out


_FILLERS = re.compile(N(r"^(?:(?:في|عند|بحدود|حوالي|حوالى|قرابه|قرابة|نحو|خلال)\s+)+"))
_ONE_UNIT_AGO = re.compile(N(r"(?:من|قبل)\s+(اسبوع|يوم|شهر|سنه|عام)"))


def parse_time(phrase: str, reference, prefer: str = "future") -> dict | None:
    """The single parse covering the whole phrase: {"value": EDTF or ISO datetime, "grain"} or None."""
    if not phrase or not phrase.strip():
        return None
    ref, now = cal.ref_date(reference)
    norm, _ = normalize_time_text(phrase)
    body = norm.strip().rstrip(".,!?")
    lead = _FILLERS.match(body)
    core = body[lead.end():] if lead else body
    # «خلال اسبوعين»: from now to now + the duration
    if lead and N("خلال") in lead[0] and now is not None:
        dm = re.fullmatch(rf"(?:(\d+)\s+)?{alt(lex().y['unit_counts'])}", core)
        if dm:
            unit, n = unit_count(core)
            n = int(dm[1]) if dm[1] else n
            if n:
                end = cal.shift(now.date(), unit, n)
                return {"value": f"{now.strftime('%Y-%m-%dT%H:%M:%S')}/{end.isoformat()}", "grain": "interval"}
    m = _ONE_UNIT_AGO.fullmatch(core)
    if m and ref is not None:
        unit, n = unit_count(m[1])
        d = cal.shift(ref, unit, -n)
        return {"value": d.isoformat(), "grain": "day"}
    if not core:
        return None
    rs, _, _ = scan(core, ref, now, "past" if prefer == "past" else "future", "parse", cal.tz_offset(reference))
    if len(rs) != 1:
        return None
    r = rs[0]
    if r.start != 0 or r.end != len(core) or r.value is None:
        return None
    return {"value": r.value, "grain": r.grain}


@functools.cache
def _byline_re():
    return re.compile(N(rf"(?:^|\n)\s*date\s+(\d{{4}}-\d{{2}}-\d{{2}})|{alt(lex().y['byline_markers'])}\s*:?\s*"))


def find_publication_date(text: str) -> str | None:
    """A publication byline in the text («نشر في 12 مارس 2024», «تاريخ النشر: …», «آخر تحديث …») -> ISO date."""
    if not text:
        return None
    norm, _ = normalize_time_text(text)
    for m in _byline_re().finditer(norm):
        if m.group(1):
            return m.group(1)
        rs, _, _ = scan(norm[m.end():m.end() + 60], None, None, "past", "news")
        for r in rs:
            if r.start <= 12 and r.how == "absolute" and r.grain in ("day", "minute", "hour") and r.value:
                return r.value[:10]
    return None


def infer_publication_date(text: str) -> str | None:
    """An estimate for an undated article: the end of the latest absolute date it mentions (day or month grain;
    a year only when nothing finer is there). The caller must flag the result as `inferred`."""
    if not text:
        return None
    rs, _, _ = scan(text, None, None, "past", "news")
    best = None
    years = []
    for r in rs:
        if r.how != "absolute" or not r.value:
            continue
        v = r.value.split("/")[-1]
        if r.grain in ("day", "minute", "hour", "interval") and re.match(r"\d{4}-\d{2}-\d{2}", v):
            d = dt.date.fromisoformat(v[:10])
        elif r.grain == "month" and re.fullmatch(r"\d{4}-\d{2}", v):
            y, mo = int(v[:4]), int(v[5:7])
            d = dt.date(y, mo, cal.month_days(y, mo))
        else:
            if r.grain == "year" and v.isdigit():
                years.append(int(v))
            continue
        best = d if best is None or d > best else best
    if best is None and years:
        best = dt.date(max(years), 12, 31)
    return best.isoformat() if best else None
