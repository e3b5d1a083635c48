"""Highlight colours must keep text readable: WCAG contrast ≥ 4.5:1 for text on each."""
from __future__ import annotations

import pytest

from service.web._render import FINDING_COLOURS, HIGHLIGHTS


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg: str, bg: str) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_known_ratio():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


@pytest.mark.parametrize("kind", sorted(HIGHLIGHTS))
def test_highlight_contrast(kind):
    _name, fg, bg = HIGHLIGHTS[kind]
    assert contrast(fg, bg) >= 4.5


@pytest.mark.parametrize("severity", sorted(FINDING_COLOURS))
def test_finding_badge_contrast(severity):
    fg, bg = FINDING_COLOURS[severity]
    assert contrast(fg, bg) >= 4.5


def test_highlight_backgrounds_distinct():
    assert len({bg for _n, _f, bg in HIGHLIGHTS.values()}) == len(HIGHLIGHTS)
