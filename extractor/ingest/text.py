"""Plain text and Markdown: one block per non-empty line.

Markdown exported from Word (seed 003) needs care: `#`/`**`/`*` markup, hard line breaks
(two trailing spaces) inside a bold heading, `<sup>n</sup>` that is either an exponent
(m<sup>3</sup>) or a footnote mark, footnote text landing mid-body (`<sup>1</sup> …` then
`- …` continuation lines), and the two-column header flattened into two lines."""
from __future__ import annotations

import re
import unicodedata

from extractor.errors import ErrorCode, ExtractionError
from extractor.ingest.base import FOOTNOTE_REF, RawBlock, RawCell, RawDocument, number_tables
from extractor.ingest.markdown_blocks import markdown_units
from extractor.ingest.text_rows import sheet_blocks
from extractor.ingest.text_tables import classify_rows, read_tables
from extractor.limits import current as current_limits, exceeded
from extractor.model import BlockKind, Format
from extractor.resources import load_yaml

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_EXPONENT = re.compile(r"(?<![^\W\d_])((?:k|c|d|m)?m)<sup>([23])</sup>")
_SUP = re.compile(r"<sup>\s*([^<]*?)\s*</sup>")
_NOTE_START = re.compile(r"^\s*<sup>\s*(\d+)\s*</sup>\s*")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_STRAY_STARS = re.compile(r"\*{2,3}")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_HTML_TAG = re.compile(r"</?(?:u|b|i|em|strong|span|br)\b[^>]*>", re.I)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and the codec that read it: UTF-8, UTF-16 (BOM), else Windows-1258.

    A legacy TCVN3/VNI file is read byte for byte (cp1252, Latin-1 where cp1252 has a
    hole) so the conversion tables apply; normalisation decides that from the letters."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from extractor.normalise.legacy import detect_legacy, looks_vietnamese_unicode

    # Decide on letters, not bytes: Windows-1258 gives real Vietnamese letters (đ ơ ư ă
    # and composed tones); otherwise a TCVN3/VNI file shows its signature in Latin-1.
    cp1258 = data.decode("cp1258", errors="replace")
    if looks_vietnamese_unicode(unicodedata.normalize("NFC", cp1258)):
        return cp1258, "cp1258"
    legacy = data.decode("latin-1").translate(_CP1252_C1)
    if detect_legacy(legacy):
        return legacy, "cp1252"
    return cp1258, "cp1258"


# Legacy-font text files were written on Windows: bytes 0x80-0x9F (no TCVN3/VNI letters
# there) are cp1252 punctuation — “ ” ‘ ’ – — … — not Latin-1 control characters.
_CP1252_C1 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


_UNREADABLE_SHARE = 0.05  # characters no codec could read (U+FFFD) above which a text is refused


def decoded(data: bytes, name: str, markup: int = 1) -> str:
    """The file's text (`decode_text`), refused when it holds more characters than the
    budget allows (`markup` times it, for HTML, whose tags are not text) or when too much
    of it fits no known encoding."""
    text, codec = decode_text(data)
    if len(text) > current_limits().max_chars * markup:
        raise exceeded(name, f"giới hạn {current_limits().max_chars * markup:,} ký tự".replace(",", ".")
                       + (" mã HTML" if markup > 1 else " văn bản"))
    bad = text.count("\ufffd")
    if bad > 16 and bad > len(text) * _UNREADABLE_SHARE:
        raise ExtractionError(name, ErrorCode.corrupt,
                              f"không nhận ra bảng mã ký tự của tệp ({bad:,} ký tự không đọc được theo {codec}); "
                              "tdkt đọc UTF-8, UTF-16, Windows-1258, TCVN3 và VNI".replace(",", "."))
    return text


def read_text(data: bytes, name: str) -> RawDocument:
    text = decoded(data, name)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Text pasted from Word or the web keeps stray emphasis (`*“…”*` in seed 000).
    blocks = [RawBlock(text=_strip_emphasis(line), paragraph=i) for i, line in enumerate(lines) if line.strip()]
    # A spreadsheet exported to text marks each sheet (`=== Sheet: … ===`), as the xlsx backend names it.
    blocks = sheet_blocks(blocks)
    return RawDocument(format=Format.txt, blocks=number_tables(split_header_lines(read_tables(blocks))))


