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

Extra fields on Mention (the model allows them): ``kind`` (name|surname|title|nisba), ``canonical`` (gazetteer name),
``title_key``, ``key`` (normalised matching key used by resolution).
"""
from __future__ import annotations

import bisect
import functools
import logging
import re
from dataclasses import dataclass

from marsad.arabic.text import clitics, normalize, normalize_map, strip_clitics, trie_pattern
from marsad.extract import ner
from marsad.extract.lexicon import (_lx, _suffix_re, canonical_index, clitic_initial_names, gazetteer, junk_forms,
                                    name_key, nisba_forms, org_adjectives, org_heads, stopwords,
                                    title_forms, trigger_flags, triggers)
from marsad.model import Mention

log = logging.getLogger(__name__)

_L = r"[^\W_]"  # a letter or digit (any script)
# the proclitics before a name (clitics.tsv, profile `names`): conjunction, preposition, or both; longest first
CLITIC_RE = "(?:" + "|".join(re.escape(c) for c, _ in clitics("names")) + ")"
_MARK_RE = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_TOKEN_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


# ------------------------------------------------------------------ compiled matchers
_SPACE = r"(?:[ \t]+|-)"   # what a space in a listed name matches in text


def _with_elided(forms):
    """Forms plus, for names with the article, the form after «ل» (ل + الكرملين → للكرملين: «لكرملين»)."""
    out = set(forms)
    out |= {"ل" + f[2:] for f in forms if f.startswith("ال") and len(f) > 3}
    return out


@functools.cache
def _matcher(which: str) -> re.Pattern:
    forms = {"gaz": gazetteer, "nisba": nisba_forms, "title": title_forms}[which]().keys()
    body = trie_pattern(sorted(_with_elided(forms)), _SPACE)
    return re.compile(rf"(?<!{_L})(?P<cl>{CLITIC_RE}?)(?P<nm>{body})(?!{_L})")


@dataclass
class _Hit:
    s: int          # normalised start of the name (clitic excluded)
    e: int          # normalised end
    t0: int         # first token index
    t1: int         # last token index
    form: str       # normalised form (whitespace squashed, elision restored)
    cl: str


def _scan(which: str, norm: str, tok_starts: list[int], tok_ends: list[int]) -> dict[int, _Hit]:
    """Matches of one list, keyed by the index of the token they start (the clitic belongs to that token)."""
    table = {"gaz": gazetteer, "nisba": nisba_forms, "title": title_forms}[which]()
    out: dict[int, _Hit] = {}
    for m in _matcher(which).finditer(norm):
        form = " ".join(m.group("nm").replace("-", " ").split())  # «كيم جونغ-أون»
        cl = m.group("cl")
        if form not in table:
            if form.startswith("ل") and cl.endswith("ل") and "ا" + form in table:
                form = "ا" + form
            else:
                continue
        t0 = bisect.bisect_left(tok_starts, m.start())
        if t0 >= len(tok_starts) or tok_starts[t0] != m.start():
            continue
        t1 = bisect.bisect_left(tok_ends, m.end())
        out[t0] = _Hit(m.start("nm"), m.end(), t0, t1, form, cl)
    return out


# ------------------------------------------------------------------ the NER model (optional)
@functools.cache
def _ner():
    try:
        nlp = ner.load()
        return ner, nlp
    except Exception as e:  # model missing or unloadable: rules only
        log.info("NER model unavailable (%s); entity rules run alone", e)
        return None


def ner_available() -> bool:
    return _ner() is not None


# ------------------------------------------------------------------ tagging
@dataclass
class _Cand:
    s: int             # normalised offsets of the name
    e: int
    label: str
    source: str
    prio: int
    kind: str = "name"
    canonical: str | None = None
    refers_to: str | None = None
    title: tuple[int, int] | None = None   # normalised span of the title phrase
    title_key: str | None = None


class _Doc:
    def __init__(self, text: str, sentences):
        self.text = text
        self.norm, self.idx = normalize_map(text)
        toks = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(self.norm)]
        self.starts = [a for a, _ in toks]
        self.ends = [b for _, b in toks]
        self.words = [self.norm[a:b] for a, b in toks]
        # «ال» written as such (the article), not «أل…» folded by normalisation (ألكسندر)
        self.article = [text[self.idx[a]:self.idx[a] + 2] == "ال" for a, _ in toks]
        # sentence id of each token (sentences are in original offsets)
        sent_starts = sorted(a for a, _ in sentences) if sentences else [0]
        self.sent = [bisect.bisect_right(sent_starts, self.idx[a]) if self.idx else 0 for a in self.starts]

    def orig(self, s: int, e: int) -> tuple[int, int]:
        """Original offsets of a normalised span; a word's trailing diacritics/tatweel belong to it."""
        b = self.idx[e - 1] + 1
        while b < len(self.text) and _MARK_RE.match(self.text[b]):
            b += 1
        return self.idx[s], b

    def joined(self, i: int, j: int) -> bool:
        """Tokens i and j=i+1 are in one sentence with only white space between them."""
        if j >= len(self.starts) or self.sent[i] != self.sent[j]:
            return False
        gap = self.norm[self.ends[i]:self.starts[j]]
        return not gap.strip()

    def ends_phrase(self, t: int) -> bool:
        return t + 1 >= len(self.starts) or not self.joined(t, t + 1)


