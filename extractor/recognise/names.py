"""Vietnamese personal names and the descriptor (role, place) printed with them.

Shared by the awards recogniser (named individual recipients) and the people
recogniser. Lexicons come from resources/people.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.recognise.scan import merge
from extractor.resources import ResourceError, load_yaml

# A capitalised syllable: upper-case letter then lower-case letters (no digits).
SYLLABLE = r"\p{Lu}\p{Ll}*"


@dataclass(frozen=True)
class NameMatch:
    start: int  # start of the honorific when present, else of the name
    end: int
    name_start: int
    name: str
    honorific: str | None  # canonical, or None (also for dropped forms like thầy/cô)


@lru_cache(maxsize=1)
def lexicon() -> dict:
    data = load_yaml("people.yaml")
    for key in ("honorifics", "honorifics_dropped", "surnames", "roles", "place_prefixes",
                "official_cues", "exemplary_cues", "workplace_prefixes", "name_container_words", "never_people", "not_roles",
                "institution_words", "conferral_words", "beneficiary_cues", "exemplary_cue_exceptions",
                "residence_words", "descriptor_stop_words"):
        if key not in data:
            raise ResourceError(f"people.yaml: missing key '{key}'")
    return data


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def name_re() -> regex.Pattern:
    lex = lexicon()
    hon = _alternation(list(lex["honorifics"]) + lex["honorifics_dropped"])
    surnames = _alternation(s.split()[0] for s in lex["surnames"])
    # honorific + 2-4 capitalised syllables, or a listed surname + 1-4 more syllables.
    return regex.compile(
        rf"\m(?<![\p{{L}}\d])(?:(?P<hon>(?i:{hon}))\s+(?P<n1>{SYLLABLE}(?:\s+{SYLLABLE}){{1,4}})"
        rf"|(?P<n2>(?:{surnames})(?:\s+{SYLLABLE}){{1,4}}))(?![\p{{L}}\d])"
    )


@lru_cache(maxsize=1)
def _honorific_table() -> dict[str, str]:
    return {k.casefold(): v for k, v in lexicon()["honorifics"].items()}


def _honorific(raw: str | None) -> str | None:
    if raw is None:
        return None
    return _honorific_table().get(raw.casefold())


# Every name match holds two capitalised syllables in a row (the honorific form needs a
# 2-syllable name, the bare form a surname and one more syllable). Runs of such syllables
# are cheap to find; the full name pattern then runs only around them.
_CAPS_RUN = regex.compile(rf"{SYLLABLE}(?:\s+{SYLLABLE})+")


@lru_cache(maxsize=1)
def _honorific_reach() -> int:
    lex = lexicon()
    return max(len(h) for h in list(lex["honorifics"]) + lex["honorifics_dropped"]) + 1


def _name_windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Windows of text[start:end] that can hold a name: each capitalised run, widened left
    over the whitespace and honorific that may precede it, and right to the end of the
    word it ends in (so the pattern's word-end check reads the same characters)."""
    reach = _honorific_reach()
    out = []
    for r in _CAPS_RUN.finditer(text, start, end):
        ws = r.start()
        while ws > start and text[ws - 1].isspace():
            ws -= 1
        ws = max(start, ws - reach)
        we = r.end()
        while we < end and (text[we].isalpha() or text[we].isdigit()):
            we += 1
        out.append((ws, we))
    return merge(out)


def find_names(text: str, start: int = 0, end: int | None = None, min_bare: int = 3) -> list[NameMatch]:
    """Every personal name in text[start:end], honorific attached when printed.

    A bare name (no honorific) needs `min_bare` syllables: 3 by default, since a bare
    capitalised pair is more often a place (Triệu Sơn, Hà Trung); callers that know the
    context lists individuals (`… cho 02 cá nhân gồm: Giàng Dình, …`) may pass 2."""
    end = len(text) if end is None else end
    out = []
    pattern = name_re()
    for m in (m for ws, we in _name_windows(text, start, end) for m in pattern.finditer(text, ws, we)):
        group = "n1" if m.group("n1") else "n2"
        hon = m.group("hon")
        name = _trim_name(m.group(group))
        # A bare two-syllable capitalised pair is more often a place (Triệu Sơn, Hà Trung)
        # than a person; without an honorific a name needs a middle syllable.
        if len(name.split()) < (2 if hon else min_bare) or (hon is None and _inside_container(text, m.start())):
            continue
        out.append(NameMatch(m.start(), m.start(group) + len(name), m.start(group), name, _honorific(hon)))
    return out


@lru_cache(maxsize=1)
def _container_re() -> regex.Pattern:
    words = _alternation(lexicon()["name_container_words"])
    return regex.compile(rf"(?<![\p{{L}}])(?:{words})\s+$")


@lru_cache(maxsize=1)
def _institution_re() -> regex.Pattern:
    # An institution word, then up to three capitalised words or acronyms (`THPT`, `Chuyên`,
    # `GDNN-GDTX`, `TNHH`) with only spaces between, right up to the name.
    words = _alternation(lexicon()["institution_words"])
    return regex.compile(rf"(?<![\p{{L}}])(?:{words})(?:\s+\p{{Lu}}[\p{{L}}\d&.-]*){{1,3}}\s+$")


