"""Every code the pages show has an Arabic label from the data (measures.yaml, labels.yaml), and counted nouns agree
with their number."""
from __future__ import annotations

import re

import pytest

from marsad.arabic.data import load_yaml
from marsad.report.labels import count_ar, measure_ar, stance_label, type_label

ARABIC = re.compile(r"[\u0600-\u06ff]")


def test_every_named_measure_has_an_arabic_label():
    measures = load_yaml("measures.yaml")["measures"]
    assert measures
    for key in measures:
        label = measure_ar(key)
        assert label != key and ARABIC.search(label) and not re.search(r"[A-Za-z_]", label), key


def test_every_fallback_key_and_open_family_has_an_arabic_label():
    m = load_yaml("measures.yaml")
    for key in set(m["fallback"].values()):
        assert ARABIC.search(measure_ar(key)) and "_" not in measure_ar(key), key
    # every family an open key can start with (measures.py builds count:, money:, price:, percent:, amount:)
    for family in ("count", "money", "price", "percent", "amount"):
        assert ARABIC.search(m["family_labels"][family]), family
        assert measure_ar(f"{family}:x").startswith(m["family_labels"][family] + ":")
    assert measure_ar("count:سفينه") == "عدد: سفينة"


def test_every_stance_and_entity_type_has_an_arabic_label():
    for stance in ("asserted", "hedged", "reported_belief", "denied"):  # model.Claim.stance
        assert ARABIC.search(stance_label(stance)) and ARABIC.search(stance_label(stance, "verb")), stance
    assert stance_label("denied") == "نفي" and stance_label("denied", "verb") == "ينفي"
    for code in ("PER", "ORG", "LOC", "MISC"):
        assert ARABIC.search(type_label(code)), code


@pytest.mark.parametrize("n, text", [
    (0, "0 مقالات"), (1, "مقال واحد"), (2, "مقالان"), (3, "3 مقالات"), (10, "10 مقالات"), (11, "11 مقالاً"),
    (15, "15 مقالاً"), (99, "99 مقالاً"), (100, "100 مقال"), (102, "102 مقال"), (103, "103 مقالات"),
    (111, "111 مقالاً"), (1000, "1,000 مقال")])
def test_counted_noun_agrees_with_its_number(n, text):
    assert count_ar(n, "article") == text


def test_every_counted_noun_has_every_form():
    d = load_yaml("labels.yaml")
    forms = {r["form"] for r in d["agreement"]}
    for noun, row in d["counted"].items():
        assert forms <= set(row), noun
    assert count_ar(1, "outlet") == "مصدر واحد" and count_ar(5, "outlet") == "5 مصادر"


def test_every_ledger_status_and_unit_code_has_an_arabic_label():
    from marsad.report.labels import status_label, unit_ar

    for status in ("conflict", "update", "differs", "agree", "maybe_update"):  # ClaimGroup.status (+ the hint)
        assert ARABIC.search(status_label(status)) and not re.search(r"[A-Za-z]", status_label(status)), status
    units = load_yaml("numbers_units.yaml")
    for code in units["money"]:  # every currency the number tagger can give a claim
        assert ARABIC.search(unit_ar(code)) and not re.search(r"[A-Za-z]", unit_ar(code)), code
    for row in [*units["measures"].values(), *units["durations"].values()]:
        assert ARABIC.search(unit_ar(row["code"])), row["code"]
    assert unit_ar("USD") == "دولار" and unit_ar("km2") == "كيلومتر مربع" and unit_ar("قتيل") == "قتيل"
    assert unit_ar(None) == ""


def test_every_class_of_counted_things_has_an_arabic_label():
    # the ledger keys a row of counted nouns of one class by the class («count:people»: claim_clusters.ledger_key)
    for cls in load_yaml("measures.yaml")["thing_classes"]:
        label = measure_ar(f"count:{cls}")
        assert ARABIC.search(label) and not re.search(r"[A-Za-z_]", label), cls
    assert measure_ar("count:people") == "عدد: أشخاص"


def test_what_cleaning_removed_is_named_in_arabic():
    from typing import get_args

    from marsad.model import Removed
    from marsad.report.labels import removed_label

    for kind in get_args(Removed.model_fields["kind"].annotation):
        assert ARABIC.search(removed_label(kind)) and not re.search(r"[A-Za-z]", removed_label(kind)), kind
    from marsad.report.labels import code_label

    for source in ("metadata", "text", "inferred"):   # Document.published_from
        assert ARABIC.search(code_label("published_from", source)), source


def test_every_qualifier_scope_and_ledger_note_has_arabic_words():
    from marsad.report import figure, group_note, where_text
    from marsad.report.labels import labels_table

    for q in ("approx", "at_least", "more_than", "at_most", "less_than", "range", "vague"):   # Claim.qualifier
        assert ARABIC.search(labels_table("qualifier")[q]), q
    assert figure({"value": 3000, "qualifier": "approx"}) == "نحو 3,000"
    assert figure({"value": 46, "qualifier": "at_least"}) == "46 على الأقل"
    for scope in ("incident", "period", "cumulative"):
        assert ARABIC.search(where_text({"scope": scope})), scope
    g = {"notes": {"c1": "later and higher than earlier figures: possibly an update", "c2": "duplicate of c0"}}
    assert group_note(g, "c1", arabic=True) == "أحدث وأعلى: قد يكون تحديثاً"
    assert group_note(g, "c2", arabic=True) == "مكرر من مقال شبه مطابق" and group_note(g, "c2").startswith("duplicate")



def test_a_ledger_rows_places_are_written_as_the_articles_write_them():
    from marsad.report import where_text, written_names

    names = written_names([{"name": "كوريا الشمالية", "aliases": ["كوريا الشمالية", "بيونغ يانغ"]},
                           {"name": "أرجان", "aliases": []}])
    g = {"scope": "incident", "incident": {"places": ["ارجان", "كوريا الشماليه"], "events": ["هجوم"], "date": None}}
    assert where_text(g, names) == "حادثة واحدة: هجوم — أرجان — كوريا الشمالية"
    assert where_text(g) == "حادثة واحدة: هجوم — ارجان — كوريا الشماليه"   # no names: the stored form
