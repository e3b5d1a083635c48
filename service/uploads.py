"""From uploaded bytes to records, with every failure a Vietnamese 4xx.

Extraction happens for every file before anything is stored, so a request that fails on
any file stores none of them. It happens in the worker processes of one
`ExtractorPool` per service process (`configure(settings)` sets its size and limits):
the web process never parses a document itself."""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Protocol

from extractor.errors import ErrorCode, ExtractionError
from extractor.isolation import ExtractorPool
from extractor.records import Extraction

if TYPE_CHECKING:
    from service.config import Settings

log = logging.getLogger("tdkt.service")

STATUS = {
    ErrorCode.empty: 400,
    ErrorCode.too_large: 413,
    ErrorCode.limit_exceeded: 413,
    ErrorCode.unsupported: 415,
    ErrorCode.corrupt: 422,
    ErrorCode.encrypted: 422,
    ErrorCode.scanned: 422,
    ErrorCode.conversion_failed: 422,
    ErrorCode.not_found: 400,
    ErrorCode.converter_missing: 503,
}


@dataclass
class UploadError(Exception):
    status: int
    detail: str
    file: str | None = None
    code: str | None = None


def clean_filename(name: str | None) -> str:
    """The file's own name: no directories (folder uploads send them), no control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip() or "tep-khong-ten"
    return base[-255:]


def check_size(name: str, size: int, limit: int) -> None:
    if size == 0:
        raise UploadError(400, f"Tệp {name} rỗng (0 byte).", name, ErrorCode.empty.value)
    if size > limit:
        raise UploadError(413, f"Tệp {name} quá lớn ({size / 1048576:.1f} MB); giới hạn là "
                               f"{limit / 1048576:.0f} MB.", name, ErrorCode.too_large.value)


_pool: ExtractorPool | None = None
_pool_key: tuple | None = None
_pool_lock = threading.Lock()


def configure(settings: Settings) -> ExtractorPool:
    """The pool of this process, started (or replaced) for `settings`' workers and limits;
    the running pool is kept when they are the same."""
    global _pool, _pool_key
    key = (settings.workers, settings.limits)
    with _pool_lock:
        if _pool is None or _pool_key != key:
            old, _pool = _pool, ExtractorPool(settings.workers, settings.limits)
            _pool_key = key
            if old is not None:
                old.close()
        return _pool


def extractor_pool() -> ExtractorPool:
    if _pool is None:
        from service.config import get_settings

        return configure(get_settings())
    return _pool


def extract_upload(data: bytes, name: str, log_errors: bool = True) -> Extraction:
    """The record of one uploaded file, extracted in a worker process; UploadError (a
    Vietnamese 4xx naming the file, or 503 when no worker can be had) otherwise."""
    try:
        return extractor_pool().extract(data, name)
    except ExtractionError as exc:
        if log_errors and getattr(exc, "debug", None):
            log.error("trích xuất thất bại: %s\n%s", name, exc.debug)
        raise UploadError(STATUS.get(exc.code, 422), f"Không đọc được tệp {name}: {exc.reason}",
                          name, exc.code.value) from exc
    except Exception as exc:  # the pool itself failed (no process could be started): not the file's fault
        if log_errors:
            log.exception("không dùng được tiến trình trích xuất: %s", name)
        raise UploadError(503, f"Chưa đọc được tệp {name}: dịch vụ đọc tệp tạm thời không sẵn sàng, "
                               "hãy thử lại sau.", name) from exc


class Upload(Protocol):
    """What a multipart file part offers (FastAPI's UploadFile)."""
    filename: str | None
    file: BinaryIO


def read_uploads(files: list[Upload], limit: int, max_files: int) -> list[tuple[bytes, str, Extraction]]:
    """(bytes, clean name, record) for each file, ready for `Archive.add_many`; the first
    file that is too large, empty or unreadable (or too many files) raises UploadError."""
    if len(files) > max_files:
        raise UploadError(413, f"Quá nhiều tệp trong một lần tải ({len(files)}); tối đa {max_files}.")
    items = []
    for f in files:
        name = clean_filename(f.filename)
        data = f.file.read(limit + 1)
        check_size(name, len(data), limit)
        items.append((data, name, extract_upload(data, name)))
    return items
