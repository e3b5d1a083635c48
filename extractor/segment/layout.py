"""The non-section regions of a document: header block, title block, Kính gửi, body,
Nơi nhận, signature, attachments (a decision's list, the regulation it issues), footnotes,
web boilerplate — found on the text of lines (block kind is extra evidence), so a document
reads the same as .txt, .docx and .pdf.

`analyse(doc)` is shared by the header and section components and cached per document.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractor.model import BlockKind, Document
from extractor.normalise.ocr import fold_key
from extractor.records import Part, PartKind
from extractor.segment.attachments import Attachment, find_attachments, is_note, opens_with_title_word
from extractor.segment.cues import (  # noqa: F401  (re-exported for the header reader)
    byline_prefix, has_date, has_form_label, has_number, holds_motto, is_motto, is_name, is_upper_line,
    kind_match, layout_lexicon, news_lexicon, pattern,
)
from extractor.segment.decision import DecisionParts, read_decision
from extractor.segment.lines import Line, document_lines
from extractor.segment.signature import (  # noqa: F401
    SignatureBlock, distribution, is_noise, signature_blocks, split_office_name,
)

_TOP_SCAN = 30  # the header block and title block sit in the first lines
_ADMIN_CUE_SCAN = 12

@dataclass
class Layout:
    lines: list[Line]
    news: bool = False
    header: list[Line] = field(default_factory=list)  # issuer, motto, Số, place-date
    kind: str | None = None  # kind of the kind word ("bao_cao", "letter", a DocType value)
    kind_line: Line | None = None
    title: list[Line] = field(default_factory=list)  # subject / V/v / news headline lines
    subject_prefix: bool = False  # title is a letter's V/v line
    recipients: list[Line] = field(default_factory=list)
    distribution: list[Line] = field(default_factory=list)
    signature: list[Line] = field(default_factory=list)  # every signature line (all blocks)
    signatures: list[SignatureBlock] = field(default_factory=list)  # the blocks, the signer's last
    attachments: list[Attachment] = field(default_factory=list)
    own_note: list[Line] = field(default_factory=list)  # the document's own kèm-theo line
    decision: DecisionParts = field(default_factory=DecisionParts)
    footnotes: list[list[Line]] = field(default_factory=list)
    boilerplate: list[Line] = field(default_factory=list)
    date_line: Line | None = None  # news publication date
    byline: Line | None = None
    body_start: int = 0  # line indices [body_start, body_end)
    body_end: int = 0

    @property
    def excluded(self) -> set[int]:
        """Lines inside the body range that are not body text."""
        out = {ln.index for group in self.footnotes for ln in group}
        out |= {ln.index for ln in self.boilerplate}
        return out

    def body_lines(self) -> list[Line]:
        """The main body, then each attachment's body (its header, title and kèm-theo line left out)."""
        skip = self.excluded
        out = [ln for ln in self.lines[self.body_start:self.body_end] if ln.index not in skip]
        for att in self.attachments:
            out += [ln for ln in self.lines[att.body_start:att.end] if ln.index not in skip]
        return out

    def main_body(self) -> list[Line]:
        skip = self.excluded
        return [ln for ln in self.lines[self.body_start:self.body_end] if ln.index not in skip]

    def body_end_offset(self, text_len: int) -> int:
        """Where the body ends in the text: start of the first line after it."""
        if self.body_end < len(self.lines):
            return self.lines[self.body_end].start
        return text_len


_cache: dict[int, tuple[Document, Layout]] = {}


def analyse(doc: Document) -> Layout:
    """The Layout of `doc` (computed once per Document object)."""
    hit = _cache.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    layout = _analyse(doc)
    if len(_cache) > 16:
        _cache.clear()
    _cache[id(doc)] = (doc, layout)
    return layout


def _analyse(doc: Document) -> Layout:
    lines = document_lines(doc)
    layout = Layout(lines=lines, body_end=len(lines))
    if not lines:
        return layout
    layout.footnotes = _footnotes(lines)
    if _is_administrative(lines):
        _read_top(layout)
        notes = {ln.index for group in layout.footnotes for ln in group}
        layout.attachments = find_attachments(lines, layout.body_start, notes)
        end = layout.attachments[0].start if layout.attachments else len(lines)
        _read_end(layout, end, notes)
        layout.decision = read_decision(layout.main_body())
    else:
        layout.news = True
        _read_news(layout)
    return layout


# --- line predicates ----------------------------------------------------------------

