"""The static HTML report renders right-to-left in a real browser (headless Debian Chromium via Playwright).
Screenshots only with `make screenshots` (tests/web/conftest.shot); `make test` writes none."""
from __future__ import annotations

import re

import pytest

from tests.web.conftest import browser, shot  # noqa: F401  (browser: the one Chromium fixture of the browser tests)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    from marsad.cli import sample_dir
    from marsad.engines.local import run
    from marsad.ingest import read_path
    from marsad.ingest.clean import clean
    from marsad.model import RawArticle
    from marsad.pipeline import build_corpus
    from marsad.report import write_all

    docs = [clean(a) for a in read_path(sample_dir()) if isinstance(a, RawArticle)]
    out = tmp_path_factory.mktemp("report")
    write_all(build_corpus(list(run(docs))), out)
    return out


def test_report_renders_rtl_in_chromium(browser, report_dir):  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((report_dir / "report.html").as_uri())
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    rows = page.locator("tbody tr").count()
    assert rows >= 1
    shot(page, "report-index")
    page.locator("tbody tr a").first.click()
    page.wait_for_load_state()
    assert page.locator("#documents tbody tr").count() >= 1
    # figures with their units in Arabic («25,000,000 دولار», never «USD»)
    figs = page.locator("#ledger td.fig").all_inner_texts()
    assert figs and not any(re.search(r"[A-Za-z]", f) for f in figs), figs
    # entity types in Arabic («فهد العبيدي · شخص · 8», not «PER»)
    badges = page.locator("#entities .badge").all_inner_texts()
    assert badges and not any(re.search(r"[A-Za-z]", b) for b in badges), badges
    shot(page, "report-story")
    page.close()
    assert not errors
