"""Make the Word/PDF/.doc renderings of the seed reports used by the ingest tests.

    .venv/bin/python corpora/tools/make_renderings.py [--out corpora/renderings]

How: each seed (.txt) is read by tdkt's own text reader; the script writes an
OpenDocument text (the *input* LibreOffice understands) in which
- headings are outline headings numbered by LibreOffice's outline numbering
  (Phần thứ … unnumbered, I. upperRoman, 1. decimal, 1.1. two-level decimal, a) letters),
  so the exported .docx carries real Word automatic numbering (numbering.xml + numPr
  inherited from the Heading styles) and the number is NOT in the paragraph text;
  a heading whose number the automatic counter would not reproduce (a duplicated
  "2.5.", "đ)") keeps its number as typed, as officials do;
- the header block is a borderless two-column table (issuer, Số | quốc hiệu, place-date);
- every page has a running header and a page-number field in the footer;
- footnotes are real footnotes at their marks.
LibreOffice then converts: .odt → .docx, .docx → .pdf, .docx → .doc. Seed 004 is also
written in TCVN3 (.VnTime/.VnTimeH runs holding TCVN3 bytes) → <stem>_tcvn3.docx.

Test fixtures that are not seed renderings (kept out of corpora/renderings, which the
benchmark walks) go to tests/ingest/fixtures/ with `--only scan`:
- <SCAN_SEED>_p1_scan.pdf: page 1 of the seed's PDF rendering as a scanner makes it —
  `pdftoppm -r 300 -mono -f 1 -l 1` (bilevel, 300 dpi), wrapped as an image-only PDF by
  Pillow (CCITT G4, about 80 KB). No text layer: tdkt must OCR it.
and with `--only scan-notes`:
- <NOTES_SCAN_SEED>_p3_scan.pdf: page 3 of seed 003's PDF rendering scanned the same way —
  the page where footnotes 1–3 are printed in small type under the body, their marks raised
  in the body lines, so the OCR path has real footnotes to split off.
and with `--only vni`:
- <VNI_SEED>_vni.docx: the seed typed in VNI, as python-docx writes it: every run in font
  "VNI-Times" holding the VNI character sequence of the text (Unicode → VNI by the inverse
  of extractor/resources/vni.tsv), the header as a borderless two-column table.
and with `--only table`:
- <TABLE_SEED>_budget_table.docx/.pdf: a ruled table as reports lay out per-unit figures,
  its rows copied from the seed's footnote 3 (state budget revenue of each commune: amount
  collected, estimate, share of the estimate), placed at the footnote's mark in section
  "e) Công tác thu, chi ngân sách Nhà nước" and followed by the seed's next sections, so
  the text runs onto page 2. python-docx writes it: style 'Table Grid', two header rows
  with merged cells, the town's full name "Thị trấn Nông Trường Thái Bình" (NTTB in the
  footnote) wrapping in its narrow column, a running header and a page-number footer.
  LibreOffice prints the PDF.
and with `--only news`:
- <PORTAL_SEED>.html: a news seed inside a second portal layout (provincial newspaper):
  article in <div class="content">, photo captions as italic paragraphs, a breadcrumb,
  a sidebar, a "Tin liên quan" box inside the article, tags, social share, print button,
  a view counter and the footer.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor.ingest import read_document  # noqa: E402
from extractor.model import BlockKind, Document  # noqa: E402
from extractor.resources import load_tsv  # noqa: E402

SEEDS = ["000_b2037343df6e8685", "001_aa33862f6316ef22", "003_9872598636d4699e"]
TCVN3_SEED = "004_047c2302e93f662e"
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
ITALIC = ' fo:font-style="italic"'
RUNNING_HEADER = "Báo cáo công tác thi đua, khen thưởng"

# (level, regex for the number as the seed writes it)
HEADING_KINDS = [
    (1, re.compile(r"^(Phần thứ \S+)$")),
    (2, re.compile(r"^([IVXLC]+)\.\s+")),
    (4, re.compile(r"^(\d+)\.(\d+)\.\s+")),
    (3, re.compile(r"^(\d+)\.\s+")),
    (5, re.compile(r"^([a-zđ])([.)])\s+")),
]

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3"')


def roman(n: int) -> str:
    out = ""
    for value, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


class Outline:
    """Mirror of LibreOffice's outline counters, to know when automatic numbering
    reproduces the number the seed prints."""

    def __init__(self, letter_suffix: str) -> None:
        self.counters = [0] * 6
        self.letter_suffix = letter_suffix

    def expected(self, level: int) -> str:
        n = self.counters[level] + 1
        if level == 1:
            return ""
        if level == 2:
            return f"{roman(n)}."
        if level == 3:
            return f"{n}."
        if level == 4:
            return f"{self.counters[3]}.{n}."
        return f"{'abcdefghijklmnopqrstuvwxyz'[n - 1]}{self.letter_suffix}"

    def take(self, level: int) -> None:
        self.counters[level] += 1
        for deeper in range(level + 1, 6):
            self.counters[deeper] = 0


def heading_of(text: str) -> tuple[int, str, str] | None:
    """(level, number as written, title) when the line is a heading candidate."""
    if len(text) > 170 or text.rstrip().endswith((".", ";")) and not text.startswith("Phần"):
        return None
    for level, pattern in HEADING_KINDS:
        m = pattern.match(text)
        if m:
            number = m.group(0).strip() if level != 1 else ""
            title = text if level == 1 else text[m.end():]
            return level, number, title
    return None


def xml_text(text: str) -> str:
    return escape(text).replace("  ", " <text:s/>")


# --- styles.xml -------------------------------------------------------------------------

def styles_xml(letter_suffix: str, font: str = "Times New Roman") -> str:
    def level(n: int, fmt: str, suffix: str, display: int = 1) -> str:
        return (f'<text:outline-level-style text:level="{n}" style:num-format="{fmt}" '
                f'style:num-suffix="{suffix}" text:display-levels="{display}">'
                '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
                '<style:list-level-label-alignment text:label-followed-by="space"/>'
                '</style:list-level-properties></text:outline-level-style>')

    outline = (level(1, "", "") + level(2, "I", ".") + level(3, "1", ".") + level(4, "1", ".", 2)
               + level(5, "a", letter_suffix))
    headings = "".join(
        f'<style:style style:name="Heading_20_{n}" style:display-name="Heading {n}" style:family="paragraph" '
        f'style:parent-style-name="Standard" style:default-outline-level="{n}">'
        '<style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"/>'
        f'<style:text-properties fo:font-weight="bold"{ITALIC if n >= 4 else ""}/>'
        '</style:style>' for n in range(1, 6))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}>
<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="'{font}'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="{font}" fo:font-size="13pt" fo:language="vi" fo:country="VN"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.15cm" fo:text-indent="1cm"/></style:style>
{headings}
<style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="10pt" fo:font-style="italic"/></style:style>
<style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="11pt"/></style:style>
<style:style style:name="Footnote" style:family="paragraph"><style:text-properties fo:font-size="10pt"/></style:style>
<text:outline-style style:name="Outline">{outline}</text:outline-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="3cm" fo:margin-right="2cm"/>
<style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.3cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="Header">{escape(RUNNING_HEADER)}</text:p></style:header>
<style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
</style:master-page></office:master-styles>
</office:document-styles>"""


