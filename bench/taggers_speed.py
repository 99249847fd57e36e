"""Speed of marsad's number + time taggers against dateparser's search_dates, on SaudiNewsNet articles.

    .venv/bin/python bench/taggers_speed.py [--n 2000] [--dp-n 300] [--readme]

From raw article text (`content`), per article: tokenisation (marsad.arabic.text.tokenize, spaCy's blank `ar`
tokenizer), marsad.arabic.numbers.tag_numbers (if present), marsad.arabic.time.tag_dates (resolved against the
article's `date_extracted`); in the same run dateparser.search.search_dates(text, languages=['ar']) on the first
--dp-n of the same articles (it is ~10x slower; per-article means are compared). Prints a table, the ratio
(search_dates ms/article / marsad ms/article, tokenisation included) and, on the seed articles, the dates
search_dates gets wrong next to marsad's. --readme appends the table, the command and the machine to bench/README.md.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import re
import sys
import time
import unicodedata
import warnings
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
DATA = SHARED / "eval" / "saudinewsnet" / "dataset"


def load_articles(n: int) -> list[dict]:
    out = []
    for z in sorted(glob.glob(str(DATA / "*.zip"))):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for a in json.loads(zf.read(name)):
                    if (a.get("content") or "").strip():
                        out.append({"text": a["content"], "published": (a.get("date_extracted") or "")[:10] or None})
                        if len(out) >= n:
                            return out
    return out


def cpu_name() -> str:
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    s = re.sub("[\u064B-\u065F\u0670\u0640]", "", s)
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    return re.sub(r"\s+", " ", s).strip()


def seeds_comparison(search_dates) -> list[str]:
    """search_dates vs marsad on the seed articles (../shared/corpus), checked against the annotated dates."""
    from marsad.arabic.time import tag_dates
    seeds = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    exp_path = SHARED / "corpus" / "expected" / "seeds.json"
    if not seeds or not exp_path.exists():
        return ["(seed articles not available)"]
    expected = json.loads(exp_path.read_text(encoding="utf-8"))["dates"]
    lines = []
    tally = {"dateparser": [0, 0, 0], "marsad": [0, 0, 0]}  # [exact expected, bare-number/wrong, missed]
    for f in seeds:
        sid = f.name[:3]
        text = f.read_text(encoding="utf-8")
        m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s*", text)
        pub = None
        if m:
            pub, text = m[1], text[m.end():]
        exp = [x for x in expected if x["doc"] == sid]
        settings = {"RELATIVE_BASE": __import__("datetime").datetime.fromisoformat(pub)} if pub else {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dp = search_dates(text, languages=["ar"], settings=settings) or []
        dp_hits = [(s, d.date().isoformat()) for s, d in dp]
        ms_hits = [(d.text, d.value) for d in tag_dates(text, pub)]
        for who, hits in (("dateparser", dp_hits), ("marsad", ms_hits)):
            for x in exp:
                got = [v for t, v in hits if _norm(x["text"]) in _norm(t) or (_norm(t) in _norm(x["text"]) and len(_norm(t)) > 2)]
                if any(v and (v == x["value"] or v.startswith(x["value"] + "-") and False) for v in got) or \
                        any(v == x["value"] for v in got):
                    tally[who][0] += 1
                elif who == "dateparser" and any(v and v[:len(x["value"])] == x["value"] for v in got) and len(x["value"]) < 10:
                    # dateparser only returns full dates: a month/year expectation counts when its prefix matches
                    tally[who][0] += 1
                elif got:
                    tally[who][1] += 1
                    lines.append(f"  {sid} {who:10s} «{x['text']}» expected {x['value']}, got {got}")
                else:
                    tally[who][2] += 1
                    lines.append(f"  {sid} {who:10s} «{x['text']}» expected {x['value']}, got nothing")
            for t, v in hits:
                if re.fullmatch(r"\s*[0-9٠-٩]+\s*", t or ""):
                    tally[who][1] += 1
                    lines.append(f"  {sid} {who:10s} bare number «{t.strip()}» taken as the date {v}")
    head = [f"  {'tagger':10s} expected dates right / wrong or bare-number dates / expected dates missed (of {len(expected)})"]
    for who, (ok, bad, miss) in tally.items():
        head.append(f"  {who:10s} {ok} / {bad} / {miss}")
    return head + lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--dp-n", type=int, default=300)
    ap.add_argument("--readme", action="store_true")
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"no SaudiNewsNet data at {DATA}")
    arts = load_articles(args.n)
    chars = sum(len(a["text"]) for a in arts) / max(1, len(arts))

    from marsad.arabic.time import tag_dates
    try:
        from marsad.arabic.text import tokenize
        tok_name = "marsad.arabic.text.tokenize (spaCy blank ar)"
    except ImportError:  # pragma: no cover
        import spacy
        _nlp = spacy.blank("ar")
        tokenize = _nlp.tokenizer
        tok_name = "spaCy blank ar tokenizer"
    try:
        from marsad.arabic.numbers import tag_numbers
    except ImportError:
        tag_numbers = None
    from dateparser.search import search_dates

    # warm-up (grammar compilation, spaCy, dateparser's language data)
    w = arts[0]["text"]
    tokenize(w)
    tag_dates(w, arts[0]["published"])
    if tag_numbers:
        tag_numbers(w)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        search_dates(w, languages=["ar"])

    import spacy
    raw_tok = spacy.blank("ar").tokenizer
    raw_tok(w)

    # one loop, interleaved, so that machine load hits marsad and search_dates alike
    t_raw = t_tok = t_num = t_dat = t_dp = 0.0
    t_sub = 0.0  # marsad's total on the search_dates subset
    n_dates = n_nums = n_dp = 0
    step = max(1, len(arts) // max(1, args.dp_n))
    dp_idx = set(range(0, len(arts), step)[:args.dp_n])   # an even spread over the articles, not the first ones
    dp_arts = [arts[i] for i in sorted(dp_idx)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i, a in enumerate(arts):
            t0 = time.perf_counter()
            raw_tok(a["text"])
            t1 = time.perf_counter()
            tokenize(a["text"])
            t2 = time.perf_counter()
            if tag_numbers:
                n_nums += len(tag_numbers(a["text"]))
            t3 = time.perf_counter()
            n_dates += len(tag_dates(a["text"], a["published"]))
            t4 = time.perf_counter()
            t_raw += t1 - t0
            t_tok += t2 - t1
            t_num += t3 - t2
            t_dat += t4 - t3
            if i in dp_idx:
                t_sub += (t1 - t0) + (t4 - t2)
                t5 = time.perf_counter()
                n_dp += len(search_dates(a["text"], languages=["ar"]) or [])
                t_dp += time.perf_counter() - t5
    n = len(arts)
    ms = lambda t, k: 1000 * t / max(1, k)  # noqa: E731
    marsad_ms = ms(t_raw + t_num + t_dat, n)          # tokenisation = spaCy's blank ar tokenizer (as the issue)
    marsad_wrap_ms = ms(t_tok + t_num + t_dat, n)     # the same with marsad.arabic.text.tokenize's Token objects
    dp_ms = ms(t_dp, len(dp_arts))
    rows = [
        ("tokenisation: spaCy blank `ar` tokenizer", n, ms(t_raw, n), ""),
        (f"(for information: {tok_name}, which wraps it in Token objects)", n, ms(t_tok, n), ""),
        ("marsad.arabic.numbers.tag_numbers" if tag_numbers else "tag_numbers (not present: not measured)", n,
         ms(t_num, n), f"{n_nums} quantities"),
        ("marsad.arabic.time.tag_dates", n, ms(t_dat, n), f"{n_dates} dates"),
        ("**marsad total (spaCy tokens + numbers + dates)**", n, marsad_ms, ""),
        ("dateparser.search.search_dates(languages=['ar'])", len(dp_arts), dp_ms, f"{n_dp} dates"),
    ]
    ratio = dp_ms / marsad_ms if marsad_ms else float("inf")
    sub_ms = ms(t_sub, len(dp_arts))
    ratio_sub = dp_ms / sub_ms if sub_ms else float("inf")
    table = ["| step | articles | ms/article | found |", "|---|---:|---:|---|"]
    table += [f"| {a} | {k} | {v:.2f} | {c} |" for a, k, v, c in rows]
    table.append(f"| **ratio search_dates / marsad** (all {n} articles for marsad) | | **{ratio:.1f}×** | floor 5× |")
    table.append(f"| ratio on the same {len(dp_arts)} articles (marsad {sub_ms:.2f} ms/article there) | | "
                 f"{ratio_sub:.1f}× | |")
    table.append(f"| ratio with marsad.arabic.text.tokenize instead (marsad {marsad_wrap_ms:.2f} ms/article) | | "
                 f"{dp_ms / marsad_wrap_ms:.1f}× | |")
    table.append(f"| ratio of marsad's two taggers alone, without tokenisation | | "
                 f"{dp_ms / ms(t_num + t_dat, n):.1f}× | |")
    cmd = "    .venv/bin/python bench/taggers_speed.py " + " ".join(sys.argv[1:])
    load = ", load average %.1f (shared machine)" % os.getloadavg()[0] if hasattr(os, "getloadavg") else ""
    machine = f"{cpu_name()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}{load}"
    seeds = seeds_comparison(search_dates)
    dp_chars = sum(len(a["text"]) for a in dp_arts) / max(1, len(dp_arts))
    out = [f"SaudiNewsNet, first {n} non-empty articles (mean {chars:.0f} characters); search_dates on every "
           f"{step}th of them ({len(dp_arts)} articles, mean {dp_chars:.0f} characters), timed in the same loop.", "", *table, "", f"Machine: {machine}", "", "Seed articles (dates):", *seeds]
    print("\n".join(out))
    if args.readme:
        readme = REPO / "bench" / "README.md"
        stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        block = ["", f"### Run of {stamp}", "", "Command:", "", cmd.rstrip(), "", *out[:-len(seeds) - 1],
                 "", "Seed articles — search_dates vs marsad (dates):", "", "```", *seeds, "```", ""]
        if not readme.exists():
            block = ["# Benchmarks", "", "Each section: what was measured, the command, the machine and the figures."] + block
        with open(readme, "a", encoding="utf-8") as fh:
            fh.write("\n".join(block))
        print(f"\nappended to {readme}")
    if ratio < 5:
        print(f"\nWARNING: ratio {ratio:.1f}× is below the 5× floor", file=sys.stderr)


if __name__ == "__main__":
    main()
