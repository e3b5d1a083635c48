"""The rule checks. Each check reads an AuditContext and a Profile and yields Findings;
`make_finding` fills the message from rules.yaml and the location from offsets."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from extractor.audit.context import AuditContext
from extractor.audit.findings import Finding, Location, Severity
from extractor.audit.profiles import Profile, rule_catalogue

Check = Callable[[AuditContext, Profile], Iterable[Finding]]
_QUOTE_MAX = 160


def shorten(text: str, limit: int = _QUOTE_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def location(ctx: AuditContext, start: int, end: int) -> Location:
    heading = ctx.section_at(start)
    return Location(start=start, end=end, quote=ctx.text[start:end],
                    section=heading.id if heading else None,
                    section_title=" ".join(x for x in (heading.number, heading.title) if x) if heading else None)


def make_finding(ctx: AuditContext, profile: Profile, rule_id: str, span: tuple[int, int] | None = None,
                 severity: Severity | None = None, **fields) -> Finding:
    rule = rule_catalogue()[rule_id]
    loc = location(ctx, *span) if span else None
    if loc is not None and "quote" not in fields:
        fields["quote"] = shorten(loc.quote)
    return Finding(rule=rule_id, severity=severity or profile.severity(rule),
                   message=rule.message.format(**fields), location=loc)


def all_checks() -> list[Check]:
    from extractor.audit.rules import figures, header, parts, repetition, structure

    return [*parts.CHECKS, *header.CHECKS, *structure.CHECKS, *figures.CHECKS, *repetition.CHECKS]
