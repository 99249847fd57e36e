"""Arabic number and quantity tagger.

`tag_numbers(text)` finds every number phrase of an article (digits in any script, number words, scale words,
vague magnitudes, ordinals) with its qualifier (نحو، أكثر من، ما لا يقل عن، بين … و …), the counted noun or unit
that follows (lemmatised; currencies as ISO codes) and a kind: count, money, percent, measure (quantities a claim
can be about) or year, date, time, ordinal, duration, frequency, code, score (not; see `is_quantity_of_interest`).
`parse_number(phrase)` is the single parse covering a whole phrase.

Vague magnitudes get documented bounds (numbers.yaml «vague»: «آلاف» = 3,000-9,999 …); a range's scale word
distributes over a bare lower end («ثمانية إلى عشرة آلاف» = 8,000-10,000); «more/at least» set `low`, «less/at most»
set `high` next to `value`.

How it works: the text is normalised once (a 1:1 character fold plus removal of diacritics/tatweel, with an index
map back to the original offsets); one compiled regex finds number *tokens*; adjacent tokens joined by white space
or «و» are combined by a small grammar (units, teens, tens, hundreds, scales with dual/plural forms, fractions,
decimal «فاصلة»); then the context around each number is read with anchored regexes: qualifiers before/after,
range partners, the unit after, and date/year/time context.  All language knowledge is in
`marsad/arabic/data/numbers.yaml` and `numbers_units.yaml`.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from marsad.arabic.data import load_yaml
from marsad.arabic.text import MARKS_RE, NUMBER_MARKS, OffsetMap, fold, normalize_word, strip_marks, trie_pattern
from marsad.model import Quantity

__all__ = ["tag_numbers", "parse_number", "is_quantity_of_interest", "normalize_for_numbers", "unit_code",
           "outside_dates"]

# ------------------------------------------------------------------ normalisation (marsad.arabic.text: marks dropped,
# then the 1:1 fold keeping «٫» «٬» and the quotation marks)


def normalize_for_numbers(text: str) -> tuple[str, OffsetMap | None]:
    """(normalised text, index map) — map[i] is the offset in `text` of normalised char i; None when identity."""
    # drop the marks first (shared with the time tagger, which strips the same text next), then the 1:1 fold
    stripped, idx = strip_marks(text)
    return _blank_quotes(fold(stripped, NUMBER_MARKS)), idx


# News quotes a figure or its counted noun: «أكثر من “387,543” بطاقة»، «نحو “70” ألف»، «281 “عملا إرهابيا”».  Quotation
# marks around digits alone, and an opening mark between a number and the next word, are read as spaces (1:1, the
# offsets stay): the number, its hedge, its scale word and its noun belong together across them.  A closing mark
# after a number that ends a longer quotation («طراز “بوينغ 777” تابعة») still separates it from what follows.
_OPENING_QUOTES = ("“", "«", '"', "„")
_QUOTED_FIGURE_RE = re.compile(r'.(?P<fig> ?\d[\d.,٫٬]* ?)[”»"“]')


def _blank_quotes(norm: str) -> str:
    # str.find visits the few quotation marks, and plain character tests reject most of them (a regex scan of the
    # whole text, or a regex call per mark, costs more)
    blank = []
    for mark in _OPENING_QUOTES:
        i = norm.find(mark)
        while i >= 0:
            c = norm[i + 1:i + 2]
            if c.isdigit() or (c == " " and norm[i + 2:i + 3].isdigit()):       # «“387,543”»
                m = _QUOTED_FIGURE_RE.match(norm, i)
                if m:
                    blank += (i, m.end() - 1)
            elif c.isalpha() and i >= 2 and norm[i - 1].isspace() and (
                    norm[i - 2].isdigit() or (norm[i - 2].isspace() and norm[i - 3:i - 2].isdigit())):   # «281 “عملا»
                blank.append(i)
            i = norm.find(mark, i + 1)
    if not blank:
        return norm
    chars = list(norm)
    for i in blank:
        chars[i] = " "
    return "".join(chars)


def _n(s: str) -> str:
    return normalize_word(str(s), NUMBER_MARKS).strip()


# ------------------------------------------------------------------ data
_G = load_yaml("numbers.yaml")
_U = load_yaml("numbers_units.yaml")


def _val(v):
    return (v[0], set(v[1:])) if isinstance(v, list) else (v, set())


@dataclass(slots=True)
class _W:
    cat: str            # unit ten teen tens hund hund2 scale vague coef frac zero point ord
    value: float
    flags: frozenset = frozenset()
    form: str = ""      # scale form: sg|dual|pl
    low: float = 0
    high: float = 0


_WORDS: dict[str, list[_W]] = {}


def _add(form: str, w: _W) -> None:
    _WORDS.setdefault(_n(form), []).append(w)


for f, v in _G["units"].items():
    val, fl = _val(v)
    _add(f, _W("unit", val, frozenset(fl)))
for f, v in _G["ten"].items():
    _add(f, _W("ten", v))
for f, v in _G["teens"].items():
    _add(f, _W("teen", v))
for f, v in _G["tens"].items():
    _add(f, _W("tens", v))
for f, v in _G["hundred_words"].items():
    _add(f, _W("hund", v))
for f, v in _G["hundred_duals"].items():
    _add(f, _W("hund", v))
for p, pv in _G["hundred_prefixes"].items():
    for f in _G["hundred_words"]:
        _add(_n(p) + _n(f), _W("hund", pv * 100))
        _add(_n(p) + " " + _n(f), _W("hund", pv * 100))
for f, v in _G["scales"].items():
    _add(f, _W("scale", v[0], form=v[1]))
for f, (lo, hi) in _G["vague"].items():
    _add(f, _W("vague", 0, low=lo, high=hi))
for f, (lo, hi) in _G["vague_coefficients"].items():
    _add(f, _W("coef", 0, frozenset({"weak"}), low=lo, high=hi))
for f, v in _G["fractions"].items():
    val, fl = _val(v)
    _add(f, _W("frac", val, frozenset(fl)))
for f, v in _G["zero"].items():
    _add(f, _W("zero", v))
for f in _G["decimal_point"]:
    _add(f, _W("point", 0))
_MORPH = _G["morphology"]
_AL = _n(_MORPH["article"])
_AND = _n(_MORPH["and"])
_FEM = _n(_MORPH["feminine"])
_FEM_Y = _n(_MORPH["feminine_y"])
_CONJ = "".join(_n(x) for x in _MORPH["conjunctions"])
_PREP = "".join(_n(x) for x in _MORPH["prepositions"])
_LEMMA_SUFFIXES = [(_n(a), b, int(n)) for a, b, n in _MORPH["lemma_suffixes"]]
_ACC_ALEF = _LEMMA_SUFFIXES[-1][0]
_LIL = _n(_MORPH["article_after_lam"])
_PP_STARTS = "".join(_n(x) for x in _MORPH["preposition_phrase_starts"])
_ORD_NEEDS_AL = {_n(x) for x in _G["ordinal_needs_article"]}
for f, v in _G["ordinals"].items():
    nf = _n(f)
    v, fl0 = _val(v)
    fl = frozenset({"needs_al"}) if nf in _ORD_NEEDS_AL else frozenset()
    _add(nf, _W("ord", v, fl))
    if "nofem" in fl0:
        continue
    if not nf.endswith(_FEM_Y[0]):
        _add(nf + _FEM, _W("ord", v, fl))            # feminine الثالثة
    else:
        _add(nf[:-1] + _FEM_Y, _W("ord", v, fl))     # الثانية، الحادية


def ordinal_words() -> frozenset[str]:
    """Normalised ordinal words, bare and with the article («ثاني», «الثاني», «الثانية» …)."""
    bare = {f for f, ws in _WORDS.items() if any(w.cat == "ord" for w in ws)}
    return frozenset(bare | {"ال" + f for f in bare})


# dual nouns of time and measure units («عامين»، «لترين») are found in the same pass
_UNIT_KINDS = {"durations": "duration", "measures": "measure", "frequencies": "frequency"}
_DUAL_FORMS = {_n(f) for k in _UNIT_KINDS for spec in _U[k].values() for f in spec.get("dual", [])}


def _counted_duals(spec: dict) -> dict[str, tuple[str, bool]]:
    """Dual form -> (singular lemma, construct) for the nouns of numbers_duals.yaml (forms derived from the
    singular: «حالة» → حالتان، حالتين، and in construct حالتا، حالتي)."""
    out: dict[str, tuple[str, bool]] = {}
    construct = {_n(x) for x in spec["construct"]}
    for group, endings in (("both", ("ان", "ين")), ("nominative", ("ان",))):
        for lemma in spec[group]:
            stem = _n(lemma)
            stem = stem[:-1] + "ت" if stem.endswith("ه") else stem
            for end in endings:
                out[stem + end] = (lemma, False)
            if _n(lemma) in construct:
                for end in ("ا", "ي"):
                    out[stem + end] = (lemma, True)
    for x in spec["not_duals"]:
        out.pop(_n(x), None)
    return out


_COUNTED_DUALS = _counted_duals(load_yaml("numbers_duals.yaml"))
_WORD_RE = trie_pattern(list(_WORDS) + list(_DUAL_FORMS))
# The counted duals are found apart from the number tokens, in the reversed text: all but the construct forms end in
# «ن» (-ان، -ين), a literal `re` scans for in C, where a trie at every word start (as the number words are found)
# would cost a tenth of the tagger's time.  Reversed, a form is followed by its clitics («بطنين» → «نينطب»), and a
# word with the article («القتيلين») fails the word boundary.  The construct forms («حالتا»، «حالتي») are few and
# found forwards.
_DUAL_REV_RE = re.compile(r"ن(?<!\wن)(?P<f>" + trie_pattern([w[::-1][1:] for w, (_, c) in _COUNTED_DUALS.items()
                                                             if not c]) + r")[" + _PREP + r"]?[" + _CONJ + r"]?(?!\w)")
_CONSTRUCT_STEMS = sorted({w[:-1] for w, (_, c) in _COUNTED_DUALS.items() if c})     # «حالت» (str.find: fast)
_CONSTRUCT_END_RE = re.compile(r"[اي](?!\w)")
_CLITICS_BEFORE_RE = re.compile(r"(?:^|\W)[" + _CONJ + r"]?[" + _PREP + r"]?$")


def _counted_dual_words(norm: str) -> list[tuple[int, int, str]]:
    """(start, end, form) of the counted duals in `norm` (without the article; clitics outside the span)."""
    out = []
    rev = norm[::-1]
    n = len(norm)
    for m in _DUAL_REV_RE.finditer(rev):
        s, e = n - m.end("f"), n - m.start()
        out.append((s, e, norm[s:e]))
    for stem in _CONSTRUCT_STEMS:
        i = norm.find(stem)
        while i >= 0:
            j = i + len(stem)
            if _CONSTRUCT_END_RE.match(norm, j) and _CLITICS_BEFORE_RE.search(norm, max(0, i - 3), i):
                out.append((i, j + 1, norm[i:j + 1]))
            i = norm.find(stem, j)
    return out
_DIGITS = r"(?:\d+(?:[.,٫٬]\d+)*|[.٫]\d+)"
# A token: (clitic)(article) then a date, a time, digits or a number word.  The digit branches sit behind one
# `(?=[\d.٫])` test, so that a word start that is no digit does not try them one by one (2x faster on news text).
_TOKEN_BODY = (
    r"(?P<cl>[" + _CONJ + "]??[" + _PREP + "]??)(?:|(?P<al>" + _AL + "))"   # = (?P<al>…)?? (a branch is cheaper)
    r"(?:(?=[\d.٫])(?:(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/]\d{1,2}[-/]\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|\d{1,2} ?/ ?\d{1,2} ?/ ?\d{4}|\d{1,2} ?/ ?1[3-4]\d\d|\d{1,2} ?/ ?(?:19|20)\d\d)(?![\d/.-]\d)"
    r"|(?P<time>\d{1,2}:\d{2})(?![\d:])|(?P<d>" + _DIGITS + r"))|(?P<w>" + _WORD_RE + r")(?!\w))"
)
# at a word start (not after a letter, digit or «.», «,»; not after «x-»), or at «و» between digits («5و6»)
_TOKEN_RE = re.compile(r"(?:(?<![\w.,٫٬])(?<![A-Za-z]-)|(?<=\d)(?=" + _AND + r"\d))" + _TOKEN_BODY)
# The same tokens found from the character before them: a pattern that starts by consuming one character of a
# class lets `re` skip ahead to the next such character in C instead of trying every position (lookbehinds at the
# start of a pattern disable that).  Every token ends in a letter or a digit, so the character before the next
# token is never inside the previous one and `finditer` sees the same tokens.
_TOKEN_AFTER_RE = re.compile(r"[^\w.,٫٬](?<![A-Za-z]-)" + _TOKEN_BODY)
_DIGIT_AND_DIGIT_RE = re.compile(_AND + r"(?<=\d" + _AND + r")(?=\d)")   # starts with a literal: a fast scan


def _token_matches(norm: str):
    """_TOKEN_RE.finditer(norm), faster; a match's token starts at m.start("cl")."""
    if _DIGIT_AND_DIGIT_RE.search(norm):      # «5و6»: a token start inside a word; the slower pattern
        return _TOKEN_RE.finditer(norm)
    m = _TOKEN_RE.match(norm)
    if m is None:
        return _TOKEN_AFTER_RE.finditer(norm)
    return _chain(m, _TOKEN_AFTER_RE.finditer(norm, m.end()))


