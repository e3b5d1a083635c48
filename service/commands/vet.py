"""`tdkt vet FILE... [--format json]`: vet a nomination dossier against the configured archive.

Exit code 0 when the dossier was vetted (whatever the verdicts), 1 when a file could not be
read (the others are still vetted), 2 when nothing could be read."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", help="các tệp của hồ sơ (tờ trình, danh sách, báo cáo thành tích…)")
    parser.add_argument("--format", choices=["text", "json", "xlsx"], default="text",
                        help="text (mặc định), json, hoặc xlsx (cần -o)")
    parser.add_argument("-o", "--output", help="ghi kết quả vào tệp này")


def _items(paths: list[str]) -> tuple[list[tuple[str, bytes]], list[str]]:
    items, errors = [], []
    for raw in paths:
        p = Path(raw)
        try:
            items.append((p.name, p.read_bytes()))
        except FileNotFoundError:
            errors.append(f"Không tìm thấy tệp {raw}.")
        except OSError as exc:
            errors.append(f"Không đọc được tệp {raw} ({exc.strerror or exc}).")
    return items, errors


def run(args: argparse.Namespace) -> int:
    from service.archive import Archive
    from service.config import get_settings
    from service.vetting.export import text_lines, to_xlsx
    from service.vetting.run import NothingToVet, vet_items
    from service.vetting.ruleset import RulesError

    if args.format == "xlsx" and not args.output:
        print("Lỗi: --format xlsx cần tệp kết quả (-o tham-dinh.xlsx).", file=sys.stderr)
        return 2
    items, errors = _items(args.paths)
    settings = get_settings()
    archive = Archive.open(settings.database_url, settings.storage_path)
    try:
        report = vet_items(items, archive, settings) if items else None
    except NothingToVet as exc:
        errors.append(exc.detail)
        report = None
    except RulesError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    finally:
        archive.close()
    if report is not None:
        report.errors = errors + report.errors
    for line in report.errors if report is not None else errors:
        print(f"Lỗi: {line}", file=sys.stderr)
    if report is None:
        return 2
    if args.format == "xlsx":
        Path(args.output).write_bytes(to_xlsx(report))
        print(f"Đã ghi {args.output}")
    else:
        body = report.model_dump_json(indent=2) if args.format == "json" else "\n".join(text_lines(report))
        if args.output:
            Path(args.output).write_text(body + "\n", encoding="utf-8")
        else:
            print(body)
    return 1 if report.errors else 0
