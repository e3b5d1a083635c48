"""`tdkt worker`: run upload jobs without a web server — beside `tdkt serve` with
TDKT_JOB_RUNNER=none, or on more machines sharing one PostgreSQL archive and queue."""
from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.set_defaults()


def run(args: argparse.Namespace) -> int:
    from service.config import get_settings
    from service.jobs.worker import JobWorker

    JobWorker(get_settings()).serve_forever()
    return 0
