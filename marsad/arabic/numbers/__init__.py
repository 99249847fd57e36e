"""Arabic number and quantity tagger.

`tag_numbers(text)` finds every number phrase of an article (digits in any script, number words, scale words,
vague magnitudes, ordinals) with its qualifier (نحو، أكثر من، ما لا يقل عن، بين … و …), the counted noun or unit
that follows (lemmatised; currencies as ISO codes) and a kind: count, money, percent, measure (quantities a claim
can be about) or year, date, time, ordinal, duration, frequency, code, score (not; see `is_quantity_of_interest`).
`parse_number(phrase)` is the single parse covering a whole phrase.

Vague magnitudes get documented bounds (numbers.yaml «vague»: «آلاف» = 3,000-9,999 …); a range's scale word
distributes over a bare lower end («ثمانية إلى عشرة آلاف» = 8,000-10,000); «more/at least» set `low`, «less/at most»
set `high` next to `value`.

How it works: the text is normalised once (a 1:1 character fold plus removal of diacritics/tatweel, with an index
map back to the original offsets); one compiled regex finds number *tokens*; adjacent tokens joined by white space
or «و» are combined by a small grammar (units, teens, tens, hundreds, scales with dual/plural forms, fractions,
decimal «فاصلة»); then the context around each number is read with anchored regexes: qualifiers before/after,
range partners, the unit after, and date/year/time context.  All language knowledge is in
`marsad/arabic/data/numbers.yaml` and `numbers_units.yaml`.

Modules: lexicon (the matching form, the words and units read from the data files, the regex blocks), grammar (number
tokens combined into numbers), context (the counted noun or unit, parts of a total, shares, scores, ranges), tagger
(the whole text read once, and the public functions).
"""
from marsad.arabic.numbers.lexicon import normalize_for_numbers, ordinal_words
from marsad.arabic.numbers.tagger import (NON_INTEREST, is_quantity_of_interest, outside_dates, parse_number,
                                          tag_numbers, unit_code)

__all__ = ["tag_numbers", "parse_number", "is_quantity_of_interest", "normalize_for_numbers", "unit_code",
           "outside_dates", "ordinal_words", "NON_INTEREST"]
