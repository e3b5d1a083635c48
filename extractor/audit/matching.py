"""Matching a requirement by meaning: synonym phrases compared accent-insensitively and
fuzzily (a typo or a missing word still matches), so `Tồn tại, hạn chế`, `Hạn chế` and
`Những tồn tại, hạn chế` all satisfy a requirement that lists `hạn chế`."""
from __future__ import annotations

from difflib import SequenceMatcher

import regex

from extractor.audit.folding import fold, words


def _similar(a: str, b: str, threshold: float) -> bool:
    """Same word, or a long word with a typo; short words must be equal ("vu" is not "vui")."""
    if a == b:
        return True
    return min(len(a), len(b)) >= 4 and SequenceMatcher(None, a, b).ratio() >= threshold


def phrase_in_title(phrase: str, title: str, threshold: float) -> bool:
    """True when a run of words of `title` reads like `phrase`, word by word (accents,
    case and punctuation ignored; each word equal or, if long, similar ≥ threshold)."""
    want = words(phrase)
    have = words(title)
    n = len(want)
    if not want or len(have) < n:
        return False
    return any(all(_similar(have[i + k], want[k], threshold) for k in range(n))
               for i in range(len(have) - n + 1))


def phrase_in_body(phrase: str, spaced_body: str) -> int | None:
    """Offset of `phrase` in `fold_spaced(body)`, whole words only; exact after folding
    because a fuzzy scan of a whole report would match by chance."""
    want = words(phrase)
    if not want:
        return None
    pattern = r"(?<![\p{L}\p{N}])" + r"\s+".join(regex.escape(w) for w in want) + r"(?![\p{L}\p{N}])"
    m = regex.search(pattern, spaced_body)
    return m.start() if m else None


def fold_spaced(text: str) -> str:
    """Folded text with every non-word character turned into a space (same length), so a
    phrase written with commas or markup still matches `words` joined by spaces."""
    return "".join(c if c.isalnum() else " " for c in fold(text))
