"""Calendar arithmetic: the reference date, months and weeks, seasons, and the Hijri calendar (Umm al-Qura, through
the `hijridate` library)."""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from hijridate import Gregorian, Hijri


def ref_date(reference) -> tuple[dt.date | None, dt.datetime | None]:
    """(day, moment) of a reference given as a date, a datetime or an ISO string; (None, None) when absent or
    unreadable."""
    if reference is None:
        return None, None
    if isinstance(reference, dt.datetime):
        return reference.date(), reference.replace(tzinfo=None)
    if isinstance(reference, dt.date):
        return reference, dt.datetime(reference.year, reference.month, reference.day)
    s = str(reference).strip()
    try:
        t = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        t = t.replace(tzinfo=None)
        return t.date(), t
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
        if m:
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, dt.datetime(d.year, d.month, d.day)
    return None, None


def tz_offset(reference) -> float | None:
    """The UTC offset, in hours, a reference carries (None when it carries none)."""
    t = reference if isinstance(reference, dt.datetime) else None
    if t is None and isinstance(reference, str):
        try:
            t = dt.datetime.fromisoformat(reference.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    off = t.utcoffset() if t is not None else None
    return off.total_seconds() / 3600 if off is not None else None


def add_months(y, m, k):
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def month_days(y, m):
    return calendar.monthrange(y, m)[1]


def week(d: dt.date) -> str:
    """The EDTF ISO week of a day: 2015-W29."""
    iy, iw, _ = d.isocalendar()
    return f"{iy}-W{iw:02d}"


def season_of(d: dt.date) -> tuple[int, int]:
    """(year, code) of the meteorological season containing d; winter Dec Y..Feb Y+1 is (Y, 24)."""
    m = d.month
    if m in (3, 4, 5):
        return d.year, 21
    if m in (6, 7, 8):
        return d.year, 22
    if m in (9, 10, 11):
        return d.year, 23
    return (d.year if m == 12 else d.year - 1), 24


def valid(y, m, d):
    """The date, or None when (y, m, d) is no day of the calendar."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def shift(d: dt.date, unit, n):
    """d moved by n units (day, week, month, year); a month or year shift keeps the day where the month has it."""
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(days=7 * n)
    if unit == "month":
        y, m = add_months(d.year, d.month, n)
        return dt.date(y, m, min(d.day, month_days(y, m)))
    return valid(d.year + n, d.month, d.day) or dt.date(d.year + n, d.month, 28)


def weekday_date(ref, wd, direction):
    """direction: 'past' (on or before), 'future' (strictly after), -1 (strictly before), +1 (strictly after)."""
    cur = ref.isoweekday()
    if direction == "past":
        return ref - dt.timedelta(days=(cur - wd) % 7)
    if direction == -1:
        return ref - dt.timedelta(days=((cur - wd) % 7) or 7)
    return ref + dt.timedelta(days=((wd - cur) % 7) or 7)


# hijridate covers the Umm al-Qura tables (1343-1500 AH); outside them, and for a day a month does not have, it
# raises one of these
_HIJRI_RANGE_ERRORS = (ValueError, OverflowError)


@functools.lru_cache(maxsize=4096, typed=True)   # pure; a feast is converted for 3 years per article
def hijri_to_greg(y, m, d):
    """(year, month, day) of the Gregorian day of a Hijri date, or None outside the tables."""
    try:
        return Hijri(y, m, d).to_gregorian().datetuple()
    except _HIJRI_RANGE_ERRORS:
        return None


@functools.lru_cache(maxsize=4096, typed=True)
def hijri_month_days(y, m):
    try:
        return Hijri(y, m, 1).month_length()
    except _HIJRI_RANGE_ERRORS:
        return 29


@functools.lru_cache(maxsize=4096, typed=True)
def greg_to_hijri(d: dt.date):
    """(year, month, day) of the Hijri date of a Gregorian day, or None outside the tables."""
    try:
        return Gregorian(d.year, d.month, d.day).to_hijri().datetuple()
    except _HIJRI_RANGE_ERRORS:
        return None
