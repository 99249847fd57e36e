"""Entity mentions in one document: gazetteer + rules (titles, nationality adjectives, metonymy, clitics), on top of
marsad's trained NER model when it is installed (marsad/models/ner; without it the rules work alone).

``tag_entities(text, sentences) -> list[Mention]``

- Matching runs on the normalised text (``normalize_map``: alef/ya/ta-marbuta/hamza folded, diacritics dropped) with
  one compiled trie-regex per list (gazetteer, nationality adjectives, titles) — no per-entry loop over the text —
  and every offset is mapped back to the original text: ``text[m.start:m.end] == m.text`` always.
- Proclitics و ف ب ل ك (and وب، ول، فب …) are matched in front of a name but left outside the mention
  («وسيول» → «سيول», «لبوتين» → «بوتين»); «للكرملين» (ل + الكرملين with the article's alef elided) gives «لكرملين».
- Titles («الرئيس الروسي»، «زعيم كوريا الشمالية»، «شقيقة الزعيم الكوري الشمالي») are recorded on the person's
  mention (``title``, plus ``title_key`` = role|country|former); a title with a country and no name after it becomes a
  title-only mention (``kind="title"``) that entity resolution attaches to the person holding that title elsewhere.
- Nationality adjectives («الكوري الشمالي»، «جندي كوري شمالي») are MISC mentions (kind ``nisba``) with ``refers_to`` =
  the country, for the claims stage (whose forces); entity resolution makes no entity of them. A nisba after a first
  name or title is the person's family name («العميد خالد المصري»). Capitals used as agents («وتقدر سيول») and
  seats of power («الكرملين») get ``refers_to`` = the state.
- Organisations as Arabic writes them (``_org_chains``): a head noun (org_heads.tsv) with its genitive/adjective chain
  and place («جوازات منطقة حائل», «إدارة الجوازات بمنطقة مكة المكرمة», «المديرية العامة للجوازات», «الجيش المصري»),
  naming vs generic adjectives in org_adjectives.tsv; a quoted name after «لـ» or an outlet word is an outlet
  («أكد لـ«عكاظ»»). Places inside a rule organisation stay mentions of their own.
- Precision: entity_junk.tsv (currencies, religious formulae, religions, month names, generic nouns, function words)
  is never a mention; page furniture («رابط الخبر …») and a paragraph's byline/dateline carry none; a model span
  loses its proclitic before the article or «لل» («بالكورنيش», «للحج») and a person's conjunction «و» unless the
  name begins with it (names_clitic_initial.tsv); coordinated places are split («السويس وبورسعيد»).
- Names no list knows come from the model, and without it from three cautious rules: the words after a title
  («السفير … ألكسندر ماتسيغورا،»), after a verb of saying before «إن/أن» or punctuation («وقال يانغ إن»), and after
  a head word («منطقة كورسك», «وزارة الدفاع الأمريكية», «مطار الملك خالد الدولي»); a name found once is tagged
  again elsewhere in the document, and a person's surname alone too («ماتسيغورا»).
- Priority when spans overlap: gazetteer and head-word organisations, then rule names, then nationality adjectives,
  then the model. All word lists live in marsad/arabic/data (gazetteer, titles, nisba, metonymy, name_variants,
  entity_stopwords, entity_triggers, org_heads, org_adjectives, entity_junk, names_clitic_initial .tsv;
  entity_lexicon.yaml).

Modules: ``entity_matching`` (the document view: normalised tokens with offsets back to the text, the list
matchers), ``entity_rules`` (titles, names after titles and verbs of saying, head-word names, organisation chains,
outlets, page furniture), this module (the model's spans, selection, propagation, names known from the corpus), and
``lexicon`` (the word lists).

Extra fields on Mention (the model allows them): ``kind`` (name|surname|title|nisba), ``canonical`` (gazetteer name),
``title_key``, ``key`` (normalised matching key used by resolution).
"""
from __future__ import annotations

import bisect
import functools
import logging
import re

from marsad.arabic.text import normalize, normalize_map, trie_pattern
from marsad.extract import ner
from marsad.extract.entity_matching import CLITIC_RE, _LETTER, _MARK_RE, _SPACE, _Cand, _Doc, _Hit, _name_stem, _scan
from marsad.extract.entity_rules import (_agentive, _furniture, _future, _guess_name, _is_stop, _org_chains, _outlets,
                                         _parse_title, _triggered, _verb_like, org_head)
