"""Section tree: the real corpus documents read end to end, plus focused cases.

The expected trees are written from reading the documents (ANNOTATION.md, sections);
dev documents are also compared with their gold files when those exist.
"""
from __future__ import annotations


import pytest

from evaluation.match import canon
from tests.conftest import DOCS, RENDERINGS, corpus_docs, extracted, split, gold as load_gold
from tests.segment.helpers import segment

# Per document: "level number" for every heading, in order.
TREES: dict[str, list[str]] = {
    "000_b2037343df6e8685": [
        "1 Phần thứ nhất", "2 I.", "3 1.", "3 2.", "2 II.", "3 1.", "4 1.1.", "4 1.2.", "4 1.3.", "4 1.4.",
        "3 2.", "3 3.", "4 3.1.", "4 3.2.", "4 3.3.", "4 3.4.", "3 4.", "3 5.", "3 6.", "2 III.", "3 1.",
        "3 2.", "2 IV.", "3 1.", "3 2.", "1 Phần thứ hai", "2 I.",
    ],
    "001_aa33862f6316ef22": [
        "1 I.", "2 1.", "2 2.", "3 2.1.", "3 2.2.", "3 2.3.", "3 2.4.", "3 2.5.", "3 2.5.", "2 3.", "2 4.",
        "3 a.", "3 b.", "3 c.", "1 II.", "2 1.", "2 2.",
    ],
    "003_9872598636d4699e": [
        "1 Phần thứ nhất", "2 I.", "3 1.", "3 2.", "2 II.", "3 1.", "4 1.1.",
        "5 a)", "5 b)", "5 c)", "5 d)", "5 đ)", "5 e)", "4 1.2.", "5 a)", "5 b)", "5 c)", "5 d)",
        "4 1.3.", "5 a)", "5 b)", "4 1.4.", "5 a)", "5 b)", "4 1.5.", "3 2.", "4 2.1.", "4 2.2.", "4 2.3.",
        "4 2.4.", "3 3.", "2 III.", "3 1.", "3 2.", "4 2.1.", "4 2.2.", "4 2.3.", "4 2.4.", "4 2.5.", "4 2.6.",
        "2 IV.", "3 1.", "3 2.", "2 V.", "3 1.", "3 2.", "2 VI.", "3 1.", "3 2.", "1 Phần thứ hai", "2 I.",
        "2 II.",
    ],
    # The launch letter and the news articles have no headings: `Thứ nhất:` points and
    # numbered task sentences are not sections.
    "002_2f85404dcafad22e": [],
    "004_047c2302e93f662e": [],
    "h01_bacgiang_giaoduc_dhtdyn": [],
    "h03_bacgiang_sogddt_huanchuong": [],
    "h06_nhnn_khoithidua6_bav": [],
    "h08_hiephoa_khenthuong_hsg": [],
    "h10_bacninh_tongket_namhoc": [],
}

# A few titles per document, checked exactly (markup removed, colon dropped, lines joined).
TITLES: dict[str, dict[int, str]] = {
    "000_b2037343df6e8685": {
        0: "TÌNH HÌNH THỰC HIỆN CÔNG TÁC THI ĐUA - KHEN THƯỞNG NĂM 2021",
        6: "Phong trào “Toàn dân chung sức thi đua phòng, chống và chiến thắng đại dịch Covid-19”",
        25: "NHIỆM VỤ TRỌNG TÂM VÀ CÁC GIẢI PHÁP THỰC HIỆN NĂM 2022",
    },
    "001_aa33862f6316ef22": {6: "Phong trào thi đua trong xây dựng nông thôn mới", 11: "Kết quả đạt được"},
    "003_9872598636d4699e": {
        0: "KẾT QUẢ TỔ CHỨC TRIỂN KHAI THỰC HIỆN PHONG TRÀO THI ĐUA, CÔNG TÁC KHEN THƯỞNG NĂM 2023",
        1: "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        22: "Quốc phòng",
        23: "An ninh",
        35: "Xã Lâm Ca",
    },
}


def _doc(stem: str) -> str:
    return str(DOCS / f"{stem}.txt")


