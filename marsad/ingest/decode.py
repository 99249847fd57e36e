"""Bytes → text with encoding detection (BOMs first, then UTF-8, then charset-normalizer for the legacy Arabic pages)."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
# Arabic legacy code pages charset-normalizer may confuse with each other; cp1256 is by far the commonest on the web.
_ARABIC_PREFERENCE = ["utf_8", "cp1256", "iso8859_6", "utf_16", "utf_16_le", "utf_16_be", "cp720", "mac_arabic"]


class DecodeError(ValueError):
    pass


def decode(data: bytes) -> tuple[str, str]:
    """Decode `data`, returning (text, encoding name). Raises DecodeError when nothing fits."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    # UTF-16 without BOM: in Arabic/ASCII text every other byte is the high byte 0x06 or 0x00
    if len(data) >= 4 and len(data) % 2 == 0:
        odd, even = data[1::2], data[0::2]
        share = lambda bs: sum(1 for b in bs if b in (0, 6)) / len(bs)
        order = [("utf-16-le", share(odd)), ("utf-16-be", share(even))]
        for enc, sh in sorted(order, key=lambda x: -x[1]):
            if sh < 0.7:
                continue
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _arabic_or_ascii_share(text) > 0.9:
                return text, enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    results = from_bytes(data, cp_isolation=_ARABIC_PREFERENCE)
    best = results.best()
    if best is None:
        results = from_bytes(data)
        best = results.best()
    if best is None:
        raise DecodeError("could not detect the text encoding")
    text = str(best)
    # cp1256 and iso-8859-6 share Arabic letters only partly; prefer the one yielding more Arabic letters
    if best.encoding in ("iso8859_6", "cp1256"):
        alt = "cp1256" if best.encoding == "iso8859_6" else "iso8859_6"
        try:
            alt_text = data.decode(alt)
            if _plausibility(alt_text) > _plausibility(text):
                return alt_text, alt
        except UnicodeDecodeError:
            pass
    return text, best.encoding


def _plausibility(s: str) -> int:
    """Arabic letters, minus a penalty for Latin-1 accented letters (what cp1256 makes of ISO-8859-6 letters)."""
    return sum(1 for c in s if "\u0621" <= c <= "\u064a") - 5 * sum(1 for c in s if "\u00c0" <= c <= "\u00ff")


def _arabic_or_ascii_share(s: str) -> float:
    if not s:
        return 0.0
    ok = sum(1 for c in s if c.isascii() or "\u0600" <= c <= "\u06ff" or c.isspace())
    return ok / len(s)