CONTENT_AUTO = """<office:automatic-styles>
<style:style style:name="Center" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:text-indent="0cm" fo:margin-bottom="0cm"/></style:style>
<style:style style:name="CenterBold" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:text-indent="0cm"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Bold" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="HeaderTable" style:family="table"><style:table-properties style:width="16cm" table:align="center"/></style:style>
<style:style style:name="HeaderCell" style:family="table-cell"><style:table-cell-properties fo:border="none" fo:padding="0.05cm"/></style:style>
<style:style style:name="DataCell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm"/></style:style>
{extra}
</office:automatic-styles>"""


# --- content.xml ------------------------------------------------------------------------

class OdtWriter:
    def __init__(self, doc: Document, run: callable = None) -> None:
        self.doc = doc
        self.run = run or (lambda text, bold=False: xml_text(text))
        self.notes = {n.anchor: n for n in doc.footnotes if n.anchor is not None}
        self.note_id = 0

    def span(self, start: int, end: int) -> str:
        """Text of [start, end) with footnotes placed at their anchors."""
        out, pos = [], start
        for anchor in sorted(a for a in self.notes if start <= a <= end):
            out.append(self.run(self.doc.text[pos:anchor]))
            out.append(self.footnote(self.notes[anchor]))
            pos = anchor
        out.append(self.run(self.doc.text[pos:end]))
        return "".join(out)

    def footnote(self, note) -> str:
        self.note_id += 1
        paras = "".join(f'<text:p text:style-name="Footnote">{self.run(line)}</text:p>'
                        for line in self.doc.text[note.start:note.end].split("\n"))
        return (f'<text:note text:id="ftn{self.note_id}" text:note-class="footnote">'
                f'<text:note-citation>{escape(note.mark)}</text:note-citation>'
                f'<text:note-body>{paras}</text:note-body></text:note>')


