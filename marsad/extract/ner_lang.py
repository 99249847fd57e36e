"""The spaCy language class behind marsad's NER model: Arabic with lexical features that fit Arabic.

spaCy's default lexical features assume a cased, suffixing script (SHAPE, 1-char PREFIX). The NER model's tok2vec
reads these lexeme attributes instead (registered as the language ``ar_marsad``; importing this module registers it,
which ``marsad.extract.ner.load`` does before ``spacy.load``):

- ``NORM``   — the matching form: diacritics and tatweel removed, أ/إ/آ/ٱ → ا, ى → ي, ة → ه, Arabic-Indic digits → ASCII.
- ``PREFIX`` — the first 3 characters of NORM (covers the clitic + article combinations: وال، بال، لل، فال …).
- ``SUFFIX`` — the last 3 characters of NORM (nisba -ية/-ي, plural -ون/-ين/-ات, pronoun suffixes).
- ``SHAPE``  — re-used for a light stem: NORM with one leading conjunction/preposition clitic (و ف ب ل ك) and the
  article (ال) stripped, when at least 2 characters remain. Arabic has no case, so the usual SHAPE carries nothing.

The normalisation (``ner_features.norm``) is deliberately a private copy (not ``marsad.arabic.text.normalize``): the
trained model's features must not change when the shared text helpers evolve.
"""
from __future__ import annotations

import re

from spacy.attrs import NORM, PREFIX, SHAPE, SUFFIX
from spacy.lang.ar import Arabic, ArabicDefaults
from spacy.util import registry

from marsad.extract import ner_vectors  # noqa: F401  (registers marsad.SubwordVectors.v1 for the model config)
from marsad.extract.ner_features import norm

LANG = "ar_marsad"

_CLITIC = re.compile("^(?:[وف]?[بلك]?ال|[وف]?[بلك]|[وف])(?=..)")


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

