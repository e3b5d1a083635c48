"""Renderings made by LibreOffice (corpora/tools/make_renderings.py): Word automatic
numbering, header table, footnotes, TCVN3; the PDF printed from the same .docx."""
from __future__ import annotations

import pytest
from tests.conftest import DOCS, RENDERINGS

from extractor.ingest import read_document
from extractor.model import BlockKind, Format

SEEDS = ["000_b2037343df6e8685", "001_aa33862f6316ef22", "003_9872598636d4699e"]


def read(path):
    return read_document(path.read_bytes(), path.name)


def lines(doc, kind=None):
    return [doc.text[b.start:b.end] for b in doc.blocks if kind is None or b.kind == kind]


@pytest.mark.parametrize("stem", SEEDS)
@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_rendering_reads_like_the_seed(stem, suffix):
    """Every body paragraph of the rendering is a paragraph of the .txt seed, and back."""
    seed = read(DOCS / f"{stem}.txt")
    rendering = read(RENDERINGS / f"{stem}{suffix}")
    seed_body = {t for t in lines(seed) if t}
    body = [t for b, t in zip(rendering.blocks, lines(rendering)) if b.kind != BlockKind.header]
    missing = [t for t in body if t not in seed_body]
    assert not missing, missing[:3]
    assert len(body) >= 0.97 * len([b for b in seed.blocks if b.kind != BlockKind.header])


@pytest.mark.parametrize("stem", SEEDS)
def test_word_automatic_numbers_in_text(stem):
    doc = read(RENDERINGS / f"{stem}.docx")
    numbered = [b for b in doc.blocks if b.numbering]
    assert numbered, "no automatic numbering rebuilt"
    for block in numbered:
        assert doc.text[block.start:block.end].startswith(block.numbering + " ")
        assert block.kind == BlockKind.heading and block.outline_level


def test_numbering_levels_and_restarts_seed_003():
    doc = read(RENDERINGS / "003_9872598636d4699e.docx")
    numbers = [b.numbering for b in doc.blocks if b.numbering]
    assert numbers[:8] == ["I.", "1.", "2.", "II.", "1.", "1.1.", "a)", "b)"]
    assert "1.2." in numbers and "III." in numbers
    # Phần thứ hai restarts the roman level
    texts = lines(doc)
    assert texts.index("Phần thứ hai") < texts.index("I. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM")


def test_header_table_read_as_header_blocks():
    doc = read(RENDERINGS / "003_9872598636d4699e.docx")
    assert lines(doc, BlockKind.header) == [
        "HỘI ĐỒNG TĐKT HUYỆN", "CỤM THI ĐUA SỐ 02", "Số: 08/BC-TĐKT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc",
        "Cường Lợi, ngày 09 tháng 01 năm 2024",
    ]


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_footnotes_tied_to_marks(suffix):
    txt = read(DOCS / "003_9872598636d4699e.txt")
    doc = read(RENDERINGS / f"003_9872598636d4699e{suffix}")
    assert [f.mark for f in doc.footnotes] == ["1", "2", "3", "4", "5"]
    for ours, theirs in zip(doc.footnotes, txt.footnotes):
        assert doc.text[ours.anchor - 25:ours.anchor] == txt.text[theirs.anchor - 25:theirs.anchor]
        assert doc.text[ours.start:ours.end] == txt.text[theirs.start:theirs.end]


def test_tcvn3_docx_reads_as_unicode():
    doc = read(RENDERINGS / "004_047c2302e93f662e_tcvn3.docx")
    seed = read(DOCS / "004_047c2302e93f662e.txt")
    assert doc.encoding == "tcvn3"
    assert "Kính gửi: Chủ tịch Hội đồng Thi đua Khen thưởng các huyện:" in doc.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines(doc, BlockKind.header)  # .VnTimeH capitals
    seed_lines = set(lines(seed))
    body = [t for b, t in zip(doc.blocks, lines(doc)) if b.kind != BlockKind.header]
    assert sum(t in seed_lines for t in body) >= 0.95 * len(body)


def test_pdf_furniture_removed_pages_recorded_sentence_rejoined():
    doc = read(RENDERINGS / "000_b2037343df6e8685.pdf")
    assert doc.format == Format.pdf and doc.pages and doc.pages > 5
    assert "Báo cáo công tác thi đua, khen thưởng" not in doc.text  # running header
    assert all(not t.strip().isdigit() for t in lines(doc))  # page numbers
    assert all(b.page for b in doc.blocks)
    assert max(b.page for b in doc.blocks) == doc.pages
    assert "nhằm lập thành tích chào mừng các ngày lễ lớn" in doc.text
    # a paragraph that runs over a page break is one block
    assert any("Thực hiện Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành, nhận thức sâu sắc"
               in t for t in lines(doc))


def test_pdf_two_column_header_split():
    doc = read(RENDERINGS / "003_9872598636d4699e.pdf")
    assert lines(doc, BlockKind.header) == [
        "HỘI ĐỒNG TĐKT HUYỆN", "CỤM THI ĐUA SỐ 02", "Số: 08/BC-TĐKT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc",
        "Cường Lợi, ngày 09 tháng 01 năm 2024",
    ]


def test_legacy_doc_through_libreoffice():
    doc = read(RENDERINGS / "001_aa33862f6316ef22.doc")
    assert doc.format == Format.doc
    numbers = [b.numbering for b in doc.blocks if b.numbering]
    assert numbers[:4] == ["I.", "1.", "2.", "2.1."]


def test_html_article_kept_boilerplate_dropped():
    doc = read(RENDERINGS / "002_2f85404dcafad22e.html")
    seed = read(DOCS / "002_2f85404dcafad22e.txt")
    for junk in ("Lượt xem", "Trang chủ", "Tổng số điểm", "Ý kiến bạn đọc", "Chia sẻ", "Bản quyền",
                 "Đang truy cập", "Những tin cũ hơn"):
        assert junk not in doc.text
    assert lines(doc, BlockKind.heading)[0] == lines(seed)[0]
    seed_lines = lines(seed)
    article = [t for t in seed_lines if not t.startswith(("Tổng số điểm", "Click để", "Ý kiến", "Bạn đã"))]
    ours = lines(doc)
    assert ours[1] == "Thứ năm - 20/01/2022 15:21"  # date kept, counters "316 0" dropped
    assert [t for t in ours if t != ours[1]] == [t for t in article if not t.startswith("Thứ năm")]
