"""Property tests for the number tagger: no crashes, sane offsets, digits and generated number words round-trip."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.arabic.numbers import parse_number, tag_numbers

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_offsets(text):
    qs = tag_numbers(text)
    starts = {q.start for q in qs}
    for q in qs:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        if q.unit_start is not None:
            assert 0 <= q.unit_start < q.unit_end <= len(text)
            assert text[q.unit_start:q.unit_end] == q.unit_text
        if q.part_of_start is not None:         # a part points at its total, a quantity before it
            assert q.part_of_start in starts and q.part_of_start < q.start
        if q.form == "dual":
            assert q.value == 2 and q.unit


@SETTINGS
@given(st.text())
def test_any_unicode_never_crashes(text):
    _check_offsets(text)
    parse_number(text)


# fragments that exercise the grammar: number words, scales, qualifiers, clitics, digits, marks, punctuation
FRAGMENTS = ["ثلاثة", "عشر", "عشرون", "و", "وبـ", "لـ", "ب", "ألف", "آلاف", "ألفاً", "مليون", "مليونين", "مئة",
             "مائتي", "نحو", "أكثر من", "ما لا يقل عن", "على الأقل", "بين", "إلى", "من", "-", "%", "$", "دولار",
             "جندي", "جنوداً", "عام", "مارس", "الأول", "للمرة", "الثالثة", "عشرات", "الآلاف", "نصف", "فاصلة",
             "15", "١٥", "۱۵", "2024", "1,000", "1.5", "٫", "٬", "/", ":", "\u064b", "\u0651", "\u0640", " ", "  ",
             "\n", "،", ".", "(", ")", "«", "»", "a", "ZMS", "😀", "\u200f", "كيلومتر", "مربعة", "ريال سعودي",
             # numbers as news writes them: quotation marks, duals, parts, «اثنين» after a noun, shares
             "“", "”", '"', "قتيلين", "مسلحان", "حالتا", "حالتي", "طنين", "منها", "منهم", "واحدة", "إحدى", "الحالات",
             "حالات", "اثنين", "مسلحين", "ثلث", "حجم", "٤٢٥٦٠١"]


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25), st.lists(st.booleans(), max_size=25))
def test_arabic_like_text_offsets(frags, spaces):
    text = "".join(f + (" " if i < len(spaces) and spaces[i] else "") for i, f in enumerate(frags))
    _check_offsets(text)
    parse_number(text)


# ------------------------------------------------------------------ digits round-trip
SCRIPTS = {"latin": "0123456789", "arabic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹"}


def write_digits(n: int, script: str, sep: str) -> str:
    s = f"{abs(n):,}".replace(",", sep) if sep else str(abs(n))
    s = s.translate(str.maketrans("0123456789", SCRIPTS[script]))
    return ("-" if n < 0 else "") + s


@SETTINGS
@given(st.integers(min_value=-10**12, max_value=10**12), st.sampled_from(sorted(SCRIPTS)),
       st.sampled_from(["", ",", ".", "٬"]))
def test_digits_round_trip(n, script, sep):
    phrase = write_digits(n, script, sep)
    p = parse_number(phrase)
    assert p is not None, phrase
    assert p["value"] == n, (phrase, p)


# ------------------------------------------------------------------ number words from our own grammar
UNITS_M = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
UNITS_F = ["", "واحدة", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع"]
TEEN_HEAD_M = ["", "أحد", "اثنا", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
TEEN_HEAD_F = ["", "إحدى", "اثنتا", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع"]
TENS_NOM = ["", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
TENS_OBL = ["", "", "عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين"]
HUND_PREFIX = ["", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"]


def below_thousand(n: int, draw) -> str:
    """Words for 1..999, choosing spelling variants with `draw`."""
    fem = draw(st.booleans())
    oblique = draw(st.booleans())
    h, r = divmod(n, 100)
    parts = []
    if h:
        mia = draw(st.sampled_from(["مئة", "مائة"]))
        if h == 1:
            parts.append(mia)
        elif h == 2:
            parts.append(draw(st.sampled_from(["مئتان", "مائتان", "مئتين", "مائتين"])))
        else:
            parts.append(HUND_PREFIX[h] + draw(st.sampled_from(["", " "])) + mia)
    if r:
        units, teen_head = (UNITS_F, TEEN_HEAD_F) if fem else (UNITS_M, TEEN_HEAD_M)
        tens = TENS_OBL if oblique else TENS_NOM
        t, u = divmod(r, 10)
        if r < 10:
            parts.append(units[r])
        elif r == 10:
            parts.append("عشرة" if not fem else "عشر")
        elif r < 20:
            parts.append(teen_head[u] + " " + ("عشرة" if fem else "عشر"))
        elif u == 0:
            parts.append(tens[t])
        else:
            parts.append(units[u] + draw(st.sampled_from([" و", " و "])) + tens[t])
    return draw(st.sampled_from([" و", " و "])).join(parts)


def scaled(g: int, sg: str, dual: str, pl: str, draw) -> str:
    if g == 1:
        return sg
    if g == 2:
        return dual
    if 3 <= g <= 10:
        return below_thousand(g, draw) + " " + pl
    return below_thousand(g, draw) + " " + sg


def number_words(n: int, draw) -> str:
    if n == 0:
        return "صفر"
    m, rest = divmod(n, 1_000_000)
    k, r = divmod(rest, 1000)
    segs = []
    if m:
        segs.append(scaled(m, "مليون", draw(st.sampled_from(["مليونان", "مليونين"])), "ملايين", draw))
    if k:
        segs.append(scaled(k, draw(st.sampled_from(["ألف", "ألفا"])), draw(st.sampled_from(["ألفان", "ألفين"])),
                           "آلاف", draw))
    if r:
        segs.append(below_thousand(r, draw))
    return " و".join(segs)


@SETTINGS
@given(st.integers(min_value=0, max_value=999_999_999), st.data())
def test_number_words_round_trip(n, data):
    phrase = number_words(n, data.draw)
    p = parse_number(phrase)
    assert p is not None, phrase
    assert p.get("value") == n, (phrase, p)


@SETTINGS
@given(st.integers(min_value=1, max_value=999), st.data())
def test_number_words_in_a_sentence(n, data):
    words = number_words(n, data.draw)
    text = "وصل " + words + " زائرا إلى المعرض"
    qs = tag_numbers(text)
    assert any(q.value == n for q in qs), (text, [(q.text, q.value) for q in qs])


def test_huge_inputs_do_not_crash():
    for text in ["9" * 100_000, "1," * 5000, "١" * 6000 + " ألف", "و".join(["عشرون"] * 2000), "ثلاثة " * 5000]:
        _check_offsets(text)
        parse_number(text)
