"""Upload, list, fetch, download and delete documents."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, HTTPException, Path, UploadFile
from fastapi.responses import FileResponse

from service.archive import Archive, Filters, Page
from service.archive import queries as q
from service.archive.store import SUMMARY_FIELDS
from service.config import Settings
from service.deps import get_archive, get_jobs, get_queue, get_settings, require_api_key
from service.jobs.queue import JobQueue
from service.jobs.store import JobStore
from service.jobs.submit import submit_files
from service.routes._common import OutFormat, export_page, filters, paging, tabular
from service.routes.jobs import UploadAccepted
from service.uploads import UploadError

router = APIRouter(prefix="/api/documents", tags=["văn bản"])

DocId = Path(..., ge=1, le=2**31 - 1, description="mã văn bản")


@router.post("", response_model=UploadAccepted, status_code=202, dependencies=[Depends(require_api_key)],
             summary="Tải lên một hoặc nhiều báo cáo (mỗi tệp một việc xử lý)",
             description="Trả lời ngay: mỗi tệp một việc (`jobs`), theo dõi ở GET /api/jobs/{id}. Tệp rỗng "
                         "hoặc quá lớn bị từ chối ngay (việc ở trạng thái failed, có lý do); tệp đã có trong "
                         "kho trả về văn bản đã lưu (done, duplicate); tệp đang được xử lý nhập vào việc đó.")
def upload(files: list[UploadFile] = File(..., description="các tệp báo cáo"),
           jobs: JobStore = Depends(get_jobs), queue: JobQueue = Depends(get_queue),
           settings: Settings = Depends(get_settings)) -> UploadAccepted:
    try:
        accepted = submit_files(files, jobs, queue, limit=settings.max_upload_bytes,
                                max_files=settings.max_files_per_upload)
    except UploadError as exc:
        raise HTTPException(exc.status, exc.detail) from exc
    return UploadAccepted.of(accepted)


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
