"""Scores predicted gold-view documents against gold files.

Counts are kept per document and type, then micro-averaged (summed) over documents.
Metadata: field accuracy, where a field empty in both gold and output is not counted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evaluation.gold import ENTITY_LISTS, GoldDoc
from evaluation.match import MATCHERS, align, canon

# Award fields added in ANNOTATION v1.2, scored as accuracy over the strictly matched awards
# (a field empty in both gold and output is not counted; gold files without the key skip it).
AWARD_FIELDS = ("recipient_type", "year", "decision", "role")
METADATA_FIELDS = ("doc_type", "title", "number", "issuer", "place", "date",
                   "period.year", "period.label", "signer.name", "signer.title", "author")
MODES = ("strict", "lenient")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if not self.fp else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Error:
    """A miss (in gold, not predicted) or a false alarm (predicted, not in gold)."""

    doc: str
    type: str
    kind: str  # "miss" | "false_alarm"
    item: Any
    position: int | None = None  # char offset in the document text, when known
    section: str | None = None


@dataclass
class DocScore:
    doc: str
    kind: str = "khac"  # the gold doc_type
    source: str = "text"  # "original", "text" or "rendering"
    stem: str = ""
    counts: dict[tuple[str, str], Counts] = field(default_factory=dict)  # (type, mode) -> counts
    metadata_right: int = 0
    metadata_total: int = 0
    metadata_wrong: list[tuple[str, Any, Any]] = field(default_factory=list)  # field, predicted, gold
    errors: list[Error] = field(default_factory=list)  # strict mode
    award_fields: dict[str, list[int]] = field(default_factory=dict)  # field -> [right, counted]


@dataclass
class Score:
    docs: list[DocScore] = field(default_factory=list)

    def total(self, type_: str, mode: str) -> Counts:
        out = Counts()
        for d in self.docs:
            out.add(d.counts.get((type_, mode), Counts()))
        return out

    @property
    def metadata_accuracy(self) -> float:
        right = sum(d.metadata_right for d in self.docs)
        total = sum(d.metadata_total for d in self.docs)
        return right / total if total else 1.0

    @property
    def metadata_counts(self) -> tuple[int, int]:
        return sum(d.metadata_right for d in self.docs), sum(d.metadata_total for d in self.docs)

    def award_field(self, name: str) -> tuple[int, int]:
        """(right, counted) for a v1.2 award field over the strictly matched awards."""
        right = sum(d.award_fields.get(name, [0, 0])[0] for d in self.docs)
        total = sum(d.award_fields.get(name, [0, 0])[1] for d in self.docs)
        return right, total

    def subset(self, keep) -> "Score":
        return Score([d for d in self.docs if keep(d)])


def _field(meta: dict[str, Any] | None, path: str) -> Any:
    value: Any = meta or {}
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def score_metadata(pred: dict[str, Any], gold: dict[str, Any], out: DocScore) -> None:
    for name in METADATA_FIELDS:
        p, g = _field(pred, name), _field(gold, name)
        if _empty(p) and _empty(g):
            continue
        out.metadata_total += 1
        if not _empty(p) and not _empty(g) and canon(str(p)) == canon(str(g)):
            out.metadata_right += 1
        else:
            out.metadata_wrong.append((name, p, g))


def _locate(text: str | None, item: Any) -> int | None:
    """Where a gold item's text first stands in the document, for the error list."""
    if not text:
        return None
    needle = item if isinstance(item, str) else (item.get("text") or item.get("title")
                                                  or item.get("name") or item.get("recipient") or "")
    if not needle:
        return None
    pos = text.find(needle)
    return pos if pos >= 0 else None


def _same_field(p: Any, g: Any) -> bool:
    if isinstance(g, int) or isinstance(p, int):
        return p == g
    return canon(str(p)) == canon(str(g))


def score_award_fields(p_items: list[Any], g_items: list[Any], pairs: list[tuple[int, int]], out: DocScore) -> None:
    for name in AWARD_FIELDS:
        right = counted = 0
        for pi, gi in pairs:
            g, p = g_items[gi], p_items[pi]
            if name not in g:
                continue
            if _empty(g.get(name)) and _empty(p.get(name)):
                continue
            counted += 1
            right += not _empty(p.get(name)) and not _empty(g.get(name)) and _same_field(p.get(name), g.get(name))
        if counted:
            out.award_fields[name] = [right, counted]


def score_document(pred: GoldDoc, gold: GoldDoc, text: str | None = None,
                   spans: dict[str, list[Any]] | None = None,
                   types: tuple[str, ...] = ENTITY_LISTS) -> DocScore:
    """Score one document. `spans` maps type → per-item (position, section) of predictions."""
    out = DocScore(doc=gold.get("doc") or pred.get("doc") or "?",
                   kind=(gold.get("metadata") or {}).get("doc_type") or "khac")
    score_metadata(pred.get("metadata") or {}, gold.get("metadata") or {}, out)
    for type_ in types:
        p_items, g_items = pred.get(type_) or [], gold.get(type_) or []
        for mode in MODES:
            pairs, missed, false_alarms = align(p_items, g_items, MATCHERS[type_][mode])
            out.counts[(type_, mode)] = Counts(len(pairs), len(false_alarms), len(missed))
            if mode != "strict":
                continue
            if type_ == "awards":
                score_award_fields(p_items, g_items, pairs, out)
            for gi in missed:
                out.errors.append(Error(out.doc, type_, "miss", g_items[gi], _locate(text, g_items[gi])))
            for pi in false_alarms:
                pos, sec = (spans or {}).get(type_, [(None, None)] * len(p_items))[pi]
                out.errors.append(Error(out.doc, type_, "false_alarm", p_items[pi], pos, sec))
    return out