def header_table(left: list[str], right: list[str], run) -> str:
    def cell(lines: list[str]) -> str:
        paras = "".join(f'<text:p text:style-name="{"CenterBold" if i < 2 else "Center"}">{run(l)}</text:p>'
                        for i, l in enumerate(lines)) or '<text:p text:style-name="Center"/>'
        return f'<table:table-cell table:style-name="HeaderCell" office:value-type="string">{paras}</table:table-cell>'

    return ('<table:table table:name="Header" table:style-name="HeaderTable">'
            '<table:table-column table:number-columns-repeated="2"/>'
            f'<table:table-row>{cell(left)}{cell(right)}</table:table-row></table:table>')


def split_header(doc: Document) -> tuple[list[str], list[str], int]:
    """Left and right header columns from the seed's top lines; index of the first body block."""
    left, right = [], []
    i = 0
    motto_keys = [m.split()[0].lower() for m in MOTTO]
    for i, block in enumerate(doc.blocks[:8]):
        text = doc.text[block.start:block.end]
        if block.kind == BlockKind.header:
            is_motto = any(text.lower().startswith(k) for k in motto_keys)
            (right if is_motto else left).append(text)
        elif text.startswith(("Số:", "V/v")):
            left.append(text)
        elif re.search(r",\s*ngày\b.*\bnăm\s+\d{4}$", text) and len(text) < 80:
            right.append(text)
        else:
            break
    else:
        i += 1
    if not any(r.upper().startswith("CỘNG") for r in right):
        right = MOTTO + right
    return left, right, i


def letter_suffix(doc: Document) -> str:
    """"." or ")" after the letter headings, as the seed writes the first one."""
    letters = re.findall(r"^[a-zđ]([.)])\s", doc.text, re.M)
    return letters[0] if letters else ")"


def content_xml(doc: Document, run=None) -> str:
    writer = OdtWriter(doc, run)
    run = writer.run
    left, right, first = split_header(doc)
    outline = Outline(letter_suffix(doc))
    body = [header_table(left, right, run)]
    title_done = 0
    for block in doc.blocks[first:]:
        text = doc.text[block.start:block.end]
        if block.kind == BlockKind.footnote:
            continue
        if title_done < 2 and (block.style == "Strong" or text.isupper() or title_done == 1):
            body.append(f'<text:p text:style-name="CenterBold">{writer.span(block.start, block.end)}</text:p>')
            title_done += 1
            continue
        title_done = 2
        head = heading_of(text)
        if head:
            level, number, title = head
            if outline.expected(level) == number:
                outline.take(level)
                offset = block.start + (len(text) - len(title))
                body.append(f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
                            f'{writer.span(offset, block.end)}</text:h>')
                continue
            body.append(f'<text:p text:style-name="Bold">{writer.span(block.start, block.end)}</text:p>')
            continue
        style = "Bold" if block.style == "Strong" or block.kind == BlockKind.heading else "Standard"
        body.append(f'<text:p text:style-name="{style}">{writer.span(block.start, block.end)}</text:p>')
    fonts = "".join(f'<style:font-face style:name="{f}" svg:font-family="\'{f}\'"/>'
                    for f in ("Times New Roman", ".VnTime", ".VnTimeH"))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS}>'
            + f'<office:font-face-decls>{fonts}</office:font-face-decls>'
            + CONTENT_AUTO.format(extra=getattr(run, "styles", ""))
            + '<office:body><office:text>' + "".join(body) + '</office:text></office:body></office:document-content>')


MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def write_odt(path: Path, content: str, styles: str) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("styles.xml", styles, compress_type=zipfile.ZIP_DEFLATED)


# --- TCVN3 ------------------------------------------------------------------------------

def tcvn3_run():
    """A run writer that types text in TCVN3: .VnTime runs, .VnTimeH for capitals."""
    to_byte: dict[str, int] = {}
    for row in load_tsv("tcvn3.tsv", ("byte", "unicode")):
        to_byte[row["unicode"]] = int(row["byte"], 16)

    def encode(text: str, capitals: bool) -> str:
        out = []
        for ch in (text.lower() if capitals else text):
            code = to_byte.get(ch) or (to_byte.get(ch.lower()) if ch.lower() != ch else None)
            if code is None:
                out.append(ch)
            else:
                try:
                    out.append(bytes([code]).decode("cp1252"))
                except UnicodeDecodeError:
                    out.append(chr(code))
        return "".join(out)

    def run(text: str, bold: bool = False) -> str:
        capitals = text.isupper() and any(ch in to_byte or ch.lower() in to_byte for ch in text)
        style = "VnH" if capitals else "Vn"
        return f'<text:span text:style-name="{style}">{xml_text(encode(text, capitals))}</text:span>' if text else ""

    run.styles = ('<style:style style:name="Vn" style:family="text"><style:text-properties style:font-name=".VnTime"/></style:style>'
                  '<style:style style:name="VnH" style:family="text"><style:text-properties style:font-name=".VnTimeH"/></style:style>')
    return run


# --- LibreOffice --------------------------------------------------------------------------

def soffice(args: list[str], workdir: Path) -> None:
    profile = Path(tempfile.mkdtemp(prefix="tdkt-lo-"))
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *args,
                        "--outdir", str(workdir)], check=True, timeout=180, capture_output=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def render(stem: str, out: Path, work: Path, tcvn3: bool = False) -> None:
    src = ROOT / "corpora" / "docs" / f"{stem}.txt"
    doc = read_document(src.read_bytes(), src.name)
    run = tcvn3_run() if tcvn3 else None
    name = f"{stem}_tcvn3" if tcvn3 else stem
    odt = work / f"{name}.odt"
    font = ".VnTime" if tcvn3 else "Times New Roman"
    write_odt(odt, content_xml(doc, run), styles_xml(letter_suffix(doc), font))
    soffice(["--convert-to", "docx:MS Word 2007 XML", str(odt)], work)
    shutil.copy(work / f"{name}.docx", out / f"{name}.docx")
    if tcvn3:
        return
    soffice(["--convert-to", "pdf", str(out / f"{name}.docx")], work)
    soffice(["--convert-to", "doc:MS Word 97", str(out / f"{name}.docx")], work)
    shutil.copy(work / f"{name}.pdf", out / f"{name}.pdf")
    shutil.copy(work / f"{name}.doc", out / f"{name}.doc")


# --- scanned PDF ----------------------------------------------------------------------------

SCAN_SEED = "001_aa33862f6316ef22"
NOTES_SCAN_SEED, NOTES_SCAN_PAGE = "003_9872598636d4699e", 3  # the page with footnotes 1-3
FIXTURES = ROOT / "tests" / "ingest" / "fixtures"


