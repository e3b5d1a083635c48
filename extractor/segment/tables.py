"""Component "tables": every table of the document as data (records.Table).

Ingest gives table rows as blocks with cells (offsets into the text, grid column or page
position). Here a table's header rows are resolved to column meanings
(resources/table_columns.yaml), data rows are typed (header, data, group, total), group
rows (`I. TẬP THỂ`, `Bằng khen của Chủ tịch UBND tỉnh:`) are carried to the rows under
them, and a table broken by a page break is joined: its repeated header dropped, a row
cut in two made one. Linear in the number of cells.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.model import Block, BlockKind, Document
from extractor.normalise.search import strip_accents
from extractor.pipeline import component
from extractor.records import (
    ColumnMeaning, Extraction, Table, TableCell, TableColumn, TableRow, TableRowKind,
)
from extractor.resources import ResourceError, load_yaml
from extractor.segment.table_layout import align_cells, column_count

_RESOURCE = "table_columns.yaml"
_HEADER_SCAN = 5  # header rows sit in the first rows of a table
_TITLE_SCAN = 6  # blocks above a table that may hold its title
_ROMAN = regex.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ])\s*[.)]?$")
_ARABIC = regex.compile(r"^\d{1,4}\s*[.)]?$")
_TITLE = regex.compile(r"^(?:danh sach|bang|bieu|phu luc|tong hop|ket qua)\b")


@dataclass(frozen=True)
class ColumnLexicon:
    patterns: tuple[tuple[str, ColumnMeaning], ...]  # longest first
    total: tuple[str, ...]
    type_groups: dict[str, tuple[str, ...]]
    numbering: regex.Pattern


def fold(text: str) -> str:
    """Header text as the lexicon writes it: no accents, lower case, single spaces."""
    return regex.sub(r"\s+", " ", strip_accents(text).lower()).strip(" .:;*")


@lru_cache(maxsize=1)
def lexicon() -> ColumnLexicon:
    data = load_yaml(_RESOURCE)
    for key in ("columns", "total_row", "recipient_type_groups", "numbering_row"):
        if key not in data:
            raise ResourceError(f"{_RESOURCE}: missing key '{key}'")
    patterns = []
    for name, items in data["columns"].items():
        try:
            meaning = ColumnMeaning(name)
        except ValueError as exc:
            raise ResourceError(f"{_RESOURCE}: columns.{name}: not a ColumnMeaning") from exc
        patterns += [(fold(p), meaning) for p in items]
    patterns.sort(key=lambda pm: -len(pm[0]))
    groups = {k: tuple(fold(w) for w in v) for k, v in data["recipient_type_groups"].items()}
    return ColumnLexicon(tuple(patterns), tuple(fold(t) for t in data["total_row"]), groups,
                         regex.compile(data["numbering_row"]))


@lru_cache(maxsize=1)
def _example_sheets() -> tuple[str, ...]:
    names = load_yaml(_RESOURCE).get("example_sheets")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ResourceError(f"{_RESOURCE}: key 'example_sheets' must be a list of names")
    return tuple(fold(n) for n in names)


def on_example_sheet(table: Table) -> bool:
    """The table stands on a workbook's instructions sheet (`Hướng dẫn`): sample rows."""
    return bool(table.sheet) and fold(table.sheet).startswith(_example_sheets())


def _starts(key: str, pattern: str) -> bool:
    return key == pattern or (key.startswith(pattern) and not key[len(pattern)].isalnum())


def meaning_of(header: str) -> ColumnMeaning | None:
    """The meaning of a header cell ("Họ và tên", "Chức vụ, đơn vị công tác"); a two-level
    header ("Hình thức khen thưởng / Bằng khen") is read on its lower level first."""
    for level in reversed(header.split(" / ")):
        key = fold(level)
        if not key:
            continue
        for pattern, meaning in lexicon().patterns:
            if _starts(key, pattern):
                return meaning
    return None


def is_index(text: str) -> bool:
    return bool(_ARABIC.match(text.strip()))


def is_group_index(text: str) -> bool:
    return bool(_ROMAN.match(text.strip()))


# --- one table ---------------------------------------------------------------------------

@dataclass
class _Draft:
    blocks: list[Block]
    header_rows: int = 0
    columns: list[TableColumn] = field(default_factory=list)
    column_x: list[tuple[float, float]] | None = None  # page position of each column (PDF, OCR)
    warnings: list[str] = field(default_factory=list)

    def cols(self, doc: Document, block: Block) -> list[int]:
        index_first = bool(self.columns) and self.columns[0].meaning == ColumnMeaning.index
        return align_cells(block, len(self.columns) or column_count(block), self.column_x,
                           index_first, _cells_text(doc, block))


