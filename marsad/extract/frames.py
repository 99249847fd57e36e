"""Where each figure stands: its clause, the total it is part of, its scope, facets and incident.

`frame_claims(text, claims, sentences, places, dates)` fills, on each claim of one document (pure, per document):

- `part_of`   the id of the claim this one is a part of («57 قتيلا بينهم 12 طفلا»: the 12 is part of the 57), else None;
- `scope`     "cumulative" (a running total: «منذ بداية الحرب», «حتى الآن», «إجمالي»), "period" («خلال الأسبوع
              الماضي») or "incident" (one event's figure, the default);
- `since`     for a running total, what it runs from: a date's EDTF value or the event word («منذ 2012» → "2012");
- `facets`    the states or rates the figure counts (`claim_frames.yaml`: new, recovered, under_treatment, per_day …);
- `incident`  {"places": [...], "events": [...], "date": EDTF | None}: the places, event nouns and date of the
              figure's sentence — what the ledger compares to keep different incidents apart;
- `horizon`   a year after publication named in the figure's clause (a target: «بحلول 2023»), else None;
- `past_year` a year before publication named there (that year's figure: «مقابل 4 مليارات في 2014»), else None;
- `frame`     the content words of the figure's clause (clitics and article stripped), for the ledger's similarity.

The ledger (`marsad.corpus.ledger`) groups claims on these fields; the data lives in `claim_frames.yaml`.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

from marsad.arabic.data import load_yaml
from marsad.extract.textview import NUMLIKE, View, bare, fold

__all__ = ["frame_claims", "frame_lexicon", "clause_bounds", "facet_label"]


@dataclass(frozen=True)
class _FrameLex:
    punct: str
    clause_words: frozenset
    window: int
    part_before: tuple          # tuples of words
    part_after: tuple
    cumulative_words: frozenset
    cumulative_phrases: tuple
    period_words: frozenset
    period_nouns: frozenset
    period_within: frozenset
    period_last: frozenset
    since_events: frozenset
    facets: tuple               # (family, value, where, phrase words)
    facets_by_first: dict       # first word -> [(rank, facet rule)]
    part_before_by_first: dict  # first word -> [(rank, phrase)]
    part_after_by_first: dict
    required: frozenset         # facet families every claim has a value of (none = the plain figure)
    event_nouns: frozenset
    ongoing_events: frozenset
    forecast_stems: tuple
    stop: frozenset
    until_words: frozenset


@functools.cache
def frame_lexicon() -> _FrameLex:
    d = load_yaml("claim_frames.yaml")
    facets, required = [], set()
    for family, spec in (d.get("facets") or {}).items():
        if spec.get("required"):
            required.add(family)
        for value, rule in spec["values"].items():
            for w in rule["words"]:
                facets.append((family, value, rule.get("where", "clause"), tuple(fold(w).split())))
    stop = load_yaml("claim_frames.yaml").get("frame_stopwords") or []
    return _FrameLex(
        punct=d["clause_punctuation"],
        clause_words=frozenset(fold(w) for w in d["clause_words"]),
        window=int(d.get("clause_window", 7)),
        part_before=tuple(tuple(fold(p).split()) for p in d["part_before"]),
        part_after=tuple(tuple(fold(p).split()) for p in d["part_after"]),
        cumulative_words=frozenset(fold(w) for w in d["cumulative_words"]),
        cumulative_phrases=tuple(fold(p) for p in d["cumulative_phrases"]),
        period_words=frozenset(fold(w) for w in d["period_words"]),
        period_nouns=frozenset(fold(w) for w in d.get("period_nouns") or []),
        period_within=frozenset(fold(w) for w in d.get("period_within") or []),
        period_last=frozenset(fold(w) for w in d.get("period_last") or []),
        since_events=frozenset(fold(w) for w in d["since_events"]),
        facets=tuple(facets),
        facets_by_first=_by_first(facets),
        part_before_by_first=_by_first([tuple(fold(p).split()) for p in d["part_before"]]),
        part_after_by_first=_by_first([tuple(fold(p).split()) for p in d["part_after"]]),
        required=frozenset(required),
        event_nouns=frozenset(fold(w) for w in d["event_nouns"]),
        ongoing_events=frozenset(fold(w) for w in d.get("ongoing_events") or []),
        forecast_stems=tuple(fold(w) for w in d.get("forecast_stems") or [] if " " not in w),
        stop=frozenset(fold(w) for w in stop),
        until_words=frozenset(fold(w) for w in d.get("until_words") or []),
    )


def _by_first(items: list) -> dict:
    """Phrases (or rules whose last element is a phrase) indexed by their first word, with their rank."""
    index: dict = {}
    for rank, item in enumerate(items):
        phrase = item if isinstance(item[0], str) and not isinstance(item[-1], tuple) else item[-1]
        index.setdefault(phrase[0], []).append((rank, item))
    return index


def facet_label(facets: dict | None) -> str:
    """The Arabic words of a claim's facets («تحت العلاج», «يومياً»), from claim_frames.yaml."""
    spec = load_yaml("claim_frames.yaml").get("facets") or {}
    return " ".join(spec.get(f, {}).get("values", {}).get(v, {}).get("label", v) for f, v in (facets or {}).items())


