"""Ingest: files, folders and zip archives of articles in any supported format → RawArticle (or IngestError).

One broken file never stops a batch: every problem comes back as an IngestError naming the file and the reason.
"""
from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from marsad.ingest.decode import DecodeError, decode
from marsad.ingest.errors import IngestError
from marsad.model import RawArticle

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSON_EXT = {".json"}
JSONL_EXT = {".jsonl", ".ndjson"}
FEED_EXT = {".xml", ".rss", ".atom"}
ZIP_EXT = {".zip"}
SIDECAR = "sources.csv"
IGNORED_NAMES = {SIDECAR, "readme.md", "readme.txt", ".ds_store", "expected.yaml"}
MAX_MEMBER_BYTES = 200 * 1024 * 1024

Item = RawArticle | IngestError

__all__ = ["read_path", "read_bytes", "IngestError", "SUPPORTED_EXTENSIONS"]
SUPPORTED_EXTENSIONS = TEXT_EXT | HTML_EXT | JSON_EXT | JSONL_EXT | FEED_EXT | ZIP_EXT


def read_path(path: str | os.PathLike, source: str | None = None) -> Iterator[Item]:
    """Every article under `path` (a file or a folder, recursively, in name order). `source` names the outlet of
    files that carry none; a `sources.csv` (file,outlet,url,date) beside plain files supplies it per file."""
    p = Path(path)
    if not p.exists():
        yield IngestError(str(path), "no such file or folder")
        return
    files = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file() and not _hidden(f, p))
    sidecars: dict[Path, dict[str, dict]] = {}
    for f in files:
        if f.name.lower() in IGNORED_NAMES:
            continue
        meta = _sidecar(f, sidecars)
        try:
            data = f.read_bytes()
        except OSError as e:
            yield IngestError(str(f), f"cannot read: {e.strerror or e}")
            continue
        for item in read_bytes(data, str(f)):
            if isinstance(item, RawArticle):
                _apply_meta(item, meta, source)
            yield item


def read_bytes(data: bytes, name: str) -> Iterator[Item]:
    """Articles in the bytes of one file (dispatch on the name's extension, sniffing content when it has none)."""
    ext = Path(name.rsplit("#", 1)[-1]).suffix.lower()  # a zip member is named "archive.zip#member.txt"
    if ext in ZIP_EXT or (not ext and data[:4] == b"PK\x03\x04"):
        yield from _read_zip(data, name)
        return
    if ext and ext not in SUPPORTED_EXTENSIONS:
        yield IngestError(name, f"unsupported file type '{ext}'; skipped", kind="skipped")
        return
    if not data.strip():
        yield IngestError(name, "empty file", kind="empty")
        return
    try:
        text, _enc = decode(data)
    except DecodeError as e:
        yield IngestError(name, str(e))
        return
    try:
        yield from _parse_text(text, name, ext)
    except Exception as e:  # a reader bug must not stop the batch; say which file and why
        yield IngestError(name, f"{type(e).__name__}: {e}")


def _parse_text(text: str, name: str, ext: str) -> Iterator[Item]:
    from marsad.ingest import feed, html, records, txt

    if not ext:
        ext = _sniff(text)
    if ext in TEXT_EXT:
        if not text.strip():
            yield IngestError(name, "empty file", kind="empty")
            return
        yield txt.parse_text(text, name)
    elif ext in HTML_EXT:
        art = html.parse_html(text, name)
        yield art if art else IngestError(name, "no article text found in the HTML page", kind="empty")
    elif ext in JSON_EXT:
        yield from records.parse_json(text, name)
    elif ext in JSONL_EXT:
        yield from records.parse_jsonl(text, name)
    elif ext in FEED_EXT:
        yield from feed.parse_feed(text, name)


def _sniff(text: str) -> str:
    head = text.lstrip()[:500].lower()
    if head.startswith(("{", "[")):
        return ".jsonl" if "\n{" in text.strip() and not head.startswith("[") else ".json"
    if head.startswith("<?xml") or "<rss" in head or "<feed" in head:
        return ".xml"
    if head.startswith("<!doctype html") or "<html" in head:
        return ".html"
    return ".txt"


def _read_zip(data: bytes, name: str) -> Iterator[Item]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        yield IngestError(name, "not a valid zip archive")
        return
    with zf:
        members = sorted((i for i in zf.infolist() if not i.is_dir() and not _hidden_member(i.filename)),
                         key=lambda i: i.filename)
        sidecar = next((i for i in members if Path(i.filename).name.lower() == SIDECAR), None)
        meta_by_file = _parse_sidecar(zf.read(sidecar).decode("utf-8-sig")) if sidecar else {}
        for info in members:
            member = f"{name}#{info.filename}"
            if Path(info.filename).name.lower() in IGNORED_NAMES:
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                yield IngestError(member, f"member too large ({info.file_size} bytes); skipped")
                continue
            try:
                blob = zf.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as e:
                yield IngestError(member, f"cannot extract: {e}")
                continue
            for item in read_bytes(blob, member):
                if isinstance(item, RawArticle):
                    _apply_meta(item, meta_by_file.get(info.filename) or meta_by_file.get(Path(info.filename).name), None)
                yield item


def _hidden(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts)


def _hidden_member(n: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in n.split("/"))


def _sidecar(f: Path, cache: dict[Path, dict[str, dict]]) -> dict | None:
    """The sources.csv row for `f`, looked up in its folder and the folders above it (nearest first)."""
    for folder in [f.parent, *f.parent.parents][:6]:
        if folder not in cache:
            csv_path = folder / SIDECAR
            cache[folder] = _parse_sidecar(csv_path.read_text(encoding="utf-8-sig")) if csv_path.is_file() else {}
        rel = f.relative_to(folder).as_posix() if f.is_relative_to(folder) else f.name
        row = cache[folder].get(rel) or (cache[folder].get(f.name) if folder == f.parent else None)
        if row:
            return row
    return None


def _parse_sidecar(text: str) -> dict[str, dict]:
    rows = {}
    for row in csv.DictReader(io.StringIO(text)):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if row.get("file"):
            rows[row["file"]] = row
    return rows


def _apply_meta(art: RawArticle, meta: dict | None, source: str | None) -> None:
    if meta:
        if meta.get("outlet"):
            art.source_name = meta["outlet"]
        if meta.get("url") and not art.url:
            art.url = meta["url"]
        if meta.get("date") and not art.published:
            from marsad.ingest.records import _iso_date

            art.published = _iso_date(meta["date"])
            art.published_from = "metadata" if art.published else None
    if source and not art.source_name:
        art.source_name = source
    if not art.source_name and art.url:
        from urllib.parse import urlparse

        host = urlparse(art.url).hostname or ""
        art.source_name = host.removeprefix("www.") or None
