"""Header and closing shapes met in forms, statistical sheets, annexed regulations and
scans: a form's label in the header corner, a blank place-date line, a capitalised title
with no kind word, the signer's office printed beside `Nơi nhận`, names with short
syllables, OCR scraps around a signature, annexes titled in sentence case, and sheets.
Composed documents, each stating the general pattern it checks."""
from __future__ import annotations

import io

from openpyxl import Workbook

from extractor.pipeline import extract_bytes
from extractor.segment.cues import is_name
from tests.segment.helpers import segment


def test_form_label_and_blank_date_stay_in_the_header() -> None:
    rec = segment(
        "Mẫu số 05\n"
        "CƠ QUAN CẤP TRÊN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
        "| Huyện (thị xã), ngày …. tháng … năm …..\n"
        "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU …………\n"
        "Ghi tên tập thể hoặc cá nhân được đề nghị (viết đầy đủ, không viết tắt)\n"
        "I. THÔNG TIN CHUNG\n"
        "- Đối với tập thể: trụ sở, số cán bộ.\n")
    meta = rec.metadata
    assert meta.doc_type.value == "bao_cao_thanh_tich"
    assert meta.title == "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU"  # the blank to fill is not part of it
    assert meta.issuer is None  # `CƠ QUAN CẤP TRÊN` is a placeholder of the blank form
    assert [s.number for s in rec.sections] == ["I."]


def test_table_heading_under_issuer_and_form_label_is_the_title() -> None:
    rec = segment(
        "HUYỆN NAM ĐÀN Biểu mẫu số 02\n"
        "BẢNG THỐNG KÊ DANH HIỆU THI ĐUA NĂM 2023\n"
        "Nội dung | Số tập thể | Số cá nhân\n"
        "Lao động tiên tiến | 12 | 140\n"
        "CHỦ TỊCH\n"
        "Hoàng Văn Bình\n")
    meta = rec.metadata
    assert meta.title == "BẢNG THỐNG KÊ DANH HIỆU THI ĐUA NĂM 2023"
    assert meta.issuer == "Huyện Nam Đàn"
    assert meta.doc_type.value == "khac"
    assert (meta.signer.name, meta.signer.title) == ("Hoàng Văn Bình", "Chủ tịch")


def test_capitalised_title_after_the_date_line_with_no_kind_word() -> None:
    rec = segment(
        "UBND HUYỆN KỲ SƠN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "PHÒNG Y TẾ | Độc lập - Tự do - Hạnh phúc Nghệ An, ngày 15 tháng 3 năm 2022\n"
        "LỊCH TRỰC VÀ PHÂN CÔNG\n"
        "CÁN BỘ KHOA DƯỢC QUÝ II\n"
        "Căn cứ nhiệm vụ được giao, Khoa phân công như sau:\n"
        "1. Bà Trần Thị Lan: trực thứ Hai.\n")
    meta = rec.metadata
    assert meta.title == "LỊCH TRỰC VÀ PHÂN CÔNG CÁN BỘ KHOA DƯỢC QUÝ II"
    assert (meta.issuer, meta.parent_issuer) == ("Phòng Y tế", "UBND huyện Kỳ Sơn")
    assert meta.date == "2022-03-15"


def test_office_printed_beside_the_distribution_label() -> None:
    rec = segment(
        "PHÒNG GIÁO DỤC | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/TB-PGD | Độc lập - Tự do - Hạnh phúc\n"
        "THÔNG BÁO\n"
        "Kết quả xét duyệt sáng kiến năm học\n"
        "Phòng thông báo kết quả để các trường biết./.\n"
        "Nơi nhận: TRƯỞNG PHÒNG\n"
        "- Các trường;\n"
        "- Lưu: VT.\n"
        "Lê Văn Hà\n")
    signer = rec.metadata.signer
    assert (signer.name, signer.title) == ("Lê Văn Hà", "Trưởng phòng")
    assert rec.metadata.spans["signer.title"].text == "TRƯỞNG PHÒNG"


def test_a_known_surname_before_short_syllables_is_a_name() -> None:
    assert is_name("Lê Văn Hà") and is_name("Vũ Thị Mơ")
    assert not is_name("Xa Lộ Hà")  # no known surname, no two long words


