"""Runs the extractor over documents and scores the output against gold files."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evaluation.baselines import BASELINES
from evaluation.gold import ENTITY_LISTS, find_original, find_source, load_gold
from evaluation.scorer import DocScore, Score, score_document


@dataclass
class Evaluation:
    # One score per document: from its original file where the corpus keeps one, else its text.
    system: Score = field(default_factory=Score)
    # Every other reading of the same gold: the clean text beside an original, renderings.
    others: Score = field(default_factory=Score)
    baselines: dict[str, Score] = field(default_factory=dict)  # type -> score of its baseline
    failures: list[str] = field(default_factory=list)  # documents the extractor could not read
    documents: list[str] = field(default_factory=list)


def _spans(record: Any) -> dict[str, list[tuple[int | None, str | None]]]:
    """Per type, the (offset, section) of each predicted item, in gold-view order."""
    def at(span: Any) -> tuple[int | None, str | None]:
        return (span.start, span.section) if span is not None else (None, None)

    return {
        "sections": [at(s.heading) for s in record.sections],
        "indicators": [at(i.span) for i in record.indicators],
        "campaigns": [at(c.spans[0] if c.spans else None) for c in record.campaigns],
        "awards": [at(a.span) for a in record.awards],
        "people": [at(p.span) for p in record.people],
    }


def _sources(stem: str, docs_dir: Path, renderings_dir: Path | None) -> list[Path]:
    """The document for `stem`, then (when asked) its renderings, which share its gold file."""
    first = find_source(stem, docs_dir)
    found = [first] if first else []
    if renderings_dir is not None:
        found += sorted(p for p in renderings_dir.glob(f"{stem}.*") if p.is_file())
    return found


def evaluate(stems: list[str], gold_dir: Path, docs_dir: Path, with_baselines: bool = True,
             renderings_dir: Path | None = None) -> Evaluation:
    result = Evaluation()
    for stem in stems:
        gold_path = gold_dir / f"{stem}.json"
        sources = _sources(stem, docs_dir, renderings_dir)
        if not gold_path.exists() or not sources:
            result.failures.append(f"{stem}: thiếu tệp nhãn hoặc tệp văn bản")
            continue
        gold = load_gold(gold_path)
        for source in sources:
            _evaluate_one(result, source, gold, with_baselines and source == sources[0])
    return result


def _evaluate_one(result: Evaluation, source: Path, gold: dict[str, Any], with_baselines: bool) -> None:
    from extractor.errors import ExtractionError
    from extractor.gold import to_gold
    from extractor.pipeline import extract

    try:
        record = extract(source)
    except ExtractionError as exc:
        result.failures.append(exc.user_message())
        result.system.docs.append(score_document({}, {**gold, "doc": source.name}))
        return
    result.documents.append(source.name)
    pred = to_gold(record)
    result.system.docs.append(score_document(pred, {**gold, "doc": source.name}, record.text, _spans(record)))
    if with_baselines:
        _score_baselines(result, record.text, gold)


def _score_baselines(result: Evaluation, text: str, gold: dict[str, Any]) -> None:
    for type_, (_label, fn) in BASELINES.items():
        pred = {"metadata": {}, type_: fn(text)}
        doc: DocScore = score_document(pred, {**gold, "metadata": {}}, text, types=(type_,))
        result.baselines.setdefault(type_, Score()).docs.append(doc)


def gold_stems(gold_dir: Path) -> list[str]:
    return sorted(p.stem for p in gold_dir.glob("*.json"))


__all__ = ["Evaluation", "evaluate", "gold_stems", "ENTITY_LISTS"]
