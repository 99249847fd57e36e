"""Each cleaning rule, on lines written for these tests; and that body text always survives."""
from __future__ import annotations

import pytest

from marsad.ingest.clean import classify_line, clean, document_id
from marsad.model import RawArticle

BODY = ["قالت وزارة الصحة في مدينة الزهراء، الإثنين، إن عدد المصابين بالحمى ارتفع إلى 340 حالة.",
        "وأضاف المتحدث باسم الوزارة أن فرقاً طبية وصلت إلى القرى الجنوبية لتقديم اللقاحات.",
        "ولم تعلن السلطات حتى الآن عن أي وفيات مرتبطة بالمرض."]


@pytest.mark.parametrize("line,kind,rule", [
    ("أضف تعليق", "boilerplate", "comment_prompt"),
    ("أضف تعليقاً", "boilerplate", "comment_prompt"),
    ("شارك هذا المقال", "boilerplate", "comment_prompt"),
    ("اقرأ أيضا: ارتفاع أسعار الذهب في الأسواق المحلية", "boilerplate", "related_teaser"),
    ("إقرأ أيضاً  مهرجان الشعر يفتتح دورته العاشرة", "boilerplate", "related_teaser"),
    ("يقرأ  وزير المالية يعرض ميزانية العام المقبل على البرلمان", "boilerplate", "related_teaser"),
    ("تابعونا على تويتر وفيسبوك لآخر الأخبار", "boilerplate", "social_prompt"),
    ("اشترك في النشرة البريدية لتصلك أهم الأخبار", "boilerplate", "social_prompt"),
    ("بقلم: سمير الحداد", "boilerplate", "byline"),
    ("كتب - عادل منصور", "boilerplate", "byline"),
    ("نشر في 12 مارس 2026", "metadata", "publication_line"),
    ("آخر تحديث: 2026-03-12 10:30", "metadata", "publication_line"),
    ("عمال الإغاثة ينقلون المساعدات إلى المناطق المنكوبة، 4 مارس/آذار 2026 AP Photo", "caption", "photo_credit"),
    ("سكان يعبرون جسراً متضرراً شمال المدينة (رويترز)", "caption", "photo_credit"),
    ("متظاهرون أمام مبنى البرلمان - أ ف ب", "caption", "photo_credit"),
    ("الصورة: الوزير خلال مؤتمر صحفي في العاصمة", "caption", "photo_label"),
])
def test_rule_removes_line(line, kind, rule):
    r = classify_line(line)
    assert r is not None and (r.kind, r.name) == (kind, rule)


@pytest.mark.parametrize("line", BODY + [
    "وقالت الشرطة لرويترز إن التحقيق مستمر.",            # agency named inside a sentence: body
    "ذكرت وكالة رويترز أن الاجتماع انتهى دون اتفاق.",
    "يقرأ الطلاب في المدارس الحكومية كتباً جديدة هذا العام بعد تعديل المناهج الدراسية وتطويرها بشكل شامل.",
    "شارك آلاف المتظاهرين في المسيرة التي جابت شوارع العاصمة.",
    "التعليقات التي أدلى بها الوزير أثارت جدلاً واسعاً في البرلمان.",
    "محادثات السلام؟",                                     # a subheading stays
])
def test_body_lines_are_kept(line):
    assert classify_line(line) is None


def test_clean_keeps_every_body_sentence_and_records_removals():
    raw_lines = [BODY[0], "الصورة: طوابير أمام مركز صحي", BODY[1], "اقرأ أيضا: نتائج مباريات الدوري",
                 BODY[2], "", "أضف تعليق"]
    doc = clean(RawArticle(source_path="x.txt", body="\n".join(raw_lines)))
    for s in BODY:
        assert s in doc.text
    assert "طوابير" not in doc.text and "الدوري" not in doc.text and "أضف تعليق" not in doc.text
    assert sorted(r.kind for r in doc.removed) == ["boilerplate", "boilerplate", "caption"]


def test_document_id_ignores_cleaning_and_spacing_but_not_content():
    a = document_id("عنوان", "سطر أول.\n\nسطر ثان.")
    assert a == document_id("عنوان", "سطر أول.\nسطر  ثان.")
    assert a == document_id("عنوان", "سطر أوّل.\nسطر ثانٍ.")  # diacritics do not change the id
    assert a != document_id("عنوان", "سطر أول.\nسطر ثالث.")
