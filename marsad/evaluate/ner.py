"""The NER model on ANERcorp's dev split (used by ``marsad eval ner``, tests/eval and bench/): precision, recall, F1
and tagging speed. The data, the fixed split and the built-in scorer are `marsad.extract.ner_corpus` (training reads
the same split).

Scoring uses the owners' scorer ``../shared/tools/nerscore.py`` when present (exact spans, conlleval-style, micro
average), with the equivalent built-in `score_tags` as the fallback.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad.extract import ner
from marsad.extract.ner_corpus import default_train_path, read_anercorp, score_tags, shared_eval_dir, split, write_conll


def evaluate_dev(train_path: str | os.PathLike | None = None, model_path: str | None = None,
                 use_official_scorer: bool = True, nlp=None) -> dict:
    """Tag the dev split with the shipped model (or ``nlp``); return precision/recall/f1/per_type/tokens/tokens_per_s
    and ``dev_in_training``: true when the model was trained on the dev split too (the shipped model is, see
    marsad/models/ner/README.md): its scores are then a training fit, and ``recipe_dev_f1`` is the recipe's dev
    figure, trained without it.

    ``tokens_per_s`` is the tagging throughput of ``marsad.extract.ner.tag_words`` over the dev sentences in this
    process (set OMP_NUM_THREADS=1 etc. before Python starts to measure one core; see bench/ner_speed.py)."""
    train_path = Path(train_path) if train_path else default_train_path()
    _, dev = split(read_anercorp(train_path))
    nlp = nlp or ner.load(model_path)
    words = [[t for t, _ in s] for s in dev]
    ner.tag_words(words[0], nlp=nlp)  # warm-up
    t0 = time.perf_counter()
    pred = ner.tag_sentences(words, nlp=nlp)
    dt = time.perf_counter() - t0
    n_tok = sum(len(w) for w in words)
    gold_tags = [tag for s in dev for _, tag in s]
    pred_tags = [tag for p in pred for tag in p]
    res = None
    scorer = shared_eval_dir().parent / "tools" / "nerscore.py"
    if use_official_scorer and scorer.exists():
        with tempfile.TemporaryDirectory() as td:
            gp, pp = Path(td) / "gold.txt", Path(td) / "pred.txt"
            write_conll(dev, gp)
            write_conll([list(zip(w, p)) for w, p in zip(words, pred)], pp)
            out = subprocess.run([sys.executable, str(scorer), str(gp), str(pp), "--json"],
                                 capture_output=True, text=True)
            if out.returncode == 0:
                res = json.loads(out.stdout)
                res["scorer"] = "nerscore.py"
    if res is None:
        res = score_tags(gold_tags, pred_tags)
        res["scorer"] = "builtin"
    res["tokens_per_s"] = n_tok / dt if dt > 0 else float("inf")
    res["sentences"] = len(dev)
    info = nlp.meta.get("marsad", {})
    res["dev_in_training"] = bool(info.get("dev_split_in_training"))
    if "recipe_dev_f1" in info:
        res["recipe_dev_f1"] = info["recipe_dev_f1"]
    return res
