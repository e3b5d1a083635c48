"""Audit findings over the API: one document's findings, and documents by finding.

Findings are computed on demand from the stored record (the audit is fast, and rules and
profiles can change without a migration), memoised per document hash."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from extractor.audit import AuditReport, Severity, audit, rule_catalogue
from extractor.records import Extraction
from service.archive import Archive
from service.deps import get_archive

router = APIRouter(prefix="/api", tags=["kiểm tra"])

DocId = Path(..., ge=1, le=2**31 - 1, description="mã văn bản")
_CACHE_MAX = 2048
_cache: dict[tuple[int, str], AuditReport] = {}


def report_for(archive: Archive, doc_id: int) -> AuditReport | None:
    summary = archive.get(doc_id)
    if summary is None:
        return None
    key = (doc_id, summary["sha256"])
    if key not in _cache:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[key] = audit(Extraction.model_validate(archive.record(doc_id)))
    return _cache[key]


def report_json(doc_id: int, report: AuditReport) -> dict[str, Any]:
    return {"document_id": doc_id, **report.model_dump(mode="json"), "counts": report.counts()}


@router.get("/documents/{doc_id}/audit", summary="Kết quả kiểm tra một văn bản")
def document_audit(doc_id: int = DocId, archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    report = report_for(archive, doc_id)
    if report is None:
        raise HTTPException(404, f"Không có văn bản mã {doc_id}.")
    return report_json(doc_id, report)


@router.get("/audit/rules", summary="Danh mục quy tắc kiểm tra")
def rules() -> list[dict[str, str]]:
    return [{"id": r.id, "name": r.name, "severity": r.severity.value, "severity_label": r.severity.label}
            for r in rule_catalogue().values()]


@router.get("/audit/findings", summary="Các văn bản có một loại phát hiện")
def documents_by_finding(
        rule: str | None = Query(None, max_length=64, description="mã quy tắc, ví dụ header.number_blank"),
        severity: Severity | None = Query(None, description="mức độ: error, warning, hint"),
        archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    if rule and rule not in rule_catalogue():
        raise HTTPException(422, f"Không có quy tắc '{rule}'.")
    from service.archive import queries as q
    from service.archive.queries import Filters, Page

    items = []
    with archive.session() as s:
        total, docs = q.list_documents(s, Filters(), Page(1, 10_000))
    for doc in docs:
        report = report_for(archive, doc["id"])
        hits = [f for f in report.findings if (not rule or f.rule == rule) and (not severity or f.severity == severity)]
        if hits:
            items.append({"document": doc, "count": len(hits), "findings": [h.model_dump(mode="json") for h in hits]})
    return {"rule": rule, "severity": severity.value if severity else None, "total": len(items), "items": items}
