"""Number/quantity tagger on our own sentences (never text from ../shared)."""
import pytest

from marsad.arabic.numbers import is_quantity_of_interest, parse_number, tag_numbers


def one(sentence, **kw):
    """The single quantity of interest in `sentence`, checked for consistent offsets."""
    text = sentence
    qs = [q for q in tag_numbers(text) if is_quantity_of_interest(q)]
    for q in tag_numbers(text):
        assert text[q.start:q.end] == q.text
        if q.unit_start is not None:
            assert text[q.unit_start:q.unit_end] == q.unit_text
            assert q.start <= q.unit_start < q.unit_end <= q.end
    assert len(qs) == 1, [(q.text, q.kind) for q in qs]
    q = qs[0]
    for k, v in kw.items():
        assert getattr(q, k) == v, (k, getattr(q, k), v, q)
    return q


# ------------------------------------------------------------------ qualifiers
@pytest.mark.parametrize("text,span,value,qualifier,unit", [
    ("أعلنت الوزارة أن قرابة 300 مهندس يعملون في المشروع.", "قرابة 300 مهندس", 300, "approx", "مهندس"),
    ("شارك زهاء ألفي متطوع في الحملة.", "زهاء ألفي متطوع", 2000, "approx", "متطوع"),
    ("نقلت الشاحنات ما يقارب 40 طنا من الطحين.", "ما يقارب 40 طنا", 40, "approx", "طن"),
    ("بلغت الخسائر ما يناهز 7 ملايين يورو.", "ما يناهز 7 ملايين يورو", 7_000_000, "approx", "EUR"),
    ("وصل 250 لاجئا تقريبا إلى الميناء.", "250 لاجئا تقريبا", 250, "approx", "لاجئ"),
    ("تضم المدينة حوالى ثلاثة وعشرين مستشفى.", "حوالى ثلاثة وعشرين مستشفى", 23, "approx", "مستشفى"),
    ("استقبل المركز نحو 90 زائرا.", "نحو 90 زائرا", 90, "approx", "زائر"),
    ("سجل المكتب حوالي ستين طلبا.", "حوالي ستين طلبا", 60, "approx", "طلب"),
    ("قتل ما لا يقل عن 12 مدنيا في القصف.", "ما لا يقل عن 12 مدنيا", 12, "at_least", "مدني"),
    ("اعتقلت الشرطة 30 شخصا على الأقل.", "30 شخصا على الأقل", 30, "at_least", "شخص"),
    ("يعيش في المخيم ما يزيد على 20 ألف نازح.", "ما يزيد على 20 ألف نازح", 20_000, "more_than", "نازح"),
    ("تجاوز عدد الزوار ما يزيد عن مليوني زائر.", "ما يزيد عن مليوني زائر", 2_000_000, "more_than", "زائر"),
    ("سجلت الشركة أرباحا تفوق 3.5 مليار ريال سعودي.", "تفوق 3.5 مليار ريال سعودي", 3.5e9, "more_than", "SAR"),
    ("أرسلت الدولة أكثر من 40 ألف عنصر.", "أكثر من 40 ألف عنصر", 40_000, "more_than", "عنصر"),
    ("يبلغ عدد سكان القرية أقل من خمسمئة نسمة.", "أقل من خمسمئة نسمة", 500, "less_than", "نسمة"),
    ("ميزانية لا يتجاوز 800 ألف دينار كويتي.", "لا يتجاوز 800 ألف دينار كويتي", 800_000, "at_most", "KWD"),
    ("يستوعب الملعب ما يصل إلى 60 ألف متفرج.", "ما يصل إلى 60 ألف متفرج", 60_000, "at_most", "متفرج"),
])
def test_qualifiers(text, span, value, qualifier, unit):
    q = one(text, text=span, qualifier=qualifier, unit=unit)
    assert q.value == pytest.approx(value)
    if qualifier in ("at_least", "more_than"):
        assert q.low == pytest.approx(value)
    if qualifier in ("at_most", "less_than"):
        assert q.high == pytest.approx(value)


def test_after_qualifier_wins_over_approx():
    q = one("قال الجيش إن نحو ألف مقاتل على الأقل انسحبوا.", text="نحو ألف مقاتل على الأقل", value=1000, unit="مقاتل")
    assert q.qualifier in ("at_least", "approx")


