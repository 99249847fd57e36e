"""Whose a figure is: the subject of a claim («جندي كوري شمالي» → كوريا الشمالية).

A nisba right after the counted noun; for agent measures (deployments, aid, arrests) the country or actor of the
clause; for money the holder's country; else the article's usual subject for that measure (`fill_usual_subjects`).
Countries, nisbas and place names come from `measures.yaml` (`nisba`, `places`).
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from marsad.arabic.data import load_yaml
from marsad.extract.attribution import Attributions, Cue
from marsad.extract.textview import NUMLIKE, PUNCT, View, bare, fold
from marsad.model import AnalysedDocument

__all__ = ["subject_of", "fill_usual_subjects", "subject_lexicon"]

AGENT = {"troops_deployed", "workers_sent", "weapons_supplied", "missiles_launched", "area_controlled",
         "aid_amount", "arrested"}
_CLAUSE_RE = re.compile(r"[,;:]|(?<!\S)(?:فيما|بينما|حيث|و?لكن)(?=\s)")


@dataclass
class _SubjectLex:
    nisba_re: re.Pattern
    nisba_of: dict
    places: dict
    noun_country: dict      # a nisba used as the counted noun («يمني») -> its country


def _nisba_forms(stem: str) -> str:
    words = fold(stem).split()
    out = []
    for w in words:
        base = w[:-1] if w.endswith("ي") else w
        out.append(r"(?:ال)?" + re.escape(base) + r"(?:يه|ي|يين|يون|يان|يتين|يتان|ين|يا)")
    return r"\s+".join(out)


@functools.cache
def subject_lexicon() -> _SubjectLex:
    m = load_yaml("measures.yaml")
    nisba = m.get("nisba", {})
    nisba_alts, nisba_of = [], {}
    for stem, country in sorted(nisba.items(), key=lambda kv: -len(kv[0])):
        nisba_alts.append(_nisba_forms(stem))
    nisba_re = re.compile(r"(?<!\S)(?:[وب])?(?P<n>" + "|".join(f"({a})" for a in nisba_alts) + r")(?=[\s" +
                          re.escape(PUNCT) + r"]|$)")
    for i, (stem, country) in enumerate(sorted(nisba.items(), key=lambda kv: -len(kv[0]))):
        nisba_of[i] = country
    return _SubjectLex(nisba_re=nisba_re, nisba_of=nisba_of,
                       places={fold(k): v for k, v in (m.get("places") or {}).items()},
                       noun_country={fold(k): v for k, v in nisba.items() if " " not in k})


def _places_in(v: View, lo: int, hi: int, ad: AnalysedDocument, skip: tuple[int, int] | None):
    """Countries named in normalised [lo, hi): [(normalised offset, canonical name)] from mentions, nisbas, places."""
    lex = subject_lexicon()
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
    named = any(m.start == os_ for m in att.ad.mentions) or fold(words[0].w) in subject_lexicon().places
    if not (words[0].w.startswith("ال") or named):
        return None   # «أنها ستقدم …»: a verb, not an actor
    name = att.ad.document.text[os_:v.oe(words[-1].e)]
    return subject_lexicon().places.get(fold(name)) or name


def _nisba_after(v: View, q_ne: int) -> str | None:
    lex = subject_lexicon()
    seg_end = min(len(v.norm), q_ne + 40)
    m = lex.nisba_re.search(v.norm, q_ne, seg_end)
    # the adjective right after the counted noun («جندي كوري شمالي»، «جنديا روسيا»), not «إلى روسيا»
    if m and not v.norm[q_ne:m.start()].strip():
        gi = next(i for i, g in enumerate(m.groups()[1:]) if g)
        return lex.nisba_of[gi]
    return None


_PART_WORDS = {"بينهم", "بينها", "منهم", "منها", "ضمنهم"}
_PARTITIVE_STOP = {"في", "علي", "الي", "منذ", "خلال", "بعد", "قبل", "عن", "مع", "من", "حتي", "الذين", "التي", "الذي",
                   "او", "ثم", "كما", "وذلك"}


def partitive_of(v: View, q_ne: int, q_ns: int | None = None) -> str | None:
    """«17 عنصرا من قوات الأمن التركية», «32 من الناشطين»: whose the figure is, as written after «من» (up to three
    words, up to a preposition, a figure or punctuation)."""
    ti = v.tok_at(q_ne)
    inside = [i for i in range(v.tok_at(q_ns), ti) if v.toks[i].w == "من"] if q_ns is not None else []
    if inside:
        ti = inside[-1]   # «9 من عناصر الشرطة»: the number tagger kept «من عناصر» as the counted noun
    elif ti >= len(v.toks) or v.toks[ti].w != "من" or v.norm[q_ne:v.toks[ti].s].strip():
        return None
    nxt = [t for t in v.toks[ti + 1:ti + 3]]
    ok = [t for t in nxt if t.w and t.w not in _PARTITIVE_STOP and t.w not in _PART_WORDS and not NUMLIKE.match(t.w)]
    if not ok or ok[0] is not nxt[0]:
        return None
    first = ok[0]
    # «من الناشطين», «من قوات الأمن» (a definite group, maybe with its genitive), «من عناصر الشرطة» (an indefinite
    # head in construct with a definite noun); not «من بينهم», a verb or a figure
    if first.w.startswith("ال"):
        words = [first] + ([ok[1]] if len(ok) > 1 and ok[1] is nxt[1] and ok[1].w.startswith("ال")
                           and first.raw == first.w else [])
    elif len(ok) > 1 and ok[1] is nxt[1] and ok[1].w.startswith("ال") and first.raw == first.w:
        words = [first, ok[1]]
    else:
        return None
    return v.text[v.o(words[0].s):v.oe(words[-1].e)]


def subject_of(ad: AnalysedDocument, att: Attributions, measure: str, spec: dict, lo: int, q_ns: int, q_ne: int,
               holder: str | None, hs: int | None, he: int | None, cue: Cue | None) -> str | None:
    """The subject of a figure at normalised [q_ns, q_ne) whose reported content starts at `lo`."""
    lex = subject_lexicon()
    v = att.v
    subject = _nisba_after(v, q_ne)
    if subject is None and (spec.get("subject") == "agent" or spec.get("kind") in ("money",) or measure in AGENT):
        cands = _places_in(v, lo, q_ns, ad, (hs, he) if hs is not None else None)
        if cands:
            # the actor of the clause holding the number (after the last comma / «فيما»), else of the content
            cl = max([lo] + [m.end() for m in _CLAUSE_RE.finditer(v.norm, lo, q_ns)])
            inner = [x for x in cands if x[0] >= cl]
            subject = (inner or cands)[0][1]
    if subject is None and measure in AGENT and cue and cue.content <= q_ns:
        subject = _actor(att, cue, q_ns, spec)
    if subject is None and holder and spec.get("kind") == "money":
        hn = fold(holder)
        subject = lex.places.get(hn) or next((m.refers_to for m in ad.mentions if hs is not None and
                                              hs <= m.start < (he or hs) and m.refers_to), None)
        if subject is None:
            m = lex.nisba_re.search(hn)
            if m:
                subject = lex.nisba_of[next(i for i, g in enumerate(m.groups()[1:]) if g)]
    return subject


def fill_usual_subjects(claims: list, persons_mil: set, killed_nouns: set) -> None:
    """Subjects the text leaves implicit: the article's usual subject for that measure (marked `subject_from`)."""
    usual: dict[str, Counter] = {}
    people = Counter()
    for c in claims:
        if c.subject and getattr(c, "subject_from", None) != "partitive":
            usual.setdefault(c.measure, Counter())[c.subject] += 1
            if c.kind == "count" and c.measure != "other":
                people[c.subject] += 1
    for c in claims:
        if c.subject is None and c.measure != "other":
            if c.measure in usual:
                c.subject = usual[c.measure].most_common(1)[0][0]
            elif c.kind == "count" and people and (not c.unit or fold(c.unit) in persons_mil
                                                   or (c.unit and fold(c.unit) in killed_nouns)):
                c.subject = people.most_common(1)[0][0]
            else:
                continue
            c.subject_from = "document"
