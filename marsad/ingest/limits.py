"""The limits of what ingest accepts, and what happens beyond each (the README lists them for users).

Every limit is a refusal or a truncation that is reported — never a silent drop, never an unbounded allocation:
- a file (or zip member) larger than `max_file_bytes` is refused (reading it would hold it whole in memory);
- inside a zip: a member larger than `max_file_bytes`, a member whose compression ratio exceeds `max_ratio`
  (a zip bomb), members beyond `max_total_bytes` of expansion in one archive, and zips nested deeper than
  `max_depth` are refused, each by name;
- a document whose cleaned text is longer than `max_doc_chars` is cut at a paragraph boundary and the cut is
  noted in `Document.removed` (analysis memory grows with a document's length: ~3 KB per character).

Defaults fit any real news article; each can be changed by an environment variable (MARSAD_MAX_DOC_CHARS, …).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 64 * MB      # one file or one zip member, as bytes
    max_total_bytes: int = 1024 * MB   # all members of one archive, expanded
    max_ratio: int = 200               # expanded / compressed size of one member (members above 1 MB)
    max_depth: int = 3                 # zips inside zips
    # cleaned text of one document: ~15,000 words, three times the longest of SaudiNewsNet's 31,030 articles
    # (33,687 characters); analysing a text this long peaks near 600 MB, a 300,000-character one at 1.2 GB
    max_doc_chars: int = 100_000

    @classmethod
    def from_env(cls, **overrides) -> "Limits":
        """Defaults, then MARSAD_<FIELD> environment variables, then explicit keyword overrides (None ignored)."""
        values = {}
        for f in fields(cls):
            env = os.environ.get(f"MARSAD_{f.name.upper()}")
            if env and env.strip().isdigit() and int(env) > 0:
                values[f.name] = int(env)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def current() -> Limits:
    return Limits.from_env()


def human(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n} bytes"
