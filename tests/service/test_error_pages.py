"""Errors on the browser pages are HTML pages in Vietnamese, in the site's layout, with the
status kept; errors under /api/ stay the JSON `{"detail": …}` they were. And the search
page's facet links never carry `None`, and keep the page's other parameters."""
from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.service.conftest import seed_files, upload_ok

LAYOUT = ['<html lang="vi">', '<header class="top">', 'aria-label="Điều hướng chính"', 'href="/static/app.css"',
          '<main id="main"', '<footer class="foot">']


def _message(r) -> str:
    found = re.search(r'<p class="error-message">(.*?)</p>', r.text, re.S)
    assert found, r.text[:500]
    return found.group(1)


def _is_error_page(r, status: int) -> None:
    assert r.status_code == status, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html"), r.headers["content-type"]
    for piece in LAYOUT:
        assert piece in r.text, piece
    assert f"Lỗi {status}" in r.text
    assert 'href="/">Về trang chủ</a>' in r.text and 'href="/tra-cuu">Tra cứu kho báo cáo</a>' in r.text
    assert "Traceback" not in r.text and '"detail"' not in r.text


def _state(env) -> tuple[int, list]:
    return env.archive.count(), env.stored_files()


@pytest.mark.parametrize("url,status,message", [
    ("/van-ban/999999", 404, "Không tìm thấy văn bản mã 999999."),
    ("/van-ban/999999/tai-ve.csv", 404, "Không tìm thấy văn bản mã 999999."),
    ("/khong-co", 404, "Trang không tồn tại: không có trang nào ở địa chỉ /khong-co."),
    ("/documents/999999", 404, "Trang không tồn tại"),
    ("/search?year=abc", 404, "Trang không tồn tại"),
    ("/static/khong-co.css", 404, "Trang không tồn tại"),
    ("/tra-cuu?year=abc", 422, "Tham số không hợp lệ: năm phải là số nguyên."),
    ("/tra-cuu?year=1800", 422, "Tham số không hợp lệ: năm phải lớn hơn hoặc bằng 1900."),
    ("/tra-cuu?trang=0", 422, "Tham số không hợp lệ: số trang phải lớn hơn hoặc bằng 1."),
    ("/khen-thuong?q=" + "a" * 300, 422, "Tham số không hợp lệ: từ khóa dài quá 200 ký tự."),
    ("/van-ban/abc", 422, "Tham số không hợp lệ: mã văn bản phải là số nguyên."),
])
def test_page_errors_are_vietnamese_html(env, url, status, message):
    r = env.client.get(url)
    _is_error_page(r, status)
    assert message in _message(r)


def test_page_error_lists_each_bad_parameter(env):
    r = env.client.get("/tra-cuu", params={"year": "hai-nghin", "trang": "0"})
    _is_error_page(r, 422)
    assert "năm phải là số nguyên" in _message(r) and "số trang phải lớn hơn hoặc bằng 1" in _message(r)
    assert "<li>năm phải là số nguyên</li>" in r.text


def test_page_error_escapes_the_address(env):
    r = env.client.get("/<script>alert(1)</script>")
    _is_error_page(r, 404)
    assert "<script>alert" not in r.text and "&lt;script&gt;" in r.text


def test_wrong_method_on_a_page(env):
    r = env.client.post("/tra-cuu")
    _is_error_page(r, 405)
    assert "POST" in _message(r) and r.headers["allow"] == "GET"


@pytest.mark.parametrize("url,status,body", [
    ("/api/documents/999999", 404, {"detail": "Không có văn bản mã 999999."}),
    ("/api/documents/999999/file", 404, {"detail": "Không có tệp gốc của văn bản mã 999999."}),
    ("/api/khong-co", 404, {"detail": "Không tìm thấy"}),
    ("/api", 404, {"detail": "Không tìm thấy"}),
])
def test_api_errors_stay_json(env, url, status, body):
    r = env.client.get(url)
    assert r.status_code == status and r.headers["content-type"] == "application/json"
    assert r.json() == body


