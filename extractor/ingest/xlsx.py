"""Spreadsheets (.xlsx with openpyxl, legacy .xls with xlrd): every sheet, hidden ones too,
in order. Per sheet, rows holding one value (merged title rows such as `DANH SÁCH ĐỀ NGHỊ
KHEN THƯỞNG`, `(Kèm theo Tờ trình số …)`) become paragraphs; runs of rows with several
values become a table whose cells keep their sheet column and merged span. Formulas give
their saved value; one never computed gives a warning, not a guess.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from extractor.ingest.base import RawBlock, RawCell, RawDocument, corrupt, table_row
from extractor.ingest.text_tables import classify_rows
from extractor.model import BlockKind, Format

_MAX_CELLS = 2_000_000  # a sheet larger than this is refused as a data dump, not a document


@dataclass
class Sheet:
    name: str
    hidden: bool
    rows: list[list[tuple[int, str, int]]] = field(default_factory=list)  # (column, text, span) per row
    uncomputed: int = 0  # formula cells with no saved value


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.10g}".replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if not (value.hour or value.minute) else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def _openpyxl_sheets(data: bytes, name: str) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        values = load_workbook(io.BytesIO(data), data_only=True)
        formulas = load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise corrupt(name, "bảng tính Excel .xlsx hỏng") from exc
    out = []
    for ws in values.worksheets:
        fws = formulas[ws.title]
        if (ws.max_row or 0) * (ws.max_column or 0) > _MAX_CELLS:
            raise corrupt(name, f"trang tính '{ws.title}' quá lớn để là một văn bản")
        sheet = Sheet(ws.title, ws.sheet_state != "visible")
        spans = {}
        covered = set()
        for rng in ws.merged_cells.ranges:
            spans[(rng.min_row, rng.min_col)] = rng.max_col - rng.min_col + 1
            covered |= {(r, c) for r in range(rng.min_row, rng.max_row + 1)
                        for c in range(rng.min_col, rng.max_col + 1)} - {(rng.min_row, rng.min_col)}
        for r, row in enumerate(ws.iter_rows(), start=1):
            cells = []
            for c, cell in enumerate(row, start=1):
                if (r, c) in covered:
                    continue
                text = _text(cell.value)
                if not text and isinstance(fws.cell(r, c).value, str) and fws.cell(r, c).value.startswith("="):
                    sheet.uncomputed += 1
                if text:
                    cells.append((c - 1, text, spans.get((r, c), 1)))
            sheet.rows.append(cells)
        out.append(sheet)
    return out


def _xlrd_sheets(data: bytes, name: str) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as exc:
        raise corrupt(name, "bảng tính Excel .xls hỏng") from exc
    out = []
    for ws in book.sheets():
        if ws.nrows * ws.ncols > _MAX_CELLS:
            raise corrupt(name, f"trang tính '{ws.name}' quá lớn để là một văn bản")
        sheet = Sheet(ws.name, ws.visibility != 0)
        spans = {(r0, c0): c1 - c0 for r0, r1, c0, c1 in ws.merged_cells}
        covered = {(r, c) for r0, r1, c0, c1 in ws.merged_cells for r in range(r0, r1) for c in range(c0, c1)}
        covered -= set(spans)
        for r in range(ws.nrows):
            cells = []
            for c in range(ws.ncols):
                if (r, c) in covered:
                    continue
                cell = ws.cell(r, c)
                value = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate_as_datetime(value, book.datemode)
                text = _text(value)
                if text:
                    cells.append((c, text, spans.get((r, c), 1)))
            sheet.rows.append(cells)
        out.append(sheet)
    return out


def _blocks(sheets: list[Sheet]) -> tuple[list[RawBlock], list[str]]:
    blocks: list[RawBlock] = []
    warnings: list[str] = []
    table = 0
    for sheet in sheets:
        if sheet.hidden and any(sheet.rows):
            warnings.append(f"trang tính ẩn '{sheet.name}' cũng đã được đọc")
        if sheet.uncomputed:
            warnings.append(f"trang tính '{sheet.name}': {sheet.uncomputed} ô công thức chưa có giá trị tính sẵn "
                            "(hãy mở và lưu lại tệp bằng Excel để có giá trị)")
        run: list[RawBlock] = []
        for r, cells in enumerate(sheet.rows):
            if len(cells) >= 2:
                run.append(table_row([RawCell(text=t, col=c, span=s) for c, t, s in cells], table, len(run),
                                     paragraph=r, sheet=sheet.name))
                continue
            if run:
                blocks.extend(classify_rows(run))
                table, run = table + 1, []
            if cells:
                blocks.append(RawBlock(text=cells[0][1], paragraph=r, sheet=sheet.name))
        if run:
            blocks.extend(classify_rows(run))
            table += 1
    return blocks, warnings


def read_xlsx(data: bytes, name: str) -> RawDocument:
    sheets = _openpyxl_sheets(data, name)
    blocks, warnings = _blocks(sheets)
    return RawDocument(format=Format.xlsx, blocks=blocks, warnings=warnings, detect_legacy=False)


def read_xls(data: bytes, name: str) -> RawDocument:
    sheets = _xlrd_sheets(data, name)
    blocks, warnings = _blocks(sheets)
    return RawDocument(format=Format.xls, blocks=blocks, warnings=warnings, detect_legacy=False)


__all__ = ["read_xlsx", "read_xls", "BlockKind"]
