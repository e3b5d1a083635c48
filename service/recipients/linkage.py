"""Record linkage of award recipients: is this mention a recipient we already know?

Blocking is done by the caller (same folded name, or the same given name within the same
commune); here each pair in a block is compared field by field with rapidfuzz scorers —
name (Jaro-Winkler, with marks when both sides have them, so `Thành` ≠ `Thanh`), position
and unit (token-set ratio after abbreviations are written out), and administrative place
(commune, district, province: a different commune or district is a namesake) — and the
comparison vector is classified:

- `match`: the same recipient, linked;
- `candidate`: perhaps the same, stored as a candidate link and shown so, never merged;
- no link: a namesake or someone else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from service.recipients import names

SAME_NAME = 0.985  # Jaro-Winkler: one name, spelled the same (after folding rules)
NEAR_NAME = 0.90  # a typo or an OCR slip away
SAME_UNIT = 90  # token-set ratio of position and unit
SAME_COLLECTIVE = 97  # token-sort ratio of two collectives' expanded names
NEAR_COLLECTIVE = 90

PERSON = "ca_nhan"


class Decision(str, Enum):
    match = "match"
    candidate = "candidate"


@dataclass
class Mention:
    """A recipient as one document writes it."""

    name: str
    kind: str = PERSON
    role: str | None = None  # position and unit as written
    area: str | None = None  # the issuing body's name: where the document comes from
    key: str = field(init=False)
    accented: str = field(init=False)
    given: str = field(init=False)
    unit: str = field(init=False)
    places: dict[int, str] = field(init=False)

    def __post_init__(self) -> None:
        self.name = names.strip_honorific(self.name)
        self.key = names.key(self.name)
        self.accented = names.accented_key(self.name)
        self.given = self.key.split()[-1] if self.key else ""
        self.unit = names.expand(self.role)
        own = names.places(self.role) if self.kind == PERSON else names.places(f"{self.name} {self.role or ''}")
        for level, place in names.places(self.area).items():
            own.setdefault(level, place)
        self.places = own


@dataclass
class Known:
    """A stored recipient, as far as linkage needs it."""

    id: int
    kind: str
    key: str
    accented: str
    unit: str
    places: dict[int, str]


@dataclass
class Comparison:
    decision: Decision | None
    score: float
    reason: str  # Vietnamese, shown beside a candidate


def encode_places(places: dict[int, str]) -> str:
    return "|".join(f"{lvl}:{p}" for lvl, p in sorted(places.items(), reverse=True))


def decode_places(text: str | None) -> dict[int, str]:
    out: dict[int, str] = {}
    for part in (text or "").split("|"):
        lvl, _, place = part.partition(":")
        if lvl.isdigit() and place:
            out[int(lvl)] = place
    return out


def place_relation(a: dict[int, str], b: dict[int, str]) -> tuple[str, int | None]:
    """('conflict' | 'same' | 'unknown', the most specific level they share)."""
    shared = [lvl for lvl in (3, 2, 1) if lvl in a and lvl in b]
    if any(a[lvl] != b[lvl] for lvl in shared):
        return "conflict", None
    return ("same", shared[0]) if shared else ("unknown", None)


def name_similarity(m: Mention, k: Known) -> float:
    if names.has_marks(m.accented) and names.has_marks(k.accented):
        return JaroWinkler.normalized_similarity(m.accented, k.accented)
    return JaroWinkler.normalized_similarity(m.key, k.key)


def _short_form(m: Mention, k: Known) -> bool:
    """`Thành` or `Văn Thành` for `Nguyễn Văn Thành`: the tail of the full name."""
    short, full = m.key.split(), k.key.split()
    return 0 < len(short) < len(full) and full[-len(short):] == short


def compare(m: Mention, k: Known) -> Comparison:
    if (m.kind == PERSON) != (k.kind == PERSON):
        return Comparison(None, 0.0, "")
    relation, level = place_relation(m.places, k.places)
    if relation == "conflict":
        return Comparison(None, 0.0, "khác địa bàn")
    unit = fuzz.token_set_ratio(m.unit, k.unit) if m.unit and k.unit else None
    if m.kind == PERSON:
        return _compare_people(m, k, unit, relation, level)
    return _compare_collectives(m, k)


def _compare_people(m: Mention, k: Known, unit: float | None, relation: str, level: int | None) -> Comparison:
    same_unit = unit is not None and unit >= SAME_UNIT
    if _short_form(m, k):
        if same_unit:
            return Comparison(Decision.match, 0.95, "tên gọi tắt, cùng chức vụ, đơn vị")
        return Comparison(None, 0.0, "")
    sim = name_similarity(m, k)
    if sim >= SAME_NAME:
        if same_unit:
            return Comparison(Decision.match, sim, "cùng họ tên, cùng chức vụ, đơn vị")
        if relation == "same" and level == 3:
            return Comparison(Decision.candidate, 0.8, "cùng họ tên, cùng xã/phường, khác chức vụ hoặc đơn vị")
        if unit is not None:
            return Comparison(None, 0.0, "khác chức vụ, đơn vị")
        return Comparison(Decision.candidate, 0.6, "cùng họ tên, thiếu thông tin đơn vị hoặc địa bàn để khẳng định")
    if sim >= NEAR_NAME and (same_unit or (relation == "same" and level == 3)):
        return Comparison(Decision.candidate, sim * 0.9, "họ tên gần giống (có thể sai chính tả), cùng đơn vị hoặc địa bàn")
    return Comparison(None, sim, "")


def _compare_collectives(m: Mention, k: Known) -> Comparison:
    ratio = 100.0 if m.key == k.key else fuzz.token_sort_ratio(m.key, k.key)
    if ratio >= SAME_COLLECTIVE:
        # A unit's name carries its commune; namesake communes exist in other districts, so
        # the places known must agree at every level.
        if m.places == k.places:
            return Comparison(Decision.match, ratio / 100, "cùng tên đơn vị, cùng địa bàn")
        return Comparison(Decision.candidate, 0.6, "cùng tên đơn vị, chưa rõ địa bàn")
    if ratio >= NEAR_COLLECTIVE:
        return Comparison(Decision.candidate, ratio / 100 * 0.9, "tên đơn vị gần giống")
    return Comparison(None, ratio / 100, "")


@dataclass
class Resolution:
    match: int | None  # the recipient this mention is
    candidates: list[tuple[int, float, str]]  # (recipient id, score, reason): perhaps the same


def resolve(m: Mention, block: list[Known]) -> Resolution:
    """Classify every recipient of the block against the mention. Two full matches (two
    recipients that may since have been told apart) → the best one, the other a candidate."""
    scored = [(k, compare(m, k)) for k in block]
    matches = sorted(((c.score, k.id) for k, c in scored if c.decision == Decision.match), reverse=True)
    candidates = [(k.id, c.score, c.reason) for k, c in scored if c.decision == Decision.candidate]
    if not matches:
        return Resolution(None, candidates)
    best = matches[0][1]
    candidates += [(rid, score, "trùng khớp đầy đủ với hơn một đối tượng") for score, rid in matches[1:]]
    return Resolution(best, candidates)
