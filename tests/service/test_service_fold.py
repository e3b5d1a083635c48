"""Folding and query parsing: pure functions, no archive."""
from __future__ import annotations

import pytest

from service.archive.fold import fold, words
from service.archive.queries import fts5_query, highlight, parse_query
from tests.service.conftest import seed_files


@pytest.mark.parametrize("text,key", [("Cờ thi đua", "co thi dua"), ("KHEN THƯỞNG", "khen thuong"),
                                      ("hoà", "hoa"), ("hòa", "hoa"), ("THUỶ", "thuy"), ("Đắk Lắk", "dak lak")])
def test_fold(text, key):
    assert fold(text) == key


def test_fold_keeps_length_on_every_seed():
    for path in seed_files():
        text = path.read_text(encoding="utf-8")
        assert len(fold(text)) == len(text)


def test_query_words_are_quoted_for_fts5():
    terms = parse_query('"chung tay" NEAR(a b) thi* " \' col:x')
    q = fts5_query(terms)
    assert q == '"chung tay" "near" "a" "b" "thi"* "col x"'  # an open quote runs to the end
    assert words("người-nghèo_2023") == ["nguoi", "ngheo", "2023"]


def test_highlight_maps_back_to_original():
    text = "Tặng Cờ thi đua cho xã Lâm Ca; cờ thi đua của tỉnh."
    snippet, spans = highlight(text, fold(text), parse_query("co thi dua"))
    assert [text[s:e] for s, e in spans] == ["Cờ thi đua", "cờ thi đua"] or \
        {text[s:e] for s, e in spans} == {"Cờ", "cờ", "thi", "đua"}
    assert "<mark>" in snippet and "Lâm Ca" in snippet
