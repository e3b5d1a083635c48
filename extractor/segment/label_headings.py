"""Unnumbered headings (ANNOTATION.md, sections: every heading, `number` null when none):
a short label alone on its line, ending in a colon, that names what follows — in capitals
(`NỘI DUNG:` of a minutes) or directly over a table (`Danh hiệu thi đua:` above the table of
titles) — or a group of an attached list with its count over numbered rows (`Quận Hoàn Kiếm:
04`). Other unnumbered lines are body text: a sentence-case label over prose is too often
a lead-in (`Ghi chú:`, `Thành phần hồ sơ gồm:`) to be read as a heading.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.model import BlockKind
from extractor.normalise.ocr import tolerant
from extractor.segment.cues import is_upper_line, layout_lexicon
from extractor.segment.lines import Line

_MAX_WORDS = 6
_LABEL = regex.compile(r"^(?P<label>\p{Lu}[^:.;,()\[\]\d]*?\p{L})\s*:$")
_BULLET = regex.compile(r"^[-+*•]")

CAPS = "caps_label"  # a capitals label: outside the numbered outline
TABLE = "table_label"  # a label over a table: inside the section it stands in
GROUP = "group_label"  # a list's group with its count over numbered rows: inside its section

# `Quận Hoàn Kiếm: 04` over `1. Trường Mầm non …`: a group of an attached list, by place or
# unit, with the number of recipients under it (a scrap of the scan may follow the count)
_COUNTED = regex.compile(r"^(?P<label>\p{Lu}[^:.;,()\[\]\d]*?\p{L})\s*:\s*\d{1,4}(?:\s+[^\p{L}\d\s]{1,3})?$")
_ROW = regex.compile(r"^\d{1,4}[.)]\s+\p{Lu}")


@lru_cache(maxsize=1)
def _formula() -> regex.Pattern:
    """A decision's enacting formula (`QUYẾT ĐỊNH:`, OCR'd `QUYÉT ĐỊNH:`) opens its articles; it
    names no part of the body."""
    formulas = "|".join(tolerant(f) for f in layout_lexicon()["enacting_formulas"])
    return regex.compile(rf"^(?:{formulas})$")


@dataclass
class Label:
    line: Line
    title: str
    scheme: str


def label_heading(ln: Line, nxt: Line | None) -> Label | None:
    """The unnumbered heading `ln` holds, given the line after it, if any."""
    group = _COUNTED.match(ln.clean)
    if group and len(group.group("label").split()) <= _MAX_WORDS and nxt is not None \
            and (nxt.kind == BlockKind.table_row or _ROW.match(nxt.clean)):
        return Label(ln, group.group("label"), GROUP)
    m = _LABEL.match(ln.clean)
    if not m or _BULLET.match(ln.clean) or len(m.group("label").split()) > _MAX_WORDS:
        return None
    title = m.group("label")
    if _formula().match(title):
        return None
    if is_upper_line(title):
        return Label(ln, title, CAPS)
    if nxt is not None and nxt.kind == BlockKind.table_row:
        return Label(ln, title, TABLE)
    return None
