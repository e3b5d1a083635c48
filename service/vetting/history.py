"""History conditions: does a recipient's record of awards meet a rule's required history?

Years confirmed by an archived decision count; years only the dossier declares (báo cáo
thành tích) can at most make a condition "cần kiểm tra", never met.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from service.vetting.models import Finding, Outcome
from service.vetting.ruleset import ExternalCondition, HistoryCondition, Option, Rule, Rules

YearsByClass = dict[str, set[int]]


@dataclass
class Result:
    outcome: Outcome
    found: str = ""  # what holds, for a met message
    gap: str = ""  # what is missing or only declared
    reminders: list[str] = field(default_factory=list)  # external conditions to check


def _span(cond: HistoryCondition, year: int) -> tuple[int, int]:
    hi = year - cond.years_before
    lo = hi - cond.window + 1 if cond.window else 0
    return lo, hi


def _longest_run(years: list[int]) -> int:
    best = run = 0
    prev = None
    for y in years:
        run = run + 1 if prev is not None and y == prev + 1 else 1
        best = max(best, run)
        prev = y
    return best


def _holds(cond: HistoryCondition, years: list[int]) -> bool:
    return (_longest_run(years) if cond.consecutive else len(years)) >= cond.times


def _years(ys: list[int]) -> str:
    return ", ".join(str(y) for y in ys)


def window_text(cond: HistoryCondition, year: int) -> str:
    lo, hi = _span(cond, year)
    if cond.window:
        return f"{lo}–{hi}" if lo != hi else str(hi)
    return f"đến năm {hi}"


def check_condition(cond: HistoryCondition, year: int, confirmed: YearsByClass, declared: YearsByClass,
                    rules: Rules) -> Result:
    lo, hi = _span(cond, year)
    inside = lambda ys: sorted(y for y in ys if lo <= y <= hi)  # noqa: E731
    have = inside(confirmed.get(cond.history, set()))
    claimed = inside(declared.get(cond.history, set()) - set(have))
    label = rules.label(cond.history)
    if _holds(cond, have):
        return Result(Outcome.met, found=f"{label} các năm {_years(have)}" if have else label)
    if _holds(cond, sorted(set(have) | set(claimed))):
        return Result(Outcome.unknown, gap=f"{label} năm {_years(claimed)} chỉ có trong báo cáo thành tích tự khai, "
                                           f"chưa có quyết định trong kho")
    if cond.consecutive and cond.window == cond.times:
        missing = [y for y in range(lo, hi + 1) if y not in have]
        gap = f"thiếu {label} năm {_years(missing)}"
    else:
        gap = f"mới có {len(have)}/{cond.times} lần {label} ({window_text(cond, year)})"
        if have:
            gap += f": năm {_years(have)}"
    if claimed:
        gap += f"; năm {_years(claimed)} chỉ có trong hồ sơ tự khai"
    return Result(Outcome.not_met, gap=gap)


def _combine(results: list[Outcome], any_of: bool) -> Outcome:
    order = [Outcome.met, Outcome.unknown, Outcome.not_met] if any_of else [Outcome.not_met, Outcome.unknown, Outcome.met]
    return next(o for o in order if o in results)


def check_option(option: Option, year: int, confirmed: YearsByClass, declared: YearsByClass, rules: Rules) -> Result:
    external = [c.external for c in option.all if isinstance(c, ExternalCondition)]
    results = [check_condition(c, year, confirmed, declared, rules)
               for c in option.all if isinstance(c, HistoryCondition)]
    if not results:
        return Result(Outcome.unknown, gap=f"kho không lưu {'; '.join(external)}")
    outcome = _combine([r.outcome for r in results], any_of=False)
    return Result(outcome, found="; ".join(r.found for r in results if r.found),
                  gap="; ".join(r.gap for r in results if r.gap), reminders=external)


def requirement(option: Option, rule: Rule, year: int) -> str:
    windows = [window_text(c, year) for c in option.all if isinstance(c, HistoryCondition) and c.window]
    return f"{option.label} ({', '.join(windows)})" if windows else option.label


def check_rule(rule: Rule, year: int, confirmed: YearsByClass, declared: YearsByClass, rules: Rules) -> list[Finding]:
    """The rule's finding (and its reminders): met when one of its options is met."""
    results = [(o, check_option(o, year, confirmed, declared, rules)) for o in rule.options]
    outcome = _combine([r.outcome for _o, r in results], any_of=True)
    chosen = [(o, r) for o, r in results if r.outcome == outcome]
    req = " hoặc ".join(requirement(o, rule, year) for o, _r in (chosen if outcome == Outcome.met else results))
    if outcome == Outcome.met:
        option, result = chosen[0]
        req = requirement(option, rule, year)
        text = rules.message("history", "met", requirement=req, found=result.found)
    else:
        gaps = " hoặc ".join(r.gap for _o, r in results if r.gap)
        text = rules.message("history", outcome.value, requirement=req, gap=gaps)
    if rule.uncertain:
        found = chosen[0][1].found if outcome == Outcome.met else " hoặc ".join(r.gap for _o, r in results if r.gap)
        text = rules.message("history", "uncertain", requirement=req, found_or_gap=found)
        outcome = Outcome.unknown
    out = [Finding(rule=rule.id, outcome=outcome, message=text, citation=rule.citation)]
    if outcome == Outcome.met:
        out += [Finding(rule=f"{rule.id}.ngoai_kho", outcome=Outcome.check, citation=rule.citation,
                        message=rules.message("history", "external", condition=c)) for c in chosen[0][1].reminders]
    return out
