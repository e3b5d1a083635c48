"""Numbers that are not quantities, mostly in lists and tables (LABELLING.md "indicators":
row numbers are not indicators, a quantity in a cell is, codes and identifiers are not;
counts in a title block are not the body's). Used by the indicator recogniser.

A recipient list or a summary table prints many numbers that count nothing: the column
numbers under a table's header (`1 | 2 | 3 | …`), codes and identifiers (`1650360491`,
`0021`, an e-office `ID: 2223783`), the number inside a unit's name (`Trung tâm Viễn thông
3, Viễn thông Hà Nội`), and, in a scanned list, row numbers the reader moved to the end of
the line. A count in such a list is written with its noun (`12 cá nhân`), alone in its cell,
or against a label (`Quận Hoàn Kiếm: 04`); these checks keep those.
"""
from __future__ import annotations

from bisect import bisect_right

import regex

from extractor.model import Block, BlockKind
from extractor.records import ColumnMeaning, Extraction, PartKind

# Vietnamese groups thousands ("12.500"): an ungrouped run of five digits or more, or a
# number of four digits or more with a leading zero, is a code, not an amount.
_CODE = regex.compile(r"\d{5,}|0\d{3,}")
# A column-number cell: "7", "(7)", "7 (6:3)" (a column computed from others).
_COLUMN_NUMBER = regex.compile(r"\(?(\d{1,3})\)?(?:[^\S\n]*\([^()|]*\))?")
_MIN_NUMBERED_COLUMNS = 4
# What ends a name that a number closes ("… Viễn thông 3, …", "… Long An 185."): a
# punctuation mark, an opening bracket, the end of the cell or of the line.
_NAME_END = regex.compile(r"[^\S\n]*(?:[,.;)(|]|$)", regex.MULTILINE)
# In a cell a name may go on after its number ("Giám đốc Nhà máy 3 Công ty Cổ phần …").
_NAME_GOES_ON = regex.compile(r"[^\S\n]+\p{Lu}")
_DATE_BEFORE = regex.compile(r"(?<!\d)\d{1,2}/\d{1,2}/\d{4}[^\S\n]+\Z")
_TITLE_MIN_LETTERS = 10  # fewer capitals are an abbreviation or a code, not a title
_LOWER_WORD = regex.compile(r"\p{Ll}+(?![\p{L}\p{N}])")
_CELL_REACH = 300  # how far a cell's edge is looked for when the reader gave no cells
_SENTENCE_END_CHARS = ".!?:;"


def is_code(digits: str) -> bool:
    """An ungrouped long number or a zero-padded one: an identifier or code."""
    return bool(_CODE.fullmatch(digits))


def _cell_start(cell) -> int:
    return cell.start


def cell_bounds(text: str, block: Block, pos: int) -> tuple[int, int]:
    """[start, end) of the table cell (or, outside a table, the block) holding `pos`; a
    binary search over the cells, or a bounded look for the " | " between them, so a wide
    row costs no more per number than a narrow one."""
    if block.kind != BlockKind.table_row:
        return block.start, block.end
    if block.cells:
        i = bisect_right(block.cells, pos, key=_cell_start) - 1
        if i >= 0 and block.cells[i].start <= pos < block.cells[i].end:
            return block.cells[i].start, block.cells[i].end
    lo_bound, hi_bound = max(block.start, pos - _CELL_REACH), min(block.end, pos + _CELL_REACH)
    bar = text.rfind("|", lo_bound, pos)
    hi = text.find("|", pos, hi_bound)
    return (bar + 1 if bar >= 0 else lo_bound), (hi if hi >= 0 else hi_bound)


def column_number_row(text: str, block: Block) -> bool:
    """A table row that only numbers the columns above it (`1 | 2 | 3 | … | 19`): every
    filled cell a small number, and the numbers mostly rising by one from cell to cell."""
    if block.kind != BlockKind.table_row:
        return False
    cells = [c.strip() for c in text[block.start:block.end].split("|")]
    numbers: list[int] = []
    for cell in filter(None, cells):
        m = _COLUMN_NUMBER.fullmatch(cell)
        if not m:
            return False
        numbers.append(int(m.group(1)))
    if len(numbers) < _MIN_NUMBERED_COLUMNS:
        return False
    steps = sum(1 for a, b in zip(numbers, numbers[1:]) if b == a + 1)
    return steps >= len(numbers) - 2  # one cell may be misread ("11" for "1")


