"""Campaign recogniser: quote styles, governed lists, unquoted names, what is not a
campaign, dedup by ANNOTATION.md, registry linking, and exact spans over the corpus."""
from __future__ import annotations

import pytest

from extractor.ingest import read_document
from extractor.pipeline import new_record
from extractor.recognise.campaigns import campaigns_in, find_quoted, name_key, recogniser
from tests.conftest import corpus_docs, extracted
from tests.recognise.helpers import make_doc


def names(text: str) -> list[str]:
    doc, record = make_doc(text)
    return [c.name for c in campaigns_in(doc, record)]


@pytest.mark.parametrize("sentence", [
    "Tiếp tục đẩy mạnh phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”.",
    'Tiếp tục đẩy mạnh phong trào thi đua "Cả nước chung sức xây dựng nông thôn mới".',
    "Tiếp tục đẩy mạnh phong trào thi đua ‘Cả nước chung sức xây dựng nông thôn mới’.",
    "Tiếp tục đẩy mạnh phong trào thi đua «Cả nước chung sức xây dựng nông thôn mới».",
])
def test_every_quote_style(sentence):
    assert names(sentence) == ["Cả nước chung sức xây dựng nông thôn mới"]


def test_markdown_emphasis_around_quotes_is_gone_after_ingest():
    data = "Tiếp tục đẩy mạnh phong trào *“Thầy thuốc như mẹ hiền”* trong ngành y tế.\n".encode()
    doc = read_document(data, "snippet.md")
    assert [c.name for c in campaigns_in(doc, new_record(doc))] == ["Thầy thuốc như mẹ hiền"]


def test_list_governed_by_one_governor():
    # Seed 000: one "phong trào" introduces a run of quoted names joined by ',' and ';'.
    text = ("gắn với thực hiện Chỉ thị số 05-CT/TW, phong trào “Cả nước chung sức xây dựng Nông thôn mới”, "
            "“Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa”; “Xã hội học tập”, “Đền ơn đáp nghĩa”; "
            "“Phong trào cán bộ, công chức, viên chức thực hiện văn hóa công sở”... tạo nên khí thế thi đua.")
    assert names(text) == [
        "Cả nước chung sức xây dựng Nông thôn mới",
        "Toàn dân đoàn kết xây dựng đời sống văn hóa",  # leading "Phong trào" dropped
        "Xã hội học tập",
        "Đền ơn đáp nghĩa",
        "cán bộ, công chức, viên chức thực hiện văn hóa công sở",
    ]


def test_list_after_a_long_introduction():
    text = ("Tiếp tục hưởng ứng thực hiện tốt 05 phong trào do Thủ tướng Chính phủ phát động: "
            "“Cả nước chung sức xây dựng nông thôn mới”, “Doanh nghiệp Việt Nam hội nhập và Phát triển” và "
            "Phong trào thi đua đặc biệt “Tỉnh Bình Định đoàn kết, chung sức, đồng lòng thi đua phòng, chống "
            "và chiến thắng đại dịch Covid-19”.")
    assert len(names(text)) == 3


def test_unquoted_capitalised_name_after_governor():
    assert names("Lực lượng quân đội đẩy mạnh phong trào thi đua Quyết thắng, hướng vào huấn luyện.") == ["Quyết thắng"]
    # lower-case descriptions are not names
    assert names("đẩy mạnh phong trào thi đua dạy tốt, học tốt để nâng cao chất lượng.") == []


def test_theme_of_emulation_counts():
    text = "Nội dung thi đua tập trung vào chủ đề “Đoàn kết - Đổi mới - Sáng tạo”, thi đua phát triển kinh tế."
    assert names(text) == ["Đoàn kết - Đổi mới - Sáng tạo"]


@pytest.mark.parametrize("sentence", [
    "mô hình “Trồng cây ăn quả sử dụng hệ thống tưới tiết kiệm” tại huyện Đông Sơn",
    "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về “Tiếp tục đổi mới công tác thi đua, khen thưởng”",
    "truy tặng danh hiệu vinh dự Nhà nước “Bà mẹ Việt Nam anh hùng”",
    "Có 02 huyện trong Cụm đã có xã đạt danh hiệu “Xã kiểu mẫu”",
    "phong trào thi đua thực hiện lời dạy của Bác Hồ “Lương y như từ mẫu” và 12 Điều y đức",
    "Đẩy mạnh phong trào thi đua xây dựng tổ chức Đảng đạt danh hiệu “Trong sạch vững mạnh”",
    "Đẩy mạnh việc “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” theo tinh thần Chỉ thị",
    "tổ chức “Chuyến xe nghĩa tình” hướng về người dân",
    "UBND tỉnh chọn chủ đề năm 2024 là “Kỷ cương, trách nhiệm, hành động”",
    "phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới",  # unbalanced quote
    "Trưởng khối thi đua số 6 cho biết: “Năm 2025 là một năm đặc biệt”",  # speech, not a name
])
def test_not_campaigns(sentence):
    assert names(sentence) == []


