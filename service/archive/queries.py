"""Reading the archive: filters, document lists, full-text search with facets and
highlighted snippets, and the cross-archive entity lists (campaigns, awards, people,
indicators) with counts per year and issuer.

A user's query never reaches the FTS5 or tsquery language as written: it is folded and
cut into words of letters and digits, and each word or phrase is quoted (FTS5) or passed
as a bound parameter to plainto/phraseto_tsquery (PostgreSQL).
"""
from __future__ import annotations

import html
from collections import Counter
from itertools import chain
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sqlalchemy import Float, Integer, and_, desc, exists, func, or_, select, text
from sqlalchemy.orm import Session

from service.archive import models as m
from service.archive.fold import fold, words
from service.archive.store import SUMMARY_FIELDS, summary

D = m.Document


@dataclass
class Filters:
    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    doc_type: str | None = None
    issuer: str | None = None  # accent-insensitive substring
    place: str | None = None
    campaign: str | None = None  # documents that mention a campaign whose name contains this
    award: str | None = None  # ... an award of this kind
    person: str | None = None  # ... a person with this name
    format: str | None = None

    def clauses(self) -> list[Any]:
        out: list[Any] = []
        if self.year is not None:
            out.append(D.year == self.year)
        if self.year_from is not None:
            out.append(D.year >= self.year_from)
        if self.year_to is not None:
            out.append(D.year <= self.year_to)
        if self.doc_type:
            out.append(D.doc_type == self.doc_type)
        if self.format:
            out.append(D.format == self.format)
        if self.issuer:
            out.append(D.issuer_key.contains(fold(self.issuer).strip(), autoescape=True))
        if self.place:
            out.append(D.place_key.contains(fold(self.place).strip(), autoescape=True))
        for value, model, col in ((self.campaign, m.Campaign, m.Campaign.name_key),
                                  (self.award, m.Award, m.Award.award_key),
                                  (self.person, m.Person, m.Person.name_key)):
            if value:
                out.append(exists().where(model.document_id == D.id,
                                          col.contains(fold(value).strip(), autoescape=True)))
        return out


@dataclass
class Page:
    page: int = 1
    size: int = 20

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


class SortKey(str, Enum):
    newest = "-created"
    oldest = "created"
    date_desc = "-date"
    date_asc = "date"
    year_desc = "-year"
    year_asc = "year"
    title = "title"
    filename = "filename"


SORTS = {
    "-created": (desc(D.created_at), desc(D.id)),
    "created": (D.created_at, D.id),
    "-date": (desc(func.coalesce(D.date, "")), desc(D.id)),
    "date": (func.coalesce(D.date, ""), D.id),
    "-year": (desc(func.coalesce(D.year, 0)), desc(D.id)),
    "year": (func.coalesce(D.year, 0), D.id),
    "title": (func.coalesce(D.title, D.filename), D.id),
    "filename": (D.filename, D.id),
}

_SUMMARY_COLS = [getattr(D, f) for f in SUMMARY_FIELDS]


def _summaries(rows) -> list[dict]:
    out = []
    for row in rows:
        d = dict(zip(SUMMARY_FIELDS, row[: len(SUMMARY_FIELDS)]))
        if d["created_at"] is not None and not isinstance(d["created_at"], str):
            d["created_at"] = d["created_at"].isoformat()
        out.append(d)
    return out


def list_documents(s: Session, filters: Filters, page: Page | None, sort: str = "-created") -> tuple[int, list[dict]]:
    where = filters.clauses()
    total = s.scalar(select(func.count()).select_from(D).where(*where)) or 0
    stmt = select(*_SUMMARY_COLS).where(*where).order_by(*SORTS[sort])
    if page:
        stmt = stmt.limit(page.size).offset(page.offset)
    return total, _summaries(s.execute(stmt))


# ---------------------------------------------------------------------------- search
@dataclass
class Term:
    words: list[str]  # folded words of letters and digits
    raw: str  # the folded chunk as typed (PostgreSQL tokenises it like the index)
    phrase: bool = False
    prefix: bool = False


_CHUNK = re.compile(r'"([^"]*)"?|([^\s"]+)')