# ------------------------------------------------------------------ ranges
@pytest.mark.parametrize("text,span,low,high,unit", [
    ("يتراوح عدد المصابين بين 40 و60 مصابا.", "بين 40 و60 مصابا", 40, 60, "مصاب"),
    ("يتوقع وصول من 5 إلى 7 آلاف سائح.", "من 5 إلى 7 آلاف سائح", 5000, 7000, "سائح"),
    ("نشرت البحرية 12-15 سفينة في المنطقة.", "12-15 سفينة", 12, 15, "سفينة"),
    ("ينتظر خمسة إلى ستة ملايين ناخب النتائج.", "خمسة إلى ستة ملايين ناخب", 5e6, 6e6, "ناخب"),
    ("تدرب سبعة إلى تسعة آلاف جندي في المعسكر.", "سبعة إلى تسعة آلاف جندي", 7000, 9000, "جندي"),
    ("كلف الجسر ما بين عشرين وثلاثين مليون دولار.", "ما بين عشرين وثلاثين مليون دولار", 20e6, 30e6, "USD"),
    ("يحتاج المشروع من 500 إلى ألف عامل.", "من 500 إلى ألف عامل", 500, 1000, "عامل"),
])
def test_ranges(text, span, low, high, unit):
    q = one(text, text=span, qualifier="range", unit=unit)
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))
    assert q.value is None


def test_scale_distributes_not_adds():
    # the pyarabic failure: «ثمانية إلى عشرة آلاف» is 8000-10000, never 18000
    p = parse_number("ثمانية إلى عشرة آلاف")
    assert (p["low"], p["high"]) == (8000, 10000)
    assert parse_number("15 ألف")["value"] == 15000


# ------------------------------------------------------------------ vague magnitudes
@pytest.mark.parametrize("text,span,low,high,unit", [
    ("احتجت مئات العائلات أمام المبنى.", "مئات العائلات", 300, 999, "عائلة"),
    ("فر عشرات الآلاف من السكان.", "عشرات الآلاف من السكان", 30_000, 99_999, "ساكن"),
    ("أصيب العشرات في الحادث.", "العشرات", 30, 99, None),
    ("تجمع آلاف المشجعين في الساحة.", "آلاف المشجعين", 3000, 9999, "مشجع"),
    ("خسرت الشركات ملايين الدولارات.", "ملايين الدولارات", 3e6, 9999999, "USD"),
    ("وصل بضعة آلاف من الزوار.", "بضعة آلاف من الزوار", 3000, 9000, "زائر"),
])
def test_vague(text, span, low, high, unit):
    q = one(text, text=span, qualifier="vague", unit=unit)
    assert (q.low, q.high) == (low, high)


