"""The workbench's RTL Arabic pages: the stories list, a story's dossier (and its ledger as CSV), the article view,
search, and upload with its job page. Each route reads the store through `Data` (given by `Depends`) and the queries
of marsad/store/queries.py, and renders a Jinja2 template of marsad/web/templates (`templates()` builds their
environment: autoescape on, Arabic labels as filters)."""
from __future__ import annotations

from pathlib import Path
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from marsad import report as rep
from marsad.extract.frames import facet_label
from marsad.report.labels import (code_label, count_ar, measure_ar, removed_label, stance_label, status_label,
                                  type_label, unit_ar)
from marsad.store import queries as qry
from marsad.store import search as srch
from marsad.web import render
from marsad.web.deps import DATE_RE, DataDep, JobsDep, check_id, moved, not_found, read_upload

HERE = Path(__file__).resolve().parent
STORIES_PER_PAGE = 50
router = APIRouter()

def templates() -> Jinja2Templates:
    """The pages' templates, with the filters and globals they use."""
    # autoescape everything: the templates are *.html.j2, which select_autoescape's default would not cover
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, finalize=rep.isolate_bidi)  # a bidi override cannot leave its value
    out = Jinja2Templates(env=env)
    env.filters["fmt"] = rep.fmt_number
    env.filters["figure"] = rep.figure
    env.globals["safe_url"] = render.safe_url
    env.globals["LAYERS"] = render.LAYERS
    env.filters["stance_ar"] = stance_label
    env.filters["qualifier_ar"] = lambda s: code_label("qualifier", s)
    env.filters["measure_ar"] = measure_ar  # measures.yaml labels (named and open measures: «عدد: سفينة»)
    env.filters["date_ar"] = render.date_ar  # EDTF for readers («صيف 2024»); the JSON and API keep EDTF
    env.filters["outlet"] = rep.outlet   # outlet name, else the link's host — never «?»
    env.filters["type_ar"] = type_label
    env.filters["count"] = count_ar  # «{{ n|count("article") }}» → «5 مقالات», «15 مقالاً»
    env.filters["unit_ar"] = unit_ar  # «USD» → «دولار» (numbers_units.yaml); the API keeps the code
    env.filters["status_ar"] = status_label  # a ledger row's status in words (labels.yaml `group_status`)
    env.globals["group_note"] = rep.group_note
    env.filters["removed_ar"] = removed_label  # what cleaning removed (labels.yaml `removed_kind`)
    env.filters["label_ar"] = code_label  # «{{ "published_from"|label_ar(code) }}»: any table of labels.yaml
    return out


def page(request: Request, name: str, **ctx):
    return request.app.state.templates.TemplateResponse(request, name, ctx)


@dataclass
class ListFilters:
    """The filters the stories list and search share (outlet, entity, date range) and the page asked for."""
    outlet: str
    entity: str
    date_from: str
    date_to: str
    page_no: int


def list_filters(outlet: Annotated[str, Query(max_length=200)] = "",
                 entity: Annotated[str, Query(max_length=128)] = "",
                 date_from: Annotated[str, Query(alias="from", pattern=r"^$|" + DATE_RE)] = "",
                 date_to: Annotated[str, Query(alias="to", pattern=r"^$|" + DATE_RE)] = "",
                 page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1) -> ListFilters:
    return ListFilters(outlet, entity, date_from, date_to, page_no)


