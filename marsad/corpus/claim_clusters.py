"""Which claims state the same quantity of the same thing: the ledger's rows, before any figure is compared.

`cluster(claims, published, grows) -> list[list[claim]]` joins claims (of one story) that count the same measure of the same
thing in the same incident or the same running total, even when their figures differ — that is what a row of the
ledger compares. It is complete-link clustering under hard rules and a similarity:

Hard rules (two claims never share a row when any holds; `apart_reason` names the one that does):
  - their ledger keys differ (`ledger_key`: the measure, and for money the currency: the same amount in two currencies
    is two rows);
  - part: one is a part of the other (`part_of`, «57 قتيلا بينهم 12 طفلا»);
  - facet: their facets differ (`claim_frames.yaml`: new cases against the running total, cases recovered against
    cases under treatment, a rate per day against a total);
  - subject: they are two countries' figures («جنود روس» against «جنود أوكرانيون»; a subject written as an actor,
    «الشرطة», only lowers the similarity);
  - side: a toll of soldiers against a toll of civilians (the counted nouns: «جنديين» against «32 ناشطا»; a noun
    that says neither, «أشخاص», keeps nothing apart);
  - scope: one counts over a bounded period («خلال الأسبوعين»), the other is a running total («منذ», «إجمالي»);
  - since: both are running totals from two different days («منذ 20 يوليو» against «منذ 22 يوليو»; a start known
    only to the month or year is worded too differently across outlets to set them apart);
  - day: neither is a running total and their incidents fall on two different days — unless one names an operation
    that runs over days (`ongoing_events`: «حملة», «مداهمات»), whose count grows;
  - incident-vs-period: one named incident's toll («تفجير») against a toll over a period or since a start;
  - incident: two tolls of one incident each whose sentences name other places and other kinds of incident;
  - towns: two incidents' victims (`incident_toll`) whose sentences (or, without a place, their paragraph's sentence
    before) name other towns or provinces, countries aside, and no kind of incident in common («في تعز» / «في محافظة
    الحديدة»);
  - horizon: targets for two different years («بحلول 2023» against «بحلول 2030»);
  - year: figures of two different earlier years («في 2013» against «في 2014»);
  - thing: two different measured things of one family («تكلفة» against «إيرادات»; a generic one, «قيمة», never);
  - spread: their figures are too far apart to be two sources' versions of one quantity: more than `FAR`× apart (more
    than `SPREAD`× once both are `LARGE`: a big count is copied from one tally, not estimated — a region's share
    against the national total), unless the measure only grows (a toll, arrests) and the two were stated on
    different days (a running count grows, by up to `GROWTH`×);
  - same-source: both come from one document and state different figures with the same holder (one source does not
    contradict itself in one article: those are two quantities);
  - article-tolls: one article's two incident tolls (`incident_toll`) from two sources, worded unalike (`ALIKE`): a
    war story's article reports each battle's toll from whoever gave it.
Similarity: the overlap of the words of the two figures' clauses (`frame`), with a bonus when they share an incident
place or event word, the same start, the same measured thing and equal figures, and a malus for different ones (and
for two subjects as written). Clusters merge (average link) while the mean similarity of all their pairs stays at
least `JOIN`.
"""
from __future__ import annotations

import functools
import itertools
import math
import re

from marsad.arabic.data import load_yaml
from marsad.arabic.text import normalize
from marsad.extract.frames import frame_lexicon
from marsad.extract.lexicon import gazetteer, nisba_forms
from marsad.extract.textview import bare, fold
from marsad.extract.measures import measure_lexicon
from marsad.extract.subjects import subject_lexicon

__all__ = ["cluster", "ledger_key", "similarity", "names_apart", "read_value", "holder_key", "incident_tolls", "ALIKE",
           "SPREAD", "JOIN", "GENERIC"]

SPREAD = 2.0      # two sources' versions of one quantity are seldom further apart than this factor
FAR = 6.0         # figures further apart than this are never one quantity (the same day)
LARGE = 1000.0    # from this size on, two versions of one quantity differ by at most SPREAD
GROWTH = 20.0     # a running count stated on two days grows by at most this factor within one story
JOIN = 0.0        # mean pair similarity needed to join two clusters
ONGOING = 0.15     # what naming an operation that runs over days adds to two growing counts' similarity
APART_SIGNAL = 0.1  # what naming different places (or kinds of incident) takes off two figures' similarity
ALIKE = 0.25      # how alike two statements must be to speak of one incident's toll (and, in the ledger, to conflict)
GENERIC = {"other", "percentage", "money_amount", "count", "amount", "money", "percent"}   # measures that name no thing: the unit does


