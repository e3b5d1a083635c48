"""Indicator recogniser: every quantity a report states (ANNOTATION.md "indicators"), with
its value in base units, unit or counted noun, ratio denominator, qualifier, and — beyond
the gold fields — the phrase it measures, its comparison and the unit or place it
belongs to.

One compiled pattern finds candidates (number or ratio, unit or counted noun, closing
qualifier), a word lookup adds the qualifier before it; context checks then drop dates,
years, identifiers, ordinals, anniversaries, ages, levels and numbers inside names. A
counted noun's extent comes from data: the lexicon, a word dictionary (the longest word
the noun starts), classifiers, modifier tails of the head's kind, and a stop list.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from extractor.model import BlockKind, Document
from extractor.normalise.numbers import DIGITS, amount_pattern, parse_digits, parse_vn_number
from extractor.pipeline import component
from extractor.provenance import make_span
from extractor.recognise.campaigns import find_quoted
from extractor.recognise.non_quantities import (bare_non_quantity, column_number_row, identifier_cells,
                                                list_ranges, title_line)
from extractor.recognise.regions import RangeIndex, skipped_ranges
from extractor.records import ColumnMeaning, Comparison, Extraction, Indicator
from extractor.resources.cache import derived
from extractor.resources import ResourceError, load_yaml

_SP = r"[^\S\n]"  # a space that stays on the line
_NOT_WORD_AFTER = r"(?![\p{L}\p{N}])"
_HAS_DIGIT = regex.compile(r"\d")
_SEGMENT_BREAK = regex.compile(r"[.;(\n]")
_YEAR = regex.compile(r"(?:19|20)\d\d")
_TIME_OF_DAY = regex.compile(r"[^\S\n]*(?:giờ|h)[^\S\n]*\d{1,2}(?!\d)")
_TABLE_INDEX = regex.compile(r"^\s*\|?\s*\d{1,3}\s*(?:\||$)")
_SENTENCE_END = regex.compile(r"[.!?](?=\s+[\p{Lu}\d(“\"-])|\n")
_CLAUSE_END = regex.compile(r"[.!?](?=\s)|[;:(\n|]|,\s")  # "|" parts the cells of a table row
_DATELINE = regex.compile(r"^\s*(?:(?:Thứ\s+\p{L}+|Chủ nhật)\s*[-,|]?\s*)?\d{1,2}/\d{1,2}/\d{4}\b")
_PAGE_FURNITURE = regex.compile(r"^\W*(?:Trang\s+)?\d+(?:\s*/\s*\d+)?\W*$")
_CLAUSE_NUMBER = regex.compile(r"\d{1,2}(?:\.\d{1,2})+")  # "5.1", "2.2.1" at a line start
_ENUMERATOR_AFTER = regex.compile(r"[.)][^\S\n]+\p{Lu}")
_MISREAD_ENUMERATOR_AFTER = regex.compile(r"[,:](?:[^\S\n]+[|]?[^\S\n]*\p{Lu}|[^\S\n]*(?:\||$))", regex.MULTILINE)
_SPELLED_OUT_NOUN = regex.compile(
    rf"{_SP}*\(\p{{Lu}}\p{{Ll}}*(?:{_SP}\p{{Ll}}+){{0,3}}\){_SP}+(?P<w1>\p{{L}}\p{{Ll}}*)(?:{_SP}+(?P<w2>\p{{Ll}}+))?{_NOT_WORD_AFTER}")
_LABEL_REACH = 40  # how far before a number its line's label may start
_SPACED_SYMBOL_AFTER = regex.compile(r"[^\S\n]*/[^\S\n]*\p{Lu}{2,}")
_LABELLED_ITEM_AFTER = regex.compile(r"[.)][^\S\n]+\p{Lu}[\p{L} ]{0,30}:")  # "… 2. Nhận: …"


# --- lexicon ---------------------------------------------------------------------------

def _list(data: dict, key: str, where: str = "indicators.yaml") -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ResourceError(f"{where}: key '{key}' must be a list of non-empty strings")
    return [str(v) for v in value]


def _map(data: dict, key: str) -> dict[str, str]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise ResourceError(f"indicators.yaml: key '{key}' must be a non-empty mapping")
    for k, v in value.items():
        if not isinstance(v, str) or not v:
            raise ResourceError(f"indicators.yaml: {key}.{k}: value must be a non-empty string")
    return {str(k): v for k, v in value.items()}


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _lower_first(word: str) -> str:
    return word[:1].lower() + word[1:]


_SYLLABLE = regex.compile(rf"{_SP}+(\p{{Ll}}+){_NOT_WORD_AFTER}")
_MAX_WORD_SYLLABLES = 4  # the longest dictionary word a counted noun may grow into


class IndicatorLexicon:
    """Every pattern the recogniser needs, compiled once from indicators.yaml."""

    def __init__(self) -> None:
        data = load_yaml("indicators.yaml")
        if not isinstance(data, dict):
            raise ResourceError("indicators.yaml: top level must be a mapping")
        self.units = _map(data, "units")
        self.abbreviations = _map(data, "counted_abbreviations")
        # Counted nouns: lexical nouns (each its own head), fixed terms with a shorter
        # head, and classifiers; each also with a capital first letter ("3 Cờ thi đua").
        self.heads = _map(data, "counted_phrases")
        self.classifiers = frozenset(_list(data, "classifiers"))
        self.classifier_units = _map(data, "classifier_units")
        for word, how in self.classifier_units.items():
            if how not in ("noun", "classifier") or word not in self.classifiers:
                raise ResourceError(f"indicators.yaml: classifier_units.{word}: "
                                    "must be a listed classifier mapped to 'noun' or 'classifier'")
        nouns = [*_list(data, "counted_nouns"), *self.heads, *self.classifiers]
        self.nouns = nouns + [n[:1].upper() + n[1:] for n in nouns]
        self.noun_stops = frozenset(_list(data, "noun_stop_words")) | frozenset(_list(data, "noun_modifiers"))
        # What may follow a classifier: a lexicon noun, else a word we guess.
        self.noun_after = regex.compile(rf"{_SP}+(?P<cn>{_alt(nouns)}){_NOT_WORD_AFTER}")
        self.words = _compound_dictionary(data.get("compound_dictionary"))
        self.tails = _noun_tails(data.get("noun_tails"))
        # "2 lần/tháng", "03 giờ/ năm học", "10 tin, bài/1 năm học": a rate per period;
        # "01 cá nhân/01 ban": one of a thing per one of another (LABELLING.md, no `of`).
        self.rate = regex.compile(
            rf"/{_SP}*(?:(?:0?1{_SP}+)?(?P<per>(?:{_alt(_list(data, 'rate_periods'))})(?:{_SP}+học)?)"
            rf"|0?1{_SP}+(?P<one>\p{{Ll}}+)){_NOT_WORD_AFTER}")
        periods = _alt(_list(data, "period_units"))
        # "6 tháng đầu năm", "9 THÁNG", "trong 5 năm qua": a period, checked without case.
        self.period_unit = regex.compile(rf"{_SP}*(?P<pu>(?i:{periods})){_NOT_WORD_AFTER}")
        self._duration_cues(data.get("duration"))
        quals_before = _list(data, "qualifiers_before")
        self.qualifiers_paired = frozenset(_list(data, "qualifiers_paired"))
        # "từ 3,5% xuống còn 2,1%": the second bound may follow one word after the partner.
        self.range_partner = regex.compile(
            rf"{_SP}*(?:{_alt(_list(data, 'range_partners'))})(?:{_SP}+\p{{Ll}}+)?{_SP}*\d")
        quals_before = quals_before + sorted(self.qualifiers_paired)
        quals_after = _list(data, "qualifiers_after")
        # "từ 90% phiếu đồng ý trở lên": a closing phrase after a short noun phrase.
        self.closing = regex.compile(rf"{_SP}+(?P<q>{_alt(quals_after)}){_NOT_WORD_AFTER}")
        self.closing_later = regex.compile(
            rf"(?:{_SP}+\p{{L}}+){{1,4}}?{_SP}+(?P<q>{_alt(quals_after)}){_NOT_WORD_AFTER}")
        excl = data.get("exclusions")
        if not isinstance(excl, dict):
            raise ResourceError("indicators.yaml: key 'exclusions' must be a mapping")
        where = "indicators.yaml: exclusions"
        # The pattern starts at a digit so the scan is cheap; the qualifier before the
        # number is looked up separately (`IndicatorRecogniser._qualifier_start`).
        self.candidate = regex.compile(
            rf"(?=\d)(?<![\p{{L}}\p{{N}}.,/_:])(?<![\p{{L}}\d][-–])"
            rf"(?:(?P<x>{DIGITS})/(?P<y>{DIGITS})(?![\p{{N}}/])|(?P<amount>{amount_pattern()}))"
            rf"(?P<tail>{_SP}?(?!(?:{_alt(_list(data, 'unit_false_friends'))}){_NOT_WORD_AFTER})(?P<unit>{_alt(self.units)})"
            # "đồng/đơn VỊ": a scanner may set part of the noun in capitals
            rf"(?:/(?P<per>(?i:{_alt(nouns)})(?![\p{{L}}])|\p{{L}}{{2,}}(?:/\p{{L}}{{2,}})?))?"
            rf"(?![\p{{L}}\p{{N}}/])"
            rf"|{_SP}+(?P<abbr>{_alt(self.abbreviations)}){_NOT_WORD_AFTER}"
            rf"|{_SP}+(?P<noun>{_alt(self.nouns)}){_NOT_WORD_AFTER})?"
            rf"(?P<trail>{_SP}+(?:{_alt(quals_after)}){_NOT_WORD_AFTER})?"
        )
        self.qualifiers_before = frozenset(quals_before) | frozenset(q[:1].upper() + q[1:] for q in quals_before)
        # "78 cơ quan, đơn vị, xã, thị trấn", "186 tập thể và cá nhân": one count of a
        # coordinated noun list; the text runs to its end, the unit stays the head.
        # A list goes on only with a lower-case noun or an abbreviation ("12 tỉnh, TP"), not
        # with a capital that restarts a sentence or a name ("17/19 tiêu chí, Tiêu chí …"),
        # and not with a noun that a number or a name follows ("5 xã, TP Hà Nội").
        self.coordinated_noun = regex.compile(
            rf"(?:,|{_SP}+(?:và|hoặc)){_SP}+(?P<cn>{_alt([*nouns, *self.abbreviations])}){_NOT_WORD_AFTER}"
            rf"(?!{_SP}*\p{{N}})(?!{_SP}+\p{{Lu}})")
        # "a) Tập thể: 15": a counted noun alone before a colon labels the count after it
        # (at the start of the line or cell, or after an enumerator a text ran into the line)
        self.count_label = regex.compile(
            rf"(?:\A{_SP}*(?:[-–•+*]{_SP}*)?|(?:\A|{_SP})[\p{{L}}\d]{{1,3}}[.)]{_SP}*)"
            rf"(?P<label>{_alt(self.nouns)}){_SP}*:{_SP}*\Z")
        self.guess_noun = regex.compile(rf"{_SP}+(?P<w1>\p{{Ll}}+)(?:{_SP}+(?P<w2>\p{{Ll}}+))?{_NOT_WORD_AFTER}")
        # Checked on the last words before the number (a set lookup, not a regex scan).
        self.before_cues = frozenset(_list(excl, "before", where))
        self.before_name_cues = frozenset(_list(excl, "before_name", where))
        self.list_before = regex.compile(
            rf"(?<![\p{{N}}.,])(?P<n>{DIGITS}){_SP}*(?:{_alt(_list(excl, 'list_joiners', where))}){_SP}*\Z")
        self.before_bare_cues = frozenset(_list(excl, "before_bare", where))
        self.so_allowed_after = frozenset(_list(excl, "so_allowed_after", where))
        self.after_cue = regex.compile(rf"{_SP}*(?:{_alt(_list(excl, 'after', where))}){_NOT_WORD_AFTER}")
        # "5 năm (2021 – 2025)", "5 năm 2020-2025", "77 năm Cách mạng Tháng Tám": periods
        # and anniversaries inside names.
        self.period_after = regex.compile(rf"{_SP}+(?:năm|ngày){_SP}*(?:\(?{_SP}*(?:19|20)\d\d|\p{{Lu}})")
        self.after_any = regex.compile(
            rf"{self.after_cue.pattern}|{self.period_after.pattern}|{_TIME_OF_DAY.pattern}")
        self.line_cue = regex.compile(_alt(_list(excl, "line_cues", where)))
        self.list_titles = frozenset(t.casefold() for t in _list(excl, "list_titles", where))
        try:
            self.identifier_columns = frozenset(ColumnMeaning(m) for m in _list(excl, "identifier_columns", where))
        except ValueError as exc:
            raise ResourceError(f"{where}: identifier_columns: {exc}") from exc
        relations = _alt(_list(data, "relations"))
        baselines = _alt(_list(data, "baselines"))
        self.relations = frozenset(_list(data, "relations"))
        self.baseline_after = regex.compile(
            rf"{_SP}*(?P<so>so với{_SP}+)?(?P<base>(?:{baselines})(?![\p{{L}}])[^,;.()\n]{{0,40}}?)"
            rf"(?={_SP}*(?:[,;.()\n]|$|{_SP}và{_SP}|{_SP}là{_SP}))"
        )
        self.comparison_after = regex.compile(
            rf"{_SP}*[,(]?{_SP}*(?P<rel>{relations}){_SP}*(?P<pct>{DIGITS}){_SP}?%"
        )
        self.measure_verbs = frozenset(_list(data, "measure_verbs"))
        self.connector = regex.compile(
            r"(?<![\p{L}])(?:nên|và|thì|nhưng|song|mà|đã|khi|do|vì|đều|vẫn|còn|để)(?![\p{L}])"
        )


    def _duration_cues(self, spec) -> None:
        if not isinstance(spec, dict):
            raise ResourceError("indicators.yaml: key 'duration' must be a mapping")
        where = "indicators.yaml: duration"
        self.duration_after = regex.compile(rf"{_SP}+(?:{_alt(_list(spec, 'after', where))}){_NOT_WORD_AFTER}")
        before = _list(spec, "before", where)
        self.duration_before = frozenset(before) | frozenset(w[:1].upper() + w[1:] for w in before)
        self.duration_unit_tail = regex.compile(
            rf"{_SP}+(?:{_alt(_list(spec, 'unit_tails', where))}){_NOT_WORD_AFTER}")


def _compound_dictionary(specs) -> frozenset[str]:
    """Lower-cased words of two to four syllables from the Vietnamese word lists shipped
    with installed packages (indicators.yaml `compound_dictionary`); a list whose package
    is absent is skipped."""
    if not specs:
        return frozenset()
    if isinstance(specs, dict):
        specs = [specs]
    paths: list[Path] = []
    for spec in specs:
        if not isinstance(spec, dict) or not spec.get("package") or not spec.get("path"):
            raise ResourceError("indicators.yaml: compound_dictionary entries need 'package' and 'path'")
        path = _package_file(str(spec["package"]), str(spec["path"]))
        if path is not None:
            paths.append(path)
    # Kept in the user's cache: reading the lists took a fifth of a command's start-up.
    return derived(f"compound-words-{_MAX_WORD_SYLLABLES}", paths, lambda: _dictionary_words(paths))


def _dictionary_words(paths: list[Path]) -> frozenset[str]:
    words: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            words.update(w for w in (" ".join(line.split()).lower() for line in fh)
                         if 1 <= w.count(" ") < _MAX_WORD_SYLLABLES)
    return frozenset(words)


def _package_file(package: str, rel: str) -> Path | None:
    """A data file inside an installed package, found without importing it; else None."""
    import importlib.util
    found = importlib.util.find_spec(package)
    if found is None or not found.submodule_search_locations:
        return None
    path = Path(next(iter(found.submodule_search_locations))) / rel
    return path if path.is_file() else None


def _noun_tails(spec) -> dict[str, regex.Pattern]:
    """indicators.yaml `noun_tails`: per head noun, the tails kept in the text after it."""
    if not isinstance(spec, dict) or not spec:
        raise ResourceError("indicators.yaml: key 'noun_tails' must be a non-empty mapping")
    out: dict[str, regex.Pattern] = {}
    for head, tails in spec.items():
        if not isinstance(tails, list) or not all(isinstance(t, str) and t for t in tails):
            raise ResourceError(f"indicators.yaml: noun_tails.{head}: must be a list of non-empty strings")
        out[str(head)] = regex.compile(rf"{_SP}+(?:{_alt(tails)}){_NOT_WORD_AFTER}")
    return out


@lru_cache(maxsize=1)
def lexicon() -> IndicatorLexicon:
    return IndicatorLexicon()


# --- recogniser ------------------------------------------------------------------------

@dataclass
class Found:
    start: int
    end: int
    text: str
    value: float
    unit: str
    of: float | None
    qualifier: str | None
    number_start: int
    number_end: int


class IndicatorRecogniser:
    def __init__(self, lex: IndicatorLexicon | None = None) -> None:
        self.lex = lex or lexicon()

    # candidates --------------------------------------------------------------------------

    def find(self, doc: Document, skip: list[tuple[int, int]] = (),
             lists: list[tuple[int, int]] = (), identifiers: list[tuple[int, int]] = ()) -> list[Found]:
        """Indicators of `doc` outside the `skip` ranges; `lists` are attached lists,
        `identifiers` table cells that hold no quantity."""
        text = doc.text
        # quoted names and identifier cells: no figure starts inside them
        no_figure = RangeIndex([*((q.start, q.end) for q in find_quoted(text)), *identifiers])
        skip = RangeIndex(skip)
        in_list = RangeIndex(lists)
        out: list[Found] = []
        for block in doc.blocks:
            if block.kind == BlockKind.header or block.start in skip:
                continue
            line = text[block.start:block.end]
            if not _HAS_DIGIT.search(line):
                continue
            if self.lex.line_cue.search(line) or _DATELINE.match(line) or _PAGE_FURNITURE.match(line) \
                    or column_number_row(text, block) or title_line(line, block):
                continue
            for m in self.lex.candidate.finditer(text, block.start, block.end):
                found = self._accept(text, m, block, no_figure, skip, in_list)
                if found:
                    out.append(found)
        return out

    def _accept(self, text: str, m, block, no_figure, skip, in_list) -> Found | None:
        g = m.groupdict()  # one call: Match.group is slow in the hot loop
        ns = m.start("x") if g["x"] else m.start("amount")
        ne = m.end("y") if g["y"] else m.end("amount")
        if ns in no_figure or ns in skip:
            return None
        nxt = text[ne:ne + 2]
        if not g["tail"] and nxt[:1].isalpha():
            return None  # glued to a word: "8h30", "19a"
        if nxt[:1] == "/" or (nxt[:1] in "-.,:" and nxt[1:2].isalnum()):
            return None  # dates, document numbers (34-CT/TW), "305.A1", times
        if not g["tail"] and _SPACED_SYMBOL_AFTER.match(text, ne):
            return None  # a filled-in document number: "2753 /TTr-STP", "6 / QĐ-TTg"
        start = self._qualifier_start(text, max(block.start, ns - 24), ns)
        if self._excluded_by_context(text, g, start, ns, ne, block):
            return None
        if not g["tail"] and bare_non_quantity(text, bool(g["amount"]), start, ns, ne, block, ns in in_list):
            return None
        if g["x"] and not g["tail"] and (start == ns or text[start:ns].strip().lower() in self.lex.qualifiers_paired):
            return None  # a bare "3/2" is a date or a name, not a ratio ("ít nhất 2/3" is)
        if not g["tail"] and text[ns - 1:ns] in "([" and text[ne:ne + 1] in ")]" and ns > 0:
            return None  # enumeration "(1)" or footnote marker "[1]"
        return self._build(text, m, g, start, ns, ne)

    def _qualifier_start(self, text: str, lo: int, ns: int) -> int:
        """Start of a qualifier word(s) right before the number ("trên", "tối thiểu"), else `ns`."""
        head = text[lo:ns]
        if not head.endswith((" ", "\t", "\u00a0")):
            return ns
        words, stripped = head.split(), head.rstrip()
        for n in (3, 2, 1):
            phrase = " ".join(words[-n:]).lstrip("(“\"[")  # "(từ 02 năm trở lên)"
            if len(words) < n or phrase not in self.lex.qualifiers_before or not stripped.endswith(phrase):
                continue
            pos = len(stripped) - len(phrase)
            before = stripped[pos - 1] if pos else (text[lo - 1] if lo else " ")
            if not before.isalnum():  # a whole word, not the tail of one
                return lo + pos
        return ns

    def _cue_before(self, text: str, lo: int, pos: int, bare: bool = False, measured: bool = False) -> bool:
        """Whether the words right before `pos` make the number a date part, identifier,
        ordinal or level ("năm 2021", "khóa 5", "mức độ 3", "Cụm thi đua số 2"); a number
        with a unit of measure (`measured`) is never the number of a place or room."""
        # Markup left around a word ("*Điều 1.*") does not hide it.
        words = [w for w in (w.strip("*_") for w in text[lo:pos].split()) if w]
        if not words:
            return False
        words[-1] = words[-1].rstrip(":.…")  # "Số:.... 6": a blank form's dots
        lex = self.lex
        for n in (1, 2, 3):
            phrase = " ".join(words[-n:]) if len(words) >= n else None
            # a cue opening a sentence keeps its meaning ("Lần 1 đạt …", "Khoản 3 …")
            # a heading in capitals ("QUỸ THI ĐUA NĂM 2022 Đơn vị: …") keeps its cues
            if phrase and phrase.isupper():
                phrase = phrase.lower()
            if phrase and (phrase in lex.before_cues or _lower_first(phrase) in lex.before_cues or bare and phrase in lex.before_bare_cues
                           or not measured and phrase in lex.before_name_cues):
                return True
        if words[-1] in ("số", "Số"):
            return len(words) < 2 or words[-2] not in self.lex.so_allowed_after
        return False

    def _listed_reference(self, text: str, lo: int, pos: int) -> bool:
        """A bare number later in a list of references ("tiêu chí 8, 16", "Điều 5, 6 và 7"):
        walk back over the listed numbers to the first and ask whether a cue precedes it."""
        while (m := self.lex.list_before.search(text, lo, pos)):
            pos = m.start("n")
            if self._cue_before(text, lo, pos, bare=True):
                return True
        return False

    def _excluded_by_context(self, text: str, g: dict, start: int, ns: int, ne: int, block) -> bool:
        lo = max(block.start, start - 40)
        # "xếp thứ 2/10 huyện": a rank out of a counted whole is a result, not an ordinal.
        rank = g["x"] and g["tail"] and text[lo:start].split()[-1:] in (["thứ"], ["Thứ"])
        measured = bool(g["unit"])
        # A qualifier makes it a quantity: "trong năm đủ 12 tháng", "trong vòng 01 năm".
        if start == ns and not rank and self._cue_before(text, lo, start, bare=not g["tail"], measured=measured):
            return True
        # A list of references may be long ("các Điều 14, 15, …, 33, 36 và Điều 38").
        if not g["tail"] and self._listed_reference(text, max(block.start, start - 200), start):
            return True
        if self.lex.after_any.match(text, ne):
            return True
        period = None if g["tail"] else self.lex.period_unit.match(text, ne)
        if period and not self._duration(text, start, ns, ne, period.end(), block):
            return True  # a period: "6 tháng đầu năm", "trong 5 năm qua"
        digits = text[ns:ne]
        if g["amount"] and not g["tail"] and _YEAR.fullmatch(digits):
            return True  # a year
        before = text[block.start:start]
        if not g["tail"] and self._item_number(text, before, digits, ne):
            return True
        # The row number (STT) of a table: only a number alone in the first cell, not every
        # number of a row that opens with one.
        if block.kind == BlockKind.table_row and not before.strip(" \t|") \
                and _TABLE_INDEX.match(digits + text[ne:ne + 3]):
            return True
        if block.kind == BlockKind.footnote and block.footnote_mark and not before.strip() \
                and digits == block.footnote_mark:
            return True
        return False

    def _item_number(self, text: str, before: str, digits: str, ne: int) -> bool:
        """A section or list number: at the start of a line or table cell ("1.", "5.1 |"), or
        an enumerator after a colon or semicolon ("1. Giao: 2. Nhận:")."""
        cell = before.rsplit("|", 1)[-1]
        if not cell.strip(" \t-–•*+_"):  # "1.", "2)", "1……" (a blank form's numbered line); "_" a scanned dash
            # a scanner reads "3." as "3," or "3:" ("3, Ông Lê Văn A", "3: | Ông …")
            return text[ne:ne + 1] in (".", ")", "…") or bool(_CLAUSE_NUMBER.fullmatch(digits)) \
                or bool(_MISREAD_ENUMERATOR_AFTER.match(text, ne))
        # after a colon or semicolon, or inside a table cell whose items the source ran together
        joined = cell.rstrip().endswith((":", ";")) or "|" in before
        return joined and bool(_ENUMERATOR_AFTER.match(text, ne)) or bool(_LABELLED_ITEM_AFTER.match(text, ne))

    def _duration(self, text: str, start: int, ns: int, ne: int, unit_end: int, block) -> bool:
        """A number of time units that is a duration or limit (LABELLING.md), not a period
        named by a report ("trong 6 tháng, …"): marked by a qualifier, a leading zero, a
        cue around it, or standing alone in a table cell."""
        lex = self.lex
        if start != ns or lex.closing.match(text, unit_end) or lex.duration_after.match(text, unit_end):
            return True
        if text[ns] == "0" and ne - ns >= 2:
            return True  # "01 năm", "07 ngày": legal texts write counts with a leading zero
        words = text[max(block.start, ns - 30):ns].split()
        if any(" ".join(words[-n:]) in lex.duration_before for n in (1, 2) if len(words) >= n):
            return True
        return block.kind == BlockKind.table_row and not text[block.start:ns].rsplit("|", 1)[-1].strip()

    def _build(self, text: str, m, g: dict, start: int, ns: int, ne: int) -> Found | None:
        lex = self.lex
        end = m.end("tail") if g["tail"] else ne
        unit = ""
        if g["unit"]:
            # "đồng/suất", "triệu đồng/người/năm": a rate keeps its "per" part.
            unit = lex.units[g["unit"]] + (f"/{g['per']}" if g["per"] else "")
        elif g["abbr"]:
            unit = lex.abbreviations[g["abbr"]]
        elif g["noun"]:
            unit, end = self._counted_noun(text, m.start("noun"), end)
        elif period := lex.period_unit.match(text, ne):
            unit, end = period.group("pu"), period.end()  # a duration ("07 ngày làm việc")
            if tail := lex.duration_unit_tail.match(text, end):
                unit, end = f"{unit}{text[period.end():tail.end()]}", tail.end()
        elif spelled := self._spelled_out_count(text, ne):
            unit, end = spelled  # "01 (Một) Quy trình"
        else:
            guess = self._guess_noun(text, ne)
            if guess:
                unit, end = guess
        if g["noun"]:
            # "50 nhà tạm, nhà dột nát": a repeated head starts a new phrase, not a list item.
            seen = {unit.lower(), g["noun"].lower()}
            while (c := lex.coordinated_noun.match(text, end)) and c.group("cn").lower() not in seen:
                seen.add(c.group("cn").lower())
                end = self._dictionary_word(text, c.start("cn"), c.end())
        while unit and not g["unit"] and (r := lex.rate.match(text, end)):
            end = r.end() if r.group("per") else self._dictionary_word(text, r.start("one"), r.end())
            unit = f"{unit}/{r.group('per') or text[r.start('one'):end]}"  # "2 lần/tháng"
        closing = self._closing(text, m, g, start, ns, ne, end)
        if closing:
            end = closing[0]
        elif start != ns and text[start:ns].strip().lower() in lex.qualifiers_paired \
                and lex.range_partner.match(text, end):
            start = ns  # "tăng từ 45% lên 52%": "từ" opens a range, not a qualifier
        if g["x"]:
            value, of = parse_digits(g["x"]), parse_digits(g["y"])
        else:
            value, of = parse_vn_number(g["amount"]), None
        qual = text[start:ns].strip() if start != ns else None
        if closing:
            qual = f"{qual} … {closing[1]}" if qual else closing[1]
        elif not unit and start == ns and (label := self._count_label(text, ns)):
            start, unit = label  # "a) Tập thể: 15": the noun is the label of the count
        return Found(start, end, text[start:end], value, unit, of, qual, ns, ne)

    def _spelled_out_count(self, text: str, ne: int) -> tuple[str, int] | None:
        """The noun counted by a number repeated in words (`01 (Một) Quy trình`, formal
        texts): one syllable, or two when they make a dictionary word."""
        m = _SPELLED_OUT_NOUN.match(text, ne)
        if not m:
            return None
        w1, w2 = m.group("w1"), m.group("w2")
        if w2 and f"{w1.lower()} {w2}" in self.lex.words:
            return f"{w1} {w2}", m.end("w2")
        return w1, m.end("w1")

    def _count_label(self, text: str, ns: int) -> tuple[int, str] | None:
        """Start and unit of a counted noun that alone labels the number on its line or in
        its cell (`a) Tập thể: 15`, `- Cá nhân : 22`), else None."""
        reach = max(0, ns - _LABEL_REACH)
        edge = max(text.rfind("\n", reach, ns), text.rfind("|", reach, ns))
        if edge >= 0 or reach == 0:
            base = edge + 1
            head = text[base:ns]
        else:  # the slice starts mid-line: a mark keeps "\A" from taking it for a line start
            base = reach - 1
            head = "\x00" + text[reach:ns]
        m = self.lex.count_label.search(head)  # a short slice: anchors hold at its ends
        return (base + m.start("label"), m.group("label")) if m else None

    def _closing(self, text: str, m, g: dict, start: int, ns: int, ne: int,
                 end: int) -> tuple[int, str] | None:
        """End and words of the closing qualifier ("trở lên"): right after the figure, or —
        when a qualifier opens it — after a short noun phrase ("từ 90% phiếu đồng ý trở lên")."""
        if g["trail"] and end == (m.end("tail") if g["tail"] else ne):
            return m.end("trail"), g["trail"].strip()  # nothing sits between
        found = self.lex.closing.match(text, end)
        if found is None and start != ns:
            found = self.lex.closing_later.match(text, end)
            # the words between are a noun phrase, not a second bound ("02 giờ xếp từ loại khá")
            if found and self.lex.qualifiers_before.intersection(text[end:found.start("q")].split()):
                found = None
        return (found.end(), found.group("q")) if found else None

    def _counted_noun(self, text: str, start: int, end: int) -> tuple[str, int]:
        """Unit and end of a lexicon noun at text[start:end]: grown into the longest
        dictionary word it starts ("nhà" → "nhà tiêu"), its head when it is a fixed term
        ("phong trào thi đua yêu nước" → "phong trào"), with the noun a classifier counts
        ("1.200 lượt cán bộ") and a modifier tail of its kind ("6 đơn vị thành viên")."""
        lex = self.lex
        end = self._dictionary_word(text, start, end)
        noun = text[start:end]
        lower = _lower_first(noun)
        head = lex.heads.get(lower)
        unit = noun[:len(head)] if head else noun  # the head as written ("Phong trào")
        if lower in lex.classifiers:
            after = self._noun_after(text, end)
            if after:
                how = lex.classifier_units.get(lower)
                unit = after[0] if how == "noun" else noun if how == "classifier" else f"{noun} {after[0]}"
                end = after[1]
        tail = lex.tails.get(_lower_first(unit))
        if tail and (t := tail.match(text, end, end + 80)):  # bounded: a literal tail is searched to the end
            end = t.end()
        return unit, end

    def _dictionary_word(self, text: str, start: int, end: int) -> int:
        """End of the longest dictionary word that text[start:end] begins, adding
        lower-case syllables ("21 nhà tắm"); `end` when there is none."""
        words = self.lex.words
        if not words:
            return end
        phrase, pos, best = text[start:end].lower(), end, end
        for _ in range(_MAX_WORD_SYLLABLES - 1 - phrase.count(" ")):
            s = _SYLLABLE.match(text, pos)
            if not s:
                break
            phrase, pos = f"{phrase} {s.group(1)}", s.end()
            if phrase in words and phrase not in self.lex.noun_stops:  # not the verb "tổ chức"
                best = pos
        return best

    def _noun_after(self, text: str, pos: int) -> tuple[str, int] | None:
        """The noun a classifier counts: a lexicon noun, else a guessed one."""
        c = self.lex.noun_after.match(text, pos)
        if c:
            return c.group("cn"), c.end()
        return self._guess_noun(text, pos)

    def _guess_noun(self, text: str, ne: int) -> tuple[str, int] | None:
        """A counted noun not in the lexicon: its first lower-case syllable after the
        number, and the second when the two make one word. A word list decides that
        ("524 trang trại"); failing it, the second syllable stays unless it starts the
        next word ("3.500 thẻ bảo hiểm": "bảo hiểm" is a word) or is a function word or
        modifier ("sản phẩm mới", "giải cấp tỉnh")."""
        lex = self.lex
        g = lex.guess_noun.match(text, ne)
        if not g or g.group("w1") in lex.noun_stops:
            return None
        w1, w2 = g.group("w1"), g.group("w2")
        one = (w1, g.end("w1"))
        if not w2 or w2 in lex.noun_stops:
            return one
        two = (f"{w1} {w2}", g.end("w2"))
        if not lex.words or f"{w1} {w2}" in lex.words:
            return two
        nxt = lex.guess_noun.match(text, g.end("w2"))
        if nxt and f"{w2} {nxt.group('w1')}" in lex.words:
            return one
        return two

    # beyond the gold fields -------------------------------------------------------------

    def measure(self, text: str, f: Found, lo: int) -> str | None:
        """The phrase the figure measures: the clause before it, up to its verb; `lo` is
        the sentence start or the end of the previous figure in the sentence."""
        lo = max(lo, f.start - 200)
        clause_start = lo
        for c in _CLAUSE_END.finditer(text, lo, f.start):
            clause_start = c.end()
        head = text[clause_start:f.start]
        v = _phrase_before(head, self.lex.measure_verbs)
        if v is not None:
            head = head[:v]
        parts = [p for p in self.lex.connector.split(head)]
        phrase = next((p.strip(" ,-–") for p in reversed(parts) if p.strip(" ,-–")), "")
        phrase = phrase.rsplit("”", 1)[-1].rsplit('"', 1)[-1]  # not across a quoted name
        words = phrase.split()
        if not words or _HAS_DIGIT.search(phrase):
            return None
        phrase = " ".join(words[-12:])
        if len(phrase) > 1 and not phrase[1].isupper():
            phrase = phrase[0].lower() + phrase[1:]
        return phrase

    def comparison(self, text: str, f: Found, lo: int, hi: int) -> tuple[Comparison | None, int]:
        """The figure's comparison (relation, baseline) and where its text ends."""
        lex = self.lex
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

    def intro_measure(self, text: str, lo: int, subject_start: int) -> str | None:
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

    def subject(self, text: str, f: Found, lo: int) -> str | None:
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


