"""Header completeness: number, date, issuer, signer, title (Nghị định 30/2020, domain.md §4).

The record's metadata says what the segmenter found; a finding of absence is raised only
when a look at the text agrees, so a segmenter miss never becomes a complaint to an office.
"""
from __future__ import annotations

from collections.abc import Iterable

import regex

from extractor.audit.context import AuditContext, Line
from extractor.audit.findings import Finding
from extractor.audit.profiles import Profile
from extractor.audit.rules import make_finding
from extractor.normalise.ocr import fold_key
from extractor.records import PartKind
from extractor.segment.cues import layout_lexicon
from extractor.segment.cues import pattern as segment_pattern

_NUMBER = regex.compile(r"^Số\s*[:.]?\s*(?P<num>\S*)", regex.I)
_DATE = regex.compile(
    r"ngày(?P<d>[\s.…_]*\d{1,2}[\s.…_]*|[\s.…_]+)tháng(?P<m>[\s.…_]*\d{1,2}[\s.…_]*|[\s.…_]+)năm[\s.…_]*\d{4}",
    regex.I)
_NEWS_DATE = regex.compile(r"\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4}")
_MOTTO = regex.compile(r"CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập", regex.I)
_SUBJECT = regex.compile(r"^V/v\b", regex.I)
_NAME = regex.compile(r"^(?:\p{Lu}\p{Ll}*\s+){1,4}\p{Lu}\p{Ll}+$")
_UPPER_WORDS = regex.compile(r"^[\p{Lu}\d\s,.\-–&()/]{6,}$")


# A signing capacity, compared without marks (a scan reads "GIÁM ĐÓC"); "THU TRUONG" is
# both Thứ trưởng and Thủ trưởng.
_SIGNER_TITLE = regex.compile(
    r"^(?:KT\.|TM\.|TL\.|Q\.|TUQ\.)?\s*(?:CHU TICH|PHO CHU TICH|GIAM DOC|PHO GIAM DOC|TONG GIAM DOC|"
    r"PHO TONG GIAM DOC|THU TUONG|PHO THU TUONG|BO TRUONG|THU TRUONG|TRUONG PHONG|TRUONG BAN|"
    r"HIEU TRUONG|CHANH VAN PHONG|TRUONG CUM|NGUOI BAO CAO)\b")
# a date line whatever OCR or a blank form left in it ("ngày ÚT tháng Ÿ năm 2020", "ngày …. tháng … năm …")
_DATE_LOOSE = regex.compile(r"ngày.{0,15}tháng.{0,15}năm", regex.I)


def is_data_page(ctx: AuditContext) -> bool:
    """A sheet or a web page of tables: it opens on a table or a sheet name, with no motto,
    kind word or number line at its head; a văn bản's header is not asked of it."""
    top = ctx.top_lines[:3]
    opens_on_data = any(ln.clean.startswith("=== Sheet") or " | " in ln.raw for ln in top)
    administrative = any(_MOTTO.search(ln.clean) or _NUMBER.match(ln.clean) or _kind_line(ln.clean)
                         for ln in ctx.top_lines)
    return opens_on_data and not administrative


