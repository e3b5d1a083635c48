"""Search keys: what two spellings of the same words have in common.

`search_key` folds case, unifies dashes and quotes, and puts each syllable's tone mark
in one place (the "old style": hòa, thủy, khỏe), so hoà = hòa, thuỷ = thủy, khoẻ = khỏe.
With accents=False it also drops every mark and folds đ→d (what users type without a
Vietnamese keyboard). The displayed text never changes; only keys are compared."""
from __future__ import annotations

import re
import unicodedata

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_VOWELS = set("aăâeêioôơuưy")
_QUALITY = set("ăâêôơư")  # vowels that carry their own mark; the tone sits on them
_WORD = re.compile(r"\w+")
_DASHES = re.compile("[\u2010-\u2015\u2212]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‟": '"', "‘": "'", "’": "'"})
_QUOTE_MARKS = re.compile(r"[\"'`*]")
_DASH_SPACED = re.compile(r"\s*-\s*")
_SPACE = re.compile(r"\s+")


def _split_tone(syllable: str) -> tuple[str, str | None]:
    """The syllable without its tone mark (NFC), and the tone mark."""
    tone = None
    kept = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONES:
            tone = ch
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _tone_position(base: str) -> int | None:
    """Index of the letter that carries the tone, old-style placement."""
    idx = [i for i, ch in enumerate(base) if ch in _VOWELS]
    # "qu" and "gi" + vowel: the u / i belongs to the consonant.
    if len(idx) > 1 and idx[0] == 1 and base[:2] in ("qu", "gi"):
        idx = idx[1:]
    if not idx:
        return None
    for i in reversed(idx):
        if base[i] in _QUALITY:
            return i
    if len(idx) == 1:
        return idx[0]
    closed = idx[-1] < len(base) - 1  # a final consonant follows the vowels
    return idx[-1] if closed else idx[-2]


def _place_tone(word: str) -> str:
    base, tone = _split_tone(word)
    if tone is None:
        return base
    pos = _tone_position(base)
    if pos is None:
        return unicodedata.normalize("NFC", base + tone)
    return unicodedata.normalize("NFC", base[: pos + 1] + tone + base[pos + 1:])


def strip_accents(text: str) -> str:
    """Every mark removed and đ→d: "Cờ thi đua" → "Co thi dua"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_key(text: str, accents: bool = True) -> str:
    """Comparable form of `text`; see the module docstring."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = _DASHES.sub("-", text).translate(_QUOTES)
    text = _SPACE.sub(" ", text).strip()
    if not accents:
        return strip_accents(text)
    return _WORD.sub(lambda m: _place_tone(m.group(0)), text)


def name_key(text: str) -> str:
    """Two names with the same key are one name (ANNOTATION.md): case, quotes, spacing,
    dashes, tone-mark placement (hoá/hóa) and trailing punctuation do not differ."""
    key = _QUOTE_MARKS.sub("", search_key(text))
    key = _DASH_SPACED.sub(" - ", key)
    return _SPACE.sub(" ", key).strip().rstrip(" .:;,")
