"""The titles and awards a báo cáo thành tích (or a unit's list of titles) says were received:
tables `Năm | Danh hiệu thi đua | Số, ngày … của quyết định; cơ quan ban hành`, one granted
award per row with its year, decision number and date, and the issuing body. The recipient
is the subject of the report (`Họ và tên: …`, `Tên đơn vị: …`, else the title's `của …`)."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractor.model import Document
from extractor.provenance import make_span
from extractor.recognise.award_clause import read_clause, year_in
from extractor.recognise.list_cells import authority_in_decision_cell, date_in, decision_number, looks_like_person
from extractor.records import (
    Award, AwardSource, AwardStatus, ColumnMeaning, DocType, Extraction, Person, RecipientType, Table, TableRowKind,
)

M = ColumnMeaning
_SUBJECT = regex.compile(
    r"^\s*[-+•]?\s*(?P<k>Họ\s+(?:và\s+)?tên|Họ,\s*tên|Tên\s+(?:đơn\s+vị|tập\s+thể|cơ\s+quan)(?:[^:]{0,30})?)\s*:\s*"
    r"(?P<v>[^\n,;(]{2,120})", regex.I | regex.M)
_ROLE = regex.compile(r"^\s*[-+•]?\s*(?:Chức\s+vụ(?:[^:]{0,30})?|Đơn\s+vị\s+công\s+tác)\s*:\s*(?P<v>[^\n]{2,160})",
                      regex.I | regex.M)
_TITLE_OF = regex.compile(r"(?:của|cho)\s+(?:(?:ông|bà|đồng chí)\s+)?(?P<v>\p{Lu}[^\n,;(]{2,100})$", regex.I)


@dataclass
class Found:
    awards: list[Award] = field(default_factory=list)
    claimed: list[tuple[int, int]] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


def _subject(doc: Document, record: Extraction) -> tuple[str | None, RecipientType | None]:
    m = _SUBJECT.search(doc.text)
    if m:
        value = m.group("v").strip(" .")
        person = m.group("k").lower().startswith("họ")
        return value, RecipientType.ca_nhan if person else RecipientType.tap_the
    title = record.metadata.title or ""
    t = _TITLE_OF.search(title)
    if t:
        value = t.group("v").strip(" .")
        return value, RecipientType.ca_nhan if looks_like_person(value) else RecipientType.tap_the
    return None, None


def _is_past_titles(table: Table) -> bool:
    meanings = {c.meaning for c in table.columns}
    return M.year in meanings and M.award in meanings and M.name not in meanings


def _report_proposal(doc: Document, record: Extraction, recipient: str | None,
                     rtype: RecipientType | None, found: Found) -> None:
    """A báo cáo thành tích proposes what its title says (`Đề nghị công nhận danh hiệu … năm
    2023`) for its subject; an individual subject is a people entry with the role it gives."""
    title = record.metadata.spans.get("title")
    if recipient is None or title is None:
        return
    role_m = _ROLE.search(doc.text)
    role = role_m.group("v").strip(" .") if role_m else None
    clause = read_clause(doc.text, title.start, title.end)
    if clause.award is not None:
        a = clause.award
        found.awards.append(Award(
            award=a.award, grade=a.grade, authority=a.authority, recipient=recipient, count=1,
            status=AwardStatus.proposed, recipient_type=rtype, year=clause.year, role=role,
            source=AwardSource.clause, span=title))
    if rtype == RecipientType.ca_nhan:
        m = _SUBJECT.search(doc.text)
        if m:
            span = make_span(doc, record, m.start("v"), m.start("v") + len(recipient))
            found.people.append(Person(name=recipient, role=role, span=span))


def past_title_awards(doc: Document, record: Extraction) -> Found:
    found = Found()
    if record.metadata.doc_type not in (DocType.bao_cao_thanh_tich, DocType.khac):
        return found
    recipient, rtype = _subject(doc, record)
    if record.metadata.doc_type == DocType.bao_cao_thanh_tich:
        _report_proposal(doc, record, recipient, rtype, found)
    tables = [t for t in record.tables if _is_past_titles(t)]
    for table in tables:
        for row in table.rows:
            if row.kind != TableRowKind.data:
                continue
            award_cell = row.cell(M.award, table)
            year_cell = row.cell(M.year, table)
            if award_cell is None:
                continue
            clause = read_clause(award_cell.text, 0, len(award_cell.text))
            award = clause.award
            decision_cell = row.cell(M.decision, table)
            dtext = decision_cell.text if decision_cell else ""
            authority_cell = row.cell(M.authority, table)
            authority = (award.authority if award else None) or (authority_cell.text.strip() if authority_cell else None) \
                or (authority_in_decision_cell(dtext) if dtext else None)
            found.awards.append(Award(
                award=award.award if award else award_cell.text.strip(), grade=award.grade if award else None,
                authority=authority, recipient=recipient, count=1, status=AwardStatus.granted,
                recipient_type=rtype, year=year_in("năm " + year_cell.text) if year_cell else None,
                decision=decision_number(dtext) if dtext else None, decision_date=date_in(dtext) if dtext else None,
                source=AwardSource.past_titles, span=make_span(doc, record, row.start, row.end)))
        found.claimed.append((table.start, table.end))
    return found
