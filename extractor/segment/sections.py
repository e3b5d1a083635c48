"""Component "sections": the section tree of the body (ANNOTATION.md, sections).

Headings are numbered lines: `Phần thứ nhất` / `Phần I`, roman `I.`, decimal `1.`, `1.1.`,
letters `a)` / `a.`, and inline headings (`a) Quốc phòng: Thực hiện…`). A numbered task
list (each item a whole sentence) is not headings: candidates are grouped into runs of
consecutive siblings and a run whose items read as sentences is dropped. Levels come
from how the schemes nest in this document (a stack), not from fixed numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.model import BlockKind, Document
from extractor.pipeline import component
from extractor.records import Extraction, Section, Span
from extractor.resources import ResourceError, load_yaml
from extractor.segment.label_headings import CAPS, TABLE, label_heading
from extractor.segment.layout import Layout, analyse, is_upper_line, open_bold
from extractor.segment.lines import Line

_ORDINALS = {"nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
             "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese alphabetical order (no f, j, w, z)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

_PHAN = regex.compile(
    r"^(?P<num>Phần\s+(?:thứ\s+(?:" + "|".join(_ORDINALS) + r")|[IVXLC]{1,6}|\d{1,2}))"
    r"(?P<punct>\.?)(?![\p{L}\d])\s*[:\-–—]?\s*(?P<rest>.*)$", regex.I)
# Legal texts: `Chương I`, `Mục 2`, `Điều 5.` (a regulation's tree; a decision's articles are
# sentences and drop out as such).
_CHUONG = regex.compile(r"^(?P<num>(?i:chương)\s+(?:[IVXLC]{1,6}|\d{1,3}))(?P<punct>\.?)(?![\p{L}\d])"
                        r"\s*[:\-–—]?\s*(?P<rest>.*)$")
_MUC = regex.compile(r"^(?P<num>(?i:mục)\s+(?:\d{1,3}|[IVXLC]{1,6}))(?P<punct>\.?)(?![\p{L}\d/])"
                     r"\s*[:\-–—]?\s*(?P<rest>.*)$")
_DIEU = regex.compile(r"^(?P<num>(?i:điều)\s+\d{1,3})(?P<punct>[.:]?)(?![\p{L}\d])\s*(?P<rest>.*)$")
_LEGAL = (("chuong", _CHUONG), ("muc", _MUC), ("dieu", _DIEU))
_TITLE_BELOW = ("phan", "chuong", "muc")  # schemes whose title may stand on the next line
_ALONE = ("phan", "chuong", "muc", "dieu", CAPS, TABLE)  # judged one by one, not as a run of siblings
_ROMAN_RE = regex.compile(r"^(?P<num>[IVXLC]{1,6})(?P<punct>[.)]|\s?[-–](?=\s))\s*(?P<rest>\S.*)$")
_DECIMAL = regex.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})(?P<punct>[.)]?)\s+(?P<rest>\S.*)$")
# `A. DANH MỤC QUY TRÌNH`, `B. Tổ chức thực hiện:`: capital letters over roman parts, with a
# capitals or short title. `C.` is this letter, not the roman hundred.
_CAPITAL = regex.compile(r"^(?P<num>[ABCDĐEGH])(?P<punct>\.)\s+(?P<rest>\S.*)$")
_LETTER = regex.compile(r"^(?P<num>[abcdđeghiklmnopqrstuvxy])(?P<punct>[.)])\s+(?P<rest>\S.*)$")
_INLINE = regex.compile(r"^(?P<title>[^:]{2,160}?)\s*:\s*(?P<body>\S.{15,})$")
_SENTENCE_END = (".", ";", "…")
_ARTICLE_TITLE_WORDS = 12  # an article's title (`Điều 5. Tiêu chuẩn …`) is a noun phrase, not a clause
_FORM_BLANK = regex.compile(r"[.…_]{5,}")
_CLOSING_STOP = regex.compile(r"(?<!\.)\s*[.;]\s*$")  # `…`, `v.v..`-like ellipses kept
_NOTE = regex.compile(r"\s*\([^()]*\)")
_TRAILING_NOTE = regex.compile(r"\s*\([^()]*\)\s*[.;]?$")  # `… của cá nhân (ghi rõ …).`

# Conventional outer-to-inner order, used only to close runs and to place a scheme that
# has not occurred yet; the level itself comes from the stack.
_RANK = {"phan": 0, "chuong": 0.5, "muc": 0.6, "dieu": 0.7, "capital": 0.8, CAPS: 0.9, "roman": 1, "letter": 20,
         TABLE: 30}


@dataclass
class Number:
    scheme: str  # "phan", "roman", "decimal1", "decimal2", …, "letter"
    token: str  # as written, with punctuation: "1.1.", "a)", "Phần thứ nhất"
    value: int  # the last component, for sequence checks
    prefix: tuple[int, ...] = ()  # decimal components before the last
    rest: str = ""  # text after the number
    rest_at: int = 0  # offset of `rest` in the clean line


def _roman_value(text: str) -> int | None:
    values = [_ROMAN.get(ch) for ch in text.upper()]
    if None in values:
        return None
    total = 0
    for a, b in zip(values, values[1:] + [0]):
        total += -a if a < b else a
    return total if total > 0 else None


def rank(scheme: str) -> float:
    if scheme.startswith("decimal"):
        return 1 + int(scheme[7:])
    return _RANK[scheme]


def _named_part(rest: str) -> bool:
    """`A. Phân công nhiệm vụ:` — a few words ending the line (an initial opens a name or a
    sentence instead)."""
    words = rest.rstrip(":").split()
    return 1 <= len(words) <= 6 and rest[:1].isupper() and not regex.search(r"[.;,]", rest)


def parse_number(text: str) -> Number | None:
    """The heading number that opens `text` (clean line), if any."""
    m = _PHAN.match(text)
    if m:
        word = m.group("num").split()[-1].lower()
        value = _ORDINALS.get(word) or _roman_value(word) or (int(word) if word.isdigit() else 0)
        return Number("phan", m.group("num") + m.group("punct"), value, (), m.group("rest"), m.start("rest"))
    for scheme, pattern in _LEGAL:
        m = pattern.match(text)
        if m:
            word = m.group("num").split()[-1]
            value = int(word) if word.isdigit() else (_roman_value(word) or 0)
            return Number(scheme, m.group("num") + m.group("punct"), value, (), m.group("rest"), m.start("rest"))
    m = _CAPITAL.match(text)
    if m and (is_upper_line(m.group("rest")) or _named_part(m.group("rest"))):
        return Number("capital", m.group("num") + m.group("punct"), "ABCDĐEGH".index(m.group("num")) + 1, (),
                      m.group("rest"), m.start("rest"))
    m = _ROMAN_RE.match(text)
    if m and m.group("punct") not in ".)" and not is_upper_line(m.group("rest")):
        m = None  # `II- TÓM TẮT …` takes a dash only before a capitals title
    if m and _roman_value(m.group("num")):
        return Number("roman", m.group("num") + m.group("punct"), _roman_value(m.group("num")), (),
                      m.group("rest"), m.start("rest"))
    m = _DECIMAL.match(text)
    if m:
        parts = tuple(int(p) for p in m.group("num").split("."))
        if len(parts) == 1 and not m.group("punct"):
            return None  # "1 Cường Lợi" is a footnote mark, "15 xã" a count
        return Number(f"decimal{len(parts)}", m.group("num") + m.group("punct"), parts[-1], parts[:-1],
                      m.group("rest"), m.start("rest"))
    m = _LETTER.match(text)
    if m:
        return Number("letter", m.group("num") + m.group("punct"), _LETTERS.index(m.group("num")) + 1, (),
                      m.group("rest"), m.start("rest"))
    return None


@dataclass
class Candidate:
    line: Line
    number: Number
    title: str
    title_lines: list[Line]  # the lines the heading occupies
    end: int  # text offset where the heading span ends
    inline: bool = False
    colon: bool = False  # the title line ends with a colon
    text_below: bool = False  # what it names follows: text or sub-items, not the next sibling
    list_item: bool = False
    issues: list[str] = field(default_factory=list)


def _continues_heading(used: list[Line], nxt: Line, body: set[int]) -> bool:
    """`nxt` carries on the heading title of `used` (a title split over lines)."""
    prev = used[-1]
    if nxt.index not in body or nxt.note_start or parse_number(nxt.clean):
        return False
    if open_bold(used):  # an open bold run spans the break
        return True
    if prev.clean.endswith((":", ".", ";")):
        return False
    if nxt.clean[:1].islower():
        return True
    return is_upper_line(prev.clean) and is_upper_line(nxt.clean) and len(nxt.clean) <= 120


def _candidate(ln: Line, num: Number, lines: list[Line], body: set[int]) -> Candidate:
    rest = num.rest.strip()
    inline = _INLINE.match(rest) if num.scheme not in _ALONE else None
    if inline and _is_inline_title(inline.group("title")):
        title = inline.group("title").strip()
        colon = ln.clean.index(":", num.rest_at)
        return Candidate(ln, num, title, [ln], ln.span(0, colon + 1)[1], inline=True)
    used = [ln]
    parts = [rest] if rest else []
    k = ln.index + 1
    if not rest and num.scheme in _TITLE_BELOW:  # "Phần thứ nhất", "CHƯƠNG I" with the title below
        if k < len(lines) and lines[k].index in body and not parse_number(lines[k].clean):
            used.append(lines[k])
            parts.append(lines[k].clean)
            k += 1
    while k < len(lines) and parts and _continues_heading(used, lines[k], body):
        used.append(lines[k])
        parts.append(lines[k].clean)
        k += 1
    title = " ".join(parts).strip()
    end = used[-1].span()[1]
    cut = _caps_prefix(title)
    if cut is not None and len(parts) == 1:
        # A capitals title run into the paragraph after it (blocks joined upstream):
        # the title is the capitals, the rest is body text.
        last = used[-1]
        at = last.clean.index(parts[0])
        title = title[:cut].rstrip()
        end = last.span(0, at + len(title))[1]
    colon = title.endswith(":")
    title = regex.sub(r"\s*:\s*$", "", title)
    below = k < len(lines) and lines[k].index in body and _not_a_sibling(lines[k].clean, num) \
        and bool(regex.search(r"\p{L}", lines[k].clean))  # a line of dots is a blank to fill
    return Candidate(ln, num, title, used, end, colon=colon, text_below=below)


def _not_a_sibling(text: str, num: Number) -> bool:
    below = parse_number(text)
    return below is None or below.scheme != num.scheme


def _caps_prefix(title: str) -> int | None:
    """End of a capitals title followed by sentence-case text in the same line, if so."""
    words = list(regex.finditer(r"\S+", title))
    k = 0
    while k < len(words) and (is_upper_line(words[k].group()) or not regex.search(r"\p{L}", words[k].group())):
        k += 1
    rest = words[k:]
    if k < 3 or len(rest) < 5:
        return None
    lower = sum(1 for w in rest if w.group()[:1].islower())
    return words[k - 1].end() if lower * 2 >= len(rest) else None


@dataclass(frozen=True)
class _LabelCues:
    scope: regex.Pattern  # `Đối với …`: a scope label, allowed to run longer
    topic_words: int
    scope_words: int
    lead_in: regex.Pattern  # `… sau:` ending a lead-in sentence
    dangling: regex.Pattern  # `… về:` a word no title ends on


@lru_cache(maxsize=1)
def _label_cues() -> _LabelCues:
    data = load_yaml("segment_sections.yaml")
    keys = ("scope_label_openers", "topic_label_words", "scope_label_words", "lead_in_endings", "dangling_words")
    for key in keys:
        if key not in data:
            raise ResourceError(f"segment_sections.yaml: key '{key}' is missing")

    def ending(words: list[str]) -> regex.Pattern:
        alts = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
        return regex.compile(rf"(?<![\p{{L}}])(?:{alts})$", regex.I)

    openers = "|".join(regex.escape(o) for o in data["scope_label_openers"])
    return _LabelCues(regex.compile(rf"^(?:{openers})\s"), int(data["topic_label_words"]),
                      int(data["scope_label_words"]), ending(data["lead_in_endings"]), ending(data["dangling_words"]))


def _label_size(title: str) -> bool:
    """Short enough for a label: a topic's few words, or a longer scope (`Đối với …`)."""
    cues = _label_cues()
    words = _NOTE.sub("", title).split()  # `… (gọi chung là khen thưởng cấp Bộ)` names nothing new
    most, longest = (cues.scope_words, 160) if cues.scope.match(title) else (cues.topic_words, 80)
    return 1 <= len(words) <= most and len(title) <= longest


