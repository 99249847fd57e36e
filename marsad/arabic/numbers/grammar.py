"""The number grammar: number tokens (digits in any script, number words, scales, fractions) found by one compiled
regex, and adjacent tokens joined by white space or «و» combined into numbers (units, teens, tens, hundreds, scales
with dual/plural forms, decimal «فاصلة»).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.arabic.numbers.lexicon import _AND, _DUAL_FORMS, _INT_RE, _PAREN_OPEN_RE, _W, _WORDS, _token_matches


# ------------------------------------------------------------------ tokens and the number grammar
@dataclass(slots=True)
class _Tok:
    cs: int        # start including clitic
    s: int         # start of the number itself (after clitic; the article «ال» is inside)
    e: int
    cl: str
    al: bool
    kind: str      # d | w | time
    text: str
    ws: list       # candidate _W readings (words)


@dataclass(slots=True)
class _Reading:
    """A stretch of the text [s, e) read as a number: one value, or a range low–high. The grammar's numbers (`_Num`) and
    the tagger's quantities (`context._Q`) both are one, with their own fields after these."""
    s: int
    e: int
    value: float | None = None
    low: float | None = None
    high: float | None = None


@dataclass(slots=True)
class _Num(_Reading):
    ordinal: bool = False
    time: bool = False
    digits: str | None = None       # the digit string when the number is a bare digit token
    has_scale: bool = False
    scale: float = 1                # last scale multiplier applied
    base: float | None = None       # value before the last scale
    vague: bool = False
    neg: bool = False
    words: list = field(default_factory=list)


def _digit_value(tok: str, before_scale: bool) -> float | None:
    """Digits with thousands separators and/or a decimal mark → value."""
    t = tok
    if len(t) > 40:   # a digit run this long is no quantity (and int() refuses > 4300 digits)
        return None
    if t.isascii() and t.isdigit():     # most digit tokens: no separator at all
        return float(int(t))
    if "٫" in t:   # Arabic decimal mark: unambiguous
        ip, _, fp = t.partition("٫")
        ip = re.sub(r"[.,٬]", "", ip)
        fp = re.sub(r"[.,٬]", "", fp)
        try:
            return float((ip or "0") + "." + (fp or "0"))
        except ValueError:
            return None
    t = t.replace("٬", ",") if "," not in t and "." not in t else t.replace("٬", "")
    seps = [c for c in t if c in ".,"]
    if not seps:
        return float(int(t))
    groups = re.split(r"[.,]", t)
    if len(set(seps)) == 2:
        dec = seps[-1]
        ip, _, fp = t.rpartition(dec)
        return float(re.sub(r"[.,]", "", ip) + "." + fp)
    sep = seps[0]
    if len(seps) > 1:
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
            return float("".join(groups))
        if all(len(g) == 3 for g in groups[1:-1]) and 1 <= len(groups[0]) <= 3 and 1 <= len(groups[-1]) <= 2:
            return float("".join(groups[:-1]) + "." + groups[-1])     # «134.230.802.95»: the last mark is decimal
        return None
    ip, fp = groups
    if not ip:
        return float("0." + fp)
    thousands_ok = len(fp) == 3 and 1 <= len(ip) <= 3 and ip != "0"
    if thousands_ok and not (before_scale and sep == "."):
        return float(ip + fp)
    return float(ip + "." + fp)


