"""marsad.extract.ner: the shipped model loads offline, tags Arabic, and tag_conll keeps the CoNLL layout.

The sentences below are written for these tests (not taken from any corpus)."""
import socket
from pathlib import Path

import pytest

from marsad.extract import ner, ner_crf

pytestmark = pytest.mark.skipif(not (ner.MODEL_DIR / "config.cfg").exists(),
                                reason="NER model not trained (scripts/train_ner.py)")

SENT1 = "وصل الرئيس المصري عبد الفتاح السيسي إلى العاصمة الفرنسية باريس مساء الأحد ."
SENT2 = "قال وزير الخارجية السعودي إن الأمم المتحدة ستعقد اجتماعا في جنيف الأسبوع المقبل ."
SENT3 = "والتقى الأمين العام لجامعة الدول العربية بالرئيس الروسي فلاديمير بوتين في موسكو ."


def _spans(words, tags):
    out, cur = [], None
    for w, t in zip(words, tags):
        if t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[0] != t[2:])):
            cur = (t[2:], [w])
            out.append(cur)
        elif t.startswith("I-"):
            cur[1].append(w)
        else:
            cur = None
    return {(typ, " ".join(ws)) for typ, ws in out}


@pytest.fixture(scope="module")
def offline():
    """Forbid network access while the model loads and runs."""
    real = socket.socket.connect

    def deny(*a, **k):
        raise AssertionError("network access attempted")

    socket.socket.connect = deny
    try:
        yield
    finally:
        socket.socket.connect = real


def test_loads_offline_and_is_cached(offline):
    nlp = ner.load()
    assert nlp is ner.load()
    assert nlp.pipe_names == [ner_crf.FACTORY]
    assert set(nlp.get_pipe(ner_crf.FACTORY).labels) == {"PERS", "LOC", "ORG", "MISC"}


def test_tag_words_finds_well_known_names(offline):
    found = set()
    for sent in (SENT1, SENT2, SENT3):
        words = sent.split()
        tags = ner.tag_words(words)
        assert len(tags) == len(words)
        assert all(t == "O" or t[:2] in ("B-", "I-") for t in tags)
        found |= _spans(words, tags)
    types = {w: typ for typ, span in found for w in span.split()}
    assert types.get("باريس") == "LOC"
    assert types.get("موسكو") == "LOC"
    assert types.get("جنيف") == "LOC"
    assert types.get("بوتين") == "PERS"
    assert types.get("السيسي") == "PERS"


def test_tag_words_empty():
    assert ner.tag_words([]) == []


def test_predict_spans_character_offsets(offline):
    text = "زار الرئيس الروسي فلاديمير بوتين مدينة القاهرة، وقال إن مصر شريك مهم."
    spans = ner.predict_spans(text)
    assert spans, "no entities"
    for s, e, lab in spans:
        assert 0 <= s < e <= len(text)
        assert lab in {"PER", "ORG", "LOC", "MISC"}
        assert text[s:e] == text[s:e].strip()
    labels = {text[s:e]: lab for s, e, lab in spans}
    assert labels.get("القاهرة") == "LOC"
    assert any(lab == "PER" and "بوتين" in text[s:e] for s, e, lab in spans)
    assert ner.predict_spans("") == []


def _conll_lines(tmp_path, content):
    p = tmp_path / "in.conll"
    p.write_text(content, encoding="utf-8")
    return list(ner.tag_conll(p))


def test_tag_conll_keeps_blank_lines_and_tokens(tmp_path):
    sents = [SENT1.split(), SENT2.split()]
    content = "\n".join(f"{w} O" for w in sents[0]) + "\n\n" + "\n".join(f"{w} O" for w in sents[1]) + "\n"
    out = _conll_lines(tmp_path, content)
    inp = content.splitlines()
    assert len(out) == len(inp)
    for a, b in zip(inp, out):
        if not a.strip():
            assert b == ""
        else:
            assert b.split()[0] == a.split()[0]
            assert len(b.split()) == 2


def test_tag_conll_without_sentence_breaks_prints_no_blank_lines(tmp_path):
    words = SENT1.split() + SENT2.split() + SENT3.split()
    out = _conll_lines(tmp_path, "\n".join(f"{w} O" for w in words) + "\n")
    assert [ln.split()[0] for ln in out] == words
    assert all(ln.strip() for ln in out)


def test_tag_conll_untagged_input_and_malformed_rows(tmp_path):
    words = SENT3.split()
    out = _conll_lines(tmp_path, "\n".join(words) + "\n")
    assert [ln.split()[0] for ln in out] == words
    # a tagged file with an empty-token row: echoed unchanged (a scorer skips it in gold and prediction alike)
    out = _conll_lines(tmp_path, "موسكو B-LOC\n O\nمدينة O\n")
    assert len(out) == 3 and out[1] == " O" and out[0].startswith("موسكو ") and out[2].startswith("مدينة ")


def test_model_size_under_limit():
    size = sum(p.stat().st_size for p in Path(ner.MODEL_DIR).rglob("*") if p.is_file())
    assert size <= 40 * 1024 * 1024


def test_propagation_spreads_a_tagged_name_to_its_untagged_occurrences():
    sents = [["استقبل", "سامر", "حداد", "الوفد", "."],
             ["وقال", "حداد", "إن", "الاجتماع", "مثمر", "."],
             ["وأكد", "لحداد", "أن", "اللقاء", "تم", "."],
             ["وزار", "سامر", "حداد", "المدينة", "."]]
    tags = [["O", "B-PERS", "I-PERS", "O", "O"], ["O"] * 6, ["O"] * 6, ["O"] * 5]
    out = ner.propagate_entities(sents, tags)
    assert out[0] == tags[0]
    assert out[1][1] == "B-PERS"                    # the surname alone
    assert out[2][1] == "B-PERS"                    # with a clitic glued on; the tag covers the whole token
    assert out[3][1:3] == ["B-PERS", "I-PERS"]      # the full name again
    assert all(t == "O" for s, o in zip(sents, out) for w, t in zip(s, o) if w in ("الوفد", "إن", "."))


