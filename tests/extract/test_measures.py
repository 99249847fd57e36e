"""What a figure counts (marsad.extract.measures) — on original sentences written for these tests."""
from __future__ import annotations

import pytest

from tests.extract.test_claims import claim, run


@pytest.mark.parametrize("text, part, measure", [
    # a disease report: «إصابة», «حالة» count the ill, not the wounded
    ("أعلنت وزارة الصحة تسجيل 5 حالات إصابة جديدة بفيروس الحصبة في المدينة.", "5", "cases"),
    ("وسجلت الوزارة 3 إصابات بالكوليرا خلال اليوم.", "3", "cases"),
    # a road accident: «إصابة» are the wounded
    ("وأسفر الحادث عن 6 إصابات بين الركاب نقلوا إلى المستشفى.", "6", "wounded"),
    # what «عدد» counts decides for a neutral noun («حالة»)
    ("وارتفع عدد الذين توفوا بالمرض إلى 41 حالة منذ ظهور فيروس كورونا.", "41", "killed"),
    ("وبلغ عدد الوفيات بفيروس كورونا 12 حالة.", "12", "killed"),
    # each figure in a list has its own clause and predicate
    ("وبلغ إجمالي الحالات المسجلة بفيروس كورونا 240 حالة، من بينها 31 حالة وفاة، و9 حالات تخضع للعلاج.", "240",
     "cases"),
    ("وبلغ إجمالي الحالات المسجلة بفيروس كورونا 240 حالة، من بينها 31 حالة وفاة، و9 حالات تخضع للعلاج.", "31",
     "killed"),
    ("وبلغ إجمالي الحالات المسجلة بفيروس كورونا 240 حالة، من بينها 31 حالة وفاة، و9 حالات تخضع للعلاج.", "9",
     "cases"),
    # «عدد» before an earlier figure belongs to that figure
    ("وارتفع عدد المصابين بفيروس كورونا إلى 300 والوفيات إلى 45.", "45", "killed"),
    # forces taking part are a deployment, people taking part are participants
    ("وتشارك في خطة التأمين 4 آلاف شرطي ومجند.", "4", "troops_deployed"),
    ("وشارك في المسيرة نحو 2000 متظاهر.", "2000", "participants"),
    # person nouns grown from the corpus
    ("وقتل 3 شرطيين في انفجار عبوة ناسفة.", "3", "killed"),
    ("وأصيب 14 ناشطا في الاشتباكات.", "14", "wounded"),
])
def test_measures_as_news_writes_them(text, part, measure):
    assert claim(text, part).measure == measure


@pytest.mark.parametrize("text, part, measure", [
    ("وأصيب حوالى 400 في الغارات على المعسكرات.", "400", "wounded"),
    ("وارتفع عدد القتلى في صفوف الشرطة والجنود الذين سقطوا في الهجمات المتفرقة على المراكز الحدودية إلى 61.", "61",
     "killed"),
])
def test_a_bare_number_after_its_verb_or_its_count_word(text, part, measure):
    assert claim(text, part).measure == measure


def test_people_named_after_the_count_word_get_the_people_key():
    """«بلغ عدد الإخوة … المصححين (٢١٠٤٠٠)»: a bare figure whose «عدد» names people counts people, like «يمنيا»."""
    c = claim("وأعلن المتحدث أن عدد الإخوة المقيمين المصححين لأوضاعهم بلغ (٢١٠٤٠٠) حتى أمس.", "٢١٠٤٠٠")
    assert c.measure == "count:اشخاص"


@pytest.mark.parametrize("text, part, measure", [
    ("وارتفع سعر خام برنت إلى 61 دولارا للبرميل.", "61", "price:سعر"),
    ("وبيع الذهب بسعر 1900 دولار للأوقية.", "1900", "price:سعر"),
    ("وبلغ ثمن التذكرة 90 دولارا لكل راكب.", "90", "price:راكب"),
])
def test_a_price_is_money_per_unit(text, part, measure):
    assert claim(text, part).measure.startswith(measure)


def test_money_for_a_purpose_is_no_price():
    """«لل» + what the money is for («للمشروع») is no unit: an amount, not a price."""
    assert not claim("ودفعت الشركة 300 مليون دولار للمشروع الجديد.", "300").measure.startswith("price")


def test_a_thing_with_a_possessive_keeps_its_plural():
    """«زيادة إيراداتها … من 5.3 مليار دولار»: the revenue («إيرادات»), not «إيرادة»."""
    assert claim("وتهدف الخطة إلى زيادة إيراداتها السنوية من 5.3 مليار دولار حاليا.", "5.3").measure == "money:ايرادات"


def test_a_kilometre_written_in_two_words():
    assert claim("وحفرت الشركة قناة جديدة بطول 34 كيلو مترا.", "34").measure == "amount:km"


def test_a_province_is_one_counted_thing_in_either_word():
    a = claim("وشملت المداهمات 13 محافظة في شرق البلاد.", "13").measure
    b = claim("وشملت المداهمات 30 ولاية في أنحاء البلاد.", "30").measure
    assert a == b == "count:محافظه"


def test_a_bare_number_before_an_unknown_noun_is_not_the_casualty_verbs():
    """«مقتل وجرح العشرات وتدمير 23 ألية عسكرية»: 23 counts vehicles (misspelt, unknown to the tagger), not the
    wounded; «وأصيب 30 بجروح» and «وأصيب 4 آخرون» stay wounded."""
    assert claim("وقتل 5 وأصيب 30 بجروح.", "30").measure == "wounded"
    assert claim("قتل 3 جنود وأصيب 4 آخرون.", "4").measure == "wounded"
    ad = run("وأسفرت الغارات عن مقتل وجرح العشرات وتدمير 23 ألية عسكرية.")
    assert not [c for c in ad.claims if c.evidence.startswith("23") and c.measure == "wounded"]


@pytest.mark.parametrize("text, part, measure", [
    ("وقال رئيس الهيئة إن الميناء يدر نحو 6 مليارات دولار سنويا.", "6", "money:ايرادات"),
    ("وجمعت الشركة 40 مليون دولار من المستثمرين.", "40", "money:تمويل"),
    ("وخسرت البورصة 3 مليارات دولار في يوم واحد.", "3", "money:خساير"),
])
def test_a_verb_says_what_the_money_is(text, part, measure):
    assert claim(text, part).measure == measure
