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


def _sources(stem: str, docs_dir: Path, renderings_dir: Path | None,
             originals: bool) -> list[tuple[Path, str]]:
    """(file, what it is) for `stem`: the original first when there is one (it is what users
    upload), then the clean text, then (when asked) the renderings — all share one gold file."""
    found: list[tuple[Path, str]] = []
    original = find_original(stem) if originals else None
    if original is not None:
        found.append((original, "original"))
    text = find_source(stem, docs_dir)
    if text is not None:
        found.append((text, "text"))
    if renderings_dir is not None:
        found += [(p, "rendering") for p in sorted(renderings_dir.glob(f"{stem}.*")) if p.is_file()]
    return found


def evaluate(stems: list[str], gold_dir: Path, docs_dir: Path, with_baselines: bool = True,
             renderings_dir: Path | None = None, originals: bool = True) -> Evaluation:
    result = Evaluation()
    for stem in stems:
        gold_path = gold_dir / f"{stem}.json"
        sources = _sources(stem, docs_dir, renderings_dir, originals)
        if not gold_path.exists() or not sources:
            result.failures.append(f"{stem}: thiếu tệp nhãn hoặc tệp văn bản")
            continue
        gold = load_gold(gold_path)
        for i, (source, what) in enumerate(sources):
            target = result.system if i == 0 else result.others
            _evaluate_one(result, target, source, what, stem, gold, with_baselines and i == 0)
    return result


def _evaluate_one(result: Evaluation, target: Score, source: Path, what: str, stem: str,
                  gold: dict[str, Any], with_baselines: bool) -> None:
    from extractor.errors import ExtractionError
    from extractor.gold import to_gold
    from extractor.pipeline import extract

    labelled = {**gold, "doc": source.name}
    try:
        record = extract(source)
    except ExtractionError as exc:
        result.failures.append(exc.user_message())
        doc = score_document({}, labelled)
    else:
        result.documents.append(source.name)
        doc = score_document(to_gold(record), labelled, record.text, _spans(record))
        if with_baselines:
            _score_baselines(result, record.text, gold)
    doc.source, doc.stem = what, stem
    target.docs.append(doc)


def _score_baselines(result: Evaluation, text: str, gold: dict[str, Any]) -> None:
    for type_, (_label, fn) in BASELINES.items():
        pred = {"metadata": {}, type_: fn(text)}
        doc: DocScore = score_document(pred, {**gold, "metadata": {}}, text, types=(type_,))
        result.baselines.setdefault(type_, Score()).docs.append(doc)


def gold_stems(gold_dir: Path) -> list[str]:
    return sorted(p.stem for p in gold_dir.glob("*.json"))


__all__ = ["Evaluation", "evaluate", "gold_stems", "ENTITY_LISTS"]
