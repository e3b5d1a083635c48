"""Generated inputs, large and hostile: the scaling benchmark (`bench_scaling`) times the
stages on them at n and 4n, and the fuzzers (`fuzz`, tests/fuzz) send them through the
CLI and the API. Every generator is deterministic: `size` is the one knob.

The PDFs and Word files are written byte by byte here (a PDF object table, a minimal
WordprocessingML package), so a test never depends on a writer that could refuse to
produce something malformed."""
from __future__ import annotations

import io
import zipfile
import zlib

SENTENCE = ("Năm 2023, Chủ tịch UBND huyện tặng Giấy khen cho 15 tập thể và 30 cá nhân, "
            "phong trào \"Chung tay vì người nghèo\" đạt 95% kế hoạch")
LINE_CONTINUED = "dòng thứ {i} của một câu còn tiếp ở dòng sau"


# --- text, Markdown, HTML ------------------------------------------------------------------

def text_single_line(size: int) -> bytes:
    """One line of `size` characters: sentences without a line break."""
    text = " ".join([SENTENCE] * (size // len(SENTENCE) + 1))[:size]
    return text.encode("utf-8")


def text_many_lines(size: int) -> bytes:
    """`size` numbered lines, each a sentence."""
    return "\n".join(f"{i}. {SENTENCE}." for i in range(size)).encode("utf-8")


def text_bullets(size: int) -> bytes:
    """A list of `size` bulleted conferrals under one intro line."""
    lines = ["Các tập thể được khen thưởng:"] + [f"- UBND xã số {i} được tặng Giấy khen;" for i in range(size)]
    return "\n".join(lines).encode("utf-8")


def text_broken_paragraph(size: int) -> bytes:
    """`size` lines that each continue the sentence of the line before (a PDF copied as text)."""
    return "\n".join(LINE_CONTINUED.format(i=i) for i in range(size)).encode("utf-8")


def markdown_sup(size: int) -> bytes:
    """A Markdown report full of footnote marks: `size` references, `size` notes."""
    body = " ".join(f"khen thưởng<sup>{i}</sup>" for i in range(1, size + 1))
    notes = "\n".join(f"<sup>{i}</sup> Ghi chú {i}." for i in range(1, size + 1))
    return f"# Báo cáo\n\n**Tổng kết**\n\n{body}\n\n---\n\n{notes}\n".encode("utf-8")


def html_paragraphs(size: int) -> bytes:
    paras = "".join(f"<p>{SENTENCE} ({i}).</p>" for i in range(size))
    return f"<!DOCTYPE html><html><body><article><h1>Tin</h1>{paras}</article></body></html>".encode("utf-8")


def html_short_paragraphs(size: int) -> bytes:
    """`size` paragraphs of two words each: a million of them is a 20 MB page."""
    paras = "".join(f"<p>Điểm {i}</p>" for i in range(size))
    return f"<html><body><article>{paras}</article></body></html>".encode("utf-8")


def html_nested(size: int) -> bytes:
    """`size` nested <div>s around one sentence."""
    return ("<html><body>" + "<div>" * size + f"<p>{SENTENCE}.</p>" + "</div>" * size
            + "</body></html>").encode("utf-8")


# --- Word ----------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
    'main+xml"/></Types>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_from_paragraphs(paragraphs: list[str]) -> bytes:
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    return docx_package({"word/document.xml": xml.encode("utf-8")})


def docx_package(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def docx_paragraphs(size: int) -> bytes:
    return docx_from_paragraphs([f"{i}. {SENTENCE}." for i in range(size)])


def docx_zip_bomb(size_mb: int = 1024) -> bytes:
    """A .docx whose document.xml inflates to `size_mb` MB of blanks (about 1 MB packed per GB)."""
    head = f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>'.encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b" " * (1 << 20)
    packed, crc = [compressor.compress(head)], zlib.crc32(head)
    for _ in range(size_mb):
        packed.append(compressor.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    packed.append(compressor.compress(tail) + compressor.flush())
    return _raw_zip("word/document.xml", b"".join(packed), len(head) + size_mb * len(chunk) + len(tail),
                    zlib.crc32(tail, crc), content_types=True)


def docx_lying_sizes() -> bytes:
    """A .docx whose document.xml declares 100 bytes but inflates to 200 MB."""
    head = f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>'.encode()
    data = head + b"a" * (200 << 20) + b"</w:t></w:r></w:p></w:body></w:document>"
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = packed.compress(data) + packed.flush()
    return _raw_zip("word/document.xml", body, 100, zlib.crc32(data), content_types=True)


def docx_entity_bomb() -> bytes:
    """Billion laughs inside document.xml."""
    ents = '<!ENTITY a "ha">' + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                                         for i in range(9))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [{ents}]><w:document xmlns:w="{_W}"><w:body><w:p><w:r>'
           f'<w:t>&j;</w:t></w:r></w:p></w:body></w:document>')
    return docx_package({"word/document.xml": xml.encode()})


def docx_external_entity() -> bytes:
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    return docx_package({"word/document.xml": xml.encode()})


def docx_deep_nesting(depth: int = 100_000) -> bytes:
    xml = (f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body>' + "<w:sdt><w:sdtContent>" * depth
           + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * depth + "</w:body></w:document>")
    return docx_package({"word/document.xml": xml.encode()})


def docx_many_entries(count: int = 50_000) -> bytes:
    parts = {f"word/media/x{i}.xml": b"" for i in range(count)}
    parts["word/document.xml"] = docx_from_paragraphs(["x"])  # any bytes: the count is what matters
    return docx_package(parts)


def _raw_zip(member: str, deflated: bytes, size: int, crc: int, content_types: bool = False) -> bytes:
    """A zip with one deflated member whose sizes are written as given (true or not)."""
    import struct

    out = io.BytesIO()
    entries = []
    if content_types:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        ct = buf.getvalue()
        # Reuse zipfile's stored member: copy its local header and data, remember its central entry.
        cd_at = ct.rfind(b"PK\x01\x02")
        eocd = ct.rfind(b"PK\x05\x06")
        out.write(ct[:cd_at])
        entries.append(ct[cd_at:eocd])
    name = member.encode()
    offset = out.tell()
    out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc & 0xFFFFFFFF, len(deflated),
                          size & 0xFFFFFFFF, len(name), 0) + name + deflated)
    entries.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc & 0xFFFFFFFF,
                               len(deflated), size & 0xFFFFFFFF, len(name), 0, 0, 0, 0, 0, offset) + name)
    cd_start = out.tell()
    central = b"".join(entries)
    out.write(central)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd_start, 0))
    return out.getvalue()