def _sentence_bounds(text: str, pos: int, block_start: int, block_end: int) -> tuple[int, int]:
    lo = block_start
    for m in _SENTENCE_END.finditer(text, max(block_start, pos - 400), pos):
        lo = m.end()
    hi_m = _SENTENCE_END.search(text, pos, block_end)
    return lo, hi_m.start() if hi_m else block_end


@lru_cache(maxsize=1)
def recogniser() -> IndicatorRecogniser:
    return IndicatorRecogniser()


def indicators_in(doc: Document, record: Extraction) -> list[Indicator]:
    rec = recogniser()
    text = doc.text
    out: list[Indicator] = []
    prev_end = 0
    prev_block = prev_lo = None
    for f in rec.find(doc, skipped_ranges(record, doc), list_ranges(record, rec.lex.list_titles),
                      identifier_cells(record, rec.lex.identifier_columns)):
        block = doc.block_at(f.start)
        lo, hi = _sentence_bounds(text, f.start, block.start, block.end)
        same_sentence = prev_lo == lo and prev_block is block
        subject = rec.subject(text, f, lo)
        comparison, comparison_end = rec.comparison(text, f, lo, hi)
        # The head of a later figure in a sentence starts after the previous one and its
        # baseline ("đạt 118,3% kế hoạch huyện giao và đạt 155,6% …").
        measure = rec.measure(text, f, max(lo, prev_end) if same_sentence else lo)
        if measure is None and out and prev_block is block and (same_sentence or subject and out[-1].subject):
            measure = out[-1].measure  # "đạt 118,3% … và đạt 155,6% …": the same measure
        if measure is None and subject:
            measure = rec.intro_measure(text, lo, text.rfind(subject, lo, f.start))
        # Fields are built from checked values; skipping validation halves the cost per item.
        out.append(Indicator.model_construct(
            text=f.text, value=f.value, unit=f.unit, of=f.of, qualifier=f.qualifier,
            measure=measure, comparison=comparison, subject=subject,
            span=make_span(doc, record, f.start, f.end),
        ))
        prev_end, prev_block, prev_lo = max(f.end, comparison_end), block, lo
    return out


@component("indicators", requires=("sections", "tables"), assigns=("indicators",))
def recognise_indicators(doc: Document, record: Extraction) -> None:
    record.indicators = indicators_in(doc, record)
