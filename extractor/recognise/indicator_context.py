"""Beyond the gold fields: what a figure measures, its comparison, the unit or place it belongs to."""
from __future__ import annotations

import regex

from extractor.recognise.indicator_extent import Found
from extractor.recognise.indicator_lexicon import IndicatorLexicon
from extractor.records import Comparison

_HAS_DIGIT = regex.compile(r"\d")
_SEGMENT_BREAK = regex.compile(r"[.;(\n]")
_CLAUSE_END = regex.compile(r"[.!?](?=\s)|[;:(\n|]|,\s")  # "|" parts the cells of a table row


def measure(lex: IndicatorLexicon, text: str, f: Found, lo: int) -> str | None:
    """The phrase the figure measures: the clause before it, up to its verb; `lo` is
    the sentence start or the end of the previous figure in the sentence."""
    lo = max(lo, f.start - 200)
    clause_start = lo
    for c in _CLAUSE_END.finditer(text, lo, f.start):
        clause_start = c.end()
    head = text[clause_start:f.start]
    v = _phrase_before(head, lex.measure_verbs)
    if v is not None:
        head = head[:v]
    parts = [p for p in lex.connector.split(head)]
    phrase = next((p.strip(" ,-–") for p in reversed(parts) if p.strip(" ,-–")), "")
    phrase = phrase.rsplit("”", 1)[-1].rsplit('"', 1)[-1]  # not across a quoted name
    words = phrase.split()
    if not words or _HAS_DIGIT.search(phrase):
        return None
    phrase = " ".join(words[-12:])
    if len(phrase) > 1 and not phrase[1].isupper():
        phrase = phrase[0].lower() + phrase[1:]
    return phrase


def comparison(lex: IndicatorLexicon, text: str, f: Found, lo: int, hi: int) -> tuple[Comparison | None, int]:
    """The figure's comparison (relation, baseline) and where its text ends."""
    if f.unit == "%":
        head_lo = max(lo, f.start - 30)
        rel_at = _phrase_before(text[head_lo:f.start], lex.relations, 2)
        rel = text[head_lo + rel_at:f.start].strip() if rel_at is not None else None
        base = lex.baseline_after.match(text, f.end, hi)
        if not rel and not base:
            return None, f.end
        start = head_lo + rel_at if rel else f.start
        end = base.end() if base else f.end
        relation = rel or ("so với" if base and base.group("so") else "bằng")
        return Comparison(
            relation=relation,
            baseline=base.group("base").strip() if base else None,
            text=text[start:end],
        ), end
    after = lex.comparison_after.match(text, f.end, hi)
    if not after:
        return None, f.end
    end = after.end()
    base = lex.baseline_after.match(text, end, hi)
    if base:
        end = base.end()
    return Comparison(
        relation=after.group("rel"),
        baseline=base.group("base").strip() if base else None,
        text=text[after.start("rel"):end],
    ), f.end  # the compared percentage is a figure of its own


def intro_measure(text: str, lo: int, subject_start: int) -> str | None:
    """For `thu ngân sách, nhiều huyện vượt kế hoạch: Huyện Hoài Ân: đạt 118,3%`, the
    first phrase of the segment that introduces the per-unit list."""
    colon = text.rfind(":", lo, subject_start)
    if colon < 0:
        return None
    seg_start = lo
    for c in _SEGMENT_BREAK.finditer(text, lo, colon):
        seg_start = c.end()
    first = text[seg_start:colon].split(",")[0].strip(" -–")
    if not first or _HAS_DIGIT.search(first) or len(first.split()) > 12:
        return None
    return first[0].lower() + first[1:] if len(first) > 1 and not first[1].isupper() else first


def subject(text: str, f: Found, lo: int) -> str | None:
    """The unit or place a figure belongs to: `Huyện Hoài Ân: đạt 118,3%…`."""
    colon = text.rfind(":", lo, f.start)
    if colon < 0:
        return None
    seg_start = lo
    for c in _SEGMENT_BREAK.finditer(text, lo, colon):
        seg_start = c.end()
    words = text[seg_start:colon].split()
    run: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() or w.lower() in _ADMIN_WORDS:
            run.append(w)
            if w.lower() in _ADMIN_WORDS:
                break
        else:
            break
    run.reverse()
    if not run or len(run) > 6 or not any(w[:1].isupper() for w in run):
        return None
    if len(run) == 1 and run[0].lower() in _ADMIN_WORDS:
        return None
    return " ".join(run).strip(" ,")


_ADMIN_WORDS = frozenset({"huyện", "xã", "thị trấn", "phường", "tỉnh", "thành phố", "thôn", "bản",
                          "trường", "cụm", "khối", "thị xã"})


def _phrase_before(head: str, phrases: frozenset[str], max_words: int = 3) -> int | None:
    """Offset in `head` where one of `phrases` ends it (whole words), else None. A word
    lookup instead of an end-anchored regex, which would try every position."""
    words = head.split()
    stripped = head.rstrip()
    for n in range(min(max_words, len(words)), 0, -1):
        phrase = " ".join(words[-n:])
        if phrase in phrases and stripped.endswith(phrase):
            pos = len(stripped) - len(phrase)
            if pos == 0 or not stripped[pos - 1].isalnum():
                return pos
    return None