def _is_inline_title(title: str) -> bool:
    return _label_size(title) and title[:1].isupper() and not regex.search(r"[.;“”\"]", title) \
        and not _label_cues().dangling.search(title)


def _sentence_like(c: Candidate) -> bool:
    t = c.title.rstrip(" /")
    core = _TRAILING_NOTE.sub("", t)
    if core != t and _short_title(core) and len(t) - len(core) > len(core):
        # A form's heading with its filling instruction in brackets, longer than the heading
        # (`Thành tích đạt được của cá nhân (trong quá trình công tác và nêu bật …).`); a short
        # closing qualifier (`… (nếu có).`) leaves an enumerated sentence.
        return False
    if c.inline:
        return False
    if c.colon and _label_cues().lead_in.search(t):
        return True  # a lead-in announcing the list below (`… đạt các tiêu chuẩn sau:`)
    if t.endswith(",") or (c.colon and c.number.scheme == "dieu" and len(t.split()) > _ARTICLE_TITLE_WORDS):
        return True  # a clause running on, an article's sentence over its list (`Điều 1. Thưởng cho 03 cá nhân …:`)
    ends = t.endswith(_SENTENCE_END)
    return t.endswith(";") or (ends and len(t) >= 40) or len(t) > 250 or (len(t) > 120 and bool(regex.search(r"[.;]\s+\p{Lu}", t)))