def _is_administrative(lines: list[Line]) -> bool:
    for ln in lines[:_ADMIN_CUE_SCAN]:
        if (kind_match(ln) or has_number(ln) or is_motto(ln) or holds_motto(ln) or has_form_label(ln)
                or pattern("subject").match(ln.clean) or pattern("recipients").match(ln.clean)
                or ln.kind == BlockKind.header):
            return True
    return False


# --- top: header block, title block, Kính gửi -----------------------------------------

def _read_top(layout: Layout) -> None:
    lines = layout.lines
    i, seen_title = 0, False
    while i < min(len(lines), _TOP_SCAN):
        ln = lines[i]
        if ln.note_start:
            break
        if not seen_title and is_noise(ln.clean):
            i += 1  # an e-signing stamp printed over the header (`Ký bởi: … Ngày ký: …`)
            continue
        km = kind_match(ln) if layout.kind_line is None else None
        if km:
            layout.kind_line = ln
            layout.kind = _kind_of(km.group("kind"))
            i = _read_subject(layout, i, inline=bool(km.group("rest")))
            seen_title = True
            continue
        if not seen_title and pattern("subject").match(ln.clean):
            layout.subject_prefix = True
            i = _subject_to_recipients(layout, _read_subject(layout, i, inline=True))
            layout.kind = layout.kind or "letter"
            seen_title = True
            continue
        if pattern("recipients").match(ln.clean):
            i = _read_recipients(layout, i)
            continue
        if not seen_title and _heading_title(layout, ln):
            i = _read_heading_title(layout, i)
            seen_title = True
            continue
        if seen_title and is_note(ln):
            layout.own_note.append(ln)  # a list's `(Kèm theo Tờ trình số … ngày …)` under its title
            i += 1
            continue
        if ln.kind == BlockKind.header or has_number(ln) or has_date(ln) or is_motto(ln) \
                or holds_motto(ln) or has_form_label(ln) or _is_rule_text(ln.clean) or _blank_date(ln) \
                or (not seen_title and _is_issuer_line(ln)):
            layout.header.append(ln)
            i += 1
            continue
        if layout.title and _title_tail(layout.title[-1], ln):
            layout.title.append(ln)  # the subject's last words, pushed below the header columns
            i += 1
            continue
        break
    layout.body_start = i


def _heading_title(layout: Layout, ln: Line) -> bool:
    """A capitalised heading with no kind word that is the document's title, not an issuer
    line: one opening with a list or table word (`BẢNG TỔNG HỢP …`, `DANH MỤC …`), or any
    capitalised paragraph once the header's date line has passed (issuers sit above it)."""
    text = ln.clean
    if not is_upper_line(text) or len(text) > 200 or ln.kind in (BlockKind.table_row, BlockKind.header) \
            or kind_match(ln) or regex.match(r"^[IVXLC]+\s*\.", text) or has_date(ln) or has_number(ln) \
            or is_motto(ln) or holds_motto(ln) or pattern("capacity").match(text):
        return False
    return opens_with_title_word(text) or any(has_date(h) for h in layout.header)


def _read_heading_title(layout: Layout, i: int) -> int:
    """The heading and the capitalised lines that finish it (`PHÂN CÔNG NHIỆM VỤ` / `CÁC …`)."""
    lines = layout.lines
    layout.title.append(lines[i])
    j = i + 1
    while j < len(lines) and len(layout.title) < 3 and _heading_title(layout, lines[j]) \
            and not layout.title[-1].clean.endswith((".", ";", ":")):
        layout.title.append(lines[j])
        j += 1
    return j


def _title_tail(prev: Line, ln: Line) -> bool:
    """A short fragment finishing the subject line, placed after the header block by a
    PDF whose left column wrapped ("… năm" / "2021")."""
    from extractor.segment.sections import parse_number  # local: sections imports layout

    text = ln.clean
    return (ln.index > prev.index + 1 and len(text) <= 40 and not prev.clean.endswith((".", ";", ":"))
            and (text[:1].islower() or text[:1].isdigit()) and not parse_number(text)
            and not text.endswith((".", ":")))


def _blank_date(ln: Line) -> bool:
    """A form's place-date line left to fill in (`Tỉnh (thành phố), ngày …. tháng … năm …..`)."""
    return len(ln.clean) < 120 and bool(_BLANK_DATE.search(ln.clean))


_BLANK_DATE = regex.compile(r"ngày[\s.…_]+tháng[\s.…_]+năm[\s.…_]*$", regex.I)


def _is_rule_text(text: str) -> bool:
    return bool(regex.fullmatch(r"[-_=–—.*\s]{3,}", text))


