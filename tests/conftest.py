"""Shared fixtures: the real corpus documents, read once per test session."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora"
DOCS = CORPUS / "docs"
GOLD = CORPUS / "gold"
RENDERINGS = CORPUS / "renderings"


def blind_pending() -> set[str]:
    """Stems awaiting their blind score (corpora/split.json): the suite must not run tdkt on
    them, so that nobody reads its output before the blind table is published."""
    return set(json.loads((CORPUS / "split.json").read_text(encoding="utf-8")).get("blind_pending", []))


def corpus_docs() -> list[Path]:
    pending = blind_pending()
    return sorted(p for p in DOCS.glob("*.txt") if p.stem not in pending)


def split(name: str) -> list[str]:
    return json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))[name]


def gold(stem: str) -> dict:
    """The hand-labelled gold file for a corpus document (every corpus document has one)."""
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def extracted(path: str):
    """The record for a corpus file, cached across tests (extraction is deterministic)."""
    from extractor.pipeline import extract

    return extract(path)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


# `make test` sets TDKT_REQUIRE_TOOLS=1: it has installed every tool the suite uses (LibreOffice,
# Tesseract, Chromium), so a test that would skip for a missing tool or reader fails instead —
# a green run never hides an unchecked path. Only the PostgreSQL suite stays opt-in.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (report.skipped and os.environ.get("TDKT_REQUIRE_TOOLS") == "1"):
        return
    reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if "TDKT_TEST_POSTGRES" in reason:
        return
    report.outcome = "failed"
    report.longrepr = f"skipped under TDKT_REQUIRE_TOOLS=1: {reason}"
