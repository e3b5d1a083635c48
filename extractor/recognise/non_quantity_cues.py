"""Numbers the words around them make no quantity: date parts, years, ordinals, references, item numbers."""
from __future__ import annotations

import regex

from extractor.model import BlockKind
from extractor.recognise.indicator_lexicon import IndicatorLexicon, lower_first

_YEAR = regex.compile(r"(?:19|20)\d\d")
_TABLE_INDEX = regex.compile(r"^\s*\|?\s*\d{1,3}\s*(?:\||$)")
_CLAUSE_NUMBER = regex.compile(r"\d{1,2}(?:\.\d{1,2})+")  # "5.1", "2.2.1" at a line start
_ENUMERATOR_AFTER = regex.compile(r"[.)][^\S\n]+\p{Lu}")
_MISREAD_ENUMERATOR_AFTER = regex.compile(r"[,:](?:[^\S\n]+[|]?[^\S\n]*\p{Lu}|[^\S\n]*(?:\||$))", regex.MULTILINE)
_LABELLED_ITEM_AFTER = regex.compile(r"[.)][^\S\n]+\p{Lu}[\p{L} ]{0,30}:")  # "… 2. Nhận: …"


def _cue_before(lex: IndicatorLexicon, text: str, lo: int, pos: int, bare: bool = False,
                measured: bool = False) -> bool:
    """Whether the words right before `pos` make the number a date part, identifier,
    ordinal or level ("năm 2021", "khóa 5", "mức độ 3", "Cụm thi đua số 2"); a number
    with a unit of measure (`measured`) is never the number of a place or room."""
    # Markup left around a word ("*Điều 1.*") does not hide it.
    words = [w for w in (w.strip("*_") for w in text[lo:pos].split()) if w]
    if not words:
        return False
    words[-1] = words[-1].rstrip(":.…")  # "Số:.... 6": a blank form's dots
    for n in (1, 2, 3):
        phrase = " ".join(words[-n:]) if len(words) >= n else None
        # a cue opening a sentence keeps its meaning ("Lần 1 đạt …", "Khoản 3 …")
        # a heading in capitals ("QUỸ THI ĐUA NĂM 2022 Đơn vị: …") keeps its cues
        if phrase and phrase.isupper():
            phrase = phrase.lower()
        if phrase and (phrase in lex.before_cues or lower_first(phrase) in lex.before_cues or bare and phrase in lex.before_bare_cues
                       or not measured and phrase in lex.before_name_cues):
            return True
    if words[-1] in ("số", "Số"):
        return len(words) < 2 or words[-2] not in lex.so_allowed_after
    return False


def _listed_reference(lex: IndicatorLexicon, text: str, lo: int, pos: int) -> bool:
    """A bare number later in a list of references ("tiêu chí 8, 16", "Điều 5, 6 và 7"):
    walk back over the listed numbers to the first and ask whether a cue precedes it."""
    while (m := lex.list_before.search(text, lo, pos)):
        pos = m.start("n")
        if _cue_before(lex, text, lo, pos, bare=True):
            return True
    return False


def excluded_by_context(lex: IndicatorLexicon, text: str, g: dict, start: int, ns: int, ne: int, block) -> bool:
    lo = max(block.start, start - 40)
    # "xếp thứ 2/10 huyện": a rank out of a counted whole is a result, not an ordinal.
    rank = g["x"] and g["tail"] and text[lo:start].split()[-1:] in (["thứ"], ["Thứ"])
    measured = bool(g["unit"])
    # A qualifier makes it a quantity: "trong năm đủ 12 tháng", "trong vòng 01 năm".
    if start == ns and not rank and _cue_before(lex, text, lo, start, bare=not g["tail"], measured=measured):
        return True
    # A list of references may be long ("các Điều 14, 15, …, 33, 36 và Điều 38").
    if not g["tail"] and _listed_reference(lex, text, max(block.start, start - 200), start):
        return True
    if lex.after_any.match(text, ne):
        return True
    period = None if g["tail"] else lex.period_unit.match(text, ne)
    if period and not _duration(lex, text, start, ns, ne, period.end(), block):
        return True  # a period: "6 tháng đầu năm", "trong 5 năm qua"
    digits = text[ns:ne]
    if g["amount"] and not g["tail"] and _YEAR.fullmatch(digits):
        return True  # a year
    before = text[block.start:start]
    if not g["tail"] and _item_number(text, before, digits, ne):
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


def _item_number(text: str, before: str, digits: str, ne: int) -> bool:
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


def _duration(lex: IndicatorLexicon, text: str, start: int, ns: int, ne: int, unit_end: int, block) -> bool:
    """A number of time units that is a duration or limit (LABELLING.md), not a period
    named by a report ("trong 6 tháng, …"): marked by a qualifier, a leading zero, a
    cue around it, or standing alone in a table cell."""
    if start != ns or lex.closing.match(text, unit_end) or lex.duration_after.match(text, unit_end):
        return True
    if text[ns] == "0" and ne - ns >= 2:
        return True  # "01 năm", "07 ngày": legal texts write counts with a leading zero
    words = text[max(block.start, ns - 30):ns].split()
    if any(" ".join(words[-n:]) in lex.duration_before for n in (1, 2) if len(words) >= n):
        return True
    return block.kind == BlockKind.table_row and not text[block.start:ns].rsplit("|", 1)[-1].strip()
