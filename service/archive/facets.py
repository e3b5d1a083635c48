"""Facet counts without a query per facet: an in-memory index of each document's facet
values (year, type, issuer, place, format) and labels (campaigns, awards), as small integer
codes in numpy arrays. Counting the facets of a result is then one `bincount` per facet over
the matching documents, whatever their number.

The index is read from the database (narrow covering indexes, see migration 0003) and
rebuilt whenever the archive's write generation moves, so counts are exact: a search that
matches a document the index does not know yet rebuilds it first.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.archive import models as m

FACET_LIMIT = 20
DOC_FIELDS = ("year", "doc_type", "issuer", "place", "format")
LABEL_FIELDS = ("campaign", "award")


def _codes(values: Iterable[Any]) -> tuple[np.ndarray, list[Any]]:
    """Each value's code in a table of the distinct values; None → -1."""
    table: dict[Any, int] = {}
    codes = [-1 if v is None else table.setdefault(v, len(table)) for v in values]
    return np.asarray(codes, dtype=np.int32), list(table)


def _ranked(counts: np.ndarray, values: Sequence[Any]) -> list[dict]:
    nz = np.flatnonzero(counts)
    pairs = sorted(((values[i], int(counts[i])) for i in nz), key=lambda kv: (-kv[1], str(kv[0])))
    return [{"value": v, "count": c} for v, c in pairs[:FACET_LIMIT]]


@dataclass
class FacetIndex:
    generation: int
    ids: np.ndarray  # sorted document ids
    fields: dict[str, tuple[np.ndarray, list[Any]]]  # per document position: value code
    labels: dict[str, tuple[np.ndarray, np.ndarray, list[Any]]]  # (document position, code) pairs

    @classmethod
    def build(cls, s: Session, generation: int) -> FacetIndex:
        D = m.Document
        conn = s.connection()  # plain driver rows: SQLAlchemy's per-row work doubles the build
        rows = conn.execute(select(D.id, *(getattr(D, f) for f in DOC_FIELDS)).order_by(D.id)).cursor.fetchall()
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        fields = {f: _codes(r[i + 1] for r in rows) for i, f in enumerate(DOC_FIELDS)}
        labels = {}
        for name, stmt in (
                ("campaign", select(m.Campaign.document_id, func.coalesce(m.Campaign.canonical, m.Campaign.name))),
                ("award", select(m.Award.document_id, m.Award.award))):
            pairs = conn.execute(stmt.distinct()).cursor.fetchall()
            docs = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
            codes, values = _codes(p[1] for p in pairs)
            pos = np.searchsorted(ids, docs)
            known = (pos < len(ids)) & (ids[np.minimum(pos, max(len(ids) - 1, 0))] == docs) if len(ids) else \
                np.zeros(len(docs), dtype=bool)
            keep = known & (codes >= 0)
            labels[name] = (pos[keep], codes[keep], values)
        return cls(generation, ids, fields, labels)

    def positions(self, doc_ids: np.ndarray) -> tuple[np.ndarray, bool]:
        """Positions of `doc_ids` in the index, and whether every one of them was found."""
        if not len(self.ids):
            return np.zeros(0, dtype=np.int64), not len(doc_ids)
        pos = np.searchsorted(self.ids, doc_ids)
        found = (pos < len(self.ids)) & (self.ids[np.minimum(pos, len(self.ids) - 1)] == doc_ids)
        return pos[found], bool(found.all())

    def counts(self, pos: np.ndarray) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for name, (codes, values) in self.fields.items():
            sel = codes[pos]
            out[name] = _ranked(np.bincount(sel[sel >= 0], minlength=len(values)), values)
        mask = np.zeros(len(self.ids), dtype=bool)
        mask[pos] = True
        for name, (docs, codes, values) in self.labels.items():
            out[name] = _ranked(np.bincount(codes[mask[docs]], minlength=len(values)), values)
        return out
