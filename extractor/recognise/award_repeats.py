"""One entry per stated conferral: a news item or report often states the same
conferral more than once (headline, lead, closing line: `Sở Giáo dục và Đào tạo X đón
nhận Huân chương Độc lập hạng Nhì` … `trao Huân chương Độc lập hạng Nhì cho Sở GD&ĐT`),
ANNOTATION.md counts each conferral once. (A count followed by the list of the
recipients it counts is not a repeat: the gold keeps both, `5 tập thể được nhận Cờ thi
đua … gồm: A, B, …`.)
"""
from __future__ import annotations

from typing import Protocol

import regex

from extractor.normalise.search import search_key

_ABBREVIATION = regex.compile(r"^[\p{Lu}\d]{2,}(?:[&-][\p{Lu}\d]+)*$")


class Entry(Protocol):
    award: str
    grade: str | None
    authority: str | None
    recipient: str | None
    count: int | None
    extra: dict


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words).upper()


def _expands(piece: str, words: list[str], i: int) -> int | None:
    """Index after the words of `words[i:]` whose initials spell `piece` (`ĐT` ← Đào tạo),
    skipping a joining `và`; None when they do not."""
    if i < len(words) and words[i].casefold() == "và":
        i += 1
    n = len(piece)
    if i + n <= len(words) and _initials(words[i:i + n]) == piece.upper():
        return i + n
    return None


def same_body(short: str, long: str) -> bool:
    """`Sở GD&ĐT` names `Sở Giáo dục và Đào tạo Bắc Giang`: word by word, an abbreviation
    standing for the initials of the long form's words; the long form may add a place."""
    if len(short) > len(long):
        short, long = long, short
    s_words, l_words = short.split(), long.split()
    i = 0
    for w in s_words:
        if i < len(l_words) and search_key(w) == search_key(l_words[i]):
            i += 1
            continue
        if not _ABBREVIATION.match(w):
            return False
        for piece in regex.split(r"[&-]", w):
            nxt = _expands(piece, l_words, i)
            if nxt is None:
                return False
            i = nxt
    return True


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or same_body(a, b)


def _longer(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    return b if len(b) > len(a) else a


# Restatements are looked for among the last this many named entries of the same award
# and initial (and among all with the very same name): comparing every entry with every
# earlier one made a list of thousands of named recipients quadratic.
_RECENT = 64


def merge_repeats(entries: list) -> list:
    """Entries that restate one conferral to a named recipient become the first of them,
    with the fullest recipient name and any authority stated."""
    kept: list = []
    recent: dict[tuple, list] = {}  # (award, grade, initial) → named entries kept, in order
    by_name: dict[tuple, Entry] = {}  # (award, grade, name's search key) → first kept
    for e in entries:
        twin = None
        if e.count == 1 and e.recipient:
            bucket = recent.setdefault((e.award, e.grade, search_key(e.recipient)[:1]), [])
            exact = by_name.get((e.award, e.grade, search_key(e.recipient)))
            twin = exact if exact is not None and _restates(exact, e) else \
                next((k for k in bucket[-_RECENT:] if _restates(k, e)), None)
        if twin is None:
            kept.append(e)
            if e.count == 1 and e.recipient:
                bucket.append(e)
                by_name.setdefault((e.award, e.grade, search_key(e.recipient)), e)
            continue
        twin.recipient = _longer(twin.recipient, e.recipient)
        twin.authority = twin.authority or e.authority
        twin.extra["restated"] = True
    return kept


def _restates(a: Entry, b: Entry) -> bool:
    if (a.award, a.grade) != (b.award, b.grade) or a.count != 1 or b.count != 1:
        return False
    if a.recipient is None or b.recipient is None or not same_body(a.recipient, b.recipient):
        return False
    return _compatible(a.authority, b.authority)
