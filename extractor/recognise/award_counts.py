"""Component "award_counts": count entries from a summary table of awards — a year's
`BẢNG TỔNG HỢP HÌNH THỨC KHEN THƯỞNG`, a statistical form sent up to the province. Each
row names an award (`Huân chương Lao động hạng Ba`, `Cờ thi đua của Chính phủ`); each
primary count column (`SL tập thể`, `Số cá nhân` under `đã được trình đề nghị` or `đã có
quyết định`) gives one entry: how many units or people were proposed or awarded. Columns
that break a count down (`Trong đó`, `Tỷ lệ`) or classify it by kind of merit (their header
is itself an award heading, `Khen thưởng theo công trạng`) give none. A total row is one
aggregate entry (resources/award_counts.yaml). Tables that list recipients by name are the
award_lists component's.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.model import Document
from extractor.pipeline import component
from extractor.provenance import make_span
from extractor.recognise.award_clause import ClauseAward, read_clause, year_in
from extractor.recognise.award_taxonomy import entry
from extractor.records import (
    Award, AwardSource, AwardStatus, ColumnMeaning, Extraction, RecipientType, Table, TableRow, TableRowKind,
)
from extractor.resources import ResourceError, load_yaml
from extractor.segment.tables import fold
from extractor.segment.tables import lexicon as column_lexicon

_RESOURCE = "award_counts.yaml"
_COUNT = regex.compile(r"^\d{1,6}$")


@dataclass(frozen=True)
class _Lexicon:
    count: tuple[str, ...]
    breakdown: tuple[str, ...]
    proposed: tuple[str, ...]
    collective: tuple[str, ...]
    individual: tuple[str, ...]
    total_award: str


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_yaml(_RESOURCE)
    lists = ("count_cues", "breakdown_cues", "proposed_cues", "collective_cues", "individual_cues")
    for key in lists:
        if not isinstance(data.get(key), list):
            raise ResourceError(f"{_RESOURCE}: key '{key}' must be a list")
    if not isinstance(data.get("total_award"), str):
        raise ResourceError(f"{_RESOURCE}: key 'total_award' must be a string")
    return _Lexicon(*(tuple(data[k]) for k in lists), data["total_award"])


@dataclass(frozen=True)
class _CountColumn:
    index: int
    status: AwardStatus
    recipient_type: RecipientType | None


def _levels(header: str) -> list[str]:
    return [fold(level) + " " for level in header.split(" / ") if fold(level)]


def count_columns(table: Table) -> list[_CountColumn]:
    """The table's primary count columns, with the status and kind of recipient they count."""
    lex = _lexicon()
    out = []
    for i, col in enumerate(table.columns):
        levels = _levels(col.header)
        if col.meaning != ColumnMeaning.other or not levels:
            continue
        if any(c in lv for lv in levels for c in lex.breakdown) or not any(c in lv for lv in levels for c in lex.count):
            continue
        status = AwardStatus.proposed if any(c in lv for lv in levels for c in lex.proposed) else AwardStatus.granted
        out.append(_CountColumn(i, status, _kind_of(levels)))
    return out


def _kind_of(levels: list[str]) -> RecipientType | None:
    lex = _lexicon()
    for level in reversed(levels):  # the level closest to the cell decides
        group = any(c in level for c in lex.collective)
        person = any(c in level for c in lex.individual)
        if group != person:
            return RecipientType.tap_the if group else RecipientType.ca_nhan
    return None


def _row_award(row: TableRow, table: Table, label_col: int) -> ClauseAward | None:
    cell = next((c for c in row.cells if c.column == label_col and c.text.strip()), None)
    if row.kind == TableRowKind.total or _total_label(row):
        return ClauseAward(_lexicon().total_award, None, None, row.start, row.end)
    if cell is None:
        return None
    found = read_clause(cell.text, 0, len(cell.text)).awards
    return found[0] if len(found) == 1 else None  # a group label (`Huân chương các loại`) names none


def _total_label(row: TableRow) -> bool:
    """`Cộng` printed in the number column: a total row the tables component left as data."""
    first = next((c for c in sorted(row.cells, key=lambda c: c.column) if c.text.strip()), None)
    return first is not None and fold(first.text) in column_lexicon().total


def _kind(col: _CountColumn, award: ClauseAward) -> RecipientType | None:
    """The column's kind of recipient, else the one kind the award can go to (a Chiến sĩ
    thi đua is always a person)."""
    if col.recipient_type is not None:
        return col.recipient_type
    found = entry(award.award, award.authority)
    if found is not None and len(found.recipients) == 1 and found.recipients[0] in ("ca_nhan", "tap_the"):
        return RecipientType(found.recipients[0])
    return None


def table_counts(doc: Document, record: Extraction, table: Table) -> list[Award]:
    label_col = next((i for i, c in enumerate(table.columns) if c.meaning == ColumnMeaning.award), None)
    if label_col is None or any(c.meaning == ColumnMeaning.name for c in table.columns):
        return []
    columns = count_columns(table)
    if not columns:
        return []
    period = record.metadata.period
    year = year_in(table.title or "") or (period.year if period else None)
    out = []
    for row in table.rows:
        if row.kind not in (TableRowKind.data, TableRowKind.total):
            continue
        award = _row_award(row, table, label_col)
        if award is None:
            continue
        cells = {c.column: c for c in row.cells}
        for col in columns:
            cell = cells.get(col.index)
            if cell is None or not _COUNT.match(cell.text.strip()) or int(cell.text) == 0:
                continue
            out.append(Award(award=award.award, grade=award.grade, authority=award.authority, count=int(cell.text),
                             status=col.status, recipient_type=_kind(col, award), year=year,
                             source=AwardSource.table_row, span=make_span(doc, record, cell.start, cell.end)))
    return out


@component("award_counts", requires=("header", "tables"), assigns=("awards",))
def recognise_award_counts(doc: Document, record: Extraction) -> None:
    for table in record.tables:
        record.awards.extend(table_counts(doc, record, table))


__all__ = ["recognise_award_counts", "table_counts", "count_columns"]
