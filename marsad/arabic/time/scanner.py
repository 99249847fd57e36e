"""The scanner: RULES compiled into one regex, tried only where an anchor word (a month, a weekday, «أمس», a digit …)
or up to three prefix words before one («في», «من», «قبل» …) could start an expression; then neighbours are joined
(a date and its clock time, «من X الى Y» clock ranges, «اليوم الأربعاء»)."""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from marsad.arabic.text import trie_pattern

from .context import SKIP, Ctx, Found, next_word_at, scheduled, scheduled_after
from .lexicon import alt, blocks, key, lex, match_form, normalize_time_text, phrase_key, word_set
from .rules import RULE_BY_NAME, RULES


@dataclass(frozen=True)
class Grammar:
    master: re.Pattern          # the alternation of every rule, one named group each, and a clitic group `cl`
    anchor_fast: re.Pattern     # where an expression can start (group `w`: the word; none for digits)
    prefixes: frozenset         # words that may come before an anchor inside an expression
    digit_follow: frozenset     # words that may follow a 1-2 digit number inside a date
    counted: frozenset          # anchors that start nothing alone: unit words of counts and periods («أيام»)
    count_context: frozenset    # a word before or after such an anchor that can make it a date


@functools.cache
def grammar() -> Grammar:
    lx = lex()
    y = lx.y
    b = blocks()
    master = "|".join(f"(?P<{r.name}>{match_form(r.pattern(b))})" for r in RULES)
    master = re.compile(rf"(?<!\w)(?P<cl>[وفبل](?=[^\W\d_]))?(?:{master})(?!\w)")
    # Anchors: the words every expression contains at or near its start (plus digits). The scanner only tries the
    # full grammar at an anchor, or up to three prefix words before it («في», «من», «قبل»...), never everywhere.
    first = lambda ws: [phrase_key(w).split()[0] for w in ws if phrase_key(w)]  # noqa: E731
    strong = set(first(lx.months)) | set(first(lx.weekdays)) | set(first(y["days"])) | set(first(y["day_phrases"]))
    strong |= set(first(y["units"])) | set(first(y["seasons"])) | set(first(y["decades"]))
    strong |= {k[2:] for k in y["decades"]} | set(first(y["year_markers"])) | set(first(y["month_parts"]))
    strong |= set(first(y["ordinals"])) | set(first(y["clock_words"]))
    strong |= set(first(y["tonight_words"])) | set(first(y["now_words"])) | set(first(y["holidays"]))
    strong |= {k for k, (u, c) in y["unit_counts"].items() if c}   # «أسبوع», «يومين» (not the plurals)
    strong |= {match_form(w) for w in ("يوم", "شهر", "الشهر", "الاسابيع", "وقت", "اللحظة", "غد", "الغد")}
    # «قبل عشرة أيام», «الأيام الثلاثة الأخيرة» (hours only after digits: «الـ24 ساعة الماضية»; parts of the day are
    # joined afterwards, see attach_day_parts, and need no anchor)
    counted = {w for w, u in y["count_units"].items() if u != "hour"}
    counted |= {w for w, (u, _) in y["period_units"].items() if u != "hour" or w.startswith("ال")}
    counted -= strong
    strong |= counted
    prefixes = {match_form(w) for w in ("من", "في", "هذا", "هذه", "قبل", "بعد", "وبعد", "عقب", "الموافق", "منذ", "حتى", "عند",
                               "اليوم", "الاسبوع")}
    prefixes |= set(first(y["year_weak_markers"])) | set(first(y["after_context"])) | set(first(y["this"]))
    prefixes |= {w for p in y["approximators"] for w in phrase_key(p).split()}   # «قبل نحو عام», «منذ أكثر من عامين»
    prefixes |= {k for k in lx.weekdays if not k.startswith("ال")} | set(first(y["cardinals"]))
    strong -= prefixes - {match_form("اليوم"), match_form("الاسبوع")}
    # a day phrase that opens with a prefix word («هذا المساء») is anchored on its second word
    strong |= {phrase_key(w).split()[1] for w in y["day_phrases"] if len(phrase_key(w).split()) > 1 and phrase_key(w).split()[0] in prefixes
               and phrase_key(w).split()[1] not in prefixes}
    strong.discard("")
    tr = "(?:" + trie_pattern(strong) + ")"
    # The anchors written so that the pattern starts with one character class (the character before the word, or
    # the first digit): `re` then skips to candidate positions with a fast first-character scan instead of trying
    # the pattern at every character. Scanned over " " + text; group `w` is the word (none for digits).
    lead = " \n\t\r\u00a0()[]{}«»“”‘’\"'/\\,.:;!?…*_=+|<>•·-"
    anchor_fast = re.compile("[" + "".join(re.escape(c) for c in lead) + rf"0-9](?:(?<=[0-9])\d*|(?P<w>[وفبل]?{tr})\b)")
    # words that may follow a 1-2 digit number inside a date («22 فبراير», «13 الى 15», «ال30 من شهر»)
    digit_follow = set(first(lx.months)) | {match_form(w) for w in ("الى", "حتى", "وحتى", "و", "من", "شهر", "الشهر", "لغاية",
                                                          "هذا", "هذه")}
    digit_follow |= set(first(y["hijri_marks"])) | set(first(y["gregorian_marks"])) | set(first(y["day_periods"]))
    digit_follow |= set(first(y["minute_words"])) | set(first(y["count_units"])) | set(first(y["period_units"]))
    cards = set(y["cardinals"])
    count_context = cards | {"ال" + c for c in cards} | set(y["period_directions"]) | {
        w for p in y["approximators"] for w in phrase_key(p).split()} | {match_form(w) for w in ("قبل", "منذ", "بعد", "وبعد", "عقب")}
    return Grammar(master, anchor_fast, frozenset(prefixes), frozenset(digit_follow), frozenset(counted),
                   frozenset(count_context))


