"""Items of an attached list printed as lines, not as a table (`1. Trung tâm …, Viễn thông
…;`, `2. Bà Nguyễn Thị A, Hiệu trưởng …`), as they come out of a scan or its OCR'd text:

- a row number OCR misread (`I1.` for 11, `l6.` for 16, `§.` for 8) still numbers its row;
- a row number OCR read apart from its row stays its number: alone on the line above
  (`108.`), or run on at the end of the row above (`… Huế 109.`);
- an item wrapped over several lines is one item: a line goes on with the item above when
  that one did not end (where items end with `;` or `.`), or ran to the margin;
- a list printed without row numbers (or whose numbers OCR lost) has one item per line
  that opens with a recipient (a unit's head word, an honorific);
- two items OCR ran together on one line (`… Viễn thông X Trung tâm B, Viễn thông Y`,
  `… Hoàn Kiếm Bà Nguyễn Thị A, …`, `… doanh nghiệp l6. Bà …`) are split where the second
  one starts;
- stray marks a seal or a watermark leaves after an item (`mm ” m`, `x4.`) are dropped.

Group lines between items (`I. TẬP THỂ`, `Bằng khen của …: 15`, `Quận Hoàn Kiếm: 04`) are
handed on with the item after them. One pass over the lines (linear).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.resources import load_yaml
from extractor.segment.lines import Line

# `I. TẬP THỂ`, `a) Cá nhân: 22`, `Quận Hoàn Kiếm: 04` (a seal's mark may follow the count)
_GROUP = regex.compile(r"^\s*(?:[IVXLC]{1,5}|[A-ZĐ])\s*[.)]\s+\S|^\s*[^\d\p{Ll}\s].{0,150}:\s*(?:\d+(?:\s+\S{1,3})?)?\s*$"
                       r"|^\s*[a-zđ]\s*\)\s+\S")
_INLINE_NUMBER = regex.compile(r"(?<=\S\s+)(?=\S{1,3}\s*[.)]\s+\S)")  # `… 16. Bà …` inside a line
_BARE_NUMBER = regex.compile(r"^[^\p{L}\d]{0,3}\d{1,3}\s*[.,:)]?\s*$")  # `108.`: a row's number alone
_INNER_NUMBER = regex.compile(r"\s\d{1,3}\s*[.:](?=[ \t]*\n)")  # a row number ending a line inside an item
_MOVED_NUMBER = regex.compile(r"\s\d{1,3}\s*[.:]\s*$")  # `… Huế 109.`: the next row's number
_PIPE_ROW = regex.compile(r"\S\s*\|\s*\S.*\s\|\s")  # cells of a table row written as text
_BULLET = regex.compile(r"^\s*[-+•–]\s+(?=\S)")
_ENDS_ITEM = regex.compile(r"[;.]\s*$")
_NUMBERED_LIST = 3  # a list with this many numbered rows numbers all its rows
_MAX_GROUP = 160
# Stray marks at an item's end: no letter or digit (`”`, `©`), a symbol no name is written
# with (`}`, `<`), one lower-case letter, or one or two run into marks (`”ã`, `x4.`). A
# clean short word stays (`Chi bộ`).
_NAME_MARKS = ".,;:()-–/&'\"“”‘’"
_SYMBOL = regex.compile(r"[^\p{L}\d\s" + regex.escape(_NAME_MARKS) + "]")


def _stray(token: str) -> bool:
    core = regex.sub(r"[^\p{L}\d]", "", token)
    if not core or _SYMBOL.search(token):
        return True
    letters = regex.sub(r"\d", "", core)
    return letters.islower() and (len(core) == 1 or len(letters) <= 2 and core != token)


_LIST_PUNCT = " \t\n.;,:/"


@dataclass
class ListItem:
    start: int  # [start, end) of the item's body (after its number) in Document.text
    end: int
    groups: list[str] = field(default_factory=list)  # group lines since the item before
    numbered: bool = False
    text: str = ""  # the body as one line, without the next rows' numbers OCR put inside it


def _one_line(body: str, has_numbers: bool) -> str:
    """An item's body as one line. In a numbered list a row number ending one of its lines
    (`… Bưu chính Viễn 212.` / `thông;`) is the next row's, which OCR read beside this one."""
    if has_numbers:
        body = _INNER_NUMBER.sub(" ", body)
    return " ".join(body.split()).strip(_LIST_PUNCT)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[regex.Pattern, float]:
    data = load_yaml("list_lines.yaml")
    alike = "".join(regex.escape(c) for c in data["number_look_alikes"])
    number = rf"(?:\d|[{alike}])(?:[\d{alike}]){{0,2}}"
    # the number, then `.`, `)` or `,` (`9, Đoàn …`), after at most a few stray marks
    # (a rule OCR read between the number and the text, `1. _ Trung tâm`, goes with the number)
    # (and a speck read as a letter after the digits, `6ó.`)
    marker = regex.compile(rf"^[^\p{{L}}\d]{{0,3}}?(?P<n>{number})(?:(?<=\d)\p{{Ll}})?\s*[.,)]+\s+(?:[_~–—-]+\s+)?(?=\S)")
    return marker, float(data["wrapped_share"])