def _name_stem(word: str) -> str:
    """A token without its proclitic, when what is left is still a plausible word (clitics.tsv, profile `names`)."""
    return strip_clitics(word, "names")


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
    mentions = _propagate(d, mentions, stop, gaz, tit)
    mentions = _nested_places(mentions, cands)
    mentions = _drop_junk(d, mentions)
    return [_to_mention(d, c) for c in sorted(mentions, key=lambda c: (c.s, -c.e))]


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


def _agentive(d: _Doc, h: _Hit) -> bool:
    """A capital used as an agent (its government), not as a location: no «بـ»، no «في/إلى/من …» before it."""
    if "ب" in h.cl:
        return False
    if h.t0 > 0 and d.joined(h.t0 - 1, h.t0):
        prev = d.words[h.t0 - 1]
        if prev in _lx("locative_before_capital") or _name_stem(prev) in _lx("locative_before_capital"):
            return False
    # a dateline «موسكو:» / «سيول -» at the start of a paragraph
    after = d.norm[h.e:h.e + 3].lstrip(" ")
    if after[:1] in (":", "-") and (h.t0 == 0 or "\n" in d.norm[d.ends[h.t0 - 1]:d.starts[h.t0]]):
        return False
    return True


def _parse_title(d, h, tit, gaz, nis, gtab, ttab, orgs=None):
    """The phrase of the title at `h`: (role entry — the relation for «شقيقة …» —, token index after the phrase,
    title key role|country|former, normalised phrase span, inner title (span, key) or None, standalone (may stand
    for a person alone), guess (a name may be guessed after it)), or None."""
    role = ttab[h.form]
    j = h.t1 + 1
    inner = None
    relation = None
    if role.kind == "relation":
        nxt = tit.get(j)
        if not nxt or not d.joined(h.t1, j) or nxt.cl or ttab[nxt.form].kind == "relation":
            return None
        relation, role = role, ttab[nxt.form]
        inner_start = nxt.s
        j = nxt.t1 + 1
    country, former, idafa = "", "", False
    while j < len(d.starts) and d.joined(j - 1, j):
        w = d.words[j]
        n = nis.get(j)
        if n and not n.cl and not country:
            country = nisba_forms()[n.form]
            j = n.t1 + 1
            continue
        g = gaz.get(j)
        if g and gtab[g.form].type in ("LOC", "ORG") and not country:
            if (not role.definite and not g.cl) or g.cl in ("ل", "لل") or d.words[j - 1] in ("باسم", "لدي"):
                country = gtab[g.form].refers_to if gtab[g.form].mode == "always" else gtab[g.form].canonical
                idafa = True
                j = g.t1 + 1
                continue
        o = (orgs or {}).get(j)
        if o and not country and (not role.definite or d.words[j - 1] in ("باسم", "لدي") or w[0] == "ل"):
            country = o[1]  # «المتحدث باسم وزارة الخارجية الصينية», «وزير … لشؤون …»
            j = o[0] + 1
            continue
        if w in ("باسم", "لدي", "لدى") and j + 1 < len(d.starts) and d.joined(j, j + 1):
            g2 = gaz.get(j + 1)
            if g2 and gtab[g2.form].type in ("LOC", "ORG"):
                country = country or (gtab[g2.form].refers_to or gtab[g2.form].canonical)
                j = g2.t1 + 1
                continue
            if d.words[j + 1] in ("البلاد", "الدوله"):
                j += 2
                continue
        if w in _lx("title_modifiers"):
            former = former or ("سابق" if _lx("title_modifiers")[w] == "former" else "")
            j += 1
            continue
        t2 = tit.get(j)
        if t2 is not None and not t2.cl and ttab[t2.form].kind == "honorific":
            j = t2.t1 + 1  # «وزير الداخلية صاحب السمو الملكي الأمير …», «الأمير الدكتور …»
            continue
        break
    last = j - 1
    pspan = (h.s, d.ends[last])
    key = f"{role.role}|{name_key(country) if country else ''}|{former}"
    if relation:
        inner_key = key
        inner_span = (inner_start, d.ends[last])
        key = f"{relation.role}:{key}"
        if role.kind == "role" and country and (role.definite or idafa):
            inner = (inner_span, inner_key)
        return relation, j, key, pspan, inner, False, False
    # «رئيس أميركي» is any American president: evidence on a name, never a title-only mention; a bare indefinite
    # «رئيس» is as often the adjective "main" — it introduces no guessed name either
    definite = role.definite or idafa
    return role, j, key, pspan, None, definite, definite or bool(country)


