"""marsad.extract.ner_train helpers that run without training (training itself is scripts/train_ner.py)."""
import json

from marsad.extract import ner_corpus, ner_train


def test_ship_copies_the_model_keeps_the_readme_and_empties_the_string_store(tmp_path):
    best, dest = tmp_path / "best", tmp_path / "dest"
    (best / "vocab").mkdir(parents=True)
    (best / "vocab" / "strings.json").write_text(json.dumps(["كلمة", "أخرى"]), encoding="utf-8")
    (best / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    (dest / "vocab").mkdir(parents=True)
    (dest / "README.md").write_text("# kept\n", encoding="utf-8")
    (dest / "stale.bin").write_bytes(b"old")
    ner_train.ship(best, dest)
    assert json.loads((dest / "vocab" / "strings.json").read_text(encoding="utf-8")) == []
    assert (dest / "config.cfg").read_text(encoding="utf-8") == "[nlp]\n"
    assert (dest / "README.md").read_text(encoding="utf-8") == "# kept\n"
    assert not (dest / "stale.bin").exists()
    assert json.loads((best / "vocab" / "strings.json").read_text(encoding="utf-8")) == ["كلمة", "أخرى"]


def test_fix_iob_turns_a_stray_inside_tag_into_a_beginning():
    assert ner_corpus.fix_iob(["O", "I-PERS", "I-PERS", "I-LOC", "O"]) == ["O", "B-PERS", "I-PERS", "B-LOC", "O"]


def test_one_command_trains_a_model_that_loads_and_tags(tmp_path):
    """The whole recipe on a tiny hand-written corpus (no vectors, 20 steps), without shipping."""
    from marsad.extract import ner

    sents = [("زار الرئيس محمد عبد الله القاهرة .", "O O B-PERS I-PERS I-PERS B-LOC O"),
             ("قالت وزارة الخارجية إن موسكو ترفض .", "O B-ORG I-ORG O B-LOC O O"),
             ("التقى بوتين كيم في بيونغ يانغ .", "O B-PERS B-PERS O B-LOC I-LOC O"),
             ("أعلنت الأمم المتحدة عن مؤتمر في جنيف .", "O B-ORG I-ORG O O O B-LOC O")]
    conll = tmp_path / "train.txt"
    conll.write_text("".join(f"{w} {t}\n" for s, ts in sents * 5 for w, t in zip(s.split(), ts.split())),
                     encoding="utf-8")
    quick = {"training.max_steps": 20, "training.eval_frequency": 10}
    best = ner_train.main(str(tmp_path / "work"), seed=3, train_path=str(conll), use_vectors=False,
                          overrides=quick, do_ship=False)
    assert best == tmp_path / "work" / "model" / "model-best"
    assert (tmp_path / "work" / "dev.conll").exists() and (tmp_path / "work" / "train.spacy").exists()
    nlp = ner.load(best)
    assert "ner" in nlp.pipe_names and nlp.get_pipe("ner").labels == ("LOC", "ORG", "PERS")
    tags = ner.tag_sentences([s.split() for s, _ in sents], nlp=nlp)
    assert [len(t) for t in tags] == [len(s.split()) for s, _ in sents]
    assert all(t == "O" or t[:2] in ("B-", "I-") for ts in tags for t in ts)


def test_cv_folds_are_contiguous_blocks_that_cover_every_sentence_once():
    sents = [[(f"w{i}", "O")] for i in range(23)]
    folds = ner_train.cv_folds(sents, 5)
    assert [len(f) for f in folds] == [4, 5, 4, 5, 5]
    assert [s for f in folds for s in f] == sents          # in file order: an article stays in one fold


def test_cross_validation_trains_on_the_other_folds_and_scores_each_held_out_one(tmp_path):
    """Two folds of a tiny hand-written corpus, no vectors, 10 steps: each fold is scored and the mean printed."""
    sents = [("زار الرئيس محمد عبد الله القاهرة .", "O O B-PERS I-PERS I-PERS B-LOC O"),
             ("قالت وزارة الخارجية إن موسكو ترفض .", "O B-ORG I-ORG O B-LOC O O")]
    conll = tmp_path / "train.txt"
    conll.write_text("".join(f"{w} {t}\n" for s, ts in sents * 6 for w, t in zip(s.split(), ts.split())),
                     encoding="utf-8")
    res = ner_train.cross_validate(2, str(tmp_path / "cv"), seed=1, train_path=str(conll), steps=10, subword_k=-1)
    assert [r["fold"] for r in res["folds"]] == [0, 1]
    assert [r["sentences"] for r in res["folds"]] == [6, 6]
    assert all(0.0 <= r["prop"]["f1"] <= 1.0 and "raw" in r for r in res["folds"])
    assert res["mean"] == sum(r["prop"]["f1"] for r in res["folds"]) / 2
    assert (tmp_path / "cv" / "fold1" / "score.json").exists()
    # a second run reuses the scored folds instead of training again
    assert ner_train.cross_validate(2, str(tmp_path / "cv"), train_path=str(conll), steps=10, subword_k=-1) == res


def test_org_chain_tags_mark_a_head_and_its_chain():
    from marsad.extract.ner_lang import org_chain_tags

    words = "وأعلنت وزارة الزراعة الأردنية ، أمس ، أن اللواء سعيد وصل".split()
    tags = org_chain_tags(words)
    assert tags[:4] == ["", "H", "C1", "C2"]
    assert all(t == "" for t in tags[4:])  # punctuation ends the chain; a title and a name open none


def test_org_chains_config_puts_the_component_before_the_tok2vec(tmp_path):
    from thinc.api import Config

    from marsad.extract.ner_train import org_chains_config

    cfg = Config().from_disk(org_chains_config(tmp_path))
    assert cfg["nlp"]["pipeline"] == ["org_chains", "tok2vec", "ner"]
    assert cfg["training"]["annotating_components"] == ["org_chains"]
    assert cfg["components"]["org_chains"]["factory"] == "marsad_org_chains"
