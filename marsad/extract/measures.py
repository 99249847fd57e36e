"""What a figure counts: its measure key (`marsad/arabic/data/measures.yaml`) from the counted noun and the
predicates around it.

`measure_of(q, noun, v, lo, hi, next_figure=None)` gives the key of quantity `q` read in the normalised view `v` of
its document, within the normalised sentence bounds [lo, hi); `counted_noun(q, v)` the noun it counts. It reads the
figure's own clause first, then the sentence up to the next figure. The rules, in the order the data file documents
them: the counted noun itself; what «عدد/حصيلة/إجمالي» before the figure counts; a person noun (or a bare number
after a casualty verb) with the nearest predicate; a neutral noun's default in its context (a case in a disease
report); a cue word for money, percentages and physical measures; else an open key `FAMILY:THING` (`open_key`:
`count:سفينه`, `money:تكلفه`, `amount:km`) and `measure_label(key)` says it in Arabic.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from marsad.arabic.data import load_yaml
from marsad.arabic.numbers import unit_code
from marsad.extract.frames import clause_bounds, frame_lexicon
from marsad.extract.textview import NUMLIKE, View, bare, fold
from marsad.model import Quantity

__all__ = ["measure_of", "counted_noun", "measure_lexicon", "measure_label", "open_key"]


@dataclass
class _MeasureLex:
    measures: dict
    persons_mil: set
    persons_civ: set
    generic_persons: frozenset
    window: int
    cue_window: int
    fallback: dict
    diseases: tuple
    things: frozenset
    price_things: frozenset
    per_unit: frozenset
    generic_things: frozenset
    thing_class: dict       # measured thing -> its class («قيمه» -> worth)
    synonyms: dict
    people_key: str
    nisba_nouns: frozenset
    bare_followers: frozenset
    thing_verbs: dict       # verb form -> the money thing it says («تدر» -> إيرادات)


@functools.cache
def measure_lexicon() -> _MeasureLex:
    m = load_yaml("measures.yaml")
    measures = {}
    for key, spec in (m.get("measures") or {}).items():
        spec = dict(spec or {})
        spec["nouns"] = {fold(x) for x in spec.get("nouns") or []}
        spec["units"] = {fold(x) for x in spec.get("units") or []}
        spec["pred_re"] = [re.compile(fold(p) if "\\" in p else re.escape(fold(p))) for p in spec.get("predicates") or []]
        spec["cue_re"] = [re.compile(fold(p) if "\\" in p else re.escape(fold(p))) for p in spec.get("cues") or []]
        # one alternation per list: a word is tried once, not once per pattern
        spec["pred_one"] = _one(spec["pred_re"])
        spec["cue_one"] = _one(spec["cue_re"])
        spec["default_for"] = {fold(x) for x in spec.get("default_for") or []}
        spec["if_followed"] = [(fold(x["noun"]), re.compile(x["regex"])) for x in spec.get("nouns_if_followed") or []]
        p = spec.get("persons", "any")
        spec["persons"] = {fold(x) for x in p} if isinstance(p, list) else p
        measures[key] = spec
    return _MeasureLex(
        measures=measures,
        persons_mil={fold(x) for x in m["persons"]["military"]},
        persons_civ={fold(x) for x in m["persons"]["civilian"]},
        generic_persons=frozenset(fold(x) for x in m.get("generic_persons") or []),
        window=int(m.get("window", 7)), cue_window=int(m.get("cue_window", 9)),
        fallback=m.get("fallback") or {},
        diseases=tuple(fold(x) for x in m.get("diseases") or []),
        things=frozenset(fold(x) for x in m.get("measured_things") or []),
        price_things=frozenset(fold(x) for x in m.get("price_things") or []),
        per_unit=frozenset(fold(x) for x in m.get("per_unit_nouns") or []),
        generic_things=frozenset(fold(x) for x in m.get("generic_things") or []),
        thing_class={fold(x): cls for cls, xs in (m.get("thing_classes") or {}).items() for x in xs},
        synonyms={fold(k): fold(v) for k, v in (m.get("thing_synonyms") or {}).items()},
        people_key=fold(m.get("people_key") or "أشخاص"),
        nisba_nouns=frozenset(fold(k).split()[0] for k in (m.get("nisba") or {})),
        bare_followers=frozenset(fold(x) for x in m.get("bare_followers") or []),
        thing_verbs={fold(v): fold(t) for t, vs in (m.get("thing_verbs") or {}).items() for v in vs},
    )


@functools.lru_cache(maxsize=8)
def _contexts(norm: str) -> frozenset:
    """The contexts a document is in (`disease`: it names a disease), from its normalised text."""
    lex = measure_lexicon()
    out = set()
    # a substring test first (most articles name no disease), the word-bounded pattern only to confirm
    if any(d in norm for d in lex.diseases) and _disease_re().search(norm):
        out.add("disease")
    return frozenset(out)


@functools.cache
def _disease_re() -> re.Pattern:
    """A disease word as a word of its own, with a conjunction, preposition or the article glued before it."""
    words = "|".join(re.escape(d) for d in sorted(measure_lexicon().diseases, key=len, reverse=True))
    return re.compile(r"(?<![\u0621-\u064a])(?:[وبلف]|ال|بال|وال|لل)?(?:" + words + r")(?![\u0621-\u064a])")


def _eligible(spec: dict, v: View) -> bool:
    """A measure that needs a context (`context: disease`) applies only in a document in it."""
    ctx = spec.get("context")
    return not ctx or ctx in _contexts(v.norm)


def _counted_after_count_word(v: View, q_ns: int, lo: int) -> list[str]:
    """«ارتفع عدد الذين توفوا … إلى 464»، «بلغ عدد المخالطين 61»: the words right after «عدد» (or «حصيلة»,
    «إجمالي») in the clause before the figure name what it counts; up to three of them."""
    i = v.tok_before(q_ns)
    stop = max(0, i - COUNT_WORD_REACH)
    while i >= stop and v.toks[i].s >= lo:
        if NUMLIKE.match(v.toks[i].w) and not _YEAR.fullmatch(v.toks[i].w):
            return []   # «عدد الإصابات إلى 1051 والوفيات إلى 464»: that «عدد» counts the figure before
        if any(x in _COUNT_WORDS for x in bare(v.toks[i].w)):
            out = []
            for t in v.toks[i + 1:i + 4]:
                if t.s >= q_ns or t.w in ("الي", "في", "من", "منذ"):
                    break
                out.append(t.w)
            return out
        i -= 1
    return []


_COUNT_WORDS = {"عدد", "اعداد", "حصيله", "اجمالي"}
COUNT_WORD_REACH = 24   # words between «عدد» and its figure («ارتفع عدد القتلى في صفوف … إلى 60»); another figure stops it
BARE_VERB_REACH = 3     # «وأصيب حوالى 400»: a casualty verb this close before a bare number names what it counts
_YEAR = re.compile(r"(?:19|20)\d\d")
_FALLBACKS = {"other", "money_amount", "percentage"}


def counted_noun(q: Quantity, v: View) -> str | None:
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


def _one(regs: list) -> re.Pattern | None:
    """The patterns as one alternation (None for none)."""
    return re.compile("|".join(f"(?:{r.pattern})" for r in regs)) if regs else None


def _nearest(words: list[tuple[int, str]], candidates) -> str | None:
    """The key of the (key, pattern) candidate whose pattern matches nearest the figure; on a tie the first, in the
    data file's order."""
    best = None
    for key, one in candidates:
        d = _pred_hit(words, one)
        if d is not None and (best is None or d < best[0]):
            best = (d, key)
    return best[1] if best else None


