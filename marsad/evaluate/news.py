"""Real-news evaluation: analyse the annotated dev stories (../shared/corpus/expected/news-dev) and score them with
the owners' scorer (../shared/tools/newsscore.py), per story and all together.

`evaluate_news(gold_paths, work_dir)` -> {"all": scores, "stories": {name: scores}}; the scores are newsscore's
(claims, measure, holder, qualifier, stance, claim date, grouping, dates, entities). The input records come from
SaudiNewsNet through ../shared/tools/newsinput.py. Used by `marsad eval news` and tests/eval/test_news_floor.py.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from marsad.ingest import IngestError, read_path
from marsad.ingest.clean import clean
from marsad.pipeline import analyse, build_corpus

__all__ = ["evaluate_news", "SHARED"]

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _tool(name: str, shared: Path):
    spec = importlib.util.spec_from_file_location(name, shared / "tools" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def analyse_records(jsonl: Path):
    """The whole analysis (per-document and corpus stages) of a JSONL file of article records."""
    ads = [analyse(clean(r)) for r in read_path(jsonl) if not isinstance(r, IngestError)]
    return build_corpus(ads)


def evaluate_news(gold_paths: list[Path], work_dir: Path, shared: Path = SHARED) -> dict:
    """Scores of marsad on the given gold stories, all together and one by one."""
    newsinput, newsscore = _tool("newsinput", shared), _tool("newsscore", shared)
    work_dir.mkdir(parents=True, exist_ok=True)
    jsonl, out = work_dir / "news.jsonl", work_dir / "news.json"
    with jsonl.open("w", encoding="utf-8") as f:
        for g in gold_paths:
            for a in json.loads(Path(g).read_text(encoding="utf-8"))["articles"]:
                f.write(json.dumps(newsinput.record(a["ref"]), ensure_ascii=False) + "\n")
    out.write_text(analyse_records(jsonl).model_dump_json(), encoding="utf-8")
    result = {"all": newsscore.score(str(out), [str(g) for g in gold_paths])[0], "stories": {}}
    for g in gold_paths:
        result["stories"][Path(g).stem] = newsscore.score(str(out), [str(g)])[0]
    return result
