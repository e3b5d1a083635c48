"""Indicator recogniser: the gold fields on real report sentences, every exclusion of
ANNOTATION.md, the extra fields (measure, comparison, subject), offsets and speed."""
from __future__ import annotations

import math

import pytest

from extractor.recognise.indicators import indicators_in
from tests.conftest import ROOT, corpus_docs, extracted, gold
from tests.recognise.helpers import make_doc


def found(text: str):
    doc, record = make_doc(text)
    return indicators_in(doc, record)


def triples(text: str):
    return [(i.text, i.value, i.unit, i.of) for i in found(text)]


@pytest.mark.parametrize("sentence, expected", [
    ("Tổng diện tích gieo trồng trên địa bàn cụm đạt 150.068ha.", [("150.068ha", 150068, "ha", None)]),
    ("tổng sản lượng lương thực có hạt ước đạt 817,259 nghìn tấn, năng suất lúa cả năm trung bình đạt 63,94 tạ/ha.",
     [("817,259 nghìn tấn", 817259, "tấn", None), ("63,94 tạ/ha", 63.94, "tạ/ha", None)]),
    ("Tổng huy động vốn đầu tư các huyện là 29.978 tỷ đồng;", [("29.978 tỷ đồng", 29978e9, "đồng", None)]),
    ("hỗ trợ 1 tỷ 850 triệu đồng", [("1 tỷ 850 triệu đồng", 1.85e9, "đồng", None)]),
    ("ước đạt 1.231,2 tỷ đồng", [("1.231,2 tỷ đồng", 1231.2e9, "đồng", None)]),
    ("ước đạt 49,80 triệu đồng (giảm 0,54 % so với KH là 50,07 triệu đồng).",
     [("49,80 triệu đồng", 49.8e6, "đồng", None), ("0,54 %", 0.54, "%", None), ("50,07 triệu đồng", 50.07e6, "đồng", None)]),
    ("hoàn thành 14/12 xã = 116,7% xã đạt chuẩn NTM nâng cao",
     [("14/12 xã", 14, "xã", 12), ("116,7%", 116.7, "%", None)]),
    ("giải quyết 3.167/3.192 hồ sơ (đạt 99,21%)", [("3.167/3.192 hồ sơ", 3167, "hồ sơ", 3192), ("99,21%", 99.21, "%", None)]),
    ("thu 144.625.000/130.000.000 đồng đạt 111,27%",
     [("144.625.000/130.000.000 đồng", 144625000, "đồng", 130000000), ("111,27%", 111.27, "%", None)]),
    ("thành lập mới được 43 DN", [("43 DN", 43, "doanh nghiệp", None)]),
    ("giải quyết việc làm cho 24.521 lao động", [("24.521 lao động", 24521, "lao động", None)]),
    ("Phấn đấu mỗi huyện có từ 02 xã trở lên đạt chuẩn", [("từ 02 xã trở lên", 2, "xã", None)]),
    ("Vận động trên 100 tấn nhu yếu phẩm trị giá trên 1,3 tỷ đồng", [("trên 100 tấn", 100, "tấn", None), ("trên 1,3 tỷ đồng", 1.3e9, "đồng", None)]),
    ("hỗ trợ 1.864 suất quà và hơn 1,185 tỷ đồng", [("1.864 suất quà", 1864, "suất quà", None), ("hơn 1,185 tỷ đồng", 1.185e9, "đồng", None)]),
    ("toàn Cụm có 78 cơ quan, đơn vị, xã, thị trấn được công nhận", [("78 cơ quan, đơn vị, xã, thị trấn", 78, "cơ quan", None)]),
    ("Tại Đại hội, có 186 tập thể và cá nhân được tuyên dương", [("186 tập thể và cá nhân", 186, "tập thể", None)]),
    ("47 tập thể và 12 hộ gia đình, 88 cá nhân", [("47 tập thể", 47, "tập thể", None), ("12 hộ gia đình", 12, "hộ gia đình", None), ("88 cá nhân", 88, "cá nhân", None)]),
    ("Toàn Cụm có 524 trang trại đạt theo tiêu chí mới", [("524 trang trại", 524, "trang trại", None)]),
    ("dân số 11.871 người", [("dân số 11.871 người"[7:], 11871, "người", None)]),
    ("Trong số 12 phong trào thi đua yêu nước do UBND tỉnh phát động", [("12 phong trào thi đua yêu nước", 12, "phong trào", None)]),
    ("tặng 3 Cờ thi đua", [("3 Cờ thi đua", 3, "Cờ thi đua", None)]),
])
def test_gold_fields(sentence, expected):
    got = triples(sentence)
    assert [g[0] for g in got] == [e[0] for e in expected]
    for (_, value, unit, of), (_, ev, eu, eo) in zip(got, expected):
        assert math.isclose(value, ev, rel_tol=1e-9)
        assert unit == eu
        assert of == eo


