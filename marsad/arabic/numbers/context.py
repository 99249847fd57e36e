"""The context of a number: the counted noun or unit after it (lemmatised), the parts of a total («29 منها»), shares,
scores, restatements in another unit and range partners («بين … و …»).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from marsad.arabic.numbers.grammar import _Num, _Reading
from marsad.arabic.numbers.lexicon import (_ACC_ALEF, _AL, _AND, _BARE, _CONJ, _DROP_CHARS, _G, _LEMMA_SUFFIXES,
                                           _LEMMAS, _LIL, _MONTH_AFTER_RE, _NOT_UNITS, _NOUN_ATTACHED_RE, _NOUN_RE,
                                           _OPEN_BETWEEN_RE, _OPEN_FROM_RE, _PAREN_CLOSE_RE, _PAREN_OPEN_RE,
                                           _PARTITIVE_RE, _PP_STARTS, _PREP, _RJOIN_RE, _SCORE_DASH_RE, _SCORE_MAX,
                                           _SCORE_WORD_RE, _SYMBOLS, _UNIT_RE, _UNITS, _WORDS, _alt, _n, _sym_after)
from marsad.arabic.text import MARKS_RE


# ------------------------------------------------------------------ context: units, qualifiers, ranges, kinds
def _lemma(word: str) -> str:
    """Lemma of a counted noun (original letters, diacritics removed)."""
    w = MARKS_RE.sub("", word)
    nw = _n(w)
    if nw.startswith(_AL) and len(nw) > len(_AL) + 2:
        w, nw = w[len(_AL):], nw[len(_AL):]
    if nw in _LEMMAS:
        return _LEMMAS[nw]
    for suffix, repl, min_len in _LEMMA_SUFFIXES:
        if len(nw) >= min_len and nw.endswith(suffix):
            return w[:-len(suffix)] + repl
    return w


def _unit_after(norm: str, pos: int, phrase: bool, vague: bool = False, partitive: bool = True):
    """(lemma, kind, code, dual, u_start, u_end) of the unit right after `pos`, or None."""
    if partitive:
        pm = _PARTITIVE_RE.match(norm, pos)
        if pm:   # «13 من عناصر التنظيم»، «العشرات من الجرحى»
            r = _unit_after(norm, pm.end() - 1, phrase, vague=True, partitive=False)
            return r if r is not None and r[1] in ("count", "measure") else None
    m = _sym_after(norm, pos)
    if m:
        code = _SYMBOLS[m.group("u")]
        return (code, "money", code, None, m.start("u"), m.end("u"))
    m = _UNIT_RE.match(norm, pos)
    if m and (m.group("sp") or not norm[pos - 1:pos].isalpha()):
        lemma, kind, code, cnt = _UNITS[_collapse(m.group("u"))]
        return (lemma, kind, code, cnt, m.start("cl") if m.group("cl") else m.start("u"), m.end("u"))
    m = _NOUN_RE.match(norm, pos) or (_NOUN_ATTACHED_RE.match(norm, pos) if norm[pos - 1:pos].isdigit() else None)
    if m:
        w = m.group("w")
        if w in _NOT_UNITS or w in _WORDS or _MONTH_AFTER_RE.match(norm, pos):
            return None
        if w.startswith(_AL) and not vague:      # after a cardinal the counted noun is indefinite
            return None
        if w in _LEMMAS:
            return ("", "count", None, None, m.start("w"), m.end("w"))
        # clitic + article («بالجروح»، «للمدينة»، «والجنود») or conjunction + word: not a counted noun
        if (w[0] in _CONJ + _PREP and w[1:].startswith(_AL)) or w.startswith(_LIL):
            return None
        if w[0] == _AND and len(w) >= 4:       # «وأصيب»: the conjunction and the next clause
            return None
        if w[0] in _PP_STARTS and len(w) >= 5 and not w.endswith(_ACC_ALEF):   # «بجروح»، «لاستقبال»
            return None
        return ("", "count", None, None, m.start("w"), m.end("w"))
    return None


_WS_RE = re.compile(r"\s+")


_WS_AL_RE = re.compile(r"\s+(?:ال)?")


def _collapse(s: str) -> str:
    """A matched multi-word unit as its table key: one space (and no article on the later words unless the
    table has the form with it, as «في المئة»)."""
    k = _WS_RE.sub(" ", s)
    return k if k in _UNITS or k in _BARE else _WS_AL_RE.sub(" ", s)


@dataclass(slots=True)
class _Q(_Reading):
    qualifier: str = "exact"
    unit: str | None = None
    unit_s: int | None = None
    unit_e: int | None = None
    kind: str = "count"
    code: str | None = None
    form: str | None = None          # "dual": a dual noun standing for 2 («قتيلين»)
    scale: float = 1                 # the scale word's multiplier («مليار» = 1e9), for a part that leaves it out
    part_of: int | None = None       # start of the total this quantity is a part of («29 منها»)


# a construct dual counts the indefinite noun after it («حالتا وفاة»، «حالتي إصابة»; not «حالتي الإيجاب والسلب»)
_CONSTRUCT_NEXT_RE = re.compile(r"\s+(?!" + _AL + r")[\u0621-\u064A]{2,}")
# a dual right after a word with the same ending is an adjective agreeing with it («تنظيمان إرهابيان»)
_DUAL_AGREES_RE = re.compile(r"(?:ان|ين)\s+$")
# «واحد/واحدة»: the cardinal 1 written after the noun it counts
_ONE_WORDS = {f for f, ws in _WORDS.items() if any(w.cat == "unit" and w.value == 1 and not w.flags for w in ws)}
# «اثنين/اثنتين» after a noun in -ين/-ان (dual or plural agreeing with it) counts that noun («مسلحين اثنين»)
_TWO_AFTER_NOUN = {_n(x) for x in _G["two_after_noun"]}
_DUAL_NOM = "ان"        # the nominative dual ending («مشاركان»)
_NOUN_BEFORE_TWO_RE = re.compile(r"(?<!\w)(?P<w>(?!" + _AL + r")[\u0621-\u064A]{2,}(?:ين|ان))\s+$")


# ------------------------------------------------------------------ parts of a total and elided units
# «بلغت التكلفة 67 مليار جنيه، 29 منها للحفر و38 للتعميق»: a bare number before «منها/منهم» is a part of the
# nearest quantity before it in the sentence (its unit, kind and scale: 29 = 29 billion pounds), and so are the bare
# numbers joined to it by «و» right after («و38»، «وواحدة في نجران»).  «5 منهم أطفال»: the noun after the pronoun is
# the part's own unit.  With no quantity before it, «ثلاث منها» counts the nearest definite plural noun before it
# («الطائرات … حلقت ثلاث منها»).  «4 مليارات جنيه، و4 مليارات للتنمية»: a scaled number without a unit, joined by
# «و» to a quantity of the same scale, takes its unit (the noun is left out, not a part).  «إحدى الحالات» after
# «4 حالات» is one of them.  All words in numbers.yaml «parts».
_PART_PRON_RE = re.compile(r"\s*(?:" + _alt(_G["parts"]["pronouns"]) + r")(?!\w)")
_PART_PRON_STEM = os.path.commonprefix([_n(x) for x in _G["parts"]["pronouns"]])   # «منه»: a fast test first
_SENTENCE_END_RE = re.compile(r"[.!?؟;](?!\d)|\n")
_PLURAL_ENDS = tuple(_n(x) for x in _G["parts"]["plural_endings"])
_PART_WINDOW = _G["parts"]["window"]
_TOTAL_WINDOW = _G["parts"]["total_window"]
_NOUN_WINDOW = _G["parts"]["noun_window"]
_VERB_PREFIXES = "".join(_n(x) for x in _G["parts"]["verb_prefixes"])
_EACH_BEFORE_RE = re.compile(r"(?<!\w)[" + _CONJ + _PREP + r"]?(?:" + _alt(_G["parts"]["each"]) + r")\s+$")
# starts with the word itself (a literal: `re` scans for it in C); the clitics before it are checked after
_ONE_OF_RE = re.compile(r"(?P<one>" + _alt(_G["parts"]["one_of"]) + r")\s+(?:" + _AL + r")(?P<n>[\u0621-\u064A]{3,})(?!\w)")
_ONE_OF_STEM = os.path.commonprefix([_n(x) for x in _G["parts"]["one_of"]])   # «احد»: found with str.find
_ONE_OF_EVENT_RE = re.compile(r"(?<!\w)[" + _CONJ + r"]?(?:" + _alt(_G["parts"]["one_of_events"]) + r")\s+["
                              + _CONJ + _PREP + r"]{0,2}$")
_WORD_BACK_RE = re.compile(r"[\u0621-\u064A]+")


def _same_sentence(norm: str, a: int, b: int) -> bool:
    return b - a <= _PART_WINDOW and not _SENTENCE_END_RE.search(norm, a, b)


def _joined_by_and(norm: str, s: int) -> bool:
    """Does the number starting at `s` carry the conjunction «و» («و38»، «و 38»)?"""
    return norm[s - 1:s] == _AND or norm[max(0, s - 2):s] == _AND + " "


def _antecedent(norm: str, out: list[_Q], i: int, window: int = _PART_WINDOW) -> _Q | None:
    """The nearest quantity with a unit before out[i] in its sentence, at most `window` characters before it (for a
    part: the total it belongs to)."""
    q = out[i]
    for j in range(i - 1, -1, -1):
        t = out[j]
        if q.s - t.e > window or not _same_sentence(norm, t.e, q.s):
            return None
        if t.unit is not None and t.kind in ("count", "money", "measure"):
            return out[_index_at(out, t.part_of)] if t.part_of is not None else t
    return None


def _index_at(out: list[_Q], s: int) -> int:
    return next(i for i, x in enumerate(out) if x.s == s)


def _is_plural(w: str) -> bool:
    """A plural noun (a broken plural of the lemma table, or a sound plural that is no imperfect verb «يحملون»)?"""
    return w in _LEMMAS or (len(w) >= 4 and w.endswith(_PLURAL_ENDS) and w[0] not in _VERB_PREFIXES)


def _plural_noun_before(norm: str, text: str, idx, q: _Q) -> tuple[str, int, int] | None:
    """(lemma, start, end) of the nearest definite plural noun before q in its sentence («الطائرات»)."""
    lo = max(0, q.s - _NOUN_WINDOW)
    se = None
    for se in _SENTENCE_END_RE.finditer(norm, lo, q.s):
        pass
    lo = se.end() if se else lo
    for m in reversed(list(_WORD_BACK_RE.finditer(norm, lo, q.s))):
        w, ws = m.group(), m.start()
        if w[0] in _CONJ and w[1:3] in (_AL, _LIL):
            w, ws = w[1:], ws + 1
        if w.startswith(_LIL):
            w, ws = w[2:], ws + 2
        elif w[0] in _PREP and w[1:].startswith(_AL):
            w, ws = w[3:], ws + 3
        elif w.startswith(_AL):
            w, ws = w[2:], ws + 2
        else:
            continue
        if _is_plural(w) and w not in _WORDS:        # «الاثنين» is Monday
            return _lemma(_orig(text, idx, ws, m.end())), ws, m.end()
    return None


def _take_unit(q: _Q, t: _Q) -> None:
    q.unit, q.kind, q.code = t.unit, t.kind, t.code
    if t.scale > 1 and q.scale == 1 and q.value is not None and q.value * t.scale <= (t.value or t.high or 0):
        q.value *= t.scale      # «29 منها» of «67 مليار جنيه» = 29 billion pounds


def _parts(norm: str, out: list[_Q], text: str, idx) -> None:
    last = None          # (the total, end of the last part) for the parts joined by «و» after a part
    any_part = _PART_PRON_STEM in norm
    for i, q in enumerate(out):
        if q.unit is not None or q.kind != "count" or q.value is None or q.qualifier == "range":
            continue
        pm = _PART_PRON_RE.match(norm, q.e) if any_part else None
        if pm and not _EACH_BEFORE_RE.search(norm, max(0, q.s - 6), q.s):      # «كل واحد منها»: each, not a part
            total = _antecedent(norm, out, i, _TOTAL_WINDOW)
            if total is not None and total.value is not None and q.value > total.value:
                total = None
            q.e = pm.end()
            own = _unit_after(norm, pm.end(), False, partitive=False)
            if own is not None and own[1] == "count" and _is_plural(norm[own[4]:own[5]]):   # «5 منهم أطفال»
                q.unit = _lemma(_orig(text, idx, own[4], own[5]))
                q.unit_s, q.unit_e, q.e = own[4], own[5], own[5]
            elif total is not None:
                _take_unit(q, total)
            else:
                noun = _plural_noun_before(norm, text, idx, q)
                if noun is not None:
                    q.unit = noun[0]
            if total is not None:
                q.part_of = total.s
            last = (total, q.e) if total is not None else None
            continue
        if last is not None and _joined_by_and(norm, q.s) and _same_sentence(norm, last[1], q.s) \
                and q.s - last[1] <= 60:
            total = last[0]
            _take_unit(q, total)
            q.part_of = total.s
            last = (total, q.e)
            continue
        # «4 مليارات جنيه، و4 مليارات للتنمية»: the unit left out after a scaled number
        if q.scale > 1 and i and _joined_by_and(norm, q.s):
            t = _antecedent(norm, out, i)
            if t is not None and t.scale == q.scale and t.kind in ("money", "count", "measure"):
                q.unit, q.kind, q.code = t.unit, t.kind, t.code
    # «وفاة لإحدى الحالات»، «مقتل أحد الجنود»: one of them, where an event noun (a death, an arrest …) governs it
    # (not «يقول أحد القرويين»); a part of the quantity just before it that counted the same noun, if there is one
    units = [(x.s, x.e, _n(x.unit)) for x in out if x.unit and x.kind == "count" and x.part_of is None]
    new = []
    i = norm.find(_ONE_OF_STEM)
    while i >= 0:
        m = _ONE_OF_RE.match(norm, i)
        i = norm.find(_ONE_OF_STEM, i + 1)
        if m is None or not _ONE_OF_EVENT_RE.search(norm, max(0, m.start() - 25), m.start()):
            continue
        lemma = _lemma(_orig(text, idx, m.start("n") - len(_AL), m.end("n")))
        if any(x.s < m.end() and m.start("one") < x.e for x in out):
            continue
        # the total is counted just before (within the window: «4 حالات … وفاة لإحدى الحالات»), not anywhere earlier
        total = next((s for s, e, u in reversed(units) if e <= m.start() <= e + _PART_WINDOW and u == _n(lemma)), None)
        new.append(_Q(m.start("one"), m.end(), value=1.0, unit=lemma, unit_s=m.start("n") - len(_AL),
                      unit_e=m.end(), part_of=total))
    if new:
        out.extend(new)
        out.sort(key=lambda x: x.s)


_OPEN_PAREN_GAP_RE = re.compile(r"\s*\(\s*")
_CLOSE_PAREN_GAP_RE = re.compile(r"\s*\)\s*")


_NOT_SHARES = {_n(x) for x in _G["fraction_not_share"]}


def _is_share(norm: str, pos: int) -> bool:
    """Is the fraction word ending at `pos` a share of what follows («ثلث حجم»، «نصف السكان»), not a fraction of a
    unit («نصف ساعة») nor a name («ربع النهائي»)?"""
    m = _NOUN_RE.match(norm, pos)
    if not m:
        return False
    w = m.group("w")
    bare = w[len(_AL):] if w.startswith(_AL) else w
    return not (w in _NOT_SHARES or bare in _NOT_SHARES or bare in _UNITS or bare in _BARE or w in _NOT_UNITS)


def _restated(norm: str, a: _Num, b: _Num) -> tuple[int, int] | None:
    """(start, end) of «a (b)» or «(a) b» when b restates a (the same value, one of them in parentheses)."""
    if a.value is None or a.value != b.value or a.ordinal or b.ordinal or a.time or b.time:
        return None
    if (a.digits is None) == (b.digits is None):       # digits restated in words, or words in digits
        return None
    m = _OPEN_PAREN_GAP_RE.fullmatch(norm, a.e, b.s)
    if m:                                              # «5 (خمسة)»
        c = _PAREN_CLOSE_RE.match(norm, b.e)
        return (a.s, c.end()) if c else None
    if _CLOSE_PAREN_GAP_RE.fullmatch(norm, a.e, b.s):  # «(7) سبعة»
        o = _PAREN_OPEN_RE.search(norm, max(0, a.s - 3), a.s)
        return (o.start(), b.e) if o else None
    return None


def _is_score(norm: str, a: _Num, b: _Num) -> bool:
    if b.s - a.e > 3:          # no « - » between them (the test below, cheaper)
        return False
    if a.value is None or b.value is None or a.has_scale or b.has_scale or a.ordinal or b.ordinal:
        return False
    if not (0 <= a.value <= _SCORE_MAX and 0 <= b.value <= _SCORE_MAX and a.value == int(a.value) and b.value == int(b.value)):
        return False
    if not _SCORE_DASH_RE.fullmatch(norm, a.e, b.s):
        return False
    if _unit_after(norm, b.e, False):
        return False
    return a.value >= b.value or bool(_SCORE_WORD_RE.search(norm, max(0, a.s - 40), a.s))


def _range_partner(norm: str, q: _Q, a: _Num, b: _Num):
    """If a and b form a range, the start of the opening word («من»، «بين») or q.s; else None."""
    if a.vague or b.vague:
        return None
    gap_start = a.e
    # allow a currency symbol on the lower end: «10$-20$»
    sm = _sym_after(norm, gap_start)
    if sm:
        gap_start = sm.end()
    m = _RJOIN_RE.match(norm, gap_start)
    if not m or m.end() != b.s:    # «و30»، «لعشرين»: the joiner may be the clitic of b
        return None
    before = norm[max(0, q.s - 12):q.s]
    opener_from = _OPEN_FROM_RE.search(before)
    opener_between = _OPEN_BETWEEN_RE.search(before)
    start = q.s
    if opener_from:
        start = q.s - (len(before) - opener_from.start())
    elif opener_between:
        start = q.s - (len(before) - opener_between.start())
    if m.group("wa"):
        if not opener_between:
            return None
    elif m.group("li") or m.group("li2"):
        if not opener_from:
            return None
    elif m.group("dash"):
        if a.digits is None and b.digits is None:     # «عشرة - 30 كم» is a range, «ثلاثة - أربعة» too rare to risk
            return None
        if a.value is not None and b.value is not None and a.value >= b.value:
            return None
    else:
        if opener_between:
            return None
    lo = a.value if a.value is not None else a.low
    hi = b.value if b.value is not None else b.high
    if lo is None or hi is None:
        return None
    if not (lo < hi or (b.has_scale and not a.has_scale and b.base is not None and lo <= b.base)):
        return None
    return start


def _orig(text: str, idx, s: int, e: int) -> str:
    if idx is None:
        return text[s:e]
    return text[idx[s]:idx[e - 1] + 1]


def _span(text: str, idx, s: int, e: int) -> tuple[int, int]:
    if idx is None:
        os, oe = s, e
    else:                           # s < e: a span starts and ends on characters of the normalised text
        os = idx[s]
        oe = idx[e - 1] + 1
    # include trailing diacritics (tanween of «ألفاً»)
    n = len(text)
    while oe < n and text[oe] in _DROP_CHARS:
        oe += 1
    return os, oe