class _Builder:
    """Left-to-right combination of word/digit tokens into one number value."""

    def __init__(self):
        self.total = 0.0
        self.cur = 0.0
        self.places: set = set()
        self.last = None          # category of last token
        self.last_val = 0
        self.scale = None
        self.base = None
        self.low = self.high = None   # vague bounds
        self.coef = None
        self.point = False
        self.point_digits = ""
        self.digit = False
        self.digits = None
        self.n = 0
        self.ordinal = False
        self.def_card = False     # started by a definite cardinal («الثلاثين»)

    def value(self):
        return self.total + self.cur

    def add(self, tok: _Tok, w: _W | None, connector: bool, before_scale: bool) -> bool:
        """Try to extend with a token; False when it cannot belong to this number."""
        cat = "d" if w is None else w.cat
        first = self.n == 0
        if self.point:
            if cat == "d" and _INT_RE.fullmatch(tok.text):
                frac = float("0." + tok.text)
                self.cur += frac
            elif cat in ("unit", "zero"):
                self.cur += float("0." + str(int(w.value)))
            else:
                return False
            self.point = False
            self.last = "dec"
            self.n += 1
            return True
        if self.ordinal:
            return self._add_ordinal(tok, w, connector)
        if cat == "d":
            v = _digit_value(tok.text, before_scale)
            if v is None:
                return False
            if not first:
                # «245 ألفا و325»: digits joined by «و» to a larger scale word
                # «تريليون و300 مليار»: digits after a scale word start the next, smaller segment
                if connector and self.last == "scale" and self.scale and self.low is None and self.cur == 0 \
                        and v < self.scale:
                    self.cur, self.digit, self.digits = v, True, tok.text
                    self.last, self.n = "d", self.n + 1
                    self.places = {"h", "t", "u"}
                    return True
                return False
            if connector:
                return False
            self.cur, self.digit, self.digits = v, True, tok.text
        elif tok.al and cat not in ("vague", "ord") and not (cat == "scale" and self.low is not None):
            # a definite cardinal only starts an ordinal («الواحد والعشرين»، «العشرين»، «الاثنا عشر»)
            if not first or cat not in ("unit", "tens", "ten", "teen"):
                return False
            self.ordinal = True
            self.def_card = True
            self.cur = w.value
            self.places = {"t"} if cat in ("tens", "teen") else {"u"}
            self.last, self.n = cat, 1
            return True
        elif cat == "ord":
            if not first:
                return False
            if "needs_al" in w.flags and not tok.al:
                return False
            self.ordinal = True
            self.cur = w.value
            self.places = {"u"} if w.value < 10 else {"t", "u"}
            self.last, self.n = "ord", 1
            return True
        elif cat == "unit":
            if self.digit or self.low is not None or "u" in self.places or self.last in ("frac",) or (
                    self.last in ("unit",)) or (self.last == "tens" and not connector):
                return False
            self.cur += w.value
            self.places.add("u")
        elif cat == "ten":
            if self.last == "unit" and not connector and self.last_val < 10:
                self.cur += 10
                self.places.add("t")
            elif not self.digit and self.low is None and not ({"t", "u"} & self.places) and (first or connector or self.last == "hund"):
                self.cur += 10
                self.places |= {"t", "u"}
            else:
                return False
        elif cat == "teen":
            if self.digit or self.low is not None or {"t", "u"} & self.places:
                return False
            self.cur += w.value
            self.places |= {"t", "u"}
        elif cat == "tens":
            if self.digit or self.low is not None or "t" in self.places:
                return False
            if self.last == "unit" and not connector:
                return False
            self.cur += w.value
            self.places.add("t")
        elif cat == "hund":
            if self.digit or self.low is not None or self.places or (not first and not connector and self.last != "scale"):
                return False
            if not first and self.last != "scale":
                return False
            self.cur += w.value
            self.places.add("h")
        elif cat == "scale":
            if connector:
                # «مليون وألف»، «مليونان وألفان»: a smaller scale word alone after a larger one
                if self.cur == 0 and self.scale and w.value < self.scale and w.form in ("sg", "acc", "dual") \
                        and self.low is None and self.last in ("scale", "fracafter"):
                    self.total += (2 if w.form == "dual" else 1) * w.value
                    self.scale, self.base, self.places = w.value, None, set()
                    self.last, self.n = "scale", self.n + 1
                    return True
                return False
            if self.low is not None:       # «عشرات الآلاف»، «بضعة آلاف»
                if w.form != "pl":
                    return False
                self.low *= w.value
                # «عشرات الآلاف» = 30,000 .. 99,999 ; «بضعة آلاف» = 3,000 .. 9,000
                self.high = self.high * w.value if self.coef else (self.high + 1) * w.value - 1
                self.scale = w.value
                self.last, self.n = "scale", self.n + 1
                return True
            if first:
                if w.form == "pl":
                    return False          # bare plural: vague reading is tried instead
                k = 2 if w.form == "dual" else 1
                self.total, self.scale, self.base = k * w.value, w.value, k
            else:
                if w.form == "dual" or self.cur == 0 or (self.scale is not None and w.value >= self.scale and self.total):
                    return False
                if w.form == "pl" and not (2 < self.cur <= 10):
                    return False
                if self.digit and len(re.findall(r"[.,٬]", self.digits or "")) >= 2 and self.cur >= w.value:
                    # «134.230.000 مليون ريال»: the digits already spell the amount; the scale word repeats it
                    self.scale, self.base = w.value, self.cur / w.value
                    self.last, self.n = "scale", self.n + 1
                    return True
                self.base = self.cur
                self.total += self.cur * w.value
                self.cur = 0
                self.scale = w.value
            self.places = set()
        elif cat == "vague":
            if not first:
                return False
            self.low, self.high = float(w.low), float(w.high)
        elif cat == "coef":
            if not first:
                return False
            self.low, self.high = float(w.low), float(w.high)
            self.coef = True
        elif cat == "frac":
            if first:
                self.cur = w.value
            elif connector and self.last == "scale" and self.scale and w.value == 0.5 or (
                    connector and self.last == "scale" and self.scale):
                self.total += w.value * self.scale
                self.last, self.n = "fracafter", self.n + 1
                return True
            elif connector and self.last in ("unit", "tens", "teen", "hund", "d") and not self.scale:
                self.cur += w.value
            else:
                return False
        elif cat == "zero":
            if not first:
                return False
            self.cur = 0
        elif cat == "point":
            if first or self.point or self.scale or self.low is not None or connector:
                return False
            if self.digit and not _INT_RE.fullmatch(self.digits or ""):
                return False
            self.point = True
            self.places = {"t", "u", "h"}
        else:
            return False
        self.last = "d" if cat == "d" else cat
        self.last_val = w.value if w is not None else self.cur
        self.n += 1
        return True

    def _add_ordinal(self, tok, w, connector) -> bool:
        if w is None:
            return False
        if w.cat == "scale" and self.def_card and not connector and w.form in ("sg", "acc", "pl") and self.n == 1:
            # «الثلاثين مليون ريال»: a definite cardinal before a scale is a cardinal, not an ordinal
            self.ordinal = False
            self.base = self.cur
            self.total, self.cur, self.scale, self.places = self.cur * w.value, 0, w.value, set()
            self.last, self.n = "scale", self.n + 1
            return True
        if w.cat == "ten" and not connector and self.last in ("ord", "unit") and self.cur < 10:
            self.cur += 10
            self.last, self.n = "ten", self.n + 1
            return True
        if w.cat == "tens" and connector and tok.al and self.cur < 10:
            self.cur += w.value
            self.last, self.n = "tens", self.n + 1
            return True
        return False

    def done(self) -> bool:
        return not self.point and not (self.coef and self.scale is None) and self.n > 0