@pytest.mark.parametrize("sentence", [
    "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị",          # document number, date
    "Kế hoạch số 13/KH-CTĐ ngày 28/6/2020",                           # document number, date
    "Quyết định số 09/2019/QĐ-UBND ngày 09/4/2019 của UBND tỉnh",     # legal reference
    "theo tinh thần Nghị quyết 18-NQ/TW, Nghị quyết số 19-NQ/TW",
    "Nghị định 98/2023/NĐ-CP và Điều 5 của Luật",                      # article number
    "năm 2021 và năm học 2020 - 2021",                                 # years
    "bầu cử đại biểu Quốc hội khóa XV, nhiệm kỳ 2021-2026",            # ordinal, term
    "Đại hội Đảng bộ huyện nhiệm kỳ 2020 - 2025",
    "Đại hội thi đua yêu nước tỉnh lần thứ 5 giai đoạn 2020 - 2025",  # ordinal, period
    "Kỷ niệm 91 năm ngày Truyền thống Đảng Cộng sản Việt Nam; 46 ngày giải phóng miền Nam",
    "kỷ niệm 132 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890-19/5/2022), 77 năm Cách mạng Tháng Tám",
    "Kế hoạch phát triển kinh tế - xã hội 5 năm (2021 – 2025)",      # period inside a name
    "kế hoạch phát triển kinh tế xã hội 5 năm 2020-2025 của tỉnh",
    "xây dựng gia đình 5 không, 3 sạch",                             # numbers in a campaign name
    "phong trào học tập và thực hiện 6 điều Bác Hồ dạy công an nhân dân",
    "thực hiện lời dạy của Bác Hồ và 12 Điều y đức đối với cán bộ y tế",
    "phổ cập giáo dục Mầm non cho trẻ 5 tuổi",                        # age
    "dịch vụ công trực tuyến mức độ 3, mức độ 4",                     # levels
    "hoàn thành tiêu chí số 6 về văn hóa",                            # criterion number
    "Cụm thi đua số 2 và Khối thi đua số 6",                          # numbers in names
    "dịch Covid 19 và Covid-19, ca F0",
    "Hội trường 305.A1, Học viện Ngân hàng; Quảng trường 3/2",
    "Thứ năm - 20/01/2022 15:21 316 0",                                # dateline and web counters
    "Tổng số điểm của bài viết là: 1 trong 1 đánh giá",
    "Thời gian chờ: 60 giây",
    "được tổ chức định kỳ 05 năm/lần",
    "khai mạc lúc 8 giờ 30 ngày 18/9/2020",                          # time of day
    "phong trào “5 không 3 sạch”",                                    # inside quotes
    "- 12 -",                                                          # page furniture
])
def test_exclusions(sentence):
    assert triples(sentence) == []


@pytest.mark.parametrize("line", ["1. Công tác lãnh đạo, chỉ đạo", "1.1. Phong trào thi đua", "3.4. Chính sách xã hội",
                                  "2) Kết quả"])
def test_section_numbers_are_not_indicators(line):
    assert triples(line) == []


def test_measure_comparison_subject():
    text = ("thu ngân sách, nhiều huyện vượt kế hoạch: Huyện Hoài Ân: đạt 118,3% kế hoạch huyện giao. "
            "Huyện Tây Sơn: tăng 27,71% so với năm 2020.\n"
            "Tổng diện tích gieo trồng vụ đông xuân đạt 14.854,7ha.\n"
            "Năm 2021 cụm đã thành lập mới được 687 doanh nghiệp, đạt 118% KH tỉnh giao.")
    inds = {i.text: i for i in found(text)}
    hoai_an = inds["118,3%"]
    assert hoai_an.subject == "Huyện Hoài Ân"
    assert hoai_an.comparison.relation == "đạt" and hoai_an.comparison.baseline == "kế hoạch huyện giao"
    tay_son = inds["27,71%"]
    assert tay_son.subject == "Huyện Tây Sơn"
    assert tay_son.comparison.relation == "tăng" and tay_son.comparison.baseline == "năm 2020"
    assert inds["14.854,7ha"].measure == "tổng diện tích gieo trồng vụ đông xuân"
    assert math.isclose(inds["14.854,7ha"].value, 14854.7)
    dn = inds["687 doanh nghiệp"]
    assert dn.comparison.text == "đạt 118% KH tỉnh giao" and dn.comparison.baseline == "KH tỉnh giao"
    assert inds["118%"].comparison.relation == "đạt"


def test_qualifier_is_kept_in_text_not_value():
    (ind,) = found("học sinh hoàn thành chương trình đạt trên 99%")
    assert ind.text == "trên 99%" and ind.value == 99 and ind.qualifier == "trên"
    (ind,) = found("giảm tỉ lệ hộ nghèo từ 1% trở lên")
    assert ind.text == "từ 1% trở lên" and ind.qualifier == "từ … trở lên"


def test_footnote_subject_and_mark():
    from extractor.model import BlockKind
    doc, record = make_doc("Nội dung chính.\n1 Cường Lợi: trồng mới 967,97 ha rừng")
    doc.blocks[1].kind = BlockKind.footnote
    doc.blocks[1].footnote_mark = "1"
    (ind,) = indicators_in(doc, record)
    assert ind.text == "967,97 ha" and ind.subject == "Cường Lợi"