# ------------------------------------------------------------------ digits, words, scales, clitics
@pytest.mark.parametrize("text,span,value,unit,kind", [
    ("تبرع رجل الأعمال بـ٢٥٠٬٠٠٠ دولار للمستشفى.", "٢٥٠٬٠٠٠ دولار", 250_000, "USD", "money"),
    ("وصل ۱۲۳ مسافراً إلى المطار.", "۱۲۳ مسافراً", 123, "مسافر", "count"),
    ("وبلغت الكلفة ١٫٥ مليار جنيه مصري.", "١٫٥ مليار جنيه مصري", 1.5e9, "EGP", "money"),
    ("تبلغ المساحة 1.200 كيلومتر مربع.", "1.200 كيلومتر مربع", 1200, "كيلومتر مربع", "measure"),
    ("خسر المزارعون 3,750 هكتارا.", "3,750 هكتارا", 3750, "هكتار", "measure"),
    ("ولـ15 ألف طالب منحة دراسية.", "15 ألف طالب", 15_000, "طالب", "count"),
    ("وبـ20 مليون يورو اشترى النادي اللاعب.", "20 مليون يورو", 20e6, "EUR", "money"),
    ("اشترى الفريق ثلاثمائة وخمسة وأربعين جهازا.", "ثلاثمائة وخمسة وأربعين جهازا", 345, "جهاز", "count"),
    ("سلمت الحكومة مئتي منزل للأسر.", "مئتي منزل", 200, "منزل", "count"),
    ("تحتاج البلدة إلى ألفين وخمسمائة خيمة.", "ألفين وخمسمائة خيمة", 2500, "خيمة", "count"),
    ("وزعت الجمعية ثلاثة آلاف سلة غذائية.", "ثلاثة آلاف سلة", 3000, "سلة", "count"),
    ("خصصت الحكومة ثلاثمئة ألف دينار أردني.", "ثلاثمئة ألف دينار أردني", 300_000, "JOD", "money"),
    ("نجا من الغرق تسعة عشر بحارا.", "تسعة عشر بحارا", 19, "بحار", "count"),
    ("بلغت القيمة 425 مليون دولار أمريكي.", "425 مليون دولار أمريكي", 425e6, "USD", "money"),
    ("اشترى المصنع عشرين ألفاً من الأجهزة.", "عشرين ألفاً من الأجهزة", 20_000, "جهاز", "count"),
    ("قتل في الاشتباك 13 من عناصر الحراسة.", "13 من عناصر", 13, "عنصر", "count"),
    ("وصل عدد الجنود إلى مليون ونصف جندي.", "مليون ونصف جندي", 1.5e6, "جندي", "count"),
    ("قدرت الأضرار بنصف مليار دولار.", "نصف مليار دولار", 5e8, "USD", "money"),
    ("قطع المتسابق 42 كيلومترا في السباق.", "42 كيلومترا", 42, "كيلومتر", "measure"),
    ("وصلت درجة الحرارة إلى 48 درجة مئوية.", "48 درجة مئوية", 48, "درجة مئوية", "measure"),
    ("باع التاجر السيارة بـ$9,500 أمس.", "$9,500", 9500, "USD", "money"),
    ("ارتفعت الأسعار بنسبة 12.5% خلال السنة.", "12.5%", 12.5, "%", "percent"),
    ("انخفض المؤشر 3 في المئة في التداولات.", "3 في المئة", 3, "%", "percent"),
    ("نمت الصادرات ٧٫٢٪ عن العام السابق.", "٧٫٢٪", 7.2, "%", "percent"),
    ("أصيب 45 شخصاً بجروح طفيفة.", "45 شخصاً", 45, "شخص", "count"),
    ("حصدت العاصفة ثلاثين قتيلا وأربعين جريحا.", "ثلاثين قتيلا", 30, "قتيل", "count"),
])
def test_values_units(text, span, value, unit, kind):
    qs = [q for q in tag_numbers(text) if is_quantity_of_interest(q)]
    q = qs[0]
    assert (q.text, q.unit, q.kind) == (span, unit, kind)
    assert q.value == pytest.approx(value)
    assert text[q.start:q.end] == q.text


def test_clitic_outside_span():
    t = "وتبرعت وبـ300 ألف دولار للجمعية."
    q = one(t, value=300_000, unit="USD")
    assert q.text.startswith("300")
    t = "وخمسون طالبا حضروا الدرس"
    q = one(t, value=50, unit="طالب")
    assert q.text == "خمسون طالبا"


def test_unit_offsets_with_diacritics():
    t = "أرسلت البعثة ثلاثةَ آلافِ جنديٍّ إلى الحدود"
    q = one(t, value=3000, unit="جندي")
    assert t[q.unit_start:q.unit_end] == "جنديٍّ"
    assert q.text == "ثلاثةَ آلافِ جنديٍّ"


def test_two_numbers_in_a_row_are_separate():
    qs = [q for q in tag_numbers("قتل 12 مدنيا و7 جنود في الهجوم") if is_quantity_of_interest(q)]
    assert [(q.value, q.unit) for q in qs] == [(12, "مدني"), (7, "جندي")]


# ------------------------------------------------------------------ not quantities of interest
@pytest.mark.parametrize("text,kind", [
    ("وصل الوفد للمرة الثالثة إلى العاصمة.", "ordinal"),
    ("وقع الحادث في اليوم التاسع عشر من الشهر.", "ordinal"),
    ("فاز الفريق بالمركز الأول في البطولة.", "ordinal"),
    ("تأسست الجمعية عام 1987 في بيروت.", "year"),
    ("زار الوزير المدينة في نوفمبر 2021 مع وفد.", "year"),
    ("انتهت الحرب في 14 آب/أغسطس 2006 بعد معارك.", "year"),
    ("بدأ الاجتماع الساعة 10:30 صباحا.", "time"),
    ("استمرت المفاوضات خلال ثلاثة أسابيع.", "duration"),
    ("احتفلت المدرسة بمرور خمسين عاماً على افتتاحها.", "duration"),
    ("التقى الرئيسان مرتين خلال عامين.", "duration"),
    ("نشر البيان بتاريخ 2019-05-04 على الموقع.", "date"),
    ("فاز النادي بالكأس خمس مرات متتالية.", "frequency"),
])
def test_not_of_interest(text, kind):
    qs = tag_numbers(text)
    assert qs, text
    assert any(q.kind == kind for q in qs)
    assert not [q for q in qs if is_quantity_of_interest(q)], [(q.text, q.kind) for q in qs]


