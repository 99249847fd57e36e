"""An extractive, cited multi-document summary of a story or an event.

Candidate sentences come from the member documents (near-duplicate copies add nothing: their sentences only become
extra `sources`). Each sentence is scored by LexRank-style centrality (power iteration over the cosine graph of
sentence TF-IDF vectors), a lead bonus (news puts the happening first), and coverage of the story's main claims and
entities; sentences are then picked by maximal marginal relevance, and a sentence too close to one already picked is
never taken (it becomes a source of it instead). Every summary sentence is a verbatim span of its document's text.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter

import numpy as np

from marsad.arabic.data import load_yaml
from marsad.corpus.dedup import near_duplicates
from marsad.corpus.features import content_terms, day, entity_keys
from marsad.extract.attribution_lexicon import lexicon
from marsad.extract.textview import fold, strip_clitic
from marsad.model import AnalysedDocument, SourceRef, SummarySentence

MIN_WORDS, MAX_WORDS = 6, 70
LEAD_SENTENCES = 6          # sentences read per document
MAX_DOCS = 60               # documents read in a large story (spread over its span)
EDGE = 0.1                  # cosine above which two sentences are linked in the centrality graph
REDUNDANT = 0.30            # cosine above which two sentences are too close to both be in a summary
SAME = 0.45                 # cosine above which another document's sentence says the same (cited in `sources`)
MMR_LAMBDA = 0.7


@functools.cache
def _furniture() -> tuple[list[re.Pattern], list[re.Pattern]]:
    data = load_yaml("summary.yaml")
    return [re.compile(p) for p in data["prefixes"]], [re.compile(p) for p in data["furniture"]]


def news_start(span: str, first: bool = True) -> int | None:
    """Where the news of a sentence starts: after its dateline or byline prefix («أرجان - (المشرق): …»,
    arabic/data/summary.yaml `prefixes`; only in an article's `first` sentence or one opening a paragraph, where a
    page puts them: see `lead_index`, `opens_paragraph`); None when
    the sentence is page furniture through and through (a link line, «اقرأ أيضاً»: `furniture`)."""
    prefixes, furniture = _furniture()
    if any(p.search(span) for p in furniture):
        return None
    if not first:
        return 0
    start = 0
    while True:
        cut = max((m.end() for p in prefixes if (m := p.match(span, start)) and not _reports(m.group())),
                  default=start)
        if cut <= start:
            return start
        start = cut


def lead_index(text: str, spans) -> int:
    """The index of an article's first sentence that is not page furniture (a byline line alone or a link line
    may come before it): the sentence whose start a dateline may hold. `spans` are (start, end) pairs."""
    for i, (a, b) in enumerate(spans[:LEAD_SENTENCES]):
        if news_start(text[a:b], first=True) is not None:
            return i
    return 0


def opens_paragraph(text: str, start: int) -> bool:
    """Whether a sentence starting at `start` opens a paragraph (a round-up article datelines each of its items:
    «…\n\nباماكو - وكالة ما: …»)."""
    return start == 0 or text[:start].rstrip(" \t").endswith("\n")


def _reports(prefix: str) -> bool:
    """Whether a would-be dateline holds a reporting verb («وقالت السيدة – فلانة من المدينة: إن …», «ثم قال
    -رحمه الله-:»): then it is the sentence's own speaker and colon, not a dateline (reporting_verbs.tsv)."""
    verbs = lexicon().verbs
    return any(x in verbs for w in fold(prefix).split() for x in strip_clitic(w))


def _order(ad: AnalysedDocument):
    return (day(ad.document.published) is None, ad.document.published or "", ad.document.id)


def _candidates(docs: list[AnalysedDocument]):
    out = []
    for ad in docs:
        text = ad.document.text
        claims = [(c.start, c.end) for c in ad.claims]
        ents = [(m.start, m.end, k) for m, k in zip(ad.mentions, entity_keys(ad))] if ad.mentions else []
        head = lead_index(text, [(s.start, s.end) for s in ad.sentences])
        for pos, s in enumerate(ad.sentences[:LEAD_SENTENCES]):
            lead = news_start(text[s.start:s.end], first=pos == head or opens_paragraph(text, s.start))
            if lead is None:
                continue
            start = s.start + lead   # the summary starts at the news, not at its dateline or byline
            span = text[start:s.end]
            n = len(span.split())
            if n < MIN_WORDS or n > MAX_WORDS or span.rstrip().endswith(":"):
                continue
            terms = content_terms(span)
            if len(terms) < 3:
                continue
            out.append({"doc": ad.document.id, "start": start, "end": s.end, "text": span, "pos": pos,
                        "terms": Counter(terms),
                        "claims": sum(1 for a, b in claims if s.start <= a < s.end),
                        "ents": {k for a, b, k in ents if s.start <= a < s.end}})
    return out


