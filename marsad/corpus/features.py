"""Shared features for the corpus stages (near-duplicates, events, stories, timeline, summary).

Everything here is a cheap function of one analysed document: normalised content terms (without their clitics, as
search strips them: `marsad.arabic.text.strip_clitics`, profile `words`), the entity keys it mentions, claim keys (measure + value), a trusted publication
day and the day of the happening it reports. Dates are day ordinals (`datetime.date.toordinal`).
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter

from marsad.arabic.data import load_tsv
from marsad.arabic.text import TA_MARBUTA, normalize, normalize_word, strip_clitics
from marsad.model import AnalysedDocument

_WORD_RE = re.compile(r"[\u0621-\u064A]+|[A-Za-z]+|\d+(?:\.\d+)?")
TRUSTED_PUBLISHED = {"metadata", "text", None}


@functools.cache
def stopwords() -> frozenset[str]:
    return frozenset(r[0] for r in load_tsv("corpus_stopwords.tsv"))


def stem(w: str) -> str:
    """Light stemming for matching: a word in matching form (its ta marbuta may be kept as ة) without its clitics,
    as search strips them (clitics.tsv, profile `words`): «وجنود», «والجنود», «جنودها» → «جنود»."""
    return strip_clitics(w, "words")


def words(text: str) -> list[str]:
    """Every word of `text` in matching form (for shingles)."""
    return _WORD_RE.findall(normalize(text or "").lower())


def _words_ta_kept(text: str) -> list[str]:
    """words(text) with the ta marbuta kept as ة (the stemmer never reads it as the pronoun ـه)."""
    return _WORD_RE.findall(normalize_word(text or "", keep=TA_MARBUTA).lower())


def content_terms(text: str) -> list[str]:
    """Content terms of `text`: normalised, lightly stemmed, without stop words, digits or one-letter words."""
    sw = stopwords()
    out = []
    for kept in _words_ta_kept(text):
        if kept[0].isdigit():
            continue
        s = stem(kept)
        if len(s) < 2 or s in sw or kept.replace(TA_MARBUTA, "ه") in sw:   # the word in matching form
            continue
        out.append(s)
    return out


def day(iso: str | None) -> int | None:
    """Day ordinal of an ISO date (or datetime) string, None when absent or not a full date."""
    if not iso or len(iso) < 10 or not iso[:4].isdigit():
        return None
    try:
        return dt.date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def iso_day(ordinal: int | None) -> str | None:
    return dt.date.fromordinal(ordinal).isoformat() if ordinal else None


def published_day(ad: AnalysedDocument) -> int | None:
    """The publication day when it is known (metadata or text), None for undated or merely inferred dates."""
    d = ad.document
    if d.published_from not in TRUSTED_PUBLISHED:
        return None
    return day(d.published)


def happening_day(ad: AnalysedDocument, lead: int = 4) -> int | None:
    """The day of the happening the article reports: the most frequent day-grain date in its lead sentences that lies
    within a week before (or the day after) publication; ties go to the earlier sentence. None when unknown. Dates
    resolved against an inferred publication date are not trusted."""
    pub = published_day(ad)
    if pub is None:
        return None
    limit = ad.sentences[lead - 1].end if len(ad.sentences) >= lead else len(ad.document.text)
    counts: Counter[int] = Counter()
    first: dict[int, int] = {}
    for m in ad.dates:
        if m.grain != "day" or m.start >= limit or m.resolved_from == "unresolved":
            continue
        d = day(m.value)
        if d is None or not (pub - 7 <= d <= pub + 1):
            continue
        counts[d] += 1
        first.setdefault(d, m.start)
    if not counts:
        return None
    return max(counts, key=lambda d: (counts[d], -first[d]))


def entity_keys(ad: AnalysedDocument) -> list[str]:
    """One key per entity mention: the resolved entity id, else the mention's normalised surface form."""
    out = []
    for m in ad.mentions:
        if m.entity:
            out.append("e:" + m.entity)
        else:
            t = " ".join(stem(w) for w in _words_ta_kept(m.text))
            if t:
                out.append("e:" + t)
    return out


def claim_keys(ad: AnalysedDocument) -> list[str]:
    """Keys of the quantities the article claims (measure and value): two reports of «120 killed» share one."""
    out = []
    for c in ad.claims:
        v = c.value if c.value is not None else c.high
        if v is None or c.measure in (None, "other"):
            continue
        out.append(f"c:{c.measure}:{v:g}")
    return out


ENTITY_BOOST = 1.5   # an entity or claim key counts more than a plain word
TITLE_BOOST = 2      # title words are counted this many times


BIGRAMS = True       # adjacent content terms: «حجر الأساس», «قناة السويس» are far better evidence than their words
LEAD_SENTENCES = 3   # the lead (title and first sentences) says what happened; its words count twice


def bag(ad: AnalysedDocument, max_chars: int = 6000) -> Counter[str]:
    """Term counts of a document: title and lead words (boosted), body content terms, entity and claim keys."""
    d = ad.document
    body = content_terms(d.text[:max_chars])
    c: Counter[str] = Counter(body)
    if BIGRAMS:
        c.update(f"{a}_{b}" for a, b in zip(body, body[1:]))
    lead_end = ad.sentences[LEAD_SENTENCES - 1].end if len(ad.sentences) >= LEAD_SENTENCES else min(len(d.text), 600)
    for t in content_terms(d.text[:lead_end]):
        c[t] += 1
    if d.title:
        for t in content_terms(d.title):
            c[t] += TITLE_BOOST
    for k in entity_keys(ad):
        c[k] += 1
    for k in claim_keys(ad):
        c[k] += 1
    return c


MAX_GAIN = 2.0


def tfidf(counts: Counter[str], df, n_docs: int, top: int = 80, min_df: int = 2) -> dict[str, float]:
    """Sublinear TF-IDF of a bag, L2-normalised, truncated to its `top` heaviest terms. `df(term)` -> document freq.
    Terms in more than half the documents (once the corpus has 20+) carry no signal and are dropped; so are terms
    seen in fewer than `min_df` documents: a word no other article uses cannot link this one to anything, and would
    only inflate the norm of long articles."""
    w = {}
    dropped = 0.0
    cap = n_docs * 0.5 if n_docs >= 20 else n_docs + 1
    for t, k in counts.items():
        f = df(t)
        if f > cap:
            continue
        x = (1 + math.log(k)) * (math.log((1 + n_docs) / (1 + f)) + 1)
        if x <= 0:
            continue
        if t[:2] in ("e:", "c:"):
            x *= ENTITY_BOOST
        if f < min_df:
            dropped += x * x
            continue
        w[t] = x
    if len(w) > top:
        w = dict(sorted(w.items(), key=lambda kv: -kv[1])[:top])
    kept = sum(x * x for x in w.values())
    # normalised over what is kept, but never blown up more than MAX_GAIN times: an article sharing only a word
    # or two with the corpus must not look like a perfect match of another on those words
    norm = max(math.sqrt(kept), math.sqrt(kept + dropped) / MAX_GAIN) or 1.0
    return {t: x / norm for t, x in w.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def add_into(centroid: dict[str, float], vec: dict[str, float], top: int = 120) -> dict[str, float]:
    """Sum of (unnormalised) centroid and a vector, truncated to its heaviest terms."""
    out = dict(centroid)
    for t, x in vec.items():
        out[t] = out.get(t, 0.0) + x
    if len(out) > top:
        out = dict(sorted(out.items(), key=lambda kv: -kv[1])[:top])
    return out


def unit(v: dict[str, float]) -> dict[str, float]:
    n = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / n for t, x in v.items()}