def _chain(first, rest):
    yield first
    yield from rest


def _alt(phrases, article: bool = False) -> str:
    """The phrases (normalised; a space = white space, and «ال» too with `article`) as one alternation, factored as
    a trie: the same matches as longest-first alternatives (phrases that match at one position are prefixes of one
    another), without trying them one by one."""
    sep = r"\s+(?:" + _AL + ")?" if article else r"\s+"
    return trie_pattern(sorted({_n(p) for p in phrases if _n(p)}), space=sep)


# qualifiers
_QUAL_BEFORE = {q: _G["qualifiers"][q]["before"] for q in _G["qualifiers"]}
_QUAL_AFTER = {q: _G["qualifiers"][q]["after"] for q in _G["qualifiers"]}
_AFTER_CONJ = r"(?:(?<!\w)|(?<=\b[" + _CONJ + r"]))"              # at a word start, or after «و»/«ف»
_AFTER_CLITIC = (r"(?:(?<!\w)|(?<=\b[" + _CONJ + _PREP + r"])|(?<=\b[" + _CONJ + r"][" + _PREP + r"]))")   # «وبنحو»
_QB_RE = re.compile(_AFTER_CLITIC + r"(?P<q>" + "|".join(
    f"(?P<{q}>{_alt(ph)})" for q, ph in _QUAL_BEFORE.items() if ph) + r")\s*(?:" + _AL + ")?$")
_QA_RE = re.compile(r"\s*(?P<q>" + "|".join(
    f"(?P<{q}>{_alt(ph)})" for q, ph in _QUAL_AFTER.items() if ph) + r")(?!\w)")

# ranges
_RANGE_TO = {_n(x) for x in _G["range"]["to"]}
_RJ_WORDS = [x for x in _RANGE_TO if len(x) > 1 and x.isalpha()]                      # إلى، حتى
_RJ_DASH = "".join(re.escape(x) for x in _RANGE_TO if not x.isalpha())               # - ~
_RJ_LI = "|".join(re.escape(x) for x in _RANGE_TO if len(x) == 1 and x.isalpha() and x != _AND)   # «من عشرة لعشرين»
_RJOIN_RE = re.compile(r"\s*(?:(?P<word>" + _alt(_RJ_WORDS) + r")\s*|(?P<dash>[" + _RJ_DASH + r"])\s*|(?P<wa>"
                       + _AND + r")\s*|(?P<li>" + _RJ_LI + r")(?=\w|\d)|(?P<li2>" + _RJ_LI + r")\s+)")
_OPEN_FROM_RE = re.compile(_AFTER_CONJ + r"(?:" + _alt(_G["range"]["open_from"]) + r")\s*$")
_OPEN_BETWEEN_RE = re.compile(_AFTER_CONJ + r"(?P<b>" + _alt(_G["range"]["open_between"]) + r")\s*$")

# dates / years / times
_MONTH_ALT = _alt(_G["months"])
_GLUE = r"(?:(?:" + _alt(_G["date_glue"]) + r")\s+){0,2}"
_MONTH_AFTER_RE = re.compile(r"\s*" + _GLUE + r"(?:" + _MONTH_ALT + "|" + _alt(_G["month_refs"]) + r")(?!\w)")
_MONTH_BEFORE_RE = re.compile(r"(?<!\w)(?:" + _MONTH_ALT + r")(?:\s*/\s*(?:" + _MONTH_ALT + r"))?\s*" + _GLUE
                              + r"[,]?\s*$")
_YEAR_WORD_RE = re.compile(_AFTER_CLITIC + r"(?:" + _alt(_G["year_words"]) + r")\s*$")
_YEAR_BEFORE_RE = re.compile(_AFTER_CLITIC + r"(?:" + _alt(_G["year_before"]) + r")\s*$")
_YEAR_SUFFIX_RE = re.compile(r"\s?(?:" + _alt(_G["year_suffixes"]) + r")(?!\w)")
_TIME_WORD_RE = re.compile(_AFTER_CLITIC + r"(?:" + _alt(_G["time_words"]) + r")\s*$")
_YEAR_LO, _YEAR_HI = _G["year_range"]
_IDENT_RE = re.compile(_AFTER_CLITIC + r"(?:" + _alt(_G["identifier_words"]) + r")\s*[(:]?\s*$")
_LEADING_ZERO_RE = re.compile(r"0\d{3,}|\+")
_SCORE_WORD_RE = re.compile(_AFTER_CLITIC + r"(?:" + _alt(_G["score"]["words"]) + r")(?!\w)")
_SCORE_DASH_RE = re.compile(r" ?[-–] ?")
_SCORE_MAX = _G["score"]["max_goals"]
_LINE_START_RE = re.compile(r"(?:^|\n)[\s*•·-]*$")           # a list item number at the start of a line …
_LIST_MARK_RE = re.compile(r"\s?[-.)](?!\d)")               # … followed by «-», «.» or «)»

# units
_UNITS: dict[str, tuple] = {}   # normalised form -> (lemma, kind, code, count)   count: None, or 2 for duals
_BARE: dict[str, tuple] = {}    # bare noun = 1 of it (single-phrase parses only)
for code, spec in _U["money"].items():
    for f in spec["forms"]:
        _UNITS[_n(f)] = (code if code.isascii() else spec["lemma"], "money", code, None)
for kind_key, kind in _UNIT_KINDS.items():
    for lemma, spec in _U[kind_key].items():
        for f in spec.get("forms", []):
            _UNITS[_n(f)] = (lemma, kind, spec["code"], None)
        for f in spec.get("dual", []):
            _UNITS[_n(f)] = (lemma, kind, spec["code"], 2)
        for f in spec.get("bare", []):
            _BARE[_n(f)] = (lemma, kind, spec["code"], 1)
for f in _U["percent"]["forms"]:
    _UNITS[_n(f)] = ("%", "percent", "%", None)
_UNIT_CODES = {}
for kind_key in _UNIT_KINDS:
    for lemma, spec in _U[kind_key].items():
        _UNIT_CODES[lemma] = (spec["code"], spec.get("base", spec["code"]), float(spec.get("factor", 1)))
