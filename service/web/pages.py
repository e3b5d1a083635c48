"""The Vietnamese web pages: upload, document, archive search, campaigns/awards/people.
Server-rendered Jinja2 with a little vanilla JS; every asset is in service/web/static."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, File, HTTPException, Path as PathParam, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import Field
from sqlalchemy import func, select

from extractor.records import Extraction
from service.archive import Archive, Filters, Page
from service.archive import models as m
from service.archive import queries as q
from service.archive.export import to_csv, to_xlsx
from service.config import Settings
from service import auth
from service.deps import get_archive, get_jobs, get_queue, get_settings, require_api_key
from service.jobs.queue import JobQueue
from service.jobs.store import JobStore
from service.jobs.submit import submit_files
from service.routes._common import attachment
from service.routes.audit import report_for
from service.uploads import UploadError
from service.web._render import (FINDING_COLOURS, HIGHLIGHTS, facet_groups, page_url, section_tree, stacked_bars_svg,
                                  text_html)

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(HIGHLIGHTS=HIGHLIGHTS, FINDING_COLOURS=FINDING_COLOURS)
router = APIRouter(include_in_schema=False)

# Bounds as on the API: a number past them is a 422, never an integer the database cannot hold.
DocId = PathParam(..., ge=1, le=2**31 - 1, description="mã văn bản")
PageNo = Query(1, alias="trang", ge=1, le=1_000_000)

DOC_TYPES = {"bao_cao_tong_ket": "Báo cáo tổng kết", "bao_cao_so_ket": "Báo cáo sơ kết", "phat_dong": "Phát động thi đua",
             "tin_bai": "Tin bài", "bao_cao_thanh_tich": "Báo cáo thành tích", "ke_hoach": "Kế hoạch",
             "huong_dan": "Hướng dẫn", "quyet_dinh": "Quyết định", "khac": "Khác"}
templates.env.globals["DOC_TYPES"] = DOC_TYPES
ENTITY_PAGES = {
    "phong-trao": ("campaigns", "Phong trào thi đua", "Tên phong trào"),
    "khen-thuong": ("awards", "Khen thưởng", "Hình thức hoặc người, đơn vị nhận"),
    "ca-nhan": ("people", "Cá nhân điển hình", "Họ tên hoặc địa danh"),
}
templates.env.globals["ENTITY_PAGES"] = ENTITY_PAGES


def auth_state(request: Request) -> dict[str, Any]:
    """What the pages show about sign-in: whether a key is required, whether this browser is
    signed in, and the CSRF token its forms carry."""
    settings: Settings = request.app.state.settings
    if not settings.api_key:
        return {"required": False, "signed_in": False, "csrf": None}
    return {"required": True, "signed_in": auth.signed_in(request), "csrf": auth.csrf_token(request)}


templates.env.globals["auth_state"] = auth_state


def setup(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")


def page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def upload_page(request: Request) -> HTMLResponse:
    return page(request, "upload.html", active="upload")


def progress_page(request: Request, jobs: list[dict]) -> HTMLResponse:
    """The jobs of a no-JavaScript upload; refreshes itself while any is unfinished."""
    pending = any(j["state"] in ("queued", "running") for j in jobs)
    refresh = "/tai-len/tien-do?" + "&".join(f"ma={j['id']}" for j in jobs) if pending else None
    return page(request, "upload.html", active="upload", jobs=jobs, refresh_url=refresh)


@router.post("/tai-len", response_class=HTMLResponse, dependencies=[Depends(require_api_key)])
def upload_form(request: Request, files: list[UploadFile] = File(...), jobs: JobStore = Depends(get_jobs),
                queue: JobQueue = Depends(get_queue), settings: Settings = Depends(get_settings)) -> HTMLResponse:
    """The upload form sent without JavaScript (upload.js sends each file to the API
    instead): the same jobs as POST /api/documents, answered with a page that follows them."""
    try:
        accepted = submit_files(files, jobs, queue, limit=settings.max_upload_bytes,
                                max_files=settings.max_files_per_upload)
    except UploadError as exc:
        raise HTTPException(exc.status, exc.detail) from exc
    return progress_page(request, accepted)


@router.get("/tai-len/tien-do", response_class=HTMLResponse)
def upload_progress(request: Request, ma: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Query(..., max_length=200),
                    jobs: JobStore = Depends(get_jobs)) -> HTMLResponse:
    order = {job_id: i for i, job_id in enumerate(dict.fromkeys(ma))}
    found = sorted(jobs.many(order), key=lambda j: order[j["id"]])
    if not found:
        raise HTTPException(404, "Không tìm thấy việc xử lý nào với các mã này.")
    return progress_page(request, found)


def _record(archive: Archive, doc_id: int) -> tuple[dict, Extraction]:
    doc = archive.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"Không tìm thấy văn bản mã {doc_id}.")
    return doc, Extraction.model_validate(archive.record(doc_id))


@router.get("/van-ban/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: int = DocId, archive: Archive = Depends(get_archive),
                  doan: str | None = Query(None, max_length=24, pattern=r"^\d{1,9}-\d{1,9}$")) -> HTMLResponse:
    doc, record = _record(archive, doc_id)
    report = report_for(archive, doc_id)
    anchors: dict[int, list[str]] = {}
    quote = quoted_span(record, doan)  # a link from a recipient's history: `?doan=START-END#doan`
    if quote:
        anchors.setdefault(quote["start"], []).append("doan")
    for s in record.sections:
        anchors.setdefault(s.heading.start, []).append(f"s-{s.id}")
    for i, f in enumerate(report.findings):
        if f.location:
            anchors.setdefault(f.location.start, []).append(f"f-{i}")
    return page(request, "document.html", active="archive", doc=doc, record=record, report=report,
                text=text_html(record, anchors), tree=section_tree(record), rows=table_rows(record), quote=quote)


def quoted_span(record: Extraction, doan: str | None) -> dict | None:
    """The span `START-END` of the text, when it lies inside it."""
    if not doan:
        return None
    start, end = (int(x) for x in doan.split("-"))
    if not 0 <= start < end <= len(record.text):
        return None
    return {"start": start, "end": end, "text": record.text[start:end]}


@router.post("/van-ban/{doc_id}/xoa", response_class=HTMLResponse, dependencies=[Depends(require_api_key)])
def delete_form(request: Request, doc_id: int = DocId, archive: Archive = Depends(get_archive)) -> HTMLResponse:
    """The document page's delete button (a form: with a key set, the signed-in session and
    its CSRF token authorise it)."""
    doc = archive.get(doc_id)
    if doc is None or not archive.delete(doc_id):
        raise HTTPException(404, f"Không tìm thấy văn bản mã {doc_id}.")
    return page(request, "deleted.html", active="archive", doc=doc)


def _num(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",")


def table_rows(record: Extraction) -> dict[str, list[dict]]:
    """The cells of each item table; the first cell links to the item in the text."""
    status = {"granted": "đã khen", "proposed": "đề nghị"}
    return {
        "indicator": [{"index": i, "cells": [x.text, _num(x.value), x.unit, _num(x.of),
                                              x.comparison.text if x.comparison else None]}
                      for i, x in enumerate(record.indicators)],
        "campaign": [{"index": i, "cells": [c.name, c.canonical, len(c.spans)]} for i, c in enumerate(record.campaigns)],
        "award": [{"index": i, "cells": [a.span.text, a.award, a.grade, a.authority, a.recipient, a.count,
                                          status.get(a.status.value, a.status.value)]} for i, a in enumerate(record.awards)],
        "person": [{"index": i, "cells": [p.name, p.honorific, p.role, p.place]} for i, p in enumerate(record.people)],
    }


ITEM_COLUMNS = ["kind", "text", "value", "unit", "of", "name", "award", "grade", "authority", "recipient",
                "count", "status", "role", "place", "start", "end", "section"]


def record_rows(record: Extraction) -> list[dict]:
    """One row per extracted item, in one table, for the CSV and .xlsx downloads."""
    rows = [{"kind": "chỉ tiêu", "text": i.text, "value": i.value, "unit": i.unit, "of": i.of,
             "start": i.span.start, "end": i.span.end, "section": i.span.section} for i in record.indicators]
    rows += [{"kind": "phong trào", "name": c.name, "text": c.spans[0].text if c.spans else c.name,
              "start": c.spans[0].start if c.spans else None, "end": c.spans[0].end if c.spans else None,
              "section": c.spans[0].section if c.spans else None} for c in record.campaigns]
    rows += [{"kind": "khen thưởng", "award": a.award, "grade": a.grade, "authority": a.authority,
              "recipient": a.recipient, "count": a.count, "status": a.status.value, "text": a.span.text,
              "start": a.span.start, "end": a.span.end, "section": a.span.section} for a in record.awards]
    rows += [{"kind": "cá nhân", "name": p.name, "role": p.role, "place": p.place, "text": p.span.text,
              "start": p.span.start, "end": p.span.end, "section": p.span.section} for p in record.people]
    return rows


@router.get("/van-ban/{doc_id}/tai-ve.{fmt}")
def download_record(fmt: str, doc_id: int = DocId, archive: Archive = Depends(get_archive)) -> Response:
    doc, record = _record(archive, doc_id)
    stem = Path(doc["filename"]).stem or f"van-ban-{doc_id}"
    if fmt == "json":
        body, media = record.model_dump_json(indent=2).encode("utf-8"), "application/json"
    elif fmt == "csv":
        body, media = to_csv(ITEM_COLUMNS, record_rows(record)), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = to_xlsx(ITEM_COLUMNS, record_rows(record), sheet="tdkt")
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise HTTPException(404, "Định dạng tải về phải là json, csv hoặc xlsx.")
    return Response(body, media_type=media, headers={"Content-Disposition": attachment(f"{stem}.{fmt}")})


@router.get("/tra-cuu", response_class=HTMLResponse)
def archive_page(request: Request, q_: str | None = Query(None, alias="q", max_length=500),
                 year: int | None = Query(None, ge=1900, le=2100), doc_type: str | None = Query(None, max_length=200),
                 award: str | None = Query(None, max_length=200), campaign: str | None = Query(None, max_length=200),
                 pg: int = PageNo,
                 archive: Archive = Depends(get_archive)) -> HTMLResponse:
    filters = Filters(year=year, doc_type=doc_type or None, award=award or None, campaign=campaign or None)
    with archive.session() as s:
        result = q.search(s, q_, filters, Page(pg, 20), index=archive.facet_index, ranker=archive.term_ranker)
    active_filters = {k: v for k, v in {"year": year, "doc_type": doc_type, "award": award, "campaign": campaign}.items() if v}
    params = {"q": q_, **active_filters}
    return page(request, "archive.html", active="archive", q=q_ or "", result=result, filters=active_filters,
                facets=facet_groups(result.get("facets"), "/tra-cuu", params, {"doc_type": DOC_TYPES}),
                clear_href=page_url("/tra-cuu", {"q": q_}))


# "Khen thưởng" counts every kind at once (3.616 tập thể …); in a chart by kind it would
# dwarf the kinds it sums, so the chart leaves it out and says so.
AGGREGATE_AWARD = "Khen thưởng"


def awards_by_year(archive: Archive) -> list[tuple[int, str, int]]:
    with archive.session() as s:
        stmt = (select(m.Award.year, m.Award.award, func.sum(func.coalesce(m.Award.count, 1)))
                .where(m.Award.year.is_not(None), m.Award.award != AGGREGATE_AWARD)
                .group_by(m.Award.year, m.Award.award))
        return [(int(y), a, int(n)) for y, a, n in s.execute(stmt)]


def entity_page(request: Request, slug: str, q_: str | None, pg: int, archive: Archive) -> HTMLResponse:
    kind, title, field_label = ENTITY_PAGES[slug]
    with archive.session() as s:
        result = q.list_entities(s, kind, q_, Filters(), Page(pg, 50))
    chart = stacked_bars_svg(awards_by_year(archive), "Số khen thưởng theo năm, theo hình thức") if kind == "awards" else ""
    return page(request, "entities.html", active=slug, kind=kind, title=title, field_label=field_label,
                q=q_ or "", result=result, chart=chart, slug=slug, years=years_newest_first(result.get("counts", {}).get("year", [])))


def years_newest_first(counts: list[dict]) -> list[dict]:
    """Per-year counts, newest first, the count of items with no year last (a year-less
    document made the template's own sort compare None with a year)."""
    return sorted(counts, key=lambda c: (c["value"] is None, -(c["value"] or 0)))


def _entity_route(slug: str):
    def handler(request: Request, q_: str | None = Query(None, alias="q", max_length=200),
                pg: int = PageNo, archive: Archive = Depends(get_archive)) -> HTMLResponse:
        return entity_page(request, slug, q_, pg, archive)
    return handler


for _slug in ENTITY_PAGES:
    router.add_api_route(f"/{_slug}", _entity_route(_slug), response_class=HTMLResponse, methods=["GET"])
