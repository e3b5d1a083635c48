"""Campaign recogniser: named emulation campaigns, movements and `cuộc vận động`
(ANNOTATION.md "campaigns"), deduplicated, each linked to the national registry when it
is one (domain.md §2).

A quoted string is a campaign when a governor (phong trào, thi đua, cuộc vận động …)
introduces it, directly or through a list of quoted names; a capitalised unquoted name
right after `phong trào (thi đua)` / `cuộc vận động` is one too.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.model import Document
from extractor.normalise.search import name_key
from extractor.pipeline import component
from extractor.provenance import make_span
from extractor.recognise.regions import RangeIndex, skipped_ranges
from extractor.records import Campaign, Extraction
from extractor.resources import ResourceError, load_yaml

# Balanced quotes on one line; a string with an unbalanced quote never matches.
_QUOTED = regex.compile(
    r"“(?P<a>[^“”\n]+)”|\"(?P<b>[^\"\n]+)\"|‘(?P<c>[^‘’\n]+)’|«(?P<d>[^«»\n]+)»|„(?P<e>[^„“”\n]+)[“”]"
)
# Between two quoted names of one list: separators only ("”, “", "”; “", "” và “", "”... “").
_LIST_GAP = regex.compile(r"[\s,;]*(?:(?:và|hoặc|cùng)\s*)?(?:\.{2,}|…)?[\s,;]*(?:và\s+)?", regex.V1)
_SENTENCE_END = regex.compile(r"(?:[.!?](?:\s|$)(?!\s*[“\"‘«„])|\n)")
_SP = r"[^\S\n]"
_WORD = regex.compile(r"\w+")
_HAS_LETTER = regex.compile(r"\p{L}")
_SENTENCE_INSIDE = regex.compile(r"[.!?]\s+\p{Lu}")
_WINDOW = 220
_WORD_SPAN = regex.compile(r"[\p{L}\p{N}]+")
_SENTENCE_BREAK = regex.compile(r"[.;:!?()\n\"“”]")
# ", học tốt trong toàn ngành": a comma and the words up to the next punctuation.
_COMMA_SEGMENT = regex.compile(r"[^\S\n]*,[^\S\n]+(?P<seg>[\p{L}\p{N}][\p{L}\p{N}\- ]*)")
_MAX_NAME = 160  # longer quoted strings are speech or citations, not names  # how far back a governor may stand (chars)


@dataclass(frozen=True)
class Quoted:
    start: int  # opening quote
    end: int  # after the closing quote
    inner_start: int
    inner_end: int


def find_quoted(text: str, start: int = 0, end: int | None = None) -> list[Quoted]:
    """Balanced quoted strings in `text[start:end]`, in order (any quote style)."""
    out = []
    for m in _QUOTED.finditer(text, start, len(text) if end is None else end):
        group = next(g for g in "abcde" if m.group(g) is not None)
        out.append(Quoted(m.start(), m.end(), m.start(group), m.end(group)))
    return out


_SPACE = regex.compile(r"\s+")

def _tokens(text: str) -> list[str]:
    """Words of a name for registry matching: case, quotes, dashes and tone placement
    normalised (name_key), diacritics kept — folding them merges words ("nâng"/"năng")."""
    return _WORD.findall(name_key(text))


# --- lexicon ---------------------------------------------------------------------------

def _words(data: dict, key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ResourceError(f"campaigns.yaml: key '{key}' must be a list of non-empty strings")
    return sorted(value, key=len, reverse=True)


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in words)


@dataclass(frozen=True)
class RegistryEntry:
    name: str
    tokens: tuple[str, ...]  # every word of the form
    distinctive: tuple[str, ...]  # its words minus the generic ones (a multiset)


class CampaignLexicon:
    """Compiled patterns and the registry, built once from campaigns.yaml."""

    def __init__(self) -> None:
        data = load_yaml("campaigns.yaml")
        if not isinstance(data, dict):
            raise ResourceError("campaigns.yaml: top level must be a mapping")
        gov = _alternation(_words(data, "governors"))
        not_after = _alternation(_words(data, "not_governor_after"))
        # "Cụm thi đua", "Luật Thi đua", "công tác thi đua" name bodies and work, not campaigns.
        self.governor = regex.compile(
            rf"(?<![\p{{L}}])(?<!(?:{not_after}){_SP}+)(?:{gov})(?![\p{{L}}])", regex.IGNORECASE)
        strong = _alternation(_words(data, "strong_governors"))
        self.strong_governor = regex.compile(rf"(?:{strong})", regex.IGNORECASE)
        self.theme = regex.compile(r"(?<![\p{L}])chủ đề(?![\p{L}])", regex.IGNORECASE)
        fillers = _alternation(_words(data, "governor_fillers"))
        self.filler_gap = regex.compile(rf"(?:[\s,:]|(?<![\p{{L}}])(?:{fillers})(?![\p{{L}}]))*")
        intro = _alternation(_words(data, "list_introducers"))
        self.intro_end = regex.compile(rf"(?:(?<![\p{{L}}])(?:{intro})(?![\p{{L}}])\s*:?|:)\s*$")
        cues = _alternation(_words(data, "non_campaign_cues"))
        self.blocking_cue = regex.compile(rf"(?<![\p{{L}}])(?:{cues})(?![\p{{L}}])")
        prefixes = _alternation(_words(data, "drop_prefixes"))
        self.drop_prefix = regex.compile(rf"\s*(?:{prefixes})(?![\p{{L}}])\s*", regex.IGNORECASE)
        blockers = _alternation(_words(data, "unquoted_blockers"))
        stops = _alternation(_words(data, "unquoted_stops"))
        # "phong trào thi đua Quyết thắng": a capitalised (not all-caps) run after the governor.
        self.unquoted = regex.compile(
            rf"(?<![\p{{L}}])(?i:phong trào(?:{_SP}+thi đua)?|cuộc vận động){_SP}+"
            rf"(?!(?i:{blockers})(?![\p{{L}}]))(?!(?i:{fillers})(?![\p{{L}}]))"
            rf"(?P<name>\p{{Lu}}\p{{Ll}}+(?:{_SP}+(?!(?:{stops})(?![\p{{L}}]))[\p{{L}}\d-]+)*)"
        )
        abbr = data.get("abbreviations") or {}
        if not isinstance(abbr, dict):
            raise ResourceError("campaigns.yaml: key 'abbreviations' must be a mapping")
        self.abbreviations = {str(k): str(v) for k, v in abbr.items()}
        self.abbreviation = regex.compile(rf"(?<![\p{{L}}])(?:{_alternation(sorted(self.abbreviations, key=len, reverse=True))})(?![\p{{L}}])") if abbr else None
        self.generic = frozenset(_tokens(" ".join(_words(data, "link_generic_words"))))
        self.registry = self._registry(data, self.generic)
        # Registry forms by first word, for reading an unquoted name that is one.
        self.by_first: dict[str, list[RegistryEntry]] = {}
        for e in sorted(self.registry, key=lambda e: len(e.tokens), reverse=True):
            self.by_first.setdefault(e.tokens[0], []).append(e)
        self.name_stops = frozenset(w.casefold() for w in _words(data, "unquoted_stops"))
        self.segment_openers = frozenset(w.casefold() for w in _words(data, "unquoted_segment_openers"))

    @staticmethod
    def _registry(data: dict, generic: frozenset[str]) -> tuple[RegistryEntry, ...]:
        rows = data.get("registry")
        if not isinstance(rows, list) or not rows:
            raise ResourceError("campaigns.yaml: key 'registry' must be a non-empty list")
        out = []
        for i, row in enumerate(rows):
            if not isinstance(row, dict) or not isinstance(row.get("name"), str):
                raise ResourceError(f"campaigns.yaml: registry[{i}]: needs a 'name'")
            for form in [row["name"], *row.get("aliases", [])]:
                toks = tuple(_tokens(form))
                out.append(RegistryEntry(row["name"], toks, tuple(t for t in toks if t not in generic)))
        return tuple(out)


@lru_cache(maxsize=1)
def lexicon() -> CampaignLexicon:
    return CampaignLexicon()


# --- recogniser ------------------------------------------------------------------------

@dataclass(frozen=True)
class Mention:
    name: str
    start: int  # span of the name in the text (quotes and dropped prefix excluded)
    end: int


class CampaignRecogniser:
    def __init__(self, lex: CampaignLexicon | None = None) -> None:
        self.lex = lex or lexicon()

    def mentions(self, text: str, skip: list[tuple[int, int]] = ()) -> list[Mention]:
        """Campaign mentions in document order."""
        skip = RangeIndex(skip)
        out: list[Mention] = []
        governed: set[int] = set()  # ends of quotes accepted as campaigns
        prev: Quoted | None = None
        for q in find_quoted(text):
            if q.start in skip:
                prev = None
                continue
            in_list = prev is not None and prev.end in governed and self._list_gap(text, prev.end, q.start)
            if in_list or self._governed(text, q.start):
                m = self._mention(text, q.inner_start, q.inner_end)
                if m:
                    out.append(m)
                    governed.add(q.end)
            prev = q
        for m in self.lex.unquoted.finditer(text):
            if m.start() not in skip:
                out.extend(self._unquoted(text, m))
        return sorted((m for m in out if m), key=lambda m: m.start)

    def _unquoted(self, text: str, m) -> list[Mention]:
        """The name after `phong trào (thi đua)` / `cuộc vận động`. A national name is read
        whole, commas and function words included ("Dạy tốt, học tốt", "Mỗi thầy cô giáo
        là một tấm gương…"), and a list of them continues ("…, Hai không"). Otherwise the
        name runs to the first stop word, and over a comma only into a parallel member
        that shares a word with it ("Giỏi việc nước, đảm việc nhà"), not into the next
        clause ("…, các doanh nghiệp tích cực")."""
        start = m.start("name")
        reg_end = self._registry_prefix(text, start)
        if reg_end is None:
            end = self._parallel_end(text, start, m.end("name"))
            return [x for x in [self._mention(text, start, end)] if x]
        out = [self._mention(text, start, reg_end)]
        while True:  # "phong trào Dạy tốt, học tốt, Hai không và …"
            gap = regex.match(rf"{_SP}*(?:,|;|{_SP}và){_SP}+", text[reg_end:reg_end + 8])
            if not gap:
                break
            nxt = reg_end + gap.end()
            if not text[nxt:nxt + 1].isupper():
                break
            e = self._registry_prefix(text, nxt)
            if e is None:
                break
            out.append(self._mention(text, nxt, e))
            reg_end = e
        return [x for x in out if x]

    def _registry_prefix(self, text: str, start: int) -> int | None:
        """End of the longest registry name (or alias) the text at `start` spells out,
        word for word (case, dashes, commas and tone placement aside), else None."""
        words = [(w.group(0), w.end()) for w in
                 _WORD_SPAN.finditer(text, start, min(len(text), start + _MAX_NAME))]
        if not words:
            return None
        first = name_key(words[0][0])
        for entry in self.lex.by_first.get(first, ()):
            n = len(entry.tokens)
            if n < 2 or len(words) < n:
                continue
            if all(name_key(words[i][0]) == entry.tokens[i] for i in range(1, n)):
                end = words[n - 1][1]
                if not _SENTENCE_BREAK.search(text, start, end):
                    return end
        return None

    def _parallel_end(self, text: str, start: int, end: int) -> int:
        lex = self.lex
        prev = set(_tokens(text[start:end]))
        while True:
            c = _COMMA_SEGMENT.match(text, end)
            if not c:
                return end
            words = c.group("seg").split()
            keep = []
            for w in words:
                if w.casefold() in lex.name_stops:
                    break
                keep.append(w)
            if not keep or len(keep) > 5 or keep[0].casefold() in lex.segment_openers:
                return end
            seg = set(_tokens(" ".join(keep)))
            if not seg & prev:
                return end
            # the segment ends after its last kept word
            last = keep[-1]
            end = text.index(last, c.start("seg")) + len(last)
            prev = seg

    def _list_gap(self, text: str, a: int, b: int) -> bool:
        m = _LIST_GAP.match(text, a, b)
        return m is not None and m.end() == b

    def _governed(self, text: str, qstart: int) -> bool:
        lo = _sentence_start(text, qstart)
        window_lo = max(lo, qstart - _WINDOW)
        best = None
        for m in self.lex.governor.finditer(text, window_lo, qstart):
            best = m
        theme = None
        for m in self.lex.theme.finditer(text, window_lo, qstart):
            theme = m
        # "thi đua tập trung vào chủ đề “…”": a theme of emulation counts (ANNOTATION.md).
        if theme and best and best.end() <= theme.start() and theme.start() - best.end() <= 40:
            best = theme
        if best is None:
            return False
        gap = text[best.end():qstart]
        if '"' in gap or "“" in gap or "”" in gap or self.lex.blocking_cue.search(gap):
            return False
        filler = self.lex.filler_gap.match(gap)
        if filler and filler.end() == len(gap):
            return True
        # A long gap needs a list introducer and a governor that names campaigns outright.
        return (len(gap) <= 120 and self.lex.intro_end.search(gap) is not None
                and self.lex.strong_governor.fullmatch(best.group(0)) is not None)

    def _mention(self, text: str, start: int, end: int) -> Mention | None:
        m = self.lex.drop_prefix.match(text, start, end)
        if m:
            start = m.end()
        while start < end and text[start] in " \t*":
            start += 1
        while end > start and text[end - 1] in " \t*.,;:…":
            end -= 1
        name = _SPACE.sub(" ", text[start:end])
        if not _HAS_LETTER.search(name) or len(name) > _MAX_NAME or _SENTENCE_INSIDE.search(name):
            return None
        return Mention(name, start, end)

    def link(self, name: str) -> str | None:
        """The national campaign `name` is a (local variant of), by token containment."""
        return self._link(name)

    @lru_cache(maxsize=4096)
    def _link(self, name: str) -> str | None:
        """A registry name links when the local name contains (nearly) all of its
        distinctive words — generic ones (thi đua, xây dựng, cả nước, Việt Nam …) aside —
        so local variants link ("Đình Lập cùng cả nước chung sức xây dựng nông thôn mới")
        but one or two shared words do not ("Học tốt", "Xây dựng nông thôn mới")."""
        if self.lex.abbreviation:
            name = self.lex.abbreviation.sub(lambda m: self.lex.abbreviations[m.group(0)], name)
        toks = _tokens(name)
        if len(toks) < 2:
            return None
        best, best_score = None, (0.0, 0)
        for entry in self.lex.registry:
            want = entry.distinctive
            if len(want) < 2:
                continue
            pool = list(toks)
            common = 0
            for t in want:
                if t in pool:
                    pool.remove(t)
                    common += 1
            score = (common / len(want), common)
            if score[0] >= 0.8 and score > best_score:
                best, best_score = entry.name, score
        return best


def _sentence_start(text: str, pos: int) -> int:
    lo = max(0, pos - 600)
    start = lo
    for m in _SENTENCE_END.finditer(text, lo, pos):
        start = m.end()
    return start


@lru_cache(maxsize=1)
def recogniser() -> CampaignRecogniser:
    return CampaignRecogniser()


def campaigns_in(doc: Document, record: Extraction) -> list[Campaign]:
    rec = recogniser()
    by_key: dict[str, Campaign] = {}
    for m in rec.mentions(doc.text, skipped_ranges(record, doc)):
        key = name_key(m.name)
        if key not in by_key:
            by_key[key] = Campaign(name=m.name, canonical=rec.link(m.name))
        by_key[key].spans.append(make_span(doc, record, m.start, m.end))
    return list(by_key.values())


@component("campaigns", requires=("sections",), assigns=("campaigns",))
def recognise_campaigns(doc: Document, record: Extraction) -> None:
    record.campaigns = campaigns_in(doc, record)
