"""A story's (or event's) timeline: dated entries, each with the sentence it comes from, in date order.

Every resolved date mention of the member documents gives an entry (its EDTF value at its grain, the sentence that
carries it: `text` is that sentence verbatim, `doc/start/end` its offsets; an article's first sentence starts after
its dateline or byline, and page furniture gives no entry: `summary.news_start`). The same happening reported by
several outlets is one entry: entries with the same date whose sentences share most of their content terms are merged,
the earliest-published report is the primary citation and the others go to `sources`.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from marsad.corpus.features import TRUSTED_PUBLISHED, content_terms, day
from marsad.corpus.summary import lead_index, news_start, opens_paragraph
from marsad.model import AnalysedDocument, SourceRef, TimelineEntry

SAME_THING = 0.4      # overlap coefficient of content terms above which two same-date sentences report one thing
MAX_ENTRIES = 60      # a long story keeps its best-attested entries
GRAIN_RANK = {"minute": 0, "hour": 1, "day": 2, "week": 3, "month": 4, "season": 5, "year": 6, "decade": 7,
              "interval": 2}
_SEASON_MONTH = {"21": 3, "22": 6, "23": 9, "24": 12}


def sort_key(value: str) -> tuple:
    """Chronological key of an EDTF value: start of the period; coarser periods after finer ones starting with them;
    values with an unknown year last."""
    v = value.split("/")[0]
    if "X" in v[:4] or not v[:4].isdigit():
        return (1, v, 0)
    y = int(v[:4])
    m = re.match(r"^\d{4}-W(\d\d)", v)
    if m:
        try:
            d = dt.date.fromisocalendar(y, int(m.group(1)), 1)
            return (0, d.isoformat(), 3)
        except ValueError:
            return (0, f"{y:04d}", 3)
    m = re.match(r"^\d{4}-(\d\d)(?:-(\d\d))?(T.*)?$", v)
    if m:
        mm = int(m.group(1))
        if mm > 12:  # season
            return (0, f"{y:04d}-{_SEASON_MONTH.get(m.group(1), 12):02d}", 5)
        if m.group(2):
            return (0, f"{y:04d}-{mm:02d}-{m.group(2)}" + (m.group(3) or ""), 2 if not m.group(3) else 1)
        return (0, f"{y:04d}-{mm:02d}", 4)
    return (0, v, 6 if len(v) == 4 else 7)


def _order(ad: AnalysedDocument):
    return (day(ad.document.published) is None, ad.document.published or "", ad.document.id)


def entries(ads: list[AnalysedDocument]) -> list[tuple[str, str, int, int, frozenset[str], int]]:
    """(date, doc, start, end, terms, grain rank): one per sentence carrying a resolved date — its finest date, the
    first one on a tie («الحفل الذي أقيم يوم الخميس ... بحسب الوكالة الجمعة» is Thursday's). Dates resolved against
    a merely inferred publication date are not trusted; only absolute ones are kept from such a document."""
    out, seen = [], set()
    for ad in ads:
        text = ad.document.text
        sents = [(s.start, s.end) for s in ad.sentences] or [(0, len(text))]
        starts = [s[0] for s in sents]
        untrusted = ad.document.published_from not in TRUSTED_PUBLISHED
        head = lead_index(text, sents)
        for m in sorted(ad.dates, key=lambda m: (GRAIN_RANK.get(m.grain or "", 6), m.start)):
            if not m.value or m.resolved_from == "unresolved" or (untrusted and m.resolved_from != "absolute"):
                continue
            k = bisect.bisect_right(starts, m.start) - 1
            a, b = sents[k] if k >= 0 and sents[k][0] <= m.start < sents[k][1] else (m.start, m.end)
            if (a, b) == sents[k if k >= 0 else 0]:
                lead = news_start(text[a:b], first=k == head or opens_paragraph(text, a))
                if lead is None or m.start < a + lead:
                    continue   # page furniture («رابط الخبر …»), or a date inside the dateline (the page's own)
                a += lead      # the entry starts at the news, after a dateline or byline («أرجان - (المشرق): »)
            if not (a <= m.start and m.end <= b):
                a, b = min(a, m.start), max(b, m.end)
            key = (ad.document.id, a)
            if key in seen:
                continue
            seen.add(key)
            out.append((m.value, ad.document.id, a, b, frozenset(content_terms(text[a:b])),
                        GRAIN_RANK.get(m.grain or "", 6)))
    return out


def build(story, ads: list[AnalysedDocument], max_entries: int = MAX_ENTRIES) -> list[TimelineEntry]:
    """The timeline of a story (or event: anything with `.documents`)."""
    members = set(story.documents)
    docs = sorted((a for a in ads if a.document.id in members), key=_order)
    texts = {a.document.id: a.document.text for a in docs}
    merged: list[dict] = []
    by_date: dict[str, list[dict]] = {}
    for value, doc, a, b, terms, grain in entries(docs):
        same = None
        for e in by_date.get(value, ()):
            if doc == e["doc"] or any(s.doc == doc for s in e["sources"]):
                if doc == e["doc"] and e["start"] == a:
                    same = e
                    break
                continue
            small = min(len(terms), len(e["terms"])) or 1
            if len(terms & e["terms"]) / small >= SAME_THING:
                same = e
                break
        if same is not None:
            if not (same["doc"] == doc and same["start"] == a):
                same["sources"].append(SourceRef(doc=doc, start=a, end=b))
            continue
        e = {"date": value, "doc": doc, "start": a, "end": b, "terms": terms, "grain": grain, "sources": []}
        merged.append(e)
        by_date.setdefault(value, []).append(e)
    if len(merged) > max_entries:
        merged = sorted(merged, key=lambda e: (-len(e["sources"]), e["grain"]))[:max_entries]
    merged.sort(key=lambda e: (sort_key(e["date"]), e["start"]))
    return [TimelineEntry(date=e["date"], text=texts[e["doc"]][e["start"]:e["end"]], doc=e["doc"], start=e["start"],
                          end=e["end"], sources=e["sources"]) for e in merged]
