"""Lexicons are data with a schema: every resource file loads through the one loader."""
from __future__ import annotations

import pytest

from extractor.resources import RESOURCE_DIR, load_tsv, load_yaml

FILES = sorted(p for p in RESOURCE_DIR.rglob("*") if p.suffix in {".yaml", ".yml", ".tsv"})


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_resource_loads(path):
    name = str(path.relative_to(RESOURCE_DIR))
    data = load_tsv(name) if path.suffix == ".tsv" else load_yaml(name)
    assert data, f"{name} is empty"


def test_there_are_resources():
    assert len(FILES) >= 3
