"""The archive: stored originals and records, search and cross-document lists."""
from service.archive.queries import Filters, Page
from service.archive.store import Archive, Stored

__all__ = ["Archive", "Filters", "Page", "Stored"]
