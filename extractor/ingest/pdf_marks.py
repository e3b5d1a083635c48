"""Footnote marks on scanned pages, found in the page image."""
from __future__ import annotations

import re
import statistics
import subprocess
from dataclasses import dataclass

from extractor.ingest.pdf_lines import Line
from extractor.ingest.pdf_tesseract import OCR_DPI, tesseract, tsv_lines

# --- footnote marks on scanned pages ------------------------------------------------------
#
# Tesseract reads a raised footnote mark into the word it touches, mostly as a quote or a
# stroke ("định'!.", "“Cường"). So the marks are found in the image: a word's glyphs are its
# runs of inked columns; runs lifted well off the line's baseline and taller than a quote,
# before the word's letters (a note's opening mark) or after them with at most punctuation
# following (a reference in the body), are read again alone as digits, and the word is read
# again without them. Shares of the line's glyph size, measured on seed 003 at 300 dpi:
_MARK_LIFT = 0.3  # marks sit 0.39-0.47 above the baseline, hyphens 0.23-0.33
_MARK_HEIGHT = (0.36, 0.6)  # marks are 0.38-0.45 tall, quotes 0.33 at most
_PUNCT_WIDTH = 0.3  # glyphs after a mark no wider than this are its word's punctuation
_TRAILING_PUNCT = re.compile(r"(.*?)([.,;:!?)\]”…]*)$", re.S)


@dataclass
class _Run:
    """Inked columns of a word's image between blank ones, in pixels (bottom exclusive)."""

    x0: int
    x1: int
    top: int
    bottom: int


def mark_words(image, lines: list[Line]) -> None:
    """Split the raised footnote marks off the OCR'd words as reference words."""
    import numpy

    ink = numpy.asarray(image) < 128
    sized = [ln.size for ln in lines if ln.size]
    page_size = statistics.median(sized) if sized else 0.0
    for line in lines:
        size = (line.size or page_size) * OCR_DPI / 72
        if not size:
            continue
        # Most words end on the baseline. Tesseract may fold a short line into the word
        # under it (a note's last word "toán." into the next note's "⁴Cường"): the glyphs
        # are taken between the line's cap height and its descenders only.
        base = statistics.mode(w["px"][3] for w in line.words)
        band = (round(base - 1.15 * size), round(base + 0.4 * size))
        runs = [_ink_runs(ink, w["px"], band) for w in line.words]
        bottoms = [r.bottom for word_runs in runs for r in word_runs]
        if not bottoms:
            continue
        baseline = statistics.median(bottoms)  # most glyphs stand on it
        words: list[dict] = []
        for word, word_runs in zip(line.words, runs):
            raised = [baseline - r.bottom >= _MARK_LIFT * size and
                      _MARK_HEIGHT[0] * size <= r.bottom - r.top <= _MARK_HEIGHT[1] * size for r in word_runs]
            span = _mark_span(word_runs, raised, size)
            words.extend(_split_mark(image, word, word_runs, span, band) if span else [word])
        line.words = words


def _ink_runs(ink, box: tuple[int, int, int, int], band: tuple[int, int]) -> list[_Run]:
    import numpy

    x0, top, x1, bottom = box
    top, bottom = max(top, band[0]), min(bottom, band[1])
    area = ink[top:bottom, x0:x1]
    columns = numpy.concatenate(([False], area.any(axis=0), [False]))
    edges = numpy.flatnonzero(columns[1:] != columns[:-1])
    runs = []
    for a, b in zip(edges[::2], edges[1::2]):
        rows = numpy.flatnonzero(area[:, a:b].any(axis=1))
        runs.append(_Run(x0 + int(a), x0 + int(b), top + int(rows[0]), top + int(rows[-1]) + 1))
    return runs


def _mark_span(runs: list[_Run], raised: list[bool], size: float) -> tuple[int, int] | None:
    """Runs [i, j) of a word that make a footnote mark: raised runs before its letters, or
    after them with only narrow glyphs (punctuation) following; None when there are none."""
    if not any(raised):
        return None
    if raised[0]:
        return 0, raised.index(False) if False in raised else len(runs)
    j = len(runs) - raised[::-1].index(True)
    if len(runs) - j > 3 or any(r.x1 - r.x0 > _PUNCT_WIDTH * size for r in runs[j:]):
        return None  # letters follow: an exponent or a stray stroke, not a mark
    i = j
    while raised[i - 1]:
        i -= 1
    return i, j


