"""Archive benchmark (a script, not a timed test):

    .venv/bin/python -m evaluation.bench_archive [--docs 10000] [--real 300] [--database-url URL | --postgres]

SQLite in a temp dir by default; `--database-url` names another database, `--postgres` starts a
throwaway PostgreSQL 15 cluster on loopback for the run (evaluation/pg_cluster.py) and removes
it at the end.

1. import: `--real` variants of the corpus (seed .txt with shifted years and places, plus the
   .docx/.html renderings) go through `tdkt import`'s code path — real extraction in worker
   processes, writes in the parent → import docs/s;
2. fill to `--docs` documents with copies of those records whose year, issuer and place vary
   (stored through the same archive code, FTS index included) → store docs/s;
3. search: a mix of queries typed without diacritics, some with filters, through the HTTP API
   (facets and snippets on) → p50/p95; then each query once right after a write (an
   upload), which makes the facet index and the cached per-term scores stale → p50/p95;
4. upload-to-record: real POST /api/documents of a ~20-page .docx (corpus renderings joined;
   each upload made unique so none is a duplicate), until its job is done (the job worker in
   a child process, as `tdkt serve` runs it) → p50/p95. Targets: search p95 < 50 ms,
   20-page .docx < 300 ms.
"""
from __future__ import annotations

import argparse
import copy
import io
import json
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from evaluation.pg_cluster import PostgresUnavailable, local_postgres

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "corpora" / "docs"
RENDERINGS = ROOT / "corpora" / "renderings"

PLACES = ["Lâm Ca", "Triệu Sơn", "Hiệp Hòa", "Bắc Giang", "Bắc Ninh", "Thanh Hóa", "Đắk Lắk", "Hà Tĩnh",
          "Quảng Trị", "Yên Bái", "Điện Biên", "Cà Mau", "Nghệ An", "Hải Dương", "Lào Cai"]
ISSUERS = ["UBND xã {p}", "UBND huyện {p}", "Hội đồng Thi đua - Khen thưởng huyện {p}",
           "Sở Giáo dục và Đào tạo tỉnh {p}", "Ban Thi đua - Khen thưởng tỉnh {p}"]
QUERIES = [
    {"q": "khen thuong"}, {"q": "co thi dua"}, {"q": '"chung tay vi nguoi ngheo"'}, {"q": "lam ca"},
    {"q": "hoa"}, {"q": "ngheo"}, {"q": "thi dua yeu nuoc"}, {"q": "huan chuong lao dong"},
    {"q": "bang khen", "year": 2021}, {"q": "giao duc", "issuer": "bac giang"},
    {"q": "nong thon moi", "place": "trieu son"}, {"q": "chien si thi dua"}, {"q": "thu ngan sach"},
    {"q": "dien hinh tien tien", "year": 2019}, {"q": "xay dung*"}, {},
]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * (len(values) - 1)))))
    return values[k]


def blind_pending() -> set[str]:
    """Corpus stems awaiting their blind score (corpora/split.json): never run tdkt on them."""
    split = json.loads((ROOT / "corpora" / "split.json").read_text(encoding="utf-8"))
    return set(split.get("blind_pending", []))


def variants(out: Path, n: int, rng: random.Random) -> None:
    """n files: seed texts with shifted years and swapped place names, plus renderings (never a
    document awaiting its blind score)."""
    pending = blind_pending()
    seeds = sorted(p for p in DOCS.glob("*.txt") if p.stem not in pending)
    others = sorted(p for p in RENDERINGS.glob("*") if p.suffix in (".docx", ".html"))
    out.mkdir(parents=True)
    for i in range(n):
        if i % 10 == 9 and others:
            src = others[(i // 10) % len(others)]
            data = src.read_bytes()
            if i >= 10 * len(others):  # past the first copy of each: keep them unique
                continue
            (out / f"{i:05d}_{src.name}").write_bytes(data)
            continue
        src = seeds[i % len(seeds)]
        text = src.read_text(encoding="utf-8")
        shift = rng.randint(-6, 4)
        text = re.sub(r"\b(20[0-2]\d)\b", lambda m: str(int(m.group(1)) + shift), text)
        for old in ("Lâm Ca", "Triệu Sơn", "Hiệp Hòa", "Bắc Giang", "Bắc Ninh"):
            text = text.replace(old, rng.choice(PLACES))
        text += f"\n(Bản lưu số {i})\n"
        (out / f"{i:05d}_{src.name}").write_text(text, encoding="utf-8")


def twenty_page_docx(tmp: Path) -> tuple[bytes, str]:
    """The renderings of seeds 000, 001 and 004 joined into one Word file (~20 pages)."""
    from docx import Document

    parts = [RENDERINGS / f"{s}.docx" for s in ("000_b2037343df6e8685", "001_aa33862f6316ef22",
                                               "004_047c2302e93f662e")]
    parts = [p for p in parts if p.exists()]
    base = Document(str(parts[0]))
    body = base.element.body
    sect = body[-1] if body[-1].tag.endswith("sectPr") else None
    for extra in parts[1:]:
        for el in Document(str(extra)).element.body:
            if not el.tag.endswith("sectPr"):
                (sect.addprevious if sect is not None else body.append)(copy.deepcopy(el))
    path = tmp / "bao-cao-20-trang.docx"
    base.save(str(path))
    pages = "?"
    if shutil.which("soffice"):
        try:
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(path)],
                           check=True, capture_output=True, timeout=180)
            import pdfplumber

            with pdfplumber.open(str(tmp / "bao-cao-20-trang.pdf")) as pdf:
                pages = str(len(pdf.pages))
        except Exception:  # noqa: BLE001 — page count is informative only
            pass
    return path.read_bytes(), pages