def _takes(persons, nb: set, is_mil: bool, is_civ: bool) -> bool:
    """Whether a measure's `persons` (any, military, civilian, or a list of nouns) takes this counted noun."""
    if persons == "military":
        return is_mil
    if persons == "civilian":
        return is_civ
    if persons == "any":
        return is_mil or is_civ
    if isinstance(persons, set):
        return bool(persons & nb)
    return True


def _pred_hit(words: list[tuple[int, str]], one: re.Pattern | None) -> int | None:
    """Distance of the nearest word (or a clitic-free form of it) that the alternation matches whole."""
    if one is None:
        return None
    for dist, w in words:
        for cand in bare(w):
            if one.fullmatch(cand):
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


def measure_of(q: Quantity, noun: str | None, v: View, lo: int, hi: int, next_figure: int | None = None) -> str:
    """The measure key of quantity q (see module doc). `next_figure`: the normalised start of the next figure in the
    sentence — the words after it are that figure's."""
    q_ns, q_ne = v.n(q.start), v.n(q.end)
    # the figure's own clause first («1053 حالة، تماثلت للشفاء منها 581 حالة»: each figure has its predicate),
    # then the sentence
    c_lo, c_hi = clause_bounds(v, q_ns, q_ne, lo, hi)
    if (c_lo, c_hi) != (lo, hi):
        key = _measure_in(q, noun, v, c_lo, c_hi, hi)
        if key not in _FALLBACKS:
            return key
    # the sentence up to the next figure: what follows it is that figure's
    stop = min(hi, next_figure) if next_figure is not None and next_figure > q_ne else hi
    key = _measure_in(q, noun, v, lo, stop, hi)
    if key in _FALLBACKS:
        return open_key(q, v, c_lo, c_hi) or key
    return key