@pytest.mark.parametrize("stem", sorted(TREES))
def test_section_tree(stem: str) -> None:
    record = extracted(_doc(stem))
    assert [f"{s.level} {s.number}" for s in record.sections] == TREES[stem]
    for i, title in TITLES.get(stem, {}).items():
        assert record.sections[i].title == title


@pytest.mark.parametrize("stem", split("dev"))
def test_dev_gold_sections(stem: str) -> None:
    """Dev documents against their hand labels (only the dev part is read here)."""
    gold = load_gold(stem)["sections"]
    record = extracted(_doc(stem))
    got = [(canon(s.number), canon(s.title), s.level) for s in record.sections]
    assert got == [(canon(g["number"]), canon(g["title"]), g["level"]) for g in gold]


@pytest.mark.parametrize("path", corpus_docs(), ids=lambda p: p.stem)
def test_section_structure(path) -> None:
    """Ids in order, parents precede children at a higher level, extents nest, spans slice."""
    record = extracted(str(path))
    by_id = {s.id: s for s in record.sections}
    for n, s in enumerate(record.sections, start=1):
        assert s.id == f"s{n}"
        assert s.heading.text == record.text[s.heading.start:s.heading.end]
        assert s.start == s.heading.start < s.heading.end <= s.end
        if s.parent:
            parent = by_id[s.parent]
            # one level up, or more where a decimal number between was content (`2.` > `2.2.1.`)
            assert parent.level < s.level
            assert parent.start < s.start and s.end <= parent.end
        else:
            assert s.level == 1


def test_seed_001_duplicate_number_recorded() -> None:
    record = extracted(_doc("001_aa33862f6316ef22"))
    fives = [s for s in record.sections if s.number == "2.5."]
    assert len(fives) == 2
    assert fives[1].issues == ["duplicate_number"] and not fives[0].issues


def test_seed_003_inline_headings() -> None:
    record = extracted(_doc("003_9872598636d4699e"))
    inline = [s for s in record.sections if s.inline]
    assert [(s.number, s.title) for s in inline] == [("a)", "Quốc phòng"), ("b)", "An ninh")]
    # The heading span covers the number and title only, the sentence after is body.
    assert inline[0].heading.text.rstrip("*").endswith("Quốc phòng:")


def test_seed_000_task_list_is_not_headings() -> None:
    record = extracted(_doc("000_b2037343df6e8685"))
    last = record.sections[-1]
    assert (last.number, last.title) == ("I.", "NHIỆM VỤ TRỌNG TÂM")
    assert not any(s.title.startswith("Tiếp tục thực hiện có hiệu quả") for s in record.sections)


def test_section_extent_stops_before_signature() -> None:
    record = extracted(_doc("000_b2037343df6e8685"))
    distribution = next(p for p in record.parts if p.kind.value == "distribution")
    assert record.sections[-1].end == distribution.start
    assert record.sections[0].end == record.sections[-2].start  # Phần thứ nhất ends at Phần thứ hai


# --- same seed, other formats ------------------------------------------------------------

RENDERED = sorted(p for p in RENDERINGS.glob("*") if p.suffix in {".docx", ".pdf", ".doc"}) \
    if RENDERINGS.exists() else []


@pytest.mark.parametrize("path", RENDERED, ids=lambda p: p.name)
def test_rendering_gives_same_tree_and_metadata(path) -> None:
    from extractor.errors import ExtractionError
    from extractor.gold import to_gold

    stem = path.stem.removesuffix("_tcvn3")
    try:
        rendered = to_gold(extracted(str(path)))
    except ExtractionError as exc:  # e.g. .doc without LibreOffice on this machine
        pytest.skip(exc.user_message())
    original = to_gold(extracted(_doc(stem)))
    assert rendered["sections"] == original["sections"]
    assert rendered["metadata"] == original["metadata"]


# --- focused cases ------------------------------------------------------------------------

def _tree(text: str) -> list[tuple[str, str, int]]:
    return [(s.number, s.title, s.level) for s in segment(text).sections]


