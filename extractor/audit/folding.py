"""Accent-insensitive comparison keys. Length-preserving, so an offset found in the folded
text is the same offset in the original (locations quote the original)."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_WORD = regex.compile(r"[\p{L}\p{N}]+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


def fold(text: str) -> str:
    """Lower case, every Vietnamese mark dropped, đ→d, one character for one character."""
    return "".join(_fold_char(c) for c in text)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))
