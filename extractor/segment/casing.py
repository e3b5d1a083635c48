"""Sentence case for capitalised header lines, keeping abbreviations and proper names.

"CHỦ TỊCH UBND HUYỆN TRIỆU SƠN" → "Chủ tịch UBND huyện Triệu Sơn": abbreviations stay
(they are not Vietnamese syllables), words after an administrative unit are a place
name, customary capitals of office titles come from the lexicon.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from extractor.normalise.ocr import fold_key, tolerant
from extractor.normalise.search import search_key
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
    """Length in words of the administrative unit starting at words[i], else 0; a unit of
    two words or more is compared without marks, so an OCR'd `THÀNH PHỎ` is still one."""
    return len(_unit_words(words, i))


def _unit_words(words: list[str], i: int) -> list[str]:
    """The unit starting at words[i] as the lexicon spells it, else []."""
    for unit in _units():
        span = words[i:i + len(unit)]
        if [w.lower() for w in span] == unit:
            return unit
        # only units of two words or more: one folded syllable is ambiguous (BAN / bản)
        if len(unit) > 1 and [fold_key(w).lower() for w in span] == [fold_key(u).lower() for u in unit]:
            return unit
    return []


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
    head = _unit_at(words, 0)
    if 0 < head < len(words) and words[head].lower() in _lexicon().get("unit_body_words", []):
        # `HUYỆN ĐOÀN TÂN KỲ`, `TỈNH ỦY …`: a body named after its unit; the place follows
        out = [_title(words[0])] + [w.lower() for w in words[1:head + 1]]
        i, in_name = head + 1, True
    while i < len(words):
        unit = _unit_at(words, i) if i > 0 or _opens_with_place(words) else 0
        if unit:
            spelt = _unit_words(words, i)
            out.extend(_title(w) if not out and k == 0 else w for k, w in enumerate(spelt))
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
    """Customary capitals of the lexicon's phrases, longest first; a shorter phrase never
    recases part of a longer one (`Nhà nước` inside `Quản lý vốn nhà nước tại doanh nghiệp`)."""
    taken: list[tuple[int, int, str]] = []
    for phrase, pattern in _phrase_patterns():
        for m in pattern.finditer(text):
            if (m.start() == 0 and not phrase[0].isupper()) or any(
                    m.start() < end and start < m.end() for start, end, _ in taken):
                continue
            taken.append((m.start(), m.end(), _spelt(phrase, m.group(0))))
    for start, end, spelt in sorted(taken, reverse=True):
        text = text[:start] + spelt + text[end:]
    return text[:1].upper() + text[1:]


def _spelt(phrase: str, written: str) -> str:
    """The phrase's capitals on the author's letters when the two differ only in where a
    tone mark sits (`UỶ BAN` → Uỷ ban, not Ủy ban); the lexicon's spelling when the scan
    lost marks (`TU PHÁP` → Tư pháp)."""
    if written != phrase and len(written) == len(phrase) and search_key(written) == search_key(phrase):
        return "".join(w.upper() if p.isupper() else w.lower() for w, p in zip(written, phrase))
    return phrase


@lru_cache(maxsize=1)
def _phrase_patterns() -> list[tuple[str, regex.Pattern]]:
    """Each phrase's pattern, longest first. A phrase of two words or more whose unmarked
    form is its own matches whatever marks OCR left (`SỞ TU PHÁP` → Tư pháp); one whose
    unmarked form it shares (Thủ / Thứ trưởng) only as written."""
    phrases = sorted(_lexicon()["canonical_phrases"] + _lexicon().get("place_names", []), key=len, reverse=True)
    folded: dict[str, set[str]] = {}
    for p in phrases:
        folded.setdefault(fold_key(p).lower(), set()).add(p.lower())
    out = []
    for p in phrases:
        loose = len(p.split()) > 1 and len(folded[fold_key(p).lower()]) == 1
        body = tolerant(p) if loose else regex.escape(p)
        out.append((p, regex.compile(r"(?<!\w)" + body + r"(?!\w)", regex.I)))
    return out


def office_titles() -> list[str]:
    return sorted(_lexicon()["office_titles"], key=len, reverse=True)
