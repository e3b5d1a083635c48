"""Does every stage grow linearly with its input? Times ingest, normalisation and each
pipeline stage on generated inputs (`evaluation.hostile.SCALING`) at n and 4n, and prints
the ratio: about 4 is linear, about 4.5 is n·log n, 16 is quadratic.

    python -m evaluation.bench_scaling [--only NAME] [--repeat 3]

A benchmark, not a test: the figures go in the README. Each input is timed in this one
process after a warm-up extraction (lexicons built), best of `--repeat` runs."""
from __future__ import annotations

import argparse
import hashlib
import platform
import sys
import time
from datetime import date

from evaluation.hostile import SCALING
from extractor.limits import Limits, using

MIN_SECONDS = 0.005  # below this a ratio is noise


def stage_times(data: bytes, name: str) -> dict[str, float]:
    """Seconds per stage for one extraction."""
    from extractor.ingest import read_raw
    from extractor.normalise.document import build_document
    from extractor.pipeline import default_pipeline, new_record

    times: dict[str, float] = {}
    start = time.perf_counter()
    raw = read_raw(data, name)
    times["đọc tệp"] = time.perf_counter() - start
    start = time.perf_counter()
    doc = build_document(raw, source=name, sha256=hashlib.sha256(data).hexdigest())
    times["chuẩn hóa"] = time.perf_counter() - start
    record = new_record(doc)
    for component in default_pipeline().components:
        start = time.perf_counter()
        component.fn(doc, record)
        times[component.name] = time.perf_counter() - start
    return times


def best_of(data: bytes, name: str, repeat: int) -> dict[str, float]:
    runs = [stage_times(data, name) for _ in range(repeat)]
    return {stage: min(run[stage] for run in runs) for stage in runs[0]}


def ratio(small: float, large: float) -> str:
    return f"{large / small:.1f}" if max(small, large) >= MIN_SECONDS and small > 0 else "—"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="chỉ đo đầu vào này (tên trong bảng)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from extractor.warm import warm_up

    warm_up()
    print(f"# bench_scaling {date.today()} · {platform.machine()} · Python {platform.python_version()}")
    print("| đầu vào | n | giai đoạn | giây ở n | giây ở 4n | tỉ lệ |")
    print("|---|---|---|---|---|---|")
    worst = 0.0
    summary: list[str] = []
    # No budget may stop a generated input: this measures the stages, not the limits.
    with using(Limits(max_chars=10**9, max_pages=10**6, max_page_chars=10**9)):
        for label, (name, make, n) in SCALING.items():
            if args.only and label not in args.only:
                continue
            small = best_of(make(n), name, args.repeat)
            large = best_of(make(4 * n), name, args.repeat)
            for stage in small:
                r = ratio(small[stage], large[stage])
                if r != "—":
                    worst = max(worst, float(r))
                print(f"| {label} | {n:,} | {stage} | {small[stage]:.3f} | {large[stage]:.3f} | {r} |", flush=True)
            total_small, total_large = sum(small.values()), sum(large.values())
            print(f"| {label} | {n:,} | **tổng** | {total_small:.3f} | {total_large:.3f} | "
                  f"{ratio(total_small, total_large)} |", flush=True)
            timed = [st for st in small if ratio(small[st], large[st]) != "—" and large[st] >= 0.05]
            slow = max(timed, key=lambda st: large[st] / small[st], default=None)
            summary.append(f"| {label} | {n:,} | {total_small:.2f} | {total_large:.2f} | "
                           f"{ratio(total_small, total_large)} | "
                           + (f"{slow} {ratio(small[slow], large[slow])} |" if slow else "— |"))
    print(f"\nTỉ lệ lớn nhất (4n/n) của một giai đoạn: {worst:.1f} (tuyến tính: 4; bậc hai: 16)\n")
    print("| đầu vào | n | giây ở n | giây ở 4n | tỉ lệ | giai đoạn tăng nhanh nhất (≥ 50 ms ở 4n) |")
    print("|---|---|---|---|---|---|")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
