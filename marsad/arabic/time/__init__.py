"""Temporal tagger: every time expression of an Arabic article, with offsets, resolved to an EDTF value.

    tag_dates(text, published, prefer="past")  -> list[DateMention]   (whole article, offsets into `text`)
    tag_durations(text)                          -> list[dict]          (durations: «خلال ثلاثة أشهر»; never dates)
    parse_time(phrase, reference, prefer="future") -> {"value", "grain"} | None   (one parse covering the phrase)
    find_publication_date(text) -> ISO date | None      (a byline: «نشر في 12 مارس 2024»)
    infer_publication_date(text) -> ISO date | None     (an estimate; the caller flags it `inferred`)
    text_reference(text, published) -> ISO date | None (the day the text calls today, when the record's date lags)

How it works: the text is folded to a matching form (alef/ya/ta-marbuta, diacritics, digits; offsets kept through an
index map), then ONE compiled regex — the alternation of the rules of `rules.RULES`, whose words come from the data
files (marsad/arabic/data/time*.tsv|yaml) — is tried where an anchor word could start an expression (`scanner`).
Each rule has a handler that reads the matched words and resolves them against the reference date (publication
date for articles). Relative expressions follow `prefer` (past = news convention, future = Duckling's), bare
weekdays become the coming day when the clause marks the event as scheduled (المقررة، المرتقبة، سـ + verb). A bare
number is never a year unless a marker says so.

Modules: lexicon (matching form, word lists, pattern blocks), calendar (date arithmetic, Hijri), context (the scan's
state and the words around a match), rules (each rule once: name, pattern, handler, examples), handlers/ (what each
rule does with its match: dates, relative, clock), scanner (anchors, the one regex, joining neighbours, «منذ»), api,
render (EDTF for readers).

EDTF values: `2024`, `2024-10`, `2024-10-31`, `2024-10-31T15:20`, week `2024-W44`, season `2024-23`
(21 spring … 24 winter), decade `201X`, unknown year `XXXX-09`, interval `A/B` (inclusive).
"""
from .api import (find_publication_date, infer_publication_date, parse_time, tag_dates, tag_durations,
                  text_reference)
from .lexicon import normalize_time_text

__all__ = ["tag_dates", "tag_durations", "parse_time", "find_publication_date", "infer_publication_date",
           "text_reference", "normalize_time_text"]