def test_signature_read_through_scan_scraps() -> None:
    rec = segment(
        "SỞ NỘI VỤ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 40/TTr-SNV | Độc lập - Tự do - Hạnh phúc\n"
        "TỜ TRÌNH\n"
        "V/v đề nghị tặng Bằng khen\n"
        "Sở Nội vụ kính trình Chủ tịch UBND tỉnh xem xét./.\n"
        "Nơi nhận:\n"
        "- Như trên;\n"
        "- Lưu: VT.\n"
        "~ PHÓ GIÁM ĐÓC\n"
        "k7 Ư\n"
        "_ | “ơ ⁄ .: “/\n"
        "Ỡ\n"  # one letter of the seal's rim is no office
        "__.. Đinh Công Lực\n")
    signer = rec.metadata.signer
    assert signer.name == "Đinh Công Lực"
    assert signer.title == "Phó Giám đốc"  # the office title as the lexicon spells it
    assert rec.metadata.spans["signer.name"].text == "Đinh Công Lực"


def test_annexes_titled_in_sentence_case_end_the_main_document() -> None:
    rec = segment(
        "HỘI ĐỒNG NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH BẾN TRE | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 05/2024/NQ-HĐND | Bến Tre, ngày 2 tháng 7 năm 2024\n"
        "NGHỊ QUYẾT\n"
        "Quy định mức thưởng danh hiệu thi đua\n"
        "Điều 1. Phạm vi điều chỉnh\n"
        "Nghị quyết này quy định mức thưởng.\n"
        "Nơi nhận:\n"
        "- Như Điều 1;\n"
        "CHỦ TỊCH\n"
        "Võ Thành Hạo\n"
        "Phụ lục 1 (Kèm theo Nghị quyết số 05/2024/NQ-HĐND ngày 2 tháng 7 năm 2024)\n"
        "MẪU TỜ TRÌNH ĐỀ NGHỊ\n"
        "Nơi nhận:\n"
        "- Lưu: VT.\n"
        "THỦ TRƯỞNG ĐƠN VỊ\n"
        "(Ký tên, đóng dấu)\n"
        "Phụ lục 2\n"
        "MẪU BÁO CÁO THÀNH TÍCH (Kèm theo Nghị quyết số 05/2024/NQ-HĐND)\n"
        "I. SƠ LƯỢC\n")
    signer = rec.metadata.signer
    assert (signer.name, signer.title) == ("Võ Thành Hạo", "Chủ tịch")


def test_catalogue_annex_ends_the_main_document() -> None:
    rec = segment(
        "BỘ XÂY DỰNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 77/QĐ-BXD | Hà Nội, ngày 3 tháng 2 năm 2025\n"
        "QUYẾT ĐỊNH\n"
        "Về việc công bố thủ tục hành chính\n"
        "Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục.\n"
        "Nơi nhận:\n"
        "- Như Điều 1;\n"
        "KT. BỘ TRƯỞNG\n"
        "THỨ TRƯỞNG\n"
        "Bùi Hồng Ân\n"
        "DANH MỤC\n"
        "THỦ TỤC HÀNH CHÍNH\n"
        "(Kèm theo Quyết định số 77/QĐ-BXD ngày 3 tháng 2 năm 2025)\n"
        "Nơi nhận: - Như trên;\n"
        "- Lưu.\n")
    signer = rec.metadata.signer
    assert (signer.name, signer.title, signer.capacity) == ("Bùi Hồng Ân", "Thứ trưởng", "KT. BỘ TRƯỞNG")


