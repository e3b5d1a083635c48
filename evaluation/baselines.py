"""Reference systems for the evaluation table, so every tdkt number has a floor to beat.

- indicators: a plain "number followed by the next word" regex;
- campaigns: every quoted string;
- people: underthesea's NER, every PER entity.
Each returns items in the gold format for one document's normalised text.
"""
from __future__ import annotations

from typing import Any

import regex

_NUMBER_WORD = regex.compile(r"(?<![\w/.,])(\d[\d.,]*)\s*(%|[\p{L}]+)")
_QUOTED = regex.compile(r"[“\"‘«]([^“”\"‘’«»\n]{2,200})[”\"’»]")


def _plain_value(raw: str) -> float | None:
    digits = raw.rstrip(".,").replace(".", "").replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def indicators_number_next_word(text: str) -> list[dict[str, Any]]:
    out = []
    for m in _NUMBER_WORD.finditer(text):
        value = _plain_value(m.group(1))
        if value is None:
            continue
        out.append({"text": m.group(0), "value": value, "unit": m.group(2)})
    return out


def campaigns_every_quoted(text: str) -> list[str]:
    seen: dict[str, str] = {}
    for m in _QUOTED.finditer(text):
        name = m.group(1).strip()
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


def people_underthesea_per(text: str) -> list[dict[str, Any]]:
    from underthesea import ner

    people: dict[str, dict[str, Any]] = {}
    for line in text.split("\n"):
        if not line.strip():
            continue
        current: list[str] = []
        for token in ner(line) + [("", "", "", "O")]:
            word, tag = token[0], token[-1]
            if tag.endswith("PER") and (tag.startswith("I-") and current or tag.startswith("B-")):
                if tag.startswith("B-") and current:
                    _keep(people, current)
                    current = []
                current.append(word)
            else:
                _keep(people, current)
                current = []
    return list(people.values())


def _keep(people: dict[str, dict[str, Any]], words: list[str]) -> None:
    name = " ".join(words).strip()
    if len(name.split()) >= 2:
        people.setdefault(name, {"name": name, "honorific": None, "role": None, "place": None})


BASELINES = {
    "indicators": ("số + từ kế tiếp (regex)", indicators_number_next_word),
    "campaigns": ("mọi chuỗi trong ngoặc kép", campaigns_every_quoted),
    "people": ("underthesea NER (PER)", people_underthesea_per),
}
