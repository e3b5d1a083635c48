"""Offsets are the currency: every span in every corpus record slices the text exactly."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RENDERINGS, corpus_docs, extracted

FILES = corpus_docs() + sorted(p for p in RENDERINGS.glob("*") if p.suffix in
                                            {".docx", ".pdf", ".html", ".md", ".txt"})


def _spans(record):
    for name, span in record.metadata.spans.items():
        yield f"metadata.{name}", span
    for s in record.sections:
        yield f"section {s.number}", s.heading
    for i in record.indicators:
        yield "indicator", i.span
    for c in record.campaigns:
        for span in c.spans:
            yield "campaign", span
    for a in record.awards:
        yield "award", a.span
    for p in record.people:
        yield "person", p.span


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_span_slices_the_text(path: Path):
    record = extracted(str(path))
    text = record.text
    for label, span in _spans(record):
        assert 0 <= span.start <= span.end <= len(text), label
        assert text[span.start:span.end] == span.text, (label, span)
    for i in record.indicators:
        assert i.text == i.span.text
    for s in record.sections:
        assert s.start <= s.heading.start < s.end <= len(text)
    for part in record.parts:
        assert 0 <= part.start <= part.end <= len(text)
