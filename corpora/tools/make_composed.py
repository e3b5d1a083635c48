"""Write the composed dossier of corpora/composed/dossier.yaml (see its header) as the files
an office would send: .docx written by python-docx (borderless header and signature tables,
ruled list tables), .pdf and .doc printed by LibreOffice, a scan made as a scanner does
(`pdftoppm -r 200 -gray`, pages wrapped as an image-only PDF by Pillow), the nomination list
as .xlsx (merged title rows, a formula, a hidden code sheet) and a text twin of each document.

    .venv/bin/python corpora/tools/make_composed.py [--out corpora/composed]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

import yaml
from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "corpora" / "composed" / "dossier.yaml"
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều "
    "của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013;",
    "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành "
    "một số điều của Luật Thi đua, khen thưởng;",
]


class Writer:
    """The same document as .docx and as its text twin (rows as cells joined by " | ")."""

    def __init__(self) -> None:
        self.doc = Docx()
        style = self.doc.styles["Normal"]
        style.font.name, style.font.size = "Times New Roman", Pt(13)
        self.lines: list[str] = []

    def para(self, text: str, bold: bool = False, center: bool = False, page_break: bool = False) -> None:
        if page_break:
            self.doc.add_page_break()
        p = self.doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.lines.append(text)

    def columns(self, left: list[str], right: list[str]) -> None:
        """A borderless two-column layout table (header block, signature block)."""
        table = self.doc.add_table(rows=1, cols=2)
        for cell, texts in zip(table.rows[0].cells, (left, right)):
            cell.paragraphs[0].text = texts[0] if texts else ""
            for t in texts[1:]:
                cell.add_paragraph(t)
        for i in range(max(len(left), len(right))):
            pair = [left[i] if i < len(left) else "", right[i] if i < len(right) else ""]
            self.lines.append(" | ".join(pair).strip(" |") if not pair[0] else " | ".join(pair))

    def table(self, rows: list[list[str]], merged: list[int] = ()) -> None:
        """A ruled table; the rows in `merged` are one cell across the table (group rows)."""
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for r, values in enumerate(rows):
            if r in merged:
                cell = table.rows[r].cells[0].merge(table.rows[r].cells[-1])
                cell.text = values[0]
                self.lines.append(values[0])
                continue
            for c, value in enumerate(values):
                table.rows[r].cells[c].text = value
            self.lines.append(" | ".join(values))

    def save(self, out: Path, stem: str) -> Path:
        self.doc.add_paragraph()  # Word ends a body with a paragraph; LibreOffice's .doc export drops a last table without one
        path = out / f"{stem}.docx"
        self.doc.save(path)
        (out / f"{stem}.txt").write_text("\n".join(self.lines) + "\n", encoding="utf-8")
        return path


def _date(d: list[int]) -> str:
    return f"ngày {d[0]:02d} tháng {d[1]:02d} năm {d[2]}"


def _header(w: Writer, spec: dict, number: str, date: list[int]) -> None:
    w.columns([*spec["issuer"], f"Số: {number}"], [*MOTTO, f"{spec['place']}, {_date(date)}"])


def _signature(w: Writer, signer: list[str], received: list[str]) -> None:
    right = [line for line in signer[:-1] if line] + ["(Đã ký)", signer[-1]]
    w.columns(["Nơi nhận:", *received], right)


def decision(spec: dict, d: dict, out: Path) -> Path:
    w = Writer()
    _header(w, spec, d["number"], d["date"])
    w.para("QUYẾT ĐỊNH", bold=True, center=True)
    w.para(f"Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm {d['year']}", bold=True, center=True)
    w.para("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN THẾ", bold=True, center=True)
    for base in BASES:
        w.para(base)
    w.para(f"Xét đề nghị của Trưởng phòng Nội vụ huyện tại {d['proposal']},")
    w.para("QUYẾT ĐỊNH:", bold=True, center=True)
    n = len(d["people"])
    w.para(f"Điều 1. Công nhận danh hiệu Chiến sĩ thi đua cơ sở năm {d['year']} cho {n:02d} cá nhân có thành "
           f"tích xuất sắc trong thực hiện nhiệm vụ năm {d['year']} (có danh sách kèm theo).")
    w.para("Điều 2. Cá nhân có tên tại Điều 1 được hưởng tiền thưởng theo quy định hiện hành.")
    w.para("Điều 3. Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nội vụ, Trưởng phòng Tài chính - Kế hoạch "
           "và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    _signature(w, d["signer"], ["- Như Điều 3;", "- Lưu: VT, NV."])
    w.para("DANH SÁCH", bold=True, center=True, page_break=True)
    w.para(f"CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM {d['year']}", bold=True, center=True)
    w.para(f"(Kèm theo Quyết định số {d['number']} {_date(d['date'])} của Chủ tịch UBND huyện Yên Thế)",
           center=True)
    rows = [["TT", "Họ và tên", "Chức vụ, đơn vị công tác"]]
    rows += [[str(i), f"{h} {name}", role] for i, (h, name, role) in enumerate(d["people"], start=1)]
    w.table(rows)
    return w.save(out, d["stem"])


def proposal(spec: dict, p: dict, out: Path) -> Path:
    w = Writer()
    _header(w, spec, p["number"], p["date"])
    w.para("TỜ TRÌNH", bold=True, center=True)
    w.para(f"Đề nghị công nhận danh hiệu {p['award']} năm {p['year']}", bold=True, center=True)
    w.para(f"Kính gửi: {p['authority']}.", center=True)
    for base in BASES[1:]:
        w.para(base)
    w.para("Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng huyện ngày 22 tháng 12 năm 2023,")
    names = [r for r in p["rows"] if r[2] == p["award"]]
    w.para(f"Ủy ban nhân dân huyện Yên Thế đề nghị {p['authority']} xem xét, công nhận danh hiệu {p['award']} "
           f"năm {p['year']} cho {len(names):02d} cá nhân có thành tích xuất sắc (có danh sách kèm theo).")
    w.para("Ủy ban nhân dân huyện Yên Thế kính trình Chủ tịch UBND tỉnh xem xét, quyết định./.")
    _signature(w, p["signer"], ["- Như trên;", "- Ban Thi đua - Khen thưởng tỉnh;", "- Lưu: VT."])
    w.para("DANH SÁCH", bold=True, center=True, page_break=True)
    w.para(f"CÁ NHÂN ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU {p['award'].upper()} NĂM {p['year']}", bold=True, center=True)
    w.para(f"(Kèm theo Tờ trình số {p['number']} {_date(p['date'])} của UBND huyện Yên Thế)", center=True)
    rows = [["TT", "Họ và tên", "Chức vụ, đơn vị công tác"]]
    rows += [[str(i), name, role] for i, (name, role, _) in enumerate(names, start=1)]
    w.table(rows)
    return w.save(out, p["stem"])


def nomination_sheet(spec: dict, p: dict, out: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "DanhSach"
    ws.append(["DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG NĂM " + str(p["year"])])
    ws.merge_cells("A1:E1")
    ws.append([f"(Kèm theo Tờ trình số {p['number']} {_date(p['date'])} của UBND huyện Yên Thế)"])
    ws.merge_cells("A2:E2")
    ws.append([])
    ws.append(["TT", "Họ và tên", "Chức vụ, đơn vị công tác", "Hình thức đề nghị", "Ghi chú"])
    for i, (name, role, award) in enumerate(p["rows"], start=1):
        ws.append([i, name, role, award, None])
    ws.append(["Tổng cộng", f"=COUNTA(B5:B{4 + len(p['rows'])})"])
    codes = wb.create_sheet("DanhMuc")
    codes.append(["Mã", "Hình thức"])
    codes.append(["CSTDT", "Chiến sĩ thi đua cấp tỉnh"])
    codes.sheet_state = "hidden"
    path = out / "ds_de_nghi_2023.xlsx"
    wb.save(path)
    return path


def achievement_report(spec: dict, r: dict, out: Path) -> Path:
    w = Writer()
    w.columns([], MOTTO)
    w.para("BÁO CÁO THÀNH TÍCH", bold=True, center=True)
    w.para(f"Đề nghị công nhận danh hiệu {r['award']} năm {r['year']}", bold=True, center=True)
    w.para("I. SƠ LƯỢC LÝ LỊCH", bold=True)
    w.para(f"- Họ tên: {r['name']}")
    w.para(f"- Chức vụ, đơn vị công tác: {r['role']}")
    w.para("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True)
    w.para("Hoàn thành xuất sắc nhiệm vụ được giao; chỉ đạo xã hoàn thành 19/19 tiêu chí nông thôn mới.")
    w.para("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True)
    w.para("1. Danh hiệu thi đua:")
    head = "Số, ngày, tháng, năm của quyết định công nhận; cơ quan ban hành quyết định"
    w.table([["Năm", "Danh hiệu thi đua", head]]
            + [[str(y), t, q] for y, t, q in r["past_titles"] if not t.startswith("Bằng khen")])
    w.para("2. Hình thức khen thưởng:")
    w.table([["Năm", "Hình thức khen thưởng", head]]
            + [[str(y), t, q] for y, t, q in r["past_titles"] if t.startswith("Bằng khen")])
    w.columns(["XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ"], ["NGƯỜI BÁO CÁO THÀNH TÍCH", r["name"]])
    return w.save(out, r["stem"])


_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
_MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Quang", "Ngọc", "Đức"]
_GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Mai", "Nam",
          "Phúc", "Quỳnh", "Sơn", "Tâm", "Thảo", "Trung", "Vân", "Yến"]
_COMMUNES = ["Tân Sỏi", "Phồn Xương", "Đồng Lạc", "Tam Hiệp", "Hương Vĩ", "Đồng Kỳ", "Hồng Kỳ", "Tân Hiệp",
             "An Thượng", "Đồng Vương", "Canh Nậu", "Đồng Hưu", "Xuân Lương", "Đồng Tiến", "Bố Hạ"]
_POSTS = ["Chủ tịch UBND xã", "Phó Chủ tịch UBND xã", "Công chức Tư pháp - Hộ tịch xã", "Bí thư Đảng ủy xã"]


def long_list(spec: dict, d: dict, out: Path) -> Path:
    """A provincial Bằng khen to units and people in one grouped table over several pages."""
    w = Writer()
    w.columns([*d["issuer"], f"Số: {d['number']}"], [*MOTTO, f"{d['place']}, {_date(d['date'])}"])
    w.para("QUYẾT ĐỊNH", bold=True, center=True)
    w.para(f"Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {d['year']}", bold=True, center=True)
    w.para("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", bold=True, center=True)
    w.para(BASES[1])
    w.para("Xét đề nghị của Trưởng ban Thi đua - Khen thưởng tỉnh,")
    w.para("QUYẾT ĐỊNH:", bold=True, center=True)
    w.para(f"Điều 1. Tặng Bằng khen của {d['authority']} cho {d['units']:02d} tập thể và {d['people']:02d} cá nhân "
           f"đã có thành tích xuất sắc trong phong trào thi đua năm {d['year']} (có danh sách kèm theo).")
    w.para("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    _signature(w, d["signer"], ["- Như Điều 2;", "- Lưu: VT, TĐKT."])
    w.para("DANH SÁCH", bold=True, center=True, page_break=True)
    w.para(f"TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH NĂM {d['year']}", bold=True, center=True)
    w.para(f"(Kèm theo Quyết định số {d['number']} {_date(d['date'])} của Chủ tịch UBND tỉnh)", center=True)
    rows = [["TT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị"], ["I. TẬP THỂ", "", "", ""]]
    for i in range(d["units"]):
        rows.append([str(i + 1), f"UBND xã {_COMMUNES[i % len(_COMMUNES)]} {i // len(_COMMUNES) + 1}", "",
                     "huyện Yên Thế"])
    rows.append(["II. CÁ NHÂN", "", "", ""])
    for i in range(d["people"]):
        name = f"{_SURNAMES[i % 10]} {_MIDDLE[i % 7]} {_GIVEN[i % 21]}"
        rows.append([str(i + 1), f"{'Ông' if i % 2 == 0 else 'Bà'} {name}", _POSTS[i % 4],
                     f"xã {_COMMUNES[i % len(_COMMUNES)]}, huyện Yên Thế"])
    w.table(rows, merged=[r for r, row in enumerate(rows) if row[0].startswith(("I.", "II."))])
    return w.save(out, d["stem"])


def numbered_list(spec: dict, d: dict, out: Path) -> Path:
    """A company's decision whose attached list is numbered lines under group lines."""
    w = Writer()
    w.columns([*d["issuer"], f"Số: {d['number']}"], [*MOTTO, f"{d['place']}, {_date(d['date'])}"])
    w.para("QUYẾT ĐỊNH", bold=True, center=True)
    w.para(f"Về việc công nhận danh hiệu Tập thể lao động xuất sắc năm {d['year']}", bold=True, center=True)
    w.para("GIÁM ĐỐC CÔNG TY ĐIỆN LỰC BẮC GIANG", bold=True, center=True)
    w.para("Căn cứ Quy chế thi đua, khen thưởng của Tổng công ty Điện lực miền Bắc;")
    w.para("Xét đề nghị của Hội đồng Thi đua - Khen thưởng Công ty,")
    w.para("QUYẾT ĐỊNH:", bold=True, center=True)
    n = sum(len(items) for _, items in d["groups"])
    w.para(f"Điều 1. Công nhận danh hiệu Tập thể lao động xuất sắc năm {d['year']} cho {n:02d} tập thể "
           "(có danh sách kèm theo).")
    w.para("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    _signature(w, d["signer"], ["- Như Điều 2;", "- Lưu: VT, TCNS."])
    w.para(f"DANH SÁCH TẬP THỂ ĐẠT DANH HIỆU TẬP THỂ LAO ĐỘNG XUẤT SẮC NĂM {d['year']}", bold=True, center=True,
           page_break=True)
    w.para(f"(Kèm theo Quyết định số {d['number']} {_date(d['date'])} của Giám đốc Công ty)", center=True)
    k = 0
    for group, items in d["groups"]:
        w.para(group, bold=True)
        for item in items:
            k += 1
            w.para(f"{k}. {item};")
    return w.save(out, d["stem"])


def _soffice(src: Path, fmt: str, out: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                        "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=180)
    return out / f"{src.stem}.{fmt}"


def _scan(pdf: Path, target: Path, dpi: int = 200) -> None:
    """Pages as a scanner gives them: grey images at `dpi`, no text layer."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/p"], check=True)
        pages = [Image.open(p).convert("L") for p in sorted(Path(tmp).glob("p-*.png"))]
        pages[0].save(target, save_all=True, append_images=pages[1:], resolution=dpi)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(SPEC.parent))
    out = Path(parser.parse_args().out)
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    for d in spec["decisions"]:
        docx = decision(spec, d, out)
        if "doc" in d["formats"]:
            _soffice(docx, "doc", out)
        if "pdf" in d["formats"] or "scan" in d["formats"]:
            pdf = _soffice(docx, "pdf", out)
            if "scan" in d["formats"]:
                _scan(pdf, out / f"{d['stem']}_scan.pdf")
                pdf.unlink()
        if "docx" not in d["formats"]:
            docx.unlink()
    proposal(spec, spec["proposal"], out)
    nomination_sheet(spec, spec["proposal"], out)
    achievement_report(spec, spec["achievement_report"], out)
    long_docx = long_list(spec, spec["long_list"], out)
    _soffice(long_docx, "pdf", out)
    numbered_list(spec, spec["numbered_list"], out)


if __name__ == "__main__":
    main()
