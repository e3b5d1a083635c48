"""`tdkt extract FILE|DIR ... [-o DIR] [--format record|gold]`: one JSON per input."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

from extractor.errors import ExtractionError
from extractor.gold import to_gold
from extractor.pipeline import extract


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", help="tệp hoặc thư mục báo cáo")
    parser.add_argument("-o", "--output", help="thư mục ghi kết quả (mặc định: in ra màn hình)")
    parser.add_argument("--format", choices=["record", "gold"], default="record",
                        help="record: bản ghi đầy đủ; gold: dạng nhãn chuẩn (ANNOTATION.md)")


def iter_inputs(paths: list[str]) -> Iterator[Path]:
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            yield p


def extract_one(path: Path, fmt: str) -> dict:
    """The JSON for one file; raises ExtractionError with a user message on bad input."""
    if not path.exists():
        from extractor.errors import ErrorCode
        raise ExtractionError(str(path), ErrorCode.not_found, "không tìm thấy tệp")
    record = extract(path)
    return to_gold(record) if fmt == "gold" else record.model_dump(mode="json")


def run(args: argparse.Namespace) -> int:
    files = list(iter_inputs(args.paths))
    out_dir = Path(args.output) if args.output else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    walking = any(Path(p).is_dir() for p in args.paths)
    failed = 0
    for path in tqdm(files, desc="Đang trích xuất", unit="tệp", disable=not walking, file=sys.stderr):
        try:
            data = extract_one(path, args.format)
        except ExtractionError as exc:
            failed += 1
            tqdm.write(exc.user_message(), file=sys.stderr)
            continue
        except Exception as exc:  # a bug must not hide the other files' results
            failed += 1
            tqdm.write(f"Lỗi: {path}: lỗi không mong đợi khi xử lý tệp ({type(exc).__name__}: {exc})",
                       file=sys.stderr)
            continue
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if out_dir:
            (out_dir / f"{path.stem}.json").write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
    if failed:
        print(f"{len(files) - failed}/{len(files)} tệp đã xử lý, {failed} tệp lỗi.", file=sys.stderr)
    return 1 if failed else 0
