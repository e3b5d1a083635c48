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
                _office_beside_distribution(b, layout, signer)
            b.meta.signer = signer
            b.meta.signer_capacity = signer.capacity


def _office_beside_distribution(b: MetadataBuilder, layout: Layout, signer: Signer) -> None:
    """`Nơi nhận: TRƯỞNG PHÒNG`: a two-column closing flattened into one line puts the
    signer's office after the Nơi nhận label; the name is then the block's only line."""
    if not layout.distribution:
        return
    ln = layout.distribution[0]
    m = pattern("distribution").match(ln.clean)
    rest = m.group("rest").strip() if m else ""
    if not rest or not is_upper_line(rest) or len(rest) > 90:
        return
    at = m.start("rest") + m.group("rest").index(rest)
    cap = pattern("capacity").match(rest)
    if cap:
        signer.capacity = _split_capacity(rest)[0]
        run_on = _split_capacity(rest)[1]
        if not run_on:
            return
        at += rest.rindex(run_on)
        rest = run_on
    signer.title = office_title_case(rest)
    b.span("signer.title", ln, at, at + len(rest))


def _read_block(b: MetadataBuilder, block: SignatureBlock, record_spans: bool) -> Signer:
    """Name on the block's name line; office on the line directly above it, `(Đã ký)` and
    stamp text skipped (capacity and functional lines further up are dropped, the capacity
    kept apart)."""
    name: tuple[Line, int, int] | None = None
    office: tuple[Line, int, int] | None = None
    above = block.offices
    if block.name is not None:
        last = block.name
        joined = split_office_name(last.clean)
        at = name_start(last.clean)
        if is_name(last.clean[at:]):
            name = (last, at, len(last.clean))
        elif joined:  # "CHỦ TỊCH UBND XÃ Mai Thị Chiên": office and name on one line
            name = (last, len(last.clean) - len(joined[1]), len(last.clean))
            office = (last, 0, len(joined[0]))
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
    for ln in reversed(above):
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