def _split_mark(image, word: dict, runs: list[_Run], span: tuple[int, int], band: tuple[int, int]) -> list[dict]:
    """The word as [mark, rest] or [rest, mark, punctuation], the mark a reference word
    holding its digits; the word unchanged when the raised glyphs do not read as digits.
    The word is read again within the line's band (see mark_words)."""
    i, j = span
    box = (runs[i].x0, min(r.top for r in runs[i:j]), runs[j - 1].x1, max(r.bottom for r in runs[i:j]))
    digits = _read_crop(image, box, digits=True)
    if not re.fullmatch(r"\d{1,3}", digits):
        return [word]
    mark = _px_word(digits, box, word["size"], ref=True)
    if j - i == len(runs):
        return [mark]  # Tesseract read the mark as a word of its own
    x0, top, x1, bottom = word["px"]
    top, bottom = max(top, band[0]), min(bottom, band[1])
    rest = _strip_mark(word["text"], leading=i == 0)
    if rest == word["text"]:  # the mark read as a letter or digit ("20231.", "xãŠ."): read the word without it
        rest = _read_crop(image, (x0, top, x1, bottom), erase=box) or rest
    if i == 0:
        return [mark, _px_word(rest, (runs[j].x0, top, x1, bottom), word["size"])]
    head, punct = _TRAILING_PUNCT.match(rest).groups() if j < len(runs) else (rest, "")
    head = head.rstrip()  # Tesseract may read the punctuation as a word of its own
    out = [_px_word(head or rest, (x0, top, runs[i - 1].x1, bottom), word["size"]), mark]
    return out + [_px_word(punct, (runs[j].x0, top, x1, bottom), word["size"])] if head and punct else out


def _px_word(text: str, box: tuple[int, int, int, int], size: float, **extra) -> dict:
    scale = 72 / OCR_DPI
    x0, top, x1, bottom = box
    return {"text": text, "x0": x0 * scale, "x1": x1 * scale, "top": top * scale, "bottom": bottom * scale,
            "size": size, "px": box, **extra}


def _read_crop(image, box: tuple[int, int, int, int], erase: tuple[int, int, int, int] | None = None,
               digits: bool = False) -> str:
    """Tesseract's reading of a box of the page image as one line ("" when it fails): the
    digits of a mark, scaled up twice (too small for Tesseract as printed), or a word with
    its mark whited out."""
    from PIL import Image, ImageDraw

    pad, scale = 3, 2 if digits else 1
    left, upper = max(box[0] - pad, 0), max(box[1] - pad, 0)  # PIL pads outside the image in black
    crop = image.crop((left, upper, min(box[2] + pad, image.width), min(box[3] + pad, image.height)))
    if erase:  # with a pixel of slack around the erased glyphs
        ImageDraw.Draw(crop).rectangle((erase[0] - left - 1, erase[1] - upper - 1, erase[2] - left, erase[3] - upper),
                                       fill=255)
    crop = crop.resize((crop.width * scale, crop.height * scale))
    canvas = Image.new("L", (crop.width + 40, crop.height + 40), 255)  # Tesseract wants a margin
    canvas.paste(crop, (20, 20))
    options = ["--psm", "7", *(["-c", "tessedit_char_whitelist=0123456789"] if digits else [])]
    try:
        tsv = tesseract(canvas, options, OCR_DPI * scale)
    except (OSError, subprocess.SubprocessError):
        return ""
    return " ".join(w["text"] for line in tsv_lines(tsv, 0) for w in line.words)


def _strip_mark(text: str, leading: bool) -> str:
    """The word without what Tesseract mostly makes of a mark, quotes or strokes on that
    side ("định'!." → "định.", "“Cường" → "Cường")."""
    return re.sub(r"^\W+", "", text) if leading else re.sub(r"[^\w.,;:]+(?=[.,;:]*$)", "", text)