def test_date_parts():
    t = "افتتح المعرض في 5 مارس 2023 بحضور الوزير."
    kinds = {q.text: q.kind for q in tag_numbers(t)}
    assert kinds == {"5": "date", "2023": "year"}


def test_bare_year_without_unit_but_count_with_unit():
    assert tag_numbers("وفي 2010 تغير كل شيء")[0].kind == "year"
    q = one("وصل 2010 متظاهرين إلى الساحة", value=2010)
    assert q.kind == "count" and q.unit == "متظاهر"


def test_non_numbers():
    assert tag_numbers("لست متأكدا من ذلك") == []
    assert [q for q in tag_numbers("التقى أحد المسؤولين يوم الأحد بالوفد") if is_quantity_of_interest(q)] == []
    assert [q for q in tag_numbers("وصل الوفد يوم الاثنين") if is_quantity_of_interest(q)] == []
    assert tag_numbers("") == []


# ------------------------------------------------------------------ parse_number
@pytest.mark.parametrize("phrase,expected", [
    ("15 ألف", {"value": 15000}),
    ("ثلاثة وعشرون", {"value": 23}),
    ("١٠٠٬٠٠٠", {"value": 100000}),
    ("1,5 مليون", {"value": 1500000}),
    ("مليونين", {"value": 2000000}),
    ("نحو 15 ألف جندي", {"value": 15000, "unit": "جندي", "qualifier": "approx"}),
    ("بين 3 و5 ملايين دولار", {"low": 3e6, "high": 5e6, "unit": "USD", "qualifier": "range"}),
    ("الحادي والعشرين", {"value": 21, "kind": "ordinal"}),
    ("ثلاثة أرباع", {"value": 0.75}),
])
def test_parse_number(phrase, expected):
    p = parse_number(phrase)
    assert p is not None
    for k, v in expected.items():
        assert p[k] == (pytest.approx(v) if isinstance(v, float) else v), (k, p)


@pytest.mark.parametrize("phrase", ["", "   ", "مرحبا بكم", "15 ألف جندي وصلوا أمس", "3 و 4"])
def test_parse_number_none(phrase):
    assert parse_number(phrase) is None


@pytest.mark.parametrize("text,span,value,unit", [
    ("استغرقت الرحلة ثلاث ساعات ونصف.", "ثلاث ساعات ونصف", 3.5, "ساعة"),
    ("انتظر الركاب ساعة ونصف في المطار.", "ساعة ونصف", 1.5, "ساعة"),
    ("ارتفع منسوب المياه مترا ونصفا.", None, None, None),
    ("بلغ عدد المساكن 120 ألفا و450 مسكنا.", "120 ألفا و450 مسكنا", 120_450, "مسكن"),
    ("رصدت الحكومة مليارا دولار للمشروع.", "مليارا دولار", 2e9, "USD"),
    ("أنفق الصندوق ملياراً على الطرق.", "ملياراً", 1e9, None),
])
def test_fractions_after_units_and_duals(text, span, value, unit):
    qs = tag_numbers(text)
    if span is None:
        return  # only must not crash
    q = next(q for q in qs if q.text == span)
    assert q.value == pytest.approx(value) and q.unit == unit


@pytest.mark.parametrize("text,span,value,low,high,qualifier,unit", [
    ("صدرت المصفاة بنحو 300 ألف برميل أمس.", "نحو 300 ألف برميل", 300_000, None, None, "approx", "برميل"),
    ("وتبرع وبحوالي 20 مليون يورو للمدارس.", "حوالي 20 مليون يورو", 20e6, None, None, "approx", "EUR"),
    ("تراوحت أعمار اللاعبين بين 18و23 عاما.", "بين 18و23 عاما", None, 18, 23, "range", "عام"),
    ("سجلت الفرق (412) مخالفة في الأسبوع.", "(412) مخالفة", 412, None, None, "exact", "مخالفة"),
    ("تهب الرياح بسرعة عشرين - 45 كم في الساعة.", "عشرين - 45 كم", None, 20, 45, "range", "كيلومتر"),
])
def test_clitic_qualifiers_parentheses_and_joined_ranges(text, span, value, low, high, qualifier, unit):
    q = next(q for q in tag_numbers(text) if q.text == span)
    assert (q.value, q.low, q.high, q.qualifier, q.unit) == (value, low, high, qualifier, unit)


