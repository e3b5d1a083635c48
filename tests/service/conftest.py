"""The real app over a real archive: SQLite in tmp_path always; PostgreSQL too when
TDKT_TEST_POSTGRES=1, on a server this test session starts on loopback and stops at the end."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from evaluation.pg_cluster import Cluster, PostgresUnavailable, postgres_cluster
from tests.conftest import DOCS, RENDERINGS, corpus_docs

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

    values = {"database_url": url, "storage_path": folder / "files", "workers": 2, "api_key": None,
              "corpus_dirs": [], **overrides}
    return Settings(**values)


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
    resp = env.client.post("/api/documents", files=[("files", (p.name, p.read_bytes())) for p in files])
    assert resp.status_code == 201, resp.text
    env.uploaded = resp.json()["documents"]
    yield env
    env.close()