def _get(c, k, default=None):
    return c.get(k, default) if isinstance(c, dict) else getattr(c, k, default)


def ledger_key(c) -> tuple:
    """The measure, and for money the currency (compare like with like). Money, prices and percentages that name
    what they measure are bucketed by their family only: outlets name the thing differently («تكلفة», «قيمة»), so
    the thing is a similarity signal (and `thing_classes` a wall between a cost and a revenue). A figure that names
    nothing («5.3 مليار دولار», «80 %») is compared only with others that name nothing: set against a named one it
    joined other quantities of one currency more often than not (tried on the dev stories: grouping 0.819 -> 0.809)."""
    m = _get(c, "measure") or "other"
    family, _, thing = m.partition(":")
    if m in GENERIC:
        return (m, _get(c, "kind"), _get(c, "unit"))
    if _get(c, "kind") == "money" or family in ("money", "price"):
        return (family if family in ("money", "price") else m, _get(c, "unit"))
    if family == "percent":
        return ("percent",)
    if family == "count" and thing:   # nouns of one class count one thing («بطاقة» and «أشخاص»: `thing_classes`)
        return ("count:" + measure_lexicon().thing_class.get(thing, thing),)
    return (m,)


def _thing(c) -> str | None:
    family, _, thing = (_get(c, "measure") or "").partition(":")
    return thing or (family if family not in ("money", "price", "percent") else None)


@functools.cache
def _countries() -> frozenset:
    """The subjects that name a country (measures.yaml `nisba` and `places`), as `subjects.py` writes them."""
    lex = subject_lexicon()
    return frozenset(lex.nisba_of.values()) | frozenset(lex.places.values())


def _thing_kind(thing: str | None) -> str | None:
    """A measured thing's class (measures.yaml `thing_classes`: «قيمة» and «تكلفة» are both a worth), else the thing;
    None for a generic thing of no class («نسبة», «حجم»), which keeps nothing apart."""
    if not thing:
        return None
    lex = measure_lexicon()
    if thing in lex.thing_class:
        return lex.thing_class[thing]
    return None if thing in lex.generic_things else thing


# A figure written out to six digits or more takes no scale word after it but by a slip: «439491 ألف يمني» is 439,491
# Yemenis, «1800000 مليون» 1.8 million (every such figure of SaudiNewsNet's 31k articles is one; with five digits the
# scale is often meant: «12150 مليون ريال»). The value stays as written; the ledger compares the figure as read.
_RESTATED_SCALE = re.compile(r"(?<![\d.,])(\d{6,})\s*(?:ألف|الف|آلاف|مليون|ملايين|مليار)")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def read_value(c) -> float | None:
    """A claim's single figure as a reader takes it: its value, but for a scale word restating a figure written in
    full («439491 ألف» → 439491)."""
    v = _get(c, "value")
    if v is None:
        return None
    m = _RESTATED_SCALE.search((_get(c, "evidence") or "").translate(_DIGITS))
    if m and float(v) > float(m.group(1)):
        return float(m.group(1))
    return float(v)


def _figure_range(c) -> tuple[float, float] | None:
    v, lo, hi = read_value(c), _get(c, "low"), _get(c, "high")
    if v is not None:
        return float(v), float(v)
    if lo is not None or hi is not None:
        lo = float(lo if lo is not None else hi)
        hi = float(hi if hi is not None else lo)
        return lo, hi
    return None


def _day(c, published: dict) -> str | None:
    d = _get(c, "claim_date") or published.get(_get(c, "doc"))
    return str(d)[:10] if d and not str(d).startswith("X") else None


def _direct_subject(c) -> str | None:
    """A subject named as an entity (a nisba, the clause's actor, the article's usual one); not a partitive as
    written («من قوات الأمن»), which two outlets word differently."""
    return _get(c, "subject") if _get(c, "subject_from") != "partitive" else None