def _cells_text(doc: Document, block: Block) -> list[str]:
    return [doc.text[c.start:c.end] for c in block.cells or []]


def _is_header_row(texts: list[str]) -> bool:
    filled = [t for t in texts if t.strip()]
    if not filled:
        return False
    if all(lexicon().numbering.match(t.strip()) for t in filled):
        return True  # "(1) | (2) | (3)" under the header
    known = sum(meaning_of(t) is not None for t in filled)
    if known * 2 >= len(filled) and not any(is_index(t) for t in texts[:1]):
        return True
    # `TT | Hình thức | Số đã trình đề nghị | …`: a row opening with the number column's own
    # header, with no figure in it, heads the table however unusual its other labels
    return meaning_of(filled[0]) == ColumnMeaning.index and not any(regex.match(r"\d", t.strip()) for t in filled)


def _is_sub_header(above: Block, block: Block, texts: list[str]) -> bool:
    """The lower level of a two-row header: short labels only under the columns a merged
    header cell above spans (`Thu ngân sách` over `Đã thu | Dự toán`)."""
    spanned = {c for cell in above.cells or [] if cell.span > 1 and cell.col is not None
               for c in range(cell.col, cell.col + cell.span)}
    if not spanned:
        return False
    filled = [(cell, t) for cell, t in zip(block.cells or [], texts) if t.strip()]
    if not filled or not all(len(t) <= 60 and not is_index(t) and not regex.match(r"\d", t.strip()) for _, t in filled):
        return False
    # mostly under the merged cells; a label under a single column (`Trong đó` / `Tổng số`) too
    return sum(cell.col in spanned for cell, _ in filled) * 2 > len(filled)


def _header(doc: Document, draft: _Draft) -> None:
    rows = [_cells_text(doc, b) for b in draft.blocks[:_HEADER_SCAN]]
    n = 0
    while n < len(rows) and (_is_header_row(rows[n]) or (n and _is_sub_header(draft.blocks[n - 1], draft.blocks[n], rows[n]))):
        n += 1
    draft.header_rows = n
    width = max(column_count(b) for b in draft.blocks[:max(n, 1)]) if n else max(column_count(b) for b in draft.blocks)
    draft.column_x = _column_x(draft.blocks[:n], width)
    texts: list[list[str]] = [[] for _ in range(width)]
    for block in draft.blocks[:n]:
        for cell, col in zip(block.cells or [], align_cells(block, width)):
            text = doc.text[cell.start:cell.end].strip()
            if not text or lexicon().numbering.match(text):
                continue
            for c in range(col, min(width, col + max(1, cell.span))):
                if not texts[c] or texts[c][-1] != text:
                    texts[c].append(text)
    draft.columns = [TableColumn(header=" / ".join(t), meaning=meaning_of(" / ".join(t)) or ColumnMeaning.other)
                     for t in texts]
    if n == 0:
        draft.warnings.append("bảng không có dòng tiêu đề; các cột được đoán theo nội dung")
        _guess_columns(doc, draft)
    _name_from_unit(draft)


def _column_x(header: list[Block], width: int) -> list[tuple[float, float]] | None:
    """Page position of each column from the last header row, when its cells carry one."""
    if not header:
        return None
    cells = header[-1].cells or []
    if len(cells) != width or any(c.x0 is None or c.x1 is None for c in cells):
        return None
    return [(c.x0, c.x1) for c in cells]  # type: ignore[misc]


def _guess_columns(doc: Document, draft: _Draft) -> None:
    """No header: an index column of row numbers, the next text column the names."""
    width = len(draft.columns)
    firsts = [_cells_text(doc, b)[:1] for b in draft.blocks]
    if width and sum(1 for f in firsts if f and is_index(f[0])) * 2 >= len(firsts):
        draft.columns[0].meaning = ColumnMeaning.index
        if width > 1:
            draft.columns[1].meaning = ColumnMeaning.name
    elif width:
        draft.columns[0].meaning = ColumnMeaning.name


def _name_from_unit(draft: _Draft) -> None:
    """A list of units heads its name column `Đơn vị` / `Tên đơn vị` without `tên`."""
    meanings = [c.meaning for c in draft.columns]
    if ColumnMeaning.name in meanings:
        return
    for col in draft.columns:
        if col.meaning in (ColumnMeaning.unit, ColumnMeaning.position_unit):
            col.meaning = ColumnMeaning.name
            return


