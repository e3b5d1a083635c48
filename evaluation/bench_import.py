"""Import benchmark (a script, not a timed test): `tdkt import`'s Dask path at 1, 2, … workers.

    .venv/bin/python -m evaluation.bench_import [--files 300] [--workers 1 2] [--postgres]

The same `--files` corpus variants (bench_archive.variants: seed texts with shifted years and
places, and the .docx/.html renderings; never a document awaiting its blind score) are
imported into a fresh archive for each worker count → docs/s, the LocalCluster's start and
every worker's first (cold) extraction included."""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import signal
import sys
import tempfile
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from evaluation.bench_archive import variants
from evaluation.pg_cluster import PostgresUnavailable, postgres_cluster


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL 15 cluster on loopback")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        with ExitStack() as stack:
            run(args, stack)
    except PostgresUnavailable as exc:
        sys.exit(f"bench_import --postgres: {exc}")


def run(args: argparse.Namespace, stack: ExitStack) -> None:
    from service.archive import Archive
    from service.archive.batch import import_paths

    tmp = Path(tempfile.mkdtemp(prefix="tdkt-bench-import-"))
    stack.callback(shutil.rmtree, tmp, ignore_errors=True)
    cluster = stack.enter_context(postgres_cluster()) if args.postgres else None
    src = tmp / "import"
    variants(src, args.files, random.Random(7))
    n = len(list(src.iterdir()))
    print(f"tdkt import benchmark · {date.today()} · {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run · {'postgresql' if cluster else 'sqlite'} · {n} files")
    for workers in args.workers:
        folder = tmp / f"w{workers}"
        folder.mkdir()
        url = cluster.create_database(f"w{workers}") if cluster else f"sqlite:///{folder / 'tdkt.db'}"
        archive = Archive.open(url, folder / "files")
        try:
            s = import_paths(archive, [src], workers=workers, max_bytes=50 * 1024 * 1024, progress=False)
        finally:
            archive.close()
        print(f"{workers} worker{'s' if workers > 1 else ''}: {s.stored} stored, {s.skipped} skipped, "
              f"{len(s.failed)} failed in {s.seconds:.1f} s → {s.stored / s.seconds:.2f} docs/s")


if __name__ == "__main__":
    main()
