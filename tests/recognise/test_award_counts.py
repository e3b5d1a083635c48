"""Count entries from a summary table of awards (a year's statistical form): one entry per
award row and primary count column; breakdown columns and group labels give none; the
`Cộng` row is one aggregate entry. Composed as Word builds such forms (merged header cells)."""
from __future__ import annotations

import io

from docx import Document as WordDocument

from extractor.pipeline import extract_bytes


def _form() -> bytes:
    doc = WordDocument()
    doc.add_paragraph("UBND HUYỆN TÂN KỲ")
    doc.add_paragraph("BẢNG TỔNG HỢP KẾT QUẢ KHEN THƯỞNG NĂM 2023")
    rows = [
        ["TT", "Hình thức khen thưởng", "Số đã trình đề nghị", "", "Số đã có quyết định khen thưởng", "",
         "Trong đó khen thưởng đột xuất"],
        ["", "", "SL tập thể", "SL cá nhân", "SL tập thể", "SL cá nhân", "Tổng số"],
        ["1", "Bằng khen của Chủ tịch UBND tỉnh", "03", "10", "02", "08", "4"],
        ["2", "Huân chương các loại", "", "", "", "", ""],
        ["", "Chiến sĩ thi đua cơ sở", "", "6", "", "6", ""],
        ["Cộng", "", "03", "16", "02", "14", "4"],
    ]
    table = doc.add_table(rows=len(rows), cols=7)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(0, 2).merge(table.cell(0, 3)).text = rows[0][2]
    table.cell(0, 4).merge(table.cell(0, 5)).text = rows[0][4]
    for c in (0, 1):  # TT and the award column span both header rows
        table.cell(0, c).merge(table.cell(1, c))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_summary_table_gives_one_count_per_award_and_primary_column() -> None:
    record = extract_bytes(_form(), "tong_hop.docx")
    got = sorted((a.award, a.authority, a.count, a.status.value, a.recipient_type.value if a.recipient_type else None)
                 for a in record.awards if a.recipient is None)
    assert got == sorted([
        ("Bằng khen", "Chủ tịch UBND tỉnh", 3, "proposed", "tap_the"),
        ("Bằng khen", "Chủ tịch UBND tỉnh", 10, "proposed", "ca_nhan"),
        ("Bằng khen", "Chủ tịch UBND tỉnh", 2, "granted", "tap_the"),
        ("Bằng khen", "Chủ tịch UBND tỉnh", 8, "granted", "ca_nhan"),
        ("Chiến sĩ thi đua cơ sở", None, 6, "proposed", "ca_nhan"),
        ("Chiến sĩ thi đua cơ sở", None, 6, "granted", "ca_nhan"),
        ("Khen thưởng", None, 3, "proposed", "tap_the"),
        ("Khen thưởng", None, 16, "proposed", "ca_nhan"),
        ("Khen thưởng", None, 2, "granted", "tap_the"),
        ("Khen thưởng", None, 14, "granted", "ca_nhan"),
    ])
    assert all(a.year == 2023 for a in record.awards)
    cell = next(a for a in record.awards if a.count == 16)
    assert record.text[cell.span.start:cell.span.end] == "16"  # the count's own cell


def test_a_list_of_named_recipients_is_no_summary_table() -> None:
    doc = WordDocument()
    doc.add_paragraph("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG")
    table = doc.add_table(rows=2, cols=3)
    for c, v in enumerate(["TT", "Họ và tên", "Số lượng sáng kiến"]):
        table.cell(0, c).text = v
    for c, v in enumerate(["1", "Ông Lữ Văn Hoàn", "2"]):
        table.cell(1, c).text = v
    out = io.BytesIO()
    doc.save(out)
    record = extract_bytes(out.getvalue(), "ds.docx")
    assert not [a for a in record.awards if a.count == 2]
