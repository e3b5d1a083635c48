"""Recipients across the archive: search with facets, and each one's award history."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from extractor.records import RecipientType
from service.archive import Archive
from service.deps import get_archive
from service.recipients import queries as rq
from service.routes._common import EXPORT_LIMIT, OutFormat, tabular

router = APIRouter(prefix="/api/recipients", tags=["hồ sơ thành tích"])

RecipientId = Path(..., ge=1, le=2**31 - 1, description="mã người/tập thể nhận khen thưởng")


@router.get("", summary="Tìm người, tập thể được khen thưởng (không phân biệt dấu)")
def search_recipients(q: str | None = Query(None, max_length=200, description="họ tên, đơn vị, địa bàn; không cần dấu"),
                      kind: RecipientType | None = Query(None, description="cá nhân, tập thể, hộ gia đình"),
                      place: str | None = Query(None, max_length=200, description="địa bàn (giá trị của facet place)"),
                      page: int = Query(1, ge=1, le=1_000_000, description="trang, từ 1"),
                      size: int = Query(20, ge=1, le=200, description="số mục mỗi trang"),
                      format: OutFormat = OutFormat.json, archive: Archive = Depends(get_archive)):
    exporting = format != OutFormat.json
    f = rq.RecipientFilters(q=q, kind=kind.value if kind else None, place=place or None)
    with archive.session() as s:
        result = rq.search(s, f, 1 if exporting else page, EXPORT_LIMIT if exporting else size, facets=not exporting,
                           arrays=archive.recipient_index(s))
    return tabular(result, list(rq.ITEM_FIELDS), format, "nguoi-nhan")


@router.get("/{recipient_id}", summary="Hồ sơ thành tích: các khen thưởng theo năm, kèm văn bản và đoạn nguồn")
def get_recipient(recipient_id: int = RecipientId, archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    with archive.session() as s:
        found = rq.profile(s, recipient_id)
    if found is None:
        raise HTTPException(404, f"Không có người/tập thể mã {recipient_id} trong kho.")
    return found
