"""HTML pages: trafilatura extracts the main text, title and metadata; the date comes only from metadata."""
from __future__ import annotations

import re

from marsad.arabic.text import squash as _squash
from marsad.model import RawArticle, Removed

_META_DATE = re.compile(
    r"<meta[^>]+(?:property|name|itemprop)\s*=\s*[\"'](?:article:published_time|og:published_time|datePublished|"
    r"pubdate|publishdate|date|dc\.date|DC\.date\.issued|sailthru\.date|parsely-pub-date)[\"'][^>]*>", re.I)
_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']+)[\"']", re.I)
_TIME_TAG = re.compile(r"<time[^>]+datetime\s*=\s*[\"'](\d{4}-\d{2}-\d{2})", re.I)
_JSONLD_DATE = re.compile(r"\"datePublished\"\s*:\s*\"(\d{4}-\d{2}-\d{2})")
_ISO = re.compile(r"(\d{4}-\d{2}-\d{2})")


def metadata_date(html: str) -> str | None:
    """Publication date from explicit metadata only (meta tags, JSON-LD, <time datetime>) — never a © footer year."""
    for m in _META_DATE.finditer(html):
        c = _CONTENT.search(m.group(0))
        if c and (d := _ISO.search(c.group(1))):
            return d.group(1)
    if m := _JSONLD_DATE.search(html):
        return m.group(1)
    if m := _TIME_TAG.search(html):
        return m.group(1)
    return None


def figure_captions(html: str) -> list[str]:
    """Texts of <figcaption> elements (photo captions), which the article text must not contain."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types on garbage
        return []
    out = []
    for el in root.iter("figcaption"):
        t = " ".join(el.text_content().split())
        if t:
            out.append(t)
    return out


def parse_html(html: str, source_path: str) -> RawArticle | None:
    """Main text, title, outlet and URL of a page; None when trafilatura finds no article text."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, include_images=False,
                                      favor_precision=True, with_metadata=True, deduplicate=False)  # no state across calls: same page, same text
    if doc is None:
        return None
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    body = get("text") or ""
    if not body.strip():
        return None
    title = get("title")
    if title:  # the page's <h1> usually repeats the title as the first line of the text: it is not body
        first, _, rest = body.partition("\n")
        if _squash(first) == _squash(title):
            body = rest
    captions = figure_captions(html)
    if captions:
        cap = {_squash(c) for c in captions}
        body = "\n".join(ln for ln in body.split("\n") if _squash(ln) not in cap)
    published = metadata_date(html)
    return RawArticle(pre_removed=[Removed(kind="caption", text=c, rule="html_figcaption") for c in captions],source_path=source_path, title=title, body=body, source_name=get("sitename"),
                      url=get("url"), author=get("author"), published=published,
                      published_from="metadata" if published else None, format="html")