def measure_label(key: str | None) -> str:
    """The Arabic label of a measure key: a named measure's `label`, or an open measure's family and thing
    («count:سفينه» → «عدد: سفينة»)."""
    if not key:
        return ""
    m = load_yaml("measures.yaml")
    spec = (m.get("measures") or {}).get(key)
    if spec and spec.get("label"):
        return spec["label"]
    family, _, thing = key.partition(":")
    fam = (m.get("family_labels") or {}).get(family)
    if not fam:
        return key
    if not thing:
        return fam
    if family == "amount":
        shown = next((lemma for lemma in _unit_lemmas() if unit_code(lemma)[0] == thing), thing)
    elif thing == fold(m.get("people_key") or ""):
        shown = m.get("people_key")
    else:   # keys are in matching form: a final «ه» is most often a folded ta marbuta
        shown = thing[:-1] + "ة" if thing.endswith("ه") and len(thing) > 3 else thing
    return f"{fam}: {shown}"


@functools.cache
def _unit_lemmas() -> tuple:
    """The physical units' lemmas of the number tagger's data (numbers_units.yaml, `measures`)."""
    return tuple((load_yaml("numbers_units.yaml").get("measures") or {}).keys())


def open_key(q: Quantity, v: View, c_lo: int, c_hi: int) -> str | None:
    """`FAMILY:THING` for a figure no named measure fits (measures.yaml, "Open measures"); None when nothing is
    named (a bare number)."""
    lex = measure_lexicon()
    q_ns, q_ne = v.n(q.start), v.n(q.end)
    unit = _plain(fold(q.unit)) if q.unit else None
    if q.kind == "count":
        if unit in lex.price_things or unit == "نقطه":
            return "price:" + (_thing_before(v, q_ns, c_lo, lex.price_things) or "مؤشر")
        if unit in lex.persons_civ or unit in lex.persons_mil or unit in lex.nisba_nouns:
            return "count:" + lex.people_key     # «353565 يمنيا», «345176 مقيما», «354863 شخصا»: people
        if unit:
            return "count:" + lex.synonyms.get(unit, unit)
        named = [_plain(w) for w in _counted_after_count_word(v, q_ns, c_lo)]
        if named and (named[0] in lex.persons_civ or named[0] in lex.persons_mil):
            return "count:" + lex.people_key     # «بلغ عدد الأخوة … المصححين (٤٢٥٦٠١)»: people
        return "count:" + named[0] if named else None
    thing = _thing_before(v, q_ns, c_lo, lex.things, lex.thing_verbs if q.kind == "money" else None)
    thing = lex.synonyms.get(thing, thing)
    if q.kind == "money":
        after = v.norm[q_ne:min(c_hi, q_ne + 24)].split()
        per = _per_unit(after, lex)
        if per or thing in lex.price_things:
            return "price:" + (thing or per or "سعر")
        return "money:" + thing if thing else "money"
    if q.kind == "percent":
        return "percent:" + thing if thing else "percent"
    code = unit_code(q.unit)
    if not (code or unit or thing):
        return None   # a physical figure with no unit and nothing measured («3-1») is no claim
    return "amount:" + (code[0] if code else unit or thing)   # «72 كلم», «72 كيلومترا»: amount:km


