"""Regions of a document that recognisers leave alone: the header and title block,
addressees, signature, distribution list and web furniture (footnotes are kept)."""
from __future__ import annotations

from bisect import bisect_right

from extractor.model import BlockKind, Document
from extractor.records import Extraction, PartKind

SKIPPED_PARTS = frozenset({
    PartKind.title_block, PartKind.recipients, PartKind.signature,
    PartKind.distribution, PartKind.boilerplate,
})


def skipped_ranges(record: Extraction, doc: Document | None = None,
                   keep: frozenset[PartKind] = frozenset()) -> list[tuple[int, int]]:
    """[start, end) ranges no entity should be taken from, in document order (but for
    the part kinds in `keep`)."""
    ranges = [(p.start, p.end) for p in record.parts if p.kind in SKIPPED_PARTS - keep]
    if doc is not None:
        ranges += [(b.start, b.end) for b in doc.blocks if b.kind == BlockKind.header]
    return sorted(ranges)


def inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


class RangeIndex:
    """Sorted, possibly overlapping [start, end) ranges with O(log n) membership tests."""

    def __init__(self, ranges) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(ranges):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]
