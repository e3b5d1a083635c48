"""Smoke run of `tdkt eval` on one real corpus document, through the user-folder options."""
from __future__ import annotations

import shutil

from service.cli import main
from tests.conftest import DOCS, GOLD

STEM = "003_9872598636d4699e"


def test_eval_on_one_document_prints_table_and_writes_report(tmp_path, capsys):
    gold_dir, docs_dir = tmp_path / "gold", tmp_path / "docs"
    gold_dir.mkdir()
    docs_dir.mkdir()
    shutil.copy(GOLD / f"{STEM}.json", gold_dir)
    shutil.copy(DOCS / f"{STEM}.txt", docs_dir)
    report = tmp_path / "latest.md"
    code = main(["eval", "--gold", str(gold_dir), "--docs", str(docs_dir), "--report", str(report)])
    out = capsys.readouterr().out
    assert code == 0
    assert "strict F1" in out and "lenient F1" in out
    assert "Metadata field accuracy" in out
    assert "baseline" in out
    assert f"{STEM}.txt" in out
    text = report.read_text(encoding="utf-8")
    assert "## Per document" in text and "## Misses and false alarms" in text


def test_eval_rejects_gold_without_docs(capsys):
    assert main(["eval", "--gold", str(GOLD)]) == 2
    assert "--gold và --docs" in capsys.readouterr().err
