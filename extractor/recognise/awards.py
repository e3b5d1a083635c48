"""Awards: each stated conferral or proposal of a title or award that has a count or a
named recipient (ANNOTATION.md "awards").

An award phrase is found from the taxonomy in resources/awards.yaml; around it the
recogniser reads grade and authority (`Cờ thi đua của UBND tỉnh`), the counts that
govern it (`47 tập thể và 12 hộ gia đình, 88 cá nhân được nhận bằng khen`), named
recipients (`cho UBND huyện Tây Sơn và UBND Vĩnh Thạnh`, `… gồm: Trường …, …`) and the
nearest status verb. Lists under one introduction pair the intro's authorities in order.
What it reads with lives in award_lexicon, clause_geometry, award_fields and
award_recipients.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractor.model import Document
from extractor.normalise.numbers import parse_vn_number
from extractor.pipeline import component
from extractor.provenance import make_span
from extractor.records import Award, AwardStatus, DocType, Extraction, PartKind
from extractor.recognise.award_fields import (
    _DIRECT_COUNT, _PASSIVE_AGENT_BARE, _authority_after, _authority_before, _continued_counts,
    _counts, _status,
)
from extractor.recognise.award_lexicon import AwardLexicon, _canonical, _grade_after, lexicon
from extractor.recognise.award_recipients import (
    _SUBJECT_LA, _after_cho, _list_after, _named_list_before, _subject_duoc, named_recipients,
)
from extractor.recognise.award_repeats import merge_repeats
from extractor.recognise.clause_geometry import clause_bounds, line_bounds, list_context
from extractor.recognise.regions import RangeIndex, skipped_ranges
from extractor.recognise.scan import anchor_windows, fold

AGGREGATE = "Khen thưởng"


@dataclass
class Found:
    """One award entry before it becomes a record."""

    award: str
    start: int
    end: int
    grade: str | None = None
    authority: str | None = None
    recipient: str | None = None
    count: int | None = None
    status: AwardStatus = AwardStatus.granted
    extra: dict = field(default_factory=dict)


def _mentions(lex: AwardLexicon, text: str, skip: list[tuple[int, int]]):
    """Award phrases outside the skipped parts; the pattern runs only around anchors."""
    folded = fold(text)
    windows = ([(0, len(text))] if folded is None else
               anchor_windows(text, folded, lex.anchors, lex.exact_anchors, lex.pad))
    skipped = RangeIndex(skip)
    return [m for ws, we in windows for m in lex.mention.finditer(text, ws, we)
            if m.start() not in skipped]


def _found_for(lex: AwardLexicon, text: str, m, seg_start: int, used: set[int]) -> list[Found]:
    award = _canonical(lex, m.group(0))
    cs, ce = clause_bounds(text, m.start())
    seg_start = max(seg_start, cs)
    grade, pos = _grade_after(lex, text, m.end())
    authority, pos = _authority_after(lex, text, pos)
    grade2, pos = (grade, pos) if grade else _grade_after(lex, text, pos)
    grade = grade or grade2
    if authority is None:
        # The conferrer may stand before an earlier award word of the same clause
        # (`trình Chủ tịch UBND huyện khen thưởng và đề nghị … công nhận các danh hiệu …`).
        authority = _authority_before(lex, text, cs, m.start(), m.end())
    base = dict(award=award, start=m.start(), end=pos, grade=grade, authority=authority)
    status = _status(lex, text, seg_start, m.start())
    if status is not None:
        base["status"] = status
    aggregate = award == AGGREGATE

    # Named recipients listed after `gồm:` replace any count in the same sentence.
    lst = _list_after(text, pos, min(len(text), pos + 200))
    if lst:
        names = named_recipients(lex, text, *lst, individuals="cá nhân" in text[seg_start:lst[0]])
        if names:
            return [Found(**base, recipient=r, count=1, extra={"rs": rs, "re": re_})
                    for r, rs, re_ in names]

    # `… cho UBND huyện Tây Sơn và UBND Vĩnh Thạnh` / `… cho 3.616 tập thể, 12.625 cá nhân`.
    cho = _after_cho(lex, text, pos, ce)
    if cho:
        counts = [c for c in _counts(lex, text, *cho) if c[1] not in used]
        if counts:
            sentence_end = clause_bounds(text, m.start(), semicolon=False)[1]
            counts += [c for c in _continued_counts(lex, text, counts[-1][2], sentence_end) if c[1] not in used]
            used.update(c[1] for c in counts)
            return [Found(**base, count=v) for v, _, _ in counts]
        names = named_recipients(lex, text, *cho)
        if names:
            return [Found(**base, recipient=r, count=1, extra={"rs": rs, "re": re_}) for r, rs, re_ in names]

    # `03 Cờ thi đua`: the number counts the award itself.
    direct = _DIRECT_COUNT.search(text[max(0, m.start() - 15):m.start()])
    if direct and not aggregate:
        return [Found(**base, count=int(parse_vn_number(direct.group("n"))))]

    # `4 xã là: Đại Phúc, Tiền An và Đông Thọ (Yên Phong) được UBND tỉnh tặng Bằng khen`.
    names = _named_list_before(lex, text, seg_start, m.start())
    if names:
        return [Found(**base, recipient=r, count=1, extra={"rs": rs, "re": re_}) for r, rs, re_ in names]

    # `47 tập thể và 12 hộ gia đình, 88 cá nhân được nhận bằng khen`; `286 tập thể, cá
    # nhân xuất sắc được Bộ GD&ĐT, Chủ tịch UBND tỉnh … khen thưởng`.
    counts = [c for c in _counts(lex, text, seg_start, m.start()) if c[1] not in used]
    if counts:
        gap = text[counts[-1][2]:m.start()]
        agents = _PASSIVE_AGENT_BARE.search(gap) if aggregate else None
        if agents:
            gap = gap[:agents.start()]
            # The list as written is fuller than one known conferrer found inside it.
            if base["authority"] is None or base["authority"] in agents.group("a"):
                base["authority"] = agents.group("a")
        if len(regex.findall(r"[\p{L}\d]+", gap)) <= (4 if aggregate else 12):
            used.update(c[1] for c in counts)
            return [Found(**base, count=v) for v, _, _ in counts]

    # `Trường THCS Kim Sơn được (UBND tỉnh) tặng Bằng khen`.
    if not aggregate:
        subj = _subject_duoc(lex, text, seg_start, m.start())
        if subj:
            return [Found(**base, recipient=r, count=1) for r in subj]

    # `BAV là đơn vị dẫn đầu …, nhận Cờ thi đua`.
    if not aggregate:
        subj = list(_SUBJECT_LA.finditer(text, seg_start, m.start()))
        if subj:
            r = subj[-1]
            return [Found(**base, recipient=r.group("r"), count=1)]
    return []


def _apply_list_intro(lex: AwardLexicon, text: str, found: list[Found]) -> None:
    """Items under `đề nghị UBND tỉnh, Chủ tịch UBND tỉnh:` take the intro's status, and its
    authorities in order when it names as many as there are award items."""
    groups: dict[int, list[tuple[int, Found]]] = {}
    for f in found:
        ctx = list_context(text, f.start)
        if ctx:
            intro, intro_start, _ = ctx
            groups.setdefault(intro_start, []).append((line_bounds(text, f.start)[0], f))
    for intro_start, items in groups.items():
        intro = text[intro_start:line_bounds(text, intro_start)[1]]
        status = _status(lex, intro, 0, len(intro))
        verb_end = max((m.end() for m in lex.proposed.finditer(intro)), default=0)
        verb_end = max([verb_end] + [m.end() for m in lex.granted.finditer(intro)])
        auths = [a.group(0) for a in lex.authority.finditer(intro, verb_end)]
        lines = sorted({ls for ls, _ in items})
        for ls, f in items:
            if status == AwardStatus.proposed:
                f.status = AwardStatus.proposed
            if f.authority is None and auths:
                if len(auths) == len(lines):
                    f.authority = auths[lines.index(ls)]
                elif len(auths) == 1:
                    f.authority = auths[0]


def _names_award_work(lex: AwardLexicon, text: str, m) -> bool:
    """`công tác thi đua, khen thưởng`, `Hội đồng Thi đua - Khen thưởng`: the aggregate
    word as the name of a field of work or of a body, not a conferral."""
    if _canonical(lex, m.group(0)) != AGGREGATE:
        return False
    return bool(lex.topic_before.search(text, max(0, m.start() - 40), m.start()))


def find_awards(doc: Document, record: Extraction) -> list[Award]:
    lex = lexicon()
    text = doc.text
    # A news headline states the conferral the article reports (repeats are merged
    # below); a report's subject line only names the report's topic.
    news = record.metadata is not None and record.metadata.doc_type == DocType.tin_bai
    skip = skipped_ranges(record, doc, keep=frozenset({PartKind.title_block}) if news else frozenset())
    title = record.metadata.spans.get("title") if record.metadata else None
    if title is not None and not news:
        skip = sorted(skip + [(title.start, title.end)])
    found: list[Found] = []
    used: set[int] = set()
    prev_end = 0
    for m in _mentions(lex, text, skip):
        if not _names_award_work(lex, text, m):
            found.extend(_found_for(lex, text, m, prev_end, used))
        prev_end = m.end()
    _apply_list_intro(lex, text, found)
    found = merge_repeats(found)
    if news:
        # The headline only adds to what the body restates (a fuller recipient name); on
        # its own it is a summary of the body's figures, not another conferral.
        headline = RangeIndex([(p.start, p.end) for p in record.parts if p.kind == PartKind.title_block])
        found = [f for f in found if f.start not in headline or f.extra.get("restated")]
    return [Award(award=f.award, grade=f.grade, authority=f.authority, recipient=f.recipient,
                  count=f.count, status=f.status, span=make_span(doc, record, f.start, f.end))
            for f in found]


@component("awards", requires=("sections",), assigns=("awards",))
def recognise_awards(doc: Document, record: Extraction) -> None:
    record.awards = find_awards(doc, record)
