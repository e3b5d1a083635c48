"""Reading the archive: filters, document lists, full-text search with facets and
highlighted snippets, and the cross-archive entity lists (campaigns, awards, people,
indicators) with counts per year and issuer.

A user's query never reaches the FTS5 or tsquery language as written: it is folded and
cut into words of letters and digits, and each word or phrase is quoted (FTS5) or passed
as a bound parameter to plainto/phraseto_tsquery (PostgreSQL).
"""
from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import numpy as np
from sqlalchemy import Float, case, column, desc, func, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from service.archive import models as m
from service.archive.fold import fold, words
from service.archive.facets import FacetIndex
from service.archive.store import SUMMARY_FIELDS

D = m.Document
# bm25 column weights: title, body, entities (the same in every statement that ranks).
BM25 = "-bm25(documents_fts, 8.0, 1.0, 3.0)"


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
                # Uncorrelated: the matching documents are listed once, not probed per document.
                out.append(D.id.in_(select(model.document_id)
                                    .where(col.contains(fold(value).strip(), autoescape=True))))
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


def _hits(dialect: str, terms: list[Term], where: list[Any]):
    """(id, score) of the documents matching every term and the filters, best first
    (higher score = better; ties: newer id first).

    SQLite: the FTS5 table drives the query and bm25 is computed only for rows that pass
    the filters, which are one uncorrelated `IN (SELECT id FROM documents WHERE …)` list
    built once. The unary `+` keeps the planner from handing that list to FTS5 as rowid
    lookups (one full-text query per candidate: seconds instead of milliseconds)."""
    if dialect == "sqlite":
        fts = table("documents_fts", column("rowid"))
        score = literal_column(BM25, Float).label("score")
        stmt = (select(fts.c.rowid.label("id"), score)
                .where(text("documents_fts MATCH :q").bindparams(q=fts5_query(terms))))
        if where:
            stmt = stmt.where(literal_column("+documents_fts.rowid").in_(select(D.id).where(*where)))
        return stmt.order_by(desc("score"), desc("id"))
    return _pg_matches(terms, where, scored=True).order_by(desc("score"), desc("id"))


_SIMPLE = literal_column("'simple'::regconfig")
_VECTOR = literal_column("documents.search_vector")


def _tsquery(terms: list[Term]):
    """The terms as one tsquery (`&&` of one per term); the user's words are only ever
    bound parameters."""
    parts = []
    for t in terms:
        if t.prefix:
            # The word is letters and digits only; quoted as a tsquery literal all the same.
            parts.append(func.to_tsquery(_SIMPLE, "'" + t.words[0].replace("'", "''") + "':*"))
        elif t.phrase:
            parts.append(func.phraseto_tsquery(_SIMPLE, t.raw))
        else:
            parts.append(func.plainto_tsquery(_SIMPLE, t.raw))
    query = parts[0]
    for part in parts[1:]:
        query = query.op("&&")(part)
    return query


def _pg_matches(terms: list[Term], where: list[Any], scored: bool):
    """PostgreSQL: ids (and `ts_rank_cd` scores) of the documents matching every term and
    the filters, in one statement over `documents`, so the planner can combine the GIN
    index with the filters' indexes and rank only the rows that pass both."""
    query = _tsquery(terms)
    cols = [D.id.label("id")]
    if scored:
        cols.append(func.ts_rank_cd(_VECTOR, query, 1, type_=Float).label("score"))
    return select(*cols).where(_VECTOR.op("@@")(query), *where)


def _term_patterns(terms: list[Term]) -> list[re.Pattern]:
    pats = []
    for t in terms:
        # Literal first, so the regex engine can skip ahead; the word start is checked by the caller.
        body = r"\W+".join(re.escape(w) for w in t.words)
        pats.append(re.compile(body + (r"\w*" if t.prefix else r"\b")))
    return pats


def match_spans(folded: str, terms: list[Term], max_matches: int = 100) -> list[tuple[int, int, int]]:
    """(start, end, term index) of the terms' matches in `folded`, at word starts, in
    text order; at most `max_matches` per term."""
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
    return found


