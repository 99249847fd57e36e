"""Claims: every quantity that states a fact about the world, with what it counts, whose, who says so, when, and how.

`extract_claims(ad)` turns the number tagger's quantities (`ad.quantities`) into `Claim` objects:

- **measure** — what is counted, a key of `marsad/arabic/data/measures.yaml`, from the counted noun («قتيلا»)
  or, for person nouns («جندي»، «شخص»), from the nearest predicate («أرسلت»، «لقوا حتفهم»، «قتل»).
- **subject** — whose: a nisba after the counted noun («جندي كوري شمالي» → كوريا الشمالية), for agent measures
  (deployments, aid) the actor of the clause, else the article's usual subject for that measure.
- **holder**, **claim_date**, **stance** — who asserts it (as written, with `holder_start`/`holder_end`), the date
  of the statement and how firmly: `marsad.extract.attribution` (shared with the quotes stage). Unattributed
  claims keep `holder=None`.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from marsad.arabic.data import load_yaml
from marsad.extract.attribution import NOT_FIGURES, Attributions, Cue, attributions
from marsad.extract.textview import PUNCT, View, bare, fold
from marsad.model import AnalysedDocument, Claim, Quantity

__all__ = ["extract_claims", "lexicon"]


# ------------------------------------------------------------------ lexicon (data files, loaded once)
@dataclass
class _Lex:
    qualifier_before: list
    restatement_re: re.Pattern
    measures: dict
    persons_mil: set
    persons_civ: set
    skip_units: set
    window: int
    cue_window: int
    fallback: dict
    nisba_re: re.Pattern
    nisba_of: dict
    places: dict


def _nisba_forms(stem: str) -> str:
    words = fold(stem).split()
    out = []
    for w in words:
        base = w[:-1] if w.endswith("ي") else w
        out.append(r"(?:ال)?" + re.escape(base) + r"(?:يه|ي|يين|يون|يان|يتين|يتان|ين|يا)")
    return r"\s+".join(out)


@functools.cache
def lexicon() -> _Lex:
    m = load_yaml("measures.yaml")
    nisba = m.get("nisba", {})
    nisba_alts, nisba_of = [], {}
    for stem, country in sorted(nisba.items(), key=lambda kv: -len(kv[0])):
        nisba_alts.append(_nisba_forms(stem))
    nisba_re = re.compile(r"(?<!\S)(?:[وب])?(?P<n>" + "|".join(f"({a})" for a in nisba_alts) + r")(?=[\s" +
                          re.escape(PUNCT) + r"]|$)")
    for i, (stem, country) in enumerate(sorted(nisba.items(), key=lambda kv: -len(kv[0]))):
        nisba_of[i] = country
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
    return _Lex(
        qualifier_before=[(re.compile(r"(?:^|\s)(?:" + fold(r["regex"]) + r")\s*$"), r["qualifier"])
                          for r in m.get("qualifier_before") or []],
        restatement_re=re.compile(r"(?:^|\s)(?:" + "|".join(fold(x) for x in m.get("restatement") or ["أي"]) + r")\s*$"),
        measures=measures,
        persons_mil={fold(x) for x in m["persons"]["military"]},
        persons_civ={fold(x) for x in m["persons"]["civilian"]},
        skip_units={fold(x) for x in m.get("skip_units") or []},
        window=int(m.get("window", 7)), cue_window=int(m.get("cue_window", 9)),
        fallback=m.get("fallback") or {},
        nisba_re=nisba_re, nisba_of=nisba_of,
        places={fold(k): v for k, v in (m.get("places") or {}).items()},
    )


_AGENT = {"troops_deployed", "workers_sent", "weapons_supplied", "missiles_launched", "area_controlled",
          "aid_amount", "arrested"}
_CLAUSE_RE = re.compile(r"[,;:]|(?<!\S)(?:فيما|بينما|حيث|و?لكن)(?=\s)")


# ------------------------------------------------------------------ measure, unit, subject
def _lemma_match(lemma: str | None, words: set) -> bool:
    return bool(lemma) and fold(lemma) in words


def _counted_noun(q: Quantity, v: View) -> str | None:
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


def _measure(q: Quantity, noun: str | None, v: View, lo: int, hi: int) -> str:
    lex = lexicon()
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


def _places_in(v: View, lo: int, hi: int, ad: AnalysedDocument, skip: tuple[int, int] | None):
    """Countries named in normalised [lo, hi): [(normalised offset, canonical name)] from mentions, nisbas, places."""
    lex = lexicon()
    out = []
    olo, ohi = v.o(lo), v.oe(hi)
    for m in ad.mentions:
        if olo <= m.start and m.end <= ohi and m.label in ("LOC", "ORG", None):
            if skip and skip[0] <= m.start < skip[1]:
                continue
            name = m.refers_to or (lex.places.get(fold(m.text)))
            if name:
                out.append((v.n(m.start), name))
    for m in lex.nisba_re.finditer(v.norm, lo, hi):
        if skip and skip[0] <= v.o(m.start()) < skip[1]:
            continue
        gi = next(i for i, g in enumerate(m.groups()[1:]) if g)
        out.append((m.start("n"), lex.nisba_of[gi]))
    for name, country in lex.places.items():
        for m in re.finditer(r"(?<!\S)(?:[وب])?" + re.escape(name) + r"(?=[\s" + re.escape(PUNCT) + r"]|$)",
                             v.norm[lo:hi]):
            s = lo + m.start()
            if skip and skip[0] <= v.o(s) < skip[1]:
                continue
            out.append((s, country))
    # recipients («إلى أوكرانيا»، «لأوكرانيا») are not actors
    keep = []
    for s, name in out:
        before = v.norm[max(0, s - 5):s]
        word = v.norm[s:s + 3]
        if re.search(r"(الي|لدي|ضد)\s*$", before) or word.startswith("ل") and not name.startswith("ل"):
            continue
        keep.append((s, name))
    return sorted(set(keep))


def _actor(att: "Attributions", cue: Cue, q_ns: int, spec: dict) -> str | None:
    """The subject of the reported clause («أن الحكومة خصصت …»، «إن المنظمة الدولية رصدت …») for agent measures."""
    v = att.v
    ti = v.tok_at(cue.content)
    if ti < len(v.toks) and v.toks[ti].w in att.lex.comps:
        ti += 1
    regs = spec.get("cue_re", []) + spec.get("pred_re", [])
    words = []
    for j in range(ti, min(len(v.toks), ti + 4)):
        t = v.toks[j]
        if t.s >= q_ns:
            return None
        if any(r.fullmatch(x) for r in regs for x in bare(t.w)):
            break
        if t.w in att.lex.np_stop or t.raw != t.w:
            return None
        words.append(t)
    else:
        return None
    if not words:
        return None
    os_ = v.o(words[0].s)
    named = any(m.start == os_ for m in att.ad.mentions) or fold(words[0].w) in lexicon().places
    if not (words[0].w.startswith("ال") or named):
        return None   # «أنها ستقدم …»: a verb, not an actor
    name = att.ad.document.text[os_:v.oe(words[-1].e)]
    return lexicon().places.get(fold(name)) or name


def _nisba_after(v: View, q_ne: int) -> str | None:
    lex = lexicon()
    seg_end = min(len(v.norm), q_ne + 40)
    m = lex.nisba_re.search(v.norm, q_ne, seg_end)
    # the adjective right after the counted noun («جندي كوري شمالي»، «جنديا روسيا»), not «إلى روسيا»
    if m and not v.norm[q_ne:m.start()].strip():
        gi = next(i for i, g in enumerate(m.groups()[1:]) if g)
        return lex.nisba_of[gi]
    return None


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
    agent_from: dict[str, tuple] = {}
    for q in ad.quantities:
        if q.kind in NOT_FIGURES:
            continue
        noun = _counted_noun(q, v)
        if q.unit and fold(q.unit) in lex.skip_units:
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
        measure = _measure(q, noun, v, ns, ne)
        if not q.unit and measure in ("other",) and q.kind == "count":
            continue   # a bare number that counts nothing we can name
        spec = lex.measures.get(measure, {})
        subject = _nisba_after(v, q_ne)
        if subject is None and (spec.get("subject") == "agent" or spec.get("kind") in ("money",)
                                or measure in _AGENT):
            cands = _places_in(v, lo, q_ns, ad, (hs, he) if hs is not None else None)
            if cands:
                # the actor of the clause holding the number (after the last comma / «فيما»), else of the content
                cl = max([lo] + [m.end() for m in _CLAUSE_RE.finditer(v.norm, lo, q_ns)])
                inner = [x for x in cands if x[0] >= cl]
                subject = (inner or cands)[0][1]
        if subject is None and measure in _AGENT and cue and cue.content <= q_ns:
            subject = _actor(att, cue, q_ns, spec)
        if subject is None and holder and spec.get("kind") == "money":
            hn = fold(holder)
            subject = lex.places.get(hn) or next((m.refers_to for m in ad.mentions if hs is not None and
                                                  hs <= m.start < (he or hs) and m.refers_to), None)
            if subject is None:
                m = lex.nisba_re.search(hn)
                if m:
                    subject = lex.nisba_of[next(i for i, g in enumerate(m.groups()[1:]) if g)]
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
        if holder is not None and hs is None:
            c.holder_start = c.holder_end = None
        claims.append(c)
    # subjects the text leaves implicit: the article's usual subject for that measure (marked as inferred)
    usual: dict[str, Counter] = {}
    people = Counter()
    for c in claims:
        if c.subject:
            usual.setdefault(c.measure, Counter())[c.subject] += 1
            if c.kind == "count" and c.measure != "other":
                people[c.subject] += 1
    for c in claims:
        if c.subject is None and c.measure != "other":
            if c.measure in usual:
                c.subject = usual[c.measure].most_common(1)[0][0]
            elif c.kind == "count" and people and (not c.unit or fold(c.unit) in lex.persons_mil
                                                   or (c.unit and fold(c.unit) in lex.measures["killed"]["nouns"])):
                c.subject = people.most_common(1)[0][0]
            else:
                continue
            c.subject_from = "document"
    return claims
