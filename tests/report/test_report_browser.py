"""The static HTML report renders right-to-left in a real browser (headless Debian Chromium via Playwright)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

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


def test_report_renders_rtl_in_chromium(report_dir):
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian chromium not installed (make sysdeps installs it)")
    from playwright.sync_api import sync_playwright

    shots = REPO / "out" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((report_dir / "report.html").as_uri())
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        rows = page.locator("tbody tr").count()
        assert rows >= 1
        page.screenshot(path=str(shots / "report-index.png"), full_page=True)
        page.locator("tbody tr a").first.click()
        page.wait_for_load_state()
        assert page.locator("#documents tbody tr").count() >= 1
        page.screenshot(path=str(shots / "report-story.png"), full_page=True)
        browser.close()
    assert not errors
