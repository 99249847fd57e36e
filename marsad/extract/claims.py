"""Claims: every quantity that states a fact about the world, with what it counts, whose, who says so, when, and how.

`extract_claims(ad)` turns the number tagger's quantities (`ad.quantities`) into `Claim` objects:

- **measure** — what is counted, a key of `marsad/arabic/data/measures.yaml`, from the counted noun («قتيلا»)
  or, for person nouns («جندي»، «شخص»), from the nearest predicate («أرسلت»، «لقوا حتفهم»، «قتل»).
- **subject** — whose: a nisba after the counted noun («جندي كوري شمالي» → كوريا الشمالية), for agent measures
  (deployments, aid) the actor of the clause, else the article's usual subject for that measure.
- **holder** — who asserts it, as written: the subject of the governing reporting verb (`reporting_verbs.tsv`),
  the noun phrase after «بحسب/وفقا لـ/نقلا عن» or an estimate noun («تقييمات رسمية صادرة عن X»)
  (`attribution.yaml`); a verb with a pronoun subject («وأوضح أن») inherits the article's last speaker.
  Unattributed claims keep `holder=None`. `holder_start`/`holder_end` give its offsets (for entity resolution).
- **claim_date** — the date mention in the reporting clause («في سبتمبر، قالت»، «بلينكن الخميس»), else None.
- **stance** — asserted / hedged / reported_belief / denied, from the governing verb and hedges in the clause.

The attribution analysis (`Attributions`) is shared with `marsad.extract.quotes`.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from marsad.arabic.data import load_tsv, load_yaml
from marsad.arabic.text import normalize
from marsad.model import AnalysedDocument, Claim, Quantity

__all__ = ["extract_claims", "Attributions", "Cue", "lexicon"]

_PUNCT = ",.;:!?\"()[]'،؛؟«»“”"
_TOKEN_RE = re.compile(r"\S+")
_NON_INTEREST = {"year", "ordinal", "duration", "time", "date"}


def _n(s: str) -> str:
    return re.sub(r"\s+", " ", normalize(s)).strip()


# ------------------------------------------------------------------ lexicon (data files, loaded once)
@dataclass
class _Lex:
    verbs: dict            # normalised form -> (stance, role, inherit)
    prep_re: re.Pattern
    estimate_nouns: set
    estimate_adj: set
    linkers: list
    np_stop: set
    np_stop_inner: set
    np_max: int
    comps: set
    subject_setters: set
    holder_nouns: set
    qualifier_before: list
    restatement_re: re.Pattern
    hedge_re: re.Pattern
    belief_re: re.Pattern
    denial_re: re.Pattern
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


def _phrase_re(phrases, glue_last=True) -> str:
    alts = []
    for p in sorted({_n(p) for p in phrases}, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in p.split())
        if glue_last and p.endswith(" ل"):
            alts.append(body)
        else:
            alts.append(body + r"(?=[\s" + re.escape(_PUNCT) + r"]|$)")
    return "(?:" + "|".join(alts) + ")"


def _nisba_forms(stem: str) -> str:
    words = _n(stem).split()
    out = []
    for w in words:
        base = w[:-1] if w.endswith("ي") else w
        out.append(r"(?:ال)?" + re.escape(base) + r"(?:يه|ي|يين|يون|يان|يتين|يتان|ين|يا)")
    return r"\s+".join(out)


@functools.cache
def lexicon() -> _Lex:
    verbs = {}
    for row in load_tsv("reporting_verbs.tsv"):
        forms, stance, role, inherit = (row + ["", "", "", ""])[:4]
        for f in forms.split(","):
            if f.strip():
                verbs[_n(f)] = (stance, role.replace("+obj", ""), inherit == "yes", role.endswith("+obj"))
    att = load_yaml("attribution.yaml")
    m = load_yaml("measures.yaml")
    pre = r"(?<![^\s" + re.escape(_PUNCT) + r"])(?:[وف])?"
    prep_re = re.compile(pre + "(?P<p>" + _phrase_re(att["prepositions"]) + ")")
    nisba = m.get("nisba", {})
    nisba_alts, nisba_of = [], {}
    for stem, country in sorted(nisba.items(), key=lambda kv: -len(kv[0])):
        nisba_alts.append(_nisba_forms(stem))
    nisba_re = re.compile(r"(?<!\S)(?:[وب])?(?P<n>" + "|".join(f"({a})" for a in nisba_alts) + r")(?=[\s" +
                          re.escape(_PUNCT) + r"]|$)")
    for i, (stem, country) in enumerate(sorted(nisba.items(), key=lambda kv: -len(kv[0]))):
        nisba_of[i] = country
    measures = {}
    for key, spec in (m.get("measures") or {}).items():
        spec = dict(spec or {})
        spec["nouns"] = {_n(x) for x in spec.get("nouns") or []}
        spec["units"] = {_n(x) for x in spec.get("units") or []}
        spec["pred_re"] = [re.compile(_n(p) if "\\" in p else re.escape(_n(p))) for p in spec.get("predicates") or []]
        spec["cue_re"] = [re.compile(_n(p) if "\\" in p else re.escape(_n(p))) for p in spec.get("cues") or []]
        spec["if_followed"] = [(_n(x["noun"]), re.compile(x["regex"])) for x in spec.get("nouns_if_followed") or []]
        p = spec.get("persons", "any")
        spec["persons"] = {_n(x) for x in p} if isinstance(p, list) else p
        measures[key] = spec
    return _Lex(
        verbs=verbs, prep_re=prep_re,
        estimate_nouns={_n(x) for x in att["estimate_nouns"]},
        estimate_adj={_n(x) for x in att["estimate_adjectives"]},
        linkers=[_n(x).split() for x in att["linkers"]],
        np_stop={_n(x) for x in att["np_stop"]}, np_stop_inner={_n(x) for x in att.get("np_stop_inner") or []},
        np_max=int(att.get("np_max_words", 8)),
        comps={_n(x) for x in att["complementizers"]},
        subject_setters={_n(x) for x in att.get("subject_setters") or []},
        holder_nouns={_n(x) for x in att.get("holder_nouns") or []},
        qualifier_before=[(re.compile(r"(?:^|\s)(?:" + _n(r["regex"]) + r")\s*$"), r["qualifier"])
                          for r in m.get("qualifier_before") or []],
        restatement_re=re.compile(r"(?:^|\s)(?:" + "|".join(_n(x) for x in m.get("restatement") or ["أي"]) + r")\s*$"),
        hedge_re=re.compile(pre + _phrase_re(att["hedges"])),
        belief_re=re.compile(pre + _phrase_re(att["beliefs"])),
        denial_re=re.compile(pre + _phrase_re(att["denials"])),
        measures=measures,
        persons_mil={_n(x) for x in m["persons"]["military"]},
        persons_civ={_n(x) for x in m["persons"]["civilian"]},
        skip_units={_n(x) for x in m.get("skip_units") or []},
        window=int(m.get("window", 7)), cue_window=int(m.get("cue_window", 9)),
        fallback=m.get("fallback") or {},
        nisba_re=nisba_re, nisba_of=nisba_of,
        places={_n(k): v for k, v in (m.get("places") or {}).items()},
    )


# ------------------------------------------------------------------ normalised view of a document
@dataclass
class _Tok:
    s: int          # normalised offsets
    e: int
    w: str          # the word without surrounding punctuation
    raw: str


def _fast_normalize_map(text: str):
    """normalize_map(text) computed by slices (the fold is 1:1 per character apart from dropped marks)."""
    from marsad.arabic import text as T

    drops = list(T._DROP_RE.finditer(text))
    if not drops:
        return text.translate(T._CHAR_MAP), _Identity(len(text))
    parts, idx, pos = [], [], 0
    for m in drops:
        a, b = m.span()
        parts.append(text[pos:a])
        idx.extend(range(pos, a))
        pos = b
    parts.append(text[pos:])
    idx.extend(range(pos, len(text)))
    return "".join(parts).translate(T._CHAR_MAP), idx


class _Identity:
    """The index map of a text with nothing dropped: i -> i."""

    def __init__(self, n: int):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(range(self.n))[i]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i


class _View:
    """The document in matching form, its tokens and the map back to original offsets."""

    def __init__(self, text: str):
        self.text = text
        self.norm, self.idx = _fast_normalize_map(text)
        self.toks: list[_Tok] = []
        for m in _TOKEN_RE.finditer(self.norm):
            raw = m.group()
            w = raw.strip(_PUNCT + "-")
            lead = len(raw) - len(raw.lstrip(_PUNCT + "-"))
            self.toks.append(_Tok(m.start() + lead, m.start() + lead + len(w), w, raw))
        self._starts = [t.s for t in self.toks]

    def o(self, n: int) -> int:
        """Original offset of normalised offset n (n may be len(norm))."""
        if n >= len(self.idx):
            return len(self.text)
        return self.idx[n]

    def oe(self, n_end: int) -> int:
        """Original end offset of a normalised end offset."""
        if n_end <= 0:
            return 0
        return self.idx[min(n_end, len(self.idx)) - 1] + 1

    def n(self, o: int) -> int:
        """Normalised offset of original offset o (first normalised char at or after it)."""
        if isinstance(self.idx, _Identity):
            return max(0, min(o, len(self.idx)))
        import bisect
        return bisect.bisect_left(self.idx, o)

    def tok_at(self, n: int) -> int:
        """Index of the first token starting at or after normalised offset n."""
        import bisect
        return bisect.bisect_left(self._starts, n)

    def tok_before(self, n: int) -> int:
        """Index of the last token ending at or before n (-1 if none)."""
        import bisect
        i = bisect.bisect_right(self._starts, n) - 1
        while i >= 0 and self.toks[i].e > n:
            i -= 1
        return i


def _strip_clitic(w: str) -> list[str]:
    out = [w]
    if len(w) > 3 and w[0] in "وف":
        out.append(w[1:])
    return out


def _bare(w: str) -> list[str]:
    """A word, without و/ف/ب/ل and the article: candidates for matching a lemma or a predicate."""
    out = [w]
    x = w
    if len(x) > 3 and x[0] in "وف":
        x = x[1:]
        out.append(x)
    if len(x) > 3 and x[0] in "بل":
        out.append(x[1:])
        if x[1:].startswith("ال") or x.startswith("لل"):
            out.append(x[3:] if x[1:].startswith("ال") else x[2:])
    if x.startswith("ال") and len(x) > 4:
        out.append(x[2:])
    return out


# ------------------------------------------------------------------ attribution cues
@dataclass
class Cue:
    kind: str                 # verb | participle | impersonal | prep
    s: int                    # normalised span of the cue word(s)
    e: int
    stance: str
    inherit: bool = False
    holder: str | None = None
    h_start: int | None = None  # original offsets of the holder
    h_end: int | None = None
    explicit: bool = False    # holder written here (not inherited)
    content: int = 0          # normalised offset where the reported content starts
    date: object = None       # DateMention
    secondary: bool = False   # a «نقلا عن» inside a verb's subject region: the verb's subject stays the holder
    after_ma: bool = False    # «بحسب ما قال X»: a verb inside an attribution phrase


_CACHE: dict = {}


def attributions(ad: AnalysedDocument) -> "Attributions":
    """Attributions of a document, reused by the claims and quotes stages (keyed by text and annotations)."""
    key = (ad.document.id, hash(ad.document.text), len(ad.sentences), len(ad.quantities), len(ad.dates),
           len(ad.mentions), tuple((m.start, m.end) for m in ad.mentions[:50]))
    att = _CACHE.get(key)
    if att is None:
        if len(_CACHE) > 8:
            _CACHE.clear()
        att = _CACHE[key] = Attributions(ad)
    return att


class Attributions:
    """Reporting verbs, attribution phrases and the running speaker of one document."""

    def __init__(self, ad: AnalysedDocument):
        self.ad = ad
        self.lex = lexicon()
        self.v = _View(ad.document.text)
        self.sentences = [(s.start, s.end) for s in ad.sentences] or [(0, len(ad.document.text))]
        self.date_n = sorted((self.v.n(d.start), self.v.n(d.end), d) for d in ad.dates)
        self.mentions = sorted(ad.mentions, key=lambda m: m.start)
        self.q_starts = {self.v.n(q.start) for q in ad.quantities if q.kind not in _NON_INTEREST}
        from marsad.extract.quotes import quote_spans
        self.quotes_n = [(self.v.n(a), self.v.n(b)) for a, b in quote_spans(ad.document.text)]
        self.cues_by_sent: list[list[Cue]] = []
        self._build()

    def in_quote(self, n: int) -> bool:
        return any(a < n < b for a, b in self.quotes_n)

    # -- noun phrases
    def _is_date_tok(self, t: _Tok) -> bool:
        return any(ds <= t.s < de for ds, de, _ in self.date_n)

    def _is_name(self, t: _Tok) -> bool:
        o = self.v.o(t.s)
        return any(m.start <= o < m.end for m in self.mentions)

    def _verb_of(self, w: str):
        for x in _strip_clitic(w):
            if x in self.lex.verbs:
                return self.lex.verbs[x]
        return None

    def noun_phrase(self, ti: int, limit: int | None = None, obj: bool = False):
        """The holder noun phrase starting at token ti: (text, orig start, orig end, next token index) or None."""
        toks, lex = self.v.toks, self.lex
        limit = len(toks) if limit is None else min(limit, len(toks))
        j = ti
        words = []
        while j < limit and len(words) < lex.np_max:
            t = toks[j]
            if not t.w or t.raw.startswith('"') or t.raw.startswith("("):
                break
            bare = t.w
            if bare in lex.np_stop or any(x in lex.comps for x in _strip_clitic(bare)) or self._is_date_tok(t):
                break
            if words and (self._verb_of(bare) or bare in lex.np_stop_inner):
                break
            if not words and bare.startswith("ب") and len(bare) > 4 and not self._is_name(t):
                return None   # «وأفاد بنشوب حريق»: a prepositional object, no subject
            if words and re.match(r"و?بال", bare) and not self._is_name(t):
                break   # a prepositional phrase («بالهجوم») ends the subject
            if words and len(bare) > 4 and re.search(r"(ته|تها|تهم|تهما)$", bare) and not self._is_name(t):
                break   # «البيت الأبيض إدانته»: a possessed noun (the object) ends it
            if obj and words and bare.startswith("ال") and not toks[words[-1]].w.startswith("ال"):
                break   # «وصف كيم النصب»: the object starts
            if _NUMLIKE.match(bare) or any(t.s <= x < t.e for x in self.q_starts) or '"' in t.raw[1:]:
                break
            if not words and len(bare) > 4 and re.search(r"(ها|هم|هما|هن)$", bare) and not self._is_name(t):
                return None   # «تُقدّر نسبتها»: a passive with a possessive, no holder
            words.append(j)
            j += 1
            if t.raw != t.w and t.raw.rstrip(_PUNCT + "-") != t.raw:   # punctuation after the word ends the phrase
                break
        if not words:
            return None
        s, e = toks[words[0]].s, toks[words[-1]].e
        os_, oe = self.v.o(s), self.v.oe(e)
        # trim to the last entity mention inside the phrase (e.g. «كيم النصب» -> «كيم»)
        inside = [m for m in self.mentions if os_ <= m.start and m.end <= oe and m.label in ("PER", "ORG", "LOC", None)]
        if inside and obj:
            oe = max(m.end for m in inside)
        text = self.ad.document.text[os_:oe].strip(" ،,")
        return text, os_, os_ + len(text), j

    # -- cues
    def _build(self):
        lex, v = self.lex, self.v
        last = None   # running speaker: (text, start, end)
        for (ss, se) in self.sentences:
            ns, ne = v.n(ss), v.n(se)
            cues: list[Cue] = []
            t0, t1 = v.tok_at(ns), v.tok_at(ne)
            # prepositional attributions
            for m in lex.prep_re.finditer(v.norm, ns, ne):
                if self.in_quote(m.start()):
                    continue
                cues.append(self._prep_cue(m.start(), m.end(), t1))
            # «وكان الرئيس X قد زار …، وقال …»: the subject of the sentence, before any verb
            for ti in range(t0, min(t1, t0 + 3)):
                if v.toks[ti].w in lex.subject_setters:
                    np = self.noun_phrase(ti + 1, t1)
                    if np and ti + 1 < t1 and not self._verb_of(v.toks[ti + 1].w):
                        cues.append(Cue(kind="subject", s=v.toks[ti].s, e=v.toks[ti].e, stance="asserted",
                                        holder=np[0], h_start=np[1], h_end=np[2], explicit=True))
                    break
            # «الحصيلة الرسمية لوزارة الصحة»، «أرقام الأمم المتحدة»: an estimate noun with its owner
            for ti in range(t0, t1):
                t = v.toks[ti]
                if not any(x in lex.holder_nouns for x in _bare(t.w)) or self.in_quote(t.s):
                    continue
                k = ti + 1
                while k < t1 and any(x in lex.estimate_adj for x in _bare(v.toks[k].w)):
                    k += 1
                if k < t1 and v.toks[k].w.startswith("ل") and len(v.toks[k].w) > 3 and v.toks[k - 1].raw == v.toks[k - 1].w:
                    npx = self._np_from(v.toks[k].s + (2 if v.toks[k].w.startswith("لل") else 1), t1)
                    if npx:
                        c = Cue(kind="prep", s=t.s, e=v.toks[k].s, stance="asserted", holder=npx[0], h_start=npx[1],
                                h_end=npx[2], explicit=True)
                        c.content = v.toks[npx[3]].s if npx[3] < len(v.toks) else len(v.norm)
                        cues.append(c)
            # verbs
            for ti in range(t0, t1):
                t = v.toks[ti]
                vb = self._verb_of(t.w)
                if not vb or self.in_quote(t.s) or any(c.kind == "prep" and c.s <= t.s < c.e for c in cues):
                    continue
                stance, role, inherit, has_obj = vb
                prev = v.toks[ti - 1].w if ti > t0 else ""
                if prev in ("ان", "وان", "لن", "لم", "كي", "لكي"):
                    continue
                c = Cue(kind=role, s=t.s, e=t.e, stance=stance, inherit=inherit)
                if prev in ("ما", "لما", "بما") or t.w.startswith("حسبما"):
                    c.after_ma = True
                if role == "verb":
                    j = ti + 1
                    # object pronoun prepositions after the verb («نقلت عنه»، «قال له»)
                    while j < t1 and v.toks[j].w in ("عنه", "عنها", "عنهم", "له", "لها", "لهم", "عنهما"):
                        j += 1
                    np = self.noun_phrase(j, t1, obj=has_obj) if j < t1 else None
                    if np and not self._verb_of(v.toks[j].w) and not (t.raw != t.w and t.raw.endswith(('"', ":"))):
                        c.holder, c.h_start, c.h_end, nxt = np
                        c.explicit = True
                    else:
                        nxt = j
                        sv = self._subject_before(t0, ti)
                        if sv:
                            c.holder, c.h_start, c.h_end = sv
                            c.explicit = True
                    c.content = self._content_start(nxt, t1)
                else:
                    c.content = t.e
                cues.append(c)
            cues.sort(key=lambda c: c.s)
            # resolve inheritance, secondary attributions, dates
            for i, c in enumerate(cues):
                if c.kind == "subject":
                    last = (c.holder, c.h_start, c.h_end)
                    continue
                if c.kind == "verb":
                    if c.explicit and not c.after_ma:
                        last = (c.holder, c.h_start, c.h_end)
                    elif not c.explicit and c.inherit and last and not c.after_ma:
                        c.holder, c.h_start, c.h_end = last
                    c.date = self._date_for(c, cues[i - 1] if i else None, ns)
                    for p in cues:
                        if p.kind == "prep" and c.e <= p.s < c.content:
                            p.secondary = True
                elif c.kind == "participle":
                    main = next((p for p in reversed(cues[:i]) if p.kind == "verb" and p.holder), None)
                    if main:
                        c.holder, c.h_start, c.h_end, c.date = main.holder, main.h_start, main.h_end, main.date
                    elif last:
                        c.holder, c.h_start, c.h_end = last
            self.cues_by_sent.append(cues)

    def _subject_before(self, t0: int, ti: int):
        """«مصدر أمني متابع للقضية قال لـ… إن»: a sentence opening with its subject, then the verb (SVO)."""
        v, lex = self.v, self.lex
        end = ti
        if end - 1 >= t0 and v.toks[end - 1].w == "قد":
            end -= 1
        # «إلا أن رئيس اللجنة، فلان، قال إن»: the subject may follow a sentence-opening conjunction
        start = t0
        for k in range(max(t0, end - 10), end):
            w = v.toks[k].w
            if k < end - 1 and (w in _OPENERS or w == "ان" and k > 0 and v.toks[k - 1].w in ("الا", "غير", "كما", "بيد")):
                start = k + 1
        t0 = start
        if not 1 <= end - t0 <= 8:
            return None
        toks = v.toks[t0:end]
        if toks[-1].raw.endswith(",") and any(t.raw.endswith(",") for t in toks[:-1]):
            # apposition «رئيس اللجنة، فلان،»: drop the commas' effect, keep the whole phrase
            toks = [t for t in toks]
            inner = toks
            if any(t.raw != t.w and not t.raw.endswith(",") for t in inner):
                return None
            if any(self._verb_of(t.w) or t.w in lex.comps or self._is_date_tok(t) or _NUMLIKE.match(t.w)
                   for t in inner):
                return None
            os_, oe = v.o(inner[0].s), v.oe(inner[-1].e)
            return self.ad.document.text[os_:oe], os_, oe
        if toks[0].w in ("و", "ثم", "ف") or any(t.raw != t.w for t in toks) or any(self._verb_of(t.w) for t in toks):
            return None
        if any(t.w in lex.np_stop or t.w in lex.comps or self._is_date_tok(t) or _NUMLIKE.match(t.w) for t in toks):
            return None
        if self.in_quote(toks[0].s):
            return None
        os_, oe = v.o(toks[0].s), v.oe(toks[-1].e)
        return self.ad.document.text[os_:oe], os_, oe

    def _content_start(self, nxt: int, t1: int) -> int:
        v = self.v
        for j in range(nxt, min(t1, nxt + 12)):
            t = v.toks[j]
            if t.w in self.lex.comps or t.raw.startswith('"') or t.raw.startswith(":"):
                return t.s
            if j > nxt and v.toks[j - 1].raw.endswith(":"):
                return t.s
            if _NUMLIKE.match(t.w) or t.s in self.q_starts:
                break
        # no complementizer («أعلنت الوزارة في بيان، الأربعاء، ارتفاع …»): the content starts after a date that
        # follows the subject closely
        for j in range(nxt, min(t1, nxt + 6)):
            t = v.toks[j]
            if t.s in self.q_starts:
                break
            for ds, de, _ in self.date_n:
                if ds <= t.s < de:
                    k = v.tok_at(de)
                    return v.toks[k].s if k < len(v.toks) else de
        j = min(nxt, len(v.toks) - 1)
        return v.toks[j].s if j >= 0 and v.toks else 0

    def _prep_cue(self, s: int, e: int, t1: int) -> Cue:
        v, lex = self.v, self.lex
        c = Cue(kind="prep", s=s, e=e, stance="asserted")
        j = v.tok_at(e)
        if e < len(v.norm) and v.norm[e - 1] == "ل" and not v.norm[e].isspace():
            # «وفقا لـX» glued: the phrase starts inside the token that holds offset e
            import bisect
            gi = bisect.bisect_right(v._starts, e) - 1
            if gi >= 0 and v.toks[gi].s < e < v.toks[gi].e:
                j = gi
            if j < len(v.toks) and v.toks[j].s < e:
                rest = v.norm[e:v.toks[j].e]
                if rest in ("ما", "") or rest.startswith("ما"):
                    j += 1   # «لما» + verb
                else:
                    np = self._np_from(e, t1)
                    if np:
                        c.holder, c.h_start, c.h_end, _ = np
                        c.explicit = True
                    c.content = e
                    return c
        # «بحسب ما أعلنت X»، «حسبما ذكرت X»
        if j < t1 and v.toks[j].w == "ما":
            j += 1
            if j < t1 and not self._verb_of(v.toks[j].w):
                j += 1   # «وفق ما نشرته X»: the relative clause's verb, known or not
        elif j < t1 and self._verb_of(v.toks[j].w):
            j += 1
            while j < t1 and v.toks[j].w in ("عنه", "عنها", "عنهم", "له", "لها", "ته", "ها"):
                j += 1
        # estimate nouns: «تقييمات رسمية صادرة عن X»، «تقديرات سيول»
        if j < t1 and any(x in lex.estimate_nouns for x in _bare(v.toks[j].w)):
            k = j + 1
            found = False
            while k < t1 and not found and v.toks[k - 1].raw == v.toks[k - 1].w:
                for link in lex.linkers:
                    if [t.w for t in v.toks[k:k + len(link)]] == link:
                        k += len(link)
                        found = True
                        break
                w = v.toks[k].w if k < t1 else ""
                adj = any(x in lex.estimate_adj for x in _bare(w)) or (
                    not w.startswith("ال") and re.search(r"(ي|يه|يين|يون)$", w) is not None)
                if found or not adj:
                    break
                k += 1
            if found:
                j = k          # «تقييمات رسمية صادرة عن X»
            elif (k < t1 and v.toks[k - 1].raw == v.toks[k - 1].w and v.toks[k].w not in lex.np_stop
                  and not self._is_date_tok(v.toks[k])):
                j = k          # «تقديرات سيول»: the owner in the genitive
            # else «مصادر طبية،»: the noun phrase itself is the holder
        np = self.noun_phrase(j, t1) if j < t1 else None
        if np:
            c.holder, c.h_start, c.h_end, nxt = np
            c.explicit = True
            c.content = v.toks[nxt].s if nxt < len(v.toks) else len(v.norm)
            c.date = self._date_near(nxt, 2)
        else:
            c.content = e
        return c

    def _np_from(self, n: int, t1: int):
        """Noun phrase starting at a normalised offset inside a token (glued «لـ»)."""
        import bisect
        v = self.v
        ti = bisect.bisect_right(v._starts, n) - 1   # the token holding offset n
        if ti < 0:
            return None
        tok = v.toks[ti]
        np = self.noun_phrase(ti, t1)
        if not np:
            return None
        text, os_, oe, nxt = np
        if v.norm[n:n + 1] == "ل" and tok.w.startswith("لل"):
            n += 1   # «وفقا للجمعية»: the article's lam
        cut = v.o(n) - os_
        if cut > 0:
            text, os_ = text[cut:], os_ + cut
        return text, os_, oe, nxt

    def _date_near(self, ti: int, k: int):
        v = self.v
        for j in range(ti, min(ti + k, len(v.toks))):
            for ds, de, d in self.date_n:
                if ds <= v.toks[j].s < de:
                    return d
        return None

    def _date_for(self, c: Cue, prev: Cue | None, ns: int):
        """The date of a reporting clause: a date just before the verb (same clause) or between verb and content."""
        lo = max(ns, prev.content if prev and prev.kind != "prep" else ns)
        best = None
        for ds, de, d in self.date_n:
            if c.e <= ds and de <= max(c.content, c.e):
                return d
            if lo <= ds and de <= c.s:
                between = self.v.norm[de:c.s]
                if len(between.split()) <= 4 and not _NUMLIKE.search(between):
                    best = d
        return best

    # -- the cue governing a position
    def governing(self, sent_i: int, n_pos: int, n_end: int | None = None):
        """(holder, h_start, h_end, stance, date, cue) for the content at normalised offset n_pos."""
        cues = self.cues_by_sent[sent_i]
        before = [c for c in cues if c.e <= n_pos and not c.secondary and not c.after_ma and c.kind != "subject"]
        gov = None
        if before:
            gov = before[-1]
            if gov.kind == "impersonal":
                outer = next((c for c in reversed(before[:-1]) if c.kind in ("verb", "prep") and c.holder), None)
                return (outer.holder if outer else None, outer.h_start if outer else None,
                        outer.h_end if outer else None, gov.stance, outer.date if outer else None, gov)
            if gov.kind == "prep" and gov.holder is None:
                gov = None
        if gov is None:
            after = [c for c in cues if c.s >= (n_end or n_pos) and c.kind == "prep" and c.holder and not c.secondary]
            if after:
                gov = after[0]
        if gov is None:
            return None, None, None, "asserted", None, None
        return gov.holder, gov.h_start, gov.h_end, gov.stance, gov.date, gov

    def sentence_index(self, o: int) -> int:
        for i, (s, e) in enumerate(self.sentences):
            if s <= o < e:
                return i
        return max(0, len(self.sentences) - 1)


_AGENT = {"troops_deployed", "workers_sent", "weapons_supplied", "missiles_launched", "area_controlled",
          "aid_amount", "arrested"}
_NUMLIKE = re.compile(r"^\d|^[\d.,]+$")
_OPENERS = {"لكن", "ولكن", "غير", "الا", "كما", "بينما", "فيما", "حين", "حيث", "اذ", "بل"}
_CLAUSE_RE = re.compile(r"[,;:]|(?<!\S)(?:فيما|بينما|حيث|و?لكن)(?=\s)")


# ------------------------------------------------------------------ measure, unit, subject
def _lemma_match(lemma: str | None, words: set) -> bool:
    return bool(lemma) and _n(lemma) in words


def _counted_noun(q: Quantity, v: _View) -> str | None:
    """The counted noun: the tagger's lemma, or the word(s) right after a bare number («15 ألفاً فرصة عمل»)."""
    if q.unit:
        return _n(q.unit)
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
        for cand in _bare(w):
            if any(r.fullmatch(cand) for r in regs):
                return dist
    return None


