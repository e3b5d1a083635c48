"""Hostile inputs for tdkt: real corpus files (.txt, .docx, .pdf, .html, .xlsx) mutated at
random (bytes, zip members, inflate streams, splices of two files) and crafted bombs
(`evaluation.hostile`), sent through `tdkt extract` and through the API of a service
running on loopback.

    python -m evaluation.fuzz [--inputs 10000] [--only cli|api] [--seed 14]   (make fuzz)

Every input must give a record or a refusal: one Vietnamese line naming the file and the
problem, never a traceback or an exception's name; no file may run past the time limit
(plus the pool's grace); the service never answers 5xx and its memory stays under the
configured cap plus 200 MB. The run prints its figures; the README keeps them.

`inputs()` and `check_refusal()` are also what the bounded fuzz test of `make test` uses
(tests/fuzz). Only corpus documents that have had their blind score are used."""
from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from evaluation import hostile

ROOT = Path(__file__).resolve().parent.parent
VIETNAMESE = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
# What must never reach a user: a traceback, an exception's name, a raw errno or zlib code.
LEAK = re.compile(r"Traceback|\b[A-Z]\w*(?:Error|Exception|Expired|Warning)\b|BadZipFile|Errno|Error -?\d|"
                  r"\bzlib\b|\blxml\b|\bpdfminer\b|object at 0x")


# --- seeds -------------------------------------------------------------------------------

def _blind_pending() -> set[str]:
    split = json.loads((ROOT / "corpora" / "split.json").read_text(encoding="utf-8"))
    return set(split.get("blind_pending", []))


def seed_files() -> list[Path]:
    """Corpus texts that have had their blind score, the renderings and the test fixtures."""
    pending = _blind_pending()
    texts = [p for p in sorted((ROOT / "corpora" / "docs").glob("*.txt")) if p.stem not in pending]
    others = [p for folder in (ROOT / "corpora" / "renderings", ROOT / "tests" / "ingest" / "fixtures")
              for p in sorted(folder.iterdir()) if p.is_file() and p.suffix in (".docx", ".pdf", ".html")]
    sheets = sorted((ROOT / "corpora" / "composed").glob("*.xlsx"))  # composed, not a corpus document
    return texts + others + sheets


def _short_pdfs(path: Path, pages: int = 2) -> list[bytes]:
    """The PDF cut into parts of `pages` pages (pypdf): mutating a short PDF keeps a run
    that OCRs what a mutation left without text layer to seconds, not minutes."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(path)
    parts = []
    for first in range(0, min(len(reader.pages), 6), pages):
        writer = PdfWriter()
        for i in range(first, min(first + pages, len(reader.pages))):
            writer.add_page(reader.pages[i])
        buf = io.BytesIO()
        writer.write(buf)
        parts.append(buf.getvalue())
    return parts


def seeds() -> list[tuple[str, bytes]]:
    out = []
    for path in seed_files():
        if path.suffix == ".pdf" and "scan" not in path.name:
            out += [(f"{path.stem}-{i}.pdf", data) for i, data in enumerate(_short_pdfs(path))]
        else:
            out.append((path.name, path.read_bytes()))
    return out


# --- mutations ---------------------------------------------------------------------------

_JUNK = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"<sup>1</sup>", b"<div>" * 50, b"%PDF-", b"PK\x03\x04",
         "Đ".encode() * 30, b"\r\n" * 20, b"9" * 40, b"&amp;&#0;&#xFFFF;", b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
         b"endstream endobj", b"/Length 999999999", b"\\u0000", "ơ̛̛̛̛̛".encode() * 10, b"*" * 64]


def _bytes_mutation(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    n = len(buf)
    kind = rng.randrange(7)
    if kind == 0 or n < 8:  # flip a few bytes
        for _ in range(rng.randint(1, 16)):
            if buf:
                buf[rng.randrange(len(buf))] = rng.randrange(256)
    elif kind == 1:  # insert junk or random bytes
        piece = rng.choice(_JUNK) if rng.random() < 0.6 else os.urandom(rng.randint(1, 256))
        at = rng.randrange(n + 1)
        buf[at:at] = piece * rng.randint(1, 4)
    elif kind == 2:  # delete a range
        a = rng.randrange(n)
        del buf[a:a + rng.randint(1, max(1, n // 8))]
    elif kind == 3:  # duplicate a range elsewhere
        a = rng.randrange(n)
        chunk = buf[a:a + rng.randint(1, max(1, n // 4))]
        at = rng.randrange(n + 1)
        buf[at:at] = chunk * rng.randint(1, 8)
    elif kind == 4:  # truncate
        del buf[rng.randrange(1, n):]
    elif kind == 5:  # overwrite a run with one byte value
        a = rng.randrange(n)
        buf[a:a + rng.randint(1, 512)] = bytes([rng.randrange(256)]) * rng.randint(1, 512)
    else:  # shuffle two blocks
        a, b = sorted(rng.randrange(n) for _ in range(2))
        size = min(rng.randint(1, 4096), n - b)
        buf[a:a + size], buf[b:b + size] = buf[b:b + size], buf[a:a + size]
    return bytes(buf)


def _zip_mutation(data: bytes, rng: random.Random) -> bytes:
    """A member of the package mutated and the package written again (the zip stays valid,
    its XML does not), or the deflated bytes of a member damaged in place."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [(i, zf.read(i.filename)) for i in zf.infolist()]
    except Exception:  # noqa: BLE001 — an already damaged seed (a splice): mutate its bytes instead
        return _bytes_mutation(data, rng)
    if not members:
        return _bytes_mutation(data, rng)
    if rng.random() < 0.3:  # inflate errors: the "Error -3" of the issue
        out = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(30, max(31, len(out) - 100))
            out[at] ^= 1 << rng.randrange(8)
        return bytes(out)
    xml = [k for k, (info, _) in enumerate(members) if info.filename.endswith(".xml")] or list(range(len(members)))
    target = rng.choice(xml) if rng.random() < 0.8 else rng.randrange(len(members))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for k, (info, content) in enumerate(members):
            if k == target:
                content = _bytes_mutation(content, rng)
                if rng.random() < 0.2:
                    content = _bytes_mutation(content, rng)
            out.writestr(info.filename, content)
    return buf.getvalue()


