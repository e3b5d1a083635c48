"""Attached lists printed as lines (no table) as a scan's OCR gives them (issue 12, scanned
decisions): row numbers misread or lost, rows wrapped or run together, stray marks after a
row, a title naming both kinds of recipient. Composed decisions (our own names), read
through the whole pipeline as text."""
from __future__ import annotations

from extractor.pipeline import extract_bytes
from extractor.records import Extraction, RecipientType

HEAD = """TỔNG CÔNG TY ĐIỆN LỰC MIỀN BẮC
Số: 41/QĐ-TĐKT
Bắc Giang, ngày 15 tháng 01 năm 2023
QUYẾT ĐỊNH
Về việc tặng Cờ thi đua năm 2022
TỔNG GIÁM ĐỐC TỔNG CÔNG TY ĐIỆN LỰC MIỀN BẮC
Căn cứ Quy chế thi đua, khen thưởng của Tổng công ty;
QUYẾT ĐỊNH:
Điều 1. Tặng Cờ thi đua của Tổng công ty Điện lực miền Bắc cho {n} đơn vị (có danh sách kèm theo).
Điều 2. Các đơn vị có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
TỔNG GIÁM ĐỐC
Phạm Văn Hùng
DANH SÁCH CÁC ĐƠN VỊ ĐƯỢC TẶNG CỜ THI ĐUA NĂM 2022
(Kèm theo Quyết định số 41/QĐ-TĐKT ngày 15/01/2023)
"""


def _named(text: str) -> Extraction:
    return extract_bytes(text.encode("utf-8"), "quyet_dinh.txt")


def _recipients(rec: Extraction) -> list[str]:
    return [a.recipient for a in rec.awards if a.recipient]


def test_unnumbered_unit_rows_one_award_each_whole_line_even_when_run_together():
    # OCR lost the number column: one unit per line, two run together on one line, and the
    # first row run on after the title's (Kèm theo …) line
    units = ["Điện lực Yên Thế, Công ty Điện lực Bắc Giang", "Điện lực Lục Nam, Công ty Điện lực Bắc Giang",
             "Điện lực Tân Yên, Công ty Điện lực Bắc Giang", "Phòng Kỹ thuật, Công ty Điện lực Bắc Giang"]
    body = HEAD.format(n=4).rstrip("\n") + " " + units[0] + "\n" + units[1] + " " + units[2] + "\n" + units[3] + "\n"
    rec = _named(body)
    assert _recipients(rec) == units
    listed = [a for a in rec.awards if a.recipient]
    assert all(a.recipient_type == RecipientType.tap_the and a.role is None for a in listed)
    assert all(a.award == "Cờ thi đua" and a.decision == "41/QĐ-TĐKT" for a in listed)
    assert all(rec.text[a.recipient_span.start:a.recipient_span.end] == a.recipient for a in listed)


def test_misread_row_numbers_wrapped_rows_and_stray_marks():
    # `I1.` and `l2.` for 11 and 12, `§.` for 8, a row wrapped over two lines, a seal's mark
    # after a row, a noise line between rows
    rows = ["1. Điện lực Yên Thế, Công ty Điện lực Bắc Giang;",
            "§. Điện lực Lục Nam, Công ty Điện lực Bắc Giang; ”ã",
            "~ © ©",
            "I1. Điện lực Hiệp Hòa, Công ty Điện lực Bắc Giang, Tổng công ty Điện lực miền Bắc, Tập đoàn",
            "Điện lực Việt Nam;",
            "l2. Phòng Kỹ thuật, Công ty Điện lực Bắc Giang."]
    rec = _named(HEAD.format(n=4) + "\n".join(rows) + "\n")
    assert _recipients(rec) == [
        "Điện lực Yên Thế, Công ty Điện lực Bắc Giang", "Điện lực Lục Nam, Công ty Điện lực Bắc Giang",
        "Điện lực Hiệp Hòa, Công ty Điện lực Bắc Giang, Tổng công ty Điện lực miền Bắc, Tập đoàn Điện lực Việt Nam",
        "Phòng Kỹ thuật, Công ty Điện lực Bắc Giang"]


def test_numbered_people_run_together_and_a_title_naming_both_kinds():
    # the title names units and people; the group lines say which is which, a unit row under
    # the people's group is still a unit, and two people OCR ran together are two
    head = HEAD.format(n=3).replace("DANH SÁCH CÁC ĐƠN VỊ", "DANH SÁCH TẬP THỂ, CÁ NHÂN")
    rows = ["I. CÁ NHÂN",
            "1. Ông Nguyễn Văn Thành, Giám đốc Điện lực Yên Thế, Công ty Điện lực Bắc Giang;"
            " 2. Bà Trần Thị Hoa, Kỹ sư Phòng Kỹ thuật, Công ty Điện lực Bắc Giang;",
            "3. Điện lực Lục Nam, Công ty Điện lực Bắc Giang."]
    rec = _named(head + "\n".join(rows) + "\n")
    listed = [a for a in rec.awards if a.recipient]
    assert [(a.recipient, a.recipient_type, a.role) for a in listed] == [
        ("Nguyễn Văn Thành", RecipientType.ca_nhan, "Giám đốc Điện lực Yên Thế, Công ty Điện lực Bắc Giang"),
        ("Trần Thị Hoa", RecipientType.ca_nhan, "Kỹ sư Phòng Kỹ thuật, Công ty Điện lực Bắc Giang"),
        ("Điện lực Lục Nam, Công ty Điện lực Bắc Giang", RecipientType.tap_the, None)]
    people = {p.name: (p.honorific, p.role, p.place) for p in rec.people}
    assert people["Trần Thị Hoa"] == ("bà", "Kỹ sư Phòng Kỹ thuật, Công ty Điện lực Bắc Giang", None)


