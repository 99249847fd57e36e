"""JSON and JSON Lines article records (e.g. SaudiNewsNet: source, url, date_extracted, title, author, content)."""
from __future__ import annotations

import json
from collections.abc import Iterator

from marsad.ingest.errors import IngestError
from marsad.model import RawArticle

BODY_KEYS = ("content", "text", "body", "article", "article_body", "articleBody", "full_text", "description")
TITLE_KEYS = ("title", "headline", "name")
DATE_KEYS = ("date", "published", "published_at", "publish_date", "pubDate", "datePublished", "date_published",
             "date_extracted", "created_at", "time")
SOURCE_KEYS = ("source", "source_name", "outlet", "site", "publisher", "newspaper")
URL_KEYS = ("url", "link", "href", "uri")
AUTHOR_KEYS = ("author", "authors", "byline")
CONTAINER_KEYS = ("articles", "items", "data", "records", "results", "documents", "entries")


def _first(rec: dict, keys) -> str | None:
    for k in keys:
        v = rec.get(k)
        if isinstance(v, dict):  # e.g. {"source": {"name": ...}}
            v = v.get("name") or v.get("title")
        if isinstance(v, list):
            v = ", ".join(str(x) for x in v if isinstance(x, (str, int, float)))
        if v not in (None, "") and isinstance(v, (str, int, float)):
            return str(v)
    return None


def is_article_record(rec) -> bool:
    """A dict with a text-bearing field (even if empty) — anything else is not article data."""
    return isinstance(rec, dict) and any(isinstance(rec.get(k), str) for k in BODY_KEYS)


def _not_article(rec) -> str:
    """Why a record among articles is not one (said, so that no record is dropped without a word)."""
    if not isinstance(rec, dict):
        return f"record is a JSON {type(rec).__name__}, not an object; skipped"
    odd = [k for k in BODY_KEYS if k in rec]
    if odd:
        return f"record's '{odd[0]}' is a {type(rec[odd[0]]).__name__}, not text; skipped"
    return "record has no text field (content/text/body); skipped"


def record_to_article(rec: dict, source_path: str) -> RawArticle | IngestError:
    body = _first(rec, BODY_KEYS) or ""
    if not body.strip():
        return IngestError(source_path, "empty article body", kind="empty")
    date = _first(rec, DATE_KEYS)
    published = iso_date(date) if date else None
    return RawArticle(source_path=source_path, title=_first(rec, TITLE_KEYS), body=body,
                      source_name=_first(rec, SOURCE_KEYS), url=_first(rec, URL_KEYS), author=_first(rec, AUTHOR_KEYS),
                      published=published, published_from="metadata" if published else None, format="json")


def iso_date(value: str) -> str | None:
    """ISO date (YYYY-MM-DD) from the common metadata date forms (ISO, 'YYYY-MM-DD hh:mm:ss', RFC 822)."""
    import re
    from email.utils import parsedate_to_datetime

    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return m.group(0)
    m = re.search(r"(\d{4})/(\d{1,2})/(\d{1,2})", value)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _records(obj):
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        for k in CONTAINER_KEYS:
            if isinstance(obj.get(k), list):
                return obj[k]
        return [obj]
    return []


def parse_json(text: str, source_path: str) -> Iterator[RawArticle | IngestError]:
    """Articles of a JSON document (an array of records, a container object, or one record)."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        yield IngestError(source_path, f"invalid JSON: {e.msg} at line {e.lineno}")
        return
    recs = _records(obj)
    if not any(is_article_record(r) for r in recs):
        yield IngestError(source_path, "JSON holds no article records (no content/text/body field); skipped",
                          kind="skipped")
        return
    for i, rec in enumerate(recs):
        if is_article_record(rec):
            yield record_to_article(rec, f"{source_path}#{i}")
        else:
            yield IngestError(f"{source_path}#{i}", _not_article(rec), kind="skipped")


def parse_jsonl(text: str, source_path: str) -> Iterator[RawArticle | IngestError]:
    """Articles of a JSON Lines file; a bad line is reported and the rest still read."""
    seen_article = False
    for i, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield IngestError(f"{source_path}#{i}", f"invalid JSON line: {e.msg}")
            continue
        if is_article_record(rec):
            seen_article = True
            yield record_to_article(rec, f"{source_path}#{i}")
        else:
            yield IngestError(f"{source_path}#{i}", _not_article(rec), kind="skipped")
    if not seen_article:
        yield IngestError(source_path, "JSON Lines file holds no article records; skipped", kind="skipped")