@pytest.mark.parametrize("text", ["نصت المادة 14 من النظام على العقوبة.", "أصدر المجلس القرار رقم 305 أمس.",
                                  "للاستفسار اتصلوا على 0112345678 مباشرة."])
def test_identifiers_are_codes(text):
    qs = tag_numbers(text)
    assert qs and all(q.kind == "code" and not is_quantity_of_interest(q) for q in qs)


def test_list_item_numbers_are_codes():
    text = "قرر المجلس ما يلي:\n1- تشكيل لجنة\n2. رصد 40 مليون ريال للمشروع"
    kinds = [(q.text, q.kind) for q in tag_numbers(text)]
    assert kinds == [("1", "code"), ("2", "code"), ("40 مليون ريال", "money")]


@pytest.mark.parametrize("text", ["تعادل الفريقان 2-2 في المباراة الودية.", "فاز النادي 3-1 على ضيفه.",
                                  "خسر المنتخب 0-2 أمام منافسه."])
def test_scores_are_not_quantities(text):
    qs = tag_numbers(text)
    assert any(q.kind == "score" for q in qs)
    assert not [q for q in qs if is_quantity_of_interest(q)]


# ------------------------------------------------------------------ numbers as news writes them (issue 14, item 6)
def _q(text, span):
    qs = tag_numbers(text)
    for q in qs:
        assert text[q.start:q.end] == q.text
    return next(q for q in qs if q.text == span)


@pytest.mark.parametrize("text,span,unit,kind", [
    ("أسفر الانفجار عن قتيلين وثلاثة جرحى في السوق.", "قتيلين", "قتيل", "count"),
    ("فرّ مسلحان من موقع الاشتباك قبل وصول الدورية.", "مسلحان", "مسلح", "count"),
    ("ضبطت الجمارك شاحنة محملة بطنين من المخدرات.", "طنين", "طن", "measure"),
    ("سجلت الوزارة حالتي إصابة جديدة في الشرقية.", "حالتي", "حالة", "count"),
    ("وأعلنت المديرية وفاة جنديين في الكمين.", "جنديين", "جندي", "count"),
])
def test_duals_that_count_are_two(text, span, unit, kind):
    q = _q(text, span)
    assert (q.value, q.unit, q.kind, q.form) == (2, unit, kind, "dual")


def test_noun_then_ithnayn_is_two_of_the_noun():
    q = _q("قتلت القوات مسلحين اثنين قرب الحدود.", "مسلحين اثنين")
    assert (q.value, q.unit) == (2, "مسلح")


@pytest.mark.parametrize("text", [
    "شهد البلد ثورتين خلال عقد واحد.",             # a pair named, not counted
    "التقى الرئيسين في العاصمة.",
    "رأى الشهود مسلحين في الشارع الرئيسي.",        # -ين of «مسلح» is its plural
    "وصف الوزير التنظيمين بأنهما تنظيمان إرهابيان.",
    "تحسنت حالتي الصحية بعد العلاج.",              # «my state», not a construct dual
    "نقل القتيلين إلى المستشفى.",                   # the two already counted
])
def test_duals_that_do_not_count(text):
    assert not [q for q in tag_numbers(text) if q.form == "dual"]


@pytest.mark.parametrize("text,span,value,qualifier,unit", [
    ("أصدرت الإدارة أكثر من “12,480” تصريحا هذا العام.", "أكثر من “12,480” تصريحا", 12480, "more_than", "تصريح"),
    ("استقبل المعرض نحو “45” ألف زائر.", "نحو “45” ألف زائر", 45000, "approx", "زائر"),
    ("رصدت الدوريات 312 “مخالفة مرورية” في يومين.", "312 “مخالفة", 312, "exact", "مخالفة"),
    ("قال الجيش إنه قتل 57 «مسلحا» في الغارات.", "57 «مسلحا", 57, "exact", "مسلح"),
    ("وزعت الجمعية \"800\" سلة غذائية.", "800\" سلة", 800, "exact", "سلة"),
])
def test_figures_and_nouns_in_quotation_marks(text, span, value, qualifier, unit):
    q = _q(text, span)
    assert (q.value, q.qualifier, q.unit) == (value, qualifier, unit)


