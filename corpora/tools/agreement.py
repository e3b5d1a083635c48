"""Inter-annotator agreement between two gold files of one document (ANNOTATION.md v1.2).

    .venv/bin/python corpora/tools/agreement.py FIRST.json SECOND.json [--after]

Prints the agreement tables of corpora/agreement/<stem>.md in Markdown: per list
first / second / matched / first-only / second-only / F1, the four v1.2 award fields over
the matched awards, metadata field by field, and every disagreement. Lists are matched as
multisets with the scorer's own matchers (evaluation.match: strings folded by name_key,
units by head); campaigns as folded sets. `--after` labels the columns gold / second.
Pure comparison of two JSON files: it never runs the extractor.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from evaluation.match import (align, award_strict, canon, indicator_strict, person_strict,  # noqa: E402
                              same_number, same_unit, section_strict)
from evaluation.scorer import AWARD_FIELDS, METADATA_FIELDS  # noqa: E402


def indicator_lenient_head(p: dict, g: dict) -> bool:
    """value + of + unit head (a unit that starts with the other's head)."""
    return (same_number(p.get("value"), g.get("value")) and same_number(p.get("of"), g.get("of"))
            and same_unit(p.get("unit"), g.get("unit")))


def _v12_equal(a: Any, b: Any) -> bool:
    if a is None or b is None or isinstance(a, int) or isinstance(b, int):
        return a == b
    return canon(str(a)) == canon(str(b))


def award_full(p: dict, g: dict) -> bool:
    return award_strict(p, g) and all(_v12_equal(p.get(k), g.get(k)) for k in AWARD_FIELDS)


def campaign_folded(p: str, g: str) -> bool:
    return canon(p) == canon(g)


SHOW = {
    "sections": ("number", "title", "level"),
    "indicators": ("text", "value", "unit", "of"),
    "awards": ("award", "grade", "authority", "recipient", "count", "status"),
    "awards_v12": ("award", "grade", "authority", "recipient", "count", "status",
                   "recipient_type", "year", "decision", "role"),
    "people": ("name", "honorific", "role", "place"),
}

ROWS = [  # (label, list key, matcher, how items are shown)
    ("sections (strict: number+title+level)", "sections", section_strict, "sections"),
    ("indicators (strict: text+value+unit+of)", "indicators", indicator_strict, "indicators"),
    ("indicators (lenient: value+of+unit head)", "indicators", indicator_lenient_head, "indicators"),
    ("campaigns (folded set)", "campaigns", campaign_folded, None),
    ("awards (all six fields)", "awards", award_strict, "awards"),
    ("awards (six fields + four v1.2 fields)", "awards", award_full, "awards_v12"),
    ("people (all four fields)", "people", person_strict, "people"),
]


def show(item: Any, how: str | None) -> str:
    if how is None:
        return f"`{item}`"
    return "`" + json.dumps([item.get(k) for k in SHOW[how]], ensure_ascii=False) + "`"


def folded_set(items: list[str]) -> list[str]:
    seen, out = set(), []
    for it in items:
        if canon(it) not in seen:
            seen.add(canon(it))
            out.append(it)
    return out


def pair_awards(first: list[dict], second: list[dict]) -> list[tuple[int, int]]:
    """Six-field pairs, taking pairs that also agree on the v1.2 fields first."""
    full, _, _ = align(second, first, award_full)
    used_f = {fi for _, fi in full}
    used_s = {si for si, _ in full}
    rest_f = [i for i in range(len(first)) if i not in used_f]
    rest_s = [i for i in range(len(second)) if i not in used_s]
    more, _, _ = align([second[i] for i in rest_s], [first[i] for i in rest_f], award_strict)
    return [(fi, si) for si, fi in full] + [(rest_f[fi], rest_s[si]) for si, fi in more]


def metadata_value(meta: dict, path: str) -> Any:
    value: Any = meta or {}
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def meta_same(a: Any, b: Any) -> bool:
    empty = lambda v: v is None or (isinstance(v, str) and not v.strip())  # noqa: E731
    if empty(a) or empty(b):
        return empty(a) and empty(b)
    return canon(str(a)) == canon(str(b))


def report(first: dict, second: dict, after: bool = False) -> str:
    a, b = ("gold", "second") if after else ("first", "second")
    out: list[str] = []
    if after:
        out += [f"| list | {a} | {b} | matched | F1 |", "|---|---|---|---|---|"]
    else:
        out += [f"| list | {a} | {b} | matched | {a}-only | {b}-only | F1 |",
                "|---|---|---|---|---|---|---|"]
    disagreements: list[str] = []
    for label, key, matcher, how in ROWS:
        f_items, s_items = first.get(key) or [], second.get(key) or []
        if key == "campaigns":
            f_items, s_items = folded_set(f_items), folded_set(s_items)
        pairs, missed, extra = align(s_items, f_items, matcher)  # (second idx, first idx)
        m, nf, ns = len(pairs), len(f_items), len(s_items)
        f1 = "n/a (both empty)" if nf + ns == 0 else f"{2 * m / (nf + ns):.3f}"
        if after:
            out.append(f"| {label} | {nf} | {ns} | {m} | {f1} |")
        else:
            out.append(f"| {label} | {nf} | {ns} | {m} | {nf - m} | {ns - m} | {f1} |")
        if how == "awards_v12":
            continue  # the v1.2 differences are listed field by field below
        for i in missed:
            disagreements.append(f"- {label}: {a} only: {show(f_items[i], how)}")
        for i in extra:
            disagreements.append(f"- {label}: {b} only: {show(s_items[i], how)}")
    # v1.2 award fields over the six-field pairs
    fa, sa = first.get("awards") or [], second.get("awards") or []
    pairs = pair_awards(fa, sa)
    out += ["", f"v1.2 award fields over the {len(pairs)} awards matched on the six fields "
            "(a field null in both is not counted):", "",
            "| field | agree | counted | accuracy |", "|---|---|---|---|"]
    for name in AWARD_FIELDS:
        right = counted = 0
        for fi, si in pairs:
            x, y = fa[fi].get(name), sa[si].get(name)
            if x is None and y is None:
                continue
            counted += 1
            if _v12_equal(x, y):
                right += 1
            else:
                disagreements.append(
                    f"- award {name}: {show(fa[fi], 'awards')}: {a} `{json.dumps(x, ensure_ascii=False)}`"
                    f" / {b} `{json.dumps(y, ensure_ascii=False)}`")
        acc = f"{right / counted:.3f}" if counted else "n/a"
        out.append(f"| {name} | {right} | {counted} | {acc} |")
    # metadata
    fm, sm = first.get("metadata") or {}, second.get("metadata") or {}
    agree = [f for f in METADATA_FIELDS if meta_same(metadata_value(fm, f), metadata_value(sm, f))]
    out += ["", f"Metadata: {len(agree)}/{len(METADATA_FIELDS)} fields agree "
            f"({', '.join(agree) if agree else 'none'})."]
    for f in METADATA_FIELDS:
        if f not in agree:
            disagreements.append(
                f"- metadata {f}: {a} `{json.dumps(metadata_value(fm, f), ensure_ascii=False)}`"
                f" / {b} `{json.dumps(metadata_value(sm, f), ensure_ascii=False)}`")
    out += ["", "### Disagreements" + (" (after adjudication)" if after else " (before adjudication)"), ""]
    out += disagreements or ["None."]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("first", type=Path)
    ap.add_argument("second", type=Path)
    ap.add_argument("--after", action="store_true", help="columns gold / second (after adjudication)")
    args = ap.parse_args(argv)
    first = json.loads(args.first.read_text(encoding="utf-8"))
    second = json.loads(args.second.read_text(encoding="utf-8"))
    sys.stdout.write(report(first, second, args.after))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
