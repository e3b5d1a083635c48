"""Tesseract (Vietnamese, one thread) on a page image, and its TSV output as Lines."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

from extractor.ingest.pdf_lines import Line

OCR_DPI = 300
_TSV_BLOCK = 2  # level of a block row in Tesseract's TSV output
_TSV_WORD = 5  # level of a word row in Tesseract's TSV output

# A numbered list printed without rules (`1. Trung tâm …`, `2. Trường …`): Tesseract's page
# layout analysis (the default --psm 3) often cuts the column of row numbers off the rows as
# blocks of their own, a few millimetres wide and many lines tall, and reads them as noise
# (`02 AO $6`, `Bò B) B)`), so the rows lose their numbers and the noise becomes lines. Read
# as one uniform block (--psm 6) the same page keeps `12. Trung tâm …` on one line.
UNIFORM_BLOCK = ["--psm", "6"]
_NUMBER_COLUMN_MM = 6  # a block narrower than this is a detached column of row numbers
_NUMBER_COLUMN_SHARE = 0.08  # … when such blocks together run down this share of the page


def tesseract_ready() -> bool:
    """Tesseract on PATH with the Vietnamese language data."""
    if shutil.which("tesseract") is None:
        return False
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "vie" in langs.stdout.split()


def tesseract(image, options: list[str], dpi: int = OCR_DPI) -> str:
    """Tesseract's TSV for a greyscale image (Vietnamese, one thread); raises when it fails."""
    buf = io.BytesIO()
    image.save(buf, format="PPM")  # uncompressed: cheaper than PNG, read by Leptonica
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    result = subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie", "--dpi", str(dpi), *options, "tsv"],
                            input=buf.getvalue(), capture_output=True, env=env, timeout=300, check=True)
    return result.stdout.decode("utf-8", errors="replace")


def detached_number_column(tsv: str, dpi: int = OCR_DPI) -> bool:
    """True when the page layout Tesseract chose split a list's row numbers off (see
    UNIFORM_BLOCK): narrow blocks holding words, just left of the text they number, tall
    enough together. (A scan's dark border is a narrow block too, but empty and at the edge.)"""
    blocks: dict[str, tuple[int, ...]] = {}
    worded: set[str] = set()
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) >= 12 and cells[0] == str(_TSV_BLOCK):
            blocks[cells[2]] = tuple(int(c) for c in cells[6:10])
        elif len(cells) >= 12 and cells[0] == str(_TSV_WORD) and cells[11].strip():
            worded.add(cells[2])
    if not blocks:
        return False
    narrow = _NUMBER_COLUMN_MM / 25.4 * dpi
    page_height = max(top + height for _, top, _, height in blocks.values())
    text_left = min((left for left, _, width, _ in blocks.values() if width >= narrow), default=None)
    if text_left is None:
        return False
    column = sum(height for key, (left, _, width, height) in blocks.items()
                 if key in worded and width < narrow and text_left - 3 * narrow <= left <= text_left + narrow)
    return column >= _NUMBER_COLUMN_SHARE * page_height


def tsv_lines(tsv: str, page: int, dpi: int = OCR_DPI) -> list[Line]:
    """Tesseract TSV → Lines, one per line Tesseract found (it follows skew, which a
    baseline clustering of word boxes would not), top to bottom. A word keeps its box in
    pixels ("px") for _mark_words, and its height in points as its "size"."""
    scale = 72 / dpi
    by_line: dict[tuple[str, str, str], list[dict]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != str(_TSV_WORD) or not cells[11].strip():
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        word = {"text": cells[11].strip(), "x0": left * scale, "x1": (left + width) * scale, "top": top * scale,
                "bottom": (top + height) * scale, "size": height * scale, "px": (left, top, left + width, top + height)}
        by_line.setdefault((cells[2], cells[3], cells[4]), []).append(word)
    lines = []
    for words in by_line.values():
        words.sort(key=lambda w: w["x0"])
        words = _row_number_first(words)
        lines.append(Line(page, words[0]["x0"], max(w["x1"] for w in words),
                          min(w["top"] for w in words), max(w["bottom"] for w in words), words, scanned=True))
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))


_ROW_NUMBER = re.compile(r"^(\d{1,3})[.,)]+$")
_MARKS_ONLY = re.compile(r"^[\W_]+$")


def _row_number_first(words: list[dict]) -> list[dict]:
    """A list row as OCR reads it: a rule or a speck before its number (`— 3.`, `_ 2,`) is
    dropped, and the number's doubled dots made one (`5...` → `5.`), so that the row opens
    with its number like any numbered line."""
    if len(words) > 2 and _MARKS_ONLY.match(words[0]["text"]) and _ROW_NUMBER.match(words[1]["text"]):
        words = words[1:]
    if words and (m := _ROW_NUMBER.match(words[0]["text"])) and words[0]["text"] != m.group(1) + ".":
        if words[0]["text"].endswith(".."):
            words = [dict(words[0], text=m.group(1) + "."), *words[1:]]
    return words