def test_dedup_keeps_first_spelling_and_every_span():
    text = ("Đẩy mạnh các phong trào thi đua \"Quần chúng bảo vệ an ninh Tổ quốc\".\n"
            "Tiếp tục các phong trào: “Quần chúng bảo vệ an ninh tổ quốc”, “Toàn dân đoàn kết xây dựng đời sống văn hoá”.\n"
            "Phong trào “Toàn dân  đoàn kết xây dựng đời sống văn hóa” và phong trào “Tuổi cao - gương sáng”, "
            "phong trào “Tuổi cao – gương sáng”.")
    doc, record = make_doc(text)
    found = campaigns_in(doc, record)
    assert [c.name for c in found] == [
        "Quần chúng bảo vệ an ninh Tổ quốc",
        "Toàn dân đoàn kết xây dựng đời sống văn hoá",
        "Tuổi cao - gương sáng",
    ]
    assert [len(c.spans) for c in found] == [2, 2, 2]
    assert name_key("Văn hoá") == name_key("văn hóa")


@pytest.mark.parametrize("local, national", [
    ("Đình Lập cùng cả nước chung sức xây dựng nông thôn mới", "Cả nước chung sức xây dựng nông thôn mới"),
    ("Cán bộ, công chức, viên chức huyện Triệu Sơn thi đua thực hiện văn hóa công sở",
     "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở"),
    ("Tỉnh Bình Định đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19",
     "Thi đua phòng, chống và chiến thắng đại dịch Covid-19"),
    ("Cả nước chung tay vì người nghèo không để ai bỏ lại phía sau",
     "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau"),
    ("Toàn dân đoàn kết xây dựng NTM, đô thị văn minh", "Toàn dân đoàn kết xây dựng đời sống văn hóa"),
    ("Tuổi cao, gương sáng", "Tuổi cao - gương sáng"),
])
def test_registry_linking(local, national):
    assert recogniser().link(local) == national


def test_local_variant_keeps_its_own_name():
    (c,) = campaigns_in(*make_doc("phong trào thi đua “Đình Lập cùng cả nước chung sức xây dựng nông thôn mới”"))
    assert c.name == "Đình Lập cùng cả nước chung sức xây dựng nông thôn mới"
    assert c.canonical == "Cả nước chung sức xây dựng nông thôn mới"


@pytest.mark.parametrize("unrelated", ["Chuyến xe nghĩa tình", "Xây dựng khu dân cư an toàn làm chủ"])
def test_unrelated_names_are_not_linked(unrelated):
    assert recogniser().link(unrelated) is None


def test_find_quoted_rejects_unbalanced_and_mixed_quotes():
    text = "a “b” c \"d\" e “f g ‘h’"
    assert [text[q.inner_start:q.inner_end] for q in find_quoted(text)] == ["b", "d", "h"]


@pytest.mark.parametrize("path", corpus_docs(), ids=lambda p: p.name)
def test_campaign_spans_slice_the_text(path):
    record = extracted(str(path))
    for c in record.campaigns:
        assert c.spans
        for span in c.spans:
            assert record.text[span.start:span.end] == span.text
            assert name_key(span.text) == name_key(c.name)


@pytest.mark.parametrize("sentence", [
    "Về phong trào thi đua, đồng chí Chủ tịch nhấn mạnh: “Mỗi cán bộ phải gương mẫu”",
    "1. Phong trào Thi đua Yêu nước",
    "Năm học 2022-2023, phong trào thi đua với chủ đề năm học “Đoàn kết, kỷ cương, sáng tạo”",
])
def test_speech_headings_and_school_year_themes_are_not_campaigns(sentence):
    assert names(sentence) == []


def test_cuoc_van_dong_unquoted():
    text = "Tiếp tục thực hiện cuộc vận động Người Việt Nam ưu tiên dùng hàng Việt Nam, góp phần phát triển."
    assert names(text) == ["Người Việt Nam ưu tiên dùng hàng Việt Nam"]


