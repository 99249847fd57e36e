"""The tagger: a whole text read once (`_analyse`: tokens, numbers, their context, qualifiers and kinds) and the public
functions over it (`tag_numbers`, `parse_number`, `is_quantity_of_interest`, `outside_dates`, `unit_code`).
"""
from __future__ import annotations

import re

from marsad.arabic.numbers.context import (_CONSTRUCT_NEXT_RE, _DUAL_AGREES_RE, _DUAL_NOM, _NOUN_BEFORE_TWO_RE,
                                           _ONE_WORDS, _Q, _TWO_AFTER_NOUN, _collapse, _is_score, _is_share, _lemma,
                                           _orig, _parts, _range_partner, _restated, _span, _unit_after)
from marsad.arabic.numbers.grammar import _numbers, _read_tokens
from marsad.arabic.numbers.lexicon import (_ACC_SCALES, _BARE, _CENTS_BARE_RE, _CENTS_RE, _CONJ, _COUNTED_DUALS, _D4_RE,
                                           _DUALS, _FRAC_WORDS, _IDENT_RE, _IDENT_TAILS, _LEADING_ZERO_RE,
                                           _LINE_START_RE, _LIST_MARK_RE, _MONTH_AFTER_RE, _MONTH_BEFORE_RE,
                                           _MONTH_BEFORE_TAILS, _NOT_UNITS, _ONE_OF, _PAREN_CLOSE_RE, _PAREN_OPEN_RE,
                                           _PARTITIVE_RE, _PREP, _PRODUCT_RE, _QA_RE, _QUAL_AFTER, _QUAL_BEFORE,
                                           _SYM_BEFORE_RE, _SYM_LAST, _SYMBOLS, _TIME_WORD_RE, _TIME_WORD_TAILS,
                                           _UNIT_BEFORE_FRAC_RE, _UNIT_BEFORE_RE, _UNIT_CODES, _UNIT_FRAC_RE, _UNITS,
                                           _WORDS, _YEAR_BEFORE_RE, _YEAR_HI, _YEAR_LO, _YEAR_SUFFIX_RE, _YEAR_WORD_RE,
                                           _YEAR_WORD_TAILS, _alt, _counted_dual_words, _ends_with,
                                           normalize_for_numbers, _qb_search)
from marsad.model import Quantity


