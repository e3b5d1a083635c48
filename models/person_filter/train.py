"""Train the person filter from the DEV split: candidates from the rule pipeline,
labelled by whether the gold file lists the name among its people.

Reproducible: fixed seed, deterministic solver, sha256 of the training data recorded in
the model card. Dev scores are leave-one-document-out, so no document scores itself.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 20240101


def _rows():
    from extractor.pipeline import Pipeline, read
    from extractor.recognise.people import _excluded, candidates
    from models.person_filter.features import features

    split = json.loads((ROOT / "corpora" / "split.json").read_text(encoding="utf-8"))["dev"]
    pipe = Pipeline(names=("header", "sections", "awards"))
    digest = hashlib.sha256()
    rows = []
    for stem in split:
        doc_path = ROOT / "corpora" / "docs" / f"{stem}.txt"
        gold_path = ROOT / "corpora" / "gold" / f"{stem}.json"
        digest.update(doc_path.read_bytes())
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        people = sorted(p["name"] for p in gold["people"])
        digest.update(json.dumps(people, ensure_ascii=False).encode())
        doc = read(doc_path.read_bytes(), doc_path.name)
        record = pipe(doc)
        for c in candidates(doc, record):
            if _excluded(c, record, doc):
                continue
            rows.append((stem, c, features(c), int(c.match.name in people)))
    return rows, digest.hexdigest()


def _pipeline():
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(DictVectorizer(sparse=False), LogisticRegression(
        C=1.0, class_weight="balanced", max_iter=1000, random_state=SEED, solver="liblinear"))


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _score(decisions: list[tuple[int, bool]]) -> tuple[float, float, float]:
    tp = sum(1 for y, d in decisions if y and d)
    fp = sum(1 for y, d in decisions if not y and d)
    fn = sum(1 for y, d in decisions if y and not d)
    return _prf(tp, fp, fn)


def main() -> None:
    os.environ["TDKT_MODELS"] = "off"  # candidates come from the rules alone
    import joblib

    from extractor.recognise.people import rule_decision

    rows, data_hash = _rows()
    docs = sorted({r[0] for r in rows})
    loo: list[tuple[int, bool]] = []
    for held in docs:
        train = [r for r in rows if r[0] != held]
        test = [r for r in rows if r[0] == held]
        if len({r[3] for r in train}) < 2:
            loo += [(r[3], bool(r[1].recipient)) for r in test]  # no positives to learn from
            continue
        model = _pipeline().fit([r[2] for r in train], [r[3] for r in train])
        for r, p in zip(test, model.predict_proba([r[2] for r in test])[:, 1]):
            loo.append((r[3], bool(r[1].recipient) or p >= 0.5))
    rules = [(r[3], rule_decision(r[1])) for r in rows]
    model = _pipeline().fit([r[2] for r in rows], [r[3] for r in rows])
    # Kept (used by default) only when it beats the rules on held-out dev documents.
    kept = _score(loo)[2] > _score(rules)[2]
    joblib.dump({"pipeline": model, "threshold": 0.5, "data_sha256": data_hash, "seed": SEED, "kept": kept},
                HERE / "person_filter.joblib", compress=3)
    # Read at run time before the artefact, so that a filter not kept never loads scikit-learn.
    (HERE / "person_filter.json").write_text(
        json.dumps({"kept": kept, "threshold": 0.5, "data_sha256": data_hash}, indent=2) + "\n", encoding="utf-8")
    _write_card(rows, data_hash, _score(rules), _score(loo), kept)
    print(f"person_filter: {len(rows)} candidates, data sha256 {data_hash[:12]}…, "
          f"rules F1 {_score(rules)[2]:.3f}, model (LOO) F1 {_score(loo)[2]:.3f}")


def _write_card(rows, data_hash, rules, loo, kept) -> None:
    pos = sum(r[3] for r in rows)
    per_doc = {}
    for r in rows:
        per_doc.setdefault(r[0], [0, 0])
        per_doc[r[0]][0] += 1
        per_doc[r[0]][1] += r[3]
    lines = [
        "# Model card: person_filter",
        "",
        "Decides whether a candidate personal name (from `extractor/recognise/names.py`) is a",
        "person the document holds up as exemplary or names as an award recipient",
        "(ANNOTATION.md \"people\"). Used by `extractor/recognise/people.py` instead of the",
        "cue-lexicon rule when `TDKT_MODELS` is not `off`. Named award recipients are always",
        "kept; signers, authors and names inside quotes are removed before the model runs.",
        "",
        "## Data",
        f"- DEV split only (corpora/split.json): {len(rows)} candidates, {pos} positive.",
        "- Per document (candidates / positive): " + ", ".join(
            f"{d} {n}/{p}" for d, (n, p) in sorted(per_doc.items())),
        "- Label: the candidate's name appears in the gold file's `people`.",
        f"- Training data sha256 (documents + gold names): `{data_hash}`",
        f"- Seed {SEED}; deterministic solver: `make train` rebuilds the same coefficients.",
        "",
        "## Model and features",
        "- DictVectorizer + LogisticRegression (liblinear, C=1, class_weight=balanced).",
        "- Features: up to 8 words left of the name (clause and list intro), 6 words of the",
        "  printed descriptor and 6 to the right; honorific; syllable count; descriptor present;",
        "  official-cue and exemplary-cue flags from resources/people.yaml; recipient flag.",
        "",
        "## Dev scores (candidate level, P / R / F1)",
        f"- Rules alone (cue lexicons): {rules[0]:.3f} / {rules[1]:.3f} / {rules[2]:.3f}",
        f"- Model, leave-one-document-out: {loo[0]:.3f} / {loo[1]:.3f} / {loo[2]:.3f}",
        "",
        f"- Decision: {'KEPT — used unless TDKT_MODELS=off' if kept else 'NOT KEPT — it does not beat the rules; the recogniser uses the rules unless TDKT_MODELS=force'}.",
        "",
        "## Limits",
        "- Very little data: dev positives all come from one news article's recipient lists,",
        "  so leave-one-document-out cannot learn anything for the held-out document.",
        "- The artefact is small (joblib, compressed); it is loaded from disk, never downloaded.",
        "",
    ]
    (HERE / "MODEL_CARD.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
