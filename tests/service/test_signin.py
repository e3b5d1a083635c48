"""Web sign-in when TDKT_API_KEY is set: the key entered once on /dang-nhap gives a signed
session cookie; forms carry the session's CSRF token; API clients keep X-API-Key; reads stay
open unless TDKT_READS_NEED_SIGN_IN."""
from __future__ import annotations

import re

import pytest

from tests.service.conftest import seed_files, wait_jobs

KEY = "khoa-truy-cap-thu-nghiem-123"


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def _sign_in(client, key: str = KEY, nxt: str = "/"):
    form = client.get("/dang-nhap", params={"next": nxt})
    assert form.status_code == 200 and 'type="password"' in form.text
    return client.post("/dang-nhap", data={"key": key, "next": nxt, "csrf_token": _csrf(form.text)},
                       follow_redirects=False)


@pytest.fixture
def keyed(make_env):
    return make_env(api_key=KEY)


def test_upload_page_asks_to_sign_in(keyed):
    page = keyed.client.get("/")
    assert page.status_code == 200
    assert 'id="need-signin"' in page.text and 'id="upload-form"' not in page.text
    assert 'href="/dang-nhap?next=/"' in page.text


def test_wrong_key_or_missing_token_is_refused(keyed):
    form = keyed.client.get("/dang-nhap")
    wrong = keyed.client.post("/dang-nhap", data={"key": "sai", "csrf_token": _csrf(form.text)})
    assert wrong.status_code == 401 and "Khóa truy cập không đúng." in wrong.text
    no_token = keyed.client.post("/dang-nhap", data={"key": KEY})
    assert no_token.status_code == 403 and "hết hạn" in no_token.text
    assert 'id="need-signin"' in keyed.client.get("/").text  # still not signed in


def test_sign_in_then_upload_with_the_form_and_the_page_script(keyed):
    c = keyed.client
    r = _sign_in(c, nxt="/")
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert "tdkt_phien=" in cookie and "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()

    page = c.get("/")
    assert 'id="upload-form"' in page.text and "Đăng xuất" in page.text
    token = _csrf(page.text)
    assert f'<meta name="csrf-token" content="{token}">' in page.text

    p, q = seed_files()[0], seed_files()[1]
    # the no-JavaScript form: the hidden field
    form = c.post("/tai-len", data={"csrf_token": token}, files={"files": (p.name, p.read_bytes())})
    assert form.status_code == 200 and p.name in form.text
    # what upload.js sends: the header
    api = c.post("/api/documents", files={"files": (q.name, q.read_bytes())}, headers={"X-CSRF-Token": token})
    assert api.status_code == 202
    ids = [int(re.search(r'data-job="(\d+)"', form.text).group(1)), api.json()["jobs"][0]["id"]]
    assert all(j["state"] == "done" for j in wait_jobs(c, ids))

    # a form without the token (a page on another site posting here) is refused
    forged = c.post("/tai-len", files={"files": (p.name, p.read_bytes())})
    assert forged.status_code == 403 and "CSRF" in forged.text
    assert c.post("/api/documents", files={"files": (p.name, p.read_bytes())},
                  headers={"X-CSRF-Token": "khac"}).status_code == 403

    # delete from the document page
    doc_id = wait_jobs(c, ids[:1])[0]["document_id"]
    doc_page = c.get(f"/van-ban/{doc_id}")
    assert f'action="/van-ban/{doc_id}/xoa"' in doc_page.text
    assert c.post(f"/van-ban/{doc_id}/xoa").status_code == 403
    gone = c.post(f"/van-ban/{doc_id}/xoa", data={"csrf_token": _csrf(doc_page.text)})
    assert gone.status_code == 200 and "Đã xóa văn bản" in gone.text
    assert c.get(f"/api/documents/{doc_id}").status_code == 404
    assert keyed.archive.count() == 1

    # sign out: writes need the key again
    out = c.post("/dang-xuat", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303
    assert c.post("/tai-len", data={"csrf_token": token}, files={"files": (p.name, p.read_bytes())}).status_code == 401


def test_api_clients_keep_the_header(keyed):
    p = seed_files()[2]
    assert keyed.client.post("/api/documents", files={"files": (p.name, p.read_bytes())}).status_code == 401
    ok = keyed.client.post("/api/documents", files={"files": (p.name, p.read_bytes())}, headers={"X-API-Key": KEY})
    assert ok.status_code == 202


def test_tampered_cookie_is_not_a_session(keyed):
    c = keyed.client
    _sign_in(c)
    value = c.cookies.get("tdkt_phien")
    assert 'id="upload-form"' in c.get("/").text
    c.cookies.clear()
    c.cookies.set("tdkt_phien", value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB"))
    assert 'id="need-signin"' in c.get("/").text


@pytest.mark.parametrize("target", ["//ke-xau.example/", "https://ke-xau.example/", "/\\ke-xau.example"])
def test_sign_in_never_sends_the_browser_elsewhere(keyed, target):
    r = _sign_in(keyed.client, nxt=target)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_without_a_key_there_is_no_sign_in(env):
    r = env.client.get("/dang-nhap", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    page = env.client.get("/")
    assert 'id="upload-form"' in page.text and "Đăng nhập" not in page.text
    assert "set-cookie" not in page.headers


def test_reads_can_require_sign_in(make_env):
    env = make_env(api_key=KEY, reads_need_sign_in=True)
    c = env.client
    r = c.get("/tra-cuu?q=khen", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/dang-nhap?next=%2Ftra-cuu%3Fq%3Dkhen"
    api = c.get("/api/documents")
    assert api.status_code == 401 and not api.json()["detail"].isascii()
    assert c.get("/api/documents", headers={"X-API-Key": KEY}).status_code == 200
    assert c.get("/static/app.css").status_code == 200 and c.get("/api/health").status_code == 200
    signed = _sign_in(c, nxt="/tra-cuu?q=khen")
    assert signed.headers["location"] == "/tra-cuu?q=khen"
    assert c.get("/tra-cuu?q=khen").status_code == 200 and c.get("/api/documents").status_code == 200