def _guess_name(d, j, stop, trig, tit, nis, gaz, gtab):
    """Token span (a, b) of a person's name right after a title, when no list or model knows it: up to three words
    (more with بن/عبد/أبو), no function word, verb of saying, time word, head word or known non-person name."""
    names: list[int] = []
    cap = 3
    t = j
    while t < len(d.starts) and len(names) < cap:
        if t > j and not d.joined(t - 1, t):
            break
        w = d.words[t]
        after_abd = bool(names) and d.words[names[-1]] in ("عبد", "ابو")
        if (_is_stop(w, stop) or w in trig or (t in tit and not after_abd)
                or t in nis and not (names and d.article[t] and not nis[t].cl and nis[t].t1 == t)
                or any(ch.isdigit() for ch in w) or len(w) < 2):
            break  # a nisba after a first name is the family name: «العميد خالد المصري»
        g = gaz.get(t)
        if g and gtab[g.form].type != "PER":
            break
        if _name_stem(w) != w and _name_stem(w).startswith("ال") or w.startswith("لل"):
            break  # «للأسلحة», «والجيش»: a common noun with a clitic
        if names and _verb_like(w):
            break
        raw = d.text[d.idx[d.starts[t]]:d.idx[d.ends[t] - 1] + 2]
        if "\u064b" in raw or "\u064c" in raw or "\u064d" in raw:
            break  # tanween: an indefinite noun/adjective («مستشارًا»), not a name
        if names and _suffix_re("verb_object_suffixes").search(w):
            break  # a verb with a pronoun («ارتدته», «قالوا»)
        if w[:1] in "لب" and _suffix_re("plural_suffixes").search(w) and len(w) > 5:
            break  # «لصحافيين»: a plural noun with a preposition
        if (len(names) >= 2 and d.words[names[-2]] in ("بن", "ابن", "بنت", "ال")
                and w not in _lx("name_particles") and not d.article[t]):
            break  # after «بن X»/«آل X» only another بن/آل or a family name with ال continues the name
        if not names and (w.startswith(("يست", "يت", "ينت", "يو", "بإ", "با")) and len(w) >= 5
                          and not w.startswith("يوس")):
            break  # an imperfect verb («يستقبل») or a masdar with بـ («بإحداث») opens no name
        if _prep_noun(w):
            break  # «بجولة», «بذكرى», «لزيارة», «لإدارة»: a noun with a preposition
        if len(names) >= 2 and not any(d.words[x] in _lx("name_particles") for x in names) and not d.article[t] \
                and not all(len(d.words[x]) <= 4 for x in names + [t]):
            break  # three plain words: only short East Asian syllables («لي جاي ميونغ») make one name
        if d.article[t] and w != "ال":
            if not names:
                break
            if d.words[names[-1]] in ("عبد", "ابو", "ام", "ال"):
                names.append(t)
                t += 1
                continue
            if any(d.words[x] in ("بن", "ابن", "بنت") for x in names) and not w.endswith("ي"):
                break  # «فيصل بن خالد [الوفد]»: after a patronymic chain only a nisba family name («العتيبي») follows
            names.append(t)
            t += 1
            break
        names.append(t)
        if w in _lx("name_particles"):
            cap += 2
        t += 1
    while names and d.words[names[-1]] in _lx("name_particles"):
        names.pop()
    if not names:
        return None
    if len(names) == 1:
        a, b = d.orig(d.starts[names[0]], d.ends[names[0]])
        raw = d.text[a:b]
        if raw.endswith("ه") and len(raw) >= 4 and not raw.endswith("الله"):
            return None  # «موقفه»: a noun with «his», not a name
    if len(names) == 1 and not d.ends_phrase(names[0]):
        nxt = d.words[names[0] + 1]
        if not (nxt in stop or _verb_like(nxt) and nxt[0] == "ي") or d.words[names[0]][0] in "تين":
            return None  # «الرئيس الأميركي تعود …»: a lone word opening like a verb needs punctuation after it
    return names[0], names[-1]


