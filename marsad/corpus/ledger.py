"""The claim ledger: the claims of a story that state one quantity of one thing, in time order, with conflicts.

`build_groups(claims, documents, duplicates=None, stories=None) -> list[ClaimGroup]`

Rows. Which claims are one quantity is `marsad.corpus.claim_clusters.cluster`: same measure (money: same currency —
the same amount in two currencies is two rows), compatible subject and facets, never a part with its total, never
two incidents' days, never figures too far apart, and clauses alike enough. Claims of unrelated articles are kept
apart: with the story clusters (`stories=`, as the pipeline does) a row never spans two stories, else documents are
linked when their texts share enough content words. A row needs two distinct statements (a near-duplicate
document's copy of a figure is not a second one). Parts («بينهم 12 طفلا») are listed under their total's row
(`parts`).

Units. Counts compare as they are (vague «آلاف» = [3000, 9999] from the number tagger).

Conflict. Every claim's qualifier is an interval of figures it allows:
  exact = [v, v] (a figure written to thousands or coarser, «84 مليون», is true to one unit of its last digit),
  approx = [v·(1−APPROX), v·(1+APPROX)] with APPROX = 0.10, at_least = [v, ∞), more_than = (v, ∞),
  at_most = [0, v], less_than = [0, v), range = [low, high], vague = [low, high] (its bounds).
A conflict is two firm figures (vague amounts never make one) that cannot both be true at the same time: stated on
different days, a growing count's later, higher figure is an update (`updates`) and a changing level (cases under
treatment, a price, a rate) may differ; in an open measure the two statements must also be alike, else the row
`differs`. `status` is conflict, differs, update or agree. Denied claims (stance «denied») are listed in the row
but never constrain it (a denial is no support for its figure); claims from a near-duplicate of another document
are linked (`duplicate of`) and counted once.

What an analyst gets on each group (extra fields):
  status, updates  conflict | differs | update | agree; [earlier id, later id] pairs read as updates
  scope, since, incident, facets   what the row is about (`marsad.extract.frames`); parts {total id: [part ids]}
  order            claim ids in time order (claim date, else publication date; undated last)
  latest_by_holder {holder: claim id of that holder's latest figure} (one holder = one resolved entity, e.g.
                   «سيول» and «نواب سيول» → South Korea, else one spelling)
  grows            the measure only grows (killed, deployed …: `grows: true` in measures.yaml)
  monotonic_update_possible  for a growing count with a conflict: True when, in time order, every later figure can
                   be read as an update of the earlier ones (the lower bounds never go down)
  notes            per-claim notes {claim id: text}: "denied", "duplicate of …", "later and higher: possible update"
  currencies       {code: [claim ids]} when a row holds several currencies (figures given without one)
  holders          distinct holders; documents: the documents involved
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict

from marsad.arabic.data import load_yaml
from marsad.arabic.text import normalize
from marsad.corpus.claim_clusters import (ALIKE, GENERIC, cluster, holder_key, incident_tolls, ledger_key, names_apart,
                                          read_value, similarity)
from marsad.corpus.unionfind import UnionFind
from marsad.extract.frames import frame_lexicon
from marsad.model import Claim, ClaimGroup, Document  # noqa: F401 (types of the signature)

__all__ = ["build_groups", "interval", "APPROX", "feasible"]

APPROX = 0.10          # approx = ±10 %
DOC_LINK = 0.08        # overlap coefficient of content-word sets above which two documents are related
_WORD = re.compile(r"[\u0621-\u064a]{4,}")


def _get(c, k, default=None):
    return c.get(k, default) if isinstance(c, dict) else getattr(c, k, default)


def interval(c) -> tuple[float, float, bool, bool] | None:
    """(low, high, low_open, high_open) of the figures a claim allows, or None when it has no figure."""
    q = _get(c, "qualifier") or "exact"
    v, lo, hi = _get(c, "value"), _get(c, "low"), _get(c, "high")
    if q in ("range", "vague"):
        if lo is None and hi is None:
            return None
        return (lo if lo is not None else 0.0, hi if hi is not None else math.inf, False, False)
    if v is None:
        if lo is not None and hi is not None:
            return (lo, hi, False, False)
        return None
    restated = read_value(c) != float(v)    # «439491 ألف»: the scale word restates a figure written in full
    v = read_value(c)
    if q == "exact" and not restated:
        unit = written_unit(c)
        if unit >= ROUNDING_FROM:
            return (v - unit, v + unit, False, False)   # «84 مليون» is any figure from 83 to 85 million
        ev = (_get(c, "evidence") or "").translate(_DIGITS)
        if v >= WORDS_ROUND_FROM and _ARABIC.search(ev) and not _FIGURE.search(ev):
            q = "approx"    # «ألف مسلح», «مئة جريح» in words: a round figure, not a count (no conflict with «أكثر من ألف»)
    if q == "approx":
        return (v * (1 - APPROX), v * (1 + APPROX), False, False)
    if q == "at_least":
        return (v, math.inf, False, False)
    if q == "more_than":
        return (v, math.inf, True, False)
    if q == "at_most":
        return (0.0, v, False, False)
    if q == "less_than":
        return (0.0, v, False, True)
    return (v, v, False, False)


SURE_RATIO = 1.6       # two versions of one open measure's quantity (a count of things, a price, a percentage)
                       # seldom differ more: further apart, the row `differs` (maybe two quantities of one kind)
CONFLICT_SURE = ALIKE  # how alike two statements of an open measure must be for their figures to conflict
ONE_TEXT_ALIKE = 0.5   # one article's two sources disagree on one quantity in words alike (two words at least: «قتل
                       # 200 مدني في القصف» per one, «قتل 128 مدنيا في القصف» per the other); below it they speak of
                       # two (SaudiNewsNet 2015-07-26: a plane's passengers per the TV channel against those rescued
                       # per the firemen, 0.27; patients taken to hospital against accident reports, one word)
WORDS_ROUND_FROM = 100  # a figure this large written only in words is a round one
ROUNDING_FROM = 1000   # a figure written to thousands or coarser («3000 طن», «84 مليون ريال») is a rounded one
_FIGURE = re.compile(r"\d[\d,.٬٫]*")
_ARABIC = re.compile("[\u0621-\u064a]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩٬٫", "0123456789,.")


_SCALE_UNITS = {"الف": 1e3, "الاف": 1e3, "مليو": 1e6, "ملاي": 1e6, "مليا": 1e9}   # a scale word's first letters


def written_unit(c) -> float:
    """The unit of the last digit the outlet wrote: «84 مليون» → 1,000,000, «84.540 مليون» → 1,000, «3000 طن» →
    1,000, «10454» → 1. An exact figure is true to within one such unit (outlets round and truncate), so «84 مليون»
    and «84.54 مليون» do not conflict. 0 when the written figure cannot be read back."""
    v = _get(c, "value")
    m = _FIGURE.search((_get(c, "evidence") or "").translate(_DIGITS))
    if v is None or not m:
        return 0.0
    text = m.group().rstrip(".,")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text) and float(text.replace(",", "").replace(".", "")) == float(v):
        text = text.replace(",", "").replace(".", "")   # «375.526.840», «387,543»: thousands separators
    text = text.replace(",", "")
    try:
        written = float(text)
    except ValueError:
        return 0.0
    if written == 0:
        return 0.0
    scale = float(v) / written
    power = round(math.log10(scale)) if scale > 0 else None
    if power is None or abs(scale - 10 ** power) > 1e-6 * scale:
        # «375 مليونا و526 ألف ريال»: a compound figure is written to the scale word after its last digits
        ev = (_get(c, "evidence") or "").translate(_DIGITS)
        last = list(_FIGURE.finditer(ev))[-1]
        after = ev[last.end():].split()
        return _SCALE_UNITS.get(after[0][:4].replace("آ", "ا").replace("أ", "ا"), 0.0) if after else 0.0
        # («ثلثا», words alone: no rounding read)
    if "." in text:
        return 10 ** (power - len(text.split(".")[1]))
    digits = text.split(".")[0]
    zeros = len(digits) - len(digits.rstrip("0")) if power == 0 else 0
    return float(10 ** (power + zeros))


def feasible(intervals) -> bool:
    """True when one figure satisfies every interval."""
    ivs = [i for i in intervals if i is not None]
    if not ivs:
        return True
    lo = max(i[0] for i in ivs)
    hi = min(i[1] for i in ivs)
    if lo < hi:
        return True
    if lo > hi:
        return False
    lo_open = any(i[2] for i in ivs if i[0] == lo)
    hi_open = any(i[3] for i in ivs if i[1] == hi)
    return not (lo_open or hi_open)


def _grows() -> set[str]:
    try:
        m = load_yaml("measures.yaml").get("measures") or {}
    except Exception:  # pragma: no cover
        return set()
    return {k for k, spec in m.items() if (spec or {}).get("grows")}


def _date_key(c, docs: dict) -> tuple:
    d = docs.get(_get(c, "doc"))
    date = _get(c, "claim_date") or (_get(d, "published") if d is not None else None)
    if not date or str(date).startswith("X"):
        return (1, str(date or ""), _get(c, "doc") or "", _get(c, "evidence_start") or 0)
    return (0, str(date), _get(c, "doc") or "", _get(c, "evidence_start") or 0)


def _currency(c) -> str | None:
    u = _get(c, "unit")
    return u if (_get(c, "kind") == "money" or (u and re.fullmatch(r"[A-Z]{3}", u))) else None


def _doc_words(d) -> set[str]:
    text = normalize(_get(d, "text") or "")
    return set(_WORD.findall(text))


def _doc_links(doc_ids: set, docs: dict, cache: dict) -> dict:
    """Connected components of documents whose texts overlap (word sets, overlap coefficient)."""
    ids = sorted(doc_ids)
    words = {}
    for i in ids:
        if i not in cache:
            cache[i] = _doc_words(docs.get(i)) if docs.get(i) is not None else set()
        words[i] = cache[i]
    df = Counter(w for i in ids for w in words[i])
    n = len(ids)
    # words that occur in every document of a big corpus say nothing about relatedness
    common = {w for w, k in df.items() if n > 4 and k > 0.8 * n}
    linked = UnionFind(ids)
    for a_i, a in enumerate(ids):
        wa = words[a] - common
        for b in ids[a_i + 1:]:
            wb = words[b] - common
            if not wa or not wb or len(wa & wb) / min(len(wa), len(wb)) >= DOC_LINK:
                linked.join(a, b)   # (nothing to compare: keep together)
    return {i: linked.find(i) for i in ids}


def build_groups(claims: list[Claim], documents: list[Document], duplicates: dict | None = None,
                 stories=None) -> list[ClaimGroup]:
    """Claim groups; with `stories` (the story clusters) a group stays inside one story, else documents are
    related by their shared vocabulary."""
    duplicates = duplicates or {}
    story_of = {}
    for s in stories or []:
        for d in _get(s, "documents") or []:
            story_of.setdefault(d, _get(s, "id"))
    docs = {_get(d, "id"): d for d in documents}
    grows = _grows()
    canon = lambda d: duplicates.get(d, d)  # noqa: E731

    cands = [c for c in claims if interval(c) is not None]
    published = {i: _get(d, "published") for i, d in docs.items()}
    buckets: dict[tuple, list] = defaultdict(list)
    for c in cands:
        buckets[ledger_key(c)].append(c)

    cache: dict = {}
    out: list[ClaimGroup] = []
    for key, members in buckets.items():
        measure = key[0]
        if stories is not None:
            comp = {canon(_get(c, "doc")): story_of.get(canon(_get(c, "doc")), story_of.get(_get(c, "doc"),
                                                                                      "doc:" + _get(c, "doc")))
                    for c in members}
        else:
            comp = _doc_links({canon(_get(c, "doc")) for c in members}, docs, cache)
        parts = defaultdict(list)
        for c in members:
            parts[comp[canon(_get(c, "doc"))]].append(c)
        for part in parts.values():
            for row in cluster(part, published, measure in grows):
                # a row compares two statements at least (a near-duplicate's copy of a figure is not a second one)
                distinct = {(canon(_get(c, "doc")), _get(c, "evidence_start")) for c in row}
                if len(row) < 2 or len(distinct) < 2:
                    continue
                subject = Counter(_get(c, "subject") for c in row if _get(c, "subject")).most_common(1)
                out.append(_group(measure, subject[0][0] if subject else None, row, docs, canon, measure in grows))
    # parts («بينهم 12 طفلا») are shown under their total's row
    parts_of: dict = defaultdict(list)
    for c in claims:
        if _get(c, "part_of"):
            parts_of[_get(c, "part_of")].append(_get(c, "id"))
    for g in out:
        g.parts = {cid: parts_of[cid] for cid in g.claims if cid in parts_of}
    out.sort(key=lambda g: (not g.conflict, -len(g.claims), g.measure, g.subject or ""))
    return out


def _day_of(c, docs) -> str | None:
    k = _date_key(c, docs)
    return k[1][:10] if k[0] == 0 else None


def _conflict(basis: list, docs: dict, grows: bool, changes: bool,
              open_measure: bool, unnamed: bool = False, toll: bool = False,
              canon=lambda d: d, level: bool = False) -> tuple[bool, list[list[str]], bool]:
    """(conflict, updates, differs). A conflict is two figures of the row that cannot both be true at the same time.
    Vague amounts («آلاف») never make one. Figures stated on different days: for a count that only grows (a toll, a
    running total) a later, higher figure is an update ([earlier id, later id] in `updates`) and a later, lower one a
    conflict; a level that changes (`changes`: cases under treatment, a price, a rate) may differ from day to day.
    In an open measure (`count:سفينه`: only the counted noun is known) two figures conflict only when their
    statements are alike (`CONFLICT_SURE`); otherwise the row `differs` — it may hold two quantities of one kind. So
    does a row whose two figures name different places or kinds of incident (`names_apart`: «20 غارة في العراق»
    against «13 غارة في سوريا»): the ledger cannot tell one incident from two, and a red mark must be sure. Nor is a
    row red whose figures name nothing they measure (`unnamed`: «25 %», «5.3 مليار دولار»), nor a forecast against
    a stated figure (`_forecast`: «توقعاته لأسعار النفط … 57 دولاراً» does not contradict today's price). Two
    incidents' tolls (`toll`: measures.yaml `incident_toll`, both figures of one incident) conflict only when their
    statements are alike: a war story's tolls of battles in two towns differ without contradicting. One text's
    (`canon`: near-duplicates are one text) two figures conflict only when two named sources state them in alike
    words («أكثر من 200 قتيل وفق المرصد» against «128 قتيلا وفق وزارة الصحة»): an article that gives two figures of
    a kind reports two quantities (two ships' tonnage, a region's count and the nation's; a plane's passengers per
    a TV channel, those rescued per the firemen). A price or an index's points (`level`) move within the day and
    the ledger cannot tell one market's index from another's: two levels conflict only in words as alike as one
    article's two sources (SaudiNewsNet 2015-08-03: Muscat's, Kuwait's and Riyadh's closes, the day's low against
    the close, 14 of 31 red rows). An earlier year's figure («23753 كشافا … عام 1971») never contradicts another
    year's or today's."""
    firm = [c for c in basis if (_get(c, "qualifier") or "exact") != "vague"]
    updates, conflict, differs = [], False, False
    for i, a in enumerate(firm):
        for b in firm[i + 1:]:
            ia, ib = interval(a), interval(b)
            if feasible([ia, ib]) or feasible([_as_written(a, ia), _as_written(b, ib)]):
                continue
            da, db = _day_of(a, docs), _day_of(b, docs)
            if da and db and da != db:
                early, late = (a, b) if da < db else (b, a)
                if changes:
                    continue
                if grows and interval(late)[0] >= interval(early)[0]:
                    updates.append([_get(early, "id"), _get(late, "id")])
                    continue
            # a named measure's sentences name places of the sources too («وفق كوريا الجنوبية»): only the kind of
            # incident tells two incidents there
            one_text = canon(_get(a, "doc")) == canon(_get(b, "doc"))
            if (one_text and (not _two_sources(a, b) or _words_alike(a, b, least=2) < ONE_TEXT_ALIKE)
                    or open_measure and (_words_alike(a, b) < CONFLICT_SURE or _gap(ia, ib) > SURE_RATIO)
                    or level and _words_alike(a, b, least=2) < ONE_TEXT_ALIKE
                    or toll and not one_text and _one_incident(a) and _one_incident(b) and similarity(a, b) < CONFLICT_SURE
                    or names_apart(a, b, places=open_measure) or unnamed
                    or _forecast(a) != _forecast(b) or _get(a, "past_year") != _get(b, "past_year")):
                differs = True     # maybe two quantities: shown apart from the real disagreements, not in red
            else:
                conflict = True
    return conflict, updates, differs


def _words_alike(a, b, least: int = 1) -> float:
    """The overlap of the two figures' clause words (cosine of the `frame` sets); 0 when they share fewer than
    `least` words."""
    fa, fb = set(_get(a, "frame") or []), set(_get(b, "frame") or [])
    if len(fa & fb) < least:
        return 0.0
    return len(fa & fb) / math.sqrt(len(fa) * len(fb)) if fa and fb else 0.0


def _two_sources(a, b) -> bool:
    """Both figures are attributed, to two different sources (`holder_entity`, else the holder's words)."""
    ha, hb = holder_key(a), holder_key(b)
    return bool(ha and hb and ha != hb)


def _one_incident(c) -> bool:
    """The figure is one incident's toll (no period, no running total)."""
    return (_get(c, "scope") or "incident") == "incident"


def _forecast(c) -> bool:
    """The figure is a forecast: a target year (`horizon`) or a forecast word in its clause (claim_frames.yaml
    `forecast_stems`: «توقعاته», «من المتوقع»)."""
    stems = frame_lexicon().forecast_stems
    return bool(_get(c, "horizon")) or any(w.startswith(stems) for w in _get(c, "frame") or [])


def _as_written(c, iv):
    """The figures a reader takes a statement to allow: «أكثر من 10454» does not deny «10454», and a whole number
    («44 كيلوجراما») is any figure that rounds to it («43.8») — but «2» still denies «3»."""
    lo, hi, _, _ = iv
    v = _get(c, "value")
    if (_get(c, "qualifier") or "exact") == "exact" and v is not None and lo == hi and float(v).is_integer() \
            and "." not in (_get(c, "evidence") or "").translate(_DIGITS):
        return (lo - 0.5, hi + 0.5, False, True)
    return (lo, hi, False, False)


def _gap(ia, ib) -> float:
    """How many times the higher of two disjoint intervals' near ends exceeds the lower («3» against «10»: 3.3)."""
    lo, hi = min(ia[1], ib[1]), max(ia[0], ib[0])
    return hi / lo if lo > 0 else math.inf


def _common(part: list, key: str):
    """The value of `key` the row's claims share most (None when none has one)."""
    vals = Counter(_get(c, key) for c in part if _get(c, key))
    return vals.most_common(1)[0][0] if vals else None


def _incident(part: list) -> dict:
    """What the row's claims say of their incident: the places, events and date named most."""
    places, events, dates = Counter(), Counter(), Counter()
    for c in part:
        inc = _get(c, "incident") or {}
        places.update(inc.get("places") or [])
        events.update(inc.get("events") or [])
        if inc.get("date"):
            dates[inc["date"]] += 1
    return {"places": [p for p, _ in places.most_common(3)], "events": [e for e, _ in events.most_common(3)],
            "date": dates.most_common(1)[0][0] if dates else None}


def _group(measure, subject, part, docs, canon, grows: bool) -> ClaimGroup:
    part = sorted(part, key=lambda c: _date_key(c, docs))
    notes: dict[str, str] = {}
    # near-duplicates: a claim repeating the same figure from a duplicate document is linked, not counted
    seen: dict[tuple, str] = {}
    counted = []
    for c in part:
        cid = _get(c, "id")
        key = (canon(_get(c, "doc")), _get(c, "value"), _get(c, "low"), _get(c, "high"), _get(c, "qualifier"),
               _get(c, "unit"))
        if _get(c, "doc") != canon(_get(c, "doc")) and key in seen:
            notes[cid] = f"duplicate of {seen[key]}"
            continue
        if key in seen and canon(_get(c, "doc")) == _get(c, "doc"):
            pass
        seen.setdefault(key, cid)
        if _get(c, "stance") == "denied":
            notes[cid] = "denied: not counted as support"
            continue
        counted.append(c)
    # currencies: compare like with like
    currencies = defaultdict(list)
    for c in part:
        cur = _currency(c)
        if cur:
            currencies[cur].append(_get(c, "id"))
    main_cur = None
    if currencies:
        main_cur = max(currencies, key=lambda k: (len(currencies[k]), k == "USD"))
    basis = [c for c in counted if main_cur is None or _currency(c) in (main_cur, None)]
    ivs = [interval(c) for c in basis]
    # a running total (every claim «منذ…», «حتى الآن», «إجمالي») grows whatever it counts; a state («تحت العلاج»),
    # a price or a rate is a level that changes from day to day
    series = bool(basis) and all((_get(c, "scope") or "") == "cumulative" for c in basis)
    changes = any((_get(c, "facets") or {}).get("state") not in (None, "recovered") for c in basis) or \
        measure.split(":")[0] in ("price", "percent")
    open_measure = ":" in measure or measure in GENERIC      # «count:سفينه», or a bare «percent», «money»
    conflict, updates, differs = _conflict(basis, docs, grows or series, changes, open_measure,
                                           unnamed=measure in GENERIC, toll=measure in incident_tolls(), canon=canon,
                                           level=measure.split(":")[0] == "price")
    finite = [x for i in ivs if i for x in (i[0], i[1]) if math.isfinite(x)]
    figs = []
    for c in basis:
        if _get(c, "value") is not None:
            figs.append(float(_get(c, "value")))
        else:
            figs.extend(float(x) for x in (_get(c, "low"), _get(c, "high")) if x is not None)
    gmin = min(figs) if figs else (min(finite) if finite else 0.0)
    gmax = max(figs) if figs else (max(finite) if finite else 0.0)
    # time reading for counts that only grow
    update = None
    if grows and conflict:
        update = True
        floor_lo = -math.inf
        for c in basis:
            if _get(c, "qualifier") == "vague":   # «آلاف» says too little to order figures in time
                continue
            iv = interval(c)
            if iv[1] < floor_lo:
                update = False
                break
            floor_lo = max(floor_lo, iv[0])
            prev = [p for p in basis if _date_key(p, docs) < _date_key(c, docs) and _get(p, "qualifier") != "vague"]
            if prev and all(interval(p)[0] <= iv[0] for p in prev) and any(not feasible([interval(p), iv])
                                                                          for p in prev):
                notes.setdefault(_get(c, "id"), "later and higher than earlier figures: possibly an update")
        if any(_date_key(c, docs)[0] == 1 for c in basis):
            notes.setdefault("_order", "some claims are undated: their place in time is unknown")
    # the latest figure of each holder (one holder = one resolved entity, else one spelling)
    by_holder: dict[str, tuple[str, str]] = {}
    for c in part:
        h = _get(c, "holder")
        if h and _get(c, "stance") != "denied":
            by_holder[_get(c, "holder_entity") or normalize(h)] = (h, _get(c, "id"))
    latest = {h: cid for h, cid in by_holder.values()}
    ids = [_get(c, "id") for c in part]
    # stable: the same measure, subject and first document give the same id on every run
    first = min(_get(c, "id") for c in part)
    gid = "g" + hashlib.sha1(f"{measure}|{first}".encode()).hexdigest()[:10]
    status = "conflict" if conflict else ("differs" if differs else ("update" if updates else "agree"))
    return ClaimGroup(id=gid, measure=measure, subject=subject, claims=ids, min=gmin, max=gmax, conflict=conflict,
                      status=status, updates=updates,
                      scope=_common(part, "scope"), since=_common(part, "since"), incident=_incident(part),
                      facets=_get(part[0], "facets") or {},
                      order=ids, latest_by_holder=latest, grows=grows, monotonic_update_possible=update,
                      notes=notes, currencies=dict(currencies) if len(currencies) > 1 else {},
                      holders=sorted({_get(c, "holder") for c in part if _get(c, "holder")}),
                      documents=sorted({_get(c, "doc") for c in part}))
