"""Request dependencies: settings, the archive, the API key guard for writes."""
from __future__ import annotations

import secrets

from fastapi import Header, HTTPException, Request

from service.archive import Archive
from service.config import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_archive(request: Request) -> Archive:
    return request.app.state.archive


def require_api_key(request: Request,
                    x_api_key: str | None = Header(None, description="khóa API (khi TDKT_API_KEY được đặt)")) -> None:
    """When TDKT_API_KEY is set, writes need header X-API-Key with that value; reads stay open."""
    expected = request.app.state.settings.api_key
    if not expected:
        return
    if not x_api_key:
        raise HTTPException(401, "Thiếu khóa API: hãy gửi kèm tiêu đề X-API-Key.",
                            headers={"WWW-Authenticate": "X-API-Key"})
    if not secrets.compare_digest(x_api_key.encode(), expected.encode()):
        raise HTTPException(403, "Khóa API không đúng.")
