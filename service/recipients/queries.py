"""Reading the recipient index: accent-free search with facets, and a recipient's profile
(award history by year, each entry with the documents and spans that state it, and the
candidate links to recipients that may be the same)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import column, func, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from service.archive import models as m
from service.recipients import names
from service.recipients.facets import RecipientArrays

R = m.Recipient
RA = m.RecipientAward
_WORD = re.compile(r"[^\W_]+")
ITEM_FIELDS = ("id", "name", "kind", "role", "place", "award_count", "first_year", "last_year")
KINDS = {"ca_nhan": "Cá nhân", "tap_the": "Tập thể", "ho_gia_dinh": "Hộ gia đình"}
PLACE_FACETS = 20


@dataclass
class RecipientFilters:
    q: str | None = None
    kind: str | None = None
    place: str | None = None


def query_words(q: str | None) -> list[str]:
    """Folded words of the query with abbreviations written out (`ubnd` finds `Ủy ban nhân dân`)."""
    return _WORD.findall(names.expand(q)) if q else []


def _matching_ids(s: Session, words: list[str]):
    """A subquery of the ids whose search key holds every word as a word prefix."""
    if s.get_bind().dialect.name == "sqlite":
        fts = table("recipients_fts", column("rowid"))
        match = " ".join(f'"{w}"*' for w in words)
        return select(fts.c.rowid).where(text("recipients_fts MATCH :q").bindparams(q=match))
    tsq = " & ".join(f"{w}:*" for w in words)
    return select(R.id).where(literal_column("search_vector").op("@@")(func.to_tsquery("simple", tsq)))


def search(s: Session, f: RecipientFilters, page: int = 1, size: int = 20, facets: bool = True,
           arrays: RecipientArrays | None = None) -> dict[str, Any]:
    """Recipients matching `f`: exact name matches first, then most awards, then by name;
    counts per kind and per place over all matches. `arrays`: the archive's in-memory
    columns (facets.py), read here when not given."""
    if arrays is None:
        arrays = RecipientArrays.build(s, -1)
    words = query_words(f.q)
    ids = None
    if words:
        rows = s.connection().execute(_matching_ids(s, words)).cursor.fetchall()
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    pos = arrays.filter(arrays.positions(ids), f.kind, f.place)
    exact = names.key(f.q) if f.q else ""
    first = np.array(list(s.scalars(select(R.id).where(R.name_key == exact))), dtype=np.int64) if exact else np.empty(0)
    page_ids = arrays.page(pos, first, (page - 1) * size, size)
    found = {r.id: dict(zip(ITEM_FIELDS, r)) for r in s.execute(
        select(*(getattr(R, c) for c in ITEM_FIELDS)).where(R.id.in_(page_ids)))} if page_ids else {}
    out: dict[str, Any] = {"total": int(len(pos)), "page": page, "size": size,
                           "items": [found[i] for i in page_ids if i in found]}
    if facets:
        out["facets"] = {
            "kind": [{"value": k, "label": KINDS.get(k, k), "count": n} for k, n in arrays.facet(pos, "kind", 10)],
            "place": [{"value": p, "count": n} for p, n in arrays.facet(pos, "place", PLACE_FACETS)],
        }
    return out


def span_link(document_id: int, start: int, end: int) -> str:
    """The document page at the span: the page marks it and scrolls there (`#doan`)."""
    return f"/van-ban/{document_id}?doan={start}-{end}#doan"


def _entry_key(a) -> tuple:
    return (a.year, a.award_key, (a.grade or "").casefold(), a.status, a.source == "past_titles",
            a.decision_key or None)


def profile(s: Session, recipient_id: int) -> dict[str, Any] | None:
    r = s.get(R, recipient_id)
    if r is None:
        return None
    rows = s.execute(select(RA, m.Document.filename, m.Document.doc_type)
                     .join(m.Document, m.Document.id == RA.document_id)
                     .where(RA.recipient_id == recipient_id)
                     .order_by(RA.year.desc().nulls_last(), RA.award, RA.document_id, RA.start)).all()
    entries: dict[tuple, dict] = {}
    written: list[str] = []
    for a, filename, doc_type in rows:
        source = {"document_id": a.document_id, "filename": filename, "doc_type": doc_type,
                  "span": {"start": a.start, "end": a.end, "text": a.span_text},
                  "recipient_span": ({"start": a.name_start, "end": a.name_end}
                                     if a.name_start is not None else None),
                  "link": span_link(a.document_id, a.start, a.end)}
        if a.name not in written:
            written.append(a.name)
        entry = entries.get(_entry_key(a))
        if entry is None:
            entries[_entry_key(a)] = {
                "year": a.year, "award": a.award, "grade": a.grade, "authority": a.authority,
                "decision": a.decision, "decision_date": a.decision_date, "status": a.status,
                "source": a.source, "claimed": a.source == "past_titles", "name": a.name, "role": a.role,
                "document_id": a.document_id, "filename": filename, "span": source["span"],
                "recipient_span": source["recipient_span"], "link": source["link"], "sources": [source]}
        else:
            entry["sources"].append(source)
            entry["authority"] = entry["authority"] or a.authority
            entry["decision_date"] = entry["decision_date"] or a.decision_date
    return {**{c: getattr(r, c) for c in ITEM_FIELDS}, "kind_label": KINDS.get(r.kind, r.kind),
            "names": written, "awards": list(entries.values()), "candidates": candidates(s, recipient_id)}


def candidates(s: Session, recipient_id: int) -> list[dict[str, Any]]:
    """Recipients that may be the same as this one (either direction), best score first."""
    links = s.execute(select(m.RecipientLink.recipient_id, m.RecipientLink.other_id, m.RecipientLink.score,
                             m.RecipientLink.reason)
                      .where(or_(m.RecipientLink.recipient_id == recipient_id,
                                 m.RecipientLink.other_id == recipient_id))).all()
    best: dict[int, tuple[float, str]] = {}
    for a, b, score, reason in links:
        other = b if a == recipient_id else a
        if other not in best or score > best[other][0]:
            best[other] = (score, reason)
    if not best:
        return []
    found = {row.id: row for row in s.execute(select(*(getattr(R, c) for c in ITEM_FIELDS)).where(R.id.in_(best)))}
    out = [{**dict(zip(ITEM_FIELDS, found[i])), "score": round(sc, 3), "reason": why}
           for i, (sc, why) in best.items() if i in found]
    return sorted(out, key=lambda c: (-c["score"], c["name"]))


def timeline(awards: list[dict]) -> list[dict]:
    """Profile entries grouped by year, newest first; entries without a year last."""
    years: dict[int | None, list[dict]] = {}
    for a in awards:
        years.setdefault(a["year"], []).append(a)
    order = sorted((y for y in years if y is not None), reverse=True) + ([None] if None in years else [])
    return [{"year": y, "entries": years[y]} for y in order]
