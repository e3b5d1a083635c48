"""Documents attached after the signature: the list a decision grants to (`DANH SÁCH …`),
the regulation it issues (`QUY ĐỊNH …`), an annex or a form — each with its title, its
`(Kèm theo Quyết định số … ngày …)` line and its own body. The main document ends where
the first one starts, so its Nơi nhận and signature are read there, not at the file's end.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.model import BlockKind
from extractor.normalise.ocr import tolerant
from extractor.resources import ResourceError, load_yaml
from extractor.segment.cues import has_date, has_number, holds_motto, is_motto, is_name, is_upper_line, layout_lexicon
from extractor.segment.lines import Line

_INLINE_NOTE = regex.compile(r"\(\s*(?:ban\s+hành\s+)?kèm\s+theo\b", regex.I)
_NOTE_REACH = 5  # the kèm-theo line follows the title within a few lines
_HEADER_REACH = 6  # a repeated issuer | motto header above an attachment's title


@dataclass
class Attachment:
    start: int  # line index of its first line (its header, else its title)
    title: list[Line] = field(default_factory=list)
    note: list[Line] = field(default_factory=list)  # the kèm-theo line(s)
    header: list[Line] = field(default_factory=list)
    body_start: int = 0
    end: int = 0  # line index after its last line

    @property
    def title_text(self) -> str:
        return " ".join(ln.clean for ln in self.title)


@lru_cache(maxsize=1)
def _cues() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern, regex.Pattern]:
    lex = layout_lexicon()
    for key in ("attachment_titles", "attachment_note", "division_number", "outline_number"):
        if key not in lex:
            raise ResourceError(f"segment_layout.yaml: key '{key}' is missing")
    titles = "|".join(regex.escape(t) for t in sorted(lex["attachment_titles"], key=len, reverse=True))
    return (regex.compile(rf"^(?:{titles})(?![\p{{L}}])"), regex.compile(lex["attachment_note"], regex.I),
            regex.compile(lex["division_number"], regex.I), regex.compile(lex["outline_number"]))


def is_note(ln: Line) -> bool:
    return bool(_cues()[1].match(ln.clean))


def _titles_division(lines: list[Line], i: int) -> bool:
    """Line i is the title of the `Chương I` / `Mục 2` printed on the line above it."""
    return i > 0 and bool(_cues()[2].match(lines[i - 1].clean))


def opens_with_title_word(text: str) -> bool:
    """A capitalised line opening with a list, table or annex word (`BẢNG TỔNG HỢP …`)."""
    return bool(_cues()[0].match(text)) and is_upper_line(text[:40])


def _title_line(ln: Line) -> bool:
    if len(ln.clean) > 300:
        return False
    if _cues()[0].match(ln.clean) and is_upper_line(ln.clean[:40]):
        return True
    # `Phụ lục I (Kèm theo Nghị quyết số …)`: a title in sentence case carrying its own note,
    # or the bare label `Phụ lục I` over its capitalised title.
    m = _cues()[0].match(ln.clean.upper())
    return bool(m and _LABEL_TAIL.fullmatch(ln.clean[m.end():]))


# After the title word: its number only, or its number and the kèm-theo note.
_LABEL_TAIL = regex.compile(
    r"\s+(?:số\s+)?(?:[IVXLC]{1,5}|\d{1,2})[a-z]?\s*[.:]?\s*(?:\(\s*(?:ban\s+hành\s+)?kèm\s+theo\b.*)?", regex.I)


def find_attachments(lines: list[Line], floor: int, skip: set[int]) -> list[Attachment]:
    """Attachments after line `floor`, in order; each runs to the next one or the end."""
    found: list[Attachment] = []
    i = floor
    while i < len(lines):
        ln = lines[i]
        if not found and ln.kind == BlockKind.table_row and i > floor and is_name(lines[i - 1].clean):
            # A list printed right under the signer's name, with no title of its own.
            found.append(Attachment(start=i, body_start=i))
            i += 1
            continue
        if ln.index not in skip and ((_title_line(ln) and not _titles_division(lines, i)) or _untitled_at(lines, i)):
            att = _attachment_at(lines, i, after_signature=bool(found) or (i > 0 and is_name(lines[i - 1].clean)))
            if att is not None:
                if found:
                    found[-1].end = att.start
                found.append(att)
                i = att.body_start
                continue
        i += 1
    if found:
        found[-1].end = len(lines)
    return found


def _untitled_at(lines: list[Line], i: int) -> bool:
    """A title in capitals right under the signer's name and followed by its `(Kèm theo …)`
    line, whose kind word is lost (`DANH SÁCH` under a seal the OCR could not read)."""
    ln = lines[i]
    if i == 0 or not is_name(lines[i - 1].clean) or not is_upper_line(ln.clean) or len(ln.clean) > 160:
        return False
    return any(is_note(lines[k]) for k in range(i + 1, min(len(lines), i + 1 + _NOTE_REACH)))


def _attachment_at(lines: list[Line], i: int, after_signature: bool) -> Attachment | None:
    j = i
    title = [lines[i]]
    while j + 1 < len(lines) and j + 1 - i < _NOTE_REACH and not is_note(lines[j + 1]) \
            and is_upper_line(lines[j + 1].clean) and not _title_line(lines[j + 1]) \
            and not _cues()[3].match(lines[j + 1].clean):
        j += 1
        title.append(lines[j])
    note: list[Line] = []
    k = j + 1
    ahead = next((n for n in range(k, min(len(lines), k + _NOTE_REACH)) if is_note(lines[n])), None)
    if ahead is not None and ahead > k and all(len(lines[n].clean) <= 160 for n in range(k, ahead)):
        title += lines[k:ahead]  # the title's last lines, in lower case (`“Lao động xuất sắc” năm 2021 …`)
        k = ahead
    if k < len(lines) and is_note(lines[k]):
        note.append(lines[k])
        # the note runs on to its closing `)`, which must come within the next two lines (a
        # bracket OCR left open does not swallow the list); a first row OCR ran on after the
        # `)` stays body
        if not _closed(note) and "(" in note[0].clean:
            close = next((n for n in range(k + 1, min(len(lines), k + 3)) if ")" in lines[n].clean), None)
            if close is not None:
                note += lines[k + 1:close + 1]
                k = close
        k += 1
    elif k < len(lines) and _INLINE_NOTE.search(lines[k].clean) and len(lines[k].clean) <= 300:
        title.append(lines[k])  # the title's lower-case line carrying the note (`Công tác … (Ban hành kèm theo …)`)
        k += 1
    header = _header_above(lines, i)
    if not note and not header and not after_signature and not any(_INLINE_NOTE.search(ln.clean) for ln in title):
        return None  # a capitalised line with no kèm-theo line nor header of its own is body text (a heading)
    start = header[0].index if header else i
    return Attachment(start=start, title=title, note=note, header=header, body_start=k)


def _closed(note: list[Line]) -> bool:
    text = " ".join(ln.clean for ln in note)
    return text.count(")") >= text.count("(")


def _header_above(lines: list[Line], i: int) -> list[Line]:
    """The issuer | motto header some attachments repeat above their title."""
    out: list[Line] = []
    k = i - 1
    while k >= 0 and i - k <= _HEADER_REACH:
        ln = lines[k]
        if is_motto(ln) or holds_motto(ln) or has_number(ln) or has_date(ln) or \
                (is_upper_line(ln.clean) and len(ln.clean) <= 90 and out):
            out.append(ln)
            k -= 1
            continue
        break
    if not any(is_motto(ln) or holds_motto(ln) for ln in out):
        return []
    return sorted(out, key=lambda ln: ln.index)


_ROW = regex.compile(r"^[^\p{L}\d]{0,3}\d{1,3}\s*[.)]\s+")


@lru_cache(maxsize=1)
def _recipient_start() -> regex.Pattern:
    """A unit's head word (`Trung tâm`, `Trường`) or an honorific before a capital."""
    heads = load_yaml("awards.yaml")["recipient_heads"]
    honorifics = list(load_yaml("people.yaml")["honorifics"])
    alt = "|".join(regex.escape(w) for w in sorted(heads, key=len, reverse=True))
    hon = "|".join(regex.escape(w) for w in sorted(honorifics, key=len, reverse=True))
    return regex.compile(rf"(?:{alt})(?!\p{{L}})|(?i:{hon})\.?\s+(?=\p{{Lu}})")


@lru_cache(maxsize=1)
def _list_title() -> regex.Pattern:
    data = load_yaml("list_lines.yaml")
    starts = "|".join(tolerant(t) for t in data["list_titles"])
    names = "|".join(tolerant(t) for t in data["conferred_titles"])
    return regex.compile(rf"^\s*(?:{starts})|(?<!\p{{L}})(?:{names})(?!\p{{L}})", regex.I)


def is_list_title(title: str) -> bool:
    """An attachment's title that announces a list of recipients (`DANH SÁCH …`, or, its
    kind word lost under a seal, `… ĐƯỢC TẶNG …`; list_lines.yaml)."""
    return bool(_list_title().search(title))


def list_rows(lines: list[Line], attachments: list[Attachment]) -> set[int]:
    """Indexes of the numbered rows of attached lists of recipients (`12. Trung tâm …`,
    `3. Bà …`): data, like a list table's rows, not headings; its group lines (`I. TẬP
    THỂ`, `a) Cá nhân`) and a form's numbered headings (`1. Đặc điểm, tình hình`) stay
    what they are."""
    out: set[int] = set()
    for att in attachments:
        if is_list_title(att.title_text):
            for ln in lines[att.body_start:att.end]:
                m = _ROW.match(ln.clean)
                if m and _recipient_start().match(ln.clean, m.end()):
                    out.add(ln.index)
    return out
