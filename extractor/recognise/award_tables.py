"""Award entries from the rows of a list table (records.Table): an attached `DANH SÁCH`,
a nomination spreadsheet, a group-by-award list. Column meanings come from the tables
component; what the columns do not say comes from the group rows, the table's title and the
clause that points to the list."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from extractor.model import Document
from extractor.provenance import make_span
from extractor.recognise.award_clause import Clause, ClauseAward, read_clause, type_in, year_in
from extractor.recognise.list_cells import decision_number, first_body, recipient_type_of, split_name
from extractor.records import (
    Award, AwardSource, AwardStatus, ColumnMeaning, Extraction, Person, RecipientType, Table, TableRow,
    TableRowKind,
)
from extractor.segment.tables import fold, on_example_sheet

if TYPE_CHECKING:
    from extractor.recognise.award_lists import DocContext

M = ColumnMeaning


@dataclass
class TableContext:
    table: Table
    title: Clause | None
    doc: "DocContext"
    title_type: RecipientType | None


@dataclass
class Found:
    awards: list[Award] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


@dataclass
class _Source:
    """Where a row's award comes from, with the status and year that go with it."""

    award: ClauseAward
    status: AwardStatus | None
    year: int | None


@lru_cache(maxsize=256)
def _clause_of(text: str) -> Clause:
    return read_clause(text, 0, len(text))


def code_columns(table: Table) -> list[int]:
    """Columns of codes (`Mã số`): a code sheet, not a list of recipients."""
    return [i for i, c in enumerate(table.columns) if fold(c.header) in ("ma", "ma so", "ky hieu")
            or fold(c.header).startswith(("ma hinh thuc", "ma danh hieu", "ma khen", "ma so "))]


def code_map(record: Extraction) -> dict[str, ClauseAward]:
    """Award codes a workbook explains in a code sheet (`Mã số | Hình thức`, several such
    pairs side by side): each code column is read with the award column after it."""
    out: dict[str, ClauseAward] = {}
    for table in record.tables:
        code_cols = code_columns(table)
        for row in table.rows:
            if row.kind != TableRowKind.data:
                continue
            cells = {c.column: c.text.strip() for c in row.cells}
            for col in code_cols:
                code = cells.get(col)
                named = next((_clause_of(cells[k]).award for k in range(col + 1, col + 3)
                              if cells.get(k) and _clause_of(cells[k]).award), None)
                if code and named:
                    out[code] = named
    return out


def _cell(row: TableRow, table: Table, *meanings: ColumnMeaning) -> str:
    for meaning in meanings:
        c = row.cell(meaning, table)
        if c is not None:
            return c.text.strip()
    return ""


def _source(row: TableRow, tctx: TableContext, codes: dict[str, ClauseAward]) -> _Source | None:
    table = tctx.table
    cell = _cell(row, table, M.award)
    if cell:
        clause = _clause_of(cell)
        if clause.award:
            return _Source(clause.award, clause.status, clause.year)
        if cell in codes:
            return _Source(codes[cell], None, None)
    for group in reversed(row.groups):
        clause = _clause_of(group)
        if clause.award:
            return _Source(clause.award, clause.status, clause.year)
    if tctx.title and tctx.title.award:
        return _Source(tctx.title.award, tctx.title.status, tctx.title.year)
    return None


def _governing(tctx: TableContext, award: str | None, rtype: RecipientType | None) -> Clause | None:
    return tctx.doc.governing(award, rtype)


def _recipient_type(row: TableRow, tctx: TableContext, name: str, honorific: str | None) -> RecipientType:
    cell = _cell(row, tctx.table, M.recipient_type)
    named = row.cell(M.name, tctx.table)
    # a `TAPTHE` cell; not the name itself (`Ông Hoàng Trường`: `trường` is no kind there)
    whole = [c.text for c in row.cells if c is not named and type_in(c.text) and len(c.text.split()) <= 3]
    kind = next((k for k in map(type_in, ([cell] if cell else []) + whole) if k), None)
    if kind:
        return kind
    if tctx.title_type and tctx.table.title and _one_kind(tctx.table.title):
        # A title naming one kind (`DANH SÁCH CÁ NHÂN …`) types its rows: its group rows
        # then name units (`Viễn thông Hải Phòng`), whose nouns are no recipient kind.
        return tctx.title_type
    kind = next((k for k in map(type_in, reversed(row.groups)) if k), None)
    if kind == RecipientType.tap_the and honorific:
        kind = None  # `Ông A` under a unit's group row (`Viễn thông Hải Phòng`) is no collective
    return kind or tctx.title_type or recipient_type_of(name, honorific)


