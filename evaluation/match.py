"""Matchers for each item type, strict and lenient, after GROBID's field-level scoring.

Strings compare under `name_key`: NFC, whitespace collapsed, quotes and dashes unified,
tone marks placed consistently, case-folded — the differences ANNOTATION.md says do not
make two names different.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import regex

from extractor.normalise.search import name_key

Item = dict[str, Any]

def canon(text: str | None) -> str:
    """The extractor's own name key (ANNOTATION.md's sameness), or "" for a missing value."""
    return "" if text is None else name_key(str(text))


def tokens(text: str | None) -> list[str]:
    return regex.findall(r"\w+", canon(text))


def token_f1(a: str | None, b: str | None) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta and not tb:
        return 1.0
    if not ta or not tb:
        return 0.0
    common = 0
    pool = list(tb)
    for tok in ta:
        if tok in pool:
            pool.remove(tok)
            common += 1
    if common == 0:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return math.isclose(fa, fb, rel_tol=1e-6, abs_tol=1e-9)


def same_unit(pred: str | None, gold: str | None) -> bool:
    """ANNOTATION.md: a predicted unit that starts with the gold head, or the reverse."""
    p, g = canon(pred), canon(gold)
    if p == g:
        return True
    if not p or not g:
        return False
    return p.startswith(g) or g.startswith(p)


def _eq(a: Any, b: Any) -> bool:
    return canon(a) == canon(b)


def section_strict(p: Item, g: Item) -> bool:
    return _eq(p.get("number"), g.get("number")) and _eq(p.get("title"), g.get("title")) \
        and p.get("level") == g.get("level")


def section_lenient(p: Item, g: Item) -> bool:
    return _eq(p.get("number"), g.get("number")) and token_f1(p.get("title"), g.get("title")) >= 0.8


def indicator_strict(p: Item, g: Item) -> bool:
    return (_eq(p.get("text"), g.get("text")) and same_number(p.get("value"), g.get("value"))
            and same_unit(p.get("unit"), g.get("unit")) and same_number(p.get("of"), g.get("of")))


def indicator_lenient(p: Item, g: Item) -> bool:
    return same_number(p.get("value"), g.get("value")) and same_number(p.get("of"), g.get("of"))


def campaign_strict(p: str, g: str) -> bool:
    return canon(p) == canon(g)


def campaign_lenient(p: str, g: str) -> bool:
    return token_f1(p, g) >= 0.8


def award_strict(p: Item, g: Item) -> bool:
    return (_eq(p.get("award"), g.get("award")) and _eq(p.get("grade"), g.get("grade"))
            and _eq(p.get("authority"), g.get("authority")) and _eq(p.get("recipient"), g.get("recipient"))
            and p.get("count") == g.get("count") and p.get("status") == g.get("status"))


def award_lenient(p: Item, g: Item) -> bool:
    return _eq(p.get("award"), g.get("award")) and p.get("count") == g.get("count")


def person_strict(p: Item, g: Item) -> bool:
    return all(_eq(p.get(k), g.get(k)) for k in ("name", "honorific", "role", "place"))


def person_lenient(p: Item, g: Item) -> bool:
    return _eq(p.get("name"), g.get("name"))


Matcher = Callable[[Any, Any], bool]

MATCHERS: dict[str, dict[str, Matcher]] = {
    "sections": {"strict": section_strict, "lenient": section_lenient},
    "indicators": {"strict": indicator_strict, "lenient": indicator_lenient},
    "campaigns": {"strict": campaign_strict, "lenient": campaign_lenient},
    "awards": {"strict": award_strict, "lenient": award_lenient},
    "people": {"strict": person_strict, "lenient": person_lenient},
}


def align(pred: list[Any], gold: list[Any], same: Matcher) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """One-to-one alignment of predicted to gold items.

    Both lists are in document order; each gold item takes the first unused predicted
    item that matches it, searching from just after the previous match first so that
    repeated figures pair with their own occurrence. Returns (pairs, unmatched gold
    indices, unmatched predicted indices).
    """
    used = [False] * len(pred)
    pairs: list[tuple[int, int]] = []
    missed: list[int] = []
    cursor = 0
    for gi, g in enumerate(gold):
        order = list(range(cursor, len(pred))) + list(range(0, cursor))
        hit = next((pi for pi in order if not used[pi] and same(pred[pi], g)), None)
        if hit is None:
            missed.append(gi)
            continue
        used[hit] = True
        pairs.append((hit, gi))
        cursor = hit + 1
    false_alarms = [i for i, u in enumerate(used) if not u]
    return pairs, missed, false_alarms
