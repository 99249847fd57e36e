"""The document as the extractors read it: a normalised view with tokens and offsets back to the text.

`View(text)` holds `norm` (marsad's matching form, `marsad.arabic.text.normalize`), its tokens (`Tok`, words without
the punctuation around them) and the maps between normalised and original offsets. `fold(s)` is the matching form of
a phrase; `strip_clitic`/`bare` give the candidate forms of a word without its clitics; `quote_spans(text)` finds
the quotations. Shared by the attribution, claims and quotes extractors.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from marsad.arabic.text import normalize, normalize_map

__all__ = ["PUNCT", "NUMLIKE", "fold", "Tok", "View", "strip_clitic", "bare", "quote_spans"]

PUNCT = ",.;:!?\"()[]'،؛؟«»“”"
TOKEN_RE = re.compile(r"\S+")
NUMLIKE = re.compile(r"^\d|^[\d.,]+$")   # a token that is (or starts with) a figure


def fold(s: str) -> str:
    """The matching form of a phrase: normalised, single spaces."""
    return re.sub(r"\s+", " ", normalize(s)).strip()


@dataclass
class Tok:
    s: int          # normalised offsets
    e: int
    w: str          # the word without surrounding punctuation
    raw: str


class View:
    """The document in matching form, its tokens and the map back to original offsets."""

    def __init__(self, text: str):
        self.text = text
        self.norm, self.idx = normalize_map(text)   # the one normaliser (marsad.arabic.text)
        self.toks: list[Tok] = []
        for m in TOKEN_RE.finditer(self.norm):
            raw = m.group()
            w = raw.strip(PUNCT + "-")
            lead = len(raw) - len(raw.lstrip(PUNCT + "-"))
            self.toks.append(Tok(m.start() + lead, m.start() + lead + len(w), w, raw))
        self.starts = [t.s for t in self.toks]
        self._forms: list = [None] * len(self.toks)

    def forms(self, i: int) -> frozenset:
        """The clitic-free forms of token i (`bare`), computed once per token when first asked."""
        f = self._forms[i]
        if f is None:
            f = self._forms[i] = frozenset(bare(self.toks[i].w))
        return f

    def o(self, n: int) -> int:
        """Original offset of normalised offset n (n may be len(norm))."""
        if n >= len(self.idx):
            return len(self.text)
        return self.idx[n]

    def oe(self, n_end: int) -> int:
        """Original end offset of a normalised end offset."""
        if n_end <= 0:
            return 0
        return self.idx[min(n_end, len(self.idx)) - 1] + 1

    def n(self, o: int) -> int:
        """Normalised offset of original offset o (first normalised char at or after it)."""
        return bisect.bisect_left(self.idx, o)

    def tok_at(self, n: int) -> int:
        """Index of the first token starting at or after normalised offset n."""
        return bisect.bisect_left(self.starts, n)

    def tok_before(self, n: int) -> int:
        """Index of the last token ending at or before n (-1 if none)."""
        i = bisect.bisect_right(self.starts, n) - 1
        while i >= 0 and self.toks[i].e > n:
            i -= 1
        return i


def strip_clitic(w: str) -> list[str]:
    """A word and, when it has one, the word without a leading و/ف."""
    out = [w]
    if len(w) > 3 and w[0] in "وف":
        out.append(w[1:])
    return out


def bare(w: str) -> list[str]:
    """A word, without و/ف/ب/ل and the article: candidates for matching a lemma or a predicate."""
    out = [w]
    x = w
    if len(x) > 3 and x[0] in "وف":
        x = x[1:]
        out.append(x)
    if len(x) > 3 and x[0] in "بل":
        out.append(x[1:])
        if x[1:].startswith("ال") or x.startswith("لل"):
            out.append(x[3:] if x[1:].startswith("ال") else x[2:])
    if x.startswith("ال") and len(x) > 4:
        out.append(x[2:])
    return out



def _closes_first(par: str, marks: str) -> bool:
    """Whether the first of `marks` in a paragraph closes a quotation: it follows a word (or its punctuation), not
    a space («… فرص العمل".» closes; «… إن "» opens)."""
    i = next((k for k, ch in enumerate(par) if ch in marks), None)
    return i is not None and i > 0 and not par[i - 1].isspace() and par[i] not in "«“„"


@functools.lru_cache(maxsize=4)
def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each quotation including its marks. A mark left open at a paragraph end stays open only when
    the next paragraph closes it first (its first mark follows a word, and it has an odd number of straight or curly
    marks, or more » than «): a quotation running over paragraphs; otherwise it is dropped."""
    spans = []
    stack: list[tuple[str, int]] = []
    curly = None
    straight = None
    for i, ch in enumerate(text):
        if ch == "\n" and i + 1 < len(text) and text[i + 1] == "\n":
            nxt = text[i + 2:].lstrip("\n")
            nxt = nxt[:nxt.find("\n\n")] if "\n\n" in nxt else nxt
            if nxt.count("»") - nxt.count("«") < max(1, len(stack)) or not _closes_first(nxt, "«»"):
                stack.clear()
            if sum(nxt.count(q) for q in "“”„") % 2 == 0 or not _closes_first(nxt, "“”„"):
                curly = None
            if nxt.count('"') % 2 == 0 or not _closes_first(nxt, '"'):
                straight = None
            continue
        if ch == "«":
            stack.append(("»", i))
        elif ch == "»" and stack:
            _, s = stack.pop()
            spans.append((s, i + 1))
        elif ch in "“”„":
            if curly is None:
                curly = i
            else:
                spans.append((curly, i + 1))
                curly = None
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                spans.append((straight, i + 1))
                straight = None
    spans.sort()
    # keep the outermost of nested spans
    out = []
    for s, e in spans:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return tuple(out)   # cached per text (the claims and quotes stages both ask): never mutated
