"""Common ways Vietnamese TĐKT reports and news state awards (ANNOTATION.md "awards").

Every sentence here is a COMPOSED EXAMPLE written for the test from general knowledge of
how reports phrase conferrals and proposals; none is copied from a corpus document.
Tuples are (award, grade, authority, recipient, count, status).
"""
from __future__ import annotations

import pytest

from tests.recognise.test_awards import awards

G, P = "granted", "proposed"


@pytest.mark.parametrize("text,expected", [
    # Conferrer before the verb, counts after `cho`.
    ("Chủ tịch UBND tỉnh tặng Bằng khen cho 15 tập thể và 20 cá nhân.",
     [("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 15, G),
      ("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 20, G)]),
    ("Năm 2023, Chủ tịch UBND huyện đã tặng Giấy khen cho 35 tập thể, 78 cá nhân.",
     [("Giấy khen", None, "Chủ tịch UBND huyện", None, 35, G),
      ("Giấy khen", None, "Chủ tịch UBND huyện", None, 78, G)]),
    # Counts right after the award phrase, without `cho`.
    ("UBND huyện tặng Giấy khen 12 tập thể, 30 cá nhân có thành tích xuất sắc.",
     [("Giấy khen", None, "UBND huyện", None, 12, G), ("Giấy khen", None, "UBND huyện", None, 30, G)]),
    ("Năm 2023, toàn ngành đã khen thưởng 120 lượt tập thể, cá nhân.",
     [("Khen thưởng", None, None, None, 120, G)]),
    # Money that goes with an award is an indicator, never a count.
    ("Chủ tịch UBND huyện đã khen thưởng 45 tập thể và 120 cá nhân với tổng số tiền 150 triệu đồng.",
     [("Khen thưởng", None, "Chủ tịch UBND huyện", None, 45, G),
      ("Khen thưởng", None, "Chủ tịch UBND huyện", None, 120, G)]),
    # Titles recognised for a count.
    ("UBND huyện công nhận danh hiệu Lao động tiên tiến cho 250 cá nhân.",
     [("Lao động tiên tiến", None, "UBND huyện", None, 250, G)]),
    ("Có 150 cá nhân đạt danh hiệu Lao động tiên tiến, 20 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở.",
     [("Lao động tiên tiến", None, None, None, 150, G), ("Chiến sĩ thi đua cơ sở", None, None, None, 20, G)]),
    ("Danh hiệu Chiến sĩ thi đua cơ sở: 25 cá nhân.",
     [("Chiến sĩ thi đua cơ sở", None, None, None, 25, G)]),
    ("Có 05 tập thể và 12 cá nhân được Chủ tịch UBND tỉnh tặng Bằng khen.",
     [("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 5, G), ("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 12, G)]),
    ("Chủ tịch UBND huyện công nhận danh hiệu TTLĐXS cho 18 tập thể.",
     [("Tập thể lao động xuất sắc", None, "Chủ tịch UBND huyện", None, 18, G)]),
    ("Toàn huyện có 1.250 lượt tập thể, cá nhân được khen thưởng.",
     [("Khen thưởng", None, None, None, 1250, G)]),
])
def test_counted_awards(text, expected):
    assert awards(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("UBND huyện đề nghị Thủ tướng Chính phủ tặng Bằng khen cho 02 tập thể và 03 cá nhân.",
     [("Bằng khen", None, "Thủ tướng Chính phủ", None, 2, P),
      ("Bằng khen", None, "Thủ tướng Chính phủ", None, 3, P)]),
    ("Hội đồng TĐKT huyện đã xét, đề nghị cấp trên khen thưởng cho 12 tập thể, 25 cá nhân.",
     [("Khen thưởng", None, None, None, 12, P), ("Khen thưởng", None, None, None, 25, P)]),
    ("Trình Chủ tịch UBND tỉnh công nhận danh hiệu Chiến sĩ thi đua cấp tỉnh cho 03 cá nhân.",
     [("Chiến sĩ thi đua cấp tỉnh", None, "Chủ tịch UBND tỉnh", None, 3, P)]),
])
def test_proposals(text, expected):
    assert awards(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Năm 2023, xã Cường Lợi được UBND tỉnh tặng Cờ thi đua.",
     [("Cờ thi đua", None, "UBND tỉnh", "xã Cường Lợi", 1, G)]),
    ("Tại hội nghị, lãnh đạo tỉnh đã trao Cờ thi đua của UBND tỉnh cho Trường THPT Yên Thế.",
     [("Cờ thi đua", None, "UBND tỉnh", "Trường THPT Yên Thế", 1, G)]),
    ("Trường THCS Kim Sơn nhận Cờ thi đua của Chính phủ.",
     [("Cờ thi đua", None, "Chính phủ", "Trường THCS Kim Sơn", 1, G)]),
    ("Năm 2022, Trường THCS Kim Sơn vinh dự đón nhận Bằng khen của Thủ tướng Chính phủ.",
     [("Bằng khen", None, "Thủ tướng Chính phủ", "Trường THCS Kim Sơn", 1, G)]),
    ("Công đoàn ngành Giáo dục được Chủ tịch nước tặng Huân chương Lao động hạng Ba.",
     [("Huân chương Lao động", "hạng Ba", "Chủ tịch nước", "Công đoàn ngành Giáo dục", 1, G)]),
    ("Chủ tịch nước trao tặng Huân chương Độc lập hạng Nhì cho Sở Giáo dục và Đào tạo.",
     [("Huân chương Độc lập", "hạng Nhì", "Chủ tịch nước", "Sở Giáo dục và Đào tạo", 1, G)]),
    ("Đề nghị Chủ tịch nước tặng HCLĐ hạng III cho Bệnh viện Đa khoa huyện.",
     [("Huân chương Lao động", "hạng Ba", "Chủ tịch nước", "Bệnh viện Đa khoa huyện", 1, P)]),
    ("Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo được trao cho Phòng Giáo dục và Đào tạo huyện Tân Yên.",
     [("Bằng khen", None, "Bộ trưởng Bộ Giáo dục và Đào tạo", "Phòng Giáo dục và Đào tạo huyện Tân Yên", 1, G)]),
])
def test_named_recipients(text, expected):
    assert awards(text) == expected


def test_recipient_list_after_gom_with_lowercase_units():
    text = "UBND huyện tặng Giấy khen cho 03 tập thể gồm: xã Tân Lập, xã Yên Lư, Trường THCS Kim Sơn."
    assert awards(text) == [
        ("Giấy khen", None, "UBND huyện", "xã Tân Lập", 1, G),
        ("Giấy khen", None, "UBND huyện", "xã Yên Lư", 1, G),
        ("Giấy khen", None, "UBND huyện", "Trường THCS Kim Sơn", 1, G),
    ]


def test_recipient_people_after_cho_cac_ca_nhan():
    text = ("Chủ tịch UBND tỉnh tặng Bằng khen cho các cá nhân: Nguyễn Văn An, giáo viên Trường THCS "
            "Kim Sơn; Trần Thị Bình, Trưởng thôn Khe Đa, xã Cường Lợi.")
    assert awards(text) == [
        ("Bằng khen", None, "Chủ tịch UBND tỉnh", "Nguyễn Văn An", 1, G),
        ("Bằng khen", None, "Chủ tịch UBND tỉnh", "Trần Thị Bình", 1, G),
    ]


def test_results_listed_under_a_heading():
    text = ("Kết quả khen thưởng:\n"
            "- Cờ thi đua của UBND tỉnh: 02 tập thể;\n"
            "- Bằng khen của Chủ tịch UBND tỉnh: 05 tập thể, 12 cá nhân;\n"
            "- Giấy khen của Chủ tịch UBND huyện: 35 tập thể, 78 cá nhân;\n"
            "- Danh hiệu Lao động tiên tiến: 250 cá nhân.")
    assert awards(text) == [
        ("Cờ thi đua", None, "UBND tỉnh", None, 2, G),
        ("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 5, G),
        ("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 12, G),
        ("Giấy khen", None, "Chủ tịch UBND huyện", None, 35, G),
        ("Giấy khen", None, "Chủ tịch UBND huyện", None, 78, G),
        ("Lao động tiên tiến", None, None, None, 250, G),
    ]


def test_proposals_listed_under_a_heading_take_its_status():
    text = ("Đề nghị cấp trên khen thưởng:\n"
            "- Bằng khen của Thủ tướng Chính phủ: 01 tập thể;\n"
            "- Cờ thi đua của UBND tỉnh: 02 tập thể.")
    assert awards(text) == [
        ("Bằng khen", None, "Thủ tướng Chính phủ", None, 1, P),
        ("Cờ thi đua", None, "UBND tỉnh", None, 2, P),
    ]


def test_authority_without_cua():
    assert awards("Bằng khen Thủ tướng Chính phủ: 02 cá nhân.") == [
        ("Bằng khen", None, "Thủ tướng Chính phủ", None, 2, G)]


@pytest.mark.parametrize("text", [
    "Công tác khen thưởng được thực hiện kịp thời, đúng người, đúng thành tích.",
    "Xét, đề nghị cấp trên khen thưởng các tập thể, cá nhân có thành tích xuất sắc.",
    "Khen thưởng 6 tháng đầu năm được thực hiện đúng quy định.",
    "Huyện xếp thứ 2 trong Cụm và được đề nghị tặng Cờ thi đua.",
    "100% chi bộ hoàn thành tốt nhiệm vụ; 12 xã đạt chuẩn nông thôn mới.",
    "Tổng số tiền khen thưởng là 150 triệu đồng.",
])
def test_still_not_awards(text):
    assert awards(text) == []


# ---- news-style conferrals: counted groups over `;`, agents after `được`, repeats, topics


def test_counted_groups_after_one_conferral_continue_past_semicolons():
    text = ("Nhân dịp này, UBND huyện Yên Thế đã khen thưởng 6 tập thể trường học có thành tích xuất sắc; "
            "12 giáo viên có thành tích trong bồi dưỡng học sinh giỏi; 40 em học sinh đạt giải cấp tỉnh; "
            "thưởng cho 25 giáo viên dạy giỏi. Tổng kinh phí khen thưởng hơn 80 triệu đồng.")
    assert awards(text) == [("Khen thưởng", None, "UBND huyện Yên Thế", None, n, "granted") for n in (6, 12, 40, 25)]


def test_authority_keeps_the_place_name_but_not_a_persons_name():
    assert awards("UBND tỉnh Lạng Sơn khen thưởng 15 tập thể có thành tích xuất sắc.") == [
        ("Khen thưởng", None, "UBND tỉnh Lạng Sơn", None, 15, "granted")]
    assert awards("Chủ tịch UBND tỉnh Nguyễn Văn Bình trao Bằng khen cho 3 tập thể.") == [
        ("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 3, "granted")]


def test_conferrers_named_between_duoc_and_the_verb():
    assert awards("Tại hội nghị, 120 tập thể, cá nhân được Bộ Y tế, Chủ tịch UBND tỉnh khen thưởng.") == [
        ("Khen thưởng", None, "Bộ Y tế, Chủ tịch UBND tỉnh", None, 120, "granted")]
    assert awards("Năm qua, Trường THCS Kim Sơn vinh dự được Bộ tặng Bằng khen.") == [
        ("Bằng khen", None, "Bộ", "Trường THCS Kim Sơn", 1, "granted")]


def test_delegated_conferrer_is_the_authority():
    text = ("Thừa ủy quyền của Chủ tịch nước, đồng chí Trần Văn Nam trao Huân chương Lao động "
            "hạng Ba cho Trường THPT Chuyên Hà Tĩnh.")
    assert awards(text) == [
        ("Huân chương Lao động", "hạng Ba", "Chủ tịch nước", "Trường THPT Chuyên Hà Tĩnh", 1, "granted")]


def test_named_list_before_the_conferral_counted_by_its_intro():
    text = ("3 đơn vị cấp xã là: Tân Hưng, Phúc Sơn (huyện A) và Đồng Lạc vinh dự được UBND tỉnh "
            "tặng Bằng khen vì có nhiều thành tích.")
    assert awards(text) == [("Bằng khen", None, "UBND tỉnh", r, 1, "granted")
                            for r in ("Tân Hưng", "Phúc Sơn", "Đồng Lạc")]


def test_a_conferral_restated_is_one_entry_with_the_fullest_name():
    text = ("Sở Y tế Hà Tĩnh đón nhận Huân chương Lao động hạng Nhì.\n"
            "Thừa ủy quyền của Chủ tịch nước, đồng chí Trần Văn Nam trao Huân chương Lao động hạng Nhì cho Sở YT.")
    assert awards(text) == [
        ("Huân chương Lao động", "hạng Nhì", "Chủ tịch nước", "Sở Y tế Hà Tĩnh", 1, "granted")]


@pytest.mark.parametrize("text", [
    "Cụm báo cáo kết quả công tác thi đua, khen thưởng năm 2023 như sau:\n\n"
    "Cụm thi đua số 01 gồm 5 đơn vị thành viên: xã Tân An, xã Tân Lập, xã Bình Minh, xã Hòa Bình và xã Kim Sơn.",
    "Hội đồng Thi đua - Khen thưởng huyện gồm: UBND xã Tân An, UBND xã Tân Lập.",
])
def test_award_work_and_award_bodies_are_not_conferrals(text):
    assert awards(text) == []
