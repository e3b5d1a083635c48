"""`tdkt import DIR [DIR…] [--scheduler tcp://host:8786]`: load a folder tree of reports into
the archive on Dask distributed — a local cluster of TDKT_WORKERS processes, or the workers
of a running scheduler on several machines writing into one PostgreSQL archive."""
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
                        help="số tiến trình trích xuất của cụm cục bộ (mặc định: TDKT_WORKERS hoặc số nhân CPU)")
    parser.add_argument("--scheduler", default=None, metavar="tcp://MÁY:8786",
                        help="dùng cụm Dask đang chạy (nhiều máy, cùng một kho PostgreSQL) thay cho cụm cục bộ")
    parser.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến trình")


def run(args: argparse.Namespace) -> int:
    settings = get_settings()
    if args.scheduler and settings.is_sqlite:
        print("Lỗi: kho SQLite chỉ ghi được trên máy này; để nạp bằng cụm nhiều máy, hãy đặt TDKT_DATABASE_URL "
              "là một kho PostgreSQL mà mọi máy cùng truy cập được.", file=sys.stderr)
        return 2
    archive = Archive.open(settings.database_url, settings.storage_path)
    workers = args.workers or settings.workers
    uploads.configure(settings.model_copy(update={"workers": max(1, workers)}))
    try:
        summary = import_paths(archive, args.paths, workers=max(1, workers), max_bytes=settings.max_upload_bytes,
                               progress=not args.no_progress, scheduler=args.scheduler)
    except KeyboardInterrupt:
        print("Đã dừng. Các tệp đã lưu được giữ nguyên; chạy lại lệnh để nạp tiếp.", file=sys.stderr)
        return 130
    except OSError as exc:  # the scheduler cannot be reached
        print(f"Lỗi: không kết nối được tới cụm Dask {args.scheduler}: {exc}", file=sys.stderr)
        return 2
    finally:
        archive.close()
    for line in summary.lines():
        print(line)
    return 1 if summary.failed else 0
