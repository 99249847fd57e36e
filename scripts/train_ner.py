#!/usr/bin/env python3
"""Train and ship marsad's NER model: `.venv/bin/python scripts/train_ner.py [--seed 0] [--work-dir .work/ner]`.

All logic lives in marsad/extract/ner_train.py (also reachable as `marsad train ner`)."""
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from marsad.extract.ner_train import cli  # noqa: E402

if __name__ == "__main__":
    cli()
