"""Identity check for restructurings: the analysis output before and after a change, compared field by field.

    OMP_NUM_THREADS=1 python bench/identical_output.py --save /tmp/identical/base.json   # with the code before
    OMP_NUM_THREADS=1 python bench/identical_output.py --compare /tmp/identical/base.json  # with the code after

Analyses the bundled sample corpus (`data/sample`) and the first N (500) non-empty SaudiNewsNet records
(`../shared/eval/saudinewsnet/dataset/*.zip`, in file order) with whichever `marsad` is on the path, and writes per
section (keyed by the documents' source paths). To check one commit, run THIS script with PYTHONPATH pointing at a
`git worktree` of it (`git worktree add /tmp/wt HEAD; PYTHONPATH=/tmp/wt python bench/identical_output.py --save …`):
the sample's paths then stay the same.

- per document: `sentences`, `quantities` (after the dates stage took its spans), `dates`, `published` (the
  article's own date), `mentions`, `errors`, and `claims`, `quotes`;
- corpus: `entities`, `events`, `stories` (with timeline and summary), `claim_groups`;
- story features (`marsad.corpus.features`): each document's `content_terms` of title and text and `entity_keys`;
- search (`marsad.store.search`): the sample and SNN documents in a fresh store, 200 queries drawn as
  `bench/search_latency.py` draws them (fixed seed) plus a few fixed ones; per query the total and each hit's id,
  highlights and snippet.

`--compare` prints every differing field (path, before, after), the number of differences per section, and exits 1
when a section of `--sections` (default: all) differs. Run timestamps are not part of the output. `--only` limits the
sections written and compared (`--only text` stands for the text layer's sections, those of `TEXT_LAYER`; `--only text,stories` adds one).
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNN = ROOT.parent / "shared" / "eval" / "saudinewsnet" / "dataset"
SAMPLE = ROOT / "data" / "sample"
SECTIONS = ("sentences", "quantities", "dates", "published", "mentions", "errors", "claims", "quotes",
            "entities", "events", "stories", "claim_groups", "features", "search")
# the stages issue 19's restructuring of the text layer touches (numbers, time, entities, search, story features)
TEXT_LAYER = ("sentences", "quantities", "dates", "published", "mentions", "errors", "entities", "features", "search")
FIXED_QUERIES = ["الجنود", "والجنود", "جنود", "وزارة الصحة", "السعودية", "قتلى", '"خادم الحرمين"', "الامير*",
                 "المملكه", "٢٠١٥ الرياض"]


def documents(n: int, snn: Path = SNN) -> list:
    """Cleaned Documents: the sample corpus, then the first `n` SaudiNewsNet records with a body."""
    from marsad.ingest import read_path
    from marsad.ingest.clean import clean
    from marsad.model import RawArticle

    out = [clean(r) for r in read_path(SAMPLE) if isinstance(r, RawArticle)]
    k = 0
    for z in sorted(snn.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            name = next(x for x in zf.namelist() if x.endswith(".json"))
            recs = json.load(io.TextIOWrapper(zf.open(name), encoding="utf-8"))
        for i, r in enumerate(recs):
            if k >= n:
                return out
            if not (r.get("content") or "").strip():
                continue
            raw = RawArticle(source_path=f"{z.name}#{i}", body=r["content"], title=r.get("title"),
                             source_name=r.get("source"), url=r.get("url"), published=r.get("date_extracted"),
                             format="json")
            out.append(clean(raw))
            k += 1
    return out


def _dump(items) -> list:
    return [x.model_dump(mode="json") for x in items]


def analyse(docs, only: set[str]) -> dict:
    from marsad.pipeline import analyse as run, build_corpus

    out: dict[str, dict] = {s: {} for s in SECTIONS if s in only}
    ads = [run(d) for d in docs] if only - {"search"} else []
    for ad in ads:
        i = ad.document.source_path
        for s in ("sentences", "quantities", "dates", "mentions", "errors", "claims", "quotes"):
            if s in out:
                v = getattr(ad, s)
                out[s][i] = v if s == "errors" else _dump(v)
        if "published" in out:
            out["published"][i] = [ad.document.published, ad.document.published_from]
    if only & {"entities", "events", "stories", "claim_groups", "features"}:
        res = build_corpus(ads)
        for s in ("entities", "events", "stories", "claim_groups"):
            if s in out:
                out[s] = {str(k): x for k, x in enumerate(_dump(getattr(res, s)))}
    if "features" in out:
        from marsad.corpus import features as f

        for ad in ads:
            d = ad.document
            out["features"][d.source_path] = {"title": f.content_terms(d.title or ""),
                                              "text": f.content_terms(d.text), "entity_keys": f.entity_keys(ad)}
    if "search" in out:
        out["search"] = search(docs)
    return out


def search(docs) -> dict:
    sys.path.insert(0, str(ROOT / "bench"))
    from search_latency import make_queries, q_args

    from marsad.store import Store
    from marsad.store import search as s

    res = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "id.sqlite")
        for d in docs:
            store.add_document(d)
        queries = [{"q": q} for q in FIXED_QUERIES] + make_queries(store.conn, 200)
        for k, q in enumerate(queries):
            r = s.search(store.conn, **q_args(q))
            res[f"{k}:{q['q']}"] = {"total": r["total"], "hits": [
                {"id": h["id"], "highlights": h["highlights"], "title_highlights": h["title_highlights"],
                 "snippet": h["snippet"]} for h in r["hits"]]}
        store.close()
    return res


def diff(a, b, path: str, out: list, limit: int) -> None:
    if len(out) >= limit:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                out.append((f"{path}.{k}", a.get(k, "<absent>"), b.get(k, "<absent>")))
            else:
                diff(a[k], b[k], f"{path}.{k}", out, limit)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for k, (x, y) in enumerate(zip(a, b)):
            diff(x, y, f"{path}[{k}]", out, limit)
    elif a != b:
        out.append((path, a, b))


def _short(v, n: int = 300) -> str:
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= n else s[:n] + "…"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", type=Path, help="write the output of the current code here")
    g.add_argument("--compare", type=Path, help="compare the current code's output with this saved output")
    ap.add_argument("--n", type=int, default=500, help="SaudiNewsNet records (default 500)")
    ap.add_argument("--snn", type=Path, default=SNN)
    ap.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections to write/compare")
    ap.add_argument("--limit", type=int, default=40, help="differences printed per section")
    args = ap.parse_args(argv)
    only = {x for part in args.only.split(",") for x in (TEXT_LAYER if part == "text" else (part,))}
    unknown = only - set(SECTIONS)
    if unknown:
        ap.error(f"unknown sections {sorted(unknown)}; known: {', '.join(SECTIONS)}")
    docs = documents(args.n, args.snn)
    cur = json.loads(json.dumps(analyse(docs, only), ensure_ascii=False))  # as saved: tuples become lists
    cur_meta = {"documents": len(docs), "n": args.n}
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps({"meta": cur_meta, **cur}, ensure_ascii=False))
        print(f"saved {len(docs)} documents' output ({', '.join(cur)}) to {args.save}")
        return 0
    base = json.loads(args.compare.read_text())
    if base.get("meta") != cur_meta:
        print(f"warning: saved with {base.get('meta')}, now {cur_meta}")
    bad = 0
    for s in cur:
        if s not in base:
            print(f"{s}: not in the saved output; skipped")
            continue
        diffs: list = []
        diff(base[s], cur[s], s, diffs, 10 ** 6)
        print(f"{s}: {'identical' if not diffs else f'{len(diffs)} differing fields'} "
              f"({len(cur[s])} items)")
        for p, a, b in diffs[:args.limit]:
            print(f"  {p}\n    before: {_short(a)}\n    after:  {_short(b)}")
        bad += bool(diffs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
