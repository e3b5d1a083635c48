"""Component "header": Metadata (ANNOTATION.md, metadata) and the document's Parts.

Administrative documents: issuer from the header block (lower line of the issuer
column), `Số:`, place-and-date line, kind word and subject (or `V/v`), Kính gửi, and the
signer (signer.py).
News articles: headline, publication date line, byline. Every field keeps its Span.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from extractor.model import BlockKind, Document, Format
from extractor.normalise.ocr import fold_key
from extractor.pipeline import component
from extractor.provenance import make_span
from extractor.records import ColumnMeaning, DocType, Extraction, Metadata, Period
from extractor.resources import ResourceError, load_yaml
from extractor.segment.casing import sentence_case
from extractor.segment.layout import (
    Layout, analyse, byline_prefix, is_upper_line, kind_match, layout_lexicon, news_lexicon, parts, pattern,
)
from extractor.segment.issuer import group_fragments
from extractor.segment.lines import Line
from extractor.segment.metadata_builder import MetadataBuilder
from extractor.segment.signer import read_signers
from extractor.segment.tables import meaning_of

_PLACE = regex.compile(
    r"(?<![\p{L}\d/\-.])(?P<place>\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,5})\s*,\s*ngày", regex.V1)


_LEAD_LINES = 4  # news: the lead paragraphs that may name the period


# --- title, doc type, period ----------------------------------------------------------

def _title(b: MetadataBuilder, layout: Layout) -> None:
    if not layout.title:
        return
    first = layout.title[0]
    at = 0  # where the subject starts in the first title line
    if layout.news:
        at = 0
    elif first is layout.kind_line and not _is_sheet(b.doc):
        km = kind_match(first)  # a sheet's merged title row is its title, kind word and all
        at = km.start("rest") if km else 0
    elif layout.subject_prefix:
        m = pattern("subject").match(first.clean)
        at = m.start("rest") if m else 0
    text = " ".join([first.clean[at:]] + [ln.clean for ln in layout.title[1:]])
    vv = regex.match(r"^V\s*/\s*v\.?\s*[:.]?\s*", text) if first is layout.kind_line or not layout.subject_prefix else None
    if vv:  # `QUYẾT ĐỊNH` / `V/v Công nhận …`: the subject is after `V/v`
        text, at = text[vv.end():], at + vv.end()
    text = regex.sub(r"[\s.…_]+$", "", regex.sub(r"\s+", " ", text))  # no period, no blank to fill
    if not text:
        return
    b.meta.title = text
    last = layout.title[-1]
    start = first.span(at, at + 1)[0]
    end = last.span()[1]
    b.meta.spans["title"] = make_span(b.doc, b.record, start, end)


_SHEETS = (Format.xlsx, Format.xls)


def _is_sheet(doc: Document) -> bool:
    """A workbook, or a workbook exported as text whose blocks keep their sheet's name."""
    return doc.format in _SHEETS or any(block.sheet for block in doc.blocks[:_SHEET_HEADER_SCAN])


def _lists_recipients(layout: Layout) -> bool:
    """The first table's header names recipients and the award proposed for each."""
    row = next((ln for ln in layout.lines[:_SHEET_HEADER_SCAN] if ln.kind == BlockKind.table_row), None)
    if row is None:
        return False
    meanings = {meaning_of(cell) for cell in row.clean.split("|")}
    return {ColumnMeaning.name, ColumnMeaning.award} <= meanings


_SHEET_HEADER_SCAN = 5


def _doc_type(b: MetadataBuilder, layout: Layout) -> None:
    if layout.news:
        # A web page of tables, with no publication date under its headline and no byline,
        # is a page (a unit's list of titles), not an article.
        page = layout.date_line is None and layout.byline is None and any(
            ln.kind == BlockKind.table_row for ln in layout.lines)
        b.meta.doc_type = DocType.khac if page else DocType.tin_bai
        if _is_sheet(b.doc) and _lists_recipients(layout):
            b.meta.doc_type = DocType.danh_sach  # a nomination sheet with no title row
        return
    kind = layout.kind or "khac"
    title = (b.meta.title or "").lower()
    if kind in DocType.__members__:
        b.meta.doc_type = DocType(kind)
    else:
        for rule in layout_lexicon()["doc_type_rules"]:
            hit = any(title.startswith(c) for c in rule.get("cues", [])) if rule.get("starts") \
                else any(c in title for c in rule.get("cues", []))
            if kind in rule["kinds"] and (not rule.get("cues") or hit):
                b.meta.doc_type = DocType(rule["doc_type"])
                break
    if layout.kind_line is not None:
        b.span_lines("doc_type", [layout.kind_line])


@lru_cache(maxsize=1)
def _period_patterns() -> tuple[list[tuple[regex.Pattern, str]], regex.Pattern]:
    name = "segment_periods.yaml"
    data = load_yaml(name)
    if not isinstance(data.get("periods"), list):
        raise ResourceError(f"{name}: key 'periods' must be a list")
    out = []
    for i, item in enumerate(data["periods"]):
        if "pattern" not in item or "label" not in item:
            raise ResourceError(f"{name}: periods[{i}] needs 'pattern' and 'label'")
        out.append((regex.compile(item["pattern"], regex.I), item["label"]))
    if "name_bound_before" not in data:
        raise ResourceError(f"{name}: key 'name_bound_before' is missing")
    return out, regex.compile(data["name_bound_before"], regex.I)