def upload_and_wait(client, name: str, body: bytes, poll: float = 0.005) -> tuple[dict, float]:
    """POST one file (202, a job) and follow its job until it settles: (job, ms from the
    request to the job done — upload to stored record)."""
    t = time.perf_counter()
    r = client.post("/api/documents", files={"files": (name, body)})
    assert r.status_code == 202, r.text
    job = r.json()["jobs"][0]
    while job["state"] not in ("done", "failed"):
        time.sleep(poll)
        job = client.get(f"/api/jobs/{job['id']}", params={"record": "false"}).json()
    return job, (time.perf_counter() - t) * 1000


def unique_docx(data: bytes, i: int) -> bytes:
    from docx import Document

    d = Document(io.BytesIO(data))
    d.add_paragraph(f"Bản lưu số {i}")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def fill_copies(archive, total: int, rng: random.Random) -> tuple[int, float]:
    """Store copies of the archive's records, with year, issuer and place varied, until it
    holds `total` documents (through the archive's own write path, full-text index
    included); (copies stored, seconds)."""
    from sqlalchemy import select

    from extractor.records import Extraction
    from service.archive.models import Document as D

    with archive.session() as sess:
        raw = sess.execute(select(D.record, D.sha256)).all()
    records = [(Extraction.model_validate_json(r), sha) for r, sha in raw]
    need = max(0, total - archive.count())
    t = time.perf_counter()
    batch = []
    for i in range(need):
        rec, sha = records[i % len(records)]
        rec = rec.model_copy(deep=True)
        place = rng.choice(PLACES)
        md = rec.metadata
        md.place = place
        md.issuer = rng.choice(ISSUERS).format(p=place)
        year = rng.randint(2012, 2025)
        if md.period:
            md.period.year = year
        md.date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        batch.append((f"{sha}:{i}".encode(), f"ban-sao-{i:05d}.{rec.document.format.value}", rec))
        if len(batch) == 250:
            archive.add_many(batch)
            batch = []
    if batch:
        archive.add_many(batch)
    return need, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--real", type=int, default=300, help="documents imported through real extraction")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    db = ap.add_mutually_exclusive_group()
    db.add_argument("--database-url", default=None, help="default: a SQLite file in a temp dir")
    db.add_argument("--postgres", action="store_true",
                    help="start a throwaway PostgreSQL cluster on loopback for the run")
    ap.add_argument("--rounds", type=int, default=10, help="search rounds over the query mix")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    # `kill`/`timeout` end the run through the same clean-up as Ctrl-C (cluster stopped, temp dir gone).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        with ExitStack() as stack:
            run(args, stack)
    except PostgresUnavailable as exc:
        sys.exit(f"bench_archive --postgres: {exc}")


