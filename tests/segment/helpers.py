"""Small Documents for focused segmentation tests: one block per non-empty line,
joined by "\n", as the .txt reader produces them (no markup removal)."""
from __future__ import annotations

from extractor.model import Block, BlockKind, Document, Format
from extractor.pipeline import new_record
from extractor.records import Extraction


def plain_document(text: str, name: str = "test.txt") -> Document:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    joined = "\n".join(lines)
    blocks, at = [], 0
    for i, ln in enumerate(lines):
        blocks.append(Block(kind=BlockKind.paragraph, start=at, end=at + len(ln), paragraph=i))
        at += len(ln) + 1
    return Document(source=name, format=Format.txt, sha256="0" * 64, text=joined, blocks=blocks)


def segment(text: str) -> Extraction:
    """Header and sections components only, over a plain Document."""
    from extractor.segment.header import header_component
    from extractor.segment.sections import sections_component

    doc = plain_document(text)
    record = new_record(doc)
    header_component(doc, record)
    sections_component(doc, record)
    return record
