"""Errors a user reads: one Vietnamese line naming the file and the reason."""
from __future__ import annotations

from enum import Enum


class ErrorCode(str, Enum):
    empty = "empty"
    too_large = "too_large"
    unsupported = "unsupported"
    corrupt = "corrupt"
    encrypted = "encrypted"
    scanned = "scanned"
    converter_missing = "converter_missing"
    conversion_failed = "conversion_failed"
    not_found = "not_found"


class ExtractionError(Exception):
    """A file tdkt cannot read. `reason` is Vietnamese and says what to do where it can."""

    def __init__(self, file: str, code: ErrorCode, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.code = code
        self.reason = reason

    def user_message(self) -> str:
        return f"Lỗi: {self.file}: {self.reason}"
