"""The entity lexicon: the word lists of marsad/arabic/data that entity tagging (`marsad.extract.entities`), the NER
model's post-processing (`marsad.extract.ner`) and entity resolution (`marsad.corpus.entities`) read, loaded once and
normalised (gazetteer with metonymy, spelling variants, nationality adjectives, titles, organisation heads and
adjectives, stop words, trigger words, junk forms).

Its own module so that the tagger and the NER model can both read it without importing each other.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from marsad.arabic.data import load_tsv, load_yaml
from marsad.arabic.text import normalize

@functools.cache
def lexicon() -> dict:
    """entity_lexicon.yaml with every word normalised."""
    raw = load_yaml("entity_lexicon.yaml")
    out = {}
    for k, v in raw.items():
        if isinstance(v, dict):
            out[k] = {_squash(w): (frozenset(_squash(y) for y in x) if isinstance(x, list) else (x or ""))
                      for w, x in v.items()}
        else:
            out[k] = frozenset(_squash(w) for w in v)
    return out


def _lx(name: str):
    return lexicon()[name]


@functools.cache
def _suffix_re(name: str) -> re.Pattern:
    return re.compile("(?:" + "|".join(sorted(lexicon()[name], key=len, reverse=True)) + ")$")


# ------------------------------------------------------------------ data
def _row(row):
    """(cells without the trailing comment, comment text)."""
    cells, comment = [], ""
    for c in row:
        if c.startswith("#"):
            comment = c[1:].strip()
            break
        cells.append(c)
    return cells, comment


def _rows(name: str, least: int = 1) -> list[tuple[list[str], str]]:
    """(cells, comment) of every row of the data file `name` with at least `least` cells before its comment."""
    return [(cells, comment) for cells, comment in map(_row, load_tsv(name)) if len(cells) >= least]


def _squash(s: str) -> str:
    return " ".join(normalize(s).replace("-", " ").split())


@functools.cache
def variants() -> tuple[dict[str, str], dict[str, set[str]]]:
    """(variant word → preferred word, preferred word → all its spellings), normalised."""
    to_pref: dict[str, str] = {}
    groups: dict[str, set[str]] = {}
    for cells, _ in _rows("name_variants.tsv"):
        pref = _squash(cells[0])
        alts = {_squash(v) for v in (cells[1].split("|") if len(cells) > 1 else []) if v.strip()}
        groups.setdefault(pref, {pref}).update(alts)
        for a in alts:
            to_pref[a] = pref
    return to_pref, groups


@functools.lru_cache(maxsize=1 << 16)
def name_key(s: str) -> str:
    """Matching key of a name: normalised, hyphens as spaces, «عبد ال…» joined, each word's spelling variant mapped to
    the preferred spelling (ترمب → ترامب)."""
    to_pref, _ = variants()
    s = _squash(s)
    s = re.sub(r"(?<!\S)(عبد|ابو) (?=\S)", r"\1", s)  # «عبد الله» = «عبدالله», «أبو ظبي» = «أبوظبي»
    words = [to_pref.get(w, w) for w in s.split()]
    s = " ".join(words)
    return to_pref.get(s, s)


def _spellings(form: str) -> set[str]:
    """All spellings of a normalised name form (variants per word, «عبدال…»/«عبد ال…»), capped."""
    _, groups = variants()
    to_pref, _ = variants()
    words = form.split()
    opts = []
    for w in words:
        p = to_pref.get(w, w)
        opts.append(sorted(groups.get(p, {p}) | {w}))
    out = {""}
    for o in opts:
        out = {f"{a} {b}".strip() for a in out for b in o}
        if len(out) > 32:
            break
    out.add(form)
    if form in groups or to_pref.get(form, form) in groups:
        out |= groups[to_pref.get(form, form)]
    more = set()
    for f in out:  # «عبدالله»/«عبد الله», «عبدربه»/«عبد ربه», «أبوظبي»/«أبو ظبي»
        more.add(re.sub(r"(?<!\S)(عبد|ابو)(?=\S)", r"\1 ", f))
        more.add(re.sub(r"(?<!\S)(عبد|ابو) (?=\S)", r"\1", f))
    return out | more


@dataclass(frozen=True)
class GazEntry:
    canonical: str
    type: str
    kind: str = "name"          # name | surname
    refers_to: str | None = None
    mode: str | None = None     # always | agent
    generic: bool = False       # «مجلس الأمن»: + nationality = another country's body


@functools.cache
def metonymy() -> dict[str, tuple[str, str, str]]:
    """normalised place → (type, refers_to canonical, mode)."""
    out = {}
    for cells, _ in _rows("metonymy.tsv", 3):
        out[name_key(cells[0])] = (cells[1], cells[2], cells[3] if len(cells) > 3 else "agent")
    return out


@functools.cache
def gazetteer() -> dict[str, GazEntry]:
    """Every normalised surface form (aliases and spelling variants included) → its entry."""
    met = metonymy()
    forms: dict[str, GazEntry] = {}
    for cells, comment in _rows("gazetteer.tsv", 2):
        canon, typ = cells[0], cells[1]
        aliases = [a for a in (cells[2].split("|") if len(cells) > 2 else []) if a.strip()]
        kind = "surname" if comment.startswith("surname") else "name"
        m = met.get(name_key(canon))
        entry = GazEntry(canon, typ, kind, m[1] if m else None, m[2] if m else None, comment.startswith("generic"))
        for a in [canon, *aliases]:
            for f in _spellings(_squash(a)):
                if f and f not in forms:
                    forms[f] = entry
    for place, (typ, ref, mode) in met.items():  # a seat of power missing from the gazetteer is still a name
        if place not in forms:
            forms[place] = GazEntry(place, typ, "name", ref, mode)
    return forms


@functools.cache
def canonical_index() -> dict[str, GazEntry]:
    """name_key of every gazetteer form → entry (for resolution of names found by the model)."""
    return {name_key(f): e for f, e in gazetteer().items()}


@functools.cache
def nisba_forms() -> dict[str, str]:
    """Every normalised form of every nationality adjective → country canonical name."""
    out: dict[str, str] = {}
    for cells, comment in _rows("nisba.tsv", 2):
        base, country = _squash(cells[0]), cells[1]
        if comment.startswith("fixed"):
            out[base] = country
            continue
        words = base.split()
        for suf in ("", "ه", "ون", "ين", "ات", "يه"):
            infl = [w + suf if not (suf == "يه" and not w.endswith("ي")) else w[:-1] + "يه" for w in words]
            if suf == "يه":
                continue
            out[" ".join("ال" + w for w in infl)] = country
            if not comment.startswith("definite only"):
                out[" ".join(infl)] = country
    return out


@dataclass(frozen=True)
class TitleEntry:
    role: str
    kind: str          # role | honorific | relation
    definite: bool


@functools.cache
def title_forms() -> dict[str, TitleEntry]:
    out: dict[str, TitleEntry] = {}
    for cells, _ in _rows("titles.tsv", 3):
        form, role, kind = _squash(cells[0]), _squash(cells[1]), cells[2]
        definite = any(w.startswith("ال") for w in form.split())
        out.setdefault(form, TitleEntry(role, kind, definite))
        if " " not in form and form.startswith("ال") and kind != "relation":
            out.setdefault(form[2:], TitleEntry(role, kind, False))
    return out


@functools.cache
def stopwords() -> frozenset[str]:
    return frozenset(_squash(c[0]) for c, _ in _rows("entity_stopwords.tsv"))


@functools.cache
def triggers() -> dict[str, str]:
    return {_squash(c[0]): c[1] for c, _ in _rows("entity_triggers.tsv", 2)}


@functools.cache
def trigger_flags() -> dict[str, frozenset[str]]:
    """Flags of the head words in entity_triggers.tsv (third column), normalised head → flags."""
    return {_squash(c[0]): frozenset(c[2].split(",")) for c, _ in _rows("entity_triggers.tsv", 3)}


@functools.cache
def org_heads() -> dict[str, frozenset[str]]:
    """Organisation head nouns (org_heads.tsv), normalised indefinite form → flags (definite, nisba, group)."""
    out = {}
    for cells, _ in _rows("org_heads.tsv"):
        flags = cells[1] if len(cells) > 1 else ""
        out[_squash(cells[0])] = frozenset(f.strip() for f in flags.split(",") if f.strip())
    return out


@functools.cache
def org_adjectives() -> dict[str, str]:
    """Adjectives after a definite organisation head (org_adjectives.tsv): normalised word → name | generic."""
    return {_squash(c[0]): c[1] for c, _ in _rows("org_adjectives.tsv", 2)}


@functools.cache
def clitic_initial_names() -> frozenset[str]:
    """Given names beginning with a proclitic letter (names_clitic_initial.tsv), normalised."""
    return frozenset(_squash(c[0]) for c, _ in _rows("names_clitic_initial.tsv"))


@functools.cache
def junk_forms() -> frozenset[str]:
    """Normalised forms that are never an entity on their own (entity_junk.tsv)."""
    return frozenset(_squash(c[0]) for c, _ in _rows("entity_junk.tsv"))