def mutate(name: str, data: bytes, rng: random.Random, pool: list[tuple[str, bytes]]) -> bytes:
    if rng.random() < 0.08:  # splice with another seed
        _, other = rng.choice(pool)
        return data[:rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]
    if name.endswith((".docx", ".xlsx")) and rng.random() < 0.7:
        return _zip_mutation(data, rng)
    out = _bytes_mutation(data, rng)
    for _ in range(rng.choice((0, 0, 1, 2))):
        out = _bytes_mutation(out, rng) if out else out
    return out


def crafted(quick: bool = False) -> list[tuple[str, Callable[[], bytes]]]:
    """Bombs and extremes, each built when it is used (some are large). `quick` leaves out
    the large inputs that are real work rather than an attack (thousands of pages of text),
    for the bounded run of `make test`."""
    bombs = [
        ("bom-nen.docx", lambda: hostile.docx_zip_bomb(1024)),
        ("khai-gian-kich-thuoc.docx", hostile.docx_lying_sizes),
        ("bom-thuc-the.docx", hostile.docx_entity_bomb),
        ("thuc-the-ngoai.docx", hostile.docx_external_entity),
        ("long-sau.docx", hostile.docx_deep_nesting),
        ("nhieu-phan.docx", hostile.docx_many_entries),
        ("bom-flate.pdf", lambda: hostile.pdf_flate_bomb(1024)),
        ("5000-trang.pdf", lambda: hostile.pdf_pages(5000)),
        ("trang-day-chu.pdf", lambda: hostile.pdf_dense_page(1_000_000)),
        ("khong-trang.pdf", hostile.pdf_zero_pages),
        ("cay-trang-hong.pdf", hostile.pdf_broken_page_tree),
        ("trang-trang.pdf", lambda: hostile.pdf_blank_pages(3)),
        ("mot-dong-10mb.txt", lambda: hostile.text_single_line(10_000_000)),
        ("trieu-dong.txt", lambda: hostile.text_many_lines(1_000_000)),
        ("100k-div.html", lambda: hostile.html_nested(100_000)),
        ("chi-bom.txt", lambda: b"\xef\xbb\xbf"),
        ("khoang-trang.txt", lambda: b" \t\n" * 1000),
        ("than-rong.html", lambda: b"<html><body>   </body></html>"),
        ("rong.docx", lambda: b""),
    ]
    large = [
        ("hai-muoi-nghin-dong.txt", lambda: hostile.text_many_lines(20_000)),
        ("danh-sach-dai.txt", lambda: hostile.text_bullets(20_000)),
        ("doan-ngat-dong.txt", lambda: hostile.text_broken_paragraph(50_000)),
        ("nhieu-sup.md", lambda: hostile.markdown_sup(20_000)),
        ("trieu-doan.html", lambda: hostile.html_short_paragraphs(1_000_000)),
        ("hai-muoi-nghin-doan.html", lambda: hostile.html_paragraphs(20_000)),
    ]
    return bombs if quick else bombs + large