def _analyse(text: str, phrase: bool = False) -> tuple[str, list[_Q], list | None]:
    norm, idx = normalize_for_numbers(text)
    toks, duals = _read_tokens(norm, phrase)
    duals += _counted_dual_words(norm)
    nums = _numbers(norm, toks, phrase)
    out: list[_Q] = []
    # «ساعة ونصف»، «متر ونصف» without a number: 1.5 of the unit
    bare = []
    for t in toks:
        if t.kind != "w" or t.text not in _FRAC_WORDS or t.al:
            continue
        if t.cl != "و" and not norm[max(0, t.cs - 3):t.cs].rstrip().endswith("و"):
            continue
        m = _UNIT_BEFORE_FRAC_RE.search(norm, max(0, t.cs - 30), t.cs)
        if not m:
            continue
        lemma, kind, code, cnt = _ONE_OF[_collapse(m.group("u"))]
        bare.append(_Q(m.start("u"), t.e, value=1 + _FRAC_WORDS[t.text], unit=lemma, unit_s=m.start("u"),
                       unit_e=m.end("u"), kind=kind, code=code))
    k, N = 0, len(nums)
    while k < N:
        a = nums[k]
        k += 1
        if (out and a.s < out[-1].e) or (bare and any(b.s <= a.s < b.e for b in bare)):
            continue
        if a.time:
            out.append(_Q(a.s, a.e, kind=a.digits))
            continue
        q = _Q(a.s, a.e, value=a.value, low=a.low, high=a.high)
        if a.vague:
            q.qualifier = "vague"
        if a.ordinal:
            q.kind = "ordinal"
            out.append(q)
            continue
        # negative sign
        if a.digits is not None and a.s > 0 and norm[a.s - 1] == "-" and (a.s < 2 or not norm[a.s - 2].isalnum()):
            if phrase or a.s == 1 or norm[a.s - 2].isspace():
                if not (a.s >= 3 and norm[a.s - 3].isdigit()):
                    q.s -= 1
                    q.value = -q.value if q.value is not None else None
        elif phrase and a.s > 1 and norm[a.s - 1] == " " and norm[a.s - 2] == "-" and a.s == 2:
            q.s = 0
            q.value = -q.value if q.value is not None else None
        # fraction a/b (single-phrase parses; in running text d/d is usually a date)
        if a.digits is not None and norm.startswith("/", a.e) and k < N and nums[k].s == a.e + 1 and nums[k].digits:
            b = nums[k]
            if phrase and b.value:
                q.value = (q.value or 0) / b.value if q.value is not None and q.value >= 0 else -((-q.value) / b.value)
                q.e = b.e
                k += 1
            else:
                q.kind = "date"
                q.e = b.e
                k += 1
                if k < N and norm.startswith("/", b.e) and nums[k].s == b.e + 1:
                    q.e = nums[k].e
                    k += 1
                out.append(q)
                continue
        if a.digits is None and len(a.words) > 1 and norm[a.s - 1:a.s] in ("(", " ") and ")" in norm[a.s:a.e]:
            po = _PAREN_OPEN_RE.search(norm, max(0, a.s - 3), a.s)     # «(70) ألف»: the span opens with it
            if po:
                q.s = po.start()
        # «5 (خمسة) أشخاص»، «خمسة (5) أشخاص»، «(7) سبعة من»: a figure restated beside itself is one number
        if k < N:
            rs = _restated(norm, a, nums[k])
            if rs is not None:
                q.s, q.e = min(q.s, rs[0]), rs[1]
                k += 1
        # currency symbol before
        sb = _SYM_BEFORE_RE.search(norm, max(0, q.s - 4), q.s) \
            if norm[max(0, q.s - 4):q.s].rstrip().endswith(_SYM_LAST) else None
        pre_money = None
        if sb and sb.end() == q.s:
            pre_money = _SYMBOLS[sb.group("u")]
            q.s = sb.start()
        # a match score «3-1»، «2-2»، «1- صفر» (or a lower-higher pair after a score word «خسر 1-2»)
        if not pre_money and k < N and _is_score(norm, a, nums[k]):
            b = nums[k]
            k += 1
            q.e, q.kind, q.low, q.high = b.e, "score", a.value, b.value
            out.append(q)
            continue
        # range: X (unit)? joiner Y
        rng = None
        if k < N and not nums[k].ordinal and not nums[k].time:
            rng = _range_partner(norm, q, a, nums[k])
        if rng is not None:
            b = nums[k]
            k += 1
            lo_v = a.value if not a.vague else a.low
            hi_v = b.value if not b.vague else b.high
            if lo_v is not None and hi_v is not None:
                # the scale of the upper end distributes over a bare lower end: «ثمانية إلى عشرة آلاف» = 8000-10000
                if b.has_scale and not a.has_scale and b.base is not None and lo_v <= b.base and b.scale > 1:
                    lo_v = lo_v * b.scale
                q.low, q.high, q.value, q.qualifier = lo_v, hi_v, None, "range"
                q.s = min(q.s, rng)
                q.e = b.e
                if all(x.digits and _D4_RE.fullmatch(x.digits) and _YEAR_LO <= x.value <= _YEAR_HI
                       for x in (a, b)) and not _unit_after(norm, q.e, phrase):
                    q.kind = "year"     # «2005-2007»
                    out.append(q)
                    continue
                a2 = b
            else:
                a2 = a
        else:
            a2 = a
        q.scale = a2.scale if a2.has_scale else 1
        # unit after; a number in parentheses «(395) مخالفة» takes the unit after the closing parenthesis
        ua = _unit_after(norm, q.e, phrase, vague=q.qualifier == "vague")
        if ua is None and not pre_money:
            pm = _PAREN_CLOSE_RE.match(norm, q.e)
            if pm and _PAREN_OPEN_RE.search(norm, max(0, q.s - 3), q.s):
                ua = _unit_after(norm, pm.end(), phrase, vague=q.qualifier == "vague")
                if ua is not None:
                    q.s = _PAREN_OPEN_RE.search(norm, max(0, q.s - 3), q.s).start()
        if pre_money:
            q.kind, q.unit, q.code = "money", pre_money, pre_money
            q.unit_s, q.unit_e = sb.start("u"), sb.end("u")
        elif ua and not (ua[1] == "count" and len(a.words) == 1 and a.words[0] in _ONE_WORDS
                         and not _PARTITIVE_RE.match(norm, a.e)):
            # (the noun counted by «واحد/واحدة» stands before it, «حالة واحدة»; a word after it is the next phrase:
            # «ثلاث مجموعات، واحدة بقيت في الجبال» — but «واحد من المصابين» counts the noun after «من»)
            lemma, kind, code, cnt, us, ue = ua
            if kind == "count":
                lemma = _lemma(_orig(text, idx, us, ue))
            q.unit, q.kind, q.code, q.unit_s, q.unit_e = lemma, kind, code, us, ue
            q.e = ue
            # range with a symbol on both ends: «10$-20$»
        # «ثلاث ساعات ونصف»، «متر ونصف»: a fraction after the unit adds to the number
        if q.unit is not None and q.value is not None and q.qualifier != "range":
            fm = _UNIT_FRAC_RE.match(norm, q.e)
            if fm:
                q.value += _FRAC_WORDS[fm.group("f")]
                q.e = fm.end()
        # «ألفا جندي»: a standalone accusative-looking scale word before a noun is the dual construct (2000)
        if q.unit is not None and q.value is not None and len(a.words) == 1 and a.words[0] in _ACC_SCALES:
            q.value *= 2
        # cents: «20 دولار و43 سنت», «20$ و 43c»
        if q.kind == "money" and q.code not in (None, "cent") and q.value is not None:
            cm = _CENTS_RE.match(norm, q.e)
            if not cm and pre_money and phrase:
                cm = _CENTS_BARE_RE.match(norm, q.e)
            if cm:
                q.value += int(cm.group("d")) / 100
                q.e = cm.end()
        # «نحو ثلث حجم الاقتصاد»، «نصف قيمتها»: a fraction word alone, of something not measured in a unit, is a share
        if q.kind == "count" and len(a.words) == 1 and a.words[0] in _FRAC_WORDS and not a.has_scale \
                and q.value is not None and _is_share(norm, a.e):
            q.kind, q.value, q.unit, q.code = "percent", q.value * 100, "%", "%"
            q.unit_s = q.unit_e = None
        # year / date / time context
        before = norm[max(0, q.s - 40):q.s]
        if q.kind == "count" and a.digits is not None and not a.has_scale and q.qualifier == "exact" and (
                (_ends_with(before, _IDENT_TAILS, ("(", ":")) and _IDENT_RE.search(before)) or _LEADING_ZERO_RE.match(a.digits) or norm[q.s - 1:q.s] == "+"
                or (_LIST_MARK_RE.match(norm, a.e) and _LINE_START_RE.search(before))):   # «3- اعتماد …»
            q.kind = "code"            # «المادة 51»، «0505123456»
            q.unit = q.unit_s = q.unit_e = None
            q.e = a.e
        if q.kind == "count" and a.digits is not None and not a.has_scale and q.qualifier in ("exact",):
            is_int4 = _D4_RE.fullmatch(a.digits) is not None
            if _MONTH_AFTER_RE.match(norm, a.e) and q.value is not None and 1 <= q.value <= 31:
                q.kind = "date"
                q.unit = q.unit_s = q.unit_e = None
                q.e = a.e
            elif (_ends_with(before, _MONTH_BEFORE_TAILS, (",",)) and _MONTH_BEFORE_RE.search(before)) or (
                    _ends_with(before, _YEAR_WORD_TAILS) and _YEAR_WORD_RE.search(before)) or (
                    is_int4 and _YEAR_SUFFIX_RE.match(norm, a.e)):
                q.kind = "year"
            elif _ends_with(before, _TIME_WORD_TAILS) and _TIME_WORD_RE.search(before) and q.value is not None and 0 <= q.value <= 24:
                q.kind = "time"
            elif is_int4 and _YEAR_LO <= q.value <= _YEAR_HI and (q.unit is None or _YEAR_BEFORE_RE.search(before)):
                q.kind = "year"
            if q.kind == "year":   # «2025 AP»: what follows a year is not its unit
                q.unit = q.unit_s = q.unit_e = None
                q.e = a.e
        # «شهر واحد»، «دولار واحد»: «واحد» after a unit noun counts that unit
        if q.unit is None and len(a.words) == 1 and q.kind == "count" and a.words[0] in _ONE_WORDS:
            ub = _UNIT_BEFORE_RE.search(norm, max(0, q.s - 30), q.s)
            if ub:
                lemma, kind, code, cnt = _UNITS[_collapse(ub.group("u"))]
                q.unit, q.kind, q.code, q.unit_s, q.unit_e = lemma, kind, code, ub.start("u"), ub.end("u")
                q.s = ub.start("u")
        # «مسلحين اثنين»، «جريحين اثنين»: «اثنين» after a plural or dual noun counts that noun (and what follows is
        # the next phrase: «مسلحين اثنين قرب الحدود»)
        elif q.kind == "count" and len(a.words) == 1 and a.words[0] in _TWO_AFTER_NOUN:
            nb = _NOUN_BEFORE_TWO_RE.search(norm, max(0, q.s - 30), q.s)
            if nb and nb.group("w") not in _NOT_UNITS and nb.group("w") not in _WORDS \
                    and nb.group("w")[1:] not in _NOT_UNITS:                # «وكان اثنان»
                w, ws = nb.group("w"), nb.start("w")
                if (w[0] in _CONJ + _PREP and (w[1:] in _COUNTED_DUALS or w[1:] in _DUALS)) or (
                        w[0] in _CONJ and len(w) >= 7):                 # «وجريحين اثنين»، «بطنين اثنين»
                    w, ws = w[1:], ws + 1
                if w in _DUALS:                                  # «طنين اثنين»
                    q.unit, q.kind, q.code = _DUALS[w][:3]
                elif w in _COUNTED_DUALS:
                    q.unit = _COUNTED_DUALS[w][0]
                else:                                            # «مشاركان اثنان»، «مسلحين اثنين»
                    word = _orig(text, idx, ws, nb.end("w"))
                    q.unit = _lemma(word[:-2] if w.endswith(_DUAL_NOM) else word)
                q.unit_s, q.unit_e = ws, nb.end("w")
                q.s, q.e = ws, a.e
        # dual unit nouns standing alone are handled separately; qualifiers before
        if q.kind not in ("year", "date", "time"):
            qb = _qb_search(norm, q.s)
            if qb:
                qual = next(n for n in _QUAL_BEFORE if qb.groupdict().get(n))
                if q.qualifier == "range":
                    pass
                elif q.qualifier == "vague":
                    pass
                else:
                    q.qualifier = qual
                q.s = qb.start("q")
            qa = _QA_RE.match(norm, q.e)
            if qa:
                qual = next(n for n in _QUAL_AFTER if qa.groupdict().get(n))
                if q.qualifier not in ("range", "vague"):
                    q.qualifier = qual
                q.e = qa.end()
            if q.qualifier in ("at_least", "more_than") and q.value is not None:
                q.low = q.value
            elif q.qualifier in ("at_most", "less_than") and q.value is not None:
                q.high = q.value
            if q.kind == "percent":
                q.unit = "%"
        out.append(q)
    # dual nouns of time and measure units alone: «خلال عامين»، «لترين»
    taken = [(x.s, x.e) for x in out]
    for s, e, word in duals:
        if any(a <= s < b or a < e <= b for a, b in taken):
            continue
        if word in _DUALS:
            lemma, kind, code, cnt = _DUALS[word]
        else:
            lemma, construct = _COUNTED_DUALS[word]
            if construct and not _CONSTRUCT_NEXT_RE.match(norm, e):   # «حالتي» alone: "my case"
                continue
            if norm.endswith(word[-2:], 0, e) and (pw := _DUAL_AGREES_RE.search(norm, max(0, s - 12), s)) \
                    and word.endswith(pw.group()[:2]):
                continue
            kind, code = "count", None
        q = _Q(s, e, value=2.0, unit=lemma, unit_s=s, unit_e=e, kind=kind, code=code, form="dual")
        qb = _qb_search(norm, s)
        if qb:
            q.qualifier = next(n for n in _QUAL_BEFORE if qb.groupdict().get(n))
            q.s = qb.start("q")
        out.append(q)
    taken = [(x.s, x.e) for x in out]
    out.extend(b for b in bare if not any(x < b.e and b.s < y for x, y in taken))
    out.sort(key=lambda x: x.s)
    if not phrase:
        _parts(norm, out, text, idx)
    return norm, out, idx


