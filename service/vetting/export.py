"""The vetting table for the Hội đồng: one row per nomination, as .xlsx or as text lines."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from service.archive.export import _cell
from service.vetting.models import OUTCOME_LABELS, VERDICT_LABELS, VettingReport

COLUMNS = [("STT", 6), ("Người, tập thể được đề nghị", 26), ("Chức vụ, đơn vị", 30), ("Hình thức đề nghị", 28),
           ("Năm", 8), ("Kết luận", 18), ("Phát hiện", 80), ("Căn cứ", 40), ("Bộ quy định", 14)]


def rows(report: VettingReport) -> list[list]:
    out = []
    for i, n in enumerate(report.nominations, 1):
        findings = "\n".join(f"[{OUTCOME_LABELS[f.outcome.value]}] {f.message}" for f in n.findings)
        citations = "\n".join(dict.fromkeys(f.citation for f in n.findings if f.citation))
        out.append([i, n.recipient, n.role or "", n.award, n.year or "", VERDICT_LABELS[n.verdict.value],
                    findings, citations, n.rule_set or ""])
    return out


def to_xlsx(report: VettingReport) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Thẩm định"
    ws.append([c for c, _w in COLUMNS])
    for col, (_c, width) in enumerate(COLUMNS, 1):
        ws.cell(row=1, column=col).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    for row in rows(report):
        ws.append([_cell(v) for v in row])
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if report.findings or report.errors:
        notes = wb.create_sheet("Hồ sơ")
        notes.append(["Phát hiện về hồ sơ", "Căn cứ"])
        for f in report.findings:
            notes.append([_cell(f"[{OUTCOME_LABELS[f.outcome.value]}] {f.message}"), _cell(f.citation or "")])
        for e in report.errors:
            notes.append([_cell(f"[lỗi tệp] {e}"), ""])
        notes.column_dimensions["A"].width = 90
        notes.column_dimensions["B"].width = 50
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def text_lines(report: VettingReport) -> list[str]:
    counts = report.counts()
    out = [f"Thẩm định {len(report.files)} tệp: {len(report.nominations)} đề nghị — "
           f"{counts['met']} đủ điều kiện, {counts['not_met']} chưa đủ, {counts['unknown']} cần kiểm tra"]
    for i, n in enumerate(report.nominations, 1):
        who = f"{n.recipient} ({n.role})" if n.role else n.recipient
        out.append(f"{i}. {who} — {n.award} năm {n.year or '?'}: {VERDICT_LABELS[n.verdict.value].upper()}")
        for f in n.findings:
            cite = f" [{f.citation}]" if f.citation else ""
            out.append(f"   - {OUTCOME_LABELS[f.outcome.value]}: {f.message}{cite}")
    if report.findings:
        out.append("Hồ sơ:")
        out += [f"   - {OUTCOME_LABELS[f.outcome.value]}: {f.message}" for f in report.findings]
    return out
