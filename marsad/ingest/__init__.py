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

from marsad.ingest import feed, html, records, txt
from marsad.ingest.decode import DecodeError, decode
from marsad.ingest.errors import IngestError
from marsad.ingest.limits import MB, Limits, human
from marsad.ingest.limits import current as current_limits
from marsad.model import RawArticle

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSON_EXT = {".json"}
JSONL_EXT = {".jsonl", ".ndjson"}
FEED_EXT = {".xml", ".rss", ".atom"}
ZIP_EXT = {".zip"}
SIDECAR = "sources.csv"
IGNORED_NAMES = {SIDECAR, "readme.md", "readme.txt", ".ds_store", "expected.yaml"}

Item = RawArticle | IngestError

__all__ = ["read_path", "read_bytes", "IngestError", "Limits", "SUPPORTED_EXTENSIONS", "display_name"]
SUPPORTED_EXTENSIONS = TEXT_EXT | HTML_EXT | JSON_EXT | JSONL_EXT | FEED_EXT | ZIP_EXT


def read_path(path: str | os.PathLike, source: str | None = None, *, limits: Limits | None = None) -> Iterator[Item]:
    """Every article under `path` (a file or a folder, recursively, in name order). `source` names the outlet of
    files that carry none; a `sources.csv` (file,outlet,url,date) beside plain files supplies it per file.
    Whatever goes wrong with one file (or folder, or sidecar) comes back as an IngestError naming it."""
    limits = limits or current_limits()
    p = Path(path)
    if not p.exists():
        yield IngestError(display_name(path), "no such file or folder")
        return
    if p.is_file():
        files, problems = [p], []
    else:
        files, problems = _walk(p)
    yield from problems
    sidecars: dict[Path, dict[str, dict]] = {}
    for f in files:
        if f.name.lower() in IGNORED_NAMES:
            continue
        meta = None
        for item in _sidecar(f, sidecars):
            if isinstance(item, IngestError):
                yield item
            else:
                meta = item
        name = display_name(f)
        try:
            yield from _read_file(f, name, meta, source, limits)
        except Exception as e:  # last resort: a reader bug must not stop the batch
            yield IngestError(name, f"{type(e).__name__}: {e}")


def _read_file(f: Path, name: str, meta: dict | None, source: str | None, limits: Limits) -> Iterator[Item]:
    try:
        size = f.stat().st_size
        if f.suffix.lower() in ZIP_EXT:  # an archive is read member by member, never whole
            items = _read_zip(f, name, limits, depth=0)
        elif size > limits.max_file_bytes:
            yield IngestError(name, f"file too large ({human(size)}; the limit is {human(limits.max_file_bytes)}); "
                                    "skipped")
            return
        else:
            items = read_bytes(f.read_bytes(), name, limits=limits)
    except OSError as e:
        yield IngestError(name, f"cannot read: {e.strerror or e}")
        return
    for item in items:
        if isinstance(item, RawArticle):
            _apply_meta(item, meta, source)
        yield item


def display_name(path) -> str:
    """A path as text that can be stored and printed: bytes that are not UTF-8 (kept by the OS as surrogates) are
    written as \\xNN escapes."""
    s = str(path)
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return os.fsencode(s).decode("utf-8", "backslashreplace")


def _walk(root: Path) -> tuple[list[Path], list[IngestError]]:
    """Files under `root` (hidden ones left out), sorted; unreadable folders and symlink loops are reported."""
    files, problems, seen = [], [], set()

    def onerror(e: OSError):
        problems.append(IngestError(display_name(e.filename or root), f"cannot read folder: {e.strerror or e}"))

    for folder, dirs, names in os.walk(root, onerror=onerror, followlinks=True):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:  # a link back to a folder already read
            problems.append(IngestError(display_name(folder), "symbolic link loop; folder read once", kind="skipped"))
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for n in names:
            f = Path(folder) / n
            if n.startswith("."):
                continue
            if not f.is_file():
                problems.append(IngestError(display_name(f), "not a regular file (broken link or device); skipped",
                                            kind="skipped"))
                continue
            files.append(f)
    return sorted(files), problems


def read_bytes(data: bytes, name: str, *, limits: Limits | None = None, _depth: int = 0) -> Iterator[Item]:
    """Articles in the bytes of one file (dispatch on the name's extension, sniffing content when it has none)."""
    limits = limits or current_limits()
    name = display_name(name)
    ext = Path(name.rsplit("#", 1)[-1]).suffix.lower()  # a zip member is named "archive.zip#member.txt"
    if ext in ZIP_EXT or (not ext and data[:4] == b"PK\x03\x04"):
        yield from _read_zip(io.BytesIO(data), name, limits, depth=_depth)
        return
    if ext and ext not in SUPPORTED_EXTENSIONS:
        yield IngestError(name, f"unsupported file type '{ext}'; skipped", kind="skipped")
        return
    if len(data) > limits.max_file_bytes:
        yield IngestError(name, f"file too large ({human(len(data))}; the limit is {human(limits.max_file_bytes)}); "
                                "skipped")
        return
    if not data.strip():
        yield IngestError(name, "empty file", kind="empty")
        return
    try:
        text, _enc = decode(data)
    except DecodeError as e:
        yield IngestError(name, str(e))
        return
    except Exception as e:  # the detector failing on garbage is that file's problem only
        yield IngestError(name, f"could not detect the text encoding ({type(e).__name__})")
        return
    try:
        yield from _parse_text(text, name, ext)
    except Exception as e:  # a reader bug (or RecursionError on absurd nesting) must not stop the batch
        yield IngestError(name, f"{type(e).__name__}: {str(e)[:200]}")


