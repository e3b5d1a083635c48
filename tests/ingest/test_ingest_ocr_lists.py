"""Scanned decisions and their attached lists (issue 12): the OCR layer keeps a numbered
list's numbers on their rows, whitens the sliver of a seal stamped across the page edges,
and the header block of page 1 ends with the header (not at a grounds line that wraps after
a law's date)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.ingest.pdf import _HEADER_HINT, tesseract_ready
from extractor.ingest.pdf_ocr import without_stamps
from extractor.ingest.pdf_tesseract import detached_number_column
from tests.conftest import ROOT

needs_tesseract = pytest.mark.skipif(not tesseract_ready(), reason="Tesseract with Vietnamese data not installed")

_TSV_HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(blocks: list[tuple[int, int, int, int]], empty: tuple[int, ...] = ()) -> str:
    """Tesseract's TSV with these blocks, each holding one word unless listed in `empty`."""
    rows = []
    for i, (x, y, w, h) in enumerate(blocks, 1):
        rows.append(f"2\t1\t{i}\t0\t0\t0\t{x}\t{y}\t{w}\t{h}\t-1\t")
        if i not in empty:
            rows.append(f"5\t1\t{i}\t1\t1\t1\t{x}\t{y}\t{w}\t{min(h, 40)}\t90\tx")
    return "\n".join([_TSV_HEAD, *rows])


def test_a_number_column_cut_off_the_rows_is_detected():
    # 300 dpi page: the rows' text from x=490, and four blocks 30-60 px wide at x=390 that
    # run down a third of the page (the numbers, read apart from their rows)
    listed = _tsv([(578, 246, 1494, 176), (490, 549, 2002, 2619), (390, 1087, 59, 855), (392, 1964, 59, 269),
                   (396, 2342, 58, 354), (397, 2836, 61, 323)])
    assert detached_number_column(listed)
    # a decision page: full-width blocks, and one narrow block (a page number, a mark)
    decision = _tsv([(357, 237, 1826, 160), (352, 861, 1888, 867), (1212, 720, 40, 60), (352, 1877, 1886, 533)])
    assert not detached_number_column(decision)
    # a scan's dark border: a narrow block down the page edge, with no word in it
    bordered = _tsv([(0, 1393, 17, 2114), (393, 284, 1869, 64), (357, 970, 1971, 881)], empty=(1,))
    assert not detached_number_column(bordered)


def test_the_sliver_of_a_seal_across_the_page_edges_is_whitened_and_print_kept():
    import numpy
    from PIL import Image

    page = numpy.full((3508, 2480, 3), 255, dtype=numpy.uint8)
    page[1000:1040, 300:2300] = 20  # a line of black print running near the right margin
    page[900:1400, 2440:2480] = (185, 25, 30)  # the seal's red ring, cut by the page edge
    page[1100:1150, 2445:2470] = (90, 80, 85)  # its darker, greyish ink (JPEG)
    grey = numpy.asarray(without_stamps(Image.fromarray(page)))
    assert grey[900:1400, 2440:2480].min() == 255
    assert grey[1000:1040, 300:2300].max() < 60


@pytest.mark.parametrize("line, header", [
    ("Hà Nội, ngày 20 tháng 5 năm 2021", True),
    ("Số: 12/QĐ-UBND Bắc Giang, ngày 03 tháng 4 năm 2020", True),
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
    ("bổ sung một số điều của Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005", False),
    ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015", False),
])
def test_header_hints_are_the_header_s_own_lines(line, header):
    assert bool(_HEADER_HINT.search(line)) is header


@needs_tesseract
def test_scanned_list_page_keeps_each_row_number_on_its_row():
    # a real scanned decision's attached list (corpus 2, test split): its page 2 is a
    # numbered list of units without rules; each row must come out as `N. Unit, parent`
    from extractor.ingest.pdf_ocr import ocr_pages

    path = ROOT / "corpora" / "originals" / "b14_vnpt_qd_tang_co_thidua_2020.pdf"
    if not path.exists():
        pytest.skip("corpus original not present")
    lines, _ = ocr_pages(Path(path).read_bytes(), path.name, [1])[1]
    texts = [" ".join(w["text"] for w in ln.words) for ln in lines]
    numbered = [t for t in texts if t[:1].isdigit() and "." in t[:5]]
    assert len(numbered) >= 40
    assert all(t.split(".", 1)[1].strip(" _").startswith(("Trung tâm", "Công ty")) for t in numbered[:20])


@pytest.mark.parametrize("words, expected", [
    (["—", "3.", "Trường", "Mầm", "non"], ["3.", "Trường", "Mầm", "non"]),  # a rule's speck before the number
    (["_", "2,", "Bà", "Lan"], ["2,", "Bà", "Lan"]),
    (["5...", "Trường"], ["5.", "Trường"]),  # doubled dots
    (["-", "Như", "Điều", "3;"], ["-", "Như", "Điều", "3;"]),  # a dash before words is a bullet
])
def test_a_scanned_row_opens_with_its_number(words, expected):
    from extractor.ingest.pdf_tesseract import _row_number_first

    assert [w["text"] for w in _row_number_first([{"text": t} for t in words])] == expected
