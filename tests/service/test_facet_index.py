"""The facet index refreshed after writes counts exactly what a fresh build counts:
documents added, deleted, and a new document under a reused id (SQLite reuses the
largest id after it is deleted)."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from extractor.pipeline import extract
from service.archive import Archive
from service.archive.facets import FacetIndex
from tests.conftest import corpus_docs


def _counts(archive: Archive, index: FacetIndex) -> dict:
    with archive.session() as s:
        ids = np.array(sorted(r for r in s.connection().exec_driver_sql("SELECT id FROM documents").scalars()))
    pos, complete = index.positions(ids)
    assert complete
    return index.counts(pos)


def test_refreshed_index_equals_a_fresh_build(tmp_path: Path):
    archive = Archive.open(f"sqlite:///{tmp_path / 'a.db'}", tmp_path / "files")
    paths = corpus_docs()
    records = {p: extract(p) for p in paths}
    for p in paths[:8]:
        archive.add(p.read_bytes(), p.name, records[p])
    with archive.session() as s:
        first = archive.facet_index(s)
        ids = first.ids.tolist()
    # delete one in the middle and the newest, store a document that reuses the newest's id,
    # then one more
    archive.delete(ids[2])
    archive.delete(ids[-1])
    reused = archive.add(paths[8].read_bytes(), paths[8].name, records[paths[8]])
    assert reused.document["id"] == ids[-1]  # the id came back, with another document behind it
    archive.add(paths[9].read_bytes(), paths[9].name, records[paths[9]])
    with archive.session() as s:
        refreshed = archive.facet_index(s)
        fresh = FacetIndex.build(s, refreshed.generation)
    assert refreshed is not first and refreshed.generation > first.generation
    assert refreshed.ids.tolist() == fresh.ids.tolist()
    assert _counts(archive, refreshed) == _counts(archive, fresh)