def _forms(w: str) -> list[str]:
    return bare(w)


def _has(w: str, words) -> bool:
    return any(x in words for x in _forms(w))


_CLOSERS = ")»\"”"   # closing brackets and quotes

_ARTICLE = ("وال", "فال", "بال", "كال", "لل", "ال")


def _stem(w: str) -> str:
    """A word's frame key: the article and a conjunction «و» taken off only where the rest is still a word
    (conservative: «بلغت», «فرنسا» keep their first letter; the same word always gets the same key)."""
    for p in _ARTICLE:
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p):]
    if w.startswith("و") and len(w) >= 5:
        return w[1:]
    return w


def _sentence_of(sentences, n: int):
    starts = [s for s, _ in sentences]
    i = max(0, bisect.bisect_right(starts, n) - 1)
    return sentences[i] if sentences else (0, n + 1)


def _clause_tokens(v: View, ti_first: int, ti_last: int, t0: int, t1: int, lex: _FrameLex):
    """Token index range [a, b) of the clause holding tokens ti_first..ti_last, inside the sentence [t0, t1)."""
    a = ti_first
    while a > t0:
        prev = v.toks[a - 1]
        cur = v.toks[a]
        if prev.raw and prev.raw[-1] in lex.punct or cur.raw and cur.raw[0] in lex.punct and a != ti_first:
            break
        # a part marker does not end the part's clause on the left: the predicate before it is the part's
        # («1053 حالة، تماثلت للشفاء منها 581 حالة»: 581 are the recovered); the figure before bounds it
        if _tok_forms(v, a) & lex.clause_words and a != ti_first:
            break
        if cur.w.startswith("و") and NUMLIKE.match(cur.w[1:] or "x") and a != ti_first:
            break
        a -= 1
        if _tok_forms(v, a) & lex.clause_words:
            break
    b = ti_last + 1
    while b < t1:
        cur = v.toks[b]
        # the figure's own token may end in a closing bracket or quote («(407516)»), which ends no clause
        ends = v.toks[b - 1].raw[-1:] if v.toks[b - 1].raw else ""
        if (ends and ends in lex.punct and (b - 1 != ti_last or ends not in _CLOSERS)
                or cur.raw and cur.raw[0] in lex.punct and not NUMLIKE.match(cur.w or "x")):
            break
        if _tok_forms(v, b) & lex.clause_words or _opens_part(v, b, lex):
            break
        if cur.w.startswith("و") and NUMLIKE.match(cur.w[1:] or "x"):
            break
        b += 1
    return a, b


def _opens_part(v: View, i: int, lex: _FrameLex) -> bool:
    """A part marker («منها», «من بينهم») starts at token i: the part is a clause of its own."""
    memo = _memo(v, "opens_part")
    if i not in memo:
        memo[i] = any(_matches_at(v, i, p) for _, p in _starting(v, i, lex.part_before_by_first))
    return memo[i]


def _memo(v: View, name: str) -> dict:
    """A per-document memo kept on the view (the view lives as long as the document's analysis)."""
    memos = v.__dict__.setdefault("_frame_memos", {})
    return memos.setdefault(name, {})


def _tok_forms(v: View, i: int) -> frozenset:
    """The clitic-free forms of token i (the view computes them once per token)."""
    return v.forms(i)


def clause_bounds(v: View, q_ns: int, q_ne: int, lo: int, hi: int) -> tuple[int, int]:
    """Normalised bounds of the clause holding the figure at normalised [q_ns, q_ne) inside [lo, hi)."""
    t0, t1 = v.tok_at(lo), v.tok_at(hi)
    tf = _tok_containing(v, q_ns)
    if tf >= t1:
        return lo, hi
    tl = max(tf, v.tok_before(q_ne))
    a, b = _clause_tokens(v, tf, tl, t0, t1, frame_lexicon())
    return v.toks[a].s, (v.toks[b - 1].e if b > a else hi)