def _closing_start(ctx: AuditContext) -> int:
    """Where the closing (Nơi nhận, signature) may begin: after the last article of a
    decision, else at the distribution list, else past the first third of the text."""
    parts = ctx.record.parts
    articles = [p.start for p in parts if p.kind == PartKind.article]
    closing = [p.start for p in parts if p.kind in (PartKind.distribution, PartKind.signature)]
    if articles:
        return max(articles)
    if closing:
        return min(closing)
    return ctx.lines[len(ctx.lines) // 3].start if ctx.lines else 0


def _signer_title(text: str) -> bool:
    """A signing capacity line, read through OCR's marks and stray leading punctuation."""
    return bool(_SIGNER_TITLE.match(fold_key(text).upper().lstrip(" „“”«»\"'.,:;-_")))


def _kind_word(text: str) -> bool:
    return bool(segment_pattern("kind").match(text))


def _kind_line(text: str) -> bool:
    """A kind word (the segmenter's lexicon, read through a scan's marks: `QUYÉT ĐỊNH`) or a
    heading that takes its place (`PHÁT ĐỘNG …`)."""
    if _kind_word(text):
        return True
    key = fold_key(text).upper().lstrip(" :.-`'\"")
    return any(key.startswith(fold_key(w).upper()) for w in layout_lexicon().get("kindless_title_openers", []))


def number_line(ctx: AuditContext) -> tuple[Line, regex.Match] | None:
    for ln in ctx.top_lines:
        m = _NUMBER.match(ln.clean)
        if m:
            return ln, m
    return None


def date_match(ctx: AuditContext) -> tuple[Line, regex.Match] | None:
    for ln in ctx.top_lines:
        m = _DATE.search(ln.raw)
        if m:
            return ln, m
    return None


def _raw_base(ln: Line) -> int:
    return ln.start - (len(ln.raw) - len(ln.raw.lstrip()))


def _number_is_blank(num: str) -> bool:
    return not num or num.startswith("/") or regex.match(r"^[.…_]+", num) is not None


def _raw_span(ln: Line, needle: str) -> tuple[int, int]:
    """Offsets of `needle` (a piece of the clean line) in the raw line, or the whole line."""
    i = ln.raw.find(needle)
    if i < 0:
        return ln.start, ln.end
    return _raw_base(ln) + i, _raw_base(ln) + i + len(needle)


def check_number(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    md = ctx.record.metadata
    hit = number_line(ctx)
    if hit and _number_is_blank(hit[1].group("num")):
        yield make_finding(ctx, profile, "header.number_blank", _raw_span(hit[0], hit[1].group(0)))
    elif md.number_blank and not hit:
        span = md.spans.get("number")
        yield make_finding(ctx, profile, "header.number_blank", (span.start, span.end) if span else None,
                           quote=span.text if span else "Số: /…")
    elif not hit and not md.number and not md.number_blank and not is_data_page(ctx):
        yield make_finding(ctx, profile, "header.number_missing")


def check_date(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    md = ctx.record.metadata
    hit = date_match(ctx)
    if hit:
        ln, m = hit
        blank = [part for part, group in (("ngày", "d"), ("tháng", "m")) if not regex.search(r"\d", m.group(group))]
        if blank:
            base = _raw_base(ln)
            yield make_finding(ctx, profile, "header.date_blank", (base + m.start(), base + m.end()),
                               parts=" và ".join(blank))
        return
    if md.date_blank_parts:
        names = {"day": "ngày", "month": "tháng"}
        span = md.spans.get("date")
        yield make_finding(ctx, profile, "header.date_blank", (span.start, span.end) if span else None,
                           parts=" và ".join(names.get(p, p) for p in md.date_blank_parts),
                           quote=span.text if span else "")
        return
    news_date = any(_NEWS_DATE.search(ln.clean) for ln in ctx.lines[:6])
    if any(_DATE_LOOSE.search(ln.clean) for ln in ctx.top_lines):
        return  # the line is there; a scan's or a blank form's digits are not readable
    if _is_minutes(ctx) and any(_NEWS_DATE.search(ln.clean) for ln in ctx.lines[:20]):
        return  # minutes open their body on the date of the meeting
    if not md.date and not news_date and not is_data_page(ctx):
        yield make_finding(ctx, profile, "header.date_missing")


def _is_minutes(ctx: AuditContext) -> bool:
    return any(fold_key(ln.clean).upper().lstrip(" :.-").startswith("BIEN BAN") for ln in ctx.top_lines)


def check_issuer(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    if ctx.record.metadata.issuer or is_data_page(ctx):
        return
    for ln in ctx.top_lines:
        if _NUMBER.match(ln.clean) or _kind_line(ln.clean) or _DATE.search(ln.clean):
            break
        before_motto = _MOTTO.split(ln.clean)[0].strip()
        if _UPPER_WORDS.match(before_motto) and len(before_motto.split()) >= 2:
            return  # an upper-case body name heads the document
    yield make_finding(ctx, profile, "header.issuer_missing")


def check_signer(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    md = ctx.record.metadata
    if any(s and s.name for s in [md.signer, *md.signers]):
        return
    if any(_NAME.match(ln.clean) and len(ln.clean) <= 40 for ln in ctx.tail_lines):
        return
    if _signature_part_names_someone(ctx) or is_data_page(ctx):
        return  # signed above the annexes or forms that end the file
    closing = _closing_start(ctx)
    if any(_signer_title(ln.clean) for ln in ctx.lines if ln.start >= closing):
        return  # the signing capacity is printed: the name is there, under a seal OCR could not read
    yield make_finding(ctx, profile, "header.signer_missing")


def _signature_part_names_someone(ctx: AuditContext) -> bool:
    """A signature block the segmenter found, anywhere before the end, ending in a name."""
    for part in ctx.record.parts:
        if part.kind == PartKind.signature:
            words = ctx.text[part.start:part.end].split()
            tail = " ".join(words[-4:])
            if regex.search(r"(?:\p{Lu}\p{Ll}+\s+){1,3}\p{Lu}\p{Ll}+$", tail):
                return True
    return False


def check_title(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    if ctx.record.metadata.title:
        return
    lines = ctx.top_lines
    for i, ln in enumerate(lines):
        if _SUBJECT.match(ln.clean) or (_kind_line(ln.clean) and i + 1 < len(lines)):
            return
    if profile.kind == "tin_bai" and lines and len(lines[0].clean.split()) >= 5:
        return  # a news item's first line is its headline
    yield make_finding(ctx, profile, "header.title_missing")


CHECKS = [check_number, check_date, check_issuer, check_signer, check_title]
