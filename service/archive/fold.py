"""Search folding that keeps length: one character in, one character out.

`fold("Cờ thi đua")` → "co thi dua": lower case, every Vietnamese mark dropped, đ→d.
The same comparison as `extractor.normalise.search.search_key(text, accents=False)`
(tone placement does not matter once tones are gone), but character by character, so an
offset in the folded text is the same offset in the original: highlighted snippets are
cut from the original text at the positions found in the folded one.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    if len(low) != 1:
        low = base
    return low


def fold(text: str | None) -> str:
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def words(text: str | None) -> list[str]:
    """The folded word tokens of `text` (letters and digits only, so safe to quote)."""
    return _WORD.findall(fold(unicodedata.normalize("NFC", text or "")))
