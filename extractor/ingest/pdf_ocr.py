"""Scanned pages read by Tesseract (Vietnamese): each page rendered at 300 dpi, read in one
pass into Lines with their boxes in PDF points, its ruled tables found in the image
(pdf_grid) and its footnote marks split off (pdf_marks)."""
from __future__ import annotations

import subprocess

from extractor.errors import ErrorCode, ExtractionError
from extractor.ingest.base import corrupt
from extractor.ingest.pdf_lines import Line
from extractor.ingest.pdf_marks import mark_words
from extractor.ingest.pdf_tesseract import (
    OCR_DPI, UNIFORM_BLOCK, detached_number_column, tesseract, tesseract_ready, tsv_lines,
)
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


def _ocr_page(page, number: int, name: str) -> tuple[list[Line], list]:
    width, height = page.get_size()
    if width * height * (OCR_DPI / 72) ** 2 > OCR_MAX_PIXELS:
        raise exceeded(name, f"kích thước trang cho phép khi nhận dạng chữ (trang {number}: "
                             f"{width / 72 * 2.54:.0f} × {height / 72 * 2.54:.0f} cm)")
    from extractor.ingest.pdf_grid import find_grids

    image = without_stamps(page.render(scale=OCR_DPI / 72).to_pil())
    grids = find_grids(image)  # a ruled table is read cell by cell: its layout needs no second pass
    try:
        tsv = tesseract(image, [])
        if not grids and detached_number_column(tsv):
            tsv = tesseract(image, UNIFORM_BLOCK)  # a numbered list: keep each number on its row
    except subprocess.CalledProcessError as exc:
        raise corrupt(name, f"Tesseract không đọc được trang {number}") from exc
    except subprocess.TimeoutExpired as exc:
        raise corrupt(name, f"Tesseract không đọc xong trang {number} trong thời gian cho phép") from exc
    except OSError as exc:
        raise corrupt(name, f"không chạy được Tesseract để đọc trang {number}") from exc
    lines = tsv_lines(tsv, number)
    mark_words(image, lines)
    return _page_tables(grids, lines)


def _page_tables(grids: list, lines: list[Line]) -> tuple[list[Line], list]:
    """The page's ruled tables (pdf_grid, found in its image) and the lines left outside them."""
    from extractor.ingest.pdf_grid import cells_of

    scale = 72 / OCR_DPI
    tables = []
    for grid in grids:
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


# --- seals ---------------------------------------------------------------------------------
#
# A decision is sealed: a red ring or box stamped over the signer's capacity and name, and on
# an attached list over its title. In grey the red ink is as dark as the print under it, and
# Tesseract loses the whole zone (the capacity, the name, "DANH SÁCH"). Black print stays
# black in colour, so the seal's red is whitened before reading. Only red that forms a seal
# (a shape of seal size), so that text printed in red stays.
_RED = 20  # red exceeds both green and blue by this much (0-255) in seal ink and its fringe
_LIGHT = 110  # and is at least this bright: print over the seal is darker, and stays
_PRINT = 90  # grey level (0-255) of print at its lightest; a seal's fringe is lighter
_SEAL_MM = 12  # a seal is at least this wide and tall; red letters of a line are lower
_SEAL_STEP = 8  # pixels per cell of the coarse mask the seal shapes are found on
# The seal stamped across the edges of a decision's stacked pages (dấu giáp lai) leaves a
# sliver of the ring on each page: as tall as a seal but only a few millimetres wide, at
# the page's edge, where OCR reads it as a letter after the line beside it (`… Hòa Bình Ệ`).
_EDGE_MM = 10  # a red shape this close to the page's left or right edge


def without_stamps(image):
    """The page image in grey, red seals whitened (see above)."""
    import numpy
    from PIL import Image
    from scipy import ndimage

    grey = image.convert("L")
    if image.mode != "RGB":
        return grey
    rgb = numpy.asarray(image, dtype=numpy.int16)
    red = (rgb[..., 0] - rgb[..., 1:].max(axis=2) > _RED) & (rgb[..., 0] >= _LIGHT)
    if not red.any():
        return grey
    h, w = red.shape[0] // _SEAL_STEP, red.shape[1] // _SEAL_STEP
    coarse = red[:h * _SEAL_STEP, :w * _SEAL_STEP].reshape(h, _SEAL_STEP, w, _SEAL_STEP).any(axis=(1, 3))
    labels, _ = ndimage.label(ndimage.binary_dilation(coarse, iterations=2))
    least = _SEAL_MM / 25.4 * OCR_DPI / _SEAL_STEP
    edge = _EDGE_MM / 25.4 * OCR_DPI / _SEAL_STEP
    pixels = numpy.array(grey)
    for rows, cols in ndimage.find_objects(labels):
        at_edge = cols.start <= edge or w - cols.stop <= edge
        if rows.stop - rows.start < (least / 3 if at_edge else least):
            continue  # (the sliver's ring often breaks into pieces: the pieces are shorter)
        box = (slice(rows.start * _SEAL_STEP, rows.stop * _SEAL_STEP),
               slice(cols.start * _SEAL_STEP, cols.stop * _SEAL_STEP))
        if cols.stop - cols.start < least and at_edge:
            _whiten_edge_sliver(pixels, red, box, right=w - cols.stop <= edge)
        elif cols.stop - cols.start >= least:
            # with the fringe JPEG leaves around the red strokes: not red, but not print either
            fringe = ndimage.binary_dilation(red[box], iterations=2) & (pixels[box] > _PRINT)
            pixels[box][fringe] = 255
    return Image.fromarray(pixels)


def _whiten_edge_sliver(pixels, red, box: tuple[slice, slice], right: bool) -> None:
    """A sliver of the seal across the page edges: nothing is printed between it and the
    edge, and its ink is as often dark or grey (JPEG) as red, so the band from its red
    strokes to the edge is whitened whole."""
    import numpy

    cols = numpy.nonzero(red[box].any(axis=0))[0]
    if not len(cols):
        return
    start = box[1].start
    band = slice(start + cols[0] - 4, None) if right else slice(0, start + cols[-1] + 5)
    pixels[box[0], band] = 255
