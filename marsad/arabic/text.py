"""Arabic text layer: a matching normalisation that never touches displayed text, sentences and tokens with offsets.

Built on spaCy's `ar` language (tokenizer, Doc/Span/Token); marsad adds its own sentence boundaries because newswire
Arabic needs rules spaCy lacks (no split at «،», quotes «» “” kept whole, «..» inside quotes, abbreviations).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from marsad.arabic.data import load_tsv

# ------------------------------------------------------------------ normalisation
_DIACRITICS = "\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED"
_DROP_RE = re.compile(f"[{_DIACRITICS}\u0640\u200c\u200d\u200e\u200f\u061c]")  # + tatweel, ZW(N)J, bidi marks
_CHAR_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ؤ": "و", "ک": "ك", "ڪ": "ك",
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
    "٫": ".", "٬": ",", "،": ",", "؛": ";", "؟": "?", "٪": "%",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‹": '"', "›": '"',
    "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
})


def normalize(s: str) -> str:
    """Matching form of `s`: alef/ya/ta-marbuta/hamza carriers folded, diacritics and tatweel dropped, digits Latin."""
    if not s:
        return ""
    return _DROP_RE.sub("", s).translate(_CHAR_MAP)


def normalize_map(s: str) -> tuple[str, list[int]]:
    """normalize(s) plus, for every character of the result, its index in `s` (to map matches back to offsets)."""
    out, idx = [], []
    for i, ch in enumerate(s):
        if _DROP_RE.match(ch):
            continue
        out.append(ch.translate(_CHAR_MAP))
        idx.append(i)
    return "".join(out), idx


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
        i = bisect.bisect_right(self._keys, k)
        return k + (self._adds[i - 1] if i else 0)


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


def sentence_of(sentences, offset: int):
    """The (start, end) sentence containing `offset` (sentences sorted by start), or None."""
    import bisect

    starts = [s[0] if isinstance(s, tuple) else s.start for s in sentences]
    k = bisect.bisect_right(starts, offset) - 1
    if k < 0:
        return None
    s = sentences[k]
    a, b = (s if isinstance(s, tuple) else (s.start, s.end))
    return (a, b) if a <= offset < b or offset == b else None