def parse_query(q: str | None) -> list[Term]:
    """`"chung tay" ngheo thi*` → phrase "chung tay", word ngheo, prefix thi*."""
    terms: list[Term] = []
    for mt in _CHUNK.finditer(q or ""):
        if mt.group(1) is not None:
            ws = words(mt.group(1))
            if ws:
                terms.append(Term(ws, " ".join(ws), phrase=len(ws) > 1))
            continue
        chunk = mt.group(2)
        ws = words(chunk)
        if not ws:
            continue
        prefix = chunk.endswith("*")
        if prefix:
            if len(ws) > 1:
                terms.append(Term(ws[:-1], " ".join(ws[:-1])))
            terms.append(Term([ws[-1]], ws[-1], prefix=True))
        else:
            terms.append(Term(ws, " ".join(ws)))
    return terms


def fts5_query(terms: list[Term]) -> str:
    """FTS5 MATCH string: every word double-quoted; words are [^\\W_]+ so hold no quote."""
    parts = []
    for t in terms:
        if t.phrase:
            parts.append('"' + " ".join(t.words) + '"')
        else:
            parts.extend('"' + w + '"' for w in t.words)
        if t.prefix:
            parts[-1] += "*"
    return " ".join(parts)


def _hits(dialect: str, terms: list[Term], ranked: bool = True):
    """A subquery (id, score) of documents matching every term; higher score = better."""
    if dialect == "sqlite":
        score = "-bm25(documents_fts, 8.0, 1.0, 3.0)" if ranked else "0.0"
        sql = text(f"SELECT rowid AS id, {score} AS score "
                   "FROM documents_fts WHERE documents_fts MATCH :q").bindparams(q=fts5_query(terms))
    else:
        parts, params = [], {}
        for i, t in enumerate(terms):
            key = f"t{i}"
            if t.prefix:
                # The word is letters and digits only; quoted as a tsquery literal all the same.
                parts.append(f"to_tsquery('simple', :{key})")
                params[key] = "'" + t.words[0].replace("'", "''") + "':*"
            elif t.phrase:
                parts.append(f"phraseto_tsquery('simple', :{key})")
                params[key] = t.raw
            else:
                parts.append(f"plainto_tsquery('simple', :{key})")
                params[key] = t.raw
        score = "ts_rank_cd(d.search_vector, q.q, 1)" if ranked else "0.0"
        sql = text(f"SELECT d.id AS id, {score} AS score FROM documents d, "
                   f"(SELECT ({' && '.join(parts)}) AS q) q WHERE d.search_vector @@ q.q").bindparams(**params)
    return sql.columns(id=Integer, score=Float).subquery("hits")


def _term_patterns(terms: list[Term]) -> list[re.Pattern]:
    pats = []
    for t in terms:
        # Literal first, so the regex engine can skip ahead; the word start is checked by the caller.
        body = r"\W+".join(re.escape(w) for w in t.words)
        pats.append(re.compile(body + (r"\w*" if t.prefix else r"\b")))
    return pats


def highlight(original: str, folded: str, terms: list[Term], width: int = 240,
              max_matches: int = 100) -> tuple[str, list[list[int]]]:
    """An HTML snippet of `original` around the densest cluster of matches, each match in
    <mark>, and the [start, end) offsets of matches in the original text. `folded` has the
    same length as `original`, so folded offsets are original offsets."""
    found: list[tuple[int, int, int]] = []
    for i, pat in enumerate(_term_patterns(terms)):
        k = 0
        for mt in pat.finditer(folded):
            start = mt.start()
            if start and folded[start - 1].isalnum():
                continue  # inside a word
            found.append((start, mt.end(), i))
            k += 1
            if k >= max_matches:
                break
    found.sort()
    found = found[:120]  # the snippet window is chosen among the first matches
    if not found:
        cut = original[:width]
        return html.escape(cut) + ("…" if len(original) > width else ""), []
    best, best_score = 0, -1
    for j, (start, _e, _i) in enumerate(found):
        kinds = {i for s0, _e0, i in found[j:j + 20] if s0 < start + width}
        score = len(kinds) * 1000 + sum(1 for s0, _e0, _i0 in found[j:j + 20] if s0 < start + width)
        if score > best_score:
            best, best_score = j, score
    anchor = found[best][0]
    lo = max(0, anchor - width // 4)
    if lo > 0:
        space = original.find(" ", lo, anchor)
        lo = space + 1 if space != -1 else lo
    hi = min(len(original), lo + width)
    if hi < len(original):
        space = original.rfind(" ", max(found[best][1], lo), hi)
        hi = space if space > lo else hi
    pieces, pos = [], lo
    for s0, e0, _i in found:
        if s0 < pos or s0 >= hi:
            continue
        e0 = min(e0, hi)
        pieces.append(html.escape(original[pos:s0]))
        pieces.append("<mark>" + html.escape(original[s0:e0]) + "</mark>")
        pos = e0
    pieces.append(html.escape(original[pos:hi]))
    snippet = ("…" if lo > 0 else "") + "".join(pieces).replace("\n", " ") + ("…" if hi < len(original) else "")
    return snippet, [[s0, e0] for s0, e0, _i in found]


FACET_LIMIT = 20
_FACET_FIELDS = ("year", "doc_type", "issuer", "place", "format")


def _count(values) -> list[dict]:
    counts: dict[Any, int] = {}
    for v in values:
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:FACET_LIMIT]
    return [{"value": v, "count": c} for v, c in ranked]


