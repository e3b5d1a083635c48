"""Awards per recipient where they are decided (issue 12), on corpus files: the composed
dossier (corpora/composed/dossier.yaml, our own fixtures, exact values) in every format a
district sends, and real corpus-2 files (test split) checked for consistency with
themselves — the records agree with the document's own number, date and list — so that no
test sentence of the test split is copied into a test."""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from extractor.normalise.ocr import fold_key
from extractor.pipeline import extract, extract_bytes
from extractor.records import AwardStatus, Extraction, RecipientType
from tests.conftest import ROOT

COMPOSED = ROOT / "corpora" / "composed"
ORIGINALS = ROOT / "corpora" / "originals"
FIXTURES = ROOT / "tests" / "ingest" / "fixtures"
SPEC = yaml.safe_load((COMPOSED / "dossier.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def record(path: Path) -> Extraction:
    return extract(path)


def named(rec: Extraction) -> list:
    return [a for a in rec.awards if a.recipient]


def count_entries(rec: Extraction) -> list:
    return [a for a in rec.awards if not a.recipient and (a.count or 0) > 1]


def _decision_files() -> list[tuple[Path, dict]]:
    out = []
    for d in SPEC["decisions"]:
        for fmt in d["formats"]:
            name = f"{d['stem']}_scan.pdf" if fmt == "scan" else f"{d['stem']}.{fmt}"
            out.append((COMPOSED / name, d))
    return out


@pytest.mark.parametrize("path, spec", _decision_files(), ids=lambda x: x.name if isinstance(x, Path) else "")
def test_decision_gives_one_award_per_recipient_with_its_fields(path, spec):
    """.docx, .doc, text .pdf and a 200-dpi scan of a district decision (Điều 1 + attached list)."""
    rec = record(path)
    people = spec["people"]
    got = named(rec)
    assert [a.recipient for a in got] == [p[1] for p in people]
    assert [a.role for a in got] == [p[2] for p in people]
    for a in got:
        assert a.award == "Chiến sĩ thi đua cơ sở"
        assert a.recipient_type == RecipientType.ca_nhan
        assert a.year == spec["year"] and a.decision == spec["number"]
        assert a.status == AwardStatus.granted
    (total,) = count_entries(rec)
    assert total.count == len(people) and total.decision == spec["number"]
    signer = spec["signer"]
    assert [s.name for s in rec.metadata.signers] == [signer[2]]
    assert rec.metadata.number == spec["number"]


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_long_grouped_table_over_pages_keeps_groups_and_every_row(suffix):
    """70 recipients in `I. TẬP THỂ` / `II. CÁ NHÂN` groups, the PDF table running over pages."""
    spec = SPEC["long_list"]
    rec = record(COMPOSED / f"{spec['stem']}.{suffix}")
    got = named(rec)
    kinds = [a.recipient_type for a in got]
    assert kinds.count(RecipientType.tap_the) == spec["units"]
    assert kinds.count(RecipientType.ca_nhan) == spec["people"]
    assert len({a.recipient for a in got}) == spec["units"] + spec["people"]
    assert all(a.award == spec["award"] and a.year == spec["year"] and a.decision == spec["number"] for a in got)


@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_numbered_attached_list_under_group_lines(suffix):
    spec = SPEC["numbered_list"]
    rec = record(COMPOSED / f"{spec['stem']}.{suffix}")
    # a unit's line is its name as written, parent units and all (LABELLING.md: a list line
    # is one run of text, with no parent-unit cell of its own)
    want = [unit for _, units in spec["groups"] for unit in units]
    got = named(rec)
    assert [a.recipient for a in got] == want
    assert all(a.recipient_type == RecipientType.tap_the and a.decision == spec["number"] and a.role is None
               for a in got)
    assert [s.name for s in rec.metadata.signers] == [spec["signer"][2]]


def test_nomination_spreadsheet_gives_one_proposed_award_per_row():
    spec = SPEC["proposal"]
    rec = record(COMPOSED / "ds_de_nghi_2023.xlsx")
    got = named(rec)
    assert [(a.recipient, a.role) for a in got] == [(r[0], r[1]) for r in spec["rows"]]
    assert all(a.status == AwardStatus.proposed for a in got)
    assert [a.award for a in got][:3] == [spec["award"]] * 3
    assert got[3].award == "Bằng khen" and got[3].authority == "Chủ tịch UBND tỉnh"


def test_achievement_report_past_titles_are_granted_awards_with_year_and_decision():
    spec = SPEC["achievement_report"]
    rec = record(COMPOSED / f"{spec['stem']}.docx")
    past = [a for a in rec.awards if a.status == AwardStatus.granted]
    got = sorted((a.year, a.decision) for a in past)
    want = sorted((year, source.split()[3]) for year, _, source in spec["past_titles"])
    assert got == want
    assert all(a.recipient == spec["name"] for a in past)
    proposed = [a for a in rec.awards if a.status == AwardStatus.proposed]
    assert [(a.award, a.year) for a in proposed] == [(spec["award"], spec["year"])]


# --- real decisions of corpus 2, consistent with themselves ------------------------------

def _number_key(text: str | None) -> str:
    return "".join((text or "").split())


@pytest.mark.parametrize("path", [ORIGINALS / "a09_vnptquangbinh_qd_congnhan_ttldxs.pdf",
                                  FIXTURES / "a09_vnptquangbinh_qd_congnhan_ttldxs_scan200.pdf"],
                         ids=["text-pdf", "scan-200dpi"])
def test_real_decision_with_attached_table_text_pdf_and_its_scan(path):
    """A company decision recognising collectives, the names in an attached table: the
    e-office PDF and a 200-dpi grey scan of it give the same recipients."""
    rec = record(path)
    got = named(rec)
    assert len(got) >= 10
    assert all(a.recipient_type == RecipientType.tap_the and a.status == AwardStatus.granted for a in got)
    assert len({a.award for a in got}) == 1
    assert {_number_key(a.decision) for a in got} == {_number_key(rec.metadata.number)}
    if rec.metadata.date:  # the scan's handwritten-looking date line may not read
        assert {a.year for a in got} == {int(rec.metadata.date[:4])}
    assert len({a.year for a in got}) == 1 and None not in {a.year for a in got}
    table_text = " ".join(c.text for t in rec.tables for row in t.rows for c in row.cells)
    assert all(a.recipient in table_text for a in got)


def test_real_decision_scan_and_text_pdf_agree():
    text = record(ORIGINALS / "a09_vnptquangbinh_qd_congnhan_ttldxs.pdf")
    scan = record(FIXTURES / "a09_vnptquangbinh_qd_congnhan_ttldxs_scan200.pdf")
    # the same units in the same order; OCR may misplace a tone mark ("Bồ" for "Bố"), so
    # names are compared without marks (wrapped cells once came back with words out of order)
    assert [fold_key(a.recipient) for a in named(scan)] == [fold_key(a.recipient) for a in named(text)]
    assert {a.year for a in named(scan)} == {a.year for a in named(text)}
    (total,) = count_entries(text)
    assert total.count == len(named(text))
    assert text.metadata.signers and text.metadata.signers[0].name


def test_real_nomination_xlsx_one_proposal_per_listed_row():
    """The nomination spreadsheet a provincial department exports: each TAPTHE/CANHAN row of
    its list sheet is one proposed award, its code sheets are never recipients."""
    rec = record(ORIGINALS / "b04_quangbinh_ds_denghi_khenthuong.xlsx")
    rows = [row for t in rec.tables for row in t.rows
            if row.cells and row.cells[0].text.strip() in ("TAPTHE", "CANHAN")]
    got = named(rec)
    assert len(got) == len(rows) > 0
    assert all(a.status == AwardStatus.proposed for a in got)
    kinds = [RecipientType.tap_the if r.cells[0].text.strip() == "TAPTHE" else RecipientType.ca_nhan for r in rows]
    assert [a.recipient_type for a in got] == kinds


def test_nomination_template_gives_no_award_from_its_code_and_instruction_sheets():
    """A nomination template (the .xlsx and its text export): the code sheet (award name |
    10-digit code, one per line) gives no counted award — a code ending one line does not
    count the award that opens the next — and the instructions sheet's sample rows are no
    proposal and no person."""
    for path in (ORIGINALS / "b15_mau_ds_denghi_khenthuong_xlsx.xlsx",
                 ROOT / "corpora" / "docs" / "b15_mau_ds_denghi_khenthuong_xlsx.txt"):
        rec = record(path)
        assert any(t.sheet and t.sheet.startswith("Hướng") and t.rows for t in rec.tables)  # read, not dropped
        assert rec.awards == [] and rec.people == [], path.name


# --- malformed tables and spreadsheets: records or a warning, never a crash ---------------

def _xlsx(build) -> bytes:
    wb = Workbook()
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _formula_merged_hidden(wb: Workbook) -> None:
    ws = wb.active
    ws.title = "DANHSACH"
    ws["A1"] = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
    ws.merge_cells("A1:E1")
    ws.append(["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Ghi chú"])
    ws.append([1, "Nguyễn Văn Thành", "Chủ tịch UBND xã Đồng Tâm", "Bằng khen", None])
    ws.append(["=A3+1", "Trần Thị Hoa", "Hiệu trưởng Trường Tiểu học Bố Hạ", "Bằng khen", "=SUM(A3:A4)"])
    hidden = wb.create_sheet("Mã")
    hidden.append(["MA", "TEN"])
    hidden.append([1650360491, "Bằng khen"])
    hidden.sheet_state = "hidden"


def _no_header(wb: Workbook) -> None:
    ws = wb.active
    ws.append(["Nguyễn Văn Thành", "Chủ tịch UBND xã Đồng Tâm"])
    ws.append(["Trần Thị Hoa", None, None, None, "x"])
    ws.append([None, None])
    ws.merge_cells("A5:D7")


def test_spreadsheet_with_formulas_merged_cells_hidden_sheet_reads_with_warnings():
    rec = extract_bytes(_xlsx(_formula_merged_hidden), "ds_de_nghi.xlsx")
    assert [a.recipient for a in named(rec)] == ["Nguyễn Văn Thành", "Trần Thị Hoa"]
    warnings = " ".join(rec.document.warnings)
    assert "công thức" in warnings and "ẩn" in warnings


def test_spreadsheet_without_header_or_with_ragged_rows_never_crashes():
    rec = extract_bytes(_xlsx(_no_header), "khong_tieu_de.xlsx")
    assert "Nguyễn Văn Thành" in rec.text
    assert all(a.recipient is None or a.recipient in rec.text for a in rec.awards)


# --- pieces the readers rely on (composed sentences, not from the test split) ------------

def test_request_after_grounds_that_mention_guidance_is_a_proposal():
    from extractor.recognise.award_clause import read_clause

    text = ("Thực hiện Hướng dẫn số 12/HD-UBND về công tác khen thưởng năm 2023, căn cứ các quy định "
            "của Luật Thi đua, khen thưởng, Phòng Nội vụ kính trình và đề nghị Chủ tịch UBND huyện "
            "tặng giấy khen cho các tập thể và cá nhân có thành tích xuất sắc.")
    clause = read_clause(text, 0, len(text))
    assert clause.status == AwardStatus.proposed
    assert [(a.award, a.authority) for a in clause.awards] == [("Giấy khen", "Chủ tịch UBND huyện")]


def test_rules_issued_by_an_article_confer_nothing():
    from extractor.recognise.award_clause import read_clause

    text = "Điều 1. Ban hành kèm theo Quyết định này Quy định xét tặng danh hiệu Chiến sĩ thi đua cơ sở."
    assert read_clause(text, 0, len(text)).status is None


@pytest.mark.parametrize("cell, name, role", [
    ("Ông Nguyễn Văn Thành, Chủ tịch UBND xã Đồng Tâm", "Nguyễn Văn Thành", "Chủ tịch UBND xã Đồng Tâm"),
    ("Đại tá Lê Minh Đức - Chỉ huy trưởng Ban Chỉ huy Quân sự huyện", "Lê Minh Đức",
     "Chỉ huy trưởng Ban Chỉ huy Quân sự huyện"),
    ("Bà Trần Thị Hoa", "Trần Thị Hoa", None),
    ("Phòng Kế toán, Trung tâm Viễn thông Yên Thế", "Phòng Kế toán, Trung tâm Viễn thông Yên Thế", None),
])
def test_a_person_cell_running_on_into_the_position_is_split(cell, name, role):
    from extractor.recognise.list_cells import split_name

    got = split_name(cell, 0)
    assert (got.name, got.role) == (name, role)
    assert cell[got.start:got.end] == name


@pytest.mark.parametrize("line, expected", [("Đào Mỹ", True), ("Hoàng Văn Nam", True), ("Mỹ Hà", False),
                                            ("PHÓ CHỦ TỊCH", False)])
def test_a_two_syllable_signer_name_is_a_name(line, expected):
    from extractor.segment.cues import is_name

    assert is_name(line) is expected
