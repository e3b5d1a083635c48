"""Full-text search across the archive."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from service.archive import Archive, Filters, Page
from service.archive import queries as q
from service.archive.store import SUMMARY_FIELDS
from service.deps import get_archive
from service.routes._common import OutFormat, export_page, filters, paging, tabular

router = APIRouter(prefix="/api", tags=["tìm kiếm"])


@router.get("/search", summary="Tìm kiếm toàn văn (không phân biệt dấu, chữ hoa)")
def search(q_: str | None = Query(None, alias="q", max_length=500,
                                  description='từ khóa; "cụm từ" trong ngoặc kép; tiền tố với *'),
           f: Filters = Depends(filters), page: Page = Depends(paging),
           facets: bool = Query(True, description="kèm số đếm theo năm, loại, cơ quan, …"),
           format: OutFormat = OutFormat.json, archive: Archive = Depends(get_archive)):
    exporting = format != OutFormat.json
    with archive.session() as s:
        result = q.search(s, q_, f, export_page() if exporting else page,
                          facets=facets and not exporting, snippets=not exporting,
                          index=archive.facet_index, ranker=archive.term_ranker)
    if exporting:
        result.update(page=page.page, size=page.size)
    return tabular(result, [*SUMMARY_FIELDS, "score"], format, "tim-kiem")