def test_levels_follow_the_documents_own_nesting() -> None:
    text = "BÁO CÁO\nTổng kết năm 2023\nI. KẾT QUẢ\na) Kinh tế\nNội dung.\nb) Xã hội\nNội dung.\nII. NHIỆM VỤ\nNội dung."
    assert _tree(text) == [("I.", "KẾT QUẢ", 1), ("a)", "Kinh tế", 2), ("b)", "Xã hội", 2), ("II.", "NHIỆM VỤ", 1)]


def test_phan_with_roman_number_and_title_on_same_line() -> None:
    text = "BÁO CÁO\nTổng kết năm 2023\nPhần I: KẾT QUẢ NĂM 2023\n1. Công tác chỉ đạo\nNội dung.\nPhần II. NHIỆM VỤ\nNội dung."
    assert _tree(text) == [("Phần I", "KẾT QUẢ NĂM 2023", 1), ("1.", "Công tác chỉ đạo", 2),
                           ("Phần II.", "NHIỆM VỤ", 1)]


def test_points_bullets_and_task_sentences_are_not_headings() -> None:
    text = (
        "BÁO CÁO\nTổng kết năm 2023\nI. NHIỆM VỤ\n"
        "Thứ nhất: Đẩy mạnh phong trào thi đua yêu nước trong toàn huyện.\n"
        "- Về trồng trọt: diện tích gieo trồng đạt kế hoạch.\n"
        "1. Tiếp tục quán triệt sâu sắc tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh trong toàn huyện.\n"
        "2. Đổi mới nội dung, hình thức thi đua, nâng cao chất lượng các phong trào thi đua ở cơ sở.\n"
        "3. Kịp thời phát hiện, biểu dương, khen thưởng các nhân tố điển hình tiên tiến trong phong trào.\n"
    )
    assert _tree(text) == [("I.", "NHIỆM VỤ", 1)]


def test_restarted_numbers_separate_headings_from_a_task_list() -> None:
    text = (
        "BÁO CÁO\nSơ kết 6 tháng đầu năm 2020\nII. NHIỆM VỤ\n1. Mục tiêu, nhiệm vụ trọng tâm\n- Đẩy mạnh.\n"
        "2. Giải pháp thực hiện\n"
        "1. Tiếp tục quán triệt sâu sắc tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh trong toàn huyện.\n"
        "2. Tập trung đẩy mạnh các phong trào thi đua yêu nước, nhất là phong trào xây dựng nông thôn mới.\n"
    )
    assert _tree(text) == [("II.", "NHIỆM VỤ", 1), ("1.", "Mục tiêu, nhiệm vụ trọng tâm", 2),
                           ("2.", "Giải pháp thực hiện", 2)]


def test_title_over_two_lines_and_trailing_colon() -> None:
    text = ("BÁO CÁO\nTổng kết năm 2023\nI. KẾT QUẢ TỔ CHỨC THỰC HIỆN PHONG TRÀO\nTHI ĐUA NĂM 2023\n"
            "1. Kết quả công tác xây dựng nông thôn mới của\ncác xã trong cụm:\nNội dung.")
    assert _tree(text) == [("I.", "KẾT QUẢ TỔ CHỨC THỰC HIỆN PHONG TRÀO THI ĐUA NĂM 2023", 1),
                           ("1.", "Kết quả công tác xây dựng nông thôn mới của các xã trong cụm", 2)]


def test_skipped_number_is_tolerated_and_recorded() -> None:
    text = "BÁO CÁO\nTổng kết năm 2023\nI. MỘT\nNội dung.\nIII. BA\nNội dung."
    record = segment(text)
    assert [(s.number, s.issues) for s in record.sections] == [("I.", []), ("III.", ["skipped_number"])]


def test_title_block_kinh_gui_and_signature_are_not_sections() -> None:
    text = ("Số: 12/BC-UBND\nBÁO CÁO\nTổng kết năm 2023\nKính gửi: Ban Thi đua - Khen thưởng tỉnh\n"
            "I. KẾT QUẢ\nNội dung.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An")
    record = segment(text)
    assert [(s.number, s.title) for s in record.sections] == [("I.", "KẾT QUẢ")]
    assert [p.kind.value for p in record.parts] == ["title_block", "recipients", "distribution", "signature"]
    assert record.sections[0].end == next(p.start for p in record.parts if p.kind.value == "distribution")