def _prep_noun(w: str) -> bool:
    """«بجولة», «لإدارة», «بلهفة», «بذكرى»: بـ/لـ + a noun ending in ta marbuta or alef maqsura."""
    return w[:1] in "بل" and w[-1] in "هي" and len(w) >= 4 and not w.startswith(("بن", "لي"))


def _is_stop(w: str, stop) -> bool:
    """A stop word, also behind a one- or two-letter proclitic («وهي», «فإن», «وبعد»)."""
    return w in stop or (len(w) > 2 and w[0] in "وفبلك" and (w[1:] in stop or w[1] in "بلك" and w[2:] in stop))


def _future(w: str) -> str:
    """A verb without its future prefix «س» («سيصدر» → «يصدر»), for _verb_like."""
    return w[1:] if w[:2] in ("سي", "ست", "سن") and len(w) >= 5 else w


def _verb_like(w: str) -> bool:
    """An imperfect verb («يخوض»، «تلتقي»): ي/ت + at least three letters — never the second word of a name here."""
    return len(w) >= 4 and w[0] in "يت" and w[1] not in "اوي" and not w.startswith("تش")


def _honoured_name(d, t, stop, gaz, gtab) -> int | None:
    """«الملك خالد …» inside a place/organisation name: the token index after the person's name, or None."""
    n, k = len(d.starts), 0
    t += 1
    while t < n and d.joined(t - 1, t) and k < 6:
        w = d.words[t]
        if _is_stop(w, stop) or _name_stem(w) in triggers() or (t in gaz and gtab[gaz[t].form].type != "PER"):
            break
        if d.article[t] and not (k and d.words[t - 1] in ("عبد", "ابو", "ال")):
            break
        if any(ch.isdigit() for ch in w) or k >= 2 and w[:1] == "ب" and w not in _lx("name_particles") \
                and len(w) >= 4:
            break  # «جامعة الأميرة نورة بنت عبدالرحمن [بمخرج 9]»: a place phrase, not the name
        k += 1
        t += 1
    return t if k else None


