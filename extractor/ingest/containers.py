"""Zip containers (.docx, .xlsx, .odt) checked before anything unpacks them: entry count,
uncompressed size of each member and of all of them, and compression ratio, all from the
central directory (no byte is inflated). Python's zipfile never inflates a member past
the size its directory entry declares, so these declared sizes bound the memory that
reading takes; a zip bomb is refused here, with the budget it exceeds named.

XML inside them is parsed by `parse_xml`: no DTD, no entity expansion, no network, and
libxml2's default depth and node-size limits."""
from __future__ import annotations

import zipfile

from lxml import etree

from extractor.errors import ErrorCode, ExtractionError
from extractor.limits import current, exceeded

_MB = 1024 * 1024
_RATIO_FLOOR = _MB  # small members (styles, settings) compress far better than text; only
                    # members above this size are held to the ratio


def check_zip(zf: zipfile.ZipFile, name: str) -> None:
    limits = current()
    members = zf.infolist()
    if len(members) > limits.zip_max_entries:
        raise exceeded(name, f"giới hạn {limits.zip_max_entries:,} tệp con trong tệp nén ZIP (có {len(members):,})"
                       .replace(",", "."))
    total = 0
    for member in members:
        size = member.file_size
        if size > limits.zip_max_entry_mb * _MB:
            raise exceeded(name, f"giới hạn {limits.zip_max_entry_mb} MB cho một phần giải nén "
                                 f"({member.filename[:80]}: {size / _MB:,.0f} MB)".replace(",", "."))
        if size > _RATIO_FLOOR and size > limits.zip_max_ratio * max(member.compress_size, 1):
            raise exceeded(name, f"tỉ lệ nén cho phép {limits.zip_max_ratio}:1 (nghi là bom nén: "
                                 f"{member.filename[:80]} nén {size // max(member.compress_size, 1):,}:1)"
                           .replace(",", "."))
        total += size
        if total > limits.zip_max_total_mb * _MB:
            raise exceeded(name, f"giới hạn {limits.zip_max_total_mb} MB dữ liệu giải nén của tệp")


class ForbiddenXML(Exception):
    """XML with a DTD or entity declarations: never in an Office part, the mark of an attack."""


def parse_xml(data: bytes) -> etree._Element:
    """An Office XML part, parsed without DTDs, entities or network access."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ForbiddenXML("DTD or entity declaration")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False)
    return etree.fromstring(data, parser)


def forbidden_xml(name: str) -> ExtractionError:
    return ExtractionError(name, ErrorCode.corrupt,
                           "tài liệu chứa khai báo DTD hoặc thực thể XML, không có trong tệp Office thật; "
                           "tdkt không đọc tệp này")
