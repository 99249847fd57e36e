"""RSS/Atom feed files (feedparser): one article per entry, HTML content reduced to text."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from marsad.ingest.errors import IngestError
from marsad.model import RawArticle


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph a line."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except Exception:  # lxml raises several types on garbage
        return fragment
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "figcaption", "blockquote"):
        el.tail = "\n" + (el.tail or "")
    lines = [ln.strip() for ln in root.text_content().split("\n")]
    return "\n".join(ln for ln in lines if ln)


def is_feed(text: str) -> bool:
    head = text[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def parse_feed(text: str, source_path: str) -> Iterator[RawArticle | IngestError]:
    import feedparser

    parsed = feedparser.parse(text)
    if not parsed.entries:
        yield IngestError(source_path, "feed has no entries" if is_feed(text) else "not an RSS/Atom feed",
                          kind="skipped")
        return
    outlet = parsed.feed.get("title")
    for i, e in enumerate(parsed.entries):
        content = ""
        if e.get("content"):
            content = max((c.get("value", "") for c in e.content), key=len)
        if len(content) < len(e.get("summary", "")):
            content = e.get("summary", "")
        body = html_to_text(content)
        path = f"{source_path}#{i}"
        if not body.strip():
            yield IngestError(path, "empty feed entry", kind="empty")
            continue
        published = None
        for key in ("published_parsed", "updated_parsed"):
            if e.get(key):
                published = dt.date(*e[key][:3]).isoformat()
                break
        yield RawArticle(source_path=path, title=e.get("title"), body=body, source_name=outlet, url=e.get("link"),
                         author=e.get("author"), published=published,
                         published_from="metadata" if published else None, format="rss")