def period_of(text: str) -> Period | None:
    """The period `text` names first (a label, and the year in or after it); a period
    inside an event's name ("lần thứ V, giai đoạn 2020 - 2025") does not count."""
    patterns, name_bound = _period_patterns()
    best: tuple[int, regex.Match, str] | None = None
    for pat, label in patterns:
        for m in pat.finditer(text):
            if name_bound.search(text[max(0, m.start() - 40):m.start()]):
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), m, label)
            break
    if best is None:
        return None
    _, m, label = best
    groups = {k: v for k, v in m.groupdict().items() if v}
    year = groups.get("y1")
    if year is None:
        later = regex.search(r"(?<!\d)(\d{4})(?!\d)", text[m.end():])
        year = later.group(1) if later else None
    return Period(year=int(year) if year else None, label=label.format(**groups))


def _period(b: MetadataBuilder, layout: Layout) -> None:
    """From the title; a news headline naming no period leaves it to the lead paragraphs."""
    if b.meta.title:
        b.meta.period = period_of(b.meta.title)
        if b.meta.period and "title" in b.meta.spans:
            b.meta.spans["period"] = b.meta.spans["title"]
    if b.meta.period is None and layout.news:
        for ln in layout.body_lines()[:_LEAD_LINES]:
            found = period_of(ln.clean)
            if found:
                b.meta.period = found
                b.span_lines("period", [ln])
                return


# --- header block: number, issuer, place and date --------------------------------------

def _number(b: MetadataBuilder, layout: Layout) -> None:
    for ln in layout.header:
        m = pattern("number").search(ln.clean)
        if not m:
            continue
        token = m.group("num").rstrip(".,;") + _number_tail(ln.clean, m.end("num"), m.group("num"))
        if token[:1].isdigit():
            b.meta.number = token
            b.span("number", ln, m.start("num"), m.start("num") + len(token))
        else:
            b.meta.number_blank = True  # "Số: /BC-UBND": left blank in the draft
        return


_SPACED_SLASH = regex.compile(r"\s+/\s*[^\s|]+")
_SPLIT_DIGITS = regex.compile(r"\s(\d+/[^\s|]+)")
_SPACED_PART = regex.compile(r"\s+[\p{Lu}Đ][\p{Lu}\dĐ&.-]*")


def _number_tail(text: str, end: int, token: str) -> str:
    """What a filled-in symbol keeps after a space, as printed: `25 /KH-UBND`, `1276/QĐ- VNPT-…`."""
    tail = ""
    while True:
        more = _tail_step(text, end + len(tail), token + tail)
        if not more:
            return tail
        tail += more


def _tail_step(text: str, end: int, token: str) -> str:
    if token.isdigit():
        m = _SPACED_SLASH.match(text, end)
        if m:
            return m.group(0)
        d = _SPLIT_DIGITS.match(text, end) if len(token) <= 2 else None
        return d.group(1) if d else ""  # `6 40/QĐ-…`: a PDF's glyph gap inside the number
    if token.endswith("-"):
        m = _SPACED_PART.match(text, end)
        return m.group(0) if m else ""
    return ""


def _issuer_fragments(layout: Layout) -> list[tuple[Line, int, str]]:
    """Capitalised issuer-column fragments (line, offset in clean, text), top to bottom."""
    out: list[tuple[Line, int, str]] = []
    stop = layout.kind_line.index if layout.kind_line else None
    for ln in layout.header:
        if stop is not None and ln.index > stop:
            break
        text = ln.clean
        cut = len(text)
        for name in ("motto", "number", "date", "form_label"):
            m = pattern(name).search(text)
            if m:
                cut = min(cut, m.start())
        if pattern("number").search(text) is None and pattern("date").search(text):
            place = _PLACE.search(text)
            cut = min(cut, place.start()) if place else cut
        for piece in regex.finditer(r"[^|]+", text[:cut]):
            frag = piece.group().strip(" -–—_=*.:")
            if frag and is_upper_line(frag) and not kind_match_text(frag) and not _placeholder(frag):
                out.append((ln, piece.start() + piece.group().index(frag), frag))
    return out


def _placeholder(text: str) -> bool:
    key = fold_key(regex.sub(r"[\s(\d)*]+$", "", text))  # `ĐƠN VỊ CẤP TRÊN (1)`
    return any(key == fold_key(p) for p in layout_lexicon().get("placeholder_issuers", []))


def kind_match_text(text: str) -> bool:
    return any(fold_key(text.strip()) == fold_key(k["word"]) for k in layout_lexicon()["kind_words"])


