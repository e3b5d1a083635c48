"""Run-time side of the person filter: load the joblib artefact (no download) and decide."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

ARTEFACT = Path(__file__).resolve().parent / "person_filter.joblib"
DECISION = ARTEFACT.with_suffix(".json")  # {"kept": …}, written by train.py with the artefact


class PersonFilter:
    def __init__(self, pipeline, threshold: float = 0.5):
        self.pipeline = pipeline
        self.threshold = threshold

    def decide(self, candidate) -> bool:
        from models.person_filter.features import features

        # Named award recipients are people by the guideline; the model judges the rest.
        if candidate.recipient:
            return True
        proba = self.pipeline.predict_proba([features(candidate)])[0][1]
        return proba >= self.threshold


def load_filter(force: bool = False) -> PersonFilter | None:
    """The trained filter, or None when there is no artefact or training did not keep it
    (it must beat the rules on held-out dev documents); `force` loads it regardless.

    Whether it was kept is read from the small JSON beside the artefact first: unpickling
    the model imports scikit-learn (a second of start-up), which a filter that is not used
    must not cost."""
    if not force and not _kept():
        return None
    bundle = _bundle()
    if bundle is None or not (bundle.get("kept") or force):
        return None
    return PersonFilter(bundle["pipeline"], bundle.get("threshold", 0.5))


@lru_cache(maxsize=1)
def _bundle() -> dict | None:
    if not ARTEFACT.is_file():
        return None
    import joblib

    return joblib.load(ARTEFACT)


def _kept() -> bool:
    """Training's decision; without the JSON (an artefact from before it), the bundle's own."""
    try:
        return bool(json.loads(DECISION.read_text(encoding="utf-8"))["kept"])
    except (OSError, ValueError, KeyError, TypeError):
        bundle = _bundle()
        return bool(bundle and bundle.get("kept"))
