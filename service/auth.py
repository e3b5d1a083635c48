"""Who may write (and, when configured, read): API clients with header X-API-Key; browsers
with a signed session cookie from the sign-in page (service/web/signin.py) plus the CSRF
token of the page they came from (a form field `csrf_token` or header X-CSRF-Token).

Without TDKT_API_KEY everything is open, as before, and no session is kept."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import HTTPException, Request

from service.config import Settings

SESSION_COOKIE = "tdkt_phien"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def session_secret(settings: Settings) -> str:
    """The cookie-signing secret: TDKT_SESSION_SECRET, else one derived from the API key (so a
    restart keeps officers signed in, and a new key signs everyone out)."""
    if settings.session_secret:
        return settings.session_secret
    key = (settings.api_key or secrets.token_hex(32)).encode()
    return hmac.new(key, b"tdkt-session-cookie", hashlib.sha256).hexdigest()


def _session(request: Request) -> dict | None:
    return request.scope.get("session")


def signed_in(request: Request) -> bool:
    session = _session(request)
    return bool(session and session.get("user"))


def csrf_token(request: Request) -> str | None:
    """This session's CSRF token, made on first use (None when no session is kept)."""
    session = _session(request)
    if session is None:
        return None
    if not session.get("csrf"):
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def sign_in(request: Request) -> None:
    session = _session(request)
    session.clear()  # a fresh session (and CSRF token) at every sign-in
    session["user"] = "can-bo"
    session["csrf"] = secrets.token_urlsafe(32)


def sign_out(request: Request) -> None:
    session = _session(request)
    if session is not None:
        session.clear()


def key_matches(given: str | None, settings: Settings) -> bool:
    expected = settings.api_key
    return bool(expected and given and secrets.compare_digest(given.encode(), expected.encode()))


async def sent_csrf(request: Request) -> str | None:
    token = request.headers.get(CSRF_HEADER)
    if token:
        return token
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        form = await request.form()  # cached by Starlette: the route reads the same form
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


async def csrf_ok(request: Request) -> bool:
    expected = (_session(request) or {}).get("csrf")
    given = await sent_csrf(request)
    return bool(expected and given and secrets.compare_digest(given.encode(), expected.encode()))


async def require_writer(request: Request, api_key: str | None) -> None:
    """A write needs, when a key is set: the key in X-API-Key, or a signed-in session and its
    CSRF token."""
    settings: Settings = request.app.state.settings
    if not settings.api_key:
        return
    if api_key:
        if not key_matches(api_key, settings):
            raise HTTPException(403, "Khóa API không đúng.")
        return
    if signed_in(request):
        if await csrf_ok(request):
            return
        raise HTTPException(403, "Biểu mẫu đã hết hạn hoặc thiếu mã xác nhận (CSRF); hãy tải lại trang rồi thử lại.")
    raise HTTPException(401, "Thiếu khóa API: hãy gửi kèm tiêu đề X-API-Key, hoặc đăng nhập trên trang web.",
                        headers={"WWW-Authenticate": "X-API-Key"})


def may_read(request: Request) -> bool:
    """Reads are open unless TDKT_READS_NEED_SIGN_IN (with a key set)."""
    settings: Settings = request.app.state.settings
    if not (settings.api_key and settings.reads_need_sign_in):
        return True
    return signed_in(request) or key_matches(request.headers.get("x-api-key"), settings)
