"""NER floor on the ANERcorp dev split (last 10% of the train file's sentences); skips without ../shared/eval."""
import json
from pathlib import Path

import pytest

EVAL = Path(__file__).parents[2] / ".." / "shared" / "eval"
TRAIN = EVAL / "anercorp" / "ANERCorp_train.txt"
BASELINE = Path(__file__).parent / "baseline.json"
MODEL = Path(__file__).parents[2] / "marsad" / "models" / "ner" / "config.cfg"

pytestmark = pytest.mark.eval


@pytest.mark.skipif(not TRAIN.exists(), reason="../shared/eval/anercorp is missing")
@pytest.mark.skipif(not MODEL.exists(), reason="NER model not trained (scripts/train_ner.py)")
def test_ner_dev_f1_floor(tmp_path):
    """The shipped recipe on the dev split, with a model that never saw it: the shipped model is trained on the whole
    train part (its meta says so), so the recipe is trained here on the first 90% (CRFsuite, ~1 min on one core) with
    the shipped word statistics (SaudiNewsNet counts, no ANERcorp) and scored on the last 10%."""
    from marsad.evaluate.ner import evaluate_dev, read_anercorp, split
    from marsad.extract import ner, ner_crf, ner_crf_train

    floor = json.loads(BASELINE.read_text(encoding="utf-8"))["ner_dev_f1"]
    shipped = ner.load()
    if shipped.meta.get("marsad", {}).get("dev_split_in_training"):
        stats = shipped.get_pipe(ner_crf.FACTORY).features.stats
        train_part, _ = split(read_anercorp(TRAIN))
        nlp = ner_crf_train.build_pipeline(ner_crf_train.train(train_part, stats, tmp_path / "crf.crfsuite"), stats)
    else:
        nlp = shipped
    res = evaluate_dev(TRAIN, nlp=nlp)
    assert not res["dev_in_training"]
    assert res["tokens"] > 10_000
    assert res["f1"] >= floor, f"dev F1 {res['f1']:.4f} < floor {floor} (P {res['precision']:.3f} R {res['recall']:.3f})"


@pytest.mark.skipif(not MODEL.exists(), reason="NER model not trained (scripts/train_ner.py)")
def test_the_shipped_model_says_what_it_was_trained_on():
    from marsad.extract import ner

    info = ner.load().meta.get("marsad", {})
    assert info.get("trained_on", "").startswith("ANERcorp train")
    assert isinstance(info.get("dev_split_in_training"), bool) and info.get("recipe_dev_f1", 0) > 0.5


@pytest.mark.skipif(not TRAIN.exists(), reason="../shared/eval/anercorp is missing")
def test_dev_split_is_fixed():
    from marsad.evaluate.ner import read_anercorp, split

    sents = read_anercorp(TRAIN)
    train, dev = split(sents)
    assert len(dev) == len(sents) - int(len(sents) * 0.9)
    assert train + dev == sents
    assert all(tok for s in sents for tok, _ in s)