def _row_kind(texts: list[str], columns: list[TableColumn], numbered_rows: bool = False) -> TableRowKind:
    filled = [(i, t.strip()) for i, t in enumerate(texts) if t.strip()]
    if not filled:
        return TableRowKind.group
    index_cols = {i for i, c in enumerate(columns) if c.meaning == ColumnMeaning.index}
    first_text = next((t for i, t in filled if i not in index_cols), "")
    key = fold(first_text)
    if any(_starts(key, t) for t in lexicon().total) and not any(is_index(t) for i, t in filled if i in index_cols):
        return TableRowKind.total
    numbered = [t for i, t in filled if i in index_cols]
    if numbered and is_index(numbered[0]):
        return TableRowKind.data
    texts_only = [t for i, t in filled if i not in index_cols]
    if len(filled) == 1 and numbered and not texts_only and len(numbered[0]) > 3:
        return TableRowKind.group  # one cell merged across the row, starting in the index column (`I. TẬP THỂ`)
    if numbered and is_group_index(numbered[0]) and len(texts_only) <= 1:
        return TableRowKind.group
    if len(texts_only) == 1 and len(columns) > 2 and _reads_as_group(texts_only[0]):
        return TableRowKind.group
    if numbered_rows and index_cols and not numbered and len(filled) == 1 and len(columns) > 2:
        return TableRowKind.group  # a lone unnumbered label among numbered rows (`Viễn thông Bắc Giang`)
    return TableRowKind.data


def _reads_as_group(text: str) -> bool:
    """A lone cell that heads the rows under it: capitals, `I.`, `…:` or a recipient kind."""
    t = text.strip()
    letters = [ch for ch in t if ch.isalpha()]
    caps = bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > 0.8
    key = fold(t)
    kinds = any(_starts(key, w) for words in lexicon().type_groups.values() for w in words)
    return caps or t.endswith(":") or bool(regex.match(r"^[IVXLC]{1,5}\s*[.)]\s", t)) or kinds


def _build(doc: Document, draft: _Draft, number: int, title: str | None) -> Table:
    rows: list[TableRow] = []
    groups: list[tuple[int, str]] = []  # (level, text): 1 = roman / capitals, 2 = others
    width = len(draft.columns)
    numbered_rows = _mostly_numbered(doc, draft)
    for i, block in enumerate(draft.blocks):
        cols = draft.cols(doc, block)
        cells = [TableCell(text=doc.text[c.start:c.end], start=c.start, end=c.end, column=min(col, width - 1))
                 for c, col in zip(block.cells or [], cols)]
        if i < draft.header_rows:
            kind = TableRowKind.header
        else:
            by_col = [""] * width
            for cell in cells:
                by_col[cell.column] = by_col[cell.column] or cell.text
            # the first row of a page may be the rest of a row the page break cut: left to _join_cut_rows
            page_top = i > 0 and block.page is not None and block.page != draft.blocks[i - 1].page
            kind = _row_kind(by_col, draft.columns, numbered_rows and not page_top)
        if kind == TableRowKind.group:
            text = " ".join(c.text for c in cells if c.text.strip() and not is_group_index(c.text))
            level = 1 if any(is_group_index(c.text) for c in cells if c.text.strip()) or text.isupper() else 2
            groups = [g for g in groups if g[0] < level] + [(level, text)]
        rows.append(TableRow(kind=kind, cells=cells, groups=[g[1] for g in groups if kind == TableRowKind.data],
                             page=block.page, start=block.start, end=block.end))
    return Table(id=f"t{number}", title=title, columns=draft.columns, rows=rows,
                 sheet=draft.blocks[0].sheet, start=draft.blocks[0].start, end=draft.blocks[-1].end,
                 warnings=[f"Bảng {number}: {w}" for w in draft.warnings])


def _mostly_numbered(doc: Document, draft: _Draft) -> bool:
    """Most rows under the header open with a row number in the index column."""
    body = draft.blocks[draft.header_rows:]
    if not body or not draft.columns or draft.columns[0].meaning != ColumnMeaning.index:
        return False
    firsts = [_cells_text(doc, b)[:1] for b in body]
    return sum(1 for f in firsts if f and is_index(f[0])) * 2 > len(body)


