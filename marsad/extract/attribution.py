"""Attribution: who says what a passage states, when, and how firmly.

`attributions(ad)` analyses one document once (cached) for the claims and quotes stages:

- **cues** — reporting verbs (`reporting_verbs.tsv`: «قال»، «أعلنت»), circumstantial participles («مؤكدا»),
  impersonal verbs («يُعتقد»), attribution phrases («بحسب X»، «وفقا لـX»، «نقلا عن X», `attribution.yaml`) and
  estimate nouns with their owner («الحصيلة الرسمية لوزارة الصحة»), per sentence (`Attributions.cues_by_sent`).
- **holders** — the noun phrase that is the cue's subject (after the verb, or before it: «الرئيس قال»), with its
  original offsets; a verb with a pronoun subject («وأوضح أن») inherits the article's running speaker.
- **dates** — the date mention of the reporting clause («في سبتمبر، قالت»، «بلينكن الخميس»).
- **stance** — asserted / hedged / reported_belief / denied, from the cue and the hedges, beliefs and denials of
  the clause (`stance_in`).

`Attributions.of_figure(start, end)` answers for one figure (a claim): holder, its offsets, stance, date and cue.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from marsad.arabic.data import load_tsv, load_yaml
from marsad.extract.textview import NUMLIKE, PUNCT, Tok, View, bare, fold, quote_spans, strip_clitic
from marsad.model import AnalysedDocument, DateMention

__all__ = ["attributions", "Attributions", "Cue", "FigureAttribution", "NOT_FIGURES", "lexicon", "stance_in"]

# quantity kinds that are not figures of a claim (a year, an ordinal …): they do not end a holder's noun phrase
NOT_FIGURES = {"year", "ordinal", "duration", "time", "date"}
# words that open a clause before a subject + verb («إلا أن رئيس اللجنة قال»)
_OPENERS = {"لكن", "ولكن", "غير", "الا", "كما", "بينما", "فيما", "حين", "حيث", "اذ", "بل"}


# ------------------------------------------------------------------ lexicon (data files, loaded once)
@dataclass
class _Lex:
    verbs: dict            # normalised form -> (stance, role, inherit, has_object)
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
    hedge_re: re.Pattern
    belief_re: re.Pattern
    denial_re: re.Pattern


def phrase_re(phrases, glue_last=True) -> str:
    """A regex alternation of phrases (normalised, longest first) that end at a word boundary; a phrase ending
    in « ل» may be glued to the next word («وفقا لـX»، «وفقا للوزارة»)."""
    alts = []
    for p in sorted({fold(p) for p in phrases}, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in p.split())
        if glue_last and p.endswith(" ل"):
            alts.append(body)
        else:
            alts.append(body + r"(?=[\s" + re.escape(PUNCT) + r"]|$)")
    return "(?:" + "|".join(alts) + ")"


@functools.cache
def lexicon() -> _Lex:
    verbs = {}
    for row in load_tsv("reporting_verbs.tsv"):
        forms, stance, role, inherit = (row + ["", "", "", ""])[:4]
        for f in forms.split(","):
            if f.strip():
                verbs[fold(f)] = (stance, role.replace("+obj", ""), inherit == "yes", role.endswith("+obj"))
    att = load_yaml("attribution.yaml")
    pre = r"(?<![^\s" + re.escape(PUNCT) + r"])(?:[وف])?"   # a phrase starts a word, with an optional و/ف
    return _Lex(
        verbs=verbs,
        prep_re=re.compile(pre + "(?P<p>" + phrase_re(att["prepositions"]) + ")"),
        estimate_nouns={fold(x) for x in att["estimate_nouns"]},
        estimate_adj={fold(x) for x in att["estimate_adjectives"]},
        linkers=[fold(x).split() for x in att["linkers"]],
        np_stop={fold(x) for x in att["np_stop"]}, np_stop_inner={fold(x) for x in att.get("np_stop_inner") or []},
        np_max=int(att.get("np_max_words", 8)),
        comps={fold(x) for x in att["complementizers"]},
        subject_setters={fold(x) for x in att.get("subject_setters") or []},
        holder_nouns={fold(x) for x in att.get("holder_nouns") or []},
        hedge_re=re.compile(pre + phrase_re(att["hedges"])),
        belief_re=re.compile(pre + phrase_re(att["beliefs"])),
        denial_re=re.compile(pre + phrase_re(att["denials"])),
    )


def stance_in(text_norm: str, base: str) -> str:
    """The stance of a clause (normalised text) under a cue of stance `base`: a denial, a belief word or a hedge
    in it overrides an asserting cue."""
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


class FigureAttribution(NamedTuple):
    """Who states a figure: the holder as written (None: the outlet's own voice) and its original offsets, the
    stance, the date of the statement (a DateMention or None) and the governing cue."""
    holder: str | None
    holder_start: int | None
    holder_end: int | None
    stance: str
    date: DateMention | None
    cue: "Cue | None"


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
        self.v = View(ad.document.text)
        self.sentences = [(s.start, s.end) for s in ad.sentences] or [(0, len(ad.document.text))]
        self.date_n = sorted((self.v.n(d.start), self.v.n(d.end), d) for d in ad.dates)
        self.mentions = sorted(ad.mentions, key=lambda m: m.start)
        self.q_starts = {self.v.n(q.start) for q in ad.quantities if q.kind not in NOT_FIGURES}
        self.quotes_n = [(self.v.n(a), self.v.n(b)) for a, b in quote_spans(ad.document.text)]
        self.cues_by_sent: list[list[Cue]] = []
        self._build()

    def in_quote(self, n: int) -> bool:
        return any(a < n < b for a, b in self.quotes_n)

    # -- noun phrases
    def _is_date_tok(self, t: Tok) -> bool:
        return any(ds <= t.s < de for ds, de, _ in self.date_n)

    def _is_name(self, t: Tok) -> bool:
        o = self.v.o(t.s)
        return any(m.start <= o < m.end for m in self.mentions)

    def _verb_of(self, w: str):
        for x in strip_clitic(w):
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
            w = t.w
            if w in lex.np_stop or any(x in lex.comps for x in strip_clitic(w)) or self._is_date_tok(t):
                break
            if words and (self._verb_of(w) or w in lex.np_stop_inner):
                break
            if not words and w.startswith("ب") and len(w) > 4 and not self._is_name(t):
                return None   # «وأفاد بنشوب حريق»: a prepositional object, no subject
            if words and re.match(r"و?بال", w) and not self._is_name(t):
                break   # a prepositional phrase («بالهجوم») ends the subject
            if words and len(w) > 4 and re.search(r"(ته|تها|تهم|تهما)$", w) and not self._is_name(t):
                break   # «البيت الأبيض إدانته»: a possessed noun (the object) ends it
            if obj and words and w.startswith("ال") and not toks[words[-1]].w.startswith("ال"):
                break   # «وصف كيم النصب»: the object starts
            if NUMLIKE.match(w) or any(t.s <= x < t.e for x in self.q_starts) or '"' in t.raw[1:]:
                break
            if not words and len(w) > 4 and re.search(r"(ها|هم|هما|هن)$", w) and not self._is_name(t):
                return None   # «تُقدّر نسبتها»: a passive with a possessive, no holder
            words.append(j)
            j += 1
            if t.raw != t.w and t.raw.rstrip(PUNCT + "-") != t.raw:   # punctuation after the word ends the phrase
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
                if not any(x in lex.holder_nouns for x in bare(t.w)) or self.in_quote(t.s):
                    continue
                k = ti + 1
                while k < t1 and any(x in lex.estimate_adj for x in bare(v.toks[k].w)):
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
            if any(self._verb_of(t.w) or t.w in lex.comps or self._is_date_tok(t) or NUMLIKE.match(t.w)
                   for t in inner):
                return None
            os_, oe = v.o(inner[0].s), v.oe(inner[-1].e)
            return self.ad.document.text[os_:oe], os_, oe
        if toks[0].w in ("و", "ثم", "ف") or any(t.raw != t.w for t in toks) or any(self._verb_of(t.w) for t in toks):
            return None
        if any(t.w in lex.np_stop or t.w in lex.comps or self._is_date_tok(t) or NUMLIKE.match(t.w) for t in toks):
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
            if NUMLIKE.match(t.w) or t.s in self.q_starts:
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
            gi = bisect.bisect_right(v.starts, e) - 1
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
        if j < t1 and any(x in lex.estimate_nouns for x in bare(v.toks[j].w)):
            k = j + 1
            found = False
            while k < t1 and not found and v.toks[k - 1].raw == v.toks[k - 1].w:
                for link in lex.linkers:
                    if [t.w for t in v.toks[k:k + len(link)]] == link:
                        k += len(link)
                        found = True
                        break
                w = v.toks[k].w if k < t1 else ""
                adj = any(x in lex.estimate_adj for x in bare(w)) or (
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
        v = self.v
        ti = bisect.bisect_right(v.starts, n) - 1   # the token holding offset n
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
                if len(between.split()) <= 4 and not NUMLIKE.search(between):
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

    def of_figure(self, start: int, end: int) -> FigureAttribution:
        """The attribution of the figure at original offsets [start, end): the governing cue's holder, date and
        stance, the stance refined by the hedges/beliefs/denials between the cue and just after the figure."""
        v = self.v
        si = self.sentence_index(start)
        ss, se = self.sentences[si]
        ns, ne = v.n(min(ss, start)), v.n(max(se, end))
        q_ns, q_ne = v.n(start), v.n(end)
        holder, hs, he, stance, date, cue = self.governing(si, q_ns, q_ne)
        clause = v.norm[(cue.e if cue and cue.e <= q_ns else ns):min(ne, q_ne + 40)]
        return FigureAttribution(holder, hs, he, stance_in(clause, stance), date, cue)

    def sentence_index(self, o: int) -> int:
        for i, (s, e) in enumerate(self.sentences):
            if s <= o < e:
                return i
        return max(0, len(self.sentences) - 1)
