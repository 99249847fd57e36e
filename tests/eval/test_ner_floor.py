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
def test_ner_dev_f1_floor():
    from marsad.evaluate.ner import evaluate_dev

    floor = json.loads(BASELINE.read_text(encoding="utf-8"))["ner_dev_f1"]
    res = evaluate_dev(TRAIN)
    assert res["tokens"] > 10_000
    assert res["f1"] >= floor, f"dev F1 {res['f1']:.4f} < floor {floor} (P {res['precision']:.3f} R {res['recall']:.3f})"


@pytest.mark.skipif(not TRAIN.exists(), reason="../shared/eval/anercorp is missing")
def test_dev_split_is_fixed():
    from marsad.evaluate.ner import read_anercorp, split

    sents = read_anercorp(TRAIN)
    train, dev = split(sents)
    assert len(dev) == len(sents) - int(len(sents) * 0.9)
    assert train + dev == sents
    assert all(tok for s in sents for tok, _ in s)
