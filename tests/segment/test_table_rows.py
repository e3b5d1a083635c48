"""Rows of list tables read from a PDF: group labels and rows cut by a page break."""
from __future__ import annotations

from tests.conftest import CORPUS

from extractor.pipeline import extract
from extractor.records import RecipientType


def test_page_top_row_with_its_own_number_is_not_the_rest_of_the_row_above():
    """b02's PDF: at some page tops the row number drifts out of the index column; a row
    that opens with its own number (`26.`) is a new row, not the rest of row 25."""
    record = extract(CORPUS / "originals" / "b02_vnpt_qd153_thuong_knc_tttt.pdf")
    assert [p.name for p in record.people if len(p.name.split()) > 5] == []  # two names run together
    assert len(record.people) >= 1060


def test_unit_group_rows_of_a_pdf_list_are_no_recipients():
    """b01's PDF: `Viễn thông Bắc Giang` alone in the name column heads the rows under it."""
    record = extract(CORPUS / "originals" / "b01_vnpt_qd640_bangkhen_canhan_2020.pdf")
    assert not [a for a in record.awards if a.recipient and a.recipient.startswith("Viễn thông")]
    listed = [a for a in record.awards if a.recipient]
    assert len(listed) == 974 and sum(a.recipient_type == RecipientType.ca_nhan for a in listed) >= 970
