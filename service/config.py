"""All service settings in one place: environment variables with prefix TDKT_, or a `.env` file.

    TDKT_DATABASE_URL   sqlite:///data/tdkt.db (default) or postgresql+psycopg://user@host/db
    TDKT_STORAGE_PATH   where original files are kept, content-addressed (default data/files)
    TDKT_MAX_UPLOAD_MB  largest file accepted by the upload API and the importer (default 50)
    TDKT_WORKERS        worker processes for `tdkt import` (default: CPU count)
    TDKT_API_KEY        when set, POST and DELETE require header X-API-Key with this value
    TDKT_VETTING_RULES  folder of vetting rules (default: service/vetting/rules, a province may copy and edit it)
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


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
    vetting_rules: Path | None = Field(None, description="folder of vetting rule YAML files (default: the shipped rules)")

    @field_validator("api_key")
    @classmethod
    def _blank_is_none(cls, v: str | None) -> str | None:
        return v or None

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