def _inside_container(text: str, pos: int) -> bool:
    """A name right after `Trường`, `đường`, `thôn` … is part of a place or institution, and
    so is one closing an institution's name (`Trường THPT Chuyên Lê Quý Đôn`)."""
    return bool(_container_re().search(text[max(0, pos - 20):pos])
                or _institution_re().search(text[max(0, pos - 60):pos]))


_NAME_STOP = frozenset(w.casefold() for w in ("Trường", "Phó", "Trưởng", "UBND", "Xã", "Thôn"))
# Syllables that end a name only as the first half of a title (`Hiệu Trưởng`, `Chủ Tịch`);
# alone they are ordinary name syllables (`Đặng Hiệu Hình`).
_TITLE_HALVES = {"hiệu": ("trưởng", "phó"), "giáo": ("viên", "sư"), "chủ": ("tịch", "nhiệm"), "bí": ("thư",)}


def _trim_name(name: str) -> str:
    # Names are at most 5 syllables; a following capitalised word (Trường, Hiệu Trưởng …) is not a name.
    words = name.split()
    kept: list[str] = []
    for i, w in enumerate(words):
        key = w.casefold()
        nxt = words[i + 1].casefold() if i + 1 < len(words) else ""
        if kept and (key in _NAME_STOP or nxt in _TITLE_HALVES.get(key, ())):
            break
        kept.append(w)
    return " ".join(kept)


@lru_cache(maxsize=1)
def _role_re() -> regex.Pattern:
    return regex.compile(rf"(?:{_alternation(lexicon()['roles'])})(?![\p{{L}}])", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _workplace_re() -> regex.Pattern:
    return regex.compile(rf"(?<![\p{{L}}])(?:{_alternation(lexicon()['workplace_prefixes'])})(?![\p{{L}}])")


@lru_cache(maxsize=1)
def _place_re() -> regex.Pattern:
    return regex.compile(rf"(?<![\p{{L}}])(?:{_alternation(lexicon()['place_prefixes'])})(?![\p{{L}}])")


def split_descriptor(desc: str) -> tuple[str | None, str | None]:
    """(role, place) from the text printed with a name: `giáo viên Trường THPT Chuyên`,
    `Bí thư chi bộ, Trưởng thôn Bình Giang, xã Lâm Ca`, `thôn Đồng Khoang, xã Cường Lợi`.

    Roles are consecutive segments that start with a role word; the place is the first
    segment (or the tail of a role segment) that starts with a place prefix: the smallest
    unit, since reports print the smallest first.
    """
    roles: list[str] = []
    place: str | None = None
    for seg in (s.strip(" .;:-–") for s in desc.split(",")):
        if not seg:
            continue
        for nr in lexicon()["not_roles"]:
            if seg.casefold().startswith(nr + " "):
                seg = seg[len(nr) + 1:].strip()
                break
        role_m = _role_re().match(seg)
        if role_m and place is None:
            rest = seg[role_m.end():]
            # Only a workplace ends a role (`giáo viên Trường …`); `Chủ tịch Hội Phụ nữ xã`
            # keeps its organisation.
            pm = _workplace_re().search(rest)
            if pm and not rest[:pm.start()].strip():
                roles.append(seg[:role_m.end()].strip())
                place = _clean_place(rest[pm.start():])
            else:
                roles.append(seg)
            continue
        if _place_re().match(seg):
            place = place or _clean_place(seg)
            break
        break
    return (", ".join(roles) or None), place


_ROLE_BEFORE_SPLIT = regex.compile(
    r"[:;\n(“”\"]|(?<![\p{L}])(?i:là|như|gồm|có|của|cho|tặng|và|với|đó|điển hình|tiêu biểu)(?![\p{L}])")


@lru_cache(maxsize=1)
def _role_end_re() -> regex.Pattern:
    return regex.compile(rf"(?<![\p{{L}}])(?:{_alternation(lexicon()['roles'])})\s+$", regex.IGNORECASE)


def role_before(left: str) -> tuple[str | None, str | None]:
    """(role, place) printed right before a name: `Trưởng thôn Khe Đa, ông …`,
    `… tiêu biểu là Bí thư chi bộ bản Na Hu Lò Văn Pọm`. The text after the last clause
    separator must start with a role word and run up to the name; failing that, a role
    word directly before the name is the role (`em học sinh Trịnh Văn C`)."""
    seg = _ROLE_BEFORE_SPLIT.split(left)[-1].strip().rstrip(",-–").strip()
    if seg and len(seg.split()) <= 12 and _role_re().match(seg):
        return split_descriptor(seg)
    m = _role_end_re().search(left[-40:])
    return (m.group(0).strip(), None) if m else (None, None)


def _clean_place(place: str) -> str:
    # A larger unit in brackets after the place ("(Việt Yên)") is not part of it.
    return regex.sub(r"\s*\(.*$", "", place).strip(" .;:")
