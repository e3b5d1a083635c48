"""Word .docx: body paragraphs and tables in document order, with what Word computes
rather than stores — heading levels from (localised) style names and outline levels,
automatic numbers from numbering.xml, footnote marks — and legacy TCVN3/VNI runs
converted by their font."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from extractor.ingest.base import FOOTNOTE_REF, RawBlock, RawCell, RawDocument, corrupt, table_row
from extractor.ingest.numbering import Numbering, W, w, wval
from extractor.model import BlockKind, Format
from extractor.normalise.legacy import TCVN3, VNI, to_unicode
from extractor.resources import load_yaml

_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI|Độc\s+lập\s*[-–—]\s*Tự\s+do", re.I)
_NO_OUTLINE = 9  # w:outlineLvl 9 means body text


@dataclass
class Style:
    name: str
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None
    font: str | None = None


@dataclass
class Styles:
    by_id: dict[str, Style] = field(default_factory=dict)
    default_font: str | None = None
    default_paragraph: str | None = None

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            yield self.by_id[style_id]
            style_id = self.by_id[style_id].based_on

    def first(self, style_id: str | None, attr: str):
        for style in self.chain(style_id or self.default_paragraph):
            value = getattr(style, attr)
            if value is not None:
                return value
        return None


def _font_of(rpr: etree._Element | None) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(w("rFonts"))
    if fonts is None:
        return None
    return fonts.get(w("ascii")) or fonts.get(w("hAnsi")) or fonts.get(w("cs"))


def _parse_styles(xml: bytes | None) -> Styles:
    styles = Styles()
    if not xml:
        return styles
    root = etree.fromstring(xml)
    defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    styles.default_font = _font_of(defaults)
    for el in root.iter(w("style")):
        style = Style(name=wval(el.find(w("name")), el.get(w("styleId"))) or "",
                      based_on=wval(el.find(w("basedOn"))))
        ppr = el.find(w("pPr"))
        if ppr is not None:
            num = ppr.find(w("numPr"))
            if num is not None:
                style.num_id = wval(num.find(w("numId")))
                ilvl = wval(num.find(w("ilvl")))
                style.ilvl = int(ilvl) if ilvl is not None else None
            outline = wval(ppr.find(w("outlineLvl")))
            style.outline = int(outline) if outline is not None else None
        style.font = _font_of(el.find(w("rPr")))
        style_id = el.get(w("styleId"))
        styles.by_id[style_id] = style
        if el.get(w("type")) == "paragraph" and el.get(w("default")) in ("1", "true"):
            styles.default_paragraph = style_id
    return styles


def _heading_level_from_name(name: str) -> int | None:
    """Level from a (possibly localised) heading style name: "Tiêu đề 2" → 2."""
    low = unicodedata.normalize("NFC", name).casefold().strip()
    m = re.search(r"(\d)$", low)
    if not m:
        return None
    stem = low[: m.start()].strip()
    for prefix in load_yaml("heading_styles.yaml")["heading_prefixes"]:
        p = prefix.casefold()
        if stem == p or stem == p.replace(" ", ""):
            return int(m.group(1))
    return None


def legacy_of_font(font: str | None) -> tuple[str | None, bool]:
    """Legacy encoding a font name implies, and whether it is a capitals-only font."""
    if not font:
        return None, False
    f = font.strip()
    if f.startswith(".Vn"):
        return TCVN3, f.endswith("H")  # .VnTimeH, .VnArialH: capitals font
    if f.upper().startswith("VNI"):
        return VNI, False
    return None, False


class DocxReader:
    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.document = etree.fromstring(self.zip.read("word/document.xml"))
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError) as exc:
            raise corrupt(name, "tệp Word .docx hỏng") from exc
        try:
            self.styles = _parse_styles(self._part("word/styles.xml"))
            self.numbering = Numbering(self._part("word/numbering.xml"))
        except etree.XMLSyntaxError as exc:
            raise corrupt(name, "định nghĩa kiểu hoặc đánh số hỏng") from exc
        self.blocks: list[RawBlock] = []
        self.paragraph_index = 0
        self.note_marks: dict[tuple[str, str], str] = {}  # (kind, id) → displayed mark
        self.legacy_seen: str | None = None
        self.table_count = 0

    def _part(self, path: str) -> bytes | None:
        try:
            return self.zip.read(path)
        except KeyError:
            return None

    # --- body ---------------------------------------------------------------------------

    def read(self) -> RawDocument:
        body = self.document.find(w("body"))
        if body is None:
            raise corrupt(self.name, "không có phần thân văn bản")
        elements = list(self._body_elements(body))
        for position, el in enumerate(elements):
            if el.tag == w("p"):
                self._paragraph(el)
            elif el.tag == w("tbl"):
                self._table(el, header_candidate=position < 3 and not self._has_text_before())
        self._notes()
        raw = RawDocument(format=Format.docx, blocks=self.blocks, pages=self._pages())
        if self.legacy_seen:
            raw.encoding = self.legacy_seen
            raw.detect_legacy = False
        return raw

    def _has_text_before(self) -> bool:
        return any(b.kind != BlockKind.header for b in self.blocks)

    def _body_elements(self, parent: etree._Element):
        for el in parent:
            if el.tag in (w("p"), w("tbl")):
                yield el
            elif el.tag == w("sdt"):  # content control: its content is body
                content = el.find(w("sdtContent"))
                if content is not None:
                    yield from self._body_elements(content)

    def _paragraph(self, p: etree._Element, kind: BlockKind | None = None) -> RawBlock | None:
        index = self.paragraph_index
        self.paragraph_index += 1
        ppr = p.find(w("pPr"))
        style_id = wval(ppr.find(w("pStyle"))) if ppr is not None else None
        style_id = style_id or self.styles.default_paragraph
        style = self.styles.by_id.get(style_id) if style_id else None
        text, refs = self._runs(p, style_id)
        label = self._number(ppr, style_id)
        if not text.strip() and not label:
            return None
        level = self._outline_level(ppr, style_id, style)
        block_kind = kind or (BlockKind.heading if level else BlockKind.list_item if label else BlockKind.paragraph)
        block = RawBlock(text=(label or "") + text, kind=block_kind, paragraph=index,
                         style=style.name if style else None, outline_level=level,
                         numbering=label.strip() if label else None, refs=refs)
        self.blocks.append(block)
        return block

    def _outline_level(self, ppr, style_id: str | None, style: Style | None) -> int | None:
        direct = wval(ppr.find(w("outlineLvl"))) if ppr is not None else None
        value = int(direct) if direct is not None else self.styles.first(style_id, "outline")
        if value is not None and value < _NO_OUTLINE:
            return value + 1
        for s in self.styles.chain(style_id):
            level = _heading_level_from_name(s.name)
            if level:
                return level
        return None

    def _number(self, ppr, style_id: str | None) -> str | None:
        num_id, ilvl = None, None
        num = ppr.find(w("numPr")) if ppr is not None else None
        if num is not None:
            num_id = wval(num.find(w("numId")))
            lvl = wval(num.find(w("ilvl")))
            ilvl = int(lvl) if lvl is not None else None
        if num_id is None:
            num_id = self.styles.first(style_id, "num_id")
        if ilvl is None:
            ilvl = self.styles.first(style_id, "ilvl") or 0
        if not num_id or num_id == "0":
            return None
        return self.numbering.next_label(num_id, ilvl)

    def _runs(self, p: etree._Element, style_id: str | None) -> tuple[str, list[str]]:
        """Visible text of a paragraph, legacy runs converted, footnote refs marked."""
        parts: list[str] = []
        refs: list[str] = []
        paragraph_font = self.styles.first(style_id, "font") or self.styles.default_font
        for run in p.iter(w("r")):
            if any(anc.tag in (w("del"), w("moveFrom")) for anc in run.iterancestors()):
                continue
            rpr = run.find(w("rPr"))
            font = _font_of(rpr) or paragraph_font
            pieces: list[str] = []
            for child in run:
                tag = child.tag
                if tag in (w("t"),):
                    pieces.append(child.text or "")
                elif tag in (w("tab"), w("br"), w("cr")):
                    pieces.append(" ")
                elif tag == w("softHyphen"):
                    pieces.append("\u00ad")  # TCVN3 "ư"; normalisation drops it elsewhere
                elif tag == w("noBreakHyphen"):
                    pieces.append("-")
                elif tag in (w("footnoteReference"), w("endnoteReference")):
                    kind = "footnote" if tag == w("footnoteReference") else "endnote"
                    refs.append(self._mark_for(kind, child.get(w("id"))))
                    pieces.append(FOOTNOTE_REF)
            text = "".join(pieces)
            encoding, capitals = legacy_of_font(font)
            if encoding and text:
                text = to_unicode(text, encoding, capitals)
                self.legacy_seen = self.legacy_seen or encoding
            parts.append(text)
        return "".join(parts), refs

    def _mark_for(self, kind: str, note_id: str | None) -> str:
        # Word numbers footnotes by the order of their references, not by id.
        key = (kind, note_id or "")
        if key not in self.note_marks:
            same_kind = sum(1 for k in self.note_marks if k[0] == kind)
            self.note_marks[key] = str(same_kind + 1) if kind == "footnote" else _roman_lower(same_kind + 1)
        return self.note_marks[key]

    # --- tables -------------------------------------------------------------------------

    def _table(self, tbl: etree._Element, header_candidate: bool) -> None:
        rows = [[cell for cell in row.findall(w("tc"))] for row in tbl.findall(w("tr"))]
        if not rows:
            return
        if (header_candidate and self._is_header_table(rows)) or self._is_signature_table(rows):
            self._table_by_columns(rows)
            return
        table = self.table_count
        self.table_count += 1
        for index, row in enumerate(rows):
            cells, col = [], 0
            for cell in row:
                texts = []
                for p in cell.iter(w("p")):
                    texts.append(self._runs(p, None)[0].strip())
                    self.paragraph_index += 1
                span = _grid_span(cell)
                merged_above = _vmerge(cell) == "continue"
                cells.append(RawCell(text="" if merged_above else " ".join(t for t in texts if t), col=col, span=span))
                col += span
            if any(c.text for c in cells):
                self.blocks.append(table_row(cells, table, index, paragraph=self.paragraph_index - 1))

    def _table_by_columns(self, rows: list[list[etree._Element]]) -> None:
        """Layout tables (issuer | quốc hiệu; Nơi nhận | signature): their paragraphs in
        column order, as a reader sees two columns, not as data rows."""
        header = self._is_header_table(rows)
        for column in range(max(len(r) for r in rows)):
            for row in rows:
                if column < len(row):
                    for p in row[column].iter(w("p")):
                        self._paragraph(p, kind=BlockKind.header if header else None)

    def _is_signature_table(self, rows: list[list[etree._Element]]) -> bool:
        """Nơi nhận on the left, the signature on the right: at most three rows of two or three
        columns, one cell opening with `Nơi nhận` or a capacity line (`KT.`, `TM.` …)."""
        if len(rows) > 3 or any(not 2 <= len(r) <= 3 for r in rows):
            return False
        texts = [unicodedata.normalize("NFC", " ".join(self._runs(p, None)[0] for p in cell.iter(w("p")))).strip()
                 for r in rows for cell in r]
        return any(_SIGNATURE_CELL.match(t) for t in texts) and sum(len(t) for t in texts) < 1500

    def _is_header_table(self, rows: list[list[etree._Element]]) -> bool:
        """The issuer | quốc hiệu table: two columns, one or two rows, motto on the right."""
        if not rows or len(rows) > 3 or any(len(r) != 2 for r in rows):
            return False
        right = " ".join(self._runs(p, None)[0] for r in rows for p in r[1].iter(w("p")))
        left = " ".join(self._runs(p, None)[0] for r in rows for p in r[0].iter(w("p")))
        return bool(_MOTTO.search(unicodedata.normalize("NFC", right))) or "Số" in left and len(left) < 300

    # --- notes, pages ---------------------------------------------------------------------

    def _notes(self) -> None:
        for kind, part in (("footnote", "word/footnotes.xml"), ("endnote", "word/endnotes.xml")):
            xml = self._part(part)
            if not xml:
                continue
            root = etree.fromstring(xml)
            notes = {n.get(w("id")): n for n in root.iter(w(kind))
                     if n.get(w("type")) in (None, "normal")}
            ordered = sorted(((mark, nid) for (k, nid), mark in self.note_marks.items() if k == kind),
                             key=lambda mn: self._mark_order(mn[0]))
            for mark, note_id in ordered:
                note = notes.get(note_id)
                if note is None:
                    continue
                for p in note.iter(w("p")):
                    text, _ = self._runs(p, wval(p.find(f"{w('pPr')}/{w('pStyle')}")))
                    if text.strip():
                        self.blocks.append(RawBlock(text=text, kind=BlockKind.footnote,
                                                    footnote_mark=mark, style=kind))

    @staticmethod
    def _mark_order(mark: str) -> int:
        return int(mark) if mark.isdigit() else 0

    def _pages(self) -> int | None:
        app = self._part("docProps/app.xml")
        if not app:
            return None
        m = re.search(rb"<Pages>(\d+)</Pages>", app)
        return int(m.group(1)) if m else None


_SIGNATURE_CELL = re.compile(r"^(?:Nơi nhận|(?:KT|TM|TL|TUQ|Q)\s*\.\s*\S|NGƯỜI BÁO CÁO|NGƯỜI LẬP|XÁC NHẬN CỦA|"
                             r"THỦ TRƯỞNG ĐƠN VỊ|CHỦ TỌA|CHỦ TOẠ|THƯ KÝ|ĐẠI DIỆN)", re.I)


def _grid_span(cell: etree._Element) -> int:
    span = cell.find(f"{w('tcPr')}/{w('gridSpan')}")
    try:
        return max(1, int(wval(span))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _vmerge(cell: etree._Element) -> str | None:
    merge = cell.find(f"{w('tcPr')}/{w('vMerge')}")
    if merge is None:
        return None
    return wval(merge) or "continue"


def _roman_lower(n: int) -> str:
    from extractor.ingest.numbering import format_number
    return format_number(n, "lowerRoman")


def read_docx(data: bytes, name: str) -> RawDocument:
    return DocxReader(data, name).read()


__all__ = ["read_docx", "legacy_of_font", "W"]
