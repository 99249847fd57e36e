"""The spaCy language class behind marsad's NER model: Arabic with lexical features that fit Arabic.

spaCy's default lexical features assume a cased, suffixing script (SHAPE, 1-char PREFIX). The NER model's tok2vec
reads these lexeme attributes instead (registered as the language ``ar_marsad``; importing this module registers it,
which ``marsad.extract.ner.load`` does before ``spacy.load``):

- ``NORM``   — the matching form: diacritics and tatweel removed, أ/إ/آ/ٱ → ا, ى → ي, ة → ه, Arabic-Indic digits → ASCII.
- ``PREFIX`` — the first 3 characters of NORM (covers the clitic + article combinations: وال، بال، لل، فال …).
- ``SUFFIX`` — the last 3 characters of NORM (nisba -ية/-ي, plural -ون/-ين/-ات, pronoun suffixes).
- ``SHAPE``  — re-used for a light stem: NORM with one leading conjunction/preposition clitic (و ف ب ل ك) and the
  article (ال) stripped, when at least 2 characters remain. Arabic has no case, so the usual SHAPE carries nothing.

The normalisation is deliberately a private copy (not ``marsad.arabic.text.normalize``): the trained model's features
must not change when the shared text helpers evolve.
"""
from __future__ import annotations

import re

from spacy.attrs import NORM, PREFIX, SHAPE, SUFFIX
from spacy.lang.ar import Arabic, ArabicDefaults
from spacy.util import registry

LANG = "ar_marsad"

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_TABLE = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "\u200f": None, "\u200e": None,
    **{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)},
})
_CLITIC = re.compile("^(?:[وف]?[بلك]?ال|[وف]?[بلك]|[وف])(?=..)")
# the leading clitics a word can carry before a name: a conjunction (و ف), a preposition (ب ل ك), or both
PROCLITICS = tuple(c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") if c + p)


def drop_marks(text: str) -> str:
    """The text without diacritics and tatweel (letters unchanged)."""
    return _DIACRITICS.sub("", text)


def norm(text: str) -> str:
    """Matching form used by the NER features (see module docstring)."""
    out = _DIACRITICS.sub("", text).translate(_TABLE)
    return out or text


def stem(text: str) -> str:
    """NORM without a leading clitic/article, e.g. وبالقاهره → قاهره, لبوتين → بوتين (crude, for features only)."""
    n = norm(text)
    return _CLITIC.sub("", n, count=1)


def _prefix(text: str) -> str:
    return norm(text)[:3]


def _suffix(text: str) -> str:
    return norm(text)[-3:]


class MarsadArabicDefaults(ArabicDefaults):
    lex_attr_getters = {**ArabicDefaults.lex_attr_getters, NORM: norm, PREFIX: _prefix, SUFFIX: _suffix,
                        SHAPE: stem}


@registry.languages(LANG)
class MarsadArabic(Arabic):
    lang = LANG
    Defaults = MarsadArabicDefaults


from marsad.extract import ner_vectors  # noqa: E402,F401  (registers marsad.SubwordVectors.v1 for the model config)