def _per_unit(after: list[str], lex: _MeasureLex) -> str | None:
    """The unit a money figure is priced per («للبرميل», «لكل سهم» → «برميل», «سهم»), from the words after it."""
    if not after:
        return None
    if after[0] == "لكل" and len(after) > 1:
        return _plain(after[1])
    if after[0].startswith("لل"):
        noun = _plain("ال" + after[0][2:])
        return noun if noun in lex.per_unit else None
    return None


def _plain(w: str) -> str:
    """A lemma or a noun without the article (and a conjunction before it): «والتكلفه» → «تكلفه». Other leading
    letters stay: in «وثيقه», «لجان», «فرصه» they belong to the word."""
    for p in ("وال", "فال", "بال", "لل", "ال"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p):]
    return w


_POSSESSIVE = ("هما", "هم", "ها", "ه")


def _thing_forms(w: str) -> list[str]:
    """A word's clitic-free forms, with a possessive suffix off too («تكلفته» → «تكلفه», «حجمه» → «حجم»)."""
    out = list(bare(w))
    for f in list(out):
        for suf in _POSSESSIVE:
            if f.endswith(suf) and len(f) - len(suf) >= 3:
                stem = f[:-len(suf)]
                out.append(stem)   # «إيراداتها» → «إيرادات»
                if stem.endswith("ت"):
                    out.append(stem[:-1] + "ه")   # «تكلفته» → «تكلفة»: a ta marbuta before the suffix
                break
    return out


def _thing_before(v: View, q_ns: int, c_lo: int, things: frozenset, verbs: dict | None = None) -> str | None:
    """The nearest measured thing before the figure in its clause (or, with `verbs`, a verb that says it: «تدر» →
    إيرادات); a generic one («نسبة», «معدل») gives way to a thing right after it («نسبة البطالة») or to the next
    one further back."""
    lex = measure_lexicon()
    i = v.tok_before(q_ns)
    generic = None
    while i >= 0 and v.toks[i].s >= c_lo:
        hit = next((f for f in _thing_forms(v.toks[i].w) if f in things), None)
        if hit is None and verbs:
            hit = next((verbs[f] for f in bare(v.toks[i].w) if f in verbs), None)
        if hit:
            if hit not in lex.generic_things:
                return hit
            generic = generic or hit
        i -= 1
    return generic


def _unknown_noun_after(v: View, q_ne: int, hi: int, lex: _MeasureLex) -> bool:
    """A content word follows the bare number directly: a counted noun (`bare_followers` and function words
    excepted)."""
    ti = v.tok_at(q_ne)
    if ti >= len(v.toks) or v.toks[ti].e > hi or v.norm[q_ne:v.toks[ti].s].strip():
        return False
    w = v.toks[ti].w
    if NUMLIKE.match(w) or len(w) <= 2 or w[0] in "وف":
        return False     # «قتل 3 وأصيب …»: a conjunction opens the next clause
    forms = set(bare(w))
    return not forms & (lex.bare_followers | frame_lexicon().stop | lex.persons_civ | lex.persons_mil)


