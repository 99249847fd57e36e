"""Entity rules that need no model: titles and the names after them, names after a verb of saying or a head word,
honoured names, organisations as Arabic writes them (a head noun with its genitive/adjective chain and place),
outlets named after «لـ», and page furniture that carries no mention.
"""
from __future__ import annotations

import functools
import re

from marsad.arabic.text import clitics
from marsad.extract.entity_matching import _LETTER, _Cand, _Doc, _Hit, _name_stem
from marsad.extract.lexicon import (gazetteer, _lx, name_key, nisba_forms, org_adjectives, org_heads, _suffix_re,
                                    trigger_flags, triggers)


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
                    or w2 in _lx("locative_before_capital")     # «جبال [شمال] العراق»: a compass point, no name
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
    for m in re.finditer(rf"(?<!{_LETTER})(?P<cue>[وف]?[^\W\d_]+)\s*[{_QUOTE_OPEN}](?P<nm>[^{_QUOTE_CLOSE}\n]{{2,40}})"
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
