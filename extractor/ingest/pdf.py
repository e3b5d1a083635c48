"""PDF with a text layer (pdfplumber), or scanned pages through Tesseract.

Reading order is rebuilt from word boxes: lines are clustered by baseline, running
headers/footers and page numbers dropped (text repeating in the top/bottom margin, bare
numbers, "Trang n"), lines joined into paragraphs by the reflow test (the first word of
the next line would not have fitted on the previous one) and the first-line indent, also
across page breaks. The two-column header block is split at the widest vertical gap.
Footnotes are the small print under the body: by font size on text pages; on scanned pages
by glyph height, their marks found in the image (Tesseract reads a raised digit as a quote)."""
from __future__ import annotations

import io
import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass, field

from extractor.errors import ErrorCode, ExtractionError, describe
from extractor.ingest.base import FOOTNOTE_REF, RawBlock, RawCell, RawDocument, corrupt, encrypted, table_row
from extractor.limits import check_page_chars, check_pages, current as current_limits, exceeded
from extractor.ingest.pdf_text import join_split_syllables
from extractor.model import BlockKind, Format

_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?$", re.I)
_HEADER_HINT = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)|Độc\s+lập|^Số\s*:|ngày\s.*\bnăm\s+\d{4}\s*$", re.I)
_CLOSING = re.compile(r"^[.,;:!?)\]”…]")
# An article, chapter or section opens a new paragraph even when the line above is full.
_OPENS_UNIT = re.compile(r"^(?:Điều\s+\d+\s*[.:]|Chương\s+[IVXLC\d]+|Mục\s+\d+|Phần\s+thứ\s)", re.I)
_MARGIN = 0.09  # share of the page height where running headers and footers live


@dataclass
class Line:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    words: list[dict] = field(default_factory=list)
    scanned: bool = False  # read by OCR: sizes are glyph heights, not font sizes
    solo: bool = False  # a line that stands alone (a column of the signature zone): never joined

    @property
    def text(self) -> str:
        out = ""
        for w in self.words:
            if w.get("ref"):
                out += FOOTNOTE_REF  # glued to the word it marks
            elif out.endswith(FOOTNOTE_REF) and _CLOSING.match(w["text"]):
                out += w["text"]  # "định¹." — the mark split the word from its full stop
            else:
                out += (" " if out else "") + w["text"]
        return out if self.scanned else join_split_syllables(out)

    @property
    def refs(self) -> list[str]:
        return [w["text"] for w in self.words if w.get("ref")]

    @property
    def size(self) -> float:
        if self.scanned:
            return _glyph_size(self.words)
        sizes = [w.get("size", 0.0) for w in self.words if not w.get("ref")]
        return statistics.median(sizes) if sizes else 0.0

    @property
    def first_word_width(self) -> float:
        return self.words[0]["x1"] - self.words[0]["x0"] if self.words else 0.0