def test_a_quotation_ending_in_a_number_keeps_it_apart():
    q = _q("هبطت طائرة من طراز “بوينغ 737” تابعة للشركة.", "737")
    assert q.unit is None


@pytest.mark.parametrize("text,span,value,unit", [
    ("بلغ عدد المسجلين ٣٤٥٦٧٨ مواطنا حتى أمس.", "٣٤٥٦٧٨ مواطنا", 345678, "مواطن"),
    ("ارتفع العدد إلى (٥١٢٣ ) حتى مساء الخميس.", "٥١٢٣", 5123, None),
])
def test_arabic_indic_digits(text, span, value, unit):
    q = _q(text, span)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize("text,span", [
    ("أصيب 4 (أربعة) أشخاص في الحادث.", "4 (أربعة) أشخاص"),
    ("أصيب أربعة (4) أشخاص في الحادث.", "أربعة (4) أشخاص"),
    ("وتعرض (4) أربعة من رجال الإطفاء لإصابات.", "(4) أربعة من رجال"),
])
def test_a_figure_restated_in_words_is_one_quantity(text, span):
    qs = [q for q in tag_numbers(text) if is_quantity_of_interest(q)]
    assert [(q.text, q.value) for q in qs] == [(span, 4)]


@pytest.mark.parametrize("text,span,value,qualifier", [
    ("قال إن العجز لن يزيد على 30 مليون دولار.", "لن يزيد على 30 مليون دولار", 30e6, "at_most"),
    ("وسقط ما لم يقل عن 15 قتيلا.", "لم يقل عن 15 قتيلا", 15, "at_least"),
])
def test_negated_limits(text, span, value, qualifier):
    q = _q(text, span)
    assert (q.value, q.qualifier) == (value, qualifier)
    assert (q.high if qualifier == "at_most" else q.low) == value


def test_negated_limit_right_before_the_number():
    q = _q("بلغت الزيادة نسبة لم تتجاوز 1.2% فقط.", "لم تتجاوز 1.2%")
    assert (q.qualifier, q.high, q.kind) == ("at_most", 1.2, "percent")


def test_index_points_and_prices():
    q = _q("أغلق المؤشر العام عند 7812.45 نقطة أمس.", "7812.45 نقطة")
    assert (q.value, q.unit, q.kind) == (7812.45, "نقطة", "count")
    q = _q("استقر الخام عند 48 دولارا للبرميل.", "48 دولارا")
    assert (q.value, q.unit, q.kind) == (48, "USD", "money")


@pytest.mark.parametrize("text,span,value,qualifier", [
    ("يمثل القطاع نحو ربع حجم الصادرات.", "نحو ربع حجم", 25, "approx"),
    ("خسر السهم نصف قيمته خلال عام.", "نصف قيمته", 50, "exact"),
    ("يعيش أكثر من ثلثي السكان في المدن.", "أكثر من ثلثي", 66.6666666667, "more_than"),
])
def test_fraction_words_as_shares(text, span, value, qualifier):
    q = _q(text, span)
    assert (q.kind, q.unit, q.qualifier) == ("percent", "%", qualifier)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["وصل بعد نصف ساعة من الموعد.", "تأهل الفريق إلى ربع النهائي."])
def test_fraction_words_that_are_no_shares(text):
    assert not [q for q in tag_numbers(text) if q.kind == "percent"]


def test_parts_take_the_scale_and_unit_of_their_total():
    text = "بلغت الميزانية 80 مليار ريال سعودي، 35 منها للتعليم و20 للصحة."
    total, a, b = [q for q in tag_numbers(text) if is_quantity_of_interest(q)]
    assert (total.text, total.value, total.unit) == ("80 مليار ريال سعودي", 80e9, "SAR")
    assert (a.text, a.value, a.unit, a.kind, a.part_of_start) == ("35 منها", 35e9, "SAR", "money", total.start)
    assert (b.text, b.value, b.unit, b.part_of_start) == ("20", 20e9, "SAR", total.start)


