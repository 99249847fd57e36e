"""Where a figure stands (marsad.extract.frames): parts, scope, facets, incident — on original sentences."""
from __future__ import annotations

from tests.extract.test_claims import run


def claims_of(text: str, published: str = "2026-05-10") -> dict:
    ad = run(text, published)
    assert not ad.errors, ad.errors
    return {c.evidence: c for c in ad.claims}


def by_part(cs: dict, part: str):
    hits = [c for e, c in cs.items() if part in e]
    assert hits, f"no claim with «{part}» in {list(cs)}"
    return hits[0]


def test_a_part_is_linked_to_its_total():
    cs = claims_of("وقتل 57 شخصا بينهم 12 طفلا في القصف على السوق.")
    total, part = by_part(cs, "57"), by_part(cs, "12")
    assert part.part_of == total.id and total.part_of is None


def test_partitive_after_the_figure_is_a_part():
    cs = claims_of("وسجلت الوزارة 8 حالات إصابة بفيروس كورونا، 5 منها في العاصمة.")
    assert by_part(cs, "5").part_of == by_part(cs, "8").id


def test_running_total_and_its_start():
    cs = claims_of("وبلغ عدد الوفيات بفيروس كورونا 320 حالة منذ عام 2013.")
    c = by_part(cs, "320")
    assert c.scope == "cumulative" and c.since == "2013"


def test_one_incident_is_the_default_scope():
    c = by_part(claims_of("وقتل 9 أشخاص في انفجار سيارة مفخخة في سوق المدينة."), "9")
    assert c.scope == "incident"
    assert "انفجار" in c.incident["events"]


def test_facets_tell_new_cases_from_cases_under_treatment():
    cs = claims_of("وأعلنت الوزارة تسجيل 4 حالات إصابة جديدة بفيروس كورونا، فيما تخضع 11 حالة للعلاج.")
    assert by_part(cs, "4").facets == {"state": "new"}
    assert by_part(cs, "11").facets == {"state": "under_treatment"}


def test_new_is_an_adjective_of_the_counted_noun_only():
    c = by_part(claims_of("وتمتد القناة الجديدة على طول 35 كيلومترا."), "35")
    assert "state" not in c.facets


def test_frame_holds_the_clause_words_without_clitics():
    c = by_part(claims_of("وارتفع عدد الجرحى في الهجوم على المعسكر إلى 40 جريحا."), "40")
    assert "هجوم" in c.frame and "معسكر" in c.frame


def test_whose_a_figure_is_from_a_nisba_noun_or_a_partitive():
    cs = claims_of("وقالت الوزارة إن 4200 يمني صححوا أوضاعهم، وقتل 9 من عناصر الشرطة في الهجوم.")
    yemenis, police = by_part(cs, "4200"), by_part(cs, "9")
    assert yemenis.subject == "اليمن" and yemenis.subject_from == "noun"
    assert police.subject == "عناصر الشرطة" and police.subject_from == "partitive"


def test_a_days_new_figure_is_no_running_total():
    cs = claims_of("وسجلت الوزارة 3 حالات إصابة جديدة، ليرتفع عدد الحالات منذ ظهور المرض إلى 540 حالة.")
    assert by_part(cs, "3").scope == "incident" and by_part(cs, "540").scope == "cumulative"


def test_the_predicate_before_a_part_marker_is_the_parts():
    """«…، شفي منها 310 حالات»: the words before «منها» say what the part counts."""
    cs = claims_of("وبلغ عدد الإصابات بفيروس كورونا منذ ظهوره 720 حالة، شفي منها 310 حالات.")
    part = by_part(cs, "310")
    assert part.facets == {"state": "recovered"} and part.part_of == by_part(cs, "720").id


def test_a_comma_right_after_the_figure_ends_its_clause():
    """What follows «حالة،» is the next clause's: «وكان عدد الوفيات» does not make the 21 cases deaths."""
    cs = claims_of("ومنذ مطلع الشهر أصيب بفيروس كورونا في المدينة 21 حالة، وكان عدد الوفيات ثلاث وفيات.")
    assert by_part(cs, "21").measure == "cases" and by_part(cs, "ثلاث").measure == "killed"


