"""Direct quotes and their speakers.

`extract_quotes(ad) -> list[Quote]`: every quotation in «…», “…” (also ”…” as some outlets type it) or "…" that is
speech, with `text` = the words inside the marks (`document.text[start:end] == text`) and the speaker:

- the subject of the nearest reporting verb before it in the sentence («وقال كيم … إن "…"»، «وقالت تشوي … “…”»);
  a circumstantial participle («علق لافروف قائلا إن … "…"»، «متهما … بـ"…"») gives the main verb's subject;
  attribution phrases that merely cite a source («وقال كيم، بحسب ما نقلت عنه وكالة …، إن») do not take over;
- a verb with a pronoun subject («وقال "…"»، «وأضافت: "…"») — the article's last speaker;
- an attribution after the quote («"…"، حسبما ذكرت هيئة الأركان»، «"…"، قال المتحدث»);
- a quote standing alone as a sentence continues the last speaker;
- a statement or report as the subject («وأضاف البيان: "…"») gives way to its author named before in the article
  (a speaker, or the source of «بيان صادر عن X»); a phrase holding a reporting verb or opening with an adverbial is
  no speaker.
A quote is speech, more than a name (the words of each rule in arabic/data/quotes.yaml). Skipped: scare quotes (a
short quoted term with no speech verb next to it), a name after «اسم»/«شركة»/«بعنوان», a span that entity mentions
cover («داعش»), a short name after its head noun («مصرف «…»»), a phrase of one or two words without a verb («عاصفة
الحزم»، «الخطوة الجيدة»), and a short phrase nobody is said to say (a title: «مسرحية "…"»). `extract_quotes(ad,
dropped=[])` also lists each skipped span with its reason.
A quote may run over several sentences; several quotes in one sentence each get the speaker.
`speaker_start`/`speaker_end` give the speaker's offsets (for the entity stage).
"""
from __future__ import annotations

import functools
import re

from marsad.arabic.data import load_yaml
from marsad.extract.attribution import attributions, lexicon
from marsad.extract.textview import bare, fold, quote_spans, strip_clitic
from marsad.model import AnalysedDocument, Quote

__all__ = ["extract_quotes", "quote_spans"]

_PAIRS = {"«": "»", "“": "”", "„": "”"}


@functools.cache
def _naming_re() -> re.Pattern:
    """A quoted phrase right after one of quotes.yaml `naming_words` («اسم "…"»، «شركة «…»») is a name or a title;
    a final ة also matches ه and a final ى also ي (as outlets type them)."""
    alts = [re.sub("ى$", "[ىي]", re.sub("ة$", "[ةه]", w)) for w in _data()["naming_words"]]
    return re.compile(r"((?:^|\s)[وبل]?(?:ال)?(" + "|".join(alts) + r"))\s*$")


@functools.cache
def _title_re() -> re.Pattern:
    """«بعنوان "…"»: a title of any length follows (quotes.yaml `title_words`)."""
    return re.compile(r"(?:^|\s)[وب]?(?:" + "|".join(_data()["title_words"]) + r")\s*:?\s*$")


_TO_OUTLET = re.compile(r"(?:^|\s)[وف]?لـ?\s*$")   # «قال لـ«الشرق»»: the outlet told, not a quote
MIN_WORDS = 4          # a quote this long is speech even without a verb right before it
VERB_NEAR_TOKENS = 5   # a shorter quote needs a reporting verb within this many words before it
ENTITY_SHARE = 0.8     # a quoted span whose letters are this much entity mentions is a name («داعش»، «تويتر»)
SHORT_WORDS = 2        # a quoted phrase this short and without a verb is a term or a name, not speech
NO_SPEAKER_WORDS = 5   # an unattributed quoted phrase this short is a title or a name: a speaker is required
NAMED_HEAD_WORDS = 3   # a quoted phrase this short after a head noun («مصرف «…»») is that body's name


@functools.cache
def _data() -> dict:
    return load_yaml("quotes.yaml")


