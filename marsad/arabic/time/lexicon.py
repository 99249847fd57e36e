"""The tagger's words: the matching form of a text, the data files read once, and the building blocks of the rules'
patterns (month names, weekdays, ordinals … written as regex alternations), plus readers for the words they match.

Every word list comes from marsad/arabic/data/time*.tsv|yaml; nothing here is language knowledge of its own except
the shape of the blocks (a day number before a month, a year after it …).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from marsad.arabic.data import load_tsv, load_yaml
from marsad.arabic.text import TIME_MARKS, OffsetMap, fold, normalize_word, strip_marks, trie_pattern

# ------------------------------------------------------------------ matching form (marsad.arabic.text's fold, 1:1)
def normalize_time_text(s: str) -> tuple[str, OffsetMap | None]:
    """Matching form of `s` and, when characters were dropped, a map from its indices to indices in `s` (else None)."""
    # the same characters are dropped as for numbers (marsad.arabic.text.strip_marks), then the 1:1 fold
    stripped, imap = strip_marks(s)
    return fold(stripped, TIME_MARKS), imap


@functools.lru_cache(maxsize=4096)
def match_form(s: str) -> str:
    """The matching form of a word or pattern written in ordinary spelling."""
    return normalize_word(s, TIME_MARKS)


def phrase_key(s: str) -> str:
    """Matching form with single spaces: the key under which a phrase is looked up."""
    return " ".join(match_form(s).split())


def alt(words) -> str:
    """An alternation of `words` (spaces match any run of white space), written as a trie (see `text.trie_pattern`).
    The words a text can match at one position are prefixes of one another (at most one branch takes each next
    character: a word has no white space but single spaces), so the trie gives the same matches and groups as the
    plain «longest first» alternation. Words with upper/lower case (time zones, matched under (?i:)) keep the plain
    alternation, where two branches could take the same character."""
    ws = {phrase_key(w) for w in words if w}
    if "" in ws or any(c.lower() != c.upper() for w in ws for c in w):
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(ws, key=len, reverse=True)) + ")"
    return "(?:" + trie_pattern(ws, r"\s+") + ")"


# ------------------------------------------------------------------ language data
@dataclass
class Lex:
    months: dict = field(default_factory=dict)      # form -> (month, "greg"|"hijri")
    weekdays: dict = field(default_factory=dict)    # form -> iso weekday
    y: dict = field(default_factory=dict)           # time.yaml, keys normalised where they are words


# the time.yaml mappings whose keys are words (looked up in matching form)
_WORD_KEYED = ("days", "day_phrases", "units", "directions", "unit_counts", "seasons", "decades", "month_parts",
               "ordinals", "cardinals", "clock_fractions", "day_periods", "timezones", "holidays", "count_units",
               "period_units", "period_directions", "day_parts")


@functools.cache
def lex() -> Lex:
    lx = Lex()
    for row in load_tsv("time_months.tsv"):
        lx.months[phrase_key(row[0])] = (int(row[1]), row[2])
    for row in load_tsv("time_weekdays.tsv"):
        lx.weekdays[phrase_key(row[0])] = int(row[1])
    y = dict(load_yaml("time.yaml"))
    for k in _WORD_KEYED:
        y[k] = {phrase_key(w): v for w, v in (y.get(k) or {}).items()}
    lx.y = y
    return lx


@functools.cache
def words(key) -> tuple[str, ...]:
    """A word list of time.yaml in matching form."""
    return tuple(phrase_key(w) for w in lex().y[key])


@functools.cache
def word_set(key) -> frozenset[str]:
    return frozenset(words(key))


# ------------------------------------------------------------------ pattern building blocks
class Blocks:
    """The sub-patterns the rules are written with (attributes in capitals), all in matching form."""

    def __init__(self):
        lx = lex()
        y = lx.y
        self.alt_of = lambda key: alt(y[key])   # noqa: E731 - an alternation of one time.yaml list
        greg = [k for k, (m, c) in lx.months.items() if c == "greg"]
        hij = [k for k, (m, c) in lx.months.items() if c == "hijri"]
        self.MON = MON = alt(greg)
        self.HMON = HMON = alt(hij)
        # «فبراير/ شباط», «أكتوبر (تشرين الأول)», «سبتمبر أيلول»
        self.MONX = MONX = rf"{MON}(?:\s*[/(\-]\s*{MON}\s*\)?|\s+{MON}(?!\w))?"
        self.CARD = CARD = alt(y["cardinals"])
        self.ORDW = ORDW = alt(y["ordinals"])
        self.ORD = ORD = rf"{ORDW}(?:\s+عشره?|\s+و\s*(?:العشرين|العشرون|الثلاثين|الثلاثون))?"
        # «شهر 3», «شهر عشرة», «الشهر الثامن»
        self.MONN = MONN = rf"(?:شهر\s+(?:\d{{1,2}}|{CARD})(?!\d)|الشهر\s+{ORDW})"
        self.MONY = rf"(?:(?:شهر\s+)?{MONX}|{MONN})"
        self.HMONY = rf"(?:شهر\s+)?{HMON}"
        self.DAY = DAY = r"(?:[0-2]?\d|3[01])(?!\d)"
        self.YMARK = YMARK = alt(y["year_markers"])
        self.YEAR = YEAR = r"\d{4}(?!\d)"
        self.DIR = DIR = alt(y["directions"])
        self.GMARK = GMARK = alt(y["gregorian_marks"])
        self.YEARREF = (rf"(?:(?:\s*,)?\s+(?:(?:من|في)\s+)?(?:(?:{YMARK})\s*)?{YEAR}(?:\s*{GMARK}(?!\w))?"
                        rf"|\s+(?:من\s+)?(?:ال)?(?:عام|سنه)\s+(?:{DIR}))")
        self.HMARK = HMARK = alt(y["hijri_marks"])
        self.HYEAR = rf"(?:\s+(?:عام\s+)?\d{{3,4}}(?!\d)(?:\s*{HMARK}(?!\w))?)"
        self.WD = WD = alt(k for k in lx.weekdays if k.startswith("ال"))
        self.WD0 = WD0 = alt(k for k in lx.weekdays if not k.startswith("ال"))
        self.WDA = WDA = rf"(?:{WD}|{WD0})"
        self.UNIT = alt(y["units"])
        self.THIS = alt(y["this"])
        self.SEAS = alt(y["seasons"])
        self.DEC = alt(list(y["decades"]) + [k[2:] for k in y["decades"]])
        self.PART = alt(y["month_parts"])
        self.PER = alt(y["day_periods"])
        self.FRAC = FRAC = alt(y["clock_fractions"])
        self.MINW = MINW = alt(y["minute_words"])
        self.NUMW = NUMW = rf"{CARD}(?:\s+عشره?|\s*و\s*{CARD})?"
        self.HOURW = HOURW = rf"(?:{ORDW}|{CARD})(?:\s+عشره?)?"
        self.HOUR = rf"(?:\d{{1,2}}(?:[:.]\d{{2}}(?::\d{{2}})?)?(?![\d.])|{HOURW})"     # «9:30», «9.30»
        self.MIN = (rf"(?:\s*و\s*(?:{FRAC}|\d{{1,2}}\s*(?:{MINW})?|{NUMW}\s*(?:{MINW})?)"
                    rf"|\s+(?:الا|إلا)\s+(?:{FRAC}|\d{{1,2}}\s*(?:{MINW})?|{NUMW}\s*(?:{MINW})?))")
        self.TZ = rf"\s+بتوقيت\s+(?i:{alt(y['timezones'])})"
        self.CLOCK = alt(y["clock_words"])
        self.HOL = alt(y["holidays"])
        self.DAYPH = alt(y["day_phrases"])
        self.DAYW = alt(y["days"])
        self.NOW = alt(y["now_words"])
        self.UC = alt(y["unit_counts"])
        # a day before a month: «22», «الـ22 من», «الثالث من», «اليوم الثالث من», «ثالث يوم في», «أول»
        self.DDAY = rf"(?:(?:ال)?{DAY}(?:\s+من)?|{ORD}(?:\s+من)?|(?:ال)?يوم\s+{ORD}\s+من|{ORDW}\s+يوم\s+(?:من|في|ب)|اول)"
        # counts of units: «ثلاثة أيام», «11 يوما», «نحو عام», «أكثر من 24 ساعة»
        self.APPROX = alt(y["approximators"])
        self.CUNIT = alt(y["count_units"])
        # periods ending or starting at the reference: «اليومين الماضيين», «الأيام الثلاثة الأخيرة», «الـ24 ساعة الماضية»
        self.PUNIT = alt(y["period_units"])
        self.PDIR = alt(y["period_directions"])
        self.DPART = alt(y["day_parts"])
        self.MREF = rf"(?:(?:شهر\s+)?{MONX}|{MONN}|الشهر\s+{DIR}|هذا\s+الشهر)"
        self.NTHHEAD = rf"(?:{ORDW}\s+(?:يوم\s+)?{WDA}|{WDA}\s+{ORDW}|{ORDW}\s+(?:يوم|اسبوع)|(?:اليوم|الاسبوع)\s+{ORDW})"


@functools.cache
def blocks() -> Blocks:
    return Blocks()


@dataclass(frozen=True)
class Finders:
    """Compiled searches for one kind of word inside a matched span."""
    mon: re.Pattern
    monn: re.Pattern
    wd: re.Pattern
    dir: re.Pattern
    unit: re.Pattern
    ord: re.Pattern
    card: re.Pattern
    per: re.Pattern
    seas: re.Pattern
    dec: re.Pattern
    uc: re.Pattern
    hol: re.Pattern
    part: re.Pattern
    frac: re.Pattern
    tz: re.Pattern
    hmark: re.Pattern
    num: re.Pattern
    cunit: re.Pattern
    punit: re.Pattern
    pdir: re.Pattern


@functools.cache
def finders() -> Finders:
    lx, b = lex(), blocks()
    return Finders(
        mon=re.compile(rf"(?:(?<!\w)|(?<=(?<!\w)[وفبل])){alt(lx.months)}(?!\w)"),
        monn=re.compile(match_form(rf"(?:شهر\s+(?P<d>\d{{1,2}})|شهر\s+(?P<c>{b.CARD})|الشهر\s+(?P<o>{b.ORDW}))(?!\w)")),
        wd=re.compile(rf"(?:(?<!\w)|(?<=(?<!\w)[وفبل])){alt(lx.weekdays)}(?!\w)"),
        dir=re.compile(rf"(?<!\w){b.DIR}(?!\w)"),
        unit=re.compile(rf"(?<!\w){b.UNIT}(?!\w)"),
        ord=re.compile(rf"(?<!\w){match_form(b.ORD)}(?!\w)"),
        card=re.compile(rf"(?<!\w){match_form(b.NUMW)}(?!\w)"),
        per=re.compile(rf"(?<!\w){b.PER}(?!\w)"),
        seas=re.compile(rf"(?<!\w){b.SEAS}(?!\w)"),
        dec=re.compile(rf"(?<!\w){b.DEC}"),
        uc=re.compile(rf"(?<!\w){b.UC}(?!\w)"),
        hol=re.compile(rf"{b.HOL}"),
        part=re.compile(rf"(?<!\w){b.PART}(?!\w)"),
        frac=re.compile(rf"{b.FRAC}(?!\w)"),
        tz=re.compile(r"بتوقيت\s+(?P<z>\S+)"),
        hmark=re.compile(rf"(?<!\w){b.HMARK}(?!\w)"),
        num=re.compile(r"\d+"),
        cunit=re.compile(rf"(?<!\w){b.CUNIT}(?!\w)"),
        punit=re.compile(rf"(?<!\w){b.PUNIT}(?!\w)"),
        pdir=re.compile(rf"(?<!\w){b.PDIR}(?!\w)"),
    )


# ------------------------------------------------------------------ readers of matched words
def key(s: str) -> str:
    """A matched phrase as a lookup key (single spaces)."""
    return " ".join(s.split())


def ordval(s: str) -> int | str | None:
    """«الثالث عشر» -> 13, «الحادي والعشرين» -> 21, «الأخير» -> 'last'."""
    ordinals = lex().y["ordinals"]
    toks = s.split()
    if not toks:
        return None
    v = ordinals.get(toks[0])
    if v is None:
        return None
    rest = " ".join(toks[1:]).replace("و ", "و")
    if v == "last":
        return v
    if rest in ("عشر", "عشره"):
        return v + 10 if v < 10 else v
    m = re.match(r"و\s*(\S+)", rest)
    if m and m[1] in ordinals and isinstance(ordinals[m[1]], int):
        return v + ordinals[m[1]]
    return v


def cardval(s: str) -> int | None:
    """«خمسة» -> 5, «خمسة عشر» -> 15, «خمسة وعشرين» -> 25."""
    cards = lex().y["cardinals"]
    s = key(s)
    if s in cards:
        return cards[s]
    toks = s.replace("و ", "و").split()
    if len(toks) == 2 and toks[1] in ("عشر", "عشره") and toks[0] in cards:
        return cards[toks[0]] + 10
    if len(toks) == 2 and toks[1].startswith("و") and toks[0] in cards and toks[1][1:] in cards:
        return cards[toks[0]] + cards[toks[1][1:]]
    return None


def numword(s: str) -> int | None:
    """Digits, a cardinal or an ordinal as a number."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    v = cardval(s)
    if v is None:
        o = ordval(s)
        v = o if isinstance(o, int) else None
    return v


