"""The NER model's own normalisation: the forms its lexical features (``ner_lang``) and its static vectors
(``ner_vectors``) are computed from.

- ``norm``       — diacritics and tatweel removed, أ/إ/آ/ٱ → ا, ى → ي, ة → ه, Arabic-Indic digits → ASCII.
- ``drop_marks`` — diacritics and tatweel removed, letters unchanged.
- ``PROCLITICS`` — the leading clitics a word can carry before a name: a conjunction (و ف), a preposition (ب ل ك),
  or both.

This is deliberately a frozen private copy (not ``marsad.arabic.text.normalize`` / ``strip_clitics``): the trained
model's features must not change when the shared text helpers evolve. Its own module (no spaCy import) so that the
language class and the vectors read it without importing each other.
"""
from __future__ import annotations

import re

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_TABLE = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "\u200f": None, "\u200e": None,
    **{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)},
})
PROCLITICS = tuple(c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") if c + p)


def drop_marks(text: str) -> str:
    """The text without diacritics and tatweel (letters unchanged)."""
    return _DIACRITICS.sub("", text)


def norm(text: str) -> str:
    """Matching form used by the NER features (see module docstring)."""
    out = _DIACRITICS.sub("", text).translate(_TABLE)
    return out or text