# What a handler may raise on text that names no real day: a date the calendar does not have («منتصف يوليو 0000»:
# ValueError from datetime) or arithmetic beyond year 9999 (OverflowError). Anything else is a bug and propagates
# (none was raised on 31,000 SaudiNewsNet articles, Duckling's corpus and the property tests).
EXPECTED_ERRORS = (ValueError, OverflowError)

_SPACE_CHARS = (" ", "\n", "\t", "\u00a0")


def _starts(norm, a, e, pos, G):
    """Where to try the grammar for the anchor at norm[a:e]: the token's start, then up to three prefix words before
    it (nearest first); None when a bare number cannot start a date."""
    n_norm = len(norm)
    t0 = a
    if norm[a].isdigit():
        # cheap gate: a plain count («600 جندي») is no date; only a 4-digit number, a number glued to a
        # separator (12/06, 3:15, 13-15) or one followed by a month/«الى»/«من»... can start one
        if e - a != 4 and not (e < n_norm and norm[e] in "/:.-") and not (
                e + 1 < n_norm and norm[e].isspace() and norm[e + 1] in "/-"):
            nw = next_word_at(norm, e)
            if not nw or (nw[1] not in G.digit_follow and nw[1][1:] not in G.digit_follow):
                return None
        while t0 > pos and norm[t0 - 1].isalpha():
            t0 -= 1
    starts = [t0]
    lo = max(pos, t0 - 40)
    if t0 > lo:
        seg = norm[lo:t0]
        p = len(seg)
        if p and seg[-1].isspace():
            for w in reversed(seg.rsplit(None, 3)[-3:]):
                if w in G.prefixes or (len(w) > 2 and w[0] in "وفبل" and w[1:] in G.prefixes):
                    p = seg.rfind(w, 0, p)
                    if p < 0:
                        break
                    starts.append(lo + p)
                else:
                    break
    return starts


_PREV_WORD = re.compile(r"(\S+)\s+$")


def _counted_here(norm, a, e, G) -> bool:
    """Is the unit word at norm[a:e] next to a count, a «قبل/منذ/بعد» or a period's direction («ثلاثة أيام»,
    «الأيام الثلاثة الأخيرة», «قبل 12 يوما»)? Alone («منذ أيام», «أيام العيد») it starts no date."""
    nw = next_word_at(norm, e)
    if nw and (nw[1] in G.count_context or nw[1].removeprefix("ال").isdigit()):
        return True
    pw = _PREV_WORD.search(norm, max(0, a - 30), a)
    return bool(pw) and (pw[1] in G.count_context or pw[1][-1:].isdigit())


