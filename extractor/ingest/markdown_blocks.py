"""Markdown's block structure, before inline markup is read: paragraphs are runs of lines
(a hard-wrapped paragraph is one block, as Markdown renders it), broken by blank lines and by
lines that open a block of their own (heading, list item, quote, table row, footnote,
rule). A web crawl's "pipe-per-line" tables — a line holding only `|` between cells, two
in a row between rows — become rows of cells whose lines are kept apart where the page
showed them apart (an open `**` or `*` run, or a lower-case start, joins them)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPENS_BLOCK = re.compile(r"^\s*(?:#{1,6}\s|[-+*•]\s|\d{1,3}[.)]\s|>|\||<sup>|\*{0,3}Điều\s+\d|(?:[-*_]\s*){3,}$)")
_PIPE_ONLY = re.compile(r"^\s*\|\s*$")
# A line of the flattened header (issuer beside the national motto) is a block of its own.
_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI|Độc\s+lập\s*[-–—]\s*Tự\s+do", re.I)
_RULE_ONLY = re.compile(r"^\s*[-_=]{3,}\s*$")
_BOLD_LINE = re.compile(r"^\*\*[^*].*\*\*$")
_ENDS_SENTENCE = re.compile(r"[.:;!?][\"”)*]*\s*$")
_DISTRIBUTION = re.compile(r"^\W*Nơi\s+nhận", re.I)
_ANNEX_NOTE = re.compile(r"^\W*(?:ban\s+hành\s+)?kèm\s+theo\b", re.I)  # `(Kèm theo Quyết định số …)`
_PAGE_TEXT_CHARS = 1000  # longer than any table value: a cell of running text is the page's layout
_HEADING_MARK = re.compile(r"^\s*(?:#{1,6}\s|>|\||(?:[-*_]\s*){3,}$)")
_LIST_MARK = re.compile(r"^\s*(?:[-+*•]\s|\d{1,3}[.)]\s)")
_DASH_CONTINUES = re.compile(r"^\s*-\s+[a-zà-ỹđ]")  # `- nghề nghiệp`: the dash of a compound
_CLAUSE_END = (".", ":", ";", ",", "!", "?", "*")


@dataclass
class MdUnit:
    index: int  # first source line
    text: str = ""  # a paragraph or one line of a block
    rows: list[list[str]] | None = None  # a crawl table: rows of cells, a cell's lines joined by "\n"
    lines: list[str] = field(default_factory=list)
    cell: tuple[int, int, int] | None = None  # (table, row, cell) of the page layout cell it came from


def _open_emphasis(text: str) -> bool:
    return text.count("**") % 2 == 1 or (text.replace("**", "").count("*") % 2 == 1)


def _hard_break(lines: list[str]) -> bool:
    """Two trailing spaces or a backslash: Markdown's line break, kept as the author's line
    (inside an open bold run it is Word's title broken over two lines, read as one)."""
    return lines[-1].endswith(("  ", "\\")) and not _open_emphasis(" ".join(lines))


def _joins(prev: str, line: str) -> bool:
    """Does a line inside a crawl cell continue the line above it on the page?"""
    s = line.strip()
    return (_open_emphasis(prev) or s[:1].islower() or (prev.rstrip().endswith(":") and len(prev.strip()) <= 12)
            or prev.rstrip().endswith(("-", ",")) and not s.startswith(("-", "+")))


def _cell_lines(raw: list[str]) -> str:
    out: list[str] = []
    for line in raw:
        if not line.strip() or _RULE_ONLY.match(line):
            continue
        if out and _joins(out[-1], line):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line.strip())
    return "\n".join(out)


@dataclass
class _CrawlCell:
    first: int  # source line of its first line
    raw: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _cell_lines(self.raw)


def _crawl_table(lines: list[str], i: int) -> tuple[list[list[_CrawlCell]], int]:
    """Rows of the pipe-per-line table starting at line i; the index after it. The table
    ends at a pipe line followed by a blank line (or the end)."""
    rows: list[list[_CrawlCell]] = [[]]
    cell: _CrawlCell | None = None
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if _PIPE_ONLY.match(line):
            if cell is not None:
                rows[-1].append(cell)
                cell = None
            elif rows[-1]:
                rows.append([])  # two pipes in a row: the next row
            nxt = lines[j + 1] if j + 1 < len(lines) else ""
            if not nxt.strip():
                j += 1
                break
        else:
            if cell is None:
                cell = _CrawlCell(first=j)
            cell.raw.append(line)
        j += 1
    if cell is not None:
        rows[-1].append(cell)
    return [r for r in rows if any(c.text.strip() for c in r)], j


def _is_page_text(cell: _CrawlCell) -> bool:
    """A cell holding running text — a saved web page lays its whole document out in cells
    (header | motto, the body, Nơi nhận | signature) — not a value of a table."""
    return len(cell.text) > _PAGE_TEXT_CHARS