def _read_tokens(norm: str, phrase: bool) -> tuple[list[_Tok], list]:
    toks, duals = [], []
    for m in _token_matches(norm):
        cs = m.start("cl")
        cl, al_s, date, time_, d, word = m.group("cl", "al", "date", "time", "d", "w")
        cl = cl or ""
        al = al_s is not None
        if time_ or date:
            kind, txt = ("time", time_) if time_ else ("date", date)
            toks.append(_Tok(cs, cs + len(cl), m.end(), cl, al, kind, txt, []))
            continue
        if d:   # «ال145 ألفاً»: the article on digits stays outside the number
            toks.append(_Tok(cs, m.start("d"), m.end(), cl + (al_s or ""), False, "d", d, []))
            continue
        if word in _DUAL_FORMS and word not in _WORDS:
            if not al:
                duals.append((cs + len(cl), m.end(), word))
            continue
        ws = _WORDS.get(word, [])
        if cl and cl != "و":     # «وست» is "and six"; «لست»/«بست» are other words
            ws = [w for w in ws if "noclitic" not in w.flags and not (cl.endswith("ك") and "nokaf" in w.flags)]
        if al:
            ws = [w for w in ws if w.cat in ("vague", "ord", "unit", "tens", "ten", "teen", "scale", "hund")]
        if not ws:
            continue
        toks.append(_Tok(cs, cs + len(cl), m.end(), cl, al, "w", word, ws))
    return toks, duals