def read_markdown(data: bytes, name: str) -> RawDocument:
    text = decoded(data, name)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[RawBlock] = []
    in_note: str | None = None  # mark of the footnote whose lines we are reading
    for unit in markdown_units(lines):
        if unit.rows is not None:
            blocks.extend(_crawl_rows(unit.rows, unit.index))
            in_note = None
            continue
        if _RULE.match(unit.text):
            continue
        block = _markdown_block(unit.text, unit.index, in_note)
        in_note = block.footnote_mark
        blocks.append(block)
    return RawDocument(format=Format.md, blocks=number_tables(split_header_lines(read_tables(blocks, markdown=True))))


def _crawl_rows(rows: list[list[str]], index: int) -> list[RawBlock]:
    """A crawl's pipe-per-line table: data rows, or the page's two-column layout."""
    out = []
    for row in rows:
        cells = [RawCell(text="\n".join(_inline(ln)[0].strip(" *_") for ln in cell.split("\n")), col=c)
                 for c, cell in enumerate(row)]
        out.append(RawBlock(text=" | ".join(c.text for c in cells), kind=BlockKind.table_row, paragraph=index,
                            cells=cells))
    return classify_rows(out)


def _markdown_block(line: str, index: int, in_note: str | None) -> RawBlock:
    kind, style, level, mark = BlockKind.paragraph, None, None, None
    heading = _HEADING.match(line)
    if heading:
        level, line = len(heading.group(1)), heading.group(2)
        kind, style = BlockKind.heading, f"Heading {level}"
    note = _NOTE_START.match(line)
    if note:
        kind, mark, line = BlockKind.footnote, note.group(1), line[note.end():]
    elif in_note and line.lstrip().startswith("- "):
        kind, mark = BlockKind.footnote, in_note  # continuation line of the footnote list
    stripped = line.strip()
    if kind == BlockKind.paragraph and _is_fully_bold(stripped):
        style = "Strong"
    text, refs = _inline(line)
    return RawBlock(text=text, kind=kind, paragraph=index, style=style, outline_level=level,
                    footnote_mark=mark, refs=refs)


def _strip_emphasis(line: str) -> str:
    for _ in range(2):
        line = _EMPHASIS.sub(r"\2", line)
    return line


def _is_fully_bold(line: str) -> bool:
    return line.startswith("**") and line.rstrip(":").endswith("**") and line.count("**") == 2 \
        or line.startswith("***") and line.endswith("***") and line.count("***") == 2


def _inline(line: str) -> tuple[str, list[str]]:
    """Markup removed; footnote marks replaced by FOOTNOTE_REF (marks returned in order)."""
    line = _EXPONENT.sub(r"\1\2", line)
    refs: list[str] = []

    def sup(match: re.Match[str]) -> str:
        content = match.group(1)
        if content.isdigit():
            refs.append(content)
            return FOOTNOTE_REF
        return content

    line = _SUP.sub(sup, line)
    line = _LINK.sub(r"\1", line)
    line = _HTML_TAG.sub("", line)
    for _ in range(2):  # nested ***…*** and **…*…**
        line = _EMPHASIS.sub(r"\2", line)
    line = _STRAY_STARS.sub("", line)
    line = _ESCAPE.sub(r"\1", line)
    return line.rstrip(), refs


# --- the flattened two-column header --------------------------------------------------

def _mottos() -> list[re.Pattern[str]]:
    data = load_yaml("header_motto.yaml")
    return [re.compile(p, re.I) for p in data["motto_patterns"]]


def split_header_lines(blocks: list[RawBlock]) -> list[RawBlock]:
    """Near the top, a line holding the issuer and the national motto side by side
    becomes two header blocks; consecutive such lines give left parts, then right parts
    (the reading order of the same header as a Word table)."""
    patterns = _mottos()
    out: list[RawBlock] = []
    lefts: list[RawBlock] = []
    rights: list[RawBlock] = []
    for position, block in enumerate(blocks):
        split = _split_at_motto(block, patterns) if position < 8 else None
        if split is not None:
            left, right = split
            if left is not None:
                lefts.append(left)
            rights.append(right)
            continue
        out.extend(lefts + rights)
        lefts, rights = [], []
        out.append(block)
    out.extend(lefts + rights)
    return out


def _split_at_motto(block: RawBlock, patterns: list[re.Pattern[str]]) -> tuple[RawBlock | None, RawBlock] | None:
    text = unicodedata.normalize("NFC", block.text).strip()
    for pattern in patterns:
        match = pattern.search(text)
        if not match:
            continue
        left = text[: match.start()].strip()
        right = text[match.start():].strip()
        header = dict(kind=BlockKind.header, paragraph=block.paragraph, style=block.style)
        left_block = RawBlock(text=left, **header) if left else None
        return left_block, RawBlock(text=right, **header)
    return None
