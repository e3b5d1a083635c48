"""The issuer from the header's stacked left-column lines (resources/segment_issuer.yaml):
which lower lines are a body of their own under a parent, and which only finish the name
broken over two lines above them."""
from __future__ import annotations

from functools import lru_cache

import regex

from extractor.resources import ResourceError, load_yaml

_RESOURCE = "segment_issuer.yaml"


@lru_cache(maxsize=1)
def _continuing() -> regex.Pattern:
    words = load_yaml(_RESOURCE).get("continuing_openers", [])
    if not isinstance(words, list):
        raise ResourceError(f"{_RESOURCE}: key 'continuing_openers' must be a list")
    alt = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return regex.compile(rf"^(?:{alt})(?![\p{{L}}\d])")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[regex.Pattern, regex.Pattern, frozenset[str], int]:
    data = load_yaml(_RESOURCE)
    for key in ("level_words", "bare_bodies", "body_heads", "short_tail_words"):
        if key not in data:
            raise ResourceError(f"{_RESOURCE}: missing key '{key}'")

    def opening(words: list[str]) -> regex.Pattern:
        alt = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
        return regex.compile(rf"^(?:{alt})(?![\p{{L}}\d])")

    bare = frozenset(_key(b) for b in data["bare_bodies"])
    return opening(data["level_words"]), opening(data["body_heads"]), bare, int(data["short_tail_words"])


def _key(text: str) -> str:
    return regex.sub(r"\s+", " ", text.upper()).strip(" .:-–")


def continues_name(upper: str, lower: str) -> bool:
    """Does the lower header line finish the body named on the upper one?"""
    level, heads, bare, short = _lexicon()
    lo = _key(lower)
    if level.match(lo) or _continuing().match(lo):
        return True
    if _key(upper) in bare:
        return True
    return not heads.match(lo) and len(lo.split()) <= short


def group_fragments(texts: list[str]) -> list[list[int]]:
    """Indices of the stacked fragments grouped into bodies, top to bottom."""
    groups: list[list[int]] = []
    for i, text in enumerate(texts):
        if groups:
            upper = " ".join(texts[j] for j in groups[-1])
            if continues_name(upper, text):
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups
