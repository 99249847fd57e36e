"""Reports of an analysis: JSON (the contract), Markdown, static RTL HTML (an index and a page per story), CSV ledger.

`dossiers(analysis)` builds the per-story view (documents, summary, timeline, claim ledger, entities, quotes) that the
Markdown and HTML writers — and the web pages — render.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from marsad.arabic.text import normalize
from marsad.arabic.time.render import edtf_ar
from marsad.extract.frames import facet_label
from marsad.model import Analysis
from marsad.report.labels import (count_ar, labels_table, measure_ar, removed_label, stance_label, status_label,
                                  type_label, unit_ar)

FORMATS = ("json", "md", "html", "csv")


@dataclass
class LedgerRow:
    claim: dict
    doc: dict
    sentence: str
    sort_key: tuple


@dataclass
class Dossier:
    id: str
    title: str
    documents: list[dict]
    events: list[dict] = field(default_factory=list)
    summary: list[dict] = field(default_factory=list)
    timeline: list[dict] = field(default_factory=list)
    ledger: list[dict] = field(default_factory=list)   # {"group": ClaimGroup dict, "rows": [LedgerRow]}
    claims: list[dict] = field(default_factory=list)   # claims of the story in no group
    entities: list[dict] = field(default_factory=list)  # {"entity", "count"}
    quotes: list[dict] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    date_range: tuple[str | None, str | None] = (None, None)


def _sort_key(claim: dict, doc: dict) -> tuple:
    """Ledger order: by claim date, else publication date; claims of undated articles after the dated ones."""
    date = claim.get("claim_date") or doc.get("published")
    if not date or date.startswith("X"):
        return (1, date or "", doc.get("source_path") or "")
    return (0, date, doc.get("source_path") or "")


def dossiers(analysis: Analysis) -> list[Dossier]:
    """One dossier per story; documents in no story are gathered in a last dossier «مقالات أخرى»."""
    a = analysis.model_dump()
    docs = {d["id"]: d for d in a["documents"]}
    claims = {c["id"]: c for c in a["claims"]}
    events = {e["id"]: e for e in a["events"]}
    stories = list(a["stories"])
    names = written_names(a["entities"])
    in_story = {d for s in stories for d in s["documents"]}
    rest = [d for d in docs if d not in in_story]
    if rest:
        stories.append({"id": "unassigned", "title": "مقالات أخرى" if stories else "كل المقالات",
                        "documents": rest, "events": [], "summary": [], "timeline": []})
    out = []
    for s in stories:
        dset = set(s["documents"])
        sdocs = sorted((docs[d] for d in s["documents"] if d in docs), key=lambda d: (d.get("published") or "~"))
        dossier = Dossier(id=s["id"], title=s.get("title") or "", documents=sdocs,
                          events=[events[e] for e in s.get("events", []) if e in events],
                          summary=s.get("summary", []), timeline=s.get("timeline", []))
        grouped = set()
        for g in a["claim_groups"]:
            members = [claims[c] for c in g["claims"] if c in claims and claims[c]["doc"] in dset]
            if not members:
                continue
            rows = [LedgerRow(c, docs[c["doc"]], docs[c["doc"]]["text"][c["start"]:c["end"]], _sort_key(c, docs[c["doc"]]))
                    for c in members]
            rows.sort(key=lambda r: r.sort_key)
            grouped.update(c["id"] for c in members)
            parts = {t: [claims[p] for p in ps if p in claims] for t, ps in (g.get("parts") or {}).items()}
            grouped.update(p["id"] for ps in parts.values() for p in ps)
            label = " ".join(x for x in (measure_ar(g["measure"]), facet_label(g.get("facets"))) if x)
            dossier.ledger.append({"group": g, "rows": rows, "label": label,
                                   "where": where_text(g, names), "parts": parts})
        dossier.ledger.sort(key=lambda x: (not x["group"]["conflict"], x["group"].get("status") != "update",
                                           -len(x["rows"])))
        dossier.claims = [c for c in a["claims"] if c["doc"] in dset and c["id"] not in grouped]
        counts = Counter()
        ents = {}
        for e in a["entities"]:
            n = sum(1 for m in e["mentions"] if m["doc"] in dset)
            if n:
                counts[e["id"]] = n
                ents[e["id"]] = e
        dossier.entities = [{"entity": ents[i], "count": n} for i, n in counts.most_common()]
        dossier.quotes = [q for q in a["quotes"] if q["doc"] in dset]
        dossier.outlets = sorted({outlet(d) for d in sdocs})
        dates = sorted(d["published"] for d in sdocs if d.get("published"))
        dossier.date_range = (dates[0], dates[-1]) if dates else (None, None)
        out.append(dossier)
    return out


# ------------------------------------------------------------------ writers
def write_json(analysis: Analysis, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(analysis.model_dump_json(indent=1), encoding="utf-8")
    tmp.replace(path)  # never leave a half-written file
    return path


def _env(html: bool = True):
    """The Jinja environment. HTML templates (`*.html.j2`) always autoescape — whatever their file name — so article
    text, titles and entity names can never become markup; Markdown is written raw (its reader does not run HTML).
    Text carrying bidi embedding/override controls (U+202A–U+202E, U+2066–U+2069) is wrapped in an isolate so it
    cannot reorder the rest of the page."""
    env = Environment(loader=PackageLoader("marsad.report", "templates"), autoescape=html,
                      trim_blocks=True, lstrip_blocks=True, finalize=isolate_bidi if html else None)
    env.filters["fmt"] = fmt_number
    env.filters["figure"] = figure
    env.filters["stance"] = lambda s: stance_label(s or "asserted", "verb")
    env.filters["type_ar"] = type_label
    env.filters["count"] = count_ar  # «{{ n|count("article") }}» → «5 مقالات», «15 مقالاً» (labels.yaml)
    env.filters["date_ar"] = edtf_ar   # EDTF written for readers («صيف 2024», «منذ 2013»); the JSON keeps EDTF
    env.globals["group_note"] = group_note
    env.filters["measure"] = measure_ar
    env.filters["outlet"] = outlet
    env.filters["unit"] = unit_ar      # «USD» → «دولار» (numbers_units.yaml); the JSON and CSV keep the code
    env.filters["status"] = status_label  # a ledger row's status in words (labels.yaml `group_status`)
    env.filters["removed"] = removed_label  # what cleaning removed, in words (labels.yaml `removed_kind`)
    # a citation «[doc:0–229]» read left to right inside Arabic text: in Markdown, between the invisible isolate marks
    # LRI … PDI (the HTML report wraps it in <bdi dir="ltr">), else the bidi algorithm flips its brackets and order
    env.filters["ltr"] = lambda s: "\u2066" + str(s) + "\u2069"
    return env


_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def isolate_bidi(value):
    """A printed value holding bidi controls, wrapped in FSI … PDI: the closing PDI ends every embedding or override
    opened inside (Unicode bidi rule X6a), so «\u202e» in a title cannot flip the text after it. Other values are
    printed as they are."""
    if isinstance(value, str) and _BIDI_CONTROLS.search(value):
        if isinstance(value, Markup):
            return Markup("\u2068") + value + Markup("\u2069")
        return "\u2068" + value + "\u2069"
    return value


def fmt_number(v) -> str:
    if v is None:
        return "—"
    v = float(v)
    return f"{int(v):,}" if v.is_integer() else f"{v:,.2f}"


def outlet(doc) -> str:
    """Who published a document, for a reader: its outlet name, else its link's host («www.alriyadh.com» →
    «alriyadh.com»), else «مصدر غير معروف» — never «?»."""
    get = doc.get if isinstance(doc, dict) else (lambda k, d=None: getattr(doc, k, d))
    if get("source_name"):
        return get("source_name")
    host = urlparse(get("url") or "").hostname or ""
    return host.removeprefix("www.") or "مصدر غير معروف"


def written_names(entities) -> dict[str, str]:
    """Matching form → a name as the articles write it («ارجان» → «أرجان», «كوريا الشماليه» → «كوريا الشمالية»), from
    the entities' names and aliases (a name before an alias), for the folded places a ledger row keeps."""
    out: dict[str, str] = {}
    for e in entities:
        e = e.get("entity", e) if isinstance(e, dict) else e
        for n in [e["name"], *(e.get("aliases") or [])]:
            out.setdefault(normalize(n), n)
    return out


