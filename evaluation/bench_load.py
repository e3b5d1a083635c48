"""Load benchmark (a script, not a timed test): searches while uploads run.

    .venv/bin/python -m evaluation.bench_load [--docs 2000] [--searches 2000] [--uploads 20]
                                              [--clients 2] [--postgres]

1. an archive of `--docs` documents (real extraction of corpus variants through `tdkt import`,
   then varied copies, as in bench_archive);
2. `tdkt serve` started as `make run` starts it — a real process on loopback with its job
   worker in a child process;
3. quiet: `--searches` searches (the bench_archive query mix: facets, snippets, filters) from
   `--clients` concurrent clients → p50/p95;
4. loaded: `--uploads` real corpus files (text, Word, PDF, legacy .doc, HTML)
   posted at once, each followed as a job until done, while `--searches` searches run again
   → search p50/p95 of the searches made while uploads were unfinished, and upload-to-done
   times;
5. errors of every kind (a search not 200, an upload refused, a job failed, an exception) —
   must be 0.

Targets (issue 14): search p95 < 100 ms while uploads run on SQLite, < 50 ms quiet. Corpus
documents awaiting their blind score (corpora/split.json) are never used."""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx

from evaluation.bench_archive import QUERIES, ROOT, blind_pending, fill_copies, pct, unique_docx, variants
from evaluation.pg_cluster import PostgresUnavailable, local_postgres

DOCS = ROOT / "corpora" / "docs"
RENDERINGS = ROOT / "corpora" / "renderings"
POLL = 0.5  # how often each upload asks for its job, as the upload page does (0.7 s)


