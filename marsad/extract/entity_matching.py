"""The document view entity tagging works on: the normalised text with its tokens and offsets back to the original
(``_Doc``), the candidate and hit records, and one compiled trie-regex per word list (gazetteer, nationality
adjectives, titles) found with the proclitics before a name (clitics.tsv, profile ``names``).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from marsad.arabic.text import clitics, normalize_map, strip_clitics, trie_pattern
from marsad.extract.lexicon import gazetteer, nisba_forms, title_forms


_LETTER = r"[^\W_]"  # a letter or digit (any script)
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
    return re.compile(rf"(?<!{_LETTER})(?P<cl>{CLITIC_RE}?)(?P<nm>{body})(?!{_LETTER})")


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
