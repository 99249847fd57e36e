"""Server-side rendering helpers: highlighted text built from offsets (every text piece escaped) and SVG charts.

Nothing here trusts its input: article text, entity names and claim evidence are escaped with `markupsafe.escape`
before they are placed in markup; only the structure (tags, class names chosen from fixed sets) is ours.
"""
from __future__ import annotations

import re
from collections import defaultdict

from markupsafe import Markup, escape

from marsad.arabic.time.render import edtf_ar

LAYERS = {  # layer key -> Arabic legend label
    "ent-PER": "شخص", "ent-ORG": "منظمة", "ent-LOC": "مكان", "ent-MISC": "كيان آخر",
    "date": "تاريخ", "num": "رقم", "claim": "ادعاء رقمي", "quote": "اقتباس", "cited": "الجملة المستشهد بها",
    "hit": "كلمات البحث",
}
_SAFE_CLASS = re.compile(r"^[a-zA-Z-]+$")
_ESCAPED = re.compile(r"[&<>'\"]")  # the characters `escape` replaces: a text without any is its own escape


def mark(text: str | None, spans) -> Markup:
    """`text` with the given (start, end) spans wrapped in <mark>; every piece escaped."""
    text = text or ""
    out, pos = [], 0
    for s, e in sorted(spans or []):
        s, e = max(s, pos), min(e, len(text))
        if s >= e:
            continue
        out.append(escape(text[pos:s]))
        out.append(Markup("<mark>") + escape(text[s:e]) + Markup("</mark>"))
        pos = e
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def annotate(text: str, layers: list[tuple[int, int, str, str | None]], anchors=()) -> Markup:
    """The text cut at every layer boundary; each piece a <span> with the classes of the layers covering it.

    `layers`: (start, end, class, title) — class from LAYERS, title a tooltip (escaped). `anchors`: offsets that get an
    empty <span id="s-OFFSET"> so citations can link to a sentence.

    Built as plain strings (the article view's hot loop: a `Markup %` per piece was two thirds of the page's time
    under writes): every text piece and title goes through `escape`, class names are checked against _SAFE_CLASS,
    the rest is our fixed markup; the opening tag is rebuilt only where a layer starts or ends."""
    n = len(text)
    esc = escape if _ESCAPED.search(text) else str  # most articles hold none of & < > ' ": no piece needs it
    bounds = {0, n}
    starts = defaultdict(list)
    for s, e, cls, title in layers:
        if not (0 <= s < e <= n) or not _SAFE_CLASS.match(cls):
            continue
        starts[s].append((s, e, cls, title))
        bounds.update((s, e))
    anchor_set = {a for a in anchors if 0 <= a <= n}
    bounds.update(anchor_set)
    cuts = sorted(bounds)
    active: list[tuple] = []
    tag = ""  # the opening tag of the pieces under `active`
    out = []
    for a, b in zip(cuts, cuts[1:]):
        new = starts.get(a)
        if new or any(sp[1] <= a for sp in active):
            active = [sp for sp in active if sp[1] > a] + (new or [])
            tag = _open_tag(active) if active else ""
        if a in anchor_set:
            out.append('<span class="anchor" id="s-%d"></span>' % a)
        piece = esc(text[a:b])
        out.append(f"{tag}{piece}</span>" if tag else piece)
    if n in anchor_set:
        out.append('<span class="anchor" id="s-%d"></span>' % n)
    return Markup("".join(out))