_DUALS = {k: v for k, v in _UNITS.items() if v[3] == 2}
_SYMBOLS = {k: v for k, v in _U["money_symbols"].items()}
_UNIT_ALT = _alt(_UNITS, article=True)
_UNIT_RE = re.compile(r"(?P<sp>\s*)(?P<cl>" + _AL + r")??(?P<u>" + _UNIT_ALT + r")(?!\w)")
_UNIT_BEFORE_RE = re.compile(r"(?<!\w)(?:" + _AL + r")?(?P<u>" + _UNIT_ALT + r")\s+$")
_SYM_AFTER_RE = re.compile(r"(?P<sp> ?)(?P<u>US\$|\$|€|£|¥|₪|¢|c(?![A-Za-z]))")
_SYM_BEFORE_RE = re.compile(r"(?P<u>US\$|\$|€|£|¥|₪)\s?$")
_CENT_FORMS = [f for f in _U["money"]["cent"]["forms"]] + [k for k, v in _SYMBOLS.items() if v == "cent"]
_CENTS_RE = re.compile(r"\s*و?\s*(?P<d>\d{1,2})\s?(?:" + _alt(_CENT_FORMS) + r")(?!\w)")   # «20 دولار و43 سنت»
_CENTS_BARE_RE = re.compile(r"\s(?P<d>\d{2})$")                                              # «$20 43»
_D4_RE = re.compile(r"\d{4}")
_PAREN_CLOSE_RE = re.compile(r"\s?\)")
_PAREN_OPEN_RE = re.compile(r"\(\s?$")
_INT_RE = re.compile(r"\d+")
_LEMMAS = {_n(k): v for k, v in _U["lemmas"].items()}
_NOT_UNITS = {_n(x) for x in _U["not_units"]}
_NOUN_RE = re.compile(r"\s+(?P<w>[\u0621-\u064A]{2,})(?!\w)")
_PARTITIVE_RE = re.compile(r"\s+" + _n(_G["partitive"]) + r"\s")
_NOUN_ATTACHED_RE = re.compile(r"(?P<w>[\u0621-\u064A]{2,})(?!\w)")    # «16معرضاً» (after digits)
_PRODUCT_RE = re.compile(r"\s+" + _n(_G["product_glue"]) + r"\s+[^\W\d_]+$")


_FRAC_WORDS = {_n(k): _val(v)[0] for k, v in _G["fractions"].items()}
_UNIT_FRAC_RE = re.compile(r"\s*" + _AND + r"\s*(?P<f>" + _alt(_FRAC_WORDS) + r")(?!\w)")
_ACC_SCALES = {_n(f) for f, v in _G["scales"].items() if v[1] == "acc"}
_ONE_OF = {**{k: v for k, v in _UNITS.items() if v[1] in ("measure", "duration", "money") and v[3] is None}, **_BARE}
_UNIT_BEFORE_FRAC_RE = re.compile(r"(?<!\w)(?P<u>" + _alt(list(_ONE_OF)) + r")\s*(?:" + _AND + r"\s*)?$")


# ------------------------------------------------------------------ cheap necessary conditions for the context patterns
# The patterns that look back from a number («حوالي 30»، «المادة 51»، «عام 2015») end in «(phrases)\s*$»: they can
# only match where the text, trailing spaces removed, ends with the last word of one of the phrases.  Testing that with
# str.endswith first skips the regex search (a try at every position of a 30-40 character window) where it cannot
# match; where it can, the same regex runs, so the results do not change.
def _tails(phrases) -> tuple[str, ...]:
    """The last word of each phrase, normalised as `_alt` writes it (a suffix of every text the phrase matches)."""
    return tuple({_n(p).split(" ")[-1] for p in phrases if _n(p)})


_QB_TAILS = _tails([p for ph in _QUAL_BEFORE.values() if ph for p in ph])
_IDENT_TAILS = _tails(_G["identifier_words"])
_YEAR_WORD_TAILS = _tails(_G["year_words"])
_TIME_WORD_TAILS = _tails(_G["time_words"])
_MONTH_BEFORE_TAILS = _tails(list(_G["months"]) + list(_G["date_glue"]))


def _ends_with(s: str, tails: tuple[str, ...], then: tuple[str, ...] = ()) -> bool:
    """Does `s` end with one of `tails`, then spaces (then, optionally, one of `then` and spaces)?"""
    t = s.rstrip()
    if t.endswith(tails):
        return True
    for x in then:
        if t.endswith(x) and t[:-len(x)].rstrip().endswith(tails):
            return True
    return False


def _qb_search(norm: str, s: int):
    """_QB_RE.search(norm, max(0, s - 30), s): a qualifier right before a number (then spaces and «ال»)."""
    lo = max(0, s - 30)
    if not _ends_with(norm[lo:s], _QB_TAILS, (_AL,)):
        return None
    return _QB_RE.search(norm, lo, s)


_SYM_FIRST = frozenset("U$€£¥₪¢c")        # first characters of _SYM_AFTER_RE's symbols
_SYM_LAST = ("$", "€", "£", "¥", "₪")     # last characters of _SYM_BEFORE_RE's symbols


def _sym_after(norm: str, pos: int):
    """_SYM_AFTER_RE.match(norm, pos), skipped where no symbol (after one space) starts."""
    c = norm[pos:pos + 1]
    if c == " ":
        c = norm[pos + 1:pos + 2]
    return _SYM_AFTER_RE.match(norm, pos) if c and c in _SYM_FIRST else None


# the characters the normalisation drops, for a test of one character without the regex machinery
_DROP_CHARS = frozenset(ch for ch in map(chr, range(0x2100)) if MARKS_RE.match(ch))


# ------------------------------------------------------------------ tokens and the number grammar
@dataclass(slots=True)
class _Tok:
    cs: int        # start including clitic
    s: int         # start of the number itself (after clitic; the article «ال» is inside)
    e: int
    cl: str
    al: bool
    kind: str      # d | w | time
    text: str
    ws: list       # candidate _W readings (words)


@dataclass(slots=True)
class _Num:
    s: int
    e: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    ordinal: bool = False
    time: bool = False
    digits: str | None = None       # the digit string when the number is a bare digit token
    has_scale: bool = False
    scale: float = 1                # last scale multiplier applied
    base: float | None = None       # value before the last scale
    vague: bool = False
    neg: bool = False
    words: list = field(default_factory=list)


def _digit_value(tok: str, before_scale: bool) -> float | None:
    """Digits with thousands separators and/or a decimal mark → value."""
    t = tok
    if len(t) > 40:   # a digit run this long is no quantity (and int() refuses > 4300 digits)
        return None
    if t.isascii() and t.isdigit():     # most digit tokens: no separator at all
        return float(int(t))
    if "٫" in t:   # Arabic decimal mark: unambiguous
        ip, _, fp = t.partition("٫")
        ip = re.sub(r"[.,٬]", "", ip)
        fp = re.sub(r"[.,٬]", "", fp)
        try:
            return float((ip or "0") + "." + (fp or "0"))
        except ValueError:
            return None
    t = t.replace("٬", ",") if "," not in t and "." not in t else t.replace("٬", "")
    seps = [c for c in t if c in ".,"]
    if not seps:
        return float(int(t))
    groups = re.split(r"[.,]", t)
    if len(set(seps)) == 2:
        dec = seps[-1]
        ip, _, fp = t.rpartition(dec)
        return float(re.sub(r"[.,]", "", ip) + "." + fp)
    sep = seps[0]
    if len(seps) > 1:
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
            return float("".join(groups))
        if all(len(g) == 3 for g in groups[1:-1]) and 1 <= len(groups[0]) <= 3 and 1 <= len(groups[-1]) <= 2:
            return float("".join(groups[:-1]) + "." + groups[-1])     # «134.230.802.95»: the last mark is decimal
        return None
    ip, fp = groups
    if not ip:
        return float("0." + fp)
    thousands_ok = len(fp) == 3 and 1 <= len(ip) <= 3 and ip != "0"
    if thousands_ok and not (before_scale and sep == "."):
        return float(ip + fp)
    return float(ip + "." + fp)