def inputs(count: int, seed: int = 14, crafted_every: int = 0,
           quick: bool = False) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """`count` (name, make-bytes) pairs: the crafted inputs first (all of them, or one every
    `crafted_every` inputs when given), the rest mutations of the seeds, deterministically."""
    rng = random.Random(seed)
    pool = seeds()
    bombs = crafted(quick)
    made = 0
    if not crafted_every:
        for name, make in bombs[:count]:
            yield f"{made:05d}-{name}", make
            made += 1
    while made < count:
        if crafted_every and made % crafted_every == 0:
            name, make = bombs[(made // crafted_every) % len(bombs)]
            yield f"{made:05d}-{name}", make
        else:
            base, data = rng.choice(pool)
            mutated = mutate(base, data, random.Random(rng.random()), pool)
            stem, _, suffix = base.rpartition(".")
            yield f"dot-bien-{made:05d}-{stem[:24]}.{suffix}", (lambda d=mutated: d)
        made += 1


def check_refusal(name: str, message: str) -> str | None:
    """What is wrong with a refusal a user reads, or None when it is fine."""
    if not message.strip():
        return "thông báo rỗng"
    if "\n" in message.strip():
        return "thông báo nhiều dòng"
    if name not in message:
        return "không nêu tên tệp"
    if not VIETNAMESE & set(message.lower()):
        return "không phải tiếng Việt"
    if LEAK.search(message):
        return "lộ tên ngoại lệ hoặc vết lỗi"
    return None


# --- the two runs --------------------------------------------------------------------------

@dataclass
class Figures:
    inputs: int = 0
    records: int = 0
    refusals: int = 0
    bad_refusals: list[str] = field(default_factory=list)
    tracebacks: int = 0
    hangs: int = 0
    server_5xx: int = 0
    slowest_s: float = 0.0
    codes: Counter = field(default_factory=Counter)

    def line(self, label: str) -> str:
        return (f"| {label} | {self.inputs:,} | {self.records:,} | {self.refusals:,} | {len(self.bad_refusals)} | "
                f"{self.tracebacks} | {self.hangs} | {self.server_5xx} | {self.slowest_s:.1f} |")


def run_cli(items: list[tuple[str, Callable[[], bytes]]], limit_s: float, batch: int = 100) -> Figures:
    """`python -m service.cli extract` over folders of `batch` inputs."""
    figures = Figures()
    for start in range(0, len(items), batch):
        chunk = items[start:start + batch]
        with tempfile.TemporaryDirectory(prefix="tdkt-fuzz-") as tmp:
            src, out = Path(tmp) / "vao", Path(tmp) / "ra"
            src.mkdir()
            for name, make in chunk:
                (src / name).write_bytes(make())
            began = time.monotonic()
            try:
                proc = subprocess.run([sys.executable, "-m", "service.cli", "extract", str(src), "-o", str(out)],
                                      capture_output=True, text=True, cwd=ROOT, timeout=len(chunk) * (limit_s + 10),
                                      env={**os.environ, "PYTHONPATH": str(ROOT)})
            except subprocess.TimeoutExpired:
                figures.hangs += 1
                figures.inputs += len(chunk)
                continue
            figures.slowest_s = max(figures.slowest_s, time.monotonic() - began)
            errors = {}
            line_of = re.compile(r"Lỗi: (" + re.escape(str(src)) + r"/[^:\r]+): [^\r]*")
            for line in proc.stderr.splitlines():
                m = line_of.search(line)  # after the progress bar's carriage returns, if any
                if m:
                    errors[Path(m.group(1)).name] = m.group(0)
            figures.tracebacks += proc.stderr.count("Traceback")
            for name, _ in chunk:
                figures.inputs += 1
                if (out / f"{name}.json").is_file():
                    figures.records += 1
                elif name in errors:
                    figures.refusals += 1
                    problem = check_refusal(name, errors[name])
                    if problem:
                        figures.bad_refusals.append(f"{name}: {problem}: {errors[name]}")
                else:
                    figures.bad_refusals.append(f"{name}: không có bản ghi cũng không có thông báo lỗi")
        print(f"  CLI {min(start + batch, len(items)):,}/{len(items):,}", file=sys.stderr, flush=True)
    return figures


class ServerWatch:
    """The service on loopback (`tdkt serve`), its memory sampled every 0.2 s: the web process
    and each of its workers."""

    def __init__(self, port: int, env: dict[str, str]) -> None:
        import psutil

        self.proc = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
                                     cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.base = f"http://127.0.0.1:{port}"
        self.web_peak = self.worker_peak = self.total_peak = 0
        self._stop = threading.Event()
        self._psutil = psutil
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        self.stderr: list[str] = []
        threading.Thread(target=lambda: self.stderr.extend(self.proc.stderr), daemon=True).start()

    def _sample(self) -> None:
        psutil = self._psutil
        try:
            root = psutil.Process(self.proc.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            try:
                web = root.memory_info().rss
                workers = [c.memory_info().rss for c in root.children(recursive=True)]
            except psutil.Error:
                workers, web = [], 0
            self.web_peak = max(self.web_peak, web)
            self.worker_peak = max([self.worker_peak, *workers])
            self.total_peak = max(self.total_peak, web + sum(workers))
            time.sleep(0.2)

    def wait_ready(self, client, timeout_s: float = 120) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                if client.get(f"{self.base}/api/documents?size=1").status_code == 200:
                    return
            except Exception:  # noqa: BLE001 — not listening yet
                time.sleep(0.3)
        raise RuntimeError("tdkt serve did not start: " + "".join(self.stderr)[-2000:])

    def stop(self) -> None:
        self._stop.set()
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _job_ids(body) -> list:
    """Job ids of a 202 answer, whatever its exact shape ({"jobs": [{"id": …}]}, {"ids": […]}, […])."""
    if isinstance(body, dict):
        for key in ("jobs", "ids", "job_ids", "items"):
            if key in body:
                return _job_ids(body[key])
        for key in ("id", "job_id"):
            if key in body:
                return [body[key]]
        return []
    if isinstance(body, list):
        return [x for item in body for x in _job_ids(item)] if body and isinstance(body[0], dict) else list(body)
    return []


def _follow_job(client, base: str, job_id, deadline: float) -> tuple[str, str]:
    """("done" | "failed" | "hang", reason) of a job, polled until it ends."""
    while time.monotonic() < deadline:
        r = client.get(f"{base}/api/jobs/{job_id}")
        if r.status_code >= 500:
            return "5xx", r.text[:200]
        body = r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
        state = str(body.get("state") or body.get("status") or "")
        if state in ("done", "succeeded", "finished", "completed"):
            return "done", ""
        if state in ("failed", "error"):
            return "failed", str(body.get("error") or body.get("reason") or body.get("detail") or "")
        time.sleep(0.2)
    return "hang", ""


def run_api(items: list[tuple[str, Callable[[], bytes]]], limit_s: float, port: int, workers: int,
            clients: int = 3) -> tuple[Figures, ServerWatch]:
    """Each input uploaded alone to POST /api/documents of a fresh service; 201/200 with
    records, 4xx with a refusal, or 202 with jobs followed on GET /api/jobs/{id}."""
    import httpx

    figures = Figures()
    lock = threading.Lock()
    tmp = tempfile.TemporaryDirectory(prefix="tdkt-fuzz-api-")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TDKT_DATABASE_URL": f"sqlite:///{tmp.name}/tdkt.db",
           "TDKT_STORAGE_PATH": f"{tmp.name}/files", "TDKT_WORKERS": str(workers), "TDKT_API_KEY": "",
           "TDKT_MAX_UPLOAD_MB": "100"}
    watch = ServerWatch(port, env)
    queue = list(reversed(items))
    try:
        with httpx.Client(timeout=limit_s + 60) as probe:
            watch.wait_ready(probe)

        def worker() -> None:
            with httpx.Client(timeout=limit_s + 60) as client:
                while True:
                    with lock:
                        if not queue:
                            return
                        name, make = queue.pop()
                    _upload(client, watch.base, name, make(), limit_s, figures, lock)

        threads = [threading.Thread(target=worker) for _ in range(clients)]
        for t in threads:
            t.start()
        done = 0
        while any(t.is_alive() for t in threads):
            time.sleep(5)
            with lock:
                if figures.inputs - done >= 500:
                    done = figures.inputs
                    print(f"  API {done:,}/{len(items):,}", file=sys.stderr, flush=True)
        for t in threads:
            t.join()
    finally:
        watch.stop()
        tmp.cleanup()
    figures.tracebacks += sum(line.count("Traceback") for line in watch.stderr)
    return figures, watch


def _upload(client, base: str, name: str, data: bytes, limit_s: float, figures: Figures, lock) -> None:
    began = time.monotonic()
    try:
        r = client.post(f"{base}/api/documents", files={"files": (name, data)})
    except Exception:  # noqa: BLE001 — a dropped connection is a hang as far as a user can tell
        with lock:
            figures.inputs += 1
            figures.hangs += 1
        return
    outcome, reason = "", ""
    if r.status_code == 202:
        ids = _job_ids(r.json())
        outcome, reason = _follow_job(client, base, ids[0], began + limit_s + 30) if ids else ("failed", "")
    took = time.monotonic() - began
    with lock:
        figures.inputs += 1
        figures.slowest_s = max(figures.slowest_s, took)
        figures.codes[r.status_code] += 1
        if took > limit_s + 10 or outcome == "hang":
            figures.hangs += 1
        if r.status_code >= 500 or outcome == "5xx":
            figures.server_5xx += 1
            figures.bad_refusals.append(f"{name}: {r.status_code} {r.text[:200]}")
        elif r.status_code in (200, 201) or outcome == "done":
            figures.records += 1
        else:
            figures.refusals += 1
            detail = reason or (r.json().get("detail", "") if r.headers.get("content-type", "").startswith(
                "application/json") else r.text)
            problem = check_refusal(name, str(detail))
            if problem:
                figures.bad_refusals.append(f"{name}: {problem}: {detail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000,
                        help="inputs in all: half through the CLI, half through the API (all with --only)")
    parser.add_argument("--only", choices=["cli", "api"])
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    from service.config import Settings

    settings = Settings()
    limit_s, cap_mb = settings.extract_timeout_s, settings.extract_memory_mb
    print(f"# fuzz {date.today()} · {platform.machine()} · {os.cpu_count()} lõi · Python {platform.python_version()}"
          f" · giới hạn {limit_s:g} s, {cap_mb} MB mỗi tiến trình đọc tệp, {args.workers} tiến trình")
    print("| đường vào | đầu vào | bản ghi | từ chối | từ chối sai | traceback | treo quá giới hạn | 5xx | chậm nhất (s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    failures: list[str] = []
    per_path = args.inputs if args.only else args.inputs // 2
    crafted_every = max(1, per_path // (len(crafted()) * 2))  # every crafted input about twice per path
    if args.only in (None, "cli"):
        items = list(inputs(per_path, args.seed, crafted_every))
        cli = run_cli(items, limit_s)
        print(cli.line("CLI (tdkt extract)"), flush=True)
        failures += cli.bad_refusals
    if args.only in (None, "api"):
        items = list(inputs(per_path, args.seed + 1, crafted_every))
        api, watch = run_api(items, limit_s, args.port, args.workers)
        print(api.line("API (POST /api/documents)"), flush=True)
        mb = 1024 * 1024
        print(f"\nBộ nhớ máy chủ (RSS) cao nhất: tiến trình web {watch.web_peak / mb:.0f} MB, một tiến trình đọc tệp "
              f"{watch.worker_peak / mb:.0f} MB (giới hạn {cap_mb} MB + 200 MB), cả cây tiến trình "
              f"{watch.total_peak / mb:.0f} MB. Mã trả lời: {dict(sorted(api.codes.items()))}")
        failures += api.bad_refusals
        if max(watch.web_peak, watch.worker_peak) > (cap_mb + 200) * mb:
            failures.append("bộ nhớ vượt giới hạn + 200 MB")
    for line in failures[:50]:
        print("  SAI:", line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