def _triggered(d, trig, stop, gaz, nis, tit):
    """Names announced by a head word: «منطقة كورسك» (LOC), «وزارة الدفاع الأمريكية» (ORG), «مطار الملك خالد الدولي»."""
    out = []
    n = len(d.starts)
    gtab = gazetteer()
    for i, w in enumerate(d.words):
        typ = trig.get(w) or trig.get(_name_stem(w))
        if not typ or i in gaz or i + 1 >= n or not d.joined(i, i + 1):
            continue
        j = i + 1
        start = d.starts[i] + (len(w) - len(_name_stem(w)) if w not in trig else 0)
        if typ in ("LOC", "ORG", "MISC") and d.words[j] in _lx("honoured"):
            t = _honoured_name(d, j, stop, gaz, gtab)
            if t is None:
                continue
            if t < n and d.joined(t - 1, t) and d.article[t] and d.words[t] not in stop and t not in nis \
                    and t not in gaz and t not in tit:
                t += 1  # one adjective: «الدولي», «العسكرية», «التخصصي»
            out.append(_Cand(start, d.ends[t - 1], typ, "rule", 0))
            continue
        if typ == "LEAD":
            if j not in gaz and j not in tit and j not in nis:
                toks = _guess_name(d, j, stop, trig, tit, nis, gaz, gtab)
                if toks and toks[1] - toks[0] >= 2 and d.article[toks[1]] and not d.words[toks[1]].endswith("ي"):
                    toks = (toks[0], toks[1] - 1)  # «هشام مرسي [الزمن]»: a third word with the article is not his
                if toks and (toks[1] > toks[0] or d.ends_phrase(toks[0])):
                    out.append(_Cand(d.starts[toks[0]], d.ends[toks[1]], "PER", "rule", 2))
            continue
        if typ == "PER":
            c = _said_by(d, j, stop, trig, gaz, nis, tit, according=_name_stem(w) in ("بحسب", "حسب"))
            if c:
                out.append(c)
            continue
        if typ == "LOC":
            w2 = d.words[j]
            definite_ok = "definite" in trigger_flags().get(w, trigger_flags().get(_name_stem(w), ()))
            if org_head(w2) or _verb_like(w2) or i > 0 and d.joined(i - 1, i) and d.words[i - 1] + " " + w \
                    in _lx("not_place_heads"):
                continue  # «مسجد [قوات الطوارئ]» (a body follows), «محافظة [تسيطر]», «عن طريق» (by means of)
            if (j in gaz or j in nis or j in tit or _is_stop(w2, stop) or w2 in trig
                    or w2.startswith("ال") and not (definite_ok and d.article[j] and len(w2) >= 5
                                                    and w2 not in org_adjectives())
                    or any(ch.isdigit() for ch in w2) or len(w2) < 3
                    or w2.endswith("ه") and not w2.startswith("ال") or (w2[0] == "و" and len(w2) > 3)):
                continue  # an adjective («سكنية», «سكني») or a conjunction («وحي») is no place name
            end = j
            if w2 in _lx("place_openers") and j + 1 < n and d.joined(j, j + 1) and not _is_stop(d.words[j + 1], stop) \
                    and not _verb_like(d.words[j + 1]) and j + 1 not in tit and j + 1 not in nis \
                    and not any(ch.isdigit() for ch in d.words[j + 1]):
                end = j + 1  # «ضاحية دار سعد», «محافظة حفر الباطن»
            out.append(_Cand(d.starts[j], d.ends[end], "LOC", "rule", 2))
            continue
        t = j
        taken = 0
        while t < n and d.joined(t - 1, t) and taken < 4:
            w2 = d.words[t]
            if (t in gaz or t in tit or t in nis or w2 in stop or not d.article[t]
                    or w2 in _lx("title_modifiers") or taken and not _adjective_like(w2, org_adjectives())):
                break  # after the genitive only adjectives («وزارة الدفاع الأمريكية», not «… [الأستاذ]»)
            taken += 1
            t += 1
        if not taken and not (d.article[i] and t in nis and not nis[t].cl):
            continue  # a bare head word; a definite one takes a nationality alone («المخابرات الأمريكية»)
        end = d.ends[t - 1]
        if t < n and t in nis and d.joined(t - 1, t) and not nis[t].cl:
            end = nis[t].e
        out.append(_Cand(start, end, typ, "rule", 0))  # may hold a nisba that is also a country name
    return out


def _said_by(d, j, stop, trig, gaz, nis, tit, according=False):
    """«وقال يانغ إن …»: the plain words after a verb of saying, when «إن/أن» or punctuation closes them."""
    n = len(d.starts)
    if j in gaz or j in tit:
        return None  # a listed name or a title: handled elsewhere
    if d.words[j] in ("لي", "له", "لها", "لنا", "لهم", "لك") and j + 1 < n and d.joined(j, j + 1):
        j += 1  # «قال لي فردوس محمد إن»: «told me», the speaker follows
        if j in gaz or j in tit:
            return None
    names: list[int] = []
    t = j
    while t < n and len(names) < 3:
        if t > j and not d.joined(t - 1, t):
            break
        w = d.words[t]
        raw = d.text[d.idx[d.starts[t]]:d.idx[d.ends[t] - 1] + 2]
        if names and d.article[t] and d.words[names[-1]] in ("عبد", "ابو") and not _is_stop(w, stop):
            names.append(t)  # «عبد العاطي», «أبو الغيط»
            t += 1
            continue
        if (t in gaz or t in tit or t in nis or _is_stop(w, stop) or w in trig or _name_stem(w) in trig or d.article[t]
                or w.startswith("لل") or _name_stem(w) != w and _name_stem(w).startswith("ال") or _prep_noun(w)
                or _suffix_re("pronoun_suffixes").search(w) and len(w) >= 4
                or any(ch.isdigit() for ch in w) or len(w) < 2 or "\u064b" in raw or (names and _verb_like(w))
                or not names and w.startswith(("يست", "يت", "ينت", "يج", "يمكن")) and len(w) >= 4):
            break
        names.append(t)
        t += 1
    if not names or len(names) == 1 and len(d.words[names[0]]) <= 2:
        return None  # «قال لي إن» is "told me"
    last = names[-1]
    nxt = "" if d.ends_phrase(last) else d.words[last + 1]
    if not (d.ends_phrase(last) or nxt in ("ان", "انه", "انها", "انهم") or nxt in _lx("after_speaker")
            or nxt.startswith("لل")):
        return None
    closers = ("،", ",", ":", '"', "«", "»") + ((".", ")") if according else ())  # «بحسب يانغ.»
    if d.ends_phrase(last) and d.norm[d.ends[last]:d.ends[last] + 1] not in closers:
        return None  # a full stop after «قال فلان» is rare; a comma, colon or quote is the usual pattern
    return _Cand(d.starts[names[0]], d.ends[last], "PER", "rule", 2)