def _shares_event(a, b) -> bool:
    """The two claims' sentences name a kind of incident in common («انهيار» … «انهيار»)."""
    return bool(set((_get(a, "incident") or {}).get("events") or []) & set((_get(b, "incident") or {}).get("events") or []))


def _incident_day(c, published: dict, grows: bool = False) -> str | None:
    """The day of a claim's incident: a day named in its sentence other than the day the holder spoke — for a toll
    (a measure that grows: «أعلنت الوزارة اليوم الخميس وفاة حالتين») the day it was stated too; a day's new figure
    («4 حالات جديدة») is the reporting day's."""
    d = (_get(c, "incident") or {}).get("date")
    if d and (grows or str(d)[:10] != str(_get(c, "claim_date") or "")[:10]):
        return str(d)[:10]
    if (_get(c, "facets") or {}).get("state") == "new":
        return _day(c, published)
    return None


def _ongoing(c) -> bool:
    """The claim's sentence names an operation that runs over days («حملة», «مداهمات»: `ongoing_events`)."""
    ongoing = frame_lexicon().ongoing_events
    return any(e in ongoing or e[1:] in ongoing for e in (_get(c, "incident") or {}).get("events") or [])


def _side(c) -> str | None:
    """Whose people a count's noun names: "military" («جنود», «عناصر»), "civilian" («أطفال», «ناشطين»), or None
    for a noun that says nothing of who they were («أشخاص», «قتلى»)."""
    unit = _get(c, "unit")
    if not unit:
        return None
    lex = measure_lexicon()
    forms = set(bare(fold(unit)))
    if forms & lex.generic_persons:
        return None
    if forms & lex.persons_mil:
        return "military"
    if forms & lex.persons_civ:
        return "civilian"
    return None


def holder_key(c) -> str | None:
    """Who states a claim, for telling one source from two: its entity, else its words without the article
    («التقرير» and «تقرير» are one report)."""
    if _get(c, "holder_entity"):
        return _get(c, "holder_entity")
    h = _get(c, "holder")
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in normalize(h).split()) if h else None


def _disjoint(a, b, key: str) -> bool:
    """Both claims' sentences name `key` (places, events) and share none."""
    xa, xb = set((_get(a, "incident") or {}).get(key) or []), set((_get(b, "incident") or {}).get(key) or [])
    return bool(xa and xb and not xa & xb)


def names_apart(a, b, places: bool = True) -> bool:
    """The two claims' sentences name kinds of incident, or places, and share none: maybe two incidents. Without
    `places` only towns and provinces count, not countries: a sentence names the sources' countries too («وفق
    تقييمات كوريا الجنوبية»), and «كورسك» lies in «روسيا» — two towns of one war («ردفان», «الحديدة») do not."""
    ia, ib = _get(a, "incident") or {}, _get(b, "incident") or {}
    xa, xb = set(ia.get("events") or []), set(ib.get("events") or [])
    if xa and xb and not xa & xb:
        return True
    pa, pb = {normalize(p) for p in ia.get("places") or []}, {normalize(p) for p in ib.get("places") or []}
    if not places:
        pa, pb = pa - _country_forms(), pb - _country_forms()
    return bool(pa and pb and not pa & pb)


def _towns_apart(a, b) -> bool:
    """Both sentences name towns or provinces (places that are not countries) and share none."""
    pa = {normalize(p) for p in (_get(a, "incident") or {}).get("places") or []} - _country_forms()
    pb = {normalize(p) for p in (_get(b, "incident") or {}).get("places") or []} - _country_forms()
    return bool(pa and pb and not pa & pb)


@functools.cache
def _country_forms() -> frozenset:
    """Every name of a country in matching form: the countries of the nationality adjectives (nisba.tsv, measures.yaml)
    with all their gazetteer names («السعودية», «المملكة العربية السعودية»)."""
    countries = set(_countries()) | set(nisba_forms().values())
    canon = {normalize(c) for c in countries}
    forms = {normalize(f) for f, e in gazetteer().items() if normalize(e.canonical) in canon}
    return frozenset(canon | forms)


def _shares_incident(a, b) -> bool:
    ia, ib = _get(a, "incident") or {}, _get(b, "incident") or {}
    return bool(set(ia.get("events") or []) & set(ib.get("events") or [])
                or set(ia.get("places") or []) & set(ib.get("places") or []))