def _open_tag(active: list[tuple]) -> str:
    """The <span> opening a piece covered by `active` layers: their classes (names _SAFE_CLASS let through: nothing
    to escape), their titles escaped."""
    classes = " ".join(sorted({"l-" + sp[2] for sp in active}))
    titles = " · ".join(dict.fromkeys(sp[3] for sp in active if sp[3]))
    if titles:
        return f'<span class="{classes}" title="{escape(titles)}">'
    return f'<span class="{classes}">'


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL (the only kind we ever turn into a link), else None."""
    if not url:
        return None
    u = url.strip()
    if re.match(r"^https?://[^\s/$.?#][^\s]*$", u, re.IGNORECASE) and not any(c in u for c in "\"'<>`"):
        return u
    return None


# ------------------------------------------------------------------ dates on a line
_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_pos(value: str | None) -> float | None:
    """A sortable position (fractional year) for an EDTF date, its interval start, a decade's or century's middle
    («198X» → 1985), or None when the year is unknown («XXXX-09»)."""
    if not value:
        return None
    v = value.split("/")[0]
    decade = re.match(r"^(\d{2})(\d|X)X$", v)   # «198X» (the 1980s), «19XX»: the middle of the decade or century
    if decade:
        return float(decade.group(1) + (decade.group(2) + "5" if decade.group(2) != "X" else "50"))
    w = re.match(r"^(\d{4})-W(\d{2})", v)
    if w:
        return int(w.group(1)) + (int(w.group(2)) - 1) * 7 / 372
    m = _DAY.match(v)
    if not m:
        return None
    y = int(m.group(1))
    mo = m.group(2)
    d = int(m.group(3) or 1)
    if mo is None:
        return float(y)
    mo_i = int(mo)
    if mo_i > 12:  # EDTF season 21-24
        mo_i = {21: 4, 22: 7, 23: 10, 24: 1}.get(mo_i, 6)
    return y + (mo_i - 1) / 12 + (d - 1) / 372


def _fmt_date(v: str) -> str:
    """A timeline label for readers («31 أكتوبر 2024», «صيف 2024», «منذ 2013»): an interval by its start, so that
    the label stays short (the tooltip gives the whole value, see `date_ar`)."""
    if "/" in v and not v.endswith("/.."):
        v = v.split("/")[0]
    return edtf_ar(v)


def date_ar(v: str | None) -> str:
    """An EDTF value written for readers (marsad.arabic.time.render.edtf_ar); the JSON keeps EDTF."""
    return edtf_ar(v)


# ------------------------------------------------------------------ SVG charts
def timeline_svg(entries: list[dict], width: int = 860) -> Markup:
    """A horizontal timeline on a true time axis (time runs right to left, as the page reads): one dot per distinct
    dated point, placed by its date (years apart look years apart), sized by how many entries it carries; the
    tooltip lists them. Labels go on two rows and a label that would overlap its row's last one is left to the
    tooltip; the axis is marked at each year when the span passes one. Entries whose year is unknown are left to
    the table below."""
    pts = defaultdict(list)
    for e in entries:
        p = date_pos(e.get("date"))
        if p is not None:
            pts[(p, _fmt_date(e["date"]))].append((date_ar(e["date"]) + ": " if "/" in e["date"] else "") +
                                                   (e.get("text") or ""))
    if not pts:
        return Markup("")
    keys = sorted(pts)
    n = len(keys)
    pad, h, min_gap = 48, 132, 86
    t0, t1 = keys[0][0], keys[-1][0]
    span = t1 - t0

    def x_of(p: float) -> float:
        return width - pad - (p - t0) / span * (width - 2 * pad) if span else width / 2

    out = [Markup('<svg class="chart timeline-chart" viewBox="0 0 %d %d" role="img" aria-label="الخط الزمني" '
                  'direction="ltr" xmlns="http://www.w3.org/2000/svg">') % (width, h),
           Markup('<line x1="%d" y1="46" x2="%d" y2="46" class="axis"/>') % (pad - 20, width - pad + 20)]
    if span > 1:   # a tick at each new year, so that the gaps read as time
        step = max(1, int(span // 8) or 1)
        for year in range(int(t0) + 1, int(t1) + 1, step):
            x = x_of(float(year))
            out.append(Markup('<line x1="%.1f" y1="40" x2="%.1f" y2="52" class="tick-line"/>'
                              '<text x="%.1f" y="20" text-anchor="middle" class="tick">%d</text>') % (x, x, x, year))
    last_x = [None, None]   # the x of the last label written on each of the two rows
    last_count_x = None     # a count over a dot that would run into its neighbour's is left to the tooltip
    for i, (p, label) in enumerate(keys):
        x = x_of(p)
        texts = pts[(p, label)]
        r = min(5 + 2 * (len(texts) - 1), 12)
        row = next((k for k in (0, 1) if last_x[k] is None or abs(last_x[k] - x) >= min_gap), None)
        out.append(Markup('<g class="tl-point"><title>%s</title>') %
                   (label + " — " + " | ".join(t[:140] for t in texts)))
        out.append(Markup('<circle cx="%.1f" cy="46" r="%d"/>') % (x, r))
        if row is not None:
            last_x[row] = x
            y = 78 + 24 * row
            if row:
                out.append(Markup('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" class="tick-line"/>') %
                           (x, 46 + r, x, y - 12))
            out.append(Markup('<text x="%.1f" y="%d" text-anchor="middle" direction="rtl">%s</text>') % (x, y, label))
        if len(texts) > 1 and (last_count_x is None or abs(last_count_x - x) >= 16):
            last_count_x = x
            out.append(Markup('<text x="%.1f" y="%d" text-anchor="middle" class="count">%d</text>') %
                       (x, 46 - r - 5, len(texts)))
        out.append(Markup("</g>"))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def figures_worth_a_chart(rows: list[dict], units: set) -> bool:
    """Whether a ledger row's chart says more than its table: one unit only (never AED and USD on one axis), and at
    least three figures on at least two dates (two dots show nothing the two table lines don't)."""
    if len(units) > 1:
        return False
    dated = [r for r in rows if date_pos(r.get("date")) is not None and
             (r.get("value") is not None or r.get("low") is not None)]
    return len(dated) >= 3 and len({date_pos(r.get("date")) for r in dated}) >= 2


def figures_svg(rows: list[dict], conflict: bool, width: int = 420, height: int = 150) -> Markup:
    """Figures of one claim group over time: a dot per value (a bar for a range), time right to left, value upward.
    `rows`: {"date", "value", "low", "high", "label"}; undated rows are drawn on the left edge, hollow."""
    pts = []
    for r in rows:
        lo_v = r.get("low") if r.get("low") is not None else r.get("value")
        hi_v = r.get("high") if r.get("high") is not None else r.get("value")
        if lo_v is None and hi_v is None:
            continue
        lo_v = lo_v if lo_v is not None else hi_v
        hi_v = hi_v if hi_v is not None else lo_v
        pts.append((date_pos(r.get("date")), float(lo_v), float(hi_v), r.get("label") or ""))
    if not pts:
        return Markup("")
    dated = [p[0] for p in pts if p[0] is not None]
    t0, t1 = (min(dated), max(dated)) if dated else (0.0, 1.0)
    tspan = (t1 - t0) or 1.0
    vmin = min(0.0, min(p[1] for p in pts))
    vmax = max(p[2] for p in pts) or 1.0
    vspan = (vmax - vmin) or 1.0
    left, right, top, bottom = 60, 20, 12, 28
    iw, ih = width - left - right, height - top - bottom

    def y(v):
        return top + ih - (v - vmin) / vspan * ih

    cls = "chart figures-chart" + (" conflict" if conflict else "")
    out = [Markup('<svg class="%s" viewBox="0 0 %d %d" role="img" aria-label="الأرقام عبر الزمن" '
                  'direction="ltr" xmlns="http://www.w3.org/2000/svg">') % (cls, width, height),
           Markup('<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>') % (left, top + ih, width - right, top + ih),
           Markup('<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>') % (left, top, left, top + ih)]
    for v in (vmin, vmax):
        out.append(Markup('<text x="%d" y="%.1f" text-anchor="end" class="tick">%s</text>') %
                   (left - 4, y(v) + 4, _short(v)))
    for p, lo_v, hi_v, label in pts:
        if p is None:
            x = left + 6
        elif len(dated) > 1:
            x = width - right - 6 - (p - t0) / tspan * (iw - 12)
        else:
            x = left + iw / 2
        hollow = p is None
        if hi_v != lo_v:
            out.append(Markup('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="range"/>') %
                       (x, y(lo_v), x, y(hi_v)))
        out.append(Markup('<circle cx="%.1f" cy="%.1f" r="4" class="%s"><title>%s</title></circle>') %
                   (x, y(hi_v), "hollow" if hollow else "dot", label))
    if dated:   # the first and last days, written for readers («9 مارس 2026»); right to left, so a label that
        # ends at the right edge starts there
        out.append(Markup('<text x="%d" y="%d" text-anchor="start" class="tick" direction="rtl">%s</text>') %
                   (width - right, height - 8, edtf_ar(_year_label(t0))))
        if len(dated) > 1:
            out.append(Markup('<text x="%d" y="%d" text-anchor="end" class="tick" direction="rtl">%s</text>') %
                       (left, height - 8, edtf_ar(_year_label(t1))))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def _short(v: float) -> str:
    a = abs(v)
    if a >= 1e9:
        return f"{v / 1e9:g} مليار"
    if a >= 1e6:
        return f"{v / 1e6:g} مليون"
    if a >= 1e4:
        return f"{v / 1e3:g} ألف"
    return f"{v:g}"


def _year_label(p: float) -> str:
    y = int(p)
    frac = p - y
    mo = int(frac * 12) + 1
    d = int(round((frac * 12 - (mo - 1)) * 31)) + 1
    return f"{y}-{mo:02d}-{min(d, 31):02d}"
