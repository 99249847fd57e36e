#!/usr/bin/env python3
"""Train and ship marsad's NER model (a CRF): `.venv/bin/python scripts/train_ner.py [--cv 5] [--work-dir DIR]`.

All logic lives in marsad/extract/ner_crf_train.py (also reachable as `marsad train ner`). The earlier spaCy CNN
recipe (floret ⊕ USE subword vectors, marsad/extract/ner_train.py) stays reachable, for comparison, as
`scripts/train_ner.py --cnn [its options]` (it needs the `train` extra; it overwrites marsad/models/ner too)."""
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

if __name__ == "__main__":
    if sys.argv[1:2] == ["--cnn"]:
        from marsad.extract.ner_train import cli
        cli(sys.argv[2:])
    else:
        from marsad.extract.ner_crf_train import cli
        cli()
