"""Plain-text tables read as the grid backends read the same list (issue 15): group rows
that lost their " | ", a row number alone on its line, the page's line before the header,
headers repeated on each page and the cell a page break cut, spreadsheet exports' sheet
markers and rows that lost their empty cells."""
from __future__ import annotations

from tests.conftest import DOCS

from extractor.ingest import read_document
from extractor.model import BlockKind
from extractor.pipeline import extract, extract_bytes
from extractor.records import ColumnMeaning, RecipientType, TableRowKind

HEADER = "STT | Họ và tên | Chức vụ, đơn vị công tác"


def composed(*lines: str):
    return extract_bytes("\n".join(lines).encode("utf-8"), "danh_sach.txt")


def row_texts(table):
    return [(r.kind, [c.text for c in r.cells]) for r in table.rows]


def test_every_cell_slices_the_text():
    doc = read_document("\n".join([
        "DANH SÁCH CÁ NHÂN", "(Kèm theo Quyết định số: | 12/QĐ-UBND)", HEADER, "Đơn vị A",
        "1. | Ông Nguyễn Văn An | Giám đốc", "2.", "Bà Trần Thị Bình - Kế toán"]).encode(), "x.txt")
    rows = [b for b in doc.blocks if b.kind == BlockKind.table_row]
    assert rows
    for block in rows:
        assert " | ".join(doc.text[c.start:c.end] for c in block.cells or []) == doc.text[block.start:block.end]


def test_group_line_between_numbered_rows_is_a_group_row_of_the_table():
    record = composed(
        "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN", HEADER, "Viễn thông Một",
        "1. | Ông Nguyễn Văn An | Giám đốc Viễn thông Một", "Phòng Hai",
        "2. | Bà Trần Thị Bình | Kế toán trưởng Phòng Hai")
    assert len(record.tables) == 1
    table = record.tables[0]
    assert [c.meaning for c in table.columns] == [ColumnMeaning.index, ColumnMeaning.name, ColumnMeaning.position_unit]
    assert [r.kind for r in table.rows] == [TableRowKind.header, TableRowKind.group, TableRowKind.data,
                                           TableRowKind.group, TableRowKind.data]
    assert table.rows[4].groups == ["Phòng Hai"]
    # A title naming one kind types the rows; the group `Phòng Hai` names a unit, not a kind.
    assert [(p.name, p.role) for p in record.people] == [
        ("Nguyễn Văn An", "Giám đốc Viễn thông Một"), ("Trần Thị Bình", "Kế toán trưởng Phòng Hai")]
    assert {a.recipient_type for a in record.awards if a.recipient} == {RecipientType.ca_nhan}


def test_page_line_before_the_header_is_not_a_row_and_repeated_header_not_data():
    record = composed(
        "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN", "(Kèm theo Quyết định số: | 12/QĐ-UBND ngày 1/2/2021)", HEADER,
        "1. | Ông Nguyễn Văn An | Chuyên viên, Trung tâm Một,", HEADER, "Viễn thông Hai",
        "2. | Bà Trần Thị Bình | Kế toán, Viễn thông Hai")
    assert len(record.tables) == 1
    rows = row_texts(record.tables[0])
    assert rows[0] == (TableRowKind.header, ["STT", "Họ và tên", "Chức vụ, đơn vị công tác"])
    # the cell cut by the page break is one again; the repeated header is a line of the page
    assert rows[1] == (TableRowKind.data, ["1.", "Ông Nguyễn Văn An", "Chuyên viên, Trung tâm Một, Viễn thông Hai"])
    assert len(rows) == 3
    assert sorted(a.recipient for a in record.awards if a.recipient) == ["Nguyễn Văn An", "Trần Thị Bình"]


