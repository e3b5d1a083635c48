"""The scorer's own tests: perfect and empty predictions, and hand-worked partial cases."""
from __future__ import annotations

import copy
import json

import pytest

from evaluation.match import canon, same_unit, token_f1
from evaluation.scorer import score_document
from tests.conftest import GOLD

GOLD_FILES = sorted(GOLD.glob("*.json"))


def _gold(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _empty_like(gold: dict) -> dict:
    return {"doc": gold["doc"], "metadata": {}, "sections": [], "indicators": [], "campaigns": [],
            "awards": [], "people": []}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_against_itself_scores_one(path):
    gold = _gold(path)
    s = score_document(copy.deepcopy(gold), gold)
    for (type_, mode), c in s.counts.items():
        assert c.fp == 0 and c.fn == 0, (type_, mode)
        assert c.f1 == 1.0
    assert s.metadata_right == s.metadata_total


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_empty_prediction_scores_zero(path):
    gold = _gold(path)
    s = score_document(_empty_like(gold), gold)
    for (type_, mode), c in s.counts.items():
        assert c.tp == 0
        if gold[type_]:
            assert c.recall == 0.0 and c.f1 == 0.0
    assert s.metadata_right == 0


GOLD_MINI = {
    "doc": "mini.txt",
    "metadata": {"doc_type": "bao_cao_tong_ket", "title": "Tổng kết năm 2023", "number": None,
                 "issuer": "Cụm thi đua số 02", "place": "Cường Lợi", "date": "2024-01-09",
                 "period": {"year": 2023, "label": "năm"},
                 "signer": {"name": "Mai Thị Chiên", "title": "Chủ tịch UBND xã"}, "author": None},
    "sections": [{"number": "I.", "title": "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "level": 1},
                 {"number": "1.", "title": "Lãnh đạo, chỉ đạo thực hiện công tác thi đua", "level": 2}],
    "indicators": [{"text": "150.068ha", "value": 150068.0, "unit": "ha"},
                   {"text": "14/12 xã", "value": 14.0, "unit": "xã", "of": 12.0},
                   {"text": "116,7%", "value": 116.7, "unit": "%"},
                   {"text": "13/29 chuỗi cung ứng thực phẩm an toàn", "value": 13.0, "unit": "chuỗi cung ứng",
                    "of": 29.0}],
    "campaigns": ["Cả nước chung sức xây dựng nông thôn mới", "Toàn dân đoàn kết xây dựng đời sống văn hóa"],
    "awards": [{"award": "Cờ thi đua", "grade": None, "authority": "UBND tỉnh", "recipient": None,
                "count": 3, "status": "granted"}],
    "people": [{"name": "Nguyễn Thị Hà", "honorific": "bà", "role": "Bí thư chi bộ", "place": "xã Lâm Ca"}],
}


def test_hand_worked_partial_document():
    pred = copy.deepcopy(GOLD_MINI)
    # metadata: one field wrong (place), number empty in both → not counted; author empty in both too
    pred["metadata"]["place"] = "Đình Lập"
    # sections: second title slightly different (lenient passes: token-F1 ≥ 0.8), level wrong → strict miss
    pred["sections"][1] = {"number": "1.", "title": "Lãnh đạo, chỉ đạo thực hiện công tác thi đua khen thưởng",
                           "level": 3}
    # indicators: ratio without `of` (strict and lenient miss + false alarm), unit head accepted,
    # one extra false alarm
    pred["indicators"][1] = {"text": "14/12 xã", "value": 14.0, "unit": "xã"}
    pred["indicators"][3]["unit"] = "chuỗi cung ứng thực phẩm an toàn"
    pred["indicators"].append({"text": "2021", "value": 2021.0, "unit": ""})
    # campaigns: tone placement and quotes do not matter; one missing
    pred["campaigns"] = ["“Toàn dân đoàn kết xây dựng đời sống văn hoá”"]
    # awards: right kind and count, wrong authority → lenient hit, strict miss
    pred["awards"][0]["authority"] = "Chủ tịch UBND tỉnh"
    # people: right name, role missing → lenient hit, strict miss
    pred["people"][0]["role"] = None

    s = score_document(pred, GOLD_MINI)
    assert (s.metadata_right, s.metadata_total) == (8, 9)
    assert [(c.tp, c.fp, c.fn) for c in (s.counts[("sections", "strict")], s.counts[("sections", "lenient")])] \
        == [(1, 1, 1), (2, 0, 0)]
    strict, lenient = s.counts[("indicators", "strict")], s.counts[("indicators", "lenient")]
    assert (strict.tp, strict.fp, strict.fn) == (3, 2, 1)
    assert (lenient.tp, lenient.fp, lenient.fn) == (3, 2, 1)
    assert strict.precision == pytest.approx(3 / 5) and strict.recall == pytest.approx(3 / 4)
    assert strict.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    assert (s.counts[("campaigns", "strict")].tp, s.counts[("campaigns", "strict")].fn) == (1, 1)
    assert s.counts[("awards", "strict")].tp == 0 and s.counts[("awards", "lenient")].tp == 1
    assert s.counts[("people", "strict")].tp == 0 and s.counts[("people", "lenient")].tp == 1
    kinds = sorted((e.type, e.kind) for e in s.errors)
    assert ("indicators", "false_alarm") in kinds and ("campaigns", "miss") in kinds


def test_repeated_figures_pair_one_to_one():
    gold = {**_empty_like(GOLD_MINI), "indicators": [{"text": "02 xã", "value": 2.0, "unit": "xã"}] * 2}
    pred = {**_empty_like(GOLD_MINI), "indicators": [{"text": "02 xã", "value": 2.0, "unit": "xã"}] * 3}
    c = score_document(pred, gold).counts[("indicators", "strict")]
    assert (c.tp, c.fp, c.fn) == (2, 1, 0)


def test_matching_helpers():
    assert canon("Văn hoá  công sở.") == canon("văn hóa công sở")
    assert canon("Cả nước – chung tay") == canon("Cả nước - chung tay")
    assert same_unit("chuỗi cung ứng thực phẩm", "chuỗi cung ứng")
    assert same_unit("cơ quan", "cơ quan, đơn vị")
    assert not same_unit("tấn", "ha")
    assert token_f1("a b c d e", "a b c d e") == 1.0
    assert token_f1("a b c d", "a b c d e") == pytest.approx(2 * 1 * 0.8 / 1.8)