def month_of(span: str):
    """(month, calendar, match) of the first month named in span (names or «شهر 3» / «الشهر الثامن»)."""
    F = finders()
    m = F.mon.search(span)
    n = F.monn.search(span)
    if n and (not m or n.start() < m.start()):
        if n["d"]:
            v = int(n["d"])
        elif n["c"]:
            v = cardval(n["c"])
        else:
            v = ordval(n["o"])
        if isinstance(v, int) and 1 <= v <= 12:
            return v, "greg", n
        return None
    if m:
        mon, cal = lex().months[key(m[0])]
        return mon, cal, m
    return None


def dir_of(span: str):
    """The direction word in span: -1, 0, 1, 'same' or None."""
    m = finders().dir.search(span)
    if not m:
        return None
    return lex().y["directions"][key(m[0])]


def count_of(s) -> int | None:
    """The number written in s: digits, or a cardinal («ثلاثة», «الثلاث», «خمسة عشر»)."""
    m = re.search(r"\d+", s)
    if m:
        return int(m[0])
    for cm in finders().card.finditer(s):
        return cardval(cm[0])
    for w in s.split():
        if w.startswith("ال") and (v := cardval(w[2:])) is not None:
            return v
    return None


def unit_count(s):
    """(unit, count) of the unit-count word in s («يومين» -> ('day', 2); plurals have count None)."""
    m = finders().uc.search(s)
    unit, n = lex().y["unit_counts"][key(m[0])]
    return unit, n
