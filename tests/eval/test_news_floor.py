"""Real news: the dev stories of ../shared/corpus/expected/news-dev scored with the owners' scorer
(../shared/tools/newsscore.py). Skips when ../shared is missing.

Floors are pinned in tests/eval/baseline.json under "news_dev" (only ever raised): claims F1, measure, holder
(all and attributed), qualifier, stance (all and not plainly asserted), claim date, grouping pair F1 (mean over
stories) and the share of disputed rows kept whole, dates F1, entity precision and recall.
"""
import json
from pathlib import Path

import pytest

from marsad.evaluate.news import SHARED, evaluate_news

BASELINE = Path(__file__).parent / "baseline.json"
DEV = SHARED / "corpus" / "expected" / "news-dev"

pytestmark = pytest.mark.eval
needs_news = pytest.mark.skipif(not list(DEV.glob("*.json")) or not (SHARED / "tools" / "newsscore.py").exists()
                                or not (SHARED / "eval" / "saudinewsnet" / "dataset").is_dir(),
                                reason="../shared news-dev stories or SaudiNewsNet are missing")


def _figures(res: dict) -> dict:
    g, c, d, e = res["grouping"], res["claims"], res["dates"], res["entities"]
    return {"claims_f1": c["f1"], "measure": res["measure_accuracy"], "holder": res["holder_accuracy"],
            "holder_attributed": res["attributed_holder_accuracy"], "qualifier": res["qualifier_accuracy"],
            "stance": res["stance_accuracy"], "stance_not_asserted": res["marked_stance_accuracy"],
            "claim_date": res["claim_date_accuracy"], "grouping_pair_f1": g["pair_f1"],
            "kept_whole_share": g["kept_whole_share"], "dates_f1": d["f1"],
            "entities_precision": e["precision"], "entities_recall": e["recall"]}


@needs_news
def test_news_dev_floors(tmp_path):
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["news_dev"]
    got = _figures(evaluate_news(sorted(DEV.glob("*.json")), tmp_path)["all"])
    below = {k: (got[k], v) for k, v in floors.items() if (got[k] or 0.0) < v}
    assert not below, f"below the pinned floors (got, floor): {below}"
