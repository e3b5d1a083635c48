"""Job rows in the archive's database: submit an upload, claim it in a worker, record its
stage, finish it (in the same transaction as its document) or fail it with a Vietnamese
reason, and find the jobs a dead worker left behind.

The uploaded bytes wait in `incoming/<job id>` (written and fsynced before the job row
commits, removed once the job is settled), so a queued job survives a restart."""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extractor.records import Extraction
from service.archive import Archive, Stored
from service.archive import models as m
from service.archive.store import sha256_hex, summary

ACTIVE = m.ACTIVE_JOB_STATES

# stage → (what the page says, progress reached when the stage starts)
STAGES: dict[str, tuple[str, float]] = {
    "waiting": ("Đang chờ trong hàng đợi", 0.0),
    "reading": ("Đang đọc tệp", 0.05),
    "extracting": ("Đang trích xuất dữ liệu", 0.15),
    "storing": ("Đang lưu vào kho", 0.9),
    "done": ("Xong", 1.0),
    "duplicate": ("Đã có trong kho", 1.0),
    "failed": ("Lỗi", 1.0),
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _aware(dt: datetime | None) -> datetime | None:
    # SQLite hands datetimes back without their zone; every one we write is UTC.
    if dt is None or dt.tzinfo is not None:
        return dt
    return dt.replace(tzinfo=timezone.utc)


def _iso(dt: datetime | None) -> str | None:
    dt = _aware(dt)
    return dt.isoformat() if dt else None


def view(job: m.Job) -> dict:
    """The job as the API shows it (without its record)."""
    label, _ = STAGES.get(job.stage, (job.stage, 0.0))
    return {"id": job.id, "filename": job.filename, "sha256": job.sha256, "size": job.size,
            "state": job.state, "stage": job.stage, "stage_label": label, "progress": round(job.progress, 3),
            "document_id": job.document_id, "duplicate": job.duplicate, "error": job.error,
            "error_code": job.error_code, "attempts": job.attempts, "created_at": _iso(job.created_at),
            "started_at": _iso(job.started_at), "finished_at": _iso(job.finished_at)}


@dataclass
class Claimed:
    """A job this worker now runs: its original name and where its bytes wait."""

    id: int
    filename: str
    path: Path


class JobStore:
    def __init__(self, archive: Archive, incoming: Path) -> None:
        self.archive = archive
        self.incoming = Path(incoming)
        self.incoming.mkdir(parents=True, exist_ok=True)

    def incoming_file(self, job_id: int) -> Path:
        return self.incoming / str(job_id)

    # submitting -------------------------------------------------------------
    def submit(self, data: bytes, filename: str) -> tuple[dict, bool]:
        """(job, whether it must be queued). The same bytes as a queued or running job join
        that job; as a stored document, a job already done that names it."""
        sha = sha256_hex(data)
        for _ in range(5):
            try:
                return self._submit(data, filename, sha)
            except IntegrityError:
                continue  # another upload of the same bytes became active meanwhile: join it
        raise RuntimeError("không tạo được việc xử lý sau nhiều lần thử")

    def _submit(self, data: bytes, filename: str, sha: str) -> tuple[dict, bool]:
        written: Path | None = None
        try:
            with self.archive.Session.begin() as s:
                active = s.scalar(select(m.Job).where(m.Job.sha256 == sha, m.Job.state.in_(ACTIVE)))
                if active is not None:
                    return view(active), False
                doc_id = s.scalar(select(m.Document.id).where(m.Document.sha256 == sha))
                now = utcnow()
                if doc_id is not None:
                    job = m.Job(filename=filename, sha256=sha, size=len(data), state="done", stage="duplicate",
                                progress=1.0, attempts=0, document_id=doc_id, duplicate=True, created_at=now,
                                finished_at=now)
                    s.add(job)
                    s.flush()
                    return view(job), False
                job = m.Job(filename=filename, sha256=sha, size=len(data), state="queued", stage="waiting",
                            progress=0.0, attempts=0, duplicate=False, created_at=now)
                s.add(job)
                s.flush()
                written = self._write_incoming(job.id, data)
                out = view(job)
        except BaseException:
            if written is not None:
                written.unlink(missing_ok=True)
            raise
        return out, True

    def _write_incoming(self, job_id: int, data: bytes) -> Path:
        path = self.incoming_file(job_id)
        fd, tmp = tempfile.mkstemp(dir=self.incoming, prefix=".tmp-")
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

    def refuse(self, filename: str, size: int, code: str, reason: str) -> dict:
        """A job failed at once (empty, too large): the file gets its receipt and its reason."""
        now = utcnow()
        with self.archive.Session.begin() as s:
            job = m.Job(filename=filename, sha256=None, size=size, state="failed", stage="failed", progress=1.0,
                        attempts=0, error_code=code, error=reason, duplicate=False, created_at=now, finished_at=now)
            s.add(job)
            s.flush()
            return view(job)

    # reading ----------------------------------------------------------------
    def get(self, job_id: int) -> dict | None:
        with self.archive.Session() as s:
            job = s.get(m.Job, job_id)
            if job is None:
                return None
            out = view(job)
            out["ahead"] = (s.scalar(select(func.count()).select_from(m.Job)
                                     .where(m.Job.state == "queued", m.Job.id < job.id)) or 0
                            if job.state == "queued" else None)
            return out

    def many(self, ids: Iterable[int] | None = None, state: str | None = None, limit: int = 100) -> list[dict]:
        stmt = select(m.Job).order_by(m.Job.id.desc()).limit(limit)
        if ids is not None:
            stmt = stmt.where(m.Job.id.in_(list(ids)))
        if state is not None:
            stmt = stmt.where(m.Job.state == state)
        with self.archive.Session() as s:
            return [view(j) for j in s.scalars(stmt)]

    def counts(self) -> dict[str, int]:
        with self.archive.Session() as s:
            rows = s.execute(select(m.Job.state, func.count()).group_by(m.Job.state)).all()
        return {state: n for state, n in rows}

    # running ----------------------------------------------------------------
    def claim(self, job_id: int, owner: str, max_attempts: int) -> Claimed | None:
        """Take a queued job for this worker (None if another took it, or it is settled).
        A job whose workers died `max_attempts` times is failed instead of run again."""
        now = utcnow()
        with self.archive.Session.begin() as s:
            taken = s.execute(update(m.Job).where(m.Job.id == job_id, m.Job.state == "queued")
                              .values(state="running", stage="reading", progress=STAGES["reading"][1], owner=owner,
                                      attempts=m.Job.attempts + 1, started_at=now, heartbeat_at=now)).rowcount
            if not taken:
                return None
            job = s.get(m.Job, job_id)
            if job.attempts > max_attempts:
                self._settle(s, job, code="worker_died", reason=(
                    f"Không xử lý được tệp {job.filename}: tiến trình xử lý đã dừng đột ngột "
                    f"{max_attempts} lần khi đọc tệp này."))
                failed = True
            else:
                failed = False
            name = job.filename
        if failed:
            self.incoming_file(job_id).unlink(missing_ok=True)
            return None
        return Claimed(job_id, name, self.incoming_file(job_id))

    def set_stage(self, job_id: int, stage: str) -> None:
        with self.archive.Session.begin() as s:
            s.execute(update(m.Job).where(m.Job.id == job_id, m.Job.state == "running")
                      .values(stage=stage, progress=STAGES[stage][1], heartbeat_at=utcnow()))

    def heartbeat(self, owner: str) -> None:
        with self.archive.Session.begin() as s:
            s.execute(update(m.Job).where(m.Job.owner == owner, m.Job.state == "running")
                      .values(heartbeat_at=utcnow()))

    def store(self, job_id: int, data: bytes, record: Extraction) -> Stored:
        """The record into the archive and the job done, in one transaction."""
        with self.archive.Session() as s:
            filename = s.scalar(select(m.Job.filename).where(m.Job.id == job_id))

        def mark_done(s: Session, stored: list[Stored]) -> None:
            doc = stored[0]
            s.execute(update(m.Job).where(m.Job.id == job_id).values(
                state="done", stage="duplicate" if doc.duplicate else "done", progress=1.0,
                document_id=doc.document["id"], duplicate=doc.duplicate, finished_at=utcnow(), owner=None))

        stored = self.archive.add_many([(data, filename, record)], then=mark_done)[0]
        self.incoming_file(job_id).unlink(missing_ok=True)
        return stored

    def fail(self, job_id: int, code: str, reason: str) -> None:
        with self.archive.Session.begin() as s:
            job = s.get(m.Job, job_id)
            if job is not None and job.state in ACTIVE:
                self._settle(s, job, code=code, reason=reason)
        self.incoming_file(job_id).unlink(missing_ok=True)

    @staticmethod
    def _settle(s: Session, job: m.Job, *, code: str, reason: str) -> None:
        job.state, job.stage, job.progress = "failed", "failed", 1.0
        job.error_code, job.error, job.finished_at, job.owner = code, reason, utcnow(), None

    # recovery ---------------------------------------------------------------
    def recover(self, owner_alive: Callable[[str | None], bool | None], lease: timedelta,
                settle_after: timedelta = timedelta(seconds=5)) -> list[int]:
        """Running jobs whose worker is gone go back to the queue: on this machine, a worker
        process that no longer exists (`owner_alive` → False); on another (→ None), one
        whose heartbeat is older than `lease`. Returns the queued jobs older than
        `settle_after` (a fresh one is still being handed to the queue by its upload), for
        the caller to queue again where their message is missing."""
        now = utcnow()
        with self.archive.Session.begin() as s:
            running = s.execute(select(m.Job.id, m.Job.owner, m.Job.heartbeat_at)
                                .where(m.Job.state == "running")).all()
            gone = [jid for jid, owner, beat in running
                    if owner_alive(owner) is False
                    or (owner_alive(owner) is None and (_aware(beat) or now) < now - lease)]
            if gone:
                s.execute(update(m.Job).where(m.Job.id.in_(gone), m.Job.state == "running")
                          .values(state="queued", stage="waiting", progress=0.0, owner=None))
            rows = s.execute(select(m.Job.id, m.Job.created_at).where(m.Job.state == "queued")).all()
        return [jid for jid, created in rows if jid in gone or (_aware(created) or now) < now - settle_after]

    def sweep_incoming(self, older_than: float = 300.0) -> int:
        """Remove waiting bytes no active job owns (an upload that died before its commit).
        Only files older than `older_than` seconds: a younger one may belong to an upload
        whose job row is not committed yet."""
        with self.archive.Session() as s:
            active = {str(i) for i in s.scalars(select(m.Job.id).where(m.Job.state.in_(ACTIVE)))}
        removed = 0
        cutoff = utcnow().timestamp() - older_than
        for path in self.incoming.iterdir():
            if path.is_file() and path.name not in active and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def job_with_record(store: JobStore, job_id: int) -> dict | None:
    """The job, and when it is done, its document's summary and record."""
    job = store.get(job_id)
    if job is None:
        return None
    job["document"] = job["record"] = None
    if job["state"] == "done" and job["document_id"] is not None:
        with store.archive.Session() as s:
            doc = s.get(m.Document, job["document_id"])
            if doc is not None:
                job["document"] = summary(doc)
                job["record"] = json.loads(doc.record)
    return job
