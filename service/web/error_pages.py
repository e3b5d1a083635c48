"""Errors on the browser pages as a Vietnamese HTML page in the site's layout, instead of
the API's JSON. service/errors.py decides (by path: everything outside /api/) and calls
`error_page`, which `setup` installs; the status code stays what it was."""
from __future__ import annotations

import html
import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from service.web.pages import templates

log = logging.getLogger("tdkt.service")

HEADINGS = {
    400: "Yêu cầu không hợp lệ",
    401: "Cần xác thực",
    403: "Không có quyền thực hiện thao tác này",
    404: "Không tìm thấy",
    405: "Thao tác không được hỗ trợ",
    413: "Dữ liệu gửi lên quá lớn",
    415: "Kiểu tệp không được hỗ trợ",
    422: "Tham số không hợp lệ",
    429: "Quá nhiều yêu cầu",
    500: "Lỗi máy chủ",
    503: "Dịch vụ tạm thời không sẵn sàng",
}
FALLBACK_HEADING = "Đã có lỗi xảy ra"
SERVER_ERROR = ("Máy chủ gặp lỗi không mong đợi khi xử lý yêu cầu này. Lỗi đã được ghi lại; "
                "vui lòng thử lại sau.")

# Query and path parameters of the pages, as the page names them.
PARAM_NAMES = {"year": "năm", "trang": "số trang", "q": "từ khóa", "doc_type": "loại văn bản",
               "award": "hình thức khen thưởng", "campaign": "phong trào", "doc_id": "mã văn bản",
               "fmt": "định dạng tải về", "files": "tệp"}


def field_lines(fields: list[tuple[str, str]]) -> list[str]:
    """("year", "phải là số nguyên") → "năm phải là số nguyên"; a missing or nameless file
    part (the form sent with no file chosen) → "chưa chọn tệp nào để tải lên"."""
    lines = []
    for name, message in fields:
        line = "chưa chọn tệp nào để tải lên" if name == "files" else f"{PARAM_NAMES.get(name, name)} {message}"
        if line not in lines:
            lines.append(line)
    return lines


def describe(request: Request, status: int, detail: str, generic: bool,
             fields: list[tuple[str, str]] | None) -> dict[str, object]:
    """Heading, message and hint of the page for one error."""
    heading = HEADINGS.get(status, FALLBACK_HEADING)
    message, hint, lines = detail, None, []
    if fields:
        lines = field_lines(fields)
        message = "Tham số không hợp lệ: " + "; ".join(lines) + "."
        lines = lines if len(lines) > 1 else []
        hint = ("Hãy quay lại trang Tải lên và chọn tệp." if any(name == "files" for name, _m in fields)
                else "Hãy sửa địa chỉ hoặc quay lại trang trước.")
    elif status >= 500:
        message = SERVER_ERROR if generic or status == 500 else detail
    elif generic and status == 404:
        heading = "Trang không tồn tại"
        path = request.url.path
        message = f"Trang không tồn tại: không có trang nào ở địa chỉ {path[:200]}{'…' if len(path) > 200 else ''}."
        hint = "Hãy kiểm tra lại địa chỉ, hoặc tìm văn bản trong kho báo cáo."
    elif generic and status == 405:
        message = f"Địa chỉ này không nhận yêu cầu {request.method}."
    return {"status": status, "heading": heading, "message": message, "fields": lines, "hint": hint}


def bare_page(status: int, heading: str, message: str) -> str:
    """The page without templates, for when drawing the real one fails too."""
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(heading)} — tdkt</title>'
            f'</head><body><main><p>Lỗi {status}</p><h1>{html.escape(heading)}</h1><p>{html.escape(message)}</p>'
            f'<p><a href="/">Về trang chủ</a> · <a href="/tra-cuu">Tra cứu kho báo cáo</a></p></main></body></html>')


def error_page(request: Request, status: int, detail: str, *, generic: bool = False,
               fields: list[tuple[str, str]] | None = None, headers: Mapping[str, str] | None = None) -> Response:
    context = describe(request, status, detail, generic, fields)
    try:
        return templates.TemplateResponse(request, "error.html", context, status_code=status,
                                          headers=dict(headers or {}))
    except Exception:  # the page about an error must not become another one
        log.exception("không vẽ được trang lỗi %s cho %s", status, request.url.path)
        return HTMLResponse(bare_page(status, str(context["heading"]), str(context["message"])),
                            status_code=status, headers=dict(headers or {}))


def setup(app: FastAPI) -> None:
    app.state.error_page = error_page
