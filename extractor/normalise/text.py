"""Character-level clean-up of one block of text: Unicode NFC, spaces, invisible
characters, odd quotation marks.

Choices (documented because later stages compare text):
- Quotes: the author's “ ” and « » are kept; rare look-alikes („ ‟ 〝 〞 ＂) become “ ”.
- Dashes are kept as written (– — ‒ -): campaign names compare equal across dashes in
  the search key, and the displayed text keeps the author's spelling.
- Non-breaking, thin and other Unicode spaces and tabs become a plain space; zero-width
  characters and soft hyphens are removed; runs of spaces collapse to one.
"""
from __future__ import annotations

import re
import unicodedata

from extractor.ingest.base import FOOTNOTE_REF

_QUOTE_MAP = str.maketrans({"„": "“", "‟": "”", "〝": "“", "〞": "”", "＂": '"'})
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f]")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c]")
_RUNS = re.compile(" {2,}")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile("[\r\n\u2028\u2029\x85]+")


def clean_text(text: str) -> str:
    """One block's text as the Document keeps it: NFC, single spaces, no line breaks."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _LINE_BREAKS.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = text.translate(_QUOTE_MAP)
    text = _RUNS.sub(" ", text)
    # A footnote reference between two spaces would leave a double space once removed.
    text = text.replace(" " + FOOTNOTE_REF + " ", FOOTNOTE_REF + " ")
    return text.strip()
