"""EDTF values written for readers (marsad.arabic.time.render.edtf_ar): every form of the contract."""
import pytest

from marsad.arabic.time.render import edtf_ar


@pytest.mark.parametrize("value,text", [
    ("2024", "2024"),
    ("2024-10", "أكتوبر 2024"),
    ("2024-10-31", "31 أكتوبر 2024"),
    ("2024-10-31T15:20", "31 أكتوبر 2024، 15:20"),
    ("2015-W29", "الأسبوع 29 من 2015"),
    ("2024-22", "صيف 2024"),
    ("2023-24", "شتاء 2023"),
    ("198X", "الثمانينيات"),
    ("201X", "2010–2019"),
    ("XXXX-01", "يناير (السنة غير معروفة)"),
    ("XXXX-09-12", "12 سبتمبر (السنة غير معروفة)"),
    ("2013/..", "منذ 2013"),
    ("2015-07-24/..", "منذ 24 يوليو 2015"),
    ("2015-07-20/2015-07-22", "20–22 يوليو 2015"),
    ("2015-06-28/2015-07-04", "28 يونيو – 4 يوليو 2015"),
    ("2016/2018", "2016–2018"),
    ("2015-05/2015-06", "من مايو 2015 إلى يونيو 2015"),
    ("2011-11-26/2012-11-14", "من 26 نوفمبر 2011 إلى 14 نوفمبر 2012"),
    (None, "تاريخ غير معروف"),
])
def test_edtf_ar(value, text):
    assert edtf_ar(value) == text


def test_unknown_codes_are_shown_as_they_are():
    assert edtf_ar("2024-99") == "2024-99"
    assert edtf_ar("not a date") == "not a date"
