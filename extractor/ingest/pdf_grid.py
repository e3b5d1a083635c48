"""Ruled tables on a scanned page, found in the image itself: the horizontal and vertical
rules are long runs of ink, the cells lie between them, and Tesseract's words (one OCR pass
over the whole page) are put in the cell that holds their centre. Row by row, the vertical
rules that cross the row decide its cells, so a merged header cell stays one cell.

Works on a downscaled ink mask; every step is a pass over rows or columns (linear in the
number of pixels).
"""
from __future__ import annotations

from dataclasses import dataclass

import re

from extractor.ingest.base import RawCell

_RULE_GLYPHS = re.compile(r"[|¦!Il\[\]{}()_]+")

_SCALE = 4  # downscale factor for the rule search
_H_RULE = 0.12  # a horizontal rule is a run of ink this share of the page width, or longer
_V_RULE = 0.7  # a vertical rule crosses this share of a row's height
_MAX_ROW = 0.2  # rules of one table are closer than this share of the page height
_MIN_ROWS = 2


@dataclass
class Grid:
    """A table: its horizontal rules (y, pixels) and, per row band, its vertical rules (x)."""

    rows: list[tuple[int, int]]  # (top, bottom) of each row band, in page pixels
    cuts: list[list[int]]  # per row band, the x of its vertical rules, left to right
    columns: list[int]  # every distinct vertical rule of the table (grid columns)

    @property
    def top(self) -> int:
        return self.rows[0][0]

    @property
    def bottom(self) -> int:
        return self.rows[-1][1]


def _max_runs(mask) -> "numpy.ndarray":  # noqa: F821
    """Longest run of True along axis 1 for every row of a 2-D boolean array."""
    import numpy

    padded = numpy.pad(mask.astype(numpy.int8), ((0, 0), (1, 1)))
    diff = numpy.diff(padded, axis=1)
    out = numpy.zeros(mask.shape[0], dtype=numpy.int64)
    rows_s, cols_s = numpy.nonzero(diff == 1)
    rows_e, cols_e = numpy.nonzero(diff == -1)
    if len(rows_s):
        lengths = cols_e - cols_s
        numpy.maximum.at(out, rows_s, lengths)
    return out


def _bands(flags) -> list[tuple[int, int]]:
    """[start, end) of each run of True in a 1-D array."""
    out, start = [], None
    for i, f in enumerate(flags):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(flags)))
    return out


