"""Claims: measure, qualifier and subject — on original sentences written for these tests (holder, claim date and
stance: tests/extract/test_attribution.py).

The per-document pipeline (sentences → numbers → dates → entities → claims) runs on each fixture, so these are also
integration tests of the layers the claim extractor reads. One test feeds hand-built quantities and dates to check the
extractor alone. The last test checks the bundled sample corpus against data/sample/expected.yaml.
"""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

from marsad.arabic.text import normalize
from marsad.model import AnalysedDocument, DateMention, Document, Quantity, Sentence
from marsad.pipeline import analyse

REPO = Path(__file__).resolve().parents[2]


def run(text: str, published: str | None = "2026-05-10"):
    return analyse(Document(id="t", source_path="t.txt", text=text, published=published))


def claim(text: str, evidence_part: str, published: str | None = "2026-05-10"):
    ad = run(text, published)
    assert not ad.errors, ad.errors
    hits = [c for c in ad.claims if evidence_part in c.evidence]
    assert hits, f"no claim with «{evidence_part}» in {[c.evidence for c in ad.claims]}"
    return hits[0]


# ------------------------------------------------------------------ qualifiers
@pytest.mark.parametrize("text, part, qualifier, value, low, high", [
    ("أعلنت وزارة الصحة أن 37 شخصا لقوا حتفهم في انفجار المستودع.", "37", "exact", 37, None, None),
    ("وقال المتحدث باسم الجيش إن نحو 200 جندي أرسلوا إلى الحدود الشرقية.", "200", "approx", 200, None, None),
    ("قتل ما لا يقل عن 12 مدنيا في القصف الليلي، بحسب الدفاع المدني.", "12", "at_least", 12, 12, None),
    ("وذكرت منظمة الإغاثة أن أكثر من 5000 شخص نزحوا من القرى الجبلية.", "5000", "more_than", 5000, 5000, None),
    ("وقدّرت الأمم المتحدة أن ما بين 300 و500 شخص فُقدوا في الفيضان.", "300", "range", None, 300, 500),
    ("وأصيب عشرات الأشخاص بجروح طفيفة في الحريق.", "عشرات", "vague", None, 30, 99),
    ("وقد تصل كلفة الأضرار إلى 40 مليون دولار، وفقا لوزارة المالية.", "40", "at_most", 40_000_000, None, 40_000_000),
    ("وقالت الشرطة إن أقل من 100 شخص شاركوا في المسيرة.", "100", "less_than", 100, None, 100),
    ("ونفت الوزارة أن يكون عدد القتلى قد تجاوز 90 قتيلا.", "90", "more_than", 90, 90, None),
    ("وقدّرت اللجنة الخسائر بنحو 70 مليون دولار.", "70", "approx", 70_000_000, None, None),
])
def test_qualifiers(text, part, qualifier, value, low, high):
    c = claim(text, part)
    assert c.qualifier == qualifier
    if value is not None:
        assert c.value == pytest.approx(value)
    if low is not None:
        assert c.low == pytest.approx(low)
    if high is not None:
        assert c.high == pytest.approx(high)
    ad_text = text
    assert c.evidence in ad_text[c.start:c.end]          # evidence lies in the claim's sentence
    assert c.id == f"t:{c.evidence_start}"
    assert ad_text[c.evidence_start:c.evidence_end] == c.evidence


# ------------------------------------------------------------------ measures
@pytest.mark.parametrize("text, part, measure", [
    ("وأرسلت الحكومة نحو 900 جندي إلى الجبهة الجنوبية.", "900", "troops_deployed"),
    ("وقال الجيش إن 14 جنديا لقوا حتفهم في الكمين.", "14", "killed"),
    ("قتل 6 أشخاص في حادث السير صباح اليوم.", "6", "killed"),
    ("وأفادت المصادر بوفاة 3 أشخاص غرقا.", "3", "killed"),
    ("وأصيب 21 شخصا بجروح متفاوتة.", "21", "wounded"),
    ("وتحدث المستشفى عن 45 جريحا.", "45", "wounded"),
    ("وقدّر النواب حصيلة الخسائر بنحو 900 إصابة، منها نحو 120 وفاة.", "900", "casualties"),
    ("وقدّر النواب حصيلة الخسائر بنحو 900 إصابة، منها نحو 120 وفاة.", "120", "killed"),
    ("وتحدثت مصادر محلية عن نحو 70 مفقودا بعد العاصفة.", "70", "missing"),
    ("وقالت المنظمة إن نحو 4 آلاف شخص نزحوا من بيوتهم.", "4", "displaced"),
    ("واعتقلت الشرطة 35 شخصا خلال الليل.", "35", "arrested"),
    ("وأطلقت الفصائل 18 صاروخا على القاعدة.", "18", "missiles_launched"),
    ("وتعهدت الدولة بتقديم مساعدات إنسانية بقيمة 8 ملايين يورو.", "8", "aid_amount"),
    ("وسيطر المسلحون على نحو 60 كيلومترا مربعا من الأراضي الزراعية.", "60", "area_controlled"),
    ("وبلغ معدل التضخم 4.5 في المئة في الربع الأول.", "4.5", "inflation"),
    ("وقالت الشركة إن المصنع الجديد سيوفر نحو 3 آلاف فرصة عمل.", "3", "jobs_created"),
])
def test_measures(text, part, measure):
    assert claim(text, part).measure == measure


