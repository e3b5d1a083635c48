"""Markdown tables for an evaluation: totals per type and mode, baselines, per document, errors."""
from __future__ import annotations

import json
import platform
from datetime import date
from typing import Any

from evaluation.gold import ENTITY_LISTS
from evaluation.runner import Evaluation
from evaluation.scorer import Score

TYPE_LABELS = {"sections": "sections", "indicators": "indicators", "campaigns": "campaigns",
               "awards": "awards", "people": "people"}


def _prf(score: Score, type_: str, mode: str) -> str:
    c = score.total(type_, mode)
    return f"{c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f}"


def totals_table(ev: Evaluation) -> str:
    lines = ["| type | strict P | strict R | strict F1 | lenient P | lenient R | lenient F1 | gold | predicted |",
             "|---|---|---|---|---|---|---|---|---|"]
    for t in ENTITY_LISTS:
        c = ev.system.total(t, "strict")
        lines.append(f"| {TYPE_LABELS[t]} | {_prf(ev.system, t, 'strict')} | {_prf(ev.system, t, 'lenient')} "
                     f"| {c.tp + c.fn} | {c.tp + c.fp} |")
    right, total = ev.system.metadata_counts
    lines.append("")
    lines.append(f"Metadata field accuracy: **{ev.system.metadata_accuracy:.3f}** ({right}/{total} fields; "
                 "fields empty in both gold and output not counted)")
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
    head = "| document | metadata | " + " | ".join(f"{t} F1" for t in ENTITY_LISTS) + " |"
    lines = [head, "|---|---|" + "---|" * len(ENTITY_LISTS)]
    for d in ev.system.docs:
        meta = f"{d.metadata_right}/{d.metadata_total}"
        cells = []
        for t in ENTITY_LISTS:
            c = d.counts.get((t, "strict"))
            cells.append("–" if c is None or c.tp + c.fp + c.fn == 0 else f"{c.f1:.2f} ({c.tp}/{c.tp + c.fn})")
        lines.append(f"| {d.doc} | {meta} | " + " | ".join(cells) + " |")
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
           caveats: list[str] | None = None) -> str:
    parts = [f"# tdkt evaluation — split `{split}`", "",
             f"Measured {date.today().isoformat()} on {platform.node() or 'this machine'} "
             f"({platform.machine()}, Python {platform.python_version()}); documents: {', '.join(ev.documents) or '—'}.",
             *(f"\n> {line}" for line in caveats or []),
             "", "## Totals (micro-averaged over documents)", "", totals_table(ev), "",
             "## Baselines", "", baselines_table(ev), ""]
    if variants:
        parts += ["## Learned components against the rules alone", "", variants_table(ev, variants), ""]
    for name, other in (variants or {}).items():
        parts += [f"### Variant: {name}", "", totals_table(other), ""]
    parts += ["## Per document (strict F1, matched/gold)", "", per_document_table(ev), ""]
    if ev.failures:
        parts += ["## Documents not read", "", *[f"- {f}" for f in ev.failures], ""]
    parts += ["## Misses and false alarms (strict)", "", errors_list(ev), ""]
    return "\n".join(parts)


def summary(ev: Evaluation, split: str) -> str:
    """What `tdkt eval` prints: totals, metadata accuracy, baselines, per-document table."""
    return "\n".join([f"tdkt eval — split {split}: {len(ev.documents)} documents", "",
                      totals_table(ev), "", baselines_table(ev), "", per_document_table(ev)])
