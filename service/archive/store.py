"""The archive: original files (content-addressed by SHA-256) and records in the database.

Writes are all-or-nothing: rows go in one transaction, each new file is written to a temp
file and renamed into place, and files written by a transaction that rolls back are removed.
A file already on disk for the same hash is never rewritten or removed by a failed write.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, delete, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from extractor.records import Extraction
from service.archive import models as m
from service.archive.db import make_engine, migrate
from service.archive.facets import FacetIndex
from service.archive.fold import fold
from service.archive.term_scores import TermScores
from service.recipients import index as recipients
from service.recipients.facets import RecipientArrays, RecipientArraysCache

SUMMARY_FIELDS = ("id", "sha256", "filename", "format", "size", "doc_type", "title", "number", "issuer",
                  "place", "date", "year", "period", "signer", "author", "pages", "created_at")

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


@dataclass
class Stored:
    """The outcome of storing one upload: the document summary, its record, and whether
    the same bytes were already in the archive."""

    document: dict
    record: dict
    duplicate: bool


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def summary(doc: m.Document) -> dict:
    out = {f: getattr(doc, f) for f in SUMMARY_FIELDS}
    if isinstance(out["created_at"], datetime):
        out["created_at"] = out["created_at"].isoformat()
    return out


def _year(record: Extraction) -> int | None:
    md = record.metadata
    if md.period and md.period.year:
        return md.period.year
    if md.date and re.match(r"\d{4}", md.date):
        return int(md.date[:4])
    return None


def _join_keys(*parts: str | None) -> str:
    return " \n ".join(fold(p) for p in parts if p)


def build_rows(record: Extraction, *, sha: str, filename: str, size: int) -> m.Document:
    """Database rows for one record (the document with its entity children)."""
    md = record.metadata
    year = _year(record)
    doc = m.Document(
        sha256=sha, filename=filename, format=record.document.format.value, size=size,
        doc_type=md.doc_type.value, title=md.title, number=md.number, issuer=md.issuer,
        parent_issuer=md.parent_issuer, place=md.place, date=md.date, year=year,
        period=md.period.label if md.period else None,
        signer=md.signer.name if md.signer else None, signer_title=md.signer.title if md.signer else None,
        author=md.author, pages=record.document.pages, ocr=record.document.ocr,
        created_at=datetime.now(timezone.utc), text=record.text, text_folded=fold(record.text),
        title_key=_join_keys(md.title, md.number, md.issuer, md.parent_issuer, md.place),
        entities_folded=_join_keys(
            *(c.name for c in record.campaigns), *(c.canonical for c in record.campaigns),
            *(a.award for a in record.awards), *(a.recipient for a in record.awards),
            *(p.name for p in record.people), *(p.place for p in record.people),
            md.signer.name if md.signer else None, md.author),
        issuer_key=fold(md.issuer), place_key=fold(md.place),
        record=record.model_dump_json(),
    )
    doc.sections = [m.Section(sid=s.id, parent=s.parent, number=s.number, title=s.title, level=s.level,
                              start=s.start, end=s.end) for s in record.sections]
    doc.indicators = [m.Indicator(
        text=i.text, value=i.value, unit=i.unit or "", of=i.of, qualifier=i.qualifier, measure=i.measure,
        measure_key=fold(i.measure), relation=i.comparison.relation if i.comparison else None,
        baseline=i.comparison.baseline if i.comparison else None, subject=i.subject,
        start=i.span.start, end=i.span.end) for i in record.indicators]
    doc.campaigns = [m.Campaign(
        name=c.name, canonical=c.canonical, name_key=_join_keys(c.name, c.canonical), mentions=len(c.spans),
        start=c.spans[0].start if c.spans else None, end=c.spans[0].end if c.spans else None)
        for c in record.campaigns]
    doc.awards = [m.Award(
        award=a.award, award_key=fold(a.award), grade=a.grade, authority=a.authority, recipient=a.recipient,
        recipient_key=fold(a.recipient), count=a.count, status=a.status.value, year=year, issuer=md.issuer,
        start=a.span.start, end=a.span.end) for a in record.awards]
    doc.people = [m.Person(
        name=p.name, name_key=fold(p.name), honorific=p.honorific, role=p.role, place=p.place,
        place_key=fold(p.place), start=p.span.start, end=p.span.end) for p in record.people]
    return doc


def _bump(s: Session) -> None:
    s.execute(update(m.ArchiveState).where(m.ArchiveState.id == 1)
              .values(generation=m.ArchiveState.generation + 1))


class Archive:
    def __init__(self, database_url: str, storage_path: str | Path, *, engine: Engine | None = None) -> None:
        self.engine = engine or make_engine(database_url)
        self.storage = Path(storage_path)
        self.storage.mkdir(parents=True, exist_ok=True)
        self.Session = sessionmaker(self.engine, expire_on_commit=False)
        self.dialect = self.engine.dialect.name
        self._facets: FacetIndex | None = None
        self._facets_lock = threading.Lock()
        self.term_scores = TermScores()
        self.recipient_arrays = RecipientArraysCache()

    @classmethod
    def open(cls, database_url: str, storage_path: str | Path) -> Archive:
        """Open (and migrate to the newest schema) the archive; build the recipient index
        from the stored records when it was made by an older linkage (or none)."""
        archive = cls(database_url, storage_path)
        migrate(archive.engine)
        with archive.Session.begin() as s:
            if recipients.needs_rebuild(s):
                recipients.rebuild(s)
                _bump(s)
        return archive

    def close(self) -> None:
        self.engine.dispose()

    # files -----------------------------------------------------------------
    def file_path(self, sha: str) -> Path:
        return self.storage / sha[:2] / sha

    def _write_file(self, sha: str, data: bytes) -> Path | None:
        """Write `data` at its content address; the path if this call created it."""
        path = self.file_path(sha)
        if path.exists():
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    # writes ----------------------------------------------------------------
    def add(self, data: bytes, filename: str, record: Extraction) -> Stored:
        return self.add_many([(data, filename, record)])[0]

    def add_many(self, items: Iterable[tuple[bytes, str, Extraction]],
                 then: Callable[[Session, list[Stored]], None] | None = None) -> list[Stored]:
        """Store uploads in one transaction; same bytes as a stored document → that document.
        `then(session, stored)` runs inside the same transaction (a job marks itself done), so
        the rows and whatever it writes commit together or not at all."""
        items = list(items)
        try:
            return self._add_many(items, then)
        except IntegrityError:
            # Another writer stored the same bytes between our check and our insert.
            return self._add_many(items, then)

    def _drop_orphan(self, sha: str) -> None:
        """Remove the original of `sha` unless a committed row refers to it. A writer that
        rolls back must not take away a file another writer of the same bytes has just
        committed (two uploads of the same file at once both write it; the loser's
        IntegrityError comes after the winner's commit)."""
        if not self.has(sha):
            self.file_path(sha).unlink(missing_ok=True)

    def _add_many(self, items: list[tuple[bytes, str, Extraction]],
                  then: Callable[[Session, list[Stored]], None] | None) -> list[Stored]:
        written: list[str] = []
        out: list[Stored] = []
        try:
            with self.Session.begin() as s:
                fresh: dict[str, m.Document] = {}
                for data, filename, record in items:
                    sha = sha256_hex(data)
                    doc = fresh.get(sha) or s.scalar(select(m.Document).where(m.Document.sha256 == sha))
                    if doc is not None:
                        out.append(Stored(summary(doc), json.loads(doc.record), True))
                        continue
                    record = record.model_copy(deep=True)
                    record.document.sha256 = sha
                    record.document.source = filename
                    if self._write_file(sha, data) is not None:
                        written.append(sha)
                    doc = build_rows(record, sha=sha, filename=filename, size=len(data))
                    s.add(doc)
                    s.flush()
                    if not fresh:
                        _serialise_linkage(s)  # held to the transaction's end: once is enough
                    recipients.index_document(s, doc.id, record)
                    fresh[sha] = doc
                    out.append(Stored(summary(doc), record.model_dump(mode="json"), False))
                if fresh:
                    _bump(s)
                if then is not None:
                    then(s, out)
        except BaseException:
            for sha in written:
                self._drop_orphan(sha)
            raise
        return out

    def delete(self, doc_id: int) -> bool:
        with self.Session.begin() as s:
            doc = s.get(m.Document, doc_id)
            if doc is None:
                return False
            sha = doc.sha256
            touched = recipients.affected(s, doc_id)
            s.execute(delete(m.Document).where(m.Document.id == doc_id))
            recipients.refresh(s, touched)
            _bump(s)
        # The row is gone for good; only now drop the file — unless the same bytes were
        # uploaded again meanwhile (sha is unique, so only such a new row can share it).
        self._drop_orphan(sha)
        return True

    def replace(self, doc_id: int, data: bytes, filename: str, record: Extraction) -> Stored | None:
        """Put a new version (new bytes, or the same file read again by a newer extractor)
        in place of document `doc_id`, keeping its id, so links to it stay valid. Rows,
        recipient history and candidate links change in one transaction. None: no such
        document. Bytes already stored as another document → that one, nothing changed."""
        sha = sha256_hex(data)
        written: str | None = None
        try:
            with self.Session.begin() as s:
                old = s.get(m.Document, doc_id)
                if old is None:
                    return None
                other = s.scalar(select(m.Document).where(m.Document.sha256 == sha, m.Document.id != doc_id))
                if other is not None:
                    return Stored(summary(other), json.loads(other.record), True)
                old_sha = old.sha256
                touched = recipients.affected(s, doc_id)
                s.execute(delete(m.Document).where(m.Document.id == doc_id))
                s.expunge(old)
                record = record.model_copy(deep=True)
                record.document.sha256 = sha
                record.document.source = filename
                if self._write_file(sha, data) is not None:
                    written = sha
                doc = build_rows(record, sha=sha, filename=filename, size=len(data))
                doc.id = doc_id
                s.add(doc)
                s.flush()
                touched |= recipients.index_document(s, doc_id, record)
                recipients.refresh(s, touched)
                _bump(s)
                stored = Stored(summary(doc), record.model_dump(mode="json"), False)
        except BaseException:
            if written:
                self._drop_orphan(written)
            raise
        if old_sha != sha:
            self._drop_orphan(old_sha)
        return stored

    # reads -----------------------------------------------------------------
    def generation(self, s: Session) -> int:
        return s.scalar(select(m.ArchiveState.generation).where(m.ArchiveState.id == 1)) or 0

    def facet_index(self, s: Session, stale: FacetIndex | None = None) -> FacetIndex:
        """The per-document facet values and labels (`facets.FacetIndex`), cached until the
        next write anywhere (any process) bumps the generation. `stale`: an index the caller
        found out of date (it matched a document the index lacks) → read it again."""
        gen = self.generation(s)
        cached = self._facets
        if cached is not None and cached.generation == gen and cached is not stale:
            return cached
        with self._facets_lock:
            cached = self._facets
            if cached is not None and cached.generation == gen and cached is not stale:
                return cached
            self._facets = cached.refreshed(s, gen) if cached is not None else FacetIndex.build(s, gen)
            return self._facets

    def recipient_index(self, s: Session) -> RecipientArrays:
        """Kind, place, award count and name order of every recipient, cached until the next write."""
        return self.recipient_arrays.get(s, self.generation(s))

    def term_ranker(self, s: Session, scorers: list, ids: np.ndarray) -> np.ndarray | None:
        """Summed score of `ids` over the terms' (cache key, statement) `scorers`
        (`queries.term_scorers`), from per-term scores cached until the next write."""
        return self.term_scores.scores(s.connection(), scorers, ids, self.generation(s))

    def session(self) -> Session:
        return self.Session()

    def count(self) -> int:
        with self.Session() as s:
            return s.scalar(select(func.count()).select_from(m.Document)) or 0

    def known_hashes(self) -> set[str]:
        with self.Session() as s:
            return set(s.scalars(select(m.Document.sha256)))

    def has(self, sha: str) -> bool:
        with self.Session() as s:
            return s.scalar(select(m.Document.id).where(m.Document.sha256 == sha)) is not None

    def get(self, doc_id: int) -> dict | None:
        with self.Session() as s:
            doc = s.get(m.Document, doc_id)
            return summary(doc) if doc else None

    def record(self, doc_id: int) -> dict | None:
        with self.Session() as s:
            raw = s.scalar(select(m.Document.record).where(m.Document.id == doc_id))
            return json.loads(raw) if raw is not None else None

    def file(self, doc_id: int) -> tuple[Path, str, str] | None:
        """(path, filename, content type) of the original, if stored."""
        with self.Session() as s:
            row = s.execute(select(m.Document.sha256, m.Document.filename, m.Document.format)
                            .where(m.Document.id == doc_id)).first()
        if row is None:
            return None
        path = self.file_path(row.sha256)
        if not path.exists():
            return None
        return path, row.filename, CONTENT_TYPES.get(row.format, "application/octet-stream")


# Any constant key: one lock for "recipients are being linked" (PostgreSQL advisory lock).
_LINKAGE_LOCK = 0x7464_6B74


def _serialise_linkage(s: Session) -> None:
    """Link one document's recipients at a time. Two jobs storing decisions that name the
    same person would otherwise both find no recipient and each create one (PostgreSQL runs
    the transactions side by side; SQLite already writes one at a time). The lock is held to
    the transaction's end, and READ COMMITTED lets the next holder see what it wrote."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LINKAGE_LOCK})
