"""The end of a printed decision or letter sits in two columns: `Nơi nhận:` and its list on
the left, the signature (capacity, office, `(Đã ký)`, name) on the right. A PDF gives them
as shared lines ("Nơi nhận: KT. CHỦ TỊCH"); here each line of that zone is cut at its
column gap, and the left column is read before the right one, as on paper."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.ingest.pdf import Line

_DISTRIBUTION = re.compile(r"^Nơi\s*nhận", re.I)
_ITEM = re.compile(r"^[-+•–]")
_GAP = 0.1  # a column gap is at least this share of the page width
_RIGHT = 0.42  # a line starting past this share of the width belongs to the right column
_MAX_ZONE = 16


def _split(line: "Line", width: float) -> tuple["Line | None", "Line | None"]:
    words = line.words
    gaps = [(b["x0"] - a["x1"], i) for i, (a, b) in enumerate(zip(words, words[1:]), start=1)]
    gap, at = max(gaps, default=(0.0, 0))
    if gap >= _GAP * width and words[at]["x0"] >= _RIGHT * width * 0.9:
        left, right = words[:at], words[at:]
        return _part(line, left), _part(line, right)
    if line.x0 >= _RIGHT * width:
        return None, line
    return line, None


def _part(line: "Line", words: list[dict]) -> "Line":
    return replace(line, words=words, x0=words[0]["x0"], x1=max(w["x1"] for w in words),
                   top=min(w["top"] for w in words), bottom=max(w["bottom"] for w in words), solo=True)


def split_signature_zone(lines: list["Line"], width: float) -> list["Line"]:
    """`lines` of one page with its Nơi nhận | signature zone read column by column."""
    start = next((i for i, ln in enumerate(lines) if ln.words and _DISTRIBUTION.match(ln.text)), None)
    if start is None or width <= 0:
        return lines
    left: list[Line] = []
    right: list[Line] = []
    end = start
    for ln in lines[start:start + _MAX_ZONE]:
        lpart, rpart = _split(ln, width)
        if lpart is not None and rpart is None and end > start and not _ITEM.match(lpart.text) \
                and len(lpart.text) > 40:
            break  # the body (or an attachment) resumes across the page
        if lpart is not None:
            left.append(replace(lpart, solo=True))
        if rpart is not None:
            right.append(replace(rpart, solo=True))
        end += 1
    return lines[:start] + left + right + lines[end:]
