"""Segmentation: header block and metadata, section tree. Importing registers the components."""
from extractor.segment import header, sections  # noqa: F401  (register "header", "sections")