class _Builder:
    """Left-to-right combination of word/digit tokens into one number value."""

    def __init__(self):
        self.total = 0.0
        self.cur = 0.0
        self.places: set = set()
        self.last = None          # category of last token
        self.last_val = 0
        self.scale = None
        self.base = None
        self.low = self.high = None   # vague bounds
        self.coef = None
        self.point = False
        self.point_digits = ""
        self.digit = False
        self.digits = None
        self.n = 0
        self.ordinal = False
        self.def_card = False     # started by a definite cardinal («الثلاثين»)

    def value(self):
        return self.total + self.cur

    def add(self, tok: _Tok, w: _W | None, connector: bool, before_scale: bool) -> bool:
        """Try to extend with a token; False when it cannot belong to this number."""
        cat = "d" if w is None else w.cat
        first = self.n == 0
        if self.point:
            if cat == "d" and _INT_RE.fullmatch(tok.text):
                frac = float("0." + tok.text)
                self.cur += frac
            elif cat in ("unit", "zero"):
                self.cur += float("0." + str(int(w.value)))
            else:
                return False
            self.point = False
            self.last = "dec"
            self.n += 1
            return True
        if self.ordinal:
            return self._add_ordinal(tok, w, connector)
        if cat == "d":
            v = _digit_value(tok.text, before_scale)
            if v is None:
                return False
            if not first:
                # «245 ألفا و325»: digits joined by «و» to a larger scale word
                # «تريليون و300 مليار»: digits after a scale word start the next, smaller segment
                if connector and self.last == "scale" and self.scale and self.low is None and self.cur == 0 \
                        and v < self.scale:
                    self.cur, self.digit, self.digits = v, True, tok.text
                    self.last, self.n = "d", self.n + 1
                    self.places = {"h", "t", "u"}
                    return True
                return False
            if connector:
                return False
            self.cur, self.digit, self.digits = v, True, tok.text
        elif tok.al and cat not in ("vague", "ord") and not (cat == "scale" and self.low is not None):
            # a definite cardinal only starts an ordinal («الواحد والعشرين»، «العشرين»، «الاثنا عشر»)
            if not first or cat not in ("unit", "tens", "ten", "teen"):
                return False
            self.ordinal = True
            self.def_card = True
            self.cur = w.value
            self.places = {"t"} if cat in ("tens", "teen") else {"u"}
            self.last, self.n = cat, 1
            return True
        elif cat == "ord":
            if not first:
                return False
            if "needs_al" in w.flags and not tok.al:
                return False
            self.ordinal = True
            self.cur = w.value
            self.places = {"u"} if w.value < 10 else {"t", "u"}
            self.last, self.n = "ord", 1
            return True
        elif cat == "unit":
            if self.digit or self.low is not None or "u" in self.places or self.last in ("frac",) or (
                    self.last in ("unit",)) or (self.last == "tens" and not connector):
                return False
            self.cur += w.value
            self.places.add("u")
        elif cat == "ten":
            if self.last == "unit" and not connector and self.last_val < 10:
                self.cur += 10
                self.places.add("t")
            elif not self.digit and self.low is None and not ({"t", "u"} & self.places) and (first or connector or self.last == "hund"):
                self.cur += 10
                self.places |= {"t", "u"}
            else:
                return False
        elif cat == "teen":
            if self.digit or self.low is not None or {"t", "u"} & self.places:
                return False
            self.cur += w.value
            self.places |= {"t", "u"}
        elif cat == "tens":
            if self.digit or self.low is not None or "t" in self.places:
                return False
            if self.last == "unit" and not connector:
                return False
            self.cur += w.value
            self.places.add("t")
        elif cat == "hund":
            if self.digit or self.low is not None or self.places or (not first and not connector and self.last != "scale"):
                return False
            if not first and self.last != "scale":
                return False
            self.cur += w.value
            self.places.add("h")
        elif cat == "scale":
            if connector:
                # «مليون وألف»، «مليونان وألفان»: a smaller scale word alone after a larger one
                if self.cur == 0 and self.scale and w.value < self.scale and w.form in ("sg", "acc", "dual") \
                        and self.low is None and self.last in ("scale", "fracafter"):
                    self.total += (2 if w.form == "dual" else 1) * w.value
                    self.scale, self.base, self.places = w.value, None, set()
                    self.last, self.n = "scale", self.n + 1
                    return True
                return False
            if self.low is not None:       # «عشرات الآلاف»، «بضعة آلاف»
                if w.form != "pl":
                    return False
                self.low *= w.value
                # «عشرات الآلاف» = 30,000 .. 99,999 ; «بضعة آلاف» = 3,000 .. 9,000
                self.high = self.high * w.value if self.coef else (self.high + 1) * w.value - 1
                self.scale = w.value
                self.last, self.n = "scale", self.n + 1
                return True
            if first:
                if w.form == "pl":
                    return False          # bare plural: vague reading is tried instead
                k = 2 if w.form == "dual" else 1
                self.total, self.scale, self.base = k * w.value, w.value, k
            else:
                if w.form == "dual" or self.cur == 0 or (self.scale is not None and w.value >= self.scale and self.total):
                    return False
                if w.form == "pl" and not (2 < self.cur <= 10):
                    return False
                if self.digit and len(re.findall(r"[.,٬]", self.digits or "")) >= 2 and self.cur >= w.value:
                    # «134.230.000 مليون ريال»: the digits already spell the amount; the scale word repeats it
                    self.scale, self.base = w.value, self.cur / w.value
                    self.last, self.n = "scale", self.n + 1
                    return True
                self.base = self.cur
                self.total += self.cur * w.value
                self.cur = 0
                self.scale = w.value
            self.places = set()
        elif cat == "vague":
            if not first:
                return False
            self.low, self.high = float(w.low), float(w.high)
        elif cat == "coef":
            if not first:
                return False
            self.low, self.high = float(w.low), float(w.high)
            self.coef = True
        elif cat == "frac":
            if first:
                self.cur = w.value
            elif connector and self.last == "scale" and self.scale and w.value == 0.5 or (
                    connector and self.last == "scale" and self.scale):
                self.total += w.value * self.scale
                self.last, self.n = "fracafter", self.n + 1
                return True
            elif connector and self.last in ("unit", "tens", "teen", "hund", "d") and not self.scale:
                self.cur += w.value
            else:
                return False
        elif cat == "zero":
            if not first:
                return False
            self.cur = 0
        elif cat == "point":
            if first or self.point or self.scale or self.low is not None or connector:
                return False
            if self.digit and not _INT_RE.fullmatch(self.digits or ""):
                return False
            self.point = True
            self.places = {"t", "u", "h"}
        else:
            return False
        self.last = "d" if cat == "d" else cat
        self.last_val = w.value if w is not None else self.cur
        self.n += 1
        return True

    def _add_ordinal(self, tok, w, connector) -> bool:
        if w is None:
            return False
        if w.cat == "scale" and self.def_card and not connector and w.form in ("sg", "acc", "pl") and self.n == 1:
            # «الثلاثين مليون ريال»: a definite cardinal before a scale is a cardinal, not an ordinal
            self.ordinal = False
            self.base = self.cur
            self.total, self.cur, self.scale, self.places = self.cur * w.value, 0, w.value, set()
            self.last, self.n = "scale", self.n + 1
            return True
        if w.cat == "ten" and not connector and self.last in ("ord", "unit") and self.cur < 10:
            self.cur += 10
            self.last, self.n = "ten", self.n + 1
            return True
        if w.cat == "tens" and connector and tok.al and self.cur < 10:
            self.cur += w.value
            self.last, self.n = "tens", self.n + 1
            return True
        return False

    def done(self) -> bool:
        return not self.point and not (self.coef and self.scale is None) and self.n > 0


def _read_tokens(norm: str, phrase: bool) -> tuple[list[_Tok], list]:
    toks, duals = [], []
    for m in _token_matches(norm):
        cs = m.start("cl")
        cl, al_s, date, time_, d, word = m.group("cl", "al", "date", "time", "d", "w")
        cl = cl or ""
        al = al_s is not None
        if time_ or date:
            kind, txt = ("time", time_) if time_ else ("date", date)
            toks.append(_Tok(cs, cs + len(cl), m.end(), cl, al, kind, txt, []))
            continue
        if d:   # «ال145 ألفاً»: the article on digits stays outside the number
            toks.append(_Tok(cs, m.start("d"), m.end(), cl + (al_s or ""), False, "d", d, []))
            continue
        if word in _DUAL_FORMS and word not in _WORDS:
            if not al:
                duals.append((cs + len(cl), m.end(), word))
            continue
        ws = _WORDS.get(word, [])
        if cl and cl != "و":     # «وست» is "and six"; «لست»/«بست» are other words
            ws = [w for w in ws if "noclitic" not in w.flags]
        if al:
            ws = [w for w in ws if w.cat in ("vague", "ord", "unit", "tens", "ten", "teen", "scale", "hund")]
        if not ws:
            continue
        toks.append(_Tok(cs, cs + len(cl), m.end(), cl, al, "w", word, ws))
    return toks, duals


_CONNECTOR_RE = re.compile(r"\s*(?:" + _AND + r"\s*)?")


def _numbers(norm: str, toks: list[_Tok], phrase: bool) -> list[_Num]:
    """Combine tokens into numbers (greedy, left to right)."""
    out: list[_Num] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind in ("time", "date"):
            out.append(_Num(t.s, t.e, value=None, time=True, digits=t.kind))
            i += 1
            continue
        best = None
        readings = t.ws if t.kind == "w" else [None]
        for w0 in readings:
            b = _Builder()
            nxt_is_scale = _next_is_scale(toks, i, norm)
            if not b.add(t, w0, False, nxt_is_scale):
                continue
            j, end, commit_j, commit_end, commit_b = i + 1, t.e, i + 1, t.e, None
            if b.done():
                commit_b = _snapshot(b)
            while j < n:
                u = toks[j]
                if u.kind != "w" and u.kind != "d":
                    break
                gap = norm[end:u.s]
                gs = gap.strip()          # = _CONNECTOR_RE.fullmatch(gap): spaces, or «و» between spaces
                if gs and gs != _AND and not (gs == ")" and j == i + 1 and _paren_then_scale(norm, t, u)):
                    break
                connector = _AND in gap
                if u.cl and u.cl != _AND:
                    break
                if connector and u.cl == _AND and _AND in norm[end:u.cs]:
                    break
                ok = False
                for w in (u.ws if u.kind == "w" else [None]):
                    if b.add(u, w, connector, _next_is_scale(toks, j, norm)):
                        ok = True
                        break
                if not ok:
                    break
                end = u.e
                j += 1
                if b.done():
                    commit_j, commit_end, commit_b = j, end, _snapshot(b)
            if commit_b is None:
                continue
            cand = (commit_j, commit_end, commit_b, w0)
            if best is None or cand[0] > best[0]:
                best = cand
        if best is None:
            i += 1
            continue
        j, end, b, w0 = best
        # weak words alone are not numbers in running text
        if j == i + 1 and w0 is not None and "weak" in w0.flags and not phrase:
            i += 1
            continue
        num = _Num(t.s, end)
        if b["ordinal"]:
            num.value, num.ordinal = b["value"], True
        elif b["low"] is not None:
            num.low, num.high, num.vague = b["low"], b["high"], True
        else:
            num.value = b["value"]
        num.digits = b["digits"] if (j == i + 1) else None
        num.has_scale = b["scale"] is not None
        num.scale = b["scale"] or 1
        num.base = b["base"]
        num.words = [x.text for x in toks[i:j]]
        # a definite cardinal unit alone («الثلاثة»، «الاثنين» = Monday) is not read as a number
        if t.al and not num.ordinal and not num.vague and j == i + 1 and w0 is not None and w0.cat not in ("scale",):
            i = j
            continue
        if t.al and w0 is not None and w0.cat == "unit" and num.ordinal and j == i + 1:
            i = j
            continue
        out.append(num)
        i = j
    return out