def _tok_containing(v: View, n: int) -> int:
    """The token holding normalised offset n («فتاتين» inside «بفتاتين»), else the first one after it (never past
    the last token)."""
    i = bisect.bisect_right(v.starts, n) - 1
    if i >= 0 and v.toks[i].e > n:
        return i
    return min(v.tok_at(n), max(0, len(v.toks) - 1))


def _phrase_at(v: View, i: int, index: dict) -> bool:
    """One of the indexed phrases starts at token i."""
    return 0 <= i < len(v.toks) and any(_matches_at(v, i, p) for _, p in _starting(v, i, index))


def _matches_at(v: View, i: int, phrase: tuple) -> bool:
    if i < 0 or i + len(phrase) > len(v.toks):
        return False
    return all(x in _tok_forms(v, i + k) for k, x in enumerate(phrase))


def frame_claims(text: str, claims: list, sentences, places, dates, published: str | None = None,
                 view: View | None = None) -> None:
    """Fill part_of, scope, since, facets, incident and frame on each claim of one document (see module doc).

    `sentences` are (start, end) offsets; `places` are (start, end, name) spans of places named in the text;
    `dates` are the document's DateMention objects; `published` (ISO date) bounds an incident's date: an incident
    the article reports happened by then («تنتهي المهلة في 30 شوال» names no incident)."""
    if not claims:
        return
    lex = frame_lexicon()
    v = view if view is not None and view.text is text else View(text)
    sents_n = [(v.n(s), v.n(e)) for s, e in sentences] or [(0, len(v.norm))]
    places_n = sorted((v.n(s), v.n(e), name) for s, e, name in places)
    dates_n = sorted((v.n(d.start), v.n(d.end), d) for d in dates)
    ordered = sorted(claims, key=lambda c: c.evidence_start if c.evidence_start is not None else c.start)
    if not v.toks:
        return
    spans = []
    for c in ordered:
        first = _tok_containing(v, v.n(_ev(c)[0]))
        spans.append((first, min(len(v.toks) - 1, max(first, v.tok_before(v.n(_ev(c)[1]))))))
    per_sentence: dict = {}
    for k, c in enumerate(ordered):
        ns = v.n(_ev(c)[0])
        ss, se = _sentence_of(sents_n, ns)
        t0, t1 = v.tok_at(ss), v.tok_at(se)
        tf, tl = spans[k]
        a, b = _clause_tokens(v, tf, tl, t0, t1, lex)
        # the figure's own stretch of its clause: not past the figures before and after it, and when a part
        # follows («1078 حالة تماثلت للشفاء منها 586»), the words up to the part marker are the part's predicate
        if k and spans[k - 1][1] < tf:
            a = max(a, spans[k - 1][1] + 1)
        if k + 1 < len(spans) and spans[k + 1][0] > tl:
            nxt = spans[k + 1][0]
            marker = next((i for i in range(tl + 1, min(nxt, t1)) if _opens_part(v, i, lex)
                           or _phrase_at(v, i, lex.part_after_by_first)), None)
            b = min(b, tl + 1 if marker is not None else nxt)
        win_a, win_b = max(a, tf - lex.window), min(b, tl + 1 + lex.window)
        if tl + 1 < win_b and v.toks[tl + 1].w.startswith("و") and len(v.toks[tl + 1].w) > 3:
            win_b = tl + 1   # «و» right after the figure's phrase coordinates the next item («بطول 34 كيلو مترا
                             # وتعميق …»): its words are not what the figure measures (the clause, for scope, goes on)
        around = v.toks[win_a:tf] + v.toks[tl + 1:win_b]
        c.frame = sorted({_stem(t.w) for t in around if len(t.w) > 2 and not NUMLIKE.match(t.w)
                          and _stem(t.w) not in lex.stop})
        c.facets = _facets(v, a, b, tf, tl, lex)
        if c.qualifier == "vague":
            c.facets.pop("share", None)   # «العشرات من الجرحى» is the toll in words, not a few of them
        # scope (a running total is looked for in the whole sentence) and the sentence's incident
        key = (ss, se)
        if key not in per_sentence:
            per_sentence[key] = _sentence_frame(v, ss, se, t0, t1, dates_n, places_n, published, lex,
                                                _paragraph_before(v, sents_n, ss))
        cumulative, since, incident = per_sentence[key]
        period = not cumulative and _names_period(v, a, b, lex, (tf, tl))
        if c.facets.get("state") == "new":
            cumulative = False   # a day's new figure is never the running total its sentence also gives
        c.scope = "cumulative" if cumulative else ("period" if period else "incident")
        c.since = since
        c.incident = dict(incident, places=list(incident["places"]), events=list(incident["events"]))
        # a target year in the figure's own clause («97 سفينة بحلول عام 2023»): a forecast for then, not today's figure
        ca, cb = v.toks[a].s, (v.toks[b - 1].e if b > a else se)
        years = [d.value[:4] for s_, e_, d in dates_n if ca <= s_ < cb and d.value and d.value[:4].isdigit()]
        c.horizon = next((y for y in years if published and y > published[:4]), None)
        # an earlier year there («في عام 2014», «بمشاركة 23753 كشافا … عام 1971»): that year's figure, not today's
        c.past_year = next((y for y in years if published and y < published[:4]), None) \
            if c.scope != "cumulative" else None     # («منذ 2012»: a running total's start, not its year)
    _link_parts(v, ordered, lex)


