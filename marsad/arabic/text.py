"""Arabic text layer: a matching normalisation that never touches displayed text, sentences and tokens with offsets.

Built on spaCy's `ar` language (tokenizer, Doc/Span/Token); marsad adds its own sentence boundaries because newswire
Arabic needs rules spaCy lacks (no split at «،», quotes «» “” kept whole, «..» inside quotes, abbreviations).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from marsad.arabic.data import DATA_DIR, load_tsv

# ------------------------------------------------------------------ normalisation
# The one character fold of marsad: every matcher (search, entities, numbers, time, claims) reads text through it.
# Dropped: diacritics, tatweel, zero-width (non-)joiners and bidi marks. Folded 1:1: the letter variants, digits in any
# script, Arabic punctuation, quotation marks, dashes and spaces. A caller that reads a mark the fold would lose keeps
# it (`keep`): the number tagger keeps «٫» «٬» (a decimal and a thousands mark, unambiguous where «.» and «,» are
# not) and, like the time tagger, the quotation marks (which quote opens and which closes tells a quoted figure).
_DIACRITICS = "\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED"
MARKS_RE = re.compile(f"[{_DIACRITICS}\u0640\u200c\u200d\u200e\u200f\u061c]")  # + tatweel, ZW(N)J, bidi marks
_DROP_RE = MARKS_RE
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ؤ": "و", "ک": "ك", "ڪ": "ك",
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
    "٫": ".", "٬": ",", "،": ",", "؛": ";", "؟": "?", "٪": "%",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‹": '"', "›": '"',
    "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ", "\u200a": " ",
}
_CHAR_MAP = str.maketrans(_FOLD)
QUOTE_MARKS = "«»“”„‟″‘’‚‹›"
NUMBER_MARKS = "٫٬" + QUOTE_MARKS   # what the number tagger keeps (see above)
TIME_MARKS = QUOTE_MARKS            # what the time tagger keeps


@functools.cache
def _fold_pairs(keep: str) -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in _FOLD.items() if a not in keep)


def fold(s: str, keep: str = "") -> str:
    """The 1:1 character fold of `s` (same length; nothing dropped), leaving the characters of `keep` as they are."""
    # a chain of `in` tests and str.replace is ~9x faster than str.translate with a dict on Arabic news text (0.05 vs
    # 0.43 ms an article), and ~5x faster than finding the characters present with a set
    for a, b in _fold_pairs(keep):
        if a in s:
            s = s.replace(a, b)
    return s


def normalize(s: str) -> str:
    """Matching form of `s`: alef/ya/ta-marbuta/hamza carriers folded, diacritics and tatweel dropped, digits Latin."""
    if not s:
        return ""
    return fold(_DROP_RE.sub("", s))


def normalize_word(s: str, keep: str = "") -> str:
    """Matching form of a word or pattern written in ordinary spelling (a data file's entry), for a caller that keeps
    `keep` (see `fold`)."""
    return fold(_DROP_RE.sub("", s), keep)


def normalize_map(s: str, keep: str = "") -> tuple[str, OffsetMap]:
    """normalize(s) (or, with `keep`, the fold that keeps those characters) and a map from every index of the result
    to its index in `s` (to map matches back to offsets): ``s[m[i]]`` is the character that became ``norm[i]``."""
    stripped, m = strip_marks(s)
    return fold(stripped, keep), (m if m is not None else OffsetMap((), len(stripped)))


class OffsetMap:
    """Index in a text that lost characters (diacritics, tatweel…) -> index in the original; built from the runs
    that were dropped, looked up by bisection (no list as long as the text)."""
    __slots__ = ("_keys", "_adds", "_n")

    def __init__(self, runs, n_norm):
        # runs: (start, length) of dropped runs in the original; keys are the folded positions where they end
        self._keys, self._adds, self._n = [], [], n_norm
        dropped = 0
        for st, ln in runs:
            dropped += ln
            self._keys.append(st + ln - dropped)   # first folded index that comes after this run
            self._adds.append(dropped)

    def __len__(self):
        return self._n

    def __getitem__(self, k):
        if k < 0:
            k += self._n
        i = bisect.bisect_right(self._keys, k)
        return k + (self._adds[i - 1] if i else 0)

    def __iter__(self):
        return (self[k] for k in range(self._n))


# ------------------------------------------------------------------ clitics
@functools.cache
def clitics(profile: str, side: str = "prefix") -> tuple[tuple[str, int], ...]:
    """The clitics `profile` strips on `side` (marsad/arabic/data/clitics.tsv), as (clitic, least letters the word
    keeps), longest first (file order among equal lengths)."""
    rows = load_tsv("clitics.tsv")
    # the column names: the file's comment line «# clitic<TAB>side<TAB>profile…<TAB>comment» (a new profile is a
    # new column, no code)
    head = next(line for line in (DATA_DIR / "clitics.tsv").read_text(encoding="utf-8").splitlines()
                if line.startswith("# clitic\t"))
    header = [c.strip() for c in head[2:].split("\t")][:-1]
    if profile not in header[2:]:
        raise ValueError(f"unknown clitic profile {profile!r}; clitics.tsv has {', '.join(header[2:])}")
    col = header.index(profile)
    out = [(normalize(r[0]), int(r[col])) for r in rows if r[1] == side and len(r) > col and r[col] != "-"]
    return tuple(sorted(out, key=lambda c: -len(c[0])))


TA_MARBUTA = "ة"   # kept by `fold(s, keep=TA_MARBUTA)` for strip_clitics: ـة is a noun's ending, ـه may be a pronoun


@functools.lru_cache(maxsize=200_000)
def strip_clitics(word: str, profile: str) -> str:
    """A word in matching form without the proclitic and the enclitic `profile` strips (clitics.tsv): «والجنود»,
    «لجنودها» → «جنود» for profile `words`; the word itself when nothing may be stripped. A ta marbuta may be kept in
    `word` as ة (`fold(s, keep=TA_MARBUTA)`): it is then never read as the pronoun ـه («حكومة» stays «حكومه»). The
    result is in matching form (ة folded)."""
    for c, least in clitics(profile, "prefix"):
        if word.startswith(c) and len(word) - len(c) >= least:
            word = word[len(c):]
            break
    for c, least in clitics(profile, "suffix"):
        if word.endswith(c) and len(word) - len(c) >= least:
            word = word[:-len(c)]
            break
    return word.replace(TA_MARBUTA, "ه") if TA_MARBUTA in word else word


# «[x][x]*» rather than «[x]+»: a pattern that starts with a character class lets `re` scan for it in C (2x faster)
_DROP_SPLIT_RE = re.compile("(" + _DROP_RE.pattern + _DROP_RE.pattern + "*)")
_last_strip: tuple = (None, "", None)


def strip_marks(s: str) -> tuple[str, OffsetMap | None]:
    """`s` without the characters `normalize` drops, and a map from its indices to indices in `s` (None when
    nothing was dropped).  The last result is kept: the number and the time tagger strip the same article text
    one after the other, and the second call costs nothing."""
    global _last_strip
    c = _last_strip
    if c[0] is s:
        return c[1], c[2]
    parts = _DROP_SPLIT_RE.split(s)           # kept, dropped, kept, dropped, …, kept
    if len(parts) == 1:
        out, m = s, None
    else:
        runs, pos = [], 0
        for i in range(0, len(parts) - 1, 2):
            pos += len(parts[i])
            ln = len(parts[i + 1])
            runs.append((pos, ln))
            pos += ln
        out = "".join(parts[::2])
        m = OffsetMap(runs, len(out))
    _last_strip = (s, out, m)
    return out, m


_SPACE_RE = re.compile(r"\s+")


def trie_pattern(words, space: str | None = None) -> str:
    """A regex alternation of `words` factored as a trie: every branch starts with a literal, so `re` drops a
    non-matching branch at its first character instead of trying each word in turn; at one position longer words
    are tried first, as a «longest first» alternation does. Empty words are ignored ("" for none); `space`: the
    pattern a space inside a word stands for (default: a space)."""
    root: dict = {}
    for w in words:
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        alts = [(space if space and ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(root)


def squash(s: str) -> str:
    """normalize(s) with runs of white space folded to one space and the ends trimmed."""
    return _SPACE_RE.sub(" ", normalize(s)).strip()


# ------------------------------------------------------------------ tokens
@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


@functools.cache
def nlp():
    """spaCy's blank Arabic pipeline with marsad's sentence splitter as a component."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("marsad_sentences"):
        @Language.component("marsad_sentences")
        def _sentences(doc):
            starts = {s for s, _ in split_sentences(doc.text)}
            for tok in doc:
                tok.is_sent_start = tok.idx in starts or tok.i == 0
            return doc

    pipe = spacy.blank("ar")
    pipe.add_pipe("marsad_sentences")
    return pipe


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` with character offsets (spaCy's Arabic tokenizer; clitics stay attached)."""
    doc = nlp().tokenizer(text)
    return [Token(t.text, t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]


# ------------------------------------------------------------------ sentences
_OPEN_Q, _CLOSE_Q = "«“", "»”"
_END = ".!?؟…"
_ABBREV: frozenset[str] | None = None


def _abbreviations() -> frozenset[str]:
    global _ABBREV
    if _ABBREV is None:
        _ABBREV = frozenset(normalize(r[0]) for r in load_tsv("abbreviations.tsv"))
    return _ABBREV


def _paragraphs(text: str):
    for m in re.finditer(r"[^\n]+", text):
        yield m.start(), m.end()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over `text`: every line break ends a sentence; «،» never does; a full stop,
    «؟», «!» or «..» ends one unless it is inside a «…»/“…” quote that closes in the same paragraph, part of a
    number (1.5) or after a known abbreviation. Spans exclude surrounding white space."""
    spans: list[tuple[int, int]] = []
    abbrev = _abbreviations()
    for p0, p1 in _paragraphs(text):
        para = text[p0:p1]
        start, depth, i, n = 0, 0, 0, len(para)
        while i < n:
            ch = para[i]
            if ch in _OPEN_Q:
                # only count a quote that closes later in this paragraph (scraped text is often unbalanced)
                if any(c in para[i + 1:] for c in _CLOSE_Q):
                    depth += 1
            elif ch in _CLOSE_Q:
                depth = max(0, depth - 1)
                # «… انتهى.» followed by a space: the quote closed a sentence
                if depth == 0 and i > 0 and para[i - 1] in _END and (i + 1 == n or para[i + 1].isspace()):
                    _add(spans, text, p0 + start, p0 + i + 1)
                    start = i + 1
            elif ch in _END and depth == 0:
                j = i
                while j + 1 < n and para[j + 1] in _END:
                    j += 1
                if ch == "." and j == i and i + 1 < n and para[i + 1].isdigit():
                    i += 1
                    continue
                # closing quotes/brackets right after the stop belong to this sentence
                while j + 1 < n and para[j + 1] in "»”\")'’]":
                    j += 1
                if j + 1 < n and not para[j + 1].isspace():
                    i = j + 1
                    continue
                word = re.search(r"(\S+)$", para[start:i])
                if ch == "." and j == i and word and normalize(word.group(1)) in abbrev:
                    i = j + 1
                    continue
                _add(spans, text, p0 + start, p0 + j + 1)
                start = j + 1
                i = j + 1
                continue
            i += 1
        _add(spans, text, p0 + start, p1)
    return spans


def _add(spans, text, a, b):
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))