def _lines(words: list[dict], page: int) -> list[Line]:
    """Words grouped into lines by their vertical middle."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round((w["top"] + w["bottom"]) / 2), w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        for line in reversed(lines[-3:]):
            if abs((line.top + line.bottom) / 2 - middle) < 3:
                line.words.append(word)
                line.x0, line.x1 = min(line.x0, word["x0"]), max(line.x1, word["x1"])
                break
        else:
            lines.append(Line(page, word["x0"], word["x1"], word["top"], word["bottom"], [word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return sorted(lines, key=lambda ln: ln.top)


# --- words and tables of a page ------------------------------------------------------------
#
# pdfplumber turns every layout object into a dict of all its attributes before finding
# words or tables — half the reading time. A page without ruling cannot hold a ruled
# table, so its words are taken from the characters of pdfminer's layout directly, as
# the same dicts reduced to the keys word extraction reads, by pdfplumber's own
# WordExtractor: the words are identical, at about twice the speed.

WORD_SETTINGS = {"x_tolerance": 1.5, "y_tolerance": 3, "extra_attrs": ["size"]}
_MIN_RULES = 4  # ruling objects a table of two rows and two columns needs at least


def _words_and_tables(page) -> tuple[list[dict], list[tuple[tuple[float, float, float, float], list[str]]]]:
    """Words outside tables, and the tables of the page."""
    if _count_rules(page.layout) < _MIN_RULES:
        from pdfplumber.utils.text import WordExtractor

        return WordExtractor(**WORD_SETTINGS).extract_words(_layout_chars(page)), []
    page_tables = PdfReader.tables(page)
    boxes = [bbox for bbox, _ in page_tables]
    words = [w for w in page.extract_words(**WORD_SETTINGS) if not any(_inside(w, b) for b in boxes)]
    return words, page_tables


def _flatten_forms(data: bytes) -> bytes:
    """Form fields and signature widgets drawn into the page, as a viewer shows them: an
    e-office decision prints its number and date in such widgets (`Số: 640/…`), which a
    text extractor reading only the page content would miss. Other PDFs pass unchanged."""
    if b"/Widget" not in data and b"/FT" not in data:
        return data
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c

        doc = pdfium.PdfDocument(data)
        try:
            changed = False
            for i in range(len(doc)):
                page = doc[i]
                if pdfium_c.FPDFPage_GetAnnotCount(page.raw) > 0:
                    changed |= pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY) == pdfium_c.FLATTEN_SUCCESS
            if not changed:
                return data
            out = io.BytesIO()
            doc.save(out)
            return out.getvalue()
        finally:
            doc.close()
    except Exception:  # noqa: BLE001 — a PDF pdfium cannot flatten is read as it is
        return data


def _count_pages(doc, stop: int) -> int:
    """Pages of the document, counted up to `stop` (a 100,000-page file is not walked whole)."""
    from itertools import islice

    from pdfminer.pdfpage import PDFPage

    return sum(1 for _ in islice(PDFPage.create_pages(doc), stop))


class _TooManyChars(Exception):
    pass


def _lay_out_within_budget(page, number: int, name: str) -> None:
    """Interpret the page as pdfplumber's `page.layout` does, counting its characters as
    they are drawn: pdfminer takes seconds per hundred thousand, so a page past
    `max_page_chars` is refused as soon as it gets there. pdfplumber reads the result
    from `page._layout`, where its own property would have put it."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    budget = current_limits().max_page_chars

    class Device(PDFPageAggregatorWithMarkedContent):
        drawn = 0

        def render_char(self, *args, **kwargs):
            Device.drawn += 1
            if Device.drawn > budget:
                raise _TooManyChars
            return super().render_char(*args, **kwargs)

    device = Device(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except _TooManyChars:
        check_page_chars(name, number, Device.drawn)
    page._layout = device.get_result()


def _layout_objects(container):
    from pdfminer.layout import LTContainer

    for obj in container:
        if isinstance(obj, LTContainer):
            yield from _layout_objects(obj)
        else:
            yield obj


def _count_rules(layout) -> int:
    from pdfminer.layout import LTCurve

    return sum(1 for obj in _layout_objects(layout) if isinstance(obj, LTCurve))


def _has_image(layout) -> bool:
    from pdfminer.layout import LTImage

    return any(isinstance(obj, LTImage) for obj in _layout_objects(layout))


def _layout_chars(page) -> list[dict]:
    """pdfplumber's char dicts (page.chars), only the keys word extraction uses."""
    from pdfminer.layout import LTChar

    mb_x0, mb_top = page.mediabox[:2]
    height, doctop = page.height, page.initial_doctop
    chars = []
    for obj in _layout_objects(page.layout):
        if isinstance(obj, LTChar):
            top = height - obj.y1 + mb_top
            chars.append({"text": obj.get_text(), "x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0, "top": top,
                          "bottom": height - obj.y0 + mb_top, "doctop": doctop + top,
                          "upright": obj.upright, "size": obj.size})
    return chars


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().casefold())


