"""The Vietnamese number grammar: '.' groups thousands, ',' marks decimals, scale words
multiply (ANNOTATION.md, domain.md §6). Each hard form the reports print is here."""
from __future__ import annotations

import math

import pytest

from extractor.normalise.numbers import parse_digits, parse_vn_number, tokenize_numbers


@pytest.mark.parametrize("text, value", [
    ("150.068", 150068),            # '.' groups thousands, even without a unit after it
    ("63,94", 63.94),               # ',' is the decimal mark
    ("02", 2),                      # leading zero for small counts
    ("29.978 tỷ", 29978e9),         # the guide: '.' groups thousands, taken as printed
    ("1 tỷ 850 triệu", 1.85e9),     # one compound amount
    ("1,3 tỷ", 1.3e9),
    ("1.231,2 tỷ", 1231.2e9),       # thousands and decimals together
    ("817,259 nghìn", 817259),      # decimals then scale
    ("49,80 triệu", 49.8e6),
    ("900 triệu", 9e8),
    ("5 ngàn", 5000),
    ("2 tỉ", 2e9),
    ("144.625.000", 144625000),
    ("3.167", 3167),
])
def test_parse_vn_number(text, value):
    assert math.isclose(parse_vn_number(text), value, rel_tol=1e-12)


@pytest.mark.parametrize("bad", ["", "abc", "tỷ", "1 tỷ đồng"])
def test_parse_vn_number_rejects_non_numbers(bad):
    with pytest.raises(ValueError):
        parse_vn_number(bad)


def test_parse_digits_reads_a_lone_short_group_as_a_decimal():
    # "1.5" cannot be thousands (a group has three digits): a sloppy decimal point.
    assert parse_digits("1.5") == 1.5


def test_tokenizer_offsets_and_glued_forms():
    text = "đạt 150.068ha, hơn 1,185 tỷ đồng và 1 tỷ 850 triệu; Covid19, F0, 305.A1"
    tokens = tokenize_numbers(text)
    assert [t.text for t in tokens[:3]] == ["150.068", "1,185 tỷ", "1 tỷ 850 triệu"]
    for t in tokens:
        assert text[t.start:t.end] == t.text
    # numbers glued to letters are parts of names, not amounts
    assert "19" not in [t.text for t in tokens] and "0" not in [t.text for t in tokens]
