"""A line view of a Document for the segmenters.

Segmentation reads lines, not blocks: a Word paragraph may hold a soft line break
("KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH"), a text file gives one block per line. Each line keeps a
*clean* form (Markdown markup, `<sup>` marks and extra spaces removed) with a map from
every clean character back to its offset in Document.text, so a title read from the
clean form still yields an exact Span.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractor.model import Block, BlockKind, Document

# Markup a .txt export of Word/Markdown may still carry when ingest left it in place.
_DROP = regex.compile(
    r"^\s*#{1,6}\s+"  # Markdown heading marks
    r"|<sup>[^<]*</sup>"  # footnote marks / exponents: never part of a title
    r"|</?(?:b|i|u|em|strong|span)\b[^>]*>"
    r"|\*+"  # bold / italic
    r"|\\(?=[\\`*_{}\[\]()#+\-.!|~<>])"  # Markdown escapes
    r"|\ue000"  # ingest's footnote-reference placeholder, if normalise left one
)
_NOTE_START = regex.compile(r"^\s*\**\s*<sup>\s*\d+\s*</sup>")
_RULE = regex.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")


@dataclass
class Line:
    index: int  # position in the line list
    start: int  # raw line [start, end) in Document.text
    end: int
    raw: str
    clean: str
    pos: list[int] = field(repr=False, default_factory=list)  # clean char i -> text offset
    block: Block | None = None
    note_start: bool = False  # begins with a footnote mark (<sup>n</sup> or a footnote block)
    rule: bool = False  # a horizontal rule (---, ___)

    @property
    def kind(self) -> BlockKind | None:
        return self.block.kind if self.block else None

    def span(self, i: int = 0, j: int | None = None) -> tuple[int, int]:
        """Text offsets of clean[i:j] (whole clean line by default)."""
        j = len(self.clean) if j is None else j
        if not self.pos or i >= j:
            return self.start, self.start
        return self.pos[i], self.pos[j - 1] + 1


def clean_text(raw: str, base: int) -> tuple[str, list[int]]:
    """Markup-free, whitespace-collapsed text and the offset of each of its characters."""
    kept: list[tuple[str, int]] = []
    last = 0
    for m in _DROP.finditer(raw):
        kept.extend((ch, base + k) for k, ch in enumerate(raw[last:m.start()], start=last))
        last = m.end()
    kept.extend((ch, base + k) for k, ch in enumerate(raw[last:], start=last))
    chars: list[str] = []
    pos: list[int] = []
    for ch, off in kept:
        if ch.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                pos.append(off)
            continue
        chars.append(ch)
        pos.append(off)
    while chars and chars[-1] == " ":
        chars.pop()
        pos.pop()
    return "".join(chars), pos


def document_lines(doc: Document) -> list[Line]:
    """Non-empty lines of `doc.text` in order, each tied to its block when blocks exist."""
    out: list[Line] = []
    offset = 0
    for raw in doc.text.split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + 1
        if not raw.strip():
            continue
        clean, pos = clean_text(raw, start)
        block = doc.block_at(start) if doc.blocks else None
        is_rule = bool(_RULE.match(raw))
        if not clean and not is_rule:
            continue
        note = bool(_NOTE_START.match(raw)) or (
            block is not None and block.kind == BlockKind.footnote and block.start == start)
        out.append(Line(len(out), start, end, raw, clean, pos, block, note, is_rule))
    return out