def test_parts_of_a_count_and_one_of_them():
    text = "سجلت الوزارة 6 إصابات، 4 منها في جدة وواحدة في الطائف، وتوفيت إحدى الإصابات."
    qs = [q for q in tag_numbers(text) if is_quantity_of_interest(q)]
    total = qs[0]
    assert [(q.text, q.value, q.unit, q.part_of_start) for q in qs] == [
        ("6 إصابات", 6, "إصابة", None), ("4 منها", 4, "إصابة", total.start), ("واحدة", 1, "إصابة", total.start),
        ("إحدى الإصابات", 1, "إصابة", total.start)]


def test_part_with_its_own_noun():
    text = "قتل 12 شخصا، 5 منهم أطفال."
    total, part = tag_numbers(text)
    assert (part.text, part.value, part.unit, part.part_of_start) == ("5 منهم أطفال", 5, "طفل", total.start)


def test_part_of_a_noun_counted_in_words():
    q = _q("أقلعت الطائرات المقاتلة وحلقت ثلاث منها فوق المدينة.", "ثلاث منها")
    assert (q.value, q.unit, q.part_of_start) == (3, "طائرة", None)


def test_each_of_them_is_no_part():
    qs = tag_numbers("أنشئت 4 مساجد يتسع كل واحد منها لمئتي مصل.")
    assert not [q for q in qs if q.part_of_start is not None]


def test_unit_left_out_after_a_scaled_number():
    q = _q("بلغت الصادرات 5 ملايين طن، و3 ملايين للاستهلاك المحلي.", "3 ملايين")
    assert (q.value, q.unit, q.kind, q.part_of_start) == (3e6, "طن", "measure", None)


def test_one_counts_the_noun_before_it_not_the_word_after():
    qs = tag_numbers("انقسم التنظيم إلى ثلاث مجموعات، واحدة بقيت في الجبال.")
    assert [(q.text, q.unit) for q in qs] == [("ثلاث مجموعات", "مجموعة"), ("واحدة", None)]
    q = _q("نقل واحد من المصابين إلى المستشفى.", "واحد من المصابين")
    assert (q.value, q.unit) == (1, "مصاب")


@pytest.mark.parametrize("text,span,qualifier", [
    ("استقر سعر الأوقية حول مستوى 1300 دولار.", "حول مستوى 1300 دولار", "approx"),
    ("نقلت سفن بحمولات تتعدى 80 ألف طن.", "تتعدى 80 ألف طن", "more_than"),
    ("بحمولة لا تتعدى 80 ألف طن.", "لا تتعدى 80 ألف طن", "at_most"),
])
def test_around_and_beyond(text, span, qualifier):
    assert _q(text, span).qualifier == qualifier


@pytest.mark.parametrize("text,span,value,unit", [
    ("استقبل المهرجان (70) ألف زائر.", "(70) ألف زائر", 70_000, "زائر"),
    ("رصدت الوزارة أكثر من (1.5) مليون ريال للمشروع.", "أكثر من (1.5) مليون ريال", 1_500_000, "ريال"),
])
def test_figure_in_parentheses_then_scale_word(text, span, value, unit):
    q = _q(text, span)
    assert (q.value, q.unit) == (value, unit)


def test_dual_measure_then_ithnayn():
    q = _q("انفجرت شاحنة محملة بطنين اثنين من المتفجرات.", "طنين اثنين")
    assert (q.value, q.unit, q.kind) == (2, "طن", "measure")


def test_one_of_them_needs_an_event():
    q = _q("وأسفر الحادث عن وفاة أحد الركاب وإصابة سبعة آخرين.", "أحد الركاب")
    assert (q.value, q.unit, q.part_of_start) == (1, "راكب", None)
    assert not [q for q in tag_numbers("سجلت الوزارة 3 حالات، ويقول أحد المرضى إن العلاج تأخر.") if q.value == 1]


def test_a_quantity_is_no_kaf_and_hundred():
    """«كمية» / «كميات» (a quantity, quantities) fold to «ك + مية» / «ك + ميات»: no figure; «بمئة ألف» still is."""
    assert tag_numbers("وضبطت الشرطة كمية كبيرة من الذخيرة") == []
    assert tag_numbers("وصادرت كميات كبيرة من الذخيرة") == []
    assert [q.value for q in tag_numbers("تبرع بمئة ألف ريال")] == [100000]
    assert [q.low for q in tag_numbers("وقتل مئات الأشخاص")] == [300]