def scan(text: str, ref: dt.date | None, now: dt.datetime | None, prefer: str, mode: str,
         tzoff: float | None = None, normalized=None) -> tuple[list[Found], str, list | None]:
    """Every expression of `text`, left to right: (found, matching form, offset map). `normalized`: the
    (matching form, offset map) of `text` when the caller has it already."""
    norm, imap = normalized or normalize_time_text(text)
    G = grammar()
    ctx = Ctx(norm, ref, now, prefer, mode, tzoff)
    out: list[Found] = []
    match = G.master.match
    tried: set[int] = set()
    pos = 0
    for am in G.anchor_fast.finditer(" " + norm):
        g = am.lastgroup
        a, e = (am.start(g) - 1, am.end(g) - 1) if g else (am.start() - 1, am.end() - 1)
        if a < pos:
            continue
        if g and norm[a:e] in G.counted and not _counted_here(norm, a, e, G):
            continue
        starts = _starts(norm, a, e, pos, G)
        if starts is None:
            continue
        for s0 in reversed(starts):
            if s0 in tried:
                continue
            tried.add(s0)
            m = match(norm, s0)
            if not m:
                continue
            name = m.lastgroup if m.lastgroup in RULE_BY_NAME else next(r.name for r in RULES
                                                                        if m.group(r.name) is not None)
            st, en = m.start(name), m.end(name)
            if name == "dayw" and m.group("cl") == "ف":
                continue  # «فغدا» is «and it became», not «tomorrow»
            try:
                r = RULE_BY_NAME[name].handler(ctx, norm[st:en], st, en, name)
            except EXPECTED_ERRORS:
                r = None
            if r is None:
                continue
            if r is SKIP:
                pos = en
                break
            if r.flex and mode == "news" and ctx.ref is not None and prefer == "past" and \
                    (scheduled(ctx, st) or scheduled_after(ctx, en)):
                # a scheduled event: the coming weekday/day/month, not the last one
                ctx.prefer = "future"
                try:
                    r2 = RULE_BY_NAME[name].handler(ctx, norm[st:en], st, en, name)
                except EXPECTED_ERRORS:
                    r2 = None
                finally:
                    ctx.prefer = prefer
                if r2 is not None and r2 is not SKIP:
                    r = r2
            r.src = name
            out.append(r)
            ctx.prev.append(r)
            pos = r.end
            break
    out = merge(ctx, out)
    attach_day_parts(ctx, out)
    open_since(ctx, out)
    return out, norm, imap


# ------------------------------------------------------------------ joining neighbours
_JOIN_DT = re.compile(match_form(r"\s*,?\s*(?:(?:في|عند|على)\s+)?$"))
_JOIN_RANGE = re.compile(match_form(r"^\s*(?:-|الي|حتي|وحتي|و?لغايه)\s*$"))
_GAP_DT = re.compile(match_form(r"\s*(?:في|عند)\s*"))
_GAP_RANGE = re.compile(match_form(r"\s*,?\s*(?:من)?\s*"))
_FROM_WORD_END = re.compile(match_form(r"من\s+\S+$"))
_UNTIL_END = re.compile(match_form(r"حتي\s*$"))
_UNTIL_BEFORE = re.compile(match_form(r"(?:^|\s)حتي\s*$"))
_FROM_END = re.compile(match_form(r"من\s*$"))
_GAP_FROM = re.compile(match_form(r"\s*من\s+"))


