"""Normalisation: legacy encodings, Unicode NFC, spaces and quotes, page-break rejoin,
and the search key. `build_document` turns a backend's RawDocument into the Document."""
from extractor.normalise.search import search_key, strip_accents

__all__ = ["search_key", "strip_accents"]