def snippet_window(folded: str, found: list[tuple[int, int, int]], width: int = 240) -> tuple[int, int]:
    """[lo, hi) of the snippet: around the densest cluster of matches, cut at spaces.
    Folding keeps every character's place (spaces stay spaces), so the window holds for
    the original text too."""
    if not found:
        return 0, min(len(folded), width)
    found = found[:120]  # the snippet window is chosen among the first matches
    starts = [f[0] for f in found]
    one_kind = len({f[2] for f in found}) == 1
    best, best_score = 0, -1
    for j, start in enumerate(starts):
        # found[j:k]: the matches (of the next 20) that start inside a window opened at this one
        k = bisect_left(starts, start + width, j, min(j + 20, len(starts)))
        kinds = 1 if one_kind else len({f[2] for f in found[j:k]})
        score = kinds * 1000 + (k - j)
        if score > best_score:
            best, best_score = j, score
    anchor = found[best][0]
    lo = max(0, anchor - width // 4)
    if lo > 0:
        space = folded.find(" ", lo, anchor)
        lo = space + 1 if space != -1 else lo
    hi = min(len(folded), lo + width)
    if hi < len(folded):
        space = folded.rfind(" ", max(found[best][1], lo), hi)
        hi = space if space > lo else hi
    return lo, hi


def render_snippet(piece: str, lo: int, length: int, found: list[tuple[int, int, int]]) -> str:
    """HTML of `piece` (the original text's [lo, lo + len(piece)) of a text `length` long)
    with every match inside it in <mark>."""
    hi = lo + len(piece)
    if not found:
        return html.escape(piece) + ("…" if hi < length else "")
    pieces, pos = [], lo
    for s0, e0, _i in found:
        if s0 < pos or s0 >= hi:
            continue
        e0 = min(e0, hi)
        pieces.append(html.escape(piece[pos - lo:s0 - lo]))
        pieces.append("<mark>" + html.escape(piece[s0 - lo:e0 - lo]) + "</mark>")
        pos = e0
    pieces.append(html.escape(piece[pos - lo:]))
    return ("…" if lo > 0 else "") + "".join(pieces).replace("\n", " ") + ("…" if hi < length else "")


def highlight(original: str, folded: str, terms: list[Term], width: int = 240,
              max_matches: int = 100) -> tuple[str, list[list[int]]]:
    """An HTML snippet of `original` around the densest cluster of matches, each match in
    <mark>, and the [start, end) offsets of matches in the original text. `folded` has the
    same length as `original`, so folded offsets are original offsets."""
    found = match_spans(folded, terms, max_matches)
    lo, hi = snippet_window(folded, found, width)
    return render_snippet(original[lo:hi], lo, len(original), found), [[s0, e0] for s0, e0, _i in found]


def _snippets(s: Session, ids: list[int], terms: list[Term]) -> dict[int, tuple[str, int, list[list[int]]]]:
    """Per document of the page: (snippet HTML, number of matches, their first spans).
    Matches are found in the folded text; of the original only the snippet windows are read."""
    conn = s.connection()
    folded = dict(conn.execute(select(D.id, D.text_folded).where(D.id.in_(ids))).all())
    windows: dict[int, tuple[int, int, int, list]] = {}
    for doc_id in ids:
        text_f = folded.get(doc_id) or ""
        found = match_spans(text_f, terms)
        lo, hi = snippet_window(text_f, found)
        windows[doc_id] = (lo, hi, len(text_f), found)
    # substr counts characters from 1 on both backends, as Python's str offsets count from 0.
    starts = case({k: w[0] + 1 for k, w in windows.items()}, value=D.id)
    lengths = case({k: w[1] - w[0] for k, w in windows.items()}, value=D.id)
    pieces = dict(conn.execute(select(D.id, func.substr(D.text, starts, lengths)).where(D.id.in_(ids))).all())
    out = {}
    for doc_id, (lo, _hi, length, found) in windows.items():
        snippet = render_snippet(pieces.get(doc_id) or "", lo, length, found)
        out[doc_id] = (snippet, len(found), [[s0, e0] for s0, e0, _i in found[:50]])
    return out


# From this many matches on, a query is ranked from cached per-term scores
# (`term_scores.TermScores`) rather than by the database scoring every match. PostgreSQL's
# ts_rank_cd unpacks each match's tsvector (~40 µs a document), so it pays off far sooner
# than SQLite's bm25.
BROAD_MATCHES = {"sqlite": 1000, "postgresql": 100}


def _raw_rows(conn, stmt) -> list[tuple]:
    """All rows as the driver's plain tuples: for the 10,000 (id, score) pairs of a broad
    query, SQLAlchemy's per-row processing costs more than the query itself."""
    return conn.execute(stmt).cursor.fetchall()


def _match_ids(dialect: str, terms: list[Term], where: list[Any]):
    if dialect != "sqlite":
        return _pg_matches(terms, where, scored=False)
    fts = table("documents_fts", column("rowid"))
    stmt = select(fts.c.rowid).where(text("documents_fts MATCH :q").bindparams(q=fts5_query(terms)))
    if where:
        stmt = stmt.where(literal_column("+documents_fts.rowid").in_(select(D.id).where(*where)))
    return stmt


@contextmanager
def _gin_preferred(conn, dialect: str) -> Iterator[None]:
    """PostgreSQL, ids only: when every row matches, the planner scans the table and
    unpacks each document's tsvector (~60 ms at 10,000 documents), while the GIN index
    lists the same ids without touching them (~5 ms). For this statement only."""
    if dialect != "postgresql":
        yield
        return
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    try:
        yield
    finally:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = on")


def term_scorers(dialect: str, terms: list[Term]) -> list[tuple[str, Any]]:
    """(cache key, statement of (id, score) over the whole archive) per term. SQLite: the
    term's bm25, whose sum over terms is the query's bm25 exactly. PostgreSQL: the term's
    `ts_rank_cd`; a broad query is then ranked by the sum over its terms (the nearness of
    the words to each other no longer counts, as in bm25)."""
    if dialect == "sqlite":
        out = []
        for t in terms:
            q = fts5_query([t])
            out.append((q, text(f"SELECT rowid, {BM25} FROM documents_fts WHERE documents_fts MATCH :q")
                        .bindparams(q=q)))
        return out
    return [(f"pg:{t.phrase}:{t.prefix}:{t.raw}", _pg_matches([t], [], scored=True)) for t in terms]


def _ranked_by_term_scores(s: Session, terms: list[Term], where: list[Any], ranker) -> list[tuple[int, float]] | None:
    """(id, score) best first for a broad query, from cached per-term scores (on SQLite
    the same bm25 `_hits` computes); None for a narrow query or when the cached scores
    are out of step."""
    conn = s.connection()
    dialect = s.bind.dialect.name
    with _gin_preferred(conn, dialect):
        ids = np.array([r[0] for r in _raw_rows(conn, _match_ids(dialect, terms, where))], dtype=np.int64)
    if len(ids) < BROAD_MATCHES.get(dialect, 1000):
        return None
    scores = ranker(s, term_scorers(dialect, terms), ids)
    if scores is None:
        return None
    order = np.lexsort((-ids, -scores))  # score descending, then newer id first
    return list(zip(ids[order].tolist(), scores[order].tolist()))


def search(s: Session, q: str | None, filters: Filters, page: Page | None,
           facets: bool = True, snippets: bool = True, index=None, ranker=None) -> dict:
    """Ranked documents matching `q` and `filters`, a page of them with highlighted snippets,
    and exact facet counts over all matches.

    One query returns every match's id and score, best first (the full-text index is read
    once, and only the ids and scores cross to Python); the page's summaries and snippets
    are read for its rows alone; facets are counted from the archive's in-memory
    `FacetIndex` (`index(session, stale=None)`, e.g. `Archive.facet_index`; built on the
    spot when none is given). `ranker(session, term_scorers(…), ids)` (e.g.
    `Archive.term_ranker`) scores a broad query from cached per-term scores."""
    terms = parse_query(q)
    where = filters.clauses()
    conn = s.connection()
    rows = None
    if terms and ranker is not None:
        rows = _ranked_by_term_scores(s, terms, where, ranker)
    if rows is None:
        if terms:
            stmt = _hits(s.bind.dialect.name, terms, where)
        else:
            stmt = (select(D.id, literal_column("0.0", Float)).where(*where)
                    .order_by(desc(func.coalesce(D.date, "")), desc(D.id)))
        rows = _raw_rows(conn, stmt)
    total = len(rows)
    chosen = rows[page.offset: page.offset + page.size] if page else rows
    ids = [r[0] for r in chosen]
    order = {doc_id: i for i, doc_id in enumerate(ids)}
    details = []
    for k in range(0, len(ids), 500):
        details += conn.execute(select(*_SUMMARY_COLS).where(D.id.in_(ids[k:k + 500]))).all()
    details.sort(key=lambda r: order[r[0]])
    items = _summaries(details)
    found = _snippets(s, ids, terms) if snippets and ids else {}
    for item, hit in zip(items, chosen):
        item["score"] = round(float(hit[1]), 4) if terms else None
        if snippets:
            item["snippet"], item["matches"], item["highlights"] = found[item["id"]]
    out = {"total": total, "items": items, "terms": [t.raw + ("*" if t.prefix else "") for t in terms]}
    if page:
        out.update(page=page.page, size=page.size)
    if facets:
        all_ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=total)
        idx = index(s) if index is not None else FacetIndex.build(s, -1)
        pos, complete = idx.positions(all_ids)
        if not complete and index is not None:  # a document stored since the index was read
            idx = index(s, stale=idx)
            pos, _ = idx.positions(all_ids)
        out["facets"] = idx.counts(pos)
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
