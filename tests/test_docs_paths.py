"""The developer docs point at things that exist: every path written as code (`…` or a fenced block) in
DEVELOPERS.md and in README.md's "How it is built", and every `marsad.…` name there (a module, or a function or
class of one). A file moved or renamed must take its docs along, or a newcomer looks in the wrong place.

Paths are read from the repository's root, then from marsad/ (the docs write `web/api.py` for marsad/web/api.py); a
bare file name (`entity_rules.py`, `titles.tsv`) must be some file under marsad/; a `*` is a glob. A word with a
slash is a path when it ends with a slash or a file's extension, or starts with a folder of the repository. Paths into
../shared are checked only where ../shared is present; `.venv/` is made by `make`, not kept.
"""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXTENSIONS = (".py", ".tsv", ".yaml", ".md", ".json", ".j2", ".cfg", ".toml", ".txt", ".js", ".css")
_SPAN = re.compile(r"```.*?```|`[^`\n]+`", re.S)
_TOKEN = re.compile(r"[\w.*/-]+")
_NAME = re.compile(r"\bmarsad(?:\.\w+)+")


def _section(text: str, title: str) -> str:
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end >= 0 else len(text)]


def _docs() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return {"DEVELOPERS.md": (ROOT / "DEVELOPERS.md").read_text(encoding="utf-8"),
            "README.md (How it is built)": _section(readme, "How it is built")}


def _spans(text: str) -> list[str]:
    return [m.group(0).strip("`") for m in _SPAN.finditer(text)]


def paths_in(text: str) -> set[str]:
    """The file and folder paths written as code in `text`."""
    out = set()
    for span in _spans(text):
        for t in _TOKEN.findall(span):
            t = t.rstrip(".")
            if t.startswith(("marsad.", ".venv/", "-")) or "//" in t:
                continue
            if t.endswith(EXTENSIONS + ("/",)) or ("/" in t and _is_dir(t.split("/")[0])):
                out.add(t)
    return out


def _is_dir(first: str) -> bool:
    """`a/b` is a path when `a` is a folder of the repository or of marsad/ (else it is prose: «Markdown/HTML»)."""
    return first == ".." or (ROOT / first).is_dir() or (ROOT / "marsad" / first).is_dir()


def names_in(text: str) -> set[str]:
    return {n for span in _spans(text) for n in _NAME.findall(span)}


def exists(path: str) -> bool:
    if path.startswith("../"):
        return (ROOT / path).exists() or not (ROOT.parent / "shared").is_dir()
    if "/" not in path.rstrip("/"):
        return any((ROOT / "marsad").rglob(path)) or any(ROOT.glob(path))
    return any(any(base.glob(path.rstrip("/"))) for base in (ROOT, ROOT / "marsad"))


def resolves(name: str) -> bool:
    """A module, or an attribute chain of the longest importable module prefix."""
    parts = name.split(".")
    for k in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:k]))
        except ImportError:
            continue
        for p in parts[k:]:
            if not hasattr(obj, p):
                return False
            obj = getattr(obj, p)
        return True
    return False


@pytest.mark.parametrize("doc", sorted(_docs()))
def test_every_path_the_docs_name_exists(doc):
    found = paths_in(_docs()[doc])
    assert len(found) > 10, "the docs should name the places of the code"
    assert sorted(p for p in found if not exists(p)) == []


@pytest.mark.parametrize("doc", sorted(_docs()))
def test_every_marsad_name_the_docs_use_imports(doc):
    assert sorted(n for n in names_in(_docs()[doc]) if not resolves(n)) == []


def test_the_checks_catch_a_missing_path_and_a_missing_name():
    text = ("see `marsad/web/api.py` and `web/nowhere.py`, `titles.tsv`, `Markdown/HTML`, "
            "`marsad.arabic.text.no_such_function(s)`")
    assert paths_in(text) == {"marsad/web/api.py", "web/nowhere.py", "titles.tsv"}
    assert [p for p in sorted(paths_in(text)) if not exists(p)] == ["web/nowhere.py"]
    assert names_in(text) == {"marsad.arabic.text.no_such_function"}
    assert not resolves("marsad.arabic.text.no_such_function") and resolves("marsad.arabic.text.strip_clitics")