def make_scanned_pdf(out: Path, work: Path, seed: str = SCAN_SEED, page: int = 1) -> Path:
    """One page of a seed PDF rendering → 300-dpi bilevel image → image-only PDF."""
    from PIL import Image

    src = ROOT / "corpora" / "renderings" / f"{seed}.pdf"
    subprocess.run(["pdftoppm", "-r", "300", "-mono", "-f", str(page), "-l", str(page), "-singlefile", str(src),
                    str(work / "scan")], check=True, timeout=120)
    target = out / f"{seed}_p{page}_scan.pdf"
    with Image.open(work / "scan.pbm") as image:
        image.save(target, "PDF", resolution=300.0)
    return target


# --- VNI --------------------------------------------------------------------------------

VNI_SEED = "000_b2037343df6e8685"
VNI_FONT = "VNI-Times"


def vni_run(paragraph, text: str, bold: bool = False) -> None:
    from extractor.normalise.legacy import VNI, from_unicode

    run = paragraph.add_run(from_unicode(text, VNI))
    run.font.name = VNI_FONT  # w:rFonts ascii + hAnsi
    run.bold = bold or None


def make_vni_docx(out: Path) -> Path:
    """The seed as a VNI-typed Word file (python-docx)."""
    import docx

    src = ROOT / "corpora" / "docs" / f"{VNI_SEED}.txt"
    doc = read_document(src.read_bytes(), src.name)
    word = docx.Document()
    word.styles["Normal"].font.name = VNI_FONT
    left, right, first = split_header(doc)
    if left or right:
        table = word.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, (left, right)):
            for i, line in enumerate(lines):
                vni_run(cell.paragraphs[0] if i == 0 else cell.add_paragraph(), line, bold=i < 2)
    for block in doc.blocks[first:]:
        text = doc.text[block.start:block.end]
        vni_run(word.add_paragraph(), text, bold=text.isupper() or block.style == "Strong")
    target = out / f"{VNI_SEED}_vni.docx"
    word.save(target)
    return target


# --- ruled table --------------------------------------------------------------------------

TABLE_SEED = "003_9872598636d4699e"
TABLE_HEADER = [["TT", "Đơn vị", "Thu ngân sách nhà nước trên địa bàn", "", "Tỷ lệ so với dự toán"],
                ["", "", "Đã thu", "Dự toán", ""]]
TABLE_MERGES = [((0, 2), (0, 3)), ((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 4), (1, 4))]
TABLE_WIDTHS_CM = [1.0, 4.6, 3.7, 3.7, 3.0]
_BUDGET_NOTE = re.compile(r"^-?\s*(?P<unit>[^:]+): thu ngân sách nhà nước trên địa bàn được "
                          r"(?P<got>[\d.]+)/(?P<plan>[\d.]+) đồng đạt (?P<pct>[\d,]+%) so với dự toán\.?$")


def budget_rows(doc: Document) -> list[list[str]]:
    """The rows of footnote 3 ("Cường Lợi: thu ngân sách … được 144.625.000/130.000.000
    đồng đạt 111,27% so với dự toán."), one per commune, figures as the seed writes them."""
    note = next(f for f in doc.footnotes if f.mark == "3")
    rows = []
    for line in doc.text[note.start:note.end].splitlines():
        m = _BUDGET_NOTE.match(line.strip())
        if m:
            unit = m["unit"].replace("NTTB", "Nông Trường Thái Bình")  # the name in the seed's introduction
            rows.append([str(len(rows) + 1), unit, f"{m['got']} đồng", f"{m['plan']} đồng", m["pct"]])
    return rows