def run(args: argparse.Namespace, stack: ExitStack) -> None:
    from fastapi.testclient import TestClient

    from service.app import create_app
    from service.archive import Archive
    from service.archive.batch import import_paths
    from service.config import Settings

    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
    if not args.keep:
        stack.callback(shutil.rmtree, tmp, ignore_errors=True)
    if args.postgres:
        url = stack.enter_context(local_postgres("tdkt_bench"))
    else:
        url = args.database_url or f"sqlite:///{tmp / 'tdkt.db'}"
    settings = Settings(database_url=url, storage_path=tmp / "files", workers=args.workers, corpus_dirs=[])
    archive = Archive.open(settings.database_url, settings.storage_path)
    stack.callback(archive.close)  # before the cluster stops
    print(f"tdkt archive benchmark · {date.today()} · {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores · {archive.dialect}")

    # 1. real import
    src = tmp / "import"
    variants(src, args.real, rng)
    n_files = len(list(src.iterdir()))
    t = time.perf_counter()
    s = import_paths(archive, [src], workers=args.workers, max_bytes=settings.max_upload_bytes, progress=False)
    dt = time.perf_counter() - t
    print(f"import (extraction in {args.workers} workers): {s.stored} stored, {s.skipped} skipped, "
          f"{len(s.failed)} failed of {n_files} files in {dt:.1f} s → {s.stored / dt:.1f} docs/s")

    # 2. fill with varied copies
    need, dt = fill_copies(archive, args.docs, rng)
    total = archive.count()
    print(f"fill with varied copies: {need} in {dt:.1f} s → {need / dt:.0f} docs/s (store only); archive: {total} docs")

    app = create_app(settings, archive)
    with TestClient(app) as client:
        # 3. search
        lat, totals, per_query = [], {}, {}
        for _ in range(2):  # warm caches
            for params in QUERIES:
                client.get("/api/search", params=params)
        for _ in range(args.rounds):
            for params in QUERIES:
                t = time.perf_counter()
                r = client.get("/api/search", params=params)
                lat.append((time.perf_counter() - t) * 1000)
                per_query.setdefault(str(params), []).append(lat[-1])
                assert r.status_code == 200, r.text
                totals[str(params)] = r.json()["total"]
        print(f"search ({len(lat)} requests, facets + snippets, {len(QUERIES)} queries): "
              f"p50 {pct(lat, 50):.1f} ms, p95 {pct(lat, 95):.1f} ms, max {max(lat):.1f} ms "
              f"(hits per query {min(totals.values())}–{max(totals.values())})")
        slowest = sorted(((pct(v, 50), k) for k, v in per_query.items()), reverse=True)[:3]
        print("  slowest queries, p50: " + "; ".join(f"{k} {ms:.1f} ms" for ms, k in slowest))
        # The first search after a write pays for what the write made stale: the facet
        # index and the cached per-term scores are rebuilt.
        cold = []
        seed = sorted(p for p in DOCS.glob("h*.txt") if p.stem not in blind_pending())[0]  # a short news item: the write is not what is timed
        for i, params in enumerate(QUERIES):
            body = seed.read_bytes() + f"\n(Bản ghi sau {i})\n".encode()
            job, _ms = upload_and_wait(client, f"ghi-{i}.txt", body)
            assert job["state"] == "done", job
            t = time.perf_counter()
            client.get("/api/search", params=params)
            cold.append((time.perf_counter() - t) * 1000)
        print(f"search, first query after a write ({len(cold)} requests): "
              f"p50 {pct(cold, 50):.1f} ms, p95 {pct(cold, 95):.1f} ms, max {max(cold):.1f} ms")

        # 4. upload-to-record
        data, pages = twenty_page_docx(tmp)
        uploads = [unique_docx(data, i) for i in range(21)]
        lat = []
        for i, body in enumerate(uploads):
            job, ms = upload_and_wait(client, f"bao-cao-20-trang-{i}.docx", body)
            assert job["state"] == "done" and not job["duplicate"], job
            if i:  # the first one warms the pipeline
                lat.append(ms)
        chars = len(client.get(f"/api/documents/{job['document_id']}").json()["record"]["text"])
        print(f"upload-to-record, {pages}-page .docx ({len(data) // 1024} KB, {chars} chars): "
              f"p50 {pct(lat, 50):.0f} ms, p95 {pct(lat, 95):.0f} ms")
        for name in ("000_b2037343df6e8685.txt", "000_b2037343df6e8685.pdf"):
            p = (DOCS if name.endswith(".txt") else RENDERINGS) / name
            if not p.exists():
                continue
            lat = []
            for i in range(6):
                body = p.read_bytes() + (f"\n{i}".encode() if p.suffix == ".txt" else f"\n%{i}\n".encode())
                job, ms = upload_and_wait(client, f"{i}-{name}", body)
                lat.append(ms)
            print(f"upload-to-record, {name} ({job['state']}): p50 {pct(lat, 50):.0f} ms, p95 {pct(lat, 95):.0f} ms")
    if args.keep:
        print(f"archive kept in {tmp}" + (" (files only: the PostgreSQL cluster is removed)" if args.postgres else ""))


if __name__ == "__main__":
    main()
