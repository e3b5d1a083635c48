"""Tesseract (Vietnamese, one thread) on a page image, and its TSV output as Lines."""
from __future__ import annotations

import io
import os
import shutil
import subprocess

from extractor.ingest.pdf_lines import Line

OCR_DPI = 300
_TSV_WORD = 5  # level of a word row in Tesseract's TSV output


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
        lines.append(Line(page, words[0]["x0"], max(w["x1"] for w in words),
                          min(w["top"] for w in words), max(w["bottom"] for w in words), words, scanned=True))
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))
