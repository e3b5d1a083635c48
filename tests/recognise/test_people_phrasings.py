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


# ---- The organisation in brackets after a name is the place.

def test_school_in_brackets_in_a_list_of_teachers():
    text = ("Các nhà giáo tiêu biểu được tuyên dương gồm: thầy Nguyễn Văn An (Trường THPT Chuyên Lê Quý Đôn), "
            "Trần Thị Bình (Trường THCS thị trấn Vôi), cô Đỗ Thị Hà (Trường PTDTNT Nguyễn Bỉnh Khiêm).")
    # A school named after a person keeps the name inside the place; it is no person entry.
    assert _run(text) == [
        ("Nguyễn Văn An", None, None, "Trường THPT Chuyên Lê Quý Đôn"),
        ("Trần Thị Bình", None, None, "Trường THCS thị trấn Vôi"),
        ("Đỗ Thị Hà", None, None, "Trường PTDTNT Nguyễn Bỉnh Khiêm"),
    ]


def test_school_named_after_a_person_after_a_comma():
    text = "Tiêu biểu là cô Lê Thị Cúc, giáo viên Trường THPT Chuyên Lê Hồng Phong, có nhiều sáng kiến."
    assert _run(text) == [("Lê Thị Cúc", None, "giáo viên", "Trường THPT Chuyên Lê Hồng Phong")]


@pytest.mark.parametrize("text", [
    "Chủ tịch UBND tỉnh tặng Bằng khen cho: thầy Nguyễn Văn An (Trường THPT Chuyên Bắc Giang); "
    "Trần Thị Bình (Trường THCS thị trấn Vôi).",
    "Chủ tịch UBND tỉnh tặng Bằng khen cho 2 cá nhân:\n- Thầy Nguyễn Văn An (Trường THPT Chuyên Bắc Giang);\n"
    "- Trần Thị Bình (Trường THCS thị trấn Vôi).",
])
def test_the_conferring_official_before_the_recipients_is_no_title_of_theirs(text):
    assert _run(text) == [
        ("Nguyễn Văn An", None, None, "Trường THPT Chuyên Bắc Giang"),
        ("Trần Thị Bình", None, None, "Trường THCS thị trấn Vôi"),
    ]


def test_the_conferring_official_after_the_recipient():
    text = "Bác sĩ Lê Văn Minh (Trung tâm Y tế huyện) được tặng Bằng khen của Chủ tịch UBND tỉnh."
    assert _run(text) == [("Lê Văn Minh", None, "Bác sĩ", "Trung tâm Y tế huyện")]


# ---- A role word right before the name.

@pytest.mark.parametrize("text,expected", [
    ("Em học sinh Trịnh Văn Cường (Trường THPT Chuyên Lam Sơn) đạt huy chương Vàng Olympic Toán quốc tế.",
     [("Trịnh Văn Cường", None, "học sinh", "Trường THPT Chuyên Lam Sơn")]),
    ("Học sinh Trịnh Văn Cường (Trường THPT Chuyên Lam Sơn) đoạt giải Nhất kỳ thi học sinh giỏi quốc gia.",
     [("Trịnh Văn Cường", None, "Học sinh", "Trường THPT Chuyên Lam Sơn")]),
    ("Trong đó có nhà giáo Nguyễn Văn Bình (Trường THCS Kim Sơn) được tặng Bằng khen.",
     [("Nguyễn Văn Bình", None, "nhà giáo", "Trường THCS Kim Sơn")]),
    ("Chiến sĩ Lê Văn Nam (Đồn Biên phòng Thanh Thủy) đã dũng cảm cứu sống 2 người bị nạn.",
     [("Lê Văn Nam", None, "Chiến sĩ", "Đồn Biên phòng Thanh Thủy")]),
    ("Đoàn viên Hoàng Thị Mai, Chi đoàn thôn Khe Đa tích cực hiến máu tình nguyện.",
     [("Hoàng Thị Mai", None, "Đoàn viên", "Chi đoàn thôn Khe Đa")]),
])
def test_role_word_right_before_the_name(text, expected):
    assert _run(text) == expected


# ---- Heads of model households and people praised for a good deed, outside any list.

@pytest.mark.parametrize("text", [
    "Gia đình ông Đặng Văn Dũng (thôn Khe Én) đã hiến 500 m2 đất làm đường giao thông.",
    "Hộ ông Đặng Văn Dũng, thôn Khe Én hiến 500 m2 đất làm đường giao thông.",
    "Ông Đặng Văn Dũng (thôn Khe Én) hiến 500 m2 đất làm đường giao thông.",
    "Gia đình ông Đặng Văn Dũng ở thôn Khe Én đã tự nguyện hiến 500 m2 đất làm đường giao thông.",
])
def test_household_head_praised_for_giving_land(text):
    assert _run(text) == [("Đặng Văn Dũng", "ông", None, "thôn Khe Én")]


