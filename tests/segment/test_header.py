"""Header metadata and parts: the corpus documents as read by hand, plus focused cases."""
from __future__ import annotations

import json

import pytest

from evaluation.match import canon
from extractor.gold import to_gold
from tests.conftest import DOCS, corpus_docs, extracted, split, gold as load_gold
from tests.segment.helpers import segment

# Written from reading each document (ANNOTATION.md, metadata). `title` is a prefix.
METADATA: dict[str, dict] = {
    "000_b2037343df6e8685": dict(
        doc_type="bao_cao_tong_ket", title="Tổng kết công tác Thi đua - Khen thưởng năm 2021, nhiệm vụ",
        number=None, issuer=None, place=None, date=None, period={"year": 2021, "label": "năm"},
        signer={"name": "Vũ Đức Kính", "title": "Chủ tịch UBND huyện Triệu Sơn"}, author=None),
    "001_aa33862f6316ef22": dict(
        doc_type="bao_cao_so_ket", title="Sơ kết phong trào thi đua, công tác khen thưởng 6 tháng đầu năm",
        number=None, issuer=None, place="Triệu Sơn", date="2020-07",
        period={"year": 2020, "label": "6 tháng đầu năm"},
        signer={"name": "Hồ Trường Sơn", "title": "Phó Chủ tịch"}, author=None),
    "002_2f85404dcafad22e": dict(
        doc_type="tin_bai", title="Cụm thi đua các huyện miền núi – trung du tổ chức Hội nghị tổng kết",
        number=None, issuer=None, place=None, date="2022-01-20", period={"year": 2021, "label": "năm"},
        signer={"name": None, "title": None}, author="Nguyễn Hồng Quân"),
    "003_9872598636d4699e": dict(
        doc_type="bao_cao_tong_ket",
        title="Tổng kết công tác Thi đua, khen thưởng năm 2023, phương hướng, nhiệm vụ năm 2024",
        number="08/BC-TĐKT", issuer="Cụm thi đua số 02", place="Cường Lợi", date="2024-01-09",
        period={"year": 2023, "label": "năm"}, signer={"name": "Mai Thị Chiên", "title": "Chủ tịch UBND xã"},
        author=None),
    "004_047c2302e93f662e": dict(
        doc_type="phat_dong", title="phát động thi đua hoàn thành thắng lợi các mục tiêu",
        number=None, issuer=None, place="Triệu Sơn", date="2021-04", period={"year": 2021, "label": "năm"},
        signer={"name": "Vũ Đức Kính", "title": "Chủ tịch UBND huyện Triệu Sơn"}, author=None),
    "h01_bacgiang_giaoduc_dhtdyn": dict(
        doc_type="tin_bai", title="Ngành Giáo dục Bắc Giang: 9 tập thể và 10 cá nhân", date="2020-09-19",
        period={"year": 2015, "label": "giai đoạn 2015-2020"}, author="TTH"),
    "h06_nhnn_khoithidua6_bav": dict(
        doc_type="tin_bai", title="Hội nghị Tổng kết công tác thi đua, khen thưởng khối thi đua số 6 năm 2025",
        date="2026-01-30", period={"year": 2025, "label": "năm"}, author=None),
    "h08_hiephoa_khenthuong_hsg": dict(
        doc_type="tin_bai", date="2020-07-15", period={"year": 2019, "label": "năm học"}, author="Phương Nhung"),
    "h10_bacninh_tongket_namhoc": dict(
        doc_type="tin_bai", title="UBND tỉnh triển khai nhiệm vụ năm học 2019-2020", date=None,
        period={"year": 2019, "label": "năm học"}, author=None),
    "h03_bacgiang_sogddt_huanchuong": dict(doc_type="tin_bai", author="Mai Toan"),
}


@pytest.mark.parametrize("stem", sorted(METADATA))
def test_metadata(stem: str) -> None:
    got = to_gold(extracted(str(DOCS / f"{stem}.txt")))["metadata"]
    for key, want in METADATA[stem].items():
        if key == "title":
            assert got["title"].startswith(want), got["title"]
        else:
            assert got[key] == want, key


@pytest.mark.parametrize("stem", split("dev"))
def test_dev_gold_metadata(stem: str) -> None:
    gold = load_gold(stem)["metadata"]
    got = to_gold(extracted(str(DOCS / f"{stem}.txt")))["metadata"]
    for key, want in gold.items():
        assert canon(json.dumps(got[key], ensure_ascii=False)) == canon(json.dumps(want, ensure_ascii=False)), key


@pytest.mark.parametrize("path", corpus_docs(), ids=lambda p: p.stem)
def test_metadata_spans_and_parts_slice_the_text(path) -> None:
    record = extracted(str(path))
    for key, span in record.metadata.spans.items():
        assert span.text == record.text[span.start:span.end], key
    for part in record.parts:
        assert 0 <= part.start < part.end <= len(record.text)
    starts = [p.start for p in record.parts]
    assert starts == sorted(starts)


def test_seed_001_blank_number_and_day() -> None:
    meta = extracted(str(DOCS / "001_aa33862f6316ef22.txt")).metadata
    assert meta.number is None and meta.number_blank
    assert meta.date == "2020-07" and meta.date_blank_parts == ["day"]
    assert meta.signer_capacity == "KT.CHỦ TỊCH"


def test_seed_003_flattened_two_column_header() -> None:
    meta = extracted(str(DOCS / "003_9872598636d4699e.txt")).metadata
    assert (meta.issuer, meta.parent_issuer) == ("Cụm thi đua số 02", "Hội đồng TĐKT huyện")
    assert meta.signer_capacity == "TM. CỤM THI ĐUA SỐ 02"
    assert meta.spans["issuer"].text == "CỤM THI ĐUA SỐ 02"