@pytest.mark.parametrize("path", corpus_docs(), ids=lambda p: p.name)
def test_indicator_spans_slice_the_text(path):
    record = extracted(str(path))
    for ind in record.indicators:
        assert record.text[ind.span.start:ind.span.end] == ind.text == ind.span.text


@pytest.mark.parametrize("sentence, expected", [
    ("mỗi suất 500 nghìn đồng/suất", [("500 nghìn đồng/suất", 500e3, "đồng/suất", None)]),
    ("thu nhập bình quân 65 triệu đồng/người/năm", [("65 triệu đồng/người/năm", 65e6, "đồng/người/năm", None)]),
    ("Giá trị sản xuất công nghiệp 5.678 tỷ đồng", [("5.678 tỷ đồng", 5678e9, "đồng", None)]),
    ("có 45 lớp và 02 đ/c", [("45 lớp", 45, "lớp", None), ("02 đ/c", 2, "đồng chí", None)]),
])
def test_rates_and_context_dependent_cues(sentence, expected):
    got = triples(sentence)
    assert [(t, u, o) for t, _, u, o in got] == [(t, u, o) for t, _, u, o in expected]
    for (_, v, _, _), (_, ev, _, _) in zip(got, expected):
        assert math.isclose(v, ev, rel_tol=1e-9)


@pytest.mark.parametrize("sentence", [
    "cách mạng công nghiệp 4.0", "thực hiện Chương trình 135 và Đề án 06", "học sinh lớp 9 và khối 12",
    "Ngày Nhà giáo Việt Nam 20-11", "các nhiệm vụ (1), (2) và chú thích [3]", "theo Phụ lục 2 kèm theo",
    "xếp thứ 2 toàn quốc", "đạt tiêu chuẩn ISO 9001:2015",
])
def test_more_exclusions(sentence):
    assert triples(sentence) == []


# --- composed examples (written for these tests, not taken from the corpus) -------------

@pytest.mark.parametrize("sentence", [
    "I. KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2020",                     # a period in a heading
    "Kết quả thực hiện 6 tháng đầu năm và phương hướng 6 tháng cuối năm",
    "Báo cáo kết quả công tác thi đua 9 tháng năm 2021",
    "Trong 5 năm qua, phong trào được duy trì thường xuyên.",
    "Sau 3 năm triển khai, mô hình được nhân rộng.",
    "Hội nghị được tổ chức 05 năm/lần.",
    "TỔNG KẾT NĂM HỌC 2019-2020",
    "Sản phẩm được công nhận OCOP 4 sao.",                            # a rating, like a grade
])
def test_periods_durations_and_ratings_are_not_indicators(sentence):
    assert triples(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    # the counted noun: a lexicon word or fixed term, kept whole; free modifiers stay out
    ("Có 13/29 chuỗi cung ứng thực phẩm an toàn được cấp chứng nhận.",
     [("13/29 chuỗi cung ứng thực phẩm an toàn", 13, "chuỗi cung ứng", 29)]),
    ("Toàn huyện có 03 sản phẩm OCOP cấp tỉnh.", [("03 sản phẩm", 3, "sản phẩm", None)]),
    ("Có 2.340 học sinh giỏi cấp huyện.", [("2.340 học sinh giỏi", 2340, "học sinh giỏi", None)]),
    ("Đã bàn giao 25 nhà đại đoàn kết cho hộ nghèo.", [("25 nhà đại đoàn kết", 25, "nhà đại đoàn kết", None)]),
    ("Có 45 đề tài khoa học cấp tỉnh được nghiệm thu.", [("45 đề tài", 45, "đề tài", None)]),
    ("Toàn tỉnh có 120 doanh nghiệp mới thành lập.", [("120 doanh nghiệp", 120, "doanh nghiệp", None)]),
    ("Có 15 trường hợp được khen thưởng đột xuất.", [("15 trường hợp", 15, "trường hợp", None)]),
    ("Toàn ngành có 112 trường mầm non, 98 trường tiểu học.",
     [("112 trường mầm non", 112, "trường mầm non", None), ("98 trường tiểu học", 98, "trường tiểu học", None)]),
    ("Đã vận động được 2.500 ngày công lao động.", [("2.500 ngày công", 2500, "ngày công", None)]),
    # classifiers take their noun
    ("Tổ chức 12 lớp tập huấn cho 1.200 lượt cán bộ.",
     [("12 lớp", 12, "lớp", None), ("1.200 lượt cán bộ", 1200, "lượt cán bộ", None)]),
    ("Tặng 50 suất học bổng cho học sinh nghèo.", [("50 suất học bổng", 50, "suất học bổng", None)]),
    # "em" only marks pupils: the unit is the noun it counts
    ("Có 25 em học sinh đạt giải cấp tỉnh.", [("25 em học sinh", 25, "học sinh", None)]),
    # an unknown noun: the word list decides where it stops
    ("Toàn xã có 1.245 bò sữa.", [("1.245 bò sữa", 1245, "bò sữa", None)]),
    ("Xây dựng 12 tuyến đường giao thông nông thôn.", [("12 tuyến đường", 12, "tuyến đường", None)]),
    # coordinated nouns under one count
    ("Tuyên truyền được 230 tin, bài trên cổng thông tin.", [("230 tin, bài", 230, "tin", None)]),
    ("Tổng số 1.250 đoàn viên, thanh niên tham gia.", [("1.250 đoàn viên, thanh niên", 1250, "đoàn viên", None)]),
    # a unit's false friend
    ("Có 3 đồng chí được tặng Bằng khen.", [("3 đồng chí", 3, "đồng chí", None)]),
])
def test_counted_noun_extent(sentence, expected):
    got = triples(sentence)
    assert [(t, u, o) for t, _, u, o in got] == [(t, u, o) for t, _, u, o in expected]
    for (_, v, _, _), (_, ev, _, _) in zip(got, expected):
        assert math.isclose(v, ev, rel_tol=1e-9)


