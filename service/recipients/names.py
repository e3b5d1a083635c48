"""Comparable forms of recipients' names, units and places.

`key("UBND xã Định Liên")` == `key("Ủy ban nhân dân xã Định Liên")` == `key("uy ban nhan dan xa dinh lien")`:
abbreviations written out (lexicon.yaml), honorifics dropped, accents, case and spacing folded
with the project's own folding (`extractor.normalise.search`). `accented_key` keeps the marks
(tone placement unified) so `Thành` and `Thanh` stay two names when both are written with marks.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from extractor.normalise.search import search_key, strip_accents

LEXICON = Path(__file__).with_name("lexicon.yaml")

# Bump when the comparison changes: archives rebuild their recipient index on open.
LINKAGE_VERSION = 1


class LexiconError(ValueError):
    """lexicon.yaml is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class Lexicon:
    abbreviations: tuple[tuple[re.Pattern, str], ...]  # folded abbreviation pattern → folded expansion
    honorifics: re.Pattern
    admin: re.Pattern  # level word + capitalised name
    levels: dict[str, int]  # folded level word → level
    central_cities: frozenset[str]  # folded


def _fold(text: str) -> str:
    return strip_accents(search_key(text, accents=True))


def _require(data: dict, key: str, kind: type, path: Path):
    value = data.get(key)
    if not isinstance(value, kind) or not value:
        raise LexiconError(f"{path.name}: khóa '{key}' phải là {'danh sách' if kind is list else 'bảng'} không rỗng")
    return value


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON) -> Lexicon:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path.name}: không đọc được ({exc})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path.name}: phải là một bảng khóa → giá trị")
    abbr = _require(data, "abbreviations", dict, path)
    pairs = []
    for short, full in sorted(abbr.items(), key=lambda kv: -len(str(kv[0]))):
        if not isinstance(full, str) or not full.strip():
            raise LexiconError(f"{path.name}: abbreviations.{short}: phải là một chuỗi")
        pat = re.compile(r"(?<![\w&-])" + re.escape(_fold(str(short))) + r"(?![\w&])")
        pairs.append((pat, _fold(full)))
    hon = [_fold(h) for h in _require(data, "honorifics", list, path)]
    honorifics = re.compile(r"^(?:(?:" + "|".join(re.escape(h) for h in sorted(hon, key=len, reverse=True))
                            + r")\.?\s+)+")
    levels_raw = _require(data, "admin_levels", dict, path)
    levels = {}
    for word, level in levels_raw.items():
        if level not in (1, 2, 3):
            raise LexiconError(f"{path.name}: admin_levels.{word}: cấp phải là 1, 2 hoặc 3")
        levels[_fold(word)] = level
    words = sorted(levels_raw, key=len, reverse=True)
    # A level word (any case) and the capitalised words after it: `xã Đồng Tâm`, `HUYỆN YÊN THẾ`.
    admin = re.compile(r"(?<!\w)((?i:" + "|".join(re.escape(w) for w in words) + r"))\s+"
                       r"(\w+(?:[ \t]+\w+){0,5})")
    cities = frozenset(_fold(c) for c in _require(data, "central_cities", list, path))
    return Lexicon(tuple(pairs), honorifics, admin, levels, cities)


_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w&/ -]+")


def expand(text: str | None, lex: Lexicon | None = None) -> str:
    """Folded text with abbreviations written out: `UBND xã Đồng Tâm` → `uy ban nhan dan xa dong tam`."""
    if not text:
        return ""
    lex = lex or load_lexicon()
    out = _fold(unicodedata.normalize("NFC", text))
    for pat, full in lex.abbreviations:
        out = pat.sub(full, out)
    out = _PUNCT.sub(" ", out).replace(" - ", " ")
    return _SPACE.sub(" ", out).strip()


def strip_honorific(name: str, lex: Lexicon | None = None) -> str:
    """The name without a leading `Ông`, `bà`, `đ/c`…, as written."""
    lex = lex or load_lexicon()
    name = _SPACE.sub(" ", unicodedata.normalize("NFC", name)).strip(" .,;:")
    folded = _fold(name)
    m = lex.honorifics.match(folded + " ")
    if m and m.end() <= len(folded):
        return name[m.end():].strip()
    return name


def key(name: str | None) -> str:
    """Blocking key of a name: honorific dropped, abbreviations out, accent-free."""
    if not name:
        return ""
    return expand(strip_honorific(name))


def accented_key(name: str | None) -> str:
    """The name with its marks (tone placement unified), honorific dropped, lower case."""
    if not name:
        return ""
    return _SPACE.sub(" ", search_key(strip_honorific(name))).strip(" .,;:")


def has_marks(text: str) -> bool:
    return strip_accents(text) != text


def given_key(name: str | None) -> str:
    """The last syllable of the folded name (`Nguyễn Văn Thành` → `thanh`): the block of short forms."""
    words = key(name).split()
    return words[-1] if words else ""


def places(text: str | None, lex: Lexicon | None = None) -> dict[int, str]:
    """Administrative places named in `text`, by level: {3: 'xa dong tam', 2: 'huyen yen the'}.
    The most specific mention of each level wins (the first one written)."""
    if not text:
        return {}
    lex = lex or load_lexicon()
    found: dict[int, str] = {}
    for m in lex.admin.finditer(unicodedata.normalize("NFC", text)):
        word, name = _fold(m.group(1)), _fold(_proper(m.group(2)))
        if not name:
            continue
        level = lex.levels.get(word)
        if level is None:
            continue
        if word == "thanh pho" and name in lex.central_cities:
            level = 1
        found.setdefault(level, f"{word} {name}")
    return found


def place_label(text: str | None) -> str | None:
    """The most specific place in `text` as written (`xã Đồng Tâm`), for display and facets."""
    if not text:
        return None
    lex = load_lexicon()
    best: tuple[int, str] | None = None
    for m in lex.admin.finditer(unicodedata.normalize("NFC", text)):
        level = lex.levels.get(_fold(m.group(1)))
        name = _proper(m.group(2))
        if level is None or not name:
            continue
        label = f"{m.group(1).lower()} {_title(name)}"
        if best is None or level > best[0]:
            best = (level, label)
    return best[1] if best else None


def _proper(words: str) -> str:
    """The leading capitalised (or numbered) words: `Đồng Tâm đã được` → `Đồng Tâm`."""
    kept = []
    for w in words.split():
        if not (w[0].isupper() or w[0].isdigit()):
            break
        kept.append(w)
    return " ".join(kept)


def _title(name: str) -> str:
    """`YÊN THẾ` → `Yên Thế`; mixed-case names are kept."""
    return " ".join(w.capitalize() if w.isupper() and not w.isdigit() else w for w in name.split())