def _title(doc: Document, i: int) -> str | None:
    """`DANH SÁCH …` (and the lines finishing it) in the few blocks above block `i`."""
    lo = max(0, i - _TITLE_SCAN)
    for j in range(i - 1, lo - 1, -1):
        b = doc.blocks[j]
        if b.kind == BlockKind.table_row:
            return None
        text = doc.text[b.start:b.end]
        if _TITLE.match(fold(text)):
            parts = [text]
            for k in range(j + 1, i):
                nxt = doc.text[doc.blocks[k].start:doc.blocks[k].end]
                if nxt.startswith("(") or nxt.startswith("Kèm"):
                    break
                parts.append(nxt)
            return " ".join(parts)
    return None


# --- tables of a document -------------------------------------------------------------

def _groups(doc: Document) -> list[list[Block]]:
    """Table-row blocks grouped by table, tables in document order."""
    out: list[list[Block]] = []
    index: dict[tuple[str | None, int], int] = {}
    for block in doc.blocks:
        if block.kind != BlockKind.table_row or block.table is None or not block.cells:
            continue
        key = (block.sheet, block.table)
        if key not in index:
            index[key] = len(out)
            out.append([])
        out[index[key]].append(block)
    return out


def _adjacent(doc: Document, prev: list[Block], nxt: list[Block], positions: dict[int, int]) -> bool:
    """`nxt` follows `prev` with nothing but a page break between them."""
    a, b = positions[id(prev[-1])], positions[id(nxt[0])]
    if b != a + 1 or prev[-1].sheet != nxt[0].sheet:
        return False
    pa, pb = prev[-1].page, nxt[0].page
    return pa is not None and pb is not None and pb == pa + 1


def _join_pages(doc: Document, groups: list[list[Block]]) -> list[_Draft]:
    positions = {id(b): i for i, b in enumerate(doc.blocks)}
    drafts: list[_Draft] = []
    for blocks in groups:
        if drafts and _adjacent(doc, drafts[-1].blocks, blocks, positions) \
                and column_count(blocks[0]) == column_count(drafts[-1].blocks[0]):
            prev = drafts[-1]
            head = [_cells_text(doc, b) for b in blocks[:prev.header_rows]]
            repeated = prev.header_rows and head == [_cells_text(doc, b) for b in prev.blocks[:prev.header_rows]]
            prev.blocks.extend(blocks[prev.header_rows:] if repeated else blocks)
            continue
        draft = _Draft(blocks=list(blocks))
        _header(doc, draft)
        drafts.append(draft)
    return drafts


def _join_cut_rows(table: Table) -> None:
    """A data row whose index cell is empty right after a page break continues the row above."""
    index_cols = {i for i, c in enumerate(table.columns) if c.meaning == ColumnMeaning.index}
    if not index_cols:
        return
    kept: list[TableRow] = []
    for row in table.rows:
        prev = kept[-1] if kept else None
        if (prev is not None and row.kind == TableRowKind.data and prev.kind == TableRowKind.data
                and prev.page is not None and row.page == prev.page + 1
                and not any(c.text.strip() for c in row.cells if c.column in index_cols)
                and not _opens_with_number(row) and _first_on_page(table, row)):
            for cell in row.cells:
                if not cell.text.strip():
                    continue
                target = next((c for c in prev.cells if c.column == cell.column), None)
                if target is None:
                    prev.cells.append(cell)
                else:
                    target.text = f"{target.text} {cell.text}".strip()
                    target.more.append((cell.start, cell.end))
            prev.end = row.end
            continue
        kept.append(row)
    table.rows = kept


def _opens_with_number(row: TableRow) -> bool:
    """The row's first filled cell is a row number (`26.`): a new row, even when the next
    page's column positions put that number outside the index column."""
    first = next((c for c in sorted(row.cells, key=lambda c: c.column) if c.text.strip()), None)
    return first is not None and is_index(first.text)


def _first_on_page(table: Table, row: TableRow) -> bool:
    for other in table.rows:
        if other.page == row.page and other.kind != TableRowKind.header:
            return other is row
    return False


def read_tables(doc: Document) -> list[Table]:
    drafts = [d for d in _join_pages(doc, _groups(doc)) if d.columns]
    positions = {id(b): i for i, b in enumerate(doc.blocks)}
    tables = [_build(doc, d, n, _title(doc, positions[id(d.blocks[0])])) for n, d in enumerate(drafts, start=1)]
    for table in tables:
        _join_cut_rows(table)
    return tables


@component("tables", assigns=("tables",))
def tables_component(doc: Document, record: Extraction) -> None:
    record.tables = read_tables(doc)
    record.document.warnings.extend(w for t in record.tables for w in t.warnings)


__all__ = ["read_tables", "meaning_of", "fold", "is_index", "is_group_index", "lexicon"]
