"""Data derived from files that do not change between runs (a word list shipped inside an
installed package), kept as a pickle in the user's cache folder so that a command does not
rebuild it at every start. The key is the source files' path, size and modification time;
any problem with the cache (no home folder, read-only disk, a damaged file) only means the
data is built again."""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tdkt"


def derived(name: str, sources: list[Path], build: Callable[[], T]) -> T:
    """`build()`, or what it returned last time for the same `name` and unchanged `sources`."""
    try:
        stats = [(str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) for p in sources]
    except OSError:
        return build()
    key = hashlib.sha256(repr((name, stats, sys.version_info[:2])).encode()).hexdigest()[:24]
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value