def _number(text: str) -> regex.Match | None:
    """The row number opening `text`, digits or OCR look-alikes, but never a roman group
    number (`I. TẬP THỂ`) or a word."""
    m = _lexicon()[0].match(text)
    if m is None or not any(c.isdigit() for c in m.group("n")) and len(m.group("n")) > 1:
        return None
    if m.group("n") in ("I", "L") and _GROUP.match(text):
        return None  # `I. Cờ thi đua …: 04` is a group, `|. Trung tâm …` an item
    return m


def _p90(lengths: list[int]) -> int:
    if not lengths:
        return 0
    ordered = sorted(lengths)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


# the head word a text opens with (`Trung tâm`), or the honorific (`bà`, lower case), or None
OpensItem = Callable[[str], "str | None"]


@dataclass
class _Row:
    line: Line
    start: int  # [start, end) of the row in the line's clean text
    end: int

    @property
    def clean(self) -> str:
        return self.line.clean[self.start:self.end]

    def offset(self, i: int) -> int:
        """Document offset of the row's character `i`."""
        return self.line.span(self.start + i)[0]

    @property
    def stop(self) -> int:
        return self.line.span(self.start, self.end)[1]


def list_items(lines: list[Line], text: str, opens_item: OpensItem, lead: tuple[Line, int] | None = None) -> list[ListItem]:
    """The items of an attached list's body lines. `opens_item(s)` is the recipient word
    `s` opens with (see OpensItem). `lead` is a line whose text from a given character on
    is the list's first row (a title's `(Kèm theo …)` line OCR ran on into the first row)."""
    table_rows = sum(1 for ln in lines if ln.kind is not None and ln.kind.value == "table_row")
    rows = [_Row(lead[0], lead[1], len(lead[0].clean))] if lead else []
    rows += [_Row(ln, 0, len(ln.clean)) for ln in lines if not (ln.kind is not None and ln.kind.value == "table_row")]
    # beside a table (or one written as text, `1. | Ông A | …`) the lines are its group rows
    # (`Viễn thông Bắc Giang`): only a numbered line there is an item
    tabled = table_rows + sum(1 for row in rows if _PIPE_ROW.search(row.clean)) >= _NUMBERED_LIST
    rows = [piece for row in rows for piece in _split_row(row, opens_item)]
    numbered = tabled or _numbered_list(rows, opens_item)
    has_numbers = numbered or sum(1 for row in rows if _BARE_NUMBER.match(row.clean)) >= _NUMBERED_LIST
    wrapped = _wrap_test(rows, opens_item, has_numbers)
    items: list[ListItem] = []
    groups: list[str] = []
    last: _Row | None = None  # the last row of the open item
    numbered_next = False  # the row before was a row number alone (`108.`)
    for row in rows:
        clean = row.clean
        m = _number(clean) or _BULLET.match(clean)
        lead_marks = len(clean) - len(clean.lstrip(" -–—_."))
        opener = opens_item(clean[lead_marks:])
        if opener and len(clean[lead_marks:].strip(_LIST_PUNCT)) <= len(opener):
            opener = None  # a head word alone (`Viễn thông;`) ends the row above, names no one
        moved = _MOVED_NUMBER.search(last.clean) if last is not None and has_numbers and opener else None
        if m and opens_item(clean[m.end():]):
            items.append(ListItem(row.offset(m.end()), row.stop, groups, numbered=True))
            groups, last = [], row
        elif _BARE_NUMBER.match(clean):
            last, numbered_next = None, True
            continue
        elif len(clean) <= _MAX_GROUP and (_GROUP.match(clean) or clean.isupper()):
            groups.append(clean)  # `Huyện Mỹ Đức: 02` opens with a unit but heads a group
            last = None
        elif opener and (not numbered or numbered_next or moved or opener[:1].islower()):
            # in a numbered list a row without its number is a row only after its number
            # stood alone or ran on into the row above (`… Huế 109.`), or when it names a
            # person: otherwise it is the wrapped end of the row above (`Viễn thông X, …`)
            if moved:
                items[-1].end = last.offset(moved.start())
            items.append(ListItem(row.offset(lead_marks), row.stop, groups, numbered=numbered))
            groups, last = [], row
        elif last is not None and wrapped(last.clean, clean):
            items[-1].end = row.stop
            last = row
        else:
            last = None  # noise between items (a seal's marks, a watermark) ends the item
        numbered_next = False
    heads = {opens_item(text[item.start:item.end]) for item in items if not item.numbered} - {None}
    out: list[ListItem] = []
    for item in items:
        out += _split_run_together(item, text, opens_item, heads)
    trimmed = [_trimmed(item, text) for item in out]
    for item in trimmed:
        item.text = _one_line(text[item.start:item.end], has_numbers)
    return [item for item in trimmed if item.end > item.start]


