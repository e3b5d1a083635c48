"""The parts of a decision (and of a tờ trình) between its title and its signature: the
authority line (`CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN …`), the grounds (`Căn cứ …`, `Xét đề
nghị …`), the enacting formula (`QUYẾT ĐỊNH:`) and the articles (`Điều 1. …`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.normalise.ocr import tolerant
from extractor.resources import ResourceError
from extractor.segment.cues import is_upper_line, layout_lexicon
from extractor.segment.lines import Line

_AUTHORITY_SCAN = 3  # the authority line sits right under the title block


@dataclass
class Article:
    number: int
    lines: list[Line]

    @property
    def label(self) -> str:
        return f"Điều {self.number}"


@dataclass
class DecisionParts:
    authority: list[Line] = field(default_factory=list)
    bases: list[Line] = field(default_factory=list)
    formula: Line | None = None
    articles: list[Article] = field(default_factory=list)


@lru_cache(maxsize=1)
def _cues() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    lex = layout_lexicon()
    for key in ("legal_basis_cues", "enacting_formulas", "article"):
        if key not in lex:
            raise ResourceError(f"segment_layout.yaml: key '{key}' is missing")
    bases = "|".join(regex.escape(c) for c in lex["legal_basis_cues"])
    formulas = "|".join(tolerant(f) for f in lex["enacting_formulas"])  # QUYÉT ĐỊNH: as OCR'd
    return (regex.compile(rf"^(?:{bases})(?![\p{{L}}])"),
            regex.compile(rf"^(?:{formulas})\s*:?\s*$"),
            regex.compile(lex["article"]))


def article_number(text: str) -> int | None:
    m = _cues()[2].match(text)
    return int(m.group("n")) if m else None


def read_decision(body: list[Line]) -> DecisionParts:
    """Authority, grounds, formula and articles among the main body's lines."""
    basis, formula_re, _ = _cues()
    parts = DecisionParts()
    i = 0
    while i < min(len(body), _AUTHORITY_SCAN) and is_upper_line(body[i].clean) and len(body[i].clean) <= 120 \
            and not formula_re.match(body[i].clean) and not basis.match(body[i].clean):
        parts.authority.append(body[i])
        i += 1
    in_basis = False
    for ln in body[i:]:
        if parts.formula is None and basis.match(ln.clean):
            parts.bases.append(ln)
            in_basis = True
            continue
        if parts.formula is None and formula_re.match(ln.clean) and (parts.bases or parts.authority):
            parts.formula = ln
            in_basis = False
            continue
        if in_basis and parts.formula is None and ln.clean[:1].islower():
            parts.bases.append(ln)  # a ground wrapped onto the next line
            continue
        in_basis = False
        n = article_number(ln.clean)
        if n is not None and (parts.formula is not None or parts.bases):
            parts.articles.append(Article(n, [ln]))
        elif parts.articles:
            parts.articles[-1].lines.append(ln)
    if not parts.bases and parts.formula is None:
        parts.authority = []  # a capitalised first line of a report is its first heading, not an authority
    return parts
