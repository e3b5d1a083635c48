"""parts.missing: the parts a profile requires, matched by meaning."""
from __future__ import annotations

from collections.abc import Iterable

import regex

from extractor.audit.context import AuditContext
from extractor.audit.findings import Finding
from extractor.audit.matching import fold_spaced, phrase_in_body, phrase_in_title
from extractor.audit.profiles import Profile, Requirement
from extractor.audit.rules import make_finding

# A byline: a short last line naming a person or a source ("Nguyễn Hồng Quân", "Theo …").
_BYLINE = regex.compile(r"^(?:\(?(?i:theo|nguồn|tin|ảnh)\b.*|(?:\p{Lu}\p{Ll}*\.?\s*){2,6}(?:\s*[-–(].*)?|[\p{Lu}\s.,-]{4,40})$")


def find(ctx: AuditContext, profile: Profile, req: Requirement) -> tuple[int, int] | None:
    """Where the requirement is met: the extent of the matching heading's section (or the
    line of the label / the body offset), or None."""
    for phrase in req.phrases:
        if "titles" in req.scopes:
            for h in ctx.headings:
                if phrase_in_title(phrase, h.title, profile.fuzzy_threshold):
                    return h.start, h.end
        if "labels" in req.scopes:
            for label, start in ctx.labels:
                if phrase_in_title(phrase, label, profile.fuzzy_threshold):
                    return start, _label_extent(ctx, start)
        if "body" in req.scopes:
            at = phrase_in_body(phrase, ctx.spaced_body)
            if at is not None:
                return at, at + len(phrase)
    if "author" in req.scopes and _has_byline(ctx):
        return 0, 0
    return None


def _label_extent(ctx: AuditContext, start: int) -> int:
    """A label's part runs to the next heading (or 2,000 characters at most)."""
    nxt = [h.start for h in ctx.headings if h.start > start]
    return min(nxt[0] if nxt else len(ctx.text), start + 2000)


def _has_byline(ctx: AuditContext) -> bool:
    if ctx.record.metadata.author:
        return True
    tail = [ln.clean for ln in ctx.lines[-4:] if not ctx.is_excluded(ln.start)]
    return any(len(t) <= 60 and _BYLINE.match(t) for t in tail)


def check_required_parts(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    found: dict[str, tuple[int, int] | None] = {}
    for req in profile.requirements:
        found[req.id] = find(ctx, profile, req)
    for req in profile.requirements:
        if found[req.id] is None and req.within and found.get(req.within):
            start, end = found[req.within]
            spaced = fold_spaced(ctx.text[start:end])
            if any(phrase_in_body(p, spaced) is not None for p in req.body_phrases):
                found[req.id] = (start, end)
        if found[req.id] is None:
            yield make_finding(ctx, profile, "parts.missing", severity=req.severity,
                               label=req.label, outline=profile.label)


CHECKS = [check_required_parts]
