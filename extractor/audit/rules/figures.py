"""Figures that do not add up: a ratio and its stated percentage, parts above their total,
a percentage of plan that the stated actual and plan do not give. Read from the text (the
same number grammar as the recognisers), so the checks hold whatever the recogniser kept."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from extractor.audit.context import AuditContext
from extractor.audit.findings import Finding, Severity
from extractor.audit.folding import fold
from extractor.audit.profiles import Profile
from extractor.audit.rules import make_finding
from extractor.normalise.numbers import DIGITS, amount_pattern, parse_digits, parse_vn_number

_PLAN = r"(?:kế\s+hoạch|KH|dự\s+toán|chỉ\s+tiêu)"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern]:
    amt = amount_pattern()
    return {
        # 14/12 xã = 116,7% · 3.167/3.192 hồ sơ (đạt 99,21%) · 7/8 huyện, chiếm 87,5%
        "ratio": regex.compile(
            rf"(?<![\d/.,])(?P<num>{DIGITS})\s*/\s*(?P<den>{DIGITS})(?![\d/])"
            rf"(?P<gap>[^\d;:\n%]{{0,50}}?)(?P<pct>{DIGITS})\s*%", regex.I),
        # 43 DN …, bằng 61,4% kế hoạch tỉnh giao (KH: 70 DN)
        "plan_after": regex.compile(
            rf"(?<![\d/.,])(?P<actual>{amt})(?P<unit>[^\d;()\n%]{{0,40}}?)(?:bằng|đạt)\s*(?P<pct>{DIGITS})\s*%"
            rf"\s*(?:so\s+với\s+)?{_PLAN}[^\d;()\n]{{0,25}}\(\s*{_PLAN}\s*:?\s*(?P<plan>{amt})", regex.I),
        # 50 tỷ đồng/KH 45 tỷ đồng, đạt 111,1%
        "plan_slash": regex.compile(
            rf"(?<![\d/.,])(?P<actual>{amt})(?P<unit>[^\d;()\n/%]{{0,20}}?)\s*/\s*{_PLAN}\s*:?\s*(?P<plan>{amt})"
            rf"[^\d;\n%]{{0,30}}?(?:đạt|bằng|=)\s*(?P<pct>{DIGITS})\s*%", regex.I),
        # 53 giải, trong đó 1 giải Nhất, 11 giải Nhì …
        "total": regex.compile(rf"(?<![\d/.,])(?P<total>{DIGITS})\s+(?P<unit>[\p{{L}}]+)[^.;\n]{{0,40}}?\btrong\s+đó\b",
                               regex.I),
        "part": regex.compile(rf"(?<![\d/.,])(?P<n>{DIGITS})\s+(?P<unit>[\p{{L}}]+)"),
    }


# Between a ratio and its percentage only the counted noun and a link ("=", "(đạt", ", chiếm")
# may stand; anything else ("7/8 huyện đã hoàn thành 100%") means the percentage measures
# something else.
_LINKED_GAP = regex.compile(
    r"^\s*(?:[\p{L}]+\s+){0,3}?(?:[\p{L}]+)?\s*(?:=|\(|,|:|-)?\s*"
    r"(?:(?:đạt|bằng|chiếm|tương\s+ứng|tỷ\s+lệ|tỉ\s+lệ)\s*)*$", regex.I)
_LINK = regex.compile(r"=|\(|,|\b(?:đạt|bằng|chiếm|tương\s+ứng|tỷ\s+lệ|tỉ\s+lệ)\b", regex.I)
_OTHER_MEASURE = regex.compile(r"\b(tăng|giảm|so\s+với|vượt|còn|trên|dưới|đã|được|hoàn\s+thành)\b", regex.I)


def _decimals(text: str) -> int:
    return len(text.split(",")[1]) if "," in text else 0


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _agrees(computed: float, stated_text: str, profile: Profile) -> bool:
    """Within the stated rounding (or truncation) plus the profile's tolerance."""
    slack = float(profile.figures.get("percent_tolerance", 0.1))
    return abs(computed - parse_digits(stated_text)) <= 10 ** -_decimals(stated_text) + slack


