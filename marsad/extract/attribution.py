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

from marsad.arabic.numbers import NON_INTEREST as _NON_INTEREST
from marsad.extract.attribution_lexicon import lexicon, stance_in  # noqa: F401 (re-exported)
from marsad.extract.textview import NUMLIKE, PUNCT, Tok, View, bare, fold, quote_spans, strip_clitic
from marsad.model import AnalysedDocument, DateMention

__all__ = ["attributions", "Attributions", "Cue", "FigureAttribution", "NOT_FIGURES", "lexicon", "stance_in"]

# quantity kinds that are not figures of a claim (a year, an ordinal …): they do not end a holder's noun phrase
# kinds of number no claim is about: the number tagger's own list (years, dates, times, ordinals, durations,
# frequencies, codes such as «الرقم 992», match scores)
NOT_FIGURES = frozenset(_NON_INTEREST)
# how far after a figure a hedge still qualifies it («نحو 50 قتيلا على الأرجح»), in characters
AFTER_FIGURE = 20
# how many words before an unattributed figure a hedge still qualifies it («ومن المتوقع أن يصل العدد إلى 5000»)
HEDGE_REACH = 8
# how many words around a figure a present-time marker makes it today's level, not a forecast
PRESENT_REACH = 3
# a quoted name after a head noun («وكالة «رويترز»») is part of a holder phrase up to this many words
QUOTED_NAME_WORDS = 4
# words that open a clause before a subject + verb («إلا أن رئيس اللجنة قال»)
_OPENERS = {"لكن", "ولكن", "غير", "الا", "كما", "بينما", "فيما", "حين", "حيث", "اذ", "بل"}


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
    kind: str                 # verb | participle | impersonal | prep | subject | carry | outlet
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
    continues: bool = False   # a continuation verb («وأضاف»): keeps the statement's date
    pronoun: bool = False     # «حسب قوله»: the holder is the running speaker
    clause_bound: bool = False  # governs only its own clause («من توقعاته …، ولكنها فقدت …»)


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

    def _definite(self, t: Tok) -> bool:
        """A word with the article («الوزارة»، «للجوازات»، «والحكومة») or part of a name."""
        return re.match(r"^[وف]?(?:ب?ال|لل)", t.w) is not None or self._is_name(t)   # not «وكالات»

    def _orig(self, t: Tok) -> str:
        """The word as written in the document."""
        return self.ad.document.text[self.v.o(t.s):self.v.oe(t.e)]

    def _adjective_like(self, t: Tok) -> bool:
        """A definite word that can qualify the noun before it: a nisba («المصرية»), a participle («المتحدة»), a
        title or a name («اللواء»، «الجوازات» inside a mention)."""
        w = re.sub(r"^[وف]?", "", t.w)
        return (re.search(r"(ي|يه|يين|يون|يان|يتين|يتان)$", w) is not None or w.startswith("الم")
                or w in self.lex.titles or w in self.lex.adjectives or self._is_name(t))

    def _starts_object(self, j: int) -> bool:
        """Whether token j continues a verbal noun's object: a definite word or a figure."""
        toks = self.v.toks
        return j < len(toks) and (self._definite(toks[j]) or self._figure_or_date_at(j))

    def _figure_or_date_at(self, j: int) -> bool:
        toks = self.v.toks
        if j >= len(toks):
            return False
        t = toks[j]
        return bool(NUMLIKE.match(t.w)) or self._is_date_tok(t) or any(t.s <= x < t.e for x in self.q_starts)

    def noun_phrase(self, ti: int, limit: int | None = None, obj: bool = False):
        """The holder noun phrase starting at token ti: (text, orig start, orig end, next token index) or None.

        A clean noun phrase: an entity, a title, or title + name — never a verb, a preposition or the first word
        of what the holder says («الحكومة المصرية زيادة …» ends before «زيادة»); a leading «كان/وكانت» is left out."""
        toks, lex = self.v.toks, self.lex
        limit = len(toks) if limit is None else min(limit, len(toks))
        j = ti
        while j < limit and toks[j].w in lex.subject_setters:
            j += 1   # «وكانت المديرية العامة للجوازات قد أكدت»: the auxiliary is not part of the holder
        words = []
        cut = None   # a normalised end inside the last word («المبادرة:عندما» ends at the colon)
        while j < limit and len(words) < lex.np_max:
            t = toks[j]
            if not t.w:
                break
            if t.raw.startswith('"') and words and any(x in lex.named_heads for x in bare(toks[words[-1]].w)):
                # a quoted name after its head noun («وكالة «رويترز»»، «مبادرة "افرح مع مصر"»): part of the phrase
                span = next(((a, b) for a, b in self.quotes_n if a == t.s - 1), None)
                if span and len(self.v.norm[span[0]:span[1]].split()) <= QUOTED_NAME_WORDS \
                        and not any(span[0] <= x < span[1] for x in self.q_starts):
                    cut = span[1]
                    j = self.v.tok_at(span[1])
                    words.append(j - 1)
                break
            if t.raw.startswith('"') or t.raw.startswith("("):
                # a quoted one-word name as the whole subject («وأوضحت "الجوازات" أن»)
                if not words and t.raw.rstrip(PUNCT.replace('"', "") + "-").endswith('"') and ' ' not in t.w \
                        and '"' not in t.w and not self._verb_of(t.w) and re.search("[\u0621-\u064a]", t.w) \
                        and not any(t.s <= x < t.e for x in self.q_starts):
                    words.append(j)
                    j += 1
                break
            w = t.w
            if w == "ل":
                break   # «حسين المزنعي لـ «اليوم»»: the outlet told follows
            if ":" in w:
                w = w[:w.index(":")]
                cut = t.s + len(w)
            after_title = bool(words) and fold(toks[words[-1]].w) in lex.titles
            if after_title and w in lex.np_stop and self._orig(t) not in lex.np_stop_orig:
                pass   # «السفير علي …»: a name that folds like a preposition («على»)
            elif w in lex.np_stop or any(x in lex.comps for x in strip_clitic(w)) or self._is_date_tok(t):
                break
            if w in lex.np_stop_before_figure and self._figure_or_date_at(j + 1):
                break
            if words and (self._verb_of(w) or any(x in lex.np_stop_inner for x in bare(w))):   # «الحصيلة» too
                break
            if not words and w.startswith("ب") and len(w) > 4 and not self._is_name(t):
                return None   # «وأفاد بنشوب حريق»: a prepositional object, no subject
            if words and re.match(r"و?بال", w) and not self._is_name(t):
                break   # a prepositional phrase («بالهجوم») ends the subject
            if words and w.startswith("ب") and len(w) > 3 and not self._is_name(t) and self._figure_or_date_at(j + 1):
                break   # «تندد دول غربية بوصول 600 جندي»: what they condemn, not who
            if words and len(w) > 4 and re.search(r"(ته|تها|تهم|تهما)$", w) and not self._is_name(t):
                break   # «البيت الأبيض إدانته»: a possessed noun (the object) ends it
            if obj and words and w.startswith("ال") and not self._definite(toks[words[-1]]):
                break   # «وصف كيم النصب»: the object starts
            if words and re.match(r"^[وف]?ال", w) and not self._adjective_like(t) and (
                    obj or re.match(r"^[وف]?لل", toks[words[-1]].w)):
                break   # a definite noun that is no adjective: after «لل…» («المديرية العامة للجوازات العمل
                # قائم») or after the subject of a verb that takes an object («تقدر الحكومة الإيرادات»)
            if words and self._definite(toks[words[-1]]) and not self._definite(t) and not self._is_name(t) \
                    and not re.match(r"^[وف]?[لب]", w) and not after_title \
                    and not any(x in lex.title_heads for x in strip_clitic(w)) \
                    and (re.match(r"^[وف]?(?:ب?ال|لل)", toks[words[-1]].w) or self._starts_object(j + 1)):
                break   # an indefinite word after a definite one is no adjective of it: the content starts
                # (after a name only when a definite word or a figure follows: «أعلن أردوغان تشكيل الحكومة», not
                # the surname of «جيم كرافت قائد الشرطة» the tagger left out)
                # («أكدت الوزارة شفاء …»، «وكالة دوغان للأنباء مداهمة …»); a name after a title continues it
            if NUMLIKE.match(w) or any(t.s <= x < t.e for x in self.q_starts) or '"' in t.raw[1:]:
                break
            if not words and len(w) > 4 and re.search(r"(ها|هم|هما|هن)$", w) and not self._is_name(t):
                return None   # «تُقدّر نسبتها»: a passive with a possessive, no holder
            words.append(j)
            j += 1
            if cut is not None:
                break
            if t.raw != t.w and t.raw.rstrip(PUNCT + "-") != t.raw and not (len(w) == 1 and t.raw.endswith(".")):
                break   # punctuation after the word ends the phrase (not the dot of «د. علي»)
        if not words:
            return None
        s, e = toks[words[0]].s, toks[words[-1]].e if cut is None else cut
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
        last = None   # running speaker: (text, start, end, date)
        stmt = None   # the last statement with a holder (any cue): what «وبذلك يرتفع …» continues
        dated = []    # (holder, date) of the dated statements so far
        lead = self._lead_day()   # (the lead sentence, its day) when the lead is dated to the day
        for (ss, se) in self.sentences:
            ns, ne = v.n(ss), v.n(se)
            cues: list[Cue] = []
            t0, t1 = v.tok_at(ns), v.tok_at(ne)
            # «وبذلك يصل العدد إلى …»، «ليرتفع إجمالي …»: a total the last statement computes
            for opener in lex.carry_openers:
                if [t.w for t in v.toks[t0:t0 + len(opener)]] == opener and stmt:
                    c = Cue(kind="carry", s=v.toks[t0].s, e=v.toks[t0 + len(opener) - 1].e, stance="asserted")
                    c.holder, c.h_start, c.h_end, c.date = stmt
                    c.content = c.e
                    cues.append(c)
                    break
            # «ويذكر أن …»، «جدير بالذكر أن …»: the outlet's own voice
            for m in lex.outlet_re.finditer(v.norm, ns, ne):
                if not self.in_quote(m.start()):
                    cues.append(Cue(kind="outlet", s=m.start(), e=m.end(), stance="asserted", content=m.end()))
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
            # «الحصيلة الرسمية لوزارة الصحة»، «الإحصائيات المقدمة من المركز»: an estimate noun with its owner
            for ti in range(t0, t1):
                t = v.toks[ti]
                if not (v.forms(ti) & lex.holder_nouns) or self.in_quote(t.s):
                    continue
                c = self._owner_cue(ti, t1)
                if c:
                    cues.append(c)
            # «وخفض صندوق النقد الدولي من توقعاته …»: a forecast of the clause's subject
            for ti in range(t0 + 2, t1):
                m = lex.possessed_re.match(v.toks[ti].w)
                if m and not self.in_quote(v.toks[ti].s):
                    c = self._possessed_cue(t0, ti, t1, lex.possessed_stance[m.group(1)])
                    if c:
                        cues.append(c)
            # verbs
            for ti in range(t0, t1):
                t = v.toks[ti]
                vb = self._verb_of(t.w)
                if not vb or self.in_quote(t.s) or any(c.kind in ("prep", "outlet") and c.s <= t.s < c.e
                                                        for c in cues):
                    continue
                prev = v.toks[ti - 1].w if ti > t0 else ""
                if prev in ("ان", "وان", "لن", "لم", "كي", "لكي") or prev in lex.masdar_after:
                    continue   # a subjunctive/negated form, or a verbal noun («بعد إعلان»، «من كشف»)
                c = Cue(kind=vb.role, s=t.s, e=t.e, stance=vb.stance, inherit=vb.inherit, continues=vb.continues)
                if prev in ("ما", "لما", "بما") or t.w.startswith("حسبما"):
                    c.after_ma = True
                if vb.role == "verb":
                    j = ti + 1
                    # object pronoun prepositions after the verb («نقلت عنه»، «قال له»), the outlet told («لـ«عكاظ»»)
                    while j < t1 and (v.toks[j].w in lex.object_pronouns or self._to_outlet(v.toks[j])
                                      or (re.match(r"^لل", v.toks[j].w) and v.toks[j].raw == v.toks[j].w
                                          and j + 1 < t1 and self._definite(v.toks[j + 1]))):
                        j += 1   # («وقال للصحفيين المدير العام …»: the addressee before the subject)
                    np = (self._statement_subject(j, t1) or self.noun_phrase(j, t1, obj=vb.obj)) if j < t1 else None
                    if np and vb.obj and np[3] == j + 1 and not self._definite(v.toks[j]) \
                            and not any(x in lex.estimate_nouns for x in bare(v.toks[j].w)):
                        np = None   # «تُقدَّر إيرادات القناة بنحو …»: a passive, its subject a thing in construct
                        c.inherit = False
                    elif np and vb.obj and np[3] < t1 and v.toks[np[3]].w.startswith("ب") \
                            and not any(m.start <= np[1] < m.end for m in self.mentions):
                        np = None   # «تقدر الطاقة الإنتاجية للمصانع بنحو …»: what is estimated, then the figure
                        c.inherit = False
                    if np and (re.match(r"^[وف]?لل", v.toks[j].w) or v.toks[j].w in lex.object_pronouns
                               or any(x in lex.verbs and lex.verbs[x].role == "participle"
                                      for x in strip_clitic(v.toks[j].w))):
                        np = None   # «قال للمسؤول»، «قال متنهدا»: an addressee or a manner, not the subject
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
                    if vb.speech and not self._opens_speech(nxt, t):
                        continue   # «بين الطرفين»، «وتابعت تصحيح أوضاع …»: not a report
                else:
                    c.content = t.e
                cues.append(c)
            cues.sort(key=lambda c: c.s)
            # resolve inheritance, secondary attributions, dates
            for i, c in enumerate(cues):
                if c.kind == "subject":
                    last = (c.holder, c.h_start, c.h_end, None)
                    continue
                if c.kind == "verb":
                    c.date = self._date_for(c, cues[i - 1] if i else None, ns)
                    inherited = False
                    if c.explicit and not c.after_ma:
                        pass
                    elif not c.explicit and c.inherit and last and not c.after_ma:
                        c.holder, c.h_start, c.h_end = last[:3]
                        inherited = True
                    if c.date is None and last and not c.after_ma and (inherited or c.continues):
                        c.date = last[3]   # «وأضاف أن …»: the statement goes on, on the same day
                    if c.date is None and c.holder and not c.after_ma:
                        # «وأعلنت وزارة الداخلية أمس …» … «وقالت الوزارة في بيان»: the same source, the same occasion
                        c.date = next((d for h, d in reversed(dated) if self._same_source(h, c.holder)), None)
                    if c.date is None and c.holder and not c.after_ma and lead and self._same_source(lead[0], c.holder):
                        c.date = lead[1]   # the day the lead sentence gives its source («… اللواء الغامدي اليوم»)
                    if c.date is not None and c.holder and not c.after_ma:
                        dated.append((c.holder, c.date))
                    if c.holder and not c.after_ma and not (c.explicit and self.is_data(c.holder)):
                        last = (c.holder, c.h_start, c.h_end, c.date)   # («أظهرت الإحصائيات أن» speaks for no one)
                    for p in cues:
                        if p.kind == "prep" and c.e <= p.s < c.content:
                            p.secondary = True
                elif c.kind == "prep" and c.pronoun and last:
                    c.holder, c.h_start, c.h_end, c.date = last
                elif c.kind == "participle":
                    main = next((p for p in reversed(cues[:i]) if p.kind == "verb" and p.holder), None)
                    if main:
                        c.holder, c.h_start, c.h_end, c.date = main.holder, main.h_start, main.h_end, main.date
                    elif last:
                        c.holder, c.h_start, c.h_end, c.date = last
            for c in cues:
                if c.holder and c.kind not in ("subject", "outlet") and not c.secondary and not c.after_ma:
                    stmt = (c.holder, c.h_start, c.h_end, c.date)
            self.cues_by_sent.append(cues)

    def is_data(self, holder: str) -> bool:
        """Whether a holder is figures or a document («الإحصائيات»، «البيان») rather than a speaker."""
        first = fold(holder).split()[0] if holder.strip() else ""
        return any(x in self.lex.estimate_nouns for x in bare(first))

    def _statement_subject(self, j: int, t1: int):
        """«أعلن بيان صدر عن مكتب الحاكم أن …»: a statement noun and its source as the subject of a verb — the holder
        runs from the noun through the linker to the source («بيان صدر عن مكتب الحاكم»)."""
        v, lex = self.v, self.lex
        if not any(x in lex.estimate_nouns for x in bare(v.toks[j].w)) or v.toks[j].raw != v.toks[j].w:
            return None
        for link in lex.linkers:
            if len(link) > 1 and [x.w for x in v.toks[j + 1:j + 1 + len(link)]] == link:
                np = self.noun_phrase(j + 1 + len(link), t1)
                if np:
                    os_ = v.o(v.toks[j].s)
                    return self.ad.document.text[os_:np[2]], os_, np[2], np[3]
        return None

    def _lead_day(self):
        """The first sentence and the day it is dated to («… الغامدي اليوم بجولة …»), or None."""
        if not self.sentences:
            return None
        ss, se = self.sentences[0]
        ns, ne = self.v.n(ss), self.v.n(se)
        day = next((d for ds, de, d in self.date_n if ns <= ds < ne and d.grain == "day"), None)
        return (self.ad.document.text[ss:se], day) if day is not None else None

    def _same_source(self, a: str, b: str) -> bool:
        """Whether two holder phrases name the same source: a one-word back-reference to the head of the other
        («الوزارة» — «وزارة الداخلية»), or a shared word that is no title («داود أوغلو»، «مكتب الحاكم»)."""
        def words(h):
            return [re.sub(r"^[وف]?(?:ال|لل|بال)(?=\S{3})", "", w) for w in fold(h).split()]
        wa, wb = words(a), words(b)
        if not wa or not wb:
            return False
        if len(wa) == 1 or len(wb) == 1:
            one, other = (wa, wb) if len(wa) == 1 else (wb, wa)
            return one[0] == other[0]
        return bool({w for w in wa if len(w) > 2 and w not in self._generic_words} & set(wb))

    @functools.cached_property
    def _generic_words(self) -> frozenset:
        """Title words, which two sources may share without being one («وزير», «رئيس»)."""
        return frozenset(self.lex.title_heads | {re.sub("^ال", "", x) for x in self.lex.titles})

    def _to_outlet(self, t: Tok) -> bool:
        """«لـ«عكاظ»»، «لـ"اليوم":»: the outlet a statement was made to, between a verb and its subject."""
        return t.raw.startswith("ل") and len(t.raw) > 2 and t.raw[1:2] in self.lex.to_outlet_marks

    def _opens_speech(self, nxt: int, verb: Tok) -> bool:
        """Whether reported speech opens at token nxt (right after the verb's subject, or after «إلى/على»: «ولفت
        إلى أن»): a complementizer, a colon or a quotation mark."""
        v = self.v
        if verb.raw.endswith(":"):
            return True
        j = nxt
        while j < len(v.toks) and j < nxt + 2 and v.toks[j].w in ("الي", "علي"):
            j += 1
        if j >= len(v.toks):
            return False
        t = v.toks[j]
        return (any(x in self.lex.comps for x in strip_clitic(t.w)) or t.raw[:1] in '"«“:'
                or (j > 0 and v.toks[j - 1].raw.endswith(":")))

    def _possessed_cue(self, t0: int, ti: int, t1: int, stance: str) -> Cue | None:
        """The owner of «توقعاته» at token ti: the subject right after the verb that opens the sentence
        («وخفض صندوق النقد الدولي من توقعاته»), when it reaches the noun (or «من» before it)."""
        v = self.v
        first = v.toks[t0]
        if first.raw != first.w or self._definite(first) or NUMLIKE.match(first.w):
            return None   # the sentence does not open with a verb
        end = ti - 1 if v.toks[ti - 1].w in ("من", "في", "علي") else ti
        np = self.noun_phrase(t0 + 1, end)
        if not np or np[3] != end:
            return None
        t = v.toks[ti]
        c = Cue(kind="prep", s=t.s, e=t.e, stance=stance, holder=np[0], h_start=np[1], h_end=np[2], explicit=True,
                clause_bound=True)
        c.content = t.e
        return c

    def _owner_cue(self, ti: int, t1: int) -> Cue | None:
        """«الحصيلة الرسمية لوزارة الصحة»، «الإحصائيات المقدمة من المركز»: an estimate noun at token ti whose owner
        is named with «لـ» or a participle linker; the owner holds the figures that follow."""
        v, lex = self.v, self.lex
        t = v.toks[ti]
        k = ti + 1
        while k < t1 and any(x in lex.estimate_adj for x in bare(v.toks[k].w)):
            k += 1
        if k >= t1 or v.toks[k - 1].raw != v.toks[k - 1].w:
            return None
        npx = None
        for link in lex.linkers:
            if len(link) > 1 and [x.w for x in v.toks[k:k + len(link)]] == link:
                npx = self.noun_phrase(k + len(link), t1)
                break
        kw = v.toks[k].w
        if npx is None and kw.startswith("ل") and len(kw) > 3:
            npx = self._np_from(v.toks[k].s + (2 if kw.startswith("لل") else 1), t1)
        if not npx:
            return None
        c = Cue(kind="prep", s=t.s, e=v.toks[k].s, stance="asserted", holder=npx[0], h_start=npx[1], h_end=npx[2],
                explicit=True)
        c.content = v.toks[npx[3]].s if npx[3] < len(v.toks) else len(v.norm)
        return c

    def _subject_before(self, t0: int, ti: int):
        """«مصدر أمني متابع للقضية قال لـ… إن»: a sentence opening with its subject, then the verb (SVO)."""
        v, lex = self.v, self.lex
        end = ti
        if end - 1 >= t0 and v.toks[end - 1].w in ("قد", "وقد", "فقد", "لقد"):
            end -= 1
        # «إلا أن رئيس اللجنة، فلان، قال إن»: the subject may follow a sentence-opening conjunction
        start = t0
        for k in range(max(t0, end - 10), end):
            w = v.toks[k].w
            if k < end - 1 and (w in _OPENERS or w == "ان" and k > 0 and v.toks[k - 1].w in ("الا", "غير", "كما", "بيد")):
                start = k + 1
        t0 = start
        while t0 < end and v.toks[t0].w in lex.subject_setters:
            t0 += 1   # «وكانت المديرية العامة للجوازات قد أكدت»: the auxiliary is not part of the holder
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
        glued = None   # «وفقا لـX»: the normalised offset where X starts inside its token
        if e < len(v.norm) and v.norm[e - 1] == "ل" and not v.norm[e].isspace():
            # «وفقا لـX» glued: the phrase starts inside the token that holds offset e
            gi = bisect.bisect_right(v.starts, e) - 1
            if gi >= 0 and v.toks[gi].s < e < v.toks[gi].e:
                j = gi
            if j < len(v.toks) and v.toks[j].s < e:
                rest = v.norm[e:v.toks[j].e]
                if rest in ("ما", "") or rest.startswith("ما"):
                    j += 1   # «لما» + verb
                elif any(x in lex.estimate_nouns for x in bare(v.toks[j].w)):
                    glued = e   # «وفقا لتقديرات البنك المركزي»: the estimate noun, then its owner
                else:
                    np = self._np_from(e, t1)
                    if np:
                        c.holder, c.h_start, c.h_end, _ = np
                        c.explicit = True
                    c.content = e
                    return c
        relative = False   # «حسبما أعلن X»: a reporting clause inside the phrase
        if glued is None and v.norm[s:e].endswith("ما") and j < t1 and not self._definite(v.toks[j]):
            # «وفق ما أعلنه X»، «حسبما ذكرت X»: the relative clause's verb, known or not, then its subject
            j += 1
            relative = True
            while j < t1 and v.toks[j].w in lex.object_pronouns:
                j += 1
        # «بحسب ما أعلنت X»
        elif glued is None and j < t1 and v.toks[j].w == "ما":
            j += 1
            relative = True
            if j < t1 and not self._definite(v.toks[j]):
                j += 1   # «وفق ما نشرته X», «بحسب ما أعلنت X»: the relative clause's verb, known or not
            while j < t1 and v.toks[j].w in lex.object_pronouns:
                j += 1   # «حسب ما تنص عليه اللوائح»
        elif glued is None and j < t1 and self._verb_of(v.toks[j].w):
            j += 1
            relative = True
            while j < t1 and v.toks[j].w in ("عنه", "عنها", "عنهم", "له", "لها", "ته", "ها"):
                j += 1
        # estimate nouns: «تقييمات رسمية صادرة عن X»، «تقديرات سيول»، «الأرقام الرسمية لهيئة القناة»
        owner, estimate_end = None, None
        if j < t1 and any(x in lex.estimate_nouns for x in bare(v.toks[j].w)):
            if glued is None:
                definite = re.match(r"^[وف]?(?:[بل]?ال|لل)", v.toks[j].w) is not None
            else:   # «وفقا للبيانات الرسمية»: the article's lam after the glued «لـ»
                definite = v.norm[glued:glued + 1] == "ل"

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
            plain = k < t1 and v.toks[k - 1].raw == v.toks[k - 1].w
            if found:
                j = k          # «تقييمات رسمية صادرة عن X»
            elif definite:
                # an article noun has no genitive: its owner comes with «لـ» («الأرقام الرسمية لهيئة القناة»);
                # without one the noun phrase itself is the holder («البيانات اليومية»)
                kw = v.toks[k].w if plain else ""
                if kw.startswith("ل") and len(kw) > 3 and not kw.startswith(("لا", "لم", "لن", "لدي")):
                    owner = self._np_from(v.toks[k].s + (2 if kw.startswith("لل") else 1), t1)
            elif not definite and plain and k == j + 1 and v.toks[k].w not in lex.np_stop \
                    and not self._is_date_tok(v.toks[k]):
                j = k          # «تقديرات سيول»: the owner in the genitive
                glued = None
            elif glued is None:
                estimate_end = k   # «مصادر طبية»، «معلومات استخبارية»: the noun and its adjectives are the holder
        if not relative and j < t1 and glued is None and any(x in lex.pronoun_sources for x in bare(v.toks[j].w)):
            c.pronoun = True   # «حسب قوله»: the running speaker (resolved in _build)
            c.content = v.toks[j + 1].s if j + 1 < len(v.toks) else len(v.norm)
            return c
        if owner:
            np = owner
        elif glued is not None:
            np = self._np_from(glued, t1)
        else:
            np = self.noun_phrase(j, min(t1, estimate_end or t1)) if j < t1 else None
        if np and not relative and re.sub("^ال", "", fold(np[0]).split()[0]) in {re.sub("^ال", "", x)
                                                                                for x in lex.non_sources}:
            np = None   # «حسب الطلب»، «وفق الخطة»: according to a rule, not a source
        if np:
            c.holder, c.h_start, c.h_end, nxt = np
            c.explicit = True
            c.content = v.toks[nxt].s if nxt < len(v.toks) else len(v.norm)
            # the date of the reporting clause: right after the holder, or further on in «حسبما أعلن X في …»
            c.date = self._date_near(nxt, 8 if relative else 2)
            if lex.belief_re.search(v.norm, s, c.content):
                c.stance = "reported_belief"   # «حسب تقارير»: a source kept at a distance
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
        """A date mention within k tokens from token ti, before any figure or the end of the clause (a comma)."""
        v = self.v
        for j in range(ti, min(ti + k, len(v.toks))):
            t = v.toks[j]
            if t.s in self.q_starts:
                return None
            for ds, de, d in self.date_n:
                if ds <= t.s < de:
                    return d
            if t.raw.rstrip().endswith(("،", ",", ";", "؛")):
                return None
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
        before = [c for c in cues if c.e <= n_pos and not c.secondary and not c.after_ma and c.kind != "subject"
                  and not ((c.kind == "impersonal" or c.clause_bound) and self._clause_closed(c.e, n_pos))]
        gov = None
        if before:
            gov = before[-1]
            if gov.kind == "impersonal":
                outer = next((c for c in reversed(before[:-1]) if c.kind in ("verb", "prep") and c.holder), None)
                return (outer.holder if outer else None, outer.h_start if outer else None,
                        outer.h_end if outer else None, gov.stance, outer.date if outer else None, gov)
            if gov.kind == "outlet":
                return None, None, None, "asserted", None, gov   # «ويذكر أن …»: the outlet speaks
            if gov.kind in ("prep", "carry") and gov.holder is None:
                gov = None
        if gov is None:
            after = [c for c in cues if c.s >= (n_end or n_pos) and c.kind == "prep" and c.holder and not c.secondary]
            if after:
                gov = after[0]
        if gov is None:
            return None, None, None, "asserted", None, None
        return gov.holder, gov.h_start, gov.h_end, gov.stance, gov.date, gov

    def _clause_closed(self, a: int, b: int) -> bool:
        """Whether a clause ends between normalised offsets a and b («يشتبه بأنه انتحاري، … مما أسفر عن 10»)."""
        return re.search(r"[,،;؛]|(?<!\S)(?:فيما|بينما|و?لكن)(?=\s)", self.v.norm[a:b]) is not None

    def of_figure(self, start: int, end: int) -> FigureAttribution:
        """The attribution of the figure at original offsets [start, end): the governing cue's holder, date and
        stance, the stance refined by the hedges/beliefs/denials between the cue and just after the figure."""
        v = self.v
        si = self.sentence_index(start)
        ss, se = self.sentences[si]
        ns, ne = v.n(min(ss, start)), v.n(max(se, end))
        q_ns, q_ne = v.n(start), v.n(end)
        holder, hs, he, stance, date, cue = self.governing(si, q_ns, q_ne)
        if cue is None:
            # the rest of a quotation opened in an earlier sentence: the quotation's speaker
            opened = next((a for a, b in self.quotes_n if a < q_ns < b and a < v.n(ss)), None)
            if opened is not None:
                holder, hs, he, stance, date, cue = self.governing(self.sentence_index(v.o(opened)), opened)
        # the stance: hedges, beliefs and denials from the cue (or the start of the figure's own clause when the cue
        # comes after it) to just after the figure (not the words describing what it counts further on)
        lo = cue.e if cue and cue.e <= q_ns else self._clause_start(ns, q_ns)
        clause = v.norm[lo:min(ne, q_ne + AFTER_FIGURE)]
        if holder and stance == "asserted" and self.lex.report_holder_re.match(fold(holder)):
            stance = "reported_belief"   # «ذكر تقرير إخباري»، «وسائل إعلام»: an unnamed report
        stance = stance_in(clause, stance)
        if stance == "hedged" and self._present_near(q_ns, q_ne):
            stance = "asserted"   # «من مستوى حالي يبلغ نحو 49 سفينة إلى 97 سفينة»: the level today is a fact
        return FigureAttribution(holder, hs, he, stance, date, cue)

    def _present_near(self, q_ns: int, q_ne: int) -> bool:
        """A present-time marker («حاليا»، «الحالي») within PRESENT_REACH words of the figure."""
        v = self.v
        a, b = v.tok_before(q_ns), v.tok_at(q_ne)
        stops = ("الي", "حتي", "مقارنه", "مقابل", "بدلا")   # a marker past these belongs to another figure
        before, after = [], []
        for t in reversed(v.toks[max(0, a - PRESENT_REACH + 1):a + 1]):
            if t.w in stops:
                break   # «… حاليا إلى نحو 13.2»
            before.append(t)
        for t in v.toks[b:b + PRESENT_REACH]:
            if t.w in stops:
                break   # «إلى 450 مستشفى مقارنة بعددها الحالي 268»
            after.append(t)
        near = before + after
        return any(x in self.lex.present_markers for t in near for x in strip_clitic(t.w))

    def _clause_start(self, ns: int, q_ns: int) -> int:
        """The start of the clause holding the figure: after the last comma before it in the sentence, and no
        more than HEDGE_REACH words before it (a hedge further back qualifies something else)."""
        cut = [ns + m.end() for m in re.finditer(r"[,،;؛]", self.v.norm[ns:q_ns])]
        ti = max(0, self.v.tok_at(q_ns) - HEDGE_REACH)
        return max([ns, self.v.toks[ti].s if ti < len(self.v.toks) else ns] + cut)

    def sentence_index(self, o: int) -> int:
        for i, (s, e) in enumerate(self.sentences):
            if s <= o < e:
                return i
        return max(0, len(self.sentences) - 1)
