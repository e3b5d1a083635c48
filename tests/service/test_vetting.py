"""Vetting the composed nomination dossier (corpora/composed/) against an archive holding the
three yearly CSTĐCS decisions: `met` for three consecutive years, `not_met` naming the missing
year, the claimed 2020 Bằng khen that no archived decision confirms flagged, the same
nomination in two files counted once, two forms for one achievement flagged."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from extractor.records import AwardStatus
from service.vetting.engine import vet
from tests.conftest import extracted
from tests.service.test_recipients import COMPOSED, DECISIONS, store

DOSSIER = ["tt_de_nghi_cstd_tinh_2023.docx", "bc_thanh_tich_nguyen_van_thanh.docx"]


def post(env, names: list[str], **params):
    files = [("files", (n, (COMPOSED / n).read_bytes())) for n in names]
    return env.client.post("/api/vetting", files=files, params=params)


def by_name(report: dict) -> dict[str, dict]:
    return {n["recipient"]: n for n in report["nominations"]}


def test_verdicts_on_the_composed_dossier(env):
    store(env, *DECISIONS)
    resp = post(env, DOSSIER)
    assert resp.status_code == 200, resp.text
    report = resp.json()
    nominations = by_name(report)
    assert set(nominations) == {"Nguyễn Văn Thành", "Trần Thị Hoa", "Lê Minh Đức"}
    for n in nominations.values():
        assert n["award"] == "Chiến sĩ thi đua cấp tỉnh" and n["year"] == 2023 and n["rule_set"] == "nd91_2017"
        assert all({"rule", "message", "citation", "outcome"} <= set(f) for f in n["findings"])

    thanh = nominations["Nguyễn Văn Thành"]
    assert thanh["verdict"] == "met" and thanh["recipient_id"]
    rule = next(f for f in thanh["findings"] if f["rule"] == "cstd_tinh.ba_lan_cstdcs")
    assert rule["outcome"] == "met" and "2021, 2022, 2023" in rule["message"]
    assert "Điều 22" in rule["citation"] and "Nghị định 91/2017/NĐ-CP" in rule["citation"]

    hoa = nominations["Trần Thị Hoa"]
    assert hoa["verdict"] == "not_met"
    assert "thiếu Chiến sĩ thi đua cơ sở năm 2023" in hoa["findings"][0]["message"]
    duc = nominations["Lê Minh Đức"]
    assert duc["verdict"] == "not_met"
    assert "thiếu Chiến sĩ thi đua cơ sở năm 2022." in duc["findings"][0]["message"]

    claims = {f["rule"]: f for f in thanh["findings"] if f["rule"].endswith("_claim") and "2020" in f["message"]}
    unconfirmed = claims["checks.unconfirmed_claim"]
    assert unconfirmed["outcome"] == "flag"
    assert "Bằng khen của Chủ tịch UBND tỉnh năm 2020" in unconfirmed["message"] and "999/QĐ-UBND" in unconfirmed["message"]
    confirmed = [f for f in thanh["findings"] if f["rule"] == "checks.confirmed_claim"]
    assert len(confirmed) == 3 and all(f["links"] for f in confirmed)

    # Hoa and Đức have no báo cáo thành tích in the dossier; nobody sent the biên bản.
    assert any(f["rule"] == "dossier.bao_cao_thanh_tich" for f in hoa["findings"])
    assert not any(f["rule"] == "dossier.bao_cao_thanh_tich" for f in thanh["findings"])
    assert [f["rule"] for f in report["findings"] if f["outcome"] == "flag"] == ["dossier.bien_ban"]


def test_same_nomination_in_two_files_counts_once(env):
    store(env, *DECISIONS)
    report = post(env, ["tt_de_nghi_cstd_tinh_2023.docx", "tt_de_nghi_cstd_tinh_2023.txt"]).json()
    assert len(report["nominations"]) == 3
    for n in report["nominations"]:
        assert len(n["sources"]) == 2
        assert not any(f["rule"] in ("checks.duplicate", "checks.two_forms") for f in n["findings"])


def _with_second_form(record, also_twice: bool = False):
    """The real tờ trình with a second proposal for its first nominee (as the .xlsx list has)."""
    record = record.model_copy(deep=True)
    row = next(a for a in record.awards if a.recipient == "Nguyễn Văn Thành")
    record.awards.append(row.model_copy(update={"award": "Bằng khen", "authority": "Chủ tịch UBND tỉnh"}))
    if also_twice:
        record.awards.append(row.model_copy())
    return record


def test_two_forms_for_one_achievement_flagged(env):
    store(env, *DECISIONS)
    record = _with_second_form(extracted(str(COMPOSED / DOSSIER[0])), also_twice=True)
    with env.archive.session() as s:
        report = vet([(DOSSIER[0], record)], s)
    mine = [n for n in report.nominations if n.recipient == "Nguyễn Văn Thành"]
    assert sorted(n.award for n in mine) == ["Bằng khen của Chủ tịch UBND tỉnh", "Chiến sĩ thi đua cấp tỉnh"]
    for n in mine:
        two = next(f for f in n.findings if f.rule == "checks.two_forms")
        assert "năm 2023" in two.message and two.outcome.value == "flag"
    cstd = next(n for n in mine if n.award_class == "cstd_tinh")
    assert any(f.rule == "checks.duplicate" for f in cstd.findings)
    bk = next(n for n in mine if n.award_class == "bk_tinh")
    assert bk.verdict.value == "unknown"  # no history rule for a Bằng khen tỉnh before 2024 in law.md


def test_already_granted_flagged(env):
    store(env, *DECISIONS)
    record = extracted(str(COMPOSED / "qd_cstdcs_2022.pdf")).model_copy(deep=True)
    for a in record.awards:
        a.status = AwardStatus.proposed  # proposing again what the 2022 decision granted
    with env.archive.session() as s:
        report = vet([("de-nghi-lai.pdf", record)], s)
    hoa = next(n for n in report.nominations if n.recipient == "Trần Thị Hoa")
    assert any(f.rule == "checks.already_granted" and "1580/QĐ-UBND" in f.message for f in hoa.findings)


def test_rule_set_follows_the_year(env):
    store(env, *DECISIONS)
    record = extracted(str(COMPOSED / DOSSIER[0])).model_copy(deep=True)
    for a in record.awards:
        a.year = 2024
    with env.archive.session() as s:
        report = vet([(DOSSIER[0], record)], s)
    thanh = next(n for n in report.nominations if n.recipient == "Nguyễn Văn Thành")
    assert thanh.rule_set == "luat_2022" and thanh.verdict.value == "not_met"
    assert "thiếu Chiến sĩ thi đua cơ sở năm 2024" in thanh.findings[0].message
    assert "Điều" not in thanh.findings[0].citation  # law.md: no confirmed article number to cite


def test_unknown_recipient_and_declared_only_history(env):
    """Nothing archived: the declared CSTĐCS years can only make the verdict 'cần kiểm tra'."""
    report = post(env, DOSSIER).json()
    thanh = by_name(report)["Nguyễn Văn Thành"]
    assert thanh["verdict"] == "unknown" and thanh["recipient_id"] is None
    assert "chỉ có trong báo cáo thành tích tự khai" in thanh["findings"][1]["message"]
    assert by_name(report)["Trần Thị Hoa"]["verdict"] == "not_met"


def test_xlsx_table_for_the_council(env):
    store(env, *DECISIONS)
    resp = post(env, DOSSIER, format="xlsx")
    assert resp.status_code == 200 and "tham-dinh.xlsx" in resp.headers["content-disposition"]
    book = load_workbook(io.BytesIO(resp.content))
    rows = list(book["Thẩm định"].iter_rows(values_only=True))
    assert rows[0][:6] == ("STT", "Người, tập thể được đề nghị", "Chức vụ, đơn vị", "Hình thức đề nghị", "Năm", "Kết luận")
    assert [(r[1], r[5]) for r in rows[1:]] == [("Nguyễn Văn Thành", "Đủ điều kiện"), ("Trần Thị Hoa", "Chưa đủ điều kiện"),
                                                ("Lê Minh Đức", "Chưa đủ điều kiện")]
    assert "biên bản" in book["Hồ sơ"]["A2"].value


def test_bad_files_named_in_vietnamese(env):
    only_bad = env.client.post("/api/vetting", files=[("files", ("rong.docx", b""))])
    assert only_bad.status_code == 422 and "rong.docx" in only_bad.json()["detail"]
    mixed = env.client.post("/api/vetting", files=[("files", ("hong.pdf", b"%PDF-1.4 nonsense")),
                                                   ("files", (DOSSIER[0], (COMPOSED / DOSSIER[0]).read_bytes()))])
    assert mixed.status_code == 200
    assert len(mixed.json()["errors"]) == 1 and "hong.pdf" in mixed.json()["errors"][0]
    assert len(mixed.json()["nominations"]) == 3


def test_vetting_page_without_javascript(env):
    store(env, *DECISIONS)
    files = [("files", (n, (COMPOSED / n).read_bytes())) for n in DOSSIER]
    page = env.client.post("/tham-dinh", files=files)
    assert page.status_code == 200
    assert page.text.count('<td><span class="badge vd-not_met">') == 2
    assert page.text.count('<td><span class="badge vd-met">') == 1
    assert 'download="tham-dinh.xlsx"' in page.text and "999/QĐ-UBND" in page.text


def test_nomination_spreadsheet_two_forms(env):
    """ds_de_nghi_2023.xlsx lists Nguyễn Văn Thành twice: Chiến sĩ thi đua cấp tỉnh and a Bằng khen."""
    store(env, *DECISIONS)
    report = post(env, ["tt_de_nghi_cstd_tinh_2023.docx", "ds_de_nghi_2023.xlsx"]).json()
    assert len(report["nominations"]) == 4
    mine = [n for n in report["nominations"] if n["recipient"] == "Nguyễn Văn Thành"]
    assert sorted(n["award"] for n in mine) == ["Bằng khen của Chủ tịch UBND tỉnh", "Chiến sĩ thi đua cấp tỉnh"]
    for n in mine:
        two = next(f for f in n["findings"] if f["rule"] == "checks.two_forms")
        assert "Bằng khen của Chủ tịch UBND tỉnh" in two["message"] and "Chiến sĩ thi đua cấp tỉnh" in two["message"]
    cstd = next(n for n in mine if n["award"] == "Chiến sĩ thi đua cấp tỉnh")
    assert cstd["verdict"] == "met" and len(cstd["sources"]) == 2  # the tờ trình's list and the spreadsheet
    hoa = by_name(report)["Trần Thị Hoa"]
    assert not any(f["rule"] == "checks.two_forms" for f in hoa["findings"])

