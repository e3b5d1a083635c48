"""Table rows of a plain-text export, made into the tables a Word, PDF or spreadsheet
backend gives for the same list.

A list copied or exported to text keeps its rows as lines of cells joined by " | ", but
loses what the grid said around them:
- a row holding one cell (a group row `Viễn thông Bắc Giang`, `Cá nhân`) has no " | ", so it
  reads as a paragraph and cuts the table in two: such a short line between numbered rows
  stays a row of the table;
- a row number broken onto a line of its own (`4.`, then the row's text) is one row again;
- the page's own line joined into the table (`(Kèm theo Quyết định số: | 640/QĐ-…)`) stands
  before the header row: the table starts at its header, and a header repeated at the
  top of each printed page inside the table is not a data row;
- a spreadsheet export (`=== Sheet: DANHSACH ===` lines) says which sheet each row is on,
  and drops the empty cells of a row: those cells are placed under the header column
  their content fits (a code under a code column, a name under the name column).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from extractor.ingest.base import RawBlock, RawCell
from extractor.model import BlockKind
from extractor.records import ColumnMeaning
from extractor.resources import load_yaml
from extractor.segment.tables import meaning_of

_INDEX = re.compile(r"^\d{1,4}\s*[.)]?$")
_GROUP_INDEX = re.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ])\s*[.)]?$")
_PAGE_NUMBER = re.compile(r"^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$")
_BRIDGE_MAX = 100  # a group row is a short label, not a sentence of the body


@lru_cache(maxsize=1)
def _sheet_mark() -> re.Pattern[str]:
    """`=== Sheet: DANHSACH ===`: the line a spreadsheet-to-text export writes before each sheet."""
    words = load_yaml("table_columns.yaml").get("sheet_markers") or ["Sheet"]
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^\s*={{2,}}\s*(?:{alt})\s*:\s*(.*?)\s*={{2,}}\s*$", re.I)


def sheet_blocks(blocks: list[RawBlock]) -> list[RawBlock]:
    """Blocks after a sheet marker carry that sheet's name (the marker line itself, like
    the xlsx backend's sheet tab, is not text of the document)."""
    out: list[RawBlock] = []
    sheet: str | None = None
    for block in blocks:
        mark = _sheet_mark().match(block.text)
        if mark:
            sheet = mark.group(1) or None
            continue
        out.append(replace(block, sheet=sheet) if sheet is not None else block)
    return out


def is_row(block: RawBlock) -> bool:
    return block.kind == BlockKind.table_row and bool(block.cells)


def _first(block: RawBlock) -> str:
    return (block.cells or [RawCell("")])[0].text.strip()


def _numbered(block: RawBlock) -> bool:
    """A data row opened by its number (`12.`) or a group row by its Roman one (`II`)."""
    first = _first(block)
    return is_row(block) and (bool(_INDEX.match(first)) or bool(_GROUP_INDEX.match(first)))


def row_of(cells: list[str], like: RawBlock) -> RawBlock:
    """A row of `cells` in order; a lone cell starts in the first column, as a grid's cell
    merged across the row does (the tables component reads it as a group row)."""
    return RawBlock(text=" | ".join(cells), kind=BlockKind.table_row, paragraph=like.paragraph,
                    style=like.style, sheet=like.sheet, cells=[RawCell(text=c, col=i) for i, c in enumerate(cells)])


def header_lines(blocks: list[RawBlock]) -> list[RawBlock]:
    """A header row that lost its " | " (`TT Tập thể, cá nhân đề nghị khen thưởng`, an index
    column's title then another column's) right above a table (a numbered row within the
    next two lines) is a row of two cells again."""
    out = list(blocks)
    for i, block in enumerate(blocks):
        if block.kind != BlockKind.paragraph or is_row(block) \
                or not any(_numbered(b) for b in blocks[i + 1:i + 3]):
            continue
        cells = _index_title_split(block.text.strip())
        if cells is not None:
            out[i] = row_of(cells, block)
    return out


def _index_title_split(text: str) -> list[str] | None:
    words = text.split()
    for n in (1, 2):
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        if rest and meaning_of(head) == ColumnMeaning.index and meaning_of(rest) not in (None, ColumnMeaning.index):
            return [head, rest]
    return None


def bridge_rows(blocks: list[RawBlock]) -> list[RawBlock]:
    """Rows the export lost their " | " from, put back into their table: a short line
    between a row and a numbered row (or the header repeated on the next page), and a row
    number alone on its line with the row's text on the next. Linear: each block is looked
    at with its two neighbours."""
    out: list[RawBlock] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        prev = out[-1] if out else None
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        text = block.text.strip()
        if prev is None or not is_row(prev) or is_row(block) or block.kind != BlockKind.paragraph \
                or prev.sheet != block.sheet:
            out.append(block)
        elif _INDEX.match(text) and nxt is not None and not is_row(nxt) and nxt.kind == BlockKind.paragraph \
                and _numbered(prev) and nxt.text.strip() and not _INDEX.match(nxt.text.strip()):
            out.append(row_of([text, nxt.text.strip()], block))  # `4.` then `Ông Nguyễn Văn A - …`
            i += 1
        elif nxt is not None and nxt.sheet == block.sheet and any(ch.isalpha() for ch in text) \
                and len(text) <= _BRIDGE_MAX and (_numbered(nxt) or _label_over_page_break(prev, text, nxt)):
            out.append(row_of([text], block))
        else:
            out.append(block)
        i += 1
    return out


_LISTED = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6}|[a-zđA-ZĐ])\s*[.)]\s|:\s*$")


