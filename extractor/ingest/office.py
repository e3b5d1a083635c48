"""Legacy .doc, .odt and .rtf: LibreOffice (headless) converts them to .docx, which the
Word reader then reads, so every Word-like format goes through one code path."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from extractor.errors import ErrorCode, ExtractionError
from extractor.ingest.base import RawDocument, sniff_format
from extractor.model import Format

CONVERT_TIMEOUT_S = 120


def soffice_binary() -> str | None:
    return os.environ.get("TDKT_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, name: str, fmt: Format) -> bytes:
    binary = soffice_binary()
    if binary is None:
        raise ExtractionError(
            name, ErrorCode.converter_missing,
            f"cần LibreOffice để đọc tệp .{fmt.value}; hãy cài: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="tdkt-office-") as tmp:
        work = Path(tmp)
        source = work / f"input.{fmt.value}"
        source.write_bytes(data)
        # Each call gets its own profile: two soffice processes sharing one exit silently.
        profile = (work / "profile").as_uri()
        cmd = [binary, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ExtractionError(name, ErrorCode.conversion_failed,
                                  f"LibreOffice chuyển đổi quá {CONVERT_TIMEOUT_S} giây") from exc
        result = work / "out" / "input.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise ExtractionError(name, ErrorCode.conversion_failed,
                                  f"LibreOffice không chuyển đổi được tệp .{fmt.value} (tệp hỏng hoặc có mật khẩu)")
        return result.read_bytes()


def read_via_libreoffice(data: bytes, name: str) -> RawDocument:
    from extractor.ingest.docx import read_docx

    fmt = sniff_format(data, name)
    raw = read_docx(convert_to_docx(data, name, fmt), name)
    raw.format = fmt
    raw.warnings.append(f"đã chuyển .{fmt.value} sang .docx bằng LibreOffice")
    return raw
