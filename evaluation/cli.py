"""`tdkt eval [--split dev|test|all] [--gold DIR --docs DIR]`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import os

from evaluation.gold import DOCS_DIR, GOLD_DIR, RENDERINGS_DIR, load_split, split_caveats
from evaluation.report import render, summary, variants_table
from evaluation.runner import Evaluation, evaluate, gold_stems

REPORT = Path(__file__).resolve().parent / "reports" / "latest.md"

# The learned components against the rules alone (issue: keep a model only if it beats the rules).
VARIANTS = {"rules alone (TDKT_MODELS=off)": "off", "learned models forced (TDKT_MODELS=force)": "force"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test",
                        help="phần của bộ dữ liệu (mặc định: test)")
    parser.add_argument("--gold", help="thư mục tệp nhãn (.json) của người dùng")
    parser.add_argument("--docs", help="thư mục văn bản cùng tên với tệp nhãn")
    parser.add_argument("--doc", action="append", help="chỉ đánh giá tài liệu này (tên gốc, có thể lặp)")
    parser.add_argument("--renderings", action="store_true",
                        help="chấm cả các bản .docx/.pdf/.doc/.html của tài liệu (cùng tệp nhãn)")
    parser.add_argument("--no-baselines", action="store_true", help="bỏ qua các hệ thống tham chiếu")
    parser.add_argument("--no-variants", action="store_true",
                        help="không so sánh với biến thể chỉ dùng luật / bắt buộc dùng mô hình học máy")
    parser.add_argument("--report", default=str(REPORT), help="tệp báo cáo Markdown (mặc định: %(default)s)")
    parser.add_argument("--errors", action="store_true", help="in cả danh sách bỏ sót và báo nhầm")
    parser.add_argument("--blind", action="store_true",
                        help="chấm mù các tài liệu đang chờ (blind_pending trong corpora/split.json): "
                             "chỉ in bảng điểm, không in lỗi")


def run(args: argparse.Namespace) -> int:
    if bool(args.gold) != bool(args.docs):
        print("Lỗi: --gold và --docs phải đi cùng nhau", file=sys.stderr)
        return 2
    gold_dir = Path(args.gold) if args.gold else GOLD_DIR
    docs_dir = Path(args.docs) if args.docs else DOCS_DIR
    if not gold_dir.is_dir() or not docs_dir.is_dir():
        print(f"Lỗi: không tìm thấy thư mục {gold_dir if not gold_dir.is_dir() else docs_dir}", file=sys.stderr)
        return 2
    if args.blind and (args.gold or args.errors):
        print("Lỗi: --blind không đi cùng --gold hay --errors (chấm mù không được xem lỗi)", file=sys.stderr)
        return 2
    split = "custom" if args.gold else args.split + (" (blind)" if args.blind else "")
    stems = gold_stems(gold_dir) if args.gold else load_split(args.split, blind=args.blind)
    if args.doc:
        stems = [s for s in stems if s in set(args.doc)]
    renderings = RENDERINGS_DIR if args.renderings and not args.gold else None
    ev = evaluate(stems, gold_dir, docs_dir, with_baselines=not args.no_baselines, renderings_dir=renderings,
                  originals=not args.gold)
    variants = {} if args.no_variants else _variants(stems, gold_dir, docs_dir)
    caveats = [] if args.gold or args.blind else split_caveats(args.split)
    print(summary(ev, split))
    for line in caveats:
        print("\n" + line)
    if variants:
        print("\n" + variants_table(ev, variants))
    for failure in ev.failures:
        print(failure, file=sys.stderr)
    text = render(ev, split, variants, caveats, with_errors=not args.blind)
    report = Path(args.report)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(text, encoding="utf-8")
    if args.errors:
        from evaluation.report import errors_list
        print("\n" + errors_list(ev))
    print(f"\nBáo cáo: {report}")
    return 0


def _variants(stems: list[str], gold_dir: Path, docs_dir: Path) -> dict[str, Evaluation]:
    """The same documents scored with the learned components switched off, then forced on."""
    saved = os.environ.get("TDKT_MODELS")
    out: dict[str, Evaluation] = {}
    try:
        for name, value in VARIANTS.items():
            os.environ["TDKT_MODELS"] = value
            out[name] = evaluate(stems, gold_dir, docs_dir, with_baselines=False)
    finally:
        if saved is None:
            os.environ.pop("TDKT_MODELS", None)
        else:
            os.environ["TDKT_MODELS"] = saved
    return out
