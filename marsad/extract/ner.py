"""marsad's trained Arabic NER model: a spaCy pipeline shipped in marsad/models/ner whose component is a CRF
(``ner_crf``; trained by scripts/train_ner.py). The functions below take any spaCy NER pipeline (the earlier CNN too).

- ``load()``            — the cached spaCy pipeline (no network; raises ``NERModelMissing`` if the model is absent).
- ``tag_words(words)``  — BIO tags (B-/I- PERS, LOC, ORG, MISC) for one pre-tokenised sentence.
- ``tag_conll(path)``   — the output lines of ``marsad tag ner FILE``.
- ``predict_spans(text)`` — character spans (start, end, PER|ORG|LOC|MISC) on raw text.

The model was trained on ANERcorp, whose tokens split punctuation off but keep Arabic proclitics glued to the word
(و، ف، ب، ل، ك، ال: «وألمانيا», «لبوتين», «بالقاهرة»). The model's own tokenizer (spaCy Arabic) behaves the same way,
so ``predict_spans`` returns spans covering whole tokens, clitics included; trimming them is left to the rules layer
(marsad.extract.entities).
"""
from __future__ import annotations

import bisect
import functools
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.arabic.numbers import ordinal_words
from marsad.arabic.text import normalize
from marsad.extract.lexicon import nisba_forms, stopwords
from marsad.extract.ner_features import PROCLITICS

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"
SENT_END = {".", "؟", "!", "?"}
LABEL_MAP = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "MISC"}
PROPAGATION_WINDOW = 40  # sentences either side that propagate_entities looks at (a long article's length)
MAX_SENT_TOKENS = 300  # unsegmented input is cut into chunks of at most this many tokens


class NERModelMissing(RuntimeError):
    pass


@functools.lru_cache(maxsize=4)
def _load(path: str):
    import spacy

    # registers the language "ar_marsad" and the component "marsad_crf_ner" (imports spaCy, heavy: only when loading)
    from marsad.extract import ner_crf, ner_lang  # noqa: F401

    p = Path(path)
    if not (p / "config.cfg").exists() or not (p / "meta.json").exists():
        raise NERModelMissing(
            f"marsad NER model not found at {p}. Train it with `.venv/bin/python scripts/train_ner.py` "
            "(or `marsad train ner`), which writes marsad/models/ner/.")
    nlp = spacy.load(p)
    _use_numpy_gemm(nlp)
    return nlp


