"""Legacy Vietnamese encodings on real seed reports: a Word file typed in VNI (runs in
VNI-Times, made by corpora/tools/make_renderings.py --only vni) and text files saved
from TCVN3/VNI editors (Windows bytes, no font names: the letters decide)."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from tests.conftest import DOCS

from extractor.ingest import read_document
from extractor.model import BlockKind
from extractor.normalise.legacy import TCVN3, VNI, from_unicode
from extractor.resources import load_tsv

FIXTURES = Path(__file__).parent / "fixtures"


def read(path: Path):
    return read_document(path.read_bytes(), path.name)


def texts(doc, keep=lambda block: True) -> list[str]:
    return [doc.text[b.start:b.end] for b in doc.blocks if keep(b)]


def test_vni_docx_reads_as_the_unicode_seed():
    path = FIXTURES / "000_b2037343df6e8685_vni.docx"
    assert b"VNI-Times" in zipfile.ZipFile(path).read("word/document.xml")
    doc = read(path)
    seed = read(DOCS / "000_b2037343df6e8685.txt")
    assert doc.encoding == VNI
    assert texts(doc, lambda b: b.kind != BlockKind.header) == texts(seed)
    assert texts(doc, lambda b: b.kind == BlockKind.header) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def tcvn3_writable(text: str) -> str:
    """What survives typing in TCVN3 with one font: toned capitals exist only in the
    capitals font (.VnTimeH), whose codes are the lower-case letters."""
    letters = {row["unicode"] for row in load_tsv("tcvn3.tsv", ("byte", "unicode"))}
    return "".join(ch.lower() if ch not in letters and ch.lower() in letters else ch for ch in text)


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_legacy_text_file_detected_and_converted(encoding):
    """Seed 004 saved as a Windows text file by a TCVN3 or VNI editor (cp1252 bytes, so
    “quotes” and – dashes are the cp1252 ones)."""
    source = DOCS / "004_047c2302e93f662e.txt"
    seed = read(source)
    data = from_unicode(source.read_text(encoding="utf-8"), encoding).encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = read_document(data, "bao_cao_cu.txt")
    assert doc.encoding == encoding
    expected = [tcvn3_writable(t) for t in texts(seed)] if encoding == TCVN3 else texts(seed)
    assert texts(doc) == expected
    assert "thi đua “Cả nước chung sức xây dựng nông thôn mới”;" in doc.text
