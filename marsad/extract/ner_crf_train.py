"""Train, cross-validate and ship marsad's CRF NER model (``ner_crf``; one reproducible command, no randomness).

    .venv/bin/python scripts/train_ner.py            # or: marsad train ner   (mines the word statistics, trains, ships)
    .venv/bin/python scripts/train_ner.py --cv 5     # 5-fold cross-validation on ANERcorp's train part, each fold

Steps (build artefacts go to the git-ignored work dir):
1. word statistics: every SaudiNewsNet article's ``content`` (the day zips in ../shared/eval/saudinewsnet) →
   per-stem counts of the contexts in ``ner_crf.STAT_NAMES`` (``mine_word_stats``; counts only, no text kept).
2. train: CRFsuite, L-BFGS with L1 ``c1`` and L2 ``c2`` regularisation, ``iterations`` passes, on the first 90% of
   ANERcorp train's sentences (``ner_corpus.split``), scored on the last 10% (the dev split); then again on all of
   them, the model shipped (``--without-dev``: the 90% model is shipped). Settings were chosen by the 5-fold
   cross-validation below, never on the dev split.
3. ship: the spaCy pipeline (tokenizer of ``ar_marsad`` + the ``marsad_crf_ner`` component) to marsad/models/ner/,
   keeping its README.md.
"""
from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from marsad.extract import ner, ner_crf, ner_lang, ner_train
from marsad.extract.ner_corpus import default_train_path, fix_iob, read_anercorp, score_tags, shared_eval_dir, split
from marsad.extract.ner_crf import CLITIC_ARTICLE, STAT_NAMES, STATS_FILE, WordFeatures, WordStats
from marsad.extract.ner_features import norm
from marsad.extract.ner_lang import org_chain_tags, stem, word_class
from marsad.extract.ner_train import cv_folds, score_fold, snn_contents

REPO = Path(__file__).resolve().parents[2]
MODEL_DIR = ner.MODEL_DIR
C1, C2, ITERATIONS = 0.05, 0.05, 150
MIN_COUNT = 3          # stems seen fewer times in SaudiNewsNet are left out of word_stats.tsv (read as "unk")
_TOKEN = re.compile(r"[\w\u0600-\u06FF]+|[^\s\w]")
# verbs that introduce who said something («قال الوزير»): the word after one is often a person or an organisation
_REPORTING = frozenset({"قال", "قالت", "اكد", "اكدت", "اوضح", "اوضحت", "اشار", "اشارت", "ذكر", "ذكرت", "صرح",
                        "اضاف", "اعلن", "اعلنت", "كشف", "كشفت"})
_SON_OF = frozenset({"بن", "ابن"})
_NEXT_PUNCT = frozenset({"،", ",", ".", ")", ":", "و"})


def snn_zips() -> list[str]:
    return sorted(str(p) for p in (shared_eval_dir() / "saudinewsnet" / "dataset").glob("*.zip"))


def mine_word_stats(zips: list[str], min_count: int = MIN_COUNT):
    """Per-stem counts over the articles: [total, then one count per ``ner_crf.STAT_NAMES`` context]."""

    cache: dict[str, tuple] = {}

    def info(w: str) -> tuple:
        if w not in cache:
            n = norm(w)
            m = CLITIC_ARTICLE.match(n)
            cache[w] = (stem(w), bool(m and m.group(2)), set(word_class(w).split(",")), n)
        return cache[w]

    counts: dict[str, list[int]] = defaultdict(lambda: [0] * (1 + len(STAT_NAMES)))
    for content in snn_contents(zips):
        words = _TOKEN.findall(content)
        inf = [info(w) for w in words]
        chain = org_chain_tags(words)
        for i, (s, art, _, _) in enumerate(inf):
            c = counts[s]
            c[0] += 1
            c[1] += art
            prev, nxt = (inf[i - 1] if i else None), (inf[i + 1] if i + 1 < len(inf) else None)
            if prev:
                c[2] += bool(prev[2] & {"title", "personcue"})
                c[3] += "given" in prev[2] and not prev[1]
                c[5] += "orghead" in prev[2]
                c[6] += "placenoun" in prev[2]
                c[7] += prev[3] in ("في", "الي")   # «إلى» normalised
                c[8] += prev[0] in _REPORTING
                c[9] += prev[3] in ("بن", "ابن", "بنت")
            if nxt:
                c[4] += nxt[3] in _SON_OF
                c[10] += "given" in nxt[2]
                c[12] += nxt[1]
                c[13] += nxt[3] in _NEXT_PUNCT
            c[11] += chain[i] not in ("", "H")
    return WordStats({s: tuple(c) for s, c in counts.items() if c[0] >= min_count})


