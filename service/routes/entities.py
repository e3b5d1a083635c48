"""Cross-archive lists: campaigns, awards, people, indicators — each filterable, with counts
per year, per issuer and per name, and exportable."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from extractor.records import AwardStatus
from service.archive import Archive, Filters, Page
from service.archive import queries as q
from service.deps import get_archive
from service.routes._common import OutFormat, export_page, filters, paging, tabular

router = APIRouter(prefix="/api", tags=["thống kê"])

Q = Query(None, max_length=200, description="lọc theo tên (không phân biệt dấu)")


def _respond(archive: Archive, kind: str, text: str | None, f: Filters, page: Page, fmt: OutFormat,
             extra: dict | None = None):
    exporting = fmt != OutFormat.json
    with archive.session() as s:
        result = q.list_entities(s, kind, text, f, export_page() if exporting else page, extra,
                                 counts=not exporting)
    return tabular(result, q.entity_columns(kind), fmt, kind)


@router.get("/campaigns", summary="Phong trào thi đua được nhắc tới")
def campaigns(q_: str | None = Query(None, alias="q", max_length=200, description="tên phong trào"),
              f: Filters = Depends(filters), page: Page = Depends(paging), format: OutFormat = OutFormat.json,
              archive: Archive = Depends(get_archive)):
    return _respond(archive, "campaigns", q_, f, page, format)


@router.get("/awards", summary="Hình thức khen thưởng")
def awards(q_: str | None = Query(None, alias="q", max_length=200, description="hình thức hoặc người/đơn vị nhận"),
           status: AwardStatus | None = Query(None, description="granted: đã khen; proposed: đề nghị"),
           grade: str | None = Query(None, max_length=50, description="hạng"),
           f: Filters = Depends(filters), page: Page = Depends(paging), format: OutFormat = OutFormat.json,
           archive: Archive = Depends(get_archive)):
    return _respond(archive, "awards", q_, f, page, format,
                    {"status": status.value if status else None, "grade": grade})


@router.get("/people", summary="Cá nhân được nêu tên")
def people(q_: str | None = Query(None, alias="q", max_length=200, description="tên hoặc địa danh"),
           f: Filters = Depends(filters), page: Page = Depends(paging), format: OutFormat = OutFormat.json,
           archive: Archive = Depends(get_archive)):
    return _respond(archive, "people", q_, f, page, format)


@router.get("/indicators", summary="Chỉ tiêu, số liệu")
def indicators(q_: str | None = Query(None, alias="q", max_length=200, description="nội dung chỉ tiêu"),
               unit: str | None = Query(None, max_length=50, description="đơn vị tính"),
               f: Filters = Depends(filters), page: Page = Depends(paging), format: OutFormat = OutFormat.json,
               archive: Archive = Depends(get_archive)):
    return _respond(archive, "indicators", q_, f, page, format, {"unit": unit})
