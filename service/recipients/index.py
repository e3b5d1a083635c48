"""The recipient index, written by the archive's own store functions in the transaction that
writes or deletes the document (`Archive.add_many`, `Archive.delete`, `Archive.replace`), so
it holds however a record arrives (upload, import, background job).

Every award that names its recipient becomes a `RecipientAward`; the recipient is found by
blocking (same folded name; short forms and near spellings only within the same commune)
and `linkage.resolve`, or made new. Uncertain matches become `RecipientLink` candidates.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from extractor.records import Award, AwardStatus, DocType, Extraction
from service.archive import models as m
from service.archive.fold import fold
from service.recipients import names
from service.recipients.linkage import PERSON, Known, Mention, decode_places, encode_places, resolve

BLOCK_LIMIT = 2000  # near-spelling block within one commune; exact-name blocks are small


def record_year(record: Extraction) -> int | None:
    md = record.metadata
    if md.period and md.period.year:
        return md.period.year
    if md.date and md.date[:4].isdigit():
        return int(md.date[:4])
    return None


def recipient_kind(award: Award) -> str:
    if award.recipient_type is not None:
        return award.recipient_type.value
    words = (award.recipient or "").split()
    return PERSON if 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) else "tap_the"


def indexed_awards(record: Extraction) -> Iterable[tuple[int, Award]]:
    """The awards that name one recipient (a clause `cho 03 cá nhân` names none)."""
    for i, a in enumerate(record.awards):
        if a.recipient and a.recipient.strip() and (a.count is None or a.count <= 1):
            yield i, a


def known(r: m.Recipient) -> Known:
    return Known(r.id, r.kind, r.name_key, r.accented_key, r.unit_key, decode_places(r.places))


def block(s: Session, mention: Mention) -> list[m.Recipient]:
    person = m.Recipient.kind == PERSON if mention.kind == PERSON else m.Recipient.kind != PERSON
    exact = select(m.Recipient).where(m.Recipient.name_key == mention.key, person)
    rows = {r.id: r for r in s.scalars(exact)}
    commune = mention.places.get(3)
    if commune and mention.given:
        near = (select(m.Recipient).where(m.Recipient.given_key == mention.given, person,
                                          m.Recipient.places.contains(f"3:{commune}"))
                .limit(BLOCK_LIMIT))
        rows.update({r.id: r for r in s.scalars(near)})
    return list(rows.values())


def _new_recipient(s: Session, mention: Mention) -> m.Recipient:
    r = m.Recipient(kind=mention.kind, name=mention.name, name_key=mention.key, accented_key=mention.accented,
                    given_key=mention.given[:64], role=None, unit_key=mention.unit,
                    places=encode_places(mention.places), place=None, search_key=mention.key, award_count=0)
    s.add(r)
    s.flush()
    return r


def index_document(s: Session, doc_id: int, record: Extraction) -> set[int]:
    """Link each recipient-naming award of the stored document `doc_id`; the recipients touched."""
    md = record.metadata
    area = md.issuer or md.parent_issuer
    year = record_year(record)
    touched: set[int] = set()
    # Within one document the same name with the same position (or none) is one recipient:
    # the rows of a báo cáo thành tích's past titles all name its author.
    local: dict[tuple[bool, str, str], int] = {}
    for index, award in indexed_awards(record):
        mention = Mention(award.recipient, recipient_kind(award), award.role, area)
        if not mention.key:
            continue
        here = (mention.kind == PERSON, mention.key, mention.unit)
        rid = local.get(here)
        if rid is None:
            rid = _link(s, doc_id, mention)
            local[here] = rid
        s.add(_award_row(rid, doc_id, index, award, mention, record, year))
        touched.add(rid)
    s.flush()
    refresh(s, touched)
    return touched


def _link(s: Session, doc_id: int, mention: Mention) -> int:
    found = resolve(mention, [known(r) for r in block(s, mention)])
    rid = found.match if found.match is not None else _new_recipient(s, mention).id
    seen: set[int] = set()
    for other, score, reason in found.candidates:
        if other != rid and other not in seen:
            seen.add(other)
            s.add(m.RecipientLink(recipient_id=rid, other_id=other, document_id=doc_id, score=score, reason=reason))
    return rid


def _award_row(rid: int, doc_id: int, index: int, a: Award, mention: Mention, record: Extraction,
               year: int | None) -> m.RecipientAward:
    decision = a.decision
    if decision is None and a.status == AwardStatus.granted and record.metadata.doc_type == DocType.quyet_dinh \
            and a.source.value != "past_titles":
        decision = record.metadata.number  # the decision itself confers it
    return m.RecipientAward(
        recipient_id=rid, document_id=doc_id, award_index=index, name=mention.name, role=a.role,
        places=encode_places(mention.places), award=a.award, award_key=fold(a.award), grade=a.grade,
        authority=a.authority, year=a.year or year, decision=decision, decision_key=decision_key(decision),
        decision_date=a.decision_date, status=a.status.value, source=a.source.value,
        start=a.span.start, end=a.span.end, span_text=a.span.text,
        name_start=a.recipient_span.start if a.recipient_span else None,
        name_end=a.recipient_span.end if a.recipient_span else None)


def decision_key(number: str | None) -> str:
    """`1234/QĐ-UBND` and `số 1234/qđ-ubnd` compare equal."""
    return "".join(fold(number).split()).removeprefix("so") if number else ""


def affected(s: Session, doc_id: int) -> set[int]:
    """Recipients whose history or links involve the document (read before deleting it)."""
    ids = set(s.scalars(select(m.RecipientAward.recipient_id).where(m.RecipientAward.document_id == doc_id)))
    for a, b in s.execute(select(m.RecipientLink.recipient_id, m.RecipientLink.other_id)
                          .where(m.RecipientLink.document_id == doc_id)):
        ids.update((a, b))
    return ids


def refresh(s: Session, ids: Iterable[int]) -> None:
    """Recompute what a recipient shows from the awards it still has; drop one with none."""
    ids = sorted(set(ids))
    if not ids:
        return
    rows = s.execute(select(m.RecipientAward.recipient_id, m.RecipientAward.name, m.RecipientAward.role,
                            m.RecipientAward.places, m.RecipientAward.year, m.Document.issuer)
                     .join(m.Document, m.Document.id == m.RecipientAward.document_id)
                     .where(m.RecipientAward.recipient_id.in_(ids))
                     .order_by(m.RecipientAward.recipient_id, m.RecipientAward.year.desc().nulls_last(),
                               m.RecipientAward.id.desc())).all()
    by_recipient: dict[int, list] = {}
    for row in rows:
        by_recipient.setdefault(row.recipient_id, []).append(row)
    empty = [rid for rid in ids if rid not in by_recipient]
    if empty:
        s.execute(delete(m.Recipient).where(m.Recipient.id.in_(empty)))
    for rid, awards in by_recipient.items():
        s.execute(update(m.Recipient).where(m.Recipient.id == rid).values(**_summary(awards)))


def _summary(awards: list) -> dict:
    written = Counter(a.name for a in awards)
    name = max(written, key=lambda n: (written[n], names.has_marks(n), len(n)))
    role = next((a.role for a in awards if a.role), None)  # the latest year's
    places: dict[int, str] = {}
    for a in awards:
        for level, place in decode_places(a.places).items():
            places.setdefault(level, place)
    label = (names.place_label(role) or names.place_label(name)
             or next((p for p in map(names.place_label, (a.issuer for a in awards)) if p), None))
    years = [a.year for a in awards if a.year]
    key = names.key(name)
    return {"name": name, "name_key": key, "accented_key": names.accented_key(name),
            "given_key": (key.split() or [""])[-1][:64], "role": role, "unit_key": names.expand(role),
            "places": encode_places(places), "place": label,
            "search_key": " ".join(x for x in (key, names.expand(role), " ".join(places.values())) if x),
            "award_count": len(awards), "first_year": min(years) if years else None,
            "last_year": max(years) if years else None}


def rebuild(s: Session) -> int:
    """Index every stored record again (a new archive version or linkage version)."""
    s.execute(delete(m.RecipientLink))
    s.execute(delete(m.RecipientAward))
    s.execute(delete(m.Recipient))
    ids = list(s.scalars(select(m.Document.id).order_by(m.Document.id)))
    for doc_id in ids:
        raw = s.scalar(select(m.Document.record).where(m.Document.id == doc_id))
        index_document(s, doc_id, Extraction.model_validate(json.loads(raw)))
    s.execute(update(m.ArchiveState).where(m.ArchiveState.id == 1)
              .values(recipients_version=names.LINKAGE_VERSION))
    return len(ids)


def needs_rebuild(s: Session) -> bool:
    version = s.scalar(select(m.ArchiveState.recipients_version).where(m.ArchiveState.id == 1))
    return (version or 0) != names.LINKAGE_VERSION


def count(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(m.Recipient)) or 0