def _ratio(a, b) -> float:
    ra, rb = _figure_range(a), _figure_range(b)
    if not ra or not rb:
        return 1.0
    lo, hi = min(ra[1], rb[1]), max(ra[0], rb[0])
    if hi <= lo:
        return 1.0
    return hi / lo if lo > 0 else math.inf


def _apart(a, b, grows: bool, published: dict) -> bool:
    """True when the two claims can never be one quantity (the hard rules of the module doc)."""
    return apart_reason(a, b, grows, published) is not None


def apart_reason(a, b, grows: bool, published: dict) -> str | None:
    """The hard rule that keeps the two claims apart (a short name), or None when none does."""
    if _get(a, "part_of") == _get(b, "id") or _get(b, "part_of") == _get(a, "id"):
        return "part"
    fa, fb = _get(a, "facets") or {}, _get(b, "facets") or {}
    for family in set(fa) | set(fb):
        if family in fa and family in fb and fa[family] != fb[family]:
            return "facet"
        if family in frame_lexicon().required and (family in fa) != (family in fb):
            return "facet"
    sa, sb = _direct_subject(a), _direct_subject(b)
    if sa and sb and sa != sb and _countries() >= {sa, sb}:
        return "subject"           # two countries' figures («جنود روس» against «جنود أوكرانيون»); an actor as
                                   # written («الشرطة» against «تركيا») only lowers the similarity
    if {_side(a), _side(b)} == {"military", "civilian"}:
        return "side"              # a toll of soldiers against a toll of civilians («جنديين» / «32 ناشطا»)
    scopes = {_get(a, "scope") or "incident", _get(b, "scope") or "incident"}
    if scopes == {"period", "cumulative"}:
        return "scope"             # «خلال الأسبوعين» against «منذ بداية الحرب»: two spans of time
    sa, sb = str(_get(a, "since") or ""), str(_get(b, "since") or "")
    if len(sa) == len(sb) == 10 and sa != sb:
        return "since"             # running totals from different days («منذ 20 يوليو» against «منذ 22 يوليو»)
    ongoing = _ongoing(a) or _ongoing(b)   # a campaign's count grows from day to day: no incident of one day
    if (not ongoing and (_get(a, "scope") or "incident") != "cumulative"
            and (_get(b, "scope") or "incident") != "cumulative"):
        da, db = _incident_day(a, published, grows), _incident_day(b, published, grows)
        if da and db and da != db:
            return "day"       # two days' figures of the same kind of event are two incidents
    for x, y in ((a, b), (b, a)):   # (unless the incident is itself the operation that runs over days: «حملة»)
        if ((_get(x, "scope") or "incident") == "incident" and (_get(x, "incident") or {}).get("events")
                and not _ongoing(x)
                and (_get(y, "scope") == "period" or _get(y, "since")) and not _shares_event(x, y)):
            return "incident-vs-period"       # one named incident's toll against a toll over a period or since a start
    if (grows and (_get(a, "scope") or "incident") == "incident" and (_get(b, "scope") or "incident") == "incident"
            and not ongoing and _disjoint(a, b, "places") and _disjoint(a, b, "events")):
        return "incident"          # two tolls whose sentences name other places and other kinds of incident
    if (_get(a, "measure") in incident_tolls() and not ongoing and not _shares_event(a, b)
            and (_get(a, "scope") or "incident") == "incident" == (_get(b, "scope") or "incident") and _towns_apart(a, b)):
        return "towns"             # two tolls in other towns («في تعز» / «في محافظة الحديدة»), no kind of incident shared
    if _get(a, "horizon") and _get(b, "horizon") and _get(a, "horizon") != _get(b, "horizon"):
        return "horizon"           # targets for different years
    if _get(a, "past_year") and _get(b, "past_year") and _get(a, "past_year") != _get(b, "past_year"):
        return "year"              # two earlier years' figures («في 2013» against «في 2014»)
    ta, tb = _thing(a), _thing(b)
    ka, kb = _thing_kind(ta), _thing_kind(tb)
    if ka and kb and ka != kb:
        return "thing"             # a cost against a revenue: two quantities of one currency
    r = _ratio(a, b)
    if r > SPREAD:
        da, db = _day(a, published), _day(b, published)
        if grows and da and db and da != db:
            limit = GROWTH
        else:   # a large figure is copied from one count, not estimated, and a length or a weight is measured:
                # sources seldom differ more than SPREAD
            measured = (_get(a, "measure") or "").startswith("amount:")
            limit = SPREAD if measured or min(_figure_range(a)[0], _figure_range(b)[0]) >= LARGE else FAR
        if r > limit:
            return "spread"
    ha, hb = holder_key(a), holder_key(b)
    one_article = (_get(a, "doc") == _get(b, "doc") and r > 1.0
                   and _get(a, "qualifier") != "vague" and _get(b, "qualifier") != "vague")
    if one_article and (ha == hb or not ha or not hb):
        return "same-source"           # one source does not contradict itself in one article: two quantities
    if (one_article and _get(a, "measure") in incident_tolls() and _get(b, "measure") in incident_tolls()
            and (_get(a, "scope") or "incident") == "incident" == (_get(b, "scope") or "incident")
            and similarity(a, b) < ALIKE):
        return "article-tolls"         # one article's tolls of two incidents, each from its own source («مصرع 22
                                       # حوثيا» per medics, «16 قتيلا في عملية منفصلة» per security sources)
    return None


