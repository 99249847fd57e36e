"""What a rule's handler works with: the scan's context (text, reference date, preference), the result record it
returns, and readers of the words around a match (the next word, a demonstrative before it, a future verb in its
clause, a year after it)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .lexicon import dir_of, lex, match_form, word_set, words


@dataclass
class Found:
    """One expression found by a rule, in matching-form offsets, before it is turned into a DateMention."""
    start: int
    end: int
    value: str | None
    grain: str | None
    how: str                    # absolute | publication | context | unresolved
    kind: str = "date"          # date | tod
    tod: tuple | None = None    # (hour, minute, second, period, tz) for clock times
    day: dt.date | None = None  # the day a day-grain value stands for (for merging with a clock time)
    flex: bool = False          # a relative weekday/month whose direction may change with a scheduled marker
    src: str = ""               # the rule that produced it
    wd: int | None = None       # the ISO weekday of a bare weekday («الخميس»)


class Ctx:
    """One scan: the text in matching form, the reference, what was found so far."""

    def __init__(self, norm, ref, now, prefer, mode, tzoff=None):
        self.norm, self.ref, self.now, self.prefer, self.mode = norm, ref, now, prefer, mode
        self.tzoff: float | None = tzoff   # the reference's UTC offset in hours, when it carried one
        self.prev: list[Found] = []

    @property
    def how(self):
        return "publication" if self.ref else "unresolved"


# a handler's «this span is not a date, and nothing inside it is either»
SKIP = object()
# what a rule's handler returns: a Found, None (not a date: the scanner tries shorter readings) or SKIP
HandlerResult = Found | None | object

_NEXT_WORD = re.compile(r"[ \t\u00a0]*(\w+)")


def next_word(ctx, en) -> str:
    """The word right after position `en` on the same line, without punctuation ('' when none)."""
    m = _NEXT_WORD.match(ctx.norm, en)
    return m[1] if m else ""


def next_word_at(norm, en):
    """The match of the word right after `en` (group 1), or None."""
    return _NEXT_WORD.match(norm, en)


def anaphoric(ctx, st) -> bool:
    """«تلك الليلة», «ذلك اليوم»: a demonstrative of distance before the word."""
    prev = ctx.norm[max(0, st - 10):st].split()
    return bool(prev) and prev[-1].lstrip("وفب") in word_set("anaphoric_before")


_CLAUSE_BREAK = re.compile(r"[.!?;:\n\"«»“”()\[\]]|,")


def scheduled(ctx, start) -> bool:
    """Does the clause before `start` mark a scheduled/future event (المقررة، المرتقبة، سـ + verb)?"""
    y = lex().y
    lo = max(0, start - 120)
    seg = ctx.norm[lo:start]
    cut = [m.end() for m in _CLAUSE_BREAK.finditer(seg)]
    if cut:
        seg = seg[cut[-1]:]
    ws = seg.split()[-int(y.get("scheduled_window", 6)):]
    markers = word_set("scheduled_markers")
    not_verbs = word_set("future_verb_not")
    prefixes = tuple(words("future_verb_prefixes"))
    for w in ws:
        w0 = w[1:] if w[:1] in "وف" and len(w) > 3 else w
        if w in markers or w0 in markers:
            return True
        if _future_verb(w0, prefixes, not_verbs):
            return True
    return False


def _future_verb(w, prefixes, not_verbs) -> bool:
    """«سيزور», «ستبدأ», «سيتم», «سنعمل»: سـ + an imperfect verb (four letters at least: «سيصل»; the nouns of that
    shape are listed in time.yaml future_verb_not)."""
    return w.startswith(prefixes) and w not in not_verbs and not w.startswith("ال") and (
        len(w) >= 5 or (len(w) == 4 and w[:2] in _FOUR_LETTER_FUTURE))


_FOUR_LETTER_FUTURE = ("سي", "ست", "سن")   # «سا…» of four letters is a noun («ساعة», «سابق»)


def scheduled_after(ctx, end) -> bool:
    """Does a future verb follow within three words, in the same clause («يوم 6 أغسطس سيتم افتتاح القناة»)?"""
    seg = ctx.norm[end:end + 60]
    m = _CLAUSE_BREAK.search(seg)
    if m:
        seg = seg[:m.start()]
    markers = word_set("scheduled_markers")
    not_verbs = word_set("future_verb_not")
    prefixes = tuple(words("future_verb_prefixes"))
    for w in seg.split()[:3]:
        w0 = w[1:] if w[:1] in "وف" and len(w) > 3 else w
        if w in markers or w0 in markers or _future_verb(w0, prefixes, not_verbs):
            return True
    return False


def resolve_month(ctx, mon, prefer, strict=False):
    """Year for a bare month name relative to the reference date."""
    r = ctx.ref
    if prefer == "past":
        return r.year if (mon < r.month or (mon == r.month and not strict)) else r.year - 1
    return r.year if (mon > r.month or (mon == r.month and not strict)) else r.year + 1


_YEAR_WORD = re.compile(match_form(r"(?:عام|سنه)\s"))
_THIS_YEAR = re.compile(match_form(r"(?:هذا|هذه)\s+(?:ال)?(?:عام|سنه)"))


def year_after(span: str, ctx) -> tuple[int | None, str | None]:
    """An explicit year (4 digits) or a relative year phrase in the tail of a span -> (year, how)."""
    m = re.search(r"(?<!\d)(\d{4})(?!\d)", span)
    if m:
        return int(m[1]), "absolute"
    if _YEAR_WORD.search(span) or _THIS_YEAR.search(span):
        tail = span[span.rfind(match_form("عام")) if match_form("عام") in span else span.rfind(match_form("سنه")):]
        d = dir_of(tail)
        if _THIS_YEAR.search(span):
            d = 0
        if d is None or d == "same":
            return None, None
        if ctx.ref is None:
            return None, "unresolved"
        return ctx.ref.year + d, ctx.how
    return None, None
