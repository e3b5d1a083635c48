"""Request dependencies: settings, the archive, the job store and queue, the guard for writes."""
from __future__ import annotations

from fastapi import Header, Request

from service.archive import Archive
from service.auth import require_writer
from service.config import Settings
from service.jobs.queue import JobQueue
from service.jobs.store import JobStore


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_archive(request: Request) -> Archive:
    return request.app.state.archive


def get_jobs(request: Request) -> JobStore:
    return request.app.state.jobs


def get_queue(request: Request) -> JobQueue:
    return request.app.state.queue


async def require_api_key(request: Request,
                          x_api_key: str | None = Header(None, description="khóa API (khi TDKT_API_KEY được đặt)")) -> None:
    """When TDKT_API_KEY is set, writes need header X-API-Key with that value, or (from the
    web pages) a signed-in session and its CSRF token; reads stay open (service/auth.py)."""
    await require_writer(request, x_api_key)