def _a_name_not_speech(body: str, before_q: str, after_q: str, inside_speech: bool) -> bool:
    """A short quoted phrase that is a name or a term (quotes.yaml): a numbered name of one or two words, or the
    clause runs on after it, it is not inside
    reported speech (`inside_speech`: a reporting verb's content began before it), and no colon or speech opener
    («إن», «قائلاً», «بـ») stands right before it."""
    if len(body.split()) <= 2 and re.search("[0-9\u0660-\u0669]", body):
        return True   # «اللواء 55», «القرار 2216»: a numbered name
    if inside_speech or not re.match("\\s*[\u0621-\u064a]", after_q):   # the sentence ends or pauses after it
        return False
    last = before_q.rstrip().split()[-1:] or [""]
    return not before_q.rstrip().endswith(":") and last[0] not in _data()["speech_openers"]


def _reporting_word(word: str) -> bool:
    """A reporting verb or participle of reporting_verbs.tsv («ويتابع»، «مبررا»), with its و/ف."""
    verbs = lexicon().verbs
    return any(x in verbs for x in strip_clitic(fold(word)))


def clean_speaker(speaker: str | None, start: int | None, end: int | None):
    """The speaker's noun phrase without the clause's auxiliaries in front («وكان التحالف العربي» → «التحالف
    العربي»: quotes.yaml `speaker_openers`), with its start offset moved past them; no speaker (None) when the
    phrase holds a reporting verb or participle (a clause the holder rules let through) or opens with an adverbial
    (quotes.yaml `not_speaker_first`: «وقبل أيام فقط»، «بكل وضوح»)."""
    if not speaker:
        return speaker, start, end
    openers = set(_data()["speaker_openers"])
    words = speaker.split()
    k = 0
    while k < len(words) - 1 and words[k] in openers:
        k += 1
    if any(_reporting_word(w) for w in words[k:]) or words[k] in _data()["not_speaker_first"]:
        return None, None, None   # «ويتابع عربجي مبررا»: a clause, not a noun phrase
    spans = [m.span() for m in re.finditer(r"\S+", speaker)]
    stop = _addressee_at(words, k)
    if stop is not None:
        speaker, end = speaker[:spans[stop - 1][1]], (start + spans[stop - 1][1] if start is not None else None)
    if not k:
        return speaker, start, end
    cut = spans[k][0]
    return speaker[cut:], (start + cut if start is not None else None), end


def _addressee_at(words: list[str], k: int) -> int | None:
    """The index of the word where the body told begins in a name's phrase («بارتوميو لهيئة الإذاعة البريطانية»:
    «لـ» + a body's head noun of attribution.yaml `named_heads`), or None. Not after a title («المدير العام لهيئة
    الطيران» is one title: the body is the one he heads)."""
    lex = lexicon()
    for m in range(k + 1, len(words)):
        w = fold(words[m])
        if any(x in lex.titles or x in lex.title_heads for x in bare(fold(words[m - 1]))):
            return None
        if w.startswith("ل") and not w.startswith("لل") and any(x in lex.named_heads for x in bare(w[1:])):
            return m
    return None


def _entity_share(ad: AnalysedDocument, start: int, end: int) -> float:
    """The share of the letters of text[start:end] that entity mentions cover."""
    text = ad.document.text
    letters = [i for i in range(start, end) if text[i].isalpha()]
    if not letters:
        return 0.0
    covered = set()
    for m in ad.mentions:
        if m.end > start and m.start < end:
            covered.update(range(max(m.start, start), min(m.end, end)))
    return sum(1 for i in letters if i in covered) / len(letters)


def _has_verb(body: str) -> bool:
    """Whether a short quoted phrase holds a verb: a particle of a verbal clause (quotes.yaml `verb_particles`:
    «لا»، «لم»، «قد»، «كان») or a word with an imperfect verb's prefix (`imperfect_prefixes`: «يطمئن»، «ستصبح»)."""
    data = _data()
    particles = {fold(x) for x in data["verb_particles"]}
    prefixes = tuple(fold(x) for x in data["imperfect_prefixes"])
    for w in fold(body).split():
        forms = [w] + ([w[1:]] if len(w) > 3 and w[0] in "وف" else [])
        if any(x in particles for x in forms):
            return True
        if any(x.startswith(prefixes) and len(x) >= 4 and not x.startswith("ال") for x in forms):
            return True
    return False


