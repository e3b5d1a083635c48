"""`tdkt vet FILE... --format json` against the archive the settings name."""
from __future__ import annotations

import json

from service.archive import Archive
from tests.conftest import extracted
from tests.service.test_recipients import COMPOSED, DECISIONS


def test_vet_json_against_configured_archive(tmp_path, monkeypatch, capsys):
    from service import cli
    from service.config import get_settings

    url = f"sqlite:///{tmp_path / 'tdkt.db'}"
    archive = Archive.open(url, tmp_path / "files")
    for name in DECISIONS:
        path = COMPOSED / name
        archive.add(path.read_bytes(), name, extracted(str(path)))
    archive.close()
    monkeypatch.setenv("TDKT_DATABASE_URL", url)
    monkeypatch.setenv("TDKT_STORAGE_PATH", str(tmp_path / "files"))
    get_settings.cache_clear()
    try:
        code = cli.main(["vet", str(COMPOSED / "tt_de_nghi_cstd_tinh_2023.docx"),
                         str(COMPOSED / "bc_thanh_tich_nguyen_van_thanh.docx"), "--format", "json"])
        out = json.loads(capsys.readouterr().out)
        assert code == 0
        assert {n["recipient"]: n["verdict"] for n in out["nominations"]} == {
            "Nguyễn Văn Thành": "met", "Trần Thị Hoa": "not_met", "Lê Minh Đức": "not_met"}

        code = cli.main(["vet", str(COMPOSED / "tt_de_nghi_cstd_tinh_2023.docx"), str(tmp_path / "khong-co.pdf")])
        captured = capsys.readouterr()
        assert code == 1 and "khong-co.pdf" in captured.err and "CHƯA ĐỦ ĐIỀU KIỆN" in captured.out
        assert cli.main(["vet", str(tmp_path / "khong-co.pdf")]) == 2
    finally:
        get_settings.cache_clear()
