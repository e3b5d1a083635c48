"""Collects the Metadata of one document, each field with its Span: shared by the
header readers (header.py, signer.py)."""
from __future__ import annotations

from extractor.model import Document
from extractor.provenance import make_span
from extractor.records import Extraction, Metadata
from extractor.segment.lines import Line


class MetadataBuilder:
    """Collects field values and their spans for one document."""

    def __init__(self, doc: Document, record: Extraction) -> None:
        self.doc, self.record = doc, record
        self.meta = Metadata()

    def span(self, key: str, line: Line, i: int, j: int) -> None:
        start, end = line.span(i, j)
        if end > start:
            self.meta.spans[key] = make_span(self.doc, self.record, start, end)

    def span_lines(self, key: str, lines: list[Line]) -> None:
        if lines:
            self.meta.spans[key] = make_span(self.doc, self.record, lines[0].span()[0], lines[-1].span()[1])