def test_row_number_alone_on_its_line_joins_the_row():
    record = composed(
        "TT | Tập thể, cá nhân đề nghị khen thưởng", "1. | Ông Nguyễn Văn An, Giám đốc Sở A", "2.",
        "Ông Lê Văn Cường - Phó Chủ tịch UBND huyện B")
    rows = row_texts(record.tables[0])
    assert rows[-1] == (TableRowKind.data, ["2.", "Ông Lê Văn Cường - Phó Chủ tịch UBND huyện B"])


def test_header_line_that_lost_its_separator_heads_the_table():
    record = composed(
        "TT Tập thể, cá nhân đề nghị xét khen thưởng", "I. Tập thể", "1. | Công an huyện A", "II | Cá nhân",
        "1. | Ông Nguyễn Văn An, Trưởng phòng B")
    table = record.tables[0]
    assert [c.header for c in table.columns] == ["TT", "Tập thể, cá nhân đề nghị xét khen thưởng"]
    assert [r.kind for r in table.rows] == [TableRowKind.header, TableRowKind.group, TableRowKind.data,
                                           TableRowKind.group, TableRowKind.data]


def test_spreadsheet_export_sheets_and_rows_that_lost_their_empty_cells():
    record = composed(
        "=== Sheet: DANHSACH ===", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
        "STT | Phân loại | Tên tập thể/cá nhân | Chức vụ | Đơn vị công tác | Hình thức khen thưởng | Phân loại đối tượng",
        "TAPTHE | Phòng Tư pháp huyện A | 111 | 901",
        "CANHAN | Ông Nguyễn Văn An | Phó Giám đốc | Sở Tư pháp tỉnh B | 111 | 901",
        "=== Sheet: DANHMUC ===", "STT | Mã số | Hình thức khen thưởng", "1 | 111 | Bằng khen")
    assert "Sheet" not in record.text
    lists = [t for t in record.tables if t.sheet == "DANHSACH"]
    assert len(lists) == 1 and {t.sheet for t in record.tables} == {"DANHSACH", "DANHMUC"}
    by_meaning = {c.column: lists[0].columns[c.column].meaning for c in lists[0].rows[1].cells}
    cells = {by_meaning[c.column]: c.text for c in lists[0].rows[1].cells}
    assert cells[ColumnMeaning.award] == "111" and cells[ColumnMeaning.name] == "Phòng Tư pháp huyện A"
    person = next(p for p in record.people)
    assert (person.name, person.role, person.place) == ("Nguyễn Văn An", "Phó Giám đốc", "Sở Tư pháp tỉnh B")
    assert sorted((a.recipient, a.award, a.recipient_type) for a in record.awards if a.recipient) == [
        ("Nguyễn Văn An", "Bằng khen", RecipientType.ca_nhan),
        ("Phòng Tư pháp huyện A", "Bằng khen", RecipientType.tap_the)]


def test_decision_list_exported_to_text_reads_like_its_pdf():
    """b01: a 974-person list exported from its PDF (group rows, a header on every page,
    cells cut by page breaks): the people come with their position as from the PDF."""
    record = extract(DOCS / "b01_vnpt_qd640_bangkhen_canhan_2020.txt")
    with_role = [p for p in record.people if p.role]
    assert len(with_role) >= 950
    assert not any(p.name.startswith(("Viễn thông", "Stt", "(Kèm")) for p in record.people)
    assert sum(1 for t in record.tables if any(c.meaning == ColumnMeaning.name for c in t.columns)) == 1


def test_page_number_between_numbered_rows_does_not_cut_the_table():
    doc = read_document("\n".join([
        "TT | Tập thể, cá nhân đề nghị khen thưởng", "I | Tập thể", "1. | Công an huyện A", "2",
        "2. | Phòng Tư pháp huyện A"]).encode(), "bien_ban.txt")
    rows = [b for b in doc.blocks if b.kind == BlockKind.table_row]
    assert len(rows) == 4 and {b.table for b in rows} == {rows[0].table}
    assert [doc.text[b.start:b.end] for b in doc.blocks if b.kind == BlockKind.paragraph] == ["2"]