# ------------------------------------------------------------------ public API
def tag_numbers(text: str) -> list[Quantity]:
    """All number phrases in `text` as Quantity objects with offsets into `text` (end exclusive)."""
    if not text:
        return []
    norm, qs, idx = _analyse(text)
    out = []
    for q in qs:
        s, e = _span(text, idx, q.s, q.e)
        us = ue = None
        ut = None
        if q.unit_s is not None:
            us, ue = _span(text, idx, q.unit_s, q.unit_e)
            ut = text[us:ue]
        part_of = _span(text, idx, q.part_of, q.part_of + 1)[0] if q.part_of is not None else None
        out.append(Quantity(start=s, end=e, text=text[s:e], value=q.value, low=q.low, high=q.high,
                            qualifier=q.qualifier, unit=q.unit, unit_text=ut, unit_start=us, unit_end=ue,
                            kind=q.kind, form=q.form, part_of_start=part_of))
    return out


_NON_INTEREST = {"year", "ordinal", "duration", "time", "date", "frequency", "code", "score"}
NON_INTEREST = frozenset(_NON_INTEREST)   # the kinds no claim is about (for the claims and attribution stages)


def outside_dates(quantities: list[Quantity], dates) -> list[Quantity]:
    """The quantities no date overlaps: where the time tagger read a span the number tagger also read (a year, a
    time of day), the date owns it. `dates`: anything with `start`/`end`."""
    spans = [(d.start, d.end) for d in dates]
    return [q for q in quantities if not any(q.start < e and s < q.end for s, e in spans)]


