"""A bounded fuzz run (issue 14): real corpus files mutated at random and crafted bombs
(evaluation/fuzz.py), through the worker pool the CLI and the service use, through
`tdkt extract`, and through the API of `tdkt serve` on loopback. Every input gives a record
or a refusal in Vietnamese naming the file; no traceback, no exception name, nothing past
the time limit, no 5xx. Deterministic (fixed seeds); `make fuzz` is the long run."""
from __future__ import annotations

import socket
import time

import pytest

from evaluation.fuzz import check_refusal, inputs, run_api, run_cli
from extractor.errors import ExtractionError
from extractor.isolation import ExtractorPool
from extractor.limits import Limits

LIMITS = Limits(time_s=20, memory_mb=1024)


def test_mutated_files_and_bombs_through_the_worker_pool():
    items = list(inputs(260, seed=14, quick=True))  # the bombs first, then mutated corpus files
    bad: list[str] = []
    slowest = 0.0
    refused = 0
    with ExtractorPool(2, LIMITS) as pool:
        for name, make in items:
            data = make()
            start = time.monotonic()
            try:
                record = pool.extract(data, name)
                assert record.document.source == name and record.text.strip()
            except ExtractionError as exc:
                refused += 1
                problem = check_refusal(name, exc.user_message())
                if problem:
                    bad.append(f"{name}: {problem}: {exc.user_message()}")
            slowest = max(slowest, time.monotonic() - start)
    assert not bad, "\n".join(bad)
    assert slowest <= LIMITS.time_s + pool.grace_s
    assert 30 < refused < len(items) - 30  # both outcomes are exercised


def test_mutated_files_through_the_cli(monkeypatch):
    monkeypatch.setenv("TDKT_EXTRACT_TIMEOUT_S", "20")
    monkeypatch.setenv("TDKT_EXTRACT_MEMORY_MB", "1024")
    items = list(inputs(80, seed=15, crafted_every=20, quick=True))
    figures = run_cli(items, limit_s=20, batch=80)
    assert figures.inputs == 80 and figures.records + figures.refusals == 80, figures.bad_refusals
    assert (figures.tracebacks, figures.hangs, figures.bad_refusals) == (0, 0, [])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mutated_files_through_the_api_on_loopback(monkeypatch):
    monkeypatch.setenv("TDKT_EXTRACT_TIMEOUT_S", "20")
    monkeypatch.setenv("TDKT_EXTRACT_MEMORY_MB", "1024")
    items = list(inputs(80, seed=16, crafted_every=20, quick=True))
    figures, watch = run_api(items, limit_s=20, port=_free_port(), workers=2)
    assert figures.inputs == 80 and figures.records + figures.refusals == 80, figures.bad_refusals
    assert (figures.server_5xx, figures.tracebacks, figures.hangs, figures.bad_refusals) == (0, 0, 0, [])
    assert max(watch.web_peak, watch.worker_peak) < (1024 + 200) * 1024 * 1024


@pytest.mark.parametrize("name,message", [
    ("a.docx", "Lỗi: a.docx: lỗi không mong đợi (error: Error -3 while decompressing data)"),
    ("a.docx", "Lỗi: a.docx: tệp bị hỏng (BadZipFile)"),
    ("a.txt", "Lỗi: a.txt: lỗi không mong đợi (UnicodeDecodeError)"),
    ("a.docx", "Lỗi: khác.docx: tệp bị hỏng"),
    ("a.docx", "Error: a.docx: file is corrupt"),
])
def test_the_refusal_check_catches_what_the_issue_saw(name, message):
    assert check_refusal(name, message) is not None
    assert check_refusal(name, f"Lỗi: {name}: tệp nén ZIP hỏng") is None
