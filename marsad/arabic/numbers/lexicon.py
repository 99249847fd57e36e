"""The number tagger's words: the matching form of a text (marsad.arabic.text's fold, keeping «٫» «٬» and the
quotation marks), the number words, scales, units and currencies read once from numbers.yaml, numbers_units.yaml and
numbers_duals.yaml, and the regex blocks the grammar and the context rules are written with.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.arabic.data import load_yaml
from marsad.arabic.text import MARKS_RE, NUMBER_MARKS, OffsetMap, fold, normalize_word, strip_marks, trie_pattern


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


# (section of numbers.yaml, category) in the order a form's readings are tried; a value may carry flags: [6, noclitic]
for section, cat in (("units", "unit"), ("ten", "ten"), ("teens", "teen"), ("tens", "tens"),
                     ("hundred_words", "hund"), ("hundred_duals", "hund")):
    for f, v in _G[section].items():
        val, fl = _val(v)
        _add(f, _W(cat, val, frozenset(fl)))
for p, pv in _G["hundred_prefixes"].items():
    for f in _G["hundred_words"]:   # («تلتمية»: the prefix is the word's start, no clitic question)
        _add(_n(p) + _n(f), _W("hund", pv * 100))
        _add(_n(p) + " " + _n(f), _W("hund", pv * 100))
for f, v in _G["scales"].items():
    _add(f, _W("scale", v[0], form=v[1]))
for f, (lo, hi, *fl) in _G["vague"].items():
    _add(f, _W("vague", 0, frozenset(fl), low=lo, high=hi))
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
