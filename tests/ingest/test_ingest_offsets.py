"""Every Block and Footnote slices Document.text consistently, for every corpus document
and every rendering (offsets are the currency of every later stage)."""
from __future__ import annotations

import pytest
from tests.conftest import RENDERINGS, corpus_docs

from extractor.ingest import read_document

FILES = corpus_docs() + sorted(p for p in RENDERINGS.glob("*") if p.suffix in (".docx", ".pdf", ".html"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_offsets_slice_the_text(path):
    doc = read_document(path.read_bytes(), path.name)
    assert doc.blocks, "no blocks read"
    previous_end = -1
    for block in doc.blocks:
        piece = doc.text[block.start:block.end]
        assert piece and "\n" not in piece and piece == piece.strip()
        assert block.start == previous_end + 1 or previous_end == -1
        previous_end = block.end
    assert previous_end == len(doc.text)
    assert doc.text == "\n".join(doc.text[b.start:b.end] for b in doc.blocks)
    for note in doc.footnotes:
        assert 0 <= note.start < note.end <= len(doc.text)
        if note.anchor is not None:
            assert 0 <= note.anchor <= len(doc.text)
    assert len(doc.sha256) == 64
