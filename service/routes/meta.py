"""Service status."""
from __future__ import annotations

from fastapi import APIRouter, Depends

from service.archive import Archive
from service.archive.db import current_revision
from service.deps import get_archive

router = APIRouter(prefix="/api", tags=["hệ thống"])


@router.get("/health", summary="Tình trạng dịch vụ và kho lưu trữ")
def health(archive: Archive = Depends(get_archive)) -> dict:
    return {"status": "ok", "database": archive.dialect, "schema": current_revision(archive.engine),
            "documents": archive.count()}
