"""Which column each cell of a table row belongs to.

Word and spreadsheets say it (the grid column), PDF ruled tables too; rows read from an
OCR'd page or a text file only give cells in order, sometimes with their position on the
page. Cells are then placed by overlap with the header's columns, or in order.
"""
from __future__ import annotations

import regex

from extractor.model import Block

_INDEX = regex.compile(r"^\d{1,4}\s*[.)]?$")


def column_count(block: Block) -> int:
    cells = block.cells or []
    if cells and all(c.col is not None for c in cells):
        return max(c.col + max(1, c.span) for c in cells)  # type: ignore[operator]
    return len(cells)


def align_cells(block: Block, width: int, column_x: list[tuple[float, float]] | None = None,
                index_first: bool = False, texts: list[str] | None = None) -> list[int]:
    """Column of each cell of `block` in a table `width` columns wide."""
    cells = block.cells or []
    last = max(0, width - 1)
    if cells and all(c.col is not None for c in cells):
        return [min(c.col, last) for c in cells]  # type: ignore[type-var]
    if column_x and cells and all(c.x0 is not None and c.x1 is not None for c in cells):
        return [_by_overlap(c.x0, c.x1, column_x) for c in cells]  # type: ignore[arg-type]
    shift = 0
    if index_first and texts and len(cells) < width and not _INDEX.match(texts[0].strip()):
        shift = 1  # the row number is missing (a cut row, a group row)
    return [min(i + shift, last) for i in range(len(cells))]


def _by_overlap(x0: float, x1: float, columns: list[tuple[float, float]]) -> int:
    best, best_overlap = 0, float("-inf")
    for i, (a, b) in enumerate(columns):
        overlap = min(x1, b) - max(x0, a)
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    return best
