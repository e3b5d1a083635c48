"""What every rule reads, computed once per record: the lines of the text with a
markup-free form, the headings (the record's sections, or a light scan of the text when
the segmenter found none), run-in labels and the parts to leave out of body checks."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import regex

from extractor.audit.folding import fold
from extractor.records import Extraction, PartKind

_MARKUP = regex.compile(r"<sup>[^<]*</sup>|</?\w+[^>]*>|\*+|^#{1,6}\s+|\\(?=\S)")
# A heading number as reports write it; scheme names follow Section.scheme.
_HEADING = regex.compile(
    r"^(?P<num>Phần\s+thứ\s+\w+|PHẦN\s+THỨ\s+\w+|[IVXL]+\.|\d+(?:\.\d+)*\.?(?=\s)|[a-zđ][.)])\s*(?P<title>.*)$")
_LABEL = regex.compile(r"^[-+•*\s]*(?P<label>[^:.;]{3,80}):")
_TOP_LINES = 25
_HEADING_MAX = 160


@dataclass
class Line:
    start: int
    end: int
    raw: str
    clean: str  # markup removed, spaces collapsed


@dataclass
class Heading:
    """A section heading, from the record or (fallback) from the text."""

    id: str
    number: str | None
    title: str
    scheme: str
    parent: str | None
    start: int  # heading start
    heading_end: int
    end: int  # section extent end
    issues: list[str] = field(default_factory=list)


def clean(raw: str) -> str:
    return " ".join(_MARKUP.sub("", raw.strip()).split())


def scheme_of(number: str) -> str:
    n = number.strip()
    if regex.match(r"(?i)phần", n):
        return "phan"
    if regex.fullmatch(r"[IVXL]+\.", n):
        return "roman"
    if regex.fullmatch(r"\d+(?:\.\d+)*\.?", n):
        return f"decimal{n.rstrip('.').count('.') + 1}"
    return "letter"


@dataclass
class AuditContext:
    record: Extraction

    @property
    def text(self) -> str:
        return self.record.text

    @cached_property
    def lines(self) -> list[Line]:
        out, pos = [], 0
        for raw in self.text.splitlines(keepends=True):
            body = raw.rstrip("\r\n")
            c = clean(body)
            if c:
                lead = len(body) - len(body.lstrip())
                out.append(Line(pos + lead, pos + len(body.rstrip()), body, c))
            pos += len(raw)
        return out

    @cached_property
    def excluded(self) -> list[tuple[int, int]]:
        """Ranges that are not body prose: web furniture, footnotes, Nơi nhận."""
        kinds = {PartKind.boilerplate, PartKind.footnotes, PartKind.distribution}
        return [(p.start, p.end) for p in self.record.parts if p.kind in kinds]

    def is_excluded(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.excluded)

    @cached_property
    def body_start(self) -> int:
        """Where the body begins: after the title block, else at the first heading, else
        after the first line (a news headline)."""
        blocks = [p.end for p in self.record.parts if p.kind in (PartKind.title_block, PartKind.recipients)]
        if blocks:
            return max(blocks)
        if self.record.sections:
            return self.record.sections[0].heading.start
        return self.lines[1].start if len(self.lines) > 1 else 0

    def in_signature(self, offset: int) -> bool:
        return any(p.start <= offset < p.end for p in self.record.parts if p.kind == PartKind.signature)

    @cached_property
    def top_lines(self) -> list[Line]:
        return self.lines[:_TOP_LINES]

    @cached_property
    def tail_lines(self) -> list[Line]:
        return self.lines[-20:]

    @cached_property
    def headings(self) -> list[Heading]:
        if self.record.sections:
            return [Heading(s.id, s.number, s.title, s.scheme, s.parent, s.heading.start, s.heading.end,
                            s.end, list(s.issues)) for s in self.record.sections]
        return scan_headings(self.lines, len(self.text))

    @cached_property
    def labels(self) -> list[tuple[str, int]]:
        """Run-in labels (`- Hạn chế: …`, `Nguyên nhân:`) and short standalone lines, which
        name a part as a heading would when a report does not number them."""
        out = []
        for ln in self.lines:
            if ln.start < self.body_start or self.is_excluded(ln.start) or self.in_signature(ln.start):
                continue  # the title line and the signature name no part of the body
            m = _LABEL.match(ln.clean)
            if m:
                out.append((m.group("label"), ln.start))
            elif len(ln.clean) <= 100 and not ln.clean.endswith((".", ";", ",")):
                out.append((ln.clean, ln.start))
        return out

    @cached_property
    def spaced_body(self) -> str:
        from extractor.audit.matching import fold_spaced
        return fold_spaced(self.text)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    def section_at(self, offset: int) -> Heading | None:
        """The innermost heading whose extent holds `offset`."""
        best = None
        for h in self.headings:
            if h.start <= offset < h.end and (best is None or h.start >= best.start):
                best = h
        return best


def is_table_line(raw: str) -> bool:
    """A row of a text table (`1 | Trung tâm … | …`): a numbered row is no heading."""
    return " | " in raw or raw.lstrip().startswith("|")


def scan_headings(lines: list[Line], text_len: int) -> list[Heading]:
    """A light heading scan, used only when the record has no sections: numbered short
    lines that do not read as a sentence (a numbered task ends with `.` or `;`)."""
    found: list[Heading] = []
    for ln in lines:
        m = _HEADING.match(ln.clean)
        if not m or len(ln.clean) > _HEADING_MAX or is_table_line(ln.raw):
            continue
        title = m.group("title").strip().rstrip(":").strip()
        if not title or ln.clean.endswith((".", ";", "...", "…")) and not regex.match(r"(?i)phần", ln.clean):
            continue
        num = m.group("num")
        if regex.match(r"(?i)phần", num):
            title = title or ""
        found.append(Heading(f"h{len(found) + 1}", num, title, scheme_of(num), None, ln.start, ln.end, text_len))
    _nest(found, text_len)
    return found


def _nest(found: list[Heading], text_len: int) -> None:
    """Parents and extents from the order in which numbering schemes first appear."""
    order: list[str] = []
    for h in found:
        if h.scheme not in order:
            order.append(h.scheme)
    stack: list[Heading] = []
    for h in found:
        depth = order.index(h.scheme)
        while stack and order.index(stack[-1].scheme) >= depth:
            stack.pop().end = h.start
        h.parent = stack[-1].id if stack else None
        stack.append(h)
    for h in stack:
        h.end = text_len