def _measure_in(q: Quantity, noun: str | None, v: View, lo: int, hi: int, sent_hi: int) -> str:
    lex = measure_lexicon()
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
        rest = v.norm[q_ne:sent_hi]   # «4700 إصابة، منها 600 وفاة»: the rest of the sentence
        for key, spec in lex.measures.items():
            for nn, rx in spec["if_followed"]:
                if nn in nb and rx.search(rest) and _eligible(spec, v):
                    return key
        for key, spec in lex.measures.items():
            if spec["nouns"] & nb and not spec.get("kind") and _eligible(spec, v):
                return key
    # «ارتفع عدد الوفيات إلى 464 حالة»: what «عدد» counts decides before a neutral counted noun
    if kind == "count":
        named = _counted_after_count_word(v, q_ns, lo)
        for w in named:
            for key, spec in lex.measures.items():
                if spec.get("kind") or not _eligible(spec, v):
                    continue
                forms = set(bare(w))
                if spec["nouns"] & forms or spec["pred_one"] and any(spec["pred_one"].fullmatch(x) for x in forms):
                    return key
    if kind in ("money", "percent", "measure"):
        words = [(d, w) for d, w in _window_words(v, q_ns, q_ne, lo, hi, lex.cue_window) if d == int(d)]
        best = _nearest(words, ((key, spec["cue_one"]) for key, spec in lex.measures.items()
                                if spec.get("kind") == kind and spec["cue_re"]
                                and (kind != "measure" or spec["units"] & nb)))
        return best or lex.fallback.get(kind, "other")
    # a bare number («قوة مُرسلة قدرها 15 ألفاً»، «ارتفع عدد القتلى إلى 50»): the counted noun is a few words before
    if not q.unit:
        for key, spec in lex.measures.items():   # «20 ألف فرصة عمل»: the words right after
            if not spec.get("kind") and spec["nouns"] & nb and _eligible(spec, v):
                return key
        back = [w for d, w in _window_words(v, q_ns, q_ne, lo, hi, 4) if d == int(d)]
        known = lex.persons_mil | lex.persons_civ | {x for sp in lex.measures.values() for x in sp["nouns"]}
        hit = next((x for w in back for x in bare(w) if x in known), None)
        if hit is None:
            if _unknown_noun_after(v, q_ne, sent_hi, lex):
                return "other"   # «وتدمير 23 ألية عسكرية»: it counts a thing the tagger does not know
            # «وأصيب حوالى 400», «قتل 12»: a people measure's verb right before a bare number
            near = [(d, w) for d, w in _window_words(v, q_ns, q_ne, lo, hi, BARE_VERB_REACH) if d == int(d)]
            return _nearest(near, ((key, spec["pred_one"]) for key, spec in lex.measures.items()
                                   if not spec.get("kind") and spec["persons"] in ("any", "civilian")
                                   and _eligible(spec, v))) or "other"
        nb = {hit}
        for key, spec in lex.measures.items():
            if not spec.get("kind") and hit in spec["nouns"] and _eligible(spec, v):
                return key
    # 2. person (or other) noun + predicate
    is_mil = bool(nb & lex.persons_mil) or not nb
    is_civ = bool(nb & lex.persons_civ)
    words = _window_words(v, q_ns, q_ne, lo, hi, lex.window)
    best = _nearest(words, ((key, spec["pred_one"]) for key, spec in lex.measures.items()
                            if not spec.get("kind") and spec["pred_re"] and _eligible(spec, v)
                            and _takes(spec["persons"], nb, is_mil, is_civ)))
    if best:
        return best
    for key, spec in lex.measures.items():   # «ست حالات تحت العلاج»: a neutral noun's default in its context
        if spec["default_for"] & nb and _eligible(spec, v):
            return key
    return lex.fallback.get(kind, "other")