def _sheet(rows: list[list[str]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_sheets_title_row_is_its_title_kind_word_and_all() -> None:
    data = _sheet([["DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN"], ["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng"],
                   ["1", "Ông Phan Văn Long", "Tổ trưởng", "Giấy khen"]])
    meta = extract_bytes(data, "de_nghi.xlsx").metadata
    assert meta.doc_type.value == "danh_sach"
    assert meta.title == "DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN"


def test_a_nomination_sheet_with_no_title_row_is_a_list() -> None:
    data = _sheet([["STT", "Tên tập thể, cá nhân", "Đơn vị công tác", "Danh hiệu thi đua"],
                   ["1", "Tổ Văn phòng", "UBND xã", "Tập thể lao động tiên tiến"]])
    meta = extract_bytes(data, "mau.xlsx").metadata
    assert meta.doc_type.value == "danh_sach"
    assert meta.title is None  # a header row is no title


def test_scan_marks_lost_in_units_and_body_names_are_restored() -> None:
    from extractor.segment.casing import sentence_case

    # two-word units and body names compared without marks; one syllable never (BAN / bản)
    assert sentence_case("ỦY BAN NHÂN DÂN THỊ XÁ KỲ ANH") == "Ủy ban nhân dân thị xã Kỳ Anh"
    assert sentence_case("SỞ Y TÉ") == "Sở Y tế"
    assert sentence_case("BAN CHỈ ĐẠO") == "Ban chỉ đạo"
    assert sentence_case("THỨ TRƯỞNG") == "Thứ trưởng" and sentence_case("THỦ TRƯỞNG") == "Thủ trưởng"


def test_a_place_heading_the_issuer_line_keeps_its_capitals() -> None:
    from extractor.segment.casing import sentence_case

    assert sentence_case("HUYỆN TÂN KỲ") == "Huyện Tân Kỳ"
    assert sentence_case("HUYỆN ĐOÀN TÂN KỲ") == "Huyện đoàn Tân Kỳ"


def test_state_capital_line_finishes_the_issuer_above() -> None:
    rec = segment(
        "KIỂM TOÁN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "NHÀ NƯỚC | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 9/QĐ-KTNN | Hà Nội, ngày 4 tháng 1 năm 2024\n"
        "QUYẾT ĐỊNH\n"
        "Về việc tặng Giấy khen\n")
    assert rec.metadata.issuer == "Kiểm toán Nhà nước"
    assert rec.metadata.parent_issuer is None


def test_kind_word_after_a_scrap_of_the_scan() -> None:
    rec = segment(
        "UBND HUYỆN QUẾ SƠN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "PHÒNG NỘI VỤ | Độc lập - Tự do - Hạnh phúc\n"
        "~ BIÊN BẢN\n"
        "Họp xét sáng kiến cấp huyện\n"
        "Hôm nay, lúc 8 giờ, tại Phòng Nội vụ.\n")
    meta = rec.metadata
    assert meta.title == "Họp xét sáng kiến cấp huyện"
    assert meta.issuer == "Phòng Nội vụ"


def test_a_letters_subject_runs_on_to_kinh_gui() -> None:
    rec = segment(
        "UBND HUYỆN ĐÔ LƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "PHÒNG VĂN HÓA | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 71/PVH | Đô Lương, ngày 3 tháng 4 năm 2023\n"
        "V/v hướng dẫn chấm điểm thi đua; cập nhật\n"
        "Phần mềm; Thông tư 12/2019/TT-BNV.\n"
        "Kính gửi: Các xã, thị trấn.\n"
        "Thực hiện kế hoạch của huyện, Phòng hướng dẫn như sau.\n")
    assert rec.metadata.title == "hướng dẫn chấm điểm thi đua; cập nhật Phần mềm; Thông tư 12/2019/TT-BNV"


def test_office_line_interleaved_with_the_distribution_list() -> None:
    # a two-column closing read as one column: the acting office above Nơi nhận, the
    # e-office stamp and number between the list and the name
    rec = segment(
        "TỔNG CÔNG TY ĐIỆN LỰC | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 88/QĐ-EVN | Hà Nội, ngày 9 tháng 6 năm 2022\n"
        "QUYẾT ĐỊNH\n"
        "Về việc tặng Bằng khen\n"
        "Điều 1. Tặng Bằng khen cho 3 đơn vị.\n"
        "Q. TỔNG GIÁM ĐỐC\n"
        "Nơi nhận:\n"
        "Ký bởi: TỔNG CÔNG TY ĐIỆN\n"
        "LỰC MIỀN BẮC\n"
        "-Như điều 1;\n"
        "-Lưu: VT.\n"
        "Số EOF: 11223 / VBĐT\n"
        "Đặng Văn Khoa\n")
    signer = rec.metadata.signer
    assert (signer.name, signer.title, signer.capacity) == ("Đặng Văn Khoa", "Tổng Giám đốc", "Q. TỔNG GIÁM ĐỐC")


def test_capacity_office_and_name_on_one_line() -> None:
    rec = segment(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH HÀ GIANG | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 15/2022/QĐ-UBND | Hà Giang, ngày 1 tháng 8 năm 2022\n"
        "QUYẾT ĐỊNH\n"
        "Ban hành Quy chế thi đua\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế.\n"
        "Nơi nhận:\n"
        "- Như Điều 1;\n"
        "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn Sơn\n")
    signer = rec.metadata.signer
    assert (signer.name, signer.title, signer.capacity) == ("Nguyễn Văn Sơn", "Chủ tịch", "TM. ỦY BAN NHÂN DÂN")


def test_e_signing_stamp_over_the_header_is_skipped() -> None:
    # an e-office PDF's signing stamp, read out as text above the issuer (its time zone
    # broken onto a line of its own)
    rec = segment(
        "Ký bởi: Sở Văn hóa và Thể thao tỉnh Nghệ An Ngày ký: 14-03-2023 09:12:40\n"
        "+07:00\n"
        "UBND TỈNH NGHỆ AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ VĂN HÓA VÀ THỂ THAO Độc lập - Tự do - Hạnh phúc\n"
        "Số: 112/QĐ-SVHTT Nghệ An, ngày 14 tháng 3 năm 2023\n"
        "QUYẾT ĐỊNH\n"
        "Về việc khen thưởng các tập thể có thành tích trong Hội diễn năm 2022\n"
        "GIÁM ĐỐC SỞ VĂN HÓA VÀ THỂ THAO\n"
        "Điều 1. Tặng Giấy khen của Giám đốc Sở cho 03 tập thể.\n")
    meta = rec.metadata
    assert meta.doc_type.value == "quyet_dinh" and meta.number == "112/QĐ-SVHTT"
    assert meta.issuer == "Sở Văn hóa và Thể thao" and meta.date == "2023-03-14"
    assert meta.title.startswith("Về việc khen thưởng")


def test_unreadable_day_and_month_leave_the_place_and_no_date() -> None:
    # a scan's OCR turned the handwritten day and month into scraps: the place is still
    # read, the date is neither guessed nor called blank
    rec = segment(
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "HUYỆN THANH CHƯƠNG Độc lập - Tự do - Hạnh phúc\n"
        "Số: 415 /QĐ-UBND Thanh Chương, ngày ÐỸ tháng Ÿ năm 2022\n"
        "QUYẾT ĐỊNH\n"
        "Về việc công nhận danh hiệu Lao động tiên tiến năm 2022\n"
        "Điều 1. Công nhận danh hiệu Lao động tiên tiến cho 24 cá nhân.\n")
    meta = rec.metadata
    assert meta.place == "Thanh Chương"
    assert meta.date is None and meta.date_blank_parts == []


def test_telegram_addressing_line_is_not_the_subject() -> None:
    # a công điện: the capitalised subject, then `<SENDER> điện:` and the addressees
    rec = segment(
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\n"
        "Số: 07/CĐ-UBND\n"
        "Quảng Trị, ngày 02 tháng 10 năm 2024\n"
        "CÔNG ĐIỆN\n"
        "VỀ VIỆC TẬP TRUNG KHẮC PHỤC HẬU QUẢ MƯA LŨ VÀ ĐẨY MẠNH PHONG TRÀO THI ĐUA CUỐI NĂM\n"
        "CHỦ TỊCH UBND TỈNH điện:\n"
        "- Giám đốc các sở, ban, ngành;\n"
        "- Chủ tịch UBND các huyện, thị xã, thành phố.\n"
        "Để hoàn thành các chỉ tiêu năm 2024, Chủ tịch UBND tỉnh yêu cầu như sau:\n")
    assert rec.metadata.title.endswith("PHONG TRÀO THI ĐUA CUỐI NĂM")


def test_attached_list_groups_with_their_counts_are_headings() -> None:
    # a list grouped by award, then by district, each group line stating how many follow;
    # the count is no part of the heading's title, the numbered rows are data
    rec = segment(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH NGHỆ AN | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 901/QĐ-UBND | Nghệ An, ngày 10 tháng 6 năm 2023\n"
        "QUYẾT ĐỊNH\n"
        "Về việc khen thưởng các trường có thành tích năm học 2022 - 2023\n"
        "Điều 1. Tặng Cờ thi đua và Bằng khen cho 5 tập thể (có danh sách kèm theo).\n"
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\n"
        "Nơi nhận:\n"
        "- Như Điều 2;\n"
        "- Lưu: VT.\n"
        "CHỦ TỊCH\n"
        "Nguyễn Đức Trung\n"
        "DANH SÁCH TẬP THỂ ĐƯỢC KHEN THƯỞNG\n"
        "(Kèm theo Quyết định số 901/QĐ-UBND ngày 10/6/2023 của UBND tỉnh)\n"
        "I. Cờ thi đua của UBND tỉnh: 02\n"
        "1. Trường THCS Lý Nhật Quang, huyện Đô Lương\n"
        "2. Trường Tiểu học Hưng Dũng 1, thành phố Vinh\n"
        "II. Bằng khen của Chủ tịch UBND tỉnh: 03\n"
        "Huyện Yên Thành: 02\n"
        "1. Trường THCS Bạch Liêu, huyện Yên Thành\n"
        "2. Trường Mầm non Hoa Thành, huyện Yên Thành\n"
        "Huyện Đô Lương: 01\n"
        "3. Trường THPT Đô Lương 1, huyện Đô Lương\n")
    got = [(s.number, s.title, s.level) for s in rec.sections if s.number != "Điều 1."]
    assert got[-4:] == [("I.", "Cờ thi đua của UBND tỉnh", 1), ("II.", "Bằng khen của Chủ tịch UBND tỉnh", 1),
                        (None, "Huyện Yên Thành", 2), (None, "Huyện Đô Lương", 2)]
