"""RawDocument (what a backend read) → Document (one normalised text with offsets).

Steps, in order: legacy encodings → Unicode (per block when the backend knows the font,
else one decision for the whole document); character clean-up; paragraphs broken by a
page break rejoined; footnotes moved after the body; blocks joined by "\n" with
[start, end) offsets; footnote reference marks turned into anchors."""
from __future__ import annotations

import re
from dataclasses import replace

from extractor.ingest.base import FOOTNOTE_REF, RawBlock, RawDocument
from extractor.model import Block, BlockKind, Cell, Document, Footnote
from extractor.normalise.legacy import detect_legacy, to_unicode
from extractor.normalise.text import clean_text

# Ends a sentence or a unit that never continues on the next line.
_FINAL = re.compile(r"[.:;!?…)\]”\"'»/]$|\.\s*/\s*\.?$")
_DIGIT_START = re.compile(r"^\d")
# Number or bullet that opens a heading or list item ("1.", "1.1.", "II.", "a)", "-").
_MARKER = re.compile(r"^(\d+(\.\d+)*[.)]|[IVXLC]+[.)]|[a-zđ][.)]|[-+*•–]\s|Phần thứ|Thứ\s|Điều\s+\d|Chương\s+[IVXLC\d]+\b)", re.I)
_JOINABLE_PREV = {BlockKind.paragraph, BlockKind.list_item}


def build_document(raw: RawDocument, *, source: str, sha256: str) -> Document:
    encoding = _convert_legacy(raw)
    blocks = [b for b in (_cleaned(b) for b in raw.blocks) if _has_words(b)]
    body = _rejoin_broken_paragraphs([b for b in blocks if b.kind != BlockKind.footnote])
    notes = [b for b in blocks if b.kind == BlockKind.footnote]
    text, placed, anchors = _lay_out(body + notes)
    return Document(
        source=source, format=raw.format, sha256=sha256, text=text, blocks=placed,
        footnotes=_footnotes(placed, text, anchors), pages=raw.pages, ocr=raw.ocr,
        encoding=encoding, warnings=list(raw.warnings),
    )


def _convert_legacy(raw: RawDocument) -> str | None:
    """Convert legacy-encoded blocks in place; the encoding found, if any."""
    found: str | None = raw.encoding
    if raw.detect_legacy and not any(b.legacy for b in raw.blocks):
        whole = detect_legacy("\n".join(b.text for b in raw.blocks))
        if whole:
            for block in raw.blocks:
                block.legacy = whole
    for block in raw.blocks:
        if block.legacy:
            block.text = to_unicode(block.text, block.legacy, block.capitals)
            for cell in block.cells or []:
                cell.text = to_unicode(cell.text, block.legacy, block.capitals)
            found = found or block.legacy
    return found


def _cleaned(block: RawBlock) -> RawBlock:
    if block.cells is None:
        return replace(block, text=clean_text(block.text))
    # Cells are cleaned one by one so that the row text stays their exact " | " join.
    cells = [replace(c, text=clean_text(c.text).replace(FOOTNOTE_REF, "")) for c in block.cells]
    return replace(block, cells=cells, text=" | ".join(c.text for c in cells))


def _has_words(block: RawBlock) -> bool:
    if block.cells is not None:
        return any(c.text.strip() for c in block.cells)
    return bool(block.text.replace(FOOTNOTE_REF, "").strip())


def _continues(prev: RawBlock, nxt: RawBlock) -> bool:
    """Does `nxt` continue the sentence `prev` left open (a page break between them)?"""
    if prev.kind not in _JOINABLE_PREV or nxt.kind != BlockKind.paragraph:
        return False
    if prev.numbering or nxt.numbering or prev.style != nxt.style and prev.style and nxt.style:
        return False
    before = prev.text.replace(FOOTNOTE_REF, "").rstrip()
    after = nxt.text
    if not before or _FINAL.search(before) or _MARKER.match(after):
        return False
    if _MARKER.match(before) and len(before) < 100:
        return False  # a heading such as "1. Công tác lãnh đạo"
    if _mostly_upper(before):
        return False  # a title or signature line ("PHÓ CHỦ TỊCH" over "(Đã ký)") never runs on
    if after[:1].islower() or after.startswith("("):
        return True
    # "… như: Kế hoạch số" / "13/KH-CTĐ ngày …": a long line cut before a number.
    return bool(_DIGIT_START.match(after)) and len(before) > 60 and before[-1].isalpha()


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.85 * len(letters)


def _rejoin_broken_paragraphs(blocks: list[RawBlock]) -> list[RawBlock]:
    out: list[RawBlock] = []
    for block in blocks:
        if out and _continues(out[-1], block):
            prev = out[-1]
            out[-1] = replace(prev, text=f"{prev.text} {block.text}", refs=prev.refs + block.refs)
        else:
            out.append(block)
    return out


def _lay_out(blocks: list[RawBlock]) -> tuple[str, list[Block], list[tuple[str, int]]]:
    """Join blocks with "\n"; remove reference marks, remembering (mark, offset)."""
    parts: list[str] = []
    placed: list[Block] = []
    anchors: list[tuple[str, int]] = []
    pos = 0
    for raw in blocks:
        pieces = raw.text.split(FOOTNOTE_REF)
        marks = iter(raw.refs)
        text = ""
        local: list[tuple[str, int]] = []
        for i, piece in enumerate(pieces):
            if i:
                mark = next(marks, None)
                if mark is not None and raw.kind != BlockKind.footnote:
                    local.append((mark, len(text)))
            text += piece
        lead = len(text) - len(text.lstrip())
        text = text.strip() if raw.cells is None else text
        if parts and text:
            pos += 1  # the "\n" between blocks
        anchors.extend((m, pos + min(max(off - lead, 0), len(text))) for m, off in local)
        if not text:
            continue
        parts.append(text)
        placed.append(Block(
            kind=raw.kind, start=pos, end=pos + len(text), page=raw.page, paragraph=raw.paragraph,
            style=raw.style, outline_level=raw.outline_level, numbering=raw.numbering,
            footnote_mark=raw.footnote_mark, table=raw.table, row=raw.row, sheet=raw.sheet,
            cells=_cell_offsets(raw, pos),
        ))
        pos += len(text)
    return "\n".join(parts), placed, anchors


def _cell_offsets(raw: RawBlock, pos: int) -> list[Cell] | None:
    """Offsets of each cell in the row text ("a | b | c" laid out at `pos`)."""
    if raw.cells is None:
        return None
    out, at = [], pos
    for cell in raw.cells:
        out.append(Cell(start=at, end=at + len(cell.text), col=cell.col, span=cell.span, x0=cell.x0, x1=cell.x1))
        at += len(cell.text) + 3  # " | "
    return out


def _footnotes(blocks: list[Block], text: str, anchors: list[tuple[str, int]]) -> list[Footnote]:
    """One Footnote per mark, spanning its consecutive footnote blocks."""
    first_anchor: dict[str, int] = {}
    for mark, offset in anchors:
        first_anchor.setdefault(mark, offset)
    notes: list[Footnote] = []
    for block in blocks:
        if block.kind != BlockKind.footnote or block.footnote_mark is None:
            continue
        if notes and notes[-1].mark == block.footnote_mark and notes[-1].end + 1 == block.start:
            notes[-1].end = block.end
        else:
            notes.append(Footnote(mark=block.footnote_mark, start=block.start, end=block.end,
                                  anchor=first_anchor.get(block.footnote_mark)))
    return notes
