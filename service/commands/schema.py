"""`tdkt schema`: the JSON Schema of a record."""
from __future__ import annotations

import argparse
import json

from extractor.records import Extraction


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", help="ghi ra tệp thay vì màn hình")


def run(args: argparse.Namespace) -> int:
    text = json.dumps(Extraction.model_json_schema(), ensure_ascii=False, indent=2)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    else:
        print(text)
    return 0