from marsad.extract.lexicon import (canonical_index, clitic_initial_names, gazetteer, junk_forms, _lx, name_key,
                                    nisba_forms, org_heads, stopwords, _suffix_re, title_forms, triggers)
from marsad.model import Mention


log = logging.getLogger(__name__)


# ------------------------------------------------------------------ the NER model (optional)
@functools.cache
def _ner():
    try:
        nlp = ner.load()
    except ner.NERModelMissing as e:  # a checkout without the model: the rules work alone
        log.warning("%s Entity rules run alone.", e)
        return None
    return ner, nlp


def ner_available() -> bool:
    return _ner() is not None


def tag_entities(text: str, sentences: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Entity mentions of one document (offsets into `text`), sorted by position."""
    if not text or not text.strip():
        return []
    d = _Doc(text, sentences or [(0, len(text))])
    if not d.starts:
        return []
    gaz = _scan("gaz", d.norm, d.starts, d.ends)
    nis = _scan("nisba", d.norm, d.starts, d.ends)
    tit = _scan("title", d.norm, d.starts, d.ends)
    gtab, ntab, ttab = gazetteer(), nisba_forms(), title_forms()
    stop, trig = stopwords(), triggers()
    cands: list[_Cand] = []

    # --- gazetteer names
    not_after = _lx("not_after")
    for t0, h in list(gaz.items()):
        g = gtab[h.form]
        raw = d.text[d.idx[h.s]:d.idx[h.e - 1] + 1]
        if (g.canonical.endswith("ة") and " " not in h.form and raw.endswith("ه")) \
                or (h.cl.endswith("ك") and (len(h.form) < 5 or h.form.startswith("ا"))) \
                or (h.form in not_after and t0 > 0 and d.joined(t0 - 1, t0) and d.words[t0 - 1] in not_after[h.form]):
            del gaz[t0]  # «جده» (his grandfather) is not «جدة»; «كاسيا» is not ك + «آسيا»; «صلاة المغرب»
    for h in gaz.values():
        g = gtab[h.form]
        n = nis.get(h.t1 + 1)
        if g.generic and n is not None and not n.cl and d.joined(h.t1, h.t1 + 1):
            cands.append(_Cand(h.s, n.e, "ORG", "rule", 0))  # «مجلس الأمن الروسي»: Russia's, not the UN's
            continue
        ref = None
        if g.refers_to and (g.mode == "always" or _agentive(d, h)):
            ref = g.refers_to
        cands.append(_Cand(h.s, h.e, g.type, "gazetteer", 0, g.kind, None if g.kind == "surname" else g.canonical,
                           ref))
    # --- nationality adjectives
    for h in nis.values():
        cands.append(_Cand(h.s, h.e, "MISC", "rule", 3, "nisba", None, ntab[h.form]))

    # --- titles: parse each phrase (relation? role, complements)
    triggered = _triggered(d, trig, stop, gaz, nis, tit) + _org_chains(d, gaz, nis, tit, stop, trig) + _outlets(d)
    orgs = {}
    for c in triggered:
        if c.label == "ORG":
            t0c = bisect.bisect_right(d.starts, c.s) - 1  # the token holding the head word (after its clitic)
            orgs[t0c] = (bisect.bisect_left(d.ends, c.e), d.norm[c.s:c.e])
    phrases = {}
    inside: set[int] = set()  # title tokens already read as part of a longer phrase («شقيقة [الزعيم] …»)
    for t0 in sorted(tit):
        if t0 in inside:
            continue
        if t0 > 0 and d.joined(t0 - 1, t0) and not tit[t0].cl and (
                trig.get(d.words[t0 - 1]) or trig.get(_name_stem(d.words[t0 - 1]))) in ("LOC", "ORG", "MISC"):
            continue  # «مطار الملك خالد», «جامعة الأمير سلطان»: part of a place/organisation name
        p = phrases[t0] = _parse_title(d, tit[t0], tit, gaz, nis, gtab, ttab, orgs)
        if p is not None and p[1] is not None:
            inside.update(range(t0 + 1, p[1]))

    # --- the model's spans, clitics trimmed, titles cut off
    ner_at: dict[int, _Cand] = {}
    model = _ner()
    if model is not None:
        ner_mod, nlp = model
        try:
            spans = ner_mod.predict_spans(text, nlp=nlp)
        except Exception as e:  # a broken model must not cost the document its rule mentions
            log.warning("NER failed: %s", e)
            spans = []
        known = set(d.words)
        rev = _reverse_index(d)
        for s0, e0, label in _split_coordinated(text, spans):
            c = _ner_cand(d, rev, s0, e0, label, known, gtab, phrases)
            if c:
                cands.append(c)
                ner_at[bisect.bisect_right(d.starts, c.s) - 1] = c  # the token it starts in (clitic trimmed)

    # --- a listed surname right after another first name is somebody else («حسن أبو هنية», with the model:
    #     «فريدريك زلينسكي»): drop the gazetteer reading there
    ner_per = [c for c in cands if c.source == "ner" and c.label == "PER"]
    drop = set()
    for t0, h in gaz.items():
        g = gtab[h.form]
        if g.type != "PER" or " " in h.form or " " not in g.canonical or h.cl:
            continue
        if t0 > 0 and d.joined(t0 - 1, t0) and d.words[t0 - 1] in _lx("name_particles"):
            drop.add(h.s)
        elif t0 > 0 and d.joined(t0 - 1, t0) and any(c.s == d.starts[t0 - 1] and c.e == h.e for c in ner_per):
            prev = d.words[t0 - 1]
            if not (prev in stop or d.article[t0 - 1] or t0 - 1 in tit or t0 - 1 in gaz or _verb_like(prev)):
                drop.add(h.s)
    if drop:
        # the same surname elsewhere in this document may be either person: resolution decides by salience
        forms = {gaz[t].form for t in gaz if gaz[t].s in drop}
        cands = [c for c in cands if not (c.source == "gazetteer" and c.s in drop)]
        for c in cands:
            if c.source == "gazetteer" and " ".join(d.norm[c.s:c.e].split()) in forms:
                c.kind, c.canonical = "surname", None

    # --- titles → names, title-only mentions
    for t0, p in phrases.items():
        if p is None:
            continue
        role, j, key, pspan, inner, standalone, guess = p
        if j is None:
            continue
        name = None
        if j < len(d.starts) and d.joined(j - 1, j):
            g = gaz.get(j)
            if (not g and d.article[j] and j + 1 < len(d.starts) and d.joined(j, j + 1) and j not in nis
                    and gaz.get(j + 1) and gtab[gaz[j + 1].form].type == "PER"):
                g = gaz[j + 1]  # one adjective between title and name: «شقيقة الزعيم … النافذة كيم يو جونغ»
            if g and gtab[g.form].type == "PER" and not g.cl:
                name = ("gaz", g)
            elif j in ner_at and ner_at[j].label == "PER":
                name = ("ner", ner_at[j])
                if role.kind != "relation" and guess:
                    toks = _guess_name(d, j, stop, trig, tit, nis, gaz, gtab)
                    if toks and d.ends[toks[1]] > ner_at[j].e and (
                            d.ends_phrase(toks[1]) or _is_stop(d.words[toks[1] + 1], stop)
                            or _verb_like(_future(d.words[toks[1] + 1]))):
                        ner_at[j].e = d.ends[toks[1]]  # the model stopped early: «لي سونغ [كوين]،»
            elif role.kind != "relation" and (guess or role.kind == "honorific" and role.definite):
                toks = _guess_name(d, j, stop, trig, tit, nis, gaz, gtab)
                if toks:
                    name = ("rule", toks)
        if name:
            kind, obj = name
            if kind == "gaz":
                for c in cands:
                    if c.source == "gazetteer" and c.s == obj.s:
                        c.title, c.title_key = pspan, key
            elif kind == "ner":
                obj.title, obj.title_key = pspan, key
            else:
                a, b = obj
                cands.append(_Cand(d.starts[a], d.ends[b], "PER", "rule", 1, "name", title=pspan, title_key=key))
        elif role.kind == "role" and standalone and key.split("|")[1] and not inner:
            cands.append(_Cand(pspan[0], pspan[1], "PER", "rule", 9, "title", title=pspan, title_key=key))
        if inner:  # «شقيقة [الزعيم الكوري الشمالي] …»: the inner title names another person
            cands.append(_Cand(inner[0][0], inner[0][1], "PER", "rule", 9, "title", title=inner[0], title_key=inner[1]))

    # --- head words: «منطقة كورسك», «وزارة الدفاع الأمريكية»
    cands.extend(triggered)

    _nisba_surnames(d, cands, nis)
    cands = _nisba_in_names(cands)
    _ner_over_places(d, cands)
    mentions = _select(cands)
    mentions = _head_before_listed(d, mentions, gtab)
    mentions = _propagate(d, mentions, stop, gaz, tit)
    mentions = _nested_places(mentions, cands)
    # «الأراضي السعودية», «وزارة الصحة السعودية»: the adjective, not the country (after the names that hold it,
    # «الخطوط السعودية», were chosen with it)
    mentions = [c for c in mentions if not _adjective_after_noun(d, c, gtab, ntab, stop)]
    mentions = _drop_junk(d, mentions)
    return [_to_mention(d, c) for c in sorted(mentions, key=lambda c: (c.s, -c.e))]


_DEFINITE_WORD = re.compile("^(?:[وف]?[بك]?ال|[وف]?لل)..")


def _adjective_after_noun(d: _Doc, c: _Cand, gtab, ntab, stop) -> bool:
    """A one-word listed place written as its own nationality adjective («السعودية»: the country and the feminine
    «Saudi», nisba.tsv) right after a definite noun of the same phrase agrees with that noun: «الأراضي السعودية»,
    «المناطق السعودية», «وزارة الصحة السعودية» are Saudi lands, regions, ministry — no mention of the country (the
    nationality adjective's own mention stays). Not after a function word («إلى السعودية»). In a third of the
    SaudiNewsNet articles, 2,629 of the 3,712 «السعودية» follow a definite word: «المملكة العربية» (720, the listed
    full name, matched whole), then «الخطوط» 86, «الأسهم» 79, «الشركة» 56, «الأنباء» 55, «الهيئة» 54 … — nouns it
    qualifies, not a verb's subject before its object."""
    if c.source != "gazetteer" or c.label != "LOC":
        return False
    form = d.norm[c.s:c.e]
    t0 = bisect.bisect_left(d.starts, c.s)
    if " " in form or form not in gtab or form not in ntab or t0 == 0 or t0 >= len(d.starts) \
            or d.starts[t0] != c.s or not d.joined(t0 - 1, t0):
        return False
    prev = d.words[t0 - 1]
    return bool(_DEFINITE_WORD.match(prev)) and prev not in stop and _name_stem(prev) not in stop


def _head_before_listed(d: _Doc, chosen: list[_Cand], gtab) -> list[_Cand]:
    """An organisation's head written before its listed short name, with a common noun between, is that listed body:
    «وكالة أنباء الأناضول» is «وكالة الأناضول» (gazetteer.tsv), not the model's «وكالة أنباء» beside the listed
    «الأناضول». Joined when the first span is an unlisted ORG of two words or more opening with an indefinite head
    (org_heads.tsv), ends right before the listed ORG (a space, no punctuation), and the listed body's canonical name
    starts with that head while its mention here does not."""
    by_start = {c.s: c for c in chosen if c.source == "gazetteer" and c.label == "ORG" and c.canonical}
    out, gone = [], set()
    for c in chosen:  # in the given order: the later steps read it
        words = d.norm[c.s:c.e].split()
        nxt = None
        if c.label == "ORG" and c.source != "gazetteer" and len(words) >= 2 and d.norm[c.e:c.e + 1] == " ":
            nxt = by_start.get(c.e + 1)
        head = org_head(words[0]) if nxt is not None else None
        if head is not None and not head[2] and normalize(nxt.canonical).split()[0] == head[1] \
                and org_head(d.norm[nxt.s:nxt.e].split()[0]) is None:
            out.append(_Cand(c.s, nxt.e, "ORG", "gazetteer", nxt.prio, nxt.kind, nxt.canonical, nxt.refers_to))
            gone.add(id(nxt))
            continue
        out.append(c)
    return [c for c in out if id(c) not in gone]


def _ner_over_places(d: _Doc, cands: list[_Cand]) -> None:
    """A model name of two words or more that ends in a listed place holds it as a genitive («حرب السويس», «جامعة
    القاهرة»): it competes with the place at the gazetteer's rank (then the longer wins); the place stays a mention
    of its own (_nested_places)."""
    places = [c for c in cands if c.source == "gazetteer" and c.label == "LOC"]
    for c in cands:
        if c.source == "ner" and c.label in ("MISC", "ORG") and any(
                p.s > c.s and p.e == c.e and re.fullmatch(r"(?:[^\W\d_]+\s+)+", d.norm[c.s:p.s]) for p in places):
            c.prio = 0


def _nisba_surnames(d: _Doc, cands: list[_Cand], nis: dict[int, _Hit]) -> None:
    """A first name the model found alone, followed by a nationality adjective with the article, takes it as its
    family name («العميد خالد [المصري]»)."""
    for c in cands:
        if c.source != "ner" or c.label != "PER" or " " in d.norm[c.s:c.e].strip():
            continue
        t = bisect.bisect_left(d.starts, c.e)
        h = nis.get(t)
        if h is not None and not h.cl and h.t1 == t and d.article[t] and d.joined(t - 1, t):
            c.e = h.e


def _nisba_in_names(cands: list[_Cand]) -> list[_Cand]:
    """A nationality adjective inside or right at the end of a person's name is the surname («العميد خالد المصري»):
    the nisba reading gives way."""
    names = [c for c in cands if c.label == "PER" and c.kind == "name" and c.source in ("ner", "rule")]
    return [c for c in cands if not (c.kind == "nisba" and any(p.s < c.s and c.e <= p.e for p in names))]


def _nested_places(chosen: list[_Cand], cands: list[_Cand]) -> list[_Cand]:
    """A listed place or a nationality adjective inside an organisation name built by the rules is a mention of its
    own too («جوازات [منطقة حائل]», «مكتب العمل ب[جدة]», «الجيش [الروسي]»: the claims read whose forces from it)."""
    orgs = [c for c in chosen if c.label == "ORG" and c.source == "rule" or c.label in ("ORG", "MISC") and c.prio == 0
            and c.source == "ner"]
    if not orgs:
        return chosen
    have = {(c.s, c.e) for c in chosen}
    extra = []
    for c in cands:
        if (c.source == "gazetteer" and c.label == "LOC" or c.kind == "nisba") and (c.s, c.e) not in have \
                and any(o.s < c.s and c.e <= o.e or o.s <= c.s and c.e < o.e for o in orgs) \
                and not any(x.s < c.e and c.s < x.e for x in chosen if x not in orgs):
            extra.append(c)
            have.add((c.s, c.e))
    return chosen + extra


def _drop_junk(d: _Doc, chosen: list[_Cand]) -> list[_Cand]:
    """Mentions that are no entity: a junk form (entity_junk.tsv: currencies, religious formulae, month names, generic
    nouns, function words) as written or without its proclitic, and anything inside page furniture."""
    junk = junk_forms()
    furniture = _furniture(d)
    out = []
    for c in chosen:
        form = " ".join(d.norm[c.s:c.e].split())
        elided = c.s > 0 and d.norm[c.s - 1:c.s + 1] == "لل"  # «للحج» → «لحج» stands for «الحج»
        if c.kind != "title" and (form in junk or _name_stem(form) in junk or elided and "ا" + form in junk):
            continue
        if any(a <= c.s and c.e <= b for a, b in furniture):
            continue
        out.append(c)
    return out


def _reverse_index(d: _Doc) -> list[int]:
    """original offset → normalised offset (of the next kept character)."""
    rev = [len(d.norm)] * (len(d.text) + 1)
    for k in range(len(d.idx) - 1, -1, -1):
        rev[d.idx[k]] = k
    for i in range(len(d.text) - 1, -1, -1):
        if rev[i] == len(d.norm) and i + 1 <= len(d.text):
            rev[i] = rev[i + 1] if i + 1 < len(rev) else len(d.norm)
    return rev


_QUOTED_START = re.compile("[وف]?[بلك]?[\"'«“”‘’(\\[]+")


def _ner_cand(d, rev, s0, e0, label, known, gtab, phrases):
    """A model span, in normalised offsets, with the proclitic and any title at its start removed."""
    if label not in ("PER", "ORG", "LOC", "MISC"):
        return None
    s, e = rev[s0], rev[min(e0, len(d.text))] if e0 < len(rev) else len(d.norm)
    quoted = _QUOTED_START.match(d.norm, s, e)  # «بـ"أبو حنظلة»: a proclitic, then the quote that opens the name
    if quoted:
        s = quoted.end()
    if e <= s:
        return None
    t0 = bisect.bisect_left(d.starts, s)
    if t0 >= len(d.starts):
        return None
    # a title at the start: the name begins after the phrase
    p = phrases.get(t0)
    if p and p[1] is not None and p[0].kind != "relation":
        j = p[1]
        if j >= len(d.starts) or d.starts[j] >= e:
            return None
        s, t0 = d.starts[j], j
    t1 = bisect.bisect_left(d.starts, e) - 1  # end at the last word's end (no trailing punctuation)
    if t1 < t0:
        return None
    e = min(e, d.ends[t1])
    w = d.norm[s:d.ends[t0]]
    cut = _clitic_len(w, known, gtab)
    if not cut and label == "PER" and w[:1] == "و" and len(w) >= 4 and w not in clitic_initial_names():
        cut = 1  # «وسالم الدوسري»: the conjunction, unless the name itself begins so («وليد», «ويليام»)
    s += cut
    span = d.norm[s:e].strip()
    if len(span) < 3 or _is_stop(span, stopwords()):
        return None
    if not re.search("[\u0621-\u064a]", span):
        return None  # an Arabic model on Latin letters, digits or markup («Stc», «script») is guessing
    words = span.split()
    if span not in gtab and label in ("LOC", "MISC") and len(words) == 1 and len(span) >= 5 \
            and (span.endswith("يه") or span.endswith("ي")):
        return None  # an adjective («الكورية», «موسكوفي»), not a place
    if label == "PER" and len(words) >= 2 and words[0].endswith("ات") and len(words[0]) >= 5:
        return None  # «تقييمات رسمية صادرة»: a plural noun phrase
    if label == "PER" and len(words) >= 2 and words[0].endswith("ا") and len(words[0]) >= 4 \
            and words[1][:1] in "بل" and words[1] not in _lx("name_particles"):
        return None  # «عرفانا بجميل», «دعما لمشروع»: an adverbial masdar and its complement
    if " " not in span and re.search("[\u064b-\u064d]", d.text[d.idx[s]:d.idx[e - 1] + 2]):
        return None  # tanween: an adverb or indefinite noun («دينيًا»), not a name
    if " " not in span and span not in gtab and (
            _suffix_re("pronoun_suffixes").search(span) and len(span) >= 6          # «غواصاتها»: a possessed noun
            or span.startswith("ال") and _suffix_re("plural_suffixes").search(span) and label != "ORG"):  # «المهاجمون»
        return None
    if label == "MISC" and len(words) >= 2 and words[0][:2] in ("سي", "ست", "سن", "سا") and len(words[0]) >= 5 \
            and words[0][2] not in "اوي":
        return None  # «سنفتتح الجسر» in «»: a clause opening with a future verb (س + imperfect), not a title
    if label == "ORG" and len(words) == 2 and words[0] in org_heads() and words[1][:1] == "و":
        return None  # «منظمة وميسرة» («organised and eased»): a head noun's chain never opens with «و»
    if label in ("MISC", "LOC") and len(words) >= 2 and words[-1] in org_heads():
        label = "ORG"  # a foreign name written head-last: «دويتشه بنك», «سيتي بنك»
    if label == "PER" and len(words) == 1 and _verb_like(span) and span.endswith("ون"):
        return None  # «يحلمون»: a verb
    if len(words) == 1 and span.endswith("يا") and span[:-1] in nisba_forms():
        return None  # «إيرانيا»: an adverb made of a nationality adjective
    if label == "PER" and len(words) >= 2 and words[-1][:1] == "و" and (
            _is_stop(words[-1][1:], stopwords()) or _suffix_re("pronoun_suffixes").search(words[-1])
            or words[-1].endswith("ه")):
        e = d.ends[bisect.bisect_left(d.starts, e) - 2]  # «خالد بحاح [ومعه]»: the conjunction opens what follows
    if label == "PER" and len(words) >= 3 and words[-1].startswith("ال") and (
            words[-1].endswith("ه") or _suffix_re("plural_suffixes").search(words[-1])):
        e = d.ends[bisect.bisect_left(d.starts, e) - 2]  # «محمد السعد [الأخوة]»: a common noun after the name
    return _Cand(s, e, label, "ner", 4)


def _split_coordinated(text: str, spans):
    """A model place span holding «و» + another word is two places («السويس وبورسعيد» → «السويس», «بورسعيد»)."""
    out = []
    for s0, e0, label in spans:
        if label == "LOC":
            cut = [m.start() for m in re.finditer(r"\sو(?=\w{3})", text[s0:e0])]
            if cut:
                bounds = [s0] + [s0 + c for c in cut] + [e0]
                for a, b in zip(bounds, bounds[1:]):
                    while a < b and text[a].isspace():
                        a += 1  # the conjunction stays on the token: the clitic rule cuts it
                    if b - a >= 4:
                        out.append((a, b, label))
                continue
        out.append((s0, e0, label))
    return out


def _clitic_len(w: str, known: set[str], gtab) -> int:
    """How many leading characters of a model token are a proclitic (0 when the word itself is a known name).

    A clitic is cut when what is left is a listed name, or is written without it elsewhere in the document (long
    enough not to be another word: «فيصل» is not ف + «يصل», «والدتي» is not و + «الدتي»), or starts a compound name
    («وعبد العزيز»)."""
    if w in gtab:
        return 0
    for p in ("ولل", "فلل", "لل"):  # ل + article whose alef is elided: «للكرملين» → «لكرملين»
        if w.startswith(p) and len(w) > len(p) + 1 and ("ا" + w[len(p) - 1:] in gtab or "ا" + w[len(p) - 1:] in known):
            return len(p) - 1
    for p in ("ولل", "فلل", "لل"):  # the model's «للحج»: ل + «الحج» whatever the rest of the document says
        if w.startswith(p) and len(w) >= len(p) + 3:
            return len(p) - 1
    for n in (2, 1):  # a proclitic before the article: «بالكورنيش», «وبالقطاع»
        if re.fullmatch(CLITIC_RE, w[:n]) and w[n:].startswith("ال") and len(w) - n >= 5:
            return n
    for n in (3, 2, 1):
        if n <= len(w) - 2 and re.fullmatch(CLITIC_RE + "|" + r"(?:[وف]?[بلك])", w[:n]):
            rest = w[n:]
            if rest in gtab or len(rest) >= (4 if not rest.startswith("ال") else 5) and rest in known \
                    or rest.startswith("عبد") and len(rest) >= 3:
                return n
    return 0


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping mentions, by priority then length; title-only mentions may overlay names inside them."""
    chosen: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    overlay = []
    for c in sorted(cands, key=lambda c: (c.prio, -(c.e - c.s), c.s)):
        if c.kind == "title":
            overlay.append(c)
            continue
        if any(c.s < b and a < c.e for a, b in taken):
            continue
        chosen.append(c)
        taken.append((c.s, c.e))
    seen = set()
    for c in overlay:
        if (c.s, c.e) in seen:
            continue
        # a title-only mention never covers a person's name
        if any(c.s < x.e and x.s < c.e and x.label == "PER" for x in chosen):
            continue
        seen.add((c.s, c.e))
        chosen.append(c)
    return chosen


def _family_token(words: list[str]) -> str | None:
    """The word of a person's name that is used alone: the surname (last word), or for East Asian names written as
    three short syllables (تشوي سون هوي، كيم جونغ أون) the family name in front; none for names with بن/عبد/آل."""
    if len(words) < 2 or any(w in _lx("name_particles") or w.startswith("عبد") for w in words):
        return None
    if len(words) == 3 and all(len(w) <= 5 and not w.startswith("ال") for w in words):
        return words[0]
    return words[-1] if len(words[-1]) >= 4 else None


def _propagate(d: _Doc, chosen: list[_Cand], stop, gaz, tit) -> list[_Cand]:
    """Names found by a rule or the model in one place are names elsewhere in the same document too; a person's
    surname alone («ماتسيغورا») is tagged as a surname mention."""
    found: dict[str, tuple[str, str]] = {}
    for c in chosen:
        if c.kind in ("title", "nisba"):
            continue
        form = " ".join(d.norm[c.s:c.e].split())
        if c.source != "gazetteer" and not _is_stop(form, stop) and len(form) >= 3 and (
                " " in form or c.label == "PER" or len(form) >= 4 and not form.endswith("ه") and c.source != "rule"):
            # a single word a head rule read as a place («مسجد [قوات]», «منطقة [أعمال]») is not spread: it is a
            # name only where its head announces it
            found.setdefault(form, (c.label, "name"))
        if c.label == "PER" and c.kind == "name" and (c.title or c.source in ("ner", "gazetteer") or " " in form):
            fam = _family_token(form.split())
            if fam and not _is_stop(fam, stop) and fam not in gazetteer() and (
                    not fam.startswith("ال") or len(fam) >= 7 and fam.endswith("ي") or len(fam) >= 8):
                found.setdefault(fam, ("PER", "surname"))
    if not found:
        return chosen
    pat = re.compile(rf"(?<!{_LETTER})(?P<cl>{CLITIC_RE}?)(?P<nm>{trie_pattern(sorted(found), _SPACE)})(?!{_LETTER})")
    taken = [(c.s, c.e) for c in chosen if c.kind != "title"]
    extra = []
    for m in pat.finditer(d.norm):
        s, e = m.start("nm"), m.end()
        form = " ".join(m.group("nm").split())
        if form not in found or any(s < b and a < e for a, b in taken):
            continue
        label, kind = found[form]
        extra.append(_Cand(s, e, label, "rule", 5, kind))
        taken.append((s, e))
    return chosen + extra


def corpus_names(mentions) -> dict[str, tuple[str, str]]:
    """People introduced by a title naming a country or body in some document («سفير روسيا لدى البلاد ألكسندر
    ماتسيغورا»), as {normalised full name: ("PER", "name")}, for tagging them in the other documents of a corpus.
    Only full names of two words or more: a surname alone is too often a common word to be spread corpus-wide, and
    names the model found alone are not spread (the model sees the other documents itself; its mistakes would
    spread with them)."""
    stop = stopwords()
    out: dict[str, tuple[str, str]] = {}
    for m in mentions:
        if m.label != "PER" or getattr(m, "kind", "name") != "name" or m.source != "rule" or not m.title:
            continue
        tk = (getattr(m, "title_key", None) or "").split("|")
        if len(tk) < 2 or not tk[1] or tk[0] in ("", "سيد"):
            continue
        form = " ".join(normalize(m.text).split())
        words = form.split()
        if len(words) < 2 or any(w.endswith("ه") or _is_stop(w, stop) for w in words):
            continue
        if words[0][:1] in "بل" and len(words[0]) > 2 and words[0][1] not in "اوي":
            continue  # «لحفل افتتاح», «لعمال البناء»: a preposition and a noun, not a name
        out.setdefault(form, ("PER", "name"))
    return out


def names_pattern(names) -> re.Pattern:
    """One compiled matcher for a set of normalised names (proclitics allowed in front)."""
    return re.compile(rf"(?<!{_LETTER})(?P<cl>{CLITIC_RE}?)(?P<nm>{trie_pattern(sorted(names), _SPACE)})(?!{_LETTER})")


def tag_known_names(text: str, mentions: list[Mention], names: dict[str, tuple[str, str]],
                    pattern: re.Pattern | None = None) -> list[Mention]:
    """New mentions of `names` (from ``corpus_names``) in `text` where no mention is yet (one compiled regex;
    pass ``pattern=names_pattern(names)`` when tagging many texts)."""
    if not names or not text:
        return []
    pattern = pattern or names_pattern(names)
    norm, idx = normalize_map(text)
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for mt in pattern.finditer(norm):
        s, e = mt.start("nm"), mt.end()
        form = " ".join(mt.group("nm").replace("-", " ").split())
        a, b = idx[s], idx[e - 1] + 1
        if form not in names or any(a < y and x < b for x, y in taken):
            continue
        while b < len(text) and _MARK_RE.match(text[b]):
            b += 1
        label, kind = names[form]
        m = Mention(start=a, end=b, text=text[a:b], label=label, source="rule")
        m.kind, m.key = kind, name_key(text[a:b])
        taken.append((a, b))
        out.append(m)
    # in a document where the full name is now found, its surname alone is that person too (as within one article)
    fams = {}
    for m in out:
        fam = _family_token(" ".join(normalize(m.text).split()).split())
        if fam and len(fam) >= 4 and not fam.startswith("ال") and not _is_stop(fam, stopwords()) \
                and fam not in gazetteer():
            fams[fam] = ("PER", "surname")
    if fams:
        out += tag_known_names(text, mentions + out, fams, names_pattern(fams)) if fams.keys() - names.keys() else []
    return out


def _to_mention(d: _Doc, c: _Cand) -> Mention:
    a, b = d.orig(c.s, c.e)
    title = None
    if c.title:
        ta, tb = d.orig(*c.title)
        title = d.text[ta:tb]
    surface = d.text[a:b]
    key = name_key(surface)
    elided = c.s > 0 and d.norm[c.s] == "ل" and d.norm[c.s - 1] == "ل" and (
        ("ا" + key) in canonical_index() or c.source != "gazetteer")
    if elided:
        key = "ا" + key  # «للكرملين» → «لكرملين» stands for «الكرملين»
    m = Mention(start=a, end=b, text=surface, label=c.label, source=c.source, title=title, refers_to=c.refers_to)
    extra = {"kind": c.kind, "key": key}
    if elided:
        extra["form"] = "ا" + surface  # the name as it is written without the preposition
    if c.canonical:
        extra["canonical"] = c.canonical
    if c.title_key:
        extra["title_key"] = c.title_key
    for k, v in extra.items():
        setattr(m, k, v)
    return m
