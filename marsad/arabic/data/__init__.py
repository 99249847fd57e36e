"""Language data files (TSV/YAML) shipped with the package, loaded once and cached."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent


@functools.cache
def load_tsv(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file; blank lines and lines starting with '#' are skipped."""
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


@functools.cache
def load_yaml(name: str):
    """A parsed YAML data file."""
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))