def test_seed_004_recipients_and_parts() -> None:
    record = extracted(str(DOCS / "004_047c2302e93f662e.txt"))
    assert record.metadata.recipients == [
        "Chủ tịch Hội đồng Thi đua Khen thưởng các huyện: Đông Sơn, Hà Trung, Yên Định, Thiệu Hóa, "
        "Vĩnh Lộc, Nông Cống và Thọ Xuân"]
    assert [p.kind.value for p in record.parts] == ["title_block", "recipients", "distribution", "signature"]


def test_seed_002_web_boilerplate_and_byline() -> None:
    record = extracted(str(DOCS / "002_2f85404dcafad22e.txt"))
    furniture = [record.text[p.start:p.end].strip() for p in record.parts if p.kind.value == "boilerplate"]
    assert furniture[0].startswith("Cụm Thi đua các huyện Miền núi")  # the duplicated caption
    assert any(f.startswith("Tổng số điểm của bài viết") for f in furniture)
    assert any(f.startswith("Bạn đã không sử dụng Site") for f in furniture)
    assert record.metadata.spans["author"].text == "Nguyễn Hồng Quân"


# --- focused cases ------------------------------------------------------------------------

def test_header_block_in_one_line_and_joined_signature() -> None:
    text = ("ỦY BAN NHÂN DÂN HUYỆN ĐÌNH LẬP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 15/KH-UBND Đình Lập, ngày 05 tháng 3 năm 2022\nKẾ HOẠCH\nTổ chức phong trào thi đua năm 2022\n"
            "I. MỤC ĐÍCH\nNội dung.\nKT. CHỦ TỊCH PHÓ CHỦ TỊCH\nLương Văn Thành")
    meta = segment(text).metadata
    assert (meta.doc_type.value, meta.number, meta.issuer) == ("ke_hoach", "15/KH-UBND", "Ủy ban nhân dân huyện Đình Lập")
    assert (meta.place, meta.date) == ("Đình Lập", "2022-03-05")
    assert meta.signer.model_dump() == {"name": "Lương Văn Thành", "title": "Phó Chủ tịch", "capacity": "KT. CHỦ TỊCH"}
    assert meta.signer_capacity == "KT. CHỦ TỊCH"
    assert meta.period.model_dump() == {"year": 2022, "label": "năm"}


@pytest.mark.parametrize("title, year, label", [
    ("Sơ kết công tác thi đua quý II năm 2022", 2022, "quý II"),
    ("Tổng kết năm học 2019 - 2020", 2019, "năm học"),
    ("Tổng kết phong trào thi đua giai đoạn 2016 - 2020", 2016, "giai đoạn 2016-2020"),
    ("Sơ kết 6 tháng cuối năm 2021", 2021, "6 tháng cuối năm"),
    ("Đại hội thi đua yêu nước lần thứ V, giai đoạn 2020 - 2025", None, None),
])
def test_period_labels(title: str, year, label) -> None:
    from extractor.segment.header import period_of

    period = period_of(title)
    assert ((period.year, period.label) if period else (None, None)) == (year, label)


@pytest.mark.parametrize("line, author", [
    ("Tác giả bài viết: Nguyễn Hồng Quân - BTĐKT", "Nguyễn Hồng Quân"),
    ("Tin, ảnh: Lê Minh", "Lê Minh"),
    ("Mai Toan - Báo Bắc Giang Điện Tử", "Mai Toan"),
    ("PV", "PV"),
])
def test_byline_author(line: str, author: str) -> None:
    meta = segment(f"Hội nghị tổng kết thi đua năm 2023\n12/01/2024\nNội dung bài viết dài.\n{line}").metadata
    assert (meta.doc_type.value, meta.author, meta.date) == ("tin_bai", author, "2024-01-12")


@pytest.mark.parametrize("text, cased", [
    ("CHỦ TỊCH UBND HUYỆN TRIỆU SƠN", "Chủ tịch UBND huyện Triệu Sơn"),
    ("CỤM THI ĐUA SỐ 02", "Cụm thi đua số 02"),
    ("HỘI ĐỒNG TĐKT HUYỆN", "Hội đồng TĐKT huyện"),
    ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
    ("CHỦ TỊCH UBND XÃ", "Chủ tịch UBND xã"),
    # the author's old-style tone mark kept; a shorter phrase never recases a longer one
    ("UỶ BAN NHÂN DÂN TỈNH THANH HOÁ", "Uỷ ban nhân dân tỉnh Thanh Hoá"),
    ("BAN QUẢN LÝ VỐN NHÀ NƯỚC TẠI DOANH NGHIỆP", "Ban Quản lý vốn nhà nước tại doanh nghiệp"),
    ("NGÂN HÀNG NHÀ NƯỚC CHI NHÁNH TỈNH", "Ngân hàng Nhà nước chi nhánh tỉnh"),
])
def test_sentence_case(text: str, cased: str) -> None:
    from extractor.segment.casing import sentence_case

    assert sentence_case(text) == cased


def test_resources_load() -> None:
    from extractor.segment.casing import _lexicon
    from extractor.segment.header import _period_patterns
    from extractor.segment.layout import layout_lexicon, news_lexicon

    assert layout_lexicon()["kind_words"] and news_lexicon()["boilerplate_patterns"]
    assert _lexicon()["office_titles"] and _period_patterns()[0]
