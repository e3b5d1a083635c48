"""The vetting rules as data: `rules/*.yaml` beside this module (or a province's own folder,
`TDKT_VETTING_RULES`), loaded and checked here. A mistake names the file and the key.

- `awards.yaml`: award classes (`cstdcs`, `cstd_tinh`, `bk_tinh` …) and how an award is put in one;
- one file per rule set (`luat_2022.yaml` …): the years of achievement it governs, its rules
  (award governed, citation, required history as options of conditions, `uncertain`), the
  citations of the general checks, and the parts of a dossier;
- `messages.yaml`: the Vietnamese message templates.
"""
from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError

from extractor.records import RecipientType
from service.archive.fold import fold

RULES_DIR = Path(__file__).with_name("rules")
SPECIAL = {"awards.yaml", "messages.yaml"}


class RulesError(ValueError):
    """A rules file is wrong; the message (Vietnamese) names the file and the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class HistoryCondition(_Strict):
    history: str  # award class the recipient must hold
    times: int = Field(1, ge=1)
    consecutive: bool = False  # in consecutive years
    window: int | None = Field(None, ge=1)  # within the N years ending with the nomination year; None: any year
    years_before: int = Field(0, ge=0)  # held at least this many years before the nomination year


class ExternalCondition(_Strict):
    external: str  # a condition the archive cannot show (ratings, sáng kiến): listed for the officer


def _condition_kind(value: object) -> str:
    if isinstance(value, dict):
        return "external" if "external" in value else "history"
    return "external" if isinstance(value, ExternalCondition) else "history"


Condition = Annotated[Annotated[HistoryCondition, Tag("history")] | Annotated[ExternalCondition, Tag("external")],
                      Discriminator(_condition_kind)]


class Option(_Strict):
    label: str
    all: list[Condition] = Field(min_length=1)


class Rule(_Strict):
    id: str
    award: str
    recipient_type: RecipientType | None = None
    citation: str
    uncertain: bool = False  # law.md [?] or unverified: only ever "cần kiểm tra"
    options: list[Option] = Field(min_length=1)


class CheckRef(_Strict):
    citation: str


class Checks(_Strict):
    duplicate: CheckRef
    two_forms: CheckRef
    already_granted: CheckRef
    unconfirmed_claim: CheckRef


class DossierPart(_Strict):
    id: str
    label: str
    scope: Literal["dossier", "nominee"]
    doc_types: list[str] = Field(default_factory=list)
    title_words: list[str] = Field(default_factory=list)
    awards: list[str] = Field(default_factory=list)  # only for nominations of these classes
    uncertain: bool = False


class DossierSpec(_Strict):
    citation: str
    parts: list[DossierPart]


class Years(_Strict):
    start: int = Field(alias="from", ge=1900)
    end: int | None = Field(None, alias="to")

    def covers(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)


class RuleSet(_Strict):
    id: str
    label: str
    years: Years
    rules: list[Rule]
    checks: Checks
    dossier: DossierSpec

    def rules_for(self, award_class: str | None, recipient_type: str | None) -> list[Rule]:
        return [r for r in self.rules if r.award == award_class
                and (r.recipient_type is None or recipient_type is None or r.recipient_type.value == recipient_type)]


class AwardClass(_Strict):
    label: str
    award: list[str] = Field(min_length=1)
    authority: list[str] = Field(default_factory=list)
    grade: list[str] = Field(default_factory=list)


PLACEHOLDERS: dict[str, dict[str, set[str]]] = {
    "history": {"met": {"requirement", "found"}, "not_met": {"requirement", "gap"},
                "unknown": {"requirement", "gap"}, "uncertain": {"requirement", "found_or_gap"},
                "external": {"condition"}, "no_rule": {"award", "rule_set"}, "no_rule_set": {"year", "known"},
                "no_year": set(), "not_found": {"recipient"}, "ambiguous": {"recipient", "candidates"}},
    "checks": {"duplicate": {"recipient", "award", "year", "file"}, "two_forms": {"recipient", "year", "awards"},
               "already_granted": {"recipient", "award", "year", "decision"},
               "unconfirmed_claim": {"recipient", "award", "year", "decision", "detail"},
               "confirmed_claim": {"recipient", "award", "year", "decision"}},
    "dossier": {"missing": {"part"}, "missing_nominee": {"part", "recipient"}, "uncertain": {"part"}},
}


class Rules:
    """Everything the vetting engine reads: award classes, rule sets by year, messages."""

    def __init__(self, classes: dict[str, AwardClass], sets: list[RuleSet], messages: dict[str, dict[str, str]]):
        self.classes = classes
        self.sets = sorted(sets, key=lambda s: s.years.start)
        self.messages = messages
        self._class_keys = [(cid, [_words(a) for a in c.award], [_words(a) for a in c.authority],
                             [_words(g) for g in c.grade]) for cid, c in classes.items()]

    def for_year(self, year: int) -> RuleSet | None:
        return next((s for s in self.sets if s.years.covers(year)), None)

    def message(self, group: str, key: str, **values: object) -> str:
        return self.messages[group][key].format(**values)

    def label(self, award_class: str | None, fallback: str = "") -> str:
        return self.classes[award_class].label if award_class in self.classes else fallback

    def classify(self, award: str, authority: str | None = None, grade: str | None = None) -> str | None:
        """The class of an award as written (`Bằng khen` + `Chủ tịch UBND tỉnh` → `bk_tinh`)."""
        name = _words(award)
        conferrer = _words(f"{award} {authority or ''}")
        graded = _words(f"{award} {grade or ''}")
        for cid, awards, authorities, grades in self._class_keys:
            if not any(_contains(name, a) for a in awards):
                continue
            if authorities and not any(_contains(conferrer, a) for a in authorities):
                continue
            if grades and not any(_contains(graded, g) for g in grades):
                continue
            return cid
        return None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text))


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulesError(f"Tệp quy định {path.name}: không đọc được ({exc})") from exc
    if not isinstance(data, dict):
        raise RulesError(f"Tệp quy định {path.name}: phải là một bảng khóa → giá trị")
    return data


def _explain(path: Path, exc: ValidationError, prefix: str = "") -> RulesError:
    first = exc.errors()[0]
    loc = list(first["loc"])
    # Drop the union's tag (`…all.0.history.times` → `…all.0.times`): it is no key of the file.
    loc = [p for i, p in enumerate(loc) if not (p in ("history", "external") and i + 1 < len(loc))]
    where = ".".join(str(p) for p in (prefix, *loc) if p != "")
    return RulesError(f"Tệp quy định {path.name}: khóa '{where}': {first['msg']}")


def _check_messages(path: Path, data: dict) -> dict[str, dict[str, str]]:
    for group, keys in PLACEHOLDERS.items():
        section = data.get(group)
        if not isinstance(section, dict):
            raise RulesError(f"Tệp quy định {path.name}: thiếu khóa '{group}'")
        for key, allowed in keys.items():
            template = section.get(key)
            if not isinstance(template, str) or not template.strip():
                raise RulesError(f"Tệp quy định {path.name}: khóa '{group}.{key}': thiếu câu thông báo")
            try:
                used = {f for _t, f, _s, _c in string.Formatter().parse(template) if f is not None}
            except ValueError as exc:
                raise RulesError(f"Tệp quy định {path.name}: khóa '{group}.{key}': {exc}") from exc
            if used - allowed:
                raise RulesError(f"Tệp quy định {path.name}: khóa '{group}.{key}': không có chỗ điền "
                                 f"{', '.join(sorted(used - allowed))} (được dùng: {', '.join(sorted(allowed)) or 'không'})")
    return {g: {k: data[g][k] for k in keys} for g, keys in PLACEHOLDERS.items()}


def _check_set(path: Path, rs: RuleSet, classes: dict[str, AwardClass]) -> None:
    def known(cid: str, where: str) -> None:
        if cid not in classes:
            raise RulesError(f"Tệp quy định {path.name}: khóa '{where}': không có hình thức '{cid}' trong awards.yaml")

    for i, rule in enumerate(rs.rules):
        known(rule.award, f"rules.{i}.award")
        for j, option in enumerate(rule.options):
            for k, cond in enumerate(option.all):
                if isinstance(cond, HistoryCondition):
                    where = f"rules.{i}.options.{j}.all.{k}"
                    known(cond.history, f"{where}.history")
                    if cond.consecutive and (cond.window is None or cond.window < cond.times):
                        raise RulesError(f"Tệp quy định {path.name}: khóa '{where}.window': điều kiện liên tục "
                                         f"cần khoảng năm (window) không nhỏ hơn số lần (times)")
    for i, part in enumerate(rs.dossier.parts):
        for cid in part.awards:
            known(cid, f"dossier.parts.{i}.awards")
        if not part.doc_types and not part.title_words:
            raise RulesError(f"Tệp quy định {path.name}: khóa 'dossier.parts.{i}': cần doc_types hoặc title_words")


@lru_cache(maxsize=8)
def load_rules(folder: Path = RULES_DIR) -> Rules:
    folder = Path(folder)
    awards_path, messages_path = folder / "awards.yaml", folder / "messages.yaml"
    raw = _read(awards_path).get("classes")
    if not isinstance(raw, dict) or not raw:
        raise RulesError(f"Tệp quy định {awards_path.name}: thiếu khóa 'classes'")
    classes = {}
    for cid, spec in raw.items():
        try:
            classes[str(cid)] = AwardClass.model_validate(spec)
        except ValidationError as exc:
            raise _explain(awards_path, exc, f"classes.{cid}") from exc
    messages = _check_messages(messages_path, _read(messages_path))
    sets = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name in SPECIAL:
            continue
        try:
            rs = RuleSet.model_validate(_read(path))
        except ValidationError as exc:
            raise _explain(path, exc) from exc
        _check_set(path, rs, classes)
        sets.append(rs)
    if not sets:
        raise RulesError(f"Thư mục quy định {folder}: không có bộ quy định nào (*.yaml)")
    ordered = sorted(sets, key=lambda s: s.years.start)
    for a, b in zip(ordered, ordered[1:]):
        if a.years.end is None or a.years.end >= b.years.start:
            raise RulesError(f"Tệp quy định {b.id}.yaml: khóa 'years': trùng khoảng năm với bộ '{a.id}'")
    return Rules(classes, sets, messages)
