"""What every ingest backend produces, and how the backend is chosen: by the bytes, never
by the file name alone (a `.pdf` that is really a Word file is read as Word)."""
from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from typing import Protocol

from extractor.errors import ErrorCode, ExtractionError, describe
from extractor.model import BlockKind, Format

# A footnote reference inside a raw block's text; `RawBlock.refs` holds the marks in
# order. Normalisation removes the character and records its offset as the anchor.
FOOTNOTE_REF = "\ue000"

DEFAULT_MAX_BYTES = 100 * 1024 * 1024


def max_file_bytes() -> int:
    """Largest file tdkt reads (setting `TDKT_MAX_FILE_MB`, default 100 MB)."""
    raw = os.environ.get("TDKT_MAX_FILE_MB")
    try:
        return int(float(raw) * 1024 * 1024) if raw else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


@dataclass
class RawCell:
    """A table cell as the source has it; normalisation joins a row's cells with " | "."""

    text: str
    col: int | None = None
    span: int = 1
    x0: float | None = None
    x1: float | None = None


@dataclass
class RawBlock:
    """One paragraph-like unit as the source has it, before normalisation."""

    text: str
    kind: BlockKind = BlockKind.paragraph
    page: int | None = None
    paragraph: int | None = None
    style: str | None = None
    outline_level: int | None = None
    numbering: str | None = None
    footnote_mark: str | None = None
    refs: list[str] = field(default_factory=list)  # marks of FOOTNOTE_REF in `text`
    legacy: str | None = None  # "tcvn3" / "vni" when the run fonts say so
    capitals: bool = False  # legacy capitals font (.VnTimeH): convert, then upper-case
    cells: list[RawCell] | None = None  # table rows: the cells (`text` is then their " | " join)
    table: int | None = None  # table rows: which table of the document
    row: int | None = None  # table rows: index of the row in its table
    sheet: str | None = None  # spreadsheets: the sheet's name


def table_row(cells: list[RawCell], table: int, row: int, **kw) -> RawBlock:
    """A table-row block whose text is its cells joined by " | " (the one row format)."""
    return RawBlock(text=" | ".join(c.text for c in cells), kind=BlockKind.table_row, cells=cells,
                    table=table, row=row, **kw)


@dataclass
class RawDocument:
    format: Format
    blocks: list[RawBlock] = field(default_factory=list)
    pages: int | None = None
    ocr: bool = False
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    # Text files decide legacy encodings for the whole document; Word per run.
    detect_legacy: bool = True


def number_tables(blocks: list[RawBlock]) -> list[RawBlock]:
    """Give consecutive table rows that carry no table number one (and row indices), for
    backends whose rows arrive as a flat sequence (HTML, text, Markdown)."""
    table = max((b.table for b in blocks if b.table is not None), default=-1)
    prev_row = False
    row = 0
    for block in blocks:
        is_row = block.kind == BlockKind.table_row and block.table is None
        if is_row and block.cells is None:
            block.cells = [RawCell(text=t.strip()) for t in block.text.split(" | ")]
        if is_row:
            if not prev_row:
                table, row = table + 1, 0
            block.table, block.row = table, row
            row += 1
        prev_row = is_row
    return blocks


class Backend(Protocol):
    def __call__(self, data: bytes, name: str) -> RawDocument: ...


# --- errors a user reads -------------------------------------------------------------

def corrupt(name: str, what: str) -> ExtractionError:
    return ExtractionError(name, ErrorCode.corrupt, f"tệp bị hỏng hoặc không đọc được ({what})")


def encrypted(name: str) -> ExtractionError:
    return ExtractionError(name, ErrorCode.encrypted,
                           "tệp được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu rồi gửi lại")


def unsupported(name: str, what: str) -> ExtractionError:
    return ExtractionError(
        name, ErrorCode.unsupported,
        f"định dạng không được hỗ trợ ({what}); tdkt đọc .docx, .doc, .odt, .rtf, .pdf, .xlsx, .xls, .txt, .md, .html")


