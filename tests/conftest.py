"""Shared fixtures: paths to the repo, the bundled sample corpus and (when present) ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "data" / "sample"


def shared_path(*parts: str) -> Path:
    """A path inside ../shared; the calling test is skipped (with the reason) when it is missing."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not present (third-party evaluation data lives outside the repo)")
    return p


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def sample_dir() -> Path:
    if not SAMPLE.is_dir():
        pytest.skip("bundled sample corpus data/sample missing")
    return SAMPLE


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "marsad.sqlite"
