"""The extent of a figure: the qualifiers around its number, its unit or counted noun, a rate."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from extractor.normalise.numbers import parse_digits, parse_vn_number
from extractor.recognise.indicator_lexicon import (MAX_WORD_SYLLABLES, NOT_WORD_AFTER, SP, SYLLABLE,
                                                   IndicatorLexicon, lower_first)

_SPELLED_OUT_NOUN = regex.compile(
    rf"{SP}*\(\p{{Lu}}\p{{Ll}}*(?:{SP}\p{{Ll}}+){{0,3}}\){SP}+(?P<w1>\p{{L}}\p{{Ll}}*)(?:{SP}+(?P<w2>\p{{Ll}}+))?{NOT_WORD_AFTER}")
_LABEL_REACH = 40  # how far before a number its line's label may start


@dataclass
class Found:
    start: int
    end: int
    text: str
    value: float
    unit: str
    of: float | None
    qualifier: str | None
    number_start: int
    number_end: int


def qualifier_start(lex: IndicatorLexicon, text: str, lo: int, ns: int) -> int:
    """Start of a qualifier word(s) right before the number ("trên", "tối thiểu"), else `ns`."""
    head = text[lo:ns]
    if not head.endswith((" ", "\t", "\u00a0")):
        return ns
    words, stripped = head.split(), head.rstrip()
    for n in (3, 2, 1):
        phrase = " ".join(words[-n:]).lstrip("(“\"[")  # "(từ 02 năm trở lên)"
        if len(words) < n or phrase not in lex.qualifiers_before or not stripped.endswith(phrase):
            continue
        pos = len(stripped) - len(phrase)
        before = stripped[pos - 1] if pos else (text[lo - 1] if lo else " ")
        if not before.isalnum():  # a whole word, not the tail of one
            return lo + pos
    return ns


def build(lex: IndicatorLexicon, text: str, m, g: dict, start: int, ns: int, ne: int) -> Found | None:
    end = m.end("tail") if g["tail"] else ne
    unit = ""
    if g["unit"]:
        # "đồng/suất", "triệu đồng/người/năm": a rate keeps its "per" part.
        unit = lex.units[g["unit"]] + (f"/{g['per']}" if g["per"] else "")
    elif g["abbr"]:
        unit = lex.abbreviations[g["abbr"]]
    elif g["noun"]:
        unit, end = _counted_noun(lex, text, m.start("noun"), end)
    elif period := lex.period_unit.match(text, ne):
        unit, end = period.group("pu"), period.end()  # a duration ("07 ngày làm việc")
        if tail := lex.duration_unit_tail.match(text, end):
            unit, end = f"{unit}{text[period.end():tail.end()]}", tail.end()
    elif spelled := _spelled_out_count(lex, text, ne):
        unit, end = spelled  # "01 (Một) Quy trình"
    else:
        guess = _guess_noun(lex, text, ne)
        if guess:
            unit, end = guess
    if g["noun"]:
        # "50 nhà tạm, nhà dột nát": a repeated head starts a new phrase, not a list item.
        seen = {unit.lower(), g["noun"].lower()}
        while (c := lex.coordinated_noun.match(text, end)) and c.group("cn").lower() not in seen:
            seen.add(c.group("cn").lower())
            end = _dictionary_word(lex, text, c.start("cn"), c.end())
    while unit and not g["unit"] and (r := lex.rate.match(text, end)):
        end = r.end() if r.group("per") else _dictionary_word(lex, text, r.start("one"), r.end())
        unit = f"{unit}/{r.group('per') or text[r.start('one'):end]}"  # "2 lần/tháng"
    closing = _closing(lex, text, m, g, start, ns, ne, end)
    if closing:
        end = closing[0]
    elif start != ns and text[start:ns].strip().lower() in lex.qualifiers_paired \
            and lex.range_partner.match(text, end):
        start = ns  # "tăng từ 45% lên 52%": "từ" opens a range, not a qualifier
    if g["x"]:
        value, of = parse_digits(g["x"]), parse_digits(g["y"])
    else:
        value, of = parse_vn_number(g["amount"]), None
    qual = text[start:ns].strip() if start != ns else None
    if closing:
        qual = f"{qual} … {closing[1]}" if qual else closing[1]
    elif not unit and start == ns and (label := _count_label(lex, text, ns)):
        start, unit = label  # "a) Tập thể: 15": the noun is the label of the count
    return Found(start, end, text[start:end], value, unit, of, qual, ns, ne)


def _spelled_out_count(lex: IndicatorLexicon, text: str, ne: int) -> tuple[str, int] | None:
    """The noun counted by a number repeated in words (`01 (Một) Quy trình`, formal
    texts): one syllable, or two when they make a dictionary word."""
    m = _SPELLED_OUT_NOUN.match(text, ne)
    if not m:
        return None
    w1, w2 = m.group("w1"), m.group("w2")
    if w2 and f"{w1.lower()} {w2}" in lex.words:
        return f"{w1} {w2}", m.end("w2")
    return w1, m.end("w1")


def _count_label(lex: IndicatorLexicon, text: str, ns: int) -> tuple[int, str] | None:
    """Start and unit of a counted noun that alone labels the number on its line or in
    its cell (`a) Tập thể: 15`, `- Cá nhân : 22`), else None."""
    reach = max(0, ns - _LABEL_REACH)
    edge = max(text.rfind("\n", reach, ns), text.rfind("|", reach, ns))
    if edge >= 0 or reach == 0:
        base = edge + 1
        head = text[base:ns]
    else:  # the slice starts mid-line: a mark keeps "\A" from taking it for a line start
        base = reach - 1
        head = "\x00" + text[reach:ns]
    m = lex.count_label.search(head)  # a short slice: anchors hold at its ends
    return (base + m.start("label"), m.group("label")) if m else None


def _closing(lex: IndicatorLexicon, text: str, m, g: dict, start: int, ns: int, ne: int,
             end: int) -> tuple[int, str] | None:
    """End and words of the closing qualifier ("trở lên"): right after the figure, or —
    when a qualifier opens it — after a short noun phrase ("từ 90% phiếu đồng ý trở lên")."""
    if g["trail"] and end == (m.end("tail") if g["tail"] else ne):
        return m.end("trail"), g["trail"].strip()  # nothing sits between
    found = lex.closing.match(text, end)
    if found is None and start != ns:
        found = lex.closing_later.match(text, end)
        # the words between are a noun phrase, not a second bound ("02 giờ xếp từ loại khá")
        if found and lex.qualifiers_before.intersection(text[end:found.start("q")].split()):
            found = None
    return (found.end(), found.group("q")) if found else None


def _counted_noun(lex: IndicatorLexicon, text: str, start: int, end: int) -> tuple[str, int]:
    """Unit and end of a lexicon noun at text[start:end]: grown into the longest
    dictionary word it starts ("nhà" → "nhà tiêu"), its head when it is a fixed term
    ("phong trào thi đua yêu nước" → "phong trào"), with the noun a classifier counts
    ("1.200 lượt cán bộ") and a modifier tail of its kind ("6 đơn vị thành viên")."""
    end = _dictionary_word(lex, text, start, end)
    noun = text[start:end]
    lower = lower_first(noun)
    head = lex.heads.get(lower)
    unit = noun[:len(head)] if head else noun  # the head as written ("Phong trào")
    if lower in lex.classifiers:
        after = _noun_after(lex, text, end)
        if after:
            how = lex.classifier_units.get(lower)
            unit = after[0] if how == "noun" else noun if how == "classifier" else f"{noun} {after[0]}"
            end = after[1]
    tail = lex.tails.get(lower_first(unit))
    if tail and (t := tail.match(text, end, end + 80)):  # bounded: a literal tail is searched to the end
        end = t.end()
    return unit, end


def _dictionary_word(lex: IndicatorLexicon, text: str, start: int, end: int) -> int:
    """End of the longest dictionary word that text[start:end] begins, adding
    lower-case syllables ("21 nhà tắm"); `end` when there is none."""
    words = lex.words
    if not words:
        return end
    phrase, pos, best = text[start:end].lower(), end, end
    for _ in range(MAX_WORD_SYLLABLES - 1 - phrase.count(" ")):
        s = SYLLABLE.match(text, pos)
        if not s:
            break
        phrase, pos = f"{phrase} {s.group(1)}", s.end()
        if phrase in words and phrase not in lex.noun_stops:  # not the verb "tổ chức"
            best = pos
    return best


def _noun_after(lex: IndicatorLexicon, text: str, pos: int) -> tuple[str, int] | None:
    """The noun a classifier counts: a lexicon noun, else a guessed one."""
    c = lex.noun_after.match(text, pos)
    if c:
        return c.group("cn"), c.end()
    return _guess_noun(lex, text, pos)


def _guess_noun(lex: IndicatorLexicon, text: str, ne: int) -> tuple[str, int] | None:
    """A counted noun not in the lexicon: its first lower-case syllable after the
    number, and the second when the two make one word. A word list decides that
    ("524 trang trại"); failing it, the second syllable stays unless it starts the
    next word ("3.500 thẻ bảo hiểm": "bảo hiểm" is a word) or is a function word or
    modifier ("sản phẩm mới", "giải cấp tỉnh")."""
    g = lex.guess_noun.match(text, ne)
    if not g or g.group("w1") in lex.noun_stops:
        return None
    w1, w2 = g.group("w1"), g.group("w2")
    one = (w1, g.end("w1"))
    if not w2 or w2 in lex.noun_stops:
        return one
    two = (f"{w1} {w2}", g.end("w2"))
    if not lex.words or f"{w1} {w2}" in lex.words:
        return two
    nxt = lex.guess_noun.match(text, g.end("w2"))
    if nxt and f"{w2} {nxt.group('w1')}" in lex.words:
        return one
    return two
