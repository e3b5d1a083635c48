"""Facet counts without a query per facet: an in-memory index of each document's facet
values (year, type, issuer, place, format) and labels (campaigns, awards), as small integer
codes in numpy arrays. Counting the facets of a result is then one `bincount` per facet over
the matching documents, whatever their number.

The index is read from the database (narrow covering indexes, see migration 0003) and
refreshed whenever the archive's write generation moves, so counts are exact: documents
still stored keep their codes and only new ones are read (`refreshed`); a search that
matches a document the index does not know yet refreshes it first.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.archive import models as m

FACET_LIMIT = 20
DOC_FIELDS = ("year", "doc_type", "issuer", "place", "format")
LABEL_FIELDS = ("campaign", "award")


def _codes(values: Iterable[Any], known: Sequence[Any] = ()) -> tuple[np.ndarray, list[Any]]:
    """Each value's code in a table of the distinct values (extending `known`); None → -1."""
    table: dict[Any, int] = {v: i for i, v in enumerate(known)}
    codes = [-1 if v is None else table.setdefault(v, len(table)) for v in values]
    return np.asarray(codes, dtype=np.int32), list(table)


def _label_pairs(conn, name: str, doc_ids: Sequence[int] | None = None) -> list[tuple[int, Any]]:
    """(document id, label) pairs of one label facet, for every document or for `doc_ids`."""
    stmt = (select(m.Campaign.document_id, func.coalesce(m.Campaign.canonical, m.Campaign.name))
            if name == "campaign" else select(m.Award.document_id, m.Award.award))
    if doc_ids is not None:
        stmt = stmt.where((m.Campaign.document_id if name == "campaign" else m.Award.document_id).in_(doc_ids))
    return conn.execute(stmt.distinct()).cursor.fetchall()


def _doc_rows(conn, doc_ids: Sequence[int] | None = None) -> list[tuple]:
    """(id, sha256, *DOC_FIELDS) per document, by id."""
    D = m.Document
    stmt = select(D.id, D.sha256, *(getattr(D, f) for f in DOC_FIELDS)).order_by(D.id)
    if doc_ids is not None:
        stmt = stmt.where(D.id.in_(doc_ids))
    return conn.execute(stmt).cursor.fetchall()


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
    shas: list[str] = field(default_factory=list)  # per position: tells a reused id from its old document

    @classmethod
    def build(cls, s: Session, generation: int) -> FacetIndex:
        conn = s.connection()  # plain driver rows: SQLAlchemy's per-row work doubles the build
        rows = _doc_rows(conn)
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        fields = {f: _codes(r[i + 2] for r in rows) for i, f in enumerate(DOC_FIELDS)}
        labels = {name: cls._encode_labels(ids, _label_pairs(conn, name), []) for name in LABEL_FIELDS}
        return cls(generation, ids, fields, labels, [r[1] for r in rows])

    @staticmethod
    def _encode_labels(ids: np.ndarray, pairs: list[tuple[int, Any]], known: Sequence[Any]):
        docs = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
        codes, values = _codes((p[1] for p in pairs), known)
        pos = np.searchsorted(ids, docs)
        known_doc = (pos < len(ids)) & (ids[np.minimum(pos, max(len(ids) - 1, 0))] == docs) if len(ids) else \
            np.zeros(len(docs), dtype=bool)
        keep = known_doc & (codes >= 0)
        return pos[keep], codes[keep], values

    def refreshed(self, s: Session, generation: int) -> FacetIndex:
        """The index after writes: documents still stored keep their codes, and only the
        documents stored since (or under a reused id) are read; a large change rebuilds."""
        conn = s.connection()
        current = conn.execute(select(m.Document.id, m.Document.sha256).order_by(m.Document.id)).cursor.fetchall()
        old = dict(zip(self.ids.tolist(), self.shas))
        added = [i for i, sha in current if old.get(i) != sha]
        if len(added) > max(100, len(current) // 4):
            return FacetIndex.build(s, generation)
        ids = np.fromiter((r[0] for r in current), dtype=np.int64, count=len(current))
        new_set = set(added)
        kept_ids = np.fromiter((i for i, _ in current if i not in new_set), dtype=np.int64)
        old_pos, new_pos = np.searchsorted(self.ids, kept_ids), np.searchsorted(ids, kept_ids)
        rows = _doc_rows(conn, added) if added else []
        add_pos = np.searchsorted(ids, np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)))
        fields = {}
        for i, (name, (codes, values)) in enumerate(self.fields.items()):
            new_codes, values = _codes((r[i + 2] for r in rows), values)
            out = np.full(len(ids), -1, dtype=np.int32)
            out[new_pos] = codes[old_pos]
            out[add_pos] = new_codes
            fields[name] = (out, values)
        remap = np.full(len(self.ids), -1, dtype=np.int64)
        remap[old_pos] = new_pos
        labels = {}
        for name, (docs, codes, values) in self.labels.items():
            moved = remap[docs]
            a_pos, a_codes, values = self._encode_labels(ids, _label_pairs(conn, name, added) if added else [], values)
            labels[name] = (np.concatenate([moved[moved >= 0], a_pos]),
                            np.concatenate([codes[moved >= 0], a_codes]), values)
        return FacetIndex(generation, ids, fields, labels, [r[1] for r in current])

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
