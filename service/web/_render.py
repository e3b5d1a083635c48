"""Pieces the pages share: highlight colours (tested for contrast), the document text with
its items marked, the section tree, and an inline-SVG chart. No JavaScript needed to read."""
from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from extractor.records import Extraction

# Kind -> (Vietnamese name, text colour, background). Text on background must reach 4.5:1
# (WCAG AA); tests/web/test_contrast.py checks every pair.
HIGHLIGHTS: dict[str, tuple[str, str, str]] = {
    "indicator": ("Chỉ tiêu, số liệu", "#10243e", "#cfe4ff"),
    "campaign": ("Phong trào thi đua", "#0f2e14", "#cdeec4"),
    "award": ("Khen thưởng", "#3a2000", "#ffdca8"),
    "person": ("Cá nhân", "#3b0b3d", "#f5d3f6"),
}
FINDING_COLOURS = {"error": ("#ffffff", "#a4161a"), "warning": ("#1f1500", "#f6c343"), "hint": ("#ffffff", "#2f5d8a")}


@dataclass(frozen=True)
class Mark:
    kind: str
    index: int
    start: int
    end: int


def marks(record: Extraction) -> list[Mark]:
    """Every item span; where two overlap the earlier-listed kind wins (a person or a
    campaign is more specific than a number inside it)."""
    found: list[Mark] = []
    for i, p in enumerate(record.people):
        found.append(Mark("person", i, p.span.start, p.span.end))
    for i, c in enumerate(record.campaigns):
        for sp in c.spans:
            found.append(Mark("campaign", i, sp.start, sp.end))
    for i, a in enumerate(record.awards):
        found.append(Mark("award", i, a.span.start, a.span.end))
    for i, ind in enumerate(record.indicators):
        found.append(Mark("indicator", i, ind.span.start, ind.span.end))
    kept: list[Mark] = []
    taken: list[tuple[int, int]] = []
    for mk in found:
        if mk.end <= mk.start or any(mk.start < b and a < mk.end for a, b in taken):
            continue
        kept.append(mk)
        taken.append((mk.start, mk.end))
    return sorted(kept, key=lambda m: m.start)


def text_html(record: Extraction, anchors: dict[int, list[str]]) -> str:
    """The text as HTML: each item a <mark> with an id the tables link to; `anchors` puts
    zero-width targets (section headings, findings) at offsets."""
    text = record.text
    out: list[str] = []
    pos = 0
    first_id: set[str] = set()
    events = sorted(set(anchors) | {m.start for m in marks(record)})
    mark_at: dict[int, Mark] = {}
    for mk in marks(record):
        mark_at.setdefault(mk.start, mk)
    for off in events:
        if off < pos:
            continue
        out.append(html.escape(text[pos:off]))
        pos = off
        for anchor_id in anchors.get(off, []):
            out.append(f'<span class="anchor" id="{anchor_id}"></span>')
        mk = mark_at.get(off)
        if mk is not None:
            mid = f"m-{mk.kind}-{mk.index}"
            id_attr = f' id="{mid}"' if mid not in first_id else ""
            first_id.add(mid)
            label = HIGHLIGHTS[mk.kind][0]
            out.append(f'<mark class="hl hl-{mk.kind}"{id_attr} tabindex="-1" title="{label}">'
                       f"{html.escape(text[mk.start:mk.end])}</mark>")
            pos = mk.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def section_tree(record: Extraction) -> list[dict]:
    """Sections nested under their parents, for the clickable outline."""
    nodes = {s.id: {"id": s.id, "label": " ".join(x for x in (s.number, s.title) if x), "children": []}
             for s in record.sections}
    roots = []
    for s in record.sections:
        (nodes[s.parent]["children"] if s.parent in nodes else roots).append(nodes[s.id])
    return roots


PALETTE = ["#1f4e8c", "#b3541e", "#2e7d32", "#7b1fa2", "#00695c", "#8d6e00", "#c2185b", "#455a64"]


