"""Ruled tables in a text PDF. The fixture (corpora/tools/make_renderings.py --only table)
is seed 003's footnote 3 — state budget revenue of each commune of Cụm thi đua số 02 —
laid out as the ruled Word table reports use, in its section "e) Công tác thu, chi ngân
sách Nhà nước", and printed to PDF by LibreOffice: two header rows with merged cells, a
commune name wrapping over two lines, Vietnamese figures (144.625.000 đồng, 111,27%), a
running header and page numbers, the text after the table running onto page 2."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from tests.conftest import DOCS

from extractor.ingest import read_document
from extractor.ingest.pdf import _cell_text
from extractor.model import BlockKind, Document
from extractor.records import Extraction

FIXTURES = Path(__file__).parent / "fixtures"
STEM = "003_9872598636d4699e_budget_table"
SEED = DOCS / "003_9872598636d4699e.txt"
RUNNING_HEADER = "Báo cáo công tác thi đua, khen thưởng"

HEADER_ROWS = [
    # the revenue heading spans two columns: one cell
    ["TT", "Đơn vị", "Thu ngân sách nhà nước trên địa bàn", "Tỷ lệ so với dự toán"],
    ["", "", "Đã thu", "Dự toán", ""],  # TT, Đơn vị and Tỷ lệ merged down from the row above
]
DATA_ROWS = [
    ["1", "Cường Lợi", "144.625.000 đồng", "130.000.000 đồng", "111,27%"],
    ["2", "Đồng Thăng", "70.224.000 đồng", "110.000.000 đồng", "63,84%"],
    ["3", "Lâm Ca", "269.461.000 đồng", "260.000.000 đồng", "103,64%"],
    ["4", "Thái Bình", "106.829.000 đồng", "160.000.000 đồng", "66,77%"],
    ["5", "Thị trấn Nông Trường Thái Bình", "433.585.000 đồng", "490.000.000 đồng", "88,49%"],  # wraps
    ["6", "Bắc Lãng", "98.511.000 đồng", "180.000.000 đồng", "54,73%"],
]
LEAD = ("Công tác thu ngân sách được các đơn vị tập trung chỉ đạo ngay từ đầu năm, "
        "tổ chức thu đúng, thu đủ các khoản thu theo quy định.")


@lru_cache(maxsize=None)
def read(suffix: str) -> Document:
    path = FIXTURES / f"{STEM}{suffix}"
    return read_document(path.read_bytes(), path.name)


@lru_cache(maxsize=None)
def extracted(suffix: str) -> Extraction:
    from extractor.pipeline import extract

    return extract(FIXTURES / f"{STEM}{suffix}")


def texts(doc: Document) -> list[str]:
    return [doc.text[b.start:b.end] for b in doc.blocks]


def cells(row: str) -> list[str]:
    """A table row's cells, normalised (NFC, spaces collapsed) for comparing readers."""
    row = unicodedata.normalize("NFC", row)
    return [re.sub(r"\s+", " ", c).strip() for c in row.split("|")]


def table_rows(doc: Document) -> list[list[str]]:
    return [cells(doc.text[b.start:b.end]) for b in doc.blocks if b.kind == BlockKind.table_row]


def test_fixture_rows_are_the_seed_footnote():
    """Every data row states what footnote 3 of the seed says of that commune."""
    seed = read_document(SEED.read_bytes(), SEED.name)
    note = next(f for f in seed.footnotes if f.mark == "3")
    lines = seed.text[note.start:note.end].splitlines()
    for _, unit, got, plan, share in DATA_ROWS:
        commune = unit.replace("Nông Trường Thái Bình", "NTTB")
        line = next(ln for ln in lines if ln.lstrip("- ").startswith(f"{commune}:"))
        assert f"{got.removesuffix(' đồng')}/{plan}" in line and f"đạt {share}" in line


def test_pdf_table_rows_in_reading_order():
    """The table's rows come out where the table stands, top to bottom, one block a row,
    each row's cells together and in column order."""
    doc = read(".pdf")
    blocks = texts(doc)
    kinds = [b.kind for b in doc.blocks]
    first = kinds.index(BlockKind.table_row)
    assert blocks[first - 1] == LEAD
    assert kinds[first: first + 8] == [BlockKind.table_row] * 8
    assert kinds[first + 8] != BlockKind.table_row
    assert blocks[first + 8].startswith("Công tác điều hành chi ngân sách nhà nước")
    assert table_rows(doc) == HEADER_ROWS + DATA_ROWS
    assert {b.page for b in doc.blocks if b.kind == BlockKind.table_row} == {1}


