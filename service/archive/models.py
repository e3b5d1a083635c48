"""Archive tables. The schema itself is made by the versioned migrations in `migrations/`;
these classes describe it for queries. Columns ending in `_key` hold `fold()`ed copies
(lower case, no marks, đ→d) used for accent-insensitive filters."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ArchiveState(Base):
    """One row: `generation` grows with every write."""

    __tablename__ = "archive_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    generation: Mapped[int] = mapped_column(Integer)
    recipients_version: Mapped[int] = mapped_column(Integer, default=0)  # names.LINKAGE_VERSION built


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(512))
    format: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(Integer)
    doc_type: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(String(256))
    issuer: Mapped[str | None] = mapped_column(String(512))
    parent_issuer: Mapped[str | None] = mapped_column(String(512))
    place: Mapped[str | None] = mapped_column(String(256))
    date: Mapped[str | None] = mapped_column(String(10))
    year: Mapped[int | None] = mapped_column(Integer)
    period: Mapped[str | None] = mapped_column(String(256))
    signer: Mapped[str | None] = mapped_column(String(256))
    signer_title: Mapped[str | None] = mapped_column(String(256))
    author: Mapped[str | None] = mapped_column(String(256))
    pages: Mapped[int | None] = mapped_column(Integer)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    text: Mapped[str] = mapped_column(Text)
    text_folded: Mapped[str] = mapped_column(Text)
    title_key: Mapped[str] = mapped_column(Text)  # folded title, number, issuer, place
    entities_folded: Mapped[str] = mapped_column(Text)  # folded entity fields, for search
    issuer_key: Mapped[str] = mapped_column(String(512))
    place_key: Mapped[str] = mapped_column(String(256))
    record: Mapped[str] = mapped_column(Text)  # the full Extraction as JSON

    sections: Mapped[list[Section]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    indicators: Mapped[list[Indicator]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    campaigns: Mapped[list[Campaign]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    awards: Mapped[list[Award]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    people: Mapped[list[Person]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


def _doc_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class Section(Base):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    sid: Mapped[str] = mapped_column(String(32))
    parent: Mapped[str | None] = mapped_column(String(32))
    number: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    level: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)


class Indicator(Base):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(64))
    of: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(64))
    measure: Mapped[str | None] = mapped_column(Text)
    measure_key: Mapped[str] = mapped_column(Text)
    relation: Mapped[str | None] = mapped_column(String(64))
    baseline: Mapped[str | None] = mapped_column(String(256))
    subject: Mapped[str | None] = mapped_column(String(512))
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    name: Mapped[str] = mapped_column(Text)
    canonical: Mapped[str | None] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text)  # folded name and canonical
    mentions: Mapped[int] = mapped_column(Integer)
    start: Mapped[int | None] = mapped_column("start_offset", Integer)
    end: Mapped[int | None] = mapped_column("end_offset", Integer)


class Award(Base):
    __tablename__ = "awards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    award: Mapped[str] = mapped_column(Text)
    award_key: Mapped[str] = mapped_column(Text)
    grade: Mapped[str | None] = mapped_column(String(64))
    authority: Mapped[str | None] = mapped_column(Text)
    recipient: Mapped[str | None] = mapped_column(Text)
    recipient_key: Mapped[str] = mapped_column(Text)
    count: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    issuer: Mapped[str | None] = mapped_column(String(512))
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    name: Mapped[str] = mapped_column(String(256))
    name_key: Mapped[str] = mapped_column(String(256))
    honorific: Mapped[str | None] = mapped_column(String(128))
    role: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(256))
    place_key: Mapped[str] = mapped_column(String(256))
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)


ACTIVE_JOB_STATES = ("queued", "running")


class Job(Base):
    """One uploaded file on its way to the archive (service/jobs). At most one queued or
    running job per content hash: a second upload of the same bytes joins it."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filename: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), index=True)  # queued, running, done, failed
    stage: Mapped[str] = mapped_column(String(16))  # what the job is doing now (service.jobs.STAGES)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(Text)  # Vietnamese reason
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    duplicate: Mapped[bool] = mapped_column(Boolean, default=False)
    owner: Mapped[str | None] = mapped_column(String(160))  # host:pid:start of the worker running it
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ux_jobs_active_sha256", "sha256", unique=True,
              sqlite_where=text("state IN ('queued', 'running')"),
              postgresql_where=text("state IN ('queued', 'running')")),
    )

class Recipient(Base):
    """A person, collective or household resolved across documents (service/recipients).
    `*_key` columns are folded with abbreviations written out; `places` holds the
    administrative places linkage compares (`3:xa dong tam|2:huyen yen the`)."""

    __tablename__ = "recipients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text)
    accented_key: Mapped[str] = mapped_column(Text)
    given_key: Mapped[str] = mapped_column(String(64))
    role: Mapped[str | None] = mapped_column(Text)
    unit_key: Mapped[str] = mapped_column(Text)
    places: Mapped[str] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)  # most specific place, as written
    search_key: Mapped[str] = mapped_column(Text)
    award_count: Mapped[int] = mapped_column(Integer, default=0)
    first_year: Mapped[int | None] = mapped_column(Integer)
    last_year: Mapped[int | None] = mapped_column(Integer)


def _recipient_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("recipients.id", ondelete="CASCADE"), index=True)


class RecipientAward(Base):
    """One award or title of a recipient as one document states it (granted, proposed, or
    claimed in a báo cáo thành tích's past-titles table), with the span that states it."""

    __tablename__ = "recipient_awards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient_id: Mapped[int] = _recipient_fk()
    document_id: Mapped[int] = _doc_fk()
    award_index: Mapped[int] = mapped_column(Integer)  # position in the record's awards
    name: Mapped[str] = mapped_column(Text)  # the recipient as written here
    role: Mapped[str | None] = mapped_column(Text)
    places: Mapped[str] = mapped_column(Text)  # places of this mention (role, issuer), as on Recipient
    award: Mapped[str] = mapped_column(Text)
    award_key: Mapped[str] = mapped_column(Text)
    grade: Mapped[str | None] = mapped_column(String(64))
    authority: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)
    decision: Mapped[str | None] = mapped_column(String(256))
    decision_key: Mapped[str] = mapped_column(String(256))
    decision_date: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    span_text: Mapped[str] = mapped_column(Text)
    name_start: Mapped[int | None] = mapped_column(Integer)
    name_end: Mapped[int | None] = mapped_column(Integer)


class RecipientLink(Base):
    """An uncertain match: `recipient_id` may be the same as `other_id` (linkage.py says
    why). Raised by a mention in `document_id`; removed with it."""

    __tablename__ = "recipient_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient_id: Mapped[int] = _recipient_fk()
    other_id: Mapped[int] = _recipient_fk()
    document_id: Mapped[int] = _doc_fk()
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
