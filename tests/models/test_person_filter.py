"""The learned person filter: loads from disk without download, agrees with the guideline
cases, and is only used by default when training kept it."""
from __future__ import annotations

import pytest

from models.person_filter.filter import ARTEFACT, load_filter


@pytest.mark.skipif(not ARTEFACT.is_file(), reason="run `make train` first")
def test_artefact_loads_and_is_small():
    assert ARTEFACT.stat().st_size < 200_000
    assert load_filter(force=True) is not None


@pytest.mark.skipif(not ARTEFACT.is_file(), reason="run `make train` first")
def test_model_card_reports_both_figures():
    card = (ARTEFACT.parent / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "Rules alone" in card and "leave-one-document-out" in card and "sha256" in card


def test_a_filter_not_kept_is_never_unpickled():
    # Unpickling the model imports scikit-learn: a second of every command's start-up, for a
    # filter training did not keep. The decision is read from the JSON beside the artefact.
    import json
    import subprocess
    import sys

    from models.person_filter.filter import DECISION
    from tests.conftest import ROOT

    assert json.loads(DECISION.read_text(encoding="utf-8"))["kept"] is False
    code = ("import sys; from models.person_filter.filter import load_filter; "
            "print(load_filter() is None, 'sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["True", "False"]
