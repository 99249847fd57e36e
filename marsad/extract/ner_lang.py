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

A token-level feature, for models whose config puts the ``marsad_org_chains`` component before the tok2vec (and
lists it in ``training.annotating_components``) and whose tok2vec reads LEMMA: ``org_chain_tags`` writes into
``token.lemma_`` where the token stands in an organisation chain as Arabic news writes it — "H" on a head
(class orghead), then "C1", "C2", "C3+" on the words of its genitive/adjective chain (words of the classes orgpart,
orgadj, place, placenoun, nisba or a gazetteer class, or any definite word «ال…/لل…»), up to punctuation, a digit,
a title or person cue, or 6 words. Context that a CNN of window 1 reaches only within 4 words, and without telling
the head of a chain from a head word used as a common noun three words back.

The normalisation (``ner_features.norm``) is deliberately a private copy (not ``marsad.arabic.text.normalize``): the
trained model's features must not change when the shared text helpers evolve.
"""
from __future__ import annotations

import functools
import re

from spacy.attrs import LOWER, NORM, PREFIX, SHAPE, SUFFIX
from spacy.lang.ar import Arabic, ArabicDefaults
from spacy.language import Language
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


_CHAIN_CLASSES = frozenset({"orgpart", "orgadj", "place", "placenoun", "nisba", "gaz_loc", "gaz_org", "gaz_per",
                            "gaz_misc"})
_CHAIN_STOP = frozenset({"title", "personcue"})
_DEFINITE = re.compile("^(?:[وف]?[بك]?ال|[وف]?لل)..")
_MAX_CHAIN = 6


def org_chain_tags(words: list[str]) -> list[str]:
    """The organisation-chain tag of each word ("H", "C1", "C2", "C3+" or ""; see the module docstring)."""
    out, pos = [], 0
    for w in words:
        cls = set(word_class(w).split(",")) - {""}
        n = norm(w)
        if "orghead" in cls:
            out.append("H")
            pos = 1
            continue
        if pos and pos <= _MAX_CHAIN and not (cls & _CHAIN_STOP) and any(c.isalpha() for c in n) \
                and not any(c.isdigit() for c in n) and (cls & _CHAIN_CLASSES or _DEFINITE.match(n)):
            out.append(f"C{pos}" if pos < 3 else "C3+")
            pos += 1
            continue
        out.append("")
        pos = 0
    return out


@Language.component("marsad_org_chains")
def org_chains(doc):
    """Pipeline component: ``org_chain_tags`` into ``token.lemma_`` (read by a tok2vec whose attrs list LEMMA)."""
    for t, tag in zip(doc, org_chain_tags([t.text for t in doc])):
        t.lemma_ = tag
    return doc


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

