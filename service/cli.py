"""`tdkt` command line. Each subcommand lives in its own module, imported only when used,
so `tdkt extract` does not load the web stack."""
from __future__ import annotations

import argparse
import importlib
import sys

# name -> (module, one-line help). Each module has configure(parser) and run(args) -> int.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("service.commands.extract", "trích xuất dữ liệu từ báo cáo (JSON mỗi tệp)"),
    "schema": ("service.commands.schema", "in JSON Schema của bản ghi"),
    "eval": ("evaluation.cli", "đánh giá độ chính xác trên bộ dữ liệu gán nhãn"),
    "bench": ("evaluation.bench", "đo tốc độ và bộ nhớ"),
    "audit": ("service.commands.audit", "kiểm tra báo cáo: thiếu phần, số liệu, ngày tháng"),
    "import": ("service.commands.importer", "nạp một thư mục báo cáo vào kho lưu trữ"),
    "vet": ("service.commands.vet", "thẩm định hồ sơ đề nghị khen thưởng với kho lưu trữ"),
    "serve": ("service.commands.serve", "chạy dịch vụ web và API"),
    "worker": ("service.commands.worker", "chạy việc xử lý tệp tải lên (không kèm máy chủ web)"),
}


def build_parser(command: str | None = None) -> tuple[argparse.ArgumentParser, dict[str, object]]:
    """The parser, with the options of `command` only (all commands when None): a command
    pays for importing its own module, not every other one's (`tdkt extract` would load
    the web stack and the evaluation)."""
    parser = argparse.ArgumentParser(prog="tdkt", description="tdkt: dữ liệu từ báo cáo thi đua, khen thưởng")
    sub = parser.add_subparsers(dest="command", required=True)
    modules: dict[str, object] = {}
    for name, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        if command is not None and name != command:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # command not built yet
            raise
        module.configure(p)
        modules[name] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser, modules = build_parser(command if command in COMMANDS else None)
    args = parser.parse_args(argv)
    module = modules.get(args.command)
    if module is None:
        print(f"Lỗi: lệnh '{args.command}' chưa có trong bản cài đặt này", file=sys.stderr)
        return 2
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
