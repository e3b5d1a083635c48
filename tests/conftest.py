"""Shared fixtures: the real corpus documents, read once per test session."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora"
DOCS = CORPUS / "docs"
GOLD = CORPUS / "gold"
RENDERINGS = CORPUS / "renderings"


def corpus_docs() -> list[Path]:
    return sorted(DOCS.glob("*.txt"))


def split(name: str) -> list[str]:
    return json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))[name]


@lru_cache(maxsize=None)
def extracted(path: str):
    """The record for a corpus file, cached across tests (extraction is deterministic)."""
    from extractor.pipeline import extract

    return extract(path)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
