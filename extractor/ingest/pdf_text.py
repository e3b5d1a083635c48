"""Repairs of what a PDF's text layer does to Vietnamese words: a syllable whose last
letters were placed as a separate run (`Ôn g` for `Ông`, where the gap is in the glyph
positions, not the page) is joined when the joined form is a Vietnamese syllable and the
fragment is no word of its own. OCR output is left as read."""
from __future__ import annotations

import regex

_FRAGMENT = regex.compile(r"(?P<head>\p{L}+) (?P<tail>ng|nh|ch|c|g|h|m|n|p|t)(?![\p{L}\d])")


def join_split_syllables(text: str) -> str:
    from extractor.segment.casing import is_syllable

    def fix(m: regex.Match) -> str:
        joined = m.group("head") + m.group("tail")
        return joined if is_syllable(joined) else m.group(0)

    return _FRAGMENT.sub(fix, text) if " " in text else text