def _reverse_index(d: _Doc) -> list[int]:
    """original offset → normalised offset (of the next kept character)."""
    rev = [len(d.norm)] * (len(d.text) + 1)
    for k in range(len(d.idx) - 1, -1, -1):
        rev[d.idx[k]] = k
    for i in range(len(d.text) - 1, -1, -1):
        if rev[i] == len(d.norm) and i + 1 <= len(d.text):
            rev[i] = rev[i + 1] if i + 1 < len(rev) else len(d.norm)
    return rev


def _ner_cand(d, rev, s0, e0, label, known, gtab, phrases):
    """A model span, in normalised offsets, with the proclitic and any title at its start removed."""
    if label not in ("PER", "ORG", "LOC", "MISC"):
        return None
    s, e = rev[s0], rev[min(e0, len(d.text))] if e0 < len(rev) else len(d.norm)
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
    pat = re.compile(rf"(?<!{_L})(?P<cl>{CLITIC_RE}?)(?P<nm>{trie_pattern(sorted(found), _SPACE)})(?!{_L})")
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
    return re.compile(rf"(?<!{_L})(?P<cl>{CLITIC_RE}?)(?P<nm>{trie_pattern(sorted(names), _SPACE)})(?!{_L})")


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


# ------------------------------------------------------------------ organisation names as Arabic writes them
_CLITIC_PREFIXES = ("", *sorted((c for c, _ in clitics("names")), key=len))


@functools.cache
def _org_head_forms() -> dict[str, tuple[int, str, bool]]:
    """Every written form of every organisation head with its proclitics: form → (proclitic length, head, definite)."""
    out: dict[str, tuple[int, str, bool]] = {}
    for h in org_heads():
        for p in _CLITIC_PREFIXES:
            out.setdefault(p + h, (len(p), h, False))
            out.setdefault(p + "ال" + h, (len(p), h, True))
            if p.endswith("ل"):
                out.setdefault(p + "ل" + h, (len(p), h, True))  # «للإدارة»: ل + الإدارة, the article's alef elided
    return out


def org_head(w: str) -> tuple[int, str, bool] | None:
    """(proclitic length, head, definite) when token `w` is an organisation head («والإدارة» → (1, اداره, True))."""
    return _org_head_forms().get(w)


