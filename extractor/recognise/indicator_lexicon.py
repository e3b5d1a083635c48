"""What the indicator recogniser knows of words: indicators.yaml compiled, and a word dictionary."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

from extractor.normalise.numbers import DIGITS, amount_pattern
from extractor.records import ColumnMeaning
from extractor.resources.cache import derived
from extractor.resources import ResourceError, load_yaml

SP = r"[^\S\n]"  # a space that stays on the line
NOT_WORD_AFTER = r"(?![\p{L}\p{N}])"
_TIME_OF_DAY = regex.compile(r"[^\S\n]*(?:giờ|h)[^\S\n]*\d{1,2}(?!\d)")


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


def lower_first(word: str) -> str:
    return word[:1].lower() + word[1:]


SYLLABLE = regex.compile(rf"{SP}+(\p{{Ll}}+){NOT_WORD_AFTER}")
MAX_WORD_SYLLABLES = 4  # the longest dictionary word a counted noun may grow into


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
        self.noun_after = regex.compile(rf"{SP}+(?P<cn>{_alt(nouns)}){NOT_WORD_AFTER}")
        self.words = _compound_dictionary(data.get("compound_dictionary"))
        self.tails = _noun_tails(data.get("noun_tails"))
        # "2 lần/tháng", "03 giờ/ năm học", "10 tin, bài/1 năm học": a rate per period;
        # "01 cá nhân/01 ban": one of a thing per one of another (LABELLING.md, no `of`).
        self.rate = regex.compile(
            rf"/{SP}*(?:(?:0?1{SP}+)?(?P<per>(?:{_alt(_list(data, 'rate_periods'))})(?:{SP}+học)?)"
            rf"|0?1{SP}+(?P<one>\p{{Ll}}+)){NOT_WORD_AFTER}")
        periods = _alt(_list(data, "period_units"))
        # "6 tháng đầu năm", "9 THÁNG", "trong 5 năm qua": a period, checked without case.
        self.period_unit = regex.compile(rf"{SP}*(?P<pu>(?i:{periods})){NOT_WORD_AFTER}")
        self._duration_cues(data.get("duration"))
        quals_before = _list(data, "qualifiers_before")
        self.qualifiers_paired = frozenset(_list(data, "qualifiers_paired"))
        # "từ 3,5% xuống còn 2,1%": the second bound may follow one word after the partner.
        self.range_partner = regex.compile(
            rf"{SP}*(?:{_alt(_list(data, 'range_partners'))})(?:{SP}+\p{{Ll}}+)?{SP}*\d")
        quals_before = quals_before + sorted(self.qualifiers_paired)
        quals_after = _list(data, "qualifiers_after")
        # "từ 90% phiếu đồng ý trở lên": a closing phrase after a short noun phrase.
        self.closing = regex.compile(rf"{SP}+(?P<q>{_alt(quals_after)}){NOT_WORD_AFTER}")
        self.closing_later = regex.compile(
            rf"(?:{SP}+\p{{L}}+){{1,4}}?{SP}+(?P<q>{_alt(quals_after)}){NOT_WORD_AFTER}")
        excl = data.get("exclusions")
        if not isinstance(excl, dict):
            raise ResourceError("indicators.yaml: key 'exclusions' must be a mapping")
        where = "indicators.yaml: exclusions"
        # The pattern starts at a digit so the scan is cheap; the qualifier before the
        # number is looked up separately (`indicator_extent.qualifier_start`).
        self.candidate = regex.compile(
            rf"(?=\d)(?<![\p{{L}}\p{{N}}.,/_:])(?<![\p{{L}}\d][-–])"
            rf"(?:(?P<x>{DIGITS})/(?P<y>{DIGITS})(?![\p{{N}}/])|(?P<amount>{amount_pattern()}))"
            rf"(?P<tail>{SP}?(?!(?:{_alt(_list(data, 'unit_false_friends'))}){NOT_WORD_AFTER})(?P<unit>{_alt(self.units)})"
            # "đồng/đơn VỊ": a scanner may set part of the noun in capitals
            rf"(?:/(?P<per>(?i:{_alt(nouns)})(?![\p{{L}}])|\p{{L}}{{2,}}(?:/\p{{L}}{{2,}})?))?"
            rf"(?![\p{{L}}\p{{N}}/])"
            rf"|{SP}+(?P<abbr>{_alt(self.abbreviations)}){NOT_WORD_AFTER}"
            rf"|{SP}+(?P<noun>{_alt(self.nouns)}){NOT_WORD_AFTER})?"
            rf"(?P<trail>{SP}+(?:{_alt(quals_after)}){NOT_WORD_AFTER})?"
        )
        self.qualifiers_before = frozenset(quals_before) | frozenset(q[:1].upper() + q[1:] for q in quals_before)
        # "78 cơ quan, đơn vị, xã, thị trấn", "186 tập thể và cá nhân": one count of a
        # coordinated noun list; the text runs to its end, the unit stays the head.
        # A list goes on only with a lower-case noun or an abbreviation ("12 tỉnh, TP"), not
        # with a capital that restarts a sentence or a name ("17/19 tiêu chí, Tiêu chí …"),
        # and not with a noun that a number or a name follows ("5 xã, TP Hà Nội").
        self.coordinated_noun = regex.compile(
            rf"(?:,|{SP}+(?:và|hoặc)){SP}+(?P<cn>{_alt([*nouns, *self.abbreviations])}){NOT_WORD_AFTER}"
            rf"(?!{SP}*\p{{N}})(?!{SP}+\p{{Lu}})")
        # "a) Tập thể: 15": a counted noun alone before a colon labels the count after it
        # (at the start of the line or cell, or after an enumerator a text ran into the line)
        self.count_label = regex.compile(
            rf"(?:\A{SP}*(?:[-–•+*]{SP}*)?|(?:\A|{SP})[\p{{L}}\d]{{1,3}}[.)]{SP}*)"
            rf"(?P<label>{_alt(self.nouns)}){SP}*:{SP}*\Z")
        self.guess_noun = regex.compile(rf"{SP}+(?P<w1>\p{{Ll}}+)(?:{SP}+(?P<w2>\p{{Ll}}+))?{NOT_WORD_AFTER}")
        # Checked on the last words before the number (a set lookup, not a regex scan).
        self.before_cues = frozenset(_list(excl, "before", where))
        self.before_name_cues = frozenset(_list(excl, "before_name", where))
        self.list_before = regex.compile(
            rf"(?<![\p{{N}}.,])(?P<n>{DIGITS}){SP}*(?:{_alt(_list(excl, 'list_joiners', where))}){SP}*\Z")
        self.before_bare_cues = frozenset(_list(excl, "before_bare", where))
        self.so_allowed_after = frozenset(_list(excl, "so_allowed_after", where))
        self.after_cue = regex.compile(rf"{SP}*(?:{_alt(_list(excl, 'after', where))}){NOT_WORD_AFTER}")
        # "5 năm (2021 – 2025)", "5 năm 2020-2025", "77 năm Cách mạng Tháng Tám": periods
        # and anniversaries inside names.
        self.period_after = regex.compile(rf"{SP}+(?:năm|ngày){SP}*(?:\(?{SP}*(?:19|20)\d\d|\p{{Lu}})")
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
            rf"{SP}*(?P<so>so với{SP}+)?(?P<base>(?:{baselines})(?![\p{{L}}])[^,;.()\n]{{0,40}}?)"
            rf"(?={SP}*(?:[,;.()\n]|$|{SP}và{SP}|{SP}là{SP}))"
        )
        self.comparison_after = regex.compile(
            rf"{SP}*[,(]?{SP}*(?P<rel>{relations}){SP}*(?P<pct>{DIGITS}){SP}?%"
        )
        self.measure_verbs = frozenset(_list(data, "measure_verbs"))
        self.connector = regex.compile(
            r"(?<![\p{L}])(?:nên|và|thì|nhưng|song|mà|đã|khi|do|vì|đều|vẫn|còn|để)(?![\p{L}])"
        )


    def _duration_cues(self, spec) -> None:
        if not isinstance(spec, dict):
            raise ResourceError("indicators.yaml: key 'duration' must be a mapping")
        where = "indicators.yaml: duration"
        self.duration_after = regex.compile(rf"{SP}+(?:{_alt(_list(spec, 'after', where))}){NOT_WORD_AFTER}")
        before = _list(spec, "before", where)
        self.duration_before = frozenset(before) | frozenset(w[:1].upper() + w[1:] for w in before)
        self.duration_unit_tail = regex.compile(
            rf"{SP}+(?:{_alt(_list(spec, 'unit_tails', where))}){NOT_WORD_AFTER}")


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
    return derived(f"compound-words-{MAX_WORD_SYLLABLES}", paths, lambda: _dictionary_words(paths))


def _dictionary_words(paths: list[Path]) -> frozenset[str]:
    words: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            words.update(w for w in (" ".join(line.split()).lower() for line in fh)
                         if 1 <= w.count(" ") < MAX_WORD_SYLLABLES)
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
        out[str(head)] = regex.compile(rf"{SP}+(?:{_alt(tails)}){NOT_WORD_AFTER}")
    return out


@lru_cache(maxsize=1)
def lexicon() -> IndicatorLexicon:
    return IndicatorLexicon()

