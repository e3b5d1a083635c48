"""From uploaded bytes to records, with every failure a Vietnamese 4xx.

Extraction happens for every file before anything is stored, so a request that fails on
any file stores none of them."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from extractor.errors import ErrorCode, ExtractionError
from extractor.records import Extraction

log = logging.getLogger("tdkt.service")

STATUS = {
    ErrorCode.empty: 400,
    ErrorCode.too_large: 413,
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


def extract_upload(data: bytes, name: str, log_errors: bool = True) -> Extraction:
    from extractor.pipeline import extract_bytes

    try:
        record = extract_bytes(data, name)
    except ExtractionError as exc:
        raise UploadError(STATUS.get(exc.code, 422), f"Không đọc được tệp {name}: {exc.reason}",
                          name, exc.code.value) from exc
    except Exception as exc:  # an extractor bug on odd input is still the file's problem, not a 500
        if log_errors:
            log.exception("trích xuất thất bại: %s", name)
        raise UploadError(422, f"Không đọc được tệp {name}: nội dung hỏng hoặc không đúng định dạng "
                               f"({type(exc).__name__}).", name, ErrorCode.corrupt.value) from exc
    if not record.text.strip():
        # Bytes but no words (whitespace only, an HTML page with an empty body): as empty as 0 bytes.
        raise UploadError(400, f"Tệp {name} không có nội dung chữ nào (chỉ có khoảng trắng hoặc trang trống).",
                          name, ErrorCode.empty.value)
    return record


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
