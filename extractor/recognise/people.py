"""People: individuals the document holds up as exemplary or names as award recipients
(ANNOTATION.md "people"), with honorific, role and place.

Candidates are personal names (names.py) outside the header, title, signature and
distribution parts. A candidate is kept when it is a named award recipient, or when its
clause carries an exemplary cue (điển hình tiên tiến, gương người tốt việc tốt, hộ gia
đình ông …, a deed: hiến đất, ủng hộ …) and no cue of an attending or speaking official
(dự, phát biểu, chủ trì …; an official's title that confers the award on the person does not
count) nor of a beneficiary of help or a visit (thăm, tặng quà gia đình ông …).
Signers, news authors and names inside campaign or place names are never people entries.

A learned filter (models/person_filter) may replace the cue decision; TDKT_MODELS=off
disables it so the evaluation can compare both.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.model import Document
from extractor.pipeline import component
from extractor.provenance import make_span
from extractor.records import Extraction, PartKind, Person
from extractor.recognise.clause_geometry import clause_bounds, list_context
from extractor.recognise.names import NameMatch, find_names, lexicon, role_before, split_descriptor
from extractor.recognise.regions import inside, skipped_ranges
from extractor.segment.tables import on_example_sheet


@dataclass
class Candidate:
    match: NameMatch
    descriptor: str  # text printed with the name: `(giáo viên Trường …)`, `, thôn …`
    left: str  # clause text before the name (and the list intro, when under one)
    title: str  # the honorific or title as printed (`ông`, `thầy`), also when dropped
    right: str  # clause text after the descriptor
    recipient: bool  # named as an award recipient by the awards component
    quoted: bool  # inside an open quotation (a campaign or title name)


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _cue_res() -> tuple[regex.Pattern, regex.Pattern]:
    lex = lexicon()
    official = regex.compile(r"(?i)(?<![\p{L}])(?:" + _alt(lex["official_cues"]) + r")(?![\p{L}])")
    exemplary = regex.compile(r"(?i)(?<![\p{L}])(?:" + _alt(lex["exemplary_cues"]) + r")(?![\p{L}])")
    return official, exemplary


def _word_re(key: str) -> regex.Pattern:
    return regex.compile(r"(?i)(?<![\p{L}])(?:" + _alt(lexicon()[key]) + r")(?![\p{L}])")


@lru_cache(maxsize=1)
def _conferral_re() -> regex.Pattern:
    return _word_re("conferral_words")


@lru_cache(maxsize=1)
def _beneficiary_re() -> regex.Pattern:
    return _word_re("beneficiary_cues")


@lru_cache(maxsize=1)
def _cue_exception_re() -> regex.Pattern:
    return _word_re("exemplary_cue_exceptions")


@lru_cache(maxsize=1)
def _subject_cue_re() -> regex.Pattern:
    """An official's verb with the person as its subject: after the name, not passive."""
    cues = _alt(lexicon().get("official_subject_cues") or ["-"])
    return regex.compile(r"(?i)(?<!được\s)(?<![\p{L}])(?:" + cues + r")(?![\p{L}])")


@lru_cache(maxsize=1)
def _desc_stop_re() -> regex.Pattern:
    # A descriptor ends at the clause's predicate (`…, thôn Khe Đa hiến 500 m2 đất`), also an
    # official's verb (`…, Giám đốc Sở trao Giấy khen …`), or where the next name is joined by `và`.
    lex = lexicon()
    words = _alt(lex["descriptor_stop_words"] + (lex.get("official_subject_cues") or []))
    return regex.compile(
        r"[;\n]|\.(?=\s|$)|\s(?:" + words + r")(?=\s)|\s+và\s+(?=(?i:ông|bà|anh|chị|thầy|cô)\s|\p{Lu})")


@lru_cache(maxsize=1)
def _desc_open_re() -> regex.Pattern:
    # `(`, a comma or dash, or a residence word (`ông X ở thôn Y`) opens a descriptor.
    return regex.compile(r"\s*(\(|[-–,]\s*)|\s+(?:" + _alt(lexicon()["residence_words"]) + r")\s+")