def _paren_then_scale(norm: str, t: _Tok, u: _Tok) -> bool:
    """«(70) ألف زائر»: digits alone in parentheses, then a scale word, are one number (like «“70” ألف»)."""
    return t.kind == "d" and u.kind == "w" and u.text in _SCALE_FORMS and not u.cl \
        and _PAREN_OPEN_RE.search(norm, max(0, t.s - 3), t.s) is not None


def _snapshot(b: _Builder) -> dict:
    return {"value": b.value(), "low": b.low, "high": b.high, "ordinal": b.ordinal, "digits": b.digits,
            "scale": b.scale, "base": b.base}


_SCALE_FORMS = frozenset(f for f, ws in _WORDS.items() if any(w.cat == "scale" for w in ws))


def _next_is_scale(toks, i, norm) -> bool:
    if i + 1 >= len(toks):
        return False
    u = toks[i + 1]
    # a token without a scale reading among all its word's readings has none among its own (a subset)
    return u.kind == "w" and u.text in _SCALE_FORMS and any(w.cat == "scale" for w in u.ws) \
        and norm[toks[i].e:u.s].strip() in ("", ")")


# ------------------------------------------------------------------ context: units, qualifiers, ranges, kinds
def _lemma(word: str) -> str:
    """Lemma of a counted noun (original letters, diacritics removed)."""
    w = MARKS_RE.sub("", word)
    nw = _n(w)
    if nw.startswith(_AL) and len(nw) > len(_AL) + 2:
        w, nw = w[len(_AL):], nw[len(_AL):]
    if nw in _LEMMAS:
        return _LEMMAS[nw]
    for suffix, repl, min_len in _LEMMA_SUFFIXES:
        if len(nw) >= min_len and nw.endswith(suffix):
            return w[:-len(suffix)] + repl
    return w


def _unit_after(norm: str, pos: int, phrase: bool, vague: bool = False, partitive: bool = True):
    """(lemma, kind, code, dual, u_start, u_end) of the unit right after `pos`, or None."""
    if partitive:
        pm = _PARTITIVE_RE.match(norm, pos)
        if pm:   # «13 من عناصر التنظيم»، «العشرات من الجرحى»
            r = _unit_after(norm, pm.end() - 1, phrase, vague=True, partitive=False)
            return r if r is not None and r[1] in ("count", "measure") else None
    m = _sym_after(norm, pos)
    if m:
        code = _SYMBOLS[m.group("u")]
        return (code, "money", code, None, m.start("u"), m.end("u"))
    m = _UNIT_RE.match(norm, pos)
    if m and (m.group("sp") or not norm[pos - 1:pos].isalpha()):
        lemma, kind, code, cnt = _UNITS[_collapse(m.group("u"))]
        return (lemma, kind, code, cnt, m.start("cl") if m.group("cl") else m.start("u"), m.end("u"))
    m = _NOUN_RE.match(norm, pos) or (_NOUN_ATTACHED_RE.match(norm, pos) if norm[pos - 1:pos].isdigit() else None)
    if m:
        w = m.group("w")
        if w in _NOT_UNITS or w in _WORDS or _MONTH_AFTER_RE.match(norm, pos):
            return None
        if w.startswith(_AL) and not vague:      # after a cardinal the counted noun is indefinite
            return None
        if w in _LEMMAS:
            return ("", "count", None, None, m.start("w"), m.end("w"))
        # clitic + article («بالجروح»، «للمدينة»، «والجنود») or conjunction + word: not a counted noun
        if (w[0] in _CONJ + _PREP and w[1:].startswith(_AL)) or w.startswith(_LIL):
            return None
        if w[0] == _AND and len(w) >= 4:       # «وأصيب»: the conjunction and the next clause
            return None
        if w[0] in _PP_STARTS and len(w) >= 5 and not w.endswith(_ACC_ALEF):   # «بجروح»، «لاستقبال»
            return None
        return ("", "count", None, None, m.start("w"), m.end("w"))
    return None


_WS_RE = re.compile(r"\s+")


_WS_AL_RE = re.compile(r"\s+(?:ال)?")


def _collapse(s: str) -> str:
    """A matched multi-word unit as its table key: one space (and no article on the later words unless the
    table has the form with it, as «في المئة»)."""
    k = _WS_RE.sub(" ", s)
    return k if k in _UNITS or k in _BARE else _WS_AL_RE.sub(" ", s)


@dataclass(slots=True)
class _Q:
    s: int
    e: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    unit_s: int | None = None
    unit_e: int | None = None
    kind: str = "count"
    code: str | None = None
    form: str | None = None          # "dual": a dual noun standing for 2 («قتيلين»)
    scale: float = 1                 # the scale word's multiplier («مليار» = 1e9), for a part that leaves it out
    part_of: int | None = None       # start of the total this quantity is a part of («29 منها»)


# a construct dual counts the indefinite noun after it («حالتا وفاة»، «حالتي إصابة»; not «حالتي الإيجاب والسلب»)
_CONSTRUCT_NEXT_RE = re.compile(r"\s+(?!" + _AL + r")[\u0621-\u064A]{2,}")
# a dual right after a word with the same ending is an adjective agreeing with it («تنظيمان إرهابيان»)
_DUAL_AGREES_RE = re.compile(r"(?:ان|ين)\s+$")
# «واحد/واحدة»: the cardinal 1 written after the noun it counts
_ONE_WORDS = {f for f, ws in _WORDS.items() if any(w.cat == "unit" and w.value == 1 and not w.flags for w in ws)}
# «اثنين/اثنتين» after a noun in -ين/-ان (dual or plural agreeing with it) counts that noun («مسلحين اثنين»)
_TWO_AFTER_NOUN = {_n(x) for x in _G["two_after_noun"]}
_DUAL_NOM = "ان"        # the nominative dual ending («مشاركان»)
_NOUN_BEFORE_TWO_RE = re.compile(r"(?<!\w)(?P<w>(?!" + _AL + r")[\u0621-\u064A]{2,}(?:ين|ان))\s+$")