def test_subject_from_nisba_and_actor():
    c = claim("وقالت السلطات إن 40 جنديا روسيا قتلوا في الاشتباك.", "40")
    assert c.subject == "روسيا"
    c = claim("وتقول الاستخبارات إن الصين أرسلت نحو 500 جندي إلى الجزيرة.", "500")
    assert c.subject == "الصين"
    c = claim("وأعلن الجيش أن 9 جنود كوريين شماليين أسروا في المعركة.", "9")
    assert c.subject == "كوريا الشمالية"


def test_money_unit_keeps_currency_nisba():
    c = claim("وخصصت الحكومة 12 مليار دينار عراقي لإعادة الإعمار.", "12")
    assert c.unit == "IQD" or ("دينار" in c.unit and "عراقي" in c.unit)
    c = claim("وخصصت الحكومة 12 مليار دينار سوسني لإعادة الإعمار.", "12")   # a currency with no code
    assert "سوسني" in c.unit


def test_restated_figure_inherits_measure_and_holder():
    ad = run("وقال الوزير إن الحكومة خصصت مبلغا قدره 30 مليار دينار، أي نحو 20 مليون دولار، لإغاثة المنكوبين.")
    dinar, dollar = ad.claims
    assert dinar.measure == dollar.measure == "aid_amount"
    assert dollar.holder == dinar.holder and dollar.restates == dinar.id


# ------------------------------------------------------------------ negatives
@pytest.mark.parametrize("text", [
    "وكان آخر لقاء بين الرجلين في عام 2019.",
    "والتقى الزعيمان للمرة الثالثة خلال عامين.",
    "وأقيم الاحتفال بمناسبة مرور ستين عاماً على الاستقلال.",
    "واستمرت المفاوضات خلال ثلاثة أشهر دون نتيجة.",
    "واجتمع الوزيران ثلاث مرات في العاصمة.",
    "وتوفي الفنان عن عمر ناهز 81 عاما.",
    "وجاء الفريق في المركز الثاني.",
])
def test_no_claims_for_dates_ordinals_durations(text):
    ad = run(text)
    assert ad.claims == [], [(c.evidence, c.measure) for c in ad.claims]


def test_extractor_alone_with_hand_built_layers():
    """The extractor reads only ad.sentences/quantities/dates/mentions: check it without the other taggers."""
    from marsad.extract.claims import extract_claims

    text = "وفي يونيو، قالت الوكالة إن نحو 700 جندي قتلوا."
    s = text.index("نحو")
    e = text.index("جندي") + len("جندي")
    ad = AnalysedDocument(
        document=Document(id="h", source_path="h.txt", text=text),
        sentences=[Sentence(start=0, end=len(text))],
        quantities=[Quantity(start=s, end=e, text=text[s:e], value=700, qualifier="approx", unit="جندي",
                             kind="count"),
                    Quantity(start=0, end=1, text=text[0:1], value=2020, kind="year")],
        dates=[DateMention(start=text.index("يونيو"), end=text.index("يونيو") + 5, text="يونيو", value="XXXX-06",
                           grain="month")],
    )
    (c,) = extract_claims(ad)
    assert (c.value, c.qualifier, c.measure, c.holder, c.claim_date) == (700, "approx", "killed", "الوكالة", "XXXX-06")


# ------------------------------------------------------------------ the bundled sample corpus
@functools.cache
def sample_analysis():
    from marsad.ingest import read_path
    from marsad.ingest.clean import clean
    from marsad.model import RawArticle
    from marsad.pipeline import build_corpus

    ads = [analyse(clean(r)) for r in read_path(REPO / "data" / "sample") if isinstance(r, RawArticle)]
    return build_corpus(ads)


