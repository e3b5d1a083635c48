"""`tdkt audit FILE...`: what is missing or wrong in each report, grouped by severity.

Findings are not errors: the exit code is 0 when every file was read. A file that cannot be
read gets the one-line Vietnamese error and makes the exit code 1.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extractor.audit import AuditReport, Severity, audit
from extractor.errors import ExtractionError
from service.commands.extract import cli_pool, extract_path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", help="tệp báo cáo cần kiểm tra")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON (mỗi tệp một dòng)")
    parser.add_argument("--profile", help="dùng hồ sơ kiểm tra này thay vì loại văn bản nhận dạng được")


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def render(path: Path, text: str, report: AuditReport) -> str:
    """The findings of one file as an official reads them: by severity, with the place."""
    counts = report.counts()
    head = (f"{path}: {len(report.findings)} phát hiện theo đề cương {report.profile_label} "
            f"({counts['error']} lỗi, {counts['warning']} cảnh báo, {counts['hint']} gợi ý)")
    out = [head]
    for sev in Severity:
        group = [f for f in report.findings if f.severity == sev]
        if not group:
            continue
        out.append(f"  {sev.label.upper()}:")
        for f in group:
            where = ""
            if f.location:
                where = f" [dòng {line_of(text, f.location.start)}"
                where += f", mục {f.location.section_title}]" if f.location.section_title else "]"
            out.append(f"    - {f.message}{where} ({f.rule})")
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    with cli_pool(len(args.paths)) as pool:
        return _run(args, pool)


def _run(args: argparse.Namespace, pool) -> int:
    failed = 0
    for raw in args.paths:
        path = Path(raw)
        try:
            record = extract_path(pool, path)  # in a worker process, with the settings' limits
            report = audit(record, profile=args.profile)
        except ExtractionError as exc:
            failed += 1
            print(exc.user_message(), file=sys.stderr)
            continue
        except KeyError:
            print(f"Lỗi: không có hồ sơ kiểm tra '{args.profile}'", file=sys.stderr)
            return 2
        except Exception:  # one bad file must not hide the others' findings
            failed += 1
            print(f"Lỗi: {path}: lỗi không mong đợi khi kiểm tra", file=sys.stderr)
            continue
        if args.json:
            print(json.dumps({"file": str(path), **report.model_dump(mode="json")}, ensure_ascii=False))
        else:
            print(render(path, record.text, report))
    return 1 if failed else 0
