"""Which numbered lines are headings (ANNOTATION.md, sections): a numbered line that is a
whole sentence of content, a lead-in, a clause or a form's field is a list item; a run of
siblings that mostly read so is a task list, but for the items that still read as headings
(`Label: content` points, short labels over their own text)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.model import BlockKind
from extractor.resources import ResourceError, load_yaml
from extractor.segment.label_headings import CAPS, GROUP, TABLE
from extractor.segment.lines import Line
from extractor.segment.section_numbers import Number, rank

ALONE = ("phan", "chuong", "muc", "dieu", CAPS, TABLE, GROUP)  # judged one by one, not as a run of siblings
_SENTENCE_END = (".", ";", "…")
_ARTICLE_TITLE_WORDS = 12  # an article's title (`Điều 5. Tiêu chuẩn …`) is a noun phrase, not a clause
_FORM_BLANK = regex.compile(r"[.…_]{5,}")
_NOTE = regex.compile(r"\s*\([^()]*\)")
_TRAILING_NOTE = regex.compile(r"\s*\([^()]*\)\s*[.;]?$")  # `… của cá nhân (ghi rõ …).`


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


def is_inline_title(title: str) -> bool:
    return _label_size(title) and title[:1].isupper() and not regex.search(r"[.;]", title) \
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


def mark_lists(cands: list[Candidate]) -> None:
    """A run whose items read as sentences (a numbered task list) is not headings."""
    for c in cands:
        if c.number.scheme in ("dieu",) and _sentence_like(c):
            c.list_item = True  # a decision's article (`Điều 1. Tặng …`) is a sentence, not a heading
    for run in _runs(cands):
        if run[0].number.scheme in ALONE or any(c.line.kind == BlockKind.heading for c in run):
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
