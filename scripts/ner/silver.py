#!/usr/bin/env python3
"""Self-training data for the NER model: SaudiNewsNet sentences tagged by a trained model, filtered by rules.

    .venv/bin/python scripts/ner/silver.py --model DIR --out silver.spacy [--tokens 100000] [--every 7]

Reads every ``--every``-th article of the SaudiNewsNet zips (sorted by name), splits it into sentences at . ؟ ! ?,
tokenises with the model's own tokenizer (punctuation off, proclitics kept, as ANERcorp), tags the whole article
(with the document-level propagation of ``ner.tag_sentences``) and keeps a sentence only when

- it has 6–60 tokens and at least one entity, every entity at most 6 tokens;
- no entity is, once normalised and without its proclitic, a function word, a junk form (currencies, formulae,
  generic nouns: entity_junk.tsv, entity_stopwords.tsv) or a lone nationality adjective tagged as a person, place
  or organisation (nisba.tsv): the precision filters of the rules layer, applied to the model's own tags.

Writes a spaCy DocBin for ``scripts/train_ner.py --extra-train`` (per CV fold: tag with that fold's own model, so no
scored sentence is behind the silver tags). Nothing of it enters the repository.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import zipfile
from pathlib import Path

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from marsad.arabic.text import normalize  # noqa: E402
from marsad.extract import ner  # noqa: E402
from marsad.extract.lexicon import junk_forms, nisba_forms, stopwords  # noqa: E402

SNN = Path(__file__).resolve().parents[3] / "shared" / "eval" / "saudinewsnet" / "dataset" / "*.zip"


def _articles(pattern: str, every: int):
    i = 0
    for z in sorted(glob.glob(pattern)):
        with zipfile.ZipFile(z) as zf:
            for name in sorted(zf.namelist()):
                if name.endswith(".json"):
                    for art in json.loads(zf.read(name).decode("utf-8")):
                        if art.get("content"):
                            if i % every == 0:
                                yield art["content"]
                            i += 1


def _bad(words: list[str], typ: str) -> bool:
    text = normalize(" ".join(words))
    bare = ner._clitic_re().sub("", text)
    junk = junk_forms() | stopwords()
    if text in junk or bare in junk:
        return True
    return typ != "MISC" and len(words) == 1 and (text in nisba_forms() or bare in nisba_forms())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tokens", type=int, default=100_000)
    ap.add_argument("--every", type=int, default=7)
    ap.add_argument("--snn", default=str(SNN))
    a = ap.parse_args()
    from spacy.tokens import Doc, DocBin

    nlp = ner.load(a.model)
    db, n_tok, n_sent, n_drop = DocBin(), 0, 0, 0
    for text in _articles(a.snn, a.every):
        sents = ner._split_run([t.text for t in nlp.make_doc(text) if not t.is_space])
        tags = ner.tag_sentences(sents, nlp=nlp)
        for words, ts in zip(sents, tags):
            runs = list(ner._entity_runs(ts))
            if not (6 <= len(words) <= 60) or not runs:
                continue
            if any(j - i > 6 or _bad(words[i:j], typ) for i, j, typ in runs):
                n_drop += 1
                continue
            db.add(Doc(nlp.vocab, words=words, ents=ts))
            n_tok += len(words)
            n_sent += 1
        if n_tok >= a.tokens:
            break
    db.to_disk(a.out)
    print(f"silver: {n_sent:,} sentences, {n_tok:,} tokens (dropped by the filters: {n_drop:,}) → {a.out}")


if __name__ == "__main__":
    main()
