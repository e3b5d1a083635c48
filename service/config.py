"""All service settings in one place: environment variables with prefix TDKT_, or a `.env` file.

    TDKT_DATABASE_URL   sqlite:///data/tdkt.db (default) or postgresql+psycopg://user@host/db
    TDKT_STORAGE_PATH   where original files are kept, content-addressed (default data/files)
    TDKT_MAX_UPLOAD_MB  largest file accepted by the upload API and the importer (default 50)
    TDKT_WORKERS        worker processes for `tdkt import` (default: CPU count)
    TDKT_API_KEY        when set, POST and DELETE require header X-API-Key with this value (or, in the
                        browser, a signed-in session and the form's CSRF token)
    TDKT_QUEUE_URL      where upload jobs wait (default: data/tdkt-queue.db beside a SQLite archive, or the
                        PostgreSQL archive's own database)
    TDKT_JOB_RUNNER     process (default: a child worker process), thread (in the web process) or none
    TDKT_JOB_WORKERS    jobs run at once by the job worker (default 2)
    TDKT_READS_NEED_SIGN_IN  when true (and a key is set), reading needs the key or a signed-in session too

Limits of one extraction (each runs in a worker process, `extractor.isolation`):

    TDKT_EXTRACT_TIMEOUT_S   wall clock per file (default 120)
    TDKT_EXTRACT_MEMORY_MB   address space of a worker process (default 2048)
    TDKT_MAX_PAGES           pages of one PDF (default 2000)
    TDKT_MAX_CHARS           characters of text in one file (default 5,000,000)
    TDKT_MAX_PAGE_CHARS      characters on one PDF page (default 200,000)
    TDKT_ZIP_MAX_ENTRIES, TDKT_ZIP_MAX_ENTRY_MB, TDKT_ZIP_MAX_TOTAL_MB, TDKT_ZIP_MAX_RATIO
                             what a .docx/.xlsx/.odt may unpack to (10,000 members, 128 MB
                             one member, 512 MB in all, 200:1)
    TDKT_VETTING_RULES  folder of vetting rules (default: service/vetting/rules, a province may copy and edit it)
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from extractor.limits import Limits

ROOT = Path(__file__).resolve().parent.parent
_DEFAULT_LIMITS = Limits()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TDKT_", env_file=".env", env_file_encoding="utf-8",
                                      extra="ignore")

    database_url: str = Field("sqlite:///data/tdkt.db", description="SQLAlchemy URL of the archive")
    storage_path: Path = Field(Path("data/files"), description="directory of original files")
    max_upload_mb: float = Field(50.0, gt=0, description="largest accepted file, in MB")
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1,
                         description="worker processes for batch import")
    api_key: str | None = Field(None, description="required in X-API-Key for POST/DELETE when set")
    corpus_dirs: list[Path] = Field(
        default_factory=lambda: [ROOT / "corpora" / "docs", ROOT / "corpora" / "renderings"],
        description="folders imported by `tdkt serve --import-corpus` into an empty archive")
    max_files_per_upload: int = Field(100, ge=1)
    extract_timeout_s: float = Field(_DEFAULT_LIMITS.time_s, gt=0, description="giây tối đa cho một tệp")
    extract_memory_mb: int = Field(_DEFAULT_LIMITS.memory_mb, ge=256, description="bộ nhớ tối đa của tiến trình đọc tệp")
    max_pages: int = Field(_DEFAULT_LIMITS.max_pages, ge=1)
    max_chars: int = Field(_DEFAULT_LIMITS.max_chars, ge=1)
    max_page_chars: int = Field(_DEFAULT_LIMITS.max_page_chars, ge=1)
    zip_max_entries: int = Field(_DEFAULT_LIMITS.zip_max_entries, ge=1)
    zip_max_entry_mb: int = Field(_DEFAULT_LIMITS.zip_max_entry_mb, ge=1)
    zip_max_total_mb: int = Field(_DEFAULT_LIMITS.zip_max_total_mb, ge=1)
    zip_max_ratio: int = Field(_DEFAULT_LIMITS.zip_max_ratio, ge=1)

    # Upload jobs (service/jobs): a durable queue, a worker beside the web process.
    queue_url: str | None = Field(None, description="huey queue: sqlite:///PATH or a PostgreSQL URL; default: "
                                                    "<archive>-queue.db beside a SQLite archive, else the archive's "
                                                    "PostgreSQL database")
    job_runner: Literal["process", "thread", "none"] = Field(
        "process", description="process: `tdkt serve` starts a child worker; thread: worker threads in the web "
                               "process; none: run `tdkt worker` yourself")
    job_workers: int = Field(2, ge=1, le=64, description="jobs the worker runs at once")
    job_lease_seconds: float = Field(60.0, gt=0, description="a running job whose worker has not reported for "
                                                             "this long (on another machine) is run again")
    job_nice: int = Field(5, ge=0, le=19, description="niceness of the child worker: searches come first")
    job_max_attempts: int = Field(3, ge=1, description="a job whose worker died this many times fails")
    incoming_path: Path | None = Field(None, description="uploaded bytes waiting for their job "
                                                          "(default: `incoming` beside storage_path)")

    # Web sign-in, used when api_key is set.
    session_secret: str | None = Field(None, description="signs the session cookie (default: derived from api_key)")
    session_hours: float = Field(12.0, gt=0, description="a sign-in lasts this long")
    session_https_only: bool = Field(False, description="send the session cookie over HTTPS only")
    reads_need_sign_in: bool = Field(False, description="with api_key set, reads need the key or a sign-in too")

    vetting_rules: Path | None = Field(None, description="folder of vetting rule YAML files (default: the shipped rules)")

    @field_validator("api_key")
    @classmethod
    def _blank_is_none(cls, v: str | None) -> str | None:
        return v or None

    @property
    def incoming(self) -> Path:
        return self.incoming_path or self.storage_path.parent / "incoming"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def limits(self) -> Limits:
        """The budgets of one extraction, for the worker processes."""
        return Limits(time_s=self.extract_timeout_s, memory_mb=self.extract_memory_mb, max_pages=self.max_pages,
                      max_chars=self.max_chars, max_page_chars=self.max_page_chars,
                      zip_max_entries=self.zip_max_entries, zip_max_entry_mb=self.zip_max_entry_mb,
                      zip_max_total_mb=self.zip_max_total_mb, zip_max_ratio=self.zip_max_ratio)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
