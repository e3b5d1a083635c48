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


def _css_pairs() -> list[tuple[str, str, str]]:
    """(selector, text colour, background) of every app.css rule that sets both, with the
    :root custom properties resolved."""
    import re

    from service.web.pages import HERE

    css = re.sub(r"/\*.*?\*/", "", (HERE / "static" / "app.css").read_text(encoding="utf-8"), flags=re.S)
    root = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    pairs = []
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        decl = {k.strip(): v.strip() for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d)}
        fg, bg = decl.get("color"), decl.get("background") or decl.get("background-color")
        resolve = lambda v: root.get(v[6:-1].lstrip("-"), v) if v and v.startswith("var(") else v  # noqa: E731
        long = lambda v: "#" + "".join(c * 2 for c in v[1:]) if v and re.fullmatch(r"#[0-9a-fA-F]{3}", v) else v  # noqa: E731
        fg, bg = long(resolve(fg)), long(resolve(bg))
        if fg and bg and re.fullmatch(r"#[0-9a-fA-F]{6}", fg) and re.fullmatch(r"#[0-9a-fA-F]{6}", bg):
            pairs.append((selector.strip(), fg, bg))
    return pairs


def test_css_text_on_background_contrast():
    pairs = _css_pairs()
    selectors = " ".join(s for s, _f, _b in pairs)
    assert ".snippet mark" in selectors and ".button" in selectors  # search-hit highlight, buttons
    low = [(s, f, b, round(contrast(f, b), 2)) for s, f, b in pairs if contrast(f, b) < 4.5]
    assert not low, low