def test_propagation_leaves_rarely_tagged_strings_and_existing_tags_alone():
    sents = [["زار", "الوزير", "عمان", "."]] + [["في", "عمان", "اليوم", "."]] * 12
    tags = [["O", "O", "B-LOC", "O"]] + [["O", "O", "O", "O"]] * 12
    assert ner.propagate_entities(sents, tags) == tags          # tagged in 1 of 13 occurrences: below the ratio
    sents2 = [["زار", "عمان", "."], ["من", "عمان", "."]]
    tags2 = [["O", "B-LOC", "O"], ["O", "B-ORG", "O"]]
    assert ner.propagate_entities(sents2, tags2) == tags2       # nothing is O: nothing to fill
    assert ner.propagate_entities([["أ", "."]], [["B-PERS", "O"]]) == [["B-PERS", "O"]]


def test_propagation_stays_within_its_window_of_sentences():
    """A name tagged in one article does not reach a common word of another article far down the same file."""
    filler = [["وارتفعت", "الأسهم", "اليوم", "."]]
    sents = [["وسجل", "دين", "هدفا", "."]] + filler * 50 + [["وسدد", "الشركة", "دين", "السندات", "."]]
    tags = [["O", "B-PERS", "O", "O"]] + [["O"] * 4] * 50 + [["O"] * 5]
    assert ner.PROPAGATION_WINDOW < 50
    assert ner.propagate_entities(sents, tags) == tags                          # 51 sentences apart
    assert ner.propagate_entities(sents, tags, window=None)[-1][2] == "B-PERS"  # the whole input as one text
    near = sents[:1] + filler * 5 + sents[-1:]
    assert ner.propagate_entities(near, tags[:1] + tags[1:6] + tags[-1:])[-1][2] == "B-PERS"
    # the ratio is counted inside the window: far-away untagged occurrences do not dilute it
    many = sents[:1] + [["وسدد", "دين", "."]] + filler * 45 + [["دين", "."]] * 20
    many_tags = [tags[0], ["O"] * 3] + [["O"] * 4] * 45 + [["O", "O"]] * 20
    out = ner.propagate_entities(many, many_tags)
    assert out[1][1] == "B-PERS" and all(t == ["O", "O"] for t in out[-20:])
    assert ner.propagate_entities(many, many_tags, window=None) == many_tags     # 1 of 22 overall: below 0.1


def test_propagation_never_spreads_function_words_nisbas_or_ordinals_as_one_word_names():
    # the model tagged «علي» (a name, and the misspelt preposition «على»), «الثاني» and «المصري» once each
    sents = [["التقى", "علي", "بالوفد", "."], ["جلس", "علي", "الكرسي", "."], ["وضعه", "علي", "الطاولة", "."],
             ["الفصل", "الثاني", "."], ["في", "الدور", "الثاني", "."],
             ["قال", "المصري", "."], ["الفريق", "المصري", "فاز", "."],
             ["فاز", "صالح", "."], ["صوت", "لصالح", "القرار", "."]]
    tags = [["O", "B-PERS", "O", "O"], ["O"] * 4, ["O"] * 4,
            ["O", "B-PERS", "O"], ["O"] * 4,
            ["O", "B-PERS", "O"], ["O"] * 4,
            ["O", "B-PERS", "O"], ["O"] * 4]
    assert ner.propagate_entities(sents, tags) == tags   # «لصالح» (in favour of) is no «صالح» either
    # a name of two words that contains such a word still spreads as a whole
    sents2 = [["استقبل", "عبد", "الله", "الثاني", "الوفد", "."], ["وقال", "عبد", "الله", "الثاني", "."]]
    tags2 = [["O", "B-PERS", "I-PERS", "I-PERS", "O", "O"], ["O"] * 5]
    assert ner.propagate_entities(sents2, tags2)[1] == ["O", "B-PERS", "I-PERS", "I-PERS", "O"]


def test_the_loaded_model_tags_as_a_bare_spacy_load(offline):
    import spacy
    from spacy.tokens import Doc

    nlp = ner.load()
    default = spacy.load(ner.MODEL_DIR)   # registered by ner.load's imports; no marsad code between
    words = [["قال", "الرئيس", "فلاديمير", "بوتين", "في", "موسكو", "إن", "روسيا", "ستواصل"],
             ["وأعلنت", "وزارة", "الدفاع", "الكورية", "الجنوبية", "أن", "سيول", "رصدت", "القوات"]]
    want = [ner._bio(d) for d in default.pipe([Doc(default.vocab, words=w) for w in words])]
    got = [ner._bio(d) for d in ner.annotate(nlp, [Doc(nlp.vocab, words=w) for w in words])]
    assert got == want and any(t != "O" for ts in got for t in ts)


def test_word_class_feature_reads_the_stem_of_the_word():
    from marsad.extract import ner_lang

    assert "orghead" in ner_lang.word_class("وزارة")
    assert "orghead" in ner_lang.word_class("بوزارة")      # clitic off: the same class
    assert "placenoun" in ner_lang.word_class("بمنطقة")
    assert ner_lang.word_class("ذهب") == ""
