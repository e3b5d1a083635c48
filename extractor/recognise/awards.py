"""Awards: each stated conferral or proposal of a title or award that has a count or a
named recipient (ANNOTATION.md "awards").

An award phrase is found from the taxonomy in resources/awards.yaml; around it the
recogniser reads grade and authority (`Cờ thi đua của UBND tỉnh`), the counts that
govern it (`47 tập thể và 12 hộ gia đình, 88 cá nhân được nhận bằng khen`), named
recipients (`cho UBND huyện Tây Sơn và UBND Vĩnh Thạnh`, `… gồm: Trường …, …`) and the
nearest status verb. Lists under one introduction pair the intro's authorities in order.
"""
from __future__ import annotations

from bisect import bisect_left

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.model import Document
from extractor.normalise.numbers import parse_vn_number
from extractor.pipeline import component
from extractor.provenance import make_span
from extractor.records import Award, AwardStatus, DocType, Extraction, PartKind
from extractor.recognise.award_repeats import merge_repeats
from extractor.recognise.names import find_names
from extractor.recognise.regions import RangeIndex, skipped_ranges
from extractor.recognise.scan import SentenceEnds, anchor_windows, fold, trie_pattern
from extractor.resources import ResourceError, load_yaml, surname_words

AGGREGATE = "Khen thưởng"
_NUM = r"(?<![\d.,/])(?:\d{1,3}(?:\.\d{3})+|\d+)(?![\d/]|,\d)"
_L = r"(?<![\p{L}\d])"  # word start
_R = r"(?![\p{L}\d])"  # word end


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass
class AwardLexicon:
    mention: regex.Pattern
    canonical: dict[str, str]  # casefolded surface form → canonical name
    abbreviations: dict[str, str]
    grades: dict[str, str]
    grade: regex.Pattern
    authority: regex.Pattern
    granted: regex.Pattern
    proposed: regex.Pattern
    count: regex.Pattern  # `39 tập thể`, `12.625 cá nhân`
    heads: list[str]
    lower_heads: list[str]  # `xã`, `trường` …: a head only before a capitalised name
    protected: list[str]
    direct_authority: regex.Pattern  # conferrers printed without `của` (`Bằng khen Thủ tướng Chính phủ`)
    generic_authority: regex.Pattern  # `cấp trên`, `cấp có thẩm quyền`: conferrers that are not named
    anchors: list[str]  # lower-case substrings; every alias contains one
    exact_anchors: list[str]  # abbreviations' first tokens, matched as written
    pad: int  # longer than any surface form
    subject_duoc: regex.Pattern
    topic_before: regex.Pattern  # `công tác thi đua,` before `khen thưởng`: a field of work