def where_text(g: dict, names: dict[str, str] | None = None) -> str:
    """What a ledger row is about, for a reader: its scope and start, or its incident's places, events and day
    («حصيلة تراكمية منذ 2012», «حادثة واحدة: تفجير — سروج — 20 يوليو 2015»); `names` (see `written_names`) gives
    the places as written."""
    names = names or {}
    scope = g.get("scope") or "incident"
    text = labels_table("scope").get(scope, scope)
    if scope == "cumulative" and g.get("since"):
        since = g["since"]
        text += " منذ " + (edtf_ar(since) if since[:1].isdigit() else since)
    inc = g.get("incident") or {}
    bits = [*inc.get("events", [])[:2], *(names.get(p, p) for p in inc.get("places", [])[:2])]
    if inc.get("date") and scope != "cumulative":
        bits.append(edtf_ar(inc["date"]))
    return text + (": " + " — ".join(bits) if bits else "")


def group_note(g: dict, claim_id: str, arabic: bool = False) -> str:
    """The ledger's note on one claim of a group (denied, duplicate, possible update), or ''."""
    note = ((g or {}).get("notes") or {}).get(claim_id, "")
    if arabic and note:
        return next((ar for k, ar in labels_table("ledger_note").items() if note.startswith(k)), note)
    return note


