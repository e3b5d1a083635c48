"""How long one `tdkt extract FILE -o DIR` takes from the shell, start-up included, the way
hyperfine measures a command: warm-up runs first (disk cache, the word-list cache), then
`--runs` timed runs; mean ± standard deviation, median, min and max.

    python -m evaluation.bench_startup [--runs 20] [FILE ...]

The command runs as `python -m service.cli` from this checkout (what the `tdkt` script
runs); a bare `python -c pass` is timed alongside, for the interpreter's own share."""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILES = [ROOT / "corpora" / "renderings" / "001_aa33862f6316ef22.docx",
                 ROOT / "corpora" / "docs" / "001_aa33862f6316ef22.txt",
                 ROOT / "corpora" / "renderings" / "002_2f85404dcafad22e.html",
                 ROOT / "corpora" / "renderings" / "001_aa33862f6316ef22.pdf"]
TARGET_S = 0.5


def timed(cmd: list[str], runs: int, warmup: int = 2) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(warmup):
        subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=True)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=True)
        out.append(time.perf_counter() - start)
    return out


def row(label: str, times: list[float]) -> str:
    mean, sd = statistics.mean(times), statistics.stdev(times) if len(times) > 1 else 0.0
    return (f"| {label} | {mean:.3f} ± {sd:.3f} | {statistics.median(times):.3f} | {min(times):.3f} | "
            f"{max(times):.3f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    print(f"# bench_startup {date.today()} · {platform.machine()} · {os.cpu_count()} lõi · "
          f"Python {platform.python_version()} · {args.runs} lần đo mỗi dòng")
    print("| lệnh | trung bình ± độ lệch (s) | trung vị | nhỏ nhất | lớn nhất |")
    print("|---|---|---|---|---|")
    print(row("python -c pass", timed([sys.executable, "-c", "pass"], args.runs)), flush=True)
    worst = 0.0
    with tempfile.TemporaryDirectory() as out:
        for path in args.files:
            times = timed([sys.executable, "-m", "service.cli", "extract", str(path), "-o", out], args.runs)
            print(row(f"tdkt extract {path.name} -o DIR", times), flush=True)
            if path.suffix in (".docx", ".txt", ".html"):
                worst = max(worst, statistics.mean(times))
    print(f"\nChậm nhất (trung bình, .docx/.txt/.html): {worst:.3f} s — mục tiêu dưới {TARGET_S} s: "
          f"{'đạt' if worst < TARGET_S else 'CHƯA ĐẠT'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