def merge(ctx, rs: list[Found]) -> list[Found]:
    """Join a date and a following clock time («الخميس الساعة 8»), «من X الى Y» clock ranges, «حتى الساعة 2»."""
    out: list[Found] = []
    i = 0
    norm = ctx.norm
    while i < len(rs):
        r = rs[i]
        nxt = rs[i + 1] if i + 1 < len(rs) else None
        # «غدا الخميس», «اليوم الأربعاء», «أمس الثلاثاء»: the deictic word fixes the weekday
        if r.src in ("dayw", "dayph") and nxt is not None and nxt.src == "wd" and \
                re.fullmatch(r"\s*[,(]?\s*", norm[r.end:nxt.start]):
            end = nxt.end + 1 if norm[r.end:nxt.start].strip() == "(" and norm[nxt.end:nxt.end + 1] == ")" else nxt.end
            out.append(Found(r.start, end, r.value, r.grain, r.how, day=r.day, src=r.src))
            i += 2
            continue
        # «الساعة التاسعة من مساء الأحد 26 يوليو»: the clock time on the day named next
        if r.kind == "tod" and nxt is not None and nxt.kind == "date" and nxt.grain == "day" and nxt.day and (
                (re.fullmatch(r"\s*", norm[r.end:nxt.start]) and _FROM_WORD_END.search(norm[r.start:r.end]))
                or _GAP_FROM.fullmatch(norm[r.end:nxt.start])):
            # … or «الساعة الرابعة عصرا من يوم الأحد»
            f = finish_tod(ctx, r, day=nxt.day)
            out.append(Found(r.start, nxt.end, f.value, f.grain, nxt.how, kind="date"))
            i += 2
            continue
        # date + time
        if r.kind == "date" and r.grain == "day" and nxt is not None and nxt.kind == "tod":
            gap = norm[r.end:nxt.start]
            nxt2 = rs[i + 2] if i + 2 < len(rs) else None
            if len(gap) < 8 and nxt2 is not None and nxt2.kind == "tod" and \
                    _JOIN_RANGE.match(norm[nxt.end:nxt2.start]) and _GAP_RANGE.fullmatch(gap):
                out.append(tod_range(ctx, r, nxt, nxt2))
                i += 3
                continue
            if len(gap) < 8 and _JOIN_DT.match(gap):
                if re.fullmatch(r"\s*,?\s*", gap) or _GAP_DT.fullmatch(gap):
                    out.append(finish_tod(ctx, nxt, day=r.day, start=r.start))
                    i += 2
                    continue
        if r.kind == "tod" and nxt is not None and nxt.kind == "tod" and _JOIN_RANGE.match(norm[r.end:nxt.start]):
            out.append(tod_range(ctx, None, r, nxt))
            i += 2
            continue
        if r.kind == "tod":
            pre = norm[max(0, r.start - 8):r.start]
            if _UNTIL_BEFORE.search(pre) and ctx.mode == "parse" and ctx.now is not None:
                f = finish_tod(ctx, r)
                st = r.start - len(_UNTIL_END.search(pre)[0])
                out.append(Found(st, r.end, f"{ctx.now.strftime('%Y-%m-%dT%H:%M:%S')}/{f.value}", "interval", f.how))
                i += 1
                continue
            out.append(finish_tod(ctx, r))
            i += 1
            continue
        out.append(r)
        i += 1
    return out


def _tod_hm(ctx, tod, day, other_per=None):
    """(hour, minute, second) of a clock time on 24 hours, from its period (or the other end's of a range)."""
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


def finish_tod(ctx, r: Found, day=None, start=None, other_per=None) -> Found:
    """A clock time put on a day (the reference when none is given): a date of minute or hour grain."""
    day = day or ctx.ref
    st = start if start is not None else r.start
    if day is None:
        return Found(st, r.end, None, r.grain, "unresolved", kind="date")
    h, mi, sec, per, tz = r.tod
    if tz is not None:
        h2, mi2, _ = _tod_hm(ctx, (h, mi, sec, per, None), day, other_per)
        # a clock time in a named zone, shifted to the reference's zone when that is known
        shift = (ctx.tzoff - tz) if ctx.tzoff is not None else 0
        t = dt.datetime(day.year, day.month, day.day, h2, mi2) + dt.timedelta(hours=shift)
        return Found(st, r.end, t.strftime("%Y-%m-%dT%H:%M"), "minute", r.how, kind="date")
    h2, mi2, sec2 = _tod_hm(ctx, r.tod, day, other_per)
    fmt = "%Y-%m-%dT%H:%M:%S" if sec2 else "%Y-%m-%dT%H:%M"
    v = dt.datetime(day.year, day.month, day.day, h2, mi2, sec2).strftime(fmt)
    return Found(st, r.end, v, r.grain, r.how if r.how != "unresolved" else ctx.how, kind="date")


def tod_range(ctx, date_r, a, b) -> Found:
    """«من الثامنة مساء حتى الثالثة فجرا» (on the day of date_r, when given): an interval of two clock times."""
    day = date_r.day if date_r is not None else None
    pa, pb = a.tod[3], b.tod[3]
    fa = finish_tod(ctx, a, day=day, other_per=pb)
    fb = finish_tod(ctx, b, day=day, other_per=pa)
    if fa.value and fb.value and fb.value < fa.value and fb.value[:10] == fa.value[:10]:
        # the end is on the next day
        nd = (dt.date.fromisoformat(fb.value[:10]) + dt.timedelta(days=1)).isoformat()
        fb.value = nd + fb.value[10:]
    st = date_r.start if date_r is not None else a.start
    pre = ctx.norm[max(0, st - 4):st]
    if date_r is None and _FROM_END.search(pre):
        st -= len(_FROM_END.search(pre)[0])
    return Found(st, b.end, f"{fa.value}/{fb.value}" if fa.value and fb.value else None, "interval", fa.how)


