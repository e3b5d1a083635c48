"""kill -9 in the middle of the work, then start again: the server with upload jobs running,
and `tdkt import` in the middle of a batch. Afterwards the archive passes its integrity
check (SQLite's own check, every document with its record, all its item rows and its
original), nothing is half-written, and every job or file is completed after the restart.

The server and the import run as real processes (`python -m service.cli …`) in their own
session, so the test can kill exactly them, and whatever they started, by process group."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psutil

from sqlalchemy import select

from service.archive import Archive, models
from service.archive.integrity import check
from tests.conftest import ROOT
from tests.service.conftest import database_url, rendering_files, seed_files


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(url: str, folder: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    env.update(PYTHONPATH=str(ROOT), TDKT_DATABASE_URL=url, TDKT_STORAGE_PATH=str(folder / "files"),
               TDKT_WORKERS="2", TDKT_JOB_WORKERS="2", **extra)
    return env


@contextmanager
def running(cmd: list[str], env: dict[str, str], cwd: Path) -> Iterator[subprocess.Popen]:
    """A tdkt process in a session of its own; whatever is left of that session is killed
    on the way out."""
    proc = subprocess.Popen([sys.executable, "-m", "service.cli", *cmd], env=env, cwd=cwd, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield proc
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=30)


def _wait_up(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode(errors="replace")[-2000:]
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not start")


def _jobs(base: str, ids: list[int]) -> list[dict]:
    return httpx.get(base + "/api/jobs", params={"ids": ids}, timeout=10).json()["items"]


def _assert_whole(url: str, folder: Path) -> object:
    archive = Archive(url, folder / "files")
    try:
        report = check(archive)
    finally:
        archive.close()
    assert report.ok, (report.database, report.problems)
    return report


def _running_jobs(url: str, folder: Path) -> set[int]:
    archive = Archive(url, folder / "files")
    try:
        with archive.session() as s:
            return set(s.scalars(select(models.Job.id).where(models.Job.state == "running")))
    finally:
        archive.close()


def _files() -> list[Path]:
    # text, Word, PDF, legacy .doc (LibreOffice) and HTML: jobs from 0.05 s to over a second
    return seed_files()[:8] + rendering_files()


def test_server_killed_mid_job_resumes_every_job(backend, request, tmp_path):
    url = database_url(backend, request, tmp_path)
    env = _env(url, tmp_path)
    files = _files()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    serve = ["serve", "--host", "127.0.0.1", "--port", str(port)]
    with running(serve, env, tmp_path) as server:
        _wait_up(base, server)
        r = httpx.post(base + "/api/documents", files=[("files", (p.name, p.read_bytes())) for p in files],
                       timeout=60)
        assert r.status_code == 202
        ids = [j["id"] for j in r.json()["jobs"]]
        deadline = time.monotonic() + 120
        while True:  # wait until some jobs are done and one is running: then kill
            states = [j["state"] for j in _jobs(base, ids)]
            if states.count("done") >= 2 and "running" in states:
                break
            assert "queued" in states or "running" in states, "every job finished before the kill"
            assert time.monotonic() < deadline, states
            time.sleep(0.05)
        worker = [p for p in psutil.Process(server.pid).children(recursive=True)
                  if "service.jobs.worker" in " ".join(p.cmdline())]
        assert len(worker) == 1
        server.send_signal(signal.SIGKILL)  # the server alone: its worker must die with it
        server.wait(timeout=10)
        worker[0].wait(timeout=20)  # raises if the worker outlived its server

    killed = _assert_whole(url, tmp_path)
    assert killed.documents < len(files)
    # what the database says was running when the server died (the poll above may be a
    # moment stale: the job it saw running can finish before the kill lands)
    cut_off = _running_jobs(url, tmp_path)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running(["serve", "--host", "127.0.0.1", "--port", str(port)], env, tmp_path) as server:
        _wait_up(base, server)
        deadline = time.monotonic() + 300
        while True:
            jobs = _jobs(base, ids)
            if all(j["state"] in ("done", "failed") for j in jobs):
                break
            assert time.monotonic() < deadline, [(j["filename"], j["state"]) for j in jobs]
            time.sleep(0.2)
        failed = [(j["filename"], j["attempts"], j["error_code"], j["error"]) for j in jobs if j["state"] != "done"]
        assert not failed, failed
        # the job running at the kill ran again
        assert all(j["attempts"] == 2 for j in jobs if j["id"] in cut_off)
        assert httpx.get(base + "/api/documents").json()["total"] == len(files)
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)

    after = _assert_whole(url, tmp_path)
    assert after.documents == len(files) and after.orphan_files == []


def test_import_killed_mid_batch_resumes(backend, request, tmp_path):
    url = database_url(backend, request, tmp_path)
    env = _env(url, tmp_path)
    tree = tmp_path / "reports"
    tree.mkdir()
    files = _files()
    for p in files:
        (tree / p.name).write_bytes(p.read_bytes())
    archive = Archive.open(url, tmp_path / "files")
    try:
        with running(["import", str(tree), "--no-progress"], env, tmp_path) as proc:
            deadline = time.monotonic() + 180
            while archive.count() < 3:
                assert proc.poll() is None, proc.stderr.read().decode(errors="replace")[-2000:]
                assert time.monotonic() < deadline
                time.sleep(0.05)
            os.killpg(proc.pid, signal.SIGKILL)  # the client and its Dask workers, mid-batch
        stored = archive.count()
    finally:
        archive.close()
    assert 3 <= stored < len(files)
    _assert_whole(url, tmp_path)

    rerun = subprocess.run([sys.executable, "-m", "service.cli", "import", str(tree), "--no-progress"], env=env,
                           cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"Đã lưu: {len(files) - stored} · bỏ qua (đã có trong kho): {stored}" in rerun.stdout
    after = _assert_whole(url, tmp_path)
    assert after.documents == len(files) and after.orphan_files == []
