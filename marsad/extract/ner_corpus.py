"""ANERcorp, the NER model's training and dev data: its reader, the fixed train/dev split, CoNLL writing and span
scoring. Training (`marsad.extract.ner_train`) and evaluation (`marsad.evaluate.ner`, `marsad eval ner`) read the
same split, so that scores are comparable.

The split: read ``ANERCorp_train.txt`` (``token TAG`` lines, no sentence breaks), skip the malformed lines (anything
but exactly two fields: ~190 have an empty token), split sentences after the tokens ``. ؟ ! ?``, and take the LAST
10% of those sentences as dev (the first 90% are for training). `score_tags` is the built-in equivalent of the
owners' scorer ``../shared/tools/nerscore.py`` (exact spans, conlleval-style, micro average).
"""
from __future__ import annotations

import os
from pathlib import Path

SENT_END = {".", "؟", "!", "?"}
DEV_FRACTION = 0.10

Sentence = list[tuple[str, str]]


def read_anercorp(path: str | os.PathLike) -> list[Sentence]:
    """All well-formed (token, tag) pairs of the file, grouped into sentences (split after . ؟ ! ?).

    Blank lines, if the file has any, also end a sentence."""
    sents: list[Sentence] = []
    cur: Sentence = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            parts = line.split()
            if len(parts) != 2:  # malformed: empty token ("  O") or two tokens glued to one line
                continue
            cur.append((parts[0], parts[1]))
            if parts[0] in SENT_END:
                sents.append(cur)
                cur = []
    if cur:
        sents.append(cur)
    return sents


def split(sents: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): dev is the last 10% of the sentences."""
    cut = int(len(sents) * (1 - DEV_FRACTION))
    return sents[:cut], sents[cut:]


def fix_iob(tags: list[str]) -> list[str]:
    """Tags with every I- that does not continue an entity of its type made a B- (ANERcorp opens a few entities
    with I-; a tagger may emit O I-X)."""
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def write_conll(sents: list[Sentence], path: str | os.PathLike) -> None:
    """``token TAG`` lines, a blank line after each sentence."""
    with open(path, "w", encoding="utf-8") as fh:
        for s in sents:
            for tok, tag in s:
                fh.write(f"{tok} {tag}\n")
            fh.write("\n")


def _spans(tags: list[str]) -> set[tuple[int, int, str]]:
    fold = {"PER": "PERS", "GPE": "LOC"}
    out, start, typ = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        p, _, ty = t.partition("-") if t != "O" else ("O", "", "")
        ty = fold.get(ty, ty)
        if start is not None and (p in ("O", "B") or ty != typ):
            out.add((start, i, typ))
            start = None
        if p in ("B", "I") and start is None:
            start, typ = i, ty
    return out


def score_tags(gold: list[str], pred: list[str]) -> dict:
    """Micro P/R/F1 over exact spans + per type (same definition as nerscore.py)."""
    g, p = _spans(list(gold)), _spans(list(pred))

    def prf(gs, ps):
        tp = len(gs & ps)
        pr = tp / len(ps) if ps else 0.0
        rc = tp / len(gs) if gs else 0.0
        return {"precision": pr, "recall": rc, "f1": 2 * pr * rc / (pr + rc) if pr + rc else 0.0, "support": len(gs)}

    res = prf(g, p)
    res["per_type"] = {t: prf({s for s in g if s[2] == t}, {s for s in p if s[2] == t})
                       for t in sorted({s[2] for s in g})}
    res["tokens"] = len(gold)
    return res


def shared_eval_dir() -> Path:
    """``../shared/eval`` next to the repository (may not exist)."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "eval"


def default_train_path() -> Path:
    return shared_eval_dir() / "anercorp" / "ANERCorp_train.txt"