def _analyse(text: str, phrase: bool = False) -> tuple[str, list[_Q], list | None]:
    norm, idx = normalize_for_numbers(text)
    toks, duals = _read_tokens(norm, phrase)
    duals += _counted_dual_words(norm)
    nums = _numbers(norm, toks, phrase)
    out: list[_Q] = []
    # «ساعة ونصف»، «متر ونصف» without a number: 1.5 of the unit
    bare = []
    for t in toks:
        if t.kind != "w" or t.text not in _FRAC_WORDS or t.al:
            continue
        if t.cl != "و" and not norm[max(0, t.cs - 3):t.cs].rstrip().endswith("و"):
            continue
        m = _UNIT_BEFORE_FRAC_RE.search(norm, max(0, t.cs - 30), t.cs)
        if not m:
            continue
        lemma, kind, code, cnt = _ONE_OF[_collapse(m.group("u"))]
        bare.append(_Q(m.start("u"), t.e, value=1 + _FRAC_WORDS[t.text], unit=lemma, unit_s=m.start("u"),
                       unit_e=m.end("u"), kind=kind, code=code))
    k, N = 0, len(nums)
    while k < N:
        a = nums[k]
        k += 1
        if (out and a.s < out[-1].e) or (bare and any(b.s <= a.s < b.e for b in bare)):
            continue
        if a.time:
            out.append(_Q(a.s, a.e, kind=a.digits))
            continue
        q = _Q(a.s, a.e, value=a.value, low=a.low, high=a.high)
        if a.vague:
            q.qualifier = "vague"
        if a.ordinal:
            q.kind = "ordinal"
            out.append(q)
            continue
        # negative sign
        if a.digits is not None and a.s > 0 and norm[a.s - 1] == "-" and (a.s < 2 or not norm[a.s - 2].isalnum()):
            if phrase or a.s == 1 or norm[a.s - 2].isspace():
                if not (a.s >= 3 and norm[a.s - 3].isdigit()):
                    q.s -= 1
                    q.value = -q.value if q.value is not None else None
        elif phrase and a.s > 1 and norm[a.s - 1] == " " and norm[a.s - 2] == "-" and a.s == 2:
            q.s = 0
            q.value = -q.value if q.value is not None else None
        # fraction a/b (single-phrase parses; in running text d/d is usually a date)
        if a.digits is not None and norm.startswith("/", a.e) and k < N and nums[k].s == a.e + 1 and nums[k].digits:
            b = nums[k]
            if phrase and b.value:
                q.value = (q.value or 0) / b.value if q.value is not None and q.value >= 0 else -((-q.value) / b.value)
                q.e = b.e
                k += 1
            else:
                q.kind = "date"
                q.e = b.e
                k += 1
                if k < N and norm.startswith("/", b.e) and nums[k].s == b.e + 1:
                    q.e = nums[k].e
                    k += 1
                out.append(q)
                continue
        if a.digits is None and len(a.words) > 1 and norm[a.s - 1:a.s] in ("(", " ") and ")" in norm[a.s:a.e]:
            po = _PAREN_OPEN_RE.search(norm, max(0, a.s - 3), a.s)     # «(70) ألف»: the span opens with it
            if po:
                q.s = po.start()
        # «5 (خمسة) أشخاص»، «خمسة (5) أشخاص»، «(7) سبعة من»: a figure restated beside itself is one number
        if k < N:
            rs = _restated(norm, a, nums[k])
            if rs is not None:
                q.s, q.e = min(q.s, rs[0]), rs[1]
                k += 1
        # currency symbol before
        sb = _SYM_BEFORE_RE.search(norm, max(0, q.s - 4), q.s) \
            if norm[max(0, q.s - 4):q.s].rstrip().endswith(_SYM_LAST) else None
        pre_money = None
        if sb and sb.end() == q.s:
            pre_money = _SYMBOLS[sb.group("u")]
            q.s = sb.start()
        # a match score «3-1»، «2-2»، «1- صفر» (or a lower-higher pair after a score word «خسر 1-2»)
        if not pre_money and k < N and _is_score(norm, a, nums[k]):
            b = nums[k]
            k += 1
            q.e, q.kind, q.low, q.high = b.e, "score", a.value, b.value
            out.append(q)
            continue
        # range: X (unit)? joiner Y
        rng = None
        if k < N and not nums[k].ordinal and not nums[k].time:
            rng = _range_partner(norm, q, a, nums[k])
        if rng is not None:
            b = nums[k]
            k += 1
            lo_v = a.value if not a.vague else a.low
            hi_v = b.value if not b.vague else b.high
            if lo_v is not None and hi_v is not None:
                # the scale of the upper end distributes over a bare lower end: «ثمانية إلى عشرة آلاف» = 8000-10000
                if b.has_scale and not a.has_scale and b.base is not None and lo_v <= b.base and b.scale > 1:
                    lo_v = lo_v * b.scale
                q.low, q.high, q.value, q.qualifier = lo_v, hi_v, None, "range"
                q.s = min(q.s, rng)
                q.e = b.e
                if all(x.digits and _D4_RE.fullmatch(x.digits) and _YEAR_LO <= x.value <= _YEAR_HI
                       for x in (a, b)) and not _unit_after(norm, q.e, phrase):
                    q.kind = "year"     # «2005-2007»
                    out.append(q)
                    continue
                a2 = b
            else:
                a2 = a
        else:
            a2 = a
        q.scale = a2.scale if a2.has_scale else 1
        # unit after; a number in parentheses «(395) مخالفة» takes the unit after the closing parenthesis
        ua = _unit_after(norm, q.e, phrase, vague=q.qualifier == "vague")
        if ua is None and not pre_money:
            pm = _PAREN_CLOSE_RE.match(norm, q.e)
            if pm and _PAREN_OPEN_RE.search(norm, max(0, q.s - 3), q.s):
                ua = _unit_after(norm, pm.end(), phrase, vague=q.qualifier == "vague")
                if ua is not None:
                    q.s = _PAREN_OPEN_RE.search(norm, max(0, q.s - 3), q.s).start()
        if pre_money:
            q.kind, q.unit, q.code = "money", pre_money, pre_money
            q.unit_s, q.unit_e = sb.start("u"), sb.end("u")
        elif ua and not (ua[1] == "count" and len(a.words) == 1 and a.words[0] in _ONE_WORDS
                         and not _PARTITIVE_RE.match(norm, a.e)):
            # (the noun counted by «واحد/واحدة» stands before it, «حالة واحدة»; a word after it is the next phrase:
            # «ثلاث مجموعات، واحدة بقيت في الجبال» — but «واحد من المصابين» counts the noun after «من»)
            lemma, kind, code, cnt, us, ue = ua
            if kind == "count":
                lemma = _lemma(_orig(text, idx, us, ue))
            q.unit, q.kind, q.code, q.unit_s, q.unit_e = lemma, kind, code, us, ue
            q.e = ue
            # range with a symbol on both ends: «10$-20$»
        # «ثلاث ساعات ونصف»، «متر ونصف»: a fraction after the unit adds to the number
        if q.unit is not None and q.value is not None and q.qualifier != "range":
            fm = _UNIT_FRAC_RE.match(norm, q.e)
            if fm:
                q.value += _FRAC_WORDS[fm.group("f")]
                q.e = fm.end()
        # «ألفا جندي»: a standalone accusative-looking scale word before a noun is the dual construct (2000)
        if q.unit is not None and q.value is not None and len(a.words) == 1 and a.words[0] in _ACC_SCALES:
            q.value *= 2
        # cents: «20 دولار و43 سنت», «20$ و 43c»
        if q.kind == "money" and q.code not in (None, "cent") and q.value is not None:
            cm = _CENTS_RE.match(norm, q.e)
            if not cm and pre_money and phrase:
                cm = _CENTS_BARE_RE.match(norm, q.e)
            if cm:
                q.value += int(cm.group("d")) / 100
                q.e = cm.end()
        # «نحو ثلث حجم الاقتصاد»، «نصف قيمتها»: a fraction word alone, of something not measured in a unit, is a share
        if q.kind == "count" and len(a.words) == 1 and a.words[0] in _FRAC_WORDS and not a.has_scale \
                and q.value is not None and _is_share(norm, a.e):
            q.kind, q.value, q.unit, q.code = "percent", q.value * 100, "%", "%"
            q.unit_s = q.unit_e = None
        # year / date / time context
        before = norm[max(0, q.s - 40):q.s]
        if q.kind == "count" and a.digits is not None and not a.has_scale and q.qualifier == "exact" and (
                (_ends_with(before, _IDENT_TAILS, ("(", ":")) and _IDENT_RE.search(before)) or _LEADING_ZERO_RE.match(a.digits) or norm[q.s - 1:q.s] == "+"
                or (_LIST_MARK_RE.match(norm, a.e) and _LINE_START_RE.search(before))):   # «3- اعتماد …»
            q.kind = "code"            # «المادة 51»، «0505123456»
            q.unit = q.unit_s = q.unit_e = None
            q.e = a.e
        if q.kind == "count" and a.digits is not None and not a.has_scale and q.qualifier in ("exact",):
            is_int4 = _D4_RE.fullmatch(a.digits) is not None
            if _MONTH_AFTER_RE.match(norm, a.e) and q.value is not None and 1 <= q.value <= 31:
                q.kind = "date"
                q.unit = q.unit_s = q.unit_e = None
                q.e = a.e
            elif (_ends_with(before, _MONTH_BEFORE_TAILS, (",",)) and _MONTH_BEFORE_RE.search(before)) or (
                    _ends_with(before, _YEAR_WORD_TAILS) and _YEAR_WORD_RE.search(before)) or (
                    is_int4 and _YEAR_SUFFIX_RE.match(norm, a.e)):
                q.kind = "year"
            elif _ends_with(before, _TIME_WORD_TAILS) and _TIME_WORD_RE.search(before) and q.value is not None and 0 <= q.value <= 24:
                q.kind = "time"
            elif is_int4 and _YEAR_LO <= q.value <= _YEAR_HI and (q.unit is None or _YEAR_BEFORE_RE.search(before)):
                q.kind = "year"
            if q.kind == "year":   # «2025 AP»: what follows a year is not its unit
                q.unit = q.unit_s = q.unit_e = None
                q.e = a.e
        # «شهر واحد»، «دولار واحد»: «واحد» after a unit noun counts that unit
        if q.unit is None and len(a.words) == 1 and q.kind == "count" and a.words[0] in _ONE_WORDS:
            ub = _UNIT_BEFORE_RE.search(norm, max(0, q.s - 30), q.s)
            if ub:
                lemma, kind, code, cnt = _UNITS[_collapse(ub.group("u"))]
                q.unit, q.kind, q.code, q.unit_s, q.unit_e = lemma, kind, code, ub.start("u"), ub.end("u")
                q.s = ub.start("u")
        # «مسلحين اثنين»، «جريحين اثنين»: «اثنين» after a plural or dual noun counts that noun (and what follows is
        # the next phrase: «مسلحين اثنين قرب الحدود»)
        elif q.kind == "count" and len(a.words) == 1 and a.words[0] in _TWO_AFTER_NOUN:
            nb = _NOUN_BEFORE_TWO_RE.search(norm, max(0, q.s - 30), q.s)
            if nb and nb.group("w") not in _NOT_UNITS and nb.group("w") not in _WORDS \
                    and nb.group("w")[1:] not in _NOT_UNITS:                # «وكان اثنان»
                w, ws = nb.group("w"), nb.start("w")
                if (w[0] in _CONJ + _PREP and (w[1:] in _COUNTED_DUALS or w[1:] in _DUALS)) or (
                        w[0] in _CONJ and len(w) >= 7):                 # «وجريحين اثنين»، «بطنين اثنين»
                    w, ws = w[1:], ws + 1
                if w in _DUALS:                                  # «طنين اثنين»
                    q.unit, q.kind, q.code = _DUALS[w][:3]
                elif w in _COUNTED_DUALS:
                    q.unit = _COUNTED_DUALS[w][0]
                else:                                            # «مشاركان اثنان»، «مسلحين اثنين»
                    word = _orig(text, idx, ws, nb.end("w"))
                    q.unit = _lemma(word[:-2] if w.endswith(_DUAL_NOM) else word)
                q.unit_s, q.unit_e = ws, nb.end("w")
                q.s, q.e = ws, a.e
        # dual unit nouns standing alone are handled separately; qualifiers before
        if q.kind not in ("year", "date", "time"):
            qb = _qb_search(norm, q.s)
            if qb:
                qual = next(n for n in _QUAL_BEFORE if qb.groupdict().get(n))
                if q.qualifier == "range":
                    pass
                elif q.qualifier == "vague":
                    pass
                else:
                    q.qualifier = qual
                q.s = qb.start("q")
            qa = _QA_RE.match(norm, q.e)
            if qa:
                qual = next(n for n in _QUAL_AFTER if qa.groupdict().get(n))
                if q.qualifier not in ("range", "vague"):
                    q.qualifier = qual
                q.e = qa.end()
            if q.qualifier in ("at_least", "more_than") and q.value is not None:
                q.low = q.value
            elif q.qualifier in ("at_most", "less_than") and q.value is not None:
                q.high = q.value
            if q.kind == "percent":
                q.unit = "%"
        out.append(q)
    # dual nouns of time and measure units alone: «خلال عامين»، «لترين»
    taken = [(x.s, x.e) for x in out]
    for s, e, word in duals:
        if any(a <= s < b or a < e <= b for a, b in taken):
            continue
        if word in _DUALS:
            lemma, kind, code, cnt = _DUALS[word]
        else:
            lemma, construct = _COUNTED_DUALS[word]
            if construct and not _CONSTRUCT_NEXT_RE.match(norm, e):   # «حالتي» alone: "my case"
                continue
            if norm.endswith(word[-2:], 0, e) and (pw := _DUAL_AGREES_RE.search(norm, max(0, s - 12), s)) \
                    and word.endswith(pw.group()[:2]):
                continue
            kind, code = "count", None
        q = _Q(s, e, value=2.0, unit=lemma, unit_s=s, unit_e=e, kind=kind, code=code, form="dual")
        qb = _qb_search(norm, s)
        if qb:
            q.qualifier = next(n for n in _QUAL_BEFORE if qb.groupdict().get(n))
            q.s = qb.start("q")
        out.append(q)
    taken = [(x.s, x.e) for x in out]
    out.extend(b for b in bare if not any(x < b.e and b.s < y for x, y in taken))
    out.sort(key=lambda x: x.s)
    if not phrase:
        _parts(norm, out, text, idx)
    return norm, out, idx