def test_capitals_title_run_into_the_next_paragraph() -> None:
    # A reader that joined the heading with the paragraph after it must not lose the heading.
    text = ("BÁO CÁO\nTổng kết năm 2021\nPhần thứ hai\n"
            "NHIỆM VỤ TRỌNG TÂM NĂM 2022 Để phát huy những kết quả đã đạt được, các huyện quyết tâm thực hiện.\n"
            "I. NHIỆM VỤ\nNội dung.")
    record = segment(text)
    assert [(s.number, s.title, s.level) for s in record.sections] == [
        ("Phần thứ hai", "NHIỆM VỤ TRỌNG TÂM NĂM 2022", 1), ("I.", "NHIỆM VỤ", 2)]
    assert record.sections[0].heading.text.endswith("NĂM 2022")


def test_division_title_below_its_number_is_not_an_attachment_title() -> None:
    # `Chương I` on its line, its capitalised title below: the title (`QUY ĐỊNH …`, a word
    # that also opens an attached regulation's title) belongs to the chapter.
    text = ("QUYẾT ĐỊNH\nBan hành quy chế\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\nGIÁM ĐỐC\nNguyễn Văn A\n"
            "QUY CHẾ\n(Ban hành kèm theo Quyết định số 12/QĐ-UBND)\nChương I\nQUY ĐỊNH CHUNG\n"
            "Điều 1. Phạm vi điều chỉnh\nNội dung.\nChương II\nQUY ĐỊNH CỤ THỂ\nĐiều 2. Tiêu chuẩn\nNội dung.")
    assert _tree(text) == [("Chương I", "QUY ĐỊNH CHUNG", 1), ("Điều 1.", "Phạm vi điều chỉnh", 2),
                           ("Chương II", "QUY ĐỊNH CỤ THỂ", 1), ("Điều 2.", "Tiêu chuẩn", 2)]


def test_numbered_sentence_among_form_headings_is_a_list_item() -> None:
    # A form's headings: a title with a closing note is a heading (its stop dropped); the
    # numbered sentence beside them is content.
    text = ("BÁO CÁO THÀNH TÍCH\nI. SƠ LƯỢC LÝ LỊCH\n- Họ tên:\nII. THÀNH TÍCH ĐẠT ĐƯỢC\n"
            "1. Nhiệm vụ được giao:\n2. Thành tích đạt được của cá nhân (nêu rõ kết quả đạt được trong năm).\n"
            "3. Cá nhân cam kết không bị xử lý kỷ luật hoặc bị truy cứu trách nhiệm hình sự.\n")
    assert _tree(text) == [("I.", "SƠ LƯỢC LÝ LỊCH", 1), ("II.", "THÀNH TÍCH ĐẠT ĐƯỢC", 1),
                           ("1.", "Nhiệm vụ được giao", 2), ("2.", "Thành tích đạt được của cá nhân "
                                                          "(nêu rõ kết quả đạt được trong năm)", 2)]


def test_short_title_beside_one_rule_sentence_is_a_heading() -> None:
    text = ("QUY CHẾ\nXét tặng danh hiệu\nĐiều 5. Quy trình xét tặng\n"
            "1. Các sở, ban, ngành và Ủy ban nhân dân các xã lựa chọn, đề nghị cá nhân tiêu biểu theo quy định.\n"
            "2. Sở Nội vụ:\na) Thẩm định hồ sơ, điều kiện, tiêu chuẩn theo quy định của pháp luật hiện hành;\n"
            "b) Tổng hợp, trình Chủ tịch Ủy ban nhân dân tỉnh quyết định khen thưởng theo quy định.\n")
    assert _tree(text) == [("Điều 5.", "Quy trình xét tặng", 1), ("2.", "Sở Nội vụ", 2)]