def _vectors(cands) -> np.ndarray:
    df: Counter[str] = Counter()
    for c in cands:
        df.update(c["terms"].keys())
    vocab = {t: i for i, t in enumerate(df)}
    n = len(cands)
    m = np.zeros((n, len(vocab)), dtype=np.float32)
    for i, c in enumerate(cands):
        for t, k in c["terms"].items():
            m[i, vocab[t]] = (1 + math.log(k)) * (math.log((1 + n) / (1 + df[t])) + 1)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return m / norms


def lexrank(sim: np.ndarray, edge: float = EDGE, damping: float = 0.85, iters: int = 50) -> np.ndarray:
    a = (sim >= edge).astype(np.float64)
    np.fill_diagonal(a, 0)
    deg = a.sum(axis=1, keepdims=True)
    deg[deg == 0] = 1
    p = a / deg
    n = len(sim)
    r = np.full(n, 1.0 / n)
    for _ in range(iters):
        r2 = (1 - damping) / n + damping * (p.T @ r)
        if np.abs(r2 - r).sum() < 1e-8:
            r = r2
            break
        r = r2
    return r / (r.max() or 1)


def summarise(story, ads: list[AnalysedDocument], budget: int = 5, duplicates: dict[str, str] | None = None
              ) -> list[SummarySentence]:
    """Up to `budget` sentences summarising a story or event (anything with `.documents`), each cited."""
    members = set(story.documents)
    docs = sorted((a for a in ads if a.document.id in members), key=_order)
    if duplicates is None:  # copies among the members only: LSH over them, cheap
        duplicates = near_duplicates(docs)
    dups = duplicates
    primary = [a for a in docs if a.document.id not in dups] or docs
    if len(primary) > MAX_DOCS:
        step = len(primary) / MAX_DOCS
        primary = [primary[int(i * step)] for i in range(MAX_DOCS)]
    cands = _candidates(primary)
    if not cands:
        return _fallback(docs)
    vec = _vectors(cands)
    sim = vec @ vec.T
    central = lexrank(sim)
    ent_df: Counter[str] = Counter()
    for c in cands:
        ent_df.update(c["ents"])
    top_ents = {k for k, n in ent_df.most_common(8) if n > 1}
    score = np.array([central[i] + 0.3 / (1 + c["pos"]) + 0.15 * min(c["claims"], 2)
                      + 0.1 * len(c["ents"] & top_ents) for i, c in enumerate(cands)])
    chosen: list[int] = []
    covered: set[str] = set()
    while len(chosen) < budget:
        best, best_v = None, -1e9
        for i in range(len(cands)):
            if i in chosen:
                continue
            red = max((sim[i, j] for j in chosen), default=0.0)
            if red >= REDUNDANT:
                continue
            new_ents = len(cands[i]["ents"] & top_ents - covered)
            v = MMR_LAMBDA * (score[i] + 0.05 * new_ents) - (1 - MMR_LAMBDA) * red
            if v > best_v:
                best, best_v = i, v
        if best is None:
            break
        chosen.append(best)
        covered |= cands[best]["ents"]
    order = {a.document.id: k for k, a in enumerate(docs)}
    texts = {a.document.id: a.document.text for a in docs}
    chosen.sort(key=lambda i: (order[cands[i]["doc"]], cands[i]["start"]))
    out = []
    for i in chosen:
        c = cands[i]
        src = [SourceRef(doc=cands[j]["doc"], start=cands[j]["start"], end=cands[j]["end"])
               for j in range(len(cands)) if j != i and cands[j]["doc"] != c["doc"] and sim[i, j] >= SAME]
        seen, srcs = set(), []
        for s in src:
            if s.doc not in seen:
                seen.add(s.doc)
                srcs.append(s)
        for d, canon in dups.items():  # copies say the same as their canonical document
            if canon == c["doc"] and d in members and d not in seen:
                k = texts[d].find(c["text"])
                if k >= 0:
                    srcs.append(SourceRef(doc=d, start=k, end=k + len(c["text"])))
        out.append(SummarySentence(text=c["text"], doc=c["doc"], start=c["start"], end=c["end"], sources=srcs))
    return out


def _fallback(docs: list[AnalysedDocument]) -> list[SummarySentence]:
    """No usable sentence (very short documents): the first sentence of the first document."""
    for ad in docs:
        if ad.sentences:
            s = ad.sentences[0]
            return [SummarySentence(text=ad.document.text[s.start:s.end], doc=ad.document.id, start=s.start,
                                    end=s.end)]
    return []