@lru_cache(maxsize=1)
def lexicon() -> AwardLexicon:
    data = load_yaml("awards.yaml")
    for key in ("awards", "grades", "authorities", "status_verbs", "recipient_nouns", "recipient_heads"):
        if key not in data:
            raise ResourceError(f"awards.yaml: missing key '{key}'")
    canonical, abbreviations = {}, {}
    for i, entry in enumerate(data["awards"]):
        if "canonical" not in entry:
            raise ResourceError(f"awards.yaml: awards[{i}]: missing key 'canonical'")
        if entry.get("surface") is False:
            continue  # taxonomy only: reports write it as the base award + `của` authority
        for alias in [entry["canonical"], *(entry.get("aliases") or [])]:
            canonical.setdefault(alias.casefold(), entry["canonical"])
        for abbr in entry.get("abbreviations") or []:
            abbreviations[abbr] = entry["canonical"]
    mention = regex.compile(
        rf"\m{_L}(?:(?i:{trie_pattern(canonical)})|{trie_pattern(abbreviations)}){_R}")
    # Cheap pre-filter: the full pattern only runs in windows around these substrings.
    anchors = [a.lower() for a in data.get("mention_anchors") or []]
    anchors += [alias for alias in canonical if not any(a in alias for a in anchors)]
    exact_anchors = sorted({abbr.split()[0] for abbr in abbreviations})
    verbs = data["status_verbs"]
    heads = "|".join(regex.escape(h) for h in sorted(data["recipient_heads"], key=len, reverse=True))
    lower_heads = _alt(data.get("recipient_heads_lower") or ["-"])
    stop = _alt(data.get("subject_stop_words") or ["-"])
    return AwardLexicon(
        mention=mention,
        canonical=canonical,
        abbreviations=abbreviations,
        grades={k.casefold(): v for k, v in data["grades"].items()},
        grade=regex.compile(rf"\s*(?i:{_alt(data['grades'])}){_R}"),
        authority=regex.compile(rf"{_L}(?:{_alt(data['authorities'])}){_R}"),
        granted=regex.compile(rf"{_L}(?i:{_alt(verbs['granted'])}){_R}"),
        proposed=regex.compile(rf"{_L}(?i:{_alt(verbs['proposed'])}){_R}"),
        count=regex.compile(rf"(?P<n>{_NUM})\s+(?P<noun>{_alt(data['recipient_nouns'])}){_R}"),
        heads=list(data["recipient_heads"]),
        lower_heads=list(data.get("recipient_heads_lower") or []),
        protected=list(data.get("protected_compounds") or []),
        direct_authority=regex.compile(
            rf"\s+(?:{_alt(data.get('authorities_without_cua') or ['-'])}){_R}"),
        generic_authority=regex.compile(
            rf"{_L}(?:{_alt(data.get('generic_authorities') or ['-'])}){_R}"),
        topic_before=regex.compile(rf"{_L}(?i:{_alt(data.get('aggregate_topic_words') or ['-'])})\s*[,–-]?\s*$"),
        anchors=sorted(set(anchors)),
        exact_anchors=exact_anchors,
        pad=max(len(x) for x in [*canonical, *abbreviations]) + 8,
        # `Trường THCS Kim Sơn (đã, vinh dự) được / nhận / đón nhận …`: a head, then words
        # that are not verbs or function words (`Huyện xếp thứ 2 … được` is no subject).
        subject_duoc=regex.compile(
            rf"(?:^|,\s*)(?P<r>(?:(?:{heads})|(?:{lower_heads})(?=\s+\p{{Lu}}))"
            rf"(?:\s+(?!(?:{stop}){_R})[^\s,;:()]+)+?)"
            rf"\s+(?:(?:đã|vinh dự|cũng|tiếp tục|được)\s+)*(?P<v>được|đón nhận|nhận)\s"),
    )


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


# ---------------------------------------------------------------- text geometry

_SENT_END = regex.compile(r"\n|[.!?](?=\s+[\p{Lu}\d\"“])|;")
_SENT_END_NO_SEMI = regex.compile(r"\n|[.!?](?=\s+[\p{Lu}\d\"“])")


_ENDS_CACHE: dict[tuple[int, bool], tuple[str, SentenceEnds]] = {}


def _sentence_ends(text: str, semicolon: bool) -> SentenceEnds:
    """Terminators of `text`, indexed once per text (the last few texts are kept)."""
    key = (id(text), semicolon)
    hit = _ENDS_CACHE.get(key)
    if hit is None or hit[0] is not text:
        if len(_ENDS_CACHE) >= 8:
            _ENDS_CACHE.clear()
        hit = (text, SentenceEnds(text, _SENT_END if semicolon else _SENT_END_NO_SEMI))
        _ENDS_CACHE[key] = hit
    return hit[1]


CLAUSE_LOOKBACK = 1500
_NEWLINE = regex.compile(r"\n")


def clause_bounds(text: str, pos: int, semicolon: bool = True) -> tuple[int, int]:
    """[start, end) of the clause around `pos`: bounded by newline, `;` or sentence end
    (with `semicolon=False`, the whole sentence); the start is looked for at most 1500
    characters back."""
    ends = _sentence_ends(text, semicolon)
    return ends.before(pos, CLAUSE_LOOKBACK), ends.after(pos, len(text))