def _original_tree(name: str) -> tuple[list[tuple], list[tuple]]:
    from pathlib import Path

    from extractor.ingest import read_document
    from extractor.segment.layout import analyse
    from extractor.segment.sections import build_tree, candidates

    path = Path(__file__).resolve().parents[2] / "corpora" / "originals" / name
    doc = read_document(path.read_bytes(), path.name)
    layout = analyse(doc)
    got = [(s.level, s.number, s.title) for s in build_tree(doc, layout, candidates(layout))]
    return got, [(s["level"], s["number"], s["title"]) for s in load_gold(path.stem)["sections"]]


@pytest.mark.parametrize("name", ["a05_byt_qd_quytrinh_tthc_tdkt.md", "a08_vspgas_danhmuc_danhhieu_khenthuong.aspx"])
def test_corpus2_original_gives_the_gold_tree(name: str) -> None:
    """a05: a decision, its DANH MỤC of procedures (A./B. over I./1.) and attached forms, each
    under its own issuer | motto header, whose numbered fields are not headings. a08: a web
    page whose table captions (`Danh hiệu thi đua:`) are unnumbered headings."""
    got, want = _original_tree(name)
    assert got == want


def test_corpus2_regulation_with_a_form_finds_every_gold_heading() -> None:
    """a03: a regulation saved as Markdown with an attached form: Chương/Điều/khoản of the rule,
    then the form's own `I.`/`1.` headings under its capitalised title block. (One extra: the
    point `2. Tận tụy, …, tiêu biểu cho tinh thần: Cần - Kiệm - Liêm …` reads as `Label: content`.)"""
    got, want = _original_tree("a03_hanoi_qd_quyche_cdtdut.md")
    assert [g for g in got if g in want] == want and len(got) - len(want) <= 1


def test_short_label_ending_in_a_colon_heads_its_tasks_among_rule_sentences() -> None:
    text = ("QUY CHẾ\nXét tặng danh hiệu\nĐiều 6. Quy trình xét tặng\n"
            "a) Các sở, ban, ngành; Ủy ban nhân dân các xã, phường xét, trình Ủy ban nhân dân thành phố.\n"
            "b) Các cơ quan Trung ương có văn bản đề nghị Ủy ban nhân dân thành phố xem xét.\n"
            "c) Sở Nội vụ thành phố:\nTiếp nhận hồ sơ, thẩm định, xin ý kiến các cơ quan liên quan.\n"
            "d) Trong trường hợp đặc biệt, Sở Nội vụ thực hiện quy trình rút gọn theo chỉ đạo.\n")
    assert _tree(text) == [("Điều 6.", "Quy trình xét tặng", 1), ("c)", "Sở Nội vụ thành phố", 2)]


def test_enumerated_documents_with_a_short_closing_qualifier_are_list_items() -> None:
    text = ("QUY CHẾ\nXét tặng danh hiệu\nĐiều 7. Hồ sơ đề nghị xét tặng\n"
            "1. Tờ trình, văn bản đề nghị của địa phương, cơ quan, đơn vị (theo Phụ lục I).\n"
            "2. Báo cáo tóm tắt thành tích do cá nhân lập có xác nhận của cơ quan, đơn vị trình.\n"
            "3. Các hồ sơ minh chứng có liên quan (nếu có).\n")
    assert _tree(text) == [("Điều 7.", "Hồ sơ đề nghị xét tặng", 1)]


def test_sentence_case_annex_label_opens_an_attached_form_with_its_own_tree() -> None:
    text = ("QUYẾT ĐỊNH\nBan hành quy chế\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\nNơi nhận:\n- Như Điều 2;\nGIÁM ĐỐC\nNguyễn Văn A\n"
            "Phụ lục I\n(Kèm theo Quyết định số 12/QĐ-UBND ngày 01 tháng 02 năm 2025)\n"
            "BÁO CÁO\nThành tích đề nghị xét tặng\nI. SƠ LƯỢC TIỂU SỬ\n- Họ và tên:\nII. THÀNH TÍCH ĐÓNG GÓP\n- Nêu rõ.\n"
            "Phụ lục II\n(Kèm theo Quyết định số 12/QĐ-UBND ngày 01 tháng 02 năm 2025)\n"
            "BÁO CÁO TÓM TẮT\nI. SƠ LƯỢC TIỂU SỬ\n- Họ và tên:\n")
    assert _tree(text) == [("I.", "SƠ LƯỢC TIỂU SỬ", 1), ("II.", "THÀNH TÍCH ĐÓNG GÓP", 1),
                           ("I.", "SƠ LƯỢC TIỂU SỬ", 1)]


