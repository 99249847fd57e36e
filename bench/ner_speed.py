#!/usr/bin/env python3
"""NER speed + accuracy on the ANERcorp dev split (last 10% of sentences), on one core (accuracy: a training fit
when the model was trained on the dev split too, as the shipped one is; then the recipe's dev figure is printed).

    OMP_NUM_THREADS=1 .venv/bin/python bench/ner_speed.py [--model marsad/models/ner] [--repeat 3] [--json]

Prints dev P/R/F1 (micro and per type, owners' scorer nerscore.py), tokens/s of marsad.extract.ner.tag_sentences
(best of --repeat passes over the dev split, model loaded and warmed up beforehand) and the model's size on disk.
Speed is given as wall-clock tokens/s and as tokens per CPU-second of this (single-threaded) process: on a shared,
loaded machine the wall figure drops with the other jobs, the CPU-time figure is what one dedicated core does.
The model's per-word work (the CRF's word features; for the earlier CNN model, its floret ⊕ USE subword vectors) is
cached in the process: "warm" passes reuse that cache, "cold" passes clear it first (every distinct word of the dev
split is computed again, the worst case: a real corpus repeats its words far more)."""
import argparse
import json
import os
import sys
import time
from pathlib import Path

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.evaluate.ner import default_train_path, evaluate_dev, read_anercorp, split  # noqa: E402
from marsad.extract import ner  # noqa: E402


def model_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def feature_cache(nlp):
    """A function that empties the model's per-word cache (None if it has none): the CRF's word features
    (marsad.extract.ner_crf.WordFeatures), or the CNN model's composed vectors."""
    from marsad.extract.ner_crf import FACTORY

    if FACTORY in nlp.pipe_names:
        return nlp.get_pipe(FACTORY).features.word.cache_clear
    vectors_cache = getattr(nlp.vocab.vectors, "_cache", None)
    return vectors_cache.clear if vectors_cache is not None else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(ner.MODEL_DIR))
    ap.add_argument("--train-path", default=str(default_train_path()))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    except (AttributeError, OSError):
        pass
    res = evaluate_dev(a.train_path, model_path=a.model)
    _, dev = split(read_anercorp(a.train_path))
    words = [[t for t, _ in s] for s in dev]
    nlp = ner.load(a.model)
    n = sum(map(len, words))
    best = best_cpu = cold = cold_cpu = 0.0
    cache = feature_cache(nlp)
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        ner.tag_sentences(words, nlp=nlp)
        best = max(best, n / (time.perf_counter() - t0))
        best_cpu = max(best_cpu, n / (time.process_time() - c0))
        if cache is not None:
            cache()
            t0, c0 = time.perf_counter(), time.process_time()
            ner.tag_sentences(words, nlp=nlp)
            cold = max(cold, n / (time.perf_counter() - t0))
            cold_cpu = max(cold_cpu, n / (time.process_time() - c0))
    res["tokens_per_s"] = best
    res["tokens_per_cpu_s"] = best_cpu
    if cache is not None:
        res["cold_tokens_per_s"] = cold
        res["cold_tokens_per_cpu_s"] = cold_cpu
    res["load_avg_1min"] = os.getloadavg()[0]
    res["model_mb"] = model_size(Path(a.model)) / 1e6
    if a.json:
        print(json.dumps(res))
        return
    if res.get("dev_in_training"):
        print(f"the model was trained on the dev split too (marsad/models/ner/README.md): the scores below are a "
              f"training fit; the recipe trained without it scored dev F1 {res.get('recipe_dev_f1')}")
    for t, v in res["per_type"].items():
        print(f"{t:6} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} ({v['support']})")
    print(f"micro  P {res['precision']:.3f} R {res['recall']:.3f} F1 {res['f1']:.3f} over {res['tokens']} tokens")
    print(f"speed  {best:,.0f} tokens/s wall, {best_cpu:,.0f} tokens per CPU-second (one thread, best of {a.repeat}; "
          f"load average {res['load_avg_1min']:.1f})   model {res['model_mb']:.1f} MB")
    if cache is not None:
        print(f"cold   {cold:,.0f} tokens/s wall, {cold_cpu:,.0f} tokens per CPU-second (per-word cache cleared before "
              f"each pass)")


if __name__ == "__main__":
    main()