def figure(c: dict) -> str:
    """A claim's figure as a reader expects it: «أكثر من 10,000», «8,000–10,000»."""
    q = c.get("qualifier") or "exact"
    if q == "vague" and c.get("evidence"):
        return c["evidence"]   # «آلاف», «عشرات الغارات»: a vague amount reads as written, never as its bounds
    if c.get("low") is not None and c.get("high") is not None and c.get("value") is None:
        core = f"{fmt_number(c['low'])}–{fmt_number(c['high'])}"
    else:
        core = fmt_number(c.get("value"))
    word = labels_table("qualifier").get(q, "")
    if q == "at_least":
        return f"{core} {word}"
    return f"{word} {core}".strip() if q not in ("range", "vague") else core


def write_markdown(analysis: Analysis, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _env(html=False).get_template("report.md.j2").render(dossiers=dossiers(analysis), analysis=analysis)
    path.write_text(text, encoding="utf-8")
    return path


def write_html(analysis: Analysis, folder: Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    env = _env(html=True)
    ds = dossiers(analysis)
    paths = []
    index = folder / "report.html"
    index.write_text(env.get_template("index.html.j2").render(dossiers=ds, analysis=analysis), encoding="utf-8")
    paths.append(index)
    for d in ds:
        p = folder / f"story-{d.id}.html"
        p.write_text(env.get_template("story.html.j2").render(d=d, analysis=analysis), encoding="utf-8")
        paths.append(p)
    return paths


CSV_FIELDS = ["group", "measure", "subject", "conflict", "claim", "doc", "outlet", "published", "claim_date", "figure",
              "value", "low", "high", "qualifier", "unit", "stance", "holder", "evidence", "sentence", "note",
              "update_possible", "measure_label", "status", "scope", "since", "incident", "part_of"]


def ledger_csv(analysis: Analysis) -> str:
    """The claim ledger, one row per claim with its group (claims in no group have an empty group)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS)
    w.writeheader()
    a = analysis.model_dump()
    docs = {d["id"]: d for d in a["documents"]}
    group_of = defaultdict(lambda: None)
    for g in a["claim_groups"]:
        for c in g["claims"]:
            group_of[c] = g
    for c in sorted(a["claims"], key=lambda c: (group_of[c["id"]]["id"] if group_of[c["id"]] else "~",
                                                _sort_key(c, docs.get(c["doc"], {})))):
        d, g = docs.get(c["doc"], {}), group_of[c["id"]]
        w.writerow(_neutralised({"group": g["id"] if g else "", "measure": c["measure"], "subject": c.get("subject"),
                    "conflict": g["conflict"] if g else "", "claim": c["id"], "doc": c["doc"],
                    "outlet": d.get("source_name"), "published": d.get("published"), "claim_date": c.get("claim_date"),
                    "figure": figure(c), "value": c.get("value"), "low": c.get("low"), "high": c.get("high"),
                    "qualifier": c.get("qualifier"), "unit": c.get("unit"), "stance": c.get("stance"),
                    "holder": c.get("holder"), "evidence": c.get("evidence"),
                    "sentence": (d.get("text") or "")[c["start"]:c["end"]], "note": group_note(g, c["id"]),
                    "update_possible": g.get("monotonic_update_possible") if g else "",
                    "measure_label": measure_ar(c["measure"]), "status": g.get("status", "") if g else "",
                    "scope": c.get("scope"), "since": c.get("since"), "incident": _incident_text(c.get("incident")),
                    "part_of": c.get("part_of")}))
    return buf.getvalue()


def _incident_text(inc) -> str:
    """A claim's incident as one CSV cell: events, places and day joined by « — »."""
    inc = inc or {}
    return " — ".join([*inc.get("events", []), *inc.get("places", []), *([inc["date"]] if inc.get("date") else [])])


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A text cell a spreadsheet would run as a formula (it starts with = + - @, or a tab/CR before one) gets a
    leading apostrophe, which spreadsheets show as text and do not print. Numbers are left as numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _neutralised(row: dict) -> dict:
    return {k: csv_cell(v) for k, v in row.items()}


def write_csv(analysis: Analysis, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ledger_csv(analysis), encoding="utf-8-sig")  # BOM: spreadsheets then read Arabic correctly
    return path


def write_all(analysis: Analysis, folder: Path, formats=None) -> list[Path]:
    """Write the requested formats (default: all) into `folder`; returns the files written."""
    folder = Path(folder)
    formats = formats or FORMATS
    out = []
    if "json" in formats:
        out.append(write_json(analysis, folder / "analysis.json"))
    if "md" in formats:
        out.append(write_markdown(analysis, folder / "report.md"))
    if "html" in formats:
        out.extend(write_html(analysis, folder))
    if "csv" in formats:
        out.append(write_csv(analysis, folder / "ledger.csv"))
    return out


def load_json(path: Path) -> Analysis:
    return Analysis.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
