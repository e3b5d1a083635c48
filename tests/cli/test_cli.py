"""The `tdkt` command line: schema, and extract over a folder in both output formats."""
from __future__ import annotations

import hashlib
import json
import shutil

from extractor.records import Extraction
from service.cli import main
from tests.conftest import DOCS, GOLD, RENDERINGS

SEED = "001_aa33862f6316ef22"


def test_schema_is_the_record_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == json.loads(json.dumps(Extraction.model_json_schema()))
    for field in ("metadata", "sections", "indicators", "campaigns", "awards", "people"):
        assert field in schema["properties"]


def test_extract_folder_writes_one_json_per_file_in_each_format(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(DOCS / f"{SEED}.txt", src)
    shutil.copy(DOCS / "h06_nhnn_khoithidua6_bav.txt", src)
    for fmt in ("record", "gold"):
        out = tmp_path / fmt
        assert main(["extract", str(src), "-o", str(out), "--format", fmt]) == 0
        written = sorted(p.name for p in out.glob("*.json"))
        assert written == [f"{SEED}.txt.json", "h06_nhnn_khoithidua6_bav.txt.json"]
    record = Extraction.model_validate_json((tmp_path / "record" / f"{SEED}.txt.json").read_text(encoding="utf-8"))
    assert record.metadata.number is None and record.metadata.number_blank
    gold_view = json.loads((tmp_path / "gold" / f"{SEED}.txt.json").read_text(encoding="utf-8"))
    gold = json.loads((GOLD / f"{SEED}.json").read_text(encoding="utf-8"))
    assert set(gold_view) == set(gold)  # same shape as the hand labels
    assert [s["number"] for s in gold_view["sections"]].count("2.5.") == 2


def test_extract_missing_file_is_one_vietnamese_line(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "khong-co.docx")]) == 1
    err = capsys.readouterr().err
    assert "khong-co.docx" in err and "không tìm thấy tệp" in err and "Traceback" not in err


def test_extract_gives_a_record_per_input_when_names_collide(tmp_path):
    # Regression: records were named {stem}.json, so a.docx and a.pdf overwrote each other
    # and five inputs with two stems left two records, with exit code 0.
    src = tmp_path / "in"
    (src / "con").mkdir(parents=True)
    for suffix in (".docx", ".pdf", ".doc"):
        shutil.copy(RENDERINGS / f"{SEED}{suffix}", src / f"bao-cao{suffix}")
    shutil.copy(DOCS / f"{SEED}.txt", src / "bao-cao.txt")
    shutil.copy(DOCS / f"{SEED}.txt", src / "con" / "bao-cao.txt")
    other = tmp_path / "khac"
    other.mkdir()
    shutil.copy(DOCS / "h06_nhnn_khoithidua6_bav.txt", other / "bao-cao.txt")
    out = tmp_path / "out"
    assert main(["extract", str(src), str(other / "bao-cao.txt"), "-o", str(out)]) == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.json"))
    assert written == ["bao-cao.doc.json", "bao-cao.docx.json", "bao-cao.pdf.json", "bao-cao.txt.json",
                       "bao-cao.txt~2.json", "con/bao-cao.txt.json"]
    formats = {p: json.loads((out / p).read_text(encoding="utf-8"))["document"]["format"] for p in written}
    assert formats["bao-cao.pdf.json"] == "pdf" and formats["bao-cao.docx.json"] == "docx"
    sha = {p: json.loads((out / p).read_text(encoding="utf-8"))["document"]["sha256"] for p in written}
    assert sha["bao-cao.txt~2.json"] == hashlib.sha256((other / "bao-cao.txt").read_bytes()).hexdigest()
    assert sha["bao-cao.txt.json"] == sha["con/bao-cao.txt.json"] != sha["bao-cao.txt~2.json"]