def _named_head(before_q: str) -> bool:
    """A head noun right before the quotation mark («مصرف «…»»، «هيئة "…"»): the quoted words are its name
    (attribution.yaml `named_heads`, the nouns a quoted name follows in a holder phrase, and quotes.yaml
    `naming_words`)."""
    last = before_q.split()[-1:] if before_q and not before_q[-1:] in ":،,-–" else []
    if not last:
        return False
    heads = lexicon().named_heads | {fold(x) for x in _data()["naming_words"]}
    return any(x in heads for x in bare(fold(last[0])))


def _not_speech(ad, body, start, end, before_q, speaker, before) -> str | None:
    """Why a quoted span that passed the scare-quote rules is still no quote, or None: it is a name (entity
    mentions cover ENTITY_SHARE of its letters), a short name after its head noun («مصرف «…»»), a phrase of at
    most SHORT_WORDS words without a verb (a term or a characterisation: «عاصفة الحزم»، «الخطوة الجيدة»), or
    nobody says it (no speaker found, no reporting verb before it in the sentence, at most NO_SPEAKER_WORDS words
    and no colon before it)."""
    words = len(body.split())
    if _entity_share(ad, start, end) >= ENTITY_SHARE:
        return "entity"
    if words <= NAMED_HEAD_WORDS and _named_head(before_q):
        return "named_head"
    if words <= SHORT_WORDS and not _has_verb(body):
        return "short_phrase"
    if speaker is None and words <= NO_SPEAKER_WORDS and not before_q.rstrip().endswith(":") \
            and not any(c.kind in ("verb", "participle", "prep") for c in before):
        return "no_speaker"   # a title or a name («فيلم … "سمك لبن تمر هندي"»); a longer unattributed quote is
        # speech whose speaker the attribution missed far more often («فرد محفوظ رداً …: «…»»)
    return None


def _statement_source(att, n_end: int):
    """The source named with the last statement before normalised offset n_end: a statement or report noun
    (attribution.yaml `estimate_nouns`) and a linker of more than one word («بيان صادر عن وزارة البيئة» → «وزارة
    البيئة»), as (text, start, end), or None."""
    v, lex = att.v, att.lex
    found = None
    for j, t in enumerate(v.toks):
        if t.s >= n_end:
            break
        if t.raw != t.w or not any(x in lex.estimate_nouns for x in bare(t.w)):
            continue
        for link in lex.linkers:
            if len(link) > 1 and [x.w for x in v.toks[j + 1:j + 1 + len(link)]] == link:
                np = att.noun_phrase(j + 1 + len(link), v.tok_at(n_end))
                if np and not att.is_data(np[0]):
                    found = np[:3]
                break
    return found


