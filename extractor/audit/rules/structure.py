"""Structure: duplicated or skipped heading numbers, empty sections, attachments referred
to but not in the file."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import regex

from extractor.audit.context import AuditContext, Heading, clean
from extractor.audit.findings import Finding
from extractor.audit.profiles import Profile
from extractor.audit.rules import make_finding, shorten
from extractor.records import PartKind

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese order used for a), b) … đ), e)
_ORDINAL_WORDS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7}
_THING = r"(?:bảng|biểu|phụ\s+lục|danh\s+sách|báo\s+cáo\s+chi\s+tiết|tài\s+liệu)"
_ATTACHMENT_REF = regex.compile(
    rf"(?:có\s+)?{_THING}[^.;()\n]{{0,120}}?(?:kèm\s+theo|đính\s+kèm)|(?:kèm\s+theo|đính\s+kèm)\s+{_THING}[^.;()\n]{{0,120}}",
    regex.I)
_ATTACHMENT_START = regex.compile(
    r"^(?:PHỤ\s+LỤC|Phụ\s+lục|BIỂU|Biểu(?:\s+số)?|BẢNG|Bảng|DANH\s+SÁCH|\(\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo)\b")
_LIST_ITEM = regex.compile(r"^\d{1,3}[.,)]\s+\p{Lu}")
_CLAUSE_LENGTH = 150  # characters: longer numbered lines are provisions, not headings


def number_key(number: str | None) -> str:
    return (number or "").strip().rstrip(".):").strip().lower()


def ordinal(number: str | None, scheme: str) -> int | None:
    """The position a heading number claims among its siblings (2.5. → 5, IV. → 4, đ) → 5)."""
    key = number_key(number)
    if not key:
        return None
    if scheme == "roman":
        values = [_ROMAN.get(ch.upper()) for ch in key]
        if None in values:
            return None
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    if scheme.startswith("decimal"):
        last = key.split(".")[-1]
        return int(last) if last.isdigit() else None
    if scheme == "phan":
        return _ORDINAL_WORDS.get(key.split()[-1])
    return _LETTERS.index(key) + 1 if len(key) == 1 and key in _LETTERS else None


def sibling_groups(headings: list[Heading], starts: list[int] | None = None) -> list[list[Heading]]:
    """Headings numbered in one series: same parent, same scheme, same document or annex
    (`starts`: where each attachment begins; each form numbers its parts afresh)."""
    groups: dict[tuple, list[Heading]] = defaultdict(list)
    for h in headings:
        region = sum(1 for s in starts or [] if s <= h.start)
        groups[(region, h.parent, h.scheme)].append(h)
    return list(groups.values())


def check_numbering(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    flagged: set[tuple[str, str]] = set()
    starts = [p.start for p in ctx.record.parts if p.kind == PartKind.attachment]
    for group in sibling_groups(ctx.headings, starts):
        seen: dict[str, Heading] = {}
        previous: Heading | None = None
        for h in group:
            key = number_key(h.number)
            if _restarts(previous, h):
                seen = {}  # numbering back at 1 after a longer run: the next form or annex
            if key and key in seen:
                flagged.add((h.id, "dup"))
                yield make_finding(ctx, profile, "structure.duplicate_number", (h.start, h.heading_end),
                                   number=h.number.strip(), title=shorten(h.title, 80),
                                   other=shorten(seen[key].title, 80))
            elif previous is not None:
                a, b = ordinal(previous.number, h.scheme), ordinal(h.number, h.scheme)
                if a and b is not None and b > a + 1 and not _numbers_in_between(ctx, previous, h, a, b):
                    flagged.add((h.id, "skip"))
                    yield make_finding(ctx, profile, "structure.skipped_number", (h.start, h.heading_end),
                                       previous=previous.number.strip(), number=h.number.strip(),
                                       missing=_missing(a, b))
            if key:
                seen.setdefault(key, h)
            previous = h


def _restarts(previous: Heading | None, h: Heading) -> bool:
    """`I.` or `II.` after `III.`: numbering going back starts a new series (each form of
    a circular, each annex numbers its parts again; a form may open on a part we do not
    read as a heading), not the same number written twice — that stays `2.5.` after `2.5.`."""
    if previous is None:
        return False
    a, b = ordinal(previous.number, h.scheme), ordinal(h.number, h.scheme)
    return a is not None and b is not None and b < a


def _missing(a: int, b: int) -> str:
    gap = b - a - 1
    return "1 mục" if gap == 1 else f"{gap} mục"


def _is_clause(ctx: AuditContext, h: Heading) -> bool:
    """A numbered clause whose line is a whole sentence (`5. Sở Nội vụ là cơ quan thường
    trực …`, `c) Các Ủy viên Hội đồng.`, a criterion running on over two lines) holds its
    own content; a heading would not end so, nor run so long."""
    line = ctx.text[h.start:h.heading_end].rstrip()
    return line.endswith((".", ";")) or len(line) > _CLAUSE_LENGTH


def _numbers_in_between(ctx: AuditContext, previous: Heading, h: Heading, a: int, b: int) -> bool:
    """The numbers between two headings are printed, as lines the section tree read as
    content (`2. <a rule sentence>` between `1. Sở Nội vụ:` and `3. …`): nothing is missing."""
    key = number_key(h.number)
    prefix = key.rsplit(".", 1)[0] + "." if h.scheme.startswith("decimal") and "." in key else ""
    if h.scheme.startswith("decimal"):
        tokens = [rf"{regex.escape(prefix)}{k}\s*[.)]" for k in range(a + 1, b)]
    elif h.scheme == "letter":
        tokens = [rf"{_LETTERS[k - 1]}\s*[.)]" for k in range(a + 1, b) if k <= len(_LETTERS)]
    else:
        return False
    between = ctx.text[previous.heading_end:h.start]
    return all(regex.search(rf"(?m)^\W*{t}\s", between) for t in tokens)


def _blank_to_fill(ctx: AuditContext, h: Heading) -> bool:
    """A label ending in a colon inside an attached form, its next line the next label:
    the form's blank to fill in, not a section left empty."""
    line = ctx.text[h.start:h.heading_end].rstrip()
    return line.endswith(":") and any(p.start <= h.start < p.end for p in ctx.record.parts
                                      if p.kind == PartKind.attachment)