@pytest.mark.parametrize("sentence, expected", [
    ("Nhân dịp Tết, đã trao 1.864 suất quà trị giá 500 nghìn đồng/suất.",
     [("1.864 suất quà", 1864, "suất quà", None), ("500 nghìn đồng/suất", 5e5, "đồng/suất", None)]),
    ("Hội thi có 53 giải cấp tỉnh, trong đó 1 giải Nhất, 11 giải Nhì.",
     [("53 giải", 53, "giải", None), ("1 giải Nhất", 1, "giải Nhất", None), ("11 giải Nhì", 11, "giải Nhì", None)]),
    ("Huyện xếp thứ 2/10 huyện trong tỉnh.", [("2/10 huyện", 2, "huyện", 10)]),
    ("Tỷ lệ học sinh tốt nghiệp đạt 99,5%.", [("99,5%", 99.5, "%", None)]),
    ("Tổng kinh phí hơn 1,2 tỷ đồng.", [("hơn 1,2 tỷ đồng", 1.2e9, "đồng", None)]),
    ("Có gần 300 học sinh tham gia.", [("gần 300 học sinh", 300, "học sinh", None)]),
    ("Toàn huyện có 15/15 trường đạt chuẩn quốc gia.", [("15/15 trường", 15, "trường", 15)]),
    ("Mức hỗ trợ 2 triệu đồng/người.", [("2 triệu đồng/người", 2e6, "đồng/người", None)]),
    ("Thưởng 2 triệu đồng/học sinh đạt giải Nhất.", [("2 triệu đồng/học sinh", 2e6, "đồng/học sinh", None)]),
    ("Thu hút trên 3.000 lượt người tham gia.", [("trên 3.000 lượt người", 3000, "lượt người", None)]),
    ("Tỷ lệ người dân tham gia bảo hiểm y tế đạt 98,7%.", [("98,7%", 98.7, "%", None)]),
    ("Khoảng 2.000 người dân tham gia hiến đất.", [("Khoảng 2.000 người dân", 2000, "người dân", None)]),
    ("Có tối thiểu 50% số xã đạt chuẩn.", [("tối thiểu 50%", 50, "%", None)]),
    # not qualifiers: "ước", "vượt", "tốp" and a bare "từ" stay outside the text
    ("Giá trị sản xuất ước đạt 1.250 tỷ đồng, vượt 5% kế hoạch.",
     [("1.250 tỷ đồng", 1.25e12, "đồng", None), ("5%", 5, "%", None)]),
    ("Trường nằm trong tốp 10 trường dẫn đầu.", [("10 trường", 10, "trường", None)]),
    ("Tỷ lệ hộ nghèo giảm từ 3,5% xuống còn 2,1%.", [("3,5%", 3.5, "%", None), ("2,1%", 2.1, "%", None)]),
    ("Từ 02 xã trở lên đạt chuẩn.", [("Từ 02 xã trở lên", 2, "xã", None)]),
])
def test_news_style_quantities(sentence, expected):
    got = triples(sentence)
    assert [(t, u, o) for t, _, u, o in got] == [(t, u, o) for t, _, u, o in expected]
    for (_, v, _, _), (_, ev, _, _) in zip(got, expected):
        assert math.isclose(v, ev, rel_tol=1e-9)


# --- counted-noun extent, abbreviations, rates, lengths, reference lists ---------------
# Composed sentences in report style; the rules are ANNOTATION.md "indicators": `text` is the
# number with its unit or counted noun as written, `unit` the head with abbreviations expanded.

