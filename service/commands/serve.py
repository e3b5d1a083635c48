"""`tdkt serve [--host H] [--port P] [--import-corpus]`: the web service and API."""
from __future__ import annotations

import argparse
import json
import sys

from service.archive import Archive
from service.archive.batch import import_paths
from service.config import ROOT, get_settings


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
    parser.add_argument("--import-corpus", action="store_true",
                        help="khi kho còn trống: nạp sẵn các báo cáo mẫu trong corpora/")


def _blind_pending() -> set[str]:
    """Corpus documents still awaiting their blind score (corpora/split.json): nobody may see
    tdkt's output on them yet, so the demo archive leaves them out."""
    split = ROOT / "corpora" / "split.json"
    try:
        return set(json.loads(split.read_text(encoding="utf-8")).get("blind_pending", []))
    except (OSError, ValueError):
        return set()


def seed_if_empty(archive: Archive, settings) -> None:
    if archive.count():
        return
    pending = _blind_pending()
    dirs = [d for d in settings.corpus_dirs if d.exists()]
    files = [f for d in dirs for f in sorted(d.iterdir()) if f.is_file() and f.stem not in pending]
    if not files:
        return
    print("Kho còn trống: đang nạp các báo cáo mẫu…", file=sys.stderr)
    summary = import_paths(archive, files, workers=settings.workers, max_bytes=settings.max_upload_bytes)
    for line in summary.lines():
        print(line, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from service.app import create_app

    settings = get_settings()
    archive = Archive.open(settings.database_url, settings.storage_path)
    if args.import_corpus:
        seed_if_empty(archive, settings)
    app = create_app(settings, archive)
    print(f"tdkt: http://{args.host}:{args.port}/  (API: /docs)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