def test_api_validation_error_stays_json(env):
    r = env.client.get("/api/search", params={"year": "abc"})
    assert r.status_code == 422 and r.headers["content-type"] == "application/json"
    assert r.json() == {"detail": "Tham số không hợp lệ: year (năm): phải là số nguyên",
                        "errors": [{"field": "query.year", "location": "query", "type": "int_parsing",
                                    "message": "phải là số nguyên"}]}


# --- a server error: a generic page, never the exception ----------------------------------

def _boom():
    raise RuntimeError("bí mật nội bộ: mật khẩu=xyz")


def test_server_error_is_a_generic_page(env):
    env.app.add_api_route("/loi-thu", _boom)
    env.app.add_api_route("/api/loi-thu", _boom)
    with TestClient(env.app, raise_server_exceptions=False) as client:
        r = client.get("/loi-thu")
        _is_error_page(r, 500)
        assert "Máy chủ gặp lỗi không mong đợi" in _message(r)
        assert "bí mật" not in r.text and "RuntimeError" not in r.text
        api = client.get("/api/loi-thu")
        assert api.status_code == 500 and api.json() == {"detail": "Lỗi máy chủ không mong đợi; đã ghi nhật ký."}


def test_error_page_survives_a_broken_template(env, monkeypatch):
    from service.web import error_pages

    def broken(*_a, **_k):
        raise RuntimeError("template hỏng")

    monkeypatch.setattr(error_pages.templates, "TemplateResponse", broken)
    r = env.client.get("/van-ban/31337")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Không tìm thấy văn bản mã 31337." in r.text and "template hỏng" not in r.text


# --- the upload form sent without JavaScript ---------------------------------------------

def _follow(client, r, limit: int = 600):
    """The no-JavaScript progress page, reloaded as the browser would (meta refresh) until
    every job has settled; the last page."""
    for _ in range(limit):
        found = re.search(r'<meta http-equiv="refresh" content="2; url=([^"]+)">', r.text)
        if not found:
            return r
        time.sleep(0.1)
        r = client.get(found.group(1).replace("&amp;", "&"))
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    raise AssertionError("the jobs never settled")


def test_upload_form_stores_and_answers_with_a_page(env):
    p = seed_files()[0]
    r = env.client.post("/tai-len", files={"files": (p.name, p.read_bytes())})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert p.name in r.text
    r = _follow(env.client, r)
    doc_id = env.client.get("/api/documents").json()["items"][0]["id"]
    assert f'href="/van-ban/{doc_id}">xem văn bản</a>' in r.text and p.name in r.text
    again = env.client.post("/tai-len", files={"files": (p.name, p.read_bytes())})
    assert again.status_code == 200 and "Đã có trong kho" in again.text
    assert 'http-equiv="refresh"' not in again.text  # nothing left to wait for
    assert env.archive.count() == 1


def test_upload_form_without_a_file(env):
    # what a browser sends when the form is submitted with no file chosen
    r = env.client.post("/tai-len", files={"files": ("", b"")})
    _is_error_page(r, 422)
    assert "chưa chọn tệp nào" in _message(r)
    _is_error_page(env.client.post("/tai-len", data={"khac": "x"}), 422)
    assert _state(env) == (0, [])


def test_upload_form_bad_file_next_to_a_good_one(env):
    good = seed_files()[1]
    r = env.client.post("/tai-len", files=[("files", ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)),
                                           ("files", (good.name, good.read_bytes()))])
    r = _follow(env.client, r)
    bad = re.search(r'<span class="status err">Lỗi: (.*?)</span>', r.text, re.S)
    assert bad and "anh.png" in bad.group(1) and not bad.group(1).isascii()
    assert "xem văn bản" in r.text  # the good file went in all the same
    assert env.archive.count() == 1


def test_upload_form_oversize(make_env):
    env = make_env(max_upload_mb=0.01)  # ~10 kB
    big = max(seed_files(), key=lambda p: p.stat().st_size)
    r = env.client.post("/tai-len", files={"files": (big.name, big.read_bytes())})
    assert r.status_code == 200 and 'http-equiv="refresh"' not in r.text  # refused at once
    reason = re.search(r'<span class="status err">Lỗi: (.*?)</span>', r.text, re.S).group(1)
    assert big.name in reason and "quá lớn" in reason
    # refused before the body is read: the page still gets a page, the API still gets JSON
    headers = {"content-length": str(10**10), "content-type": "multipart/form-data; boundary=x"}
    huge = env.client.post("/tai-len", content=b"x", headers=headers)
    _is_error_page(huge, 413)
    assert "Dữ liệu gửi lên quá lớn" in _message(huge)
    api = env.client.post("/api/documents", content=b"x", headers=headers)
    assert api.status_code == 413 and api.json() == {"detail": "Dữ liệu gửi lên quá lớn; mỗi tệp tối đa 0.01 MB."}
    assert _state(env) == (0, [])


