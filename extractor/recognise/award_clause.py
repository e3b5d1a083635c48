"""The clause that governs a list of recipients: a decision's `Điều 1. Tặng Bằng khen của
Chủ tịch UBND tỉnh cho 05 tập thể (có danh sách kèm theo)`, a tờ trình's `… đề nghị Chủ
tịch UBND tỉnh công nhận danh hiệu … cho 03 cá nhân`, a list's title `DANH SÁCH CÁ NHÂN
ĐƯỢC CÔNG NHẬN DANH HIỆU … NĂM 2021`, a group row `Bằng khen của Chủ tịch UBND tỉnh:`.

From it: the award (taxonomy of resources/awards.yaml), its grade and its conferrer as
written, the status (granting or proposing verb), the year the award is for, the counts it
states (`05 tập thể`, `10 tập thể và 40 cá nhân`) and the kind of recipient it names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.normalise.numbers import parse_vn_number
from extractor.recognise.award_lexicon import known_end, lexicon as award_lexicon
from extractor.records import AwardStatus, RecipientType
from extractor.resources import ResourceError, load_yaml

_YEAR = regex.compile(r"(?<![\p{L}])năm(?:\s+học)?\s+(?P<y>(?:19|20)\d{2})(?!\d)(?:\s*[-–]\s*(?:19|20)\d{2})?",
                      regex.I)
_DATE_BEFORE = regex.compile(r"(?:ngày|tháng)[\s\d/.]*$", regex.I)
_AUTH_END = regex.compile(
    r"\s*(?:[,;:()\n]|\s(?:cho|vì|về|đã|đối với|do|năm|nhân dịp|trong|tại|gồm|có)\s|\s\d|$)", regex.I)
_CUA = regex.compile(r"\s*(?:của|do)\s+", regex.I)
_KNC_NAME = regex.compile(r"\s+(?P<n>(?:[\"“]\s*)?(?:Vì|Vì)\s[^,;:()\n\"”]{3,90}?)(?=[\"”]?\s*(?:[,;:()\n]|\s(?:cho|của|năm|đã|theo)\s|$))")
_LIST_NOTE = regex.compile(r"danh\s+sách\s+kèm\s+theo|kèm\s+theo\s+danh\s+sách", regex.I)


@dataclass
class ClauseAward:
    award: str
    grade: str | None
    authority: str | None
    start: int
    end: int


@dataclass
class Clause:
    """What a governing clause says about the awards listed under it."""

    start: int
    end: int
    awards: list[ClauseAward] = field(default_factory=list)
    status: AwardStatus | None = None
    year: int | None = None
    counts: list[tuple[int, RecipientType | None, int, int]] = field(default_factory=list)  # n, type, span
    count_awards: dict[int, "ClauseAward"] = field(default_factory=dict)  # count index → its own prize
    recipient_type: RecipientType | None = None
    points_to_list: bool = False  # `(có danh sách kèm theo)`
    holders: bool = False  # the clause rewards people who *were given* the award (elsewhere)
    cited_decision: str | None = None  # for holders: the decision that conferred it, from the grounds
    cited_year: int | None = None

    @property
    def award(self) -> ClauseAward | None:
        return self.awards[0] if self.awards else None


def _type_words() -> dict[str, RecipientType]:
    data = load_yaml("awards.yaml").get("recipient_types")
    if not isinstance(data, dict):
        raise ResourceError("awards.yaml: key 'recipient_types' must map a type to its nouns")
    return {w: RecipientType(t) for t, words in data.items() for w in words}


_TYPES: dict[str, RecipientType] | None = None


def type_of_noun(noun: str) -> RecipientType | None:
    global _TYPES
    if _TYPES is None:
        _TYPES = _type_words()
    key = noun.lower().strip()
    for word, kind in sorted(_TYPES.items(), key=lambda wk: -len(wk[0])):
        if key.startswith(word):
            return kind
    return None


def type_in(text: str) -> RecipientType | None:
    """The recipient kind a title or group row names (`CÁ NHÂN`, `TẬP THỂ`), first one wins."""
    global _TYPES
    if _TYPES is None:
        _TYPES = _type_words()
    low = text.lower()
    best: tuple[int, RecipientType] | None = None
    for word, kind in _TYPES.items():
        m = regex.search(rf"(?<![\p{{L}}]){regex.escape(word)}(?![\p{{L}}])", low)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind)
    return best[1] if best else None


def authority_after(text: str, pos: int) -> tuple[str | None, int]:
    """`của Tổng Giám đốc Tập đoàn Bưu chính Viễn thông Việt Nam cho …` → the conferrer as
    written, up to the word that ends it (`cho`, a bracket, a comma)."""
    m = _CUA.match(text, pos, pos + 12)
    if not m:
        d = award_lexicon().direct_authority.match(text, pos, pos + 60)
        return (d.group(0).strip(), d.end()) if d else (None, pos)
    start = m.end()
    stop = _AUTH_END.search(text, known_end(text, start), start + 160)
    end = stop.start() if stop else min(len(text), start + 120)
    raw = text[start:end].strip()
    if not raw or not (raw[0].isupper() or award_lexicon().authority.match(raw)):
        return None, pos
    return raw, start + len(raw)


def _award_name(canonical: str, text: str, end: int) -> tuple[str, int]:
    """A Kỷ niệm chương keeps its proper name (`Kỷ niệm chương Vì sự nghiệp …`)."""
    if canonical != "Kỷ niệm chương":
        return canonical, end
    m = _KNC_NAME.match(text, end)
    if not m:
        return canonical, end
    name = m.group("n").strip(" \"“”")
    return f"{canonical} {name}", m.end()


_PROPOSED_TO = regex.compile(
    r"(?<![\p{L}])đề\s+nghị\s+(?P<a>\p{Lu}[^,;:()\n]{2,90}?)\s*,?\s+(?:xem\s+xét\s*,?\s*)?(?:quyết\s+định\s+)?"
    r"(?:(?:xét\s+)?tặng(?:\s+thưởng)?|công\s+nhận|khen\s+thưởng|trao\s+tặng|phong\s+tặng|truy\s+tặng)"
    r"(?:\s+danh\s+hiệu)?\s*$", regex.I)


_HELD = regex.compile(
    r"(?<![\p{L}])(?:đã\s+)?được\s+(?:(?P<a>\p{Lu}[^,;:()\n]{2,80}?)\s+)?"
    r"(?:tặng\s+thưởng|trao\s+tặng|truy\s+tặng|phong\s+tặng|tặng)\s*$", regex.I)


def _proposed_conferrer(text: str, start: int, award_start: int) -> str | None:
    """`đề nghị Chủ tịch UBND tỉnh Bắc Giang xem xét, công nhận danh hiệu …`: the one asked
    to confer, as written, right before the award."""
    m = _PROPOSED_TO.search(text, max(start, award_start - 160), award_start)
    return m.group("a").strip() if m else None


def year_in(text: str, start: int = 0, end: int | None = None) -> int | None:
    """The year an award is for: `năm 2021`, `năm học 2020-2021` (its first year); a year
    inside a date (`ngày 15 tháng 12 năm 2021`) does not count."""
    for m in _YEAR.finditer(text, start, len(text) if end is None else end):
        if _DATE_BEFORE.search(text, max(0, m.start() - 14), m.start()):
            continue
        return int(m.group("y"))
    return None


def read_clause(text: str, start: int, end: int) -> Clause:
    """Everything the clause text[start:end] says about the awards it governs."""
    lex = award_lexicon()
    clause = Clause(start, end)
    for m in lex.mention.finditer(text, start, end):
        canonical = lex.abbreviations.get(m.group(0)) or lex.canonical.get(m.group(0).casefold())
        if canonical is None or canonical == "Khen thưởng":
            continue
        name, pos = _award_name(canonical, text, m.end())
        grade_m = lex.grade.match(text, pos, pos + 40)
        grade = lex.grades[grade_m.group(0).strip().casefold()] if grade_m else None
        pos = grade_m.end() if grade_m else pos
        authority, pos = authority_after(text, pos)
        held = _HELD.search(text, max(start, m.start() - 120), m.start())
        if held:  # `… đã được Bộ Thông tin và Truyền thông tặng Kỷ niệm chương …`
            clause.holders = True
            authority = authority or (held.group("a").strip() if held.group("a") else None)
        authority = authority or _proposed_conferrer(text, start, m.start())
        clause.awards.append(ClauseAward(name, grade, authority, m.start(), pos))
    _prizes(text, start, end, clause)
    clause.status = _status(text, start, clause.awards[0].start if clause.awards else end)
    clause.year = year_in(text, start, end)
    for m in lex.count.finditer(text, start, end):
        try:
            n = int(parse_vn_number(m.group("n")))
        except ValueError:
            continue
        clause.counts.append((n, type_of_noun(m.group("noun")), m.start(), m.end()))
    for i, (_n, _t, cs, _ce) in enumerate(clause.counts):
        prize = next((a for a in clause.awards if a.authority == _PRIZE and 0 <= a.start - cs <= 40), None)
        if prize is not None:
            clause.count_awards[i] = prize
    for a in clause.awards:
        if a.authority == _PRIZE:
            a.authority = None
    clause.recipient_type = clause.counts[0][1] if clause.counts else type_in(text[start:end])
    clause.points_to_list = bool(_LIST_NOTE.search(text, start, end))
    return clause


_ISSUES_RULES = regex.compile(r"(?<![\p{L}])(?:ban\s+hành|quy\s+định|hướng\s+dẫn|sửa\s+đổi)(?![\p{L}])", regex.I)


_PHRASE_BREAK = regex.compile(r"[,;.](?=\s)")


_PRIZE = "\x00prize"  # marks a prize while counts are paired with it


@lru_cache(maxsize=1)
def _prize_table() -> tuple[regex.Pattern, dict[str, str]]:
    items = load_yaml("awards.yaml").get("prizes") or []
    names = {alias.casefold(): item["canonical"] for item in items for alias in [item["canonical"], *item.get("aliases", [])]}
    alt = "|".join(regex.escape(a) for a in sorted(names, key=len, reverse=True)) or "(?!)"
    return regex.compile(rf"(?<![\p{{L}}])(?i:{alt})(?![\p{{L}}])"), names


def _prizes(text: str, start: int, end: int, clause: Clause) -> None:
    pattern, names = _prize_table()
    for m in pattern.finditer(text, start, end):
        clause.awards.append(ClauseAward(names[m.group(0).casefold()], None, _PRIZE, m.start(), m.end()))
    clause.awards.sort(key=lambda a: a.start)


def _status(text: str, start: int, end: int) -> AwardStatus | None:
    """The verb that confers or proposes, before the first award word; an article that issues
    rules about awards (`Ban hành … Quy định xét tặng …`) confers nothing."""
    lex = award_lexicon()
    # the first award named, not the generic "khen thưởng" of the grounds ("hướng dẫn khen thưởng")
    first_award = next((m for m in lex.mention.finditer(text, start, end)
                        if lex.canonical.get(m.group(0).casefold()) != "Khen thưởng"), None)
    stop = first_award.start() if first_award else end
    # only the phrase that leads to the award: a tờ trình's grounds before it ("Công văn … về
    # việc hướng dẫn khen thưởng, căn cứ các quy định …, Sở … đề nghị … tặng") issue nothing
    lead = max(start, max((m.end() for m in _PHRASE_BREAK.finditer(text, start, stop)), default=start))
    if _ISSUES_RULES.search(text, lead, stop):
        return None
    proposed = lex.proposed.search(text, start, stop)
    if proposed:
        return AwardStatus.proposed
    granted = lex.granted.search(text, start, stop)
    return AwardStatus.granted if granted else None
