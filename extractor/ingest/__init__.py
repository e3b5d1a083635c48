"""Ingest: bytes → normalised Document. The backend is chosen by sniffing the bytes."""
from __future__ import annotations

import hashlib
import re

from extractor.errors import ErrorCode, ExtractionError
from extractor.ingest.base import Backend, RawDocument, check_size, max_file_bytes, sniff_format
from extractor.limits import check_chars
from extractor.model import Document, Format

__all__ = ["read_document", "read_raw", "check_size", "max_file_bytes", "sniff_format"]


def _backend(fmt: Format) -> Backend:
    # Imported lazily: a text file should not pay for loading pdfplumber.
    if fmt == Format.txt:
        from extractor.ingest.text import read_text
        return read_text
    if fmt == Format.md:
        from extractor.ingest.text import read_markdown
        return read_markdown
    if fmt == Format.html:
        from extractor.ingest.html import read_html
        return read_html
    if fmt == Format.docx:
        from extractor.ingest.docx import read_docx
        return read_docx
    if fmt == Format.pdf:
        from extractor.ingest.pdf import read_pdf
        return read_pdf
    if fmt == Format.xlsx:
        from extractor.ingest.xlsx import read_xlsx
        return read_xlsx
    if fmt == Format.xls:
        from extractor.ingest.xlsx import read_xls
        return read_xls
    from extractor.ingest.office import read_via_libreoffice
    return read_via_libreoffice


def read_raw(data: bytes, name: str) -> RawDocument:
    check_size(name, len(data))
    raw = _backend(sniff_format(data, name))(data, name)
    # Before normalisation and the recognisers: they are the costly part of a huge text.
    check_chars(name, sum(len(b.text) for b in raw.blocks))
    return raw


# A document has words when it has a letter or a digit: whitespace, a byte-order mark,
# punctuation or the page furniture of empty pages alone are not a document.
_WORD = re.compile(r"[^\W_]")


def read_document(data: bytes, name: str) -> Document:
    """Sniff → backend → normalise. Bad input raises ExtractionError (Vietnamese reason),
    and so does a file without a single word (ErrorCode.empty)."""
    from extractor.normalise.document import build_document

    raw = read_raw(data, name)
    doc = build_document(raw, source=name, sha256=hashlib.sha256(data).hexdigest())
    if not _WORD.search(doc.text):
        raise no_words(name, raw)
    return doc


def no_words(name: str, raw: RawDocument) -> ExtractionError:
    where = f" ({raw.pages} trang)" if raw.pages else ""
    return ExtractionError(name, ErrorCode.empty,
                           f"tệp không có chữ nào đọc được{where}: chỉ có khoảng trắng, trang trống "
                           "hoặc trang không có nội dung văn bản")


def is_extraction_error(exc: BaseException) -> bool:
    return isinstance(exc, ExtractionError)