@pytest.mark.parametrize("sentence, expected", [
    # abbreviations written with a dot or slash inside the word are expanded
    ("Trong năm, toàn xã hoàn thành 26 c.trình phúc lợi công cộng.", [("26 c.trình", 26, "công trình", None)]),
    ("Trường có 35 h/s đạt giải cấp huyện.", [("35 h/s", 35, "học sinh", None)]),
    # a lexicon noun grows into the dictionary word it starts
    ("Xây mới 17 nhà tiêu hợp vệ sinh và 21 nhà tắm cho các điểm trường.",
     [("17 nhà tiêu", 17, "nhà tiêu", None), ("21 nhà tắm", 21, "nhà tắm", None)]),
    ("Duy trì 1 bếp ăn tập thể đảm bảo an toàn thực phẩm.", [("1 bếp ăn tập thể", 1, "bếp ăn tập thể", None)]),
    # modifier tails of the head's kind stay in the text, not in the unit
    ("Nghiệm thu 2 đề tài nghiên cứu khoa học cấp tỉnh.", [("2 đề tài nghiên cứu khoa học", 2, "đề tài", None)]),
    ("Hội đồng công nhận 246 sáng kiến kinh nghiệm.", [("246 sáng kiến kinh nghiệm", 246, "sáng kiến", None)]),
    ("Khối thi đua có 6 đơn vị thành viên.", [("6 đơn vị thành viên", 6, "đơn vị", None)]),
    ("Đoàn vận động viên giành 1 huy chương Vàng, 2 huy chương Bạc.",
     [("1 huy chương Vàng", 1, "huy chương", None), ("2 huy chương Bạc", 2, "huy chương", None)]),
    ("Đề nghị tặng Bằng khen cho 4 tập thể trường học.", [("4 tập thể trường học", 4, "tập thể", None)]),
    # classifiers: the species after "cây" is a modifier; "em" only marks pupils
    ("Các đoàn viên đã trồng 150 cây keo trên đồi.", [("150 cây keo", 150, "cây", None)]),
    ("Trao học bổng cho 35 em học sinh nghèo vượt khó.", [("35 em học sinh", 35, "học sinh", None)]),
    # a short noun list with an abbreviation
    ("Hội thi có sự tham gia của 12 tỉnh, TP trong khu vực.", [("12 tỉnh, TP", 12, "tỉnh", None)]),
    # a misspelling that reports print keeps its unit as written
    ("Trao 204 suất quà và 204 xuất quà cho hộ nghèo.",
     [("204 suất quà", 204, "suất quà", None), ("204 xuất quà", 204, "xuất quà", None)]),
    # petitions: a verb or preposition after the noun is not absorbed
    ("Tiếp nhận 06 đơn thuộc thẩm quyền; đã giải quyết 13/14 đơn được phân công.",
     [("06 đơn", 6, "đơn", None), ("13/14 đơn", 13, "đơn", 14)]),
    ("Tiếp nhận 06 đơn chuyên ngành gửi đến.", [("06 đơn", 6, "đơn", None)]),
    # a capitalised counted noun keeps its case
    ("Toàn tỉnh có 6 Cụm thi đua và 11 Dân tộc cùng sinh sống.",
     [("6 Cụm thi đua", 6, "Cụm thi đua", None), ("11 Dân tộc", 11, "Dân tộc", None)]),
    ("Năm 2021 cụm đã thành lập 12 doanh nghiệp.", [("12 doanh nghiệp", 12, "doanh nghiệp", None)]),
    # rates: a counted noun per period
    ("Ban chỉ đạo kiểm tra tối thiểu 2 lần/tháng.", [("tối thiểu 2 lần/tháng", 2, "lần/tháng", None)]),
    ("Câu lạc bộ sinh hoạt 2 buổi/tuần.", [("2 buổi/tuần", 2, "buổi/tuần", None)]),
])
def test_counted_noun_words_tails_and_rates(sentence, expected):
    got = triples(sentence)
    assert [(t, u, o) for t, _, u, o in got] == [(t, u, o) for t, _, u, o in expected]
    for (_, v, _, _), (_, ev, _, _) in zip(got, expected):
        assert math.isclose(v, ev, rel_tol=1e-9)


@pytest.mark.parametrize("sentence, expected", [
    # a place word before a length names the road, not the number
    ("Bê tông hóa đường giao thông nông thôn 16,2km.", [("16,2km", 16.2, "km", None)]),
    ("Cứng hóa đường ngõ xóm 9.000m, kênh mương nội đồng 3,65km.",
     [("9.000m", 9000, "m", None), ("3,65km", 3.65, "km", None)]),
    ("Tuyến đường liên thôn dài 3,65km.", [("3,65km", 3.65, "km", None)]),
    # ...but a place word still makes a bare number or a count part of a name
    ("Thôn 5 xã Hòa Bình có 120 hộ.", [("120 hộ", 120, "hộ", None)]),
    ("Học sinh lớp 9 đạt 98%.", [("98%", 98, "%", None)]),
])
def test_lengths_after_place_words(sentence, expected):
    got = triples(sentence)
    assert [(t, u, o) for t, _, u, o in got] == [(t, u, o) for t, _, u, o in expected]
    for (_, v, _, _), (_, ev, _, _) in zip(got, expected):
        assert math.isclose(v, ev, rel_tol=1e-9)


