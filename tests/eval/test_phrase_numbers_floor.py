"""Number parsing floors on Duckling's Arabic corpus (../shared/eval/duckling-ar); skips when it is missing.

Floors are pinned in tests/eval/baseline.json under "duckling_numbers" (one accuracy per corpus file; only raised).
Scored with the owners' scorer ../shared/tools/duckscore.py (numbers mode).
"""
import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EVAL = REPO.parent / "shared" / "eval" / "duckling-ar"
SCORER = REPO.parent / "shared" / "tools" / "duckscore.py"
BASELINE = Path(__file__).parent / "baseline.json"

pytestmark = pytest.mark.eval


def _floors() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))["duckling_numbers"]


def _scorer():
    spec = importlib.util.spec_from_file_location("duckscore", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not EVAL.is_dir() or not SCORER.exists(), reason="../shared/eval/duckling-ar is missing")
@pytest.mark.parametrize("name", ["numeral", "numeral_ar_eg", "ordinal", "amount_of_money", "quantity", "duration",
                                  "volume", "temperature"])
def test_duckling_floor(name):
    from marsad.evaluate.phrase_numbers import parse_cases

    floor = _floors()[name]
    cases = json.loads((EVAL / f"{name}.json").read_text(encoding="utf-8"))
    preds = parse_cases(cases)
    assert len(preds) == len(cases)
    num_ok = _scorer().num_ok
    fails = [(c["text"], c["expected"], p) for c, p in zip(cases, preds) if not num_ok(c["expected"], p)]
    acc = (len(cases) - len(fails)) / len(cases)
    assert acc >= floor, f"{name}: {acc:.3f} < floor {floor}; failures: {fails[:10]}"


def test_parse_cases_shape():
    from marsad.evaluate.phrase_numbers import parse_cases

    out = parse_cases([{"text": "ثلاثة آلاف"}, {"text": "ليس رقما"}, {"text": "من 5 إلى 7 دولار"}])
    assert out[0] == {"value": 3000, "unit": None}
    assert out[1] is None
    assert out[2]["low"] == 5 and out[2]["high"] == 7 and out[2]["unit"] == "USD"
