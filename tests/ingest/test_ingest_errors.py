"""Bad input: one Vietnamese line naming the file and the reason, never a traceback;
the good files of the same run are still written."""
from __future__ import annotations

import io
import re
import os
import subprocess
import sys
import zipfile

import pytest
from tests.conftest import DOCS, RENDERINGS, ROOT

from evaluation import hostile
from extractor.errors import ErrorCode, ExtractionError
from extractor.ingest import read_document
from extractor.pipeline import extract


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(RENDERINGS / "001_aa33862f6316ef22.pdf"), pages=(0, 1))
    writer.encrypt(user_password="matkhau", owner_password="chu")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def corrupt_docx() -> bytes:
    data = (RENDERINGS / "001_aa33862f6316ef22.docx").read_bytes()
    return data[: len(data) // 2]  # cut zip


def docx_without_xml() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document>not xml")
    return buf.getvalue()


CASES = {
    "empty.docx": (lambda: b"", ErrorCode.empty),
    "hong.docx": (corrupt_docx, ErrorCode.corrupt),
    "hong_xml.docx": (docx_without_xml, ErrorCode.corrupt),
    "hong.pdf": (lambda: b"%PDF-1.7\n1 0 obj garbage", ErrorCode.corrupt),
    "mat_khau.pdf": (encrypted_pdf, ErrorCode.encrypted),
    "anh.png": (lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, ErrorCode.unsupported),
    "chuong_trinh.exe": (lambda: b"MZ\x90\x00" + b"\x00" * 200, ErrorCode.unsupported),
    # Bombs and tricks, refused before the work or memory they would take (issue 14).
    "bom_nen.docx": (lambda: hostile.docx_zip_bomb(200), ErrorCode.limit_exceeded),
    "nhieu_phan.docx": (lambda: hostile.docx_many_entries(), ErrorCode.limit_exceeded),
    "long_sau.docx": (lambda: hostile.docx_deep_nesting(), ErrorCode.limit_exceeded),
    "khai_gian.docx": (hostile.docx_lying_sizes, ErrorCode.corrupt),
    "thuc_the.docx": (hostile.docx_entity_bomb, ErrorCode.corrupt),
    "thuc_the_ngoai.docx": (hostile.docx_external_entity, ErrorCode.corrupt),
    "nhieu_trang.pdf": (lambda: hostile.pdf_pages(2001), ErrorCode.limit_exceeded),
    "day_chu.pdf": (lambda: hostile.pdf_dense_page(250_000), ErrorCode.limit_exceeded),
    "mot_dong.txt": (lambda: hostile.text_single_line(5_000_001), ErrorCode.limit_exceeded),
    "ma_la.txt": (lambda: bytes(range(0x80, 0x100)) * 400 + b"\x81\x8d\x8f\x90\x9d" * 4000, ErrorCode.corrupt),
    "utf16_le.txt": (lambda: b"\xff\xfe" + "Báo cáo".encode("utf-16-le") + b"\x00", None),
    # No words: refused as empty, in every format.
    "trang.txt": (lambda: b"   \n\n\t  \x0c ", ErrorCode.empty),
    "bom.txt": (lambda: b"\xef\xbb\xbf", ErrorCode.empty),
    "bom_utf16.txt": (lambda: b"\xff\xfe", ErrorCode.empty),
    "dau_cham.md": (lambda: "… — … .\n***\n".encode(), ErrorCode.empty),
    "than_rong.html": (lambda: b"<html><head><title>x</title></head><body> <div> </div></body></html>", ErrorCode.empty),
    "khong_trang.pdf": (hostile.pdf_zero_pages, ErrorCode.empty),
    "cay_trang_hong.pdf": (hostile.pdf_broken_page_tree, ErrorCode.empty),
    "trang_trang.pdf": (lambda: hostile.pdf_blank_pages(3), ErrorCode.empty),
    "trong.docx": (lambda: hostile.docx_from_paragraphs(["", "  "]), ErrorCode.empty),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_a_vietnamese_extraction_error(name):
    make, code = CASES[name]
    if code is None:  # not an error: read without a traceback
        assert read_document(make(), name).text.startswith("Báo cáo")
        return
    with pytest.raises(ExtractionError) as info:
        read_document(make(), name)
    assert info.value.code == code, info.value.reason
    message = info.value.user_message()
    assert name in message and "\n" not in message
    assert not re.search(r"[A-Z][a-z]+(Error|Exception|File)\b|Traceback|Errno", message), message
    assert any(ch in message for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def test_extension_lies_content_wins():
    data = (RENDERINGS / "003_9872598636d4699e.docx").read_bytes()
    doc = read_document(data, "bao_cao.pdf")
    assert doc.format.value == "docx" and "CỤM THI ĐUA SỐ 02" in doc.text


def test_huge_file_refused_by_size_before_reading(tmp_path):
    big = tmp_path / "qua_lon.pdf"
    with open(big, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(ExtractionError) as info:
        extract(big)
    assert info.value.code == ErrorCode.too_large


def test_cli_mixed_good_and_bad_files(tmp_path):
    bad_dir = tmp_path / "in"
    bad_dir.mkdir()
    (bad_dir / "rong.txt").write_bytes(b"")
    (bad_dir / "hong.docx").write_bytes(corrupt_docx())
    (bad_dir / "mat_khau.pdf").write_bytes(encrypted_pdf())
    (bad_dir / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with open(bad_dir / "qua_lon.pdf", "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    good = DOCS / "001_aa33862f6316ef22.txt"
    out = tmp_path / "out"
    files = [str(good)] + sorted(str(p) for p in bad_dir.iterdir())
    result = subprocess.run([sys.executable, "-m", "service.cli", "extract", *files, "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    error_lines = [ln for ln in result.stderr.splitlines() if ln.startswith("Lỗi:")]
    assert len(error_lines) == 5, result.stderr
    assert (out / "001_aa33862f6316ef22.txt.json").is_file()


def test_external_entity_is_never_fetched():
    # The refusal comes before any parser sees the DTD: nothing of /etc/passwd can reach a record.
    with pytest.raises(ExtractionError) as info:
        read_document(hostile.docx_external_entity(), "thuc_the_ngoai.docx")
    assert "root:" not in info.value.reason and "DTD" in info.value.reason


def test_deeply_nested_html_keeps_its_text_in_linear_time():
    doc = read_document(hostile.html_nested(100_000), "long_sau.html")  # lexbor alone took 21 s on this
    assert hostile.SENTENCE[:40] in doc.text


def test_zip_budget_names_the_limit():
    with pytest.raises(ExtractionError) as info:
        read_document(hostile.docx_zip_bomb(200), "bom.docx")
    assert "vượt quá giới hạn 128 MB cho một phần giải nén" in info.value.reason


def test_spreadsheet_xml_goes_through_defusedxml():
    # openpyxl parses through defusedxml when it is installed (a dependency since issue 14):
    # entity expansion and external DTDs are refused there too.
    import openpyxl

    assert openpyxl.DEFUSEDXML is True
