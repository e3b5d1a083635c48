"""`tdkt bench`: extraction speed and memory over the corpus documents and their renderings.

Each format runs in its own child process pinned to one core, so peak memory (RSS) is
per format and nothing competes for the core. Time is split into ingest (bytes →
normalised Document) and everything after it (segmentation and recognisers).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "corpora" / "docs", ROOT / "corpora" / "renderings")
CHARS_PER_PAGE = 2500
SEGMENT_STAGES = {"header", "sections"}  # an A4 page of report text in 13pt Times ≈ 2,500 characters
_PAGES_XML = regex.compile(rb"<Pages>(\d+)</Pages>")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeat", type=int, default=3, help="số lần chạy mỗi tài liệu (mặc định: 3)")
    parser.add_argument("--format", action="append", help="chỉ đo định dạng này (có thể lặp)")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument("--worker", help=argparse.SUPPRESS)


def corpus_files() -> dict[str, list[Path]]:
    by_format: dict[str, list[Path]] = {}
    for folder in SOURCES:
        for path in sorted(folder.glob("*")):
            if path.is_file() and path.suffix:
                by_format.setdefault(path.suffix.lower().lstrip("."), []).append(path)
    return by_format


def page_count(path: Path, data: bytes, doc) -> float:
    """Pages as printed: the PDF's own count, Word's app.xml count, else characters / 2,500."""
    if doc.pages:
        return float(doc.pages)
    if path.suffix.lower() == ".docx":
        try:
            with zipfile.ZipFile(path) as z:
                m = _PAGES_XML.search(z.read("docProps/app.xml"))
                if m and int(m.group(1)) > 0:
                    return float(m.group(1))
        except (KeyError, zipfile.BadZipFile):
            pass
    return max(1.0, len(doc.text) / CHARS_PER_PAGE)


def _measure(paths: list[str], repeat: int) -> dict:
    import resource

    from extractor.pipeline import default_pipeline, new_record, read

    pipeline = default_pipeline()
    rows = []
    for p in map(Path, paths):
        data = p.read_bytes()
        pipeline(read(data, p.name))  # warm-up: lexicons, compiled patterns, imports
        best = {"ingest": float("inf"), "segment": float("inf"), "after": float("inf")}
        for _ in range(repeat):
            t0 = time.perf_counter()
            doc = read(data, p.name)
            t1 = time.perf_counter()
            record = new_record(doc)
            seg_time = 0.0
            for comp in pipeline.components:
                c0 = time.perf_counter()
                comp.fn(doc, record)
                if comp.name in SEGMENT_STAGES:
                    seg_time += time.perf_counter() - c0
            t2 = time.perf_counter()
            for key, value in (("ingest", t1 - t0), ("segment", seg_time), ("after", t2 - t1)):
                best[key] = min(best[key], value)
        rows.append({"file": p.name, "pages": page_count(p, data, doc), **best})
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"rows": rows, "peak_mb": peak_kb / 1024}


def _worker(spec: str) -> int:
    args = json.loads(spec)
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass
    print(json.dumps(_measure(args["paths"], args["repeat"])))
    return 0


def _pct(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _run_format(fmt: str, paths: list[Path], repeat: int) -> dict | None:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "OMP_NUM_THREADS": "1"}
    spec = json.dumps({"paths": [str(p) for p in paths], "repeat": repeat})
    proc = subprocess.run([sys.executable, "-m", "service.cli", "bench", "--worker", spec],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        print(f"Lỗi khi đo định dạng {fmt}: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def summarise(fmt: str, result: dict) -> dict:
    rows = result["rows"]
    pages = sum(r["pages"] for r in rows)
    total = [r["ingest"] + r["after"] for r in rows]
    after = [r["after"] for r in rows]
    per_page = [(r["ingest"] + r["after"]) / r["pages"] for r in rows]
    return {
        "format": fmt, "docs": len(rows), "pages": pages,
        "doc_p50_ms": _pct(total, 50) * 1e3, "doc_p95_ms": _pct(total, 95) * 1e3,
        "page_p50_ms": _pct(per_page, 50) * 1e3, "page_p95_ms": _pct(per_page, 95) * 1e3,
        "ingest_share": sum(r["ingest"] for r in rows) / sum(total),
        "after_p50_ms": _pct(after, 50) * 1e3, "after_per_20_pages_ms": sum(after) / pages * 20 * 1e3,
        "docs_per_s": len(rows) / sum(total), "pages_per_s": pages / sum(total),
        "ingest_pages_per_s": pages / sum(r["ingest"] for r in rows),
        "read_pages_per_s": pages / sum(r["ingest"] + r["segment"] for r in rows),
        "peak_mb": result["peak_mb"],
    }


def table(summaries: list[dict]) -> str:
    head = ("| format | docs | pages | doc p50 ms | doc p95 ms | page p50 ms | page p95 ms | docs/s | pages/s "
            "| ingest pages/s | ingest+segment pages/s | after-ingest p50 ms | after-ingest ms per 20 pages | peak RSS MB |")
    lines = [head, "|" + "---|" * 14]
    for s in summaries:
        lines.append(
            f"| {s['format']} | {s['docs']} | {s['pages']:.0f} | {s['doc_p50_ms']:.1f} | {s['doc_p95_ms']:.1f} "
            f"| {s['page_p50_ms']:.1f} | {s['page_p95_ms']:.1f} | {s['docs_per_s']:.1f} | {s['pages_per_s']:.1f} "
            f"| {s['ingest_pages_per_s']:.1f} | {s['read_pages_per_s']:.1f} | {s['after_p50_ms']:.1f} | {s['after_per_20_pages_ms']:.1f} "
            f"| {s['peak_mb']:.0f} |")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.worker:
        return _worker(args.worker)
    files = corpus_files()
    wanted = args.format or sorted(files)
    summaries = []
    for fmt in wanted:
        if fmt not in files:
            continue
        result = _run_format(fmt, files[fmt], args.repeat)
        if result:
            summaries.append(summarise(fmt, result))
    if args.json:
        print(json.dumps(summaries, ensure_ascii=False, indent=2))
        return 0
    print(f"tdkt bench — {date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores "
          f"(one core used), Python {platform.python_version()}; best of {args.repeat} runs per document; "
          f"pages: PDF/Word page count, else characters/{CHARS_PER_PAGE}")
    print(table(summaries))
    return 0