def _split_row(row: _Row, opens_item: OpensItem) -> list[_Row]:
    """A row with a numbered item run on after its text (`Quận X: 06 1. Bà …`,
    `… Đống Đa 8. Bà …`) is two rows."""
    clean = row.clean
    cuts = [m.start() for m in _INLINE_NUMBER.finditer(clean)
            if (num := _number(clean[m.start():])) and opens_item(clean[m.start() + num.end():])]
    bounds = [0] + cuts + [len(clean)]
    return [_Row(row.line, row.start + a, row.start + b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _numbered_list(rows: list[_Row], opens_item: OpensItem) -> bool:
    """Most rows carry their number: a line opening with a unit is then a wrapped item's
    continuation (`… Trung tâm` / `Viễn thông Bắc Kạn, …`), not an item of its own."""
    numbered = unnumbered = 0
    for row in rows:
        m = _number(row.clean)
        if m and opens_item(row.clean[m.end():]):
            numbered += 1
        elif opens_item(row.clean):
            unnumbered += 1
    return numbered >= _NUMBERED_LIST and numbered >= unnumbered


def _wrap_test(rows: list[_Row], opens_item: OpensItem, has_numbers: bool) -> Callable[[str, str], bool]:
    """Whether a row goes on with the item of the row above. Where items end with `;` or
    `.`, an item row without one is unfinished; elsewhere the row above must have run to
    the margin (a long row) without ending the item. The row itself opens with a letter.
    (The next row's number OCR put at the end of the row above ends nothing.)"""
    openers = [row.clean for row in rows if opens_item(row.clean) or _number(row.clean)]
    punctuated = len(openers) >= _NUMBERED_LIST and \
        sum(1 for c in openers if _ENDS_ITEM.search(c)) >= len(openers) / 2
    margin = _lexicon()[1] * _p90([len(row.clean) for row in rows])

    def goes_on(last: str, clean: str) -> bool:
        if has_numbers:
            last = _MOVED_NUMBER.sub("", last)
        if not clean or not clean[0].isalpha() or _ENDS_ITEM.search(last) or _GROUP.match(clean):
            return False
        return punctuated or len(last) >= margin

    return goes_on


_NAME_WORDS = r"\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)+"
_AFTER_WORD = r"(?<=[\p{L}\d)]\s+)"


def _split_run_together(item: ListItem, text: str, opens_item: OpensItem, heads: set[str]) -> list[ListItem]:
    """Two items of an unnumbered list on one line (numbered ones are split by _split_row):
    `A, Viễn thông X Trung tâm B, Viễn thông Y` — a head word that opens items of this list,
    after a word, once the item has had its comma (`Chi nhánh Công ty …` is one name)."""
    body = text[item.start:item.end]
    cuts: list[tuple[int, int]] = []
    if not item.numbered and heads:
        # a head word as printed; an honorific capitalised, before a name of two words or
        # more and its comma (`… Kiếm Bà Nguyễn Thị Hà, …`; `trường Mầm non Bà Triệu, …` is no one)
        units = [regex.escape(h) for h in sorted(heads, key=len, reverse=True) if h[:1].isupper()]
        people = [rf"\p{{Lu}}\p{{Ll}}*(?=\s+{_NAME_WORDS}\s*,)"] if any(h[:1].islower() for h in heads) else []
        alt = "|".join(units + people)
        found = [m.start() for m in regex.finditer(rf"{_AFTER_WORD}(?:{alt})(?!\p{{L}})", body)
                 if _opens_as(opens_item(body[m.start():]), heads)]
        for k, at in enumerate(found):
            # both rows have the list's `unit, parent` shape: a comma before the cut (since the
            # last one) and one after it; `…, Công ty Điện lực X` is a parent's name
            after = body.find(",", at, found[k + 1] if k + 1 < len(found) else len(body))
            if after >= 0 and body.find(",", cuts[-1][0] if cuts else 0, at) >= 0:
                cuts.append((at, at))
    if not cuts:
        return [item]
    out = [ListItem(item.start, item.start + cuts[0][0], item.groups, item.numbered)]
    for k, (cut, body_start) in enumerate(cuts):
        end = item.start + (cuts[k + 1][0] if k + 1 < len(cuts) else len(body))
        out.append(ListItem(item.start + body_start, end, [], item.numbered))
    return out


def _opens_as(opener: str | None, heads: set[str]) -> bool:
    """A cut opens a row like this list's rows: one of its head words, or an honorific
    before a person's name (the list's rows name people)."""
    return opener is not None and (opener in heads or opener[:1].islower())


def _trimmed(item: ListItem, text: str) -> ListItem:
    """Without list punctuation (`;`, `./.`) and stray marks at its ends."""
    start, end = item.start, item.end
    while start < end and text[start] in _LIST_PUNCT:
        start += 1
    while True:
        while end > start and text[end - 1] in _LIST_PUNCT:
            end -= 1
        cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
        if cut <= start or not _stray(text[cut + 1:end]):
            break
        end = cut
    return ListItem(start, end, item.groups, item.numbered)
