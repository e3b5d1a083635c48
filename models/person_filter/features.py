"""Features of a person candidate: words around the name, the descriptor, cue flags.

Kept in one place so training and run time compute exactly the same thing.
"""
from __future__ import annotations

import regex


def _words(text: str) -> list[str]:
    return [w.casefold() for w in regex.findall(r"\p{L}+", text)]


def features(c) -> dict[str, float]:
    from extractor.recognise.people import _cue_res

    official, exemplary = _cue_res()
    left, right = c.left[-80:], c.right[:60]
    f: dict[str, float] = {"bias": 1.0}
    for w in _words(left)[-8:]:
        f["L:" + w] = 1.0
    for w in _words(c.descriptor)[:6]:
        f["D:" + w] = 1.0
    for w in _words(right)[:6]:
        f["R:" + w] = 1.0
    f["hon:" + (c.match.honorific or "none")] = 1.0
    f["syllables"] = len(c.match.name.split()) / 4
    f["has_descriptor"] = float(bool(c.descriptor))
    f["cue_official"] = float(bool(official.search(left[-60:] + " " + c.descriptor + " " + right)))
    f["cue_exemplary"] = float(bool(exemplary.search(c.left[-120:] + " " + c.descriptor + " " + right)))
    f["recipient"] = float(c.recipient)
    return f