def _page_number_field(paragraph) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _ruled_table(word, rows: list[list[str]]):
    """'Table Grid' table: the two header rows merged as reports set them (the revenue
    heading across its two columns, the other headings down both rows), then the data."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    table = word.add_table(rows=len(TABLE_HEADER) + len(rows), cols=len(TABLE_WIDTHS_CM))
    table.style = "Table Grid"
    table.autofit = False
    for (r0, c0), (r1, c1) in TABLE_MERGES:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    for r, values in enumerate([*TABLE_HEADER, *rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.width = Cm(TABLE_WIDTHS_CM[c])
            if not value:
                continue  # a merged-away header cell
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(value)
            run.bold, run.font.size = r < len(TABLE_HEADER) or None, Pt(12)
            header_or_figure = r < len(TABLE_HEADER) or c != 1
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if header_or_figure else WD_ALIGN_PARAGRAPH.LEFT
    for column, width in zip(table.columns, TABLE_WIDTHS_CM):
        column.width = Cm(width)
    return table


def make_table_fixture(out: Path, work: Path) -> Path:
    """Seed 003's budget footnote as a ruled Word table in its section → .docx and .pdf."""
    import docx
    from docx.shared import Cm, Pt

    src = ROOT / "corpora" / "docs" / f"{TABLE_SEED}.txt"
    doc = read_document(src.read_bytes(), src.name)
    texts = [doc.text[b.start:b.end] for b in doc.blocks]
    first = texts.index("e) Công tác thu, chi ngân sách Nhà nước")
    section = texts[first: first + 12]
    word = docx.Document()
    word.styles["Normal"].font.name = "Times New Roman"
    word.styles["Normal"].font.size = Pt(13)
    page = word.sections[0]
    page.page_width, page.page_height = Cm(21), Cm(29.7)
    page.left_margin, page.right_margin, page.top_margin, page.bottom_margin = Cm(3), Cm(2), Cm(2), Cm(2)
    page.header.paragraphs[0].text = RUNNING_HEADER
    _page_number_field(page.footer.paragraphs[0])
    word.add_paragraph().add_run(section[0]).bold = True
    lead, _, rest = section[1].partition(" Công tác điều hành")  # the footnote's mark ends the first sentence
    word.add_paragraph(lead)
    _ruled_table(word, budget_rows(doc))
    word.add_paragraph("Công tác điều hành" + rest)
    for text in section[2:]:
        heading = len(text) < 80 and not text.endswith(".")
        word.add_paragraph().add_run(text).bold = heading or None
    target = out / f"{TABLE_SEED}_budget_table.docx"
    word.save(target)
    soffice(["--convert-to", "pdf", str(target)], work)
    shutil.copy(work / target.with_suffix(".pdf").name, target.with_suffix(".pdf"))
    return target


