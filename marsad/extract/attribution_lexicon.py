"""The words of attribution, from the data files (loaded once): reporting verbs (`reporting_verbs.tsv`), attribution
phrases, estimate nouns, hedges, beliefs and denials (`attribution.yaml`); and the stance a clause takes under a cue
(`stance_in`). Read by `marsad.extract.attribution`, which finds who says what in a document.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from marsad.arabic.data import load_tsv, load_yaml
from marsad.extract.textview import PUNCT, fold

__all__ = ["lexicon", "stance_in", "phrase_re", "Lex", "Verb"]


class Verb(NamedTuple):
    """A reporting-verb form of reporting_verbs.tsv."""
    stance: str
    role: str            # verb | participle | impersonal
    inherit: bool        # a pronoun subject takes the running speaker
    obj: bool            # the subject is followed by an object («وصف كيم النصب بأنه»)
    speech: bool         # reports only before a complementizer, colon or quotation («وبين أن»)
    continues: bool      # a continuation verb («وأضاف»): keeps the statement's date


@dataclass
class Lex:
    verbs: dict            # normalised form -> Verb
    prep_re: re.Pattern
    estimate_nouns: set
    estimate_adj: set
    linkers: list
    np_stop: set
    np_stop_inner: set
    np_stop_before_figure: set
    np_max: int
    comps: set
    subject_setters: set
    holder_nouns: set
    hedge_re: re.Pattern
    report_holder_re: re.Pattern
    present_markers: set
    belief_re: re.Pattern
    denial_re: re.Pattern
    carry_openers: list
    outlet_re: re.Pattern
    masdar_after: set
    to_outlet_marks: tuple
    object_pronouns: set   # «عنه»، «له»، «إليه»: a pronoun object between a verb and its subject
    non_sources: set       # «حسب الطلب»، «وفق الخطة»: according to a rule or a need, not a source
    pronoun_sources: set   # «حسب قوله»: as the running speaker put it
    named_heads: set       # «وكالة»، «صحيفة»، «مبادرة»: nouns a quoted name follows
    possessed_re: re.Pattern   # «توقعاته»، «تقديراتها»: a forecast of the clause's subject (group 1: the noun)
    possessed_stance: dict
    np_stop_orig: set      # the stop words as written («على»): a word after a title spelt otherwise is a name
    titles: set            # one-word titles and honorifics («السفير»، «اللواء»): a name may follow them
    title_heads: set       # head nouns of titles («رئيس»، «مدير»): an apposed title may start with them
    adjectives: set        # definite adjectives that are no nisba or participle («العامة»، «الأعلى»)


def phrase_re(phrases, glue_last=True) -> str:
    """A regex alternation of phrases (normalised, longest first) that end at a word boundary; a phrase ending
    in « ل» may be glued to the next word («وفقا لـX»، «وفقا للوزارة»)."""
    alts = []
    for p in sorted({fold(p) for p in phrases}, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in p.split())
        if glue_last and p.endswith(" ل"):
            alts.append(body)
        else:
            alts.append(body + r"(?=[\s" + re.escape(PUNCT) + r"]|$)")
    return "(?:" + "|".join(alts) + ")"


@functools.cache
def lexicon() -> Lex:
    verbs = {}
    for row in load_tsv("reporting_verbs.tsv"):
        forms, stance, role, inherit = (row + ["", "", "", ""])[:4]
        base, _, mod = role.partition("+")
        verb = Verb(stance, base, inherit in ("yes", "continue"), mod == "obj", mod == "speech", inherit == "continue")
        for f in forms.split(","):
            if f.strip():
                verbs[fold(f)] = verb
    att = load_yaml("attribution.yaml")
    pre = r"(?<![^\s" + re.escape(PUNCT) + r"])(?:[وف])?"   # a phrase starts a word, with an optional و/ف
    return Lex(
        verbs=verbs,
        prep_re=re.compile(pre + "(?P<p>" + phrase_re(att["prepositions"]) + ")"),
        estimate_nouns={fold(x) for x in att["estimate_nouns"]},
        estimate_adj={fold(x) for x in att["estimate_adjectives"]},
        linkers=[fold(x).split() for x in att["linkers"]],
        np_stop={fold(x) for x in att["np_stop"]}, np_stop_orig={x.replace("ً", "") for x in att["np_stop"]}, np_stop_inner={fold(x) for x in att.get("np_stop_inner") or []},
        np_max=int(att.get("np_max_words", 8)),
        comps={fold(x) for x in att["complementizers"]},
        subject_setters={fold(x) for x in att.get("subject_setters") or []},
        holder_nouns={fold(x) for x in att.get("holder_nouns") or []},
        np_stop_before_figure={fold(x) for x in att.get("np_stop_before_figure") or []},
        hedge_re=re.compile(pre + "(?:" + phrase_re(att["hedges"]) + "|" + re.escape(fold(att["hedge_may"]))
                            + r"\s+ي\S+)"),
        belief_re=re.compile(pre + phrase_re(att["beliefs"])),
        present_markers={fold(x) for x in att.get("present_markers") or []},
        report_holder_re=re.compile(phrase_re(att.get("report_holders") or ["-"])),
        denial_re=re.compile(pre + phrase_re(att["denials"])),
        carry_openers=[fold(x).split() for x in att.get("carry_openers") or []],
        outlet_re=re.compile(pre + phrase_re(att.get("outlet_voice") or [])),
        masdar_after={fold(x) for x in att.get("masdar_after") or []},
        to_outlet_marks=tuple(att.get("to_outlet_marks") or ()),
        object_pronouns={fold(x) for x in att.get("object_pronouns") or []},
        non_sources={fold(x) for x in att.get("non_sources") or []},
        pronoun_sources={fold(x) for x in att.get("pronoun_sources") or []},
        named_heads={fold(x) for x in att.get("named_heads") or []},
        possessed_re=re.compile(r"^[وف]?[لب]?(" + "|".join(sorted((re.escape(fold(k)) for k in
                                                                    att.get("possessed_estimates") or {"-": ""}),
                                                                   key=len, reverse=True)) + r")(?:ه|ها|هم|هما)$"),
        possessed_stance={fold(k): v for k, v in (att.get("possessed_estimates") or {}).items()},
        titles={fold(r[0]) for r in load_tsv("titles.tsv") if len(r[0].split()) == 1}
        | {w for r in load_tsv("titles.tsv") if r[2:3] == ["honorific"] for w in fold(r[0]).split()}
        | {w for x in att.get("name_titles") or [] for w in fold(x).split()},
        title_heads={fold(x) for x in att.get("title_heads") or []}
        | {re.sub("^ال", "", fold(r[0]).split()[0]) for r in load_tsv("titles.tsv") if r[2:3] == ["role"]},
        adjectives={fold(x) for x in att.get("adjectives") or []},
    )


def stance_in(text_norm: str, base: str) -> str:
    """The stance of a clause (normalised text) under a cue of stance `base`: a denial, a belief word or a hedge
    in it overrides an asserting cue."""
    lex = lexicon()
    if base == "denied":
        return base
    if lex.denial_re.search(text_norm):
        return "denied"
    if lex.belief_re.search(text_norm):
        return "reported_belief"
    if base == "asserted" and lex.hedge_re.search(text_norm):
        return "hedged"
    return base
