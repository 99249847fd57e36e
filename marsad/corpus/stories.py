"""Events and stories: a two-level structure in the manner of Story Forest (Liu et al., KDD 2017).

An *event* is the set of articles reporting one happening; a *story* is the thread of events about one subject.
Both levels are built by the same single-pass procedure over time (so the batch result and the incremental one,
`marsad.corpus.incremental`, agree): each article, in publication order, is compared with the events that share
its most specific terms (an inverted index: blocking, never all pairs) and whose dates are close; it joins the best
one when the similarity clears EVENT_THRESHOLD, else it opens a new event. Events are then linked into stories the
same way with a looser threshold and a much wider date window.

Similarity: cosine of sublinear TF-IDF vectors whose terms are normalised content words (title words boosted),
entity keys (resolved entity ids, weighted by their IDF: a rare person counts more than «السعودية») and claim keys
(measure + value), times a date factor: publication days farther apart than the window exclude a pair, closer ones
lower the score gently; two articles whose lead sentences date their happening to different days are penalised.
Near-duplicates go with their canonical copy and do not move a centroid twice.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from marsad.corpus import features as F
from marsad.corpus import summary, timeline
from marsad.model import AnalysedDocument, Entity, Event, Story

EVENT_THRESHOLD = (0.15, 0.32)  # cosine (after date factors) to join an event: small corpora .. large corpora
SMALL, LARGE = 20, 2000         # corpus sizes (documents) of the two ends; log-linear in between
EVENT_WINDOW = 3            # days between publication days of one event's reports
STORY_THRESHOLD = 0.22      # cosine of keyword vectors (after date factor) to join a story
STORY_WINDOW = 400          # days: a story may run for a year
STORY_DECAY = 0.25          # a story's pull fades slowly over that window
STORY_MIN_SHARED = 4        # a story link needs at least this many shared keywords, not one or two common words
UNDATED_FACTOR = 0.9        # an article without a trusted date is compared on content alone, more strictly
NO_DAY_FACTOR = 0.65        # an article whose lead names no day (analysis, opinion, background) reports no happening
HAPPENING_PENALTY = 0.6     # lead sentences date the two happenings to different days
QUERY_TERMS = 12            # the article's heaviest terms used to look up candidates
POSTINGS_SCAN = 300         # newest postings read per term
CANDIDATES = 40             # candidates scored exactly per article
DETAILS_UP_TO = 3000        # corpora up to this size get a summary and timeline per event too


@dataclass
class Group:
    """An event or a story while it is being built: its members, centroid (sum of member vectors) and days."""
    id: str
    docs: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    first: int | None = None
    last: int | None = None
    happening: Counter = field(default_factory=Counter)
    members: list[str] = field(default_factory=list)   # stories: event ids
    parent: str | None = None                          # events: story id

    def add(self, doc_id: str, vec: dict[str, float] | None, pub: int | None, hday: int | None) -> None:
        self.docs.append(doc_id)
        if vec:
            self.centroid = F.add_into(self.centroid, vec)
        if pub is not None:
            self.first = pub if self.first is None else min(self.first, pub)
            self.last = pub if self.last is None else max(self.last, pub)
        if hday is not None:
            self.happening[hday] += 1

    def norm(self) -> float:
        """L2 norm of the centroid, cached until the centroid changes (it is replaced, never mutated)."""
        c = self.__dict__.get("_norm")
        if c is None or c[0] is not self.centroid:
            c = (self.centroid, sum(x * x for x in self.centroid.values()) ** 0.5 or 1.0)
            self.__dict__["_norm"] = c
        return c[1]

    def main_happening(self) -> int | None:
        # ties go to the later day: a report that dates it a day earlier («أمس» in a morning paper) mostly lags
        return max(self.happening, key=lambda d: (self.happening[d], d)) if self.happening else None


def event_threshold(n_docs: int, ends: tuple[float, float] = EVENT_THRESHOLD) -> float:
    """The event threshold for a corpus of `n_docs`. Corpus IDF is what tells a happening's own words from a story's
    common vocabulary; in a small corpus (a handful of articles, often all on one story) it cannot, so reports of
    one happening score lower there than in a large one. The threshold follows log(corpus size) between the ends."""
    import math

    lo, hi = ends
    if n_docs <= SMALL:
        return lo
    if n_docs >= LARGE:
        return hi
    return lo + (hi - lo) * math.log(n_docs / SMALL) / math.log(LARGE / SMALL)


def date_factor(pub: int | None, hday: int | None, g: Group, window: int, undated: float = UNDATED_FACTOR,
                decay: float = 0.5) -> float:
    """1 for the same day, falling by `decay` across the window, 0 outside it; `undated` when a date is unknown."""
    if pub is None or g.first is None:
        f = undated
    else:
        gap = max(0, g.first - pub, pub - g.last)
        if gap > window:
            return 0.0
        f = 1.0 - decay * gap / (window + 1)
    # reports published on different days that date their happening to different days report two happenings
    # (same-day reports a day apart are mostly lag: «أمس» in a morning paper against «الخميس» on a wire)
    gh = g.main_happening()
    if hday is not None and gh is not None and hday != gh and (pub is None or g.first is None or
                                                              pub != g.first or abs(hday - gh) > 1):
        f *= HAPPENING_PENALTY
    return f


class MemoryIndex:
    """Inverted term index over groups (events or stories), newest postings last."""

    def __init__(self):
        self.postings: dict[str, list[str]] = {}
        self.groups: dict[str, Group] = {}
        self.indexed: dict[str, set[str]] = {}

    def candidates(self, vec: dict[str, float]) -> list[str]:
        hits: Counter[str] = Counter()
        for t, w in sorted(vec.items(), key=lambda kv: -kv[1])[:QUERY_TERMS]:
            for gid in self.postings.get(t, ())[-POSTINGS_SCAN:]:
                hits[gid] += w
        return [g for g, _ in hits.most_common(CANDIDATES)]

    def get(self, gid: str) -> Group:
        return self.groups[gid]

    def put(self, g: Group, index_terms: int = 30) -> None:
        self.groups[g.id] = g
        top = {t for t, _ in sorted(g.centroid.items(), key=lambda kv: -kv[1])[:index_terms]}
        old = self.indexed.get(g.id, set())
        for t in top - old:
            self.postings.setdefault(t, []).append(g.id)
        self.indexed[g.id] = old | top


def best_group(index, vec, pub, hday, threshold, window, factor: float = 1.0, decay: float = 0.5,
               min_shared: int = 1) -> tuple[str | None, float]:
    best, score = None, 0.0
    for gid in index.candidates(vec):
        g = index.get(gid)
        f = date_factor(pub, hday, g, window, decay=decay) * factor
        if f <= 0 or (min_shared > 1 and sum(1 for t in vec if t in g.centroid) < min_shared):
            continue
        s = F.cosine(vec, g.centroid) / g.norm() * f
        if s > score:
            best, score = gid, s
    return (best, score) if score >= threshold else (None, score)


def order_key(ad: AnalysedDocument):
    p = F.published_day(ad)
    return (p is None, p or 0, ad.document.published or "", ad.document.id)


def _hid(prefix: str, founder: str) -> str:
    """A stable id for an event or story: a hash of its founding document (the first member in publication order),
    so the id survives the group gaining articles — links and saved dossiers keep working. The same form as
    `marsad.corpus.incremental` gives, so batch and incremental runs agree. (When a story's founder changes or two
    stories merge, the store keeps the old id as an alias of the new one.)"""
    return prefix + hashlib.sha1(founder.encode()).hexdigest()[:12]


class DocFrequencies:
    def __init__(self, bags):
        self.n = 0
        self.df: Counter[str] = Counter()
        for b in bags:
            self.n += 1
            self.df.update(b.keys())

    def __call__(self, t: str) -> int:
        return self.df.get(t, 0)


def title_of(doc_ids: list[str], centroid: dict[str, float], vecs: dict[str, dict], ads: dict[str, AnalysedDocument]) -> str:
    """A readable title: the title of the document closest to the centroid, else its first sentence trimmed."""
    c = F.unit(centroid)
    ranked = sorted(doc_ids, key=lambda d: (-F.cosine(vecs.get(d, {}), c), d))
    for d in ranked:
        t = (ads[d].document.title or "").strip()
        if t:
            return t
    ad = ads[ranked[0]]
    s = ad.sentences[0] if ad.sentences else None
    text = ad.document.text[s.start:s.end] if s else ad.document.text[:200]
    w = text.split()
    return " ".join(w[:16]) + ("…" if len(w) > 16 else "")


def reports_a_day(ad: AnalysedDocument, lead: int = F.LEAD_SENTENCES) -> bool:
    """Whether the lead names a day (or hour): news of a happening does, analysis and background mostly do not."""
    limit = ad.sentences[lead - 1].end if len(ad.sentences) >= lead else len(ad.document.text)
    return any(m.start < limit and m.grain in ("day", "hour", "minute") for m in ad.dates)


def cluster(ads: list[AnalysedDocument], entities: list[Entity] | None = None, dups: dict[str, str] | None = None,
            *, event_threshold: float | None = None, story_threshold: float = STORY_THRESHOLD,
            event_details: bool | None = None) -> tuple[list[Event], list[Story]]:
    """Events (articles about one happening) and stories (threads of events) over analysed documents.
    With `event_details` (default: corpora up to DETAILS_UP_TO documents) every event also gets its own `summary`
    and `timeline` (extra fields, same shapes as a story's)."""
    dups = dups or {}
    by_id = {a.document.id: a for a in ads}
    bags = {a.document.id: F.bag(a) for a in ads if a.document.id not in dups}
    df = DocFrequencies(bags.values())
    if event_threshold is None:
        event_threshold = globals()["event_threshold"](df.n)
    vecs = {d: F.tfidf(b, df, df.n, min_df=1) for d, b in bags.items()}
    kvecs = {d: F.tfidf(b, df, df.n, top=80, min_df=2) for d, b in bags.items()}
    pubs = {a.document.id: F.published_day(a) for a in ads}
    hdays = {a.document.id: F.happening_day(a) for a in ads}
    dayful = {a.document.id: reports_a_day(a) for a in ads}

    # ---- events: one pass in publication order
    ev_index = MemoryIndex()
    doc_event: dict[str, str] = {}
    n_ev = 0
    for a in sorted(ads, key=order_key):
        did = a.document.id
        if did in dups:
            continue
        vec = vecs[did]
        gid, _ = best_group(ev_index, vec, pubs[did], hdays[did], event_threshold, EVENT_WINDOW,
                            1.0 if dayful[did] else NO_DAY_FACTOR)
        if gid is None:
            n_ev += 1
            g = Group(id=f"e{n_ev}")
        else:
            g = ev_index.get(gid)
        g.add(did, vec, pubs[did], hdays[did])
        ev_index.put(g)
        doc_event[did] = g.id
    for did, canon in dups.items():  # copies join the event of their canonical document, without moving it
        if canon in doc_event and did in by_id:
            g = ev_index.get(doc_event[canon])
            g.add(did, None, pubs[did], None)
            doc_event[did] = g.id
            vecs[did] = vecs[canon]
            kvecs[did] = kvecs[canon]
    ev_keys = {g.id: F.unit(_sum(kvecs[d] for d in g.docs if d not in dups)) for g in ev_index.groups.values()}

    # ---- stories: events in order of their first day, same procedure, wider window
    events = sorted(ev_index.groups.values(), key=lambda g: (g.first is None, g.first or 0, g.id))
    st_index = MemoryIndex()
    n_st = 0
    for g in events:
        vec = ev_keys[g.id]
        pub = g.first
        sid, _ = best_group(st_index, vec, pub, None, story_threshold, STORY_WINDOW, decay=STORY_DECAY,
                            min_shared=STORY_MIN_SHARED)
        if sid is None:
            n_st += 1
            s = Group(id=f"s{n_st}")
        else:
            s = st_index.get(sid)
        s.centroid = F.add_into(s.centroid, vec)
        s.docs.extend(g.docs)
        s.members.append(g.id)
        for p in (g.first, g.last):
            if p is not None:
                s.first = p if s.first is None else min(s.first, p)
                s.last = p if s.last is None else max(s.last, p)
        st_index.put(s)
        g.parent = s.id

    events_out, stories_out = to_models(ev_index.groups.values(), st_index.groups.values(), vecs, by_id)
    if event_details is None:
        event_details = len(ads) <= DETAILS_UP_TO
    if event_details:
        for e in events_out:
            members = [by_id[d] for d in e.documents]
            e.summary = summary.summarise(e, members, duplicates={d: c for d, c in dups.items() if d in e.documents})
            e.timeline = timeline.build(e, members)
    return events_out, stories_out


def _sum(vecs) -> dict[str, float]:
    out: dict[str, float] = {}
    for v in vecs:
        out = F.add_into(out, v)
    return out


def event_date(g: Group) -> str | None:
    d = g.main_happening() or g.first
    return F.iso_day(d)


def to_models(ev_groups, st_groups, vecs, by_id) -> tuple[list[Event], list[Story]]:
    ev_ids: dict[str, str] = {}
    out_events = []
    for g in ev_groups:
        eid = _hid("ev-", g.docs[0])
        ev_ids[g.id] = eid
        docs = sorted(g.docs, key=lambda d: order_key(by_id[d]))
        out_events.append(Event(id=eid, title=title_of(g.docs, g.centroid, vecs, by_id), documents=docs,
                                date=event_date(g)))
    out_stories = []
    for s in st_groups:
        docs = sorted(s.docs, key=lambda d: order_key(by_id[d]))
        out_stories.append(Story(id=_hid("st-", s.docs[0]), title=title_of(s.docs, s.centroid, vecs, by_id),
                                 documents=docs, events=[ev_ids[e] for e in s.members]))
    out_events.sort(key=lambda e: (e.date or "9999", e.id))
    out_stories.sort(key=lambda s: (-len(s.documents), s.id))
    return out_events, out_stories