NEWS_SEED = "002_2f85404dcafad22e"
NEWS_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title} - Ban Thi đua - Khen thưởng tỉnh Bình Định</title>
<link rel="stylesheet" href="/themes/default/css/style.css"><script>var nv_base_siteurl="/";</script></head>
<body>
<header id="header"><div class="logo"><a href="/">BAN THI ĐUA - KHEN THƯỞNG TỈNH BÌNH ĐỊNH</a></div>
<nav class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu/">Giới thiệu</a></li>
<li><a href="/tin-tuc/">Tin tức - Sự kiện</a></li><li><a href="/van-ban/">Văn bản</a></li><li><a href="/lien-he/">Liên hệ</a></li></ul></nav>
<form class="search"><input type="text" placeholder="Tìm kiếm..."><button>Tìm</button></form></header>
<div class="breadcrumbs"><a href="/">Trang chủ</a> » <a href="/tin-tuc/">Tin tức - Sự kiện</a></div>
<div id="main"><aside class="sidebar"><h3>Tin mới</h3><ul><li><a href="/tin-tuc/a1.html">Tổng kết công tác thi đua khối các trường đại học</a></li>
<li><a href="/tin-tuc/a2.html">Hướng dẫn khen thưởng năm 2022</a></li></ul><div class="counter">Đang truy cập: 25 — Hôm nay: 1.024 — Tổng lượt truy cập: 1.234.567</div></aside>
<article class="news-detail" itemscope itemtype="http://schema.org/NewsArticle">
<h1 itemprop="headline">{title}</h1>
<div class="meta"><span class="time" itemprop="datePublished">{date}</span> <span class="hits" title="Lượt xem">Lượt xem: {views}</span> <span class="comment-count" title="Bình luận">{comments}</span></div>
<div class="share"><a href="#">Chia sẻ Facebook</a> <a href="#">Zalo</a> <a href="#">In bài</a></div>
<p class="lead"><strong>{lead}</strong></p>
<figure><img src="/uploads/news/2022_01/giao-uoc.jpg" alt="{caption}"><figcaption>{caption}</figcaption></figure>
<p class="caption">{caption}</p>
<div class="bodytext" itemprop="articleBody">
{body}
</div>
<p class="author">{byline}</p>
</article>
<div class="rating"><p>Tổng số điểm của bài viết là: 1 trong 1 đánh giá</p><span class="star">★★★★★</span><p>Click để đánh giá bài viết</p></div>
<div class="comment-box" id="comment"><h3>Ý kiến bạn đọc</h3><p>Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập. Thời gian chờ: 60 giây</p>
<form><textarea name="content" placeholder="Nội dung bình luận"></textarea><button type="submit">Gửi bình luận</button></form></div>
<div class="related"><h3>Những tin cũ hơn</h3><ul><li><a href="/tin-tuc/old1.html">Hội nghị ký kết giao ước thi đua năm 2021</a></li></ul></div>
</div>
<footer id="footer"><p>Bản quyền thuộc về Ban Thi đua - Khen thưởng tỉnh Bình Định. Địa chỉ: 01 Trần Phú, TP Quy Nhơn.</p></footer>
</body></html>
"""


PORTAL_SEED = "h10_bacninh_tongket_namhoc"
PORTAL_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title} | Báo Bắc Ninh</title>
<meta property="og:title" content="{title}"><link rel="stylesheet" href="/css/main.css">
<script async src="https://www.googletagmanager.com/gtag/js?id=UA-1"></script></head>
<body>
<div id="wrapper">
<div class="top-bar"><span class="today">Thứ Năm, 08/08/2019</span> <a href="/rss">RSS</a> <a href="/dang-nhap">Đăng nhập</a></div>
<div class="logo-banner"><a href="/"><img src="/images/logo.png" alt="Báo Bắc Ninh"></a></div>
<ul class="main-menu"><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/giao-duc">Giáo dục</a></li><li><a href="/kinh-te">Kinh tế</a></li><li><a href="/van-hoa">Văn hóa</a></li></ul>
<div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/giao-duc">Giáo dục</a></div>
<div class="row"><div class="col-left">
<div class="detail-news">
<h1 class="detail-title">{title}</h1>
<div class="detail-info"><span class="date-time">08/08/2019 | 10:15</span> <span class="view-count">Lượt xem: 2.417</span></div>
<div class="social-share"><a class="fb" href="#">Chia sẻ Facebook</a> <a class="zalo" href="#">Zalo</a> <a class="btn-print" href="javascript:window.print()">In bài viết</a></div>
<div class="content">
<p><strong>{lead}</strong></p>
{body}
<div class="box-tin-lien-quan"><h3>Tin liên quan</h3><ul>
<li><a href="/giao-duc/a1">Bắc Ninh: 100% trường học sẵn sàng cho năm học mới</a></li>
<li><a href="/giao-duc/a2">Tuyên dương học sinh đạt giải quốc gia, quốc tế năm học 2018-2019</a></li></ul></div>
</div>
<div class="tags">Từ khóa: <a href="/tag/nam-hoc">năm học</a>, <a href="/tag/giao-duc">giáo dục</a></div>
<div class="zalo-share-button" data-href="">Chia sẻ</div>
</div>
<div class="other-news"><h3>Các tin khác</h3><ul><li><a href="/giao-duc/b1">Khai giảng lớp bồi dưỡng cán bộ quản lý giáo dục</a></li></ul></div>
</div>
<aside class="col-right sidebar"><h3>Đọc nhiều</h3><ul><li><a href="/a">Bắc Ninh đón nhận Huân chương Lao động hạng Nhất</a></li></ul>
<div class="weather">Bắc Ninh 32°C</div></aside>
</div>
<div id="footer"><p>Cơ quan chủ quản: Tỉnh ủy Bắc Ninh. Tổng biên tập: ...</p><p>Địa chỉ: số 11 đường Lý Thái Tổ, TP Bắc Ninh. Điện thoại: 0222.3822.xxx</p></div>
</div>
</body></html>
"""


