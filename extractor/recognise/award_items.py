"""Recipients named in the clause itself: `Điều 1. Tặng Bằng khen … cho 03 cá nhân: 1. Ông
Nguyễn Văn A, Trưởng phòng …; 2. Bà …`, or one item per line under it."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractor.model import Document
from extractor.provenance import make_span
from extractor.recognise.award_clause import Clause, ClauseAward
from extractor.recognise.list_cells import recipient_type_of, split_name
from extractor.recognise.names import split_descriptor
from extractor.records import Award, AwardSource, AwardStatus, DocType, Extraction, Person, RecipientType

_MARKER = regex.compile(r"\s*(?:\d{1,3}\s*[.)]|[a-zđ]\s*\)|[-+•–])\s*")
_ITEM_SEP = regex.compile(r"\s*;\s*")


@dataclass
class Found:
    awards: list[Award] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    claimed: list[tuple[int, int]] = field(default_factory=list)


def _segments(text: str, clause: Clause) -> list[tuple[int, int]]:
    """[start, end) of each item: marked lines of the clause after its first, else the
    `;`-separated run after the clause's last `:` on its first line."""
    first_end = text.find("\n", clause.start, clause.end)
    first_end = clause.end if first_end < 0 else first_end
    out = []
    pos = first_end + 1
    while pos < clause.end:
        nl = text.find("\n", pos, clause.end)
        end = clause.end if nl < 0 else nl
        m = _MARKER.match(text, pos, end)
        if m:
            out.append((m.end(), end))
        pos = end + 1
    if out:
        return out
    colon = text.rfind(":", clause.start, first_end)
    if colon < 0:
        return []
    pos = colon + 1
    for m in _ITEM_SEP.finditer(text, pos, first_end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, first_end))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out if text[a:b].strip()]


def _award_for(clause: Clause, pos: int) -> ClauseAward | None:
    before = [a for a in clause.awards if a.start <= pos]
    return before[-1] if before else clause.award


def clause_items(doc: Document, record: Extraction, clause: Clause, ctx) -> Found:
    text = doc.text
    found = Found()
    for start, end in _segments(text, clause):
        raw = text[start:end].rstrip(" .;,")
        comma = raw.find(",")
        head = raw if comma < 0 else raw[:comma]
        named = split_name(head, start)
        if not named.name or not named.name[:1].isupper() or len(named.name.split()) > 12 \
                or not _is_recipient(named.name, named.honorific):
            continue  # `Mức thưởng:`, `- Giải nhất: 3.000.000 đồng/đội` are not recipients
        award = _award_for(clause, start)
        if award is None:
            continue
        desc = raw[comma + 1:].strip() if comma >= 0 else ""
        rtype = clause.recipient_type if clause.recipient_type else recipient_type_of(named.name, named.honorific)
        if named.honorific:
            rtype = RecipientType.ca_nhan
        status = clause.status or AwardStatus.granted
        span = make_span(doc, record, start, start + len(raw))
        found.awards.append(Award(
            award=award.award, grade=award.grade, authority=award.authority, recipient=named.name, count=1,
            status=status, recipient_type=rtype, role=desc or None,
            year=ctx.year_of(clause), decision=ctx.decision_of(clause, status),
            source=AwardSource.list_item, span=span,
            recipient_span=make_span(doc, record, named.start, named.end)))
        if rtype == RecipientType.ca_nhan:
            role, place = split_descriptor(desc) if desc else (None, None)
            found.people.append(Person(name=named.name, honorific=named.honorific, role=role or (desc or None),
                                       place=place, span=span))
        found.claimed.append((start, end))
    return found


# --- lists attached after the signature, written as numbered lines (no table) -------------

_NUMBERED = regex.compile(r"^\s*(?:\d{1,4}\s*[.)]|[-+•–])\s+(?=\S)")
_GROUP = regex.compile(r"^\s*(?:[IVXLC]{1,5}|[A-ZĐ])\s*[.)]\s+\S|^[^\d].{0,150}:\s*$")
_LIST_TITLE = regex.compile(r"^\s*DANH\s+SÁCH", regex.I)
_MAX_ITEM = 260


def _is_recipient(name: str, honorific: str | None) -> bool:
    from extractor.recognise.awards import lexicon as award_lexicon

    if honorific or recipient_type_of(name, None) == RecipientType.ca_nhan:
        return True
    return any(name.startswith(h + " ") for h in award_lexicon().heads)


def attachment_items(doc: Document, record: Extraction, ctx) -> Found:
    """Recipients of an attached `DANH SÁCH …` printed as numbered lines, under group lines
    (`I. TẬP THỂ`, `Bằng khen của …:`) that set their kind or award."""
    from extractor.recognise.award_clause import read_clause, type_in
    from extractor.segment.layout import analyse

    found = Found()
    layout = analyse(doc)
    for att in layout.attachments:
        title = att.title_text
        if not _LIST_TITLE.match(title):
            continue
        tclause = read_clause(title, 0, len(title))
        group_clause, group_type = None, None
        for ln in layout.lines[att.body_start:att.end]:
            if ln.kind is not None and ln.kind.value == "table_row":
                continue
            text = ln.clean
            numbered = _NUMBERED.match(text)
            if not numbered or _GROUP.match(text):
                if len(text) <= 160:
                    group_clause = read_clause(text, 0, len(text))
                    group_type = type_in(text) or group_type
                continue
            body = text[numbered.end():].rstrip(" .;,")
            if len(body) > _MAX_ITEM:
                continue
            comma = body.find(",")
            head = body if comma < 0 else body[:comma]
            start = ln.span(numbered.end(), numbered.end() + 1)[0]
            named = split_name(head, start)
            if not named.name or not _is_recipient(named.name, named.honorific):
                continue
            award = (group_clause.award if group_clause and group_clause.award else None) or tclause.award
            rtype = group_type or tclause.recipient_type or recipient_type_of(named.name, named.honorific)
            clause = ctx.governing(award.award if award else None, rtype)
            award = award or (clause.award if clause else None)
            if award is None:
                continue
            if award.authority is None and clause and clause.award and clause.award.award == award.award:
                award = ClauseAward(award.award, award.grade, clause.award.authority, award.start, award.end)
            status = tclause.status or (clause.status if clause else None) or ctx.default_status or AwardStatus.granted
            year = ctx.year_of(clause, tclause.year)
            desc = body[comma + 1:].strip() if comma >= 0 else ""
            s, e = ln.span()
            span = make_span(doc, record, s, e)
            found.awards.append(Award(
                award=award.award, grade=award.grade, authority=award.authority, recipient=named.name, count=1,
                status=status, recipient_type=rtype, role=desc or None, year=year,
                decision=ctx.decision_of(clause, status),
                source=AwardSource.list_item, span=span,
                recipient_span=make_span(doc, record, named.start, named.end)))
            if rtype == RecipientType.ca_nhan:
                role, place = split_descriptor(desc) if desc else (None, None)
                found.people.append(Person(name=named.name, honorific=named.honorific, role=role or (desc or None),
                                           place=place, span=span))
            found.claimed.append((s, e))
    return found
