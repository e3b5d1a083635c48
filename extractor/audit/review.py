"""The audit's precision on the corpus: every finding reviewed by a person and marked true
or false in corpora/audit_review.json. `unreviewed()` lists findings the file does not
cover yet, so a rule change shows up as work to review, not as a silent drift."""
from __future__ import annotations

import json
from pathlib import Path

from extractor.audit import audit
from extractor.pipeline import extract


def finding_key(doc: str, rule: str, quote: str | None, message: str) -> tuple[str, str, str]:
    """A finding is identified by document, rule and its quoted text (or message when it
    has no place): offsets move when ingest changes, the quote does not."""
    return doc, rule, (quote or message).strip()


def corpus_findings(docs: list[Path]) -> list[dict]:
    out = []
    for path in docs:
        record = extract(path)
        for f in audit(record).findings:
            out.append({"doc": path.name, "rule": f.rule, "severity": f.severity.value,
                        "start": f.location.start if f.location else None,
                        "end": f.location.end if f.location else None,
                        "text": f.location.quote if f.location else None, "message": f.message})
    return out


def load_review(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["findings"]


def precision(entries: list[dict]) -> float:
    judged = [e for e in entries if e.get("verdict") in ("true", "false")]
    return sum(e["verdict"] == "true" for e in judged) / len(judged) if judged else 1.0


def unreviewed(current: list[dict], entries: list[dict]) -> list[dict]:
    known = {finding_key(e["doc"], e["rule"], e.get("text"), e["message"]) for e in entries}
    return [f for f in current if finding_key(f["doc"], f["rule"], f["text"], f["message"]) not in known]
