"""Typed document model: what ingest produces and every later stage reads.

Offsets are the currency: every `start`/`end` is a `[start, end)` index into
`Document.text`, the one normalised text of the document.
"""
from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field


class Format(str, Enum):
    docx = "docx"
    pdf = "pdf"
    doc = "doc"
    odt = "odt"
    rtf = "rtf"
    txt = "txt"
    md = "md"
    html = "html"
    xlsx = "xlsx"
    xls = "xls"


class BlockKind(str, Enum):
    paragraph = "paragraph"
    heading = "heading"  # the source marks it as a heading (style / outline level)
    list_item = "list_item"  # the source marks it as a numbered/bulleted list item
    table_row = "table_row"  # cells joined by " | "
    header = "header"  # part of the issuer | quốc hiệu header block
    footnote = "footnote"
    caption = "caption"


class Cell(BaseModel):
    """One table cell of a `table_row` block: `[start, end)` slices Document.text exactly."""

    start: int
    end: int
    col: int | None = None  # grid column where the source knows it (Word grid, sheet column)
    span: int = 1  # grid columns the cell covers (merged cells)
    x0: float | None = None  # left and right edge on the page (PDF, OCR), in points
    x1: float | None = None


class Block(BaseModel):
    """One paragraph-like unit of the normalised text."""

    kind: BlockKind = BlockKind.paragraph
    start: int
    end: int
    page: int | None = None  # 1-based, PDF (and OCR) only
    paragraph: int | None = None  # 0-based index of the source paragraph (Word, text)
    style: str | None = None  # source style name, as found
    outline_level: int | None = None  # 1-based heading level the source declares
    numbering: str | None = None  # automatic number as a reader sees it ("1.1.")
    footnote_mark: str | None = None  # for footnote blocks: the mark ("1")
    table: int | None = None  # table_row blocks: which table of the document (0-based)
    row: int | None = None  # table_row blocks: row index in that table as the source has it
    cells: list[Cell] | None = None  # table_row blocks: the cells, joined by " | " in the text
    sheet: str | None = None  # spreadsheets: the sheet the block comes from


class Footnote(BaseModel):
    mark: str
    start: int  # the footnote's own text in Document.text
    end: int
    anchor: int | None = None  # offset of the mark in the body text, when known


class Document(BaseModel):
    """A normalised document: one text, blocks with offsets into it."""

    source: str  # file name as given by the user
    format: Format
    sha256: str
    text: str
    blocks: list[Block] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    pages: int | None = None
    ocr: bool = False
    encoding: str | None = None  # legacy encoding converted from ("tcvn3", "vni"), if any
    warnings: list[str] = Field(default_factory=list)

    def block_at(self, offset: int) -> Block | None:
        """The block that contains `offset`, by binary search over block starts."""
        lo, hi = 0, len(self.blocks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            b = self.blocks[mid]
            if offset < b.start:
                hi = mid - 1
            elif offset >= b.end:
                lo = mid + 1
            else:
                return b
        return None
