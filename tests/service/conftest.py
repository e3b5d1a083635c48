"""The real app over a real archive: SQLite in tmp_path always; PostgreSQL too when
TDKT_TEST_POSTGRES=1, on a server this test session starts on loopback and stops at the end."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import DOCS, RENDERINGS

PG_BIN = Path(os.environ.get("TDKT_PG_BIN", "/usr/lib/postgresql/15/bin"))
WANT_PG = os.environ.get("TDKT_TEST_POSTGRES") == "1"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[dict]:
    if not WANT_PG:
        pytest.skip("PostgreSQL tests run with TDKT_TEST_POSTGRES=1")
    if not (PG_BIN / "initdb").exists():
        pytest.fail(f"TDKT_TEST_POSTGRES=1 but PostgreSQL is not installed ({PG_BIN})")
    root = Path(tempfile.mkdtemp(prefix="tdkt-pg-"))
    data, sock, log = root / "data", root / "sock", root / "server.log"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    port = _free_port()
    user = "tdkt"
    run = lambda cmd: subprocess.run(_as_postgres(cmd), check=True, capture_output=True, text=True)  # noqa: E731
    try:
        run([str(PG_BIN / "initdb"), "-D", str(data), "-U", user, "-A", "trust", "-E", "UTF8",
             "--locale", "C.UTF-8", "--no-sync"])
        run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o",
             f"-h 127.0.0.1 -p {port} -k {sock} -F", "start"])
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {exc.stderr}")
    try:
        yield {"host": "127.0.0.1", "port": port, "user": user}
    finally:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def _new_pg_database(server: dict) -> str:
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(host=server["host"], port=server["port"], user=server["user"], dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://{server['user']}@{server['host']}:{server['port']}/{name}"


def database_url(backend: str, request: pytest.FixtureRequest, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'tdkt.db'}"
    return _new_pg_database(request.getfixturevalue("postgres_server"))


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
    return sorted(DOCS.glob("*.txt"))


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