def _org_chains(d, gaz, nis, tit, stop, trig) -> list[_Cand]:
    """Organisation names built on a head noun (org_heads.tsv) with its genitive/adjective chain and place:
    «جوازات منطقة حائل», «إدارة الجوازات بمنطقة مكة المكرمة», «المديرية العامة للجوازات», «مكتب العمل بجدة»,
    «اللجنة الأمنية الدائمة», «الجيش الثاني الميداني», «السفارة اليمنية», «مركز القيادة والتحكم».

    - an indefinite head needs a complement: a definite word, a listed place, a «منطقة/محافظة + name» place, or an
      indefinite noun opening an idafa that has a genitive of its own («وحدة قوات الأمن», not «مجلس إدارة [النادي]»);
      a weak or collective head («فريق», «قوات») needs two, or a complement that is itself a collective body («دول
      التحالف»; «دول», flagged «body», needs a body: «دول مجلس التعاون»);
    - a definite head needs a naming adjective (org_adjectives.tsv, possibly after an ordinal or another adjective),
      or — heads flagged «nisba» — a nationality adjective;
    - then: after the genitive only adjectives (two definite nouns make no idafa), up to a generic one; a nationality
      adjective, after which only a naming adjective or a «بـ» place follows; «لل…» with its agreeing adjectives
      (not when the organisation sits inside a title: «وكيل وزارة الصحة للصحة العامة», «رئيس الأمن العام للشؤون
      الأمنية»); «و + definite word» after a genitive or a «لل…» phrase unless it is another body; and a place with
      «بـ» that ends the name («مكتب العمل بجدة»)."""
    heads, adjs, gtab = org_heads(), org_adjectives(), gazetteer()
    office = _lx("office_words")
    out = []
    n = len(d.words)
    for i, w in enumerate(d.words):
        h = org_head(w)
        if h is None or i + 1 >= n or not d.joined(i, i + 1) or i in gaz or trig.get(w) in ("LEAD", "PER"):
            continue  # «برئاسة سليم …» announces a person
        cl, head, definite = h
        flags = heads[head]
        if definite and not flags & {"definite", "nisba"} or not definite and "only-definite" in flags:
            continue
        after_office = i > 0 and d.joined(i - 1, i) and (
            i - 1 in tit or d.words[i - 1] in office or _name_stem(d.words[i - 1]) in office)
        in_title = not definite and after_office
        group = "group" in flags
        need = 2 if ("weak" in flags or group) and not definite else 1  # complements a weak or collective head needs
        j, end, comps, named_by_body, idafa = i + 1, None, 0, False, False
        named, lam, placed = not definite, False, False
        while j < n and d.joined(j - 1, j) and j - i <= 8:
            w2 = d.words[j]
            b2 = _name_stem(w2)
            inner = org_head(w2) if group and not comps else None
            if inner and ("group" in heads[inner[1]] or "body" in flags and "only-definite" not in heads[inner[1]]):
                named_by_body = True  # «دول التحالف», «دول مجلس التعاون»: a collective of a body
            nz, g = nis.get(j), gaz.get(j)
            if nz and not nz.cl:
                if (definite and "nisba" not in flags and not named) or (not definite and not comps):
                    break
                named, comps, end, j = True, comps + 1, nz.t1, nz.t1 + 1
                placed = True  # after the nationality only a listed naming adjective or a «بـ» place may follow
                continue
            if placed:
                if adjs.get(w2) == "name" and d.article[j]:
                    comps, end, j = comps + 1, j, j + 1  # «البنك [المصري] المركزي»
                    continue
                break
            if g and g.cl in ("ب", "وب") and comps and gtab[g.form].type == "LOC":
                end = g.t1  # «مكتب العمل بجدة»: the place ends the name
                break
            if g and not g.cl and not definite and not comps and gtab[g.form].type in ("LOC", "ORG"):
                named, placed, comps, end, j = True, True, 1, g.t1, g.t1 + 1  # «شرطة جدة», «هيئة قناة السويس»
                continue
            if trig.get(b2) == "LOC" and j + 1 < n and d.joined(j, j + 1) and not definite:
                by = w2 != b2 and w2[0] == "ب"
                if (by and comps) or (w2 == b2 and not comps):  # «جوازات منطقة حائل», «… بمنطقة مكة المكرمة»
                    k = j + 1
                    g2 = gaz.get(k)
                    if g2 and not g2.cl:
                        k = g2.t1
                    elif d.article[k] or _is_stop(d.words[k], stop) or k in tit or k in nis or _verb_like(d.words[k]):
                        break
                    named, comps, end = True, comps + 1, k
                break
            if w2.startswith("لل") and len(w2) >= 5:
                if in_title or not comps or not named or _is_stop(w2, stop) or w2.endswith("ين") \
                        or after_office and w2 in _lx("title_complements"):  # «للمواطنين», «[رئيس …] للشؤون»
                    break
                lam, comps, end, j = True, comps + 1, j, j + 1  # «المديرية العامة للجوازات»
                while j < n and d.joined(j - 1, j) and d.article[j] and _agrees(d.words[end], d.words[j], adjs):
                    comps, end, j = comps + 1, j, j + 1  # its adjective: «للدفاع المدني», «للقوات المسلحة»
                continue
            if w2.startswith("وال") and len(w2) >= 7:  # not «والتقى» (and he met)
                if not (lam or (comps == 1 and not definite)) or end != j - 1 or adjs.get(w2[1:]) == "generic" \
                        or org_head(w2):
                    break  # «رئاسة الجمهورية [والحكومة]»: another body, not part of this name
                comps, end, j = comps + 1, j, j + 1  # «للعلاقات والإعلام», «القيادة والتحكم»
                continue
            if d.article[j] and w2.startswith("ال") and len(w2) >= 4:
                if (_is_stop(w2, stop) or j in tit) and not adjs.get(w2):
                    break  # a listed adjective may also be a stop word: «العام» (the year / general)
                if definite and not named:
                    k, hit = j, None
                    while k < n and k <= j + 2 and d.joined(k - 1, k) and d.article[k] and k not in nis:
                        if adjs.get(d.words[k]) == "name":
                            hit = k
                            break
                        k += 1
                    if hit is None:
                        break
                    named, comps, end, j = True, comps + hit - j + 1, hit, hit + 1
                    continue
                if adjs.get(w2) == "generic" or lam or comps and not _adjective_like(w2, adjs):
                    break  # after «لل…» only its adjectives (above): not «للجوازات [الأشقاء]»; after a definite
                    # genitive only an adjective: «إدارة النصر [السكن]» (two definite nouns make no idafa)
                comps, end, j = comps + 1, j, j + 1
                continue
            if (not definite and not comps and w2 == b2 and j + 1 < n and d.joined(j, j + 1) and d.article[j + 1]
                    and not _is_stop(w2, stop) and not _verb_like(w2) and j not in tit and w2 not in trig
                    and not any(ch.isdigit() for ch in w2) and len(w2) >= 3):
                comps, end, j = comps + 1, j, j + 1  # an idafa inside the name: «وحدة [قوات] الأمن»
                idafa = True
                continue
            break
        if idafa and end == i + 1:
            continue  # the idafa found no genitive of its own: «مجلس إدارة [النادي]» names nothing
        if end is None or not named or not comps or (comps < need and not named_by_body) \
                or "body" in flags and not named_by_body:
            continue
        out.append(_Cand(d.starts[i] + cl, d.ends[end], "ORG", "rule", 0))
    return out


