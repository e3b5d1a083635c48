"""A throwaway PostgreSQL cluster on loopback, for the service tests (`TDKT_TEST_POSTGRES=1`)
and `bench_archive --postgres`.

    with local_postgres() as url:          # postgresql+psycopg://tdkt@127.0.0.1:PORT/tdkt
        ...

`initdb` into a temporary directory (trust authentication, UTF-8, C.UTF-8 locale, no fsync),
`pg_ctl start` on 127.0.0.1 and a free port, and on the way out — normal exit, exception or
KeyboardInterrupt — `pg_ctl stop -m fast` and the directory removed. initdb and postgres
refuse to run as root, so as root they run as the `postgres` user (Debian's package creates
it). The binaries are looked up in `TDKT_PG_BIN` (default /usr/lib/postgresql/15/bin).
Importing this module starts nothing.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PG_BIN = "/usr/lib/postgresql/15/bin"
USER = "tdkt"
HOST = "127.0.0.1"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL is not installed, or the cluster would not initialise or start."""


def pg_bin() -> Path:
    return Path(os.environ.get("TDKT_PG_BIN", DEFAULT_PG_BIN))


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _run(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(_as_postgres(cmd), check=True, capture_output=True, text=True, timeout=300)


def _log_tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@dataclass(frozen=True)
class Cluster:
    """A running cluster: connect as `user` (trust) to `host`:`port`."""

    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database (a random name unless given); its SQLAlchemy URL."""
        import psycopg
        from psycopg import sql

        name = name or "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(host=self.host, port=self.port, user=self.user, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)


@contextmanager
def postgres_cluster(bin_dir: str | Path | None = None, *, attempts: int = 3) -> Iterator[Cluster]:
    """Start a fresh cluster; stop it and remove its directory however the block ends."""
    bin_dir = Path(bin_dir) if bin_dir else pg_bin()
    initdb, pg_ctl = bin_dir / "initdb", bin_dir / "pg_ctl"
    if not (initdb.exists() and pg_ctl.exists()):
        raise PostgresUnavailable(f"PostgreSQL is not installed ({bin_dir})")
    root = Path(tempfile.mkdtemp(prefix="tdkt-pg-"))
    data, sock, log = root / "data", root / "sock", root / "server.log"
    try:
        sock.mkdir()
        if os.geteuid() == 0:
            shutil.chown(root, "postgres")
            shutil.chown(sock, "postgres")
        try:
            _run([str(initdb), "-D", str(data), "-U", USER, "-A", "trust", "-E", "UTF8",
                  "--locale", "C.UTF-8", "--no-sync"])
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise PostgresUnavailable(f"initdb failed: {exc.stderr or exc}") from exc
        for attempt in range(attempts):  # another process may take the free port first
            port = free_port()
            try:
                _run([str(pg_ctl), "-D", str(data), "-l", str(log), "-w", "-o",
                      f"-h {HOST} -p {port} -k {sock} -F", "start"])
                break
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
                if attempt == attempts - 1:
                    raise PostgresUnavailable(f"could not start PostgreSQL: {exc.stderr or exc}\n"
                                              f"{_log_tail(log)}") from exc
        yield Cluster(HOST, port, USER)
    finally:
        try:
            if (data / "postmaster.pid").exists():
                subprocess.run(_as_postgres([str(pg_ctl), "-D", str(data), "-m", "fast", "-w", "stop"]),
                               capture_output=True, timeout=120)
        finally:
            shutil.rmtree(root, ignore_errors=True)


@contextmanager
def local_postgres(database: str = "tdkt", bin_dir: str | Path | None = None) -> Iterator[str]:
    """A fresh cluster holding one empty database; yields its SQLAlchemy URL."""
    with postgres_cluster(bin_dir) as cluster:
        yield cluster.create_database(database)
