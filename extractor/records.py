"""Typed records: what the pipeline returns, the service stores and the scorer reads.

Every extracted item carries a `Span` whose `[start, end)` slices
`Extraction.text` exactly to `Span.text`.
"""
from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field

from extractor.model import Format

SCHEMA_VERSION = "1.2"


class DocType(str, Enum):
    bao_cao_tong_ket = "bao_cao_tong_ket"
    bao_cao_so_ket = "bao_cao_so_ket"
    phat_dong = "phat_dong"
    tin_bai = "tin_bai"
    bao_cao_thanh_tich = "bao_cao_thanh_tich"
    ke_hoach = "ke_hoach"
    huong_dan = "huong_dan"
    quyet_dinh = "quyet_dinh"
    to_trinh = "to_trinh"
    danh_sach = "danh_sach"
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
    capacity: str | None = None  # "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN" (the line above the office)


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
    signers: list[Signer] = Field(default_factory=list)  # every signature block (two side by side)
    decided_by: str | None = None  # a decision's authority line (`Chủ tịch Ủy ban nhân dân huyện …`)
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
    authority = "authority"  # a decision's `CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN …` under its title
    legal_basis = "legal_basis"  # a decision's or tờ trình's `Căn cứ …` / `Xét đề nghị …` lines
    enacting_formula = "enacting_formula"  # `QUYẾT ĐỊNH:` before the articles
    article = "article"  # `Điều 1. …` of a decision (label: "Điều 1")
    attachment = "attachment"  # an attached list or annex, from its title to its end
    attachment_note = "attachment_note"  # `(Kèm theo Quyết định số … ngày …)`


class Part(BaseModel):
    """A recognised non-section region of the document."""

    kind: PartKind
    start: int
    end: int
    label: str | None = None  # "Điều 1"; an attachment's title


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


class RecipientType(str, Enum):
    ca_nhan = "ca_nhan"  # an individual
    tap_the = "tap_the"  # a collective: unit, body, school …
    ho_gia_dinh = "ho_gia_dinh"  # a household


class AwardSource(str, Enum):
    """Where in the document the award was read: it tells how much structure backs it."""

    prose = "prose"  # a sentence of a report or article
    clause = "clause"  # a decision's article or a tờ trình's request (`Điều 1. Tặng …`)
    list_item = "list_item"  # an item of a numbered list under such a clause
    table_row = "table_row"  # a row of a list table or spreadsheet
    past_titles = "past_titles"  # a row of a báo cáo thành tích's table of past titles


class Award(BaseModel):
    award: str
    grade: str | None = None
    authority: str | None = None
    recipient: str | None = None
    count: int | None = None
    status: AwardStatus = AwardStatus.granted
    recipient_type: RecipientType | None = None
    year: int | None = None  # the year the award is for
    decision: str | None = None  # number of the conferring decision, as written
    decision_date: str | None = None  # ISO date of that decision, when stated
    role: str | None = None  # the recipient's position and unit as the list gives them
    source: AwardSource = AwardSource.prose
    span: Span  # the clause, list item or row that states it
    recipient_span: Span | None = None  # the recipient's name inside it


class Person(BaseModel):
    name: str
    honorific: str | None = None
    role: str | None = None
    place: str | None = None
    span: Span


class ColumnMeaning(str, Enum):
    """What a table column holds, resolved from its header (resources/table_columns.yaml)."""

    index = "index"  # TT, STT
    name = "name"  # họ và tên / tên tập thể / tên đơn vị
    position = "position"  # chức vụ, chức danh
    unit = "unit"  # đơn vị, nơi công tác
    position_unit = "position_unit"  # chức vụ, đơn vị công tác (one column)
    recipient_type = "recipient_type"  # tập thể / cá nhân
    award = "award"  # hình thức, danh hiệu
    authority = "authority"  # cấp khen, cơ quan ban hành
    year = "year"
    decision = "decision"  # số quyết định (may hold the date and issuer too)
    date = "date"
    achievement = "achievement"  # thành tích
    amount = "amount"  # số tiền, tiền thưởng
    note = "note"  # ghi chú
    other = "other"


class TableCell(BaseModel):
    text: str  # the cell's text; for a cell cut by a page break, its pieces joined by a space
    start: int  # [start, end) slices the (first piece of the) cell in Extraction.text
    end: int
    column: int  # index into Table.columns
    more: list[tuple[int, int]] = Field(default_factory=list)  # further pieces after a page break


class TableRowKind(str, Enum):
    header = "header"
    data = "data"
    group = "group"  # `I. TẬP THỂ`, `Bằng khen của Chủ tịch UBND tỉnh:` — governs the rows under it
    total = "total"  # `Tổng cộng`


class TableRow(BaseModel):
    kind: TableRowKind
    cells: list[TableCell]
    groups: list[str] = Field(default_factory=list)  # texts of the group rows above it, outer first
    page: int | None = None
    start: int
    end: int

    def cell(self, meaning: "ColumnMeaning", table: "Table") -> TableCell | None:
        for c in self.cells:
            if table.columns[c.column].meaning == meaning and c.text:
                return c
        return None


class TableColumn(BaseModel):
    header: str  # the header text, levels joined with " / "
    meaning: ColumnMeaning


class Table(BaseModel):
    """A table as data: columns resolved to meanings, rows typed, continued over pages."""

    id: str  # "t1"
    title: str | None = None  # the list's title above it (`DANH SÁCH …`), when present
    columns: list[TableColumn] = Field(default_factory=list)
    rows: list[TableRow] = Field(default_factory=list)
    sheet: str | None = None
    start: int
    end: int
    warnings: list[str] = Field(default_factory=list)  # Vietnamese: a table tdkt could only partly read


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
    tables: list[Table] = Field(default_factory=list)