def test_capital_letter_parts_over_roman_headings() -> None:
    text = ("QUY TRÌNH\nGiải quyết thủ tục\nA. DANH MỤC QUY TRÌNH\nNội dung.\nB. NỘI DUNG QUY TRÌNH\n"
            "I. Quy trình: QT.01\n1. Tên quy trình: Xét tặng giải thưởng\n2. Nội dung của quy trình:\nNội dung.\n"
            "C. PHỤ LỤC BIỂU MẪU\nNội dung.\n")
    assert _tree(text) == [("A.", "DANH MỤC QUY TRÌNH", 1), ("B.", "NỘI DUNG QUY TRÌNH", 1),
                           ("I.", "Quy trình: QT.01", 2), ("1.", "Tên quy trình", 3), ("2.", "Nội dung của quy trình", 3),
                           ("C.", "PHỤ LỤC BIỂU MẪU", 1)]


def test_numbered_form_fields_with_blanks_are_not_headings() -> None:
    text = ("BÁO CÁO THÀNH TÍCH\nĐề nghị xét tặng giải thưởng\nI. Tiểu sử bản thân:\n"
            "1. Họ và tên:………………………… Giới tính:…………\n2. Ngày tháng năm sinh:……………… Dân tộc:………\n"
            "3. Học hàm, học vị:…………………………\nII. Quá trình công tác:\n(Ghi rõ quá trình công tác.)\n"
            "III. Biên bản\n1. Đ/c Chủ tịch Hội đồng\n2. Đ/c Thư ký Hội đồng\n3. Các ủy viên Hội đồng:\n"
            "…………………………………………\n4. Tổng số thành viên Hội đồng xét tặng theo Quyết định ... người.\n"
            "5. Số thành viên Hội đồng tham gia họp ... người.\n"
            "6. Số thành viên Hội đồng vắng mặt.........người; lý do vắng..........\n")
    assert _tree(text) == [("I.", "Tiểu sử bản thân", 1), ("II.", "Quá trình công tác", 1), ("III.", "Biên bản", 1)]


def test_capital_letter_parts_with_short_sentence_case_titles() -> None:
    # A unit's assignment of tasks: `A. Phân công nhiệm vụ:` over one numbered entry per person.
    text = ("QUYẾT ĐỊNH\nPhân công nhiệm vụ\nA. Phân công nhiệm vụ:\n1. Ông Nguyễn Văn A - Trưởng phòng\n"
            "- Phụ trách chung.\n2. Bà Trần Thị B - Chuyên viên\n- Theo dõi hồ sơ.\nB. Tổ chức thực hiện:\nNội dung.")
    assert _tree(text) == [("A.", "Phân công nhiệm vụ", 1), ("1.", "Ông Nguyễn Văn A - Trưởng phòng", 2),
                           ("2.", "Bà Trần Thị B - Chuyên viên", 2), ("B.", "Tổ chức thực hiện", 1)]


def test_unnumbered_labels_over_a_table_or_in_capitals_are_headings() -> None:
    from extractor.model import Block, BlockKind
    from extractor.segment.layout import analyse
    from extractor.segment.sections import build_tree, candidates
    from tests.segment.helpers import plain_document

    text = ("BIÊN BẢN\nHọp Hội đồng\nThành phần: các thành viên Hội đồng.\nNỘI DUNG:\n"
            "Hội đồng đã xét các hồ sơ.\nQUYẾT ĐỊNH:\nGhi chú:\n- Nội dung ghi chú.\nDanh hiệu thi đua:\n"
            "Năm | Danh hiệu\n2020 | Tập thể Lao động xuất sắc")
    doc = plain_document(text)
    doc.blocks = [Block(kind=BlockKind.table_row if "|" in doc.text[b.start:b.end] else b.kind, start=b.start,
                        end=b.end, paragraph=b.paragraph) for b in doc.blocks]
    layout = analyse(doc)
    got = [(s.number, s.title, s.level) for s in build_tree(doc, layout, candidates(layout))]
    assert got == [(None, "NỘI DUNG", 1), (None, "Danh hiệu thi đua", 2)]


