"""Errors a user reads: one Vietnamese line naming the file and the reason."""
from __future__ import annotations

from enum import Enum


class ErrorCode(str, Enum):
    empty = "empty"
    too_large = "too_large"
    limit_exceeded = "limit_exceeded"  # time, memory, pages, characters, zip budgets
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

    def __reduce__(self):
        # Errors cross from the worker processes to the service: pickle the fields, not args.
        return type(self), (self.file, self.code, self.reason)

    def user_message(self) -> str:
        return f"Lỗi: {self.file}: {self.reason}"


# What a reader's exception says about the file, in words a user understands: the
# exception's own name and text are for the log, never for the message.
_BY_NAME = (
    (("BadZipFile", "LargeZipFile"), "tệp nén ZIP hỏng"),
    (("error",), "dữ liệu nén bên trong tệp bị hỏng"),  # zlib.error
    (("XMLSyntaxError", "ParseError", "ExpatError", "XMLSchemaParseError"), "dữ liệu XML bên trong tệp bị hỏng"),
    (("UnicodeError",), "mã hóa ký tự không xác định hoặc bị hỏng"),
    (("RecursionError",), "cấu trúc lồng nhau quá sâu"),
    (("PDFSyntaxError", "PSEOF", "PSSyntaxError", "PDFNoValidXRef", "PDFTypeError", "PSTypeError",
      "PDFValueError", "PDFObjectNotFound", "PDFException", "PSException"), "cấu trúc PDF bị hỏng"),
    (("PdfiumError",), "cấu trúc PDF bị hỏng"),
    (("EOFError",), "tệp bị cắt cụt (hết dữ liệu giữa chừng)"),
    (("OSError",), "không đọc được tệp"),
)


def describe(exc: BaseException) -> str:
    """A Vietnamese phrase for what went wrong reading a file, from the exception's kind."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    module = type(exc).__module__ or ""
    for kinds, words in _BY_NAME:
        if names.intersection(kinds) and (kinds != ("error",) or module == "zlib"):
            return words
    if module.startswith(("pdfminer", "pdfplumber", "pypdfium2")):
        return "cấu trúc PDF bị hỏng"
    return "cấu trúc bên trong tệp không hợp lệ"
