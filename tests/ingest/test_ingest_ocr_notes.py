"""Footnotes on a scanned page: page 3 of seed 003's PDF rendering, where footnotes 1-3 are
printed in 10-pt type under the 13-pt body and their marks raised in the body lines,
rasterised at 300 dpi by pdftoppm and wrapped as an image-only PDF
(corpora/tools/make_renderings.py --only scan-notes). Tesseract gives glyph heights, not
font sizes, and reads a raised mark into its word as a quote; the footnotes must still
come out as footnote blocks with their marks, and out of the body."""
from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from tests.conftest import RENDERINGS

from extractor.ingest import read_document
from extractor.ingest.pdf import Line, _ocr_notes_start, tesseract_ready
from extractor.model import BlockKind

SCAN = Path(__file__).parent / "fixtures" / "003_9872598636d4699e_p3_scan.pdf"
SOURCE = RENDERINGS / "003_9872598636d4699e.pdf"
PAGE = 3

needs_tesseract = pytest.mark.skipif(not tesseract_ready(), reason="Tesseract with Vietnamese data not installed")


@pytest.fixture(scope="module")
def scanned():
    return read_document(SCAN.read_bytes(), SCAN.name)


def printed_page() -> tuple[list[tuple[str, str]], dict[str, str], list[str]]:
    """What the page says, from the text layer of the PDF the scan was made of: the marks in
    the body (mark, the text before it), the footnote texts by mark, and the body words.
    Notes are the 10-pt lines in the lower half, each opening at a digit in smaller type."""
    marks: list[tuple[str, str]] = []
    notes: dict[str, str] = {}
    body: list[str] = []
    with pdfplumber.open(SOURCE) as pdf:
        page = pdf.pages[PAGE - 1]
        for line in page.extract_text_lines():
            size = Counter(round(c["size"]) for c in line["chars"]).most_common(1)[0][0]
            parts = marked(line).split("|")  # text, mark, text, …
            if size == 13:
                marks += [(parts[i], "".join(parts[:i:2])) for i in range(1, len(parts), 2)]
                body += "".join(parts[::2]).split()
            elif size == 10 and line["top"] > page.height / 2:
                if len(parts) > 1 and not parts[0]:
                    notes[parts[1]] = "".join(parts[2:])
                else:
                    notes[list(notes)[-1]] += " " + line["text"]
    return marks, notes, body


def marked(line: dict) -> str:
    """The line's text with its runs of small type (marks) set between bars: "định|1|."."""
    chars = iter(line["chars"])
    out, small = "", False
    for ch in line["text"]:
        is_small = ch != " " and next(chars)["size"] < 8
        if is_small != small:
            out, small = out + "|", is_small
        out += ch
    return out + ("|" if small else "")


def test_scan_fixture_has_no_text_layer():
    with pdfplumber.open(SCAN) as pdf:
        assert len(pdf.pages) == 1 and not pdf.pages[0].extract_words()
    assert SCAN.stat().st_size < 300_000


def test_printed_page_has_three_footnotes():
    marks, notes, _ = printed_page()
    assert [m for m, _ in marks] == list(notes) == ["1", "2", "3"]


@needs_tesseract
def test_footnotes_come_out_with_their_marks(scanned):
    _, printed, _ = printed_page()
    assert scanned.ocr is True
    assert [f.mark for f in scanned.footnotes] == list(printed)
    for note in scanned.footnotes:
        text = " ".join(scanned.text[note.start:note.end].split())  # one block per "-" line
        ratio = difflib.SequenceMatcher(None, printed[note.mark], text).ratio()
        assert ratio >= 0.85, (note.mark, ratio, text)
        blocks = [b for b in scanned.blocks if note.start <= b.start < note.end]
        assert blocks and all(b.kind == BlockKind.footnote and b.footnote_mark == note.mark for b in blocks)


@needs_tesseract
def test_marks_are_anchored_where_the_body_raises_them(scanned):
    marks, _, _ = printed_page()
    for note, (mark, before) in zip(scanned.footnotes, marks):
        assert note.anchor is not None, mark
        assert scanned.block_at(note.anchor - 1).kind != BlockKind.footnote
        word, found = before.split()[-1], scanned.text[:note.anchor].split()[-1]
        assert difflib.SequenceMatcher(None, word, found).ratio() >= 0.75, (mark, word, found)


@needs_tesseract
def test_body_keeps_its_words_and_none_of_the_notes(scanned):
    _, notes, printed_body = printed_page()
    body = " ".join(scanned.text[b.start:b.end] for b in scanned.blocks if b.kind != BlockKind.footnote).split()
    expected = Counter(printed_body)
    recall = sum((expected & Counter(body)).values()) / sum(expected.values())
    assert recall >= 0.9, recall
    note_words = {w for text in notes.values() for w in text.split()} - set(printed_body)
    leaked = note_words & set(body)
    assert len(leaked) <= 2, leaked  # OCR noise may coin a stray match, not the notes' figures
    for figure in ("144.625.000/130.000.000", "17/19", "1970m;", "Cường"):
        assert figure not in " ".join(body)


# --- the rule, on made-up lines (no Tesseract) ----------------------------------------------

def ocr_line(top: float, size: float, text: str, mark: str | None = None) -> Line:
    """A scanned line of words `size` pt tall, opening with a reference mark if given."""
    words = [{"text": w, "x0": 90.0 + 40 * i, "x1": 120.0 + 40 * i, "top": top, "bottom": top + size, "size": size}
             for i, w in enumerate(text.split())]
    if mark:
        words.insert(0, {"text": mark, "x0": 86.0, "x1": 89.0, "top": top, "bottom": top + 4, "size": 4, "ref": True})
    return Line(1, 86.0, words[-1]["x1"], top, top + size, words, scanned=True)


BODY = [ocr_line(60 + 15 * i, 12, "dòng thân bài có cỡ chữ") for i in range(20)]


def test_notes_start_at_a_marked_line_of_small_print():
    notes = [ocr_line(380, 9, "chú thích nhỏ dưới trang", "4"),
             ocr_line(392, 9, "dòng tiếp của chú thích")]
    assert _ocr_notes_start(BODY + notes) == len(BODY)


def test_small_lines_close_above_the_first_mark_continue_a_note():
    continued = [ocr_line(380 + 11 * i, 9, "- chú thích trang trước") for i in range(3)]
    notes = [ocr_line(413, 9, "chú thích nhỏ dưới trang", "4")]
    short_last_line = ocr_line(360, 9, "câu cuối ngắn")  # small, but set apart by the notes' gap
    assert _ocr_notes_start(BODY + [short_last_line] + continued + notes) == len(BODY) + 1


def test_a_mark_opening_body_sized_lines_is_no_footnote():
    marked_body = [ocr_line(380, 12, "dòng thân bài mở đầu bằng số", "2"),
                   ocr_line(395, 12, "dòng thân bài tiếp")]
    assert _ocr_notes_start(BODY + marked_body) == len(BODY) + 2