def test_lead_in_sentences_and_labelled_points_in_a_regulation() -> None:
    # `… đạt một trong các tiêu chuẩn sau:` announces a list: content. A `Label: content`
    # point and a scope label (`Đối với …:`) are headings even among rule sentences.
    text = ("QUY ĐỊNH\nTiêu chuẩn thi đua\nĐiều 4. Giấy khen\n"
            "1.1. Giấy khen để tặng cho cá nhân đạt một trong các tiêu chuẩn sau:\n- Có thành tích xuất sắc.\n"
            "1.2. Giấy khen để tặng cho tập thể đạt một trong các tiêu chuẩn sau:\n- Có thành tích xuất sắc.\n"
            "1.3. Số lượng khen thưởng: do Hội đồng Thi đua, khen thưởng cùng cấp xem xét, quyết định.\n"
            "Điều 5. Bằng khen\n1. Bằng khen để tặng cho cá nhân gương mẫu chấp hành tốt chủ trương, chính sách.\n"
            "2. Đối với thủ trưởng các sở, ban, ngành, đoàn thể tỉnh, Ủy ban nhân dân các huyện, thành phố: "
            "02 năm liên tục hoàn thành xuất sắc nhiệm vụ.\n"
            "3. Không xem xét khen thưởng đối với cá nhân là lãnh đạo mà đơn vị bị phê bình bằng văn bản.\n")
    assert _tree(text) == [
        ("Điều 4.", "Giấy khen", 1), ("1.3.", "Số lượng khen thưởng", 2), ("Điều 5.", "Bằng khen", 1),
        ("2.", "Đối với thủ trưởng các sở, ban, ngành, đoàn thể tỉnh, Ủy ban nhân dân các huyện, thành phố", 2)]


def test_short_title_over_its_text_is_a_heading_among_rule_sentences() -> None:
    text = ("QUY CHẾ\nThi đua khen thưởng\nĐiều 10. Thẩm quyền\n1. Ban Thường vụ Tỉnh ủy\n"
            "Xem xét, cho ý kiến trước khi trình Thủ tướng Chính phủ.\n"
            "2. Chủ tịch Ủy ban nhân dân tỉnh quyết định tặng thưởng Cờ thi đua của Ủy ban nhân dân tỉnh.\n"
            "3. Sở Nội vụ\na) Thẩm tra hồ sơ, trình Ủy ban nhân dân tỉnh các trường hợp đề nghị khen thưởng.\n"
            "4. Chủ tịch Ủy ban nhân dân cấp huyện quyết định công nhận sáng kiến cấp cơ sở.\n")
    assert _tree(text) == [("Điều 10.", "Thẩm quyền", 1), ("1.", "Ban Thường vụ Tỉnh ủy", 2), ("3.", "Sở Nội vụ", 2)]


def test_clauses_of_a_list_are_not_headings() -> None:
    # Conditions ending `;`, a label stopping on a preposition (`… về:`), an article's
    # sentence over its list and a clause ending in a comma are content, short or not.
    text = ("QUYẾT ĐỊNH\nVề việc khen thưởng\nĐiều 1. Thưởng cho 03 cá nhân thuộc Tập đoàn được tặng thưởng "
            "Huân chương Lao động hạng Nhì:\n- Ông Nguyễn Văn A.\nĐiều 2. Tặng Cờ thi đua cho 12 đơn vị thuộc Tập đoàn,\n"
            "là đơn vị dẫn đầu phong trào thi đua năm 2020.\n"
            "Điều 3. Điều kiện\n3. Khung tiêu chuẩn xét tặng thực hiện theo quy định tại Phụ lục III kèm theo.\n"
            "4. Thành viên trong gia đình vi phạm một trong các trường hợp sau thì không xét tặng:\n"
            "a) Bị truy cứu trách nhiệm hình sự;\nb) Không hoàn thành nghĩa vụ quân sự;\n"
            "c) Bị xử phạt vi phạm hành chính về: Hành vi tảo hôn, tổ chức tảo hôn.\n")
    assert _tree(text) == [("Điều 3.", "Điều kiện", 1)]


