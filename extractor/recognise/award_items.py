"""Recipients named in the clause itself: `Điều 1. Tặng Bằng khen … cho 03 cá nhân: 1. Ông
Nguyễn Văn A, Trưởng phòng …; 2. Bà …`, or one item per line under it."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.model import Document
from extractor.normalise.ocr import respell
from extractor.provenance import make_span
from extractor.recognise.award_clause import Clause, ClauseAward
from extractor.recognise.list_cells import looks_like_person, recipient_type_of, split_name
from extractor.recognise.names import split_descriptor
from extractor.records import Award, AwardSource, AwardStatus, Extraction, Person, RecipientType

# `1.`, `1)`, `a)`, a dash; OCR reads `9.` as `9,` too (a digit and a comma open no clause line)
_MARKER = regex.compile(r"\s*(?:\d{1,3}\s*[.),]|[a-zđ]\s*\)|[-+•–])\s*")
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
        raw = text[start:end].rstrip(" .;,/")  # `…./.`: the decision's closing mark
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


# --- lists attached after the signature, written as lines (no table) ----------------------

_MAX_ITEM = 400  # an item wrapped over a few lines, not a paragraph


def _is_recipient(name: str, honorific: str | None) -> bool:
    from extractor.recognise.award_lexicon import lexicon as award_lexicon

    if honorific or recipient_type_of(name, None) == RecipientType.ca_nhan:
        return True
    return any(name.startswith(h + " ") for h in award_lexicon().heads)


def _opens_item(text: str) -> str | None:
    """The recipient word `text` begins with: an honorific before a name, or a unit's head
    word (`Trung tâm`, `Trường`); None when it begins with neither."""
    from extractor.recognise.award_lexicon import lexicon as award_lexicon

    named = split_name(text[:60], 0)
    if named.honorific and named.name[:1].isupper():
        return named.honorific
    return next((h for h in award_lexicon().heads
                 if text.startswith(h) and not text[len(h):len(h) + 1].isalpha()), None)


def attachment_items(doc: Document, record: Extraction, ctx) -> Found:
    """Recipients of an attached `DANH SÁCH …` printed as lines (list_lines), under group
    lines (`I. TẬP THỂ`, `Bằng khen của …:`) that set their kind or award. A collective's
    item is its name as written, parent units and all (one run of text, no parent cell);
    a person's item is the name, then the role."""
    from extractor.recognise.award_clause import type_in
    from extractor.recognise.list_lines import list_items
    from extractor.segment.attachments import is_list_title
    from extractor.segment.layout import analyse

    found = Found()
    layout = analyse(doc)
    text = doc.text
    for att in layout.attachments:
        title = att.title_text
        if not is_list_title(title):
            continue
        tclause = _group_clause(title)
        group_clause, group_type = None, None
        for item in list_items(layout.lines[att.body_start:att.end], text, _opens_item, _note_rest(att)):
            for group in item.groups:
                clause = _group_clause(group)
                group_clause = clause if clause.award else group_clause  # `Quận X: 04` keeps the award
                group_type = type_in(group) or group_type
            body = item.text
            if len(body) > _MAX_ITEM:
                continue
            comma = body.find(",")
            named = split_name(body if comma < 0 else body[:comma], item.start)
            if not named.name or not _is_recipient(named.name, named.honorific):
                continue
            award = (group_clause.award if group_clause and group_clause.award else None) or tclause.award
            rtype = _kind_of(named, body, group_type or tclause.recipient_type)
            clause = ctx.governing(award.award if award else None, rtype)
            award = award or (clause.award if clause else None)
            if award is None:
                continue
            if clause and clause.award and clause.award.award == award.award and clause.award.authority \
                    and (award.authority is None or award is tclause.award):
                # the conferrer as the article writes it: a title restates it in capitals,
                # which OCR reads worse (`CỦA TẬP ĐOÀN BƯU CHÍNH VIÊN THÔNG`)
                award = ClauseAward(award.award, award.grade, clause.award.authority, award.start, award.end)
            status = tclause.status or (clause.status if clause else None) or ctx.default_status or AwardStatus.granted
            person = rtype == RecipientType.ca_nhan
            if person:
                recipient, (rstart, rend) = named.name, _found(text, named.name, item.start, item.end)
                desc = _spaced(body[comma + 1:]) if comma >= 0 else ""
            else:
                recipient, rstart, rend, desc = body, item.start, item.end, ""
            span = make_span(doc, record, item.start, item.end)
            found.awards.append(Award(
                award=award.award, grade=award.grade, authority=award.authority, recipient=_spaced(recipient),
                count=1, status=status, recipient_type=rtype, role=desc or None, year=ctx.year_of(clause, tclause.year),
                decision=ctx.decision_of(clause, status), source=AwardSource.list_item, span=span,
                recipient_span=make_span(doc, record, rstart, rend)))
            if person:  # what follows the name is one combined position-and-unit text: all role
                found.people.append(Person(name=_spaced(named.name), honorific=named.honorific,
                                           role=desc or None, place=None, span=span))
            found.claimed.append((item.start, item.end))
    return found


def _group_clause(line: str) -> Clause:
    """What a list's title or group line says (award, authority, status), its award read
    whatever marks OCR put on it (`Cờ thi đưa của UBND Thành phố: 04`)."""
    from extractor.recognise.award_clause import read_clause

    clause = read_clause(line, 0, len(line))
    if clause.award is None:
        spelled = respell(line, _award_phrases())
        if spelled != line:
            clause = read_clause(spelled, 0, len(spelled))
    return clause


@lru_cache(maxsize=1)
def _award_phrases() -> tuple[str, ...]:
    """The awards' names of two words or more, the phrases a scan's group line is respelled to."""
    from extractor.recognise.award_lexicon import lexicon as award_lexicon

    return tuple(sorted(a for a in award_lexicon().canonical if len(a.split()) >= 2))


def _kind_of(named, body: str, stated: RecipientType | None) -> RecipientType:
    """The kind the list's group or title states, unless the item says otherwise: an
    honorific makes a person; a unit's head word, with no person's name, a collective (a
    title naming both, `DANH SÁCH TẬP THỂ, CÁ NHÂN`, states neither)."""
    if named.honorific:
        return RecipientType.ca_nhan
    if stated == RecipientType.ca_nhan and _opens_item(body) and not looks_like_person(named.name):
        return RecipientType.tap_the
    return stated or recipient_type_of(named.name, named.honorific)


def _note_rest(att) -> tuple | None:
    """The first row OCR ran on into the `(Kèm theo …)` line, after its `)`."""
    if not att.note:
        return None
    line = att.note[-1]
    close = line.clean.rfind(")")
    return (line, close + 1) if 0 <= close < len(line.clean.rstrip()) - 1 else None


def _found(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of `name` in text[start:end], from its first word to its last (the
    item's text is the body as one line)."""
    words = name.split()
    first = text.find(words[0], start, end)
    last = text.find(words[-1], max(first, start), end)
    if first < 0 or last < 0:
        return start, end
    return first, last + len(words[-1])


def _spaced(text: str) -> str:
    """An item wrapped over lines, as one line."""
    return " ".join(text.split()).strip(" .;,")