# ------------------------------------------------------------------ parts of a total and elided units
# «بلغت التكلفة 67 مليار جنيه، 29 منها للحفر و38 للتعميق»: a bare number before «منها/منهم» is a part of the
# nearest quantity before it in the sentence (its unit, kind and scale: 29 = 29 billion pounds), and so are the bare
# numbers joined to it by «و» right after («و38»، «وواحدة في نجران»).  «5 منهم أطفال»: the noun after the pronoun is
# the part's own unit.  With no quantity before it, «ثلاث منها» counts the nearest definite plural noun before it
# («الطائرات … حلقت ثلاث منها»).  «4 مليارات جنيه، و4 مليارات للتنمية»: a scaled number without a unit, joined by
# «و» to a quantity of the same scale, takes its unit (the noun is left out, not a part).  «إحدى الحالات» after
# «4 حالات» is one of them.  All words in numbers.yaml «parts».
_PART_PRON_RE = re.compile(r"\s*(?:" + _alt(_G["parts"]["pronouns"]) + r")(?!\w)")
_PART_PRON_STEM = os.path.commonprefix([_n(x) for x in _G["parts"]["pronouns"]])   # «منه»: a fast test first
_SENTENCE_END_RE = re.compile(r"[.!?؟;](?!\d)|\n")
_PLURAL_ENDS = tuple(_n(x) for x in _G["parts"]["plural_endings"])
_PART_WINDOW = _G["parts"]["window"]
_TOTAL_WINDOW = _G["parts"]["total_window"]
_NOUN_WINDOW = _G["parts"]["noun_window"]
_VERB_PREFIXES = "".join(_n(x) for x in _G["parts"]["verb_prefixes"])
_EACH_BEFORE_RE = re.compile(r"(?<!\w)[" + _CONJ + _PREP + r"]?(?:" + _alt(_G["parts"]["each"]) + r")\s+$")
# starts with the word itself (a literal: `re` scans for it in C); the clitics before it are checked after
_ONE_OF_RE = re.compile(r"(?P<one>" + _alt(_G["parts"]["one_of"]) + r")\s+(?:" + _AL + r")(?P<n>[\u0621-\u064A]{3,})(?!\w)")
_ONE_OF_STEM = os.path.commonprefix([_n(x) for x in _G["parts"]["one_of"]])   # «احد»: found with str.find
_ONE_OF_EVENT_RE = re.compile(r"(?<!\w)[" + _CONJ + r"]?(?:" + _alt(_G["parts"]["one_of_events"]) + r")\s+["
                              + _CONJ + _PREP + r"]{0,2}$")
_WORD_BACK_RE = re.compile(r"[\u0621-\u064A]+")


def _same_sentence(norm: str, a: int, b: int) -> bool:
    return b - a <= _PART_WINDOW and not _SENTENCE_END_RE.search(norm, a, b)


def _joined_by_and(norm: str, s: int) -> bool:
    """Does the number starting at `s` carry the conjunction «و» («و38»، «و 38»)?"""
    return norm[s - 1:s] == _AND or norm[max(0, s - 2):s] == _AND + " "


def _antecedent(norm: str, out: list[_Q], i: int, window: int = _PART_WINDOW) -> _Q | None:
    """The nearest quantity with a unit before out[i] in its sentence, at most `window` characters before it (for a
    part: the total it belongs to)."""
    q = out[i]
    for j in range(i - 1, -1, -1):
        t = out[j]
        if q.s - t.e > window or not _same_sentence(norm, t.e, q.s):
            return None
        if t.unit is not None and t.kind in ("count", "money", "measure"):
            return out[_index_at(out, t.part_of)] if t.part_of is not None else t
    return None


def _index_at(out: list[_Q], s: int) -> int:
    return next(i for i, x in enumerate(out) if x.s == s)


def _is_plural(w: str) -> bool:
    """A plural noun (a broken plural of the lemma table, or a sound plural that is no imperfect verb «يحملون»)?"""
    return w in _LEMMAS or (len(w) >= 4 and w.endswith(_PLURAL_ENDS) and w[0] not in _VERB_PREFIXES)


def _plural_noun_before(norm: str, text: str, idx, q: _Q) -> tuple[str, int, int] | None:
    """(lemma, start, end) of the nearest definite plural noun before q in its sentence («الطائرات»)."""
    lo = max(0, q.s - _NOUN_WINDOW)
    se = None
    for se in _SENTENCE_END_RE.finditer(norm, lo, q.s):
        pass
    lo = se.end() if se else lo
    for m in reversed(list(_WORD_BACK_RE.finditer(norm, lo, q.s))):
        w, ws = m.group(), m.start()
        if w[0] in _CONJ and w[1:3] in (_AL, _LIL):
            w, ws = w[1:], ws + 1
        if w.startswith(_LIL):
            w, ws = w[2:], ws + 2
        elif w[0] in _PREP and w[1:].startswith(_AL):
            w, ws = w[3:], ws + 3
        elif w.startswith(_AL):
            w, ws = w[2:], ws + 2
        else:
            continue
        if _is_plural(w) and w not in _WORDS:        # «الاثنين» is Monday
            return _lemma(_orig(text, idx, ws, m.end())), ws, m.end()
    return None


def _take_unit(q: _Q, t: _Q) -> None:
    q.unit, q.kind, q.code = t.unit, t.kind, t.code
    if t.scale > 1 and q.scale == 1 and q.value is not None and q.value * t.scale <= (t.value or t.high or 0):
        q.value *= t.scale      # «29 منها» of «67 مليار جنيه» = 29 billion pounds


def _parts(norm: str, out: list[_Q], text: str, idx) -> None:
    last = None          # (the total, end of the last part) for the parts joined by «و» after a part
    any_part = _PART_PRON_STEM in norm
    for i, q in enumerate(out):
        if q.unit is not None or q.kind != "count" or q.value is None or q.qualifier == "range":
            continue
        pm = _PART_PRON_RE.match(norm, q.e) if any_part else None
        if pm and not _EACH_BEFORE_RE.search(norm, max(0, q.s - 6), q.s):      # «كل واحد منها»: each, not a part
            total = _antecedent(norm, out, i, _TOTAL_WINDOW)
            if total is not None and total.value is not None and q.value > total.value:
                total = None
            q.e = pm.end()
            own = _unit_after(norm, pm.end(), False, partitive=False)
            if own is not None and own[1] == "count" and _is_plural(norm[own[4]:own[5]]):   # «5 منهم أطفال»
                q.unit = _lemma(_orig(text, idx, own[4], own[5]))
                q.unit_s, q.unit_e, q.e = own[4], own[5], own[5]
            elif total is not None:
                _take_unit(q, total)
            else:
                noun = _plural_noun_before(norm, text, idx, q)
                if noun is not None:
                    q.unit = noun[0]
            if total is not None:
                q.part_of = total.s
            last = (total, q.e) if total is not None else None
            continue
        if last is not None and _joined_by_and(norm, q.s) and _same_sentence(norm, last[1], q.s) \
                and q.s - last[1] <= 60:
            total = last[0]
            _take_unit(q, total)
            q.part_of = total.s
            last = (total, q.e)
            continue
        # «4 مليارات جنيه، و4 مليارات للتنمية»: the unit left out after a scaled number
        if q.scale > 1 and i and _joined_by_and(norm, q.s):
            t = _antecedent(norm, out, i)
            if t is not None and t.scale == q.scale and t.kind in ("money", "count", "measure"):
                q.unit, q.kind, q.code = t.unit, t.kind, t.code
    # «وفاة لإحدى الحالات»، «مقتل أحد الجنود»: one of them, where an event noun (a death, an arrest …) governs it
    # (not «يقول أحد القرويين»); a part of the quantity just before it that counted the same noun, if there is one
    units = [(x.s, x.e, _n(x.unit)) for x in out if x.unit and x.kind == "count" and x.part_of is None]
    new = []
    i = norm.find(_ONE_OF_STEM)
    while i >= 0:
        m = _ONE_OF_RE.match(norm, i)
        i = norm.find(_ONE_OF_STEM, i + 1)
        if m is None or not _ONE_OF_EVENT_RE.search(norm, max(0, m.start() - 25), m.start()):
            continue
        lemma = _lemma(_orig(text, idx, m.start("n") - len(_AL), m.end("n")))
        if any(x.s < m.end() and m.start("one") < x.e for x in out):
            continue
        # the total is counted just before (within the window: «4 حالات … وفاة لإحدى الحالات»), not anywhere earlier
        total = next((s for s, e, u in reversed(units) if e <= m.start() <= e + _PART_WINDOW and u == _n(lemma)), None)
        new.append(_Q(m.start("one"), m.end(), value=1.0, unit=lemma, unit_s=m.start("n") - len(_AL),
                      unit_e=m.end(), part_of=total))
    if new:
        out.extend(new)
        out.sort(key=lambda x: x.s)


_OPEN_PAREN_GAP_RE = re.compile(r"\s*\(\s*")
_CLOSE_PAREN_GAP_RE = re.compile(r"\s*\)\s*")


_NOT_SHARES = {_n(x) for x in _G["fraction_not_share"]}