def _drop_furniture(pages: list[tuple[float, list[Line]]]) -> list[list[Line]]:
    """Remove running headers/footers (repeated in the margins) and page numbers."""
    counts: dict[str, int] = {}
    for height, lines in pages:
        seen = {_furniture_key(ln.text) for ln in lines if _in_margin(ln, height)}
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
    repeated = {k for k, n in counts.items() if len(pages) > 1 and n >= max(2, len(pages) // 2)}
    kept: list[list[Line]] = []
    for height, lines in pages:
        kept.append([ln for ln in lines if not (_in_margin(ln, height) and (
            _furniture_key(ln.text) in repeated or _PAGE_NUMBER.match(ln.text.strip())))])
    return kept


def _in_margin(line: Line, height: float) -> bool:
    return line.top < height * _MARGIN or line.bottom > height * (1 - _MARGIN)


class PdfReader:
    def __init__(self, data: bytes, name: str) -> None:
        self.data = data
        self.name = name

    def read(self) -> RawDocument:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError

        try:
            pdf = pdfplumber.open(io.BytesIO(_flatten_forms(self.data)))
            check_pages(self.name, _count_pages(pdf.doc, current_limits().max_pages + 1))
            pages = list(pdf.pages)
        except ExtractionError:
            raise
        except MemoryError:
            raise
        except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
            raise encrypted(self.name) from exc
        except PDFSyntaxError as exc:
            raise corrupt(self.name, "cấu trúc PDF hỏng") from exc
        except Exception as exc:  # pdfminer raises many kinds on broken files
            cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__cause__
            if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or \
                    "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
                raise encrypted(self.name) from exc
            raise corrupt(self.name, f"không mở được PDF: {describe(exc)}") from exc
        with pdf:
            if not pages:
                raise ExtractionError(self.name, ErrorCode.empty,
                                      "tệp PDF không có trang nào (cây trang rỗng hoặc hỏng)")
            check_pages(self.name, len(pages))
            try:
                return self._read_pages(pages)
            except ExtractionError:
                raise
            except MemoryError:
                raise
            except Exception as exc:
                raise corrupt(self.name, f"không đọc được nội dung PDF: {describe(exc)}") from exc

    def _read_pages(self, pages) -> RawDocument:
        per_page: list[tuple[float, list[Line]]] = []
        tables: list[list[tuple[float, list[list[RawCell]]]]] = []
        textless: list[int] = []  # 0-based pages without a text layer
        for number, page in enumerate(pages, start=1):
            _lay_out_within_budget(page, number, self.name)
            words, page_tables = _words_and_tables(page)
            if sum(len(w["text"]) for w in words) < 5 and not page_tables:
                textless.append(number - 1)
            per_page.append((page.height, _lines(words, number)))
            tables.append([(bbox[1], rows) for bbox, rows in page_tables])
        ocr, warnings = self._ocr_textless(pages, textless, per_page, tables)
        scanned_first = bool(per_page) and any(ln.scanned for ln in per_page[0][1])
        blocks = assemble(per_page, tables, pages[0].width if pages else 0.0, scanned_first)
        return RawDocument(format=Format.pdf, blocks=blocks, pages=len(pages), ocr=ocr, warnings=warnings)

    def _ocr_textless(self, pages, textless: list[int], per_page: list[tuple[float, list[Line]]],
                      tables: list) -> tuple[bool, list[str]]:
        """Replace the lines of scanned pages by OCR. A PDF with no text at all needs
        Tesseract (else the "scanned PDF" error); in a PDF with some text, only pages
        holding an image are OCR'd, and skipped with a warning when Tesseract is missing."""
        if len(textless) < len(pages):
            textless = [i for i in textless if _has_image(pages[i].layout)]
        if not textless:
            return False, []
        if len(textless) < len(pages) and not tesseract_ready():
            return False, [f"{len(textless)} trang là ảnh quét không có lớp văn bản nên đã bị bỏ qua; "
                           "cài Tesseract tiếng Việt để nhận dạng chữ"]
        for index, (lines, page_tables) in ocr_pages(self.data, self.name, textless).items():
            per_page[index] = (per_page[index][0], lines)
            tables[index] = [(bbox[1], rows) for bbox, rows in page_tables]
        return True, []

    @staticmethod
    def tables(page) -> list[tuple[tuple[float, float, float, float], list[list[RawCell]]]]:
        out = []
        for table in page.find_tables():
            rows = _table_rows(table)
            if len(rows) < 2 or max(len(r) for r in rows) < 2:
                continue  # a one-row box is a frame, not a table
            out.append((table.bbox, rows))
        return out

    # --- header block -------------------------------------------------------------------

    @staticmethod
    def _header(width: float, lines: list[Line], scanned: bool = False) -> tuple[list[RawBlock], int]:
        """Header blocks from the two columns at the top of page 1; index of the first
        body line after them. On a scanned page the lines are Tesseract's (they follow
        skew, and a tone mark would throw a baseline clustering off), so each is cut at
        the column gap rather than the words regrouped."""
        last = -1
        for i, line in enumerate(lines[:12]):
            if _HEADER_HINT.search(line.text):
                last = i
        if last < 0:
            return [], 0
        first = _running_head_lines(lines[:last], width) if scanned else 0
        region = lines[first: last + 1]
        split = _column_gap(region, width)
        columns = ([_cut(region, lambda w: w["x1"] <= split), _cut(region, lambda w: w["x0"] >= split)] if scanned
                   else [_lines([w for ln in region for w in ln.words if w["x1"] <= split], 1),
                         _lines([w for ln in region for w in ln.words if w["x0"] >= split], 1)])
        blocks: list[RawBlock] = []
        for column in columns:
            for text in _join_wrapped(column):
                blocks.append(RawBlock(text=text, kind=BlockKind.header, page=1))
        return blocks, last + 1

    # --- paragraphs ---------------------------------------------------------------------

    @classmethod
    def _paragraphs(cls, pages: list[list[Line]], tables) -> list[RawBlock]:
        body = [ln for lines in pages for ln in lines]
        if not body:
            return []
        left = statistics.median_low(sorted(ln.x0 for ln in body)[: max(1, len(body) // 3)])
        right = max(ln.x1 for ln in body) if len(body) < 5 else sorted(ln.x1 for ln in body)[int(len(body) * 0.9)]
        gaps = [b.top - a.bottom for a, b in zip(body, body[1:]) if a.page == b.page and b.top > a.bottom]
        normal_gap = statistics.median(gaps) if gaps else 4.0
        blocks: list[RawBlock] = []
        current: list[Line] = []
        pending_tables = [(page_no, top, rows) for page_no, page_tables in enumerate(tables, start=1)
                          for top, rows in page_tables]
        table_ids = iter(range(len(pending_tables)))

        def emit(page_no: int, rows: list[list[RawCell]]) -> None:
            table = next(table_ids)
            blocks.extend(table_row(cells, table, i, page=page_no) for i, cells in enumerate(rows))

        def flush() -> None:
            if current:
                blocks.append(RawBlock(text=_join_lines([ln.text for ln in current]), page=current[0].page,
                                       refs=[m for ln in current for m in ln.refs]))
                current.clear()

        for line in body:
            while pending_tables and (pending_tables[0][0], pending_tables[0][1]) < (line.page, line.top):
                flush()
                page_no, _, rows = pending_tables.pop(0)
                emit(page_no, rows)
            if current and not line.solo and not current[-1].solo \
                    and cls._continues(current[-1], line, left, right, normal_gap):
                current.append(line)
            else:
                flush()
                current.append(line)
        flush()
        for page_no, _, rows in pending_tables:
            emit(page_no, rows)
        return blocks

    @staticmethod
    def _continues(prev: Line, line: Line, left: float, right: float, normal_gap: float) -> bool:
        indented = line.x0 > left + 12
        if indented or _OPENS_UNIT.match(line.text):
            return False
        if prev.page == line.page and line.top - prev.bottom > normal_gap * 2.2 + 2:
            return False
        room = right - prev.x1
        space = 4.0
        # Reflow test: the next line's first word would not have fitted on this line.
        return room < line.first_word_width + space * 2


def assemble(per_page: list[tuple[float, list[Line]]], tables, width: float,
             scanned_first: bool = False) -> list[RawBlock]:
    """Lines of every page → blocks: furniture dropped, footnotes split off, the header
    block read from page 1, the rest joined into paragraphs."""
    from extractor.ingest.pdf_columns import split_signature_zone

    kept = [split_signature_zone(lines, width) for lines in _drop_furniture(per_page)]
    kept, notes = _split_footnotes(kept)
    header, first_body = PdfReader._header(width, kept[0], scanned_first) if kept else ([], 0)
    if kept:
        kept[0] = kept[0][first_body:]
    return header + PdfReader._paragraphs(kept, tables) + notes


def _join_lines(texts: list[str]) -> str:
    """Lines of one paragraph; a word hyphenated at the line end ("2022-" + "2023") is
    joined without a space, a spaced dash ("kinh tế -" + "xã hội") keeps it."""
    out = ""
    for text in texts:
        if out.endswith("-") and len(out) > 1 and not out[-2].isspace():
            out += text
        else:
            out += (" " if out else "") + text
    return out


def _table_rows(table) -> list[list[RawCell]]:
    """Cells row by row, as the .docx has them: a cell merged across columns is one cell
    (pdfplumber's None for the columns it covers is dropped, as Word keeps one w:tc with a
    gridSpan); one merged down the rows stays an empty cell in the rows below (Word's
    vMerge continuation). Each cell keeps its grid column and page position."""
    columns = sorted({cell[0] for cell in table.cells})
    out = []
    for row, texts in zip(table.rows, table.extract()):
        cells: list[RawCell] = []
        reach = float("-inf")
        for col, (x0, bbox, text) in enumerate(zip(columns, row.cells, texts)):
            if bbox is not None:
                reach = bbox[2]
                cells.append(RawCell(text=_cell_text(text), col=col, x0=bbox[0], x1=bbox[2]))
            elif x0 < reach - 1:
                cells[-1].span += 1 if cells else 0  # covered by the cell on its left
            else:
                cells.append(RawCell(text="", col=col, x0=x0, x1=x0))
        out.append(cells)
    return out


def _cell_text(cell: str | None) -> str:
    """A table cell's lines as one text. Joined like a paragraph's lines, so a word the
    narrow column hyphenated ("2022-" + "2023") closes up as it reads in the .docx."""
    return join_split_syllables(_join_lines([ln.strip() for ln in (cell or "").split("\n") if ln.strip()]))


def _split_footnotes(pages: list[list[Line]]) -> tuple[list[list[Line]], list[RawBlock]]:
    """Footnotes: small-print lines under the body at the foot of a page. A small digit
    raised inside a body line is a reference mark; one opening a small line starts a note;
    a small line opening with "-" is another line of the same note (seed 003's lists).
    Text pages are judged by font size, scanned pages by glyph height (_ocr_notes_start)."""
    sizes = [round(ln.size) for lines in pages for ln in lines if ln.size and not ln.scanned]
    body_size = statistics.mode(sizes) if sizes else 0.0
    notes: list[RawBlock] = []
    kept_pages: list[list[Line]] = []
    mark: str | None = None
    for lines in pages:
        first_note = _ocr_notes_start(lines) if any(ln.scanned for ln in lines) else _text_notes_start(lines, body_size)
        kept_pages.append(lines[:first_note])
        for line in lines[first_note:]:
            opening = line.words[0]
            if opening.get("ref"):
                mark = opening["text"]
                line.words = line.words[1:]
                notes.append(RawBlock(text=line.text, kind=BlockKind.footnote, footnote_mark=mark, page=line.page))
            elif mark and line.text.startswith("-") or not notes:
                notes.append(RawBlock(text=line.text, kind=BlockKind.footnote, footnote_mark=mark, page=line.page))
            else:
                notes[-1].text += " " + line.text
    return kept_pages, [n for n in notes if n.footnote_mark]


def _text_notes_start(lines: list[Line], body_size: float) -> int:
    """Index of a text page's first footnote line: the one after the last line in the body
    size. Digits set clearly smaller than the body are marked as references."""
    for line in lines:
        for word in line.words:
            if word["text"].isdigit() and word.get("size", body_size) < body_size * 0.7:
                word["ref"] = True
    return 1 + max((i for i, ln in enumerate(lines) if not ln.size or ln.size >= body_size * 0.9), default=-1)


# A scanned page gives glyph heights, which scatter with the accents and letters of each
# line (seed 003 at 300 dpi: 13-pt body lines 9.5-13.6, median 12; 10-pt notes 7.4-11.6,
# median 9.1): one line's height decides little, so the footnote block is judged as a whole,
# and it must open with a mark.
_NOTE_RATIO = 0.9  # a block of notes is at most 0.86 of the body size, the body itself 1


def _ocr_notes_start(lines: list[Line]) -> int:
    """Index of a scanned page's first footnote line (len(lines) when it has none): the first
    line opening with a raised mark (found in the image by _mark_words) from which on the
    lines are clearly smaller than the body above it. Small lines right above it, closer
    than the gap that sets the notes apart, continue a note from the page before."""
    sizes = [ln.size for ln in lines]
    for i, line in enumerate(lines):
        if not (line.words and line.words[0].get("ref")):
            continue
        body, below = [s for s in sizes[:i] if s], [s for s in sizes[i:] if s]
        if not body or not below:
            continue
        body_size = statistics.median(body)
        if statistics.median(below) >= body_size * _NOTE_RATIO:
            continue  # a mark opening a body line, or no small print under it
        while i > 1 and 0 < sizes[i - 1] < body_size * _NOTE_RATIO and \
                lines[i].top - lines[i - 1].bottom < body_size * 0.5:
            i -= 1
        return i
    return len(lines)


def _inside(word: dict, bbox) -> bool:
    x0, top, x1, bottom = bbox
    return word["x0"] >= x0 - 1 and word["x1"] <= x1 + 1 and word["top"] >= top - 1 and word["bottom"] <= bottom + 1


def _column_gap(lines: list[Line], width: float) -> float:
    """x of the widest vertical gap between 30% and 70% of the page width."""
    covered = [(w["x0"], w["x1"]) for ln in lines for w in ln.words]
    best, best_x = -1.0, width / 2
    x = width * 0.3
    while x < width * 0.7:
        if not any(a <= x <= b for a, b in covered):
            run_end = x
            while run_end < width * 0.7 and not any(a <= run_end <= b for a, b in covered):
                run_end += 1
            if run_end - x > best:
                best, best_x = run_end - x, (x + run_end) / 2
            x = run_end
        x += 1
    return best_x


def _cut(lines: list[Line], keep) -> list[Line]:
    """The part of each line whose words `keep` accepts (lines left empty dropped)."""
    out = []
    for line in lines:
        words = [w for w in line.words if keep(w)]
        if words:
            out.append(Line(line.page, words[0]["x0"], words[-1]["x1"], min(w["top"] for w in words),
                            max(w["bottom"] for w in words), words))
    return out


def _running_head_lines(lines: list[Line], width: float) -> int:
    """How many lines open a scanned page 1 above its header block as a running header:
    one unbroken phrase across the middle of the page, where the two header columns
    leave their gap. (A text PDF drops it as text repeated on every page; one scanned
    page gives no repetition to go on.)"""
    count = 0
    for line in lines:
        gaps = [b["x0"] - a["x1"] for a, b in zip(line.words, line.words[1:])]
        if not (line.x0 < width / 2 < line.x1 and max(gaps, default=0) < 20):
            break
        count += 1
    return count


def _join_wrapped(lines: list[Line]) -> list[str]:
    """Header column lines, a centred line wrapped in two joined back
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" + "VIỆT NAM", "V/v phát động …" + "mục tiêu …")."""
    out: list[str] = []
    for line in lines:
        text = line.text.strip()
        if out and (text[:1].islower() or out[-1].upper().endswith("CHỦ NGHĨA") and text.upper().startswith("VI")):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


# --- OCR --------------------------------------------------------------------------------

OCR_DPI = 300
_TSV_WORD = 5  # level of a word row in Tesseract's TSV output


def tesseract_ready() -> bool:
    """Tesseract on PATH with the Vietnamese language data."""
    if shutil.which("tesseract") is None:
        return False
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "vie" in langs.stdout.split()


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
        tsv = _tesseract(image, [])
    except subprocess.CalledProcessError as exc:
        raise corrupt(name, f"Tesseract không đọc được trang {number}") from exc
    except subprocess.TimeoutExpired as exc:
        raise corrupt(name, f"Tesseract không đọc xong trang {number} trong thời gian cho phép") from exc
    except OSError as exc:
        raise corrupt(name, f"không chạy được Tesseract để đọc trang {number}") from exc
    lines = tsv_lines(tsv, number)
    _mark_words(image, lines)
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


def _tesseract(image, options: list[str], dpi: int = OCR_DPI) -> str:
    """Tesseract's TSV for a greyscale image (Vietnamese, one thread); raises when it fails."""
    buf = io.BytesIO()
    image.save(buf, format="PPM")  # uncompressed: cheaper than PNG, read by Leptonica
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    result = subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie", "--dpi", str(dpi), *options, "tsv"],
                            input=buf.getvalue(), capture_output=True, env=env, timeout=300, check=True)
    return result.stdout.decode("utf-8", errors="replace")


def tsv_lines(tsv: str, page: int, dpi: int = OCR_DPI) -> list[Line]:
    """Tesseract TSV → Lines, one per line Tesseract found (it follows skew, which a
    baseline clustering of word boxes would not), top to bottom. A word keeps its box in
    pixels ("px") for _mark_words, and its height in points as its "size"."""
    scale = 72 / dpi
    by_line: dict[tuple[str, str, str], list[dict]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != str(_TSV_WORD) or not cells[11].strip():
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        word = {"text": cells[11].strip(), "x0": left * scale, "x1": (left + width) * scale, "top": top * scale,
                "bottom": (top + height) * scale, "size": height * scale, "px": (left, top, left + width, top + height)}
        by_line.setdefault((cells[2], cells[3], cells[4]), []).append(word)
    lines = []
    for words in by_line.values():
        words.sort(key=lambda w: w["x0"])
        lines.append(Line(page, words[0]["x0"], max(w["x1"] for w in words),
                          min(w["top"] for w in words), max(w["bottom"] for w in words), words, scanned=True))
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))


def _glyph_size(words: list[dict]) -> float:
    """Size of an OCR'd line: the upper quartile of its words' box heights (pt). A box spans
    the accents, ascenders and descenders its word happens to have, so the median drifts
    with the words where the upper quartile holds. Lines of fewer than two words of two
    letters or digits (stray strokes, a lone word) give none (0)."""
    heights = [w["size"] for w in words if not w.get("ref") and sum(c.isalnum() for c in w["text"]) >= 2]
    return statistics.quantiles(heights, n=4, method="inclusive")[2] if len(heights) >= 2 else 0.0


# --- footnote marks on scanned pages ------------------------------------------------------
#
# Tesseract reads a raised footnote mark into the word it touches, mostly as a quote or a
# stroke ("định'!.", "“Cường"). So the marks are found in the image: a word's glyphs are its
# runs of inked columns; runs lifted well off the line's baseline and taller than a quote,
# before the word's letters (a note's opening mark) or after them with at most punctuation
# following (a reference in the body), are read again alone as digits, and the word is read
# again without them. Shares of the line's glyph size, measured on seed 003 at 300 dpi:
_MARK_LIFT = 0.3  # marks sit 0.39-0.47 above the baseline, hyphens 0.23-0.33
_MARK_HEIGHT = (0.36, 0.6)  # marks are 0.38-0.45 tall, quotes 0.33 at most
_PUNCT_WIDTH = 0.3  # glyphs after a mark no wider than this are its word's punctuation
_TRAILING_PUNCT = re.compile(r"(.*?)([.,;:!?)\]”…]*)$", re.S)


@dataclass
class _Run:
    """Inked columns of a word's image between blank ones, in pixels (bottom exclusive)."""

    x0: int
    x1: int
    top: int
    bottom: int


def _mark_words(image, lines: list[Line]) -> None:
    """Split the raised footnote marks off the OCR'd words as reference words."""
    import numpy

    ink = numpy.asarray(image) < 128
    sized = [ln.size for ln in lines if ln.size]
    page_size = statistics.median(sized) if sized else 0.0
    for line in lines:
        size = (line.size or page_size) * OCR_DPI / 72
        if not size:
            continue
        # Most words end on the baseline. Tesseract may fold a short line into the word
        # under it (a note's last word "toán." into the next note's "⁴Cường"): the glyphs
        # are taken between the line's cap height and its descenders only.
        base = statistics.mode(w["px"][3] for w in line.words)
        band = (round(base - 1.15 * size), round(base + 0.4 * size))
        runs = [_ink_runs(ink, w["px"], band) for w in line.words]
        bottoms = [r.bottom for word_runs in runs for r in word_runs]
        if not bottoms:
            continue
        baseline = statistics.median(bottoms)  # most glyphs stand on it
        words: list[dict] = []
        for word, word_runs in zip(line.words, runs):
            raised = [baseline - r.bottom >= _MARK_LIFT * size and
                      _MARK_HEIGHT[0] * size <= r.bottom - r.top <= _MARK_HEIGHT[1] * size for r in word_runs]
            span = _mark_span(word_runs, raised, size)
            words.extend(_split_mark(image, word, word_runs, span, band) if span else [word])
        line.words = words


def _ink_runs(ink, box: tuple[int, int, int, int], band: tuple[int, int]) -> list[_Run]:
    import numpy

    x0, top, x1, bottom = box
    top, bottom = max(top, band[0]), min(bottom, band[1])
    area = ink[top:bottom, x0:x1]
    columns = numpy.concatenate(([False], area.any(axis=0), [False]))
    edges = numpy.flatnonzero(columns[1:] != columns[:-1])
    runs = []
    for a, b in zip(edges[::2], edges[1::2]):
        rows = numpy.flatnonzero(area[:, a:b].any(axis=1))
        runs.append(_Run(x0 + int(a), x0 + int(b), top + int(rows[0]), top + int(rows[-1]) + 1))
    return runs


def _mark_span(runs: list[_Run], raised: list[bool], size: float) -> tuple[int, int] | None:
    """Runs [i, j) of a word that make a footnote mark: raised runs before its letters, or
    after them with only narrow glyphs (punctuation) following; None when there are none."""
    if not any(raised):
        return None
    if raised[0]:
        return 0, raised.index(False) if False in raised else len(runs)
    j = len(runs) - raised[::-1].index(True)
    if len(runs) - j > 3 or any(r.x1 - r.x0 > _PUNCT_WIDTH * size for r in runs[j:]):
        return None  # letters follow: an exponent or a stray stroke, not a mark
    i = j
    while raised[i - 1]:
        i -= 1
    return i, j


def _split_mark(image, word: dict, runs: list[_Run], span: tuple[int, int], band: tuple[int, int]) -> list[dict]:
    """The word as [mark, rest] or [rest, mark, punctuation], the mark a reference word
    holding its digits; the word unchanged when the raised glyphs do not read as digits.
    The word is read again within the line's band (see _mark_words)."""
    i, j = span
    box = (runs[i].x0, min(r.top for r in runs[i:j]), runs[j - 1].x1, max(r.bottom for r in runs[i:j]))
    digits = _read_crop(image, box, digits=True)
    if not re.fullmatch(r"\d{1,3}", digits):
        return [word]
    mark = _px_word(digits, box, word["size"], ref=True)
    if j - i == len(runs):
        return [mark]  # Tesseract read the mark as a word of its own
    x0, top, x1, bottom = word["px"]
    top, bottom = max(top, band[0]), min(bottom, band[1])
    rest = _strip_mark(word["text"], leading=i == 0)
    if rest == word["text"]:  # the mark read as a letter or digit ("20231.", "xãŠ."): read the word without it
        rest = _read_crop(image, (x0, top, x1, bottom), erase=box) or rest
    if i == 0:
        return [mark, _px_word(rest, (runs[j].x0, top, x1, bottom), word["size"])]
    head, punct = _TRAILING_PUNCT.match(rest).groups() if j < len(runs) else (rest, "")
    head = head.rstrip()  # Tesseract may read the punctuation as a word of its own
    out = [_px_word(head or rest, (x0, top, runs[i - 1].x1, bottom), word["size"]), mark]
    return out + [_px_word(punct, (runs[j].x0, top, x1, bottom), word["size"])] if head and punct else out


def _px_word(text: str, box: tuple[int, int, int, int], size: float, **extra) -> dict:
    scale = 72 / OCR_DPI
    x0, top, x1, bottom = box
    return {"text": text, "x0": x0 * scale, "x1": x1 * scale, "top": top * scale, "bottom": bottom * scale,
            "size": size, "px": box, **extra}


def _read_crop(image, box: tuple[int, int, int, int], erase: tuple[int, int, int, int] | None = None,
               digits: bool = False) -> str:
    """Tesseract's reading of a box of the page image as one line ("" when it fails): the
    digits of a mark, scaled up twice (too small for Tesseract as printed), or a word with
    its mark whited out."""
    from PIL import Image, ImageDraw

    pad, scale = 3, 2 if digits else 1
    left, upper = max(box[0] - pad, 0), max(box[1] - pad, 0)  # PIL pads outside the image in black
    crop = image.crop((left, upper, min(box[2] + pad, image.width), min(box[3] + pad, image.height)))
    if erase:  # with a pixel of slack around the erased glyphs
        ImageDraw.Draw(crop).rectangle((erase[0] - left - 1, erase[1] - upper - 1, erase[2] - left, erase[3] - upper),
                                       fill=255)
    crop = crop.resize((crop.width * scale, crop.height * scale))
    canvas = Image.new("L", (crop.width + 40, crop.height + 40), 255)  # Tesseract wants a margin
    canvas.paste(crop, (20, 20))
    options = ["--psm", "7", *(["-c", "tessedit_char_whitelist=0123456789"] if digits else [])]
    try:
        tsv = _tesseract(canvas, options, OCR_DPI * scale)
    except (OSError, subprocess.SubprocessError):
        return ""
    return " ".join(w["text"] for line in tsv_lines(tsv, 0) for w in line.words)


def _strip_mark(text: str, leading: bool) -> str:
    """The word without what Tesseract mostly makes of a mark, quotes or strokes on that
    side ("định'!." → "định.", "“Cường" → "Cường")."""
    return re.sub(r"^\W+", "", text) if leading else re.sub(r"[^\w.,;:]+(?=[.,;:]*$)", "", text)


def read_pdf(data: bytes, name: str) -> RawDocument:
    return PdfReader(data, name).read()