def _is_issuer_line(ln: Line) -> bool:
    return is_upper_line(ln.clean) and len(ln.clean) <= 90 and not regex.match(r"^[IVXLC]+\s*\.", ln.clean)


def _kind_of(word: str) -> str:
    for item in layout_lexicon()["kind_words"]:
        if fold_key(item["word"]) == fold_key(word):  # as OCR'd (kind_match is accent-tolerant)
            return item["kind"]
    return "khac"


def _read_subject(layout: Layout, i: int, inline: bool) -> int:
    """Title lines from line i (the kind line when `inline` is false, else the subject)."""
    lines = layout.lines
    first = i if inline else i + 1
    if first >= len(lines) or not _can_be_subject(lines[first]):
        return i + 1
    layout.title.append(lines[first])
    j = first + 1
    while j < len(lines) and _continues_subject(layout.title, lines[j]):
        layout.title.append(lines[j])
        j += 1
    return j


def _subject_to_recipients(layout: Layout, i: int) -> int:
    """A letter's `V/v` subject runs on to `Kính gửi`: a short line or two between them
    (`Website; Nghị định 30/2020/NĐ-CP.`) finishes it, whatever its first letter."""
    lines = layout.lines
    k = i
    while k < len(lines) and k - i < 2 and _can_be_subject(lines[k]) and len(lines[k].clean) <= 120 \
            and not (is_motto(lines[k]) or holds_motto(lines[k]) or kind_match(lines[k])) \
            and not pattern("recipients").match(lines[k].clean):
        k += 1
    if k == i or k >= len(lines) or not pattern("recipients").match(lines[k].clean):
        return i
    layout.title.extend(lines[i:k])
    return k


def _can_be_subject(ln: Line) -> bool:
    from extractor.segment.sections import parse_number  # local: sections imports layout

    return not (parse_number(ln.clean) or has_number(ln) or has_date(ln) or ln.note_start
                or pattern("recipients").match(ln.clean) or len(ln.clean) > 300)


def open_bold(lines: list[Line]) -> bool:
    """An open Markdown bold run (`**…` not yet closed) spans the end of these lines."""
    return sum(ln.raw.count("**") for ln in lines) % 2 == 1


_BODY_OPENERS = regex.compile(r"^(?:Căn\s+cứ|Thực\s+hiện|Kính\s+gửi|Xét|Theo|Nhằm|Để|Trong|Năm|Ngày)\b", regex.I)


def _continues_subject(title: list[Line], nxt: Line) -> bool:
    prev = title[-1]
    if not _can_be_subject(nxt) or pattern("subject").match(nxt.clean) or _is_rule_text(nxt.clean):
        return False
    if regex.search(r"(?:…|\.{3}|_{3})\s*$", prev.clean):
        return False  # a form's subject ends in the blank left to fill; its instructions follow
    if open_bold(title):
        return True
    if prev.clean.endswith((".", ";", ":")):
        return False
    if nxt.clean[:1].islower():
        return True
    # A long subject broken before a capitalised name (`… được tặng` / `Kỷ niệm chương …`);
    # a line ending in a colon opens what follows (a công điện's `THỦ TƯỚNG … điện:`).
    return (len(prev.clean) >= 30 and len(nxt.clean) <= 120 and not is_upper_line(nxt.clean)
            and not nxt.clean.endswith((".", ";", ":")) and not _BODY_OPENERS.match(nxt.clean)
            and nxt.kind not in (BlockKind.table_row, BlockKind.header) and len(title) < 3)


def _read_recipients(layout: Layout, i: int) -> int:
    lines = layout.lines
    layout.recipients.append(lines[i])
    j = i + 1
    while j < len(lines):
        prev, ln = lines[j - 1].clean, lines[j].clean
        if ln.startswith(("-", "+", "•")) or (prev.endswith((":", ",", ";")) and len(ln) < 160) \
                or (ln[:1].islower() and not prev.endswith(".")):
            layout.recipients.append(lines[j])
            j += 1
            continue
        break
    return j


# --- end: Nơi nhận and signature -----------------------------------------------------

def _read_end(layout: Layout, end: int, notes: set[int]) -> None:
    """Nơi nhận and signature(s) of the main document, which ends at line `end`."""
    lines = layout.lines
    layout.distribution = distribution(lines, layout.body_start, end, notes)
    in_dist = {ln.index for ln in layout.distribution}
    layout.signatures = signature_blocks(lines, layout.body_start, end, in_dist | notes)
    layout.signature = sorted((ln for b in layout.signatures for ln in b.lines), key=lambda ln: ln.index)
    starts = [g[0].index for g in [layout.distribution, layout.signature] if g]
    stop = min(starts) if starts else end
    # Footnotes gathered at the end of the document (Word) also close the body.
    while stop > layout.body_start and lines[stop - 1].index in notes:
        stop -= 1
    layout.body_end = max(stop, layout.body_start)


