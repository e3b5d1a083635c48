"""Heading numbers as printed: `Phần thứ nhất`, `Chương I`, `Mục 2`, `Điều 5.`, capital
`A.`, roman `I.`, decimal `1.` / `1.1.`, letters `a)` — the scheme, the token with its
punctuation and the value, for the section tree (sections.py)."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from extractor.segment.cues import is_upper_line
from extractor.segment.label_headings import CAPS, GROUP, TABLE

_ORDINALS = {"nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
             "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese alphabetical order (no f, j, w, z)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

_PHAN = regex.compile(
    r"^(?P<num>Phần\s+(?:thứ\s+(?:" + "|".join(_ORDINALS) + r")|[IVXLC]{1,6}|\d{1,2}))"
    r"(?P<punct>\.?)(?![\p{L}\d])\s*[:\-–—]?\s*(?P<rest>.*)$", regex.I)
# Legal texts: `Chương I`, `Mục 2`, `Điều 5.` (a regulation's tree; a decision's articles are
# sentences and drop out as such).
_CHUONG = regex.compile(r"^(?P<num>(?i:chương)\s+(?:[IVXLC]{1,6}|\d{1,3}))(?P<punct>\.?)(?![\p{L}\d])"
                        r"\s*[:\-–—]?\s*(?P<rest>.*)$")
_MUC = regex.compile(r"^(?P<num>(?i:mục)\s+(?:\d{1,3}|[IVXLC]{1,6}))(?P<punct>\.?)(?![\p{L}\d/])"
                     r"\s*[:\-–—]?\s*(?P<rest>.*)$")
_DIEU = regex.compile(r"^(?P<num>(?i:điều)\s+\d{1,3})(?P<punct>[.:]?)(?![\p{L}\d])\s*(?P<rest>.*)$")
_LEGAL = (("chuong", _CHUONG), ("muc", _MUC), ("dieu", _DIEU))
_ROMAN_RE = regex.compile(r"^(?P<num>[IVXLC]{1,6})(?P<punct>[.)]|\s?[-–](?=\s))\s*(?P<rest>\S.*)$")
_DECIMAL = regex.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})(?P<punct>[.)]?)\s+(?P<rest>\S.*)$")
# `A. DANH MỤC QUY TRÌNH`, `B. Tổ chức thực hiện:`: capital letters over roman parts, with a
# capitals or short title. `C.` is this letter, not the roman hundred.
_CAPITAL = regex.compile(r"^(?P<num>[ABCDĐEGH])(?P<punct>\.)\s+(?P<rest>\S.*)$")
_LETTER = regex.compile(r"^(?P<num>[abcdđeghiklmnopqrstuvxy])(?P<punct>[.)])\s+(?P<rest>\S.*)$")

# Conventional outer-to-inner order, used only to close runs and to place a scheme that
# has not occurred yet; the level itself comes from the stack.
_RANK = {"phan": 0, "chuong": 0.5, "muc": 0.6, "dieu": 0.7, "capital": 0.8, CAPS: 0.9, "roman": 1, "letter": 20,
         TABLE: 30, GROUP: 30}


@dataclass
class Number:
    scheme: str  # "phan", "roman", "decimal1", "decimal2", …, "letter"
    token: str  # as written, with punctuation: "1.1.", "a)", "Phần thứ nhất"
    value: int  # the last component, for sequence checks
    prefix: tuple[int, ...] = ()  # decimal components before the last
    rest: str = ""  # text after the number
    rest_at: int = 0  # offset of `rest` in the clean line


def _roman_value(text: str) -> int | None:
    values = [_ROMAN.get(ch) for ch in text.upper()]
    if None in values:
        return None
    total = 0
    for a, b in zip(values, values[1:] + [0]):
        total += -a if a < b else a
    return total if total > 0 else None


def rank(scheme: str) -> float:
    if scheme.startswith("decimal"):
        return 1 + int(scheme[7:])
    return _RANK[scheme]


def _named_part(rest: str) -> bool:
    """`A. Phân công nhiệm vụ:` — a few words ending the line (an initial opens a name or a
    sentence instead)."""
    words = rest.rstrip(":").split()
    return 1 <= len(words) <= 6 and rest[:1].isupper() and not regex.search(r"[.;,]", rest)


def parse_number(text: str) -> Number | None:
    """The heading number that opens `text` (clean line), if any."""
    m = _PHAN.match(text)
    if m:
        word = m.group("num").split()[-1].lower()
        value = _ORDINALS.get(word) or _roman_value(word) or (int(word) if word.isdigit() else 0)
        return Number("phan", m.group("num") + m.group("punct"), value, (), m.group("rest"), m.start("rest"))
    for scheme, pattern in _LEGAL:
        m = pattern.match(text)
        if m:
            word = m.group("num").split()[-1]
            value = int(word) if word.isdigit() else (_roman_value(word) or 0)
            return Number(scheme, m.group("num") + m.group("punct"), value, (), m.group("rest"), m.start("rest"))
    m = _CAPITAL.match(text)
    if m and (is_upper_line(m.group("rest")) or _named_part(m.group("rest"))):
        return Number("capital", m.group("num") + m.group("punct"), "ABCDĐEGH".index(m.group("num")) + 1, (),
                      m.group("rest"), m.start("rest"))
    m = _ROMAN_RE.match(text)
    if m and m.group("punct") not in ".)" and not is_upper_line(m.group("rest")):
        m = None  # `II- TÓM TẮT …` takes a dash only before a capitals title
    if m and _roman_value(m.group("num")):
        return Number("roman", m.group("num") + m.group("punct"), _roman_value(m.group("num")), (),
                      m.group("rest"), m.start("rest"))
    m = _DECIMAL.match(text)
    if m:
        parts = tuple(int(p) for p in m.group("num").split("."))
        if len(parts) == 1 and not m.group("punct"):
            return None  # "1 Cường Lợi" is a footnote mark, "15 xã" a count
        return Number(f"decimal{len(parts)}", m.group("num") + m.group("punct"), parts[-1], parts[:-1],
                      m.group("rest"), m.start("rest"))
    m = _LETTER.match(text)
    if m:
        return Number("letter", m.group("num") + m.group("punct"), _LETTERS.index(m.group("num")) + 1, (),
                      m.group("rest"), m.start("rest"))
    return None
