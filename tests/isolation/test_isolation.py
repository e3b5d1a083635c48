"""Extraction in worker processes (extractor/isolation.py): a file past a limit is stopped,
its worker killed and replaced, and the caller gets the limit in Vietnamese; the pool goes on
serving the next file. Limits here are small so that real generated files reach them fast."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from evaluation import hostile
from extractor.errors import ErrorCode, ExtractionError
from extractor.isolation import ExtractorPool
from extractor.limits import Limits
from tests.conftest import DOCS, RENDERINGS, ROOT

GOOD = DOCS / "001_aa33862f6316ef22.txt"
VIETNAMESE = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def refusal(pool: ExtractorPool, data: bytes, name: str) -> ExtractionError:
    with pytest.raises(ExtractionError) as info:
        pool.extract(data, name)
    message = info.value.user_message()
    assert name in message and VIETNAMESE & set(message) and "Error" not in message, message
    return info.value


def serves_a_good_file(pool: ExtractorPool) -> None:
    record = pool.extract(GOOD.read_bytes(), GOOD.name)
    assert record.document.source == GOOD.name and record.indicators


@pytest.fixture(scope="module")
def pool():
    with ExtractorPool(1, Limits(time_s=2, memory_mb=700)) as p:
        yield p


def test_records_come_back_whole(pool):
    for path in (GOOD, RENDERINGS / "001_aa33862f6316ef22.docx"):
        record = pool.extract(path.read_bytes(), path.name)
        from extractor.pipeline import extract

        assert record == extract(path)  # the same record as in this process


def test_file_errors_cross_the_process_boundary(pool):
    error = refusal(pool, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "anh.png")
    assert error.code == ErrorCode.unsupported
    serves_a_good_file(pool)


def test_time_limit_stops_the_file_and_replaces_the_worker(pool):
    before = pool.pids()
    start = time.monotonic()
    # pdfminer needs seconds for a page this dense; the page budget is lifted so time runs out first.
    pool.limits = Limits(time_s=1, memory_mb=700, max_page_chars=10**9)
    try:
        error = refusal(pool, hostile.pdf_dense_page(400_000), "day-chu.pdf")
    finally:
        pool.limits = Limits(time_s=2, memory_mb=700)
    assert error.code == ErrorCode.limit_exceeded
    assert "vượt quá giới hạn thời gian 1 giây" in error.reason
    assert time.monotonic() - start < 1 + pool.grace_s
    assert pool.pids() and pool.pids() != before  # killed and replaced
    serves_a_good_file(pool)


def test_memory_limit_stops_a_flate_bomb(pool):
    before = pool.pids()
    error = refusal(pool, hostile.pdf_flate_bomb(900), "bom-nen.pdf")
    assert error.code == ErrorCode.limit_exceeded
    assert "vượt quá giới hạn bộ nhớ 700 MB" in error.reason
    assert pool.pids() != before
    serves_a_good_file(pool)


def test_a_worker_that_dies_is_replaced(pool):
    data = hostile.pdf_dense_page(150_000)
    pool.limits = Limits(time_s=30, memory_mb=700, max_page_chars=10**9)
    errors: list[ExtractionError] = []

    def extract() -> None:
        try:
            pool.extract(data, "chet-giua-chung.pdf")
        except ExtractionError as exc:
            errors.append(exc)

    try:
        (victim,) = pool.pids()
        thread = threading.Thread(target=extract)
        thread.start()
        time.sleep(0.5)
        os.kill(victim, signal.SIGKILL)  # as the kernel's OOM killer would
        thread.join(10)
    finally:
        pool.limits = Limits(time_s=2, memory_mb=700)
    assert errors and errors[0].code == ErrorCode.limit_exceeded
    assert "tiến trình đọc tệp bị hệ thống dừng" in errors[0].reason and "700 MB" in errors[0].reason
    assert pool.pids() and victim not in pool.pids()
    serves_a_good_file(pool)


def test_hard_kill_takes_the_converter_too():
    """A worker whose alarm never fires (stuck in native code) is killed with its whole
    process group after the grace period: LibreOffice, converting at the time, goes too."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # inherited by a forked worker
    try:
        pool = ExtractorPool(1, Limits(time_s=60), start_method="fork", grace_s=0.3)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    with pool:
        (worker,) = pool.pids()
        # warm, under no tight limit (a loaded machine may take over half a second to load the
        # pipeline): each job carries the pool's limits, so the 0.2 s covers the conversion only
        pool.extract(GOOD.read_bytes(), GOOD.name)
        pool.limits = Limits(time_s=0.2)
        start = time.monotonic()
        error = refusal(pool, (RENDERINGS / "001_aa33862f6316ef22.doc").read_bytes(), "cu.doc")
        assert error.code == ErrorCode.limit_exceeded and "giới hạn thời gian 0,2 giây" in error.reason
        assert time.monotonic() - start < 0.2 + 0.3 + 3
        assert group_gone(worker)  # no process of the old worker's group is left
        pool.limits = Limits(time_s=60)  # the new worker loads the pipeline afresh
        serves_a_good_file(pool)


def group_gone(pgid: int, wait_s: float = 5.0) -> bool:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)  # killed processes are being reaped
    return False


def test_the_web_process_never_parses_a_document(tmp_path):
    """An upload is read in a worker: the service process never even imports a reader."""
    script = f"""
import sys
from fastapi.testclient import TestClient
from service.app import create_app
from service.config import Settings
import time
settings = Settings(database_url="sqlite:///{tmp_path}/t.db", storage_path="{tmp_path}/files", workers=1,
                    corpus_dirs=[], job_runner="thread")
with TestClient(create_app(settings)) as client:
    files = [("files", (p.rsplit("/", 1)[-1], open(p, "rb").read())) for p in sys.argv[1:]]
    r = client.post("/api/documents", files=files)
    assert r.status_code == 202, r.text
    ids = [j["id"] for j in r.json()["jobs"]]
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        jobs = [client.get(f"/api/jobs/{{i}}").json() for i in ids]
        if all(j["state"] in ("done", "failed") for j in jobs):
            break
        time.sleep(0.2)
    assert [j["state"] for j in jobs] == ["done"] * len(ids), jobs
readers = [m for m in ("extractor.ingest.docx", "extractor.ingest.pdf", "extractor.ingest.html", "extractor.ingest.text",
                       "pdfminer", "selectolax") if m in sys.modules]
print("readers:", readers)
"""
    files = [str(RENDERINGS / "001_aa33862f6316ef22.docx"), str(RENDERINGS / "003_9872598636d4699e.pdf"),
             str(RENDERINGS / "002_2f85404dcafad22e.html")]
    result = subprocess.run([sys.executable, "-c", script, *files], capture_output=True, text=True, timeout=300,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "readers: []" in result.stdout


def test_extraction_error_pickles():
    import pickle

    error = ExtractionError("tệp.docx", ErrorCode.corrupt, "hỏng")
    again = pickle.loads(pickle.dumps(error))
    assert (again.file, again.code, again.reason) == ("tệp.docx", ErrorCode.corrupt, "hỏng")