# ------------------------------------------------------------------ parts of the day, «منذ»
@functools.cache
def _day_part_re():
    y = lex().y
    return re.compile(rf"(?<!\w)[وفب]?(?P<p>{alt(y['day_parts'])})\s+(?:(?:{alt(y['day_part_glue'])})\s+)?$")


_DAY_SOURCES = {"dayw", "dayph", "wd", "wdweek", "wdate", "wdnum", "dmy", "hdate", "ymd", "dmy_num"}


def attach_day_parts(ctx, out: list[Found]) -> None:
    """«صباح اليوم», «مساء أمس», «فجر الاثنين»: the part of the day joins the span (the value stays the day);
    «بعد منتصف ليل الأحد» is the Monday; «ليل السبت الأحد» is the interval of the two days."""
    y = lex().y
    joined = set()
    for i, r in enumerate(out):
        if i in joined or r.grain != "day" or r.kind != "date" or r.src not in _DAY_SOURCES:
            continue
        m = _day_part_re().search(ctx.norm, max(0, r.start - 30), r.start)
        if not m:
            continue
        r.start = m.start("p")
        shift = y["day_parts"][key(m["p"])]
        if shift and r.day is not None and r.day < dt.date.max:
            r.day = r.day + dt.timedelta(days=shift)
            r.value = r.day.isoformat()
        # «ليل السبت الأحد»: a night between two named days
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt is not None and nxt.src == "wd" and r.src == "wd" and r.day and nxt.day and \
                not ctx.norm[r.end:nxt.start].strip() and (nxt.day - r.day).days in (1, -6) and r.day < dt.date.max:
            r.end = nxt.end
            r.value, r.grain = f"{r.day.isoformat()}/{(r.day + dt.timedelta(days=1)).isoformat()}", "interval"
            joined.add(i + 1)
    out[:] = [r for i, r in enumerate(out) if i not in joined]


_CLAUSE_END = re.compile(r"[.!?;:\n]|,")


def _verbal(w: str) -> bool:
    """«منذ أن بدأت …», «منذ انهارت …»: a verbal clause after «منذ» (a past verb with a feminine subject ends in
    «ت», a verbal noun in «ة»/«ه»)."""
    return w in word_set("since_clause_openers") or (len(w) > 3 and w.endswith("ت") and not w.endswith("ات"))


def open_since(ctx, out: list[Found]) -> None:
    """«منذ 2013» -> 2013/..: a date governed by «منذ» — right before it, or earlier in its clause with the event in
    between as a noun («منذ ظهور المرض في يونيو 2012») — is the open interval from it. A count after «منذ» stays a
    point («منذ ثلاثة أيام»: the `ago` rule); so does the date of a verbal clause («منذ أن بدأت العملية في 22 فبراير»:
    the seed annotation's reading) or of a clause that reaches to it («منذ بداية الحملة حتى أمس»)."""
    since = word_set("since_words")
    if not any(w in ctx.norm for w in since):
        return
    until = word_set("since_until")
    window = int(lex().y["since_window_words"])
    prev_end = 0
    for r in out:
        lo = prev_end
        prev_end = r.end
        if r.kind != "date" or not r.value or r.value.endswith("/.."):
            continue
        if r.src == "ago" and ctx.norm[r.start:r.end].split()[0] in since:
            continue
        seg = ctx.norm[lo:r.start]
        cut = [m.end() for m in _CLAUSE_END.finditer(seg)]
        if cut:
            seg = seg[cut[-1]:]
        ws = seg.split()[-window:]
        at = max((i for i, w in enumerate(ws) if w in since), default=None)
        if at is None:
            continue
        between = ws[at + 1:]
        if between and (_verbal(between[0]) or any(w.lstrip("و") in until for w in between)):
            continue
        r.value = r.value.split("/")[0] + "/.."
        r.grain = "interval"
