"""Normalisation: NFC, spaces, quotes, legacy encodings, search keys."""
from __future__ import annotations

import unicodedata

import pytest

from extractor.ingest import read_document
from extractor.normalise import search_key
from extractor.normalise.legacy import detect_legacy, tcvn3_to_unicode, vni_to_unicode
from extractor.normalise.text import clean_text
from extractor.resources import load_tsv, load_yaml


@pytest.mark.parametrize("a, b", [
    ("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("Hoá", "hóa"), ("NGƯỜI", "người"),
    ("quý", "qúy"), ("Văn hoá - xã hội", "văn hóa – xã hội"), ("“Dạy tốt”", '"dạy tốt"'),
])
def test_search_key_equal(a, b):
    assert search_key(a) == search_key(b)


def test_search_key_without_accents_folds_d():
    assert search_key("Cờ thi đua", accents=False) == "co thi dua"
    assert search_key("Đình Lập", accents=False) == search_key("dinh lap", accents=False)
    assert search_key("hòa") != search_key("hoa")  # with accents, tones still count


def test_clean_text_nfc_spaces_quotes():
    raw = unicodedata.normalize("NFD", "Thi\u00a0đua\u200b  khen\tthưởng „Dạy tốt‟\u00ad")
    assert clean_text(raw) == "Thi đua khen thưởng “Dạy tốt”"


def test_display_text_keeps_author_spelling():
    doc = read_document("Văn hoá và văn hóa – “thi đua”".encode(), "a.txt")
    assert doc.text == "Văn hoá và văn hóa – “thi đua”"


@pytest.mark.parametrize("legacy, convert", [
    ("Th«ng b¸o kÕt qu¶ thi ®ua, khen th­ëng n¨m 2023 cña Côm", tcvn3_to_unicode),
    ("Thoâng baùo keát quaû thi ñua, khen thöôûng naêm 2023 cuûa Cuïm", vni_to_unicode),
])
def test_legacy_tables(legacy, convert):
    assert convert(legacy) == "Thông báo kết quả thi đua, khen thưởng năm 2023 của Cụm"


def test_legacy_text_file_detected_and_converted():
    unicode_text = "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2023 của huyện Đình Lập"
    to_byte = {r["unicode"]: int(r["byte"], 16) for r in load_tsv("tcvn3.tsv", ("byte", "unicode"))}
    data = bytes(to_byte.get(ch, None) or ord(ch) for ch in unicode_text.replace("Đ", "Đ"))
    doc = read_document(data, "cu.txt")
    assert doc.encoding == "tcvn3" and doc.text == unicode_text
    assert detect_legacy(unicode_text) is None


def test_resources_load():
    assert len(load_tsv("tcvn3.tsv", ("byte", "unicode"))) == 74
    assert len(load_tsv("vni.tsv", ("vni", "unicode"))) > 130
    assert "tiêu đề" in load_yaml("heading_styles.yaml")["heading_prefixes"]
