"""What a figure counts: its measure key (`marsad/arabic/data/measures.yaml`) from the counted noun and the
predicates around it.

`measure_of(q, noun, v, lo, hi)` gives the key of quantity `q` read in the normalised view `v` of its document,
within the normalised sentence bounds [lo, hi); `counted_noun(q, v)` the noun it counts. The rules, in the order the
data file documents them: the counted noun itself; a person noun with the nearest predicate; a cue word for money,
percentages and physical measures; else the kind's fallback.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from marsad.arabic.data import load_yaml
from marsad.extract.textview import View, bare, fold
from marsad.model import Quantity

__all__ = ["measure_of", "counted_noun", "measure_lexicon"]


@dataclass
class _MeasureLex:
    measures: dict
    persons_mil: set
    persons_civ: set
    window: int
    cue_window: int
    fallback: dict


@functools.cache
def measure_lexicon() -> _MeasureLex:
    m = load_yaml("measures.yaml")
    measures = {}
    for key, spec in (m.get("measures") or {}).items():
        spec = dict(spec or {})
        spec["nouns"] = {fold(x) for x in spec.get("nouns") or []}
        spec["units"] = {fold(x) for x in spec.get("units") or []}
        spec["pred_re"] = [re.compile(fold(p) if "\\" in p else re.escape(fold(p))) for p in spec.get("predicates") or []]
        spec["cue_re"] = [re.compile(fold(p) if "\\" in p else re.escape(fold(p))) for p in spec.get("cues") or []]
        spec["if_followed"] = [(fold(x["noun"]), re.compile(x["regex"])) for x in spec.get("nouns_if_followed") or []]
        p = spec.get("persons", "any")
        spec["persons"] = {fold(x) for x in p} if isinstance(p, list) else p
        measures[key] = spec
    return _MeasureLex(
        measures=measures,
        persons_mil={fold(x) for x in m["persons"]["military"]},
        persons_civ={fold(x) for x in m["persons"]["civilian"]},
        window=int(m.get("window", 7)), cue_window=int(m.get("cue_window", 9)),
        fallback=m.get("fallback") or {},
    )


def counted_noun(q: Quantity, v: View) -> str | None:
    """The counted noun: the tagger's lemma, or the word(s) right after a bare number («15 ألفاً فرصة عمل»)."""
    if q.unit:
        return fold(q.unit)
    ti = v.tok_at(v.n(q.end))
    if ti < len(v.toks):
        t = v.toks[ti]
        if v.norm[v.n(q.end):t.s].strip() == "":
            two = " ".join(x.w for x in v.toks[ti:ti + 2])
            return two if two else None
    return None


def _pred_hit(words: list[tuple[int, str]], regs) -> int | None:
    """Distance of the nearest word matching one of regs."""
    for dist, w in words:
        for cand in bare(w):
            if any(r.fullmatch(cand) for r in regs):
                return dist
    return None


def _window_words(v: View, q_ns: int, q_ne: int, lo: int, hi: int, k: int):
    """Words within k of the number phrase [q_ns, q_ne) inside [lo, hi): [(distance, word)], nearest first."""
    i_before = v.tok_before(q_ns)
    i_after = v.tok_at(q_ne)
    out = []
    for d in range(1, k + 1):
        b = i_before - d + 1
        if b >= 0 and v.toks[b].s >= lo:
            out.append((d, v.toks[b].w))
        a = i_after + d - 1
        if a < len(v.toks) and v.toks[a].e <= hi:
            out.append((d + 0.5, v.toks[a].w))
            if d < k and a + 1 < len(v.toks) and v.toks[a + 1].e <= hi:   # two-word predicates («خسائر بشرية»)
                out.append((d + 0.6, v.toks[a].w + " " + v.toks[a + 1].w))
    out.sort(key=lambda x: x[0])
    return out


def measure_of(q: Quantity, noun: str | None, v: View, lo: int, hi: int) -> str:
    """The measure key of quantity q (see module doc)."""
    lex = measure_lexicon()
    q_ns, q_ne = v.n(q.start), v.n(q.end)
    nb = set(bare(noun)) if noun else set()
    if noun and " " in noun:
        nb |= {noun.split()[0], noun}
    elif noun:   # a two-word counted noun («فرصة عمل»): the unit and the word after the phrase
        ti = v.tok_at(q_ne)
        if ti < len(v.toks) and not v.norm[q_ne:v.toks[ti].s].strip():
            nb.add(noun + " " + v.toks[ti].w)
    kind = q.kind
    # 1. the counted noun itself
    if kind == "count" and noun:
        rest = v.norm[q_ne:hi]
        for key, spec in lex.measures.items():
            for nn, rx in spec["if_followed"]:
                if nn in nb and rx.search(rest):
                    return key
        for key, spec in lex.measures.items():
            if spec["nouns"] & nb and not spec.get("kind"):
                return key
    if kind in ("money", "percent", "measure"):
        words = [(d, w) for d, w in _window_words(v, q_ns, q_ne, lo, hi, lex.cue_window) if d == int(d)]
        best = None
        for key, spec in lex.measures.items():
            if spec.get("kind") != kind or not spec["cue_re"]:
                continue
            if kind == "measure" and not (spec["units"] & nb):
                continue
            d = _pred_hit(words, spec["cue_re"])
            if d is not None and (best is None or d < best[0]):
                best = (d, key)
        if best:
            return best[1]
        return lex.fallback.get(kind, "other")
    # a bare number («قوة مُرسلة قدرها 15 ألفاً»، «ارتفع عدد القتلى إلى 50»): the counted noun is a few words before
    if not q.unit:
        for key, spec in lex.measures.items():   # «20 ألف فرصة عمل»: the words right after
            if not spec.get("kind") and spec["nouns"] & nb:
                return key
        back = [w for d, w in _window_words(v, q_ns, q_ne, lo, hi, 4) if d == int(d)]
        known = lex.persons_mil | lex.persons_civ | {x for sp in lex.measures.values() for x in sp["nouns"]}
        hit = next((x for w in back for x in bare(w) if x in known), None)
        if hit is None:
            return "other"
        nb = {hit}
        for key, spec in lex.measures.items():
            if not spec.get("kind") and hit in spec["nouns"]:
                return key
    # 2. person (or other) noun + predicate
    is_mil = bool(nb & lex.persons_mil) or not nb
    is_civ = bool(nb & lex.persons_civ)
    words = _window_words(v, q_ns, q_ne, lo, hi, lex.window)
    best = None
    for key, spec in lex.measures.items():
        if spec.get("kind") or not spec["pred_re"]:
            continue
        p = spec["persons"]
        if p == "military" and not is_mil:
            continue
        if p == "any" and not (is_mil or is_civ):
            continue
        if isinstance(p, set) and not (p & nb):
            continue
        d = _pred_hit(words, spec["pred_re"])
        if d is not None and (best is None or d < best[0]):
            best = (d, key)
    if best:
        return best[1]
    return lex.fallback.get(kind, "other")