# --- footnotes ------------------------------------------------------------------------

def _footnotes(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if not ln.note_start:
            i += 1
            continue
        group = [ln]
        if i > 0 and lines[i - 1].rule:
            group.insert(0, lines[i - 1])
        j = i + 1
        while j < len(lines) and not lines[j].note_start and (
                lines[j].kind == BlockKind.footnote or lines[j].clean.startswith(("-", "+"))):
            group.append(lines[j])
            j += 1
        groups.append(group)
        i = j
    return groups


# --- news -----------------------------------------------------------------------------

def _read_news(layout: Layout) -> None:
    lines = layout.lines
    news = news_lexicon()
    if lines[0].kind == BlockKind.table_row:
        layout.body_start = 0  # a sheet or page opening with a table has no headline
        layout.body_end = len(lines)
        return
    layout.title = [lines[0]]
    i = 1
    for ln in lines[1:4]:
        if len(ln.clean) <= news.get("date_line_max_chars", 60) and pattern("news_date").search(ln.clean):
            layout.date_line = ln
            i = ln.index + 1
            break
    layout.body_start = i
    prev = None
    for ln in lines[i:]:
        if pattern("boilerplate").search(ln.clean) or (prev is not None and ln.clean == prev.clean):
            layout.boilerplate.append(ln)
        prev = ln
    furniture = {ln.index for ln in layout.boilerplate}
    rest = [ln for ln in lines[i:] if ln.index not in furniture]
    end = len(lines)
    if rest and _is_byline(rest[-1].clean):
        layout.byline = rest[-1]
        end = rest[-1].index
    # Furniture after the article (rating, comments) closes the body.
    while end > i and lines[end - 1].index in furniture:
        end -= 1
    layout.body_end = end


def _is_byline(text: str) -> bool:
    news = news_lexicon()
    if len(text) > news.get("byline_max_chars", 60) or text.endswith((".", ":", ";", "!", "?")):
        return False
    if byline_prefix(text) is not None:
        return True
    words = regex.findall(r"[\p{L}&.]+", text)
    return 1 <= len(words) <= 10 and all(w[:1].isupper() for w in words[:3])


def parts(layout: Layout) -> list[Part]:
    """The recognised non-section regions, in document order."""
    out: list[Part] = []

    def add(kind: PartKind, group: list[Line]) -> None:
        if group:
            out.append(Part(kind=kind, start=group[0].start, end=group[-1].end))

    title = sorted(([layout.kind_line] if layout.kind_line else []) + layout.title, key=lambda ln: ln.index)
    for run in _contiguous(title):
        add(PartKind.title_block, run)
    add(PartKind.recipients, layout.recipients)
    add(PartKind.attachment_note, layout.own_note)
    for group in layout.footnotes:
        add(PartKind.footnotes, group)
    for ln in layout.boilerplate:
        add(PartKind.boilerplate, [ln])
    add(PartKind.distribution, layout.distribution)
    for block in layout.signatures:
        add(PartKind.signature, block.lines)
    _decision_parts(layout, add, out)
    for att in layout.attachments:
        for run in _contiguous(att.header + att.title):
            add(PartKind.title_block, run)
        add(PartKind.attachment_note, att.note)
        last = layout.lines[att.end - 1]
        out.append(Part(kind=PartKind.attachment, start=layout.lines[att.start].start, end=last.end,
                        label=att.title_text))
    return sorted(out, key=lambda p: p.start)


def _decision_parts(layout: Layout, add, out: list[Part]) -> None:
    d = layout.decision
    add(PartKind.authority, d.authority)
    for run in _contiguous(d.bases):
        add(PartKind.legal_basis, run)
    if d.formula is not None:
        add(PartKind.enacting_formula, [d.formula])
    for art in d.articles:
        out.append(Part(kind=PartKind.article, start=art.lines[0].start, end=art.lines[-1].end, label=art.label))


def _contiguous(lines: list[Line]) -> list[list[Line]]:
    runs: list[list[Line]] = []
    for ln in lines:
        if runs and ln.index == runs[-1][-1].index + 1:
            runs[-1].append(ln)
        else:
            runs.append([ln])
    return runs