def _one_kind(title: str) -> bool:
    """Every part of the title (split at `,`, `và`, `/`) names the same kind, or none."""
    kinds = {type_in(part) for part in regex.split(r",|/|;|\s(?:và|VÀ)\s", title)} - {None}
    return len(kinds) == 1


def _role(row: TableRow, table: Table, rtype: RecipientType) -> str | None:
    combined = _cell(row, table, M.position_unit)
    if combined:
        return combined
    position, unit = _cell(row, table, M.position), _cell(row, table, M.unit)
    if rtype != RecipientType.ca_nhan:
        return unit or None
    return ", ".join(t for t in (position, unit) if t) or None


def _place(row: TableRow, table: Table) -> str | None:
    unit = _cell(row, table, M.unit)
    if unit:
        return first_body(unit)
    if _cell(row, table, M.position_unit):
        return None
    for group in reversed(row.groups):
        if not _clause_of(group).award and not type_in(group):
            return group.strip(" :")
    return None


def _row_award(doc: Document, record: Extraction, tctx: TableContext, row: TableRow,
               codes: dict[str, ClauseAward]) -> tuple[Award, Person | None] | None:
    table = tctx.table
    name_cell = row.cell(M.name, table)
    if name_cell is None:
        return None
    named = split_name(name_cell.text, name_cell.start)
    if not named.name or not any(ch.isalpha() for ch in named.name):
        return None
    rtype = _recipient_type(row, tctx, named.name, named.honorific)
    src = _source(row, tctx, codes)
    clause = _governing(tctx, src.award.award if src else None, rtype)
    if src is None and (clause is None or clause.award is None):
        return None
    award = src.award if src else clause.award  # type: ignore[union-attr]
    authority = award.authority
    same = clause is not None and clause.award is not None and clause.award.award == award.award
    if same and (authority is None or (authority.isupper() and clause.award.authority
                                       and authority.casefold() == clause.award.authority.casefold())):
        authority = clause.award.authority  # a title in capitals names the clause's conferrer
    status = (src.status if src else None) or (clause.status if clause else None) or tctx.doc.default_status \
        or AwardStatus.granted
    year_cell = _cell(row, table, M.year)
    year = year_in("năm " + year_cell) if year_cell else None
    year = tctx.doc.year_of(clause, year, src.year if src else None, tctx.title.year if tctx.title else None)
    decision = decision_number(_cell(row, table, M.decision)) or tctx.doc.decision_of(clause, status)
    span = make_span(doc, record, row.start, row.end)
    entry = Award(award=award.award, grade=award.grade, authority=authority, recipient=named.name, count=1,
                  status=status, recipient_type=rtype, year=year, decision=decision,
                  role=_role(row, table, rtype) or named.role, source=AwardSource.table_row, span=span,
                  recipient_span=make_span(doc, record, named.start, named.end))
    person = None
    if rtype == RecipientType.ca_nhan:
        combined = _cell(row, table, M.position_unit)
        person = Person(name=named.name, honorific=named.honorific,
                        role=combined or _cell(row, table, M.position) or named.role,
                        place=_place(row, table), span=span)
    return entry, person


def table_awards(doc: Document, record: Extraction, tctx: TableContext) -> Found:
    found = Found()
    table = tctx.table
    if not any(c.meaning == M.name for c in table.columns) or code_columns(table) or on_example_sheet(table):
        return found
    codes = code_map(record)
    for row in table.rows:
        if row.kind != TableRowKind.data:
            continue
        got = _row_award(doc, record, tctx, row, codes)
        if got is None:
            continue
        found.awards.append(got[0])
        if got[1] is not None:
            found.people.append(got[1])
    return found