def word_stats(work: Path, zips: list[str] | None = None):
    """The mined statistics, cached in the work dir (mining reads ~9M words: a few minutes)."""

    path = work / STATS_FILE
    if not path.exists():
        work.mkdir(parents=True, exist_ok=True)
        zips = zips if zips is not None else snn_zips()
        if not zips:
            raise FileNotFoundError("no SaudiNewsNet day zips under ../shared/eval/saudinewsnet/dataset")
        t0 = time.time()
        stats = mine_word_stats(zips)
        stats.write(path, f"SaudiNewsNet day zips read: {len(zips)}; stems seen at least {MIN_COUNT} times: "
                          f"{len(stats.table):,}\nbuilt by marsad.extract.ner_crf_train.mine_word_stats")
        print(f"word stats: {len(stats.table):,} stems in {time.time() - t0:.0f}s → {path}", flush=True)
    return WordStats.read(path)


def train(sents: list, stats, model_path: Path, c1: float = C1, c2: float = C2,
          iterations: int = ITERATIONS) -> Path:
    """Fit CRFsuite on ``sents`` ((word, tag) lists) and write its model file."""
    import pycrfsuite

    features = WordFeatures(stats)
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sents:
        trainer.append(features.sentence([w for w, _ in s]), fix_iob([t for _, t in s]))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return model_path


def build_pipeline(model_path: Path, stats):
    """The spaCy pipeline around a trained CRF model file."""
    import spacy

    nlp = spacy.blank(ner_lang.LANG)
    nlp.add_pipe(ner_crf.FACTORY).set_model(model_path.read_bytes(), stats)
    return nlp


def ship(nlp, dest: Path = MODEL_DIR) -> None:
    """Write the pipeline to ``dest`` through ``ner_train.ship`` (replaces what was there, keeps its README.md,
    ships the string store empty: the CRF reads the words themselves)."""
    with tempfile.TemporaryDirectory() as td:
        nlp.to_disk(Path(td) / "model")
        ner_train.ship(Path(td) / "model", dest)


def cross_validate(k: int = 5, work_dir: str = ".work/ner_crf_cv", *, train_path: str | None = None,
                   c1: float = C1, c2: float = C2, iterations: int = ITERATIONS, only: list[int] | None = None) -> dict:
    """k-fold cross-validation on ANERcorp's train part (contiguous folds, ``ner_train.cv_folds``): train on k−1
    folds, tag the held-out fold, score with and without the document-level propagation (the owners' scorer when
    ../shared/tools/nerscore.py exists). Returns {folds, mean, mean_raw}."""
    work = Path(work_dir)
    work.mkdir(parents=True, exist_ok=True)
    stats = word_stats(work)
    blocks = cv_folds(read_anercorp(Path(train_path) if train_path else default_train_path()), k)
    results = []
    for i in range(k):
        if only is not None and i not in only:
            continue
        fd = work / f"fold{i}"
        t0 = time.time()
        model = train([s for j, b in enumerate(blocks) if j != i for s in b], stats, fd / "crf.crfsuite",
                      c1, c2, iterations)
        secs = time.time() - t0
        nlp = build_pipeline(model, stats)
        test = blocks[i]
        words = [[w for w, _ in s] for s in test]
        raw = ner.tag_sentences(words, nlp=nlp, propagate=False)
        res = {"fold": i, "sentences": len(test), "tokens": sum(map(len, test)), "train_seconds": round(secs),
               "c1": c1, "c2": c2, "iterations": iterations,
               "prop": score_fold(test, ner.propagate_entities(words, raw), fd / "pred_prop.conll"),
               "raw": score_fold(test, raw, fd / "pred_raw.conll")}
        (fd / "score.json").write_text(json.dumps(res, indent=1))
        results.append(res)
        pt = "  ".join(f"{t} {v['f1']:.3f}" for t, v in res["prop"].get("per_type", {}).items())
        print(f"fold {i}  P {res['prop']['precision']:.4f} R {res['prop']['recall']:.4f} F1 {res['prop']['f1']:.4f}"
              f"  (no propagation F1 {res['raw']['f1']:.4f})  {pt}  [{secs:.0f}s]", flush=True)
    out = {"folds": results}
    if results:
        out["mean"] = sum(r["prop"]["f1"] for r in results) / len(results)
        out["mean_raw"] = sum(r["raw"]["f1"] for r in results) / len(results)
        print(f"mean F1 {out['mean']:.4f} (no propagation {out['mean_raw']:.4f}) over {len(results)} folds")
    (work / "cv.json").write_text(json.dumps(out, indent=1))
    return out


