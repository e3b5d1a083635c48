"""text.repeated_paragraph: a paragraph, or a long sentence, pasted twice verbatim."""
from __future__ import annotations

from collections.abc import Iterable

import regex

from extractor.audit.context import AuditContext
from extractor.audit.findings import Finding
from extractor.audit.profiles import Profile
from extractor.audit.rules import make_finding, shorten

# A sentence ends at . ! ? … followed by a space and a capital or a quote; a leading
# point label ("Thứ tư:") is not part of what was pasted.
_SENTENCE = regex.compile(r"[^.!?…]+(?:[.!?…]+[”\"»)]?|$)")
_LEAD_LABEL = regex.compile(r"^\s*(?:Thứ\s+\w+|[-+•]|\d+[.)]|[a-zđ][.)])\s*:?\s*", regex.I)
_MARKUP = regex.compile(r"\*+|<sup>[^<]*</sup>|^#{1,6}\s+")


def _key(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).split()).casefold()


def units(ctx: AuditContext) -> Iterable[tuple[int, int, str]]:
    """Whole lines and the sentences inside them, with text offsets."""
    for ln in ctx.lines:
        if ctx.is_excluded(ln.start):
            continue
        yield ln.start, ln.end, _key(ln.raw)
        body = _MARKUP.sub(lambda m: " " * len(m.group(0)), ln.raw)
        base = ln.start - (len(ln.raw) - len(ln.raw.lstrip()))
        for s in _SENTENCE.finditer(body):
            lead = _LEAD_LABEL.match(s.group(0))
            skip = lead.end() if lead else 0
            text = s.group(0)[skip:]
            stripped = text.strip()
            if not stripped:
                continue
            start = base + s.start() + skip + (len(text) - len(text.lstrip()))
            yield start, start + len(stripped), _key(stripped)


def check_repetition(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    min_chars = int(profile.repetition.get("min_chars", 60))
    min_words = int(profile.repetition.get("min_words", 10))
    first: dict[str, int] = {}
    reported: list[tuple[int, int]] = []
    for start, end, key in units(ctx):
        if len(key) < min_chars or len(key.split()) < min_words:
            continue
        if key in first and first[key] != start:
            if not any(a <= start < b for a, b in reported):
                reported.append((start, end))
                yield make_finding(ctx, profile, "text.repeated_paragraph", (start, end),
                                   first=_where(ctx, first[key]), quote=shorten(ctx.text[start:end], 120))
        else:
            first.setdefault(key, start)


def _where(ctx: AuditContext, offset: int) -> str:
    heading = ctx.section_at(offset)
    line_no = ctx.text.count("\n", 0, offset) + 1
    where = f"dòng {line_no}"
    return f"{where}, mục {heading.number or ''} {heading.title}".strip() if heading else where


CHECKS = [check_repetition]
