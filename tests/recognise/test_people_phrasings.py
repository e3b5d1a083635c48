"""Common ways Vietnamese TĐKT reports and news name exemplary people and award
recipients (ANNOTATION.md "people").

Every sentence here is a COMPOSED EXAMPLE written for the test from general knowledge of
how reports phrase them; none is copied from a corpus document.
Tuples are (name, honorific, role, place).
"""
from __future__ import annotations

import pytest

from tests.recognise.test_people import _run, models_setting  # noqa: F401  (fixture: rules and model)


def test_role_before_the_name():
    text = ("Điển hình là Trưởng thôn Khe Đa, ông Hoàng Văn Tư, đã vận động nhân dân hiến "
            "2.000 m2 đất làm đường giao thông nông thôn.")
    assert _run(text) == [("Hoàng Văn Tư", "ông", "Trưởng thôn Khe Đa", None)]


def test_role_before_the_name_without_comma():
    text = "Gương người tốt, việc tốt tiêu biểu là Bí thư chi bộ bản Na Hu Lò Văn Pọm."
    # As after a name (`giáo viên Trường …`), a unit right after the role word is the place.
    assert _run(text) == [("Lò Văn Pọm", None, "Bí thư chi bộ", "bản Na Hu")]


def test_recipient_list_without_honorifics():
    text = ("Chủ tịch UBND tỉnh tặng Bằng khen cho các cá nhân: Nguyễn Văn An, giáo viên Trường THCS "
            "Kim Sơn; Trần Thị Bình, Trưởng thôn Khe Đa, xã Cường Lợi.")
    assert _run(text) == [
        ("Nguyễn Văn An", None, "giáo viên", "Trường THCS Kim Sơn"),
        ("Trần Thị Bình", None, "Trưởng thôn Khe Đa", "xã Cường Lợi"),
    ]


def test_two_syllable_names_in_an_individual_recipient_list():
    text = "UBND huyện tặng Giấy khen cho 02 cá nhân gồm: Giàng Dình, thôn Sà Phìn; Lò Pọm, bản Na Hu."
    assert _run(text) == [("Giàng Dình", None, None, "thôn Sà Phìn"), ("Lò Pọm", None, None, "bản Na Hu")]


def test_two_syllable_name_with_an_honorific():
    text = "Tiêu biểu là ông Giàng Dình, thôn Sà Phìn, đã hiến 500 m2 đất xây nhà văn hóa."
    assert _run(text) == [("Giàng Dình", "ông", None, "thôn Sà Phìn")]


def test_list_after_tieu_bieu_nhu():
    text = ("Nhiều tấm gương tiêu biểu như: ông Lò Văn Pọm, bản Na Hu, xã Mường Nhé; bà Lường Thị Mai, "
            "Chi hội trưởng Chi hội Phụ nữ bản Huổi Lếch.")
    assert _run(text) == [
        ("Lò Văn Pọm", "ông", None, "bản Na Hu"),
        ("Lường Thị Mai", "bà", "Chi hội trưởng Chi hội Phụ nữ bản Huổi Lếch", None),
    ]


def test_list_under_a_heading():
    text = ("Các điển hình tiên tiến tiêu biểu:\n"
            "- Ông Nguyễn Văn Hùng, thôn Đông, xã Yên Lư;\n"
            "- Bà Trần Thị Lan, Chủ tịch Hội Phụ nữ xã Tân Lập.")
    assert _run(text) == [
        ("Nguyễn Văn Hùng", "ông", None, "thôn Đông"),
        ("Trần Thị Lan", "bà", "Chủ tịch Hội Phụ nữ xã Tân Lập", None),
    ]


def test_good_deed_example_after_the_officials_verb():
    text = ("Huyện đã biểu dương 15 gương người tốt, việc tốt, tiêu biểu là anh Vàng A Dế, bản Sà Phìn, "
            "đã dũng cảm cứu 2 em nhỏ bị đuối nước.")
    assert _run(text) == [("Vàng A Dế", "anh", None, "bản Sà Phìn")]


@pytest.mark.parametrize("text,expected", [
    ("Điển hình là cô giáo Lò Thị Hoa, giáo viên Trường Mầm non Na Hu, đã vận động 100% trẻ ra lớp.",
     [("Lò Thị Hoa", None, "giáo viên", "Trường Mầm non Na Hu")]),
    ("Tấm gương tiêu biểu là thầy giáo Nguyễn Văn Bình (Trường THCS Kim Sơn).",
     [("Nguyễn Văn Bình", None, None, "Trường THCS Kim Sơn")]),
])
def test_teacher_titles_give_no_honorific(text, expected):
    assert _run(text) == expected


@pytest.mark.parametrize("text", [
    "Dự hội nghị có đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh và các điển hình tiên tiến.",
    "Hội nghị biểu dương điển hình tiên tiến do đồng chí Lê Văn Thành, Chủ tịch UBND huyện chủ trì.",
    "Tại hội nghị điển hình tiên tiến, đồng chí Lê Văn Thành phát biểu chỉ đạo.",
    "Đồng chí Lê Văn Thành trao Bằng khen cho các điển hình tiên tiến.",
])
def test_attending_presiding_and_speaking_officials(text):
    assert _run(text) == []


def test_official_handing_over_and_the_recipient():
    text = "Đồng chí Lê Văn Thành, Chủ tịch UBND huyện trao Giấy khen cho bà Nguyễn Thị Hà, thôn Đông."
    assert _run(text) == [("Nguyễn Thị Hà", "bà", None, "thôn Đông")]