def main(work_dir: str = ".work/ner_crf", *, train_path: str | None = None, c1: float = C1, c2: float = C2,
         iterations: int = ITERATIONS, do_ship: bool = True, with_dev: bool = True) -> Path:
    """Train the recipe on the first 90% of the sentences and score it on the dev split (the honest dev figure);
    then, ``with_dev``, train it again on all the sentences and ship that model (the held-out test is another file:
    the last 10% are worth more as training data than as a second held-out set; the cross-validation and this
    first model measure the recipe). The shipped pipeline's meta says which it is (``meta["marsad"]``)."""
    work = Path(work_dir)
    work.mkdir(parents=True, exist_ok=True)
    stats = word_stats(work)
    sents = read_anercorp(Path(train_path) if train_path else default_train_path())
    train_part, dev = split(sents)
    t0 = time.time()
    model = train(train_part, stats, work / "crf_train_part.crfsuite", c1, c2, iterations)
    print(f"trained on {len(train_part):,} sentences in {time.time() - t0:.0f}s", flush=True)
    nlp = build_pipeline(model, stats)
    words = [[w for w, _ in s] for s in dev]
    dev_res = score_fold(dev, ner.tag_sentences(words, nlp=nlp), work / "dev_pred.conll")
    print(f"dev split F1 {dev_res['f1']:.4f} (P {dev_res['precision']:.4f} R {dev_res['recall']:.4f})", flush=True)
    info = {"trained_on": f"ANERcorp train, first {len(train_part):,} of {len(sents):,} sentences",
            "dev_split_in_training": False, "recipe_dev_f1": round(dev_res["f1"], 4),
            "c1": c1, "c2": c2, "iterations": iterations}
    if with_dev:
        t0 = time.time()
        model = train(sents, stats, work / "crf.crfsuite", c1, c2, iterations)
        print(f"trained on all {len(sents):,} sentences in {time.time() - t0:.0f}s", flush=True)
        nlp = build_pipeline(model, stats)
        info.update(trained_on=f"ANERcorp train, all {len(sents):,} sentences", dev_split_in_training=True)
    nlp.meta["marsad"] = info
    if do_ship:
        ship(nlp)
    return model


def cli(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work-dir", default=None)
    ap.add_argument("--train-path", default=None)
    ap.add_argument("--c1", type=float, default=C1)
    ap.add_argument("--c2", type=float, default=C2)
    ap.add_argument("--iterations", type=int, default=ITERATIONS)
    ap.add_argument("--no-ship", action="store_true", help="train and score only, do not write marsad/models/ner")
    ap.add_argument("--without-dev", action="store_true",
                    help="ship the model trained on the first 90%% only (the dev split stays unseen)")
    ap.add_argument("--cv", type=int, default=0, metavar="K", help="K-fold cross-validation instead (nothing shipped)")
    ap.add_argument("--cv-folds", default=None, help="only these folds, e.g. 0,1")
    a = ap.parse_args(argv)
    if a.cv:
        cross_validate(a.cv, a.work_dir or str(REPO / ".work" / "ner_crf_cv"), train_path=a.train_path,
                       c1=a.c1, c2=a.c2, iterations=a.iterations,
                       only=[int(x) for x in a.cv_folds.split(",")] if a.cv_folds else None)
        return
    main(a.work_dir or str(REPO / ".work" / "ner_crf"), train_path=a.train_path, c1=a.c1, c2=a.c2,
         iterations=a.iterations, do_ship=not a.no_ship, with_dev=not a.without_dev)


if __name__ == "__main__":
    cli()