def _adjective_like(w: str, adjs) -> bool:
    """A definite word that reads as an adjective: a listed one, a relative adjective (-ي/-ية), the patterns فعيل/
    فعيلة («السريع»), أفعل («الأحمر») and a feminine participle («المسلحة», «المتحدة»)."""
    return (w in adjs or w.endswith(("ي", "يه")) or bool(re.fullmatch(r"ال\w\wي\wه?", w))
            or bool(re.fullmatch(r"الا\w\w\w", w)) or w.startswith("الم") and w.endswith("ه") and len(w) >= 6)


def _agrees(noun: str, adj: str, adjs) -> bool:
    """`adj` reads as an adjective agreeing with `noun`: a listed naming one, or a relative adjective (-ي/-ية) whose
    gender fits — a sound feminine plural or a ta marbuta takes -ية («للعمليات الخاصة»), a masculine noun -ي («للدفاع
    المدني»), a broken plural either. «للجوازات [الإلكتروني]» belongs to another noun."""
    if adj in adjs:
        return adjs[adj] == "name"  # «للإغاثة [التابعة]»: a generic adjective belongs to the phrase's noun, not here
    if not adj.endswith(("ي", "يه")) or len(adj) < 5:
        return False
    if noun.endswith(("ات", "ه")):
        return adj.endswith("يه")
    return True


_QUOTE_OPEN, _QUOTE_CLOSE = "«\"“(", "»\"”)"


def _outlets(d) -> list[_Cand]:
    """A quoted name after «لـ» or an outlet word is a news outlet («أكد لـ«عكاظ»», «صحيفة «المصري اليوم»»)."""
    cues = _lx("outlet_cues")
    out = []
    for m in re.finditer(rf"(?<!{_L})(?P<cue>[وف]?[^\W\d_]+)\s*[{_QUOTE_OPEN}](?P<nm>[^{_QUOTE_CLOSE}\n]{{2,40}})"
                         rf"[{_QUOTE_CLOSE}]", d.norm):
        cue = m.group("cue")
        if not (cue in cues or _name_stem(cue) in cues or cue in ("ول", "فل")):
            continue
        name = m.group("nm").strip()
        if not re.search("[\u0621-\u064a]", name) or len(name.split()) > 4:
            continue
        s = m.start("nm") + (len(m.group("nm")) - len(m.group("nm").lstrip()))
        out.append(_Cand(s, s + len(name), "ORG", "rule", 0))
    return out


def _furniture(d) -> list[tuple[int, int]]:
    """Normalised spans that are page furniture, not the body: lines opening with «رابط الخبر» and the like, and a
    dateline/byline at the start of a paragraph («ماجد الرفاعي- سبق- جدة:»)."""
    out = []
    starts = _lx("furniture_lines")
    for m in re.finditer(r"(?m)^[ \t]*(.*)$", d.norm):
        line = m.group(1)
        head = " ".join(line.split()[:2])
        if any(line.startswith(f) for f in starts) and (head in starts or line.split()[0] in starts):
            out.append((m.start(1), m.end(1)))
            continue
        colon = line.find(":", 0, 60)
        if colon > 0 and re.search(r"[-–]", line[:colon]) and len(line[:colon].split()) <= 6:
            out.append((m.start(1), m.start(1) + colon))
    return out