def test_cases_treated_in_hospital_are_under_treatment():
    c = by_part(claims_of("وأوضح المتحدث أن هناك 5 إصابات بفيروس كورونا فقط تعالج في المستشفيات."), "5")
    assert c.facets == {"state": "under_treatment"}


def test_a_year_named_is_no_period():
    """«عام 2024» names a time; «خلال الأسبوعين الماضيين» and «الأسبوع الماضي» name a span."""
    assert by_part(claims_of("وأرسلت الحكومة 900 جندي إلى الحدود عام 2024."), "900").scope == "incident"
    assert by_part(claims_of("وقتل 40 شخصا خلال الأسبوعين الماضيين في المعارك."), "40").scope == "period"
    assert by_part(claims_of("واعتقلت الشرطة 75 شخصا في الأسبوع الماضي في العاصمة."), "75").scope == "period"


def test_a_verbal_since_clause_is_dated_by_its_date():
    c = by_part(claims_of("وقتل 23 جنديا منذ أن بدأ المتمردون شن هجمات يومية في 14 مارس 2026."), "23")
    assert c.scope == "cumulative" and c.since == "2026-03-14"


def test_incident_events_are_written_without_clitics():
    c = by_part(claims_of("وقتل 6 أشخاص في الغارات وأصيب آخرون بالانفجار."), "6")
    assert set(c.incident["events"]) == {"غارات", "انفجار"}


def test_during_the_night_is_no_period():
    """«خلال الليل» places the attack in time; «خلال 24 ساعة» bounds a count."""
    assert by_part(claims_of("وأصيب 19 شخصا في تفجير استهدف مركزا للشرطة خلال الليل."), "19").scope == "incident"
    assert by_part(claims_of("واعتقلت الشرطة 60 شخصا خلال 24 ساعة."), "60").scope == "period"


def test_the_past_period_is_no_span():
    """«خلال الفترة الماضية» is news's "so far": no length another outlet's week could be set against; a dated
    «الفترة من … إلى …» is one."""
    assert by_part(claims_of("واعتقلت الشرطة خلال الفترة الماضية 1200 شخص في المدينة."), "1200").scope == "incident"
    assert by_part(claims_of("واعتقلت الشرطة 410 أشخاص خلال الفترة من 3 إلى 9 مايو."), "410").scope == "period"


def test_an_item_coordinated_after_the_figure_is_not_its_frame():
    """«بطول 12 كيلومترا وتعبيد …»: the paving after «و» is the next item, not what the 12 km measure."""
    c = by_part(claims_of("ويشمل المشروع شق طريق جديد بطول 12 كيلومترا وتعبيد الطرق القديمة في القرى."), "12")
    assert "تعبيد" not in c.frame and "قديمه" not in c.frame and "طريق" in c.frame


def test_a_few_of_the_victims_are_a_share_not_the_toll():
    """«أربعة من المصابين في حالة خطيرة» counts some of the wounded; «العشرات من الجرحى» is the toll itself."""
    c = by_part(claims_of("وقال المستشفى إن أربعة من المصابين في حالة خطيرة."), "أربعة")
    assert c.measure == "wounded" and c.facets == {"share": "some_of_them"}
    c = by_part(claims_of("وسقط العشرات من الجرحى في القصف على الحي."), "العشرات")
    assert "share" not in c.facets


def test_a_sentence_without_a_place_is_where_its_paragraph_is():
    c = by_part(claims_of("وسيطرت القوات على حي الشاطئ في مدينة عدن. وقال السكان إن 12 مسلحا قتلوا."), "12")
    assert "عدن" in " ".join(c.incident["places"])
    c = by_part(claims_of("وسيطرت القوات على حي الشاطئ في مدينة عدن.\nوقال السكان إن 12 مسلحا قتلوا."), "12")
    assert c.incident["places"] == []


def test_an_earlier_year_named_makes_the_figure_that_years():
    c = by_part(claims_of("وشارك في الملتقى الأول عام 2011 نحو 900 مشارك من عشرين دولة."), "900")
    assert c.past_year == "2011" and c.horizon is None
    c = by_part(claims_of("وقتل 23 جنديا منذ بداية عام 2024."), "23")
    assert c.scope == "cumulative" and c.past_year is None
