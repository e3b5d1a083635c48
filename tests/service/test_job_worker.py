"""One job in the worker: a file's own failure fails its job; an extraction cut short by
the worker's own shutdown (the server killed, its worker told to stop, the reader
processes killed on the way out) does not — the job is left for recovery to run again."""
from __future__ import annotations

from datetime import timedelta

import pytest

from service.jobs.worker import JobWorker
from service.uploads import UploadError
from tests.service.conftest import make_settings, seed_files


@pytest.fixture
def worker(tmp_path):
    w = JobWorker(make_settings(f"sqlite:///{tmp_path / 'tdkt.db'}", tmp_path))
    yield w
    w.archive.close()


def _submitted(worker: JobWorker) -> int:
    path = seed_files()[0]
    job, fresh = worker.jobs.submit(path.read_bytes(), path.name)
    assert fresh
    return job["id"]


def _reader_killed(name: str) -> UploadError:
    return UploadError(422, f"Không đọc được tệp {name}: tiến trình đọc tệp dừng đột ngột", name, "limit_exceeded")


def test_a_reader_failure_fails_the_job(worker, monkeypatch):
    job_id = _submitted(worker)

    def failing(data: bytes, name: str):
        raise _reader_killed(name)

    monkeypatch.setattr("service.uploads.extract_upload", failing)
    worker.run_job(job_id)
    job = worker.jobs.get(job_id)
    assert job["state"] == "failed" and "dừng đột ngột" in job["error"]


def test_an_extraction_cut_short_by_shutdown_leaves_the_job_for_recovery(worker, monkeypatch):
    job_id = _submitted(worker)

    def killed_on_the_way_out(data: bytes, name: str):
        worker._stop.set()  # the worker was told to stop; its reader processes are killed
        raise _reader_killed(name)

    monkeypatch.setattr("service.uploads.extract_upload", killed_on_the_way_out)
    worker.run_job(job_id)
    job = worker.jobs.get(job_id)
    assert job["state"] == "running" and job["error"] is None
    ids = worker.jobs.recover(lambda owner: False, lease=timedelta(seconds=60))
    assert job_id in ids and worker.jobs.get(job_id)["state"] == "queued"
