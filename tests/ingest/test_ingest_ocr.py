"""Scanned PDF: page 1 of seed 001's PDF rendering, rasterised at 300 dpi by pdftoppm and
wrapped as an image-only PDF (corpora/tools/make_renderings.py --only scan). tdkt reads
it with Tesseract (Vietnamese); without Tesseract it says the PDF is a scan."""
from __future__ import annotations

import difflib
import shutil
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from tests.conftest import RENDERINGS

from extractor.errors import ErrorCode, ExtractionError
from extractor.ingest import read_document
from extractor.ingest.pdf import tesseract_ready
from extractor.model import BlockKind

SCAN = Path(__file__).parent / "fixtures" / "001_aa33862f6316ef22_p1_scan.pdf"
RUNNING_HEADER = "Báo cáo công tác thi đua, khen thưởng"

needs_tesseract = pytest.mark.skipif(not tesseract_ready(), reason="Tesseract with Vietnamese data not installed")


@pytest.fixture(scope="module")
def scanned():
    return read_document(SCAN.read_bytes(), SCAN.name)


def page_one_words() -> list[str]:
    """Words of the page the scan was made from, read from the text layer of the original."""
    with pdfplumber.open(RENDERINGS / "001_aa33862f6316ef22.pdf") as pdf:
        lines = pdf.pages[0].extract_text().splitlines()
    body = [ln for ln in lines if ln.strip() != RUNNING_HEADER and not ln.strip().isdigit()]
    return " ".join(body).split()


def test_scan_fixture_has_no_text_layer():
    with pdfplumber.open(SCAN) as pdf:
        assert len(pdf.pages) == 1 and not pdf.pages[0].extract_words()
    assert SCAN.stat().st_size < 300_000


@needs_tesseract
def test_ocr_reads_the_words_of_the_page(scanned):
    assert scanned.ocr is True and scanned.pages == 1
    assert all(b.page == 1 for b in scanned.blocks)
    expected = Counter(page_one_words())
    found = Counter(scanned.text.split())
    recall = sum((expected & found).values()) / sum(expected.values())
    assert recall >= 0.9, recall


@needs_tesseract
def test_ocr_rebuilds_headings_paragraphs_and_header(scanned):
    texts = [scanned.text[b.start:b.end] for b in scanned.blocks]

    def best(target: str) -> float:
        return max(difflib.SequenceMatcher(None, target, t).ratio() for t in texts)

    for line in ("I. KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2020",
                 "1. Công tác lãnh đạo, chỉ đạo tổ chức các phong trào thi đua",
                 "2. Kết quả tổ chức phong trào thi đua"):
        assert best(line) >= 0.9, line
    # Layout-wrapped lines are joined: the opening paragraph is one block, not four lines.
    opening = next(t for t in texts if t.startswith("Thực hiện quy định"))
    assert opening.endswith("như sau:") and len(opening) > 200
    header = [t for b, t in zip(scanned.blocks, texts) if b.kind == BlockKind.header]
    assert header[0].startswith("Số:") and "Độc lập - Tự do - Hạnh phúc" in header
    assert RUNNING_HEADER not in scanned.text


@needs_tesseract
def test_page_without_footnotes_gives_none(scanned):
    """Glyph heights scatter on a scan: no line of this page may pass for a footnote."""
    assert not scanned.footnotes
    assert all(b.kind != BlockKind.footnote for b in scanned.blocks)


def test_scanned_pdf_without_tesseract_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on PATH
    assert shutil.which("tesseract") is None
    with pytest.raises(ExtractionError) as info:
        read_document(SCAN.read_bytes(), SCAN.name)
    assert info.value.code == ErrorCode.scanned
    message = info.value.user_message()
    assert SCAN.name in message and "bản quét" in message and "tesseract-ocr-vie" in message
    assert "\n" not in message