def _label_over_page_break(prev: RawBlock, text: str, nxt: RawBlock) -> bool:
    """A group label at the foot of a page, the header repeated at the top of the next:
    under a numbered row, a bare label (not `II. Cụm miền Bắc:`, a heading of the body
    that opens the next table) before a header row."""
    return _numbered(prev) and reads_as_header(nxt) and not _LISTED.search(text)


def runs(blocks: list[RawBlock]) -> Iterator[tuple[list[RawBlock], RawBlock | None]]:
    """(run of consecutive rows on one sheet, the non-row block after it or None). A page
    number printed between two numbered rows (`2`) stays inside the run as a line of the
    page: the table goes on over the page break, as the PDF reader joins it."""
    run: list[RawBlock] = []
    for i, block in enumerate(blocks):
        if is_row(block) and (not run or run[-1].sheet == block.sheet):
            run.append(block)
            continue
        if is_row(block):
            yield run, None
            run = [block]
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if run and _numbered(run[-1]) and nxt is not None and _numbered(nxt) and _PAGE_NUMBER.match(block.text):
            run.append(block)
            continue
        yield run, block
        run = []
    if run:
        yield run, None


# --- the header row and the cells under it ----------------------------------------------

_HEADER_SCAN = 3  # the header row is among the first rows of a run
_NEEDS_LETTERS = {ColumnMeaning.name, ColumnMeaning.position, ColumnMeaning.unit, ColumnMeaning.position_unit,
                  ColumnMeaning.authority, ColumnMeaning.achievement}


def _texts(block: RawBlock) -> list[str]:
    return [c.text.strip() for c in block.cells or []]


def reads_as_header(block: RawBlock) -> bool:
    """A row of column titles (`STT | Họ và tên | Chức vụ, đơn vị công tác`): most of its
    cells name a known column, and it does not open with a row number."""
    texts = _texts(block)
    filled = [t for t in texts if t]
    if len(filled) < 2 or not texts[0] or _INDEX.match(texts[0]):
        return False
    known = sum(meaning_of(t) is not None for t in filled)
    return known >= 2 and known * 2 >= len(filled)


def as_paragraph(block: RawBlock) -> RawBlock:
    return RawBlock(text=block.text, paragraph=block.paragraph, style=block.style, sheet=block.sheet)


def split_at_header(run: list[RawBlock]) -> tuple[list[RawBlock], list[RawBlock]]:
    """(lines of the page before the table's header row, the table from its header on)."""
    k = next((i for i, b in enumerate(run[:_HEADER_SCAN]) if reads_as_header(b)), 0)
    return run[:k], run[k:]


def drop_repeated_headers(table: list[RawBlock]) -> list[RawBlock]:
    """The header row printed again at the top of each page is a line of the page, not a
    row of the table (the PDF reader drops it where a page break joins the table); a lone
    line right under it that finishes the last row's cut cell is joined to that row."""
    if not table or not reads_as_header(table[0]):
        return table
    key = [t.casefold() for t in _texts(table[0])]
    out = [table[0]]
    i = 1
    while i < len(table):
        block = table[i]
        if not (is_row(block) and [t.casefold() for t in _texts(block)] == key):
            out.append(block)
            i += 1
            continue
        after = table[i + 1] if i + 1 < len(table) else None
        if after is not None and _continues(out[-1], after):
            out[-1] = _joined(out[-1], after.text.strip())
            i += 1
        out.append(as_paragraph(block))
        i += 1
    return out


_OPEN_END = re.compile(r"[,;:\-–]\s*$")


def _continues(row: RawBlock, line: RawBlock) -> bool:
    """`line` (a lone cell under a repeated header) is the rest of `row`'s last cell cut by
    the page break, not a group row: the cell ends open (`…, Trung tâm A,`), or the line
    starts in lower case or with a digit, holds a comma, or is one or two words (`Quảng Nam`)
    where a group label names a unit in full."""
    cells, text = row.cells or [], line.text.strip()
    if not _numbered(row) or len(cells) < 2 or len(line.cells or []) != 1 or not text:
        return False
    return bool(_OPEN_END.search(cells[-1].text)) or text[0].islower() or text[0].isdigit() \
        or "," in text or len(text.split()) <= 2


def _joined(row: RawBlock, rest: str) -> RawBlock:
    cells = list(row.cells or [])
    cells[-1] = replace(cells[-1], text=f"{cells[-1].text} {rest}")
    return replace(row, text=" | ".join(c.text for c in cells), cells=cells)


def _fits(text: str, meaning: ColumnMeaning | None) -> bool:
    if meaning == ColumnMeaning.index:
        return bool(_INDEX.match(text) or _GROUP_INDEX.match(text))
    if meaning in _NEEDS_LETTERS:
        return any(ch.isalpha() for ch in text)
    return True


def place_short_rows(table: list[RawBlock]) -> None:
    """Give each cell of a row that lost its empty cells (fewer cells than the header, none
    of them empty) the header column its content fits, left to right: `TAPTHE | Phòng A |
    1650360491` under `STT | Phân loại | Tên | Chức vụ | Đơn vị | Hình thức` puts the code
    under `Hình thức`, not under `Chức vụ`. Rows that kept their empty cells stay in order;
    a lone cell is a label merged across the row and stays in the first column."""
    if not table or not reads_as_header(table[0]):
        return
    meanings = [meaning_of(t) for t in _texts(table[0])]
    width = len(meanings)
    for block in table[1:]:
        cells = block.cells or []
        if not is_row(block) or not 1 < len(cells) < width or not all(c.text.strip() for c in cells):
            continue
        col = 0
        for i, cell in enumerate(cells):
            last = width - (len(cells) - i)  # leave a column for each cell still to place
            col = next((c for c in range(col, last + 1) if _fits(cell.text.strip(), meanings[c])), col)
            cell.col = col
            col += 1