def _short_title(title: str) -> bool:
    """A few words naming a topic, with no sentence inside."""
    return len(title) <= 80 and not regex.search(r"[.;]", title)


def _form_field(c: Candidate) -> bool:
    """A form's numbered field with its blank to fill (`1. Họ và tên:……… Giới tính:……`)."""
    return bool(_FORM_BLANK.search(c.line.clean))


def _names_what_follows(c: Candidate) -> bool:
    """`c) Sở Nội vụ thành phố Hà Nội:` or `4. Sở Nội vụ` alone on its line, its tasks below:
    a heading even among numbered rule sentences."""
    return c.text_below and not c.inline and _label_size(c.title) and _short_title(c.title)


def _runs(cands: list[Candidate]) -> list[list[Candidate]]:
    """Consecutive siblings: same scheme, numbers going on (a restart opens a new run)."""
    runs: list[list[Candidate]] = []
    open_runs: dict[str, list[Candidate]] = {}
    for c in cands:
        key = c.number.scheme
        for other in [k for k in open_runs if rank(k) > rank(key)]:
            del open_runs[other]
        run = open_runs.get(key)
        if run and run[-1].number.prefix == c.number.prefix and 0 <= c.number.value - run[-1].number.value <= 2:
            run.append(c)
        else:
            run = [c]
            runs.append(run)
            open_runs[key] = run
    return runs