def test_decimal_depth_kept_under_a_lead_in_and_a_roman_number_with_a_dash() -> None:
    text = ("QUY ĐỊNH\nTiêu chuẩn thi đua\nĐiều 3. Danh hiệu tập thể\n2. Tập thể lao động xuất sắc\n"
            "2.1. Đối tượng xét tặng: các tập thể đạt danh hiệu tập thể lao động tiên tiến trong năm.\n"
            "2.2. Danh hiệu được xét tặng cho tập thể đạt các tiêu chuẩn sau:\n"
            "2.2.1. Tiêu chuẩn 1: Sáng tạo vượt qua khó khăn, hoàn thành xuất sắc nhiệm vụ;\n"
            "2.2.2. Tiêu chuẩn 2: Có phong trào thi đua thường xuyên, thiết thực và hiệu quả;\n")
    assert _tree(text) == [("Điều 3.", "Danh hiệu tập thể", 1), ("2.", "Tập thể lao động xuất sắc", 2),
                           ("2.1.", "Đối tượng xét tặng", 3), ("2.2.1.", "Tiêu chuẩn 1", 4), ("2.2.2.", "Tiêu chuẩn 2", 4)]
    text = "BÁO CÁO THÀNH TÍCH\nI. SƠ LƯỢC LÝ LỊCH:\nNội dung.\nII- TÓM TẮT QUÁ TRÌNH CÔNG TÁC:\nNội dung.\nV- nội dung"
    assert _tree(text) == [("I.", "SƠ LƯỢC LÝ LỊCH", 1), ("II-", "TÓM TẮT QUÁ TRÌNH CÔNG TÁC", 1)]


def test_label_length_leaves_out_its_bracketed_note() -> None:
    text = ("THÔNG TƯ\nHướng dẫn thi đua\nĐiều 9. Hình thức khen thưởng\n"
            "1. Danh hiệu thi đua của Bộ gồm Cờ thi đua, Chiến sỹ thi đua và Tập thể lao động xuất sắc.\n"
            "2. Hình thức khen thưởng của Bộ Ngoại giao (gọi chung là khen thưởng cấp Bộ): Bằng khen của Bộ trưởng.\n"
            "3. Tập thể, cá nhân được khen thưởng được nhận tiền thưởng theo quy định hiện hành.\n"
            "Điều 10. Thẩm quyền\n5. Ban Thường vụ Huyện ủy (Thị ủy, Thành ủy)\nXét, cho ý kiến trước khi trình khen thưởng.\n"
            "6. Chủ tịch Ủy ban nhân dân cấp huyện quyết định tặng Giấy khen cho tập thể, cá nhân.\n")
    assert _tree(text) == [("Điều 9.", "Hình thức khen thưởng", 1),
                           ("2.", "Hình thức khen thưởng của Bộ Ngoại giao (gọi chung là khen thưởng cấp Bộ)", 2),
                           ("Điều 10.", "Thẩm quyền", 1), ("5.", "Ban Thường vụ Huyện ủy (Thị ủy, Thành ủy)", 2)]


def test_inline_label_may_quote_the_title_it_concerns() -> None:
    text = ("QUY ĐỊNH\nTiêu chuẩn thi đua\nĐiều 3. Danh hiệu tập thể\n"
            "2.1. Đối tượng xét tặng danh hiệu “Tập thể lao động xuất sắc”: các tập thể đạt danh hiệu tiên tiến.\n"
            "2.2. Danh hiệu được xét tặng cho tập thể đạt các tiêu chuẩn sau:\n- Hoàn thành xuất sắc nhiệm vụ.\n")
    assert _tree(text) == [("Điều 3.", "Danh hiệu tập thể", 1),
                           ("2.1.", "Đối tượng xét tặng danh hiệu “Tập thể lao động xuất sắc”", 2)]
