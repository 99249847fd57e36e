#!/usr/bin/env python3
"""Build marsad/arabic/data/ner_word_classes.tsv: the word classes the NER model reads as a lexical feature.

    .venv/bin/python scripts/ner/mine_word_classes.py [--snn '../shared/eval/saudinewsnet/dataset/*.zip']

Every key is a word's NER stem (``ner_lang.stem``: normalised, one leading clitic and the article off), so that
«والصحة», «الصحة», «صحة» read the same class. Classes (a word may have several):

- from marsad's own data files, written by hand: ``orghead`` (org_heads.tsv), ``orgadj`` (org_adjectives.tsv, class
  name), ``title`` (titles.tsv, one-word titles and the first word of longer ones), ``nisba`` (nisba.tsv with its
  feminine and plural forms), ``gaz_loc|gaz_per|gaz_org|gaz_misc`` (one-word names and aliases of gazetteer.tsv);
- mined from SaudiNewsNet (31k articles of 2015; counts only, no text kept): ``place`` — words that follow a place
  noun («منطقة حائل», «محافظة القطيف», «مدينة جدة»); ``given`` — words that follow an honorific or a rank («الأمير
  محمد», «اللواء منصور»); ``orgpart`` — words that follow an organisation head («وزارة الصحة», «هيئة الهلال»), the
  genitive chains of Arabic organisation names; the cue words themselves get ``placenoun`` / ``personcue``. A mined
  word is kept when it follows its cue at least ``MIN_COUNT`` times and in at least ``MIN_SHARE`` of its occurrences
  (so «مجلس» after «منطقة» once in a while does not count);
  words that are function words, titles, nationality adjectives or organisation heads are never mined.

The file is frozen with the model that was trained on it: editing it changes what the shipped model sees, so a
change means retraining (scripts/train_ner.py). The cue words themselves are in CUES below.
"""
from __future__ import annotations

import argparse
import glob
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from marsad.arabic.data import load_tsv  # noqa: E402
from marsad.extract.ner_features import norm  # noqa: E402
from marsad.extract.ner_train import snn_contents  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "marsad" / "arabic" / "data" / "ner_word_classes.tsv"
MIN_COUNT = 5
MIN_SHARE = 0.1
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def _stem(word: str) -> str:
    from marsad.extract.ner_lang import stem

    return stem(word)


def _rows(name: str) -> list[list[str]]:
    return [r for r in load_tsv(name) if r and r[0].strip()]


def hand_classes() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in _rows("org_heads.tsv"):
        out[_stem(r[0])].add("orghead")
    for r in _rows("org_adjectives.tsv"):
        if len(r) > 1 and r[1].strip() == "name":
            out[_stem(r[0])].add("orgadj")
    for r in _rows("titles.tsv"):
        out[_stem(r[0].split()[0])].add("title")
    for r in _rows("nisba.tsv"):
        w = r[0].split()[0]
        for form in (w, w + "ة", w + "ون", w + "ين", w + "ات"):
            out[_stem(form)].add("nisba")
    for r in _rows("gazetteer.tsv"):
        if len(r) < 2 or r[1].strip() not in ("LOC", "PER", "ORG", "MISC"):
            continue
        names = [r[0]] + (r[2].split("|") if len(r) > 2 and not r[2].startswith("#") else [])
        for n in names:
            if n.strip() and len(n.split()) == 1:
                out[_stem(n.strip())].add("gaz_" + r[1].strip().lower())
    return out


# cue word (NER stem) → mined class of the word after it
CUES = {
    "place": ["منطقه", "محافظه", "مدينه", "بلده", "قريه", "مديريه", "ولايه", "حي", "اقليم", "اماره", "جزيره",
              "عاصمه"],
    "given": ["امير", "اميره", "شيخ", "دكتور", "د", "سيد", "سيده", "مهندس", "استاذ", "لواء", "عميد", "عقيد",
              "مقدم", "رائد", "نقيب", "ملازم", "مشير", "ملك", "مواطن", "لاعب", "مدرب", "شاب",
              "طفل", "مقيم"],
}


def mine(zips: list[str], hand: dict[str, set[str]]) -> tuple[dict, Counter]:
    cue_of = {norm(c): k for k, cs in CUES.items() for c in cs}
    heads = {w for w, cl in hand.items() if "orghead" in cl}
    never = {_stem(r[0]) for r in _rows("entity_stopwords.tsv")} | {w for w, cl in hand.items()
                                                                    if cl & {"title", "nisba", "orghead", "orgadj"}}
    total: Counter = Counter()
    after: dict[str, Counter] = {"place": Counter(), "given": Counter(), "orgpart": Counter()}
    cache: dict[str, str] = {}
    n_art = 0
    for content in snn_contents(zips):
        toks = _TOKEN.findall(content)
        if not toks:
            continue
        n_art += 1
        st = []
        for t in toks:
            s = cache.get(t)
            if s is None:
                s = cache[t] = _stem(t) if t[0].isalpha() else ""
            st.append(s)
        total.update(s for s in st if s)
        for a, b in zip(st, st[1:]):
            if len(b) < 2 or not b.isalpha() or b in never:
                continue
            k = cue_of.get(a)
            if k:
                after[k][b] += 1
            if a in heads:
                after["orgpart"][b] += 1
    mined = defaultdict(set)
    for k, cs in CUES.items():   # the cue nouns themselves: a place noun opens a place name, the others a person's
        for c in cs:
            mined[c].add("placenoun" if k == "place" else "personcue")
    for k, c in after.items():
        for w, n in c.items():
            if n >= MIN_COUNT and n / total[w] >= MIN_SHARE:
                mined[w].add(k)
    return mined, Counter(n_articles=n_art)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--snn", default=str(Path(__file__).resolve().parents[3] / "shared" / "eval" / "saudinewsnet"
                                         / "dataset" / "*.zip"))
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args()
    hand = hand_classes()
    mined, info = mine(glob.glob(a.snn), hand)
    allw = defaultdict(set)
    for src in (hand, mined):
        for w, cl in src.items():
            if w:
                allw[w] |= cl
    counts = Counter(c for cl in allw.values() for c in cl)
    with open(a.out, "w", encoding="utf-8") as fh:
        fh.write("# Word classes read by the NER model as a lexical feature (ner_lang: LOWER = the word's classes).\n"
                 "# Built by scripts/ner/mine_word_classes.py (see its docstring for each class); do not edit by\n"
                 "# hand: the shipped model was trained on this exact file, so a change means retraining it.\n"
                 f"# Keys are NER stems (normalised, clitic and article off). SaudiNewsNet articles read: "
                 f"{info['n_articles']:,}; min count {MIN_COUNT}, min share {MIN_SHARE}.\n"
                 f"# Classes: {', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}\n"
                 "# Columns: stem <TAB> classes (comma-separated)\n")
        for w in sorted(allw):
            fh.write(f"{w}\t{','.join(sorted(allw[w]))}\n")
    print(f"{len(allw):,} words; {dict(counts)}", file=sys.stderr)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