def _mark_lists(cands: list[Candidate]) -> None:
    """A run whose items read as sentences (a numbered task list) is not headings."""
    for c in cands:
        if c.number.scheme in ("dieu",) and _sentence_like(c):
            c.list_item = True  # a decision's article (`Điều 1. Tặng …`) is a sentence, not a heading
    for run in _runs(cands):
        if run[0].number.scheme in _ALONE or any(c.line.kind == BlockKind.heading for c in run):
            continue  # the source itself styles them as headings
        votes = sum(_sentence_like(c) or _form_field(c) or c.line.kind == BlockKind.list_item and len(c.title) > 120
                    for c in run)
        form = sum(_form_field(c) for c in run) * 2 >= len(run)
        for c in run:
            # A task list drops whole, but for the items that still read as headings: a
            # `Label: content` line (outside a form's fields), a short label over what it
            # names, the short title of a tied pair (`1. <rule sentence>`, `2. Sở Nội vụ:`).
            # Among headings, a numbered sentence is still a list item.
            keeps = (c.inline and not form) or _names_what_follows(c) \
                or (len(run) == 2 and votes == 1 and _short_title(c.title))
            c.list_item = (votes * 2 >= len(run) and not keeps) or (_sentence_like(c) and not _styled_heading(c)) \
                or _form_field(c)


def _styled_heading(c: Candidate) -> bool:
    """The source prints the line as a heading (a heading style, or bold from its start)."""
    block = c.line.block
    return block is not None and (block.kind == BlockKind.heading or block.style == "Strong")


def candidates(layout: Layout) -> list[Candidate]:
    body_lines = layout.body_lines()
    body = {ln.index for ln in body_lines}
    out: list[Candidate] = []
    consumed: set[int] = set()
    for ln in body_lines:
        if ln.index in consumed or ln.kind == BlockKind.table_row:
            continue  # a list table's numbered rows are data, not headings
        num = parse_number(ln.clean)
        if num is None:
            label = label_heading(ln, layout.lines[ln.index + 1] if ln.index + 1 < len(layout.lines) else None)
            if label is not None:
                out.append(Candidate(ln, Number(label.scheme, "", 0), label.title, [ln], ln.span()[1]))
            continue
        cand = _candidate(ln, num, layout.lines, body)
        consumed.update(x.index for x in cand.title_lines)
        if cand.title:
            out.append(cand)
    _mark_lists(out)
    heads = [c for c in out if not c.list_item]
    for c in heads:  # kept for the sentence test above; a closing stop is not part of a title
        c.title = _CLOSING_STOP.sub("", c.title)
    return heads


