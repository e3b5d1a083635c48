"""Legacy Vietnamese 8-bit encodings → Unicode.

TCVN3 ("ABC", .VnTime fonts) puts each accented letter in one byte of the Latin-1 range,
so Word shows "Th«ng b¸o"; VNI (VNI-Times) writes a base letter followed by mark bytes,
"Thoâng baùo". The tables are data (resources/tcvn3.tsv, resources/vni.tsv)."""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.resources import load_tsv

TCVN3 = "tcvn3"
VNI = "vni"

# Letters only Vietnamese Unicode text has (not in Latin-1): their presence rules out
# a legacy encoding.
_VIET_UNICODE = re.compile("[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")
# Latin-1 symbols TCVN3 uses as letters: «¸­®¬¨©ª µ¶·¹ »¼½¾ and the capitals ¡¢£¤¥¦§.
_TCVN3_SIGNAL = re.compile("[\u00a1-\u00a7\u00a8-\u00ae\u00b5-\u00b9\u00bb-\u00be]")
# VNI: a vowel followed by a mark byte, or ơ/ư/đ bytes inside a word.
_VNI_SIGNAL = re.compile("[aeiouyAEIOUY][ùøûõïâêáàåãäéèúüëÙØÛÕÏÂÊÁÀÅÃÄÉÈÚÜË]|[a-zA-Z][ôö]|\\bñ|\\bÑ")
_LETTER = re.compile(r"\w")


@lru_cache(maxsize=1)
def _tcvn3_map() -> dict[int, str]:
    """Char → Unicode for every TCVN3 byte, read both as Latin-1 and as cp1252 (Word
    stores the text of a legacy-font run as the cp1252 reading of its bytes)."""
    table: dict[int, str] = {}
    for row in load_tsv("tcvn3.tsv", ("byte", "unicode")):
        byte = int(row["byte"], 16)
        table[byte] = row["unicode"]
        try:
            table[ord(bytes([byte]).decode("cp1252"))] = row["unicode"]
        except UnicodeDecodeError:
            pass
    return table


@lru_cache(maxsize=1)
def _vni_table() -> tuple[dict[str, str], re.Pattern[str]]:
    table = {row["vni"]: row["unicode"] for row in load_tsv("vni.tsv", ("vni", "unicode"))}
    keys = sorted(table, key=len, reverse=True)  # longest match first
    return table, re.compile("|".join(re.escape(k) for k in keys))


def tcvn3_to_unicode(text: str, capitals: bool = False) -> str:
    out = text.translate(_tcvn3_map())
    return out.upper() if capitals else out


def vni_to_unicode(text: str, capitals: bool = False) -> str:
    table, pattern = _vni_table()
    out = pattern.sub(lambda m: table[m.group(0)], text)
    return out.upper() if capitals else out


def to_unicode(text: str, encoding: str, capitals: bool = False) -> str:
    if encoding == TCVN3:
        return tcvn3_to_unicode(text, capitals)
    if encoding == VNI:
        return vni_to_unicode(text, capitals)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def looks_vietnamese_unicode(text: str) -> bool:
    """Enough letters only Unicode Vietnamese has (ơ ư đ ă ạ …) to rule out legacy text."""
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_VIET_UNICODE.findall(text)) >= max(1, 0.03 * letters)


def detect_legacy(text: str) -> str | None:
    """"tcvn3", "vni" or None for text that reads as Unicode already.

    Why statistics: files often lose the font names (pasted text, .txt exports); what
    remains is the shape of the letters."""
    letters = len(_LETTER.findall(text))
    if letters < 20:
        return None
    unicode_hits = len(_VIET_UNICODE.findall(text))
    tcvn3_hits = len(_TCVN3_SIGNAL.findall(text))
    vni_hits = len(_VNI_SIGNAL.findall(text))
    threshold = 0.02 * letters
    if tcvn3_hits > threshold and tcvn3_hits > 3 * unicode_hits and tcvn3_hits >= vni_hits:
        return TCVN3
    if vni_hits > threshold and vni_hits > 3 * unicode_hits:
        return VNI
    return None


# --- the other way: Unicode → legacy (fixtures, and text for legacy-font tools) --------

@lru_cache(maxsize=1)
def _from_unicode_tables() -> dict[str, dict[str, str]]:
    """Unicode letter → TCVN3 character (the Latin-1 reading of its byte) / VNI sequence.
    VNI has several spellings of a capital; the all-capitals one ("AÙ" for "Á") is kept."""
    tcvn3 = {row["unicode"]: chr(int(row["byte"], 16)) for row in load_tsv("tcvn3.tsv", ("byte", "unicode"))}
    vni: dict[str, str] = {}
    for row in load_tsv("vni.tsv", ("vni", "unicode")):
        letter, sequence = row["unicode"], row["vni"]
        if letter not in vni or letter.isupper() and sequence.isupper() and not vni[letter].isupper():
            vni[letter] = sequence
    return {TCVN3: tcvn3, VNI: vni}


def from_unicode(text: str, encoding: str) -> str:
    """`text` as a legacy-font user typed it: TCVN3 characters (their byte is `ord`) or VNI
    sequences (the cp1252 reading of the bytes). TCVN3 has no toned capitals; they are
    written lower-case, as a .VnTimeH run stores them."""
    table = _from_unicode_tables()[encoding]
    return "".join(table.get(ch) or table.get(ch.lower(), ch) for ch in text)
