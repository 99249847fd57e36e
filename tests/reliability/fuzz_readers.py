"""Fuzzing every reader and parser with hypothesis (`make fuzz`; not part of `make test`, the file name keeps it out).

Whatever the bytes, a reader yields RawArticle or IngestError and never raises; cleaning what it yields never raises
and leaves no control character; the date helpers answer None/False rather than fail. FUZZ_EXAMPLES sets the
examples per property (default 300).
"""
from __future__ import annotations

import io
import json
import os
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.ingest import IngestError, Limits, read_bytes
from marsad.ingest.clean import clean, valid_date
from marsad.ingest.decode import DecodeError, decode
from marsad.ingest.records import iso_date
from marsad.model import RawArticle

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False)
LIMITS = Limits(max_file_bytes=200_000, max_total_bytes=1_000_000, max_doc_chars=20_000)
EXTS = ["", ".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom", ".zip", ".csv", ".bin"]

arabic = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأإةى ،.؟\n0123456789٠١٢")),
                 max_size=300)
any_text = st.one_of(arabic, st.text(max_size=300))
markup = st.builds(lambda tag, body, attr: f"<{tag} {attr}>{body}</{tag}>",
                   st.sampled_from(["p", "div", "script", "title", "article", "item", "entry", "description", "a"]),
                   any_text, st.sampled_from(["", 'href="javascript:x"', 'onerror="x"', 'xml:lang="ar"']))


def _check(items) -> None:
    for it in items:
        assert isinstance(it, (RawArticle, IngestError)), type(it)
        if isinstance(it, RawArticle):
            doc = clean(it, max_chars=LIMITS.max_doc_chars)
            assert len(doc.text) <= LIMITS.max_doc_chars
            assert not any(ord(c) < 9 or 13 < ord(c) < 32 for c in doc.text), repr(doc.text[:80])
            assert doc.published is None or valid_date(doc.published)
        else:
            assert it.reason and it.source_path


@FUZZ
@given(data=st.binary(max_size=4000), ext=st.sampled_from(EXTS))
def test_any_bytes_any_extension(data, ext):
    _check(read_bytes(data, f"fuzz{ext}", limits=LIMITS))


@FUZZ
@given(text=any_text, ext=st.sampled_from(EXTS), enc=st.sampled_from(["utf-8", "utf-16", "cp1256", "utf-8-sig"]))
def test_text_in_any_encoding(text, ext, enc):
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    _check(read_bytes(data, f"fuzz{ext}", limits=LIMITS))


@FUZZ
@given(parts=st.lists(st.one_of(markup, any_text), max_size=12),
       wrapper=st.sampled_from(["<html><body>{}</body></html>", "<rss><channel>{}</channel></rss>",
                                '<feed xmlns="http://www.w3.org/2005/Atom">{}</feed>', "{}"]),
       ext=st.sampled_from([".html", ".xml", ""]))
def test_markup(parts, wrapper, ext):
    _check(read_bytes(wrapper.format("".join(parts)).encode("utf-8", "surrogatepass"), f"fuzz{ext}", limits=LIMITS))


json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text),
                           lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                  st.dictionaries(st.sampled_from(
                                                      ["content", "text", "body", "title", "date", "published",
                                                       "source", "url", "author", "articles", "items", "x"]),
                                                      kids, max_size=6)),
                           max_leaves=20)


@FUZZ
@given(value=json_values, lines=st.booleans())
def test_json_records(value, lines):
    if lines:
        data = "\n".join(json.dumps(v, ensure_ascii=False) for v in (value if isinstance(value, list) else [value]))
        _check(read_bytes(data.encode("utf-8", "surrogatepass"), "fuzz.jsonl", limits=LIMITS))
    else:
        _check(read_bytes(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass"), "fuzz.json",
                          limits=LIMITS))


@FUZZ
@given(members=st.dictionaries(st.text(min_size=1, max_size=30), st.binary(max_size=2000), max_size=6),
       cut=st.integers(min_value=0, max_value=100), flip=st.integers(min_value=0, max_value=5000))
def test_zip_archives_whole_cut_and_corrupted(members, cut, flip):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members.items():
            try:
                zf.writestr(name, blob)
            except Exception:  # names zipfile itself cannot write (not what is under test)
                continue
    data = bytearray(buf.getvalue())
    _check(read_bytes(bytes(data), "fuzz.zip", limits=LIMITS))
    if data:
        data[flip % len(data)] ^= 0xFF
        _check(read_bytes(bytes(data), "fuzz.zip", limits=LIMITS))
        _check(read_bytes(bytes(data[: len(data) * cut // 100]), "fuzz.zip", limits=LIMITS))


@FUZZ
@given(data=st.binary(max_size=3000))
def test_decode_answers_or_says_why(data):
    try:
        text, enc = decode(data)
        assert isinstance(text, str) and enc
    except DecodeError:
        pass


@FUZZ
@given(value=st.one_of(any_text, st.from_regex(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?", fullmatch=True),
                       st.from_regex(r"\d{1,4}/\d{1,2}/\d{1,2}", fullmatch=True)))
def test_metadata_dates(value):
    out = iso_date(value)
    assert out is None or isinstance(out, str)
    assert isinstance(valid_date(value), bool)
    raw = RawArticle(source_path="x.json", body="نص قصير عن خبر.", published=value, published_from="metadata")
    doc = clean(raw)
    assert doc.published is None or valid_date(doc.published)
