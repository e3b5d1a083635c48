"""Per-term bm25 contributions over the whole archive, cached until the next write.

FTS5's bm25 is a sum over the query's phrases of idf × a saturated, length-normalised
term frequency, so a query's score is the sum of its terms' single-term scores. For a
query whose terms occur in most documents (`co thi dua` matches every report), computing
bm25 means decoding every position list of those terms: ~35 ms at 10,000 documents,
while finding the matching ids alone takes ~4 ms. The same few frequent syllables
(`thi`, `dua`, `khen`, `thuong`) recur in most queries of a TĐKT archive, so their score
vectors are kept (one float per document) and a broad query sums them at its matches.
Rare terms are cheap to score and are never cached: narrow queries keep FTS5's own bm25.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from sqlalchemy import text
from sqlalchemy.engine import Connection

# bm25 column weights: title, body, entities (the same in every statement that ranks).
BM25 = "-bm25(documents_fts, 8.0, 1.0, 3.0)"


class TermScores:
    """An LRU of (write generation, dense score vector indexed by document id) per FTS5
    term expression (`"thi"`, `"chung tay"`, `"xay"*`)."""

    def __init__(self, max_terms: int = 128) -> None:
        self.max_terms = max_terms
        self._cache: OrderedDict[str, tuple[int, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def vector(self, conn: Connection, term: str, generation: int) -> np.ndarray:
        """Scores of `term` for every document (NaN where it does not occur)."""
        with self._lock:
            hit = self._cache.get(term)
            if hit is not None and hit[0] == generation:
                self._cache.move_to_end(term)
                return hit[1]
        rows = conn.execute(text(f"SELECT rowid, {BM25} FROM documents_fts WHERE documents_fts MATCH :q"),
                            {"q": term}).all()
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        vec = np.full(int(ids.max()) + 1 if len(ids) else 0, np.nan)
        vec[ids] = [r[1] for r in rows]
        with self._lock:
            self._cache[term] = (generation, vec)
            self._cache.move_to_end(term)
            while len(self._cache) > self.max_terms:
                self._cache.popitem(last=False)
        return vec

    def scores(self, conn: Connection, terms: list[str], ids: np.ndarray, generation: int) -> np.ndarray | None:
        """The summed score of `ids` (all matching every term), or None when a vector is
        out of step with them (a document stored between the two reads)."""
        total = np.zeros(len(ids))
        for term in terms:
            vec = self.vector(conn, term, generation)
            if len(ids) and int(ids.max()) >= len(vec):
                return None
            part = vec[ids]
            if np.isnan(part).any():
                return None
            total += part
        return total
