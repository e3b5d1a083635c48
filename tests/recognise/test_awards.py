"""Awards by ANNOTATION.md: list-paired authorities, aggregates, named recipients,
status by the nearest verb, exclusions; every span slices the text."""
from __future__ import annotations

import pytest

from extractor.model import Block, Document, Format
from extractor.pipeline import new_record
from extractor.recognise.awards import find_awards


def _doc(text: str) -> Document:
    blocks, pos = [], 0
    for line in text.split("\n"):
        blocks.append(Block(start=pos, end=pos + len(line), paragraph=len(blocks)))
        pos += len(line) + 1
    return Document(source="t.txt", format=Format.txt, sha256="0", text=text, blocks=blocks)


def awards(text: str):
    doc = _doc(text)
    found = find_awards(doc, new_record(doc))
    for a in found:  # offsets are the currency: every span slices the text exactly
        assert text[a.span.start:a.span.end] == a.span.text
    return [(a.award, a.grade, a.authority, a.recipient, a.count, a.status.value) for a in found]


def test_list_under_one_intro_pairs_authorities_in_order():
    text = ("Hội nghị đã bình xét, suy tôn đề nghị UBND tỉnh, Chủ tịch UBND tỉnh:\n"
            "- Tặng Cờ thi đua cho UBND huyện Hoài Ân là đơn vị xuất sắc;\n"
            "- Tặng Bằng khen cho UBND huyện Tây Sơn và UBND Vĩnh Thạnh;\n"
            "- Bầu UBND huyện An Lão làm cụm Trưởng.")
    assert awards(text) == [
        ("Cờ thi đua", None, "UBND tỉnh", "UBND huyện Hoài Ân", 1, "proposed"),
        ("Bằng khen", None, "Chủ tịch UBND tỉnh", "UBND huyện Tây Sơn", 1, "proposed"),
        ("Bằng khen", None, "Chủ tịch UBND tỉnh", "UBND Vĩnh Thạnh", 1, "proposed"),
    ]


def test_aggregate_over_kinds_gives_two_counted_entries():
    text = ("Hội đồng thi đua, khen thưởng các huyện đã xét, trình Chủ tịch UBND huyện khen thưởng "
            "và đề nghị cấp có thẩm quyền công nhận các danh hiệu thi đua và hình thức khen thưởng "
            "cho 3.616 tập thể, 12.625 cá nhân đã có thành tích xuất sắc.")
    assert awards(text) == [
        ("Khen thưởng", None, "Chủ tịch UBND huyện", None, 3616, "granted"),
        ("Khen thưởng", None, "Chủ tịch UBND huyện", None, 12625, "granted"),
    ]


def test_counts_before_the_award_each_give_an_entry():
    text = ("Tại Đại hội, có 186 tập thể và cá nhân được tuyên dương, khen thưởng, trong đó 39 tập thể "
            "được nhận Cờ thi đua của UBND tỉnh, 47 tập thể và 12 hộ gia đình, 88 cá nhân được nhận "
            "bằng khen của Chủ tịch UBND tỉnh vì đã có thành tích xuất sắc.")
    assert awards(text) == [
        ("Khen thưởng", None, None, None, 186, "granted"),
        ("Cờ thi đua", None, "UBND tỉnh", None, 39, "granted"),
        ("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 47, "granted"),
        ("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 12, "granted"),
        ("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 88, "granted"),
    ]


def test_named_list_replaces_the_count():
    text = ("2 cá nhân được nhận bằng khen của Chủ tịch UBND tỉnh, gồm: cô Hoàng Thị Hạnh - Hiệu trưởng "
            "Trường THPT Yên Thế và thầy Nguyễn Văn Vỹ - Bí thư chi bộ, Hiệu trưởng Trường THCS "
            "Thân Nhân Trung (Việt Yên).")
    assert [a[3] for a in awards(text)] == ["Hoàng Thị Hạnh", "Nguyễn Văn Vỹ"]


def test_named_collectives_split_outside_brackets_and_compound_offices():
    text = ("3 tập thể được nhận Cờ thi đua của UBND tỉnh gồm: Trường Mầm non Yên Lư (Yên Dũng, Bắc Giang), "
            "Phòng Giáo dục và Đào tạo huyện Tân Yên và THPT Chuyên.")
    assert [a[3] for a in awards(text)] == [
        "Trường Mầm non Yên Lư", "Phòng Giáo dục và Đào tạo huyện Tân Yên", "THPT Chuyên"]


@pytest.mark.parametrize("text,status", [
    ("HUB là đơn vị xuất sắc năm 2025, để đề nghị tặng Bằng khen của Thống đốc NHNN.", "proposed"),
    ("Các đơn vị thống nhất lựa chọn BAV là đơn vị dẫn đầu năm 2025, nhận Cờ thi đua của NHNN.", "granted"),
    ("UBND tỉnh đã trình Thủ tướng Chính phủ tặng Bằng khen cho Trường THCS Kim Sơn.", "proposed"),
    ("Năm 2023, Trường THCS Kim Sơn được tặng Bằng khen của Thủ tướng Chính phủ.", "granted"),
])
def test_status_follows_the_nearest_verb(text, status):
    found = awards(text)
    assert len(found) == 1 and found[0][5] == status


def test_count_of_the_award_itself_and_grade():
    assert awards("Năm 2023, toàn huyện được tặng 03 Cờ thi đua của UBND tỉnh.") == [
        ("Cờ thi đua", None, "UBND tỉnh", None, 3, "granted")]
    found = awards("Chủ tịch nước tặng Huân chương Lao động hạng Ba cho Trường THPT Yên Thế.")
    assert found == [("Huân chương Lao động", "hạng Ba", "Chủ tịch nước", "Trường THPT Yên Thế", 1, "granted")]


def test_abbreviations_are_expanded():
    found = awards("Đề nghị Chủ tịch UBND huyện tặng GK cho 15 tập thể.")
    assert found == [("Giấy khen", None, "Chủ tịch UBND huyện", None, 15, "proposed")]


@pytest.mark.parametrize("text", [
    "Cờ thi đua của UBND tỉnh và bằng khen của Chủ tịch UBND tỉnh là phần thưởng cao quý.",
    "Đồng chí Dương Văn Thái, Chủ tịch UBND tỉnh trao Cờ thi đua cho các tập thể xuất sắc.",
    "Chi bộ được xếp loại hoàn thành xuất sắc nhiệm vụ; xã đạt 19/19 tiêu chí nông thôn mới.",
    "Tiếp tục hoàn thiện hồ sơ đề nghị Nhà nước tặng danh hiệu Bà mẹ Việt Nam anh hùng.",
])
def test_general_statements_are_not_awards(text):
    assert awards(text) == []
