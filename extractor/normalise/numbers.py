"""Vietnamese number grammar: `.` groups thousands, `,` is the decimal mark, and scale
words (nghìn/ngàn/triệu/tỷ/tỉ) multiply (domain.md §6, ANNOTATION.md "indicators").

`29.978 tỷ` is 29978 × 1e9 (the guide: take the number as printed), `1 tỷ 850 triệu` is
one amount (1.85e9), `02` is 2, `817,259 nghìn` is 817259.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.resources import ResourceError, load_yaml

# A digit string as reports print it. Alternatives are ordered so the grouped form wins:
# "150.068" (thousands), "1.231,2" (thousands + decimals), "3,5", "02"; a lone
# "1.5" (one or two digits after the dot) is read as a sloppy decimal point.
DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}|\d+\.\d{1,2}(?![\d.])|\d+(?:,\d+)?"

# Before a number: not glued to a letter, digit or number punctuation ("Covid19", "F0",
# "305.A1" are not quantities, and "1.231" must not be re-read from its middle).
NUMBER_START = r"(?<![\p{L}\p{N}.,/_])"


@dataclass(frozen=True)
class NumberToken:
    start: int
    end: int
    text: str
    value: float


@lru_cache(maxsize=1)
def scale_words() -> dict[str, float]:
    data = load_yaml("numbers.yaml")
    scales = data.get("scale_words") if isinstance(data, dict) else None
    if not isinstance(scales, dict) or not scales:
        raise ResourceError("numbers.yaml: key 'scale_words' must be a non-empty mapping")
    out: dict[str, float] = {}
    for word, factor in scales.items():
        try:
            out[str(word)] = float(factor)
        except (TypeError, ValueError) as exc:
            raise ResourceError(f"numbers.yaml: scale_words.{word}: not a number: {factor!r}") from exc
    return out


def _scale_alternation() -> str:
    return "|".join(regex.escape(w) for w in sorted(scale_words(), key=len, reverse=True))


@lru_cache(maxsize=1)
def amount_pattern() -> str:
    """Regex source for one amount: digits, then optional scale words, possibly compound
    (`1 tỷ 850 triệu`). A scale word must not run into a following letter."""
    scale = rf"(?:{_scale_alternation()})(?![\p{{L}}\p{{N}}])"
    return rf"(?:{DIGITS})(?:\s*{scale}(?:\s+(?:{DIGITS})\s*{scale})*)?"


@lru_cache(maxsize=1)
def _amount_re() -> regex.Pattern:
    return regex.compile(NUMBER_START + amount_pattern())


@lru_cache(maxsize=1)
def _amount_full_re() -> regex.Pattern:
    return regex.compile(amount_pattern())


@lru_cache(maxsize=1)
def _parts_re() -> regex.Pattern:
    return regex.compile(rf"(?P<num>{DIGITS})(?:\s*(?P<scale>{_scale_alternation()}))?")


_GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_ENGLISH_GROUPED = regex.compile(r"\d{1,3}(?:,\d{3}){2,}")
_DECIMAL_COMMA = regex.compile(r"\d+(?:,\d+)?")
_DECIMAL_POINT = regex.compile(r"\d+\.\d{1,2}")


def parse_digits(text: str) -> float:
    """Value of one digit string written the Vietnamese way ("150.068" → 150068.0)."""
    s = text.strip()
    if _GROUPED.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    if _ENGLISH_GROUPED.fullmatch(s):  # "1,000,000": English grouping
        return float(s.replace(",", ""))
    if _DECIMAL_COMMA.fullmatch(s):
        return float(s.replace(",", "."))
    if _DECIMAL_POINT.fullmatch(s):
        return float(s)
    raise ValueError(f"không đọc được số: {text!r}")


def parse_vn_number(text: str) -> float:
    """Value of an amount with optional scale words: `1 tỷ 850 triệu` → 1.85e9,
    `817,259 nghìn` → 817259.0, `02` → 2.0. Raises ValueError on anything else."""
    s = text.strip()
    if not _amount_full_re().fullmatch(s):
        raise ValueError(f"không đọc được số: {text!r}")
    scales = scale_words()
    total = 0.0
    for m in _parts_re().finditer(s):
        factor = scales[m.group("scale")] if m.group("scale") else 1.0
        total += parse_digits(m.group("num")) * factor
    return total


def tokenize_numbers(text: str) -> list[NumberToken]:
    """Every amount in `text`, in order, with offsets; no judgement on what it counts."""
    return [
        NumberToken(m.start(), m.end(), m.group(0), parse_vn_number(m.group(0)))
        for m in _amount_re().finditer(text)
    ]
