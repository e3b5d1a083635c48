"""Vetting (thẩm định) a dossier against the archive and the rules.

For every nomination: the rule set of its year, the recipient in the archive (the same
linkage as the index, read-only), the history conditions (history.py), and the general
checks — proposed twice or for two forms for one achievement, already granted, claimed
past awards no archived decision confirms, dossier parts missing. Nothing is written.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractor.records import Extraction
from service.archive import models as m
from service.recipients.index import block, decision_key, known
from service.recipients.linkage import resolve
from service.recipients.queries import span_link
from service.vetting.dossier import Dossier, Nominee, Statement, award_label, file_parts, read_dossier
from service.vetting.history import YearsByClass, check_rule
from service.vetting.models import (DossierFile, Finding, HistoryEntry, Nomination, Outcome, Source, Verdict,
                                    VettingReport)
from service.vetting.ruleset import RuleSet, Rules, load_rules


def vet(files: list[tuple[str, Extraction]], s: Session, rules: Rules | None = None,
        errors: list[str] | None = None) -> VettingReport:
    rules = rules or load_rules()
    dossier = read_dossier(files, rules)
    dossier_year = max((k[1] for n in dossier.nominees for k in n.nominations if k[1]), default=None)
    main_set = rules.for_year(dossier_year) if dossier_year else (rules.sets[-1] if rules.sets else None)
    report_files = [DossierFile(file=name, doc_type=r.metadata.doc_type.value, title=r.metadata.title,
                                parts=file_parts(r, main_set.dossier.parts) if main_set else [])
                    for name, r in files]
    nominations: list[Nomination] = []
    for nominee in dossier.nominees:
        nominations += vet_nominee(nominee, dossier, report_files, s, rules)
    findings = dossier_findings(dossier, report_files, main_set, rules) if main_set else []
    findings += [_claim_finding(st, st.award.recipient or "", None, s, rules, main_set) for st in dossier.stray_claims
                 if main_set]
    return VettingReport(files=report_files, nominations=nominations, findings=findings, errors=errors or [])


def _archive_history(s: Session, rid: int | None, rules: Rules) -> list[HistoryEntry]:
    if rid is None:
        return []
    rows = s.scalars(select(m.RecipientAward).where(m.RecipientAward.recipient_id == rid)
                     .order_by(m.RecipientAward.year, m.RecipientAward.id))
    return [HistoryEntry(year=a.year, award=award_label(a.award, a.grade, a.authority),
                         award_class=rules.classify(a.award, a.authority, a.grade), decision=a.decision,
                         status=a.status, claimed=a.source == "past_titles", document_id=a.document_id,
                         link=span_link(a.document_id, a.start, a.end)) for a in rows]


def _years(entries: list[HistoryEntry]) -> YearsByClass:
    out: YearsByClass = {}
    for e in entries:
        if e.award_class and e.year:
            out.setdefault(e.award_class, set()).add(e.year)
    return out


def vet_nominee(nominee: Nominee, dossier: Dossier, files: list[DossierFile], s: Session,
                rules: Rules) -> list[Nomination]:
    found = resolve(nominee.mention, [known(r) for r in block(s, nominee.mention)])
    history = _archive_history(s, found.match, rules)
    confirmed = _years([e for e in history if e.status == "granted" and not e.claimed])
    declared = _years([HistoryEntry(year=c.year, award=c.label, award_class=c.award_class, decision=c.award.decision,
                                    status="granted", claimed=True) for c in nominee.claims])
    identity: list[Finding] = []
    if found.match is None and found.candidates:
        names = _candidate_names(s, [c[0] for c in found.candidates])
        identity.append(Finding(rule="nguoi_nhan.chua_chac", outcome=Outcome.unknown,
                                message=rules.message("history", "ambiguous", recipient=nominee.mention.name,
                                                      candidates=names)))
    elif found.match is None:
        identity.append(Finding(rule="nguoi_nhan.khong_co_trong_kho", outcome=Outcome.check,
                                message=rules.message("history", "not_found", recipient=nominee.mention.name)))
    same_year: dict[int | None, list[Statement]] = {}
    for (_cls, year), sts in nominee.nominations.items():
        same_year.setdefault(year, []).append(sts[0])
    out = []
    for (cls, year), statements in nominee.nominations.items():
        first = statements[0]
        rule_set = rules.for_year(year) if year else None
        findings = list(identity)
        findings += _history_findings(first, year, rule_set, nominee, confirmed, declared, rules)
        if rule_set:
            findings += _checks(nominee, statements, same_year.get(year, []), history, rule_set, rules, s)
            findings += _nominee_parts(nominee, first, files, rule_set, rules)
        verdict = _verdict(findings, ambiguous=found.match is None and bool(found.candidates))
        out.append(Nomination(
            recipient=nominee.mention.name, role=nominee.role, recipient_type=nominee.mention.kind,
            recipient_id=found.match, award=first.label, award_class=first.award_class, year=year,
            rule_set=rule_set.id if rule_set else None, verdict=verdict, findings=findings,
            sources=[Source(file=st.file, text=st.award.span.text, start=st.award.span.start, end=st.award.span.end)
                     for st in statements],
            history=history + [HistoryEntry(year=c.year, award=c.label, award_class=c.award_class,
                                            decision=c.award.decision, status="granted", claimed=True)
                               for c in nominee.claims]))
    return out


def _verdict(findings: list[Finding], ambiguous: bool) -> Verdict:
    """History findings decide: not met if one fails, unknown if one cannot tell, met if all hold."""
    decisive = [f.outcome for f in findings if f.outcome in (Outcome.met, Outcome.not_met, Outcome.unknown)
                and not f.rule.startswith(("checks.", "dossier."))]
    if ambiguous or not decisive:
        return Verdict.unknown
    if Outcome.not_met in decisive:
        return Verdict.not_met
    return Verdict.unknown if Outcome.unknown in decisive else Verdict.met


def _history_findings(first: Statement, year: int | None, rule_set: RuleSet | None, nominee: Nominee,
                      confirmed: YearsByClass, declared: YearsByClass, rules: Rules) -> list[Finding]:
    if year is None:
        return [Finding(rule="bo_quy_dinh.khong_ro_nam", outcome=Outcome.unknown,
                        message=rules.message("history", "no_year"))]
    if rule_set is None:
        periods = ", ".join(f"{rs.years.start}–{rs.years.end or 'nay'}" for rs in rules.sets)
        return [Finding(rule="bo_quy_dinh.khong_co", outcome=Outcome.unknown,
                        message=rules.message("history", "no_rule_set", year=year, known=periods))]
    applicable = rule_set.rules_for(first.award_class, nominee.mention.kind)
    if not applicable:
        return [Finding(rule="bo_quy_dinh.khong_co_dieu_kien", outcome=Outcome.check,
                        message=rules.message("history", "no_rule", award=first.label, rule_set=rule_set.label))]
    out: list[Finding] = []
    for rule in applicable:
        out += check_rule(rule, year, confirmed, declared, rules)
    return out


def _checks(nominee: Nominee, statements: list[Statement], same_year: list[Statement], history: list[HistoryEntry],
            rule_set: RuleSet, rules: Rules, s: Session) -> list[Finding]:
    first, name = statements[0], nominee.mention.name
    out: list[Finding] = []
    per_file: dict[str, int] = {}
    for st in statements:
        per_file[st.file] = per_file.get(st.file, 0) + 1
    for file, n in per_file.items():
        if n > 1:
            out.append(Finding(rule="checks.duplicate", outcome=Outcome.flag, citation=rule_set.checks.duplicate.citation,
                               message=rules.message("checks", "duplicate", recipient=name, award=first.label,
                                                     year=first.year, file=file)))
    if len(same_year) > 1:
        awards = ", ".join(st.label for st in same_year)
        out.append(Finding(rule="checks.two_forms", outcome=Outcome.flag, citation=rule_set.checks.two_forms.citation,
                           message=rules.message("checks", "two_forms", recipient=name, year=first.year, awards=awards)))
    for e in history:
        if e.status == "granted" and not e.claimed and e.year == first.year and e.award_class \
                and e.award_class == first.award_class:
            out.append(Finding(rule="checks.already_granted", outcome=Outcome.flag, links=[e.link] if e.link else [],
                               citation=rule_set.checks.already_granted.citation,
                               message=rules.message("checks", "already_granted", recipient=name, award=e.award,
                                                     year=e.year, decision=e.decision or "một quyết định")))
    for claim in nominee.claims:
        out.append(_claim_finding(claim, name, history, s, rules, rule_set))
    return out


def _claim_finding(claim: Statement, name: str, history: list[HistoryEntry] | None, s: Session, rules: Rules,
                   rule_set: RuleSet) -> Finding:
    key = decision_key(claim.award.decision)
    decision = claim.award.decision or "không ghi số quyết định"
    for e in history or []:
        if e.status == "granted" and not e.claimed and (
                (e.award_class and e.award_class == claim.award_class and e.year == claim.year)
                or (key and decision_key(e.decision) == key)):
            return Finding(rule="checks.confirmed_claim", outcome=Outcome.met, links=[e.link] if e.link else [],
                           message=rules.message("checks", "confirmed_claim", recipient=name, award=claim.label,
                                                 year=claim.year, decision=e.decision or "quyết định trong kho"))
    detail = ""
    if key and _decision_archived(s, key):
        detail = f"; quyết định {claim.award.decision} có trong kho nhưng không ghi tên người này"
    return Finding(rule="checks.unconfirmed_claim", outcome=Outcome.flag,
                   citation=rule_set.checks.unconfirmed_claim.citation,
                   message=rules.message("checks", "unconfirmed_claim", recipient=name, award=claim.label,
                                         year=claim.year, decision=decision, detail=detail))


def _decision_archived(s: Session, key: str) -> bool:
    digits = key.split("/")[0]
    rows = s.scalars(select(m.Document.number).where(m.Document.number.like(f"%{digits}/%")).limit(200))
    return any(decision_key(n) == key for n in rows)


def _candidate_names(s: Session, ids: list[int]) -> str:
    rows = s.execute(select(m.Recipient.name, m.Recipient.role, m.Recipient.place).where(m.Recipient.id.in_(ids)))
    return "; ".join(", ".join(x for x in r if x) for r in rows)


def _nominee_parts(nominee: Nominee, first: Statement, files: list[DossierFile], rule_set: RuleSet,
                   rules: Rules) -> list[Finding]:
    out = []
    for part in rule_set.dossier.parts:
        if part.scope != "nominee" or (part.awards and first.award_class not in part.awards):
            continue
        if any(f.file in nominee.reports and part.id in f.parts for f in files):
            continue
        key = "uncertain" if part.uncertain else "missing_nominee"
        out.append(Finding(rule=f"dossier.{part.id}", outcome=Outcome.unknown if part.uncertain else Outcome.flag,
                           citation=rule_set.dossier.citation,
                           message=rules.message("dossier", key, part=part.label, recipient=nominee.mention.name)
                           if key == "missing_nominee" else rules.message("dossier", key, part=part.label)))
    return out


def dossier_findings(dossier: Dossier, files: list[DossierFile], rule_set: RuleSet, rules: Rules) -> list[Finding]:
    classes = {k[0] for n in dossier.nominees for k in n.nominations}
    present = {p for f in files for p in f.parts}
    out = []
    for part in rule_set.dossier.parts:
        if part.scope != "dossier" or part.id in present or (part.awards and not classes & set(part.awards)):
            continue
        key = "uncertain" if part.uncertain else "missing"
        out.append(Finding(rule=f"dossier.{part.id}", outcome=Outcome.unknown if part.uncertain else Outcome.flag,
                           citation=rule_set.dossier.citation, message=rules.message("dossier", key, part=part.label)))
    return out
