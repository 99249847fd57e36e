"""Every time rule's own examples (declared with the rule in marsad/arabic/time/rules.py) resolve as declared, and
each example is matched by its rule's pattern (so the example documents that rule, not another)."""
import re

import pytest

from marsad.arabic.time import parse_time, tag_dates
from marsad.arabic.time.lexicon import blocks, match_form
from marsad.arabic.time.rules import EXAMPLE_REFERENCE, RULES

CASES = [(r, text, value) for r in RULES for text, value in r.examples]


def test_every_rule_has_examples_and_a_unique_name():
    assert all(r.examples for r in RULES), [r.name for r in RULES if not r.examples]
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule,text,value", CASES, ids=[f"{r.name}:{t}" for r, t, _ in CASES])
def test_rule_example(rule, text, value):
    assert re.search(match_form(rule.pattern(blocks())), match_form(text)), f"{rule.name} does not match its own example"
    # a phrase parses whole; a sentence (for rules that read their context) gives the value as its last date
    got = parse_time(text, EXAMPLE_REFERENCE, prefer="past")
    if got is None:
        ds = tag_dates(text, EXAMPLE_REFERENCE[:10])
        got = {"value": ds[-1].value} if ds else None
    assert got is not None and got["value"] == value
