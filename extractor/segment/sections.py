"""Component "sections": the section tree of the body (ANNOTATION.md, sections).

Headings are numbered lines (section_numbers.py: `Phần thứ nhất`, `Chương I`, `Điều 5.`,
`A.`, `I.`, `1.`, `1.1.`, `a)`), inline headings (`a) Quốc phòng: Thực hiện…`) and a few
unnumbered labels (label_headings.py). Which numbered lines are content — task lists,
lead-ins, clauses, form fields — is judged in section_lists.py. Here: a candidate's title
(over one or more lines), the tree with levels from how the schemes nest in this document
(a stack, not fixed numbers), one tree per attachment, and each section's extent.
"""
from __future__ import annotations

import regex

from extractor.model import BlockKind, Document
from extractor.pipeline import component
from extractor.records import Extraction, Section, Span
from extractor.segment.attachments import list_rows
from extractor.segment.label_headings import label_heading
from extractor.segment.layout import Layout, analyse, is_upper_line, open_bold
from extractor.segment.lines import Line
from extractor.segment.section_lists import ALONE, Candidate, is_inline_title, mark_lists
from extractor.segment.section_numbers import Number, parse_number, rank

__all__ = ["Candidate", "Number", "build_tree", "candidates", "parse_number", "sections_component"]

_TITLE_BELOW = ("phan", "chuong", "muc")  # schemes whose title may stand on the next line
_INLINE = regex.compile(r"^(?P<title>[^:]{2,160}?)\s*:\s*(?P<body>\S.{15,})$")
_COUNT_TAIL = regex.compile(r"\s*:\s*\d{1,4}(?:\s+[^\p{L}\d\s]{1,3})*\s*$")  # a scan's scraps may follow
_CLOSING_STOP = regex.compile(r"(?<!\.)\s*[.;]\s*$")  # `…`, `v.v..`-like ellipses kept


def _continues_heading(used: list[Line], nxt: Line, body: set[int]) -> bool:
    """`nxt` carries on the heading title of `used` (a title split over lines)."""
    prev = used[-1]
    if nxt.index not in body or nxt.note_start or parse_number(nxt.clean):
        return False
    if open_bold(used):  # an open bold run spans the break
        return True
    if prev.clean.endswith((":", ".", ";")):
        return False
    if nxt.clean[:1].islower():
        return True
    return is_upper_line(prev.clean) and is_upper_line(nxt.clean) and len(nxt.clean) <= 120


def _candidate(ln: Line, num: Number, lines: list[Line], body: set[int]) -> Candidate:
    rest = num.rest.strip()
    inline = _INLINE.match(rest) if num.scheme not in ALONE else None
    if inline and is_inline_title(inline.group("title")):
        title = inline.group("title").strip()
        colon = ln.clean.index(":", num.rest_at)
        return Candidate(ln, num, title, [ln], ln.span(0, colon + 1)[1], inline=True)
    used = [ln]
    parts = [rest] if rest else []
    k = ln.index + 1
    if not rest and num.scheme in _TITLE_BELOW:  # "Phần thứ nhất", "CHƯƠNG I" with the title below
        if k < len(lines) and lines[k].index in body and not parse_number(lines[k].clean):
            used.append(lines[k])
            parts.append(lines[k].clean)
            k += 1
    while k < len(lines) and parts and _continues_heading(used, lines[k], body):
        used.append(lines[k])
        parts.append(lines[k].clean)
        k += 1
    title = " ".join(parts).strip()
    end = used[-1].span()[1]
    cut = _caps_prefix(title)
    if cut is not None and len(parts) == 1:
        # A capitals title run into the paragraph after it (blocks joined upstream):
        # the title is the capitals, the rest is body text.
        last = used[-1]
        at = last.clean.index(parts[0])
        title = title[:cut].rstrip()
        end = last.span(0, at + len(title))[1]
    title = _COUNT_TAIL.sub(":", title)  # `I. Cờ thi đua của UBND Thành phố: 04`: the group's size
    colon = title.endswith(":")
    title = regex.sub(r"\s*:\s*$", "", title)
    below = k < len(lines) and lines[k].index in body and _not_a_sibling(lines[k].clean, num) \
        and bool(regex.search(r"\p{L}", lines[k].clean))  # a line of dots is a blank to fill
    return Candidate(ln, num, title, used, end, colon=colon, text_below=below)


def _not_a_sibling(text: str, num: Number) -> bool:
    below = parse_number(text)
    return below is None or below.scheme != num.scheme


def _caps_prefix(title: str) -> int | None:
    """End of a capitals title followed by sentence-case text in the same line, if so."""
    words = list(regex.finditer(r"\S+", title))
    k = 0
    while k < len(words) and (is_upper_line(words[k].group()) or not regex.search(r"\p{L}", words[k].group())):
        k += 1
    rest = words[k:]
    if k < 3 or len(rest) < 5:
        return None
    lower = sum(1 for w in rest if w.group()[:1].islower())
    return words[k - 1].end() if lower * 2 >= len(rest) else None


