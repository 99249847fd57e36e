"""The bundled sample corpus reads as its annotation (data/sample/expected.yaml) says: formats, outlets, dates,
captions and boilerplate moved out of the text, page clutter never in it."""
from __future__ import annotations

import pytest
import yaml

from marsad.arabic.text import squash
from marsad.ingest import IngestError, read_path
from marsad.ingest.clean import clean


@pytest.fixture(scope="module")
def corpus(request):
    from tests.conftest import SAMPLE

    if not (SAMPLE / "expected.yaml").is_file():
        pytest.skip("sample corpus annotation missing")
    expected = yaml.safe_load((SAMPLE / "expected.yaml").read_text(encoding="utf-8"))
    items = list(read_path(SAMPLE))
    docs = {}
    for it in items:
        if isinstance(it, IngestError):
            continue
        d = clean(it)
        docs[it.source_path.split("data/sample/", 1)[-1].split("sample/", 1)[-1]] = d
    return expected, docs, [i for i in items if isinstance(i, IngestError)]


def test_every_document_reads_with_outlet_date_and_title(corpus):
    expected, docs, errs = corpus
    assert not [e for e in errs if e.kind == "error"]
    assert len(docs) == len(expected["documents"])
    for exp in expected["documents"]:
        d = docs[exp["key"]]
        assert d.source_name == exp["outlet"], exp["key"]
        assert d.published == exp["published"], exp["key"]
        if exp["published"]:
            assert d.published_from == exp["published_from"], exp["key"]
        if exp.get("title"):
            assert squash(d.title) == squash(exp["title"]), exp["key"]


def test_captions_and_boilerplate_are_moved_to_removed(corpus):
    expected, docs, _ = corpus
    for x in expected["captions"] + expected["boilerplate"]:
        d = docs[x["doc"]]
        want = squash(x["contains"])
        assert want not in squash(d.text), x
        kinds = [r.kind for r in d.removed if want in squash(r.text)]
        assert kinds, x
        assert kinds[0] == x.get("kind", "caption"), x


def test_page_clutter_never_reaches_the_text(corpus):
    expected, docs, _ = corpus
    for x in expected["not_in_text"]:
        assert squash(x["contains"]) not in squash(docs[x["doc"]].text), x


def test_all_ids_distinct(corpus):
    _, docs, _ = corpus
    assert len({d.id for d in docs.values()}) == len(docs)
