"""Per-term bm25 contributions over the whole archive, cached until the next write.

FTS5's bm25 is a sum over the query's phrases of idf × a saturated, length-normalised
term frequency, so a query's score is the sum of its terms' single-term scores. For a
query whose terms occur in most documents (`co thi dua` matches every report), computing
bm25 means decoding every position list of those terms: ~35 ms at 10,000 documents,
while finding the matching ids alone takes ~4 ms. The same few frequent syllables
(`thi`, `dua`, `khen`, `thuong`) recur in most queries of a TĐKT archive, so their score
vectors are kept (one float per document) and a broad query sums them at its matches.
Rare terms are cheap to score and are never cached: narrow queries keep FTS5's own bm25.
On PostgreSQL the same cache holds each term's `ts_rank_cd` (see `queries.term_scorers`).
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from sqlalchemy.engine import Connection


class TermScores:
    """An LRU of (write generation, dense score vector indexed by document id) per term,
    keyed by its query expression (`"thi"`, `"chung tay"`, `"xay"*` on SQLite)."""

    def __init__(self, max_terms: int = 128) -> None:
        self.max_terms = max_terms
        self._cache: OrderedDict[str, tuple[int, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def vector(self, conn: Connection, key: str, statement, generation: int) -> np.ndarray:
        """Scores of one term for every document (NaN where it does not occur);
        `statement` selects (id, score) of the documents holding it."""
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == generation:
                self._cache.move_to_end(key)
                return hit[1]
        rows = conn.execute(statement).cursor.fetchall()
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        vec = np.full(int(ids.max()) + 1 if len(ids) else 0, np.nan)
        vec[ids] = [r[1] for r in rows]
        with self._lock:
            self._cache[key] = (generation, vec)
            self._cache.move_to_end(key)
            while len(self._cache) > self.max_terms:
                self._cache.popitem(last=False)
        return vec

    def scores(self, conn: Connection, scorers: list[tuple[str, object]], ids: np.ndarray,
               generation: int) -> np.ndarray | None:
        """The summed score of `ids` (all matching every term) over the terms' (cache key,
        statement) pairs, or None when a vector is out of step with them (a document stored
        between the two reads)."""
        total = np.zeros(len(ids))
        for key, statement in scorers:
            vec = self.vector(conn, key, statement, generation)
            if len(ids) and int(ids.max()) >= len(vec):
                return None
            part = vec[ids]
            if np.isnan(part).any():
                return None
            total += part
        return total
