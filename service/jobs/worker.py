"""The job worker: huey consumer threads that run upload jobs, a heartbeat for the jobs it
runs, and recovery of jobs a dead worker left behind.

Runs in a child process of the web server (`python -m service.jobs.worker`, started by
`service.jobs.runner`), in threads of the web process, or alone (`tdkt worker`, for more
machines on a PostgreSQL archive). Extraction goes through
`service.uploads.extract_upload`; storing the record and marking the job done are one
transaction, so a worker killed at any moment leaves either nothing or both."""
from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import socket
import sys
import threading
from datetime import timedelta

import psutil
from huey.consumer import Consumer

from service.archive import Archive
from service.config import Settings
from service.jobs import queue as job_queue
from service.jobs.queue import JobQueue
from service.jobs.store import JobStore

log = logging.getLogger("tdkt.jobs")

HOST = socket.gethostname()
POLL_SECONDS = 0.05


def owner_id() -> str:
    """host:pid:start time of this process — the start time tells a reused pid apart."""
    return f"{HOST}:{os.getpid()}:{int(psutil.Process().create_time())}"


def owner_alive(owner: str | None) -> bool | None:
    """Whether the worker process named by `owner` still runs: True/False on this machine,
    None (unknown: its heartbeat decides) on another."""
    try:
        host, pid, start = (owner or "").rsplit(":", 2)
    except ValueError:
        return False
    if host != HOST:
        return None
    try:
        return int(psutil.Process(int(pid)).create_time()) == int(start)
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
        return False


class _EmbeddedConsumer(Consumer):
    """A huey consumer inside a host process: the host owns the signal handlers."""

    def _set_signal_handlers(self) -> None:
        pass


class JobWorker:
    def __init__(self, settings: Settings, archive: Archive | None = None) -> None:
        self.settings = settings
        self._own_archive = archive is None
        self.archive = archive or Archive.open(settings.database_url, settings.storage_path)
        self.jobs = JobStore(self.archive, settings.incoming)
        self.queue = JobQueue(settings)
        self.owner = owner_id()
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None
        self.consumer: Consumer | None = None

    # one job ---------------------------------------------------------------
    def run_job(self, job_id: int) -> None:
        from service.uploads import UploadError, extract_upload

        claimed = self.jobs.claim(job_id, self.owner, self.settings.job_max_attempts)
        if claimed is None:
            return  # settled already, or another worker has it
        name = claimed.filename
        try:
            data = claimed.path.read_bytes()
        except OSError:
            self._fail(job_id, "lost", f"Không xử lý được tệp {name}: bản tải lên không còn trên máy chủ; "
                                       "hãy tải lên lại.")
            return
        self.jobs.set_stage(job_id, "extracting")
        try:
            record = extract_upload(data, name)
        except UploadError as exc:
            if not self._stopping():
                self._fail(job_id, exc.code or "corrupt", exc.detail)
            return
        except Exception:  # noqa: BLE001 — one file's failure is that file's, never the worker's
            if not self._stopping():
                log.exception("trích xuất thất bại: %s", name)
                self._fail(job_id, "corrupt", f"Không đọc được tệp {name}: nội dung hỏng hoặc không đúng định dạng.")
            return
        self.jobs.set_stage(job_id, "storing")
        try:
            self.jobs.store(job_id, data, record)
        except Exception:  # noqa: BLE001
            log.exception("không lưu được: %s", name)
            self._fail(job_id, "store_failed", f"Không lưu được tệp {name} vào kho; hãy tải lên lại.")

    def _stopping(self) -> bool:
        """The worker is shutting down: an extraction cut short now (its reader process
        killed on the way out) is no fault of the file. The job stays running, and recovery
        queues it again for the next worker."""
        return self._stop.is_set()

    def _fail(self, job_id: int, code: str, reason: str) -> None:
        try:
            self.jobs.fail(job_id, code, reason)
        except Exception:  # noqa: BLE001 — the job stays running; recovery runs it again
            log.exception("không ghi được lỗi của việc %s", job_id)

    # recovery and heartbeat -----------------------------------------------------
    def recover(self) -> int:
        """Queue again what a dead worker left (running jobs) and queued jobs whose message
        is missing; returns how many were queued."""
        lease = timedelta(seconds=self.settings.job_lease_seconds)
        ids = self.jobs.recover(owner_alive, lease)
        if not ids:
            return 0
        missing = sorted(set(ids) - self.queue.pending_ids())
        for job_id in missing:
            self.queue.put(job_id)
        if missing:
            log.info("đưa lại %d việc vào hàng đợi", len(missing))
        return len(missing)

    def _tick(self) -> None:
        beat = max(0.5, min(5.0, self.settings.job_lease_seconds / 4))
        sweep_every = max(1, int(self.settings.job_lease_seconds / 2 / beat))
        n = 0
        while not self._stop.wait(beat):
            n += 1
            try:
                self.jobs.heartbeat(self.owner)
                if n % sweep_every == 0:
                    self.recover()
                    self.jobs.sweep_incoming()
            except Exception:  # noqa: BLE001 — the database may be away for a moment
                log.exception("nhịp kiểm tra việc xử lý thất bại")

    # life ---------------------------------------------------------------------
    def _consumer(self, cls: type[Consumer]) -> Consumer:
        # An idle SQLite queue is polled every POLL_SECONDS (a one-row read); PostgreSQL's
        # queue wakes the workers itself (LISTEN/NOTIFY).
        return cls(self.queue.huey, workers=self.settings.job_workers, worker_type="thread", periodic=False,
                   initial_delay=POLL_SECONDS, backoff=1.0, max_delay=POLL_SECONDS, check_worker_health=True,
                   shutdown_timeout=10)

    def _prepare(self) -> None:
        job_queue.set_runner(self.run_job)
        self.recover()
        self.jobs.sweep_incoming()
        self._beat = threading.Thread(target=self._tick, name="tdkt-jobs-heartbeat", daemon=True)
        self._beat.start()

    def start(self) -> None:
        """Run inside the calling process, in background threads."""
        self._prepare()
        self.consumer = self._consumer(_EmbeddedConsumer)
        self.consumer.start()

    def stop(self) -> None:
        self._stop.set()
        if self.consumer is not None:
            self.consumer.stop(graceful=True)
        job_queue.set_runner(None)
        self.queue.close()
        if self._own_archive:
            self.archive.close()

    def serve_forever(self) -> None:
        """Run as this process's main loop (SIGINT: finish the jobs at hand; SIGTERM: stop now)."""
        self._prepare()
        self.consumer = self._consumer(Consumer)
        try:
            self.consumer.run()
        finally:
            self._stop.set()
            job_queue.set_runner(None)


def _die_with_parent(parent: int) -> None:
    """Linux: this process gets SIGTERM when the web server that started it dies, even by
    kill -9, so no orphan worker keeps writing after its server is gone."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        sys.exit(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.jobs.worker")
    parser.add_argument("--parent", type=int, help="pid of the web server; exit when it dies")
    parser.add_argument("--settings-stdin", action="store_true", help="read the settings as JSON on stdin")
    args = parser.parse_args(argv)
    if args.parent:
        _die_with_parent(args.parent)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s tdkt-worker %(levelname)s %(message)s")
    if args.settings_stdin:
        settings = Settings(**json.loads(sys.stdin.read()))
    else:
        from service.config import get_settings

        settings = get_settings()
    if settings.job_nice:
        os.nice(settings.job_nice)
    JobWorker(settings).serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
