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


def _crawl_table(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """Rows of the pipe-per-line table starting at line i; the index after it. The table
    ends at a pipe line followed by a blank line (or the end)."""
    rows: list[list[str]] = [[]]
    cell: list[str] = []
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if _PIPE_ONLY.match(line):
            if cell:
                rows[-1].append(_cell_lines(cell))
                cell = []
            elif rows[-1]:
                rows.append([])  # two pipes in a row: the next row
            nxt = lines[j + 1] if j + 1 < len(lines) else ""
            if not nxt.strip():
                j += 1
                break
        else:
            cell.append(line)
        j += 1
    if cell:
        rows[-1].append(_cell_lines(cell))
    return [r for r in rows if any(c.strip() for c in r)], j


def _continues_paragraph(para: list[str], line: str) -> bool:
    """Does `line` carry on the hard-wrapped paragraph `para`? A line that would open a block
    of its own does not, except where the wrap fell inside the paragraph: inside an open bold
    or italic run (`**Điều` / `1. Phạm vi điều chỉnh**` is one heading), or at the hyphen of
    a compound (`tổ chức chính trị - xã hội` / `- nghề nghiệp, …`: a lower-case word after the
    dash, in a paragraph that is not itself a list item, following a line without a stop)."""
    if _MOTTO.search(line) or _MOTTO.search(para[-1]) or _hard_break(para):
        return False
    if not _OPENS_BLOCK.match(line):
        return True
    if _open_emphasis(" ".join(para)) and not _HEADING_MARK.match(line):
        return True
    return bool(_DASH_CONTINUES.match(line)) and not _LIST_MARK.match(para[0]) \
        and not para[-1].rstrip().endswith(_CLAUSE_END)


def markdown_units(lines: list[str]) -> list[MdUnit]:
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
            if rows:
                out.append(MdUnit(index=i, rows=rows))
            continue
        if not line.strip():
            if para is not None and _open_emphasis(" ".join(para.lines)) and para.lines[-1].endswith("  "):
                i += 1
                continue  # a blank line inside an open bold run (Word's two-line bold title)
            close()
        elif para is not None and _continues_paragraph(para.lines, line):
            para.lines.append(line)
        else:
            close()
            para = MdUnit(index=i, lines=[line])
        i += 1
    close()
    return out
