"""The Markdown report: list items stay list items (one line each), the ledger reads in Arabic."""
from pathlib import Path

from marsad.model import Analysis, Claim, ClaimGroup, Document, Story, SummarySentence, TimelineEntry
from marsad.report import write_markdown

TEXT = "قال الدفاع المدني إن 12 شخصا قتلوا في الحريق. وقالت الشرطة إن 14 شخصا قتلوا في الحريق."


def analysis() -> Analysis:
    docs = [Document(id="d1", source_path="a.txt", text=TEXT, published="2026-02-01", source_name="النسيم"),
            Document(id="d2", source_path="b.txt", text=TEXT, published="2026-02-01", source_name="الضحى")]
    claims = [Claim(id="d1:21", doc="d1", start=0, end=46, evidence="12 شخصا", value=12, measure="killed",
                    evidence_start=21, evidence_end=28, holder="الدفاع المدني"),
              Claim(id="d2:70", doc="d2", start=47, end=len(TEXT), evidence="14 شخصا", value=14, measure="killed",
                    evidence_start=70, evidence_end=77, holder="الشرطة")]
    group = ClaimGroup(id="g1", measure="killed", claims=["d1:21", "d2:70"], min=12, max=14, conflict=True)
    story = Story(id="s1", title="حريق", documents=["d1", "d2"],
                  summary=[SummarySentence(text=TEXT[:46], doc="d1", start=0, end=46,
                                           sources=[{"doc": "d2", "start": 0, "end": 46}]),
                           SummarySentence(text=TEXT[47:], doc="d2", start=47, end=len(TEXT))],
                  timeline=[TimelineEntry(date="2026-01-31", text=TEXT[:46], doc="d1", start=0, end=46,
                                          sources=[{"doc": "d2", "start": 0, "end": 46}]),
                            TimelineEntry(date="2026-02-01", text=TEXT[47:], doc="d2", start=47, end=len(TEXT))])
    return Analysis(documents=docs, claims=claims, claim_groups=[group], stories=[story])


def test_summary_and_timeline_items_are_one_line_each(tmp_path: Path):
    md = write_markdown(analysis(), tmp_path / "r.md").read_text(encoding="utf-8")
    lines = md.splitlines()
    assert sum(1 for x in lines if x.startswith(("1. ", "2. "))) == 2          # two numbered summary items
    assert sum(1 for x in lines if x.startswith("- **")) == 2                  # two timeline items
    # the citation isolated left to right (LRI … PDI) so that RTL text keeps its brackets; its other source in words
    assert "\u2066[d1:0–46]\u2069 (ومصدر آخر)" in md and "2. " + TEXT[47:] in md
    assert "#### القتلى" in md and "⚠ تضارب" in md                             # the ledger row in Arabic


def test_an_outlet_without_a_name_is_its_links_host(tmp_path: Path):
    a = analysis()
    a.documents[1].source_name = None
    a.documents[1].url = "https://www.example-news.sa/article/1"
    md = write_markdown(a, tmp_path / "r.md").read_text(encoding="utf-8")
    assert "example-news.sa" in md and "| ? |" not in md and " ?" not in md.split("### الملخص")[0]