def test_progress_page_of_unknown_jobs(env):
    _is_error_page(env.client.get("/tai-len/tien-do?ma=424242"), 404)
    _is_error_page(env.client.get("/tai-len/tien-do?ma=abc"), 422)
    _is_error_page(env.client.get("/tai-len/tien-do"), 422)


def test_upload_form_needs_the_api_key_too(make_env):
    env = make_env(api_key="khoa-bi-mat")
    p = seed_files()[0]
    r = env.client.post("/tai-len", files={"files": (p.name, p.read_bytes())})
    _is_error_page(r, 401)
    assert "X-API-Key" in _message(r)
    assert _state(env) == (0, [])


# --- facet links ----------------------------------------------------------------------------

def _facet_hrefs(html: str) -> list[str]:
    aside = re.search(r'<aside class="facets.*?</aside>', html, re.S).group(0)
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]*)"', aside)]


def test_facet_links_over_a_real_archive(env):
    files = seed_files()[:4]
    upload_ok(env.client, [("files", (p.name, p.read_bytes())) for p in files])
    for params in ({}, {"q": "thi đua"}, {"q": "khen thưởng", "year": "2023"}):
        r = env.client.get("/tra-cuu", params=params)
        assert r.status_code == 200
        hrefs = _facet_hrefs(r.text)
        assert hrefs, params
        for href in hrefs:
            assert "None" not in href, href
            query = parse_qs(urlsplit(href).query)
            assert all(v == [params[k]] for k, v in query.items() if k in params and k not in ("year",)), href
            assert env.client.get(href).status_code == 200, href


def test_facet_value_none_is_a_label_not_a_link(env, monkeypatch):
    from service.web import pages

    def search(*_a, **_k):
        return {"total": 3, "page": 1, "size": 20, "items": [], "facets": {
            "year": [{"value": 2023, "count": 2}, {"value": None, "count": 1}],
            "doc_type": [{"value": "bao_cao_tong_ket", "count": 2}, {"value": None, "count": 1}],
            "award": [{"value": "Bằng khen", "count": 1}],
            "campaign": [{"value": None, "count": 3}]}}

    monkeypatch.setattr(pages.q, "search", search)
    r = env.client.get("/tra-cuu", params={"q": "cờ thi đua & “nông thôn mới”", "campaign": "Chung sức"})
    assert r.status_code == 200
    hrefs = _facet_hrefs(r.text)
    assert len(hrefs) == 3 and not any("None" in h for h in hrefs)
    assert '<span class="facet-none">Không rõ năm</span>' in r.text
    assert '<span class="facet-none">Không rõ loại</span>' in r.text
    assert '<span class="facet-none">Không rõ phong trào</span>' in r.text
    for href in hrefs:
        assert href.isascii() and " " not in href, href  # Vietnamese and & percent-encoded
        query = parse_qs(urlsplit(href).query)
        assert query["q"] == ["cờ thi đua & “nông thôn mới”"] and query["campaign"] == ["Chung sức"], href
    assert {tuple(sorted(parse_qs(urlsplit(h).query))) for h in hrefs} == {
        ("campaign", "q", "year"), ("campaign", "doc_type", "q"), ("award", "campaign", "q")}
    assert "Báo cáo tổng kết" in r.text


def test_page_url_leaves_out_empty_values():
    from service.web._render import page_url

    assert page_url("/tra-cuu", {"q": None, "year": None}) == "/tra-cuu"
    assert page_url("/tra-cuu", {"q": "", "year": 2023}) == "/tra-cuu?year=2023"
    assert page_url("/tra-cuu", {"q": "thi đua", "award": "Cờ"}) == "/tra-cuu?q=thi+%C4%91ua&award=C%E1%BB%9D"
