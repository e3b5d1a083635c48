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

_NUMBER = regex.compile(r"^Số\s*[:.]?\s*(?P<num>\S*)", regex.I)
_DATE = regex.compile(
    r"ngày(?P<d>[\s.…_]*\d{1,2}[\s.…_]*|[\s.…_]+)tháng(?P<m>[\s.…_]*\d{1,2}[\s.…_]*|[\s.…_]+)năm[\s.…_]*\d{4}",
    regex.I)
_NEWS_DATE = regex.compile(r"\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4}")
_MOTTO = regex.compile(r"CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập", regex.I)
_KIND = regex.compile(r"^(BÁO CÁO|KẾ HOẠCH|HƯỚNG DẪN|QUYẾT ĐỊNH|THÔNG BÁO|TỜ TRÌNH|CHỈ THỊ|NGHỊ QUYẾT|"
                      r"CÔNG VĂN|LỜI KÊU GỌI|THƯ KÊU GỌI|THƯ PHÁT ĐỘNG|PHÁT ĐỘNG)\b")
_SUBJECT = regex.compile(r"^V/v\b", regex.I)
_NAME = regex.compile(r"^(?:\p{Lu}\p{Ll}*\s+){1,4}\p{Lu}\p{Ll}+$")
_UPPER_WORDS = regex.compile(r"^[\p{Lu}\d\s,.\-–&()/]{6,}$")


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
    elif not hit and not md.number and not md.number_blank:
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
    if not md.date and not news_date:
        yield make_finding(ctx, profile, "header.date_missing")


def check_issuer(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    if ctx.record.metadata.issuer:
        return
    for ln in ctx.top_lines:
        if _NUMBER.match(ln.clean) or _KIND.match(ln.clean) or _DATE.search(ln.clean):
            break
        before_motto = _MOTTO.split(ln.clean)[0].strip()
        if _UPPER_WORDS.match(before_motto) and len(before_motto.split()) >= 2:
            return  # an upper-case body name heads the document
    yield make_finding(ctx, profile, "header.issuer_missing")


def check_signer(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    signer = ctx.record.metadata.signer
    if signer and signer.name:
        return
    if any(_NAME.match(ln.clean) and len(ln.clean) <= 40 for ln in ctx.tail_lines):
        return
    yield make_finding(ctx, profile, "header.signer_missing")


def check_title(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    if ctx.record.metadata.title:
        return
    lines = ctx.top_lines
    for i, ln in enumerate(lines):
        if _SUBJECT.match(ln.clean) or (_KIND.match(ln.clean) and i + 1 < len(lines)):
            return
    if profile.kind == "tin_bai" and lines and len(lines[0].clean.split()) >= 5:
        return  # a news item's first line is its headline
    yield make_finding(ctx, profile, "header.title_missing")


CHECKS = [check_number, check_date, check_issuer, check_signer, check_title]