def _names_period(v: View, a: int, b: int, lex: _FrameLex, figure: tuple[int, int] = (-1, -1)) -> bool:
    """The clause [a, b) names a bounded span of time: a marker («طوال», «يوميا»), «خلال» before a span («خلال
    الأسبوعين», «خلال 24 ساعة»), or a time noun with «الماضي/الأخير» within the next three words («الأسبوع الماضي»,
    «في الأيام الثلاثة الأخيرة»). The figure's own tokens (`figure`) are no span's number («خلال الفترة الماضية 1200
    طلب»)."""
    for i in range(a, b):
        forms = _tok_forms(v, i)
        if forms & lex.period_words:
            return True
        if forms & lex.period_within and any(_tok_forms(v, j) & lex.period_nouns
                                             or NUMLIKE.match(v.toks[j].w) and not figure[0] <= j <= figure[1]
                                             for j in range(i + 1, min(len(v.toks), i + 4))):
            return True
        if forms & lex.period_nouns and any(_tok_forms(v, j) & lex.period_last for j in range(i + 1, min(b, i + 4))):
            return True
    return False


def _paragraph_before(v: View, sents_n, ss: int) -> tuple[int, int] | None:
    """The sentence before the one starting at ss, when the two stand in one paragraph (no line break between)."""
    i = bisect.bisect_left([s for s, _ in sents_n], ss)
    if i == 0:
        return None
    ps, pe = sents_n[i - 1]
    return (ps, pe) if "\n" not in v.norm[pe:ss] and "\n" not in v.norm[ps:pe].strip() else None


def _sentence_frame(v: View, ss: int, se: int, t0: int, t1: int, dates_n, places_n, published, lex: _FrameLex,
                    before: tuple[int, int] | None = None):
    """(cumulative, since, incident) of the sentence at normalised [ss, se), tokens [t0, t1): whether it states a
    running total («منذ», «إجمالي», «حتى أمس»), what it runs from, and its places, event nouns and day. A sentence
    that names no place is where the sentence `before` it in its paragraph is («استولت المقاومة على حي صبر في شمال
    عدن. وقال السكان إن 10 من رجالها سقطوا قتلى»)."""
    sent_norm = v.norm[ss:se]
    since = None
    cumulative = any(p in sent_norm for p in lex.cumulative_phrases)
    as_of = [d for s_, e_, d in dates_n if ss <= s_ < se and _until_before(v, s_, lex)]
    cumulative = cumulative or bool(as_of)   # «حتى أمس الأول بلغ (354863)»: a count as of a day
    for i in range(t0, t1):
        if _tok_forms(v, i) & lex.cumulative_words:
            cumulative = True
            if "منذ" in _tok_forms(v, i):
                since = _since_anchor(v, i, t1, dates_n, lex) or since
    places = sorted({name for s, e, name in places_n if ss <= s < se})
    if not places and before:
        places = sorted({name for s, e, name in places_n if before[0] <= s < before[1]})
    events = sorted({min(_tok_forms(v, i) & lex.event_nouns) for i in range(t0, t1) if _tok_forms(v, i) & lex.event_nouns})
    day = next((d.value for s_, e_, d in dates_n if ss <= s_ < se and d.value and d not in as_of
                and d.grain in ("day", "hour", "minute") and (not published or d.value[:10] <= published[:10])), None)
    return cumulative, since, {"places": places, "events": events, "date": day}