def _entity_facet(s: Session, col, model, base, where) -> list[dict]:
    stmt = (select(col.label("value"), func.count(func.distinct(model.document_id)).label("count"))
            .select_from(base.join(model, model.document_id == D.id)).where(*where)
            .group_by(col).order_by(desc("count"), col).limit(FACET_LIMIT))
    return [{"value": v, "count": c} for v, c in s.execute(stmt) if v is not None]


def _label_facet(labels: dict[int, tuple[str, ...]], ids: list[int]) -> list[dict]:
    counts = Counter(chain.from_iterable(filter(None, map(labels.get, ids))))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_LIMIT]
    return [{"value": v, "count": c} for v, c in ranked]


def search(s: Session, q: str | None, filters: Filters, page: Page | None,
           facets: bool = True, snippets: bool = True, labels=None) -> dict:
    """Ranked documents matching `q` and `filters`, a page of them with highlighted snippets,
    and facet counts over all matches. The full-text index is consulted once for the ranked
    list (facets over document columns are counted from it) and once, unranked, per entity facet."""
    terms = parse_query(q)
    where = filters.clauses()
    dialect = s.bind.dialect.name
    meta_cols = [D.id, *(getattr(D, f) for f in _FACET_FIELDS)]
    if terms:
        hits = _hits(dialect, terms)
        base = D.__table__.join(hits, hits.c.id == D.id)
        rows = s.execute(select(*meta_cols, hits.c.score).select_from(base).where(*where)).all()
        rows.sort(key=lambda r: (-r[-1], -r[0]))
    else:
        base = D.__table__
        rows = s.execute(select(*meta_cols, func.coalesce(D.date, "")).where(*where)).all()
        rows.sort(key=lambda r: (r[-1], r[0]), reverse=True)
    total = len(rows)
    chosen = rows[page.offset: page.offset + page.size] if page else rows
    order = {r[0]: i for i, r in enumerate(chosen)}
    detail_cols = list(_SUMMARY_COLS) + ([D.text, D.text_folded] if snippets and chosen else [])
    details = []
    ids = list(order)
    for k in range(0, len(ids), 500):
        details += s.execute(select(*detail_cols).where(D.id.in_(ids[k:k + 500]))).all()
    details.sort(key=lambda r: order[r[0]])
    items = _summaries(details)
    for item, row, hit in zip(items, details, chosen):
        item["score"] = round(float(hit[-1]), 4) if terms else None
        if snippets:
            original, folded = row[-2], row[-1]
            item["snippet"], spans = highlight(original, folded, terms)
            item["matches"] = len(spans)
            item["highlights"] = spans[:50]
    out = {"total": total, "items": items, "terms": [t.raw + ("*" if t.prefix else "") for t in terms]}
    if page:
        out.update(page=page.page, size=page.size)
    if facets:
        out["facets"] = {f: _count(r[i + 1] for r in rows) for i, f in enumerate(_FACET_FIELDS)}
        ids = [r[0] for r in rows]
        if labels is not None:  # the archive's cached per-document labels
            campaigns, awards = labels(s)
            out["facets"]["campaign"] = _label_facet(campaigns, ids)
            out["facets"]["award"] = _label_facet(awards, ids)
        else:
            if terms:  # unranked: the entity facets need only which documents match
                ids_only = _hits(dialect, terms, ranked=False)
                base = D.__table__.join(ids_only, ids_only.c.id == D.id)
            out["facets"]["campaign"] = _entity_facet(
                s, func.coalesce(m.Campaign.canonical, m.Campaign.name), m.Campaign, base, where)
            out["facets"]["award"] = _entity_facet(s, m.Award.award, m.Award, base, where)
    return out


