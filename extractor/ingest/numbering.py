"""Word automatic numbering, rebuilt from numbering.xml.

Word never stores the number a reader sees ("II.", "1.1.", "a)") in the paragraph text:
it is computed from the paragraph's (or its style's) numPr, the abstract definition
(lvlText templates such as "%1.%2.", numFmt, start, isLgl) and counters that run through
the document. This module keeps those counters and renders the label."""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from extractor.ingest.containers import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wval(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    return el.get(w("val"), default)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False  # isLgl: every level shown as decimal
    suffix: str = " "  # tab and space both read as one space
    restart_after: int | None = None  # lvlRestart: restart when this level (0-based) advances


@dataclass
class NumDefinition:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _parse_level(el: etree._Element) -> Level:
    lvl = Level()
    lvl.start = int(wval(el.find(w("start")), "1") or 1)
    lvl.fmt = wval(el.find(w("numFmt")), "decimal") or "decimal"
    lvl.text = wval(el.find(w("lvlText")), "") or ""
    legal = el.find(w("isLgl"))
    lvl.legal = legal is not None and wval(legal, "1") not in ("0", "false")
    suff = wval(el.find(w("suff")), "tab")
    lvl.suffix = "" if suff == "nothing" else " "
    restart = el.find(w("lvlRestart"))
    if restart is not None:
        lvl.restart_after = int(wval(restart, "0") or 0) - 1
    return lvl


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letter(n: int) -> str:
    # Word repeats the letter after z: aa, bb …
    return "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt in ("decimalZero",):
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal and the many locale formats we read as decimal


class Numbering:
    """Definitions from numbering.xml plus the running counters of one document."""

    def __init__(self, xml: bytes | None) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, NumDefinition] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.overridden: set[tuple[str, int]] = set()  # (numId, level) whose startOverride applied
        self.last_num_for_abstract: dict[str, str] = {}
        if xml:
            self._parse(parse_xml(xml))

    def _parse(self, root: etree._Element) -> None:
        for an in root.iter(w("abstractNum")):
            levels = {int(l.get(w("ilvl"), "0")): _parse_level(l) for l in an.findall(w("lvl"))}
            self.abstract[an.get(w("abstractNumId"))] = levels
        for num in root.iter(w("num")):
            definition = NumDefinition(abstract_id=wval(num.find(w("abstractNumId")), "") or "")
            for ov in num.findall(w("lvlOverride")):
                ilvl = int(ov.get(w("ilvl"), "0"))
                start = ov.find(w("startOverride"))
                if start is not None:
                    definition.start_overrides[ilvl] = int(wval(start, "1") or 1)
                lvl = ov.find(w("lvl"))
                if lvl is not None:
                    definition.level_overrides[ilvl] = _parse_level(lvl)
            self.nums[num.get(w("numId"))] = definition

    def levels(self, num_id: str) -> dict[int, Level]:
        definition = self.nums.get(num_id)
        if definition is None:
            return {}
        levels = dict(self.abstract.get(definition.abstract_id, {}))
        levels.update(definition.level_overrides)
        return levels

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of (num_id, ilvl) and return the label a reader sees
        ("1.1.", "a)"), or None when the paragraph is not really numbered."""
        definition = self.nums.get(num_id)
        levels = self.levels(num_id)
        if definition is None or ilvl not in levels:
            return None
        # Lists that share an abstract definition share counters (Word continues them),
        # unless this num restarts a level with startOverride.
        key = definition.abstract_id
        counters = self.counters.setdefault(key, {})
        if ilvl in definition.start_overrides and (num_id, ilvl) not in self.overridden:
            self.overridden.add((num_id, ilvl))
            counters[ilvl] = definition.start_overrides[ilvl] - 1
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper, lvl in levels.items():
            if deeper > ilvl and (lvl.restart_after is None or lvl.restart_after >= ilvl):
                counters.pop(deeper, None)
        return self._render(level, levels, counters, ilvl)

    def _render(self, level: Level, levels: dict[int, Level], counters: dict[int, int], ilvl: int) -> str:
        if level.fmt == "bullet":
            return "-" + level.suffix if level.text else ""
        out = level.text
        for n in range(9, 0, -1):  # %10 does not exist; go high→low so %1 does not eat %1x
            token = f"%{n}"
            if token not in out:
                continue
            other = levels.get(n - 1, Level())
            value = counters.get(n - 1, other.start)
            if n - 1 == ilvl:
                fmt = level.fmt
            else:
                fmt = "decimal" if level.legal else other.fmt
            out = out.replace(token, format_number(value, fmt))
        out = out.strip()
        return out + level.suffix if out else ""