def stacked_bars_svg(rows: list[tuple[int, str, int]], title: str) -> str:
    """Bars per year, stacked by kind, as inline SVG with a legend and a text alternative."""
    if not rows:
        return ""
    years = sorted({y for y, _k, _n in rows})
    kinds = sorted({k for _y, k, _n in rows}, key=lambda k: -sum(n for _y, kk, n in rows if kk == k))[:8]
    totals = {y: sum(n for yy, k, n in rows if yy == y and k in kinds) for y in years}
    top = max(totals.values()) or 1
    w_bar, gap, h, left, bottom = 56, 28, 220, 48, 30
    width = left + len(years) * (w_bar + gap) + 20
    legend_h = 22 * len(kinds)
    parts = [f'<svg role="img" aria-labelledby="chart-title" viewBox="0 0 {max(width, 420)} {h + bottom + legend_h + 20}" '
             f'width="100%" class="chart"><title id="chart-title">{html.escape(title)}</title>']
    parts.append(f'<line x1="{left}" y1="{h}" x2="{width}" y2="{h}" stroke="#444"/>')
    for i, y in enumerate(years):
        x = left + i * (w_bar + gap) + gap // 2
        base = h
        for k_i, k in enumerate(kinds):
            n = sum(nn for yy, kk, nn in rows if yy == y and kk == k)
            if not n:
                continue
            bh = max(1, round(n / top * (h - 20)))
            base -= bh
            parts.append(f'<rect x="{x}" y="{base}" width="{w_bar}" height="{bh}" fill="{PALETTE[k_i]}">'
                         f"<title>{y}: {html.escape(k)} — {n}</title></rect>")
        parts.append(f'<text x="{x + w_bar / 2}" y="{base - 5}" text-anchor="middle" font-size="12">{totals[y]}</text>')
        parts.append(f'<text x="{x + w_bar / 2}" y="{h + 18}" text-anchor="middle" font-size="13">{y}</text>')
    for k_i, k in enumerate(kinds):
        ly = h + bottom + 10 + 22 * k_i
        parts.append(f'<rect x="{left}" y="{ly}" width="14" height="14" fill="{PALETTE[k_i]}"/>'
                     f'<text x="{left + 20}" y="{ly + 12}" font-size="13">{html.escape(k)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def page_url(path: str, params: Mapping[str, Any]) -> str:
    """`path` with `params` as its query string, each value UTF-8 percent-encoded; a None or
    empty value is left out, so no link ever carries `year=None` (which the page refuses)."""
    kept = [(k, str(v)) for k, v in params.items() if v is not None and v != ""]
    return f"{path}?{urlencode(kept)}" if kept else path


# The facets the search page offers, in order, and what it says for a document with no value.
FACETS: dict[str, tuple[str, str]] = {
    "year": ("Năm", "Không rõ năm"),
    "doc_type": ("Loại văn bản", "Không rõ loại"),
    "award": ("Hình thức khen thưởng", "Không rõ hình thức"),
    "campaign": ("Phong trào", "Không rõ phong trào"),
}


def facet_groups(facets: Mapping[str, list[dict]] | None, path: str, params: Mapping[str, Any],
                 value_labels: Mapping[str, Mapping[Any, str]] | None = None, limit: int = 8) -> list[dict]:
    """The facet lists of a result page: for each facet with values, its heading and up to
    `limit` entries {label, count, href}. A link keeps the page's other parameters
    (`params`: query and active filters; paging starts again) and sets its own facet; a
    value of None ("no year") cannot be filtered on, so it gets a label and no link."""
    value_labels = value_labels or {}
    groups = []
    for key, (heading, unknown) in FACETS.items():
        entries = []
        for f in ((facets or {}).get(key) or [])[:limit]:
            value = f.get("value")
            if value is None or value == "":
                entries.append({"label": unknown, "count": f.get("count"), "href": None})
                continue
            label = value_labels.get(key, {}).get(value, value)
            entries.append({"label": label, "count": f.get("count"), "href": page_url(path, {**params, key: value})})
        if entries:
            groups.append({"key": key, "heading": heading, "entries": entries})
    return groups
