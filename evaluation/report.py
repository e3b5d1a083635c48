"""Markdown tables for an evaluation: totals per type and mode, baselines, per document, errors."""
from __future__ import annotations

import json
import platform
from datetime import date
from typing import Any

from evaluation.gold import ENTITY_LISTS
from evaluation.runner import Evaluation
from evaluation.scorer import AWARD_FIELDS, Score

TYPE_LABELS = {"sections": "sections", "indicators": "indicators", "campaigns": "campaigns",
               "awards": "awards", "people": "people"}


def _prf(score: Score, type_: str, mode: str) -> str:
    c = score.total(type_, mode)
    return f"{c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f}"


def totals_table(ev: Evaluation, score: Score | None = None) -> str:
    score = ev.system if score is None else score
    lines = ["| type | strict P | strict R | strict F1 | lenient P | lenient R | lenient F1 | gold | predicted |",
             "|---|---|---|---|---|---|---|---|---|"]
    for t in ENTITY_LISTS:
        c = score.total(t, "strict")
        lines.append(f"| {TYPE_LABELS[t]} | {_prf(score, t, 'strict')} | {_prf(score, t, 'lenient')} "
                     f"| {c.tp + c.fn} | {c.tp + c.fp} |")
    right, total = score.metadata_counts
    lines.append("")
    lines.append(f"Metadata field accuracy: **{score.metadata_accuracy:.3f}** ({right}/{total} fields; "
                 "fields empty in both gold and output not counted)")
    fields = [(name, *score.award_field(name)) for name in AWARD_FIELDS]
    if any(total for _, _, total in fields):
        shown = ", ".join(f"{n} {r / t:.3f} ({r}/{t})" for n, r, t in fields if t)
        lines.append("")
        lines.append(f"Award fields (v1.2) over strictly matched awards: {shown}")
    return "\n".join(lines)


def _f1_cell(score: Score, type_: str) -> str:
    c = score.total(type_, "strict")
    return "–" if c.tp + c.fp + c.fn == 0 else f"{c.f1:.3f} ({c.tp}/{c.tp + c.fn})"


def _field_cell(score: Score, name: str) -> str:
    right, total = score.award_field(name)
    return "–" if not total else f"{right / total:.3f}"


def kinds_table(score: Score) -> str:
    """Per document kind: strict F1 of awards and people, metadata accuracy, v1.2 award fields."""
    head = ("| kind | docs | awards strict F1 | people strict F1 | metadata | "
            + " | ".join(AWARD_FIELDS) + " |")
    lines = [head, "|---|---|---|---|---|" + "---|" * len(AWARD_FIELDS)]
    for kind in sorted({d.kind for d in score.docs}):
        sub = score.subset(lambda d, k=kind: d.kind == k)
        right, total = sub.metadata_counts
        meta = "–" if not total else f"{sub.metadata_accuracy:.3f} ({right}/{total})"
        lines.append(f"| {kind} | {len(sub.docs)} | {_f1_cell(sub, 'awards')} | {_f1_cell(sub, 'people')} | {meta} | "
                     + " | ".join(_field_cell(sub, n) for n in AWARD_FIELDS) + " |")
    return "\n".join(lines)


def sources_table(ev: Evaluation) -> str:
    """Each document read from its original beside its clean text (and renderings)."""
    pairs = [(d, o) for d in ev.system.docs for o in ev.others.docs if o.stem == d.stem and d.stem]
    if not pairs:
        return ""
    head = "| document | read from | metadata | " + " | ".join(f"{t} F1" for t in ENTITY_LISTS) + " |"
    lines = [head, "|---|---|---|" + "---|" * len(ENTITY_LISTS)]
    shown: set[str] = set()
    for d, o in pairs:
        for doc in ([d] if d.doc not in shown else []) + [o]:
            shown.add(doc.doc)
            cells = [_doc_f1(doc, t) for t in ENTITY_LISTS]
            lines.append(f"| {doc.doc} | {doc.source} | {doc.metadata_right}/{doc.metadata_total} | "
                         + " | ".join(cells) + " |")
    return "\n".join(lines)


def _doc_f1(d, t: str) -> str:
    c = d.counts.get((t, "strict"))
    return "–" if c is None or c.tp + c.fp + c.fn == 0 else f"{c.f1:.2f} ({c.tp}/{c.tp + c.fn})"


def source_totals(ev: Evaluation) -> str:
    """Totals of the documents that have an original, read from it and from their text."""
    stems = {d.stem for d in ev.system.docs if d.source == "original"}
    if not stems:
        return ""
    orig = ev.system.subset(lambda d: d.stem in stems)
    text = ev.others.subset(lambda d: d.stem in stems and d.source == "text")
    lines = ["| type | from originals strict F1 | from clean text strict F1 | difference |", "|---|---|---|---|"]
    for t in ENTITY_LISTS:
        a, b = orig.total(t, "strict").f1, text.total(t, "strict").f1
        lines.append(f"| {t} | {a:.3f} | {b:.3f} | {a - b:+.3f} |")
    a, b = orig.metadata_accuracy, text.metadata_accuracy
    lines.append(f"| metadata | {a:.3f} | {b:.3f} | {a - b:+.3f} |")
    return "\n".join(lines)


