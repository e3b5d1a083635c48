"""Cues of the administrative layout (Nghị định 30/2020/NĐ-CP) read on clean lines: the
lexicons (resources/segment_layout.yaml, segment_news.yaml), their compiled patterns, and
the line predicates every part reader shares (motto, Số:, date line, kind word, a name)."""
from __future__ import annotations

from functools import lru_cache

import regex

from extractor.normalise.ocr import tolerant
from extractor.resources import ResourceError, load_yaml, surname_words
from extractor.segment.lines import Line

_LAYOUT = "segment_layout.yaml"
_NEWS = "segment_news.yaml"


@lru_cache(maxsize=1)
def layout_lexicon() -> dict:
    data = load_yaml(_LAYOUT)
    for key in ("motto_patterns", "kind_words", "doc_type_rules", "capacity_prefixes"):
        if not isinstance(data.get(key), list):
            raise ResourceError(f"{_LAYOUT}: key '{key}' must be a list")
    for i, item in enumerate(data["kind_words"]):
        if not {"word", "kind"} <= set(item):
            raise ResourceError(f"{_LAYOUT}: kind_words[{i}] needs 'word' and 'kind'")
    return data


@lru_cache(maxsize=1)
def news_lexicon() -> dict:
    data = load_yaml(_NEWS)
    for key in ("boilerplate_patterns", "byline_prefixes", "byline_org_separators"):
        if not isinstance(data.get(key), list):
            raise ResourceError(f"{_NEWS}: key '{key}' must be a list")
    return data


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern]:
    lex, news = layout_lexicon(), news_lexicon()
    # accent-tolerant: an OCR'd kind word keeps its letters, not always its marks (QUYÉT ĐỊNH)
    kinds = "|".join(tolerant(k["word"]) for k in sorted(lex["kind_words"], key=lambda k: -len(k["word"])))
    caps = "|".join(regex.escape(c) for c in lex["capacity_prefixes"])
    return {
        "motto": regex.compile("|".join(f"(?:{p})" for p in lex["motto_patterns"]), regex.I),
        # a scrap of the scan may stand before it (`\` BIÊN BẢN`)
        "kind": regex.compile(rf"^(?:[^\p{{L}}\d\s(]{{1,3}}\s+)?(?P<kind>{kinds})(?![\p{{L}}])\s*[:.]?\s*(?P<rest>.*)$"),
        "subject": regex.compile(rf"^(?:{lex['subject_prefix']})\s*[:.]?\s*(?P<rest>.+)$", regex.I),
        "recipients": regex.compile(rf"^{lex['recipients_cue']}\s*:?\s*(?P<rest>.*)$", regex.I),
        "distribution": regex.compile(rf"^{lex['distribution_cue']}\s*:?\s*(?P<rest>.*)$", regex.I),
        "number": regex.compile(rf"{lex['number_cue']}\s*(?P<num>[^\s|]*)", regex.I),
        # a day or month the scan made unreadable (`ngày ÚT tháng Ÿ năm 2021`) is a scrap of
        # marks and capitals, never a word: the line is still the place-date line
        "date": regex.compile(
            r"ngày[\s.…_]*(?:(?P<d>\d(?: ?\d)?)|(?P<dx>(?-i:[^\s\p{Ll}]{1,4})))?[\s.…_]*tháng[\s.…_]*"
            r"(?:(?P<m>\d(?: ?\d)?)|(?P<mx>(?-i:[^\s\p{Ll}]{1,4})))?[\s.…_]*năm[\s.…_]*"
            r"(?P<y>\d(?: ?\d){3})(?!\d)",
            regex.I),
        "capacity": regex.compile(rf"^(?P<cap>{caps})\s*\.\s*", regex.I),
        "form_label": regex.compile(lex["form_label"], regex.I),
        "boilerplate": regex.compile("|".join(f"(?:{p})" for p in news["boilerplate_patterns"]), regex.I),
        "news_date": regex.compile(news["date_pattern"]),
    }


def pattern(name: str) -> regex.Pattern:
    return _patterns()[name]


def is_upper_line(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) >= 0.85


def is_motto(ln: Line) -> bool:
    rest = pattern("motto").sub("", ln.clean)
    return rest != ln.clean and not regex.search(r"\p{L}", rest)


def holds_motto(ln: Line) -> bool:
    """A short header line holding the motto beside the issuer (a flattened two-column header)."""
    return len(ln.clean) <= 160 and bool(pattern("motto").search(ln.clean))


def has_number(ln: Line) -> bool:
    """The line holds the document symbol ("Số: 08/BC-TĐKT"), possibly after the issuer."""
    return bool(regex.match(r"^.{0,60}?(?<!\p{L})S[ốỐ]\s*:", ln.clean, flags=regex.I))


def has_form_label(ln: Line) -> bool:
    """The line ends with a form's label (`Mẫu số 08`, `TỈNH X  Biểu mẫu số 01`)."""
    m = pattern("form_label").search(ln.clean) if len(ln.clean) <= 120 else None
    if not m:
        return False
    before = ln.clean[:m.start()].strip(" |-–")
    return not before or is_upper_line(before)  # alone, or beside the issuer; not a sentence's end


def has_date(ln: Line) -> bool:
    return bool(pattern("date").search(ln.clean)) and len(ln.clean) < 120


def kind_match(ln: Line) -> regex.Match | None:
    m = pattern("kind").match(ln.clean)
    if not m:
        return None
    rest = m.group("rest")
    # "BÁO CÁO" alone, or followed by a subject in sentence case — never a body sentence.
    return m if not rest or (len(rest) < 250 and not rest.endswith(".")) else None


def is_name(text: str) -> bool:
    """A person's name on its own line: 2–5 capitalised words ("Mai Thị Chiên")."""
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    if not all(regex.fullmatch(r"\p{Lu}\p{Ll}*\.?", w) for w in words):
        return False
    # two long words, or a known surname before short ones ("Đào Mỹ", "Lê Hà", "Vũ Mạnh Hà")
    if sum(len(w) > 2 for w in words) < 2 and words[0] not in surname_words():
        return False
    from extractor.segment.casing import is_syllable

    return all(is_syllable(w.rstrip(".")) for w in words)  # `Trần Mạg`: a stray of the signature image


def byline_prefix(text: str) -> regex.Match | None:
    prefixes = "|".join(regex.escape(p) for p in sorted(news_lexicon()["byline_prefixes"], key=len, reverse=True))
    return regex.match(rf"^(?:{prefixes})\s*:\s*", text, flags=regex.I)