def test_several_households_after_a_deed():
    text = ("Nhiều hộ dân đã tự nguyện hiến đất, như hộ ông Đặng Văn Dũng, thôn Khe Én hiến 500 m2; "
            "hộ bà Lý Thị Mai, bản Nà Lẹng hiến 300 m2.")
    assert _run(text) == [("Đặng Văn Dũng", "ông", None, "thôn Khe Én"), ("Lý Thị Mai", "bà", None, "bản Nà Lẹng")]


@pytest.mark.parametrize("text,expected", [
    ("Ông Nguyễn Văn Thành, thôn Đông, xã Yên Lư ủng hộ 50 triệu đồng xây dựng nông thôn mới.",
     [("Nguyễn Văn Thành", "ông", None, "thôn Đông")]),
    ("Anh Vàng A Dế (bản Sà Phìn) đã dũng cảm cứu sống 2 em nhỏ bị đuối nước.",
     [("Vàng A Dế", "anh", None, "bản Sà Phìn")]),
    ("Năm 2023, gia đình bà Nguyễn Thị Hải (thôn Đông) được công nhận Gia đình văn hóa tiêu biểu.",
     [("Nguyễn Thị Hải", "bà", None, "thôn Đông")]),
])
def test_good_deeds_without_a_list(text, expected):
    assert _run(text) == expected


# ---- Exclusions stay.

@pytest.mark.parametrize("text", [
    # Beneficiaries of a visit or of help are not held up as exemplary.
    "Đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND huyện đã đến thăm, tặng quà gia đình ông Lê Văn Tâm, "
    "thương binh hạng 2/4 ở thôn Đông.",
    "Lãnh đạo huyện đến thăm, tặng quà gia đình bà Trần Thị Lụa (thôn Khe Én) có hoàn cảnh khó khăn.",
    # `Hiến pháp` holds no deed.
    "Buổi học tập Hiến pháp do ông Nguyễn Văn Hùng, Trưởng phòng Tư pháp huyện trình bày.",
    # An official who reports the deeds of others.
    "Ông Nguyễn Văn Hùng, Chủ tịch UBND xã cho biết năm nay có 25 hộ tự nguyện hiến đất.",
    # An official whose verb follows a long descriptor.
    "Ông Nguyễn Văn Hải, Giám đốc Sở Nội vụ trao Giấy khen cho 5 hộ gia đình tiêu biểu.",
    # A name inside a school's name.
    "Trường THPT Chuyên Lê Quý Đôn tuyên dương 20 học sinh giỏi cấp tỉnh.",
    # A cue word that is part of a name (`Hiến`) is no cue.
    "Bà Trần Thị Bích, vợ ông Lê Văn Hiến, thôn Đông, xã Yên Lư.",
])
def test_not_exemplary(text):
    assert _run(text) == []


def test_official_conferring_on_a_household_head():
    text = "Chủ tịch UBND tỉnh Nguyễn Văn Hùng trao Bằng khen cho ông Lê Văn Tâm (thôn Đông) đã hiến 1.000 m2 đất."
    assert _run(text) == [("Lê Văn Tâm", "ông", None, "thôn Đông")]


def test_names_listed_back_to_back_share_the_place_printed_after_them():
    text = ("Nhiều giáo viên tiêu biểu trong phong trào thi đua như: Lê Văn Tâm, Hoàng Thị Thu Hà "
            "(Trường THPT Chuyên Hà Tĩnh); Trần Văn Lực, Phan Thị Mai, Trường THCS Lê Lợi (TP Hà Tĩnh), "
            "Võ Văn Thắng, Trường Tiểu học thị trấn Cẩm Xuyên (Cẩm Xuyên)...")
    assert _run(text) == [
        ("Lê Văn Tâm", None, None, "Trường THPT Chuyên Hà Tĩnh"),
        ("Hoàng Thị Thu Hà", None, None, "Trường THPT Chuyên Hà Tĩnh"),
        ("Trần Văn Lực", None, None, "Trường THCS Lê Lợi"),
        ("Phan Thị Mai", None, None, "Trường THCS Lê Lợi"),
        ("Võ Văn Thắng", None, None, "Trường Tiểu học thị trấn Cẩm Xuyên"),
    ]


def test_title_halves_end_a_name_only_before_the_other_half():
    # `Hiệu` is a name syllable here; `Hiệu trưởng` would end the name.
    text = ("Trong thôn có ông Đặng Hiệu Bình, nhân dân thôn Khe Mạ, luôn gương mẫu, gia đình ông "
            "đã hiến 300 m2 đất để xây dựng nhà văn hóa thôn.")
    assert _run(text) == [("Đặng Hiệu Bình", "ông", None, "thôn Khe Mạ")]
