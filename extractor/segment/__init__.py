"""Segmentation: header block and metadata, section tree, tables. Importing registers the components."""
from extractor.segment import header, sections, tables  # noqa: F401  (register "header", "sections", "tables")
