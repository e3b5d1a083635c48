"""Recipient search benchmark (a script, not a timed test):

    .venv/bin/python -m evaluation.bench_recipients [--recipients 100000] [--database-url URL | --postgres]

1. the composed dossier's three decisions go through the real store path (extraction,
   linkage, index), so real recipients are among the synthetic ones;
2. the archive is filled to `--recipients` with synthetic recipients — people (surname,
   middle and given names drawn from common Vietnamese ones, positions in communes) and
   collectives (schools, commune People's Committees) — their keys built by the same
   functions the index uses, inserted in bulk (FTS index or tsvector included);
3. a mix of queries typed without diacritics or with abbreviations, some with kind or place
   filters, each through GET /api/recipients (facets on) → p50 / p95; the first query after a
   write (the in-memory columns are read again) → p50 / p95; the profile of a recipient →
   p50 / p95. Target: search p95 < 50 ms.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from evaluation.pg_cluster import PostgresUnavailable, local_postgres

ROOT = Path(__file__).resolve().parent.parent
COMPOSED = ROOT / "corpora" / "composed"

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
SURNAME_WEIGHTS = [38, 11, 9.5, 7, 5, 4, 4, 3, 2, 2, 1.5, 1.5, 1.3, 1, 0.5]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Quang", "Ngọc", "Hữu", "Xuân", "Thu", "Hồng", "Công", "Kim", "Anh"]
GIVEN = ["Thành", "Hoa", "Đức", "Anh", "Hùng", "Lan", "Hương", "Dũng", "Tuấn", "Hà", "Nam", "Linh", "Trang", "Sơn",
         "Hải", "Long", "Phương", "Thảo", "Minh", "Quân", "Bình", "Yến", "Tâm", "Việt", "Hạnh", "Khánh", "Giang", "Thủy"]
COMMUNES = ["Đồng Tâm", "Canh Nậu", "Tam Tiến", "Bố Hạ", "Đồng Kỳ", "Hồng Kỳ", "Tân Hiệp", "Xuân Lương", "Đồng Vương",
            "Tiến Thắng", "An Thượng", "Đông Sơn", "Hương Vĩ", "Đồng Lạc", "Tân Sỏi", "Phồn Xương", "Đồng Hưu",
            "Lâm Ca", "Định Liên", "Hợp Thịnh"]
DISTRICTS = ["Yên Thế", "Lạng Giang", "Hiệp Hòa", "Tân Yên", "Lục Nam", "Việt Yên", "Sơn Động", "Yên Dũng"]
POSITIONS = ["Chủ tịch UBND xã {c}", "Phó Chủ tịch UBND xã {c}", "Công chức Văn phòng - Thống kê xã {c}",
             "Trưởng Công an xã {c}", "Giáo viên Trường Tiểu học {c}", "Hiệu trưởng Trường THCS {c}",
             "Bí thư Đảng ủy xã {c}", "Trưởng thôn Đồng Sen, xã {c}"]
UNITS = ["UBND xã {c}", "Trường Tiểu học {c}", "Trường THCS {c}", "Trạm Y tế xã {c}", "Hội Nông dân xã {c}"]
QUERIES = [
    {"q": "nguyen van thanh"}, {"q": "nguyen"}, {"q": "tran thi hoa"}, {"q": "thanh"}, {"q": "ubnd xa dong tam"},
    {"q": "truong thcs"}, {"q": "le minh duc"}, {"q": "giao vien"}, {"q": "xa tam tien"}, {"q": "hoa", "kind": "ca_nhan"},
    {"q": "nguyen thi", "place": "xã Đồng Tâm"}, {"kind": "tap_the"}, {}, {"q": "pham ngoc lan"}, {"q": "dong"},
    {"q": "chu tich ubnd"},
]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def synthetic(n: int, rng: random.Random):
    """Rows for the recipients table, keyed as service/recipients/index.py keys them."""
    from service.recipients import names
    from service.recipients.linkage import encode_places

    for i in range(n):
        commune, district = rng.choice(COMMUNES), rng.choice(DISTRICTS)
        if rng.random() < 0.85:
            kind = "ca_nhan"
            name = f"{rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            role = rng.choice(POSITIONS).format(c=commune)
        else:
            kind, role = "tap_the", None
            name = rng.choice(UNITS).format(c=commune)
        places = names.places(f"{name} {role or ''}")
        places.setdefault(2, f"huyen {names.key(district)}")
        key = names.key(name)
        years = sorted(rng.sample(range(2015, 2025), rng.randint(1, 4)))
        yield {"kind": kind, "name": name, "name_key": key, "accented_key": names.accented_key(name),
               "given_key": key.split()[-1], "role": role, "unit_key": names.expand(role),
               "places": encode_places(places), "place": names.place_label(role) or names.place_label(name),
               "search_key": " ".join(x for x in (key, names.expand(role), " ".join(places.values())) if x),
               "award_count": len(years), "first_year": years[0], "last_year": years[-1]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--recipients", type=int, default=100_000)
    db = ap.add_mutually_exclusive_group()
    db.add_argument("--database-url", default=None, help="default: a SQLite file in a temp dir")
    db.add_argument("--postgres", action="store_true", help="start a throwaway PostgreSQL cluster for the run")
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        with ExitStack() as stack:
            run(args, stack)
    except PostgresUnavailable as exc:
        sys.exit(f"bench_recipients --postgres: {exc}")


def run(args: argparse.Namespace, stack: ExitStack) -> None:
    from fastapi.testclient import TestClient
    from sqlalchemy import insert

    from extractor.pipeline import extract
    from service.app import create_app
    from service.archive import models as m
    from service.archive.store import _bump as bump
    from service.config import Settings

    rng = random.Random(13)
    tmp = Path(tempfile.mkdtemp(prefix="tdkt-bench-rec-"))
    stack.callback(shutil.rmtree, tmp, ignore_errors=True)
    url = stack.enter_context(local_postgres("tdkt_bench_rec")) if args.postgres else (
        args.database_url or f"sqlite:///{tmp / 'tdkt.db'}")
    settings = Settings(database_url=url, storage_path=tmp / "files", corpus_dirs=[], api_key=None)
    app = create_app(settings)
    archive = app.state.archive
    stack.callback(archive.close)
    client = stack.enter_context(TestClient(app))
    print(f"tdkt recipient search benchmark · {date.today()} · {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores · {archive.dialect}")

    for name in ("qd_cstdcs_2021.docx", "qd_cstdcs_2022.pdf", "qd_cstdcs_2023.txt"):
        path = COMPOSED / name
        archive.add(path.read_bytes(), name, extract(path))
    t = time.perf_counter()
    rows = list(synthetic(args.recipients, rng))
    build = time.perf_counter() - t
    t = time.perf_counter()
    with archive.Session.begin() as s:
        for i in range(0, len(rows), 5000):
            s.execute(insert(m.Recipient), rows[i:i + 5000])
        bump(s)  # a write, as a store would make it: cached arrays are read again
    if archive.dialect == "postgresql":
        with archive.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE recipients")
    print(f"fill: {len(rows):,} recipients keyed in {build:.1f} s, stored in {time.perf_counter() - t:.1f} s")

    def timed(path: str, params: dict) -> float:
        t0 = time.perf_counter()
        resp = client.get(path, params=params)
        dt = (time.perf_counter() - t0) * 1000
        assert resp.status_code == 200, resp.text
        return dt

    for q in QUERIES:  # warm the caches once
        timed("/api/recipients", q)
    per_query: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for q in QUERIES:
            per_query.setdefault(str(q), []).append(timed("/api/recipients", q))
    every = [x for xs in per_query.values() for x in xs]
    total = client.get("/api/recipients").json()["total"]
    print(f"search, {len(QUERIES)}-query mix with facets, {args.rounds} rounds, {total:,} recipients: "
          f"p50 {statistics.median(every):.1f} ms · p95 {pct(every, 95):.1f} ms (target p95 < 50 ms)")
    slow = sorted(per_query.items(), key=lambda kv: -statistics.median(kv[1]))[:3]
    for q, xs in slow:
        print(f"  slowest: {q} p50 {statistics.median(xs):.1f} ms")
    after_write = []
    for i in range(10):
        with archive.Session.begin() as s:
            bump(s)  # any store or delete: the in-memory columns are read again by the next search
        after_write.append(timed("/api/recipients", QUERIES[i % len(QUERIES)]))
    print(f"search, first query after a write (columns re-read): p50 {statistics.median(after_write):.1f} ms · "
          f"p95 {pct(after_write, 95):.1f} ms")
    ids = [r["id"] for r in client.get("/api/recipients", params={"q": "nguyen", "size": 50}).json()["items"]]
    profile = [timed(f"/api/recipients/{rid}", {}) for rid in ids for _ in range(2)]
    print(f"profile: p50 {statistics.median(profile):.1f} ms · p95 {pct(profile, 95):.1f} ms")


if __name__ == "__main__":
    main()
