"""What one row or item of a recipient list says: the name without its honorific, the
kind of recipient, the role and the place (corpora/LABELLING.md: the position cell is the
role, the unit cell's first body the place), and decision numbers and dates in a cell."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.recognise.names import SYLLABLE, _honorific, lexicon as names_lexicon
from extractor.records import RecipientType
from extractor.resources import surname_words

_DECISION_NO = regex.compile(
    r"(?:(?<![\p{L}])số\s*:?\s*)?(?P<n>\d{1,6}[a-zA-Z]?\s*/\s*(?:\d{4}\s*/\s*)?[\p{Lu}Đ][\p{L}\d&.]*(?:\s*[-–]\s*[\p{L}\d&.]+)*)",
    regex.I)
_DMY = regex.compile(r"(?<!\d)(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})(?!\d)")
_LONG_DATE = regex.compile(r"ngày\s*(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>(?:19|20)\d{2})", regex.I)
_AUTHORITY_IN_CELL = regex.compile(r"(?:của|;|,)\s*(?P<a>\p{Lu}[^;()\n]{2,100}?)\s*[.;)]?\s*$")


@dataclass
class Named:
    name: str
    honorific: str | None  # canonical (`ông`), only when printed with the name
    start: int  # offsets of the name itself in the text
    end: int
    role: str | None = None  # written after the name in the same cell (`Ông A, Phó Giám đốc Sở …`)


@lru_cache(maxsize=1)
def _honorific_re() -> regex.Pattern:
    lex = names_lexicon()
    words = sorted(list(lex["honorifics"]) + ["đồng chí", "đ/c", "thầy", "cô", "anh", "chị"], key=len, reverse=True)
    alt = "|".join(regex.escape(w) for w in words)
    return regex.compile(rf"^(?P<h>(?i:{alt}))\.?\s+(?=\p{{Lu}})")


_PERSON = regex.compile(rf"^{SYLLABLE}(?:\s+{SYLLABLE}){{1,5}}$")


@lru_cache(maxsize=1)
def _rank_re() -> regex.Pattern:
    from extractor.resources import load_yaml

    ranks = load_yaml("awards.yaml").get("ranks") or []
    alt = "|".join(regex.escape(r) for r in sorted(ranks, key=len, reverse=True)) or "(?!)"
    return regex.compile(rf"^(?:{alt})\s+(?=\p{{Lu}})", regex.I)


def split_name(text: str, start: int) -> Named:
    """`Ông Nguyễn Văn Thành` at `start` → the name and its printed honorific; a rank
    (`Đại tá`) is dropped from the name too, but is no honorific."""
    m = _honorific_re().match(text)
    hon = None
    at = 0
    if m:
        hon = _honorific(m.group("h").replace(".", "")) or m.group("h").lower()
        at = m.end()
    rank = _rank_re().match(text, at)
    if rank:
        at = rank.end()
    name = text[at:].strip(" .;,:")
    lead = len(text[at:]) - len(text[at:].lstrip())
    role = None
    cut = _NAME_ROLE_CUT.search(name)
    if (hon or rank) and cut and looks_like_person(name[:cut.start()]):
        name, role = name[:cut.start()], name[cut.end():].strip(" .;,") or None
    return Named(name, hon, start + at + lead, start + at + lead + len(name), role)


# A person's cell that runs on into the position: `Trương Quang Sáng, Phó Giám đốc …`,
# `Lê Văn Tiến - Chính ủy …` (only after an honorific or a rank, so a unit keeps its commas).
_NAME_ROLE_CUT = regex.compile(r"\s*,\s*|\s+[-–]\s+")


def looks_like_person(name: str) -> bool:
    """Two to six capitalised syllables opening with a known surname (`Nguyễn Văn Thành`)."""
    return bool(_PERSON.match(name)) and name.split()[0] in surname_words()


def recipient_type_of(name: str, honorific: str | None) -> RecipientType:
    return RecipientType.ca_nhan if honorific or looks_like_person(name) else RecipientType.tap_the


# The body-type words that open a new body inside a unit cell (`Phòng Kế toán, Trung tâm …`).
_BODY = ("Phòng", "Ban", "Trung tâm", "Tổ", "Đội", "Đài", "Chi nhánh", "Công ty", "Văn phòng", "Viễn thông",
         "VNPT", "Sở", "UBND", "Ủy ban", "Trường", "Khoa", "Bộ", "Cục", "Vụ", "Viện", "Tổng công ty", "Tập đoàn",
         "Bệnh viện", "Huyện", "Xã", "Phường", "Thị trấn", "Tỉnh", "Thành phố", "Hội", "Đoàn", "Công đoàn",
         "Chi cục", "Ngân hàng", "Bưu điện", "Khối", "Cụm", "Đảng ủy", "Đảng bộ", "Chi bộ", "Hợp tác xã")
_CUT = regex.compile(r"\s*(?:,|\s[-–]\s)\s*(?=(?:" + "|".join(regex.escape(b) for b in _BODY) + r")(?![\p{Ll}]))")


def first_body(unit: str) -> str:
    """The smallest body a unit cell names: its first body, cut where another begins."""
    m = _CUT.search(unit)
    return (unit[:m.start()] if m else unit).strip(" .;,")


def decision_number(text: str) -> str | None:
    """`Quyết định số 1234/QĐ-UBND ngày …` → `1234/QĐ-UBND` (as written)."""
    m = _DECISION_NO.search(text)
    return regex.sub(r"\s+", " ", m.group("n")).strip(" .,;") if m else None


def date_in(text: str) -> str | None:
    """The first date of a cell as ISO (`15/12/2021`, `ngày 15 tháng 12 năm 2021`)."""
    for pattern in (_DMY, _LONG_DATE):
        m = pattern.search(text)
        if m:
            d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
            if 1 <= d <= 31 and 1 <= mo <= 12:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def authority_in_decision_cell(text: str) -> str | None:
    """The issuer named after a decision's number and date (`… ngày 15/12/2021 của Chủ tịch
    UBND huyện Yên Thế`, `…; UBND tỉnh Bắc Giang`)."""
    m = _DECISION_NO.search(text)
    rest = text[m.end():] if m else text
    rest = _LONG_DATE.sub("", _DMY.sub("", rest))
    rest = regex.sub(r"^\s*(?:ngày|,|;)\s*", "", rest.strip())
    found = _AUTHORITY_IN_CELL.search(" " + rest) or regex.match(r"^(?:của\s+)?(?P<a>\p{Lu}[^;()\n]{2,100}?)\s*[.;]?\s*$", rest)
    return found.group("a").strip() if found else None
