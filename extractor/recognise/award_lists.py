"""Component "award_lists": one award per recipient where awards are decided — a decision's
articles and attached lists, a tờ trình's request and list, a nomination spreadsheet
(ANNOTATION v1.2, "awards in lists and tables").

Each list takes the award, grade, authority and status of what governs it: the award
column of its row, else the group row above it (`Bằng khen của Chủ tịch UBND tỉnh:`), else
the list's title, else the clause that points to it (`Điều 1. Tặng … cho 05 tập thể (có
danh sách kèm theo)`). The clause's count is one more entry. A list printed in Điều 1 and
again in the attachment gives one set. Individuals are also people entries.
Prose awards the clause or list already accounts for are replaced.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.model import Document
import regex

from extractor.normalise.search import name_key, search_key
from extractor.recognise.list_cells import date_in
from extractor.pipeline import component
from extractor.provenance import make_span
from extractor.recognise.award_clause import Clause, read_clause, type_in
from extractor.recognise.award_items import attachment_items, clause_items
from extractor.recognise.award_tables import TableContext, table_awards
from extractor.recognise.past_titles import past_title_awards
from extractor.records import (
    Award, AwardSource, AwardStatus, ColumnMeaning, DocType, Extraction, PartKind, Person, RecipientType,
)
from extractor.segment.layout import analyse


@dataclass
class DocContext:
    """What the whole document says about its lists."""

    kind: DocType
    number: str | None
    year: int | None  # of the document's date
    clauses: list[Clause] = field(default_factory=list)

    @property
    def default_status(self) -> AwardStatus | None:
        if self.kind == DocType.quyet_dinh:
            return AwardStatus.granted
        if self.kind in (DocType.to_trinh, DocType.danh_sach):
            return AwardStatus.proposed
        return None

    def decision_of(self, clause: Clause | None, status: AwardStatus) -> str | None:
        """The decision that confers: this one for its own grants; the one its grounds cite
        when it only rewards holders of an award conferred elsewhere."""
        if clause is not None and clause.holders:
            return clause.cited_decision
        return self.number if self.kind == DocType.quyet_dinh and status == AwardStatus.granted else None

    def year_of(self, clause: Clause | None, *stated: int | None) -> int | None:
        for y in stated:
            if y:
                return y
        if clause is not None and clause.holders and clause.cited_year:
            return clause.cited_year
        if clause is not None and clause.year:
            return clause.year
        return self.year if self.kind == DocType.quyet_dinh else None

    def governing(self, award: str | None, kind: RecipientType | None) -> Clause | None:
        """The conferral clause a list belongs to: same award, else same kind of recipient."""
        if not self.clauses:
            return None
        for clause in self.clauses:
            if award and clause.award and clause.award.award == award:
                return clause
        for clause in self.clauses:
            if kind and clause.recipient_type == kind:
                return clause
        return self.clauses[0]


def _conferral_clauses(doc: Document, record: Extraction) -> list[Clause]:
    """A decision's articles that confer; a tờ trình's paragraphs that request an award; a
    meeting's minutes (`khac`) that propose counted recipients with their list under them."""
    text = doc.text
    out: list[Clause] = []
    for part in record.parts:
        if part.kind == PartKind.article:
            clause = read_clause(text, part.start, part.end)
            if clause.awards and clause.status is not None:
                out.append(clause)
    kind = record.metadata.doc_type
    if out or kind not in (DocType.to_trinh, DocType.danh_sach, DocType.khac):
        return out
    layout = analyse(doc)
    # the list may be announced in the next paragraph ("(Có Danh sách … kèm theo)") or only
    # be there, attached: a request then governs it without counts or a pointer of its own
    attached = any(p.kind == PartKind.attachment for p in record.parts)
    # a numbered list of names after the request is attached to it, also when its `DANH
    # SÁCH` title is unreadable (a scan's text) and no attachment part was found
    lists = [t.start for t in record.tables
             if {ColumnMeaning.index, ColumnMeaning.name} <= {c.meaning for c in t.columns}]
    for ln in layout.main_body():
        clause = read_clause(text, ln.start, ln.end)
        if not clause.awards or clause.status != AwardStatus.proposed:
            continue
        listed = any(s > ln.end for s in lists)
        if (clause.counts and listed) if kind == DocType.khac else (
                clause.counts or clause.points_to_list or attached or listed):
            out.append(clause)
    return out


_CITED = regex.compile(r"Quyết\s+định\s+(?:số\s*:?\s*)?(?P<n>\d[^\s,;]*/[^\s,;]+)", regex.I)


