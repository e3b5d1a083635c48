"""An award phrase's authority, status verb and recipient counts, read around it."""
from __future__ import annotations

import regex

from extractor.normalise.numbers import parse_vn_number
from extractor.records import AwardStatus
from extractor.recognise.award_lexicon import _NUM, AwardLexicon, known_end
from extractor.recognise.clause_geometry import CLAUSE_LOOKBACK
from extractor.resources import surname_words

_AUTH_STOP = regex.compile(r"[,;:.()\n]|\s(?:cho|vì|gồm|trong|tại|về|năm|đã|là|nhân dịp|đối với|do|được)\s|\s\d")


_CUA = regex.compile(r"\s+(?:của|do)\s+")
_CONFER_AFTER = regex.compile(
    r"\s+(?:\p{Lu}\p{L}*\s+)*(?:(?:đã|sẽ|vừa|cũng|được)\s+)*(?:tặng|trao|khen thưởng|công nhận|xét)")
_GAP_SEPARATORS = regex.compile(r"[\s,và]+")


def _authority_after(lex: AwardLexicon, text: str, pos: int) -> tuple[str | None, int]:
    """`của UBND tỉnh`, `của Thống đốc NHNN`, `của Bộ trưởng Bộ Giáo dục và Đào tạo`."""
    m = _CUA.match(text[pos:pos + 12])
    if not m:
        d = lex.direct_authority.match(text, pos, pos + 60)
        return (d.group(0).strip(), d.end()) if d else (None, pos)
    start = pos + m.end()
    stop = _AUTH_STOP.search(text, known_end(text, start), start + 120)
    raw = text[start:stop.start() if stop else start + 60]
    words = raw.split()
    if not words or not (words[0][0].isupper() or lex.authority.match(raw)):
        return None, pos
    known = lex.authority.match(raw)
    kept = known.group(0).split() if known else []
    words = raw[known.end():].split() if known else words
    words = words[:14]
    for j, w in enumerate(words):
        # A lower-case word inside a body's name (`Trung ương Hội Nông dân`) is kept when a
        # capitalised word follows it closely; a trailing lower-case run is not a name.
        inside = any(x[:1].isupper() for x in words[j + 1:j + 3])
        if kept and not (w[0].isupper() or w in ("và", "-", "–") or kept[-1] in ("và", "-", "–")
                         or _in_protected(lex, " ".join(kept + [w])) or inside):
            break
        kept.append(w)
    auth = " ".join(kept).rstrip(" -–")
    return auth, start + len(auth)


def _in_protected(lex: AwardLexicon, phrase: str) -> bool:
    return any(p in phrase for p in lex.protected) or any(phrase.endswith(p.split()[0] + " " + p.split()[1])
                                                        for p in lex.protected if len(p.split()) > 1)


def _authority_before(lex: AwardLexicon, text: str, start: int, end: int,
                      verb_end: int | None = None) -> str | None:
    """`Chủ tịch UBND huyện khen thưởng …`, `được UBND tỉnh tặng …`: a known authority
    before `end` followed by a conferring verb (which may be the award phrase itself, up
    to `verb_end`: `Chủ tịch UBND huyện đã khen thưởng 45 tập thể`), nearest to the award."""
    best = None
    # Within the clause's look-back window only: a clause without a terminator for its
    # whole length (one 10 MB line) would otherwise be rescanned for every award in it.
    start = max(start, end - CLAUSE_LOOKBACK)
    for m in lex.authority.finditer(text, start, end):
        if _CONFER_AFTER.match(text, m.end(), verb_end or end):
            best = text[m.start():_place_name_end(text, m.end())]
    if best is None:
        d = _DELEGATED.search(text, start, end)
        if d and lex.authority.fullmatch(d.group("a")):
            best = d.group("a")
    if best is None:
        p = _PASSIVE_AGENT.search(text, max(start, end - 90), end)
        if p and not lex.generic_authority.fullmatch(p.group("a")):
            best = p.group("a")
    return best


