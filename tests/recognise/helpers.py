"""Small documents for recogniser tests: one block per line, as ingest builds them."""
from __future__ import annotations

from extractor.model import Block, Document, Format
from extractor.pipeline import new_record
from extractor.records import Extraction


def make_doc(text: str) -> tuple[Document, Extraction]:
    blocks, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        blocks.append(Block(start=pos, end=pos + len(line), paragraph=i))
        pos += len(line) + 1
    doc = Document(source="snippet.txt", format=Format.txt, sha256="0" * 64, text=text, blocks=blocks)
    return doc, new_record(doc)
