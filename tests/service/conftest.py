"""The real app over a real archive: SQLite in tmp_path always; PostgreSQL too when
TDKT_TEST_POSTGRES=1, on a server this test session starts on loopback and stops at the end."""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from evaluation.pg_cluster import Cluster, PostgresUnavailable, postgres_cluster
from tests.conftest import RENDERINGS, corpus_docs

WANT_PG = os.environ.get("TDKT_TEST_POSTGRES") == "1"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Cluster]:
    if not WANT_PG:
        pytest.skip("PostgreSQL tests run with TDKT_TEST_POSTGRES=1")
    with ExitStack() as stack:
        try:
            cluster = stack.enter_context(postgres_cluster())
        except PostgresUnavailable as exc:
            pytest.fail(f"TDKT_TEST_POSTGRES=1 but {exc}")
        yield cluster


def database_url(backend: str, request: pytest.FixtureRequest, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'tdkt.db'}"
    return request.getfixturevalue("postgres_server").create_database()


def make_settings(url: str, folder: Path, **overrides):
    from service.config import Settings

    # Jobs run in threads of the app under test, so a TestClient sees them through.
    values = {"database_url": url, "storage_path": folder / "files", "workers": 2, "api_key": None,
              "corpus_dirs": [], "job_runner": "thread", **overrides}
    return Settings(**values)


SETTLED = ("done", "failed")


def wait_jobs(client, ids: list[int], timeout: float = 180.0, headers: dict | None = None) -> list[dict]:
    """Poll until every job is done or failed; each job in `ids` order, done ones with their record."""
    deadline = time.monotonic() + timeout
    while True:
        items = client.get("/api/jobs", params={"ids": sorted(set(ids))}, headers=headers).json()["items"]
        if len(items) == len(set(ids)) and all(j["state"] in SETTLED for j in items):
            break
        assert time.monotonic() < deadline, f"jobs not settled after {timeout} s: {items}"
        time.sleep(0.1)
    return [client.get(f"/api/jobs/{i}", headers=headers).json() for i in ids]


def upload(client, files, headers: dict | None = None, timeout: float = 180.0) -> list[dict]:
    """POST /api/documents (202, a job per file) and wait for the jobs to settle."""
    r = client.post("/api/documents", files=files, headers=headers)
    assert r.status_code == 202, r.text
    return wait_jobs(client, [j["id"] for j in r.json()["jobs"]], timeout, headers)


def as_document(job: dict) -> dict:
    """A done job as the stored document it names: id, filename, sha256, duplicate, document, record."""
    doc = job["document"]
    return {"id": job["document_id"], "filename": doc["filename"], "sha256": doc["sha256"],
            "duplicate": job["duplicate"], "document": doc, "record": job["record"]}


def upload_ok(client, files, headers: dict | None = None) -> list[dict]:
    """`upload`, asserting every file is done (stored, or the same bytes already were)."""
    jobs = upload(client, files, headers)
    assert all(j["state"] == "done" for j in jobs), [(j["filename"], j["error"]) for j in jobs]
    return jobs


class Env:
    """A running app, its settings and its folders."""

    def __init__(self, backend: str, url: str, folder: Path, **overrides) -> None:
        from service.app import create_app

        self.backend = backend
        self.folder = folder
        self.settings = make_settings(url, folder, **overrides)
        self.app = create_app(self.settings)
        self.archive = self.app.state.archive
        self.client = TestClient(self.app)
        self.client.__enter__()

    def stored_files(self) -> list[Path]:
        return sorted(p for p in Path(self.settings.storage_path).rglob("*") if p.is_file())

    def close(self) -> None:
        self.client.__exit__(None, None, None)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def make_env(backend, request, tmp_path) -> Iterator:
    """Factory: a fresh app (optionally with setting overrides) over an empty archive."""
    envs: list[Env] = []

    def make(**overrides) -> Env:
        folder = tmp_path / f"env{len(envs)}"
        folder.mkdir()
        env = Env(backend, database_url(backend, request, folder), folder, **overrides)
        envs.append(env)
        return env

    yield make
    for env in envs:
        env.close()


@pytest.fixture
def env(make_env) -> Env:
    return make_env()


def seed_files() -> list[Path]:
    return corpus_docs()


def rendering_files() -> list[Path]:
    return sorted(p for p in RENDERINGS.glob("*") if p.is_file() and not p.name.startswith("."))


@pytest.fixture(scope="module", params=BACKENDS)
def populated(request, tmp_path_factory) -> Iterator[Env]:
    """One archive per backend holding every seed report (.txt) and the .docx renderings;
    read-only tests share it."""
    folder = tmp_path_factory.mktemp(f"populated-{request.param}")
    env = Env(request.param, database_url(request.param, request, folder), folder)
    files = seed_files() + sorted(RENDERINGS.glob("*.docx"))
    jobs = upload_ok(env.client, [("files", (p.name, p.read_bytes())) for p in files])
    env.uploaded = [as_document(j) for j in jobs]
    yield env
    env.close()
