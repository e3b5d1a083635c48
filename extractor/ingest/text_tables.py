"""Tables in plain text and Markdown: rows written one per line with cells joined by " | "
(the form tdkt itself writes, and Word/PDF text exports use) or as Markdown pipe tables.

A run of such lines is a data table, unless it is page layout laid out in two columns:
the issuer | motto header (left to the header splitter) or the Nơi nhận | signature block,
which is read column by column, as a reader of the printed page does.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import count

from extractor.ingest.base import RawBlock, RawCell
from extractor.ingest.text_rows import (
    as_paragraph, bridge_rows, drop_repeated_headers, header_lines, is_row, place_short_rows, runs, split_at_header,
)
from extractor.model import BlockKind

_MD_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PIPE = " | "
_SIGNATURE_CELL = re.compile(r"^(?:Nơi\s+nhận|(?:KT|TM|TL|TUQ|Q)\s*\.\s*\S|\(?\s*đã\s+ký\s*\)?$|NGƯỜI BÁO CÁO|"
                             r"NGƯỜI LẬP|XÁC NHẬN CỦA|THỦ TRƯỞNG ĐƠN VỊ|CHỦ TỌA|CHỦ TOẠ|THƯ KÝ|ĐẠI DIỆN)", re.I)
_HEADER_CELL = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI|Độc\s+lập\s*[-–—‒]\s*Tự\s+do|^Số\s*:|ngày\s.{0,12}tháng\s.{0,12}năm", re.I)


def cells_of(line: str, markdown: bool) -> list[str] | None:
    """The cells of a table line, or None when the line is not one."""
    m = _MD_ROW.match(line) if markdown else None
    if m:
        return [c.strip() for c in m.group(1).split("|")]
    if _PIPE in line:
        return [c.strip() for c in line.split(_PIPE)]
    return None


def read_tables(blocks: list[RawBlock], markdown: bool = False) -> list[RawBlock]:
    """Blocks with table lines turned into table rows (cells kept), layout runs into columns.
    Plain text also gets back what its export lost of each table (text_rows)."""
    rows = _table_lines(blocks, markdown)
    if markdown:
        out: list[RawBlock] = []
        for run, after in runs(rows):
            out.extend(_layout_or_data(run))
            out.extend([after] if after is not None else [])
        return out
    out = []
    numbers = count()
    for run, after in runs(bridge_rows(header_lines(rows))):
        out.extend(_text_run(run, numbers))
        out.extend([after] if after is not None else [])
    return out


def _table_lines(blocks: list[RawBlock], markdown: bool) -> list[RawBlock]:
    """Each table line as a row block with its cells; other blocks as they are."""
    out: list[RawBlock] = []
    for block in blocks:
        if block.kind in (BlockKind.paragraph, BlockKind.heading) and markdown and _MD_RULE.match(block.text):
            continue  # the |---|---| line under a Markdown table's head
        cells = cells_of(block.text, markdown) if block.kind == BlockKind.paragraph else None
        if cells is None or len(cells) < 2:
            out.append(block)
            continue
        out.append(RawBlock(text=_PIPE.join(cells), kind=BlockKind.table_row, paragraph=block.paragraph,
                            style=block.style, sheet=block.sheet,
                            cells=[RawCell(text=c, col=i) for i, c in enumerate(cells)]))
    return out


def _text_run(run: list[RawBlock], numbers: Iterator[int]) -> list[RawBlock]:
    """A run of text rows as the table a grid backend gives: started at its header row
    (a single line of the page before it is a paragraph), repeated headers and lost empty
    cells dealt with, its rows numbered as one table."""
    prefix, rows = split_at_header(run)
    out = _layout_or_data(prefix)
    if len(out) == 1 and is_row(out[0]):
        out = [as_paragraph(out[0])]
    out = _numbered(out, numbers)
    table = _layout_or_data(rows)
    if table and is_row(table[0]):
        table = drop_repeated_headers(table)
        place_short_rows(table)
    return out + _numbered(table, numbers)


def _layout_or_data(run: list[RawBlock]) -> list[RawBlock]:
    """classify_rows for a run of rows; a run holding a page number between its rows is
    numbered data, never page layout."""
    return classify_rows(run) if all(is_row(b) for b in run) else run


def _numbered(blocks: list[RawBlock], numbers: Iterator[int]) -> list[RawBlock]:
    """The rows among `blocks` numbered as one table (the lines between them are not rows)."""
    rows = [b for b in blocks if is_row(b)]
    if rows:
        table = next(numbers)
        for i, block in enumerate(rows):
            block.table, block.row = table, i
    return blocks


def classify_rows(run: list[RawBlock]) -> list[RawBlock]:
    """A run of table rows as data rows, or — when it is the page's two-column layout (the
    issuer | motto header, Nơi nhận | signature) — as the lines of each column in turn."""
    texts = [unicodedata.normalize("NFC", c.text) for b in run for c in b.cells or []]
    widths = [len([c for c in b.cells or [] if c.text]) for b in run]
    if any(_HEADER_CELL.search(t) for t in texts) and len(run) <= 8 and max(widths, default=0) <= 3:
        return _by_columns(run, BlockKind.header)
    if any(_SIGNATURE_CELL.match(t) for t in texts) and max(widths, default=0) <= 3 and len(run) <= 12:
        return _by_columns(run, BlockKind.paragraph)
    return run


def _by_columns(run: list[RawBlock], kind: BlockKind) -> list[RawBlock]:
    columns = sorted({c.col if c.col is not None else i for b in run for i, c in enumerate(b.cells or [])})
    out = []
    for column in columns:
        for block in run:
            for i, cell in enumerate(block.cells or []):
                col = cell.col if cell.col is not None else i
                if col == column and cell.text:
                    out.extend(RawBlock(text=line, kind=kind, paragraph=block.paragraph, style=block.style,
                                        sheet=block.sheet) for line in cell.text.split("\n") if line.strip())
    return out
