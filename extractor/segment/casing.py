"""Sentence case for capitalised header lines, keeping abbreviations and proper names.

"CHỦ TỊCH UBND HUYỆN TRIỆU SƠN" → "Chủ tịch UBND huyện Triệu Sơn": abbreviations stay
(they are not Vietnamese syllables), words after an administrative unit are a place
name, customary capitals of office titles come from the lexicon.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from extractor.resources import ResourceError, load_yaml

_RESOURCE = "segment_casing.yaml"

# A Vietnamese syllable: optional onset, a vowel nucleus, optional coda. Capitalised
# tokens that are not syllables (UBND, TĐKT, HĐND) are abbreviations.
_V = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
_SYLLABLE = regex.compile(
    rf"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[{_V}]{{1,3}}(?:ng|nh|ch|[cmnpt])?$",
    regex.I,
)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, list[str]]:
    data = load_yaml(_RESOURCE)
    for key in ("abbreviations", "admin_units", "canonical_phrases", "office_titles"):
        if not isinstance(data.get(key), list):
            raise ResourceError(f"{_RESOURCE}: key '{key}' must be a list")
    return data


def is_syllable(token: str) -> bool:
    """A well-formed Vietnamese syllable (`Ông`, `Nguyễn`); `Mạg`, `Ôn g` are not."""
    return bool(_SYLLABLE.match(token.strip()))


def is_abbreviation(token: str) -> bool:
    core = token.strip(".,;:()")
    if not core or not any(ch.isalpha() for ch in core):
        return False
    if core.upper() in {a.upper() for a in _lexicon()["abbreviations"]}:
        return True
    return core.isupper() and len(core) >= 2 and not _SYLLABLE.match(core)


def _units() -> list[list[str]]:
    return sorted((u.split() for u in _lexicon()["admin_units"]), key=len, reverse=True)


def _unit_at(words: list[str], i: int) -> int:
    """Length in words of the administrative unit starting at words[i], else 0."""
    for unit in _units():
        if [w.lower() for w in words[i:i + len(unit)]] == unit:
            return len(unit)
    return 0


def _opens_with_place(words: list[str]) -> bool:
    """`HUYỆN NAM ĐÀN`: a unit word then its name; `TỈNH ỦY …`, `HUYỆN ĐOÀN …` name a body."""
    unit = _unit_at(words, 0)
    return 0 < unit < len(words) and words[unit].lower() not in _lexicon().get("unit_body_words", [])


def _title(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def sentence_case(text: str) -> str:
    """Sentence case of a capitalised line, abbreviations and place names kept."""
    words = text.split()
    out: list[str] = []
    i, in_name = 0, False
    while i < len(words):
        unit = _unit_at(words, i) if i > 0 or _opens_with_place(words) else 0
        if unit:
            out.extend(_title(w) if not out and k == 0 else w.lower() for k, w in enumerate(words[i:i + unit]))
            i, in_name = i + unit, True
            continue
        w = words[i]
        if is_abbreviation(w) or any(ch.isdigit() for ch in w):
            out.append(w)
        elif in_name or not out:
            out.append(_title(w))
        else:
            out.append(w.lower())
        i += 1
    return _canonical(" ".join(out))


def _canonical(text: str) -> str:
    for phrase in sorted(_lexicon()["canonical_phrases"] + _lexicon().get("place_names", []), key=len, reverse=True):
        pattern = regex.compile(r"(?<!\w)" + regex.escape(phrase) + r"(?!\w)", regex.I)
        text = pattern.sub(lambda m: phrase if m.start() or phrase[0].isupper() else m.group(0), text)
    return text[:1].upper() + text[1:]


def office_titles() -> list[str]:
    return sorted(_lexicon()["office_titles"], key=len, reverse=True)