def number_in_name(text: str, block: Block, ns: int, ne: int) -> bool:
    """A bare number that closes a name (`Trung tâm Viễn thông 3,`, `Tổ Kỹ thuật 2 |`): it
    follows a capitalised word, or one lower-case word after it (names capitalise only
    their first syllable: `Viễn thông`), which does not open the sentence or the cell;
    and a punctuation mark, bracket or the end of the cell follows it. In a table cell
    any words before the number make it part of them (a count stands alone in its cell),
    and a capitalised word after it may carry the name on."""
    in_table = block.kind == BlockKind.table_row
    if not _NAME_END.match(text, ne, block.end) and not (in_table and _NAME_GOES_ON.match(text, ne, block.end)):
        return False
    lo, _ = cell_bounds(text, block, ns)
    words = text[lo:ns].split()
    if not words or not words[-1][-1:].isalpha():
        return False  # "Quận Hoàn Kiếm: 04": a label's count; "# 195": noise, left alone
    if in_table:
        return True
    for at in (-1, -2):
        if len(words) <= -at or not words[at][:1].isupper():
            continue
        if at == -2 and not words[-1].isalpha():
            continue
        opener = words[at - 1]
        return not opener.endswith(tuple(_SENTENCE_END_CHARS))
    return False


def list_ranges(record: Extraction, titles: frozenset[str]) -> list[tuple[int, int]]:
    """Attached lists (`DANH SÁCH …`): their recipients' rows carry row numbers and codes."""
    return [(p.start, p.end) for p in record.parts
            if p.kind == PartKind.attachment and p.label
            and any(p.label.casefold().startswith(t) for t in titles)]


def identifier_cells(record: Extraction, meanings: frozenset[ColumnMeaning]) -> list[tuple[int, int]]:
    """Cells of the table columns whose header names row numbers, years or document
    numbers (`STT`, `Năm`, `Số quyết định`): a side-by-side list repeats its `STT` column
    in the middle of the row, where the first-cell row-number check does not see it."""
    out: list[tuple[int, int]] = []
    for table in record.tables:
        columns = {i for i, c in enumerate(table.columns) if c.meaning in meanings}
        if not columns:
            continue
        for row in table.rows:
            out.extend((c.start, c.end) for c in row.cells if c.column in columns)
            out.extend(more for c in row.cells if c.column in columns for more in c.more)
    return out


def stray_number_in_list(text: str, block: Block, start: int, ns: int, ne: int) -> bool:
    """In an attached list, a bare number with no qualifier that neither stands alone in
    its cell or line nor follows a label's colon: a row number or scanner noise."""
    if start != ns:
        return False
    lo, hi = cell_bounds(text, block, ns)
    after = text[ne:hi].strip()
    if _LOWER_WORD.match(after):
        return False  # a noun follows: a count ("5 bò sữa"); not scanner noise ("$6 mAtn")
    if not text[lo:ns].strip() and not after.strip(".;,"):
        return False
    return not text[lo:ns].rstrip().endswith(":")


def bare_non_quantity(text: str, amount: bool, start: int, ns: int, ne: int, block: Block,
                      in_list: bool) -> bool:
    """Whether a bare number (no unit or lexicon noun) at text[ns:ne], its qualifier from
    `start`, is a code, closes a name, is a web page's counter after its date
    (`Cập nhật: 21/10/2025 208`), or is a row number or noise in an attached list;
    `amount`: the number is a plain amount, not a ratio."""
    if amount and is_code(text[ns:ne]):
        return True
    if start == ns and number_in_name(text, block, ns, ne):
        return True
    if _DATE_BEFORE.search(text, max(block.start, ns - 16), ns):
        return True
    return in_list and stray_number_in_list(text, block, start, ns, ne)


def title_line(line: str, block: Block) -> bool:
    """A line set in capitals outside a table is a title (`DANH MỤC 01 QUY TRÌNH …`,
    `DANH SÁCH 16 TẬP THỂ`): its counts are not the body's (LABELLING.md "Title block
    counts"). A table row in capitals (`TỔNG CỘNG | 25`) keeps its figures."""
    if block.kind == BlockKind.table_row or line.upper() != line:
        return False
    return sum(c.isalpha() for c in line) >= _TITLE_MIN_LETTERS
