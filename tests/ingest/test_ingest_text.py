"""Plain text and Markdown seeds: markup, footnotes, exponents, the flattened header."""
from __future__ import annotations

import unicodedata

from tests.conftest import DOCS

from extractor.ingest import read_document
from extractor.model import BlockKind, Format

SEED_003 = DOCS / "003_9872598636d4699e.txt"
SEED_000 = DOCS / "000_b2037343df6e8685.txt"


def read(path):
    return read_document(path.read_bytes(), path.name)


def block_texts(doc, kind=None):
    return [doc.text[b.start:b.end] for b in doc.blocks if kind is None or b.kind == kind]


def test_markdown_markup_removed_and_bold_title_joined():
    doc = read(SEED_003)
    assert doc.format == Format.md
    for token in ("**", "<sup>", "##", "---"):
        assert token not in doc.text
    assert "Tổng kết công tác Thi đua, khen thưởng năm 2023, phương hướng, nhiệm vụ năm 2024" in block_texts(doc)


def test_flattened_two_column_header_split_at_the_motto():
    doc = read(SEED_003)
    assert block_texts(doc, BlockKind.header) == [
        "HỘI ĐỒNG TĐKT HUYỆN", "CỤM THI ĐUA SỐ 02",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc",
    ]


def test_sup_after_a_unit_is_an_exponent():
    doc = read(SEED_003)
    assert "49.979m3" in doc.text and "355,85 km2" in doc.text


def test_sup_footnotes_tied_to_their_marks_and_moved_after_the_body():
    doc = read(SEED_003)
    assert [f.mark for f in doc.footnotes] == ["1", "2", "3", "4", "5"]
    first_note = min(f.start for f in doc.footnotes)
    body_end = max(b.end for b in doc.blocks if b.kind != BlockKind.footnote)
    assert body_end < first_note
    note1 = doc.footnotes[0]
    assert doc.text[note1.anchor - len("ổn định"):note1.anchor] == "ổn định"
    assert doc.text[note1.start:note1.end].startswith("Cường Lợi: Phát quang")
    assert "- Bắc Lãng: phát quang tuyến mương" in doc.text[note1.start:note1.end]  # continuation lines
    note3 = doc.text[doc.footnotes[2].start:doc.footnotes[2].end]
    assert "144.625.000/130.000.000 đồng đạt 111,27%" in note3


def test_sentence_broken_by_page_break_rejoined():
    doc = read(SEED_000)
    assert "nhằm lập thành tích chào mừng các ngày lễ lớn" in doc.text
    md = read(SEED_003)  # broken around the footnote list, and before a number
    assert "được các cấp ủy, chính quyền các xã, thị trấn" in md.text
    assert "như: Kế hoạch số 13/KH-CTĐ ngày 18/01/2023" in md.text


def test_headings_and_list_items_not_joined():
    doc = read(SEED_000)
    texts = block_texts(doc)
    assert "1. Công tác lãnh đạo, chỉ đạo phong trào thi đua" in texts
    assert "Phần thứ nhất" in texts


def test_txt_keeps_line_index_and_drops_stray_emphasis():
    doc = read(SEED_000)
    assert "*" not in doc.text
    first = doc.blocks[0]
    assert doc.text[first.start:first.end] == "BÁO CÁO" and first.paragraph is not None


def to_cp1258(text: str) -> bytes:
    """Windows-1258 stores tones as combining marks after a (possibly hatted) base letter."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tone = next(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


def test_utf16_and_cp1258_text_decoded():
    text = "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2023 của huyện Đình Lập"
    for data in (text.encode("utf-16"), to_cp1258(text)):
        doc = read_document(data, "bao_cao.txt")
        assert doc.text == text


def test_markdown_table_keeps_a_page_number_between_its_rows():
    doc = read_document("| STT | Họ và tên |\n|---|---|\n| 1. | Nguyễn Văn An |\n\n2\n\n| 2. | Trần Thị Bình |\n"
                        .encode(), "ds.md")
    assert "2" in block_texts(doc, BlockKind.paragraph)
    assert len(block_texts(doc, BlockKind.table_row)) == 3