# `Thừa ủy quyền của Chủ tịch nước, đồng chí … trao …`: the conferrer is the one who
# delegated, not the official who hands the award over.
_DELEGATED = regex.compile(r"(?i:thừa\s+(?:ủy|uỷ)\s+quyền)(?:\s+của)?\s+(?P<a>[^,;.\n]+?)\s*,")
# `Sở GD-ĐT được Bộ tặng Bằng khen`, `286 tập thể được Bộ GD&ĐT, Chủ tịch UBND tỉnh khen
# thưởng`: the conferrers, as written, between `được` and the conferring verb (which for
# the aggregate is the award word itself).
_AGENT = r"\p{Lu}[\p{L}&-]*(?:\s+[\p{L}&-]+){0,7}?"
_AGENTS = rf"(?P<a>{_AGENT}(?:\s*,\s*{_AGENT}|\s+và\s+{_AGENT})*)"
_CONFER_VERB = r"(?:trao tặng|tặng thưởng|tặng|trao|khen thưởng|công nhận)"
_PASSIVE_AGENT = regex.compile(rf"(?<![\p{{L}}])được\s+{_AGENTS}\s+{_CONFER_VERB}\s+$")
_PASSIVE_AGENT_BARE = regex.compile(rf"(?<![\p{{L}}])được\s+{_AGENTS}\s+$")
# Level words after which a capitalised place name belongs to the body (`UBND huyện Hiệp Hòa`).
_LEVEL_END = regex.compile(r"(?:tỉnh|huyện|xã|thành phố|thị xã|quận|phường|thị trấn)$")
_CAP_WORD = regex.compile(r"\s+\p{Lu}[\p{Ll}]*(?![\p{L}\d])")


_THREE_CAPS = regex.compile(r"\s+(?P<first>\p{Lu}\p{Ll}*)(?:\s+\p{Lu}\p{Ll}*){2,3}(?![\p{L}\d])")


def _person_after(text: str, pos: int) -> bool:
    """A surname and two or three more capitalised syllables: a person, not a place."""
    m = _THREE_CAPS.match(text, pos)
    return bool(m) and m.group("first") in surname_words()


def _place_name_end(text: str, end: int) -> int:
    """End of `UBND huyện` widened over the place name printed after it (up to four
    capitalised syllables), unless they are a person's name (`Chủ tịch UBND tỉnh Nguyễn …`)."""
    if not _LEVEL_END.search(text, max(0, end - 12), end):
        return end
    if _person_after(text, end):
        return end
    pos = end
    for _ in range(4):
        m = _CAP_WORD.match(text, pos)
        if not m:
            break
        pos = m.end()
    return pos


def _status(lex: AwardLexicon, text: str, start: int, end: int) -> AwardStatus | None:
    """The status verb nearest before the award phrase; a granting verb right after a
    proposing one (`đề nghị tặng`, `đề nghị UBND tỉnh tặng`) is part of the proposal."""
    verbs = [(m.start(), m.end(), AwardStatus.granted) for m in lex.granted.finditer(text, start, end)]
    verbs += [(m.start(), m.end(), AwardStatus.proposed) for m in lex.proposed.finditer(text, start, end)]
    if not verbs:
        return None
    verbs.sort()
    last = verbs[-1]
    if last[2] == AwardStatus.granted:
        for s, e, kind in reversed(verbs[:-1]):
            if kind == AwardStatus.proposed:
                gap = text[e:last[0]].strip(" ,")
                if not gap or lex.authority.fullmatch(gap) or _only_authorities(lex, gap):
                    return AwardStatus.proposed
                break
    return last[2]


def _only_authorities(lex: AwardLexicon, gap: str) -> bool:
    rest = lex.generic_authority.sub("", lex.authority.sub("", gap))
    return not _GAP_SEPARATORS.sub("", rest)


def _counts(lex: AwardLexicon, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(value, start, end) of every `N tập thể` in text[start:end]."""
    out = []
    for m in lex.count.finditer(text, start, end):
        try:
            out.append((int(parse_vn_number(m.group("n"))), m.start(), m.end()))
        except ValueError:
            continue
    return out


_NEXT_COUNTED = regex.compile(r";\s*(?:(?:và|đồng thời)\s+)?(?:(?:khen\s+)?thưởng\s+cho\s+|cho\s+)?")


def _continued_counts(lex: AwardLexicon, text: str, pos: int, limit: int) -> list[tuple[int, int, int]]:
    """`khen thưởng 4 tập thể …; 13 giáo viên …; thưởng cho 48 giáo viên …`: groups that
    continue one conferral past `;`, each opening with its count, up to the sentence end."""
    out = []
    # The next `;` is looked for within the clause window: a sentence without end would
    # otherwise be searched to its end for every award in it.
    while (semi := text.find(";", pos, min(limit, pos + CLAUSE_LOOKBACK))) >= 0:
        nxt = _NEXT_COUNTED.match(text, semi, limit)
        c = lex.count.match(text, nxt.end(), limit) if nxt else None
        if not c:
            break
        try:
            out.append((int(parse_vn_number(c.group("n"))), c.start(), c.end()))
        except ValueError:
            break
        pos = c.end()
    return out


_DIRECT_COUNT = regex.compile(rf"(?P<n>{_NUM})[ \t]+(?:chiếc[ \t]+)?$")  # on the award's own line