def test_pdf_table_cells_not_interleaved_or_leaked():
    """No figure strays into another row or into the body text around the table."""
    doc = read(".pdf")
    for row in table_rows(doc)[2:]:
        mine = {c for c in row if any(ch.isdigit() for ch in c)}
        others = {c for r in DATA_ROWS if r[0] != row[0] for c in r[2:]}
        assert not mine & others
    body = " ".join(t for b, t in zip(doc.blocks, texts(doc)) if b.kind != BlockKind.table_row)
    for row in DATA_ROWS:
        for figure in row[2:]:
            assert figure not in body
            assert doc.text.count(figure) == 1  # read once, as a cell, not again as a line


def test_pdf_wrapped_and_merged_cells():
    header, subheader, *data = table_rows(read(".pdf"))
    assert data[4][1] == "Thị trấn Nông Trường Thái Bình"  # two lines in its cell
    assert header[-1] == "Tỷ lệ so với dự toán"  # two lines in the header
    assert len(header) == 4  # the merged revenue heading is one cell, not one and an empty one
    assert subheader == ["", "", "Đã thu", "Dự toán", ""]


def test_pdf_table_vietnamese_intact():
    doc = read(".pdf")
    rows = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == BlockKind.table_row]
    assert all(unicodedata.is_normalized("NFC", r) for r in rows)
    joined = " ".join(rows)
    for word in ("Đơn vị", "Thu ngân sách nhà nước trên địa bàn", "Cường Lợi", "Đồng Thăng",
                 "Bắc Lãng", "Tỷ lệ", "Dự toán", "Đã thu"):
        assert word in joined
    assert "\ufffd" not in doc.text


def test_pdf_table_page_has_no_furniture():
    doc = read(".pdf")
    assert doc.pages == 2
    assert RUNNING_HEADER not in doc.text
    assert not any(re.fullmatch(r"\W*\d+\W*", t) for t in texts(doc))
    # the paragraph broken by the page break (running header and page number between) is one block
    seed = texts(read_document(SEED.read_bytes(), SEED.name))
    spanning = next(t for t in seed if t.startswith("Phát triển phong trào thể dục, thể thao quần chúng"))
    assert spanning in texts(doc)


def test_same_table_from_docx_and_pdf():
    docx, pdf = read(".docx"), read(".pdf")
    assert table_rows(docx) == table_rows(pdf) == HEADER_ROWS + DATA_ROWS
    assert texts(docx) == texts(pdf)  # and the text around it


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_table_figures_are_indicators(suffix):
    """Each amount and share of the table is an indicator; the row numbers (TT) are not."""
    record = extracted(suffix)
    found = [(i.text, i.value, i.unit) for i in record.indicators]
    expected = []
    for _, _, got, plan, share in DATA_ROWS:
        for amount in (got, plan):
            expected.append((amount, float(amount.split()[0].replace(".", "")), "đồng"))
        expected.append((share, float(share.rstrip("%").replace(",", ".")), "%"))
    assert found == expected
    assert all(i.measure is None for i in record.indicators)  # not the "|" between cells


def test_same_indicators_from_docx_and_pdf():
    ours, theirs = extracted(".docx"), extracted(".pdf")
    assert [(i.text, i.value, i.unit) for i in ours.indicators] == \
        [(i.text, i.value, i.unit) for i in theirs.indicators]


@pytest.mark.parametrize("lines, text", [
    ("Thị trấn Nông Trường\nThái Bình", "Thị trấn Nông Trường Thái Bình"),
    ("năm học 2022-\n2023", "năm học 2022-2023"),  # hyphenated at the cell edge, as in a paragraph
    ("kinh tế -\nxã hội", "kinh tế - xã hội"),  # a spaced dash keeps its space
    (None, ""),  # pdfplumber's empty cell
])
def test_cell_lines_joined_like_paragraph_lines(lines, text):
    assert _cell_text(lines) == text
