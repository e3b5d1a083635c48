"""Ingest: bytes → normalised Document. The backend is chosen by sniffing the bytes."""
from __future__ import annotations

import hashlib

from extractor.errors import ExtractionError
from extractor.ingest.base import Backend, RawDocument, check_size, max_file_bytes, sniff_format
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
    return _backend(sniff_format(data, name))(data, name)


def read_document(data: bytes, name: str) -> Document:
    """Sniff → backend → normalise. Bad input raises ExtractionError (Vietnamese reason)."""
    from extractor.normalise.document import build_document

    raw = read_raw(data, name)
    return build_document(raw, source=name, sha256=hashlib.sha256(data).hexdigest())


def is_extraction_error(exc: BaseException) -> bool:
    return isinstance(exc, ExtractionError)
