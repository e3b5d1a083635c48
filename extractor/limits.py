"""What one extraction may use: wall-clock time, memory, pages, characters and what a
zip container (docx, xlsx, odt) may unpack to. The service sets them from its Settings
(service/config.py) for the worker processes of `extractor.isolation`; code that runs
the pipeline in its own process gets the defaults.

Ingest reads the budgets through `current()` while it reads, so a hostile file is
stopped by the budget it exceeds, with a Vietnamese message naming that budget, before
the work or the memory it would take."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from collections.abc import Iterator

from extractor.errors import ErrorCode, ExtractionError


@dataclass(frozen=True)
class Limits:
    time_s: float = 120.0  # wall clock per file
    memory_mb: int = 2048  # address space of a worker process (RLIMIT_AS)
    max_pages: int = 2000
    max_chars: int = 5_000_000  # text read from one file
    max_page_chars: int = 200_000  # characters on one PDF page (pdfminer is slow on more)
    zip_max_entries: int = 10_000
    zip_max_entry_mb: int = 128  # uncompressed, one member
    zip_max_total_mb: int = 512  # uncompressed, all members
    zip_max_ratio: int = 200  # uncompressed / compressed, for members above 1 MB

    @property
    def memory_bytes(self) -> int:
        return self.memory_mb * 1024 * 1024


_current = Limits()


def current() -> Limits:
    return _current


def set_current(limits: Limits) -> None:
    """Make `limits` the budgets of this process (a worker sets them once at start)."""
    global _current
    _current = limits


@contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    saved = current()
    set_current(limits)
    try:
        yield limits
    finally:
        set_current(saved)


def _n(value: float) -> str:
    """1234567 → "1.234.567", 0.5 → "0,5" (Vietnamese separators)."""
    if value != int(value):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{value:,.0f}".replace(",", ".")


def exceeded(name: str, what: str) -> ExtractionError:
    """The file went past a limit; `what` names it, e.g. "giới hạn thời gian 120 giây"."""
    return ExtractionError(name, ErrorCode.limit_exceeded, f"vượt quá {what}")


def time_exceeded(name: str, limits: Limits | None = None) -> ExtractionError:
    return exceeded(name, f"giới hạn thời gian {_n((limits or current()).time_s)} giây")


def memory_exceeded(name: str, limits: Limits | None = None) -> ExtractionError:
    return exceeded(name, f"giới hạn bộ nhớ {_n((limits or current()).memory_mb)} MB")


def check_pages(name: str, pages: int) -> None:
    if pages > current().max_pages:
        raise exceeded(name, f"giới hạn {_n(current().max_pages)} trang (tệp có {_n(pages)} trang)")


def check_chars(name: str, chars: int) -> None:
    if chars > current().max_chars:
        raise exceeded(name, f"giới hạn {_n(current().max_chars)} ký tự văn bản")


def check_page_chars(name: str, page: int, chars: int) -> None:
    if chars > current().max_page_chars:
        raise exceeded(name, f"giới hạn {_n(current().max_page_chars)} ký tự trên một trang (trang {page})")