def _use_numpy_gemm(nlp) -> None:
    """thinc's CPU default multiplies matrices with BLIS, ~3× slower on this kind of machine than numpy's OpenBLAS
    for the tok2vec's shapes; the tags come out the same (bench/README.md). All layers get NumpyOps(use_blis=False)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.components:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


@functools.cache
def _blas():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def annotate(nlp, docs: list) -> list:
    """Run the pipeline on tokenised ``docs`` and set their entities (in place; returns them). The matrix products
    run on one BLAS thread: marsad parallelises over documents, in processes."""
    with _blas().limit(limits=1, user_api="blas"):
        return list(nlp.pipe(docs))


def load(path: str | os.PathLike | None = None):
    """The spaCy NER pipeline (cached per path). Loads from disk only; never touches the network."""
    return _load(str(Path(path) if path else MODEL_DIR))


def _bio(doc) -> list[str]:
    return [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in doc]


def tag_sentences(sentences: Iterable[list[str]], nlp=None, batch_size: int = 256,
                  propagate: bool = True) -> list[list[str]]:
    """BIO tags for many pre-tokenised sentences (batched through ``annotate``).

    With ``propagate`` (default), entity strings the model found are also tagged where the model missed them
    elsewhere in the same input, within ``PROPAGATION_WINDOW`` sentences (see ``propagate_entities``)."""
    from spacy.tokens import Doc

    nlp = nlp or load()
    sents = [list(w) for w in sentences]
    tags = []
    for i in range(0, len(sents), batch_size):
        tags += [_bio(d) for d in annotate(nlp, [Doc(nlp.vocab, words=w) for w in sents[i:i + batch_size]])]
    if propagate:
        tags = propagate_entities(sents, tags)
    return tags


@functools.cache
def _clitic_re() -> re.Pattern:
    """A leading conjunction/preposition (ner_features.PROCLITICS, longest first), leaving ≥ 3 letters."""
    return re.compile("^(?:" + "|".join(sorted(PROCLITICS, key=len, reverse=True)) + ")(?=...)")


@functools.cache
def _never_alone() -> frozenset[str]:
    """Normalised words that are no entity on their own: function words (entity_stopwords.tsv), nationality
    adjectives (nisba.tsv) and ordinals. Propagation never spreads them as one-word names: «علي» is a name and,
    misspelt, «على»; «الثاني» ends «عبد الله الثاني» but is mostly «the second»."""
    return stopwords() | {f for f in nisba_forms() if " " not in f} | ordinal_words()


def _entity_runs(ts: list[str]) -> Iterator[tuple[int, int, str]]:
    i = 0
    while i < len(ts):
        if ts[i][:2] in ("B-", "I-"):
            typ, j = ts[i][2:], i + 1
            while j < len(ts) and ts[j] == f"I-{typ}":
                j += 1
            yield i, j, typ
            i = j
        else:
            i += 1


def _bare(words: list[str]) -> list[str]:
    """Each word without a leading clitic («وإيتو», «لإيتو» → «إيتو»); computed once per sentence."""
    sub = _clitic_re().sub
    return [sub("", w) for w in words]


def _key(words: list[str], bare: list[str], i: int, j: int) -> tuple[str, ...]:
    """Matching key of words[i:j]: its first word without a leading clitic, the others as they are."""
    return (bare[i],) + tuple(words[i + 1:j])


def propagate_entities(sents: list[list[str]], tags: list[list[str]], min_ratio: float = 0.1,
                       max_len: int = 6, surnames: bool = True, window: int | None = PROPAGATION_WINDOW
                       ) -> list[list[str]]:
    """Document-level consistency (one sense per discourse): a word sequence the model tagged as an entity of type T
    in at least ``min_ratio`` of its occurrences is tagged T at its other occurrences too (only where all its tokens
    are O). Occurrences count within ``window`` sentences before and after the one being tagged (None: the whole
    input): a file of many articles without boundaries must not lend a name from one article to a common word of
    another («دين», the footballer Dean, is «debt» in a bank's news). Occurrences match up to a leading clitic on the
    first word (the tag covers the whole token, clitic included, as in ANERcorp); with ``surnames`` the last word of
    a person's name of 2+ words counts as a tagged occurrence of that word alone («صامويل إيتو» … «وسيغيب إيتو»).

    Sequences made only of 1-character tokens or punctuation are ignored, and so are one-word sequences that are a
    function word, a nationality adjective or an ordinal (``_never_alone``), as written or without their clitic.
    Returns new tag lists. min_ratio, surnames and the clitic matching were chosen on an inner split of the training
    data (train on the first 8/9 of the training sentences, score the last 1/9); the window is bench/README.md's."""
    never = _never_alone()
    bares = [_bare(words) for words in sents]
    tagged_at: list[Counter] = []          # per sentence: (key, type) → tagged occurrences
    for words, bare, ts in zip(sents, bares, tags):
        c: Counter = Counter()
        for i, j, typ in _entity_runs(ts):
            if j - i > max_len or not any(len(w) > 1 and w.isalpha() for w in words[i:j]):
                continue
            c[_key(words, bare, i, j), typ] += 1
            if surnames and typ in ("PERS", "PER") and j - i >= 2 and len(words[j - 1]) > 2 and words[j - 1].isalpha():
                c[_key(words, bare, j - 1, j), typ] += 1
        tagged_at.append(c)
    keys = {k for c in tagged_at for k, _ in c if not (len(k) == 1 and normalize(k[0]) in never)}
    if not keys:
        return tags
    lengths = sorted({len(k) for k in keys}, reverse=True)
    occ_at: list[Counter] = []             # per sentence: key → occurrences, tagged or not
    for words, bare in zip(sents, bares):
        c = Counter()
        for n in lengths:
            for i in range(len(words) - n + 1):
                k = _key(words, bare, i, i + n)
                if k in keys:
                    c[k] += 1
        occ_at.append(c)
    w = len(sents) if window is None else window
    occ_sum, tag_sum = _WindowSums(occ_at), _WindowSums(tagged_at)
    types_of: dict[tuple[str, ...], dict[str, None]] = {}    # key → its types, in order of first tagging
    for c in tagged_at:
        for k, typ in c:
            types_of.setdefault(k, {})[typ] = None
    out = []
    for si, (words, bare, ts) in enumerate(zip(sents, bares, tags)):
        lo, hi = si - w, si + w
        best = {}
        for k in occ_at[si]:
            by_type = {typ: tag_sum((k, typ), lo, hi) for typ in types_of[k]}
            tagged = sum(by_type.values())
            occ = occ_sum(k, lo, hi)
            if tagged and tagged / occ >= min_ratio and occ > tagged:
                best[k] = max(by_type.items(), key=lambda kv: kv[1])[0]
        out.append(_fill(words, bare, ts, best, never) if best else ts)
    return out


def _fill(words: list[str], bare: list[str], ts: list[str], best: dict, never: frozenset[str]) -> list[str]:
    """``ts`` with every all-O occurrence of a key of ``best`` tagged with its type (longest keys first)."""
    blengths = sorted({len(k) for k in best}, reverse=True)
    ts = list(ts)
    i = 0
    while i < len(words):
        for n in blengths:
            if i + n > len(words):
                continue
            k = _key(words, bare, i, i + n)
            if k in best and all(t == "O" for t in ts[i:i + n]) and \
                    (i + n >= len(ts) or not ts[i + n].startswith("I-")) and \
                    not (n == 1 and normalize(words[i]) in never):   # «لصالح» is no «صالح»
                typ = best[k]
                ts[i:i + n] = [f"B-{typ}"] + [f"I-{typ}"] * (n - 1)
                i += n - 1
                break
        i += 1
    return ts


class _WindowSums:
    """Sum of per-sentence counts of one key over the sentences lo..hi (inclusive), by bisection on prefix sums."""

    def __init__(self, per_sentence: list[Counter]):
        self._pos: dict = {}    # key → indices of the sentences it occurs in
        self._cum: dict = {}    # key → prefix sums of its counts there
        for si, c in enumerate(per_sentence):
            for k, n in c.items():
                self._pos.setdefault(k, []).append(si)
                cum = self._cum.setdefault(k, [0])
                cum.append(cum[-1] + n)

    def __call__(self, k, lo: int, hi: int) -> int:
        pos, cum = self._pos.get(k), self._cum.get(k)
        if not pos:
            return 0
        return cum[bisect.bisect_right(pos, hi)] - cum[bisect.bisect_left(pos, lo)]


def tag_words(words: list[str], nlp=None) -> list[str]:
    """BIO tags (e.g. ``B-PERS``, ``I-LOC``, ``O``) for one pre-tokenised sentence; same length as ``words``."""
    if not words:
        return []
    return tag_sentences([words], nlp=nlp, propagate=False)[0]


def _split_run(words: list[str]) -> list[list[str]]:
    out, cur = [], []
    for w in words:
        cur.append(w)
        if w in SENT_END or len(cur) >= MAX_SENT_TOKENS:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def tag_conll(path: str | os.PathLike, nlp=None) -> Iterator[str]:
    """Lines for ``marsad tag ner FILE``: one ``token PRED`` per token line, same order, blank lines kept.

    Input: ``token [TAG]`` per line, blank line between sentences or none at all (then sentences are split at
    . ؟ ! ? for tagging only — no extra blank lines are printed). In a tagged file, a line with a single field is a
    malformed row (an empty token before its tag, as ~190 ANERcorp lines are); it is echoed unchanged, so a scorer
    that skips such rows in the gold file skips them in the prediction too."""
    with open(path, encoding="utf-8") as fh:
        lines = [ln.rstrip("\r\n") for ln in fh]
    tagged = any(len(ln.split()) >= 2 for ln in lines)
    # items: ("blank", None) | ("raw", line) | ("tok", token)
    items: list[tuple[str, str | None]] = []
    for ln in lines:
        parts = ln.split()
        if not parts:
            items.append(("blank", None))
        elif tagged and len(parts) == 1:
            items.append(("raw", ln))
        else:
            items.append(("tok", parts[0]))
    # sentences = maximal runs of tokens between blank lines, further split at sentence-final punctuation
    sentences: list[list[str]] = []
    run: list[str] = []
    for kind, val in items:
        if kind == "tok":
            run.append(val)  # type: ignore[arg-type]
        elif kind == "blank" and run:
            sentences.extend(_split_run(run))
            run = []
    if run:
        sentences.extend(_split_run(run))
    tags = iter(t for s in tag_sentences(sentences, nlp=nlp) for t in s)
    for kind, val in items:
        if kind == "blank":
            yield ""
        elif kind == "raw":
            yield val  # type: ignore[misc]
        else:
            yield f"{val} {next(tags)}"


def predict_spans(text: str, nlp=None) -> list[tuple[int, int, str]]:
    """Entity spans ``(start_char, end_char, label)`` in ``text``, label in PER, ORG, LOC, MISC (PERS → PER).

    The text is tokenised by the model's own tokenizer (spaCy Arabic: punctuation split off, proclitics و ف ب ل ك ال
    NOT split), so a span covers whole tokens: «وبوتين» gives the span of «وبوتين», not «بوتين». The rules layer
    (marsad.extract.entities) trims clitics off the span's start."""
    if not text or not text.strip():
        return []
    nlp = nlp or load()
    if len(text) >= nlp.max_length:
        nlp.max_length = len(text) + 1
    doc = annotate(nlp, [nlp.make_doc(text)])[0]
    return [(e.start_char, e.end_char, LABEL_MAP.get(e.label_, e.label_)) for e in doc.ents]
