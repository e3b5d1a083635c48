"""Rows at a page break: a row cut in two is joined, a new numbered row never is."""
from __future__ import annotations

from extractor.records import ColumnMeaning, Table, TableCell, TableColumn, TableRow, TableRowKind
from extractor.segment.tables import _join_cut_rows


def _row(cells: list[tuple[int, str]], page: int, at: int) -> TableRow:
    made = [TableCell(text=t, start=at + 10 * k, end=at + 10 * k + len(t), column=c) for k, (c, t) in enumerate(cells)]
    return TableRow(kind=TableRowKind.data, cells=made, page=page, start=at, end=at + 50)


def _table(rows: list[TableRow]) -> Table:
    columns = [TableColumn(header="", meaning=ColumnMeaning.other), TableColumn(header="STT", meaning=ColumnMeaning.index),
               TableColumn(header="Họ và tên", meaning=ColumnMeaning.name),
               TableColumn(header="Chức vụ, đơn vị", meaning=ColumnMeaning.position_unit)]
    return Table(id="t1", columns=columns, rows=rows, start=0, end=1000)


def test_a_row_cut_by_the_page_break_is_joined() -> None:
    table = _table([_row([(1, "7."), (2, "Bà Lò Thị Mai"), (3, "Tổ trưởng Tổ")], 1, 0),
                    _row([(3, "Văn thư, Phòng Hành chính")], 2, 100)])
    _join_cut_rows(table)
    assert len(table.rows) == 1
    assert table.rows[0].cells[2].text == "Tổ trưởng Tổ Văn thư, Phòng Hành chính"


def test_a_numbered_row_after_the_break_stays_a_row_when_its_number_moved_column() -> None:
    # the next page's grid put the row numbers in the narrow first column, not under STT
    table = _table([_row([(1, "7."), (2, "Bà Lò Thị Mai"), (3, "Tổ trưởng")], 1, 0),
                    _row([(0, "8."), (2, "Ông Vi Văn Tùng"), (3, "Nhân viên")], 2, 100)])
    _join_cut_rows(table)
    assert [r.cells[1].text for r in table.rows] == ["Bà Lò Thị Mai", "Ông Vi Văn Tùng"]