@functools.cache
def incident_tolls() -> frozenset:
    """The measures that count an incident's victims (measures.yaml `incident_toll`)."""
    return frozenset(k for k, spec in (load_yaml("measures.yaml").get("measures") or {}).items()
                     if (spec or {}).get("incident_toll"))


def similarity(a, b, grows: bool = False) -> float:
    """How alike the two figures' statements are: their clause words, incident, start, thing and size; for a count
    that grows, an operation running over days («حملة») that either names."""
    fa, fb = set(_get(a, "frame") or []), set(_get(b, "frame") or [])
    s = len(fa & fb) / math.sqrt(len(fa) * len(fb)) if fa and fb else JOIN
    ia, ib = _get(a, "incident") or {}, _get(b, "incident") or {}
    for k in ("places", "events"):
        xa, xb = set(ia.get(k) or []), set(ib.get(k) or [])
        if xa and xb:
            s += 0.1 if xa & xb else -APART_SIGNAL
    if (_get(a, "scope") or "incident") != (_get(b, "scope") or "incident"):
        s -= 0.05
    sa, sb = _get(a, "since"), _get(b, "since")
    if sa and sb:
        s += 0.1 if sa == sb else -0.1
    ka, kb = _thing_kind(_thing(a)), _thing_kind(_thing(b))
    if ka and kb:
        s += 0.15 if ka == kb else -0.15
    sa, sb = _direct_subject(a), _direct_subject(b)
    if sa and sb and sa != sb:
        s -= 0.15
    if bool(_get(a, "horizon")) != bool(_get(b, "horizon")):
        s -= 0.15         # a target for a later year against today's figure
    r = _ratio(a, b)
    s += 0.1 if r <= 1.0 + 1e-9 else (0.0 if r <= SPREAD else -0.15)
    if grows and (_ongoing(a) or _ongoing(b)):
        s += ONGOING       # «أوقفت 251 شخصا في إطار حملة» … «اعتقلت 590 شخصا»: the campaign's count, worded anew
    return s


def cluster(claims: list, published: dict, grows: bool) -> list[list]:
    """Complete-link clusters of claims sharing one ledger key (see module doc); singletons included."""
    n = len(claims)
    apart = [[False] * n for _ in range(n)]
    sim = [[0.0] * n for _ in range(n)]
    for i, j in itertools.combinations(range(n), 2):
        apart[i][j] = apart[j][i] = _apart(claims[i], claims[j], grows, published)
        sim[i][j] = sim[j][i] = similarity(claims[i], claims[j], grows)
    clusters = [[i] for i in range(n)]
    while True:
        best = None
        for x, y in itertools.combinations(range(len(clusters)), 2):
            cx, cy = clusters[x], clusters[y]
            if any(apart[i][j] for i in cx for j in cy):
                continue
            s = sum(sim[i][j] for i in cx for j in cy) / (len(cx) * len(cy))
            if s >= JOIN and (best is None or s > best[0]):
                best = (s, x, y)
        if best is None:
            break
        _, x, y = best
        clusters[x] = clusters[x] + clusters[y]
        del clusters[y]
    return [[claims[i] for i in sorted(c)] for c in clusters]