def _window_words(v: _View, q_ns: int, q_ne: int, lo: int, hi: int, k: int):
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


def _measure(q: Quantity, noun: str | None, v: _View, lo: int, hi: int) -> str:
    lex = lexicon()
    q_ns, q_ne = v.n(q.start), v.n(q.end)
    nb = set(_bare(noun)) if noun else set()
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
        hit = next((x for w in back for x in _bare(w) if x in known), None)
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


def _places_in(v: _View, lo: int, hi: int, ad: AnalysedDocument, skip: tuple[int, int] | None):
    """Countries named in normalised [lo, hi): [(normalised offset, canonical name)] from mentions, nisbas, places."""
    lex = lexicon()
    out = []
    olo, ohi = v.o(lo), v.oe(hi)
    for m in ad.mentions:
        if olo <= m.start and m.end <= ohi and m.label in ("LOC", "ORG", None):
            if skip and skip[0] <= m.start < skip[1]:
                continue
            name = m.refers_to or (lex.places.get(_n(m.text)))
            if name:
                out.append((v.n(m.start), name))
    for m in lex.nisba_re.finditer(v.norm, lo, hi):
        if skip and skip[0] <= v.o(m.start()) < skip[1]:
            continue
        gi = next(i for i, g in enumerate(m.groups()[1:]) if g)
        out.append((m.start("n"), lex.nisba_of[gi]))
    for name, country in lex.places.items():
        for m in re.finditer(r"(?<!\S)(?:[وب])?" + re.escape(name) + r"(?=[\s" + re.escape(_PUNCT) + r"]|$)",
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
        if any(r.fullmatch(x) for r in regs for x in _bare(t.w)):
            break
        if t.w in att.lex.np_stop or t.raw != t.w:
            return None
        words.append(t)
    else:
        return None
    if not words:
        return None
    os_ = v.o(words[0].s)
    named = any(m.start == os_ for m in att.ad.mentions) or _n(words[0].w) in lexicon().places
    if not (words[0].w.startswith("ال") or named):
        return None   # «أنها ستقدم …»: a verb, not an actor
    name = att.ad.document.text[os_:v.oe(words[-1].e)]
    return lexicon().places.get(_n(name)) or name


def _nisba_after(v: _View, q_ne: int) -> str | None:
    lex = lexicon()
    seg_end = min(len(v.norm), q_ne + 40)
    m = lex.nisba_re.search(v.norm, q_ne, seg_end)
    # the adjective right after the counted noun («جندي كوري شمالي»، «جنديا روسيا»), not «إلى روسيا»
    if m and not v.norm[q_ne:m.start()].strip():
        gi = next(i for i, g in enumerate(m.groups()[1:]) if g)
        return lex.nisba_of[gi]
    return None


_CURRENCY_NISBA = re.compile(r"\s*((?:ال)?[\u0621-\u064a]{3,}ي(?:ه)?)(?=[\s" + re.escape(_PUNCT) + r"]|$)")


def _unit(q: Quantity, v: _View) -> str | None:
    u = q.unit
    if q.kind == "money" and u and not re.fullmatch(r"[A-Z]{3}", u):
        m = _CURRENCY_NISBA.match(v.norm, v.n(q.end))
        if m:
            u = f"{u} {v.text[v.o(m.start(1)):v.oe(m.end(1))]}"
    return u


# ------------------------------------------------------------------ the stage
def _stance_in(text_norm: str, base: str) -> str:
    lex = lexicon()
    if base == "denied":
        return base
    if lex.denial_re.search(text_norm):
        return "denied"
    if lex.belief_re.search(text_norm):
        return "reported_belief"
    if base == "asserted" and lex.hedge_re.search(text_norm):
        return "hedged"
    return base


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
        if q.kind in _NON_INTEREST:
            continue
        noun = _counted_noun(q, v)
        if q.unit and _n(q.unit) in lex.skip_units:
            continue
        si = att.sentence_index(q.start)
        ss, se = att.sentences[si]
        ss, se = min(ss, q.start), max(se, q.end)
        ns, ne = v.n(ss), v.n(se)
        q_ns, q_ne = v.n(q.start), v.n(q.end)
        holder, hs, he, stance, date, cue = att.governing(si, q_ns, q_ne)
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
        # stance: the governing verb, hedges/beliefs/denials in the clause from the cue to just after the number
        clause = v.norm[(cue.e if cue and cue.e <= q_ns else ns):min(ne, q_ne + 40)]
        stance = _stance_in(clause, stance)
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
            hn = _n(holder)
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
            elif c.kind == "count" and people and (not c.unit or _n(c.unit) in lex.persons_mil
                                                   or (c.unit and _n(c.unit) in lex.measures["killed"]["nouns"])):
                c.subject = people.most_common(1)[0][0]
            else:
                continue
            c.subject_from = "document"
    return claims