@pytest.mark.parametrize("sentence, expected", [
    # criterion and article numbers, and the later numbers of their lists
    ("Xã còn tiêu chí 8, 16 chưa đạt.", []),
    ("Thực hiện theo Điều 5, 6 và 7 của Luật Thi đua, khen thưởng.", []),
    ("Áp dụng Điều 7 của Nghị định.", []),
    ("Tháng 5, 6 có 3 đợt hiến máu.", [("3 đợt", 3, "đợt", None)]),
    # a noun list goes on only with lower-case nouns, not with a capitalised restart
    ("Xã đạt 17/19 tiêu chí, Tiêu chí về môi trường chưa đạt.", [("17/19 tiêu chí", 17, "tiêu chí", 19)]),
    ("Toàn huyện có 12 xã, thị trấn tham gia.", [("12 xã, thị trấn", 12, "xã", None)]),
])
def test_reference_lists_and_noun_lists(sentence, expected):
    got = triples(sentence)
    assert [(t, u, o) for t, _, u, o in got] == [(t, u, o) for t, _, u, o in expected]


def test_ratios_of_shops_and_markets_are_counted_nouns_not_dates():
    got = triples("Đã kiểm tra 12/40 cửa hàng kinh doanh thực phẩm, 2/7 chợ đạt chuẩn.")
    assert got == [("12/40 cửa hàng", 12, "cửa hàng", 40), ("2/7 chợ", 2, "chợ", 7)]


# --- rules, regulations and forms (LABELLING.md "indicators"; composed sentences) --------

@pytest.mark.parametrize("sentence, expected", [
    # limits keep their qualifier; "từ" alone is a lower bound unless a second bound follows
    ("Mỗi đơn vị đề nghị không quá 05 cá nhân.", [("không quá 05 cá nhân", 5, "cá nhân", None)]),
    ("Tỷ lệ khen thưởng không vượt quá 15% tổng số.", [("không vượt quá 15%", 15, "%", None)]),
    ("Phải đạt ít nhất là 70% số phiếu.", [("ít nhất là 70%", 70, "%", None)]),
    ("Lần 1 đạt từ 50%, lần 2 đạt 90%.", [("từ 50%", 50, "%", None), ("90%", 90, "%", None)]),
    ("Hội đồng bỏ phiếu đạt từ 90% phiếu đồng ý trở lên.", [("từ 90% phiếu đồng ý trở lên", 90, "%", None)]),
    ("Dự giờ tối thiểu 02 giờ xếp từ loại khá trở lên.", [("tối thiểu 02 giờ", 2, "giờ", None)]),
    ("Phiên họp phải có ít nhất 2/3 tổng số thành viên.", [("ít nhất 2/3", 2, "", 3)]),
    ("Hoạt động trong năm đủ 12 tháng trở lên.", [("đủ 12 tháng trở lên", 12, "tháng", None)]),
    ("Tổ chức mới thành lập dưới 01 năm (dưới 12 tháng).",
     [("dưới 01 năm", 1, "năm", None), ("dưới 12 tháng", 12, "tháng", None)]),
    ("Ảnh chụp trong vòng 01 năm trở lại.", [("trong vòng 01 năm", 1, "năm", None)]),
    # durations and time limits of a rule
    ("Trong thời hạn 10 ngày làm việc kể từ ngày nhận hồ sơ.", [("10 ngày làm việc", 10, "ngày làm việc", None)]),
    ("Có 02 năm liên tục hoàn thành xuất sắc nhiệm vụ.", [("02 năm", 2, "năm", None)]),
    ("Gửi hồ sơ trước 10 ngày.", [("10 ngày", 10, "ngày", None)]),
    ("Tham gia ít nhất 03 giờ/năm học.", [("ít nhất 03 giờ/năm học", 3, "giờ/năm học", None)]),
    # one per one is a rate, not a ratio
    ("Mỗi ban chọn 01 cá nhân/01 ban.", [("01 cá nhân/01 ban", 1, "cá nhân/ban", None)]),
    # counted members, criteria and forms of award
    ("Hội đồng có 04 ủy viên thường trực.", [("04 ủy viên thường trực", 4, "ủy viên", None)]),
    ("Cá nhân đạt 02 tiêu chuẩn sau:", [("02 tiêu chuẩn", 2, "tiêu chuẩn", None)]),
    ("Không tặng quá 02 hình thức khen thưởng.", [("quá 02 hình thức khen thưởng", 2, "hình thức", None)]),
])
def test_limits_and_durations_in_rules(sentence, expected):
    got = triples(sentence)
    assert [(t, u, o) for t, _, u, o in got] == [(t, u, o) for t, _, u, o in expected]
    for (_, v, _, _), (_, ev, _, _) in zip(got, expected):
        assert math.isclose(v, ev, rel_tol=1e-9)


@pytest.mark.parametrize("sentence", [
    "Trong 6 tháng, sản lượng tăng khá.",                 # a report's period, not a limit
    "Tình hình dịch bệnh ngày càng phức tạp, 5 năm qua đơn vị vẫn giữ vững.",
    "Đạt tiêu chuẩn quy định tại Khoản 3, Điều 9 Nghị định.",
    "Theo các Điều 14, 15, 16, 17, 18, 22, 23, 24, 28, 29, 30, 32 và Điều 38 Nghị định.",
    "1.2. Tiêu chuẩn 2: Chấp hành tốt chủ trương.",
    "1. Giao: Bộ phận một cửa 2. Nhận: Phòng chuyên môn",
    "*Điều 2. *Quyết định này có hiệu lực.",
    "Tăng từ 15/3 đến 20/3 hằng năm.",
])
def test_references_items_and_periods_in_rules_are_not_indicators(sentence):
    assert triples(sentence) == []


