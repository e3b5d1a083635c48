"""Markdown's block structure: where a hard-wrapped paragraph goes on and where a new
block opens (extractor/ingest/markdown_blocks.py)."""
from __future__ import annotations

from tests.conftest import ROOT

from extractor.ingest import read_document
from extractor.ingest.markdown_blocks import markdown_units
from extractor.segment.layout import analyse
from extractor.segment.sections import build_tree, candidates

ORIGINALS = ROOT / "corpora" / "originals"


def texts(md: str) -> list[str]:
    return [u.text for u in markdown_units(md.split("\n"))]


def test_wrap_inside_an_open_bold_run_does_not_open_a_list_item() -> None:
    # Word saved as Markdown wraps a bold article heading right before its number.
    md = "**Điều\n7. Tổ chức thực hiện**\n\nNội dung điều này."
    assert texts(md) == ["**Điều 7. Tổ chức thực hiện**", "Nội dung điều này."]


def test_numbered_line_after_a_closed_paragraph_still_opens_a_block() -> None:
    md = "**Điều 7. Tổ chức thực hiện**\n1. Khoản một\n2. Khoản hai"
    assert texts(md) == ["**Điều 7. Tổ chức thực hiện**", "1. Khoản một", "2. Khoản hai"]


def test_hyphen_of_a_compound_wrapped_to_the_line_start_continues_the_paragraph() -> None:
    md = "các tổ chức chính trị - xã hội, tổ chức xã hội\n- nghề nghiệp và doanh nghiệp."
    assert texts(md) == ["các tổ chức chính trị - xã hội, tổ chức xã hội - nghề nghiệp và doanh nghiệp."]


def test_dash_items_after_an_introducing_colon_stay_list_items() -> None:
    md = "Nơi nhận:\n- như trên;\n- lưu VT."
    assert texts(md) == ["Nơi nhận:", "- như trên;", "- lưu VT."]
    md = "- tổ chức A\n- tổ chức B"  # a bullet list is not one wrapped paragraph
    assert texts(md) == ["- tổ chức A", "- tổ chức B"]


def test_regulation_saved_as_markdown_gives_the_text_tree() -> None:
    """a01: a decision and the regulation it issues, saved from Word as Markdown with bold
    `**Chương\\nI**`, `**Điều\\n1. …**` headings broken by the wrap."""
    path = ORIGINALS / "a01_bacninh_qd_quydinh_tdkt.md"
    doc = read_document(path.read_bytes(), path.name)
    layout = analyse(doc)
    tree = [(s.level, s.number, s.title) for s in build_tree(doc, layout, candidates(layout))]
    assert tree[:5] == [
        (1, "Chương I", "QUY ĐỊNH CHUNG"), (2, "Điều 1.", "Phạm vi điều chỉnh"),
        (2, "Điều 2.", "Đối tượng áp dụng"),
        (1, "Chương II", "ĐỐI TƯỢNG, TIÊU CHUẨN DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG"),
        (2, "Điều 3.", "Đối tượng, tiêu chuẩn xét tặng Cờ thi đua của Ủy ban nhân dân tỉnh, Tập thể lao động "
                      "xuất sắc và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    ]


def test_page_laid_out_in_cells_gives_its_paragraphs_between_header_and_signer() -> None:
    # A saved web page: the site's fields, then a row of cells holding the document (header,
    # body without blank lines, Nơi nhận, signer), then the site's own notices.
    body = "\n".join(["Thiết thực lập thành tích chào mừng Đại hội, Thủ tướng Chính phủ yêu cầu các",
                      "bộ, ngành thực hiện một số nhiệm vụ sau:"]
                     + [f"{n}. Khẩn trương thực hiện quyết liệt, đồng bộ các nhiệm vụ, giải pháp số {n} để khắc "
                        "phục khó khăn do\nthiên tai, bão lũ gây ra trong năm." for n in range(1, 12)])
    md = "\n".join(["|", "**Số hiệu:**", "|", "229/CĐ-TTg", "|", "|", "Tin tóm tắt của trang. " * 50, "|",
                    "**THỦ TƯỚNG CHÍNH PHỦ**", "|", "**CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM**",
                    "Độc lập - Tự do - Hạnh phúc", "|", "|", "**CÔNG ĐIỆN**", body, "|",
                    "Nơi nhận:", "- Như trên;", "|", "**THỦ TƯỚNG**", "Phạm Minh Chính", "|",
                    "Văn bản liên quan " * 80, "|"])
    got = texts(md)
    assert got[0] == "**THỦ TƯỚNG CHÍNH PHỦ**"
    assert got[1] == "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**"
    assert got[3:6] == ["**CÔNG ĐIỆN**", "Thiết thực lập thành tích chào mừng Đại hội, Thủ tướng Chính phủ yêu cầu các "
                        "bộ, ngành thực hiện một số nhiệm vụ sau:",
                        "1. Khẩn trương thực hiện quyết liệt, đồng bộ các nhiệm vụ, giải pháp số 1 để khắc phục khó "
                        "khăn do thiên tai, bão lũ gây ra trong năm."]
    assert got[-2:] == ["**THỦ TƯỚNG**", "Phạm Minh Chính"]


def test_saved_page_of_a_government_telegram_reads_as_its_text() -> None:
    """a07: a legal-library page saved as Markdown, the telegram laid out in its cells."""
    path = ORIGINALS / "a07_ttg_congdien229_thidua_caodiem.md"
    doc = read_document(path.read_bytes(), path.name)
    layout = analyse(doc)
    assert [ln.clean for ln in layout.header][:2] == ["THỦ TƯỚNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert [ln.clean for ln in layout.signature] == ["THỦ TƯỚNG", "Phạm Minh Chính"]
    assert "THƯ VIỆN PHÁP LUẬT" not in doc.text