def is_quantity_of_interest(q: Quantity) -> bool:
    """False for years, dates, ordinals, durations, frequencies («ثلاث مرات»), identifiers («المادة 51») and
    times of day, match scores: numbers a claim is not about.  Kinds: count, money, percent, measure (of interest);
    year, date, time, ordinal, duration, frequency, code, score (not)."""
    return q.kind not in _NON_INTEREST




def parse_number(phrase: str) -> dict | None:
    """The single parse covering the whole `phrase`: {"value", "unit", "qualifier", "kind"} or with "low"/"high"."""
    if not phrase or not phrase.strip():
        return None
    try:
        norm, qs, idx = _analyse(phrase, phrase=True)
    except Exception:  # pragma: no cover - parse_number must never raise
        return None
    lead = len(norm) - len(norm.lstrip())
    trail = len(norm.rstrip())
    trail = len(norm[:trail].rstrip(".,;:!?؟،\"'"))
    body = norm[lead:trail]
    for q in qs:
        if q.kind == "ordinal" and body in _BARE:   # «ثانية» alone: a second, not «the second»
            continue
        e = q.e
        pm = _PRODUCT_RE.match(norm, e) if q.kind == "measure" else None
        if pm:
            e = pm.end()
        if q.s <= lead and e >= trail:
            return _as_dict(q)
    # a bare unit noun = one of it («لتر»، «كغ»، «أسبوع»)
    if body in _BARE:
        lemma, kind, code, cnt = _BARE[body]
        return {"value": 1.0, "unit": lemma, "kind": kind, "qualifier": "exact"}
    if body in _UNITS and _UNITS[body][1] == "measure":
        lemma, kind, code, cnt = _UNITS[body]
        return {"value": 1.0, "unit": lemma, "kind": kind, "qualifier": "exact"}
    # «لتر ونصف»، «نصف لتر» and temperatures below zero are covered by the unit-first grammar
    return _unit_first(body)



