"""`tdkt extract FILE|DIR ... [-o DIR] [--format record|gold]`: one JSON per input.

Every file is extracted in a worker process with the limits of the settings
(`extractor.isolation`), as many at a time as there are workers. With `-o`, each input
gets its own record, named after the whole file name (`bao-cao.docx` → `bao-cao.docx.json`,
so `bao-cao.pdf` beside it keeps its own), under the same sub-folders as in the folder
walked; a name met twice gets `~2`, `~3` before `.json`."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.errors import ErrorCode, ExtractionError, describe

if TYPE_CHECKING:
    from extractor.isolation import ExtractorPool
    from extractor.records import Extraction


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", help="tệp hoặc thư mục báo cáo")
    parser.add_argument("-o", "--output", help="thư mục ghi kết quả (mặc định: in ra màn hình)")
    parser.add_argument("--format", choices=["record", "gold"], default="record",
                        help="record: bản ghi đầy đủ; gold: dạng nhãn chuẩn (ANNOTATION.md)")


@dataclass
class Input:
    path: Path
    relative: Path  # under the folder walked, or the bare file name


def iter_inputs(paths: list[str]) -> Iterator[Input]:
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")):
                yield Input(f, f.relative_to(p))
        else:
            yield Input(p, Path(p.name))


def output_names(inputs: list[Input]) -> list[Path]:
    """`{relative path}.json` per input, never the same twice."""
    used: set[str] = set()
    names = []
    for item in inputs:
        base = str(item.relative)
        name, n = f"{base}.json", 1
        while name.casefold() in used:  # case-insensitive file systems would merge them too
            n += 1
            name = f"{base}~{n}.json"
        used.add(name.casefold())
        names.append(Path(name))
    return names


def cli_pool(files: int) -> ExtractorPool:
    """Worker processes for a command run over `files` files, with the settings' limits.
    The first is forked before anything else is loaded here: it loads the pipeline while
    this process loads its settings (limits travel with each file)."""
    from extractor.isolation import ExtractorPool

    pool = ExtractorPool(1, start_method="fork")
    from service.config import get_settings

    settings = get_settings()
    pool.limits = settings.limits
    pool.grow(min(settings.workers, max(1, files)))
    return pool


def extract_path(pool: ExtractorPool, path: Path) -> Extraction:
    """The record of the file at `path`; ExtractionError naming `path` otherwise."""
    from extractor.ingest.base import check_size

    try:
        if not path.is_file():
            raise ExtractionError(str(path), ErrorCode.not_found, "không tìm thấy tệp")
        check_size(str(path), path.stat().st_size)  # refuse a huge file before reading it
        data = path.read_bytes()
    except OSError as exc:
        what = "không có quyền đọc tệp" if isinstance(exc, PermissionError) else describe(exc)
        raise ExtractionError(str(path), ErrorCode.not_found, what) from exc
    try:
        return pool.extract(data, path.name)
    except ExtractionError as exc:
        raise ExtractionError(str(path), exc.code, exc.reason) from None


def run(args: argparse.Namespace) -> int:
    inputs = list(iter_inputs(args.paths))
    with cli_pool(len(inputs)) as pool:
        return _run(args, inputs, pool)


def _run(args: argparse.Namespace, inputs: list[Input], pool: ExtractorPool) -> int:
    out_dir = Path(args.output) if args.output else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    names = output_names(inputs)
    walking = any(Path(p).is_dir() for p in args.paths)
    with ExitStack() as stack:
        if pool.workers == 1:
            results = (_one(pool, item.path, args.format) for item in inputs)
        else:  # a thread waits on each worker
            from concurrent.futures import ThreadPoolExecutor

            threads = stack.enter_context(ThreadPoolExecutor(max_workers=pool.workers))
            results = threads.map(lambda item: _one(pool, item.path, args.format), inputs)
        failed = _write_all(inputs, names, _progress(results, len(inputs), walking), out_dir, walking)
    if failed:
        print(f"{len(inputs) - failed}/{len(inputs)} tệp đã xử lý, {failed} tệp lỗi.", file=sys.stderr)
    return 1 if failed else 0


def _write_all(inputs: list[Input], names: list[Path], results, out_dir: Path | None, walking: bool) -> int:
    """Write each record (or print it), report each error; the number of errors."""
    failed = 0
    for item, name, (text, error) in zip(inputs, names, _progress(results, len(inputs), walking)):
        if error is not None:
            failed += 1
            _write_error(error, walking)
        elif out_dir:
            target = out_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
    return failed


def _one(pool: ExtractorPool, path: Path, fmt: str) -> tuple[str, str | None]:
    """(JSON text, None) or ("", the Vietnamese error line)."""
    try:
        record = extract_path(pool, path)
    except ExtractionError as exc:
        return "", exc.user_message()
    except Exception:  # noqa: BLE001 — a bug must not hide the other files' results
        return "", f"Lỗi: {path}: lỗi không mong đợi khi xử lý tệp"
    if fmt == "gold":
        from extractor.gold import to_gold

        data = to_gold(record)
    else:
        data = record.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2), None


def _progress(results, total: int, show: bool):
    if not show:
        return results
    from tqdm import tqdm

    return tqdm(results, total=total, desc="Đang trích xuất", unit="tệp", file=sys.stderr)


def _write_error(line: str, walking: bool) -> None:
    if walking:
        from tqdm import tqdm

        tqdm.write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr)
