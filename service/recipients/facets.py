"""Recipient search at archive scale: the database finds the ids whose search key holds the
query's words (FTS5 or a GIN tsvector); kind, place, award count and name order of every
recipient live in numpy arrays here, so facets, filters and the order of a broad query
(`nguyen` matches a third of all people) are counted in memory instead of three more
passes over the matches. The arrays are read again after any write (archive generation)."""
from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.archive import models as m

R = m.Recipient


@dataclass
class RecipientArrays:
    generation: int
    ids: np.ndarray  # sorted recipient ids
    kind: np.ndarray  # code into kinds
    kinds: list[str]
    place: np.ndarray  # code into places (0: no place)
    places: list[str | None]
    awards: np.ndarray
    name_rank: np.ndarray  # position in name order

    @classmethod
    def build(cls, s: Session, generation: int) -> RecipientArrays:
        rows = s.connection().execute(select(R.id, R.kind, R.place, R.award_count, R.name).order_by(R.id)).cursor.fetchall()
        n = len(rows)
        kinds: dict[str, int] = {}
        places: dict[str | None, int] = {None: 0}
        kind = np.empty(n, dtype=np.int8)
        place = np.empty(n, dtype=np.int32)
        for i, (_id, k, p, _a, _n) in enumerate(rows):
            kind[i] = kinds.setdefault(k, len(kinds))
            place[i] = places.setdefault(p, len(places))
        names = [r[4] for r in rows]
        order = sorted(range(n), key=names.__getitem__)
        rank = np.empty(n, dtype=np.int32)
        rank[np.array(order, dtype=np.int64)] = np.arange(n, dtype=np.int32)
        return cls(generation, np.fromiter((r[0] for r in rows), dtype=np.int64, count=n), kind, list(kinds),
                   place, list(places), np.fromiter((r[3] or 0 for r in rows), dtype=np.int32, count=n), rank)

    def positions(self, ids: np.ndarray | None) -> np.ndarray:
        """Positions of `ids` (all when None) in the arrays; ids the arrays lack are dropped."""
        n = len(self.ids)
        if ids is None:
            return np.arange(n)
        if not n or not len(ids):
            return np.empty(0, dtype=np.int64)
        pos = np.searchsorted(self.ids, ids)
        found = (pos < n) & (self.ids[np.minimum(pos, n - 1)] == ids)
        return pos[found]

    def filter(self, pos: np.ndarray, kind: str | None, place: str | None) -> np.ndarray:
        if kind is not None:
            code = self.kinds.index(kind) if kind in self.kinds else -1
            pos = pos[self.kind[pos] == code]
        if place is not None:
            code = self.places.index(place) if place in self.places else -1
            pos = pos[self.place[pos] == code]
        return pos

    def facet(self, pos: np.ndarray, what: str, limit: int) -> list[tuple[str | None, int]]:
        codes, labels = (self.kind, self.kinds) if what == "kind" else (self.place, self.places)
        counts = np.bincount(codes[pos], minlength=len(labels))
        order = sorted((i for i in np.flatnonzero(counts)), key=lambda i: (-counts[i], str(labels[i])))
        return [(labels[i], int(counts[i])) for i in order[:limit]]

    def page(self, pos: np.ndarray, first: np.ndarray, offset: int, size: int) -> list[int]:
        """Ids of one page: exact name matches (`first`) first, then most awards, then name."""
        boost = np.isin(self.ids[pos], first) if len(first) else np.zeros(len(pos), dtype=bool)
        order = np.lexsort((self.name_rank[pos], -self.awards[pos], ~boost))
        return [int(i) for i in self.ids[pos[order[offset:offset + size]]]]


class RecipientArraysCache:
    def __init__(self) -> None:
        self._arrays: RecipientArrays | None = None
        self._lock = threading.Lock()

    def get(self, s: Session, generation: int) -> RecipientArrays:
        cached = self._arrays
        if cached is not None and cached.generation == generation:
            return cached
        with self._lock:
            if self._arrays is None or self._arrays.generation != generation:
                self._arrays = RecipientArrays.build(s, generation)
            return self._arrays
