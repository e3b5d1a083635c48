"""Fast scanning helpers shared by the awards and people recognisers.

The `regex` package tries a pattern at every position of the text, which for a long
alternation of lexicon phrases costs ~10 ms on a 15-page report. These helpers keep the
patterns exactly as they are but run them only where they can match:

- `trie_pattern` turns a word list into one alternation shaped as a prefix tree, which
  matches the same (longest-first) strings as the flat alternation but fails fast;
- `anchor_windows` finds cheap substrings with `str.find` and returns merged windows
  around them, so the full pattern runs on a few hundred characters per hit;
- `SentenceEnds` indexes clause terminators once per text, so the clause around any
  position is two binary searches instead of a regex scan.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

import regex


def trie_pattern(words: Iterable[str]) -> str:
    """One alternation for `words` arranged as a prefix tree (escaped, no flags).

    At any text position the strings it can match form a chain of prefixes, tried
    longest first, exactly as a flat alternation sorted by length would try them."""
    root: dict = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [regex.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        optional = "" in node
        if not alts:
            return ""
        if optional:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


def merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of [start, end) ranges, sorted; touching or overlapping ranges join."""
    out: list[list[int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def anchor_windows(text: str, folded: str, anchors: Iterable[str], exact: Iterable[str],
                   pad: int) -> list[tuple[int, int]]:
    """Merged windows [hit - pad, hit end + pad) around every occurrence of an anchor:
    `anchors` are searched in `folded` (the lower-cased text, same length), `exact` in
    `text` as written. With `pad` longer than any phrase the windows serve, every phrase
    that contains an anchor lies wholly inside one window, and the window's ends are
    never inside such a phrase (overlapping windows merge)."""
    n = len(text)
    hits = []
    for source, words in ((folded, anchors), (text, exact)):
        for a in words:
            i = source.find(a)
            while i >= 0:
                hits.append((max(0, i - pad), min(n, i + len(a) + pad)))
                i = source.find(a, i + 1)
    return merge(hits)


def fold(text: str) -> str | None:
    """Lower-cased text with the same offsets, or None when lower-casing changes length."""
    low = text.lower()
    return low if len(low) == len(text) else None


class SentenceEnds:
    """Terminator positions of `pattern` over the whole text, for clause bounds.

    `before(pos, lookback)` is the end of the last terminator that a scan of
    text[pos - lookback:pos] would find (a terminator whose lookahead needs characters at
    or after `pos` does not count), `after(pos)` the start of the first terminator at or
    after `pos` in the whole text."""

    def __init__(self, text: str, pattern: regex.Pattern):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.need: list[int] = []  # last index the match (with its lookahead) reads
        for m in pattern.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())
            need = m.end()
            if text[m.start()] in ".!?":  # a full stop counts only before `\s+` + capital
                j = m.end()
                while j < len(text) and text[j].isspace():
                    j += 1
                need = j + 1
            self.need.append(need)

    def before(self, pos: int, lookback: int) -> int:
        lo = max(0, pos - lookback)
        i = bisect_left(self.starts, pos) - 1
        while i >= 0 and self.starts[i] >= lo:
            if self.need[i] <= pos:
                return self.ends[i]
            i -= 1
        return 0

    def after(self, pos: int, default: int) -> int:
        i = bisect_left(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else default
