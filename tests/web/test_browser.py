"""The pages in a real Chromium (Debian's, driven by Playwright): upload several files →
document with highlights → audit panel → search → export. Screenshots of each page go
to tests/artifacts/ for a reviewer to look at."""
from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT, corpus_docs

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(folder: Path, **overrides) -> Iterator[str]:
    """The real app on a loopback port over a fresh SQLite archive, with its job worker in a
    child process as `tdkt serve` runs it."""
    import uvicorn

    from service.app import create_app
    from service.config import Settings

    settings = Settings(**{"database_url": f"sqlite:///{folder}/tdkt.db", "storage_path": folder / "files",
                           "api_key": None, "corpus_dirs": [], "workers": 1, **overrides})
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with serve(tmp_path_factory.mktemp("web")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chromium chưa được cài (scripts/install-system-deps.sh)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_page(browser, **options):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True, locale="vi-VN",
                                  **options)
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    return pg


@pytest.fixture(scope="module")
def page(server, browser):
    pg = new_page(browser)
    yield pg
    pg.context.close()


def test_upload_document_audit_search_export(server, page, tmp_path):
    # Upload: every corpus document plus an empty file, dropped on the page at once.
    bad = tmp_path / "rong.txt"
    bad.write_bytes(b"")
    files = [str(p) for p in corpus_docs()] + [str(bad)]
    page.goto(server + "/")
    assert page.get_attribute("html", "lang") == "vi"
    page.set_input_files("#file-input", files)
    # each file is sent, then followed as a job until it is done or has failed
    page.wait_for_selector("#queue .status.wait")
    page.wait_for_function(
        "document.querySelectorAll('#queue .status.ok, #queue .status.err').length === %d" % len(files),
        timeout=180_000)
    assert page.locator("#queue .status.ok").count() == len(files) - 1
    error = page.locator("#queue li", has_text="rong.txt").locator(".status.err")
    assert error.inner_text().startswith("Lỗi: ")
    page.screenshot(path=str(ARTIFACTS / "upload.png"), full_page=True)

    # Document: seed 001 with its items highlighted and the audit panel.
    page.locator("#queue li", has_text="001_aa33862f6316ef22.txt").get_by_role("link").click()
    page.wait_for_selector("#doc-text")
    assert page.locator("mark.hl-indicator").count() > 20
    assert page.locator("mark.hl-campaign").count() > 0
    audit = page.locator("#audit")
    assert "Số: /BC-UBND" in audit.inner_text() and "2.5." in audit.inner_text()
    page.locator("#audit a.jump", has_text="2.5.").click()
    page.wait_for_function("window.getSelection().toString().includes('củng cố hệ thống chính trị')")
    page.locator(".items a.jump[href^='#m-indicator-']").first.click()
    focused = page.evaluate("document.activeElement.className")
    assert "hl-indicator" in focused
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "document.png"))

    # Export: the CSV download holds the extracted items.
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows and {"kind", "text", "start"} <= set(rows[0])

    # Search: accent-free query, highlighted snippets, facets.
    page.goto(server + "/tra-cuu")
    page.get_by_label("Từ khóa").fill("co thi dua")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_selector(".hit")
    assert page.locator(".snippet mark").count() > 0
    assert page.locator(".facets a").count() > 0
    page.screenshot(path=str(ARTIFACTS / "archive.png"), full_page=True)

    # Awards across the archive, with the per-year chart.
    page.get_by_role("link", name="Khen thưởng").first.click()
    page.wait_for_selector("svg.chart rect")
    page.screenshot(path=str(ARTIFACTS / "awards.png"), full_page=True)


FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  // the visually hidden file input shows its focus on its label button
  const shown = el.id === 'file-input' ? document.querySelector('label[for="file-input"]') : el;
  const cs = getComputedStyle(shown);
  const r = shown.getBoundingClientRect();
  return {tag: el.tagName, text: (el.textContent || el.id || '').trim().slice(0, 40),
          ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 && cs.boxShadow !== 'none',
          visible: r.width > 4 && r.height > 4};
}"""


@pytest.mark.parametrize("path", ["/", "/tra-cuu?q=co+thi+dua", "/khen-thuong"])
def test_focus_always_visible(server, page, path):
    """Tab through the first controls of a page: each one that takes focus shows the ring."""
    _populated(server)
    page.goto(server + path)
    seen = []
    for _ in range(14):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_SHOWN)
        if state["tag"] == "BODY":
            break
        seen.append(state)
        assert state["ring"] and state["visible"], state
    assert len(seen) >= 5


def test_keyboard_reaches_upload(server, page):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Bỏ qua")
    reached = []
    for _ in range(15):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
    assert "file-input" in reached and "upload-submit" in reached
    labels = page.evaluate("""Array.from(document.querySelectorAll('input, select, textarea'))
        .filter(e => e.type !== 'hidden')
        .every(e => (e.id && document.querySelector('label[for="' + e.id + '"]')) || e.getAttribute('aria-label'))""")
    assert labels


# --- accessibility: axe-core (vendored, test-only) on every page ------------------------

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _populated(server: str) -> int:
    """The id of seed 001 in the archive, uploading the corpus first if the archive is empty."""
    import httpx

    docs = httpx.get(server + "/api/documents", params={"size": 200}).json()["items"]
    if not docs:
        files = [("files", (p.name, p.read_bytes())) for p in corpus_docs()]
        r = httpx.post(server + "/api/documents", files=files, timeout=120)
        assert r.status_code == 202
        wait_jobs(server, [j["id"] for j in r.json()["jobs"]])
        docs = httpx.get(server + "/api/documents", params={"size": 200}).json()["items"]
    return next(d["id"] for d in docs if d["filename"].startswith("001_"))


def wait_jobs(server: str, ids: list[int], timeout: float = 180.0, headers: dict | None = None) -> list[dict]:
    import httpx

    deadline = time.time() + timeout
    while True:
        items = httpx.get(server + "/api/jobs", params={"ids": ids}, headers=headers).json()["items"]
        if all(j["state"] in ("done", "failed") for j in items):
            return items
        assert time.time() < deadline, items
        time.sleep(0.2)


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5], "summary": v["nodes"][0].get("failureSummary", "")}
            for v in result["violations"]]


@pytest.mark.parametrize("path", ["/", "/van-ban/{doc}", "/tra-cuu?q=co+thi+dua", "/tra-cuu?q=khen&year=2023",
                                  "/phong-trao", "/khen-thuong", "/ca-nhan"])
def test_axe_no_serious_violations(server, page, path):
    doc = _populated(server)
    page.goto(server + path.format(doc=doc))
    found = axe_violations(page)
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(f"{v['impact']} {v['id']}: {v['help']} {v['nodes']} — {v['summary']}" for v in serious)


@pytest.mark.parametrize("path,status,heading", [("/van-ban/999999", 404, "Không tìm thấy"),
                                                 ("/khong-co", 404, "Trang không tồn tại"),
                                                 ("/tra-cuu?year=abc", 422, "Tham số không hợp lệ")])
def test_error_page_in_site_layout(server, page, path, status, heading):
    """A page that fails shows the site's own page in Vietnamese, not the API's JSON."""
    response = page.goto(server + path)
    assert response.status == status
    assert page.get_attribute("html", "lang") == "vi"
    assert page.get_by_role("navigation", name="Điều hướng chính").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert f"Lỗi {status}" in page.locator("main").inner_text()
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(f"{v['impact']} {v['id']}: {v['help']} {v['nodes']}" for v in serious)
    if path == "/khong-co":
        page.screenshot(path=str(ARTIFACTS / "error-404.png"), full_page=True)
    page.get_by_role("link", name="Tra cứu kho báo cáo").click()
    page.wait_for_selector("form.search")
    assert page.url == server + "/tra-cuu"


# --- with an API key: sign in, upload, delete; and the form without JavaScript ----------

KEY = "khoa-trinh-duyet-thu-nghiem"


@pytest.fixture(scope="module")
def keyed_server(tmp_path_factory) -> Iterator[str]:
    with serve(tmp_path_factory.mktemp("web-key"), api_key=KEY) as url:
        yield url


def test_sign_in_then_upload_and_delete_with_a_key(keyed_server, browser):
    page = new_page(browser)
    try:
        page.goto(keyed_server + "/")
        assert page.locator("#upload-form").count() == 0
        page.locator("#need-signin").get_by_role("link", name="Đăng nhập").click()
        page.wait_for_selector("form.signin")
        serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
        assert not serious, serious
        page.get_by_label("Khóa truy cập").fill("sai")
        page.get_by_role("button", name="Đăng nhập").click()
        assert "Khóa truy cập không đúng." in page.locator("main").inner_text()
        page.get_by_label("Khóa truy cập").fill(KEY)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_selector("#upload-form")
        page.screenshot(path=str(ARTIFACTS / "upload-signed-in.png"), full_page=True)

        doc = corpus_docs()[0]
        page.set_input_files("#file-input", [str(doc)])
        item = page.locator("#queue li", has_text=doc.name)
        item.locator(".status.ok").wait_for(timeout=120_000)
        assert item.locator(".status").inner_text().startswith("Xong")
        item.get_by_role("link", name="xem văn bản").click()
        page.wait_for_selector("#doc-text")
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Xóa văn bản").click()
        page.wait_for_selector("text=Đã xóa văn bản")
        import httpx

        assert httpx.get(keyed_server + "/api/documents").json()["total"] == 0

        page.get_by_role("button", name="Đăng xuất").click()
        page.wait_for_selector("#need-signin")
    finally:
        page.context.close()


def test_upload_form_without_javascript(server, browser, tmp_path):
    """The form posts to /tai-len and the answer is a page that refreshes until every job
    has settled."""
    page = new_page(browser, java_script_enabled=False)
    try:
        bad = tmp_path / "hong.docx"
        bad.write_bytes(b"PK\x03\x04 khong phai zip")
        good = corpus_docs()[1]
        page.goto(server + "/")
        page.set_input_files("#file-input", [str(good), str(bad)])
        page.get_by_role("button", name="Tải lên các tệp đã chọn").click()
        page.wait_for_url("**/tai-len**")
        page.wait_for_function("!document.querySelector('meta[http-equiv=refresh]')", timeout=120_000)
        assert page.locator("#queue li", has_text=good.name).locator(".status.ok").count() == 1
        error = page.locator("#queue li", has_text="hong.docx").locator(".status.err").inner_text()
        assert error.startswith("Lỗi: ") and "hong.docx" in error
    finally:
        page.context.close()