def _regions(doc: Document, layout: Layout) -> list[tuple[int, int]]:
    """[start, end) of the main body and of each attachment's body: each has its own tree."""
    text_len = len(doc.text)
    regions = [(0, layout.body_end_offset(text_len))]
    for att in layout.attachments:
        start = layout.lines[att.body_start].start if att.body_start < len(layout.lines) else text_len
        end = layout.lines[att.end].start if att.end < len(layout.lines) else text_len
        regions.append((start, end))
    return regions


def build_tree(doc: Document, layout: Layout, heads: list[Candidate]) -> list[Section]:
    """Sections with levels from a stack of open schemes, ids in document order; each
    attachment (a regulation issued by a decision, a form) starts a tree of its own."""
    sections: list[Section] = []
    stack: list[tuple[str, Section, Candidate]] = []
    regions = _regions(doc, layout)
    region = 0
    for n, c in enumerate(heads, start=1):
        start = c.line.span(0, 1)[0]
        while region + 1 < len(regions) and start >= regions[region + 1][0]:
            region += 1
            stack = []
        key = c.number.scheme
        if any(k == key for k, _, _ in stack):
            while stack[-1][0] != key:
                stack.pop()
            prev = stack.pop()[2]
            if c.number.token:  # an unnumbered heading has no sequence
                _check_sequence(prev, c)
        else:
            while stack and stack[-1][0] != "letter" and rank(stack[-1][0]) >= rank(key):
                stack.pop()
            if c.number.value > 1:
                c.issues.append("skipped_number")
        sec = Section(
            id=f"s{n}", number=c.number.token or None, title=c.title, level=_level(stack, key), scheme=key,
            parent=stack[-1][1].id if stack else None,
            heading=Span(start=start, end=c.end, text=doc.text[start:c.end], section=f"s{n}",
                         page=c.line.block.page if c.line.block else None,
                         paragraph=c.line.block.paragraph if c.line.block else None),
            start=start, end=regions[region][1], inline=c.inline, issues=list(c.issues))
        stack.append((key, sec, c))
        sections.append(sec)
    _close_extents(sections, regions)
    return sections


def _level(stack: list[tuple[str, Section, Candidate]], scheme: str) -> int:
    """One below the open parent; a decimal number keeps its depth where the number between
    was content, not a heading (`2.2.1.` under `2.` when `2.2. … các tiêu chuẩn sau:` is a
    lead-in sentence)."""
    if not stack:
        return 1
    parent_scheme, parent, _ = stack[-1]
    gap = 0
    if scheme.startswith("decimal") and parent_scheme.startswith("decimal"):
        gap = max(0, int(scheme[7:]) - int(parent_scheme[7:]) - 1)
    return parent.level + 1 + gap


def _check_sequence(prev: Candidate, cur: Candidate) -> None:
    if cur.number.value == prev.number.value and cur.number.prefix == prev.number.prefix:
        cur.issues.append("duplicate_number")
    elif cur.number.value > prev.number.value + 1:
        cur.issues.append("skipped_number")


def _close_extents(sections: list[Section], regions: list[tuple[int, int]]) -> None:
    """Each section runs to the next heading of the same or a higher level in its region,
    else to the region's end (one pass with a stack of open sections)."""
    open_: list[Section] = []

    def region_end(pos: int) -> int:
        return next((e for s, e in reversed(regions) if pos >= s), regions[0][1])

    for sec in sections:
        end_here = region_end(sec.start)
        while open_ and (open_[-1].level >= sec.level or region_end(open_[-1].start) != end_here):
            done = open_.pop()
            done.end = sec.start if region_end(done.start) == end_here else region_end(done.start)
        open_.append(sec)
    for sec in open_:
        sec.end = region_end(sec.start)
    for sec in sections:
        sec.end = max(sec.end, sec.heading.end)


@component("sections", assigns=("sections",))
def sections_component(doc: Document, record: Extraction) -> None:
    layout = analyse(doc)
    record.sections = build_tree(doc, layout, candidates(layout))
