"""Indicator recogniser: every quantity a report states (ANNOTATION.md "indicators"), with
its value in base units, unit or counted noun, ratio denominator, qualifier, and — beyond
the gold fields — the phrase it measures, its comparison and the unit or place it
belongs to.

One compiled pattern finds candidates (number or ratio, unit or counted noun, closing
qualifier), a word lookup adds the qualifier before it; context checks then drop dates,
years, identifiers, ordinals, anniversaries, ages, levels and numbers inside names. A
counted noun's extent comes from data: the lexicon, a word dictionary (the longest word
the noun starts), classifiers, modifier tails of the head's kind, and a stop list.

This module finds and accepts the candidates and builds the records; the lexicon is in
`indicator_lexicon`, a figure's extent in `indicator_extent`, the context checks in
`non_quantity_cues` and `non_quantities`, the fields beyond the gold ones in
`indicator_context`.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from extractor.model import BlockKind, Document
from extractor.pipeline import component
from extractor.provenance import make_span
from extractor.recognise import indicator_context
from extractor.recognise.campaigns import find_quoted
from extractor.recognise.indicator_extent import Found, build, qualifier_start
from extractor.recognise.indicator_lexicon import IndicatorLexicon, lexicon
from extractor.recognise.non_quantities import (bare_non_quantity, column_number_row, identifier_cells,
                                                list_ranges, title_line)
from extractor.recognise.non_quantity_cues import excluded_by_context
from extractor.recognise.regions import RangeIndex, skipped_ranges
from extractor.records import Extraction, Indicator

_HAS_DIGIT = regex.compile(r"\d")
_SENTENCE_END = regex.compile(r"[.!?](?=\s+[\p{Lu}\d(“\"-])|\n")
_DATELINE = regex.compile(r"^\s*(?:(?:Thứ\s+\p{L}+|Chủ nhật)\s*[-,|]?\s*)?\d{1,2}/\d{1,2}/\d{4}\b")
_PAGE_FURNITURE = regex.compile(r"^\W*(?:Trang\s+)?\d+(?:\s*/\s*\d+)?\W*$")
_SPACED_SYMBOL_AFTER = regex.compile(r"[^\S\n]*/[^\S\n]*\p{Lu}{2,}")


class IndicatorRecogniser:
    def __init__(self, lex: IndicatorLexicon | None = None) -> None:
        self.lex = lex or lexicon()

    # candidates --------------------------------------------------------------------------

    def find(self, doc: Document, skip: list[tuple[int, int]] = (),
             lists: list[tuple[int, int]] = (), identifiers: list[tuple[int, int]] = ()) -> list[Found]:
        """Indicators of `doc` outside the `skip` ranges; `lists` are attached lists,
        `identifiers` table cells that hold no quantity."""
        text = doc.text
        # quoted names and identifier cells: no figure starts inside them
        no_figure = RangeIndex([*((q.start, q.end) for q in find_quoted(text)), *identifiers])
        skip = RangeIndex(skip)
        in_list = RangeIndex(lists)
        out: list[Found] = []
        for block in doc.blocks:
            if block.kind == BlockKind.header or block.start in skip:
                continue
            line = text[block.start:block.end]
            if not _HAS_DIGIT.search(line):
                continue
            if self.lex.line_cue.search(line) or _DATELINE.match(line) or _PAGE_FURNITURE.match(line) \
                    or column_number_row(text, block) or title_line(line, block):
                continue
            for m in self.lex.candidate.finditer(text, block.start, block.end):
                found = self._accept(text, m, block, no_figure, skip, in_list)
                if found:
                    out.append(found)
        return out

    def _accept(self, text: str, m, block, no_figure, skip, in_list) -> Found | None:
        g = m.groupdict()  # one call: Match.group is slow in the hot loop
        ns = m.start("x") if g["x"] else m.start("amount")
        ne = m.end("y") if g["y"] else m.end("amount")
        if ns in no_figure or ns in skip:
            return None
        nxt = text[ne:ne + 2]
        if not g["tail"] and nxt[:1].isalpha():
            return None  # glued to a word: "8h30", "19a"
        if nxt[:1] == "/" or (nxt[:1] in "-.,:" and nxt[1:2].isalnum()):
            return None  # dates, document numbers (34-CT/TW), "305.A1", times
        if not g["tail"] and _SPACED_SYMBOL_AFTER.match(text, ne):
            return None  # a filled-in document number: "2753 /TTr-STP", "6 / QĐ-TTg"
        start = qualifier_start(self.lex, text, max(block.start, ns - 24), ns)
        if excluded_by_context(self.lex, text, g, start, ns, ne, block):
            return None
        if not g["tail"] and bare_non_quantity(text, bool(g["amount"]), start, ns, ne, block, ns in in_list):
            return None
        if g["x"] and not g["tail"] and (start == ns or text[start:ns].strip().lower() in self.lex.qualifiers_paired):
            return None  # a bare "3/2" is a date or a name, not a ratio ("ít nhất 2/3" is)
        if not g["tail"] and text[ns - 1:ns] in "([" and text[ne:ne + 1] in ")]" and ns > 0:
            return None  # enumeration "(1)" or footnote marker "[1]"
        return build(self.lex, text, m, g, start, ns, ne)


def _sentence_bounds(text: str, pos: int, block_start: int, block_end: int) -> tuple[int, int]:
    lo = block_start
    for m in _SENTENCE_END.finditer(text, max(block_start, pos - 400), pos):
        lo = m.end()
    hi_m = _SENTENCE_END.search(text, pos, block_end)
    return lo, hi_m.start() if hi_m else block_end


@lru_cache(maxsize=1)
def recogniser() -> IndicatorRecogniser:
    return IndicatorRecogniser()


def indicators_in(doc: Document, record: Extraction) -> list[Indicator]:
    rec = recogniser()
    text = doc.text
    out: list[Indicator] = []
    prev_end = 0
    prev_block = prev_lo = None
    for f in rec.find(doc, skipped_ranges(record, doc), list_ranges(record, rec.lex.list_titles),
                      identifier_cells(record, rec.lex.identifier_columns)):
        block = doc.block_at(f.start)
        lo, hi = _sentence_bounds(text, f.start, block.start, block.end)
        same_sentence = prev_lo == lo and prev_block is block
        subject = indicator_context.subject(text, f, lo)
        comparison, comparison_end = indicator_context.comparison(rec.lex, text, f, lo, hi)
        # The head of a later figure in a sentence starts after the previous one and its
        # baseline ("đạt 118,3% kế hoạch huyện giao và đạt 155,6% …").
        measure = indicator_context.measure(rec.lex, text, f, max(lo, prev_end) if same_sentence else lo)
        if measure is None and out and prev_block is block and (same_sentence or subject and out[-1].subject):
            measure = out[-1].measure  # "đạt 118,3% … và đạt 155,6% …": the same measure
        if measure is None and subject:
            measure = indicator_context.intro_measure(text, lo, text.rfind(subject, lo, f.start))
        # Fields are built from checked values; skipping validation halves the cost per item.
        out.append(Indicator.model_construct(
            text=f.text, value=f.value, unit=f.unit, of=f.of, qualifier=f.qualifier,
            measure=measure, comparison=comparison, subject=subject,
            span=make_span(doc, record, f.start, f.end),
        ))
        prev_end, prev_block, prev_lo = max(f.end, comparison_end), block, lo
    return out


@component("indicators", requires=("sections", "tables"), assigns=("indicators",))
def recognise_indicators(doc: Document, record: Extraction) -> None:
    record.indicators = indicators_in(doc, record)