def _descriptor(text: str, end: int, limit: int) -> tuple[str, int]:
    """The role/place text printed right after a name, and where it ends."""
    m = _desc_open_re().match(text, end, min(len(text), end + 20))
    if not m:
        return "", end
    start = m.end()
    if m.group(1) == "(":
        close = text.find(")", start, limit)
        stop = close if close >= 0 else limit
        return text[start:stop], min(limit, stop + 1)
    stop_m = _desc_stop_re().search(text, start, limit)
    stop = stop_m.start() if stop_m else limit
    # The next name may open right after a joining `và` (`… Yên Thế và thầy Nguyễn Văn Vỹ`).
    return regex.sub(r"(?:\s+và|\s*,)\s*$", "", text[start:stop]), stop


def _quoted(text: str, cs: int, pos: int) -> bool:
    before = text[cs:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def candidates(doc: Document, record: Extraction) -> list[Candidate]:
    text = doc.text
    skip = skipped_ranges(record, doc)
    recipients = {a.recipient for a in record.awards if a.recipient}
    names = find_names(text)
    if any(len(r.split()) == 2 for r in recipients):
        # Two-syllable bare names are candidates only where the awards component read them
        # as named individual recipients (`… cho 02 cá nhân gồm: Giàng Dình, …`).
        seen = {n.start for n in names}
        names = sorted(names + [n for n in find_names(text, min_bare=2) if n.start not in seen
                                and n.honorific is None and n.name in recipients],
                       key=lambda n: n.start)
    names = [n for n in names if not inside(n.start, skip)]
    out = []
    bracket_end = -1
    for i, n in enumerate(names):
        if n.start < bracket_end:
            continue  # inside the previous name's brackets: `(con ông …)`, part of its descriptor
        cs, ce = clause_bounds(text, n.start, semicolon=False)
        bracket_end = _bracket_end(text, n.end, ce)
        nxt = next((m.start for m in names[i + 1:] if m.start >= bracket_end), ce)
        desc, dend = _descriptor(text, n.end, max(n.end, min(nxt, ce)))
        left = text[cs:n.start]
        ctx = list_context(text, n.start)
        if ctx:
            left = ctx[0] + " " + left
        out.append(Candidate(n, desc.strip(), left, text[n.start:n.name_start].strip(), text[dend:ce],
                             n.name in recipients, _quoted(text, cs, n.start)))
    return out


def _bracket_end(text: str, end: int, limit: int) -> int:
    """End of a bracket opened right after a name (`Nguyễn Văn A (Trường …)`), else -1."""
    m = regex.match(r"\s*\(", text[end:end + 4])
    if not m:
        return -1
    close = text.find(")", end + m.end(), limit)
    return close + 1 if close >= 0 else -1


def _excluded(c: Candidate, record: Extraction, doc: Document) -> bool:
    lex = lexicon()
    if c.quoted or c.match.name in lex["never_people"]:
        return True
    if any(t.start <= c.match.start < t.end and on_example_sheet(t) for t in record.tables):
        return True  # a sample row of a workbook's instructions sheet
    if record.metadata.author and c.match.name in record.metadata.author:
        return True
    signer = record.metadata.signer.name if record.metadata.signer else None
    if signer and c.match.name == signer and not any(p.kind == PartKind.signature for p in record.parts):
        # Without a recognised signature part, a signer's name at the very end is the signature.
        return c.match.start > len(doc.text) - 400
    return False


def _official_before(left: str) -> bool:
    """An official's cue before the name, unless a conferral word follows it: then the
    official confers an award on the person (`Chủ tịch UBND tỉnh tặng Bằng khen cho …`)."""
    official, _ = _cue_res()
    window = left[-60:]
    return any(not _conferral_re().search(window, m.end()) for m in official.finditer(window))


def _official_after(right: str) -> bool:
    """An official's cue after the name, unless a conferral word comes first: then the
    official is the conferrer (`… được tặng Bằng khen của Chủ tịch UBND tỉnh`)."""
    official, _ = _cue_res()
    window = right[:60]
    return any(not _conferral_re().search(window[:m.start()]) for m in official.finditer(window))


def _beneficiary(left: str) -> bool:
    """Helped or visited (`thăm, tặng quà gia đình ông X`): the cue in the same list item,
    right before the name."""
    return bool(_beneficiary_re().search(regex.split(r"[;:\n]", left[-50:])[-1]))


def rule_decision(c: Candidate) -> bool:
    """Exemplary by the cue lexicons: recipient, or exemplary cue and no official cue."""
    if c.recipient:
        return True
    official, _ = _cue_res()
    if _official_before(c.left) or official.search(c.descriptor) or _official_after(c.right):
        return False
    # `đồng chí X trao …`: the verb right after the name (and its descriptor) makes X the
    # official; the same verb before the name (`biểu dương … anh Y`) does not.
    if _subject_cue_re().match(c.right.lstrip(" ,")[:30]) or _subject_cue_re().search(c.right[:25]):
        return False
    if _beneficiary(c.left):
        return False
    # The printed honorific belongs to cues like `gia đình ông`, `hộ bà`.
    if _exemplary_cue(c.left[-120:] + c.title + " " + c.descriptor + " " + c.right[:80]):
        return True
    # A long list keeps the cue of its introduction (`Nhiều thầy cô giáo tiêu biểu … như: A
    # (…); B, C, …`) however far back it is printed.
    colon = c.left.rfind(":")
    return colon >= 0 and _exemplary_cue(c.left[max(0, colon - 150):colon])


_NAME_WORD_BEFORE = regex.compile(r"\p{Lu}\p{Ll}*\s+$")


def _exemplary_cue(near: str) -> bool:
    """An exemplary cue in `near`, not inside a phrase like `Hiến pháp`, and not a
    capitalised word right after another one: that is part of a name (`Nguyễn Văn Hiến`)."""
    _, exemplary = _cue_res()
    near = _cue_exception_re().sub(" ", near)
    return any(not (m.group(0)[0].isupper() and _NAME_WORD_BEFORE.search(near, 0, m.start()))
               for m in exemplary.finditer(near))


def models_setting() -> str:
    """TDKT_MODELS: `off` (rules only), `on` (default: models that beat the rules),
    `force` (every trained model, for comparison in the evaluation)."""
    value = os.environ.get("TDKT_MODELS", "on").strip().lower()
    return "off" if value in ("off", "0", "false", "no") else ("force" if value == "force" else "on")


def find_people(doc: Document, record: Extraction) -> list[Person]:
    decide = rule_decision
    setting = models_setting()
    if setting != "off":
        from models.person_filter import load_filter

        model = load_filter(force=setting == "force")
        if model is not None:
            decide = model.decide
    people: dict[str, Person] = {}
    kept: list[tuple[Candidate, Person]] = []
    for c in candidates(doc, record):
        if c.match.name in people or _excluded(c, record, doc) or not decide(c):
            continue
        role, place = split_descriptor(c.descriptor) if c.descriptor else (None, None)
        if role is None:
            # `Trưởng thôn Khe Đa, ông Hoàng Văn Tư`: the role printed before the name.
            before_role, before_place = role_before(c.left)
            role, place = before_role, place or before_place
        people[c.match.name] = Person(
            name=c.match.name, honorific=c.match.honorific, role=role, place=place,
            span=make_span(doc, record, c.match.start, c.match.end))
        kept.append((c, people[c.match.name]))
    _share_places(doc.text, kept)
    return list(people.values())


_LIST_JOIN = regex.compile(r"\s*(?:,|và)\s*")


def _share_places(text: str, kept: list[tuple[Candidate, Person]]) -> None:
    """`A, B (Trường X)`, `A, B, Trường X (huyện Y)`: names listed back to back share the
    place printed after the last of them (right to left, so a run of names shares it)."""
    for (c, p), (c_next, p_next) in reversed(list(zip(kept, kept[1:]))):
        if p.place is None and not c.descriptor and p_next.place is not None \
                and _LIST_JOIN.fullmatch(text[c.match.end:c_next.match.start]):
            p.place = p_next.place


@component("people", requires=("sections", "awards"), assigns=("people",))
def recognise_people(doc: Document, record: Extraction) -> None:
    record.people = find_people(doc, record)
