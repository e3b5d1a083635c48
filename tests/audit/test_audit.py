"""The audit on the seeds (what the issue asks it to catch) and each rule silent on a clean
case. Synthetic reports go through the real pipeline, so rules see what they see in use."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.audit import Severity, audit
from extractor.audit.profiles import ProfileError, load_profiles
from extractor.audit.review import corpus_findings, load_review, precision, unreviewed
from extractor.pipeline import extract_bytes
from tests.conftest import DOCS, ROOT, corpus_docs, extracted

SEED_001 = str(DOCS / "001_aa33862f6316ef22.txt")
SEED_003 = str(DOCS / "003_9872598636d4699e.txt")
SEED_004 = str(DOCS / "004_047c2302e93f662e.txt")


def rules_of(path: str) -> list[str]:
    return [f.rule for f in audit(extracted(path)).findings]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "service.cli", "audit", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_seed_001_blank_number_blank_day_duplicate_heading():
    report = audit(extracted(SEED_001))
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["header.number_blank"].location.quote == "Số: /BC-UBND"
    assert "ngày" in by_rule["header.date_blank"].message
    dup = by_rule["structure.duplicate_number"]
    assert "2.5." in dup.message and dup.severity is Severity.error


def test_seed_004_repeated_paragraph_and_blank_number():
    rules = rules_of(SEED_004)
    assert "text.repeated_paragraph" in rules and "header.number_blank" in rules
    rep = next(f for f in audit(extracted(SEED_004)).findings if f.rule == "text.repeated_paragraph")
    record = extracted(SEED_004)
    assert record.text[rep.location.start:rep.location.end] == rep.location.quote
    assert rep.location.quote.startswith("Đẩy mạnh các phong trào thi đua")


def test_seed_003_has_every_required_part():
    report = audit(extracted(SEED_003))
    assert report.profile == "bao_cao_tong_ket"
    assert not [f for f in report.findings if f.rule == "parts.missing"]


def test_cli_prints_grouped_vietnamese_findings_and_exits_zero():
    res = run_cli(SEED_001)
    assert res.returncode == 0, res.stderr
    assert "LỖI:" in res.stdout and "Số: /BC-UBND" in res.stdout and "2.5." in res.stdout


def test_cli_bad_file_one_line_error(tmp_path: Path):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    res = run_cli(str(empty), str(tmp_path / "khong_co.docx"))
    assert res.returncode != 0
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("Lỗi: ") for line in lines)
    assert "Traceback" not in res.stderr


def test_cli_json_output():
    res = run_cli("--json", SEED_004)
    data = json.loads(res.stdout)
    assert data["profile"] == "phat_dong" and data["findings"][0]["severity_label"] in ("lỗi", "cảnh báo", "gợi ý")


# --- every rule stays silent on a clean case ---------------------------------------------

CLEAN_REPORT = """UBND HUYỆN ĐÌNH LẬP
CỤM THI ĐUA SỐ 02
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/BC-TĐKT
Cường Lợi, ngày 09 tháng 01 năm 2024
BÁO CÁO
Tổng kết công tác thi đua, khen thưởng năm 2023
Phần thứ nhất
KẾT QUẢ NĂM 2023
I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO
Cụm đã ban hành kế hoạch và ký giao ước thi đua với 6 đơn vị thành viên.
II. KẾT QUẢ CÁC PHONG TRÀO THI ĐUA
Có 14/12 xã = 116,7% kế hoạch đạt chuẩn; 3.167/3.192 hồ sơ (đạt 99,21%) được giải quyết đúng hạn.
Toàn huyện có 53 giải, trong đó 1 giải Nhất, 11 giải Nhì, 17 giải Ba và 24 giải Khuyến khích.
Có 43 DN thành lập mới, bằng 61,4% kế hoạch tỉnh giao (KH: 70 DN).
Cụm đã phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến ở các xã.
III. CÔNG TÁC KHEN THƯỞNG
UBND tỉnh tặng 3 cờ thi đua cho các xã dẫn đầu phong trào.
IV. ĐÁNH GIÁ CHUNG
1. Ưu điểm
Các phong trào được triển khai đồng bộ, thiết thực và đúng tiến độ đề ra trong năm.
2. Những tồn tại, hạn chế
Một số đơn vị triển khai còn chậm.
3. Nguyên nhân
Cán bộ làm công tác thi đua còn kiêm nhiệm.
Phần thứ hai
PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024
I. NHIỆM VỤ TRỌNG TÂM
Tiếp tục đổi mới nội dung, hình thức thi đua.
II. GIẢI PHÁP
Tăng cường kiểm tra, đôn đốc các đơn vị trong cụm.
Nơi nhận:
- Ban TĐKT tỉnh;
- Lưu: VT.
TM. CỤM THI ĐUA SỐ 02
CHỦ TỊCH UBND XÃ
Mai Thị Chiên
"""

ALL_RULES = ["parts.missing", "header.number_blank", "header.number_missing", "header.date_blank",
             "header.date_missing", "header.issuer_missing", "header.signer_missing", "header.title_missing",
             "structure.duplicate_number", "structure.skipped_number", "structure.empty_section",
             "structure.missing_attachment", "figures.ratio_percent_mismatch", "figures.parts_exceed_total",
             "figures.plan_percent_mismatch", "text.repeated_paragraph"]


def audit_text(text: str):
    return audit(extract_bytes(text.encode("utf-8"), "bao_cao.txt"), profile="bao_cao_tong_ket")


@pytest.mark.parametrize("rule", ALL_RULES)
def test_rule_silent_on_clean_report(rule):
    findings = audit_text(CLEAN_REPORT).findings
    assert rule not in [f.rule for f in findings], [f.message for f in findings]


# --- and fires on the faulty variant of the same report ----------------------------------

FAULTS = {
    "header.number_blank": ("Số: 12/BC-TĐKT", "Số: /BC-TĐKT"),
    "header.date_blank": ("ngày 09 tháng 01", "ngày tháng 01"),
    "structure.skipped_number": ("III. CÔNG TÁC KHEN THƯỞNG", "V. CÔNG TÁC KHEN THƯỞNG"),
    "figures.ratio_percent_mismatch": ("14/12 xã = 116,7%", "14/12 xã = 106,7%"),
    "figures.parts_exceed_total": ("24 giải Khuyến khích", "34 giải Khuyến khích"),
    "figures.plan_percent_mismatch": ("61,4% kế hoạch", "71,4% kế hoạch"),
    "structure.missing_attachment": ("được giải quyết đúng hạn.", "được giải quyết đúng hạn (có bảng tổng hợp kèm theo)."),
    "text.repeated_paragraph": ("Một số đơn vị triển khai còn chậm.",
                                "Các phong trào được triển khai đồng bộ, thiết thực và đúng tiến độ đề ra trong năm."),
}


@pytest.mark.parametrize("rule", sorted(FAULTS))
def test_rule_fires_on_fault(rule):
    old, new = FAULTS[rule]
    assert old in CLEAN_REPORT
    assert rule in [f.rule for f in audit_text(CLEAN_REPORT.replace(old, new)).findings]


@pytest.mark.parametrize("title", ["Tồn tại, hạn chế", "Hạn chế", "Những tồn tại, hạn chế", "NHUNG TON TAI, HAN CHE"])
def test_shortcomings_matched_by_meaning(title):
    text = CLEAN_REPORT.replace("2. Những tồn tại, hạn chế", f"2. {title}")
    assert "parts.missing" not in [f.rule for f in audit_text(text).findings]


def test_missing_part_reported():
    text = CLEAN_REPORT.replace("III. CÔNG TÁC KHEN THƯỞNG\nUBND tỉnh tặng 3 cờ thi đua cho các xã dẫn đầu phong trào.\n", "")
    text = text.replace("IV. ĐÁNH GIÁ CHUNG", "III. ĐÁNH GIÁ CHUNG")
    missing = [f.message for f in audit_text(text).findings if f.rule == "parts.missing"]
    assert missing == ["Thiếu phần “Công tác khen thưởng” theo đề cương báo cáo tổng kết."]


# --- decisions, rules, lists and forms (corpus 2) ---------------------------------------

def _doc(stem: str) -> str:
    return str(DOCS / f"{stem}.txt")


def test_numbered_rows_of_a_list_table_are_no_empty_headings():
    """b02 lists a thousand holders in a table and a09 twelve units: rows, not sections."""
    for stem in ("b02_vnpt_qd153_thuong_knc_tttt", "a09_vnptquangbinh_qd_congnhan_ttldxs"):
        assert "structure.empty_section" not in rules_of(_doc(stem)), stem


def test_a_clause_that_is_a_sentence_is_not_an_empty_section():
    findings = audit(extracted(_doc("a01_bacninh_qd_quydinh_tdkt"))).findings
    assert not [f for f in findings if f.rule == "structure.empty_section"]


def test_forms_numbering_from_one_again_are_not_duplicates():
    """b11 prints one form per kind of nominee, each numbered I., II., III. from the start."""
    findings = audit(extracted(_doc("b11_bng_tt03_2018_huongdan_tdkt_ngoaigiao"))).findings
    dups = [f.location.quote for f in findings if f.rule == "structure.duplicate_number"]
    # a form going back to I. or II. after the previous form's III. is a new series
    assert not [q for q in dups if q.startswith(("I.", "II."))], dups


def test_rules_restating_criteria_are_not_flagged_as_repetition():
    """A regulation, a decree and an assignment of duties restate on purpose."""
    for stem in ("a01_bacninh_qd_quydinh_tdkt", "b16_nd86_2023_danhhieu_giadinhvanhoa",
                 "b12_quangbinh_snv_phancong_phong_tdkt"):
        assert "text.repeated_paragraph" not in rules_of(_doc(stem)), stem


def test_repetition_still_checked_in_a_report():
    assert "text.repeated_paragraph" in rules_of(SEED_003)


def test_a_nomination_spreadsheet_is_not_asked_for_number_date_or_signer():
    report = audit(extracted(_doc("b04_quangbinh_ds_denghi_khenthuong")))
    assert report.profile == "danh_sach"
    rules = {f.rule for f in report.findings}
    assert not rules & {"header.number_missing", "header.date_missing", "header.signer_missing",
                        "header.issuer_missing"}


def test_an_administrative_text_is_never_guessed_a_news_item():
    report = audit(extracted(_doc("b12_quangbinh_snv_phancong_phong_tdkt")))
    assert report.profile != "tin_bai"


# --- profiles are data, validated -------------------------------------------------------

def test_profiles_load_for_every_kind():
    profiles = load_profiles()
    assert {"default", "bao_cao_tong_ket", "bao_cao_so_ket", "phat_dong", "tin_bai"} <= set(profiles)


def test_bad_profile_names_file_and_key(tmp_path: Path):
    (tmp_path / "default.yaml").write_text("kind: default\nfuzzy_threshold: 0.85\n", encoding="utf-8")
    (tmp_path / "x.yaml").write_text("kind: x\nextends: default\nrequirements:\n  - id: a\n    label: A\n"
                                     "    severity: loi\n    in: [titles]\n    phrases: [a]\n", encoding="utf-8")
    load_profiles.cache_clear()
    try:
        with pytest.raises(ProfileError, match=r"x\.yaml: khóa 'requirements\[0\]\.severity'"):
            load_profiles(tmp_path)
    finally:
        load_profiles.cache_clear()


# --- precision on the corpus -------------------------------------------------------------

def _corpus2(entry: dict) -> bool:
    return entry["doc"][:1] in "ab" and entry["doc"][1:3].isdigit()


def test_review_covers_every_corpus_finding_and_precision_is_high():
    entries = load_review(ROOT / "corpora" / "audit_review.json")
    # reports, letters and news, what the audit was built for
    assert precision([e for e in entries if not _corpus2(e)]) >= 0.9
    # decisions, lists and scans of corpus 2: measured 0.40 (4/10) on 2026-12-05 and 0.625
    # (5/8) on 2026-12-06, the false findings caused by OCR text (audit_review.json); this
    # floor keeps it from getting worse, it is no claim that it is good
    assert precision([e for e in entries if _corpus2(e)]) >= 0.6
    current = corpus_findings(corpus_docs())
    assert not unreviewed(current, entries), "new audit findings to review in corpora/audit_review.json"


def test_numbers_read_as_content_are_not_missing_and_list_entries_not_empty_sections():
    # `2.` is a rule sentence (not a heading) between two headings: no skipped number. A
    # decision's list of units, numbered with nothing under each, holds no empty sections.
    text = ("ỦY BAN NHÂN DÂN TỈNH\nSố: 12/QĐ-UBND\nQUY CHẾ\nThi đua, khen thưởng\nĐiều 5. Quy trình\n"
            "1. Sở Nội vụ:\nThẩm định hồ sơ.\n"
            "2. Các sở, ban, ngành lựa chọn, đề nghị cá nhân tiêu biểu theo quy định của pháp luật hiện hành.\n"
            "3. Văn phòng Ủy ban nhân dân tỉnh:\nTrình Chủ tịch quyết định.\n")
    rules = [f.rule for f in audit(extract_bytes(text.encode("utf-8"), "quyche.txt")).findings]
    assert "structure.skipped_number" not in rules
    listing = ("TẬP ĐOÀN\nSố: 5/QĐ-VNPT\nQUYẾT ĐỊNH\nVề việc tặng Cờ thi đua\n"
               "Điều 1. Tặng Cờ thi đua cho 3 đơn vị có thành tích xuất sắc trong năm 2020 như sau:\n"
               "1. Trung tâm Viễn thông A, Viễn thông Trà Vinh\n2. Trung tâm Viễn thông B, Viễn thông Vĩnh Long\n"
               "3. Trung tâm Viễn thông C, Viễn thông Long An\n")
    rules = [f.rule for f in audit(extract_bytes(listing.encode("utf-8"), "qd.txt")).findings]
    assert "structure.empty_section" not in rules
