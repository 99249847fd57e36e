"""Time parsing floor on Duckling's Arabic corpus (../shared/eval/duckling-ar/time.json, prefer=future as Duckling),
and its negative corpus (no date at all). Skips when ../shared/eval is missing.

The floor is pinned in tests/eval/baseline.json under "duckling_time" (only ever raised). Scored with the owners'
scorer ../shared/tools/duckscore.py (time mode).
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
needs_eval = pytest.mark.skipif(not (EVAL / "time.json").exists() or not SCORER.exists(),
                                reason="../shared/eval/duckling-ar is missing")


def _scorer():
    spec = importlib.util.spec_from_file_location("duckscore", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@needs_eval
def test_duckling_time_floor():
    from marsad.evaluate.phrase_time import parse_cases

    floor = json.loads(BASELINE.read_text(encoding="utf-8"))["duckling_time"]["time"]
    cases = json.loads((EVAL / "time.json").read_text(encoding="utf-8"))
    preds = parse_cases(cases, prefer="future")
    assert len(preds) == len(cases)
    ok = _scorer().time_ok
    fails = [(c["text"], p) for c, p in zip(cases, preds) if not ok(c["expected"], p)]
    acc = (len(cases) - len(fails)) / len(cases)
    assert acc >= floor, f"time: {acc:.3f} < floor {floor}; failures: {fails[:10]}"


@needs_eval
def test_duckling_time_negative():
    from marsad.evaluate.phrase_time import parse_cases
    from marsad.arabic.time import tag_dates

    cases = json.loads((EVAL / "time_negative.json").read_text(encoding="utf-8"))
    assert parse_cases(cases, prefer="future") == [None] * len(cases)
    for c in cases:
        assert tag_dates(c["text"], "2013-02-12") == []


def test_parse_cases_shape():
    from marsad.evaluate.phrase_time import parse_cases

    ref = "2013-02-12T04:30:00.000-02:00"
    out = parse_cases([{"text": "الشهر المقبل", "reference_time": ref}, {"text": "كلام", "reference_time": ref},
                       {"text": "السنة الماضية", "reference_time": ref}], prefer="future")
    assert out[0] == {"value": "2013-03-01", "grain": "month"}
    assert out[1] is None
    assert out[2] == {"value": "2012-01-01", "grain": "year"}
