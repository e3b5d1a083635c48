"""The end of an administrative document: `Nơi nhận` and the signature block(s).

A signature is read bottom-up from the signer's name: the office line above it, then the
capacity (`KT. CHỦ TỊCH`, `TM. …`). Lines that stand between them on a real page are
skipped: `(Đã ký)`, `(Ký, ghi rõ họ tên)`, a seal, the text of a digital-signature stamp
(resources/segment_layout.yaml, `signature_noise`). Two signature blocks side by side, read
column by column, give two signers; the last one is the document's signer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.resources import ResourceError
from extractor.segment.cues import is_name, is_upper_line, layout_lexicon, pattern
from extractor.segment.lines import Line

_MAX_CAPS = 6  # capacity, office and functional lines above a name
_STAMP = regex.compile(r"^ký\s+bởi\s*:", regex.I)


@lru_cache(maxsize=1)
def _noise() -> regex.Pattern:
    items = layout_lexicon().get("signature_noise")
    if not isinstance(items, list):
        raise ResourceError("segment_layout.yaml: key 'signature_noise' must be a list")
    return regex.compile("|".join(f"(?:{p})" for p in items), regex.I)


def is_noise(text: str) -> bool:
    """A line of the signature zone that is neither office nor name (`(Đã ký)`, a stamp)."""
    return bool(_noise().match(text))


def is_signature_caps(text: str) -> bool:
    return bool(pattern("capacity").match(text)) or (is_upper_line(text) and len(text) <= 90
                                                      and not regex.match(r"^[IVXLC]+\s*\.", text))


def split_office_name(text: str) -> tuple[str, str] | None:
    """"CHỦ TỊCH UBND XÃ Mai Thị Chiên" (a joined office and name) → (office, name)."""
    m = regex.match(r"^(?P<office>(?:[^\s\p{Ll}]+\s+)+)(?P<name>(?:\p{Lu}\p{Ll}+\.?\s*){2,5})$", text)
    if not m or not is_upper_line(m.group("office")) or not is_name(m.group("name").strip()):
        return None
    return m.group("office").strip(), m.group("name").strip()


def _stray(text: str) -> bool:
    """A stray of the signature image or seal: two or three capitalised words that are no
    Vietnamese name (`Trần Mạg`, `Cat`), or a short OCR scrap that is mostly not letters
    or mixes letters and digits in a word (`_ | “ử ⁄ to đẻ: “/`, `c2 AC`), or holds one letter."""
    words = text.split()
    if len(text) <= 24 and words and _scrap(text, words):
        return True
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not is_name(text) \
        and not is_upper_line(text) and len(text) <= 24


def _scrap(text: str, words: list[str]) -> bool:
    visible = [ch for ch in text if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    mixed = any(regex.search(r"\p{L}", w) and regex.search(r"\d", w) for w in words)
    return letters < 2 or letters < 0.6 * len(visible) or mixed  # `Ẵ` alone is no office


_JUNK_PREFIX = regex.compile(r"^[\W_\d]+(?=\p{Lu})")


def name_start(text: str) -> int:
    """Where the name starts on a name line: after OCR scraps of a signature (`___.. Trần Chí Tiến`)."""
    m = _JUNK_PREFIX.match(text)
    return m.end() if m and is_name(text[m.end():]) else 0


def _is_name_line(text: str) -> bool:
    return is_name(text) or name_start(text) > 0 or split_office_name(text) is not None


@dataclass
class SignatureBlock:
    lines: list[Line] = field(default_factory=list)  # every line of the block, noise included
    name: Line | None = None
    offices: list[Line] = field(default_factory=list)  # capacity and office lines, top to bottom


def signature_blocks(lines: list[Line], floor: int, end: int, skip: set[int]) -> list[SignatureBlock]:
    """Signature blocks ending at `end` (exclusive), read bottom-up; a second block directly
    above the first (two signers printed side by side, read column by column) is kept too."""
    tail = [ln for ln in lines[floor:end] if ln.index not in skip]
    noise = _noise_flags(tail)
    k = len(tail) - 1
    while k >= 0 and (noise[k] or _stray(tail[k].clean)):
        k -= 1  # stamp text or `(Đã ký)` printed under the name, a stray of the signature image
    blocks: list[SignatureBlock] = []
    while k >= 0 and len(blocks) < 2:
        block, k = _block_at(tail, k, noise)
        if block is None:
            break
        blocks.append(block)
        if not any(_is_name_line(ln.clean) for ln in tail[max(0, k - _MAX_CAPS):k + 1]):
            break
    return list(reversed(blocks))


def _noise_flags(tail: list[Line]) -> list[bool]:
    """Which lines of the end are stamp or signature noise; a capitalised line after a
    broken `Ký bởi: TẬP ĐOÀN …` line (noise between them aside) is the stamp's next line."""
    flags = [is_noise(ln.clean) for ln in tail]
    stamp_open = False
    for i, ln in enumerate(tail):
        if _STAMP.match(ln.clean):
            stamp_open = True
        elif stamp_open and not flags[i] and is_upper_line(ln.clean) and len(ln.clean) <= 60:
            flags[i] = True
            stamp_open = False
        elif not flags[i]:
            stamp_open = False
    return flags


def _block_at(tail: list[Line], k: int, noise: list[bool]) -> tuple[SignatureBlock | None, int]:
    found: list[Line] = []
    filler: set[int] = set()
    name = None
    if _is_name_line(tail[k].clean):
        name = tail[k]
        found.append(tail[k])
        k -= 1
    caps = 0
    capacity = False
    while k >= 0 and caps < _MAX_CAPS and not tail[k].note_start:
        text = tail[k].clean
        if (noise[k] or _stray(text)) and not capacity:
            found.append(tail[k])
            filler.add(tail[k].index)
            k -= 1
            continue
        is_capacity = bool(pattern("capacity").match(text))
        if capacity and not is_capacity:
            break  # above a capacity only further capacities (`TM. …` over `KT. …`) belong
        if not is_signature_caps(text):
            break
        found.append(tail[k])
        caps += 1
        k -= 1
        capacity = capacity or is_capacity
    if name is None and not capacity:
        return None, k  # unsigned blocks still print their capacity
    ordered = sorted(found, key=lambda ln: ln.index)
    offices = [ln for ln in ordered if ln is not name and ln.index not in filler]
    return SignatureBlock(ordered, name, offices), k


def distribution(lines: list[Line], floor: int, end: int, notes: set[int]) -> list[Line]:
    """`Nơi nhận:` and its `- …` items, the last such list before `end`."""
    start = None
    for ln in reversed(lines[floor:end]):
        if pattern("distribution").match(ln.clean) and ln.index not in notes:
            start = ln.index
            break
    if start is None:
        return []
    out = [lines[start]]
    for ln in lines[start + 1:end]:
        if ln.clean.startswith(("-", "+", "•")) and ln.index not in notes:
            out.append(ln)
        else:
            break
    return out