FiltersDep = Annotated[ListFilters, Depends(list_filters)]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def stories_page(request: Request, data: DataDep, lf: FiltersDep, q: Annotated[str, Query(max_length=200)] = "",
                 sort: Annotated[str, Query(pattern="^(size|recent|outlets|conflicts)$")] = "size",
                 conflicts: Annotated[str, Query(pattern="^(|1|0)$")] = ""):
    outlet, entity, date_from, date_to, page_no = lf.outlet, lf.entity, lf.date_from, lf.date_to, lf.page_no
    conn = data.conn
    rest = data.rest()
    per = STORIES_PER_PAGE
    filters = {"q": q, "outlet": outlet, "entity": entity, "date_from": date_from, "date_to": date_to,
               "conflicts": conflicts == "1", "sort": sort}

    def cards_html():
        cards, matching = qry.story_cards(conn, rest, **filters, limit=per, offset=(page_no - 1) * per)
        html = request.app.state.templates.get_template("_story_cards.html.j2").render(dossiers=cards)
        return Markup(html), matching, len(cards)

    # the cards change only when the corpus is rewritten or the pseudo-story «مقالات أخرى» changes: while
    # `marsad analyze` saves articles, the list is not rebuilt per request
    rest_key = rest and (rest["n_docs"], rest["date_range"], tuple(rest["outlets"]), rest["n_groups"],
                         rest["n_conflict"], tuple(map(tuple, rest["top"])))
    html, matching, n_cards = data.page(f"cards:{sorted(filters.items())}:{page_no}",
                                        (*qry.change_key(conn, corpus_only=True), rest_key), cards_html)
    total = qry.count_stories(conn) + (1 if rest else 0)
    ent = qry.corpus_json(conn, "entity", entity) if entity else None
    return page(request, "stories.html.j2", cards_html=html, n_cards=n_cards,
                outlets=data.cached("outlets", qry.all_outlets, corpus_only=True),
                total=total, matching=matching, page_no=page_no, pages=max(1, -(-matching // per)),
                f={"q": q, "outlet": outlet, "entity": entity, "from": date_from, "to": date_to, "sort": sort,
                   "conflicts": conflicts == "1"},
                entity_name=(ent or {}).get("name"),
                n_docs=data.store().count("documents"), n_analysed=data.store().count("analyses"))


@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_page(request: Request, story_id: str, data: DataDep,
               page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1):
    check_id(story_id, "story")
    conn = data.conn
    html = data.page(f"dossier:{story_id}:{page_no}", qry.story_key(conn, story_id),
                     lambda: render_dossier(request, conn, story_id, page_no))
    if html is None:
        return moved(request, data, story_id)
    return HTMLResponse(html)


def render_dossier(request: Request, conn, story_id: str, page_no: int) -> str | None:
    """The dossier page's HTML (None for an unknown story)."""
    found = qry.dossier(conn, story_id, page_no)
    if found is None:
        return None
    d, docs = found
    ledger = []
    names = rep.written_names(d.entities)   # the incident's places as the articles write them
    for item in d.ledger:
        rows = [{"date": r.claim.get("claim_date") or r.doc.get("published"), "value": r.claim.get("value"),
                 "low": r.claim.get("low"), "high": r.claim.get("high"),
                 "label": f"{rep.figure(r.claim)} — {r.claim.get('holder') or r.doc.get('source_name') or ''}"}
                for r in item["rows"]]
        units = set(item["group"].get("currencies") or {})  # present when a row holds figures in several currencies
        # the chart plots dated figures only: an undated one drawn at an edge would read as the first or the latest
        # (the table lists it, muted, as «غير مؤرخ»)
        dated = [r for r in rows if render.date_pos(r["date"]) is not None]
        chart = render.figures_svg(dated, item["group"]["conflict"]) if render.figures_worth_a_chart(rows, units) \
            else ""
        g = item["group"]
        # parts under their totals («57 قتيلاً بينهم 12 طفلاً»): a part belongs to no ledger row of its own
        parts = {t: [c for i in ps if (c := qry.claim(conn, i))] for t, ps in (g.get("parts") or {}).items()}
        ledger.append({**item, "chart": chart, "where": rep.where_text(g, names), "parts": parts,
                       "facet": facet_label(g.get("facets"))})
    # conflicts first, then growing tolls, then the rows with the most figures (as the report orders them)
    ledger.sort(key=lambda x: (not x["group"]["conflict"], x["group"].get("status") != "update", -len(x["rows"])))
    shown_as_parts = {p["id"] for x in ledger for ps in x["parts"].values() for p in ps}
    d.claims = [c for c in d.claims if c["id"] not in shown_as_parts]
    timeline = sorted(d.timeline, key=lambda t: (render.date_pos(t.get("date")) is None,
                                                 render.date_pos(t.get("date")) or 0))
    close = main_period(d.timeline)
    return request.app.state.templates.get_template("story.html.j2").render(
        request=request, d=d, docs=docs, ledger=ledger, timeline=timeline,
        timeline_chart=render.timeline_svg(d.timeline),
        detail_chart=render.timeline_svg(close) if close else "", detail=close)


GAP_SHARE = 0.3    # a gap wider than this share of the timeline's span sets the entries before it apart
MAIN_SHARE = 0.6   # … when the entries after it are at least this share of all


def main_period(entries: list[dict]) -> list[dict] | None:
    """The timeline's entries of the story's own period, when background dates crowd them into a corner of the true
    time axis (a story of 2024–25 that recalls 1949 and 2019): the entries before the last wide gap are left out as
    long as most entries remain after it. None when the whole timeline already reads well (the detail would say
    nothing more: it spans at least half the whole, or has fewer than three dates)."""
    dated = sorted((render.date_pos(e.get("date")), i) for i, e in enumerate(entries)
                   if render.date_pos(e.get("date")) is not None)
    if not dated:
        return None
    keep = dated
    while True:
        span = keep[-1][0] - keep[0][0]
        cut = next((k for k in range(len(keep) - 1, 0, -1)
                    if keep[k][0] - keep[k - 1][0] > GAP_SHARE * span), None) if span else None
        if cut is None or len(keep) - cut < MAIN_SHARE * len(dated):
            break
        keep = keep[cut:]
    whole = dated[-1][0] - dated[0][0]
    if len({p for p, _ in keep}) < 3 or (keep[-1][0] - keep[0][0]) > 0.5 * whole:
        return None
    return [entries[i] for _, i in keep]


@router.get("/stories/{story_id}/ledger.csv", include_in_schema=False)
def story_csv(request: Request, story_id: str, data: DataDep):
    if not qry.story_exists(data.conn, check_id(story_id, "story")):
        return moved(request, data, story_id)
    body = "\ufeff" + rep.ledger_csv(qry.story_ledger_analysis(data.conn, story_id))
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="ledger-{story_id}.csv"'})


@router.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
def document_page(request: Request, doc_id: str, data: DataDep,
                  hl: Annotated[str, Query(pattern=r"^$|^\d{1,9}-\d{1,9}$")] = "",
                  q: Annotated[str, Query(max_length=500)] = ""):
    st = data.store()
    doc = st.document(check_id(doc_id, "document"))
    if doc is None:
        not_found("document", doc_id)
    an = qry.doc_analysis(st.conn, doc_id)
    mention_entity, stored_claims, story = qry.document_context(st.conn, doc_id, [c["id"] for c in an["claims"]])
    layers = []
    for m in an["mentions"]:
        ent = mention_entity.get((m["start"], m["end"]))
        label = (ent or {}).get("type") or m.get("label") or "MISC"
        title = (ent or {}).get("name") or m.get("text")
        layers.append((m["start"], m["end"], f"ent-{label}", f"{type_label(label)}: {title}"))
    for x in an["dates"]:
        layers.append((x["start"], x["end"], "date", f"تاريخ: {x.get('value') or '؟'}"))
    for x in an["quantities"]:
        layers.append((x["start"], x["end"], "num", f"رقم: {rep.fmt_number(x.get('value'))}"
                       if x.get("value") is not None else "رقم"))
    claims = [stored_claims.get(c["id"], c) for c in an["claims"]]
    for c in claims:
        layers.append((c["start"], c["end"], "claim",
                       f"ادعاء: {measure_ar(c['measure'])} {rep.figure(c)}"))
    for qt in an["quotes"]:
        layers.append((qt["start"], qt["end"], "quote", f"اقتباس: {qt.get('speaker') or '؟'}"))
    anchors = {s["start"] for s in an["sentences"]} | {c["start"] for c in claims} | \
        {qt["start"] for qt in an["quotes"]}
    if hl:
        a, b = (int(x) for x in hl.split("-"))
        if 0 <= a < b <= len(doc.text):
            layers.append((a, b, "cited", None))
            anchors.add(a)
    if q.strip():
        hits = srch.highlights(doc.text, srch.parse_query(q))
        layers.extend((a, b, "hit", None) for a, b in hits)
        if hits:
            anchors.add(hits[0][0])
    body = render.annotate(doc.text, layers, anchors)
    present = {cls for _, _, cls, _ in layers}
    return page(request, "document.html.j2", doc=doc.model_dump(), body=body, present=present, q=q,
                claims=claims, quotes=an["quotes"], errors=an["errors"], analysed=bool(an["sentences"]),
                story=story)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, data: DataDep, lf: FiltersDep, q: Annotated[str, Query(max_length=500)] = ""):
    outlet, entity, date_from, date_to, page_no = lf.outlet, lf.entity, lf.date_from, lf.date_to, lf.page_no
    per = 10
    res = None
    if q.strip() or entity or outlet or date_from or date_to:
        res = srch.search(data.conn, q, limit=per, offset=(page_no - 1) * per, entity=entity or None,
                          outlet=outlet or None, date_from=date_from or None, date_to=date_to or None)
        for h in res["hits"]:
            h["snippet_html"] = render.mark(h["snippet"], h["highlights"])
            h["title_html"] = render.mark(h["title"] or "", h["title_highlights"]) if h["title"] else None
    pages = max(1, -(-res["total"] // per)) if res else 1
    ents = data.cached("top_entities", qry.top_entities)
    return page(request, "search.html.j2", res=res, page_no=page_no, pages=pages,
                f={"q": q, "entity": entity, "outlet": outlet, "from": date_from, "to": date_to},
                outlets=srch.outlets(data.conn)[:300], entities=ents)


@router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_page(request: Request):
    return page(request, "upload.html.j2", max_upload=request.app.state.max_upload, job=None)


@router.post("/upload", include_in_schema=False)
async def upload_form(request: Request, jobs: JobsDep):
    """The no-JS path: the form posts here and lands on the job's page (which refreshes itself)."""
    files, source = await read_upload(request)
    job = jobs.submit(files, source=source)
    return RedirectResponse(f"/jobs/{job['id']}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def job_page(request: Request, job_id: str, jobs: JobsDep):
    job = jobs.get(check_id(job_id, "job"))
    if job is None:
        not_found("job", job_id)
    return page(request, "upload.html.j2", max_upload=request.app.state.max_upload, job=job)


@router.get("/favicon.ico", include_in_schema=False)
def favicon():
    """The browser's tab icon (an SVG: every browser that asks for /favicon.ico reads it)."""
    return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml",
                        headers={"Cache-Control": "max-age=86400"})
