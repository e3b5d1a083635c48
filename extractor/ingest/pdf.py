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
import re
import statistics

from extractor.errors import ErrorCode, ExtractionError, describe
from extractor.ingest.base import RawBlock, RawCell, RawDocument, corrupt, encrypted, table_row
from extractor.ingest.pdf_lines import Line, group_lines
from extractor.ingest.pdf_ocr import ocr_pages
from extractor.ingest.pdf_tesseract import tesseract_ready
from extractor.ingest.pdf_text import join_split_syllables
from extractor.limits import check_page_chars, check_pages, current as current_limits
from extractor.model import BlockKind, Format

_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?$", re.I)
# The header's date line follows its place (`Hà Nội, ngày … năm 2021`); a grounds line that
# wraps after a law's date (`… Khen thưởng ngày 14 tháng 6 năm 2005`) is no header line.
_HEADER_HINT = re.compile(r"(?i:CỘNG\s+H(?:ÒA|OÀ)|Độc\s+lập|^Số\s*:)|(?:^|[,.]|[A-ZĐ]\w*)\s*(?i:ngày)\s.*\b(?i:năm)\s+\d{4}\s*$")
# An article, chapter or section opens a new paragraph even when the line above is full.
_OPENS_UNIT = re.compile(r"^(?:Điều\s+\d+\s*[.:]|Chương\s+[IVXLC\d]+|Mục\s+\d+|Phần\s+thứ\s)", re.I)
_MARGIN = 0.09  # share of the page height where running headers and footers live


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


_SCAN_COVER = 0.8  # a scanned page is an image over this share of the page, or more
_THIN_TEXT = 200  # characters: a signing stamp or a caption, not the text of a page


def _is_scan(page, words: list[dict]) -> bool:
    """A page to read by OCR: no text layer, or one too thin to be the page's text over an
    image covering the page — an e-signed scan carries only its signing stamp ("Ký bởi: …,
    Ngày ký: …") as text, and the decision itself is the picture under it."""
    chars = sum(len(w["text"]) for w in words)
    if chars < 5:
        return True
    from pdfminer.layout import LTImage

    area = page.width * page.height
    images = (obj for obj in _layout_objects(page.layout) if isinstance(obj, LTImage))
    return chars < _THIN_TEXT and area > 0 and \
        any(obj.width * obj.height >= _SCAN_COVER * area for obj in images)


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
        textless: list[int] = []  # 0-based pages without a text layer, or one over a scan
        for number, page in enumerate(pages, start=1):
            _lay_out_within_budget(page, number, self.name)
            words, page_tables = _words_and_tables(page)
            if not page_tables and _is_scan(page, words):
                textless.append(number - 1)
            per_page.append((page.height, group_lines(words, number)))
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
                   else [group_lines([w for ln in region for w in ln.words if w["x1"] <= split], 1),
                         group_lines([w for ln in region for w in ln.words if w["x0"] >= split], 1)])
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
        if _YEAR_ONLY.match(line.text) and prev.text.rstrip().endswith("năm") and prev.page == line.page:
            return True  # a date line of the right column wrapped before its year
        indented = line.x0 > left + 12
        if indented or _OPENS_UNIT.match(line.text) or _scanned_row(line):
            return False
        if prev.page == line.page and line.top - prev.bottom > normal_gap * 2.2 + 2:
            return False
        room = right - prev.x1
        space = 4.0
        # Reflow test: the next line's first word would not have fitted on this line.
        return room < line.first_word_width + space * 2


# A numbered row of a scanned list opens its own paragraph: OCR's stray marks after the row
# above (a seal's speck, `=`) make that row look full, and the reflow test would join them.
_SCANNED_ROW = re.compile(r"^\d{1,3}[.)]\s+(?=[^\W\d_])")
def _scanned_row(line: Line) -> bool:
    m = _SCANNED_ROW.match(line.text) if line.scanned else None
    return bool(m) and line.text[m.end()].isupper()


_YEAR_ONLY = re.compile(r"^\s*(?:19|20)\d{2}\s*$")


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
        if not (line.x0 < width / 2 < line.x1 and max(gaps, default=0) < 20) or _HEADER_HINT.search(line.text):
            break  # (the issuer and `CỘNG HÒA …` printed close together are the header itself)
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


def read_pdf(data: bytes, name: str) -> RawDocument:
    return PdfReader(data, name).read()
