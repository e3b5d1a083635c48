"""Vetting (thẩm định) a nomination dossier against the archive and the rules."""
from __future__ import annotations

from enum import Enum

from fastapi import APIRouter, FastAPI, Depends, File, HTTPException, Query, UploadFile
from fastapi.responses import Response

from service.archive import Archive
from service.config import Settings
from service.deps import get_archive, get_settings, require_api_key
from service.routes._common import attachment
from service.vetting.export import to_xlsx
from service.vetting.models import VettingReport
from service.vetting.run import NothingToVet, rules_for, vet_uploads
from service.archive.export import XLSX_TYPE

router = APIRouter(prefix="/api/vetting", tags=["thẩm định"])


def setup(app: FastAPI) -> None:
    """Read the vetting rules at start: a mistake in a province's edited file stops the
    service with the file and key named, not the first vetting with a server error."""
    rules_for(app.state.settings)


class VetFormat(str, Enum):
    json = "json"
    xlsx = "xlsx"


@router.post("", response_model=VettingReport, dependencies=[Depends(require_api_key)],
             summary="Thẩm định hồ sơ đề nghị khen thưởng (tờ trình, danh sách, báo cáo thành tích)",
             responses={200: {"content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
                              "description": "một mục cho mỗi đề nghị; ?format=xlsx: bảng cho Hội đồng"}})
def vet_dossier(files: list[UploadFile] = File(..., description="các tệp của hồ sơ"),
                format: VetFormat = Query(VetFormat.json, description="json hoặc xlsx"),
                archive: Archive = Depends(get_archive), settings: Settings = Depends(get_settings)):
    try:
        report = vet_uploads(files, archive, settings)
    except NothingToVet as exc:
        raise HTTPException(422, exc.detail) from exc
    if format == VetFormat.xlsx:
        return Response(to_xlsx(report), media_type=XLSX_TYPE,
                        headers={"Content-Disposition": attachment("tham-dinh.xlsx")})
    return report
