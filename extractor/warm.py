"""Warming up an extraction process: the pipeline imported and every lexicon built, by
extracting a small built-in report, before the first real file arrives.

The service's fork server does it once (`extractor.preload`), so that each worker it
forks, and each replacement of a worker that hit a limit, starts warm; a worker forked
by a command warms itself while the command is still reading its arguments.

It must never fail: the fork server would die with it. A failure only leaves the workers
to warm up on their first file."""
from __future__ import annotations

import gc

SAMPLE = """ỦY BAN NHÂN DÂN HUYỆN MẪU
Số: 01/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
BÁO CÁO
Tổng kết công tác thi đua, khen thưởng năm 2023
I. KẾT QUẢ
1. Phong trào "Chung tay vì người nghèo" được 12 xã hưởng ứng, đạt 95% kế hoạch.
Chủ tịch UBND huyện tặng Giấy khen cho 15 tập thể và 30 cá nhân; ông Nguyễn Văn An, Trưởng thôn Đông, được tặng Bằng khen.
"""


_warm = False


def warm_up(readers: bool = True) -> None:
    """Build the lexicons (once per process); with `readers`, import every format's reader."""
    global _warm
    try:
        if not _warm:
            from extractor.pipeline import extract_bytes

            extract_bytes(SAMPLE.encode("utf-8"), "mau.txt")
            _warm = True
        if readers:
            import extractor.ingest.docx  # noqa: F401 — readers a worker would otherwise import per format
            import extractor.ingest.html  # noqa: F401
            import extractor.ingest.pdf  # noqa: F401
            import pdfplumber  # noqa: F401
    except Exception:  # noqa: BLE001 — see the module docstring
        return


def freeze() -> None:
    """Keep what is loaded out of the cyclic collector: forked workers then share these
    pages instead of copying them on the collector's first pass."""
    gc.collect()
    gc.freeze()
