"""marsad.extract.ner_vectors: floret ⊕ PCA(USE subword embeddings), computed for any word, serialised with the model.

Words below are written for these tests (not taken from any corpus)."""
import numpy as np
import pytest
import spacy
from spacy.vectors import Vectors

from marsad.extract import ner_lang
from marsad.extract.ner_vectors import SubwordVectors, compose

WORDS = ["القاهرة", "والقاهرة", "بوتين", "لبوتين", "وزير", "الخارجية", "مجلس", "الأمن", "يوم", "الخميس",
         "جنيف", "باريس", "المتحدة", "الأمم", "قال", "أعلن", "الرئيس", "الحكومة", "سيول", "كييف"] * 3


def _floret(dim=8, rows=50):
    rng = np.random.default_rng(0)
    return Vectors(mode="floret", data=rng.normal(size=(rows, dim)).astype(np.float32), hash_count=2, minn=3,
                   maxn=5, attr="NORM")


def _vectors(k=6):
    nlp = spacy.blank(ner_lang.LANG, config={"nlp": {"vectors": {"@vectors": "marsad.SubwordVectors.v1"}}})
    sv = nlp.vocab.vectors
    assert isinstance(sv, SubwordVectors)
    sv.fit(_floret(), WORDS, k)
    return nlp


def test_compose_is_the_mean_of_pieces_and_handles_empty_words():
    out = compose(["بوتين", "", "!!!"])
    assert out.shape == (3, 512) and out.dtype == np.float32
    assert np.abs(out[0]).sum() > 0
    assert np.all(np.isfinite(out))
    # batching does not change a word's vector; diacritics are ignored
    assert np.allclose(compose(["بوتين"])[0], out[0])
    assert np.allclose(compose(["بُوتِين"])[0], out[0])


def test_every_word_gets_a_vector_of_floret_plus_k_dims():
    nlp = _vectors(k=6)
    v = nlp.vocab.vectors
    assert v.shape[1] == 8 + 6
    keys = [nlp.vocab.strings.add(w) for w in ("بوتين", "كلمةلمترد", "وبالقاهرة")]
    got = v.get_batch(keys)
    assert got.shape == (3, 14)
    assert all(np.abs(row[8:]).sum() > 0 for row in got)        # the USE half exists for unseen words too
    assert np.allclose(v[keys[0]], got[0])
    assert v.get_batch([]).shape == (0, 14)


def test_floret_half_reads_the_normalised_form():
    nlp = _vectors()
    v = nlp.vocab.vectors
    a, b = (nlp.vocab.strings.add(w) for w in ("أحمد", "احمد"))
    va, vb = v.get_batch([a, b])
    assert np.allclose(va[:8], vb[:8])


def test_round_trip_disk_and_bytes(tmp_path):
    nlp = _vectors()
    keys = [nlp.vocab.strings.add(w) for w in ("سيول", "كييف")]
    want = nlp.vocab.vectors.get_batch(keys)
    nlp.to_disk(tmp_path / "m")
    back = spacy.load(tmp_path / "m")
    assert isinstance(back.vocab.vectors, SubwordVectors)
    assert np.allclose(back.vocab.vectors.get_batch(keys), want, atol=1e-5)
    fresh = SubwordVectors(strings=nlp.vocab.strings).from_bytes(nlp.vocab.vectors.to_bytes())
    assert np.allclose(fresh.get_batch(keys), want, atol=1e-5)


def test_k_zero_is_floret_only():
    nlp = _vectors(k=0)
    assert nlp.vocab.vectors.shape[1] == 8


def test_vectors_cannot_be_added():
    nlp = _vectors()
    with pytest.raises(NotImplementedError):
        nlp.vocab.vectors.add(1, vector=np.zeros(14, dtype=np.float32))


def test_clitic_variants():
    from marsad.extract.ner_vectors import _clitic_variants

    assert _clitic_variants("وبالقاهرة") == ["وبالقاهرة", "بالقاهرة", "القاهرة"]
    assert "الأمم" in _clitic_variants("للأمم")      # ل before the article drops its alef
    assert _clitic_variants("من") == ["من"]          # nothing left to strip from a short word


def test_clitics_compose_from_the_form_the_subword_vocabulary_knows():
    glued, bare = compose(["والقاهرة", "القاهرة"], clitics=True)
    assert np.allclose(glued, bare)
    plain = compose(["والقاهرة"])[0]
    assert not np.allclose(plain, bare)             # without the option the glued form is split blindly
    one = compose(["وزير"], clitics=True)[0]        # a word the vocabulary has whole is kept as it is
    assert np.allclose(one, compose(["وزير"])[0])


def test_clitics_setting_is_saved(tmp_path):
    nlp = spacy.blank(ner_lang.LANG, config={"nlp": {"vectors": {"@vectors": "marsad.SubwordVectors.v1"}}})
    nlp.vocab.vectors.fit(_floret(), WORDS, 4, clitics=True)
    nlp.to_disk(tmp_path / "m")
    assert spacy.load(tmp_path / "m").vocab.vectors.clitics is True
    assert SubwordVectors(strings=nlp.vocab.strings).from_bytes(nlp.vocab.vectors.to_bytes()).clitics is True


def test_both_puts_the_word_and_its_clitic_free_variant_side_by_side(tmp_path):
    from marsad.extract.ner_vectors import features

    x = features(["والقاهرة", "القاهرة"], "both")
    assert x.shape == (2, 1024)
    assert np.allclose(x[0, 512:], x[1, 512:]) and not np.allclose(x[0, :512], x[1, :512])
    nlp = spacy.blank(ner_lang.LANG, config={"nlp": {"vectors": {"@vectors": "marsad.SubwordVectors.v1"}}})
    nlp.vocab.vectors.fit(_floret(), WORDS, 5, clitics="both")
    key = nlp.vocab.strings.add("لبوتين")
    want = nlp.vocab.vectors.get_batch([key])
    assert want.shape == (1, 13)
    nlp.to_disk(tmp_path / "m")
    back = spacy.load(tmp_path / "m").vocab.vectors
    assert back.clitics == "both" and np.allclose(back.get_batch([key]), want, atol=1e-5)


def test_a_full_cache_never_loses_the_rows_of_the_batch_being_read(monkeypatch):
    from marsad.extract import ner_vectors

    nlp = _vectors()
    v = nlp.vocab.vectors
    monkeypatch.setattr(ner_vectors, "_CACHE_MAX", 3)
    old = [nlp.vocab.strings.add(w) for w in ("بوتين", "وزير")]
    first = v.get_batch(old)                      # cached
    new = [nlp.vocab.strings.add(w) for w in ("جنيف", "باريس")]
    got = v.get_batch(old + new)                  # 2 cached + 2 new > 3: the cache is emptied, the batch still read
    assert got.shape == (4, 14)
    assert np.allclose(got[:2], first)
    assert set(v._cache) == set(new)              # emptied, then filled with this batch's new rows
    assert np.allclose(v.get_batch(old + new), got)