def sample_expected():
    import yaml

    p = REPO / "data" / "sample" / "expected.yaml"
    if not p.exists():
        pytest.skip("data/sample/expected.yaml missing")
    return yaml.safe_load(p.read_text(encoding="utf-8"))


def sample_doc_ids(analysis):
    return {d.source_path.split("data/sample/")[-1]: d.id for d in analysis.documents}


def match_sample_claims(analysis, expected):
    """{expected claim id: produced Claim} for claims with the right value/bounds, qualifier and holder."""
    ids = sample_doc_ids(analysis)
    out = {}
    for x in expected["claims"]:
        for c in analysis.claims:
            if c.doc != ids.get(x["doc"]):
                continue
            if x.get("value") is not None:
                if c.value is None or abs(c.value - x["value"]) > 0.005 * x["value"]:
                    continue
            elif c.low is None or abs(c.low - x["low"]) > 1 or abs(c.high - x["high"]) > 1:
                continue
            if c.qualifier != x["qualifier"]:
                continue
            want = x.get("holder_any") or ([x["holder"]] if x.get("holder") else [])
            if want and not any(normalize(h) in normalize(c.holder or "") for h in want):
                continue
            if not want and c.holder:
                continue
            out[x["id"]] = c
            break
    return out


def test_sample_corpus_claims():
    expected = sample_expected()
    analysis = sample_analysis()
    got = match_sample_claims(analysis, expected)
    n = len(expected["claims"])
    assert len(got) >= 0.9 * n, sorted(set(x["id"] for x in expected["claims"]) - set(got))
    by_id = {x["id"]: x for x in expected["claims"]}
    measures = sum(1 for k, c in got.items() if c.measure == by_id[k]["measure"])
    stances = sum(1 for k, c in got.items() if c.stance == by_id[k]["stance"])
    dates = sum(1 for k, c in got.items() if (c.claim_date or None) == (by_id[k].get("claim_date") or None))
    assert measures >= 0.9 * len(got) and stances >= 0.9 * len(got) and dates >= 0.85 * len(got)


# ------------------------------------------------------------------ the seed articles (../shared, when present)
def test_seed_ledger_strict():
    """Stricter than seedcheck's 80 %: every listed claim matched and every one of them in its conflict group."""
    import json

    from tests.conftest import shared_path
    from marsad.ingest import read_path
    from marsad.ingest.clean import clean
    from marsad.model import RawArticle
    from marsad.pipeline import build_corpus

    seeds = shared_path("corpus", "seeds")
    expected = json.loads(shared_path("corpus", "expected", "seeds.json").read_text(encoding="utf-8"))
    ads = [analyse(clean(r)) for r in read_path(seeds) if isinstance(r, RawArticle)]
    analysis = build_corpus(ads)
    sid = {d.id: d.source_path.rsplit("/", 1)[-1][:3] for d in analysis.documents}
    found = {}
    for x in expected["claims"]:
        for c in analysis.claims:
            if sid[c.doc] != x["doc"]:
                continue
            if "value" in x and (c.value is None or abs(c.value - x["value"]) > 0.005 * x["value"]):
                continue
            if "low" in x and (c.low != x["low"] or c.high != x["high"]):
                continue
            if x.get("qualifier") and c.qualifier != x["qualifier"]:
                continue
            if x.get("holder_any") and not any(normalize(h) in normalize(c.holder or "") for h in x["holder_any"]):
                continue
            if x.get("claim_date") and not (c.claim_date or "").startswith(x["claim_date"]):
                continue
            found[x["id"]] = c.id
    assert len(found) >= 13, sorted({x["id"] for x in expected["claims"]} - set(found))
    for g in expected["claim_groups"]:
        want = {found[c] for c in g["claims"] if c in found}
        assert any(want <= set(og.claims) and og.conflict for og in analysis.claim_groups), g["measure"]


def test_one_of_the_biggest_is_no_figure():
    """«واحدة من أكبر المشكلات» says which, not how many; «قتل واحد من رجال الأمن» is a toll of one."""
    from tests.extract.test_frames import claims_of
    assert claims_of("وقال إن الميناء يواجه واحدة من أكبر المشكلات في تاريخه.") == {}
    assert [c.value for c in claims_of("وقتل واحد من رجال الأمن في الهجوم.").values()] == [1]
