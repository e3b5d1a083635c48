"""Scanned pages read by Tesseract (Vietnamese): each page rendered at 300 dpi, read in one
pass into Lines with their boxes in PDF points, its ruled tables found in the image
(pdf_grid) and its footnote marks split off (pdf_marks)."""
from __future__ import annotations

import subprocess

from extractor.errors import ErrorCode, ExtractionError
from extractor.ingest.base import corrupt
from extractor.ingest.pdf_lines import Line
from extractor.ingest.pdf_marks import mark_words
from extractor.ingest.pdf_tesseract import OCR_DPI, tesseract, tesseract_ready, tsv_lines
from extractor.limits import exceeded

def scanned_error(name: str) -> ExtractionError:
    return ExtractionError(name, ErrorCode.scanned,
                           "tệp PDF là bản quét (không có lớp văn bản); cài Tesseract tiếng Việt "
                           "(apt-get install tesseract-ocr tesseract-ocr-vie) để nhận dạng chữ")


def ocr_pages(data: bytes, name: str, indexes: list[int]) -> dict[int, tuple[list[Line], list]]:
    """Lines and ruled tables of the given 0-based pages, each rendered at 300 dpi and read by
    Tesseract (Vietnamese, one thread). Coordinates are in PDF points like pdfplumber's."""
    if not tesseract_ready():
        raise scanned_error(name)
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return {index: _ocr_page(_pdfium_page(doc, index, name), index + 1, name) for index in indexes}
    finally:
        doc.close()


def _pdfium_page(doc, index: int, name: str):
    """Page `index` as pdfium reads it. pdfminer falls back to any page object it finds
    when the page tree is broken; pdfium follows the tree only, so a page it cannot load
    is a page no reader can show."""
    import pypdfium2 as pdfium

    try:
        if index < len(doc):
            return doc[index]
    except pdfium.PdfiumError:
        pass
    raise ExtractionError(name, ErrorCode.empty,
                          f"tệp PDF không có trang đọc được (cây trang hỏng, trang {index + 1} không mở được)")


OCR_MAX_PIXELS = 150_000_000  # an A0 sheet at 300 dpi; a larger page would be rendered in GBs


def _ocr_page(page, number: int, name: str) -> list[Line]:
    width, height = page.get_size()
    if width * height * (OCR_DPI / 72) ** 2 > OCR_MAX_PIXELS:
        raise exceeded(name, f"kích thước trang cho phép khi nhận dạng chữ (trang {number}: "
                             f"{width / 72 * 2.54:.0f} × {height / 72 * 2.54:.0f} cm)")
    image = page.render(scale=OCR_DPI / 72, grayscale=True).to_pil().convert("L")
    try:
        tsv = tesseract(image, [])
    except subprocess.CalledProcessError as exc:
        raise corrupt(name, f"Tesseract không đọc được trang {number}") from exc
    except subprocess.TimeoutExpired as exc:
        raise corrupt(name, f"Tesseract không đọc xong trang {number} trong thời gian cho phép") from exc
    except OSError as exc:
        raise corrupt(name, f"không chạy được Tesseract để đọc trang {number}") from exc
    lines = tsv_lines(tsv, number)
    mark_words(image, lines)
    return _page_tables(image, lines)


def _page_tables(image, lines: list[Line]) -> tuple[list[Line], list]:
    """The page's ruled tables (pdf_grid) and the lines left outside them."""
    from extractor.ingest.pdf_grid import cells_of, find_grids

    scale = 72 / OCR_DPI
    tables = []
    for grid in find_grids(image):
        words = [w for ln in lines for w in ln.words if "px" in w]
        rows, used = cells_of(grid, words, scale)
        if len(rows) < 2:
            continue
        kept = []
        for ln in lines:
            rest = [w for w in ln.words if id(w) not in used]
            if rest:
                ln.words = rest
                ln.x0, ln.x1 = rest[0]["x0"], max(w["x1"] for w in rest)
                kept.append(ln)
        lines = kept
        tables.append(((0.0, grid.top * scale, 0.0, grid.bottom * scale), rows))
    return lines, tables