def test_numbers_of_items_inside_table_cells_are_not_indicators():
    got = triples("STT | Tiêu chuẩn\n | 1. Các thành viên gương mẫu 2. Thực hiện nếp sống văn minh\n"
                  "5.1 | Đơn đề nghị | 1 bản\n")
    assert got == [("1 bản", 1, "bản", None)]


# --- numbers that count nothing: lists, tables, titles (non_quantities) ----------------

def table_doc(rows: list[list[str]], before: str = ""):
    """A document whose lines after `before` are the rows of one table, cells joined by " | "."""
    from extractor.model import BlockKind, Cell
    doc, record = make_doc(before + "\n".join(" | ".join(r) for r in rows))
    first = before.count("\n")
    for i, block in enumerate(doc.blocks[first:]):
        block.kind, block.table, block.row = BlockKind.table_row, 0, i
        cells, pos = [], block.start
        for cell in rows[i]:
            cells.append(Cell(start=pos, end=pos + len(cell), col=len(cells)))
            pos += len(cell) + 3
        block.cells = cells
    return doc, record


def table_texts(rows: list[list[str]], before: str = "") -> list[str]:
    doc, record = table_doc(rows, before)
    return [i.text for i in indicators_in(doc, record)]


def test_a_row_numbering_the_columns_is_not_a_row_of_figures():
    rows = [["TT", "Hình thức", "Tập thể", "Cá nhân", "Tỷ lệ"],
            ["1", "2", "3", "4", "5 (4:3)"],
            ["1", "Bằng khen", "12", "30", "2,5%"]]
    assert table_texts(rows) == ["12", "30", "2,5%"]


@pytest.mark.parametrize("sentence", [
    "Mã số đơn vị 1650360491 thuộc khối doanh nghiệp",      # an ungrouped long number
    "Mã ngành 0021 - Giáo dục",                               # zero-padded
    "ID: 2223783_1363 - Hệ thống quản lý văn bản",            # an e-office id
    "Số văn bản điện tử: 200480 í",                           # a scanned id and a stray letter
])
def test_codes_and_identifiers_are_not_indicators(sentence):
    assert triples(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Ông Lê Văn Nam, Giám đốc Trung tâm Kỹ thuật 3, Công ty Điện lực Hòa Bình",
    "Bà Trần Thị Mai, Tổ trưởng Tổ Kỹ thuật 2.",
    "Phòng Nghiệp vụ, Chi nhánh Khu vực 4 (Bắc Hà), Công ty Cấp nước",
    "Đội Quản lý thị trường số 5, Cục Quản lý thị trường Lạng Sơn 108.",  # a scanned row number at the end
])
def test_a_number_closing_a_name_is_not_an_indicator(sentence):
    assert triples(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Huyện Ba Vì: 04", ["04"]),                  # a label's count
    ("Tổng cộng 25.", ["25"]),                    # the capital opens the sentence
    ("trong tốp 10 toàn quốc", ["10"]),           # a scope, not a counted noun
    ("Quận Hai Bà Trưng có 12 trường đạt chuẩn.", ["12 trường"]),
])
def test_counts_near_names_stay(sentence, expected):
    assert [t for t, *_ in triples(sentence)] == expected


def test_in_a_table_a_bare_number_sharing_its_cell_with_words_is_a_name_part():
    rows = [["STT", "Họ và tên", "Chức vụ, đơn vị", "Tiền thưởng"],
            ["1", "Ông Phạm Văn Hùng", "Trưởng phòng Kỹ thuật, Trung tâm viễn thông 1, Điện lực Sơn La", "500.000 đồng"],
            ["2", "Bà Đỗ Thu Hà", "Nhân viên, Xí nghiệp 2", "12"],
            ["3", "Ông Lý Văn Tư", "Giám đốc Nhà máy 3 Công ty Cổ phần Cơ khí", "12"]]
    assert table_texts(rows) == ["500.000 đồng", "12", "12"]


def test_row_numbers_and_noise_in_an_attached_list():
    from extractor.records import Part, PartKind
    body = "Điều 1. Tặng Cờ thi đua cho 3 đơn vị (có danh sách kèm theo).\n"
    listed = ("DANH SÁCH CÁC ĐƠN VỊ ĐƯỢC TẶNG CỜ THI ĐUA\n"
              "Công ty Điện lực Phú Thọ $ 12\n"
              "02 AO $6 mAtn ĐD\n"
              "Xã Tân Lập 5 hộ gia đình, 7 bò sữa\n"
              "a) Tập thể: 15\n"
              "Huyện Thanh Sơn: 04\n")
    doc, record = make_doc(body + listed)
    record.parts.append(Part(kind=PartKind.attachment, start=len(body), end=len(doc.text),
                             label="DANH SÁCH CÁC ĐƠN VỊ ĐƯỢC TẶNG CỜ THI ĐUA"))
    assert [i.text for i in indicators_in(doc, record)] == ["3 đơn vị", "5 hộ gia đình", "7 bò sữa",
                                                            "Tập thể: 15", "04"]