def _list_entries(ctx: AuditContext) -> set[str]:
    """Three or more numbered lines in a row, each with nothing under it: the entries of a
    list (units granted an award), read as headings only when the record has none."""
    empty = [h for h in ctx.headings if not any(clean(x) for x in ctx.text[h.heading_end:h.end].splitlines())]
    out: set[str] = set()
    run: list[Heading] = []
    for h in empty + [None]:
        if h is not None and run and ctx.text[run[-1].heading_end:h.start].strip() == "":
            run.append(h)
            continue
        if len(run) >= 3:
            out.update(x.id for x in run)
        run = [h] if h is not None else []
    return out


def check_empty_sections(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    parents = {h.parent for h in ctx.headings if h.parent}
    entries = _list_entries(ctx)
    for h in ctx.headings:
        if h.id in parents or h.scheme == "phan" or _is_clause(ctx, h) or h.id in entries or _blank_to_fill(ctx, h):
            continue
        body = ctx.text[h.heading_end:h.end]
        if not any(clean(line) for line in body.splitlines()):
            yield make_finding(ctx, profile, "structure.empty_section", (h.start, h.heading_end),
                               title=shorten(" ".join(x for x in (h.number, h.title) if x), 80))


def check_attachments(ctx: AuditContext, profile: Profile) -> Iterable[Finding]:
    attached = [(p.start, p.end) for p in ctx.record.parts if p.kind == PartKind.attachment]
    for m in _ATTACHMENT_REF.finditer(ctx.text):
        if ctx.is_excluded(m.start()) or _attachment_follows(ctx, m.end()):
            continue
        if any(a <= m.start() < b for a, b in attached):
            continue  # the phrase of a form or annex (a blank decision's "danh sách kèm theo")
        yield make_finding(ctx, profile, "structure.missing_attachment", (m.start(), m.end()))


def _attachment_follows(ctx: AuditContext, offset: int) -> bool:
    """An appendix or table after the reference: an attachment or table the segmenter
    found, a `Phụ lục`/`Biểu`/`DANH SÁCH`/`(Kèm theo …)` line or table rows."""
    parts = ctx.record.parts
    if any(p.kind in (PartKind.attachment, PartKind.attachment_note) and p.start >= offset for p in parts):
        return True
    if any(t.start >= offset for t in ctx.record.tables):
        return True
    signed = min((p.end for p in parts if p.kind in (PartKind.signature, PartKind.distribution) and p.end >= offset),
                 default=None)
    numbered = 0
    for ln in ctx.lines:
        if ln.start < offset:
            continue
        if _ATTACHMENT_START.match(ln.clean) or ln.raw.count("|") >= 2:
            return True
        if signed is not None and ln.start >= signed and _LIST_ITEM.match(ln.clean):
            numbered += 1  # a list printed after the signature, its title lost to OCR
            if numbered >= 2:
                return True
    return False


CHECKS = [check_numbering, check_empty_sections, check_attachments]
