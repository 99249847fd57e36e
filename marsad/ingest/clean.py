"""Cleaning: turn a RawArticle into a Document, moving boilerplate, captions and metadata lines out of the body.

Rules live in marsad/arabic/data/boilerplate.yaml. Every removed line is kept in `Document.removed` with its rule.
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

from marsad.arabic.data import load_yaml
from marsad.arabic.text import normalize, squash
from marsad.arabic.time import find_publication_date, infer_publication_date
from marsad.ingest.limits import current as current_limits
from marsad.model import Document, RawArticle, Removed

_FINAL = tuple(".!?؟…")


@dataclass
class Rule:
    name: str
    kind: str
    match: str
    exact: frozenset
    prefixes: tuple
    regexes: tuple
    max_chars: int | None
    no_final_punct: bool

    def applies(self, line: str, norm: str) -> bool:
        if self.max_chars and len(line) > self.max_chars:
            return False
        if self.no_final_punct and line.rstrip().endswith(_FINAL):
            return False
        if self.match == "exact":
            return norm.strip(" .:!-|") in self.exact
        if self.match == "prefix":
            return norm.startswith(self.prefixes)
        return any(r.search(norm) for r in self.regexes)


@functools.cache
def rules() -> list[Rule]:
    """The cleaning rules from the lexicon file, compiled."""
    out = []
    for r in load_yaml("boilerplate.yaml")["rules"]:
        pats = r["patterns"]
        out.append(Rule(
            name=r["name"], kind=r["kind"], match=r["match"],
            exact=frozenset(squash(p) for p in pats) if r["match"] == "exact" else frozenset(),
            prefixes=tuple(normalize(p) for p in pats) if r["match"] == "prefix" else (),
            regexes=tuple(re.compile(normalize(p), re.I) for p in pats) if r["match"] == "regex" else (),
            max_chars=r.get("max_chars"), no_final_punct=bool(r.get("no_final_punct")),
        ))
    return out


def document_id(title: str | None, body: str) -> str:
    """Stable id: hash of the letters and digits of the normalised title + raw body (before cleaning), so the same
    article from HTML and from JSONL gets one id and a new cleaning rule changes no id."""
    key = re.sub(r"[\W_]+", "", normalize((title or "") + "\n" + body).lower())
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def classify_line(line: str) -> Rule | None:
    """The first rule that removes this line, or None when it is body text."""
    norm = squash(line)
    if not norm:
        return None
    for rule in rules():
        if rule.applies(line.strip(), norm):
            return rule
    return None


# C0/C1 control characters other than tab and line breaks, and the BOM / non-characters: never text (a NUL or a
# stray \x1a from a legacy file would otherwise reach sentences, summaries and the database)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")


def strip_controls(s: str | None) -> str | None:
    return _CONTROL.sub("", s) if s else s


def clean(raw: RawArticle, *, max_chars: int | None = None) -> Document:
    """The cleaned Document: body paragraphs kept verbatim (joined by blank lines), everything removed recorded.
    Control characters are dropped; a text longer than `max_chars` (default: the ingest limit) is cut at a
    paragraph boundary, the cut noted in `removed`; an impossible metadata date is dropped, noted in `removed`."""
    max_chars = max_chars or current_limits().max_doc_chars
    removed = list(raw.pre_removed)
    kept = []
    body = strip_controls(raw.body)
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept_chars, beyond = 0, 0
    for i, line in enumerate(lines):
        if kept_chars > max_chars:  # what follows is cut anyway: count it, don't classify it
            beyond = sum(len(x.strip()) + 2 for x in lines[i:] if x.strip())
            break
        s = line.strip()
        if not s:
            continue
        rule = classify_line(s)
        if rule is None:
            kept.append(s)
            kept_chars += len(s) + 2
        else:
            removed.append(Removed(kind=rule.kind, text=s, rule=rule.name))
    text, cut = _truncate(kept, max_chars)
    cut += beyond
    if cut:
        removed.append(Removed(kind="metadata", rule="max_doc_chars",
                               text=f"النص مقتطع: حُذف {cut:,} حرفاً بعد الحرف {len(text):,} "
                                    f"(truncated: {cut:,} characters beyond the limit of {max_chars:,})"))
    published, published_from = raw.published, raw.published_from if raw.published else None
    if published and not valid_date(published):
        removed.append(Removed(kind="metadata", text=f"date: {published[:40]}", rule="invalid_date"))
        published, published_from = None, None
    if not published:
        published, published_from = _date_from_text(removed, text)
    return Document(id=document_id(raw.title, raw.body), source_path=strip_controls(raw.source_path),
                    source_name=strip_controls(raw.source_name), url=strip_controls(raw.url),
                    title=(strip_controls(raw.title) or "").strip() or None, published=published,
                    published_from=published_from, text=text, removed=removed, author=strip_controls(raw.author),
                    format=raw.format)


def _truncate(paragraphs: list[str], max_chars: int) -> tuple[str, int]:
    """The paragraphs joined, cut to at most `max_chars` at a paragraph (else sentence, else word) boundary;
    returns (text, characters cut)."""
    text = "\n\n".join(paragraphs)
    if len(text) <= max_chars:
        return text, 0
    head = text[:max_chars]
    for sep in ("\n\n", ".", "؟", "!", " "):
        i = head.rfind(sep)
        if i > max_chars // 2:
            head = head[:i + (len(sep) if sep in ".؟!" else 0)]
            break
    head = head.rstrip()
    return head, len(text) - len(head)


def valid_date(value: str) -> bool:
    """An ISO date (optionally with a time) that exists and is plausible for news (years 1800 to next year)."""
    import datetime as dt

    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return bool(re.match(r"^\d{4}(-\d{2})?$", value or "")) and 1800 <= int(value[:4]) <= dt.date.today().year + 1
    try:
        d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return False
    return 1800 <= d.year <= dt.date.today().year + 1


def _date_from_text(removed: list[Removed], text: str) -> tuple[str | None, str | None]:
    """Publication date from a byline («نشر في …») when metadata has none; else an estimate flagged `inferred`."""
    for r in removed:
        if r.kind == "metadata" and (d := find_publication_date(r.text)):
            return d, "text"
    if d := find_publication_date(text[:400]):
        return d, "text"
    if d := infer_publication_date(text):
        return d, "inferred"
    return None, None