def _parse_text(text: str, name: str, ext: str) -> Iterator[Item]:
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


def _read_zip(src, name: str, limits: Limits, depth: int) -> Iterator[Item]:
    """Members of a zip (`src`: a path or a binary file), one at a time, each within the limits."""
    if depth >= limits.max_depth:
        yield IngestError(name, f"zip nested more than {limits.max_depth} levels deep; skipped")
        return
    try:
        zf = zipfile.ZipFile(src)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
        yield IngestError(name, "not a valid zip archive")
        return
    with zf:
        members, budget = [], limits.max_total_bytes
        for i in sorted(zf.infolist(), key=lambda i: i.filename):
            if i.is_dir() or _hidden_member(i.filename):
                continue
            if _unsafe_member(i.filename):
                yield IngestError(f"{name}#{i.filename}", "unsafe member path ('..' or absolute); skipped",
                                  kind="skipped")
                continue
            members.append(i)
        meta_by_file = {}
        sidecar = next((i for i in members if Path(i.filename).name.lower() == SIDECAR), None)
        if sidecar:
            blob = yield from _member_bytes(zf, sidecar, name, limits)
            if blob is not None:
                meta_by_file = yield from _sidecar_rows(blob, f"{name}#{sidecar.filename}")
        for info in members:
            if Path(info.filename).name.lower() in IGNORED_NAMES:
                continue
            member = f"{name}#{info.filename}"
            if info.file_size > budget:
                yield IngestError(member, f"the archive expands beyond {human(limits.max_total_bytes)} in total; "
                                          "member skipped")
                continue
            blob = yield from _member_bytes(zf, info, name, limits)
            if blob is None:
                continue
            budget -= len(blob)
            for item in read_bytes(blob, member, limits=limits, _depth=depth + 1):
                if isinstance(item, RawArticle):
                    _apply_meta(item, meta_by_file.get(info.filename) or meta_by_file.get(Path(info.filename).name),
                                None)
                yield item


def _member_bytes(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits):
    """The bytes of one member, or None after yielding why not (too large, a bomb, corrupt). Never reads more
    than the limit, whatever the member's header claims."""
    member = f"{name}#{info.filename}"
    cap = limits.max_file_bytes
    if info.file_size > cap:
        yield IngestError(member, f"member too large ({human(info.file_size)}; the limit is {human(cap)}); skipped")
        return None
    if info.file_size > MB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        yield IngestError(member, f"compression ratio {ratio}:1 above the limit of {limits.max_ratio}:1 "
                                  "(a zip bomb?); skipped")
        return None
    try:
        with zf.open(info) as fh:
            blob = fh.read(cap + 1)
    except Exception as e:  # zlib.error, BadZipFile (CRC), RuntimeError (encrypted), NotImplementedError, …
        yield IngestError(member, f"cannot extract: {type(e).__name__}: {str(e)[:200]}")
        return None
    if len(blob) > cap:
        yield IngestError(member, f"member larger than its header says and than the limit ({human(cap)}); skipped")
        return None
    return blob


def _unsafe_member(n: str) -> bool:
    parts = n.replace("\\", "/").split("/")
    return n.startswith(("/", "\\")) or ".." in parts or (len(n) > 1 and n[1] == ":")


def _hidden(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts)


def _hidden_member(n: str) -> bool:
    return any((part.startswith(".") and part != "..") or part == "__MACOSX" for part in n.split("/"))


def _sidecar(f: Path, cache: dict[Path, dict[str, dict]]) -> Iterator[dict | IngestError]:
    """The sources.csv row for `f`, looked up in its folder and the folders above it (nearest first); a sidecar
    that cannot be read is reported (once) and the files beside it are read without it."""
    for folder in [f.parent, *f.parent.parents][:6]:
        if folder not in cache:
            cache[folder] = {}
            csv_path = folder / SIDECAR
            if csv_path.is_file():
                try:
                    blob = csv_path.read_bytes()
                except OSError as e:
                    yield IngestError(display_name(csv_path), f"cannot read sources.csv: {e.strerror or e}; "
                                                              "files beside it read without it")
                    continue
                cache[folder] = yield from _sidecar_rows(blob, display_name(csv_path))
        rel = f.relative_to(folder).as_posix() if f.is_relative_to(folder) else f.name
        row = cache[folder].get(rel) or (cache[folder].get(f.name) if folder == f.parent else None)
        if row:
            yield row
            return


def _sidecar_rows(blob: bytes, name: str):
    """The rows of a sources.csv in any encoding (detected like any article file); {} after reporting a bad one."""
    try:
        text, _enc = decode(blob) if blob.strip() else ("", "utf-8")
        return _parse_sidecar(text.lstrip("\ufeff"))
    except Exception as e:
        yield IngestError(name, f"cannot read sources.csv ({type(e).__name__}: {str(e)[:120]}); "
                                "files beside it read without it")
        return {}


def _parse_sidecar(text: str) -> dict[str, dict]:
    rows = {}
    for row in csv.DictReader(io.StringIO(text.replace("\0", ""))):
        row = {(k or "").strip().lower(): (v if isinstance(v, str) else "").strip() for k, v in row.items()}
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
            art.published = records.iso_date(meta["date"])
            art.published_from = "metadata" if art.published else None
    if source and not art.source_name:
        art.source_name = source
    if not art.source_name and art.url:
        from urllib.parse import urlparse

        host = urlparse(art.url).hostname or ""
        art.source_name = host.removeprefix("www.") or None
