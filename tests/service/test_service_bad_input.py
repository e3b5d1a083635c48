"""Bad input, the hard cases (issue 5): a batch that breaks in the middle, files that lie
about their type, names that try to leave the storage folder or carry Vietnamese, the same
bytes uploaded at once by several clients, numbers too large for the database — and the
schema that documents the 4xx answers. Each is a 4xx with a Vietnamese JSON message (an
HTML page on the browser pages) or a clean success, and the archive is left whole."""
from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest

from evaluation import hostile
from tests.service.conftest import as_document, rendering_files, seed_files, upload, upload_ok, wait_jobs

HUGE = "9" * 30


def _state(env) -> tuple[int, list]:
    return env.archive.count(), env.stored_files()


def _vietnamese(detail) -> bool:
    return isinstance(detail, str) and not detail.isascii()


def _zip(**members: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return buf.getvalue()


def _consistent(env) -> None:
    """Every stored original has its row and every row its original; no temp files left."""
    names = {p.name for p in env.stored_files()}
    assert not any(n.startswith(".tmp-") for n in names), names
    assert names == env.archive.known_hashes()


def _one(env, name: str, data: bytes) -> dict:
    """Upload one file and wait for its job to settle."""
    return upload(env.client, {"files": (name, data)})[0]


def _refused(job: dict, name: str) -> None:
    assert job["state"] == "failed" and job["document_id"] is None, job
    assert name in job["error"] and _vietnamese(job["error"])
    assert "Error" not in job["error"] and "Traceback" not in job["error"]


def test_second_of_three_corrupt_fails_alone(env):
    a, c = seed_files()[0], seed_files()[2]
    files = [("files", (a.name, a.read_bytes())),
             ("files", ("hong.docx", _zip(**{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document"}))),
             ("files", (c.name, c.read_bytes()))]
    first, bad, third = upload(env.client, files)
    _refused(bad, "hong.docx")
    assert bad["error_code"] == "corrupt"
    assert first["state"] == third["state"] == "done"
    assert env.archive.count() == 2
    _consistent(env)


def test_bad_file_keeps_an_earlier_document_and_its_file(env):
    a = seed_files()[0]
    first = upload_ok(env.client, {"files": (a.name, a.read_bytes())})[0]
    before = _state(env)
    # the stored bytes again, next to a bad file: the bad one fails, the stored one stays
    again, bad = upload(env.client, [("files", (a.name, a.read_bytes())),
                                     ("files", ("x.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40))])
    assert again["duplicate"] and again["document_id"] == first["document_id"]
    _refused(bad, "x.png")
    assert _state(env) == before
    assert env.client.get(f"/api/documents/{first['document_id']}/file").content == a.read_bytes()


@pytest.mark.parametrize("name,data", [
    ("bao-cao.pdf", _zip(**{"a.txt": "xin chào"})),              # a .pdf that is really a zip
    ("bao-cao.docx", _zip(**{"a.txt": "xin chào"})),             # a zip that is not Word
    ("bao-cao.odt", _zip(**{"mimetype": "application/zip"})),
    ("bao-cao.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 600),         # an OLE header and nothing else
    ("bao-cao.txt", bytes(range(256)) * 10),                      # binary named .txt
])
def test_file_that_lies_about_its_type(env, name, data):
    _refused(_one(env, name, data), name)
    assert _state(env) == (0, [])


NO_WORDS = [
    ("trang.txt", b"   \n\n\t  \x0c "),
    ("trang.html", b"<html><head><title></title></head><body>  </body></html>"),
    ("trang.md", b"\n\n"),
    ("chi-bom.txt", b"\xef\xbb\xbf"),
    ("khong-trang.pdf", hostile.pdf_zero_pages()),
    ("cay-trang-hong.pdf", hostile.pdf_broken_page_tree()),
]


@pytest.mark.parametrize("name,data", NO_WORDS)
def test_file_with_no_words_is_empty(env, name, data):
    # Regression: bytes with no text in them were stored as a document with empty text.
    job = _one(env, name, data)
    _refused(job, name)
    assert job["error_code"] == "empty"
    assert _state(env) == (0, [])


@pytest.mark.parametrize("name,data", NO_WORDS[3:])
def test_web_upload_of_a_file_with_no_words(env, name, data):
    r = env.client.post("/tai-len", files={"files": (name, data)})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    job_ids = [j["id"] for j in env.client.get("/api/jobs").json()["items"]]
    (job,) = wait_jobs(env.client, job_ids)
    _refused(job, name)
    assert "không có chữ nào" in job["error"] or "không có trang" in job["error"]
    assert _state(env) == (0, [])


@pytest.mark.parametrize("name,make,words", [
    ("bom-nen.docx", lambda: hostile.docx_zip_bomb(200), "giới hạn 128 MB cho một phần giải nén"),
    ("nhieu-trang.pdf", lambda: hostile.pdf_pages(2001), "giới hạn 2.000 trang"),
    ("day-chu.pdf", lambda: hostile.pdf_dense_page(250_000), "ký tự trên một trang"),
])
def test_file_past_a_budget_is_refused_naming_it(env, name, make, words):
    job = _one(env, name, make())
    _refused(job, name)
    assert words in job["error"] and job["error_code"] == "limit_exceeded"
    assert _state(env) == (0, [])


def test_file_past_the_time_limit_is_refused_and_the_service_goes_on(make_env):
    env = make_env(extract_timeout_s=1, max_page_chars=10**9)
    job = _one(env, "cham.pdf", hostile.pdf_dense_page(400_000))
    _refused(job, "cham.pdf")
    assert "vượt quá giới hạn thời gian 1 giây" in job["error"], job
    good = seed_files()[0]
    (done,) = upload_ok(env.client, {"files": (good.name, good.read_bytes())})
    assert done["document_id"] is not None


def test_path_traversal_filename_stays_in_storage(env):
    p = seed_files()[1]
    job = upload_ok(env.client, {"files": ("../../../x.txt", p.read_bytes())})[0]
    assert job["filename"] == "x.txt" and job["document"]["filename"] == "x.txt"
    storage = Path(env.settings.storage_path).resolve()
    assert [f.resolve().parent.parent for f in env.stored_files()] == [storage]
    assert not (env.folder.parent / "x.txt").exists() and not (storage.parent / "x.txt").exists()
    job = upload_ok(env.client, {"files": ("..\\..\\windows\\y.txt", seed_files()[2].read_bytes())})[0]
    assert job["document"]["filename"] == "y.txt"


def test_vietnamese_filename_downloads(env):
    # Regression: the record downloads put the raw name in Content-Disposition → 500.
    p = seed_files()[1]
    name = "Báo cáo tổng kết năm 2023 – Đảng ủy.txt"
    doc = as_document(upload_ok(env.client, {"files": (name, p.read_bytes())})[0])
    assert doc["filename"] == name
    for url in [f"/van-ban/{doc['id']}/tai-ve.json", f"/van-ban/{doc['id']}/tai-ve.csv",
                f"/van-ban/{doc['id']}/tai-ve.xlsx", f"/api/documents/{doc['id']}/file"]:
        got = env.client.get(url)
        assert got.status_code == 200, (url, got.text[:200])
        disposition = got.headers["content-disposition"]
        assert disposition.isascii()
        assert unquote(disposition.split("''", 1)[1]).startswith("Báo cáo tổng kết năm 2023")
    page = env.client.get(f"/van-ban/{doc['id']}")
    assert page.status_code == 200 and "Báo cáo tổng kết năm 2023" in page.text


def test_export_filename_header_is_ascii_with_utf8_name(env):
    r = env.client.get("/api/documents", params={"format": "csv"})
    assert r.status_code == 200
    assert r.headers["content-disposition"] == (
        "attachment; filename=\"tdkt-van-ban.csv\"; filename*=UTF-8''tdkt-van-ban.csv")


def test_concurrent_duplicate_uploads_store_one(env):
    p = seed_files()[4]
    data = p.read_bytes()
    results: list = []
    start = threading.Barrier(4)

    def send(i: int) -> None:
        start.wait()
        results.append(env.client.post("/api/documents", files={"files": (f"ban-{i}.txt", data)}))

    threads = [threading.Thread(target=send, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(results) == 4
    assert [r.status_code for r in results] == [202] * 4, [r.text[:200] for r in results]
    jobs = [r.json()["jobs"][0] for r in results]
    # one job does the work; the others joined it (or, once it was done, name its document)
    assert len({j["id"] for j in jobs if not j["duplicate"]}) == 1
    settled = wait_jobs(env.client, [j["id"] for j in jobs])
    assert len({j["document_id"] for j in settled}) == 1 and all(j["state"] == "done" for j in settled)
    assert env.archive.count() == 1 and len(env.stored_files()) == 1
    _consistent(env)


def test_text_field_instead_of_file(env):
    for kwargs in ({"data": {"files": "không phải tệp"}}, {"files": {"files": ("", b"xin chao")}}):
        r = env.client.post("/api/documents", **kwargs)
        assert r.status_code == 422
        body = r.json()
        assert "phải là tệp" in body["detail"] and body["errors"][0]["field"] == "body.files.0"
    assert _state(env) == (0, [])


@pytest.mark.parametrize("method,url", [
    ("delete", "/api/documents/424242"), ("delete", f"/api/documents/{HUGE}"), ("delete", "/api/documents/-3"),
    ("delete", "/api/documents/abc"), ("get", f"/api/documents/{HUGE}/audit"),
])
def test_delete_or_read_missing_or_impossible_id(env, method, url):
    r = getattr(env.client, method)(url)
    assert r.status_code in (404, 422)
    assert _vietnamese(r.json()["detail"])


@pytest.mark.parametrize("url", [
    f"/van-ban/{HUGE}", f"/van-ban/{HUGE}/tai-ve.json", "/van-ban/0", f"/tra-cuu?year={HUGE}",
    f"/tra-cuu?trang={HUGE}", f"/phong-trao?trang={HUGE}", f"/khen-thuong?trang={HUGE}", f"/ca-nhan?trang={HUGE}",
    "/tra-cuu?year=hai-nghin", "/tra-cuu?q=" + "a" * 600,
])
def test_pages_refuse_impossible_numbers(env, url):
    # Regression: numbers past SQLite's INTEGER reached the database → OverflowError → 500.
    # A page answers with an HTML page in Vietnamese (tests/service/test_error_pages.py).
    r = env.client.get(url)
    assert r.status_code == 422, (url, r.status_code, r.text[:200])
    assert r.headers["content-type"].startswith("text/html") and "Tham số không hợp lệ: " in r.text


def test_pages_missing_document_and_format(env):
    r = env.client.get("/van-ban/4242")
    assert r.status_code == 404 and "Không tìm thấy văn bản mã 4242." in r.text
    p = seed_files()[0]
    doc_id = upload_ok(env.client, {"files": (p.name, p.read_bytes())})[0]["document_id"]
    r = env.client.get(f"/van-ban/{doc_id}/tai-ve.pdf")
    assert r.status_code == 404 and "Định dạng tải về phải là json, csv hoặc xlsx." in r.text


def test_schema_documents_error_answers(env):
    schema = env.client.get("/openapi.json").json()
    assert set(schema["components"]["schemas"]["ErrorBody"]["required"]) == {"detail"}
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert op["responses"]["4XX"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"}, (method, path)
            assert "422" not in op["responses"], (method, path)  # FastAPI's default 422 is not what we send
    for path in ("/api/documents", "/api/search", "/api/campaigns", "/api/awards", "/api/people", "/api/indicators"):
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]
        assert {"application/json", "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} <= set(content), path
    accepted = schema["paths"]["/api/documents"]["post"]["responses"]
    assert accepted["202"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/UploadAccepted"}
    job = schema["paths"]["/api/jobs/{job_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert job == {"$ref": "#/components/schemas/JobDetail"}


def test_validation_error_body_matches_schema(env):
    r = env.client.get("/api/search", params={"year": "abc", "page": "0"})
    assert r.status_code == 422
    body = r.json()
    assert set(body) == {"detail", "errors"}
    assert {e["field"] for e in body["errors"]} == {"query.year", "query.page"}
    assert all(set(e) == {"field", "location", "type", "message"} and e["location"] == "query" for e in body["errors"])


def test_docx_named_pdf_is_read_by_content(env):
    docx = next(p for p in rendering_files() if p.suffix == ".docx")
    job = upload_ok(env.client, {"files": ("nham-duoi.pdf", docx.read_bytes())})[0]
    assert job["record"]["document"]["format"] == "docx"
