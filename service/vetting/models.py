"""What a vetting answers: one entry per nomination, each with its verdict and findings."""
from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field


class Verdict(str, Enum):
    met = "met"
    not_met = "not_met"
    unknown = "unknown"


class Outcome(str, Enum):
    met = "met"  # a condition holds
    not_met = "not_met"  # a condition fails
    unknown = "unknown"  # cannot tell (cần kiểm tra)
    flag = "flag"  # something the Hội đồng must look at (proposed twice, unconfirmed claim, missing part)
    check = "check"  # a condition the archive cannot show, for the officer to check


VERDICT_LABELS = {"met": "Đủ điều kiện", "not_met": "Chưa đủ điều kiện", "unknown": "Cần kiểm tra"}
OUTCOME_LABELS = {"met": "đạt", "not_met": "không đạt", "unknown": "cần kiểm tra", "flag": "lưu ý",
                  "check": "cần kiểm tra thêm"}


class Finding(BaseModel):
    rule: str  # rule id (`cstd_tinh.ba_lan_cstdcs`) or check id (`checks.unconfirmed_claim`)
    outcome: Outcome
    message: str  # Vietnamese
    citation: str | None = None
    links: list[str] = Field(default_factory=list)  # document pages at the spans that back it


class Source(BaseModel):
    file: str  # the dossier file that states the nomination
    text: str  # the row or clause, as written
    start: int
    end: int


class HistoryEntry(BaseModel):
    year: int | None
    award: str
    award_class: str | None
    decision: str | None
    status: str
    claimed: bool  # from a báo cáo thành tích (this dossier's or an archived one), not a decision
    document_id: int | None = None
    link: str | None = None


class Nomination(BaseModel):
    recipient: str
    role: str | None = None
    recipient_type: str | None = None
    recipient_id: int | None = None  # the recipient in the archive, when resolved
    award: str
    award_class: str | None = None
    year: int | None = None
    rule_set: str | None = None
    verdict: Verdict
    findings: list[Finding] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)


class DossierFile(BaseModel):
    file: str
    doc_type: str
    title: str | None = None
    parts: list[str] = Field(default_factory=list)  # dossier parts it counts as


class VettingReport(BaseModel):
    files: list[DossierFile]
    nominations: list[Nomination]
    findings: list[Finding] = Field(default_factory=list)  # about the dossier as a whole
    errors: list[str] = Field(default_factory=list)  # files that could not be read (Vietnamese)

    def counts(self) -> dict[str, int]:
        out = {v.value: 0 for v in Verdict}
        for n in self.nominations:
            out[n.verdict.value] += 1
        return out