_BREAKS_CACHE: dict[int, tuple[str, list[int]]] = {}


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the line holding `pos`, from the text's line breaks indexed once (a
    search back and forth for every award made a text of one long line quadratic)."""
    hit = _BREAKS_CACHE.get(id(text))
    if hit is None or hit[0] is not text:
        if len(_BREAKS_CACHE) >= 8:
            _BREAKS_CACHE.clear()
        hit = (text, [m.start() for m in _NEWLINE.finditer(text)])
        _BREAKS_CACHE[id(text)] = hit
    breaks = hit[1]
    i = bisect_left(breaks, pos)  # first break at or after pos
    start = breaks[i - 1] + 1 if i > 0 else 0
    return start, (breaks[i] if i < len(breaks) else len(text))


_BULLET = regex.compile(r"^\s*(?:[-+•*–]|[a-zđ]\)|\d+[.)])\s+")


def list_context(text: str, pos: int) -> tuple[str, int, int] | None:
    """For a bulleted line under an intro ending in `:`: (intro text, item index, line start)."""
    ls, _ = line_bounds(text, pos)
    if not _BULLET.match(text[ls:ls + 8]):
        return None
    return _intro_above(text, ls)


_INTRO_CACHE: dict[int, tuple[str, dict[int, tuple[str, int, int] | None]]] = {}


def _intro_above(text: str, ls: int) -> tuple[str, int, int] | None:
    """The intro line above the bullets that end at line start `ls`, with the number of
    bullet lines between them. Each line's answer is remembered per text: walking back
    from every item of a long list to its intro made the list quadratic."""
    hit = _INTRO_CACHE.get(id(text))
    if hit is None or hit[0] is not text:
        if len(_INTRO_CACHE) >= 8:
            _INTRO_CACHE.clear()
        hit = (text, {})
        _INTRO_CACHE[id(text)] = hit
    memo = hit[1]
    chain: list[tuple[int, int]] = []  # (line start, bullets it adds) until an answer is known
    cur, answer = ls, None
    while cur > 0 and cur not in memo:
        ps, pe = line_bounds(text, cur - 1)
        line = text[ps:pe]
        if not line.strip() or _BULLET.match(line):
            chain.append((cur, 1 if line.strip() else 0))
            cur = ps
            continue
        answer = (line, ps, 0) if line.rstrip().endswith(":") else None
        memo[cur] = answer
        break
    else:
        answer = memo.get(cur)
    for start, adds in reversed(chain):
        answer = (answer[0], answer[1], answer[2] + adds) if answer else None
        memo[start] = answer
    return answer


# ---------------------------------------------------------------- fields


def _canonical(lex: AwardLexicon, surface: str) -> str:
    return lex.abbreviations.get(surface) or lex.canonical[surface.casefold()]


def _grade_after(lex: AwardLexicon, text: str, pos: int) -> tuple[str | None, int]:
    m = lex.grade.match(text, pos, pos + 40)  # bounded: an open-ended match scans to the end
    if not m:
        return None, pos
    return lex.grades[m.group(0).strip().casefold()], m.end()


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


def known_end(text: str, start: int) -> int:
    """Where a conferrer the lexicon knows ends when it starts at `start`, else `start`: a
    known body's name may hold a word that ends other conferrers (`Ủy ban Quản lý vốn nhà
    nước tại doanh nghiệp`)."""
    known = lexicon().authority.match(text, start, min(len(text), start + 120))
    return known.end() if known else start


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


# ---------------------------------------------------------------- recipients


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
_DIRECT_COUNT = regex.compile(rf"(?P<n>{_NUM})[ \t]+(?:chiếc[ \t]+)?$")  # on the award's own line


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


# ---------------------------------------------------------------- recogniser


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
