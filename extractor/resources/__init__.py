"""Language data (lexicons, conversion tables, style names) kept as YAML/TSV files next to
this module. Each file is loaded once; a malformed file fails loudly, naming file and key."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RESOURCE_DIR = Path(__file__).resolve().parent
# libyaml's safe loader when PyYAML was built with it: the same documents, ten times faster
# (the lexicons are a good part of a command's start-up).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ResourceError(ValueError):
    """A resource file is missing or malformed; the message names the file and the key."""


def resource_path(name: str) -> Path:
    path = RESOURCE_DIR / name
    if not path.is_file():
        raise ResourceError(f"{name}: resource file not found in {RESOURCE_DIR}")
    return path


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """Parsed YAML resource `name` (e.g. "heading_styles.yaml")."""
    path = resource_path(name)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise ResourceError(f"{name}: invalid YAML: {exc}") from exc
    if data is None:
        raise ResourceError(f"{name}: file is empty")
    return data


@lru_cache(maxsize=None)
def load_tsv(name: str, columns: tuple[str, ...] | None = None) -> tuple[dict[str, str], ...]:
    """Rows of TSV resource `name` as dicts keyed by the header line.

    Lines starting with '#' are comments. When `columns` is given, every row must have
    a non-empty value for each of them.
    """
    path = resource_path(name)
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows: list[dict[str, str]] = []
    for lineno, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise ResourceError(f"{name}: line {lineno}: wrong number of columns")
        for col in columns or ():
            if not row.get(col):
                raise ResourceError(f"{name}: line {lineno}: missing value for column '{col}'")
        rows.append(row)
    if not rows:
        raise ResourceError(f"{name}: no rows")
    return tuple(rows)


@lru_cache(maxsize=1)
def surname_words() -> frozenset[str]:
    """The first word of each Vietnamese surname (people.yaml `surnames`: `Nguyễn`, `Hoàng Thị`
    gives `Hoàng`): what tells a person's name from a capitalised place or body."""
    items = load_yaml("people.yaml").get("surnames")
    if not isinstance(items, list) or not all(isinstance(s, str) and s.strip() for s in items):
        raise ResourceError("people.yaml: key 'surnames' must be a list of names")
    return frozenset(s.split()[0] for s in items)
