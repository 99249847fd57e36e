"""marsad's NER tagger: a linear-chain CRF (CRFsuite, through python-crfsuite) over hand-made Arabic word features,
as a spaCy pipeline component ``marsad_crf_ner`` (reads the tokens' text, writes ``doc.ents``).

Why a CRF and not the CNN it replaced: on ANERcorp's train part (5-fold cross-validation, contiguous folds) it tags
better (0.7251 against 0.6957 before the corpus statistics below) and the features are plain, inspectable strings
that carry what Arabic needs and a cased-script model lacks (bench/README.md, "NER fifth round").

Features of a word (``word_features``; its neighbours' are read by ``sentence_features``):
- its matching form (``ner_features.norm``) and light stem (``ner_lang.stem``: clitic and article off), the stem's
  first 2/3 and last 1/2/3 letters, the clitic letters and whether it carries the article, its length;
- digit, punctuation, Latin script;
- its word classes (``arabic/data/ner_word_classes.tsv``: organisation head, chain word, place, given name, title,
  nationality adjective, gazetteer type, mined from SaudiNewsNet);
- **how the word behaves in news** (``WordStats``, counted over the 31k SaudiNewsNet articles by
  scripts/ner/mine_word_stats.py): its frequency (log2), and the share of its occurrences that carry the article,
  follow a title or person cue, follow a given name, precede «بن», follow an organisation head, follow a place noun,
  follow «في/الى», follow a reporting verb, follow «بن/ابن/بنت», precede a given name, stand in an organisation
  chain, precede a definite word, precede punctuation or «و» — each share in 7 bins. A name is rarely definite,
  often follows a title and precedes «بن»; a place follows «في» and a place noun; these shares reach words
  ANERcorp's 4,000 training sentences never show;
- context: the stems of the words ±2 away, the neighbours' (±1) form, last two letters, clitic, article,
  punctuation and shares, the word classes of the words ±2 away, and the stem bigrams with each neighbour.

Like the rest of the model's features, the normalisation is ``ner_features``' frozen copy: a trained model's features
must not change when the shared text helpers evolve.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import iob_to_biluo, biluo_tags_to_spans

from marsad.extract.ner_corpus import fix_iob
from marsad.extract.ner_features import norm
from marsad.extract.ner_lang import stem, word_class

FACTORY = "marsad_crf_ner"
MODEL_FILE = "crf.crfsuite"
STATS_FILE = "word_stats.tsv"
# the columns of word_stats.tsv after the stem and its count, in order (see mine_word_stats.py for each)
STAT_NAMES = ("art", "tit", "giv", "bin", "orh", "pln", "fi", "rep", "abin", "ngiv", "och", "nart", "npu")
_STAT_KEYS = frozenset("r" + s for s in STAT_NAMES)
_SHARE_BINS = ((0.0, "0"), (0.01, "a"), (0.05, "b"), (0.2, "c"), (0.5, "d"), (0.9, "e"))
CLITIC_ARTICLE = re.compile("^([وف]?[بلك]?)(ال)?(?=..)")
_PUNCT = set(".,،؛:؟!?()[]«»\"'-–/")
_LATIN = re.compile("[A-Za-z]")


def _share_bin(share: float) -> str:
    for bound, label in _SHARE_BINS:
        if share <= bound:
            return label
    return "f"


class WordStats:
    """stem → (count, count of each STAT_NAMES context) over SaudiNewsNet; read from ``word_stats.tsv``."""

    def __init__(self, table: dict[str, tuple[int, ...]] | None = None):
        self.table = table or {}

    @classmethod
    def read(cls, path: str | Path) -> WordStats:
        table = {}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or not line.strip():
                    continue
                key, *counts = line.rstrip("\n").split("\t")
                table[key] = tuple(int(c) for c in counts)
        return cls(table)

    def write(self, path: str | Path, header: str = "") -> None:
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for line in header.splitlines():
                fh.write(f"# {line}\n")
            fh.write("# columns: stem, count, " + ", ".join(STAT_NAMES) + "\n")
            for key in sorted(self.table):
                if key.startswith("#"):
                    continue  # it would read back as a comment line (a «#» token: hashtags)
                fh.write(key + "\t" + "\t".join(map(str, self.table[key])) + "\n")
        tmp.replace(path)

    def features(self, key: str) -> dict[str, str]:
        counts = self.table.get(key)
        if counts is None:
            return {"fq": "unk"} if self.table else {}
        total = counts[0]
        out = {"fq": str(min(total.bit_length(), 14))}
        for name, c in zip(STAT_NAMES, counts[1:]):
            out["r" + name] = _share_bin(c / total)
        return out


class WordFeatures:
    """The per-word feature dicts, cached (a news text repeats its words)."""

    def __init__(self, stats: WordStats):
        self.stats = stats
        self.word = functools.lru_cache(maxsize=200_000)(self._word)

    def _word(self, w: str) -> dict:
        n, s = norm(w), stem(w)
        m = CLITIC_ARTICLE.match(n)
        f = {"n": n, "s": s, "p2": s[:2], "p3": s[:3], "x1": s[-1:], "x2": s[-2:], "x3": s[-3:],
             "np2": n[:2], "len": str(min(len(s), 8)), "cl": m.group(1) if m else "", "art": bool(m and m.group(2))}
        if any(c.isdigit() for c in w):
            f["dig"] = True
        if all(c in _PUNCT for c in w):
            f["pu"] = True
        if _LATIN.search(w):
            f["lat"] = True
        for c in word_class(w).split(","):
            if c:
                f["wc_" + c] = True
        f.update(self.stats.features(s))
        return f

    def sentence(self, words: list[str]) -> list[dict]:
        """CRFsuite items (python-crfsuite's dict form): a string value is the attribute ``key:value``, a boolean or a
        number the attribute ``key`` with that weight."""
        base = [self.word(w) for w in words]
        out = []
        for i in range(len(words)):
            f = {"bias": 1.0, **base[i]}
            for d in (-2, -1, 1, 2):
                j = i + d
                if not 0 <= j < len(words):
                    f[f"{d}BOS" if d < 0 else f"{d}EOS"] = True
                    continue
                b = base[j]
                f[f"{d}s"] = b["s"]
                if abs(d) == 1:
                    f[f"{d}x2"], f[f"{d}art"], f[f"{d}cl"], f[f"{d}n"] = b["x2"], b["art"], b["cl"], b["n"]
                    if "pu" in b:
                        f[f"{d}pu"] = True
                for k, v in b.items():
                    if k.startswith("wc_") or (abs(d) == 1 and k in _STAT_KEYS):
                        f[f"{d}{k}"] = v
            if i > 0:
                f["bg-"] = base[i - 1]["s"] + "|" + base[i]["s"]
            if i < len(words) - 1:
                f["bg+"] = base[i]["s"] + "|" + base[i + 1]["s"]
            out.append(f)
        return out


class CRFEntityRecognizer:
    """The spaCy component: BIO tags from the CRF, written to ``doc.ents`` (labels PERS, LOC, ORG, MISC). Its files:
    ``crf.crfsuite`` (the CRFsuite model) and ``word_stats.tsv`` (``WordStats``)."""

    def __init__(self, nlp: Language, name: str = FACTORY):
        self.name = name
        self.tagger = None
        self.model_bytes = b""
        self.features = WordFeatures(WordStats())

    def set_model(self, model_bytes: bytes, stats: WordStats) -> CRFEntityRecognizer:
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open_inmemory(model_bytes)
        self.model_bytes = model_bytes
        self.features = WordFeatures(stats)
        return self

    @property
    def labels(self) -> tuple[str, ...]:
        """The entity types the model tags (PERS, LOC, ORG, MISC)."""
        return tuple(sorted({t[2:] for t in self.tagger.labels() if t[:2] in ("B-", "I-")})) if self.tagger else ()

    def __call__(self, doc: Doc) -> Doc:
        words = [t.text for t in doc]
        if not words:
            return doc
        if self.tagger is None:
            raise RuntimeError(f"{self.name}: no CRF model loaded")
        tags = self.tagger.tag(self.features.sentence(words))
        doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(fix_iob(tags)))
        return doc

    def pipe(self, docs, batch_size: int = 256):
        for doc in docs:
            yield self(doc)

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / MODEL_FILE).write_bytes(self.model_bytes)
        self.features.stats.write(path / STATS_FILE, "how each stem behaves in SaudiNewsNet (counts only; "
                                                     "marsad.extract.ner_crf_train.mine_word_stats)")

    def from_disk(self, path, exclude=tuple()) -> CRFEntityRecognizer:
        path = Path(path)
        return self.set_model((path / MODEL_FILE).read_bytes(), WordStats.read(path / STATS_FILE))


@Language.factory(FACTORY)
def make_crf_ner(nlp: Language, name: str) -> CRFEntityRecognizer:
    return CRFEntityRecognizer(nlp, name)