def find_grids(image) -> list[Grid]:
    """The ruled tables of a greyscale page image."""
    import numpy

    ink = numpy.asarray(image) < 160
    h, w = ink.shape
    hs, ws = h // _SCALE, w // _SCALE
    if hs < 10 or ws < 10:
        return []
    small = ink[:hs * _SCALE, :ws * _SCALE].reshape(hs, _SCALE, ws, _SCALE).any(axis=(1, 3))
    thick = small.copy()
    thick[1:] |= small[:-1]  # a slightly skewed rule still gives one long run
    thick[:-1] |= small[1:]
    rules = [(a + b) // 2 for a, b in _bands(_max_runs(thick) > _H_RULE * ws)]
    grids = []
    for cluster in _clusters(rules, int(_MAX_ROW * hs)):
        grid = _grid(small, cluster)
        if grid is not None:
            grids.append(Grid([(a * _SCALE, b * _SCALE) for a, b in grid.rows],
                              [[x * _SCALE for x in c] for c in grid.cuts], [x * _SCALE for x in grid.columns]))
    return grids


def _clusters(rules: list[int], gap: int) -> list[list[int]]:
    out: list[list[int]] = []
    for y in rules:
        if out and y - out[-1][-1] <= gap:
            out[-1].append(y)
        else:
            out.append([y])
    return [c for c in out if len(c) > _MIN_ROWS]


def _grid(small, rules: list[int]) -> Grid | None:
    rows = list(zip(rules, rules[1:]))
    cuts = []
    for top, bottom in rows:
        band = small[top + 1:bottom, :] if bottom - top > 2 else small[top:bottom + 1, :]
        height = band.shape[0]
        if height == 0:
            cuts.append([])
            continue
        runs = _max_runs(band.T)  # a rule is one unbroken run down the row, not letters stacked
        cols = [(a + b) // 2 for a, b in _bands(runs >= max(1, int(_V_RULE * height)))]
        cuts.append(cols)
    if sum(len(c) >= 3 for c in cuts) < max(_MIN_ROWS, len(rows) // 2):
        return None  # rules without columns: underlines or a form's lines, not a table
    columns = _merge_positions(sorted(x for c in cuts for x in c))
    return Grid(rows, [[_snap(x, columns) for x in c] for c in cuts], columns)


def _merge_positions(xs: list[int], tolerance: int = 3) -> list[int]:
    out: list[int] = []
    for x in xs:
        if out and x - out[-1] <= tolerance:
            continue
        out.append(x)
    return out


def _snap(x: int, columns: list[int]) -> int:
    return min(columns, key=lambda c: abs(c - x))


def _reading_order(words: list[dict]) -> list[dict]:
    """Words of one cell line by line, left to right. A word joins a line when their boxes
    overlap by 40% of the lower one's height: tone marks raise a box's top and descenders
    lower its bottom, so middles of one line differ more than a half height apart would
    suggest, while two lines of a wrapped cell barely overlap."""
    lines: list[tuple[float, float, list[dict]]] = []
    for word in sorted(words, key=lambda wd: wd["px"][1]):
        top, bottom = word["px"][1], word["px"][3]
        for i, (t, b, members) in enumerate(lines):
            if min(b, bottom) - max(t, top) >= 0.4 * min(b - t, bottom - top):
                members.append(word)
                lines[i] = (min(t, top), max(b, bottom), members)
                break
        else:
            lines.append((top, bottom, [word]))
    lines.sort(key=lambda line: line[0])
    return [wd for _, _, members in lines for wd in sorted(members, key=lambda wd: wd["px"][0])]


def cells_of(grid: Grid, words: list[dict], scale: float) -> tuple[list[list[RawCell]], set[int]]:
    """Rows of cells with the words inside them (`px` boxes), and the ids of the words used.
    `scale` turns pixels into PDF points."""
    rows: list[list[RawCell]] = []
    used: set[int] = set()
    buckets: dict[tuple[int, int], list[dict]] = {}
    for word in words:
        x0, y0, x1, y1 = word["px"]
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if not grid.top <= cy <= grid.bottom:
            continue
        r = next((i for i, (a, b) in enumerate(grid.rows) if a <= cy < b), None)
        if r is None:
            continue
        cuts = grid.cuts[r]
        if _RULE_GLYPHS.fullmatch(word["text"]) and len(word["text"]) <= 2 and \
                min((abs(cx - x) for x in cuts), default=99) <= 24:
            used.add(id(word))  # a rule read as a letter ("|", "l")
            continue
        c = next((i for i, (a, b) in enumerate(zip(cuts, cuts[1:])) if a <= cx < b), None)
        if c is None:
            continue
        if _RULE_GLYPHS.fullmatch(word["text"]) and len(word["text"]) <= 2 and (
                x1 - x0 <= 16 or min(abs(cx - x) for x in grid.cuts[r] or [cx + 99]) <= 24):
            used.add(id(word))  # a rule read as a letter ("|", "l")
            continue
        buckets.setdefault((r, c), []).append(word)
        used.add(id(word))
    for r, cuts in enumerate(grid.cuts):
        cells = []
        for c, (a, b) in enumerate(zip(cuts, cuts[1:])):
            inside = _reading_order(buckets.get((r, c), []))
            col = grid.columns.index(a)
            span = max(1, grid.columns.index(b) - col)
            cells.append(RawCell(text=" ".join(wd["text"] for wd in inside), col=col, span=span,
                                 x0=a * scale, x1=b * scale))
        if any(cell.text for cell in cells):
            rows.append(cells)
    return rows, used
