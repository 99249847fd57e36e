"""`make bench`: the benchmarks of bench/README.md that run unattended, one after the other.

    .venv/bin/python bench/run_all.py [--quick]

Each line of BENCHES is the command bench/README.md quotes for its figure. The ones that read third-party data
(SaudiNewsNet, ANERcorp, the annotated dev stories in ../shared) are skipped, with a line saying so, when ../shared is
absent. The figures are printed by each benchmark; nothing is asserted (speed and accuracy are measured, not tested).
`--quick` runs the per-stage and NER speed only.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# (needs ../shared, quick, command after the interpreter)
BENCHES = [
    (True, True, ["bench/stage_speed.py", "--n", "300"]),
    (True, True, ["bench/ner_speed.py", "--repeat", "3"]),
    (True, False, ["bench/taggers_speed.py", "--n", "2000", "--dp-n", "300"]),
    (True, False, ["bench/ledger_loo.py"]),
    (True, False, ["bench/limits_memory.py"]),
]
# not here: bench/web_latency.py and bench/web_latency_writes.py need a store built first (see bench/README.md)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    env = dict(os.environ, OMP_NUM_THREADS="1")   # marsad parallelises over documents, one BLAS thread each
    failed = 0
    for needs_shared, quick, cmd in BENCHES:
        if args.quick and not quick:
            continue
        line = " ".join(["python", *cmd])
        if needs_shared and not SHARED.is_dir():
            print(f"== {line}: skipped (no ../shared)", flush=True)
            continue
        print(f"== {line}", flush=True)
        rc = subprocess.call([sys.executable, *cmd], cwd=ROOT, env=env)
        if rc:
            print(f"== {line}: exit {rc}", flush=True)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