def extract_quotes(ad: AnalysedDocument, dropped: list | None = None) -> list[Quote]:
    """The document's quotes; `dropped`, when given, receives (Quote, reason) for each quoted span found not to
    be speech (reasons: naming, to_outlet, no_verb_near, name_in_clause, entity, named_head, short_phrase,
    no_speaker) — for measuring the rules."""
    text = ad.document.text
    spans = quote_spans(text)
    if not spans:
        return []
    att = attributions(ad)
    v = att.v
    # running explicit speakers in text order
    speakers = []
    for cues in att.cues_by_sent:
        for c in cues:
            if c.kind == "verb" and c.explicit and not c.after_ma:
                speakers.append((c.s, c.holder, c.h_start, c.h_end))
    out = []
    last_quote_speaker = None
    for qs, qe in spans:
        inner_s, inner_e = qs + 1, qe - 1
        while inner_s < inner_e and text[inner_s].isspace():
            inner_s += 1
        while inner_e > inner_s and text[inner_e - 1].isspace():
            inner_e -= 1
        body = text[inner_s:inner_e]
        if not body.strip() or not re.search(r"[\u0621-\u064a]", body):
            continue

        def skip(reason, speaker=None):
            if dropped is not None:
                dropped.append((Quote(doc=ad.document.id, start=inner_s, end=inner_e, text=body, speaker=speaker),
                                reason))
        n_qs, n_qe = v.n(qs), v.n(qe)
        si = att.sentence_index(qs)
        ss, se = att.sentences[si]
        cues = [c for c in att.cues_by_sent[si] if not c.secondary and not c.after_ma]
        before = [c for c in cues if c.e <= n_qs and c.kind in ("verb", "participle", "prep")]
        words = len(body.split())
        pre_text = v.norm[v.n(ss):n_qs]
        near = [c for c in before if len(v.norm[c.e:n_qs].split()) <= VERB_NEAR_TOKENS
                and c.kind in ("verb", "participle")]
        before_q = text[ss:qs].rstrip()
        if (_naming_re().search(before_q) and words < 6) or _title_re().search(before_q):
            skip("naming")
            continue
        if _TO_OUTLET.search(before_q) and words < MIN_WORDS:
            skip("to_outlet")
            continue
        speech = [c for c in before if c.kind in ("verb", "participle") and c.content <= n_qs]
        colon = v.norm[:n_qs].rstrip().endswith(":")
        if words < MIN_WORDS and not near and not colon and not (speech and words >= 2):
            skip("no_verb_near")
            continue
        inside = any(c.content < n_qs and v.norm[c.content:n_qs].split() for c in speech)
        if words < MIN_WORDS and _a_name_not_speech(body, before_q, text[qe:se], inside):
            skip("name_in_clause")
            continue   # «أعلن التحالف «هدنة إنسانية» لمدة خمسة أيام»: a name in «», not speech
        speaker = hs = he = None
        if before:
            c = before[-1]
            if c.kind == "prep":
                verbs = [x for x in before if x.kind in ("verb", "participle") and x.holder]
                c = verbs[-1] if verbs and len(v.norm[verbs[-1].e:n_qs].split()) <= 15 else c
            speaker, hs, he = c.holder, c.h_start, c.h_end
        if speaker is None:
            after = [c for c in att.cues_by_sent[si] + (att.cues_by_sent[si + 1] if si + 1 < len(att.sentences) else [])
                     if c.s >= n_qe and c.holder and c.kind in ("verb", "prep")
                     and len(v.norm[n_qe:c.s].split()) <= 3]
            if after:
                speaker, hs, he = after[0].holder, after[0].h_start, after[0].h_end
        if speaker is None:
            alone = not text[ss:qs].strip(" \n،,:-") and (not text[qe:se].strip(" \n.،,") or True)
            prev = [sp for sp in speakers if sp[0] < n_qs]
            if alone and (prev or last_quote_speaker):
                best = prev[-1][1:] if prev else last_quote_speaker
                speaker, hs, he = best
        if speaker and att.is_data(speaker):
            # «وأضاف البيان: "…"»: a statement or a report does not speak — its author does, when the article named
            # one before
            author = [sp for sp in speakers if sp[0] < n_qs and not att.is_data(sp[1])]
            if author:
                speaker, hs, he = author[-1][1:]
            elif len(speaker.split()) <= 2:
                # «وجاء في بيان صادر عن وزارة البيئة …» … «ويضيف البيان»: the source the statement was named with
                speaker, hs, he = _statement_source(att, n_qs) or (speaker, hs, he)
        speaker, hs, he = clean_speaker(speaker, hs, he)
        why = _not_speech(ad, body, inner_s, inner_e, before_q, speaker, before)
        if why:
            skip(why, speaker)
            continue
        if speaker:
            last_quote_speaker = (speaker, hs, he)
        q = Quote(doc=ad.document.id, start=inner_s, end=inner_e, text=body, speaker=speaker)
        q.speaker_start, q.speaker_end = hs, he
        out.append(q)
    return out
