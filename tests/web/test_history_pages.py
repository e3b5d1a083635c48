"""Hồ sơ thành tích and Thẩm định in a real Chromium: search a recipient without diacritics,
open the profile, follow an entry into its source document at the span; vet the composed
dossier, read the verdict table, download the .xlsx, print. Screenshots to tests/artifacts/,
axe on every page."""
from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook

from tests.conftest import CORPUS
from tests.service.conftest import wait_jobs
from tests.web.test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, axe_violations, free_port

pytestmark = pytest.mark.browser

COMPOSED = CORPUS / "composed"
DECISIONS = ["qd_cstdcs_2021.docx", "qd_cstdcs_2022.pdf", "qd_cstdcs_2023_scan.pdf"]
DOSSIER = ["tt_de_nghi_cstd_tinh_2023.docx", "bc_thanh_tich_nguyen_van_thanh.docx"]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The real app on a loopback port over a fresh SQLite archive holding the three decisions."""
    import uvicorn

    from service.app import create_app
    from service.config import Settings

    folder = tmp_path_factory.mktemp("web-history")
    settings = Settings(database_url=f"sqlite:///{folder}/tdkt.db", storage_path=folder / "files",
                        api_key=None, corpus_dirs=[], workers=1, job_runner="thread")
    srv = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    base = f"http://127.0.0.1:{srv.config.port}"
    files = [("files", (n, (COMPOSED / n).read_bytes())) for n in DECISIONS]
    answer = httpx.post(base + "/api/documents", files=files, timeout=120)
    assert answer.status_code == 202, answer.text
    with httpx.Client(base_url=base, timeout=120) as client:
        jobs = wait_jobs(client, [j["id"] for j in answer.json()["jobs"]])
    assert all(j["state"] == "done" for j in jobs), jobs
    yield base
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    if not CHROMIUM.exists():
        pytest.skip("Chromium chưa được cài (scripts/install-system-deps.sh)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True, locale="vi-VN")
        pg = context.new_page()
        pg.set_default_timeout(20_000)
        yield pg
        context.close()
        browser.close()


def no_serious(page) -> None:
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(f"{v['impact']} {v['id']}: {v['help']} {v['nodes']} — {v['summary']}" for v in serious)


def test_profile_timeline_and_source_span(server, page):
    page.goto(server + "/")
    page.get_by_role("link", name="Hồ sơ thành tích").click()
    page.get_by_label("Họ tên, đơn vị, địa bàn").fill("nguyen van thanh")
    page.get_by_role("button", name="Tìm").click()
    rows = page.locator("table.recipients tbody tr")
    assert rows.count() == 2  # the chairman of Đồng Tâm and his namesake in Canh Nậu
    no_serious(page)
    page.screenshot(path=str(ARTIFACTS / "recipients.png"), full_page=True)

    rows.filter(has_text="xã Đồng Tâm").get_by_role("link").click()
    page.wait_for_selector(".timeline")
    assert page.get_by_role("heading", level=1).inner_text() == "Nguyễn Văn Thành"
    assert page.locator(".tl-label").all_inner_texts() == ["2023", "2022", "2021"]
    assert page.locator(".tl-entry .st-granted").count() == 3
    assert "1580/QĐ-UBND" in page.locator(".tl-year", has_text="2022").inner_text()
    no_serious(page)
    page.screenshot(path=str(ARTIFACTS / "recipient-profile.png"), full_page=True)

    page.locator(".tl-year", has_text="2022").locator(".tl-sources a").click()
    page.wait_for_selector("#doc-text")
    assert "qd_cstdcs_2022.pdf" in page.locator("dl.meta").inner_text()
    page.wait_for_function("window.getSelection().toString().includes('Nguyễn Văn Thành | Chủ tịch UBND xã Đồng Tâm')")
    no_serious(page)


def test_vetting_table_export_and_print(server, page, tmp_path):
    page.goto(server + "/tham-dinh")
    no_serious(page)
    page.set_input_files("#dossier-files", [str(COMPOSED / n) for n in DOSSIER])
    page.get_by_role("button", name="Thẩm định").click()
    page.wait_for_selector("table.vetting")
    rows = page.locator("table.vetting tbody tr")
    assert rows.count() == 3
    verdicts = {rows.nth(i).locator("td").nth(1).inner_text().split("\n")[0]: rows.nth(i).locator("td").nth(4).inner_text()
                for i in range(3)}
    assert verdicts == {"Nguyễn Văn Thành": "Đủ điều kiện", "Trần Thị Hoa": "Chưa đủ điều kiện",
                        "Lê Minh Đức": "Chưa đủ điều kiện"}
    assert "thiếu Chiến sĩ thi đua cơ sở năm 2023" in rows.nth(1).inner_text()
    assert "999/QĐ-UBND" in rows.nth(0).inner_text()
    no_serious(page)
    page.screenshot(path=str(ARTIFACTS / "vetting.png"), full_page=True)

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải bảng Excel (.xlsx)").click()
    book = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert [r[5] for r in book["Thẩm định"].iter_rows(min_row=2, values_only=True)] == [
        "Đủ điều kiện", "Chưa đủ điều kiện", "Chưa đủ điều kiện"]

    # Printed for the Hội đồng: the table alone, no navigation, form or buttons.
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Điều hướng chính").is_visible()
    assert not page.locator("form.dropzone").is_visible() and not page.locator("#vet-xlsx").is_visible()
    assert page.locator("table.vetting").is_visible()
    page.screenshot(path=str(ARTIFACTS / "vetting-print.png"), full_page=True)
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")


def test_focus_visible_on_history_pages(server, page):
    for path in ("/ho-so?q=nguyen", "/tham-dinh"):
        page.goto(server + path)
        seen = 0
        for _ in range(12):
            page.keyboard.press("Tab")
            state = page.evaluate("""() => { const el = document.activeElement; const cs = getComputedStyle(el);
                return {tag: el.tagName, ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2}; }""")
            if state["tag"] == "BODY":
                break
            seen += 1
            assert state["ring"], (path, state)
        assert seen >= 5
