"""The public functions of the temporal tagger (re-exported by marsad.arabic.time)."""
from __future__ import annotations

import datetime as dt
import functools
import re

from marsad.model import DateMention

from . import calendar as cal
from .lexicon import alt, cardval, finders, lex, match_form, normalize_time_text, unit_count
from .context import Ctx, scheduled
from .scanner import scan


_TRAILING_MARKS = frozenset("\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")


def _to_mentions(text, rs, imap, published_from=None) -> list[DateMention]:
    out = []
    n = len(text)
    for r in rs:
        if imap is not None:
            s = imap[r.start] if r.start < len(imap) else n
            e = imap[r.end - 1] + 1 if 0 < r.end <= len(imap) else n
        else:
            s, e = r.start, r.end
        while e < n and text[e] in _TRAILING_MARKS:
            e += 1   # «1436هـ»: the tatweel (or a diacritic) the matching form dropped belongs to the word
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
    # («صباح اليوم الجمعة» holds «اليوم الجمعة»: the part of the day needs no pattern of its own)
    wd = alt(k for k in lex().weekdays if k.startswith("ال"))
    return re.compile(match_form(rf"اليوم\s*[,(]?\s*(?P<wd>{wd})(?!\w)"))


def text_reference(text: str, published: str | None) -> str | None:
    """The article's own date when it names today's weekday («أعلنت الوزارة اليوم الخميس», «صباح اليوم الجمعة»)
    and that weekday falls within the few days up to the record's date (a scraped date lags the publication);
    else None. ISO date."""
    return _text_reference(normalize_time_text(text)[0] if text else "", published)


def _text_reference(norm: str, published) -> str | None:
    ref, _ = cal.ref_date(published)
    if not norm or ref is None:
        return None
    # str.find, then a match there: much faster than a regex search over the whole article
    today, m, i = match_form("اليوم"), None, norm.find(match_form("اليوم"))
    while i >= 0 and not m:
        if i == 0 or not norm[i - 1].isalnum():
            m = _today_weekday_re().match(norm, i)
        i = norm.find(today, i + 1)
    if not m:
        return None
    lag = (ref.isoweekday() - lex().weekdays[m["wd"]]) % 7
    if not 0 < lag <= int(lex().y["text_today_max_lag"]):
        return None
    if ref.toordinal() <= lag:
        return None   # the first days of the calendar: no earlier day to take
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
    normalized = normalize_time_text(text)
    ref, now = cal.ref_date(_text_reference(normalized[0], published) or published)
    rs, _, imap = scan(text, ref, now, "future" if prefer == "future" else "past", "news", normalized=normalized)
    return _to_mentions(text, rs, imap, published_from)


@functools.cache
def _duration_re():
    y = lex().y
    return re.compile(match_form(
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


_FILLERS = re.compile(match_form(r"^(?:(?:في|عند|بحدود|حوالي|حوالى|قرابه|قرابة|نحو|خلال)\s+)+"))
_ONE_UNIT_AGO = re.compile(match_form(r"(?:من|قبل)\s+(اسبوع|يوم|شهر|سنه|عام)"))


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
    if lead and match_form("خلال") in lead[0] and now is not None:
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
        try:
            d = cal.shift(ref, unit, -n)
        except (ValueError, OverflowError):   # before the first year of the calendar
            return None
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
    return re.compile(match_form(rf"(?:^|\n)\s*date\s+(\d{{4}}-\d{{2}}-\d{{2}})|{alt(lex().y['byline_markers'])}\s*:?\s*"))


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


def _end_day(r) -> dt.date | None:
    """The last day of a resolved value (day, month, interval; a year only as its 31 December), else None."""
    v = (r.value or "").split("/")[-1]
    if re.match(r"\d{4}-\d{2}-\d{2}", v):
        return dt.date.fromisoformat(v[:10])
    if r.grain == "month" and re.fullmatch(r"\d{4}-\d{2}", v):   # not a season («2015-22»)
        y, mo = int(v[:4]), int(v[5:7])
        return dt.date(y, mo, cal.month_days(y, mo))
    return None


def infer_publication_date(text: str) -> str | None:
    """An estimate for an undated article: the end of the latest date it reports — absolute dates, dates counted from
    them («وبعد شهر واحد»), and months named without a year after them in a past-tense clause («في أبريل، أكدت …»
    after «أكتوبر 2024»: the first April after it), so that the estimate never precedes an event the article
    reports as past; a year only when nothing finer is there. The caller must flag the result as `inferred`."""
    if not text:
        return None
    rs, norm, _ = scan(text, None, None, "past", "news")
    ctx = Ctx(norm, None, None, "past", "news")
    best = anchor = None
    years = []
    for r in rs:
        if r.how in ("absolute", "context") and r.value:
            d = _end_day(r)
            if d is None:
                if r.grain == "year" and r.value.isdigit():
                    years.append(int(r.value))
                continue
            anchor = d if anchor is None or d > anchor else anchor
        elif anchor is not None and r.grain == "month" and re.fullmatch(r"XXXX-\d{2}", r.value or "") \
                and not scheduled(ctx, r.start):
            mo = int(r.value[5:])
            y = anchor.year if mo > anchor.month else anchor.year + 1
            d = dt.date(y, mo, cal.month_days(y, mo))
        else:
            continue
        best = d if best is None or d > best else best
    if best is None and years:
        best = dt.date(max(years), 12, 31)
    return best.isoformat() if best else None
