"""`marsad eval duckling`: every file of Duckling's Arabic corpus, parsed and scored with the owners' scorer
(../shared/tools/duckscore.py, loaded from beside the data; it is not part of marsad)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from marsad.evaluate import phrase_numbers as duckling_numbers, phrase_time as duckling_time

NUMBER_FILES = ("numeral", "numeral_ar_eg", "ordinal", "amount_of_money", "quantity", "duration", "volume",
                "temperature")
TIME_FILES = ("time",)


def _scorer(folder: Path):
    path = folder.resolve().parents[1] / "tools" / "duckscore.py"
    if not path.is_file():
        raise FileNotFoundError(f"scorer not found at {path}")
    spec = importlib.util.spec_from_file_location("duckscore", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def evaluate_all(folder: str | Path) -> dict:
    """{file: {"correct", "total", "accuracy"}} for the number files and time.json (prefer=future)."""
    folder = Path(folder)
    sc = _scorer(folder)
    out = {}
    for name in NUMBER_FILES + TIME_FILES:
        f = folder / f"{name}.json"
        if not f.is_file():
            continue
        cases = json.loads(f.read_text(encoding="utf-8"))
        if name in TIME_FILES:
            preds, ok = duckling_time.parse_cases(cases, "future"), sc.time_ok
        else:
            preds, ok = duckling_numbers.parse_cases(cases), sc.num_ok
        correct = sum(1 for c, p in zip(cases, preds) if ok(c["expected"], p))
        out[name] = {"correct": correct, "total": len(cases), "accuracy": round(correct / max(1, len(cases)), 4)}
    return out