_CONNECTOR_RE = re.compile(r"\s*(?:" + _AND + r"\s*)?")


def _numbers(norm: str, toks: list[_Tok], phrase: bool) -> list[_Num]:
    """Combine tokens into numbers (greedy, left to right)."""
    out: list[_Num] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind in ("time", "date"):
            out.append(_Num(t.s, t.e, value=None, time=True, digits=t.kind))
            i += 1
            continue
        best = None
        readings = t.ws if t.kind == "w" else [None]
        for w0 in readings:
            b = _Builder()
            nxt_is_scale = _next_is_scale(toks, i, norm)
            if not b.add(t, w0, False, nxt_is_scale):
                continue
            j, end, commit_j, commit_end, commit_b = i + 1, t.e, i + 1, t.e, None
            if b.done():
                commit_b = _snapshot(b)
            while j < n:
                u = toks[j]
                if u.kind != "w" and u.kind != "d":
                    break
                gap = norm[end:u.s]
                gs = gap.strip()          # = _CONNECTOR_RE.fullmatch(gap): spaces, or «و» between spaces
                if gs and gs != _AND and not (gs == ")" and j == i + 1 and _paren_then_scale(norm, t, u)):
                    break
                connector = _AND in gap
                if u.cl and u.cl != _AND:
                    break
                if connector and u.cl == _AND and _AND in norm[end:u.cs]:
                    break
                ok = False
                for w in (u.ws if u.kind == "w" else [None]):
                    if b.add(u, w, connector, _next_is_scale(toks, j, norm)):
                        ok = True
                        break
                if not ok:
                    break
                end = u.e
                j += 1
                if b.done():
                    commit_j, commit_end, commit_b = j, end, _snapshot(b)
            if commit_b is None:
                continue
            cand = (commit_j, commit_end, commit_b, w0)
            if best is None or cand[0] > best[0]:
                best = cand
        if best is None:
            i += 1
            continue
        j, end, b, w0 = best
        # weak words alone are not numbers in running text
        if j == i + 1 and w0 is not None and "weak" in w0.flags and not phrase:
            i += 1
            continue
        num = _Num(t.s, end)
        if b["ordinal"]:
            num.value, num.ordinal = b["value"], True
        elif b["low"] is not None:
            num.low, num.high, num.vague = b["low"], b["high"], True
        else:
            num.value = b["value"]
        num.digits = b["digits"] if (j == i + 1) else None
        num.has_scale = b["scale"] is not None
        num.scale = b["scale"] or 1
        num.base = b["base"]
        num.words = [x.text for x in toks[i:j]]
        # a definite cardinal unit alone («الثلاثة»، «الاثنين» = Monday) is not read as a number
        if t.al and not num.ordinal and not num.vague and j == i + 1 and w0 is not None and w0.cat not in ("scale",):
            i = j
            continue
        if t.al and w0 is not None and w0.cat == "unit" and num.ordinal and j == i + 1:
            i = j
            continue
        out.append(num)
        i = j
    return out


def _paren_then_scale(norm: str, t: _Tok, u: _Tok) -> bool:
    """«(70) ألف زائر»: digits alone in parentheses, then a scale word, are one number (like «“70” ألف»)."""
    return t.kind == "d" and u.kind == "w" and u.text in _SCALE_FORMS and not u.cl \
        and _PAREN_OPEN_RE.search(norm, max(0, t.s - 3), t.s) is not None


def _snapshot(b: _Builder) -> dict:
    return {"value": b.value(), "low": b.low, "high": b.high, "ordinal": b.ordinal, "digits": b.digits,
            "scale": b.scale, "base": b.base}


_SCALE_FORMS = frozenset(f for f, ws in _WORDS.items() if any(w.cat == "scale" for w in ws))


def _next_is_scale(toks, i, norm) -> bool:
    if i + 1 >= len(toks):
        return False
    u = toks[i + 1]
    # a token without a scale reading among all its word's readings has none among its own (a subset)
    return u.kind == "w" and u.text in _SCALE_FORMS and any(w.cat == "scale" for w in u.ws) \
        and norm[toks[i].e:u.s].strip() in ("", ")")
