"""Spans with provenance: the section, page and paragraph an offset falls in."""
from __future__ import annotations

from bisect import bisect_right

from extractor.model import Document
from extractor.records import Extraction, Section, Span


def section_at(sections: list[Section], offset: int) -> Section | None:
    """The innermost section whose extent contains `offset` (sections in document order)."""
    starts = [s.start for s in sections]
    i = bisect_right(starts, offset) - 1
    while i >= 0:
        s = sections[i]
        if s.start <= offset < s.end:
            return s
        i -= 1
    return None


def make_span(doc: Document, record: Extraction, start: int, end: int) -> Span:
    """A Span over `doc.text[start:end]` carrying section id, page and paragraph."""
    block = doc.block_at(start)
    section = section_at(record.sections, start)
    return Span(
        start=start,
        end=end,
        text=doc.text[start:end],
        section=section.id if section else None,
        page=block.page if block else None,
        paragraph=block.paragraph if block else None,
    )
