"""The signer of an administrative document, from the signature blocks the layout found:
name on the block's name line, office on the line above it (capacity lines TM./KT./TL./Q.
kept apart), an office printed beside `Nơi nhận`, office titles read through a scan's
lost marks."""
from __future__ import annotations

import regex

from extractor.normalise.ocr import fold_key
from extractor.records import Signer
from extractor.segment.casing import office_titles, sentence_case
from extractor.segment.layout import Layout, is_name, is_upper_line, pattern, split_office_name
from extractor.segment.lines import Line
from extractor.segment.metadata_builder import MetadataBuilder
from extractor.segment.signature import SignatureBlock, name_start


def _split_capacity(text: str) -> tuple[str, str | None]:
    """"KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"): the office run on."""
    cap = pattern("capacity").match(text)
    rest = text[cap.end():] if cap else text
    hits = []
    for title in office_titles():
        for m in regex.finditer(rf"(?<!\p{{L}}){regex.escape(title)}(?!\p{{L}})", rest):
            if not any(s <= m.start() < e for s, e in hits):
                hits.append((m.start(), m.end()))
    hits.sort()
    # The capacity names a body or an office first ("TM. CỤM THI ĐUA SỐ 02", "KT. CHỦ
    # TỊCH"); an office title starting later on the line is the next line run on.
    if hits and hits[-1][0] > 0:
        cut = (cap.end() if cap else 0) + hits[-1][0]
        return text[:cut].strip(), text[cut:].strip()
    return text, None


def read_signers(b: MetadataBuilder, layout: Layout) -> None:
    """The signer of the last signature block; every block goes to `signers`."""
    if not layout.signatures:
        return
    for k, block in enumerate(layout.signatures):
        last = k == len(layout.signatures) - 1
        signer = _read_block(b, block, record_spans=last)
        b.meta.signers.append(signer)
        if last:
            if signer.title is None and not block.offices:
                _office_in_closing(b, layout, block, signer)
            b.meta.signer = signer
            b.meta.signer_capacity = signer.capacity


def _office_in_closing(b: MetadataBuilder, layout: Layout, block: SignatureBlock, signer: Signer) -> None:
    """A two-column closing flattened into one column puts the signer's office beside or
    inside the Nơi nhận list (`Nơi nhận: TRƯỞNG PHÒNG`, `Q. TỔNG GIÁM ĐỐC` / `Nơi nhận:`,
    `-Như điều 2;` / `PHÓ TỔNG GIÁM ĐỐC`): the last office line of that zone above the name."""
    if not layout.distribution or block.name is None:
        return
    first = layout.distribution[0].index
    for ln in reversed(layout.lines[max(0, first - 1):block.name.index]):
        m = pattern("distribution").match(ln.clean)
        at = m.start("rest") if m else 0
        text = ln.clean[at:].strip()
        at += ln.clean[at:].index(text) if text else 0
        span = _office_span(text) if text and is_upper_line(text) and len(text) <= 90 else None
        if span is None:
            continue
        cap = pattern("capacity").match(text)
        if cap:
            signer.capacity = _split_capacity(text)[0]
        signer.title = office_title_case(text[span[0]:span[1]])
        b.span("signer.title", ln, at + span[0], at + span[1])
        return


def _office_span(text: str) -> tuple[int, int] | None:
    """Where the office is on a capacity or office line: `KT. CHỦ TỊCH PHÓ CHỦ TỊCH` gives
    the run-on office, `Q. TỔNG GIÁM ĐỐC` (acting) the office after the capacity, a bare
    office title the line; None when the line names no office."""
    cap = pattern("capacity").match(text)
    if cap:
        run_on = _split_capacity(text)[1]
        if run_on:
            at = text.rindex(run_on)
            return at, at + len(run_on)
        rest = text[cap.end():]
        return (cap.end(), len(text)) if _names_office(rest) else None
    return (0, len(text)) if _names_office(text) else None


def _names_office(text: str) -> bool:
    key = fold_key(text).upper().strip()
    return any(key == fold_key(t).upper() for t in office_titles())


def _read_block(b: MetadataBuilder, block: SignatureBlock, record_spans: bool) -> Signer:
    """Name on the block's name line; office on the line directly above it, `(Đã ký)` and
    stamp text skipped (capacity and functional lines further up are dropped, the capacity
    kept apart)."""
    name: tuple[Line, int, int] | None = None
    office: tuple[Line, int, int] | None = None
    above = block.offices
    cap_lines = above
    if block.name is not None:
        last = block.name
        joined = split_office_name(last.clean)
        at = name_start(last.clean)
        if is_name(last.clean[at:]):
            name = (last, at, len(last.clean))
        elif joined:  # "CHỦ TỊCH UBND XÃ Mai Thị Chiên": office and name on one line
            name = (last, len(last.clean) - len(joined[1]), len(last.clean))
            office = (last, 0, len(joined[0]))
            if pattern("capacity").match(joined[0]):  # "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Lê Trí Thanh"
                span = _office_span(joined[0])
                office = (last, *span) if span else None
                cap_lines = above + [last]  # the capacity is read from it below
    if office is None and above:
        ln = above[-1]
        if pattern("capacity").match(ln.clean):
            run_on = _split_capacity(ln.clean)[1]  # "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
            if run_on:
                at = ln.clean.rindex(run_on)
                office = (ln, at, at + len(run_on))
            elif len(above) == 1:
                cap = pattern("capacity").match(ln.clean)  # "Q. TỔNG GIÁM ĐỐC" alone: acting as that office
                office = (ln, cap.end(), len(ln.clean))
        else:
            lead = regex.match(r"^[\W_]*", ln.clean).end()  # `= GIÁM ĐÓC`: a scrap of the seal before it
            office = (ln, lead, len(ln.clean))
    signer = Signer()
    for ln in reversed(cap_lines):
        if pattern("capacity").match(ln.clean):
            signer.capacity = _split_capacity(ln.clean)[0]
            break
    if name:
        signer.name = name[0].clean[name[1]:name[2]]
        if record_spans:
            b.span("signer.name", *name)
    if office:
        signer.title = office_title_case(office[0].clean[office[1]:office[2]])
        if record_spans:
            b.span("signer.title", *office)
    return signer


def office_title_case(text: str) -> str:
    """Sentence case of a signer's office; an office title OCR'd without some of its marks
    (`GIÁM ĐÓC`) is read as that title."""
    titles = office_titles()
    if text.upper() in titles:
        return sentence_case(text)
    twins = [t for t in titles if fold_key(t) == fold_key(text)]
    # only when the marks lost leave one title (THỨ / THỦ TRƯỞNG both fold to THU TRUONG)
    return sentence_case(twins[0] if len(twins) == 1 else text)
