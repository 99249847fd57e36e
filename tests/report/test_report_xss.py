"""The report never turns article content into markup: an article full of payloads (title, outlet, URL, body, entity
names, quotes) is analysed by the real pipeline and every HTML page is opened in Chromium, where nothing may run."""
from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

# Each payload sets window.__pwned (or opens a dialog) if it ever runs.
PAYLOADS = [
    '<script>window.__pwned=1</script>',
    '<img src=x onerror="window.__pwned=2">',
    '<svg onload="window.__pwned=3"></svg>',
    '"><script>window.__pwned=4</script>',
    "'><img src=y onerror=alert(5)>",
    '<iframe srcdoc="<script>parent.__pwned=6</script>"></iframe>',
    '<a href="javascript:window.__pwned=7">اضغط</a>',
    '</td></tr></table><script>window.__pwned=8</script>',
    '<details open ontoggle="window.__pwned=9">',
    '<style>body{display:none}</style>',
]
BIDI = "\u202eمعكوس"


def _article() -> dict:
    body = "\n".join([
        f"أعلنت وزارة الصحة في مدينة النخيل مقتل 12 شخصاً وإصابة 30 آخرين في حريق {PAYLOADS[0]} يوم الاثنين.",
        f"وقال المتحدث سامي العابد إن «الحريق اندلع في مخزن {PAYLOADS[1]} قديم».",
        f"وذكرت مصادر محلية أن عدد القتلى بلغ 15 شخصاً {PAYLOADS[2]} حسب الشهود.",
        f"وأضاف أن فرق الإطفاء {PAYLOADS[3]} وصلت بعد ساعة {PAYLOADS[4]}.",
        f"{PAYLOADS[5]} {PAYLOADS[6]} {PAYLOADS[7]} {PAYLOADS[8]} {PAYLOADS[9]} {BIDI} نهاية الخبر.",
    ])
    return {"title": f"حريق في مدينة النخيل {PAYLOADS[0]} {BIDI}", "content": body,
            "source": f'<b onmouseover="window.__pwned=10">صحيفة</b>', "url": "javascript:window.__pwned=11",
            "author": PAYLOADS[1], "date": "2025-06-02"}


@pytest.fixture(scope="module")
def payload_report(tmp_path_factory) -> Path:
    from marsad.ingest import read_path
    from marsad.ingest.clean import clean
    from marsad.model import RawArticle
    from marsad.pipeline import analyse, build_corpus
    from marsad.report import write_all

    folder = tmp_path_factory.mktemp("xss")
    src = folder / "evil.jsonl"
    second = dict(_article(), title="خبر ثان عن الحريق", source="وكالة =HYPERLINK(\"http://x\")")
    src.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in (_article(), second)), encoding="utf-8")
    docs = [clean(a) for a in read_path(src) if isinstance(a, RawArticle)]
    analysis = build_corpus([analyse(d) for d in docs])
    # names the extractors may not have picked up: put payloads into every kind of printed name
    for i, e in enumerate(analysis.entities):
        e.name = PAYLOADS[i % len(PAYLOADS)]
        e.aliases = [PAYLOADS[(i + 1) % len(PAYLOADS)], BIDI]
    for s in analysis.stories:
        s.title = PAYLOADS[7] + BIDI
    for c in analysis.claims:
        c.holder, c.evidence, c.unit = PAYLOADS[3], PAYLOADS[4], PAYLOADS[8]
    for q in analysis.quotes:
        q.speaker = PAYLOADS[6]
    out = folder / "report"
    write_all(analysis, out)
    return out


class _Tags(HTMLParser):
    """Every tag and attribute the page really holds (escaped text is data, not tags)."""

    def __init__(self):
        super().__init__()
        self.tags, self.handlers, self.js_links = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [(tag, k) for k, _ in attrs if k.startswith("on")]
        self.js_links += [v for k, v in attrs if k == "href" and (v or "").strip().lower().startswith("javascript:")]


def test_html_pages_hold_no_live_markup(payload_report):
    pages = sorted(payload_report.glob("*.html"))
    assert len(pages) >= 2
    for p in pages:
        html = p.read_text(encoding="utf-8")
        tags = _Tags()
        tags.feed(html)
        assert not {"script", "img", "iframe", "svg", "object", "embed"} & set(tags.tags), p.name
        assert tags.tags.count("style") == 1, p.name  # the page's own stylesheet only
        assert not tags.handlers and not tags.js_links, p.name
        assert "&lt;script&gt;" in html  # the payload is shown as text, not dropped
        # every printed value holding an override is wrapped in FSI … PDI
        assert html.count("\u2068") >= html.count("\u202e") and html.count("\u2069") >= html.count("\u202e")


def test_markdown_keeps_the_text(payload_report):
    md = (payload_report / "report.md").read_text(encoding="utf-8")
    assert "حريق" in md


def test_csv_cells_cannot_be_formulas(payload_report):
    import csv

    rows = list(csv.reader((payload_report / "ledger.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) > 1
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")), cell
            assert not cell.startswith("-") or _is_number(cell), cell


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


@pytest.mark.browser
def test_no_payload_runs_in_chromium(payload_report):
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian chromium not installed (make sysdeps installs it)")
    from playwright.sync_api import sync_playwright

    pages = sorted(payload_report.glob("*.html"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for f in pages:
            page.goto(f.as_uri())
            page.wait_for_load_state("load")
            for a in page.locator("details").all():  # ontoggle payloads would fire on opening
                a.evaluate("el => el.open = true")
            page.locator("[onmouseover]").count()
            live = page.evaluate("""() => ({
                pwned: window.__pwned === undefined ? null : window.__pwned,
                scripts: document.querySelectorAll('script, iframe, img, svg, object, embed, style:not(head style)').length,
                handlers: [...document.querySelectorAll('*')].filter(
                    el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
                jsLinks: [...document.querySelectorAll('a[href]')].filter(
                    a => a.href.trim().toLowerCase().startsWith('javascript:')).length,
                text: document.body.innerText,
            })""")
            assert live["pwned"] is None, (f.name, live)
            assert live["scripts"] == 0 and live["handlers"] == 0 and live["jsLinks"] == 0, (f.name, live)
            if f.name != "report.html":
                assert "<script>window.__pwned=1</script>" in live["text"] or "__pwned" in live["text"], f.name
        browser.close()
    assert not dialogs