def _is_share(norm: str, pos: int) -> bool:
    """Is the fraction word ending at `pos` a share of what follows («ثلث حجم»، «نصف السكان»), not a fraction of a
    unit («نصف ساعة») nor a name («ربع النهائي»)?"""
    m = _NOUN_RE.match(norm, pos)
    if not m:
        return False
    w = m.group("w")
    bare = w[len(_AL):] if w.startswith(_AL) else w
    return not (w in _NOT_SHARES or bare in _NOT_SHARES or bare in _UNITS or bare in _BARE or w in _NOT_UNITS)


def _restated(norm: str, a: _Num, b: _Num) -> tuple[int, int] | None:
    """(start, end) of «a (b)» or «(a) b» when b restates a (the same value, one of them in parentheses)."""
    if a.value is None or a.value != b.value or a.ordinal or b.ordinal or a.time or b.time:
        return None
    if (a.digits is None) == (b.digits is None):       # digits restated in words, or words in digits
        return None
    m = _OPEN_PAREN_GAP_RE.fullmatch(norm, a.e, b.s)
    if m:                                              # «5 (خمسة)»
        c = _PAREN_CLOSE_RE.match(norm, b.e)
        return (a.s, c.end()) if c else None
    if _CLOSE_PAREN_GAP_RE.fullmatch(norm, a.e, b.s):  # «(7) سبعة»
        o = _PAREN_OPEN_RE.search(norm, max(0, a.s - 3), a.s)
        return (o.start(), b.e) if o else None
    return None


def _is_score(norm: str, a: _Num, b: _Num) -> bool:
    if b.s - a.e > 3:          # no « - » between them (the test below, cheaper)
        return False
    if a.value is None or b.value is None or a.has_scale or b.has_scale or a.ordinal or b.ordinal:
        return False
    if not (0 <= a.value <= _SCORE_MAX and 0 <= b.value <= _SCORE_MAX and a.value == int(a.value) and b.value == int(b.value)):
        return False
    if not _SCORE_DASH_RE.fullmatch(norm, a.e, b.s):
        return False
    if _unit_after(norm, b.e, False):
        return False
    return a.value >= b.value or bool(_SCORE_WORD_RE.search(norm, max(0, a.s - 40), a.s))


def _range_partner(norm: str, q: _Q, a: _Num, b: _Num):
    """If a and b form a range, the start of the opening word («من»، «بين») or q.s; else None."""
    if a.vague or b.vague:
        return None
    gap_start = a.e
    # allow a currency symbol on the lower end: «10$-20$»
    sm = _sym_after(norm, gap_start)
    if sm:
        gap_start = sm.end()
    m = _RJOIN_RE.match(norm, gap_start)
    if not m or m.end() != b.s:    # «و30»، «لعشرين»: the joiner may be the clitic of b
        return None
    before = norm[max(0, q.s - 12):q.s]
    opener_from = _OPEN_FROM_RE.search(before)
    opener_between = _OPEN_BETWEEN_RE.search(before)
    start = q.s
    if opener_from:
        start = q.s - (len(before) - opener_from.start())
    elif opener_between:
        start = q.s - (len(before) - opener_between.start())
    if m.group("wa"):
        if not opener_between:
            return None
    elif m.group("li") or m.group("li2"):
        if not opener_from:
            return None
    elif m.group("dash"):
        if a.digits is None and b.digits is None:     # «عشرة - 30 كم» is a range, «ثلاثة - أربعة» too rare to risk
            return None
        if a.value is not None and b.value is not None and a.value >= b.value:
            return None
    else:
        if opener_between:
            return None
    lo = a.value if a.value is not None else a.low
    hi = b.value if b.value is not None else b.high
    if lo is None or hi is None:
        return None
    if not (lo < hi or (b.has_scale and not a.has_scale and b.base is not None and lo <= b.base)):
        return None
    return start


def _orig(text: str, idx, s: int, e: int) -> str:
    if idx is None:
        return text[s:e]
    return text[idx[s]:idx[e - 1] + 1]


def _span(text: str, idx, s: int, e: int) -> tuple[int, int]:
    if idx is None:
        os, oe = s, e
    else:                           # s < e: a span starts and ends on characters of the normalised text
        os = idx[s]
        oe = idx[e - 1] + 1
    # include trailing diacritics (tanween of «ألفاً»)
    n = len(text)
    while oe < n and text[oe] in _DROP_CHARS:
        oe += 1
    return os, oe


# ------------------------------------------------------------------ public API
def tag_numbers(text: str) -> list[Quantity]:
    """All number phrases in `text` as Quantity objects with offsets into `text` (end exclusive)."""
    if not text:
        return []
    norm, qs, idx = _analyse(text)
    out = []
    for q in qs:
        s, e = _span(text, idx, q.s, q.e)
        us = ue = None
        ut = None
        if q.unit_s is not None:
            us, ue = _span(text, idx, q.unit_s, q.unit_e)
            ut = text[us:ue]
        part_of = _span(text, idx, q.part_of, q.part_of + 1)[0] if q.part_of is not None else None
        out.append(Quantity(start=s, end=e, text=text[s:e], value=q.value, low=q.low, high=q.high,
                            qualifier=q.qualifier, unit=q.unit, unit_text=ut, unit_start=us, unit_end=ue,
                            kind=q.kind, form=q.form, part_of_start=part_of))
    return out


_NON_INTEREST = {"year", "ordinal", "duration", "time", "date", "frequency", "code", "score"}
NON_INTEREST = frozenset(_NON_INTEREST)   # the kinds no claim is about (for the claims and attribution stages)


def outside_dates(quantities: list[Quantity], dates) -> list[Quantity]:
    """The quantities no date overlaps: where the time tagger read a span the number tagger also read (a year, a
    time of day), the date owns it. `dates`: anything with `start`/`end`."""
    spans = [(d.start, d.end) for d in dates]
    return [q for q in quantities if not any(q.start < e and s < q.end for s, e in spans)]


def is_quantity_of_interest(q: Quantity) -> bool:
    """False for years, dates, ordinals, durations, frequencies («ثلاث مرات»), identifiers («المادة 51») and
    times of day, match scores: numbers a claim is not about.  Kinds: count, money, percent, measure (of interest);
    year, date, time, ordinal, duration, frequency, code, score (not)."""
    return q.kind not in _NON_INTEREST




def parse_number(phrase: str) -> dict | None:
    """The single parse covering the whole `phrase`: {"value", "unit", "qualifier", "kind"} or with "low"/"high"."""
    if not phrase or not phrase.strip():
        return None
    try:
        norm, qs, idx = _analyse(phrase, phrase=True)
    except Exception:  # pragma: no cover - parse_number must never raise
        return None
    n = len(norm)
    lead = len(norm) - len(norm.lstrip())
    trail = len(norm.rstrip())
    trail = len(norm[:trail].rstrip(".,;:!?؟،\"'"))
    body = norm[lead:trail]
    for q in qs:
        if q.kind == "ordinal" and body in _BARE:   # «ثانية» alone: a second, not «the second»
            continue
        e = q.e
        pm = _PRODUCT_RE.match(norm, e) if q.kind == "measure" else None
        if pm:
            e = pm.end()
        if q.s <= lead and e >= trail:
            return _as_dict(q)
    # a bare unit noun = one of it («لتر»، «كغ»، «أسبوع»)
    if body in _BARE:
        lemma, kind, code, cnt = _BARE[body]
        return {"value": 1.0, "unit": lemma, "kind": kind, "qualifier": "exact"}
    if body in _UNITS and _UNITS[body][1] == "measure":
        lemma, kind, code, cnt = _UNITS[body]
        return {"value": 1.0, "unit": lemma, "kind": kind, "qualifier": "exact"}
    # «لتر ونصف»، «نصف لتر» and temperatures below zero are covered by the unit-first grammar
    return _unit_first(body)



_UNIT_FIRST_RE = re.compile(r"(?P<u>" + _alt(list(_UNITS) + list(_BARE)) + r")\s*و\s*(?P<f>" + _alt(_FRAC_WORDS) + r")")
_FRAC_FIRST_RE = re.compile(r"(?P<f>" + _alt(_FRAC_WORDS) + r")\s+(?P<u>" + _alt(list(_UNITS) + list(_BARE)) + r")")
_BELOW_ZERO_RE = re.compile(r"(?P<num>.+?)\s+تحت\s+الصفر")


def _unit_first(body: str) -> dict | None:
    m = _UNIT_FIRST_RE.fullmatch(body)
    if m:
        u = _UNITS.get(_collapse(m.group("u"))) or _BARE.get(m.group("u"))
        return {"value": 1 + _FRAC_WORDS[m.group("f")], "unit": u[0], "kind": u[1], "qualifier": "exact"}
    m = _FRAC_FIRST_RE.fullmatch(body)
    if m:
        u = _UNITS.get(_collapse(m.group("u"))) or _BARE.get(m.group("u"))
        return {"value": _FRAC_WORDS[m.group("f")], "unit": u[0], "kind": u[1], "qualifier": "exact"}
    m = _BELOW_ZERO_RE.fullmatch(body)
    if m:
        inner = parse_number(m.group("num"))
        if inner and inner.get("value") is not None:
            d = dict(inner)
            d["value"] = -abs(d["value"])
            if d.get("unit") is None:
                d["unit"], d["kind"] = "درجة", "measure"
            return d
    return None


def _as_dict(q: _Q) -> dict:
    d: dict = {}
    if q.qualifier == "range":
        d["low"], d["high"] = q.low, q.high
    else:
        d["value"] = q.value
        if q.low is not None:
            d["low"] = q.low
        if q.high is not None:
            d["high"] = q.high
    d["unit"] = q.unit
    d["qualifier"] = q.qualifier
    d["kind"] = q.kind
    return d


def unit_code(lemma: str | None) -> tuple[str, str, float] | None:
    """(code, base code, factor to base) of a measure/duration lemma, for adapters (e.g. Duckling's «gram»)."""
    return _UNIT_CODES.get(lemma) if lemma else None
