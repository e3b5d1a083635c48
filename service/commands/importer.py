"""`tdkt import DIR [DIR…]`: load a folder tree of reports into the archive."""
from __future__ import annotations

import argparse
import sys

from service.archive import Archive
from service.archive.batch import import_paths
from service import uploads
from service.config import get_settings


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", help="thư mục (hoặc tệp) báo cáo")
    parser.add_argument("-j", "--workers", type=int, default=None,
                        help="số tiến trình trích xuất song song (mặc định: TDKT_WORKERS hoặc số nhân CPU)")
    parser.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến trình")


def run(args: argparse.Namespace) -> int:
    settings = get_settings()
    archive = Archive.open(settings.database_url, settings.storage_path)
    workers = args.workers or settings.workers
    uploads.configure(settings.model_copy(update={"workers": max(1, workers)}))
    try:
        summary = import_paths(archive, args.paths, workers=max(1, workers),
                               max_bytes=settings.max_upload_bytes, progress=not args.no_progress)
    except KeyboardInterrupt:
        print("Đã dừng. Các tệp đã lưu được giữ nguyên; chạy lại lệnh để nạp tiếp.", file=sys.stderr)
        return 130
    finally:
        archive.close()
    for line in summary.lines():
        print(line)
    return 1 if summary.failed else 0
