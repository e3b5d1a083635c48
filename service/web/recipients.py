"""Pages of the award history and the vetting: recipient search (`/ho-so`), a recipient's
Hồ sơ thành tích (`/ho-so/{id}`: timeline by year, links into each source document at its
span) and the vetting page (`/tham-dinh`: a dossier in, a printable table of verdicts out,
with its .xlsx). Forms work without JavaScript."""
from __future__ import annotations

import base64

from fastapi import APIRouter, Depends, File, HTTPException, Path as PathParam, Query, Request, UploadFile
from fastapi.responses import HTMLResponse

from service.archive import Archive
from service.config import Settings
from service.deps import get_archive, get_settings, require_api_key
from service.recipients import queries as rq
from service.vetting.export import to_xlsx
from service.vetting.models import OUTCOME_LABELS, VERDICT_LABELS
from service.vetting.run import NothingToVet, vet_uploads
from service.web._render import page_url
from service.web.pages import PageNo, page

router = APIRouter(include_in_schema=False)

RecipientId = PathParam(..., ge=1, le=2**31 - 1)
STATUS_LABELS = {"granted": "đã khen", "proposed": "đề nghị", "claimed": "tự khai"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/ho-so", response_class=HTMLResponse)
def recipients_page(request: Request, q_: str | None = Query(None, alias="q", max_length=200),
                    kind: str | None = Query(None, max_length=20, pattern=r"^(ca_nhan|tap_the|ho_gia_dinh)?$"),
                    place: str | None = Query(None, max_length=200), pg: int = PageNo,
                    archive: Archive = Depends(get_archive)) -> HTMLResponse:
    f = rq.RecipientFilters(q=q_ or None, kind=kind or None, place=place or None)
    with archive.session() as s:
        result = rq.search(s, f, pg, 30, arrays=archive.recipient_index(s))
    params = {"q": q_, "kind": kind, "place": place}
    facets = [
        {"heading": "Loại", "entries": [{"label": e["label"], "count": e["count"], "active": e["value"] == kind,
                                          "href": page_url("/ho-so", {**params, "kind": e["value"]})}
                                         for e in result["facets"]["kind"]]},
        {"heading": "Địa bàn", "entries": [{"label": e["value"] or "Không rõ địa bàn", "count": e["count"],
                                             "active": e["value"] == place and place is not None,
                                             "href": page_url("/ho-so", {**params, "place": e["value"]}) if e["value"] else None}
                                            for e in result["facets"]["place"]]},
    ]
    pages = (result["total"] + 29) // 30
    return page(request, "recipients.html", active="ho-so", q=q_ or "", result=result, facets=facets,
                filters={k: v for k, v in params.items() if v and k != "q"}, clear_href=page_url("/ho-so", {"q": q_}),
                prev_href=page_url("/ho-so", {**params, "trang": pg - 1}) if pg > 1 else None,
                next_href=page_url("/ho-so", {**params, "trang": pg + 1}) if pg < pages else None,
                kinds=rq.KINDS)


@router.get("/ho-so/{recipient_id}", response_class=HTMLResponse)
def recipient_page(request: Request, recipient_id: int = RecipientId,
                   archive: Archive = Depends(get_archive)) -> HTMLResponse:
    with archive.session() as s:
        found = rq.profile(s, recipient_id)
    if found is None:
        raise HTTPException(404, f"Không tìm thấy người hoặc tập thể mã {recipient_id} trong kho.")
    return page(request, "recipient.html", active="ho-so", r=found, timeline=rq.timeline(found["awards"]),
                status_labels=STATUS_LABELS)


@router.get("/tham-dinh", response_class=HTMLResponse)
def vetting_form(request: Request) -> HTMLResponse:
    return page(request, "vetting.html", active="tham-dinh", report=None)


@router.post("/tham-dinh", response_class=HTMLResponse, dependencies=[Depends(require_api_key)])
def vetting_result(request: Request, files: list[UploadFile] = File(...), archive: Archive = Depends(get_archive),
                   settings: Settings = Depends(get_settings)) -> HTMLResponse:
    try:
        report = vet_uploads(files, archive, settings)
    except NothingToVet as exc:
        raise HTTPException(422, exc.detail) from exc
    # The .xlsx rides in the page as a data link: it downloads without sending the dossier again.
    xlsx = f"data:{XLSX};base64," + base64.b64encode(to_xlsx(report)).decode("ascii")
    return page(request, "vetting.html", active="tham-dinh", report=report, xlsx=xlsx, counts=report.counts(),
                verdicts=VERDICT_LABELS, outcomes=OUTCOME_LABELS)
