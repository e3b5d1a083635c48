"""The eval says when a split's scores are no longer a held-out estimate."""
from __future__ import annotations

from evaluation.gold import split_caveats


def test_test_part_carries_each_exposure_with_the_blind_figures_before_it():
    lines = split_caveats("test")
    # seeds' error analysis (2026-11-22), then corpus 2 scored blind (2026-12-05), in order
    assert len(lines) == 2
    first, second = lines
    assert "no longer a held-out estimate" in first
    assert "awards 0.229" in first and "people 0.667" in first
    assert "2026-12-05" in second and "tuned figures" in second
    assert "awards 0.108" in second and "people 0.736" in second
    assert split_caveats("all") == lines


def test_dev_part_has_no_caveat():
    assert split_caveats("dev") == []