def check_ratio_percent(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    for m in _patterns()["ratio"].finditer(ctx.text):
        gap = m.group("gap")
        if not _LINKED_GAP.match(gap) or not _LINK.search(gap) or _OTHER_MEASURE.search(gap) or regex.match(r"\s*so\s+với", ctx.text[m.end():], regex.I):
            continue
        num, den = parse_digits(m.group("num")), parse_digits(m.group("den"))
        if den == 0 or ctx.is_excluded(m.start()):
            continue
        computed = num / den * 100
        if not _agrees(computed, m.group("pct"), profile):
            yield make_finding(ctx, profile, "figures.ratio_percent_mismatch", (m.start(), m.end()),
                               num=m.group("num"), den=m.group("den"), computed=_fmt(computed),
                               stated=m.group("pct"))


def check_plan_percent(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    for name in ("plan_after", "plan_slash"):
        for m in _patterns()[name].finditer(ctx.text):
            actual, plan = parse_vn_number(m.group("actual")), parse_vn_number(m.group("plan"))
            if plan == 0 or ctx.is_excluded(m.start()):
                continue
            computed = actual / plan * 100
            if not _agrees(computed, m.group("pct"), profile):
                yield make_finding(ctx, profile, "figures.plan_percent_mismatch", (m.start(), m.end()),
                                   actual=m.group("actual"), plan=m.group("plan"), computed=_fmt(computed),
                                   stated=m.group("pct"))


def check_parts_total(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    pats = _patterns()
    for m in pats["total"].finditer(ctx.text):
        total, unit = parse_digits(m.group("total")), fold(m.group("unit")).lower()
        tail = _sentence_rest(ctx.text, m.end())
        parts = _enumerated_parts(tail, unit)
        if not parts or "%" in tail:
            continue
        end = m.end() + len(tail)
        if max(parts) > total:
            yield make_finding(ctx, profile, "figures.parts_exceed_total", (m.start(), end),
                               parts_sum=_fmt(max(parts)), total=m.group("total"), unit=m.group("unit"))
        elif len(parts) >= 2 and sum(parts) > total:
            # Categories may overlap ("đạt chuẩn", "đạt chuẩn nâng cao"): a warning, not an error.
            yield make_finding(ctx, profile, "figures.parts_exceed_total", (m.start(), end),
                               severity=Severity.warning, parts_sum=_fmt(sum(parts)), total=m.group("total"),
                               unit=m.group("unit"))


_SEGMENT_SPLIT = regex.compile(r",|\bvà\b|\bcòn lại\b", regex.I)
_SEGMENT_LEAD = regex.compile(r"^\s*(?:có|gồm|:|-)?\s*", regex.I)


def _enumerated_parts(tail: str, unit: str) -> list[float]:
    """Counts of the enumeration right after `trong đó`: each comma/`và` segment must
    open with a number of the total's unit; the enumeration ends at the first that does
    not ("06 đơn thuộc …, đã giải quyết 06 đơn" is one part, not two)."""
    out = []
    for seg in _SEGMENT_SPLIT.split(tail):
        seg = seg[_SEGMENT_LEAD.match(seg).end():]
        m = _patterns()["part"].match(seg)
        if not m:
            break
        if fold(m.group("unit")).lower() == unit:
            out.append(parse_digits(m.group("n")))
    return out


def _sentence_rest(text: str, start: int) -> str:
    """From `start` to the end of the sentence (`;`, a line end, or `. ` before a capital)."""
    m = regex.compile(r"[;\n]|\.(?=\s+\p{Lu})|\.$").search(text, start)
    return text[start:m.start() if m else len(text)]


CHECKS = [check_ratio_percent, check_plan_percent, check_parts_total]
