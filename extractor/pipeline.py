"""The ordered stages of extraction, after spaCy's pipeline: small components with one
job each, registered by name, each declaring what it reads and writes on the shared
(Document, Extraction) pair. `extract()` is the one public entry.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extractor.model import Document
from extractor.records import DocumentInfo, Extraction

ComponentFn = Callable[[Document, Extraction], None]


@dataclass(frozen=True)
class Component:
    name: str
    fn: ComponentFn
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


_REGISTRY: dict[str, Component] = {}

# Order matters: the header and section tree come first, recognisers read them.
DEFAULT_PIPELINE: tuple[str, ...] = (
    "header",
    "sections",
    "tables",
    "indicators",
    "campaigns",
    "awards",
    "people",
    "award_lists",
    "award_counts",
)


def component(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()):
    """Register `fn` as pipeline component `name`."""

    def wrap(fn: ComponentFn) -> ComponentFn:
        _REGISTRY[name] = Component(name, fn, requires, assigns)
        return fn

    return wrap


def _load_components() -> None:
    # Importing the stage packages registers their components.
    import extractor.recognise  # noqa: F401
    import extractor.segment  # noqa: F401


@dataclass
class Pipeline:
    names: tuple[str, ...] = DEFAULT_PIPELINE
    components: list[Component] = field(init=False)

    def __post_init__(self) -> None:
        _load_components()
        self.components = [_REGISTRY[n] for n in self.names if n in _REGISTRY]

    def __call__(self, doc: Document) -> Extraction:
        record = new_record(doc)
        for comp in self.components:
            comp.fn(doc, record)
        return record


def new_record(doc: Document) -> Extraction:
    info = DocumentInfo(
        source=doc.source, format=doc.format, sha256=doc.sha256, pages=doc.pages,
        ocr=doc.ocr, encoding=doc.encoding, warnings=list(doc.warnings),
    )
    return Extraction(document=info, text=doc.text)


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def read(data: bytes, name: str) -> Document:
    """Bytes → normalised Document (ingest backend chosen by content, then normalisation)."""
    from extractor.ingest import read_document

    return read_document(data, name)


def extract_bytes(data: bytes, name: str) -> Extraction:
    return default_pipeline()(read(data, name))


def extract(source: str | Path) -> Extraction:
    """Read the file at `source` and extract everything tdkt knows from it."""
    from extractor.ingest import check_size

    path = Path(source)
    check_size(path.name, path.stat().st_size)  # refuse a huge file before reading it
    return extract_bytes(path.read_bytes(), path.name)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
