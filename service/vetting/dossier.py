"""Reading a dossier (tờ trình, nomination lists, báo cáo thành tích…): who is nominated for
what and for which year, what each nominee's báo cáo thành tích declares they already hold,
and which dossier parts the files are.

The same nomination stated in two files (a tờ trình and its list) is one nomination; the
nominees are told apart by name and position/unit, as in the archive (linkage.Mention).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.records import Award, AwardSource, AwardStatus, DocType, Extraction, PartKind
from service.archive.fold import fold
from service.recipients.index import indexed_awards, record_year, recipient_kind
from service.recipients.linkage import PERSON, Mention
from service.vetting.ruleset import DossierPart, Rules


@dataclass
class Statement:
    """A nomination or a claimed past award as one dossier file writes it."""

    file: str
    award: Award
    year: int | None
    award_class: str | None

    @property
    def label(self) -> str:
        return award_label(self.award.award, self.award.grade, self.award.authority)


CONFERRED_BY = ("bang khen", "giay khen", "co thi dua")  # named with their conferrer: `Bằng khen của …`


def award_label(award: str, grade: str | None = None, authority: str | None = None) -> str:
    """`Bằng khen` + `Chủ tịch UBND tỉnh` → `Bằng khen của Chủ tịch UBND tỉnh`; grades after the name."""
    text = " ".join(x for x in (award, grade) if x)
    if authority and fold(award) in CONFERRED_BY and fold(authority) not in fold(award):
        text += f" của {authority}"
    return text


@dataclass
class Nominee:
    mention: Mention
    role: str | None
    nominations: dict[tuple, list[Statement]] = field(default_factory=dict)  # (class or award, year) → statements
    claims: list[Statement] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)  # files of their báo cáo thành tích

    @property
    def identity(self) -> tuple[bool, str, str]:
        return (self.mention.kind == PERSON, self.mention.key, self.mention.unit)


@dataclass
class Dossier:
    files: list[tuple[str, Extraction]]
    nominees: list[Nominee]
    stray_claims: list[Statement]  # claims whose author the dossier does not nominate (or names ambiguously)


def read_dossier(files: list[tuple[str, Extraction]], rules: Rules) -> Dossier:
    nominees: dict[tuple, Nominee] = {}
    claims: list[tuple[Mention, Statement]] = []
    report_proposals: list[tuple[Mention, Statement, str | None]] = []
    for name, record in files:
        area = record.metadata.issuer or record.metadata.parent_issuer
        fallback_year = record_year(record)
        for _i, award in indexed_awards(record):
            mention = Mention(award.recipient, recipient_kind(award), award.role, area)
            if not mention.key:
                continue
            st = Statement(name, award, award.year or fallback_year,
                           rules.classify(award.award, award.authority, award.grade))
            if award.source == AwardSource.past_titles:
                claims.append((mention, st))
            elif award.status == AwardStatus.proposed and record.metadata.doc_type == DocType.bao_cao_thanh_tich:
                report_proposals.append((mention, st, award.role))  # the same nomination, told by its subject
            elif award.status == AwardStatus.proposed:
                nominee = nominees.setdefault((mention.kind == PERSON, mention.key, mention.unit),
                                              Nominee(mention, award.role))
                key = (st.award_class or fold(award.award), st.year)
                nominee.nominations.setdefault(key, []).append(st)
    for mention, st, role in report_proposals:
        if _owner(list(nominees.values()), mention) is None:  # a báo cáo sent on its own nominates
            nominee = nominees.setdefault((mention.kind == PERSON, mention.key, mention.unit), Nominee(mention, role))
            nominee.nominations.setdefault((st.award_class or fold(st.award.award), st.year), []).append(st)
    stray: list[Statement] = []
    for mention, st in claims:
        owner = _owner(list(nominees.values()), mention)
        (owner.claims if owner else stray).append(st)
    for name, record in files:
        if record.metadata.doc_type == DocType.bao_cao_thanh_tich:
            for nominee in _report_subjects(list(nominees.values()), record):
                nominee.reports.append(name)
    return Dossier(files, list(nominees.values()), stray)


def _owner(nominees: list[Nominee], mention: Mention) -> Nominee | None:
    """The nominee a claim belongs to: same name, and same unit when the claim gives one;
    one nominee only (two namesakes nominated → nobody, the claim is reported apart)."""
    same = [n for n in nominees if n.mention.key == mention.key and (n.mention.kind == PERSON) == (mention.kind == PERSON)]
    if mention.unit:
        same = [n for n in same if n.mention.unit == mention.unit] or same
    units = {n.mention.unit for n in same}
    return same[0] if len(units) == 1 else None


def _report_subjects(nominees: list[Nominee], record: Extraction) -> list[Nominee]:
    """Nominees a báo cáo thành tích is about: named in its past titles, people, or title."""
    from service.recipients import names

    keys = {names.key(a.recipient) for _i, a in indexed_awards(record)}
    keys |= {names.key(p.name) for p in record.people}
    head = names.key(" ".join(filter(None, [record.metadata.title, record.text[:600]])))
    out = []
    for n in nominees:
        if n.mention.key in keys or (n.mention.key and f" {n.mention.key} " in f" {head} "):
            out.append(n)
    units = {n.mention.unit for n in out}
    return out if len(units) <= 1 else [n for n in out if n.mention.key in keys]


def file_parts(record: Extraction, parts: list[DossierPart]) -> list[str]:
    """The dossier parts a file counts as: by its kind, or by words in its title."""
    from service.recipients import names

    heads = [record.text[p.start:p.end] for p in record.parts if p.kind == PartKind.title_block]
    title = names.expand(" ".join(filter(None, [record.metadata.title, *heads])) or record.text[:200])
    found = []
    for part in parts:
        if record.metadata.doc_type.value in part.doc_types or any(
                f" {names.expand(w)} " in f" {title} " for w in part.title_words):
            found.append(part.id)
    return found
