"""Tolerance for what OCR does to Vietnamese capitals: Tesseract keeps the letters of a word
but often not its marks — `QUYÉT ĐỊNH` for `QUYẾT ĐỊNH` (the circumflex lost under the
acute), `GIÁM ĐÓC` for `GIÁM ĐỐC`, `Ð` (eth) or `D` for `Đ`. A cue of the layout (a kind
word, an enacting formula, an attachment title) is matched with any marks on its letters;
the letters themselves must all be there, so no two cues of a lexicon fold together."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from extractor.normalise.search import strip_accents

_LOOK_ALIKES = {"D": "Ð", "d": "ð"}  # eth, which Tesseract gives for Đ
# Latin-1 Supplement, Latin Extended-A and -B, and Latin Extended Additional (Vietnamese).
_MARKED_LETTERS = [chr(c) for block in ((0xC0, 0x250), (0x1E00, 0x1F00)) for c in range(*block)]


@lru_cache(maxsize=1)
def _classes() -> dict[str, str]:
    """Each ASCII letter → a regex class of every letter that folds to it (same case)."""
    groups: dict[str, set[str]] = {}
    for ch in _MARKED_LETTERS:
        if not unicodedata.category(ch).startswith("L"):
            continue
        base = strip_accents(ch)
        if len(base) == 1 and base.isascii() and base.isalpha():
            groups.setdefault(base, {base}).add(ch)
    for base, alike in _LOOK_ALIKES.items():
        groups.setdefault(base, {base}).add(alike)
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in groups.items()}


def fold_key(text: str) -> str:
    """`text` without marks, eth read as d, case kept: what a tolerant match compares."""
    return strip_accents(unicodedata.normalize("NFC", text)).replace("Ð", "D").replace("ð", "d")


def tolerant(text: str) -> str:
    """A regex matching `text` whatever marks OCR put on (or took off) its letters; spaces
    match any run of spaces, other characters themselves."""
    classes = _classes()
    out = []
    for ch in fold_key(text):
        if ch.isspace():
            out.append(r"\s+")
        else:
            out.append(classes.get(ch, regex.escape(ch)))
    return "".join(out)


@lru_cache(maxsize=8)
def _respeller(phrases: tuple[str, ...]) -> tuple[regex.Pattern, dict[str, str]]:
    spelled = {fold_key(p).casefold(): p for p in phrases}
    alt = "|".join(tolerant(p) for p in sorted(phrases, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{alt})(?![\p{{L}}])", regex.I), spelled


def respell(text: str, phrases: tuple[str, ...]) -> str:
    """`text` with each of `phrases` that OCR wrote with other marks (`Cờ thi đưa`) spelled
    as the phrase is (`Cờ thi đua`); the letters must all be there."""
    pattern, spelled = _respeller(phrases)
    return pattern.sub(lambda m: spelled.get(fold_key(m.group(0)).casefold(), m.group(0)), text)