def candidates(layout: Layout) -> list[Candidate]:
    body_lines = layout.body_lines()
    body = {ln.index for ln in body_lines}
    out: list[Candidate] = []
    consumed: set[int] = set(list_rows(layout.lines, layout.attachments))
    for ln in body_lines:
        if ln.index in consumed or ln.kind == BlockKind.table_row:
            continue  # a list table's numbered rows, and an attached list's, are data, not headings
        num = parse_number(ln.clean)
        if num is None:
            label = label_heading(ln, layout.lines[ln.index + 1] if ln.index + 1 < len(layout.lines) else None)
            if label is not None:
                out.append(Candidate(ln, Number(label.scheme, "", 0), label.title, [ln], ln.span()[1]))
            continue
        cand = _candidate(ln, num, layout.lines, body)
        consumed.update(x.index for x in cand.title_lines)
        if cand.title:
            out.append(cand)
    mark_lists(out)
    heads = [c for c in out if not c.list_item]
    for c in heads:  # kept for the sentence test above; a closing stop is not part of a title
        c.title = _CLOSING_STOP.sub("", c.title)
    return heads


def _regions(doc: Document, layout: Layout) -> list[tuple[int, int]]:
    """[start, end) of the main body and of each attachment's body: each has its own tree."""
    text_len = len(doc.text)
    regions = [(0, layout.body_end_offset(text_len))]
    for att in layout.attachments:
        start = layout.lines[att.body_start].start if att.body_start < len(layout.lines) else text_len
        end = layout.lines[att.end].start if att.end < len(layout.lines) else text_len
        regions.append((start, end))
    return regions


def build_tree(doc: Document, layout: Layout, heads: list[Candidate]) -> list[Section]:
    """Sections with levels from a stack of open schemes, ids in document order; each
    attachment (a regulation issued by a decision, a form) starts a tree of its own."""
    sections: list[Section] = []
    stack: list[tuple[str, Section, Candidate]] = []
    regions = _regions(doc, layout)
    region = 0
    for n, c in enumerate(heads, start=1):
        start = c.line.span(0, 1)[0]
        while region + 1 < len(regions) and start >= regions[region + 1][0]:
            region += 1
            stack = []
        key = c.number.scheme
        if any(k == key for k, _, _ in stack):
            while stack[-1][0] != key:
                stack.pop()
            prev = stack.pop()[2]
            if c.number.token:  # an unnumbered heading has no sequence
                _check_sequence(prev, c)
        else:
            while stack and stack[-1][0] != "letter" and rank(stack[-1][0]) >= rank(key):
                stack.pop()
            if c.number.value > 1:
                c.issues.append("skipped_number")
        sec = Section(
            id=f"s{n}", number=c.number.token or None, title=c.title, level=_level(stack, key), scheme=key,
            parent=stack[-1][1].id if stack else None,
            heading=Span(start=start, end=c.end, text=doc.text[start:c.end], section=f"s{n}",
                         page=c.line.block.page if c.line.block else None,
                         paragraph=c.line.block.paragraph if c.line.block else None),
            start=start, end=regions[region][1], inline=c.inline, issues=list(c.issues))
        stack.append((key, sec, c))
        sections.append(sec)
    _close_extents(sections, regions)
    return sections


def _level(stack: list[tuple[str, Section, Candidate]], scheme: str) -> int:
    """One below the open parent; a decimal number keeps its depth where the number between
    was content, not a heading (`2.2.1.` under `2.` when `2.2. … các tiêu chuẩn sau:` is a
    lead-in sentence)."""
    if not stack:
        return 1
    parent_scheme, parent, _ = stack[-1]
    gap = 0
    if scheme.startswith("decimal") and parent_scheme.startswith("decimal"):
        gap = max(0, int(scheme[7:]) - int(parent_scheme[7:]) - 1)
    return parent.level + 1 + gap


def _check_sequence(prev: Candidate, cur: Candidate) -> None:
    if cur.number.value == prev.number.value and cur.number.prefix == prev.number.prefix:
        cur.issues.append("duplicate_number")
    elif cur.number.value > prev.number.value + 1:
        cur.issues.append("skipped_number")


def _close_extents(sections: list[Section], regions: list[tuple[int, int]]) -> None:
    """Each section runs to the next heading of the same or a higher level in its region,
    else to the region's end (one pass with a stack of open sections)."""
    open_: list[Section] = []

    def region_end(pos: int) -> int:
        return next((e for s, e in reversed(regions) if pos >= s), regions[0][1])

    for sec in sections:
        end_here = region_end(sec.start)
        while open_ and (open_[-1].level >= sec.level or region_end(open_[-1].start) != end_here):
            done = open_.pop()
            done.end = sec.start if region_end(done.start) == end_here else region_end(done.start)
        open_.append(sec)
    for sec in open_:
        sec.end = region_end(sec.start)
    for sec in sections:
        sec.end = max(sec.end, sec.heading.end)


@component("sections", assigns=("sections",))
def sections_component(doc: Document, record: Extraction) -> None:
    layout = analyse(doc)
    record.sections = build_tree(doc, layout, candidates(layout))
