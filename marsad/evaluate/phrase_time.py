"""Duckling's Arabic time corpus as an evaluation of marsad's temporal tagger.

`parse_cases(cases, prefer)` is what `marsad parse time CASES.json` prints: one entry per case, `null` or
`{"value", "grain"}` where value is an ISO date/datetime (EDTF month/year values are expanded to their first day,
as Duckling reports them) or an interval "A/B" (both ends inclusive). Score with
`python3 ../shared/tools/duckscore.py time CASES.json PRED.json`.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from marsad.arabic.time import parse_time

SHARED_EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
DUCKLING_DIR = SHARED_EVAL / "duckling-ar"


def _iso(v: str) -> str:
    """EDTF at month/year grain -> its first day; everything else unchanged (weeks stay `2013-W07`)."""
    if re.fullmatch(r"\d{4}", v):
        return f"{v}-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", v):
        return f"{v}-01"
    return v


def to_duckling(parse: dict | None) -> dict | None:
    if parse is None or parse.get("value") is None:
        return None
    v = str(parse["value"])
    v = "/".join(_iso(x) for x in v.split("/"))
    return {"value": v, "grain": parse.get("grain")}


def parse_cases(cases: list[dict], prefer: str = "future") -> list[dict | None]:
    """One prediction per case ({"text", "reference_time"}), in order."""
    # no exception is caught: parse_time raises only on a bug, which must not read as «no date»
    return [to_duckling(parse_time(c.get("text") or "", c.get("reference_time") or "2013-02-12T04:30:00",
                                   prefer=prefer)) for c in cases]


def score(cases: list[dict], preds: list[dict | None]) -> float:
    """The same rule as ../shared/tools/duckscore.py (time), for tests that cannot shell out."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("duckscore", SHARED_EVAL.parent / "tools" / "duckscore.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    ok = sum(1 for c, p in zip(cases, preds) if mod.time_ok(c["expected"], p))
    return ok / max(1, len(cases))


def main(path: str, prefer: str = "future") -> None:  # python -m marsad.evaluate.phrase_time CASES.json
    cases = json.loads(Path(path).read_text(encoding="utf-8"))
    print(json.dumps(parse_cases(cases, prefer), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    import sys
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "future")