# --- PDF -----------------------------------------------------------------------------------

def pdf_document(contents: list[bytes], *, compress: bool = False, pages_tree: str | None = None) -> bytes:
    """A PDF with one page per content stream (Helvetica, A4). `pages_tree` replaces the
    /Pages dictionary (to write a broken one)."""
    n = len(contents)
    font = 3 + 2 * n
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               (pages_tree or f"<< /Type /Pages /Kids [{kids}] /Count {n} >>").encode()]
    for i, content in enumerate(contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font} 0 R"
                       f" >> >> /Contents {4 + 2 * i} 0 R >>".encode())
        data = zlib.compress(content) if compress else content
        flate = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), flate) + data + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _ascii(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if ord(c) < 128).replace("(", "").replace(")", "").replace("\\", "")


def page_text(lines: list[str], size: float = 11, leading: float = 14) -> bytes:
    """A content stream writing `lines` top-down (Helvetica has no Vietnamese: ASCII only)."""
    ops = [f"BT /F1 {size} Tf {leading} TL 56 790 Td".encode()]
    ops += [f"({_ascii(line)}) '".encode() for line in lines]
    ops.append(b"ET")
    return b"\n".join(ops)


def pdf_pages(size: int) -> bytes:
    """`size` pages of a few lines each."""
    return pdf_document([page_text([f"Trang {i}: {SENTENCE}."] * 3) for i in range(size)])


def pdf_dense_page(size: int) -> bytes:
    """One page holding `size` characters in tiny type."""
    line = _ascii(" ".join([SENTENCE] * 3))[:200]
    return pdf_document([page_text([line] * max(1, size // len(line)), size=1, leading=1.2)])


def pdf_flate_bomb(size_mb: int = 1024) -> bytes:
    """A one-page PDF whose content stream inflates to `size_mb` MB of blanks."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(compressor.compress(chunk) for _ in range(size_mb)) + compressor.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"]
    return _pdf_file(objects)


def pdf_zero_pages() -> bytes:
    return pdf_document([])


def pdf_broken_page_tree() -> bytes:
    """/Pages points at itself and names no real page."""
    return pdf_document([page_text(["x"])], pages_tree="<< /Type /Pages /Kids [2 0 R] /Count 1 >>")


def pdf_blank_pages(size: int = 3) -> bytes:
    return pdf_document([b"" for _ in range(size)])


# --- what the scaling benchmark times --------------------------------------------------------

# name → (file name, generator, base size n): timed at n and 4n.
SCALING: dict[str, tuple[str, object, int]] = {
    "văn bản một dòng": ("mot-dong.txt", text_single_line, 250_000),
    "văn bản nhiều dòng": ("nhieu-dong.txt", text_many_lines, 5_000),
    "danh sách gạch đầu dòng": ("gach-dau-dong.txt", text_bullets, 5_000),
    "đoạn bị ngắt dòng": ("ngat-dong.txt", text_broken_paragraph, 10_000),
    "Markdown nhiều <sup>": ("chu-thich.md", markdown_sup, 5_000),
    "HTML nhiều đoạn": ("nhieu-doan.html", html_paragraphs, 5_000),
    "HTML lồng sâu": ("long-sau.html", html_nested, 5_000),
    "Word nhiều đoạn": ("nhieu-doan.docx", docx_paragraphs, 5_000),
    "PDF nhiều trang": ("nhieu-trang.pdf", pdf_pages, 100),
    "PDF trang dày chữ": ("day-chu.pdf", pdf_dense_page, 20_000),
}