def test_a_known_conferrer_holding_a_stop_word_is_read_whole():
    # `tại` ends a conferrer (`… của UBND tỉnh tại Hội nghị …`) except inside a body's
    # name the lexicon knows
    text = HEAD.replace("của Tổng công ty Điện lực miền Bắc", "của Ủy ban Quản lý vốn nhà nước tại doanh nghiệp")
    rec = _named(text.format(n=1) + "1. Điện lực Yên Thế, Công ty Điện lực Bắc Giang.\n")
    assert {a.authority for a in rec.awards} == {"Ủy ban Quản lý vốn nhà nước tại doanh nghiệp"}


def test_unnumbered_people_run_together_under_a_group_whose_award_ocr_misspelt():
    # `Bằng khen` OCR'd `Bằng khẹn`; two people on one line; `Bà Triệu` inside a school's
    # name is no one
    head = HEAD.format(n=3).replace("DANH SÁCH CÁC ĐƠN VỊ ĐƯỢC TẶNG CỜ THI ĐUA NĂM 2022", "DANH SÁCH CÁ NHÂN")
    rows = ["Bằng khẹn của Tổng công ty: 03",
            "Bà Nguyễn Thị Hoa, Giáo viên trường Mầm non Bà Triệu, huyện Yên Thế Ông Trần Văn Nam, Kỹ sư"
            " Phòng Kỹ thuật, Công ty Điện lực Bắc Giang",
            "Bà Lê Thị Mai, Kế toán Điện lực Lục Nam"]
    rec = _named(head + "\n".join(rows) + "\n")
    listed = [a for a in rec.awards if a.recipient]
    assert [(a.recipient, a.role) for a in listed] == [
        ("Nguyễn Thị Hoa", "Giáo viên trường Mầm non Bà Triệu, huyện Yên Thế"),
        ("Trần Văn Nam", "Kỹ sư Phòng Kỹ thuật, Công ty Điện lực Bắc Giang"),
        ("Lê Thị Mai", "Kế toán Điện lực Lục Nam")]
    assert {a.award for a in listed} == {"Bằng khen"}


def test_numbers_read_beside_their_rows_and_a_bracket_left_open():
    # the kèm-theo line's bracket OCR left open does not swallow the list; `6ó.` numbers
    # its row; the next row's number OCR put at the end of a wrapped row (`… Bắc 3.` /
    # `Giang;`) is not part of it, and the wrapped end is; a head word alone on a line
    # (`Viễn thông;`) ends the row above
    head = HEAD.format(n=4).replace("(Kèm theo Quyết định số 41/QĐ-TĐKT ngày 15/01/2023)",
                                    "(Kèm theo Quyết định số (41/QĐ-TĐKT ngày 15/01/2023")
    rows = ["I. ĐƠN VỊ",
            "1. Điện lực Yên Thế, Công ty Điện lực Bắc Giang;",
            "6ó. Điện lực Lục Nam, Công ty Điện lực Bắc 3.",
            "Giang;",
            "3. Phòng Kỹ thuật, Trung tâm Điều hành thông tin, Tập đoàn Bưu chính",
            "Viễn thông;",
            "4. Phòng Kỹ thuật, Công ty Điện lực Bắc Giang."]
    rec = _named(head + "\n".join(rows) + "\n")
    assert _recipients(rec) == [
        "Điện lực Yên Thế, Công ty Điện lực Bắc Giang", "Điện lực Lục Nam, Công ty Điện lực Bắc Giang",
        "Phòng Kỹ thuật, Trung tâm Điều hành thông tin, Tập đoàn Bưu chính Viễn thông",
        "Phòng Kỹ thuật, Công ty Điện lực Bắc Giang"]


def test_an_attached_list_s_numbered_rows_are_no_headings_and_its_groups_are():
    # LABELLING.md: group headings printed as paragraphs are sections; the recipients'
    # numbered rows are data, like a list table's rows
    head = HEAD.format(n=3).replace("DANH SÁCH CÁC ĐƠN VỊ", "DANH SÁCH TẬP THỂ, CÁ NHÂN")
    rows = ["I. TẬP THỂ", "1. Điện lực Yên Thế, Công ty Điện lực Bắc Giang;",
            "2. Phòng Kỹ thuật, Công ty Điện lực Bắc Giang;", "II. CÁ NHÂN",
            "1. Ông Nguyễn Văn Thành, Giám đốc Điện lực Yên Thế."]
    rec = _named(head + "\n".join(rows) + "\n")
    assert [(s.number, s.title) for s in rec.sections] == [("I.", "TẬP THỂ"), ("II.", "CÁ NHÂN")]
    assert len([a for a in rec.awards if a.recipient]) == 3
