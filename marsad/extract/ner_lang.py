"""The spaCy language class behind marsad's NER model: Arabic with lexical features that fit Arabic.

spaCy's default lexical features assume a cased, suffixing script (SHAPE, 1-char PREFIX). The NER model's tok2vec
reads these lexeme attributes instead (registered as the language ``ar_marsad``; importing this module registers it,
which ``marsad.extract.ner.load`` does before ``spacy.load``):

- ``NORM``   — the matching form: diacritics and tatweel removed, أ/إ/آ/ٱ → ا, ى → ي, ة → ه, Arabic-Indic digits → ASCII.
- ``PREFIX`` — the first 3 characters of NORM (covers the clitic + article combinations: وال، بال، لل، فال …).
- ``SUFFIX`` — the last 3 characters of NORM (nisba -ية/-ي, plural -ون/-ين/-ات, pronoun suffixes).
- ``SHAPE``  — re-used for a light stem: NORM with one leading conjunction/preposition clitic (و ف ب ل ك) and the
  article (ال) stripped, when at least 2 characters remain. Arabic has no case, so the usual SHAPE carries nothing.
- ``LOWER``  — re-used (no case either) for the stem's word classes in ``arabic/data/ner_word_classes.tsv``
  (organisation head, a word of an organisation's genitive chain, place, given name, title, nationality adjective,
  gazetteer type; built by scripts/ner/mine_word_classes.py), e.g. «وزارة» → "orghead", «بمنطقة» → "place"; ""
  for other words. Only models whose config lists LOWER read it.

The normalisation (``ner_features.norm``) is deliberately a private copy (not ``marsad.arabic.text.normalize``): the
trained model's features must not change when the shared text helpers evolve.
"""
from __future__ import annotations

import functools
import re

from spacy.attrs import LOWER, NORM, PREFIX, SHAPE, SUFFIX
from spacy.lang.ar import Arabic, ArabicDefaults
from spacy.util import registry

from marsad.arabic.data import load_tsv
from marsad.extract import ner_vectors  # noqa: F401  (registers marsad.SubwordVectors.v1 for the model config)
from marsad.extract.ner_features import norm

LANG = "ar_marsad"

_CLITIC = re.compile("^(?:[وف]?[بلك]?ال|[وف]?[بلك]|[وف])(?=..)")


def stem(text: str) -> str:
    """NORM without a leading clitic/article, e.g. وبالقاهره → قاهره, لبوتين → بوتين (crude, for features only)."""
    n = norm(text)
    return _CLITIC.sub("", n, count=1)


@functools.cache
def _word_classes() -> dict[str, str]:
    return {r[0]: r[1] for r in load_tsv("ner_word_classes.tsv") if len(r) > 1}


def word_class(text: str) -> str:
    """The classes of the word's stem in ner_word_classes.tsv, comma-separated ("" if none); else those of the stem's
    own stem: the file's keys are stems too, and a word that starts with a clitic letter («وزارة» → «زاره») keeps it
    when it carries a clitic itself («بوزارة» → «وزاره» → «زاره»)."""
    classes, s = _word_classes(), stem(text)
    return classes.get(s) or classes.get(_CLITIC.sub("", s, count=1), "")


def _prefix(text: str) -> str:
    return norm(text)[:3]


def _suffix(text: str) -> str:
    return norm(text)[-3:]


class MarsadArabicDefaults(ArabicDefaults):
    lex_attr_getters = {**ArabicDefaults.lex_attr_getters, NORM: norm, PREFIX: _prefix, SUFFIX: _suffix,
                        SHAPE: stem, LOWER: word_class}


@registry.languages(LANG)
class MarsadArabic(Arabic):
    lang = LANG
    Defaults = MarsadArabicDefaults

