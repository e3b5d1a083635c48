"""Who an award phrase names as recipients: lists after `cho`/`gồm:`, before `được`, the subject."""
from __future__ import annotations

import regex

from extractor.normalise.numbers import parse_vn_number
from extractor.recognise.award_lexicon import _NUM, AwardLexicon
from extractor.recognise.names import find_names


def _mask_protected(lex: AwardLexicon, region: str) -> str:
    for p in lex.protected:
        region = region.replace(p, "\x00" * len(p))
    return region


def _split_top(lex: AwardLexicon, region: str) -> list[tuple[int, int]]:
    """Top-level items of a list `A (x), B, C và D`: commas, `;` and ` và ` outside brackets."""
    masked = _mask_protected(lex, region)
    parts, depth, last, i = [], 0, 0, 0
    while i < len(masked):
        ch = masked[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ",;":
            parts.append((last, i))
            last = i + 1
        elif depth == 0 and masked.startswith(" và ", i):
            parts.append((last, i))
            last = i + 4
            i += 3
        i += 1
    parts.append((last, len(region)))
    return parts


_ABBREVIATION = regex.compile(r"[\p{Lu}\d&-]{2,}")
_ITEM_OPENS = regex.compile(r"(?:[,;:]|\svà)\s*$")
_BRACKETED = regex.compile(r"\s*\([^)]*\)?")
_CHO = regex.compile(r"\s*(?:(?:đã\s+)?được\s+(?:trao\s+tặng\s+|trao\s+|tặng\s+)?)?(?:cho|tặng)\s+")
_COUNT_NEXT = regex.compile(r"\s*(?::\s*)?(?=\d)")
_GOM_COLON = regex.compile(
    r"\s(?:(?:gồm|bao gồm)(?:\s+có)?|(?:cho\s+)?(?:các|những)\s+(?:tập thể|cá nhân|đơn vị|cơ quan|trường|địa phương)"
    r"(?:\s*,\s*(?:tập thể|cá nhân|đơn vị))?(?:\s+có tên)?(?:\s+sau(?:\s+đây)?)?|như sau|sau đây)\s*:\s*")
_LIST_END = regex.compile(r"\n|\.(?=\s+\p{Lu})|\.$")
_DUOC_AFTER = regex.compile(r"\s*(?:đã\s+|vinh dự\s+)?được\s")


def _is_named(lex: AwardLexicon, item: str) -> bool:
    first = item.split()[0] if item.split() else ""
    if _ABBREVIATION.fullmatch(first):
        return True  # an abbreviation such as HUB, BAV, UBND
    if any(item.startswith(h + " ") or item == h for h in lex.heads):
        return True
    # `xã Tân Lập`, `trường Mầm non …`: a lower-case unit word names only before a capital.
    return any(item.startswith(h + " ") and item[len(h) + 1:][:1].isupper() for h in lex.lower_heads)


def _at_item_start(region: str, pos: int) -> bool:
    """A name that opens a list item, not one inside brackets (`(…, Lục Ngạn)`)."""
    before = region[:pos]
    if before.count("(") > before.count(")"):
        return False
    return not before.strip() or bool(_ITEM_OPENS.search(before))


def named_recipients(lex: AwardLexicon, text: str, start: int, end: int,
                     individuals: bool = False) -> list[tuple[str, int, int]]:
    """Named recipients in text[start:end]: people anchored at their names, collectives
    split at top-level separators. Unnamed items (`các tập thể`) are dropped. When the
    intro says the list holds individuals (`cá nhân`), two-syllable names count too."""
    region = text[start:end]
    people = [n for n in find_names(text, start, end, min_bare=2 if individuals else 3)
              if _at_item_start(region, n.start - start)]
    if people and (people[0].start - start) < 12:
        return [(n.name, n.name_start, n.end) for n in people]
    out = []
    for a, b in _split_top(lex, region):
        raw = region[a:b]
        item = _BRACKETED.sub("", raw).strip(" .:;-–\n")
        if item and _is_named(lex, item):
            s = start + a + raw.find(item[:5])
            out.append((item, s, s + len(item)))
    return out


_RECIPIENT_STOP = regex.compile(
    r"\.(?!\d)|[;:\n]|\s(?:là|vì|đã|do|có thành tích|trong|tại|về|nhân dịp|đạt|với|để)\s")


def _after_cho(lex: AwardLexicon, text: str, pos: int, clause_end: int):
    m = _CHO.match(text[pos:pos + 30])
    if not m:
        # `Giấy khen 12 tập thể`, `Danh hiệu CSTĐCS: 25 cá nhân`: counts right after it.
        c = _COUNT_NEXT.match(text, pos, min(clause_end, pos + 40))
        if not c or not lex.count.match(text, c.end(), min(clause_end, c.end() + 40)):
            return None
        start = c.end()
    else:
        start = pos + m.end()
    stop = _RECIPIENT_STOP.search(text, start, clause_end)
    return start, (stop.start() if stop else clause_end)


_GOM = regex.compile(r"\s*,?\s*(?:gồm(?:\s+có)?|bao gồm|là)\s*:?\s*")


def _list_after(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """`… gồm: A, B, C.` — the list region after the award phrase, to the sentence end."""
    window = text[pos:limit]
    m = _GOM_COLON.search(window[:80])
    if not m:
        return None
    start = pos + m.end()
    end_m = _LIST_END.search(text, start)
    return start, (end_m.start() if end_m else len(text))


_LIST_BEFORE = regex.compile(
    rf"(?P<n>{_NUM})\s+(?P<intro>[^:;.\n]{{0,60}}?)\s+(?:là|gồm(?:\s+có)?)\s*:\s*(?P<items>[^:;\n]+?)"
    r"\s+(?:(?:đã|vinh dự|cũng)\s+)*được\s")


def _named_list_before(lex: AwardLexicon, text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Recipients listed before `được … <award>` under a counted intro (`4 đơn vị là: A, B,
    C và D`): capitalised items, as many as the intro counts (or each a named body)."""
    m = None
    for m in _LIST_BEFORE.finditer(text, start, end):
        pass
    if m is None or not _PASSIVE_TAIL.match(text[m.end() - 1:end] + " "):
        return []
    items = []
    for a, b in _split_top(lex, m.group("items")):
        raw = m.group("items")[a:b]
        item = _BRACKETED.sub("", raw).strip(" .:;-–\n")
        if not item or not item[0].isupper() or len(item.split()) > 6:
            return []
        s = m.start("items") + a + raw.find(item[:5])
        items.append((item, s, s + len(item)))
    try:
        counted = int(parse_vn_number(m.group("n")))
    except ValueError:
        return []
    if counted == len(items) or all(_is_named(lex, i) for i, _, _ in items):
        return items
    return []


# What may stand between the list and the award word: the agent and the verb.
_PASSIVE_TAIL = regex.compile(r"\s(?:[^\s.;:]+\s+){0,8}?(?:trao tặng|tặng thưởng|tặng|trao|khen thưởng|công nhận|nhận)\s+$")


_SUBJECT_LA = regex.compile(r"(?P<r>\p{Lu}[\p{L}\d-]*(?:\s+\p{Lu}[\p{L}\d-]*)*)\s+là\s+(?:đơn vị|tập thể|cá nhân)")


def _subject_items(lex: AwardLexicon, seg: str, m) -> list[str]:
    """`Trường A, Trường B và Trường C được tặng …`: every named subject listed before the
    verb (the pattern's match holds the last ones, joined by `và`)."""
    items = [p.strip() for p in m.group("r").split(" và ")]
    before = seg[:m.start("r")].rstrip()
    while before.endswith(","):
        head = before[:-1]
        cut = max(head.rfind(","), head.rfind(":"), head.rfind(";"))
        item = head[cut + 1:].strip()
        if not item or not _is_named(lex, item) or len(item.split()) > 10:
            break
        items.insert(0, item)
        before = head[:cut + 1] if cut >= 0 else ""
    return items if len(items) > 1 and all(_is_named(lex, i) for i in items) else [m.group("r").strip()]


def _subject_duoc(lex: AwardLexicon, text: str, start: int, end: int) -> list[str] | None:
    """The named collectives or person that open the clause and `được` the award."""
    while start < end and text[start].isspace():
        start += 1  # the clause begins after a sentence's full stop and its space
    seg = text[start:end]
    m = None
    for m in lex.subject_duoc.finditer(seg):
        pass
    if m and len(seg[m.end():].split()) <= 6:
        return _subject_items(lex, seg, m)
    people = find_names(text, start, end)
    if people:
        n = people[-1]
        after = text[n.end:end]
        if _DUOC_AFTER.match(after) and len(after.split()) <= 7:
            return [n.name]
    return None
