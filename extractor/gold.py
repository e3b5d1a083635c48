"""The ANNOTATION.md projection of a record: the shape gold files have."""
from __future__ import annotations

from typing import Any

from extractor.records import Extraction


def _metadata(record: Extraction) -> dict[str, Any]:
    m = record.metadata
    return {
        "doc_type": m.doc_type.value,
        "title": m.title,
        "number": m.number,
        "issuer": m.issuer,
        "place": m.place,
        "date": m.date,
        "period": m.period.model_dump() if m.period else None,
        "signer": {"name": m.signer.name, "title": m.signer.title} if m.signer else {"name": None, "title": None},
        "author": m.author,
    }


def _indicator(ind) -> dict[str, Any]:
    out: dict[str, Any] = {"text": ind.text, "value": ind.value, "unit": ind.unit}
    if ind.of is not None:
        out["of"] = ind.of
    return out


def _award(a) -> dict[str, Any]:
    return {"award": a.award, "grade": a.grade, "authority": a.authority, "recipient": a.recipient,
            "count": a.count, "status": a.status.value,
            "recipient_type": a.recipient_type.value if a.recipient_type else None,
            "year": a.year, "decision": a.decision, "role": a.role}


def to_gold(record: Extraction) -> dict[str, Any]:
    """Project `record` onto the gold format (ANNOTATION.md, v1.2)."""
    return {
        "doc": record.document.source,
        "notes": "",
        "metadata": _metadata(record),
        "sections": [{"number": s.number, "title": s.title, "level": s.level} for s in record.sections],
        "indicators": [_indicator(i) for i in record.indicators],
        "campaigns": [c.name for c in record.campaigns],
        "awards": [_award(a) for a in record.awards],
        "people": [
            {"name": p.name, "honorific": p.honorific, "role": p.role, "place": p.place}
            for p in record.people
        ],
    }