def upload_files(n: int) -> list[tuple[str, bytes]]:
    """n real corpus files (renderings of every format first, then texts), each made unique
    with a trailing line or byte so that none is a duplicate of a stored document."""
    pending = blind_pending()
    pool = [p for p in sorted(RENDERINGS.iterdir()) if p.is_file() and p.stem not in pending]
    pool += [p for p in sorted(DOCS.glob("*.txt")) if p.stem not in pending]
    out = []
    for i in range(n):
        p = pool[i % len(pool)]
        data = p.read_bytes()
        if p.suffix in (".txt", ".md", ".html"):
            data += f"\n(Tải lên thử tải {i})\n".encode()
        elif p.suffix == ".pdf":
            data += f"\n%tai-{i}\n".encode()  # after %%EOF: readers ignore it
        elif p.suffix == ".docx":
            data = unique_docx(data, i)
        else:  # an OLE .doc: trailing padding past its last sector is ignored by LibreOffice
            data += b"\0" * (512 * (i + 1))
        out.append((f"{i:02d}-{p.name}", data))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(url: str, folder: Path, workers: int) -> Iterator[str]:
    """`tdkt serve` in its own session on loopback; stopped (and its worker with it) at the end."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    env.update(PYTHONPATH=str(ROOT), TDKT_DATABASE_URL=url, TDKT_STORAGE_PATH=str(folder / "files"),
               TDKT_WORKERS=str(workers))
    proc = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, cwd=folder, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=open(folder / "server.log", "wb"))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"tdkt serve stopped: {(folder / 'server.log').read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("tdkt serve did not start")
            time.sleep(0.2)
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@dataclass
class Searches:
    latencies: list[tuple[float, float]] = field(default_factory=list)  # (start time, ms)
    errors: list[str] = field(default_factory=list)


def run_searches(base: str, count: int, clients: int, rng: random.Random) -> Searches:
    out = Searches()
    lock = threading.Lock()
    plan = [QUERIES[rng.randrange(len(QUERIES))] for _ in range(count)]
    nxt = iter(plan)

    def client() -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            while True:
                with lock:
                    params = next(nxt, None)
                if params is None:
                    return
                start = time.perf_counter()
                try:
                    r = http.get("/api/search", params=params)
                    ok = r.status_code == 200
                    problem = None if ok else f"search {params}: {r.status_code} {r.text[:200]}"
                except httpx.HTTPError as exc:
                    problem = f"search {params}: {type(exc).__name__}"
                ms = (time.perf_counter() - start) * 1000
                with lock:
                    out.latencies.append((start, ms))
                    if problem:
                        out.errors.append(problem)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


@dataclass
class Upload:
    name: str
    started: float
    ms: float | None = None
    state: str | None = None
    error: str | None = None


def run_uploads(base: str, files: list[tuple[str, bytes]]) -> list[Upload]:
    """Every file posted at once on its own connection, each followed until its job settles."""
    results = [Upload(name, 0.0) for name, _ in files]
    go = threading.Barrier(len(files))

    def one(i: int) -> None:
        name, data = files[i]
        res = results[i]
        with httpx.Client(base_url=base, timeout=120) as http:
            go.wait()
            res.started = time.perf_counter()
            try:
                r = http.post("/api/documents", files={"files": (name, data)})
                if r.status_code != 202:
                    res.state, res.error = "refused", f"{r.status_code} {r.text[:200]}"
                    return
                job = r.json()["jobs"][0]
                while job["state"] not in ("done", "failed"):
                    time.sleep(POLL)
                    job = http.get(f"/api/jobs/{job['id']}", params={"record": "false"}).json()
                res.state, res.error = job["state"], job["error"]
            except httpx.HTTPError as exc:
                res.state, res.error = "error", type(exc).__name__
            finally:
                res.ms = (time.perf_counter() - res.started) * 1000

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(files))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000, help="documents in the archive before the run")
    ap.add_argument("--real", type=int, default=100, help="of which imported through real extraction")
    ap.add_argument("--searches", type=int, default=2000, help="searches per phase")
    ap.add_argument("--uploads", type=int, default=20)
    ap.add_argument("--clients", type=int, default=2, help="concurrent search clients")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL 15 cluster on loopback")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        with ExitStack() as stack:
            errors = run(args, stack)
    except PostgresUnavailable as exc:
        sys.exit(f"bench_load --postgres: {exc}")
    sys.exit(1 if errors else 0)


def run(args: argparse.Namespace, stack: ExitStack) -> int:
    from service.archive import Archive
    from service.archive.batch import import_paths

    rng = random.Random(11)
    tmp = Path(tempfile.mkdtemp(prefix="tdkt-bench-load-"))
    stack.callback(shutil.rmtree, tmp, ignore_errors=True)
    url = stack.enter_context(local_postgres("tdkt_load")) if args.postgres else f"sqlite:///{tmp / 'tdkt.db'}"
    archive = Archive.open(url, tmp / "files")
    print(f"tdkt load benchmark · {date.today()} · {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run · {archive.dialect}")
    src = tmp / "import"
    variants(src, args.real, rng)
    import_paths(archive, [src], workers=args.workers, max_bytes=50 * 1024 * 1024, progress=False)
    fill_copies(archive, args.docs, rng)
    print(f"archive: {archive.count()} documents")
    archive.close()

    files = upload_files(args.uploads)
    with server(url, tmp, args.workers) as base:
        for params in QUERIES * 2:  # warm the caches
            httpx.get(base + "/api/search", params=params, timeout=60)
        quiet = run_searches(base, args.searches, args.clients, rng)
        q = [ms for _s, ms in quiet.latencies]
        print(f"search, quiet ({len(q)} searches, {args.clients} clients): p50 {pct(q, 50):.1f} ms, "
              f"p95 {pct(q, 95):.1f} ms, max {max(q):.1f} ms")

        box: dict[str, list[Upload]] = {}
        uploader = threading.Thread(target=lambda: box.setdefault("u", run_uploads(base, files)))
        t0 = time.perf_counter()
        uploader.start()
        loaded = run_searches(base, args.searches, args.clients, rng)
        uploader.join()
        uploads = box["u"]
        last_done = max(u.started + (u.ms or 0) / 1000 for u in uploads)
        during = [ms for start, ms in loaded.latencies if start < last_done]
        every = [ms for _s, ms in loaded.latencies]
        print(f"search, while {len(files)} uploads run ({len(during)} of {len(loaded.latencies)} searches made "
              f"before the last upload was done): p50 {pct(during, 50):.1f} ms, p95 {pct(during, 95):.1f} ms, "
              f"max {max(during):.1f} ms; all {len(every)} of the phase: p50 {pct(every, 50):.1f} ms, "
              f"p95 {pct(every, 95):.1f} ms")
        done = [u.ms for u in uploads if u.state == "done"]
        print(f"upload to done ({len(done)} of {len(uploads)} files, sent at once): p50 {pct(done, 50):.0f} ms, "
              f"p95 {pct(done, 95):.0f} ms, max {max(done):.0f} ms; all done after {last_done - t0:.1f} s")
        by_format: dict[str, list[float]] = {}
        for u in uploads:
            if u.state == "done":
                by_format.setdefault(Path(u.name).suffix.lstrip("."), []).append(u.ms)
        print("  by format, p50: " + ", ".join(f"{k} {pct(v, 50):.0f} ms ({len(v)})" for k, v in sorted(by_format.items())))
    errors = quiet.errors + loaded.errors + [f"upload {u.name}: {u.state} {u.error}" for u in uploads
                                             if u.state != "done"]
    print(f"errors: {len(errors)} · load average at the end {os.getloadavg()[0]:.1f}")
    for e in errors[:20]:
        print(f"  {e}")
    return len(errors)


if __name__ == "__main__":
    main()
