"""Adapter from marsad's number parser to Duckling-style cases (../shared/eval/duckling-ar/*.json).

`parse_cases(cases)` returns one entry per case: None, or the single parse covering the whole text as
{"value", "unit"} / {"low", "high", "unit"}.  Currencies are ISO codes (cents as "cent"), measures and durations
are Duckling's unit names (gram, litre, second …, converting kilograms/milligrams to grams as Duckling does),
ordinals are their number.  Used by `marsad parse numbers CASES.json`.
"""
from __future__ import annotations

import json
import sys

from marsad.arabic.numbers import parse_number, unit_code


def to_duckling(p: dict | None) -> dict | None:
    if p is None:
        return None
    unit = p.get("unit")
    factor = 1.0
    kind = p.get("kind")
    if kind in ("measure", "duration") and unit:
        uc = unit_code(unit)
        if uc:
            code, base, f = uc
            unit, factor = (base, f) if base != code else (code, 1.0)
    out: dict = {}
    for k in ("value", "low", "high"):
        if p.get(k) is not None:
            v = p[k] * factor
            out[k] = round(v, 9) if isinstance(v, float) else v
    out["unit"] = None if kind in ("count", "ordinal", "year", "date") else unit
    return out


def parse_cases(cases: list[dict]) -> list[dict | None]:
    res = []
    for c in cases:
        try:
            res.append(to_duckling(parse_number(c.get("text", ""))))
        except Exception:  # one bad case must not lose the others
            res.append(None)
    return res


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    cases = json.load(open(argv[0], encoding="utf-8"))
    json.dump(parse_cases(cases), sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
