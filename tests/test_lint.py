"""The code has no unused import, undefined name or syntax error (ruff's F and E9 rules,
the checks that find real mistakes rather than style)."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_ruff_finds_no_unused_import_or_undefined_name():
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "F,E9", "--output-format", "concise",
         "extractor", "service", "evaluation", "models", "tests"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
