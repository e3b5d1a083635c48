"""Gold files (ANNOTATION.md v1.1) and the corpus split."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora"
GOLD_DIR = CORPUS / "gold"
DOCS_DIR = CORPUS / "docs"
RENDERINGS_DIR = CORPUS / "renderings"
ORIGINALS_DIR = CORPUS / "originals"

GoldDoc = dict[str, Any]
ENTITY_LISTS = ("sections", "indicators", "campaigns", "awards", "people")


def load_gold(path: Path) -> GoldDoc:
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("metadata", *ENTITY_LISTS):
        if key not in data:
            raise ValueError(f"{path.name}: thiếu khóa '{key}' trong tệp nhãn")
    return data


def load_split(name: str, *, blind: bool = False) -> list[str]:
    """The stems of a part. Stems awaiting their blind score (`blind_pending`) are left out,
    unless `blind`: then only they are returned — the one run that publishes their blind table."""
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    pending = set(split.get("blind_pending", []))
    if name == "all":
        stems = [*split["dev"], *split["test"]]
    elif name in ("dev", "test"):
        stems = list(split[name])
    else:
        raise ValueError(f"không có phần '{name}' trong corpora/split.json")
    return [s for s in stems if (s in pending) == blind]


def blind_pending() -> list[str]:
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    return list(split.get("blind_pending", []))


def split_caveats(name: str) -> list[str]:
    """Recorded events that make a part's scores less than a held-out estimate (split.json
    `history`), one line each with the blind figures measured before the event."""
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    out = []
    for event in split.get("history", []):
        if name in (event.get("part"), "all") and "blind_strict_f1" in event:
            blind = ", ".join(f"{k} {v:.3f}" for k, v in event.get("blind_strict_f1", {}).items())
            out.append(f"Caveat ({event['date']}, {event['event']}): {event['note']} "
                       f"Blind strict F1 before it: {blind}.")
    return out


def find_original(stem: str, originals_dir: Path = ORIGINALS_DIR) -> Path | None:
    """The file as it was published (corpus 2), when the corpus keeps one."""
    found = sorted(p for p in originals_dir.glob(f"{stem}.*") if p.is_file()) if originals_dir.is_dir() else []
    return found[0] if found else None


def find_source(stem: str, docs_dir: Path) -> Path | None:
    """The document file for a gold stem: any extension, preferring the plain-text original."""
    candidates = sorted(p for p in docs_dir.glob(f"{stem}.*") if p.is_file())
    for ext in (".txt", ".md", ".html", ".docx", ".pdf", ".doc"):
        for p in candidates:
            if p.suffix.lower() == ext:
                return p
    return candidates[0] if candidates else None
