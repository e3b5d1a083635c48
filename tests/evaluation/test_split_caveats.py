"""The eval says when a split's scores are no longer a held-out estimate."""
from __future__ import annotations

from evaluation.gold import split_caveats


def test_test_part_carries_its_error_analysis_caveat_with_blind_figures():
    lines = split_caveats("test")
    assert len(lines) == 1
    assert "no longer a held-out estimate" in lines[0]
    assert "awards 0.229" in lines[0] and "people 0.667" in lines[0]
    assert split_caveats("all") == lines


def test_dev_part_has_no_caveat():
    assert split_caveats("dev") == []
