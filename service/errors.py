"""Every error a user reads is Vietnamese: JSON `{"detail": "…"}` on the API (/api/…),
an HTML page on everything else (browser pages), with the same status either way.

FastAPI's own validation errors keep their field information under `errors`, with a
Vietnamese `message` per field and a Vietnamese `detail` line for the whole request.

The HTML page is drawn by the web layer: service/web sets `app.state.error_page` (see
`ErrorPage`); without it every answer is JSON."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Protocol

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("tdkt.service")


class FieldError(BaseModel):
    field: str = Field(description="vị trí của giá trị sai, ví dụ query.year")
    location: str | None = Field(None, description="query, path, body hoặc header")
    type: str | None = Field(None, description="loại lỗi kiểm tra")
    message: str = Field(description="thông báo tiếng Việt")


class ErrorBody(BaseModel):
    """What every 4xx carries: a Vietnamese `detail`; validation errors add `errors` per field."""
    detail: str = Field(description="thông báo lỗi tiếng Việt")
    errors: list[FieldError] | None = Field(None, description="lỗi theo từng tham số (khi dữ liệu không hợp lệ)")


# Documented on every API route (service/app.py): any 4xx is an ErrorBody. It also replaces
# FastAPI's default 422 schema, which does not describe what validation_handler returns.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ErrorBody, "description": "Yêu cầu không hợp lệ; thông báo tiếng Việt trong `detail`"},
}

# Starlette's default English reason phrases → what a user reads.
_HTTP_DEFAULTS = {
    400: "Yêu cầu không hợp lệ",
    401: "Cần xác thực",
    403: "Không có quyền thực hiện thao tác này",
    404: "Không tìm thấy",
    405: "Phương thức không được hỗ trợ cho địa chỉ này",
    406: "Định dạng trả về không được hỗ trợ",
    413: "Dữ liệu gửi lên quá lớn",
    415: "Kiểu dữ liệu không được hỗ trợ",
    422: "Dữ liệu không hợp lệ",
    429: "Quá nhiều yêu cầu, vui lòng thử lại sau",
}

_FIELD_NAMES = {"files": "tệp", "q": "từ khóa", "year": "năm", "page": "trang", "size": "số mục mỗi trang",
                "format": "định dạng", "sort": "thứ tự", "doc_id": "mã văn bản"}


def _message(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    loc = [p for p in err.get("loc", ()) if p != "body"]
    if kind == "value_error" and loc and loc[0] == "files":
        # A text field where a file belongs (or a file part with no filename).
        return "phải là tệp gửi kèm (multipart/form-data, trường files, có tên tệp)"
    if kind == "missing":
        return "thiếu giá trị bắt buộc"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "phải là số nguyên"
    if kind in ("float_parsing", "float_type"):
        return "phải là số"
    if kind in ("bool_parsing", "bool_type"):
        return "phải là true hoặc false"
    if kind == "greater_than_equal":
        return f"phải lớn hơn hoặc bằng {ctx.get('ge')}"
    if kind == "greater_than":
        return f"phải lớn hơn {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"phải nhỏ hơn hoặc bằng {ctx.get('le')}"
    if kind == "less_than":
        return f"phải nhỏ hơn {ctx.get('lt')}"
    if kind in ("enum", "literal_error"):
        return f"phải là một trong: {ctx.get('expected', '')}"
    if kind == "string_too_long":
        return f"dài quá {ctx.get('max_length')} ký tự"
    if kind == "string_too_short":
        return f"phải có ít nhất {ctx.get('min_length')} ký tự"
    if kind in ("value_error", "assertion_error"):
        return "giá trị không hợp lệ"
    return "giá trị không hợp lệ"


def _where(loc: tuple | list) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header", "cookie", "form")]
    name = ".".join(parts) or "yêu cầu"
    return f"{name} ({_FIELD_NAMES[parts[0]]})" if parts and parts[0] in _FIELD_NAMES else name


class ErrorPage(Protocol):
    """Draws the HTML page for an error on a browser page. `generic` says `detail` is only
    the status's default wording (an unknown path, a wrong method, a server error), so the
    page may say it better; `fields` are (parameter name, Vietnamese message) pairs of a
    validation error."""

    def __call__(self, request: Request, status: int, detail: str, *, generic: bool = False,
                 fields: list[tuple[str, str]] | None = None,
                 headers: Mapping[str, str] | None = None) -> Response: ...


SERVER_ERROR = "Lỗi máy chủ không mong đợi; đã ghi nhật ký."


def is_api(request: Request) -> bool:
    path = request.url.path
    return path == "/api" or path.startswith("/api/")


def respond(request: Request, status: int, detail: str, *, content: dict[str, Any] | None = None,
            generic: bool = False, fields: list[tuple[str, str]] | None = None,
            headers: Mapping[str, str] | None = None) -> Response:
    """The error answer: JSON `content` (default `{"detail": detail}`) under /api/ or when no
    web layer is installed, else the web layer's HTML page."""
    page: ErrorPage | None = getattr(request.app.state, "error_page", None)
    if page is not None and not is_api(request):
        return page(request, status, detail, generic=generic, fields=fields, headers=headers)
    return JSONResponse(status_code=status, content=content or {"detail": detail}, headers=headers)


def field_messages(exc: RequestValidationError) -> list[tuple[str, str]]:
    """(parameter name, Vietnamese message) for each failed check, e.g. ("year", "phải là số nguyên")."""
    out = []
    for err in exc.errors():
        parts = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body", "header", "cookie", "form")]
        out.append((parts[0] if parts else "", _message(err)))
    return out


async def validation_handler(request: Request, exc: RequestValidationError) -> Response:
    errors = []
    for err in exc.errors():
        loc = list(err.get("loc", ()))
        errors.append({"field": ".".join(str(p) for p in loc), "location": str(loc[0]) if loc else None,
                       "type": err.get("type"), "message": _message(err)})
    detail = "Tham số không hợp lệ: " + "; ".join(
        f"{_where(err.get('loc', ()))}: {_message(err)}" for err in exc.errors())
    return respond(request, 422, detail, content={"detail": detail, "errors": errors},
                   fields=field_messages(exc))


async def http_handler(request: Request, exc: StarletteHTTPException) -> Response:
    detail = exc.detail
    generic = not isinstance(detail, str) or detail in ("", None) or detail.isascii()
    if generic:
        # Starlette's defaults ("Not Found", "Method Not Allowed", …) are English.
        detail = _HTTP_DEFAULTS.get(exc.status_code, detail if isinstance(detail, str) else "Lỗi")
    return respond(request, exc.status_code, detail, generic=generic, headers=getattr(exc, "headers", None))


async def unexpected_handler(request: Request, exc: Exception) -> Response:
    log.exception("lỗi không mong đợi: %s %s", request.method, request.url.path)
    return respond(request, 500, SERVER_ERROR, generic=True)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_handler)
    app.add_exception_handler(StarletteHTTPException, http_handler)
    app.add_exception_handler(Exception, unexpected_handler)
