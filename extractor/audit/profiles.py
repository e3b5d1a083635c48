"""Profiles: what the audit checks for each kind of document, as editable YAML.

`profiles/<kind>.yaml` may `extend` another profile: its requirements replace the parent's
of the same id and add new ones; `rules`, `figures` and `repetition` settings merge.
Everything is loaded once and validated; a mistake raises ProfileError naming file and key.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from extractor.audit.findings import Severity

PROFILE_DIR = Path(__file__).parent / "profiles"
RULES_FILE = Path(__file__).parent / "rules.yaml"
SCOPES = {"titles", "labels", "body", "author"}


class ProfileError(ValueError):
    """A profile or the rule catalogue is malformed; the message names file and key."""


@dataclass(frozen=True)
class RuleSpec:
    id: str
    severity: Severity
    name: str
    message: str


@dataclass(frozen=True)
class Requirement:
    id: str
    label: str
    severity: Severity
    scopes: tuple[str, ...]
    phrases: tuple[str, ...]
    within: str | None = None
    body_phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Detector:
    all: tuple[regex.Pattern, ...]
    none: tuple[regex.Pattern, ...] = ()

    def matches(self, folded_top: str) -> bool:
        return all(p.search(folded_top) for p in self.all) and not any(p.search(folded_top) for p in self.none)


@dataclass
class Profile:
    kind: str
    label: str
    fuzzy_threshold: float
    rules: dict[str, dict] = field(default_factory=dict)
    requirements: list[Requirement] = field(default_factory=list)
    detect: list[Detector] = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    repetition: dict = field(default_factory=dict)

    def enabled(self, rule_id: str) -> bool:
        return bool(self.rules.get(rule_id, {}).get("enabled", True))

    def severity(self, rule: RuleSpec) -> Severity:
        raw = self.rules.get(rule.id, {}).get("severity")
        return Severity(raw) if raw else rule.severity


def _fail(path: Path, key: str, why: str) -> ProfileError:
    return ProfileError(f"{path.name}: khóa '{key}': {why}")


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path.name}: YAML không hợp lệ: {exc}") from exc
    if not isinstance(data, dict):
        raise ProfileError(f"{path.name}: nội dung phải là một bảng khóa: giá trị")
    return data


def _severity(path: Path, key: str, raw) -> Severity:
    try:
        return Severity(raw)
    except ValueError:
        raise _fail(path, key, f"mức độ '{raw}' không hợp lệ (error | warning | hint)") from None


@lru_cache(maxsize=1)
def rule_catalogue() -> dict[str, RuleSpec]:
    data = _read(RULES_FILE)
    out = {}
    for rule_id, spec in data.items():
        if not isinstance(spec, dict) or not {"severity", "name", "message"} <= set(spec):
            raise _fail(RULES_FILE, rule_id, "cần có severity, name và message")
        out[rule_id] = RuleSpec(rule_id, _severity(RULES_FILE, f"{rule_id}.severity", spec["severity"]),
                                str(spec["name"]), str(spec["message"]))
    return out


def _requirement(path: Path, i: int, raw) -> Requirement:
    key = f"requirements[{i}]"
    if not isinstance(raw, dict):
        raise _fail(path, key, "phải là một bảng khóa")
    for need in ("id", "label", "severity", "in", "phrases"):
        if need not in raw:
            raise _fail(path, f"{key}.{need}", "thiếu khóa bắt buộc")
    scopes = raw["in"]
    if not isinstance(scopes, list) or not set(scopes) <= SCOPES or not scopes:
        raise _fail(path, f"{key}.in", f"phải là danh sách con của {sorted(SCOPES)}")
    phrases = raw["phrases"]
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
        raise _fail(path, f"{key}.phrases", "phải là danh sách cụm từ")
    if not phrases and scopes != ["author"]:
        raise _fail(path, f"{key}.phrases", "không được để trống")
    return Requirement(str(raw["id"]), str(raw["label"]), _severity(path, f"{key}.severity", raw["severity"]),
                       tuple(scopes), tuple(phrases), raw.get("within"), tuple(raw.get("body_phrases", [])))


def _detectors(path: Path, raw) -> list[Detector]:
    out = []
    for i, item in enumerate(raw or []):
        try:
            out.append(Detector(tuple(regex.compile(p) for p in item.get("all", [])),
                                tuple(regex.compile(p) for p in item.get("none", []))))
        except (regex.error, AttributeError, TypeError) as exc:
            raise _fail(path, f"detect[{i}]", f"biểu thức không hợp lệ: {exc}") from exc
    return out


def _check_rules(path: Path, rules) -> dict[str, dict]:
    if not isinstance(rules, dict):
        raise _fail(path, "rules", "phải là bảng: mã quy tắc -> {enabled, severity}")
    catalogue = rule_catalogue()
    for rule_id, spec in rules.items():
        if rule_id not in catalogue:
            raise _fail(path, f"rules.{rule_id}", "không có quy tắc này trong rules.yaml")
        if not isinstance(spec, dict) or not set(spec) <= {"enabled", "severity"}:
            raise _fail(path, f"rules.{rule_id}", "chỉ nhận enabled và severity")
        if "severity" in spec:
            _severity(path, f"rules.{rule_id}.severity", spec["severity"])
    return rules


def _build(kind: str, raw_by_kind: dict[str, tuple[Path, dict]], seen: tuple[str, ...] = ()) -> Profile:
    if kind not in raw_by_kind:
        raise ProfileError(f"không có hồ sơ '{kind}' trong {PROFILE_DIR}")
    path, raw = raw_by_kind[kind]
    if kind in seen:
        raise _fail(path, "extends", "kế thừa vòng tròn")
    parent = _build(raw["extends"], raw_by_kind, seen + (kind,)) if raw.get("extends") else None
    reqs = {r.id: r for r in (parent.requirements if parent else [])}
    for i, item in enumerate(raw.get("requirements") or []):
        req = _requirement(path, i, item)
        reqs[req.id] = req
    for req in reqs.values():
        if req.within and req.within not in reqs:
            raise _fail(path, f"requirements.{req.id}.within", f"không có yêu cầu '{req.within}'")
    threshold = raw.get("fuzzy_threshold", parent.fuzzy_threshold if parent else None)
    if not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise _fail(path, "fuzzy_threshold", "phải là số trong (0, 1]")
    return Profile(
        kind=kind, label=str(raw.get("label", kind)), fuzzy_threshold=float(threshold),
        rules={**(parent.rules if parent else {}), **_check_rules(path, raw.get("rules") or {})},
        requirements=list(reqs.values()), detect=_detectors(path, raw.get("detect")),
        figures={**(parent.figures if parent else {}), **(raw.get("figures") or {})},
        repetition={**(parent.repetition if parent else {}), **(raw.get("repetition") or {})},
    )


@lru_cache(maxsize=1)
def load_profiles(directory: Path = PROFILE_DIR) -> dict[str, Profile]:
    """Every profile in `directory`, keyed by kind, validated."""
    raw_by_kind: dict[str, tuple[Path, dict]] = {}
    for path in sorted(directory.glob("*.yaml")):
        raw = _read(path)
        kind = raw.get("kind")
        if kind != path.stem:
            raise _fail(path, "kind", f"phải trùng tên tệp ('{path.stem}')")
        raw_by_kind[kind] = (path, raw)
    if "default" not in raw_by_kind:
        raise ProfileError(f"thiếu hồ sơ default.yaml trong {directory}")
    return {kind: _build(kind, raw_by_kind) for kind in raw_by_kind}
