"""Typed records: what the pipeline returns, the service stores and the scorer reads.

Every extracted item carries a `Span` whose `[start, end)` slices
`Extraction.text` exactly to `Span.text`.
"""
from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field

from extractor.model import Format

SCHEMA_VERSION = "1.0"


class DocType(str, Enum):
    bao_cao_tong_ket = "bao_cao_tong_ket"
    bao_cao_so_ket = "bao_cao_so_ket"
    phat_dong = "phat_dong"
    tin_bai = "tin_bai"
    bao_cao_thanh_tich = "bao_cao_thanh_tich"
    ke_hoach = "ke_hoach"
    huong_dan = "huong_dan"
    quyet_dinh = "quyet_dinh"
    khac = "khac"


class Span(BaseModel):
    """Provenance: where in the normalised text an item came from."""

    start: int
    end: int
    text: str
    section: str | None = None  # Section.id
    page: int | None = None
    paragraph: int | None = None


class Period(BaseModel):
    year: int | None = None
    label: str | None = None


class Signer(BaseModel):
    name: str | None = None
    title: str | None = None


class Metadata(BaseModel):
    doc_type: DocType = DocType.khac
    title: str | None = None
    number: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    place: str | None = None
    date: str | None = None  # ISO, possibly partial: YYYY-MM-DD, YYYY-MM or YYYY
    date_blank_parts: list[str] = Field(default_factory=list)  # "day", "month" left blank
    number_blank: bool = False  # "Số: /BC-UBND"
    period: Period | None = None
    signer: Signer | None = None
    signer_capacity: str | None = None  # "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"
    author: str | None = None
    recipients: list[str] = Field(default_factory=list)
    spans: dict[str, Span] = Field(default_factory=dict)  # field name -> provenance


class SectionKind(str, Enum):
    heading = "heading"


class Section(BaseModel):
    id: str  # "s3"; stable within one record
    number: str | None  # numbering token as written ("1.1.", "a)", "Phần thứ nhất")
    title: str
    level: int  # depth in the document's own tree, 1 = outermost kind present
    scheme: str  # "phan", "roman", "decimal1", "decimal2", "letter", ... (numbering kind)
    parent: str | None = None
    heading: Span  # the heading line
    start: int  # section extent: from heading start ...
    end: int  # ... to the start of the next section of the same or higher level
    inline: bool = False  # "a) Quốc phòng: text…" heading inside a paragraph
    issues: list[str] = Field(default_factory=list)  # "duplicate_number", "skipped_number"


class PartKind(str, Enum):
    title_block = "title_block"
    recipients = "recipients"  # Kính gửi
    signature = "signature"
    distribution = "distribution"  # Nơi nhận
    footnotes = "footnotes"
    boilerplate = "boilerplate"  # web furniture kept out of the body


class Part(BaseModel):
    """A recognised non-section region of the document."""

    kind: PartKind
    start: int
    end: int


class Comparison(BaseModel):
    relation: str  # "bằng", "đạt", "tăng", "giảm", "vượt", "=" ...
    baseline: str | None = None  # "kế hoạch", "cùng kỳ", "KH tỉnh giao"
    text: str | None = None


class Indicator(BaseModel):
    text: str
    value: float
    unit: str = ""
    of: float | None = None  # ratio denominator
    qualifier: str | None = None  # trên, hơn, khoảng, gần, từ … trở lên
    measure: str | None = None  # the phrase it measures
    comparison: Comparison | None = None
    subject: str | None = None  # the unit or place it belongs to
    span: Span


class Campaign(BaseModel):
    name: str
    canonical: str | None = None  # linked national campaign, when it is one
    spans: list[Span] = Field(default_factory=list)  # every mention


class AwardStatus(str, Enum):
    granted = "granted"
    proposed = "proposed"


class Award(BaseModel):
    award: str
    grade: str | None = None
    authority: str | None = None
    recipient: str | None = None
    count: int | None = None
    status: AwardStatus = AwardStatus.granted
    span: Span


class Person(BaseModel):
    name: str
    honorific: str | None = None
    role: str | None = None
    place: str | None = None
    span: Span


class DocumentInfo(BaseModel):
    source: str
    format: Format
    sha256: str
    pages: int | None = None
    ocr: bool = False
    encoding: str | None = None
    warnings: list[str] = Field(default_factory=list)


class Extraction(BaseModel):
    """Everything tdkt knows about one document."""

    schema_version: str = SCHEMA_VERSION
    document: DocumentInfo
    text: str
    metadata: Metadata = Field(default_factory=Metadata)
    sections: list[Section] = Field(default_factory=list)
    parts: list[Part] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    campaigns: list[Campaign] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
