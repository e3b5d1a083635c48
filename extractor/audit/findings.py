"""What the audit returns: findings with a rule id, a severity, a Vietnamese message and a place."""
from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field

_SEVERITY_LABELS = {"error": "lỗi", "warning": "cảnh báo", "hint": "gợi ý"}
_SEVERITY_RANK = {"error": 0, "warning": 1, "hint": 2}


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    hint = "hint"

    @property
    def label(self) -> str:
        """The Vietnamese word an official reads."""
        return _SEVERITY_LABELS[self.value]

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self.value]


class Location(BaseModel):
    """Where the finding is: offsets into Extraction.text and the text they slice."""

    start: int
    end: int
    quote: str
    section: str | None = None  # Section.id
    section_title: str | None = None


class Finding(BaseModel):
    rule: str
    severity: Severity
    severity_label: str = ""
    message: str
    location: Location | None = None  # None when the finding is about something absent

    def model_post_init(self, __context) -> None:
        self.severity_label = self.severity.label


class AuditReport(BaseModel):
    profile: str  # kind of the profile applied ("bao_cao_tong_ket")
    profile_label: str
    kind_detected: bool = False  # the kind was guessed from the text, not the record
    findings: list[Finding] = Field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out
