"""Audit: what a Ban Thi đua - Khen thưởng would send back — missing required parts, blank
number or date, numbering faults, figures that do not add up, pasted repeats.

`audit(record)` reads an Extraction (it never changes it) and returns an AuditReport.
Rules and per-kind profiles are data (rules.yaml, profiles/*.yaml).
"""
from __future__ import annotations

from extractor.audit.context import AuditContext
from extractor.audit.findings import AuditReport, Finding, Location, Severity
from extractor.audit.folding import fold
from extractor.audit.profiles import Profile, ProfileError, load_profiles, rule_catalogue
from extractor.audit.rules import all_checks
from extractor.records import DocType, Extraction

__all__ = ["audit", "AuditReport", "Finding", "Location", "Severity", "ProfileError", "choose_profile",
           "rule_catalogue"]

_DETECT_ORDER = ("bao_cao_so_ket", "bao_cao_tong_ket", "phat_dong", "danh_sach", "tin_bai")


def choose_profile(ctx: AuditContext, profiles: dict[str, Profile]) -> tuple[Profile, bool]:
    """The record's kind when it has a profile; when the record's kind is unknown, the
    first profile whose `detect` patterns match the top of the text; else `default`.
    Returns the profile and whether it was guessed."""
    kind = ctx.record.metadata.doc_type
    if kind != DocType.khac and kind.value in profiles:
        return profiles[kind.value], False
    if kind == DocType.khac:
        top = fold("\n".join(ln.clean for ln in ctx.lines[:12]))
        for name in _DETECT_ORDER:
            prof = profiles.get(name)
            if prof and any(d.matches(top) for d in prof.detect):
                return prof, True
    return profiles["default"], False


def audit(record: Extraction, profile: str | None = None) -> AuditReport:
    """Findings for one record, sorted by severity then position."""
    ctx = AuditContext(record)
    profiles = load_profiles()
    chosen, guessed = (profiles[profile], False) if profile else choose_profile(ctx, profiles)
    findings: list[Finding] = []
    for check in all_checks():
        findings.extend(f for f in check(ctx, chosen) if chosen.enabled(f.rule))
    findings.sort(key=lambda f: (f.severity.rank, f.location.start if f.location else -1, f.rule))
    return AuditReport(profile=chosen.kind, profile_label=chosen.label, kind_detected=guessed, findings=findings)