def _until_before(v: View, n: int, lex: _FrameLex) -> bool:
    """The date at normalised offset n follows «حتى/لغاية» (an as-of date of a running count)."""
    i = v.tok_before(n)
    return i >= 0 and any(f in lex.until_words for f in _forms(v.toks[i].w))


def _ev(c) -> tuple[int, int]:
    """A claim's evidence offsets (its sentence when it has none)."""
    return (c.evidence_start if c.evidence_start is not None else c.start,
            c.evidence_end if c.evidence_end is not None else c.end)


AFTER_WORDS = 3   # «4 حالات إصابة جديدة»: an adjective of the counted noun stands within this many words after it


def _facets(v: View, a: int, b: int, tf: int, tl: int, lex: _FrameLex) -> dict:
    """{family: value} of the facets found in the clause [a, b) (or right after the figure's last token tl, or within
    the figure's tokens tf..tl); the first rule of a family (in the data file's order) wins."""
    hits: dict = {}
    for i in range(a, b):
        for rank, (family, value, where, phrase) in _starting(v, i, lex.facets_by_first):
            if where == "after" and not tl < i <= tl + AFTER_WORDS or where == "figure" and not tf < i <= tl:
                continue
            if i + len(phrase) <= b and _matches_at(v, i, phrase) and rank < hits.get(family, (len(lex.facets),))[0]:
                hits[family] = (rank, value)
    return {f: v_ for f, (_, v_) in sorted(hits.items(), key=lambda kv: kv[1][0])}


def _starting(v: View, i: int, index: dict) -> list:
    """The indexed phrases whose first word is one of token i's forms."""
    out = []
    for f in _tok_forms(v, i):
        out.extend(index.get(f, ()))
    return out


def _since_anchor(v: View, ti: int, t1: int, dates_n, lex: _FrameLex) -> str | None:
    """What «منذ» at token ti runs from: a date value, or an event word."""
    s = v.toks[ti].e
    for ds, de, d in dates_n:
        if s <= ds <= s + 3 and d.value:
            return d.value.split("/")[0]
    for t in v.toks[ti + 1:min(t1, ti + 4)]:
        if _has(t.w, lex.since_events):
            return _stem(t.w)
    # «منذ أن باشر المتمردون شن هجمات يومية في 22 يوليو»: a verbal clause after «منذ», dated within it
    end = ti + 1
    while end < min(t1, ti + 1 + SINCE_REACH) and not (v.toks[end - 1].raw and v.toks[end - 1].raw[-1] in lex.punct):
        end += 1
    e = v.toks[end - 1].e
    for ds, de, d in dates_n:
        if s <= ds < e and d.value and d.grain in ("day", "month", "year"):
            return d.value.split("/")[0]
    return None


SINCE_REACH = 12   # words after «منذ» in which a verbal clause's date is its start


def _link_parts(v: View, ordered: list, lex: _FrameLex) -> None:
    """«57 قتيلا بينهم 12 طفلا»: a figure after a part marker, or followed by «منها/منهم», is part of the nearest
    larger figure before it in the same sentence."""
    for i, c in enumerate(ordered):
        c.part_of = None
        es = c.evidence_start if c.evidence_start is not None else c.start
        ee = c.evidence_end if c.evidence_end is not None else c.end
        tf = _tok_containing(v, v.n(es))
        tl = max(tf, v.tok_before(v.n(ee)))
        # a part marker ending right before the figure (or one word before it), or starting right after it
        marked = any(_matches_at(v, tf - len(p) - k, p) for k in (0, 1) for j in range(max(0, tf - 4), tf)
                     for _, p in _starting(v, j, lex.part_before_by_first) if j == tf - len(p) - k)
        marked = marked or _phrase_at(v, tl + 1, lex.part_after_by_first)
        # «3 منها» leaves the counted noun to the total: the tagger may have put «منها» inside the evidence
        marked = marked or any(len(p) == 1 for _, p in _starting(v, tl, lex.part_after_by_first))
        if not marked:
            continue
        for p in reversed(ordered[:i]):
            if p.start != c.start:
                break
            if p.part_of is None and _figure(p) is not None and _figure(c) is not None and _figure(p) >= _figure(c):
                c.part_of = p.id
                break


def _figure(c) -> float | None:
    if c.value is not None:
        return float(c.value)
    if c.high is not None:
        return float(c.high)
    return None