def check_size(name: str, size: int) -> None:
    """Refuse empty and oversized files before anything parses them."""
    if size == 0:
        raise ExtractionError(name, ErrorCode.empty, "tệp rỗng (0 byte)")
    limit = max_file_bytes()
    if size > limit:
        raise ExtractionError(
            name, ErrorCode.too_large,
            f"tệp quá lớn ({size / 1024 / 1024:.0f} MB, giới hạn {limit / 1024 / 1024:.0f} MB)")


# --- format sniffing -------------------------------------------------------------------

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_TAG = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I)
_SERVER_DIRECTIVES = re.compile(rb"<%.*?%>|<\?(?!xml).*?\?>", re.S)
_MD_SIGNAL = re.compile(r"^(#{1,6}\s|\*\*\S|\*\*\*\S)|<sup>\d+</sup>", re.M)
# Binary formats we recognise only to name them in the error.
_KNOWN_BINARY = {
    b"\x89PNG": "ảnh PNG", b"\xff\xd8\xff": "ảnh JPEG", b"GIF8": "ảnh GIF", b"MZ": "tệp chương trình",
    b"\x7fELF": "tệp chương trình", b"Rar!": "tệp nén RAR", b"7z\xbc\xaf": "tệp nén 7z",
    b"\x1f\x8b": "tệp nén gzip", b"II*\x00": "ảnh TIFF", b"MM\x00*": "ảnh TIFF",
}


def sniff_format(data: bytes, name: str) -> Format:
    """The format the bytes really are; the extension only breaks ties between text kinds."""
    head = data[:2048]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return Format.pdf
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, name)
    if head.startswith(_OLE2):
        return _sniff_ole(data, name)
    if head.lstrip().startswith(b"{\\rtf"):
        return Format.rtf
    for magic, what in _KNOWN_BINARY.items():
        if head.startswith(magic):
            raise unsupported(name, what)
    if _looks_binary(head):
        raise unsupported(name, "tệp nhị phân không rõ loại")
    page = _SERVER_DIRECTIVES.sub(b"", head.lstrip().removeprefix(b"\xef\xbb\xbf")).lstrip()
    if _HTML_TAG.search(page[:512]) and b"<" in page[:1]:
        return Format.html  # (a server page: `<%@ Page … %>` / `<?php … ?>` before its markup)
    if name.lower().endswith((".aspx", ".asp", ".php", ".jsp")) and _HTML_TAG.search(head):
        return Format.html
    if name.lower().endswith((".html", ".htm")) and _HTML_TAG.search(head):
        return Format.html
    if name.lower().endswith(".md"):
        return Format.md
    text = data[:65536].decode("utf-8", errors="ignore")
    return Format.md if len(_MD_SIGNAL.findall(text)) >= 3 else Format.txt


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text
    sample = head[:1024]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / len(sample) > 0.05


def _sniff_zip(data: bytes, name: str) -> Format:
    from extractor.ingest.containers import check_zip

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip(zf, name)  # a zip bomb is refused before any member is inflated
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return Format.docx
            if "xl/workbook.xml" in names:
                return Format.xlsx
            if "content.xml" in names or "mimetype" in names:
                mimetype = zf.read("mimetype").decode("ascii", "ignore") if "mimetype" in names else ""
                if "opendocument.text" in mimetype or ("content.xml" in names and not mimetype):
                    return Format.odt
                raise unsupported(name, f"tài liệu OpenDocument loại {mimetype or 'không rõ'}")
    except ExtractionError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # BadZipFile, an inflate error in the mimetype member, …
        raise corrupt(name, describe(exc)) from exc
    raise unsupported(name, "tệp nén ZIP không phải tài liệu Word hay bảng tính Excel")


def _sniff_ole(data: bytes, name: str) -> Format:
    # Password-protected .docx files are OLE2 containers holding "EncryptedPackage".
    if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20] or b"EncryptedPackage" in data[:1 << 20]:
        raise encrypted(name)
    if "WordDocument".encode("utf-16-le") in data[:1 << 20]:
        return Format.doc
    if "Workbook".encode("utf-16-le") in data[:1 << 20] or "Book".encode("utf-16-le") in data[:1 << 20]:
        return Format.xls
    # Other OLE2 files (old PowerPoint, …) — LibreOffice may still read them as text.
    raise unsupported(name, "tệp Office cũ không phải văn bản Word")
