"""The award lexicon of resources/awards.yaml, compiled once, and how an award's name and grade read."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.recognise.scan import trie_pattern
from extractor.resources import ResourceError, load_yaml

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


def _canonical(lex: AwardLexicon, surface: str) -> str:
    return lex.abbreviations.get(surface) or lex.canonical[surface.casefold()]


def _grade_after(lex: AwardLexicon, text: str, pos: int) -> tuple[str | None, int]:
    m = lex.grade.match(text, pos, pos + 40)  # bounded: an open-ended match scans to the end
    if not m:
        return None, pos
    return lex.grades[m.group(0).strip().casefold()], m.end()


def known_end(text: str, start: int) -> int:
    """Where a conferrer the lexicon knows ends when it starts at `start`, else `start`: a
    known body's name may hold a word that ends other conferrers (`Ủy ban Quản lý vốn nhà
    nước tại doanh nghiệp`)."""
    known = lexicon().authority.match(text, start, min(len(text), start + 120))
    return known.end() if known else start