def baselines_table(ev: Evaluation) -> str:
    from evaluation.baselines import BASELINES

    lines = ["| type | system | strict P | strict R | strict F1 | lenient F1 |", "|---|---|---|---|---|---|"]
    for t, score in ev.baselines.items():
        label = BASELINES[t][0]
        lines.append(f"| {t} | baseline: {label} | {_prf(score, t, 'strict')} "
                     f"| {score.total(t, 'lenient').f1:.3f} |")
        lines.append(f"| {t} | tdkt | {_prf(ev.system, t, 'strict')} | {ev.system.total(t, 'lenient').f1:.3f} |")
    return "\n".join(lines)


def variants_table(ev: Evaluation, variants: dict[str, Evaluation]) -> str:
    """Strict F1 per type: the default pipeline beside each variant."""
    names = ["tdkt (default)", *variants]
    runs = [ev, *variants.values()]
    lines = ["| type | " + " | ".join(f"{n} strict F1" for n in names) + " |", "|---|" + "---|" * len(names)]
    for t in ENTITY_LISTS:
        lines.append(f"| {t} | " + " | ".join(f"{r.system.total(t, 'strict').f1:.3f}" for r in runs) + " |")
    return "\n".join(lines)


def per_document_table(ev: Evaluation) -> str:
    head = "| document | kind | metadata | " + " | ".join(f"{t} F1" for t in ENTITY_LISTS) + " |"
    lines = [head, "|---|---|---|" + "---|" * len(ENTITY_LISTS)]
    for d in ev.system.docs:
        meta = f"{d.metadata_right}/{d.metadata_total}"
        cells = [_doc_f1(d, t) for t in ENTITY_LISTS]
        lines.append(f"| {d.doc} | {d.kind} | {meta} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _show(item: Any) -> str:
    return item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)


def errors_list(ev: Evaluation, limit: int | None = None) -> str:
    lines: list[str] = []
    for d in ev.system.docs:
        for name, p, g in d.metadata_wrong:
            lines.append(f"- {d.doc} · metadata.{name}: predicted {p!r}, gold {g!r}")
        for e in d.errors[:limit]:
            where = f"@{e.position}" if e.position is not None else "@?"
            sec = f" [{e.section}]" if e.section else ""
            label = "MISS" if e.kind == "miss" else "FALSE ALARM"
            lines.append(f"- {d.doc} · {e.type} · {label} {where}{sec}: {_show(e.item)}")
    return "\n".join(lines) if lines else "(none)"


def render(ev: Evaluation, split: str, variants: dict[str, Evaluation] | None = None,
           caveats: list[str] | None = None, with_errors: bool = True) -> str:
    parts = [f"# tdkt evaluation — split `{split}`", "",
             f"Measured {date.today().isoformat()} on {platform.node() or 'this machine'} "
             f"({platform.machine()}, Python {platform.python_version()}); documents: {', '.join(ev.documents) or '—'}.",
             *(f"\n> {line}" for line in caveats or []),
             "", "## Totals (micro-averaged over documents)", "", totals_table(ev), "",
             "## Per document kind", "", kinds_table(ev.system), "",
             "## Baselines", "", baselines_table(ev), ""]
    if source_totals(ev):
        parts += ["## Originals beside their clean text", "", source_totals(ev), "", sources_table(ev), ""]
    elif ev.others.docs:
        parts += ["## Other renderings", "", totals_table(ev, ev.others), ""]
    if variants:
        parts += ["## Learned components against the rules alone", "", variants_table(ev, variants), ""]
    for name, other in (variants or {}).items():
        parts += [f"### Variant: {name}", "", totals_table(other), ""]
    parts += ["## Per document (strict F1, matched/gold)", "", per_document_table(ev), ""]
    if ev.failures:
        parts += ["## Documents not read", "", *[f"- {f}" for f in ev.failures], ""]
    if with_errors:
        parts += ["## Misses and false alarms (strict)", "", errors_list(ev), ""]
    return "\n".join(parts)


def summary(ev: Evaluation, split: str) -> str:
    """What `tdkt eval` prints: totals, metadata accuracy, baselines, per-document table."""
    out = [f"tdkt eval — split {split}: {len(ev.system.docs)} documents", "",
           totals_table(ev), "", kinds_table(ev.system), "", baselines_table(ev), "", per_document_table(ev)]
    if source_totals(ev):
        out += ["", "Originals beside their clean text:", "", source_totals(ev), "", sources_table(ev)]
    elif ev.others.docs:
        out += ["", "Other renderings of the same documents:", "", totals_table(ev, ev.others)]
    return "\n".join(out)