def _crawl_units(rows: list[list[_CrawlCell]], index: int) -> list[MdUnit]:
    """A crawl table's rows as a table, except the page's layout rows: a row with a cell of
    running text gives its cells, in reading order, as Markdown of their own."""
    out: list[MdUnit] = []
    table: list[list[str]] = []
    for r, row in enumerate(rows):
        if not any(_is_page_text(c) for c in row):
            table.append([c.text for c in row])
            continue
        if table:
            out.append(MdUnit(index=index, rows=table))
            table = []
        for k, cell in enumerate(row):
            for unit in markdown_units(cell.raw, base=cell.first, page_text=True):
                unit.cell = (index, r, k)
                out.append(unit)
    if table:
        out.append(MdUnit(index=index, rows=table))
    return out


def _starts_paragraph(prev: str, line: str) -> bool:
    """In a web page's text cell, where no blank line parts the paragraphs: a bold line of its
    own (`**CÔNG ĐIỆN**`), or a capital after a line that ends a sentence or a lead-in."""
    s = line.strip()
    if _BOLD_LINE.match(s) or _BOLD_LINE.match(prev.strip()):
        return True
    return bool(_ENDS_SENTENCE.search(prev)) and s[:1].isupper()


def _continues_paragraph(para: list[str], line: str, page_text: bool = False) -> bool:
    """Does `line` carry on the hard-wrapped paragraph `para`? A line that would open a block
    of its own does not, except where the wrap fell inside the paragraph: inside an open bold
    or italic run (`**Điều` / `1. Phạm vi điều chỉnh**` is one heading), or at the hyphen of
    a compound (`tổ chức chính trị - xã hội` / `- nghề nghiệp, …`: a lower-case word after the
    dash, in a paragraph that is not itself a list item, following a line without a stop).
    In a page's text cell (`page_text`) a paragraph also ends where the next one plainly
    starts (_starts_paragraph)."""
    if _MOTTO.search(para[-1]) and _open_emphasis(" ".join(para)) and not _MOTTO.search(line):
        return True  # the motto's bold run wraps (`**CỘNG HÒA XÃ HỘI` / `CHỦ NGHĨA VIỆT NAM**`)
    if _MOTTO.search(line) or _MOTTO.search(para[-1]) or _hard_break(para):
        return False
    if page_text and not _open_emphasis(" ".join(para)) and _starts_paragraph(para[-1], line):
        return False
    if not _OPENS_BLOCK.match(line):
        return True
    if _open_emphasis(" ".join(para)) and not _HEADING_MARK.match(line):
        return True
    return bool(_DASH_CONTINUES.match(line)) and not _LIST_MARK.match(para[0]) \
        and not para[-1].rstrip().endswith(_CLAUSE_END)


def markdown_units(lines: list[str], base: int = 0, page_text: bool = False) -> list[MdUnit]:
    """Blocks of `lines` (source lines `base`, `base + 1`, …); `page_text`: the lines of a
    web page's text cell, whose paragraphs no blank line parts."""
    out: list[MdUnit] = []
    para: MdUnit | None = None

    def close() -> None:
        nonlocal para
        if para is not None:
            para.text = " ".join(s.strip() for s in para.lines)
            out.append(para)
            para = None

    i = 0
    while i < len(lines):
        line = lines[i]
        if _PIPE_ONLY.match(line):
            close()
            rows, i = _crawl_table(lines, i)
            out.extend(_crawl_units(rows, base + i))
            continue
        if not line.strip():
            if para is not None and _open_emphasis(" ".join(para.lines)) and para.lines[-1].endswith("  "):
                i += 1
                continue  # a blank line inside an open bold run (Word's two-line bold title)
            close()
        elif para is not None and _continues_paragraph(para.lines, line, page_text):
            para.lines.append(line)
        else:
            close()
            para = MdUnit(index=base + i, lines=[line])
        i += 1
    close()
    return out if page_text else _to_document_end(_from_document_header(out))


def _to_document_end(units: list[MdUnit]) -> list[MdUnit]:
    """…and ends with the signer's cell beside its Nơi nhận cell; what the site prints after
    it (related documents, contacts, notices) goes, unless an attached document follows
    (its own motto or kèm-theo line)."""
    closing = next((u for u in units if u.cell is not None and _DISTRIBUTION.match(u.text)), None)
    if closing is None:
        return units
    table, row, cell = closing.cell
    signer = (table, row, cell + 1)
    last = max((n for n, u in enumerate(units) if u.cell == signer), default=None)
    if last is None or any(_MOTTO.search(u.text) or _ANNEX_NOTE.search(u.text) for u in units[last + 1:]):
        return units
    return units[:last + 1]


def _from_document_header(units: list[MdUnit]) -> list[MdUnit]:
    """A saved web page lays the document out in cells after the site's own furniture (its
    catalogue fields, a news summary): the document starts at its header, the issuer's cell
    beside the cell holding the national motto."""
    motto = next((u for u in units if u.cell is not None and _MOTTO.search(u.text)), None)
    if motto is None:
        return units
    table, row, cell = motto.cell
    issuer = (table, row, cell - 1)
    start = next((n for n, u in enumerate(units) if u.cell in (issuer, motto.cell)), 0)
    return units[start:]
