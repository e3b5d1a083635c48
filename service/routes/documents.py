"""Upload, list, fetch, download and delete documents."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, HTTPException, Path, Response, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel

from service.archive import Archive, Filters, Page
from service.archive import queries as q
from service.archive.store import SUMMARY_FIELDS
from service.config import Settings
from service.deps import get_archive, get_settings, require_api_key
from service.errors import ErrorBody
from service.routes._common import OutFormat, export_page, filters, paging, tabular
from service.uploads import UploadError, read_uploads

router = APIRouter(prefix="/api/documents", tags=["văn bản"])

DocId = Path(..., ge=1, le=2**31 - 1, description="mã văn bản")


class UploadedDocument(BaseModel):
    id: int
    filename: str
    sha256: str
    duplicate: bool  # the same bytes were already stored: this is that document
    document: dict[str, Any]
    record: dict[str, Any]


class UploadResponse(BaseModel):
    stored: int
    duplicates: int
    documents: list[UploadedDocument]


@router.post("", response_model=UploadResponse, status_code=201, dependencies=[Depends(require_api_key)],
             summary="Tải lên một hoặc nhiều báo cáo",
             responses={200: {"model": UploadResponse, "description": "mọi tệp đã có trong kho"},
                        503: {"model": ErrorBody, "description": "thiếu công cụ chuyển đổi định dạng trên máy chủ"}})
def upload(response: Response, files: list[UploadFile] = File(..., description="các tệp báo cáo"),
           archive: Archive = Depends(get_archive), settings: Settings = Depends(get_settings)) -> UploadResponse:
    try:
        items = read_uploads(files, settings.max_upload_bytes, settings.max_files_per_upload)
    except UploadError as exc:
        raise HTTPException(exc.status, exc.detail) from exc
    stored = archive.add_many(items)
    docs = [UploadedDocument(id=s.document["id"], filename=s.document["filename"], sha256=s.document["sha256"],
                             duplicate=s.duplicate, document=s.document, record=s.record) for s in stored]
    fresh = sum(not s.duplicate for s in stored)
    if not fresh:
        response.status_code = 200
    return UploadResponse(stored=fresh, duplicates=len(stored) - fresh, documents=docs)


@router.get("", summary="Danh sách văn bản (lọc, phân trang, xuất CSV/xlsx)")
def list_documents(f: Filters = Depends(filters), page: Page = Depends(paging),
                   sort: q.SortKey = q.SortKey.newest, format: OutFormat = OutFormat.json,
                   archive: Archive = Depends(get_archive)):
    exporting = format != OutFormat.json
    with archive.session() as s:
        total, items = q.list_documents(s, f, export_page() if exporting else page, sort.value)
    result = {"total": total, "page": page.page, "size": page.size, "items": items}
    return tabular(result, list(SUMMARY_FIELDS), format, "van-ban")


@router.get("/{doc_id}", summary="Bản ghi đầy đủ của một văn bản")
def get_document(doc_id: int = DocId, archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    doc = archive.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"Không có văn bản mã {doc_id}.")
    return {"document": doc, "record": archive.record(doc_id)}


@router.get("/{doc_id}/file", summary="Tệp gốc đã tải lên", response_class=FileResponse)
def get_file(doc_id: int = DocId, archive: Archive = Depends(get_archive)):
    found = archive.file(doc_id)
    if found is None:
        raise HTTPException(404, f"Không có tệp gốc của văn bản mã {doc_id}.")
    path, filename, media = found
    return FileResponse(path, media_type=media, filename=filename,
                        headers={"X-Content-Type-Options": "nosniff"})


@router.delete("/{doc_id}", dependencies=[Depends(require_api_key)], summary="Xóa một văn bản")
def delete_document(doc_id: int = DocId, archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    if not archive.delete(doc_id):
        raise HTTPException(404, f"Không có văn bản mã {doc_id}.")
    return {"id": doc_id, "deleted": True, "detail": f"Đã xóa văn bản mã {doc_id}."}
