"""Temporal tagger: every time expression of an Arabic article, with offsets, resolved to an EDTF value.

    tag_dates(text, published, prefer="past")  -> list[DateMention]   (whole article, offsets into `text`)
    tag_durations(text)                          -> list[dict]          (durations: «خلال ثلاثة أشهر»; never dates)
    parse_time(phrase, reference, prefer="future") -> {"value", "grain"} | None   (one parse covering the phrase)
    find_publication_date(text) -> ISO date | None      (a byline: «نشر في 12 مارس 2024»)
    infer_publication_date(text) -> ISO date | None     (an estimate; the caller flags it `inferred`)

How it works: the text is folded to a matching form (alef/ya/ta-marbuta, diacritics, digits; offsets kept through an
index map), then ONE compiled regex — an alternation of expression patterns whose words come from the data files
(marsad/arabic/data/time*.tsv|yaml) — is searched left to right. Each alternative has a small handler that reads the
matched words and resolves them against the reference date (publication date for articles). Relative expressions
follow `prefer` (past = news convention, future = Duckling's), bare weekdays become the coming day when the clause
marks the event as scheduled (المقررة، المرتقبة، سـ + verb). A bare number is never a year unless a marker says so.

EDTF values: `2024`, `2024-10`, `2024-10-31`, `2024-10-31T15:20`, week `2024-W44`, season `2024-23`
(21 spring … 24 winter), decade `201X`, unknown year `XXXX-09`, interval `A/B` (inclusive).
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from marsad.arabic.data import load_tsv, load_yaml
from marsad.arabic.text import OffsetMap, strip_marks, trie_pattern
from marsad.model import DateMention

__all__ = ["tag_dates", "tag_durations", "parse_time", "find_publication_date", "infer_publication_date",
           "normalize_time_text"]

# ------------------------------------------------------------------ matching form (length-preserving where possible)
_CHAR_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ة": "ه", "ۀ": "ه", "ؤ": "و", "ک": "ك",
    **{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)},
    "،": ",", "؛": ";", "؟": "?", "٫": ".", "٬": ",", "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})


_OffsetMap = OffsetMap   # index in the folded text -> index in the original (marsad.arabic.text)
_PAIRS = tuple((chr(k), v) for k, v in _CHAR_MAP.items())


def _fold(s: str) -> str:
    # chained str.replace is ~15x faster than str.translate with a dict table on Arabic text
    for k, v in _PAIRS:
        if k in s:
            s = s.replace(k, v)
    return s


def normalize_time_text(s: str) -> tuple[str, "_OffsetMap | None"]:
    """Matching form of `s` and, when characters were dropped, a map from its indices to indices in `s` (else None)."""
    # the same characters are dropped as for numbers (marsad.arabic.text.strip_marks), then a 1:1 fold
    stripped, imap = strip_marks(s)
    return _fold(stripped), imap


@functools.lru_cache(maxsize=4096)
def N(s: str) -> str:
    return normalize_time_text(s)[0]


def _sq(s: str) -> str:
    return " ".join(N(s).split())


def _alt(words) -> str:
    """An alternation of `words` (spaces match any run of white space), written as a trie (see `text.trie_pattern`).
    The words a text can match at one position are prefixes of one another (at most one branch takes each next
    character: a word has no white space but single spaces), so the trie gives the same matches and groups as the
    plain «longest first» alternation. Words with upper/lower case (time zones, matched under (?i:)) keep the plain
    alternation, where two branches could take the same character."""
    ws = {_sq(w) for w in words if w}
    if "" in ws or any(c.lower() != c.upper() for w in ws for c in w):
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(ws, key=len, reverse=True)) + ")"
    return "(?:" + trie_pattern(ws, r"\s+") + ")"


# ------------------------------------------------------------------ language data
@dataclass
class _Lex:
    months: dict = field(default_factory=dict)      # form -> (month, "greg"|"hijri")
    weekdays: dict = field(default_factory=dict)    # form -> iso weekday
    y: dict = field(default_factory=dict)           # time.yaml, keys normalised where they are words


def _norm_keys(d):
    return {_sq(k): v for k, v in (d or {}).items()}


@functools.cache
def _lex() -> _Lex:
    lx = _Lex()
    for row in load_tsv("time_months.tsv"):
        lx.months[_sq(row[0])] = (int(row[1]), row[2])
    for row in load_tsv("time_weekdays.tsv"):
        lx.weekdays[_sq(row[0])] = int(row[1])
    y = dict(load_yaml("time.yaml"))
    for k in ("days", "day_phrases", "units", "directions", "unit_counts", "seasons", "decades", "month_parts",
              "ordinals", "cardinals", "clock_fractions", "day_periods", "timezones", "holidays"):
        y[k] = _norm_keys(y.get(k))
    lx.y = y
    return lx


@functools.cache
def _L(key):
    return tuple(_sq(w) for w in _lex().y[key])


@functools.cache
def _Lset(key):
    return frozenset(_L(key))


# ------------------------------------------------------------------ the grammar
@functools.cache
def _grammar():
    lx = _lex()
    y = lx.y
    greg = [k for k, (m, c) in lx.months.items() if c == "greg"]
    hij = [k for k, (m, c) in lx.months.items() if c == "hijri"]
    MON = _alt(greg)
    HMON = _alt(hij)
    MONX = rf"{MON}(?:\s*[/(\-]\s*{MON}\s*\)?|\s+{MON}(?!\w))?"        # «فبراير/ شباط», «أكتوبر (تشرين الأول)», «سبتمبر أيلول»
    CARD = _alt(y["cardinals"])
    ORDW = _alt(y["ordinals"])
    ORD = rf"{ORDW}(?:\s+عشره?|\s+و\s*(?:العشرين|العشرون|الثلاثين|الثلاثون))?"
    MONN = rf"(?:شهر\s+(?:\d{{1,2}}|{CARD})(?!\d)|الشهر\s+{ORDW})"          # «شهر 3», «شهر عشرة», «الشهر الثامن»
    MONY = rf"(?:(?:شهر\s+)?{MONX}|{MONN})"
    HMONY = rf"(?:شهر\s+)?{HMON}"
    DAY = r"(?:[0-2]?\d|3[01])(?!\d)"
    YMARK = _alt(y["year_markers"])
    YEAR = r"\d{4}(?!\d)"
    YEARREF = rf"(?:(?:\s*,)?\s+(?:(?:من|في)\s+)?(?:(?:{YMARK})\s*)?{YEAR}|\s+(?:من\s+)?(?:ال)?(?:عام|سنه)\s+(?:{_alt(y['directions'])}))"
    HYEAR = rf"(?:\s+(?:عام\s+)?\d{{3,4}}(?!\d)(?:\s*{_alt(y['hijri_marks'])}(?!\w))?)"
    WD = _alt(k for k in lx.weekdays if k.startswith("ال"))
    WD0 = _alt(k for k in lx.weekdays if not k.startswith("ال"))
    WDA = rf"(?:{WD}|{WD0})"
    DIR = _alt(y["directions"])
    UNIT = _alt(y["units"])
    THIS = _alt(y["this"])
    SEAS = _alt(y["seasons"])
    DEC = _alt(list(y["decades"]) + [k[2:] for k in y["decades"]])
    PART = _alt(y["month_parts"])
    PER = _alt(y["day_periods"])
    FRAC = _alt(y["clock_fractions"])
    MINW = _alt(y["minute_words"])
    NUMW = rf"{CARD}(?:\s+عشره?|\s*و\s*{CARD})?"
    HOURW = rf"(?:{ORDW}|{CARD})(?:\s+عشره?)?"
    HOUR = rf"(?:\d{{1,2}}(?:[:.]\d{{2}}(?::\d{{2}})?)?(?![\d.])|{HOURW})"     # «9:30», «9.30»
    MIN = (rf"(?:\s*و\s*(?:{FRAC}|\d{{1,2}}\s*(?:{MINW})?|{NUMW}\s*(?:{MINW})?)"
           rf"|\s+(?:الا|إلا)\s+(?:{FRAC}|\d{{1,2}}\s*(?:{MINW})?|{NUMW}\s*(?:{MINW})?))")
    TZ = rf"\s+بتوقيت\s+(?i:{_alt(y['timezones'])})"
    CLOCK = _alt(y["clock_words"])
    HOL = _alt(y["holidays"])
    DAYPH = _alt(y["day_phrases"])
    DAYW = _alt(y["days"])
    NOW = _alt(y["now_words"])
    UC = _alt(y["unit_counts"])
    DDAY = rf"(?:(?:ال)?{DAY}(?:\s+من)?|{ORD}(?:\s+من)?|(?:ال)?يوم\s+{ORD}\s+من|{ORDW}\s+يوم\s+(?:من|في|ب)|اول)"   # day before a month
    MREF = rf"(?:(?:شهر\s+)?{MONX}|{MONN}|الشهر\s+{DIR}|هذا\s+الشهر)"
    NTHHEAD = (rf"(?:{ORDW}\s+(?:يوم\s+)?{WDA}|{WDA}\s+{ORDW}|{ORDW}\s+(?:يوم|اسبوع)|(?:اليوم|الاسبوع)\s+{ORDW})")
    pats = [
        ("now", rf"{NOW}"),
        ("holiday", rf"{HOL}(?:\s+{YEAR})?"),
        # ranges of days in one month: «13 الى 15 تموز», «من 1-8 شهر ايلول», «يوليو 13-15», «من 13 تموز الى 15 تموز»
        ("drange", rf"(?:من\s+)?(?:{DAY}|{ORD})\s*(?:-|الي|حتي|وحتي|و)\s*(?:{DAY}|{ORD})\s+(?:من\s+)?{MONY}(?:{YEARREF}|\s+{DIR})?"),
        ("drange2", rf"من\s+{DAY}\s+{MONY}\s*(?:-|الي|حتي|وحتي)\s*{DAY}\s+{MONY}{YEARREF}?"),
        ("drange3", rf"{MONX}\s+{DAY}\s*(?:-|الي|حتي)\s*{DAY}{YEARREF}?"),
        # «اخر اثنين من شهر اذار», «ثالث ثلاثاء في ايلول في سنة 2014», «اول اسبوع بشهر اكتوبر 2014»
        ("nth", rf"{NTHHEAD}\s*(?:من\s+|في\s+|ب)(?:{MREF}){YEARREF}?(?:\s+(?:ال)?(?:سنه|عام)\s+{DIR})?"),
        # weekday + explicit date: «الاثنين 18 شباط», «الخميس الموافق 14 شهر شباط», «الاربعاء، 13 شباط»
        ("nth_after", rf"{ORDW}\s+(?:يوم\s+)?{WDA}\s+بعد\s+{HOL}(?:\s+{YEAR})?"),
        ("wdate", rf"(?:يوم\s+)?{WD}\s*,?\s+(?:(?:في|الموافق)\s+)?(?:{DDAY})\s*(?:شهر\s+)?{MONY}(?:{YEARREF}|\s+{DIR})?"),
        ("wdnum", rf"(?:يوم\s+)?{WD}\s*,?\s+(?:الموافق\s+)?{DAY}\s*/\s*\d{{1,2}}(?!\d)(?:\s*/\s*\d{{2,4}}(?!\d)(?:\s*{_alt(y['hijri_marks'])}(?!\w))?)?"),
        # Hijri dates: «١٤ رمضان ١٤٤٦ هـ»
        ("hdate", rf"(?:(?:يوم\s+)?{WD}\s*,?\s+(?:(?:في|الموافق)\s+)?)?(?:{DAY}|{ORD})\s+(?:من\s+)?{HMONY}{HYEAR}?"),
        ("hmonth", rf"{HMONY}{HYEAR}"),
        # day-month(-year): «22 فبراير/ شباط 2022», «الاول من شهر شباط», «اليوم الثالث من اكتوبر»
        ("dmy", rf"{DDAY}\s*(?:شهر\s+)?{MONY}(?:{YEARREF}|\s+{DIR})?"),
        # «27 الشهر الجاري», «الـ5 من هذا الشهر»
        ("dunit", rf"(?:ال)?{DAY}\s+(?:من\s+)?(?:الشهر\s+{DIR}|(?:{THIS})\s+الشهر)"),
        ("mpart", rf"{PART}\s+(?:{MONY}|{HMONY})(?:{YEARREF}|\s+{DIR})?"),
        ("mpart_rel", rf"{PART}\s+(?:{UNIT}\s+{DIR}|(?:{THIS})\s+{UNIT}|{YEAR})"),
        # month + year / relative year: «أكتوبر 2024», «أغسطس من العام الماضي», «أكتوبر/ تشرين الأول الماضي»
        ("my", rf"{MONY}\s*,?\s*(?:من\s+|في\s+)?(?:(?:{YMARK})\s*)?{YEAR}(?!\s*(?:-|/)\s*\d)"),
        ("myrel", rf"{MONY}\s+(?:من\s+)?(?:(?:ال)?(?:عام|سنه)\s+{DIR}|(?:{THIS})\s+(?:ال)?(?:عام|سنه))"),
        ("mdir", rf"{MONY}\s+{DIR}"),
        # digit dates
        ("ymd", rf"{YEAR}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}}(?!\d)"),
        ("dmy_num", rf"\d{{1,2}}\s*(?P<sep>[-/.])\s*\d{{1,2}}\s*(?P=sep)\s*(?:\d{{4}}|\d{{2}})(?!\d)(?:\s*{_alt(y['hijri_marks'])}(?!\w))?"),
        ("my_num", rf"(?:0?[1-9]|1[0-2])\s*/\s*{YEAR}"),
        # weekdays: «يوم الخميس», «الثلاثاء الماضي», «احد الاسبوع الماضي», «الاثنين من هذا الاسبوع», «هذا الاثنين»
        ("wdweek", rf"(?:يوم\s+)?{WDA}\s+(?:من\s+)?(?:الاسبوع\s+{DIR}|(?:{THIS})\s+الاسبوع)"),
        ("wdord", rf"(?:يوم\s+)?{WD}\s+(?=ال){ORD}(?:\s+من\s+(?:هذا\s+الشهر|الشهر\s+{DIR})|(?!\s+من\s))"),
        ("wd", rf"(?:(?:{THIS})\s+)?(?:يوم\s+{WDA}|{WD})(?:\s+{DIR})?"),
        # deictic days and units
        ("dayph", rf"{DAYPH}"),
        ("earlier", rf"{_alt(y['earlier_this'])}\s+(?:(?:{THIS})\s+{UNIT}|{UNIT}\s+{DIR})"),
        ("plural_weeks", rf"الاسابيع\s+(?:(?:ال)?{CARD}|\d+)\s+{DIR}"),
        ("unit", rf"(?:(?:{THIS})\s+{UNIT}|{UNIT}\s+{DIR}(?:\s+من\s+(?:ال)?(?:عام|سنه)\s+{DIR})?)"),
        ("dayw", rf"{DAYW}"),
        ("ago", rf"قبل\s+(?:{UC})(?:\s+(?:واحد|واحده))?(?!\s+من)"),
        ("after", rf"{_alt(y['after_context'])}\s+(?:{UC})(?:\s+(?:واحد|واحده))?"),
        # seasons and decades
        ("season", rf"{SEAS}(?:\s+(?:عام\s+|العام\s+)?{YEAR}|\s+(?:من\s+)?(?:ال)?(?:عام|سنه)\s+{DIR}|\s+{DIR})?"),
        ("season_this", rf"(?:{THIS})\s+{SEAS}"),
        ("decade", rf"{DEC}(?:\s+(?:من\s+)?القرن\s+(?:الماضي|العشرين|الحالي|الحادي\s+والعشرين))?"),
        # clock times: «الساعة 3 صباحا», «الثالثة وربع بعد الظهر», «15:15»
        ("clock", rf"{CLOCK}\s+{HOUR}(?:{MIN})?(?:\s+{PER})?(?:{TZ})?"),
        ("clockw", rf"{HOURW}(?:{MIN})?\s+{PER}"),
        ("hhmm", rf"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?!\d)(?:\s+{PER})?"),
        ("tonight", rf"{_alt(y['tonight_words'])}"),
        # years: «عام 2019», «العام 1949», «في 2024» (weak), decades of digits «2010s» are not Arabic usage
        ("year", rf"(?:{YMARK})\s*{YEAR}(?:\s*(?:{_alt(y['hijri_marks'])}|{_alt(y['gregorian_marks'])})(?!\w))?"),
        ("yearweak", rf"(?:{_alt(y['year_weak_markers'])})\s+{YEAR}"),
        ("month", rf"(?:شهر\s+)?{MONX}"),
    ]
    pats = [(n, N(p)) for n, p in pats]
    # Anchors: the words every expression contains at or near its start (plus digits). The scanner only tries the
    # full grammar at an anchor, or up to three prefix words before it («في», «من», «قبل»...), never everywhere.
    first = lambda ws: [_sq(w).split()[0] for w in ws if _sq(w)]  # noqa: E731
    strong = set(first(lx.months)) | set(first(lx.weekdays)) | set(first(y["days"])) | set(first(y["day_phrases"]))
    strong |= set(first(y["units"])) | set(first(y["seasons"])) | set(first(y["decades"]))
    strong |= {k[2:] for k in y["decades"]} | set(first(y["year_markers"])) | set(first(y["month_parts"]))
    strong |= set(first(y["ordinals"])) | set(first(y["clock_words"]))
    strong |= set(first(y["tonight_words"])) | set(first(y["now_words"])) | set(first(y["holidays"]))
    strong |= {k for k, (u, c) in y["unit_counts"].items() if c}   # «أسبوع», «يومين» (not the plurals)
    strong |= {N(w) for w in ("يوم", "شهر", "الشهر", "الاسابيع", "وقت", "اللحظة", "غد", "الغد")}
    prefixes = {N(w) for w in ("من", "في", "هذا", "هذه", "قبل", "بعد", "وبعد", "عقب", "الموافق", "منذ", "حتى", "عند",
                               "اليوم", "الاسبوع")}
    prefixes |= set(first(y["year_weak_markers"])) | set(first(y["after_context"])) | set(first(y["this"]))
    prefixes |= {k for k in lx.weekdays if not k.startswith("ال")} | set(first(y["cardinals"]))
    strong -= prefixes - {N("اليوم"), N("الاسبوع")}
    strong.discard("")
    tr = "(?:" + trie_pattern(strong) + ")"
    anchor = re.compile(rf"\d+|\b[وفبل]?{tr}\b")
    # The same anchors, written so that the pattern starts with one character class (the character before the
    # word, or the first digit): `re` then skips to candidate positions with a fast first-character scan instead
    # of trying the pattern at every character. Scanned over " " + text; group `w` is the word (none for digits).
    lead = " \n\t\r\u00a0()[]{}«»“”‘’\"'/\\,.:;!?…*_=+|<>•·-"
    anchor_fast = re.compile("[" + "".join(re.escape(c) for c in lead) + rf"0-9](?:(?<=[0-9])\d*|(?P<w>[وفبل]?{tr})\b)")
    # words that may follow a 1-2 digit number inside a date («22 فبراير», «13 الى 15», «ال30 من شهر»)
    digit_follow = set(first(lx.months)) | {N(w) for w in ("الى", "حتى", "وحتى", "و", "من", "شهر", "الشهر", "لغاية",
                                                          "هذا", "هذه")}
    digit_follow |= set(first(y["hijri_marks"])) | set(first(y["gregorian_marks"])) | set(first(y["day_periods"]))
    digit_follow |= set(first(y["minute_words"]))
    master = "|".join(f"(?P<{n}>{p})" for n, p in pats)
    master = re.compile(rf"(?<!\w)(?P<cl>[وفبل](?=[^\W\d_]))?(?:{master})(?!\w)")
    subs = {n: re.compile(p) for n, p in pats}
    helpers = {
        "mon": re.compile(rf"(?:(?<!\w)|(?<=(?<!\w)[وفبل])){_alt(lx.months)}(?!\w)"),
        "monn": re.compile(N(rf"(?:شهر\s+(?P<d>\d{{1,2}})|شهر\s+(?P<c>{CARD})|الشهر\s+(?P<o>{ORDW}))(?!\w)")),
        "wd": re.compile(rf"(?:(?<!\w)|(?<=(?<!\w)[وفبل])){_alt(lx.weekdays)}(?!\w)"),
        "dir": re.compile(rf"(?<!\w){DIR}(?!\w)"),
        "unit": re.compile(rf"(?<!\w){UNIT}(?!\w)"),
        "ord": re.compile(rf"(?<!\w){N(ORD)}(?!\w)"),
        "card": re.compile(rf"(?<!\w){N(NUMW)}(?!\w)"),
        "per": re.compile(rf"(?<!\w){PER}(?!\w)"),
        "seas": re.compile(rf"(?<!\w){SEAS}(?!\w)"),
        "dec": re.compile(rf"(?<!\w){DEC}"),
        "uc": re.compile(rf"(?<!\w){UC}(?!\w)"),
        "hol": re.compile(rf"{HOL}"),
        "part": re.compile(rf"(?<!\w){PART}(?!\w)"),
        "frac": re.compile(rf"{FRAC}(?!\w)"),
        "tz": re.compile(rf"بتوقيت\s+(?P<z>\S+)"),
        "hmark": re.compile(rf"(?<!\w){_alt(y['hijri_marks'])}(?!\w)"),
        "num": re.compile(r"\d+"),
        "anchor": anchor,
        "anchor_fast": anchor_fast,
        "prefixes": frozenset(prefixes),
        "strong": frozenset(strong),
        "digit_follow": frozenset(digit_follow),
    }
    return master, subs, helpers


# ------------------------------------------------------------------ calendar helpers
def _ref_date(reference) -> tuple[dt.date | None, dt.datetime | None]:
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


def _tzoff(reference) -> float | None:
    t = reference if isinstance(reference, dt.datetime) else None
    if t is None and isinstance(reference, str):
        try:
            t = dt.datetime.fromisoformat(reference.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    off = t.utcoffset() if t is not None else None
    return off.total_seconds() / 3600 if off is not None else None


def _add_months(y, m, k):
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _week(d: dt.date) -> str:
    iy, iw, _ = d.isocalendar()
    return f"{iy}-W{iw:02d}"


def _season_of(d: dt.date) -> tuple[int, int]:
    """(year, code) of the meteorological season containing d; winter Dec Y..Feb Y+1 is (Y, 24)."""
    m = d.month
    if m in (3, 4, 5):
        return d.year, 21
    if m in (6, 7, 8):
        return d.year, 22
    if m in (9, 10, 11):
        return d.year, 23
    return (d.year if m == 12 else d.year - 1), 24


def _valid(y, m, d):
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096, typed=True)   # pure; a feast is converted for 3 years per article
def _hijri_to_greg(y, m, d):
    try:
        from hijridate import Hijri
        return Hijri(y, m, d).to_gregorian().datetuple()
    except Exception:
        return None


@functools.lru_cache(maxsize=4096, typed=True)
def _hijri_month_days(y, m):
    try:
        from hijridate import Hijri
        return Hijri(y, m, 1).month_length()
    except Exception:
        return 29


@functools.lru_cache(maxsize=4096, typed=True)
def _greg_to_hijri(d: dt.date):
    try:
        from hijridate import Gregorian
        return Gregorian(d.year, d.month, d.day).to_hijri().datetuple()
    except Exception:
        return None


# ------------------------------------------------------------------ intermediate result
@dataclass
class _R:
    start: int
    end: int
    value: str | None
    grain: str | None
    how: str                    # absolute | publication | context | unresolved
    kind: str = "date"          # date | tod
    tod: tuple | None = None    # (hour, minute, second, period, tz) for clock times
    day: dt.date | None = None  # the day a day-grain value stands for (for merging with a clock time)
    flex: bool = False          # a relative weekday/month whose direction may change with a scheduled marker
    src: str = ""               # the grammar rule that produced it


class _Ctx:
    def __init__(self, text, norm, ref, now, prefer, mode):
        self.text, self.norm, self.ref, self.now, self.prefer, self.mode = text, norm, ref, now, prefer, mode
        self.prev: list[_R] = []
        self.tzoff: float | None = None   # the reference's UTC offset in hours, when it carried one

    @property
    def how(self):
        return "publication" if self.ref else "unresolved"


def _ordval(s: str) -> int | str | None:
    """«الثالث عشر» -> 13, «الحادي والعشرين» -> 21, «الأخير» -> 'last'."""
    y = _lex().y
    toks = s.split()
    if not toks:
        return None
    v = y["ordinals"].get(toks[0])
    if v is None:
        return None
    rest = " ".join(toks[1:]).replace("و ", "و")
    if v == "last":
        return v
    if rest in ("عشر", "عشره"):
        return v + 10 if v < 10 else v
    m = re.match(r"و\s*(\S+)", rest)
    if m and m[1] in y["ordinals"] and isinstance(y["ordinals"][m[1]], int):
        return v + y["ordinals"][m[1]]
    return v


def _cardval(s: str) -> int | None:
    y = _lex().y["cardinals"]
    s = " ".join(s.split())
    if s in y:
        return y[s]
    toks = s.replace("و ", "و").split()
    if len(toks) == 2 and toks[1] in ("عشر", "عشره") and toks[0] in y:
        return y[toks[0]] + 10
    if len(toks) == 2 and toks[1].startswith("و") and toks[0] in y and toks[1][1:] in y:
        return y[toks[0]] + y[toks[1][1:]]
    if len(toks) == 3 and " ".join(toks[:2]) in y:
        return None
    return None


def _numword(s: str) -> int | None:
    s = s.strip()
    if s.isdigit():
        return int(s)
    v = _cardval(s)
    if v is None:
        o = _ordval(s)
        v = o if isinstance(o, int) else None
    return v


def _month_of(span: str):
    """(month, calendar) of the first month named in span (names or «شهر 3» / «الشهر الثامن»)."""
    _, _, H = _grammar()
    lx = _lex()
    m = H["mon"].search(span)
    n = H["monn"].search(span)
    if n and (not m or n.start() < m.start()):
        if n["d"]:
            v = int(n["d"])
        elif n["c"]:
            v = _cardval(n["c"])
        else:
            v = _ordval(n["o"])
        if isinstance(v, int) and 1 <= v <= 12:
            return v, "greg", n
        return None
    if m:
        mon, cal = lx.months[" ".join(m[0].split())]
        return mon, cal, m
    return None


def _dir_of(span: str):
    _, _, H = _grammar()
    m = H["dir"].search(span)
    if not m:
        return None
    return _lex().y["directions"][" ".join(m[0].split())]


def _resolve_month(ctx, mon, prefer, strict=False):
    """Year for a bare month name relative to the reference date."""
    r = ctx.ref
    if prefer == "past":
        return r.year if (mon < r.month or (mon == r.month and not strict)) else r.year - 1
    return r.year if (mon > r.month or (mon == r.month and not strict)) else r.year + 1


def _year_after(span: str, ctx) -> tuple[int | None, str | None]:
    """An explicit year (4 digits) or a relative year phrase in the tail of a span -> (year, how)."""
    m = re.search(r"(?<!\d)(\d{4})(?!\d)", span)
    if m:
        return int(m[1]), "absolute"
    if re.search(N(r"(?:عام|سنه)\s"), span) or re.search(N(r"(?:هذا|هذه)\s+(?:ال)?(?:عام|سنه)"), span):
        tail = span[span.rfind(N("عام")) if N("عام") in span else span.rfind(N("سنه")):]
        d = _dir_of(tail)
        if re.search(N(r"(?:هذا|هذه)\s+(?:ال)?(?:عام|سنه)"), span):
            d = 0
        if d is None or d == "same":
            return None, None
        if ctx.ref is None:
            return None, "unresolved"
        return ctx.ref.year + d, ctx.how
    return None, None


# ------------------------------------------------------------------ handlers
_SKIP = object()   # a handler's «this span is not a date, and nothing inside it is either»

def _day_in_month_value(ctx, span, day, mon, explicit_year_span):
    yr, how = _year_after(explicit_year_span, ctx)
    if yr is None and how is None and ctx.ref is not None:
        d = _dir_of(explicit_year_span)
        if d in (-1, 1):
            yr, how = _resolve_month(ctx, mon, "past" if d < 0 else "future", strict=True), ctx.how
    if yr is None and how == "unresolved":
        return f"XXXX-{mon:02d}-{day:02d}", "unresolved", None
    if yr is None:
        if ctx.ref is None:
            return f"XXXX-{mon:02d}-{day:02d}", "unresolved", None
        yr = _resolve_month(ctx, mon, ctx.prefer)
        how = ctx.how
    d = _valid(yr, mon, day)
    if not d:
        return None
    return d.isoformat(), how, d


def _h_dmy(ctx, s, st, en, name):
    lx = _lex()
    prev = ctx.norm[max(0, st - 12):st].split()
    if prev and prev[-1] in _Lset("name_heads") and not re.search(r"\d{4}", s):
        return _SKIP  # «شارع 26 سبتمبر»: a name, and its month is no date either
    mo = _month_of(s)
    if not mo:
        return None
    mon, cal, mm = mo
    head = s[:mm.start()]
    tail = s[mm.end():]
    # day: digits, ordinal words, «اول»
    dm = re.search(r"(?<!\d)(\d{1,2})(?!\d)", head)
    if dm:
        day = int(dm[1])
    else:
        om = _grammar()[2]["ord"].search(head)
        if om:
            day = _ordval(" ".join(om[0].split()))
        elif re.search(N(r"(?<!\w)اول(?!\w)"), head):
            day = 1
        else:
            return None
    if day == "last":
        day = 31
    if not isinstance(day, int) or not 1 <= day <= 31:
        return None
    if cal == "hijri":
        return None
    if day == 31:
        yr, _ = _year_after(tail, ctx)
        day = min(31, calendar.monthrange(yr or 2001, mon)[1])
    res = _day_in_month_value(ctx, s, day, mon, tail)
    if not res:
        return None
    v, how, d = res
    return _R(st, en, v, "day", how, day=d)


def _h_wdate(ctx, s, st, en, name):
    # drop the weekday (and «يوم»), parse the rest as a date
    H = _grammar()[2]
    w = H["wd"].search(s)
    rest = s[w.end():] if w else s
    r = _h_dmy(ctx, rest, st, en, name)
    return r


def _h_wdnum(ctx, s, st, en, name):
    H = _grammar()[2]
    w = H["wd"].search(s)
    nums = [int(x) for x in H["num"].findall(s[w.end():])]
    day, mon = nums[0], nums[1]
    if len(nums) > 2:
        return _h_dmy_num(ctx, s[w.end():], st, en, name)
    if not 1 <= mon <= 12:
        return None
    res = _day_in_month_value(ctx, s, day, mon, "")
    if not res:
        return None
    return _R(st, en, res[0], "day", res[1], day=res[2])


def _h_hdate(ctx, s, st, en, name):
    mo = _month_of(s)
    if not mo or mo[1] != "hijri":
        return None
    mon, _, mm = mo
    head = s[:mm.start()]
    wm = _grammar()[2]["wd"].search(head)
    if wm:
        head = head[wm.end():]
    dm = re.search(r"(?<!\d)(\d{1,2})(?!\d)", head)
    om = _grammar()[2]["ord"].search(head)
    day = int(dm[1]) if dm else (_ordval(" ".join(om[0].split())) if om else None)
    if day is not None and not (isinstance(day, int) and 1 <= day <= 30):
        return None
    ym = re.search(r"(?<!\d)(\d{3,4})(?!\d)", s[mm.end():])
    if ym:
        hy = int(ym[1])
        if hy > 1600:  # a Gregorian year after a Hijri month: «رمضان 2019» = the Ramadan within 2019
            return _hijri_in_greg_year(ctx, st, en, mon, day, hy)
    else:
        if ctx.ref is None or not day:
            return None
        h = _greg_to_hijri(ctx.ref)
        if not h:
            return None
        hy = h[0] if (mon <= h[1] if ctx.prefer == "past" else mon >= h[1]) else h[0] + (-1 if ctx.prefer == "past" else 1)
    if day:
        g = _hijri_to_greg(hy, mon, day)
        if not g:
            return None
        d = dt.date(*g)
        return _R(st, en, d.isoformat(), "day", "absolute" if ym else ctx.how, day=d)
    a = _hijri_to_greg(hy, mon, 1)
    if not a:
        return None
    a = dt.date(*a)
    b = a + dt.timedelta(days=_hijri_month_days(hy, mon) - 1)
    return _R(st, en, f"{a.isoformat()}/{b.isoformat()}", "interval", "absolute")


def _hijri_in_greg_year(ctx, st, en, mon, day, gy):
    h = _greg_to_hijri(dt.date(gy, 1, 1))
    if not h:
        return None
    for hy in (h[0], h[0] + 1):
        a = _hijri_to_greg(hy, mon, day or 1)
        if a and a[0] == gy:
            a = dt.date(*a)
            if day:
                return _R(st, en, a.isoformat(), "day", "absolute", day=a)
            b = a + dt.timedelta(days=_hijri_month_days(hy, mon) - 1)
            return _R(st, en, f"{a.isoformat()}/{b.isoformat()}", "interval", "absolute")
    return None


def _gregorian_month_year(s, ctx):
    """(month, month match, year or None, how) of a Gregorian month name in `s` and the year after it; None when
    `s` names no Gregorian month."""
    mo = _month_of(s)
    if not mo or mo[1] == "hijri":
        return None
    mon, _cal, mm = mo
    yr, how = _year_after(s[mm.end():], ctx)
    return mon, mm, yr, how


def _h_my(ctx, s, st, en, name):
    got = _gregorian_month_year(s, ctx)
    if not got:
        return None
    mon, _mm, yr, how = got
    if yr is None:
        if how == "unresolved":
            return _R(st, en, f"XXXX-{mon:02d}", "month", "unresolved")
        return None
    if not 1000 <= yr <= 2200:
        return None
    return _R(st, en, f"{yr}-{mon:02d}", "month", how)


def _h_mdir(ctx, s, st, en, name):
    mo = _month_of(s)
    if not mo or mo[1] == "hijri":
        return None
    mon = mo[0]
    d = _dir_of(s[mo[2].end():])
    if d is None or d == "same":
        return None
    if ctx.ref is None:
        return _R(st, en, f"XXXX-{mon:02d}", "month", "unresolved")
    if d == 0:
        return _R(st, en, f"{ctx.ref.year}-{mon:02d}", "month", ctx.how)
    yr = _resolve_month(ctx, mon, "past" if d < 0 else "future", strict=True)
    return _R(st, en, f"{yr}-{mon:02d}", "month", ctx.how)


_WEAK_MONTHS = {N("آب"), N("مارس")}     # «آب» is also «father», «مارس» also «he practised»
_WEAK_MONTH_OK_BEFORE = re.compile(N(r"(?:في|منذ|خلال|حتى|شهر|مطلع|أواخر|أوائل|نهاية|بداية|منتصف|مع|قبل|بعد|من)\s*$"))


def _h_month(ctx, s, st, en, name):
    mo = _month_of(s)
    if not mo or mo[1] == "hijri":
        return None
    mon, _, mm = mo
    word = " ".join(mm[0].split())
    doubled = "/" in s or "(" in s or "-" in s
    if word in _WEAK_MONTHS and not doubled and not s.startswith(N("شهر")):
        if word == N("آب") or not _WEAK_MONTH_OK_BEFORE.search(ctx.norm[max(0, st - 12):st]):
            return None
    if ctx.ref is None:
        return _R(st, en, f"XXXX-{mon:02d}", "month", "unresolved", flex=True)
    yr = _resolve_month(ctx, mon, ctx.prefer)
    return _R(st, en, f"{yr}-{mon:02d}", "month", ctx.how, flex=True)


def _h_ranges(ctx, s, st, en, name):
    H = _grammar()[2]
    mo = _month_of(s)
    if not mo or mo[1] == "hijri":
        return None
    mon, _, mm = mo
    # the two day numbers (digits or ordinals), in order, outside the month name and year
    body = s[:mm.start()] + " " + s[mm.end():]
    body = re.sub(r"(?<!\d)\d{4}(?!\d)", " ", body)
    if name == "drange2":
        nums = [int(x) for x in re.findall(r"(?<!\d)\d{1,2}(?!\d)", body)]
    else:
        nums = [int(x) for x in re.findall(r"(?<!\d)\d{1,2}(?!\d)", body)]
        if len(nums) < 2:
            nums = [_ordval(" ".join(o[0].split())) for o in H["ord"].finditer(body)]
    if len(nums) < 2 or not all(isinstance(x, int) for x in nums[:2]):
        return None
    a, b = nums[0], nums[1]
    if not (1 <= a < b <= 31):
        return None
    ra = _day_in_month_value(ctx, s, a, mon, s[mm.end():])
    rb = _day_in_month_value(ctx, s, b, mon, s[mm.end():])
    if not ra or not rb:
        return None
    return _R(st, en, f"{ra[0]}/{rb[0]}", "interval", ra[1])


def _month_days(y, m):
    return calendar.monthrange(y, m)[1]


def _h_nth(ctx, s, st, en, name):
    H = _grammar()[2]
    lx = _lex()
    # which month
    mo = _month_of(s)
    yr = None
    if mo:
        mon, cal, mm = mo
        if cal == "hijri":
            return None
        tail = s[mm.end():]
        yr, how = _year_after(tail, ctx)
        if yr is None:
            if ctx.ref is None:
                return None
            yr = _resolve_month(ctx, mon, ctx.prefer)
        head = s[:mm.start()]
    else:
        um = re.search(N(r"(?:الشهر\s+(\S+)|هذا\s+الشهر)"), s)
        if not um or ctx.ref is None:
            return None
        d = 0 if um[1] is None else lx.y["directions"].get(um[1])
        if not isinstance(d, int):
            return None
        yr, mon = _add_months(ctx.ref.year, ctx.ref.month, d)
        head = s[:um.start()]
        tail = s[um.end():]
        yr2, _ = _year_after(tail, ctx)
        yr = yr2 or yr
    om = H["ord"].search(head)
    n = _ordval(" ".join(om[0].split())) if om else None
    if n is None:
        return None
    wm = H["wd"].search(head)
    ndays = _month_days(yr, mon)
    first = dt.date(yr, mon, 1)
    last = dt.date(yr, mon, ndays)
    if N("اسبوع") in head:
        mondays = [first + dt.timedelta(days=i) for i in range(ndays)
                   if (first + dt.timedelta(days=i)).isoweekday() == 1 and i + 6 < ndays]
        if not mondays:
            return None
        d = mondays[-1] if n == "last" else (mondays[n - 1] if n <= len(mondays) else None)
        return _R(st, en, _week(d), "week", ctx.how) if d else None
    if wm:
        wd = lx.weekdays[" ".join(wm[0].split())]
        days = [first + dt.timedelta(days=i) for i in range(ndays) if (first + dt.timedelta(days=i)).isoweekday() == wd]
        d = days[-1] if n == "last" else (days[n - 1] if n <= len(days) else None)
    else:
        d = last if n == "last" else _valid(yr, mon, n)
    if not d:
        return None
    return _R(st, en, d.isoformat(), "day", "absolute" if re.search(r"\d{4}", s) else ctx.how, day=d)


def _h_mpart(ctx, s, st, en, name):
    lx = _lex()
    H = _grammar()[2]
    pm = H["part"].search(s)
    a, b = lx.y["month_parts"][" ".join(pm[0].split())]
    rest = s[pm.end():]
    if name == "mpart_rel":
        ym = re.search(r"\d{4}", rest)
        if ym:
            return None
        um = H["unit"].search(rest)
        unit = lx.y["units"].get(" ".join(um[0].split())) if um else None
        if unit != "month" or ctx.ref is None:
            return None
        d = _dir_of(rest)
        d = 0 if d is None else d
        if d == "same":
            return None
        yr, mon = _add_months(ctx.ref.year, ctx.ref.month, d)
    else:
        got = _gregorian_month_year(rest, ctx)
        if not got:
            return None
        mon, mm, yr, how = got
        if yr is None:
            if ctx.ref is None:
                return _R(st, en, f"XXXX-{mon:02d}", "month", "unresolved")
            d = _dir_of(rest[mm.end():])
            if d in (-1, 1):
                yr = _resolve_month(ctx, mon, "past" if d < 0 else "future", strict=True)
            else:
                yr = _resolve_month(ctx, mon, ctx.prefer)
    nd = _month_days(yr, mon)
    a, b = min(a, nd), min(b, nd)
    if a == b:
        d = dt.date(yr, mon, a)
        return _R(st, en, d.isoformat(), "day", ctx.how, day=d)
    return _R(st, en, f"{dt.date(yr, mon, a).isoformat()}/{dt.date(yr, mon, b).isoformat()}", "interval", ctx.how)


def _h_ymd(ctx, s, st, en, name):
    nums = [int(x) for x in re.findall(r"\d+", s)]
    d = _valid(nums[0], nums[1], nums[2])
    return _R(st, en, d.isoformat(), "day", "absolute", day=d) if d and 1000 <= nums[0] <= 2200 else None


def _h_dmy_num(ctx, s, st, en, name):
    H = _grammar()[2]
    nums = [int(x) for x in re.findall(r"\d+", s)]
    a, b, y = nums[:3]
    if y < 100:
        if "." in s:
            return None  # «1.5.20» is more likely a version/score than a date
        y += 2000
    if H["hmark"].search(s) or 1300 <= y <= 1500:
        g = _hijri_to_greg(y, b, a) if b <= 12 else None
        if not g:
            return None
        d = dt.date(*g)
        return _R(st, en, d.isoformat(), "day", "absolute", day=d)
    if b > 12 and a <= 12:
        a, b = b, a  # month/day order
    d = _valid(y, b, a)
    return _R(st, en, d.isoformat(), "day", "absolute", day=d) if d and 1000 <= y <= 2200 else None


def _h_my_num(ctx, s, st, en, name):
    nums = [int(x) for x in re.findall(r"\d+", s)]
    if not 1900 <= nums[1] <= 2100:
        return None
    d = dt.date(nums[1], nums[0], 1)
    return _R(st, en, f"{nums[1]}-{nums[0]:02d}", "month", "absolute", day=d)


def _weekday_date(ref, wd, direction):
    """direction: 'past' (on or before), 'future' (strictly after), -1 (strictly before), +1 (strictly after)."""
    cur = ref.isoweekday()
    if direction == "past":
        return ref - dt.timedelta(days=(cur - wd) % 7)
    if direction == -1:
        return ref - dt.timedelta(days=((cur - wd) % 7) or 7)
    return ref + dt.timedelta(days=((wd - cur) % 7) or 7)


def _h_wd(ctx, s, st, en, name):
    H = _grammar()[2]
    lx = _lex()
    wm = H["wd"].search(s)
    wd = lx.weekdays[" ".join(wm[0].split())]
    prev = ctx.norm[max(0, st - 8):st].split()
    if prev and prev[-1] in (N("كل"), N("وكل")):
        return None  # «كل يوم جمعة»: every Friday
    if ctx.ref is None:
        return _R(st, en, None, "day", "unresolved", flex=True)
    if name == "wdweek":
        d = _dir_of(s[wm.end():])
        d = 0 if d is None else d
        if d == "same":
            return None
        monday = ctx.ref - dt.timedelta(days=ctx.ref.isoweekday() - 1) + dt.timedelta(days=7 * d)
        day = monday + dt.timedelta(days=wd - 1)
        return _R(st, en, day.isoformat(), "day", ctx.how, day=day)
    if name == "wdord":
        om = H["ord"].search(s[wm.end():])
        if not om or not om[0].startswith("ال"):
            return None  # «الأربعاء ثاني أيام العزاء»: an ordinal of something else, not a day of the month
        n = _ordval(" ".join(om[0].split())) if om else None
        if not isinstance(n, int):
            return None
        dd = _dir_of(s[wm.end() + om.end():])
        yr, mon = _add_months(ctx.ref.year, ctx.ref.month, dd if isinstance(dd, int) else 0)
        day = _valid(yr, mon, n)
        return _R(st, en, day.isoformat(), "day", ctx.how, day=day) if day else None
    d = _dir_of(s[wm.end():])
    this = s.startswith(N("هذا")) or s.startswith(N("هذه"))
    if d == "same":
        return None
    if d in (-1, 1):
        day = _weekday_date(ctx.ref, wd, d)
        flex = False
    elif this or d == 0:
        day = _weekday_date(ctx.ref, wd, "future") if ctx.prefer == "future" else _weekday_date(ctx.ref, wd, "past")
        flex = False
    else:
        day = _weekday_date(ctx.ref, wd, ctx.prefer)
        flex = True
    r = _R(st, en, day.isoformat(), "day", ctx.how, day=day, flex=flex)
    r.wd = wd
    return r


def _h_days(ctx, s, st, en, name):
    lx = _lex()
    key = " ".join(s.split())
    off = lx.y["day_phrases"].get(key) if name == "dayph" else lx.y["days"].get(key)
    if off is None:
        return None
    if name == "dayw" and key == N("اليوم"):
        nw = _next_word(ctx, en)
        nxt = [nw] if nw else []
        if nxt and (nxt[0] in lx.y["ordinals"] or nxt[0] in (N("الذي"), N("التالي"))):
            return None
        if nxt and nxt[0].startswith("ال") and nxt[0].endswith(("ي", "يه")) and nxt[0] not in lx.weekdays \
                and ctx.mode == "news":
            return None  # «اليوم الوطني», «اليوم العالمي للمرأة»: a named day (nisba adjective), not today
    if _anaphoric(ctx, st):
        return None
    if key == N("اليوم"):
        before = ctx.norm[max(0, st - 6):st].split()
        if (before and before[-1] in _Lset("today_name_heads")) or \
                (st > 0 and ctx.norm[st - 1] in "\"«“" and en < len(ctx.norm) and ctx.norm[en] in "\"»”"):
            return None  # «عين اليوم», «"اليوم"»: a newspaper's name
    if ctx.ref is None:
        return _R(st, en, None, "day", "unresolved")
    d = ctx.ref + dt.timedelta(days=off)
    return _R(st, en, d.isoformat(), "day", ctx.how, day=d)


def _unit_value(ref, unit, k):
    if unit == "week":
        return _week(ref + dt.timedelta(days=7 * k)), "week"
    if unit == "month":
        y, m = _add_months(ref.year, ref.month, k)
        return f"{y}-{m:02d}", "month"
    if unit == "year":
        return f"{ref.year + k}", "year"
    d = ref + dt.timedelta(days=k)
    return d.isoformat(), "day"


def _h_unit(ctx, s, st, en, name):
    lx = _lex()
    H = _grammar()[2]
    um = H["unit"].search(s)
    unit = lx.y["units"][" ".join(um[0].split())]
    d = _dir_of(s[um.end():])
    if name == "earlier" or d is None:
        d = d if isinstance(d, int) else 0
    if d == "same":
        prev = ctx.prev[-1] if ctx.prev else None
        if not prev or not prev.value or prev.value.startswith("X"):
            return None
        v = prev.value.split("/")[0]
        ym = re.search(N(r"من\s+(?:ال)?(?:عام|سنه)\s+(\S+)"), s)
        if ym and unit == "month" and re.match(r"\d{4}-\d{2}", v):
            k = lx.y["directions"].get(ym[1])      # «الشهر نفسه من العام الماضي»: that month, a year earlier
            if isinstance(k, int):
                return _R(st, en, f"{int(v[:4]) + k}-{v[5:7]}", "month", "context")
        if unit == "year" and re.match(r"\d{4}", v):
            return _R(st, en, v[:4], "year", "context")
        if unit == "month" and re.match(r"\d{4}-\d{2}(?!\d)", v):
            return _R(st, en, v[:7], "month", "context")
        if unit == "week" and re.match(r"\d{4}-\d{2}-\d{2}", v):
            return _R(st, en, _week(dt.date.fromisoformat(v[:10])), "week", "context")
        return None
    if ctx.ref is None:
        return _R(st, en, None, {"week": "week", "month": "month", "year": "year"}[unit], "unresolved")
    v, g = _unit_value(ctx.ref, unit, d)
    return _R(st, en, v, g, ctx.how)


def _h_plural_weeks(ctx, s, st, en, name):
    m = re.search(r"\d+", s)
    toks = s.split()
    n = int(m[0]) if m else _cardval(toks[1][2:] if toks[1].startswith("ال") else toks[1])
    d = _dir_of(s)
    if not n or d not in (1, -1) or ctx.ref is None:
        return None
    monday = ctx.ref - dt.timedelta(days=ctx.ref.isoweekday() - 1)
    if d == 1:
        a, b = monday + dt.timedelta(days=7), monday + dt.timedelta(days=7 * (n + 1) - 1)
    else:
        a, b = monday - dt.timedelta(days=7 * n), monday - dt.timedelta(days=1)
    return _R(st, en, f"{a.isoformat()}/{b.isoformat()}", "interval", ctx.how)


def _uc(s):
    lx = _lex()
    H = _grammar()[2]
    m = H["uc"].search(s)
    unit, n = lx.y["unit_counts"][" ".join(m[0].split())]
    return unit, n


def _shift(d: dt.date, unit, n):
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(days=7 * n)
    if unit == "month":
        y, m = _add_months(d.year, d.month, n)
        return dt.date(y, m, min(d.day, _month_days(y, m)))
    return _valid(d.year + n, d.month, d.day) or dt.date(d.year + n, d.month, 28)


def _h_ago(ctx, s, st, en, name):
    unit, n = _uc(s)
    if not n or ctx.ref is None:
        return None
    nxt = ctx.norm[en:en + 24].split()
    if nxt and (nxt[0].startswith("ال") or _grammar()[2]["mon"].match(" ".join(nxt[:2]))):
        return None  # «قبل يوم العيد», «قبل شهر رمضان»: before an event, not «a day ago»
    d = _shift(ctx.ref, unit, -n)
    return _R(st, en, d.isoformat(), "day", ctx.how, day=d)


def _h_after(ctx, s, st, en, name):
    """«بعد شهر واحد»: an offset from the previous date of the text (context)."""
    unit, n = _uc(s)
    prev = ctx.norm[max(0, st - 10):st].split()
    if prev and prev[-1].rstrip("ا") in set(_lex().y["unit_counts"]):
        return None  # «يوما بعد يوم»: day after day
    if _next_word(ctx, en) in (N("من"), N("علي")):
        return None  # «بعد يوم واحد من القصف»: relative to an event, not to the previous date
    prev = next((p for p in reversed(ctx.prev) if p.value and not p.value.startswith("X") and p.kind == "date"), None)
    if n and ctx.ref is not None and _scheduled(ctx, st):
        # «سينتهي عقده بعد عامين»: a future verb counts from the publication date, not from the last date
        d = _shift(ctx.ref, unit, n)
        if unit == "year":
            return _R(st, en, str(d.year), "year", ctx.how)
        if unit == "month":
            return _R(st, en, f"{d.year}-{d.month:02d}", "month", ctx.how)
        return _R(st, en, d.isoformat(), "day", ctx.how, day=d)
    if not n or prev is None:
        return None
    v = prev.value.split("/")[-1]
    if prev.grain == "year" and unit == "year":
        return _R(st, en, str(int(v[:4]) + n), "year", "context")
    if prev.grain in ("month", "day") and unit in ("month", "year", "week", "day"):
        base = dt.date.fromisoformat(v[:10]) if len(v) >= 10 else dt.date(int(v[:4]), int(v[5:7]), 1)
        d = _shift(base, unit, n)
        if prev.grain == "month" or unit in ("month", "year"):
            return _R(st, en, f"{d.year}-{d.month:02d}", "month", "context")
        return _R(st, en, d.isoformat(), "day", "context", day=d)
    return None


def _h_season(ctx, s, st, en, name):
    lx = _lex()
    H = _grammar()[2]
    sm = H["seas"].search(s)
    code = lx.y["seasons"][" ".join(sm[0].split())]
    if _next_word(ctx, en) in _Lset("season_not_before"):
        return None
    if not s[sm.start():].startswith("ال") and name == "season" and not re.search(r"\d{4}", s) and _dir_of(s) is None:
        return None  # «ربيع» without article or year: a name, or part of a Hijri month
    tail = s[sm.end():]
    ym = re.search(r"\d{4}", tail)
    if ym:
        return _R(st, en, f"{ym[0]}-{code}", "season", "absolute")
    d = _dir_of(tail)
    if name == "season_this":
        d = 0
    if d == "same":
        return None
    if ctx.ref is None:
        return _R(st, en, f"XXXX-{code}", "season", "unresolved")
    cy, cc = _season_of(ctx.ref)
    if N("عام") in tail or N("سنه") in tail:       # «صيف العام الماضي»
        return _R(st, en, f"{ctx.ref.year + (d or 0)}-{code}", "season", ctx.how)
    order = [(cy - 1, c) for c in (21, 22, 23, 24)] + [(cy, c) for c in (21, 22, 23, 24)] + [(cy + 1, c) for c in (21, 22, 23, 24)]
    i = order.index((cy, cc))
    if d == -1:
        cands = [o for o in order[:i] if o[1] == code]
        yv = cands[-1][0]
    elif d == 1:
        cands = [o for o in order[i + 1:] if o[1] == code]
        yv = cands[0][0]
    elif d == 0:
        yv = next(o[0] for o in order[i - 3:i + 4] if o[1] == code and o[0] in (cy, cy - 1, cy + 1) and abs(order.index(o) - i) < 4)
    elif ctx.prefer == "past":
        yv = [o for o in order[:i + 1] if o[1] == code][-1][0]
    else:
        yv = [o for o in order[i:] if o[1] == code][0][0]
    return _R(st, en, f"{yv}-{code}", "season", ctx.how)


def _h_decade(ctx, s, st, en, name):
    lx = _lex()
    dm = _grammar()[2]["dec"].search(s)
    w = " ".join(dm[0].split())
    base = lx.y["decades"].get(w) or lx.y["decades"].get("ال" + w)
    if base is None:
        return None
    if any(_sq(p) in s for p in lx.y["decade_this_century"]) or N("الحالي") in s:
        base += 100
    return _R(st, en, f"{str(base)[:3]}X", "decade", "absolute")


def _h_year(ctx, s, st, en, name):
    H = _grammar()[2]
    y = int(re.search(r"\d{4}", s)[0])
    if H["hmark"].search(s[s.find(str(y)) + 4:]) and 1200 <= y <= 1600:
        a = _hijri_to_greg(y, 1, 1)
        b = _hijri_to_greg(y + 1, 1, 1)
        if not a or not b:
            return None
        return _R(st, en, f"{dt.date(*a).isoformat()}/{(dt.date(*b) - dt.timedelta(days=1)).isoformat()}",
                  "interval", "absolute")
    if name == "yearweak":
        if not 1900 <= y <= 2100:
            return None
        nxt = ctx.norm[en:en + 20].split()
        if nxt and re.match(r"[^\W\d_]", nxt[0]) and any(nxt[0].lstrip("و").startswith(w) or nxt[0] == w
                                                         for w in _L("count_nouns_after_year")):
            return None
    elif not 1000 <= y <= 2200:
        return None
    # «عام 2019» — span starts at the marker («عام 2019»), but weak markers (في 2024) are kept out of the span
    if name == "yearweak":
        st = st + s.find(str(y))
    return _R(st, en, str(y), "year", "absolute")


def _h_holiday(ctx, s, st, en, name):
    lx = _lex()
    hm = _grammar()[2]["hol"].search(s)
    rule = lx.y["holidays"][" ".join(hm[0].split())]
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
            r = _hijri_in_greg_year(ctx, st, en, hmon, hday, gy)
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
    return _R(st, en, d.isoformat(), "day", "absolute" if ym else ctx.how, day=d)


def _h_now(ctx, s, st, en, name):
    if ctx.mode == "news":
        return None  # «حتى الآن» in an article is «so far», not a point in time
    if ctx.now is None:
        return _R(st, en, None, "minute", "unresolved")
    return _R(st, en, ctx.now.strftime("%Y-%m-%dT%H:%M:%S"), "minute", ctx.how)


_NEXT_WORD = re.compile(r"[ \t\u00a0]*(\w+)")


def _next_word(ctx, en) -> str:
    """The word right after position `en` on the same line, without punctuation ('' when none)."""
    m = _NEXT_WORD.match(ctx.norm, en)
    return m[1] if m else ""


def _anaphoric(ctx, st) -> bool:
    prev = ctx.norm[max(0, st - 10):st].split()
    return bool(prev) and prev[-1].lstrip("وفب") in _Lset("anaphoric_before")


def _h_tonight(ctx, s, st, en, name):
    if ctx.ref is None or _anaphoric(ctx, st):
        return None
    if _next_word(ctx, en) in (N("التي"), N("الذي"), N("الماضيه"), N("السابقه"), N("قبل")):
        return None
    r = ctx.ref.isoformat()
    return _R(st, en, f"{r}T18:00/{r}T23:59", "interval", ctx.how)


def _clock_parts(s):
    """(hour, minute, second, period, tz) from a clock phrase, or None."""
    lx = _lex()
    H = _grammar()[2]
    s = " ".join(s.split())
    tz = None
    tzm = H["tz"].search(s)
    if tzm:
        tz = lx.y["timezones"].get(tzm["z"].lower())
        s = s[:tzm.start()].strip()
    per = None
    pm = None
    for pm in H["per"].finditer(s):
        pass
    if pm and pm.end() == len(s):
        per = lx.y["day_periods"][" ".join(pm[0].split())]
        s = s[:pm.start()].strip()
    for w in _L("clock_words"):
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
            if hs and H["card"].fullmatch(hs) is None and H["ord"].fullmatch(hs) is None:
                # «الحادية عشر»
                pass
    sec = 0
    if re.fullmatch(r"\d{1,2}(?:[:.]\d{2}(?::\d{2})?)?", hs.strip()):
        nums = [int(x) for x in hs.replace(".", ":").split(":")]
        h = nums[0]
        mi = nums[1] if len(nums) > 1 else 0
        sec = nums[2] if len(nums) > 2 else 0
    else:
        h = _numword(hs)
        mi = 0
    if h is None:
        return None
    if ms:
        ms = re.sub(N(r"\s*(?:دقيقه|دقائق)$"), "", ms.strip())
        fm = H["frac"].fullmatch(ms)
        if fm:
            x = lx.y["clock_fractions"][ms]
        else:
            x = _numword(ms.replace(" و", " و").replace("و ", "و"))
            if x is None:
                x = _cardval(ms)
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


def _h_clock(ctx, s, st, en, name):
    words = s.split()
    if name == "clockw" and words[0] in _NOT_HOURS or name == "clock" and len(words) > 1 and words[1] in _NOT_HOURS:
        return None  # «الساعة الأولى» is «the first hour», «الأول مساء أمس» «the first team…», not 1 o'clock
    p = _clock_parts(s)
    if not p:
        return None
    return _R(st, en, None, "hour" if p[1] == 0 and p[2] == 0 and name != "hhmm" else "minute", ctx.how,
              kind="tod", tod=p)


def _h_nth_after(ctx, s, st, en, name):
    """«ثالث ثلاثاء بعد كريسماس 2014»: the n-th such weekday after a feast."""
    H = _grammar()[2]
    lx = _lex()
    i = s.find(N("بعد"))
    feast = _h_holiday(ctx, s[i + 4:].strip(), st, en, name)
    om = H["ord"].search(s[:i])
    wm = H["wd"].search(s[:i])
    n = _ordval(" ".join(om[0].split())) if om else None
    if feast is None or not isinstance(n, int) or not wm:
        return None
    wd = lx.weekdays[" ".join(wm[0].split())]
    d = feast.day + dt.timedelta(days=((wd - feast.day.isoweekday()) % 7) or 7) + dt.timedelta(days=7 * (n - 1))
    return _R(st, en, d.isoformat(), "day", feast.how, day=d)


def _h_dunit(ctx, s, st, en, name):
    day = int(re.search(r"\d+", s)[0])
    d = _dir_of(s)
    d = 0 if d is None else d
    if not isinstance(d, int) or ctx.ref is None or not 1 <= day <= 31:
        return None
    y, m = _add_months(ctx.ref.year, ctx.ref.month, d)
    dd = _valid(y, m, day)
    return _R(st, en, dd.isoformat(), "day", ctx.how, day=dd) if dd else None


_HANDLERS = {
    "dunit": _h_dunit,
    "nth_after": _h_nth_after,
    "now": _h_now, "holiday": _h_holiday, "drange": _h_ranges, "drange2": _h_ranges, "drange3": _h_ranges,
    "nth": _h_nth, "wdate": _h_wdate, "wdnum": _h_wdnum, "hdate": _h_hdate, "hmonth": _h_hdate, "dmy": _h_dmy,
    "mpart": _h_mpart, "mpart_rel": _h_mpart, "my": _h_my, "myrel": _h_my, "mdir": _h_mdir, "ymd": _h_ymd,
    "dmy_num": _h_dmy_num, "my_num": _h_my_num, "wdweek": _h_wd, "wdord": _h_wd, "wd": _h_wd, "dayph": _h_days,
    "earlier": _h_unit, "plural_weeks": _h_plural_weeks, "unit": _h_unit, "dayw": _h_days, "ago": _h_ago,
    "after": _h_after, "season": _h_season, "season_this": _h_season, "decade": _h_decade, "clock": _h_clock,
    "clockw": _h_clock, "hhmm": _h_clock, "tonight": _h_tonight, "year": _h_year, "yearweak": _h_year,
    "month": _h_month,
}
_NAMES = list(_HANDLERS)


# ------------------------------------------------------------------ scheduled-future context
_CLAUSE_BREAK = re.compile(r"[.!?;:\n\"«»“”()\[\]]|,")


def _scheduled(ctx, start) -> bool:
    """Does the clause before `start` mark a scheduled/future event (المقررة، المرتقبة، سـ + verb)?"""
    y = _lex().y
    lo = max(0, start - 120)
    seg = ctx.norm[lo:start]
    cut = [m.end() for m in _CLAUSE_BREAK.finditer(seg)]
    if cut:
        seg = seg[cut[-1]:]
    words = seg.split()[-int(y.get("scheduled_window", 6)):]
    markers = _Lset("scheduled_markers")
    not_verbs = _Lset("future_verb_not")
    prefixes = tuple(_L("future_verb_prefixes"))
    for w in words:
        w0 = w[1:] if w[:1] in "وف" and len(w) > 3 else w
        if w in markers or w0 in markers:
            return True
        if w0.startswith(prefixes) and len(w0) >= 5 and w0 not in not_verbs and not w0.startswith("ال"):
            return True
    return False


# ------------------------------------------------------------------ the scanner
_TOK_TAIL = re.compile(r"[^\s,.;:()\"'/«»\-]*$")
_PREV3 = re.compile(r"(?:(?<!\S)(\S+)\s+)?(?:(?<!\S)(\S+)\s+)?(?<!\S)(\S+)\s+$")
def _scan(text: str, ref: dt.date | None, now: dt.datetime | None, prefer: str, mode: str,
          tzoff: float | None = None) -> tuple[list[_R], str, list | None]:
    norm, imap = normalize_time_text(text)
    master, subs, _ = _grammar()
    ctx = _Ctx(text, norm, ref, now, prefer, mode)
    ctx.tzoff = tzoff
    out: list[_R] = []
    H = _grammar()[2]
    prefixes = H["prefixes"]
    match = master.match
    tried: set[int] = set()
    pos = 0
    digit_follow = H["digit_follow"]
    next_word = _NEXT_WORD.match
    n_norm = len(norm)
    for am in H["anchor_fast"].finditer(" " + norm):
        g = am.lastgroup
        if g:
            a, e = am.start(g) - 1, am.end(g) - 1
        else:
            a, e = am.start() - 1, am.end() - 1
        if a < pos:
            continue
        # the start of the token holding the anchor («ال30»), then up to three prefix words before it
        t0 = a
        if norm[a].isdigit():
            # cheap gate: a plain count («600 جندي») is no date; only a 4-digit number, a number glued to a
            # separator (12/06, 3:15, 13-15) or one followed by a month/«الى»/«من»... can start one
            if e - a != 4 and not (e < n_norm and norm[e] in "/:.-") and not (
                    e + 1 < n_norm and norm[e].isspace() and norm[e + 1] in "/-"):
                nw = next_word(norm, e)
                if not nw or (nw[1] not in digit_follow and nw[1][1:] not in digit_follow):
                    continue
            while t0 > pos and norm[t0 - 1].isalpha():
                t0 -= 1
        starts = [t0]
        lo = max(pos, t0 - 40)
        if t0 > lo:
            seg = norm[lo:t0]
            p = len(seg)
            if p and seg[-1].isspace():
                for w in reversed(seg.rsplit(None, 3)[-3:]):
                    if w in prefixes or (len(w) > 2 and w[0] in "وفبل" and w[1:] in prefixes):
                        p = seg.rfind(w, 0, p)
                        if p < 0 or (p + len(w) < len(seg) and not seg[p + len(w):].startswith((" ", "\n", "\t", "\u00a0")) and False):
                            break
                        starts.append(lo + p)
                    else:
                        break
        for s0 in reversed(starts):
            if s0 in tried:
                continue
            tried.add(s0)
            m = match(norm, s0)
            if not m:
                continue
            name = m.lastgroup if m.lastgroup in _HANDLERS else next(k2 for k2 in _NAMES if m.group(k2) is not None)
            st = m.start(name)
            en = m.end(name)
            if name == "dayw" and m.group("cl") == "ف":
                continue  # «فغدا» is «and it became», not «tomorrow»
            try:
                r = _HANDLERS[name](ctx, norm[st:en], st, en, name)
            except (ValueError, KeyError, IndexError, TypeError, OverflowError, AttributeError, StopIteration):
                r = None
            if r is None:
                continue
            if r is _SKIP:
                pos = en
                break
            if r.flex and mode == "news" and ctx.ref is not None and prefer == "past" and name == "wd" \
                    and _scheduled(ctx, st):
                day = _weekday_date(ctx.ref, r.wd, "future")
                r.value, r.day = day.isoformat(), day
            r.src = name
            out.append(r)
            ctx.prev.append(r)
            pos = r.end
            break
    out = _merge(ctx, out)
    return out, norm, imap


_JOIN_DT = re.compile(N(r"\s*,?\s*(?:(?:في|عند|على)\s+)?$"))
_JOIN_RANGE = re.compile(N(r"^\s*(?:-|الي|حتي|وحتي|و?لغايه)\s*$"))
_FROM_BEFORE = re.compile(N(r"(?:^|\s)من\s*$"))


def _merge(ctx, rs: list[_R]) -> list[_R]:
    """Join a date and a following clock time («الخميس الساعة 8»), «من X الى Y» clock ranges, «حتى الساعة 2»."""
    out: list[_R] = []
    i = 0
    norm = ctx.norm
    while i < len(rs):
        r = rs[i]
        nxt = rs[i + 1] if i + 1 < len(rs) else None
        # «غدا الخميس», «اليوم الأربعاء», «أمس الثلاثاء»: the deictic word fixes the weekday
        if r.src in ("dayw", "dayph") and nxt is not None and nxt.src == "wd" and \
                re.fullmatch(r"\s*[,(]?\s*", norm[r.end:nxt.start]):
            end = nxt.end + 1 if norm[r.end:nxt.start].strip() == "(" and norm[nxt.end:nxt.end + 1] == ")" else nxt.end
            out.append(_R(r.start, end, r.value, r.grain, r.how, day=r.day, src=r.src))
            i += 2
            continue
        # «الساعة التاسعة من مساء الأحد 26 يوليو»: the clock time on the day named next
        if r.kind == "tod" and nxt is not None and nxt.kind == "date" and nxt.grain == "day" and nxt.day and \
                re.fullmatch(r"\s*", norm[r.end:nxt.start]) and re.search(N(r"من\s+\S+$"), norm[r.start:r.end]):
            f = _finish_tod(ctx, r, day=nxt.day)
            out.append(_R(r.start, nxt.end, f.value, f.grain, nxt.how, kind="date"))
            i += 2
            continue
        # date + time
        if r.kind == "date" and r.grain == "day" and nxt is not None and nxt.kind == "tod":
            gap = norm[r.end:nxt.start]
            nxt2 = rs[i + 2] if i + 2 < len(rs) else None
            if len(gap) < 8 and nxt2 is not None and nxt2.kind == "tod" and \
                    _JOIN_RANGE.match(norm[nxt.end:nxt2.start]) and re.fullmatch(N(r"\s*,?\s*(?:من)?\s*"), gap):
                out.append(_tod_range(ctx, r, nxt, nxt2))
                i += 3
                continue
            if len(gap) < 8 and _JOIN_DT.match(gap):
                if re.fullmatch(r"\s*,?\s*", gap) or re.fullmatch(N(r"\s*(?:في|عند)\s*"), gap):
                    out.append(_finish_tod(ctx, nxt, day=r.day, start=r.start))
                    i += 2
                    continue
        if r.kind == "tod" and nxt is not None and nxt.kind == "tod" and _JOIN_RANGE.match(norm[r.end:nxt.start]):
            out.append(_tod_range(ctx, None, r, nxt))
            i += 2
            continue
        if r.kind == "tod":
            pre = norm[max(0, r.start - 8):r.start]
            if re.search(N(r"(?:^|\s)حتي\s*$"), pre) and ctx.mode == "parse" and ctx.now is not None:
                f = _finish_tod(ctx, r)
                st = r.start - len(re.search(N(r"حتي\s*$"), pre)[0])
                out.append(_R(st, r.end, f"{ctx.now.strftime('%Y-%m-%dT%H:%M:%S')}/{f.value}", "interval", f.how))
                i += 1
                continue
            out.append(_finish_tod(ctx, r))
            i += 1
            continue
        out.append(r)
        i += 1
    return out


def _tod_hm(ctx, tod, day, other_per=None):
    h, mi, sec, per, tz = tod
    per = per or other_per
    if per == "pm" and h < 12:
        h += 12
    elif per == "noon" and h < 6:
        h += 12
    elif per == "am" and h == 12:
        h = 0
    elif per is None and ctx.prefer == "future" and ctx.now is not None and h <= 12 and day == ctx.now.date():
        t = ctx.now.time()
        if (h, mi) < (t.hour, t.minute) and h + 12 < 24:
            h += 12
    if h == 24:
        h = 0
    return h % 24, mi, sec


def _finish_tod(ctx, r: _R, day=None, start=None, other_per=None) -> _R:
    day = day or ctx.ref
    if day is None:
        return _R(start if start is not None else r.start, r.end, None, r.grain, "unresolved", kind="date")
    h, mi, sec, per, tz = r.tod
    if tz is not None:
        h2, mi2, sec2 = _tod_hm(ctx, (h, mi, sec, per, None), day, other_per)
        # a clock time in a named zone, shifted to the reference's zone when that is known
        shift = (ctx.tzoff - tz) if ctx.tzoff is not None else 0
        t = dt.datetime(day.year, day.month, day.day, h2, mi2) + dt.timedelta(hours=shift)
        return _R(start if start is not None else r.start, r.end, t.strftime("%Y-%m-%dT%H:%M"), "minute", r.how,
                  kind="date")
    h2, mi2, sec2 = _tod_hm(ctx, r.tod, day, other_per)
    fmt = "%Y-%m-%dT%H:%M:%S" if sec2 else "%Y-%m-%dT%H:%M"
    v = dt.datetime(day.year, day.month, day.day, h2, mi2, sec2).strftime(fmt)
    return _R(start if start is not None else r.start, r.end, v, r.grain, r.how if r.how != "unresolved" else ctx.how,
              kind="date")


def _tod_range(ctx, date_r, a, b) -> _R:
    day = date_r.day if date_r is not None else None
    pa, pb = a.tod[3], b.tod[3]
    fa = _finish_tod(ctx, a, day=day, other_per=pb)
    fb = _finish_tod(ctx, b, day=day, other_per=pa)
    if fa.value and fb.value and fb.value < fa.value and fb.value[:10] == fa.value[:10]:
        # «من الثامنة مساء حتى الثالثة فجرا»: the end is on the next day
        nd = (dt.date.fromisoformat(fb.value[:10]) + dt.timedelta(days=1)).isoformat()
        fb.value = nd + fb.value[10:]
    st = date_r.start if date_r is not None else a.start
    pre = ctx.norm[max(0, st - 4):st]
    if date_r is None and re.search(N(r"من\s*$"), pre):
        st -= len(re.search(N(r"من\s*$"), pre)[0])
    return _R(st, b.end, f"{fa.value}/{fb.value}" if fa.value and fb.value else None, "interval", fa.how)


# ------------------------------------------------------------------ public API
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


def tag_dates(text: str, published: str | None, prefer: str = "past", quantities=None,
              published_from: str | None = None) -> list[DateMention]:
    """All time expressions of an article, resolved against `published` (ISO date; None = undated).

    prefer: "past" (news convention: a bare weekday/month is the most recent one) or "future".
    published_from="inferred" marks publication-relative values as `inferred`. `quantities` is accepted for the
    pipeline's sake: years inside dates belong to this tagger, the number tagger leaves them alone.
    """
    if not text:
        return []
    ref, now = _ref_date(published)
    rs, _, imap = _scan(text, ref, now, "future" if prefer == "future" else "past", "news")
    return _to_mentions(text, rs, imap, published_from)


_DURATION_RE = None


def tag_durations(text: str) -> list[dict]:
    """Durations («خلال ثلاثة أشهر», «منذ أكثر من ثلاث سنوات», «لمدة يومين»): spans with unit and count (None = vague)."""
    global _DURATION_RE
    if _DURATION_RE is None:
        y = _lex().y
        _DURATION_RE = re.compile(N(
            rf"(?<!\w){_alt(y['duration_openers'])}\s+(?:(?:اكثر|اقل)\s+من\s+)?(?:(?:\d+|{_alt(y['cardinals'])})\s+)?"
            rf"{_alt(y['unit_counts'])}(?!\w)"))
    norm, imap = normalize_time_text(text)
    out = []
    for m in _DURATION_RE.finditer(norm):
        s, e = m.start(), m.end()
        if imap is not None:
            s, e = imap[s], imap[e - 1] + 1
        unit, n = _uc(m[0])
        num = re.search(r"\d+", m[0])
        if num:
            n = int(num[0])
        else:
            cm = _grammar()[2]["card"].search(m[0])
            if cm and n is None:
                n = _cardval(" ".join(cm[0].split()))
        out.append({"start": s, "end": e, "text": text[s:e], "unit": unit, "count": n})
    return out


_FILLERS = None


def parse_time(phrase: str, reference, prefer: str = "future") -> dict | None:
    """The single parse covering the whole phrase: {"value": EDTF or ISO datetime, "grain"} or None."""
    global _FILLERS
    if not phrase or not phrase.strip():
        return None
    ref, now = _ref_date(reference)
    if _FILLERS is None:
        _FILLERS = re.compile(N(r"^(?:(?:في|عند|بحدود|حوالي|حوالى|قرابه|قرابة|نحو|خلال)\s+)+"))
    norm, _ = normalize_time_text(phrase)
    body = norm.strip().rstrip(".,!?")
    lead = _FILLERS.match(body)
    core = body[lead.end():] if lead else body
    # «خلال اسبوعين»: from now to now + the duration
    if lead and N("خلال") in lead[0] and now is not None:
        dm = re.fullmatch(rf"(?:(\d+)\s+)?{_alt(_lex().y['unit_counts'])}", core)
        if dm:
            unit, n = _uc(core)
            n = int(dm[1]) if dm[1] else n
            if n:
                end = _shift(now.date(), unit, n)
                return {"value": f"{now.strftime('%Y-%m-%dT%H:%M:%S')}/{end.isoformat()}", "grain": "interval"}
    m = re.fullmatch(N(r"(?:من|قبل)\s+(اسبوع|يوم|شهر|سنه|عام)"), core)
    if m and ref is not None:
        unit, n = _uc(m[1])
        d = _shift(ref, unit, -n)
        return {"value": d.isoformat(), "grain": "day"}
    if not core:
        return None
    try:
        rs, _, _ = _scan(core, ref, now, "past" if prefer == "past" else "future", "parse", _tzoff(reference))
    except RecursionError:
        return None
    if len(rs) != 1:
        return None
    r = rs[0]
    if r.start != 0 or r.end != len(core) or r.value is None:
        return None
    return {"value": r.value, "grain": r.grain}


_BYLINE = None


def find_publication_date(text: str) -> str | None:
    """A publication byline in the text («نشر في 12 مارس 2024», «تاريخ النشر: …», «آخر تحديث …») -> ISO date."""
    global _BYLINE
    if not text:
        return None
    if _BYLINE is None:
        _BYLINE = re.compile(N(rf"(?:^|\n)\s*date\s+(\d{{4}}-\d{{2}}-\d{{2}})|{_alt(_lex().y['byline_markers'])}\s*:?\s*"))
    norm, _ = normalize_time_text(text)
    for m in _BYLINE.finditer(norm):
        if m.group(1):
            return m.group(1)
        window = text_window = norm[m.end():m.end() + 60]
        rs, _, _ = _scan(text_window, None, None, "past", "news")
        for r in rs:
            if r.start <= 12 and r.how == "absolute" and r.grain in ("day", "minute", "hour") and r.value:
                return r.value[:10]
        del window
    return None


def infer_publication_date(text: str) -> str | None:
    """An estimate for an undated article: the end of the latest absolute date it mentions (day or month grain;
    a year only when nothing finer is there). The caller must flag the result as `inferred`."""
    if not text:
        return None
    rs, _, _ = _scan(text, None, None, "past", "news")
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
            d = dt.date(y, mo, _month_days(y, mo))
        else:
            if r.grain == "year" and v.isdigit():
                years.append(int(v))
            continue
        best = d if best is None or d > best else best
    if best is None and years:
        best = dt.date(max(years), 12, 31)
    return best.isoformat() if best else None