def test_numbered_heading_before_the_next_table_stays_a_paragraph():
    """`II. Cụm miền Bắc:` between two tables heads the body, unlike a bare group label
    at a page foot (`Viễn thông Hà Nam`) before the repeated header."""
    head = "Xếp hạng | Tên đội | Giải thưởng | Tiền thưởng"
    doc = read_document("\n".join([
        "I. Cụm miền Nam:", head, "1 | Đội A | Giải Nhất | 3.000.000 đ", "II. Cụm miền Bắc:", head,
        "1 | Đội B | Giải Nhì | 2.000.000 đ"]).encode(), "ket_qua.txt")
    paragraphs = [doc.text[b.start:b.end] for b in doc.blocks if b.kind != BlockKind.table_row]
    assert paragraphs == ["I. Cụm miền Nam:", "II. Cụm miền Bắc:"]


def test_request_governs_a_numbered_list_whose_title_is_unreadable():
    """b08's text: the list's `DANH SÁCH` title came out of the scan as `ÀN NÀ NSÁCH` and its
    header lost its ' | '; the tờ trình's request still governs the numbered list after it."""
    record = extract(DOCS / "b08_quangbinh_stp_totrinh2753_denghi_kt.txt")
    listed = [a for a in record.awards if a.recipient]
    assert len(listed) == 9 and {a.award for a in listed} == {"Bằng khen"}
    assert {a.status.value for a in listed} == {"proposed"}
    assert sorted(p.name for p in record.people) == ["Lê Văn Tiến", "Nguyễn Văn Tình", "Trương Quang Sáng",
                                                      "Đặng Đại Bàng"]


def test_minutes_proposing_counted_recipients_govern_the_list_under_them():
    """b10's text: meeting minutes (`BIÊN BẢN`) propose `05 tập thể và 04 cá nhân …, cụ thể:`
    and list them, across a page number."""
    record = extract(DOCS / "b10_quangbinh_stp_bienban_hop_hdtdkt.txt")
    listed = [a for a in record.awards if a.recipient]
    assert len(listed) == 9 and {a.status.value for a in listed} == {"proposed"}
    assert sum(1 for a in listed if a.recipient_type == RecipientType.tap_the) == 5
    assert {"Trương Quang Sáng", "Lê Văn Tiến", "Nguyễn Văn Tình"} <= {p.name for p in record.people}


def test_lone_unnumbered_label_among_numbered_rows_is_a_group_row():
    """As a PDF grid gives it: the label in the name column, the number and position cells
    empty; the group does not make `Ông A` under it a collective."""
    record = composed(
        "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", HEADER, "1. | Ông Nguyễn Văn An | Giám đốc Viễn thông Một",
        " | Viễn thông Hải Phòng | ", "2. | Ông Lê Văn Hoàng | Kế toán trưởng Viễn thông Hải Phòng",
        "3. | Bà Trần Thị Bình | Chuyên viên Viễn thông Hải Phòng")
    table = record.tables[0]
    assert [r.kind for r in table.rows] == [TableRowKind.header, TableRowKind.data, TableRowKind.group,
                                           TableRowKind.data, TableRowKind.data]
    assert "Viễn thông Hải Phòng" not in {a.recipient for a in record.awards}
    assert {p.name for p in record.people} == {"Nguyễn Văn An", "Lê Văn Hoàng", "Trần Thị Bình"}


def test_kind_word_inside_a_name_does_not_type_the_row():
    """`trường` (a school) inside `Ông Hoàng Trường` is part of the name, not a `TAPTHE` cell."""
    record = composed(
        "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", HEADER,
        "1. | Ông Hoàng Trường | Tổ trưởng, Trung tâm Viễn thông 1", "2. | Trường Tiểu học A | Huyện B")
    kinds = {a.recipient: a.recipient_type for a in record.awards if a.recipient}
    assert kinds == {"Hoàng Trường": RecipientType.ca_nhan, "Trường Tiểu học A": RecipientType.tap_the}
