"""The CRF NER component: its features, its word statistics, training, and its spaCy pipeline on disk.
Sentences are original text written for these tests."""
import json
import zipfile

import pytest

from marsad.extract import ner, ner_crf, ner_crf_train
from marsad.extract.ner_crf import STAT_NAMES, WordFeatures, WordStats


def test_word_features_carry_the_clitic_the_article_and_the_stem():
    f = WordFeatures(WordStats()).word("وبالمدينة")
    assert f["s"] == "مدينه" and f["cl"] == "وب" and f["art"] is True
    g = WordFeatures(WordStats()).word("سعيد")
    assert g["cl"] == "" and g["art"] is False and "fq" not in g   # no statistics loaded: no statistics features


def test_context_features_reach_two_words_each_side_and_mark_the_edges():
    feats = WordFeatures(WordStats()).sentence(["قال", "الوزير", "خالد", "الحربي", "."])
    mid = feats[2]
    assert mid["-2s"] == "قال" and mid["-1s"] == "وزير" and mid["1s"] == "حربي" and mid["2s"] == "."
    assert mid["bg-"] == "وزير|خالد" and mid["1art"] is True
    assert feats[0]["-1BOS"] and feats[0]["-2BOS"] and feats[-1]["1EOS"]


def test_word_statistics_become_binned_shares_and_an_unknown_marker():
    stats = WordStats({"خالد": (100, 0, 60, 0, 30) + (0,) * (len(STAT_NAMES) - 4)})
    f = stats.features("خالد")
    assert f["fq"] == str((100).bit_length())
    assert f["rart"] == "0" and f["rtit"] == "e" and f["rbin"] == "d"     # 0 %, 60 %, 30 %
    assert stats.features("كلمة") == {"fq": "unk"}


def test_word_stats_round_trip_through_their_file(tmp_path):
    stats = WordStats({"رياض": (50, 45) + (1,) * (len(STAT_NAMES) - 1)})
    stats.write(tmp_path / "s.tsv", "a header\nof two lines")
    assert WordStats.read(tmp_path / "s.tsv").table == stats.table


def _zip(path, contents):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("day.json", json.dumps([{"content": c} for c in contents], ensure_ascii=False))
    return str(path)


def test_mining_counts_each_context_once_per_occurrence(tmp_path):
    z = _zip(tmp_path / "d.zip", ["قال الأمير خالد بن سعود في الرياض .", "وصل خالد إلى الرياض ."])
    stats = ner_crf_train.mine_word_stats([z], min_count=1)
    col = {name: i + 1 for i, name in enumerate(STAT_NAMES)}
    khalid, riyadh = stats.table["خالد"], stats.table["رياض"]
    assert khalid[0] == 2 and khalid[col["tit"]] == 1 and khalid[col["bin"]] == 1 and khalid[col["art"]] == 0
    assert riyadh[0] == 2 and riyadh[col["art"]] == 2 and riyadh[col["fi"]] == 2   # «في» and «إلى» (normalised)
    assert stats.table["امير"][col["rep"]] == 1                                     # after «قال»


SENTENCES = [
    [("زار", "O"), ("الأمير", "O"), ("فيصل", "B-PERS"), ("مدينة", "O"), ("جدة", "B-LOC"), (".", "O")],
    [("التقى", "O"), ("الأمير", "O"), ("سلطان", "B-PERS"), ("في", "O"), ("الرياض", "B-LOC"), (".", "O")],
    [("أعلنت", "O"), ("وزارة", "B-ORG"), ("الصحة", "I-ORG"), ("في", "O"), ("مكة", "B-LOC"), (".", "O")],
    [("زار", "O"), ("الأمير", "O"), ("نايف", "B-PERS"), ("مدينة", "O"), ("تبوك", "B-LOC"), (".", "O")],
] * 5


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    work = tmp_path_factory.mktemp("crf")
    model = ner_crf_train.train(SENTENCES, WordStats(), work / "crf.crfsuite", iterations=50)
    nlp = ner_crf_train.build_pipeline(model, WordStats())
    return work, nlp


def test_a_trained_crf_tags_the_pattern_it_learnt_on_new_words(trained):
    _, nlp = trained
    tags = ner.tag_words(["زار", "الأمير", "ماجد", "مدينة", "أبها", "."], nlp=nlp)
    assert tags == ["O", "O", "B-PERS", "O", "B-LOC", "O"]


def test_the_shipped_pipeline_loads_back_with_the_same_tags(trained, tmp_path):
    _, nlp = trained
    dest = tmp_path / "model"
    dest.mkdir()
    (dest / "README.md").write_text("# kept\n", encoding="utf-8")
    ner_crf_train.ship(nlp, dest)
    assert (dest / "README.md").read_text(encoding="utf-8") == "# kept\n"
    assert {p.name for p in (dest / ner_crf.FACTORY).iterdir()} == {ner_crf.MODEL_FILE, ner_crf.STATS_FILE}
    loaded = ner.load(dest)
    text = "أعلنت وزارة الصحة في مكة ."
    assert ner.predict_spans(text, nlp=loaded) == ner.predict_spans(text, nlp=nlp)
    assert ("ORG", "وزارة الصحة") in {(lab, text[a:b]) for a, b, lab in ner.predict_spans(text, nlp=loaded)}


def test_an_empty_text_and_a_stray_inside_tag_are_handled(trained):
    _, nlp = trained
    assert ner.predict_spans("", nlp=nlp) == []
    assert ner.tag_sentences([[]], nlp=nlp, propagate=False) == [[]]
