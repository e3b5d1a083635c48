"""Is the archive whole? The database's own check (SQLite `PRAGMA integrity_check`), every
document with its record and all its item rows, every document with its original file, and
every settled job consistent with its document. Used by the crash tests after a kill -9.

Files without a row are reported apart (`orphan_files`): a writer killed between writing an
original and committing its row leaves one; it is harmless (the same bytes stored later take
it as theirs) and never a half-written record."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from service.archive import models as m
from service.archive.store import Archive

ITEM_TABLES = {"sections": m.Section, "indicators": m.Indicator, "campaigns": m.Campaign, "awards": m.Award,
               "people": m.Person}


@dataclass
class Integrity:
    database: str = "ok"  # what the database's own check says
    documents: int = 0
    problems: list[str] = field(default_factory=list)  # half-written or inconsistent rows
    orphan_files: list[str] = field(default_factory=list)
    temp_files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.database == "ok" and not self.problems


def check(archive: Archive) -> Integrity:
    out = Integrity()
    with archive.Session() as s:
        if archive.dialect == "sqlite":
            out.database = "; ".join(r[0] for r in s.execute(text("PRAGMA integrity_check")))
            bad_keys = list(s.execute(text("PRAGMA foreign_key_check")))
            if bad_keys:
                out.problems.append(f"khóa ngoại hỏng: {bad_keys[:5]}")
        counts = {name: dict(s.execute(select(t.document_id, func.count()).group_by(t.document_id)).all())
                  for name, t in ITEM_TABLES.items()}
        hashes = set()
        for doc_id, sha, raw in s.execute(select(m.Document.id, m.Document.sha256, m.Document.record)):
            out.documents += 1
            hashes.add(sha)
            _check_document(out, doc_id, raw, counts)
            if not archive.file_path(sha).exists():
                out.problems.append(f"văn bản {doc_id}: thiếu tệp gốc")
        for job_id, state, doc_id, sha in s.execute(
                select(m.Job.id, m.Job.state, m.Job.document_id, m.Job.sha256)):
            if state == "done" and doc_id is None and sha in hashes:
                out.problems.append(f"việc {job_id}: xong nhưng không trỏ tới văn bản đã lưu")
    for path in archive.storage.rglob("*"):
        if path.is_file():
            if path.name.startswith(".tmp-"):
                out.temp_files.append(str(path))
            elif path.name not in hashes:
                out.orphan_files.append(str(path))
    return out


def _check_document(out: Integrity, doc_id: int, raw: str | None, counts: dict[str, dict[int, int]]) -> None:
    try:
        record = json.loads(raw or "")
    except ValueError:
        out.problems.append(f"văn bản {doc_id}: bản ghi không đọc được")
        return
    if not record.get("text"):
        out.problems.append(f"văn bản {doc_id}: bản ghi không có văn bản")
    for name in ITEM_TABLES:
        want, have = len(record.get(name) or []), counts[name].get(doc_id, 0)
        if want != have:
            out.problems.append(f"văn bản {doc_id}: {name} có {have} dòng, bản ghi có {want}")
