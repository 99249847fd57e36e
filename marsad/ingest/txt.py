"""Plain-text articles (the seed format).

An optional ` date YYYY-MM-DD` marker shares the first line with the opening body sentence: that line is body, the
marker is metadata. Otherwise a short first line without final punctuation, followed by more text, is the title.
"""
from __future__ import annotations

import re

from marsad.model import RawArticle, Removed

_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\s*")
_FINAL_PUNCT = tuple(".!?؟:؛;…,،")
MAX_TITLE_WORDS = 25


def parse_text(text: str, source_path: str) -> RawArticle:
    """Split a plain-text article into title (when there is one), body and the date marker."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    published, pre_removed, title = None, [], None
    m = _DATE_MARKER.match(text)
    if m:
        published = m.group(1)
        pre_removed.append(Removed(kind="metadata", text=m.group(0).strip(), rule="date_marker"))
        text = text[m.end():]
    else:
        lines = text.lstrip("\n").split("\n", 1)
        first = lines[0].strip()
        rest = lines[1].strip() if len(lines) > 1 else ""
        if first and rest and _looks_like_title(first, rest):
            title = first
            text = lines[1]
    return RawArticle(source_path=source_path, title=title, body=text.strip("\n"), published=published,
                      published_from="metadata" if published else None, format="txt", pre_removed=pre_removed)


def _looks_like_title(first: str, rest: str) -> bool:
    words = first.split()
    return (len(words) <= MAX_TITLE_WORDS and not first.endswith(_FINAL_PUNCT)
            and len(rest) > len(first))
