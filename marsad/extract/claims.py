"""Claims: every quantity that states a fact about the world, with what it counts, whose, who says so, when, and how.

`extract_claims(ad)` turns the number tagger's quantities (`ad.quantities`) into `Claim` objects:

- **measure** — what is counted, a key of `marsad/arabic/data/measures.yaml`: `marsad.extract.measures`.
- **subject** — whose («جندي كوري شمالي» → كوريا الشمالية): `marsad.extract.subjects`.
- **holder**, **claim_date**, **stance** — who asserts it (as written, with `holder_start`/`holder_end`), the date
  of the statement and how firmly: `marsad.extract.attribution` (shared with the quotes stage). Unattributed
  claims keep `holder=None`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from marsad.arabic.data import load_yaml
from marsad.extract.attribution import NOT_FIGURES, attributions
from marsad.extract.frames import frame_claims
from marsad.extract.measures import counted_noun, measure_lexicon, measure_of
from marsad.extract.subjects import fill_usual_subjects, partitive_of, subject_lexicon, subject_of
from marsad.extract.textview import PUNCT, View, fold
from marsad.model import AnalysedDocument, Claim, Quantity

__all__ = ["extract_claims", "lexicon"]


# ------------------------------------------------------------------ lexicon (data files, loaded once)
@dataclass
class _Lex:
    qualifier_before: list
    restatement_re: re.Pattern
    skip_units: set
    one_of: set               # «واحدة من أكبر …»: "one of the …", no figure


@functools.cache
def lexicon() -> _Lex:
    m = load_yaml("measures.yaml")
    return _Lex(
        qualifier_before=[(re.compile(r"(?:^|\s)(?:" + fold(r["regex"]) + r")\s*$"), r["qualifier"])
                          for r in m.get("qualifier_before") or []],
        restatement_re=re.compile(r"(?:^|\s)(?:" + "|".join(fold(x) for x in m.get("restatement") or ["أي"]) + r")\s*$"),
        skip_units={fold(x) for x in m.get("skip_units") or []},
        one_of={fold(x) for x in m.get("one_of_followers") or []},
    )


_CURRENCY_NISBA = re.compile(r"\s*((?:ال)?[\u0621-\u064a]{3,}ي(?:ه)?)(?=[\s" + re.escape(PUNCT) + r"]|$)")


def _unit(q: Quantity, v: View) -> str | None:
    u = q.unit
    if q.kind == "money" and u and not re.fullmatch(r"[A-Z]{3}", u):
        m = _CURRENCY_NISBA.match(v.norm, v.n(q.end))
        if m:
            u = f"{u} {v.text[v.o(m.start(1)):v.oe(m.end(1))]}"
    return u


# ------------------------------------------------------------------ the stage
def extract_claims(ad: AnalysedDocument) -> list[Claim]:
    """One Claim per quantity of interest in the document (see module docstring)."""
    text = ad.document.text
    if not text or not ad.quantities:
        return []
    lex = lexicon()
    att = attributions(ad)
    v = att.v
    claims: list[Claim] = []
    figures = [q for q in ad.quantities if q.kind not in NOT_FIGURES]
    by_quantity: dict[int, Claim] = {}     # quantity start -> its claim
    part_start: dict[str, int] = {}        # claim id -> the start of its total's quantity (the tagger's part_of_start)
    nisba_nouns = subject_lexicon().noun_country
    for q in ad.quantities:
        if q.kind in NOT_FIGURES:
            continue
        noun = counted_noun(q, v)
        if q.unit and fold(q.unit) in lex.skip_units:
            continue
        if q.value == 1 and q.unit and fold(q.unit) in lex.one_of and " من " in f" {fold(q.text)} ":
            continue
        si = att.sentence_index(q.start)
        ss, se = att.sentences[si]
        ss, se = min(ss, q.start), max(se, q.end)
        ns, ne = v.n(ss), v.n(se)
        q_ns, q_ne = v.n(q.start), v.n(q.end)
        holder, hs, he, stance, date, cue = att.of_figure(q.start, q.end)   # attribution.py
        lo = cue.content if cue and cue.e <= q_ns and cue.content <= q_ns else ns
        # qualifiers the tagger left implicit («بنحو 150»، «تجاوز 200»، «قد تصل قيمته إلى مليار»)
        qual, value, low, high, ev_start = q.qualifier, q.value, q.low, q.high, q.start
        if qual == "exact" and value is not None:
            pre = v.norm[max(ns, q_ns - 40):q_ns]
            for rx, ql in lex.qualifier_before:
                m = rx.search(pre)
                if m:
                    qual = ql
                    st = max(ns, q_ns - 40) + m.start() + (1 if pre[m.start():m.start() + 1].isspace() else 0)
                    ev_start = v.o(st)
                    if ql == "more_than":
                        low = value
                    elif ql == "at_most":
                        high = value
                    break
        later = [v.n(x.start) for x in figures if x.start > q.start]
        measure = measure_of(q, noun, v, ns, ne, next_figure=min(later) if later else None)
        if not q.unit and measure == "other":
            continue   # a bare number that counts nothing we can name
        spec = measure_lexicon().measures.get(measure, {})
        subject = subject_of(ad, att, measure, spec, lo, q_ns, q_ne, holder, hs, he, cue)
        subject_from = None
        if subject is None and q.unit and fold(q.unit) in nisba_nouns:
            subject, subject_from = nisba_nouns[fold(q.unit)], "noun"     # «353565 يمنيا»: Yemenis
        if subject is None and (subject := partitive_of(v, q_ne, q_ns)):
            subject_from = "partitive"                                    # «17 عنصرا من قوات الأمن»
        c = Claim(id=f"{ad.document.id}:{ev_start}", doc=ad.document.id, start=ss, end=se,
                  evidence=text[ev_start:q.end],
                  value=value if qual != "range" else None, low=low, high=high,
                  qualifier=qual, unit=_unit(q, v), measure=measure, subject=subject, holder=holder,
                  claim_date=date.value if date is not None else None, stance=stance,
                  evidence_start=ev_start, evidence_end=q.end)
        # «15 مليار دينار، أي نحو 10 ملايين دولار»: the same figure in other units
        prev = claims[-1] if claims and claims[-1].start == ss else None
        if prev is not None and lex.restatement_re.search(v.norm[max(ns, v.n(prev.evidence_end)):v.n(ev_start)]):
            for k in ("measure", "subject", "holder", "claim_date", "stance"):
                setattr(c, k, getattr(prev, k))
            hs, he = prev.holder_start, prev.holder_end
            c.restates = prev.id
        c.holder_start, c.holder_end = hs, he
        c.kind = q.kind
        if subject_from:
            c.subject_from = subject_from
        if holder is not None and hs is None:
            c.holder_start = c.holder_end = None
        claims.append(c)
        by_quantity[q.start] = c
        if q.part_of_start is not None:
            part_start[c.id] = q.part_of_start
    mlex = measure_lexicon()
    fill_usual_subjects(claims, mlex.persons_mil, mlex.measures["killed"]["nouns"])
    places = [(m.start, m.end, m.refers_to or fold(m.text)) for m in ad.mentions if m.label == "LOC"]
    frame_claims(text, claims, att.sentences, places, ad.dates, ad.document.published, view=v)
    # the number tagger knows some parts for sure («29 منها» of «67 مليار جنيه», «وواحدة في نجران»)
    for c in claims:
        total = by_quantity.get(part_start.get(c.id))
        if total is not None and total is not c:
            c.part_of = total.id
    return claims
