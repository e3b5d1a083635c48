"""Sign-in for the web pages when TDKT_API_KEY is set: an officer enters the key once on
/dang-nhap and gets a signed session cookie (Starlette's SessionMiddleware, itsdangerous),
so the upload and delete forms work from the browser; each form carries the session's CSRF
token. With TDKT_READS_NEED_SIGN_IN, reading needs the sign-in (or the key) too."""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.middleware.sessions import SessionMiddleware

from service import auth, errors
from service.config import Settings
from service.web.pages import page

router = APIRouter(include_in_schema=False)

OPEN_PATHS = ("/dang-nhap", "/static/", "/api/health")


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never `//host` or a full URL) after sign-in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def setup(app: FastAPI) -> None:
    settings: Settings = app.state.settings
    if not settings.api_key:
        return

    @app.middleware("http")
    async def reads_need_sign_in(request: Request, call_next):
        path = request.url.path
        if request.method in ("GET", "HEAD") and not path.startswith(OPEN_PATHS) and not auth.may_read(request):
            if errors.is_api(request):
                return errors.respond(request, 401, "Cần khóa API (tiêu đề X-API-Key) hoặc đăng nhập để xem dữ liệu.",
                                      headers={"WWW-Authenticate": "X-API-Key"})
            nxt = path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/dang-nhap?next={quote(nxt, safe='')}", status_code=303)
        return await call_next(request)

    # Added last, so it wraps the guard above: the guard sees the session.
    app.add_middleware(SessionMiddleware, secret_key=auth.session_secret(settings),
                       session_cookie=auth.SESSION_COOKIE, max_age=int(settings.session_hours * 3600),
                       same_site="lax", https_only=settings.session_https_only)


def _form(request: Request, nxt: str, error: str | None = None, status: int = 200) -> HTMLResponse:
    hours = f"{request.app.state.settings.session_hours:g}"
    response = page(request, "signin.html", active="signin", next=_safe_next(nxt), error=error, session_hours=hours)
    response.status_code = status
    return response


@router.get("/dang-nhap", response_class=HTMLResponse)
def signin_page(request: Request, next: str | None = None) -> Response:
    if not request.app.state.settings.api_key:
        return RedirectResponse(_safe_next(next), status_code=303)
    return _form(request, next or "/")


@router.post("/dang-nhap", response_class=HTMLResponse)
async def signin(request: Request, key: str = Form("", max_length=1024), next: str = Form("/", max_length=2048)) -> Response:
    settings: Settings = request.app.state.settings
    if not settings.api_key:
        return RedirectResponse(_safe_next(next), status_code=303)
    if not await auth.csrf_ok(request):
        return _form(request, next, "Biểu mẫu đã hết hạn; hãy nhập lại khóa truy cập.", 403)
    if not auth.key_matches(key, settings):
        return _form(request, next, "Khóa truy cập không đúng.", 401)
    auth.sign_in(request)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/dang-xuat")
async def signout(request: Request) -> Response:
    if request.app.state.settings.api_key and auth.signed_in(request) and not await auth.csrf_ok(request):
        return _form(request, "/", "Biểu mẫu đã hết hạn; hãy tải lại trang rồi đăng xuất.", 403)
    auth.sign_out(request)
    return RedirectResponse("/", status_code=303)