def make_portal_html(out: Path) -> Path:
    """A news seed as a provincial newspaper page: one <p> per line of the seed, the
    photo captions (a line and its continuation "cho …") italic and centred."""
    lines = [ln.strip() for ln in (ROOT / "corpora" / "docs" / f"{PORTAL_SEED}.txt").read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    body: list[str] = []
    for i, line in enumerate(lines[2:], start=2):
        caption = line.startswith("Đồng chí") or i > 2 and lines[i - 1].startswith("Đồng chí") and line[:1].islower()
        if line.startswith("Đồng chí"):
            body.append('<p style="text-align:center"><img src="/uploads/2019/08/anh.jpg" alt=""></p>')
        body.append(f'<p class="image-caption" style="text-align:center"><em>{escape(line)}</em></p>' if caption
                    else f"<p>{escape(line)}</p>")
        if line.endswith("Videoclip trên"):
            body.append('<iframe src="https://www.youtube.com/embed/x" width="640" height="360"></iframe>')
    target = out / f"{PORTAL_SEED}.html"
    target.write_text(PORTAL_PAGE.format(title=escape(lines[0]), lead=escape(lines[1]), body="\n".join(body)),
                      encoding="utf-8")
    return target


def make_news_html(out: Path) -> None:
    """Seed 002 as the news page it came from: the article inside a real-looking CMS page
    with navigation, view counter, share buttons, rating and comment widgets."""
    lines = [ln.strip() for ln in (ROOT / "corpora" / "docs" / f"{NEWS_SEED}.txt").read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    title, meta, lead, caption = lines[0], lines[1], lines[2], lines[3]
    date, views, comments = re.match(r"^(.*\d{2}:\d{2})\s+(\d+)\s+(\d+)$", meta).groups()
    body_end = next(i for i, ln in enumerate(lines) if ln.startswith("Tác giả bài viết"))
    body = "\n".join(f"<p>{escape(ln)}</p>" for ln in lines[5:body_end])
    html = NEWS_PAGE.format(title=escape(title), date=escape(date), views=views, comments=comments,
                            lead=escape(lead), caption=escape(caption), body=body,
                            byline=escape(lines[body_end]))
    (out / f"{NEWS_SEED}.html").write_text(html, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "corpora" / "renderings"))
    parser.add_argument("--only", choices=["scan", "scan-notes", "vni", "news", "table"],
                        help="make only these test fixtures (into tests/ingest/fixtures)")
    parser.add_argument("seeds", nargs="*", default=SEEDS)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tdkt-render-") as tmp:
        if args.only:
            FIXTURES.mkdir(parents=True, exist_ok=True)
            made = {"scan": lambda: make_scanned_pdf(FIXTURES, Path(tmp)),
                    "scan-notes": lambda: make_scanned_pdf(FIXTURES, Path(tmp), NOTES_SCAN_SEED, NOTES_SCAN_PAGE),
                    "vni": lambda: make_vni_docx(FIXTURES),
                    "news": lambda: make_portal_html(FIXTURES),
                    "table": lambda: make_table_fixture(FIXTURES, Path(tmp))}[args.only]()
            print(f"made {made.relative_to(ROOT)}")
            return
        for stem in args.seeds:
            render(stem, out, Path(tmp))
            print(f"rendered {stem}")
        render(TCVN3_SEED, out, Path(tmp), tcvn3=True)
        make_news_html(out)
        print(f"rendered {TCVN3_SEED} in TCVN3")


if __name__ == "__main__":
    main()