@pytest.mark.parametrize("text", [
    "3, Ông Lê Thành Nam, Phó Giám đốc Ban Kỹ thuật",       # a scanner read "3." as "3,"
    "- 1, Bà Hoàng Thị Lan, Kế toán trưởng",
])
def test_misread_enumerators_are_not_indicators(text):
    assert triples(text) == []


def test_capitalised_heading_cues_and_ocr_capitals():
    assert triples("TÌNH HÌNH SỬ DỤNG QUỸ THI ĐUA, KHEN THƯỞNG NĂM 2022 Đơn vị: Triệu đồng") == []
    assert [t for t, *_ in triples("Tặng tiền thưởng: 7.700.000 đồng/đơn VỊ;")] == ["7.700.000 đồng/đơn VỊ"]
    assert triples("tặng Cờ thi đua cho 229 đơn vị cơ sở") == [("229 đơn vị cơ sở", 229, "đơn vị", None)]
    assert triples("4 đơn vị hành chính cấp xã là") == [("4 đơn vị hành chính cấp xã", 4, "đơn vị hành chính", None)]


def test_side_by_side_code_lists_of_a_workbook_give_no_indicator():
    # b04: a nomination workbook's code sheet (STT | Mã số | name, three lists side by side)
    record = extracted(str(ROOT / "corpora" / "originals" / "b04_quangbinh_ds_denghi_khenthuong.xlsx"))
    assert record.indicators == []


def test_summary_table_keeps_its_counts_and_drops_its_column_numbers():
    # b05: a summary table with a column-number row under its header
    record = extracted(str(ROOT / "corpora" / "originals" / "b05_quangbinh_tonghop_hinhthuc_kt_2022.docx"))
    numbered = [i.text for i in record.indicators if "| 2 | 3 | 4 |" in record.text[i.span.start - 12:i.span.end + 12]]
    assert numbered == []
    assert len(record.indicators) == len(gold("b05_quangbinh_tonghop_hinhthuc_kt_2022")["indicators"])


@pytest.mark.parametrize("sentence", ["Sáng 13- 7, UBND huyện tổ chức hội nghị", "Chiều 2 - 9, đoàn đã về"])
def test_a_day_named_by_its_time_of_day_is_a_date(sentence):
    assert triples(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Số: 2753 /TTr-STP ngày 12 tháng 10 năm 2022",      # a filled-in number with a space
    "Quyết định số 6 / QĐ-TTg của Thủ tướng",
    "Số:.... 6...",                                       # a blank form's number
    "_ 17. Ông Nguyễn Hữu Bình, Giám đốc",                # a scanned dash before an item number
])
def test_filled_in_numbers_and_scanned_item_numbers(sentence):
    assert triples(sentence) == []


@pytest.mark.parametrize("text, expected", [
    ("a) Tập thể: 15", [("Tập thể: 15", 15, "Tập thể", None)]),
    ("- Cá nhân : 22", [("Cá nhân : 22", 22, "Cá nhân", None)]),
    ("Huyện Ba Vì: 04", [("04", 4, "", None)]),            # a name, not a counted noun, labels it
])
def test_a_counted_noun_labelling_a_count(text, expected):
    assert triples(text) == expected


def test_a_number_repeated_in_words_before_its_noun():
    assert triples("Ban hành kèm theo Quyết định này 02 (Hai) Quy trình nội bộ") == [
        ("02 (Hai) Quy trình", 2, "Quy trình", None)]


def test_a_count_label_after_an_enumerator_run_into_the_line():
    got = triples("Bằng khen của UBND Thành phố: 15 tập thể, 22 cá nhân a) Tập thể: 15")
    assert [t for t, *_ in got] == ["15 tập thể", "22 cá nhân", "Tập thể: 15"]


@pytest.mark.parametrize("line", ["DANH MỤC 01 QUY TRÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
                                  "01 QUY TRÌNH NỘI BỘ", "DANH SÁCH 16 TẬP THỂ ĐƯỢC TẶNG CỜ THI ĐUA"])
def test_counts_in_a_title_set_in_capitals_are_not_indicators(line):
    assert triples(line) == []


def test_a_table_row_in_capitals_keeps_its_figures():
    assert table_texts([["TT", "Nội dung", "Số lượng"], ["", "TỔNG CỘNG", "25"]]) == ["25"]


@pytest.mark.parametrize("line", [
    "Hiệu lực: Đã biết Tình trạng: Đã biết Cập nhật: 21/10/2025 208",
    "TP. HCM, ngày 31/05/2021 Thưa Quý khách, chúng tôi có 250 nhân sự làm việc tại nhà",
])
def test_web_page_counters_and_letters_to_readers(line):
    assert triples(line) == []


def test_a_count_label_is_not_taken_from_the_middle_of_a_long_line():
    line = "Theo báo cáo của các phòng ban chuyên môn thuộc Sở về Tập thể: 15"
    assert [u for _, _, u, _ in triples(line)] == [""]