_UNIT_FIRST_RE = re.compile(r"(?P<u>" + _alt(list(_UNITS) + list(_BARE)) + r")\s*و\s*(?P<f>" + _alt(_FRAC_WORDS) + r")")
_FRAC_FIRST_RE = re.compile(r"(?P<f>" + _alt(_FRAC_WORDS) + r")\s+(?P<u>" + _alt(list(_UNITS) + list(_BARE)) + r")")
_BELOW_ZERO_RE = re.compile(r"(?P<num>.+?)\s+تحت\s+الصفر")


def _unit_first(body: str) -> dict | None:
    m = _UNIT_FIRST_RE.fullmatch(body)
    if m:
        u = _UNITS.get(_collapse(m.group("u"))) or _BARE.get(m.group("u"))
        return {"value": 1 + _FRAC_WORDS[m.group("f")], "unit": u[0], "kind": u[1], "qualifier": "exact"}
    m = _FRAC_FIRST_RE.fullmatch(body)
    if m:
        u = _UNITS.get(_collapse(m.group("u"))) or _BARE.get(m.group("u"))
        return {"value": _FRAC_WORDS[m.group("f")], "unit": u[0], "kind": u[1], "qualifier": "exact"}
    m = _BELOW_ZERO_RE.fullmatch(body)
    if m:
        inner = parse_number(m.group("num"))
        if inner and inner.get("value") is not None:
            d = dict(inner)
            d["value"] = -abs(d["value"])
            if d.get("unit") is None:
                d["unit"], d["kind"] = "درجة", "measure"
            return d
    return None


def _as_dict(q: _Q) -> dict:
    d: dict = {}
    if q.qualifier == "range":
        d["low"], d["high"] = q.low, q.high
    else:
        d["value"] = q.value
        if q.low is not None:
            d["low"] = q.low
        if q.high is not None:
            d["high"] = q.high
    d["unit"] = q.unit
    d["qualifier"] = q.qualifier
    d["kind"] = q.kind
    return d


def unit_code(lemma: str | None) -> tuple[str, str, float] | None:
    """(code, base code, factor to base) of a measure/duration lemma, for adapters (e.g. Duckling's «gram»)."""
    return _UNIT_CODES.get(lemma) if lemma else None
