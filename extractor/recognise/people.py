"""People: individuals the document holds up as exemplary or names as award recipients
(ANNOTATION.md "people"), with honorific, role and place.

Candidates are personal names (names.py) outside the header, title, signature and
distribution parts. A candidate is kept when it is a named award recipient, or when its
clause carries an exemplary cue (điển hình tiên tiến, gương người tốt việc tốt, hộ gia
đình ông …) and no cue of an attending or speaking official (dự, phát biểu, chủ trì …).
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
from extractor.recognise.awards import clause_bounds, list_context
from extractor.recognise.names import NameMatch, find_names, lexicon, role_before, split_descriptor
from extractor.recognise.regions import inside, skipped_ranges


@dataclass
class Candidate:
    match: NameMatch
    descriptor: str  # text printed with the name: `(giáo viên Trường …)`, `, thôn …`
    left: str  # clause text before the name (and the list intro, when under one)
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


@lru_cache(maxsize=1)
def _subject_cue_re() -> regex.Pattern:
    """An official's verb with the person as its subject: after the name, not passive."""
    cues = _alt(lexicon().get("official_subject_cues") or ["-"])
    return regex.compile(r"(?i)(?<!được\s)(?<![\p{L}])(?:" + cues + r")(?![\p{L}])")


_DESC_STOP = regex.compile(
    r"[;\n]|\.(?=\s|$)|\s(?:đã|được|là|có|với|đạt|vinh dự|tham gia|nhận)\s|\s+và\s+(?=(?i:ông|bà|anh|chị|thầy|cô)\s|\p{Lu})")


def _descriptor(text: str, end: int, limit: int) -> tuple[str, int]:
    """The role/place text printed right after a name, and where it ends."""
    m = regex.match(r"\s*(\(|[-–,]\s*)", text[end:end + 4])
    if not m:
        return "", end
    start = end + m.end()
    if m.group(1) == "(":
        close = text.find(")", start, limit)
        stop = close if close >= 0 else limit
        return text[start:stop], min(limit, stop + 1)
    stop_m = _DESC_STOP.search(text, start, limit)
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
    for i, n in enumerate(names):
        cs, ce = clause_bounds(text, n.start, semicolon=False)
        nxt = names[i + 1].start if i + 1 < len(names) and names[i + 1].start < ce else ce
        desc, dend = _descriptor(text, n.end, max(n.end, nxt))
        left = text[cs:n.start]
        ctx = list_context(text, n.start)
        if ctx:
            left = ctx[0] + " " + left
        out.append(Candidate(n, desc.strip(), left, text[dend:ce], n.name in recipients,
                             _quoted(text, cs, n.start)))
    return out


def _excluded(c: Candidate, record: Extraction, doc: Document) -> bool:
    lex = lexicon()
    if c.quoted or c.match.name in lex["never_people"]:
        return True
    if record.metadata.author and c.match.name in record.metadata.author:
        return True
    signer = record.metadata.signer.name if record.metadata.signer else None
    if signer and c.match.name == signer and not any(p.kind == PartKind.signature for p in record.parts):
        # Without a recognised signature part, a signer's name at the very end is the signature.
        return c.match.start > len(doc.text) - 400
    return False


def rule_decision(c: Candidate) -> bool:
    """Exemplary by the cue lexicons: recipient, or exemplary cue and no official cue."""
    if c.recipient:
        return True
    official, exemplary = _cue_res()
    near = c.left[-120:] + " " + c.descriptor + " " + c.right[:80]
    if official.search(c.left[-60:] + " " + c.descriptor + " " + c.right[:60]):
        return False
    # `đồng chí X trao …`: the verb right after the name (and its descriptor) makes X the
    # official; the same verb before the name (`biểu dương … anh Y`) does not.
    if _subject_cue_re().match(c.right.lstrip(" ,")[:30]) or _subject_cue_re().search(c.right[:25]):
        return False
    return bool(exemplary.search(near))


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
    return list(people.values())


@component("people", requires=("sections", "awards"), assigns=("people",))
def recognise_people(doc: Document, record: Extraction) -> None:
    record.people = find_people(doc, record)