# --- composed examples (written for these tests, not taken from the corpus) -------------

@pytest.mark.parametrize("sentence, expected", [
    # a national name is read whole, commas and function words included
    ("Ngành giáo dục đẩy mạnh phong trào thi đua Dạy tốt, học tốt trong toàn ngành.", ["Dạy tốt, học tốt"]),
    ("Phong trào thi đua Lao động giỏi, lao động sáng tạo được công đoàn phát động.",
     ["Lao động giỏi, lao động sáng tạo"]),
    ("Hưởng ứng cuộc vận động Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo, nhà trường…",
     ["Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo"]),
    # and a list of national names continues
    ("Đẩy mạnh phong trào thi đua Dạy tốt, học tốt, Xây dựng trường học thân thiện, học sinh tích cực.",
     ["Dạy tốt, học tốt", "Xây dựng trường học thân thiện, học sinh tích cực"]),
    # a local name: over a comma only into a parallel member that shares a word
    ("Tiếp tục phong trào Giỏi việc nhà, đảm việc nước của hội phụ nữ xã.", ["Giỏi việc nhà, đảm việc nước"]),
    ("Hưởng ứng cuộc vận động Người Việt Nam ưu tiên dùng hàng Việt Nam, các doanh nghiệp tích cực tham gia.",
     ["Người Việt Nam ưu tiên dùng hàng Việt Nam"]),
    ("Phong trào thi đua Quyết thắng, thi đua lập công được đẩy mạnh.", ["Quyết thắng"]),
    # stop at the first lower-case word that is not part of the name
    ("Phong trào thi đua Dạy tốt - Học tốt tiếp tục được duy trì.", ["Dạy tốt - Học tốt"]),
    ("Hưởng ứng phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư, nhiều gia đình đạt chuẩn.",
     ["Toàn dân đoàn kết xây dựng đời sống văn hóa"]),
])
def test_unquoted_names_with_commas(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Chủ đề thi đua năm 2024 là “Đoàn kết, sáng tạo, nâng cao chất lượng, hiệu quả”.",
     ["Đoàn kết, sáng tạo, nâng cao chất lượng, hiệu quả"]),
    ("Ngành phát động thi đua với chủ đề “Đổi mới, sáng tạo, chất lượng, hiệu quả”.",
     ["Đổi mới, sáng tạo, chất lượng, hiệu quả"]),
    # the year's administrative slogan of a government body is not a campaign
    ("Năm 2024, UBND tỉnh chọn chủ đề năm là “Kỷ cương, trách nhiệm, hành động, hiệu quả”.", []),
    ("Chủ đề năm 2023 của UBND tỉnh là “Đoàn kết, kỷ cương, đổi mới, phát triển”.", []),
    ("Tổ chức phát động thi đua theo chủ đề năm “Kỷ cương, trách nhiệm”.", []),
    ("Thi đua hoàn thành nhiệm vụ với phương châm “Kỷ cương, trách nhiệm, hành động”.", []),
])
def test_emulation_theme_versus_year_slogan(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("local, national", [
    ("Doanh nghiệp huyện Hiệp Hòa hội nhập và phát triển", "Doanh nghiệp Việt Nam hội nhập và phát triển"),
    ("Chung sức xây dựng Nông thôn mới, Nông thôn mới nâng cao, Nông thôn mới kiểu mẫu",
     "Cả nước chung sức xây dựng nông thôn mới"),
    ("Chung tay vì người nghèo", "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau"),
    ("Ngày vì người nghèo", "Ngày vì người nghèo"),
    ("Thi đua quyết thắng", "Thi đua Quyết thắng"),
    ("Quyết thắng", "Thi đua Quyết thắng"),
    ("Mỗi thầy, cô giáo là một tấm gương đạo đức tự học và sáng tạo",
     "Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo"),
])
def test_registry_links_on_distinctive_words(local, national):
    assert recogniser().link(local) == national


@pytest.mark.parametrize("local", [
    "Học tốt",                    # one shared word with "Dạy tốt, học tốt"
    "Xây dựng nông thôn mới",     # lacks "chung sức" of the national name
    "Lao động sáng tạo",
    "Xã hội học tập",
    "Xây dựng trường học an toàn",
    # "nâng" and "năng" are different words; folding diacritics made them equal
    "Đoàn kết, sáng tạo, nâng cao chất lượng, hiệu quả",
])
def test_registry_does_not_link_on_shared_generic_words(local):
    assert recogniser().link(local) is None
