"""The durable queue: huey, over a SQLite file beside a SQLite archive (embedded default) or
over the PostgreSQL archive's own database (huey's PostgresHuey, LISTEN/NOTIFY).

A message only says "run job N"; what the job is and how far it got lives in the `jobs`
table, so a message lost with a crashed worker is made again (`JobWorker.recover`) and a
message repeated is harmless (a job is claimed once)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from huey import Huey, PostgresHuey, SqliteHuey
from sqlalchemy.engine import make_url

from service.config import Settings

TASK_NAME = "tdkt.run_job"

# Set in a process that runs jobs (worker.JobWorker.start); the web process only enqueues.
_runner: Callable[[int], None] | None = None


def set_runner(runner: Callable[[int], None] | None) -> None:
    global _runner
    _runner = runner


def _run_job(job_id: int) -> None:
    if _runner is None:
        raise RuntimeError("tiến trình này không chạy việc xử lý")
    _runner(job_id)


def queue_url(settings: Settings) -> str:
    """Where the queue lives: TDKT_QUEUE_URL, else `<archive>-queue.db` beside a SQLite
    archive, else the PostgreSQL archive's database."""
    if settings.queue_url:
        return settings.queue_url
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        return settings.database_url
    db = url.database
    if not db or db == ":memory:":
        return f"sqlite:///{settings.storage_path.parent / 'tdkt-queue.db'}"
    path = Path(db)
    return f"sqlite:///{path.with_name(path.stem + '-queue.db')}"


def make_huey(settings: Settings) -> Huey:
    url = make_url(queue_url(settings))
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "tdkt-queue.db")
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey("tdkt", filename=str(path), results=False, timeout=30)
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return PostgresHuey("tdkt", dsn=dsn, results=False)


class JobQueue:
    def __init__(self, settings: Settings) -> None:
        self.huey = make_huey(settings)
        self._task = self.huey.task(name=TASK_NAME)(_run_job)

    def put(self, job_id: int) -> None:
        self._task(job_id)

    def pending_ids(self) -> set[int]:
        return {t.args[0] for t in self.huey.pending() if t.name == TASK_NAME and t.args}

    def close(self) -> None:
        self.huey.storage.close()
