"""Starts the job worker the web app needs (TDKT_JOB_RUNNER): a child process (default — the
extraction's CPU stays out of the process answering searches), threads in this process, or
none (`tdkt worker` runs elsewhere)."""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from typing import Protocol

from service.archive import Archive
from service.config import Settings

log = logging.getLogger("tdkt.jobs")


class Runner(Protocol):
    def stop(self) -> None: ...


class NoRunner:
    def stop(self) -> None:
        pass


class ChildWorker:
    """`python -m service.jobs.worker` as a child: it gets this process's settings on stdin
    and dies with it (PR_SET_PDEATHSIG)."""

    def __init__(self, settings: Settings) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "service.jobs.worker", "--parent", str(os.getpid()), "--settings-stdin"],
            stdin=subprocess.PIPE, env=os.environ.copy())
        assert self.proc.stdin is not None
        self.proc.stdin.write(settings.model_dump_json().encode("utf-8"))
        self.proc.stdin.close()

    def stop(self, timeout: float = 15.0) -> None:
        if self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)  # huey: finish the jobs at hand, then exit
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning("tiến trình xử lý chưa dừng sau %.0f s; dừng ngay", timeout)
            self.proc.kill()
            self.proc.wait()


def start(settings: Settings, archive: Archive) -> Runner:
    if settings.job_runner == "process":
        return ChildWorker(settings)
    if settings.job_runner == "thread":
        from service.jobs.worker import JobWorker

        worker = JobWorker(settings, archive)
        worker.start()
        return worker
    return NoRunner()
