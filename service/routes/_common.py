"""Shared query parameters and the list → JSON/CSV/xlsx response."""
from __future__ import annotations

import re
import unicodedata
from enum import Enum
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute

from extractor.model import Format
from extractor.records import DocType
from service.archive import Filters, Page
from service.archive.export import CSV_TYPE, XLSX_TYPE, to_csv, to_xlsx

EXPORT_LIMIT = 100_000


class OutFormat(str, Enum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


EXPORT_CONTENT = {
    "application/json": {},
    CSV_TYPE.split(";")[0]: {"schema": {"type": "string"}},
    XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
}


def document_exports(router: APIRouter) -> None:
    """Say in the OpenAPI schema that a list route taking `format` (OutFormat) answers 200
    with JSON, CSV or .xlsx — otherwise its schema claims JSON only. Called by create_app
    for every API router, so a route needs nothing but the parameter."""
    for route in router.routes:
        if not isinstance(route, APIRoute):
            continue
        if any(p.name == "format" and p.field_info.annotation is OutFormat for p in route.dependant.query_params):
            ok = route.responses.setdefault(200, {})
            ok.setdefault("content", {}).update(EXPORT_CONTENT)


def filters(
    year: int | None = Query(None, ge=1900, le=2100, description="năm (kỳ báo cáo, hoặc năm ban hành)"),
    year_from: int | None = Query(None, ge=1900, le=2100, description="từ năm"),
    year_to: int | None = Query(None, ge=1900, le=2100, description="đến năm"),
    doc_type: DocType | None = Query(None, description="loại văn bản"),
    issuer: str | None = Query(None, max_length=200, description="cơ quan ban hành (không phân biệt dấu)"),
    place: str | None = Query(None, max_length=200, description="địa danh"),
    campaign: str | None = Query(None, max_length=200, description="văn bản nhắc tới phong trào này"),
    award: str | None = Query(None, max_length=200, description="văn bản có hình thức khen thưởng này"),
    person: str | None = Query(None, max_length=200, description="văn bản nêu tên người này"),
    file_format: Format | None = Query(None, description="định dạng tệp gốc"),
) -> Filters:
    return Filters(year=year, year_from=year_from, year_to=year_to,
                   doc_type=doc_type.value if doc_type else None, issuer=issuer, place=place,
                   campaign=campaign, award=award, person=person,
                   format=file_format.value if file_format else None)


def paging(page: int = Query(1, ge=1, le=1_000_000, description="trang, từ 1"),
           size: int = Query(20, ge=1, le=200, description="số mục mỗi trang")) -> Page:
    return Page(page, size)


def export_page() -> Page:
    return Page(1, EXPORT_LIMIT)


def attachment(filename: str) -> str:
    """A Content-Disposition header for a download named `filename`: an ASCII fallback
    (`báo cáo.csv` → `bao cao.csv`) and the exact UTF-8 name in filename*. A header must be
    Latin-1, so a Vietnamese name put there raw fails the response."""
    plain = unicodedata.normalize("NFKD", filename.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = re.sub(r"[^A-Za-z0-9._ ()-]", "_", plain).strip() or "tdkt"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


def tabular(result: dict[str, Any], columns: list[str], fmt: OutFormat, name: str) -> Response:
    if fmt == OutFormat.json:
        return JSONResponse(result)
    rows = result["items"]
    if fmt == OutFormat.csv:
        body, media, ext = to_csv(columns, rows), CSV_TYPE, "csv"
    else:
        body, media, ext = to_xlsx(columns, rows, sheet=name), XLSX_TYPE, "xlsx"
    filename = f"tdkt-{name}.{ext}"
    return Response(body, media_type=media, headers={"Content-Disposition": attachment(filename)})