# ---------------------------------------------------------------------------- entities
DOC_COLS = {"document_id": D.id, "filename": D.filename, "doc_type": D.doc_type, "year": D.year,
            "date": D.date, "issuer": D.issuer, "place_of_document": D.place}


@dataclass
class EntitySpec:
    model: type
    fields: dict[str, Any]  # output name -> column
    search: list[Any]  # folded columns the `q` filter looks in
    group: Any  # what "counts.name" groups by
    order: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # exact-match filters: name -> column


ENTITIES: dict[str, EntitySpec] = {
    "campaigns": EntitySpec(
        m.Campaign,
        {"id": m.Campaign.id, "name": m.Campaign.name, "canonical": m.Campaign.canonical,
         "mentions": m.Campaign.mentions, "start": m.Campaign.start, "end": m.Campaign.end},
        [m.Campaign.name_key], func.coalesce(m.Campaign.canonical, m.Campaign.name)),
    "awards": EntitySpec(
        m.Award,
        {"id": m.Award.id, "award": m.Award.award, "grade": m.Award.grade, "authority": m.Award.authority,
         "recipient": m.Award.recipient, "count": m.Award.count, "status": m.Award.status,
         "start": m.Award.start, "end": m.Award.end},
        [m.Award.award_key, m.Award.recipient_key], m.Award.award,
        extra={"status": m.Award.status, "grade": m.Award.grade}),
    "people": EntitySpec(
        m.Person,
        {"id": m.Person.id, "name": m.Person.name, "honorific": m.Person.honorific, "role": m.Person.role,
         "place": m.Person.place, "start": m.Person.start, "end": m.Person.end},
        [m.Person.name_key, m.Person.place_key], m.Person.name),
    "indicators": EntitySpec(
        m.Indicator,
        {"id": m.Indicator.id, "text": m.Indicator.text, "value": m.Indicator.value, "unit": m.Indicator.unit,
         "of": m.Indicator.of, "qualifier": m.Indicator.qualifier, "measure": m.Indicator.measure,
         "relation": m.Indicator.relation, "baseline": m.Indicator.baseline, "subject": m.Indicator.subject,
         "start": m.Indicator.start, "end": m.Indicator.end},
        [m.Indicator.measure_key], m.Indicator.unit, extra={"unit": m.Indicator.unit}),
}


def list_entities(s: Session, kind: str, q: str | None, filters: Filters, page: Page | None,
                  extra: dict[str, str] | None = None, counts: bool = True) -> dict:
    spec = ENTITIES[kind]
    model = spec.model
    base = model.__table__.join(D, model.document_id == D.id)
    where = filters.clauses()
    key = fold(q).strip() if q else ""
    if key:
        where.append(or_(*(c.contains(key, autoescape=True) for c in spec.search)))
    for name, value in (extra or {}).items():
        if value:
            where.append(spec.extra[name] == value)
    total = s.scalar(select(func.count()).select_from(base).where(*where)) or 0
    names = list(spec.fields) + list(DOC_COLS)
    stmt = (select(*spec.fields.values(), *DOC_COLS.values()).select_from(base).where(*where)
            .order_by(desc(func.coalesce(D.year, 0)), D.id, model.id))
    if page:
        stmt = stmt.limit(page.size).offset(page.offset)
    items = [dict(zip(names, row)) for row in s.execute(stmt)]
    out: dict[str, Any] = {"total": total, "items": items}
    if page:
        out.update(page=page.page, size=page.size)
    if counts:
        def group(col) -> list[dict]:
            st = (select(col.label("value"), func.count().label("count")).select_from(base).where(*where)
                  .group_by(col).order_by(desc("count"), col).limit(50))
            return [{"value": v, "count": c} for v, c in s.execute(st)]
        out["counts"] = {"year": group(D.year), "issuer": group(D.issuer), "name": group(spec.group)}
    return out


def entity_columns(kind: str) -> list[str]:
    return list(ENTITIES[kind].fields) + list(DOC_COLS)