def _cite_conferring(doc: Document, record: Extraction, clauses: list[Clause]) -> None:
    """For a clause that rewards holders: the decision of the grounds that conferred that award."""
    bases = [p for p in record.parts if p.kind == PartKind.legal_basis]
    for clause in (c for c in clauses if c.holders and c.award):
        words = fold_key(clause.award.award.split(" Vì ")[0])
        for part in bases:
            for line in doc.text[part.start:part.end].split("\n"):
                m = _CITED.search(line)
                if m and words in fold_key(line):
                    clause.cited_decision = m.group("n").rstrip(".")
                    date = date_in(line[m.end():])
                    clause.cited_year = int(date[:4]) if date else None
                    break
            if clause.cited_decision:
                break


def _doc_context(doc: Document, record: Extraction) -> DocContext:
    meta = record.metadata
    year = int(meta.date[:4]) if meta.date and meta.date[:4].isdigit() else None
    clauses = _conferral_clauses(doc, record)
    _cite_conferring(doc, record, clauses)
    return DocContext(meta.doc_type, meta.number, year, clauses)


def _count_entries(doc: Document, record: Extraction, ctx: DocContext) -> list[Award]:
    out = []
    for clause in ctx.clauses:
        award = clause.award
        if award is None:
            continue
        status = clause.status or ctx.default_status or AwardStatus.granted
        for i, (n, kind, start, end) in enumerate(clause.counts):
            award = clause.count_awards.get(i, clause.award)
            out.append(Award(
                award=award.award, grade=award.grade, authority=award.authority, count=n, status=status,
                recipient_type=kind, year=ctx.year_of(clause),
                decision=ctx.decision_of(clause, status),
                source=AwardSource.clause, span=make_span(doc, record, clause.start, clause.end)))
    return out


def fold_key(text: str) -> str:
    return search_key(text, accents=False)


def _dedupe(awards: list[Award]) -> list[Award]:
    """One entry per recipient and award: the list printed twice (Điều 1, attachment) is one set."""
    seen: set[tuple] = set()
    out = []
    for a in awards:
        if a.recipient is None:
            out.append(a)
            continue
        key = (name_key(a.recipient), name_key(a.award), a.status.value, a.year, a.decision, name_key(a.role or ""))
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out


def read_award_lists(doc: Document, record: Extraction) -> tuple[list[Award], list[Person], list[tuple[int, int]]]:
    """(awards, people, claimed ranges) of the document's lists and governing clauses."""
    ctx = _doc_context(doc, record)
    awards = _count_entries(doc, record, ctx)
    people: list[Person] = []
    claimed = [(c.start, c.end) for c in ctx.clauses]
    for clause in ctx.clauses:
        items = clause_items(doc, record, clause, ctx)
        awards += items.awards
        people += items.people
        claimed += items.claimed
    for table in record.tables:
        title = read_clause(table.title, 0, len(table.title)) if table.title else None
        tctx = TableContext(table=table, title=title, doc=ctx,
                            title_type=type_in(table.title) if table.title else None)
        got = table_awards(doc, record, tctx)
        awards += got.awards
        people += got.people
        if got.awards:
            claimed.append((table.start, table.end))
    listed = attachment_items(doc, record, ctx)
    awards += listed.awards
    people += listed.people
    claimed += listed.claimed
    past = past_title_awards(doc, record)
    awards += past.awards
    people += past.people
    claimed += past.claimed
    return _dedupe(awards), _dedupe_people(people), claimed


def _dedupe_people(people: list[Person]) -> list[Person]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in people:
        key = (name_key(p.name), name_key(p.role or ""))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _outside(spans: list[tuple[int, int]], start: int) -> bool:
    return not any(a <= start < b for a, b in spans)


def _dated(awards: list[Award], record: Extraction) -> None:
    """A decision's own awards carry its date (full dates only)."""
    meta = record.metadata
    if meta.doc_type != DocType.quyet_dinh or not meta.date or len(meta.date) != 10:
        return
    for a in awards:
        if a.decision is not None and a.decision == meta.number and a.decision_date is None:
            a.decision_date = meta.date


@component("award_lists", requires=("header", "tables", "awards", "people"), assigns=("awards", "people"))
def recognise_award_lists(doc: Document, record: Extraction) -> None:
    awards, people, claimed = read_award_lists(doc, record)
    _dated(awards, record)
    if not awards and not people:
        return
    kept = [a for a in record.awards if _outside(claimed, a.span.start)]
    record.awards = sorted(kept + awards, key=lambda a: a.span.start)
    names = {name_key(p.name) for p in people}
    record.people = sorted([p for p in record.people if name_key(p.name) not in names] + people,
                           key=lambda p: p.span.start)
