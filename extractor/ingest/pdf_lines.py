"""A line of a PDF page: its words (pdfplumber's from a text layer, Tesseract's from a scan)
with their boxes in PDF points, and what the reader needs of it (text, size, footnote marks)."""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from extractor.ingest.base import FOOTNOTE_REF
from extractor.ingest.pdf_text import join_split_syllables

_CLOSING = re.compile(r"^[.,;:!?)\]”…]")


@dataclass
class Line:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    words: list[dict] = field(default_factory=list)
    scanned: bool = False  # read by OCR: sizes are glyph heights, not font sizes
    solo: bool = False  # a line that stands alone (a column of the signature zone): never joined

    @property
    def text(self) -> str:
        out = ""
        for w in self.words:
            if w.get("ref"):
                out += FOOTNOTE_REF  # glued to the word it marks
            elif out.endswith(FOOTNOTE_REF) and _CLOSING.match(w["text"]):
                out += w["text"]  # "định¹." — the mark split the word from its full stop
            else:
                out += (" " if out else "") + w["text"]
        return out if self.scanned else join_split_syllables(out)

    @property
    def refs(self) -> list[str]:
        return [w["text"] for w in self.words if w.get("ref")]

    @property
    def size(self) -> float:
        if self.scanned:
            return _glyph_size(self.words)
        sizes = [w.get("size", 0.0) for w in self.words if not w.get("ref")]
        return statistics.median(sizes) if sizes else 0.0

    @property
    def first_word_width(self) -> float:
        return self.words[0]["x1"] - self.words[0]["x0"] if self.words else 0.0


def group_lines(words: list[dict], page: int) -> list[Line]:
    """Words grouped into lines by their vertical middle."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round((w["top"] + w["bottom"]) / 2), w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        for line in reversed(lines[-3:]):
            if abs((line.top + line.bottom) / 2 - middle) < 3:
                line.words.append(word)
                line.x0, line.x1 = min(line.x0, word["x0"]), max(line.x1, word["x1"])
                break
        else:
            lines.append(Line(page, word["x0"], word["x1"], word["top"], word["bottom"], [word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return sorted(lines, key=lambda ln: ln.top)



def _glyph_size(words: list[dict]) -> float:
    """Size of an OCR'd line: the upper quartile of its words' box heights (pt). A box spans
    the accents, ascenders and descenders its word happens to have, so the median drifts
    with the words where the upper quartile holds. Lines of fewer than two words of two
    letters or digits (stray strokes, a lone word) give none (0)."""
    heights = [w["size"] for w in words if not w.get("ref") and sum(c.isalnum() for c in w["text"]) >= 2]
    return statistics.quantiles(heights, n=4, method="inclusive")[2] if len(heights) >= 2 else 0.0