def _issuer(b: MetadataBuilder, layout: Layout) -> None:
    """The lowest body of the header's left column; the one above it is the parent. A name
    broken over two lines is joined first (`ỦY BAN NHÂN DÂN` / `HUYỆN YÊN THẾ`)."""
    frags = _issuer_fragments(layout)
    if not frags:
        return
    groups = group_fragments([text for _, _, text in frags])
    for key, group in (("issuer", groups[-1]), ("parent_issuer", groups[-2] if len(groups) > 1 else None)):
        if group is None:
            continue
        text = " ".join(frags[i][2] for i in group)
        setattr(b.meta, key, sentence_case(text))
        (ln0, at0, _), (ln1, at1, t1) = frags[group[0]], frags[group[-1]]
        start, end = ln0.span(at0, at0 + 1)[0], ln1.span(at1, at1 + len(t1))[1]
        b.meta.spans[key] = make_span(b.doc, b.record, start, end)


def _place_date(b: MetadataBuilder, layout: Layout) -> None:
    for ln in layout.header:
        m = pattern("date").search(ln.clean)
        if not m:
            continue
        num = pattern("number").search(ln.clean)
        place = _PLACE.search(ln.clean, num.end() if num else 0)
        if place:
            b.meta.place = place.group("place")
            b.span("place", ln, place.start("place"), place.end("place"))
        if m.group("dx") or m.group("mx"):
            return  # the date is printed but unreadable: neither blank nor known
        _set_date(b, m.group("y"), m.group("m"), m.group("d"))
        b.span("date", ln, m.start(), m.end())
        return


def _set_date(b: MetadataBuilder, year: str | None, month: str | None, day: str | None) -> None:
    year, month, day = (v.replace(" ", "") if v else v for v in (year, month, day))
    if not year:
        return
    if not month:
        b.meta.date = year
        b.meta.date_blank_parts = ["day", "month"] if not day else ["month"]
        return
    if not day:
        b.meta.date = f"{int(year):04d}-{int(month):02d}"
        b.meta.date_blank_parts = ["day"]
        return
    b.meta.date = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


# --- signature and recipients ----------------------------------------------------------

def _decided_by(b: MetadataBuilder, layout: Layout) -> None:
    lines = layout.decision.authority
    if lines:
        b.meta.decided_by = sentence_case(" ".join(ln.clean for ln in lines))
        b.span_lines("decided_by", lines)


def _recipients(b: MetadataBuilder, layout: Layout) -> None:
    if not layout.recipients:
        return
    first = layout.recipients[0]
    m = pattern("recipients").match(first.clean)
    head = m.group("rest").strip() if m else ""
    items: list[str] = []
    tail = [ln.clean for ln in layout.recipients[1:]]
    if tail and all(t.startswith(("-", "+", "•")) for t in tail):
        items = ([head] if head and not head.endswith(":") else []) + [t.lstrip("-+• ").strip() for t in tail]
    else:
        items = [" ".join([head] + tail)]
    b.meta.recipients = [regex.sub(r"[\s.;,]+$", "", regex.sub(r"\s+", " ", i)) for i in items if i.strip()]
    b.span_lines("recipients", layout.recipients)


# --- news -----------------------------------------------------------------------------

def _news_date(b: MetadataBuilder, layout: Layout) -> None:
    ln = layout.date_line
    if ln is None:
        return
    m = pattern("news_date").search(ln.clean)
    if m:
        _set_date(b, m.group("y"), m.group("m"), m.group("d"))
        b.span("date", ln, m.start(), m.end())


def author_of(text: str) -> tuple[int, int] | None:
    """[i, j) of the author's name inside a byline, prefix and organisation removed."""
    i = 0
    prefix = byline_prefix(text)
    if prefix:
        i = prefix.end()
    j = len(text)
    for sep in news_lexicon()["byline_org_separators"]:
        k = text.find(sep, i)
        if k > i:
            j = min(j, k)
    while j > i and text[j - 1] in " .,;":
        j -= 1
    return (i, j) if j > i else None


def _author(b: MetadataBuilder, layout: Layout) -> None:
    ln = layout.byline
    if ln is None:
        return
    at = author_of(ln.clean)
    if at:
        b.meta.author = ln.clean[at[0]:at[1]]
        b.span("author", ln, *at)


# --- component ------------------------------------------------------------------------

def read_metadata(doc: Document, record: Extraction) -> Metadata:
    layout = analyse(doc)
    b = MetadataBuilder(doc, record)  # spans carry no section: the header runs before the tree
    _title(b, layout)
    _doc_type(b, layout)
    _period(b, layout)
    if layout.news:
        _news_date(b, layout)
        _author(b, layout)
    else:
        _number(b, layout)
        _issuer(b, layout)
        _place_date(b, layout)
        read_signers(b, layout)
        _recipients(b, layout)
        _decided_by(b, layout)
    return b.meta


@component("header", assigns=("metadata", "parts"))
def header_component(doc: Document, record: Extraction) -> None:
    record.metadata = read_metadata(doc, record)
    record.parts = parts(analyse(doc))


__all__ = ["header_component", "read_metadata", "period_of", "author_of"]
