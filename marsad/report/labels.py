"""Arabic labels of the analysis's codes and counted nouns that agree with their number, read from
marsad/arabic/data/labels.yaml (a measure's label: `marsad.extract.measures.measure_label`, from measures.yaml)."""
from __future__ import annotations

import functools

from marsad.arabic.data import load_yaml
from marsad.extract.measures import measure_label


def _data() -> dict:
    return load_yaml("labels.yaml")


def measure_ar(key: str | None) -> str:
    """A measure key as an analyst reads it: its label in measures.yaml (named measures' `label`, open keys' family
    and thing, the fallback keys' `labels`), a ledger row's class of things in labels.yaml (`thing_class`); a key
    with none is shown with its underscores as spaces."""
    family, _, thing = (key or "").partition(":")
    classes = _data().get("thing_class") or {}
    if thing in classes:   # a ledger row keyed by a class of counted things («count:people» → «عدد: أشخاص»)
        return f"{measure_label(family)}: {classes[thing]}"
    label = measure_label(key)
    if key and label == key:
        return (load_yaml("measures.yaml").get("labels") or {}).get(key) or key.replace("_", " ")
    return label


def stance_label(stance: str | None, form: str = "noun") -> str:
    """«asserted» → «تأكيد» (form `noun`) or «يؤكد» (form `verb`); an unknown code is shown as it is."""
    row = (_data().get("stance") or {}).get(stance or "")
    return (row or {}).get(form) or (stance or "")


def type_label(code: str | None) -> str:
    """An entity type's Arabic name («PER» → «شخص»)."""
    return (_data().get("entity_type") or {}).get(code or "", code or "")


def labels_table(table: str) -> dict:
    """One table of labels.yaml (code → Arabic words)."""
    return _data().get(table) or {}


def code_label(table: str, code: str | None) -> str:
    """A code's Arabic name in one of labels.yaml's tables (`removed_kind`: «caption» → «تعليق صورة»,
    `published_from`: «metadata» → «من البيانات الوصفية»); an unknown code is shown as it is."""
    return labels_table(table).get(code or "", code or "")


def removed_label(kind: str | None) -> str:
    """What cleaning removed, in words («caption» → «تعليق صورة»)."""
    return code_label("removed_kind", kind)


def count_ar(n: int | None, noun: str) -> str:
    """`n` and the counted noun in the form Arabic agreement asks for: 1 → «مقال واحد», 2 → «مقالان»,
    5 → «5 مقالات», 15 → «15 مقالاً», 100 → «100 مقال» (the rule and the forms: labels.yaml `agreement`,
    `counted`)."""
    d = _data()
    forms = d["counted"][noun]
    n = int(n or 0)
    for rule in d["agreement"]:
        if "exact" in rule and n != rule["exact"]:
            continue
        if "last_two" in rule:
            lo, hi = rule["last_two"]
            if not lo <= n % 100 <= hi:
                continue
        word = forms[rule["form"]]
        return f"{n:,} {word}" if rule["digits"] else word
    return f"{n:,} {forms['few']}"


def status_label(status: str | None) -> str:
    """A ledger row's status in words («update» → «تحديث لحصيلة متنامية»; labels.yaml `group_status`)."""
    return (_data().get("group_status") or {}).get(status or "", status or "")


@functools.cache
def _unit_names() -> dict[str, str]:
    """Unit code → its Arabic name, from the number tagger's data (numbers_units.yaml): a currency's ISO code
    → its lemma («USD» → «دولار»), a measure's or duration's code → its key («km2» → «كيلومتر مربع»)."""
    u = load_yaml("numbers_units.yaml")
    names = {code: row["lemma"] for code, row in (u.get("money") or {}).items() if row.get("lemma")}
    for section in ("measures", "durations"):
        for lemma, row in (u.get(section) or {}).items():
            names.setdefault(row.get("code") or lemma, lemma)
    return names


def unit_ar(code: str | None) -> str:
    """A claim's unit as the page writes it: «USD» → «دولار», «km2» → «كيلومتر مربع»; an Arabic counted noun
    («قتيل») or an unknown code is written as it is; none → ''."""
    return _unit_names().get(code, code) if code else ""
