"""Where a clause, a line and a bulleted list's intro begin and end in a text."""
from __future__ import annotations

from bisect import bisect_left

import regex

from extractor.recognise.scan import SentenceEnds

_SENT_END = regex.compile(r"\n|[.!?](?=\s+[\p{Lu}\d\"“])|;")
_SENT_END_NO_SEMI = regex.compile(r"\n|[.!?](?=\s+[\p{Lu}\d\"“])")


_ENDS_CACHE: dict[tuple[int, bool], tuple[str, SentenceEnds]] = {}


def _sentence_ends(text: str, semicolon: bool) -> SentenceEnds:
    """Terminators of `text`, indexed once per text (the last few texts are kept)."""
    key = (id(text), semicolon)
    hit = _ENDS_CACHE.get(key)
    if hit is None or hit[0] is not text:
        if len(_ENDS_CACHE) >= 8:
            _ENDS_CACHE.clear()
        hit = (text, SentenceEnds(text, _SENT_END if semicolon else _SENT_END_NO_SEMI))
        _ENDS_CACHE[key] = hit
    return hit[1]


CLAUSE_LOOKBACK = 1500
_NEWLINE = regex.compile(r"\n")


def clause_bounds(text: str, pos: int, semicolon: bool = True) -> tuple[int, int]:
    """[start, end) of the clause around `pos`: bounded by newline, `;` or sentence end
    (with `semicolon=False`, the whole sentence); the start is looked for at most 1500
    characters back."""
    ends = _sentence_ends(text, semicolon)
    return ends.before(pos, CLAUSE_LOOKBACK), ends.after(pos, len(text))


_BREAKS_CACHE: dict[int, tuple[str, list[int]]] = {}


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the line holding `pos`, from the text's line breaks indexed once (a
    search back and forth for every award made a text of one long line quadratic)."""
    hit = _BREAKS_CACHE.get(id(text))
    if hit is None or hit[0] is not text:
        if len(_BREAKS_CACHE) >= 8:
            _BREAKS_CACHE.clear()
        hit = (text, [m.start() for m in _NEWLINE.finditer(text)])
        _BREAKS_CACHE[id(text)] = hit
    breaks = hit[1]
    i = bisect_left(breaks, pos)  # first break at or after pos
    start = breaks[i - 1] + 1 if i > 0 else 0
    return start, (breaks[i] if i < len(breaks) else len(text))


_BULLET = regex.compile(r"^\s*(?:[-+•*–]|[a-zđ]\)|\d+[.)])\s+")


def list_context(text: str, pos: int) -> tuple[str, int, int] | None:
    """For a bulleted line under an intro ending in `:`: (intro text, item index, line start)."""
    ls, _ = line_bounds(text, pos)
    if not _BULLET.match(text[ls:ls + 8]):
        return None
    return _intro_above(text, ls)


_INTRO_CACHE: dict[int, tuple[str, dict[int, tuple[str, int, int] | None]]] = {}


def _intro_above(text: str, ls: int) -> tuple[str, int, int] | None:
    """The intro line above the bullets that end at line start `ls`, with the number of
    bullet lines between them. Each line's answer is remembered per text: walking back
    from every item of a long list to its intro made the list quadratic."""
    hit = _INTRO_CACHE.get(id(text))
    if hit is None or hit[0] is not text:
        if len(_INTRO_CACHE) >= 8:
            _INTRO_CACHE.clear()
        hit = (text, {})
        _INTRO_CACHE[id(text)] = hit
    memo = hit[1]
    chain: list[tuple[int, int]] = []  # (line start, bullets it adds) until an answer is known
    cur, answer = ls, None
    while cur > 0 and cur not in memo:
        ps, pe = line_bounds(text, cur - 1)
        line = text[ps:pe]
        if not line.strip() or _BULLET.match(line):
            chain.append((cur, 1 if line.strip() else 0))
            cur = ps
            continue
        answer = (line, ps, 0) if line.rstrip().endswith(":") else None
        memo[cur] = answer
        break
    else:
        answer = memo.get(cur)
    for start, adds in reversed(chain):
        answer = (answer[0], answer[1], answer[2] + adds) if answer else None
        memo[start] = answer
    return answer
