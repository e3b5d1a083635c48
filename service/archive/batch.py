"""Batch import of a folder tree on Dask distributed: a LocalCluster on this machine by
default, or the workers of a running scheduler (`scheduler="tcp://host:8786"`), each
extracting a file and writing it into the one archive (PostgreSQL, when the workers are on
several machines).

Files already in the archive (same SHA-256) are skipped before any extraction, and each
worker checks again before it writes, so an interrupted import — Ctrl-C, kill -9, a lost
machine — resumes where it stopped. Each file is one transaction; a file that fails is
reported and the batch goes on."""
from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from service.archive.store import Archive, sha256_hex

log = logging.getLogger("tdkt.service")

IN_FLIGHT_PER_WORKER = 8
IN_FLIGHT_BYTES = 256 * 1024 * 1024
SUFFIXES = {".txt", ".md", ".docx", ".doc", ".pdf", ".html", ".htm", ".odt", ".rtf", ".xlsx", ".xls"}


@dataclass
class Summary:
    stored: int = 0
    skipped: int = 0  # already in the archive (or the same bytes earlier in this batch)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, Vietnamese reason)
    ignored: int = 0  # not a report format
    stored_ids: list[int] = field(default_factory=list)
    seconds: float = 0.0  # extraction and storing, cluster start included

    def lines(self) -> list[str]:
        out = [f"Đã lưu: {self.stored} · bỏ qua (đã có trong kho): {self.skipped} · lỗi: {len(self.failed)}"
               + (f" · không phải báo cáo: {self.ignored}" if self.ignored else "")]
        if self.stored and self.seconds:
            out.append(f"Thời gian: {self.seconds:.1f} s ({self.stored / self.seconds:.2f} văn bản/giây)")
        out += [f"  lỗi: {name}: {reason}" for name, reason in self.failed]
        return out


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, bool]]:
    """(file, is a report format) for every non-hidden file under `paths`, in a stable order."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f, f.suffix.lower() in SUFFIXES
        else:
            yield p, True  # a file named on the command line (or reported as not found)


# --- on a worker ------------------------------------------------------------------------

_archives: dict[tuple[str, str], Archive] = {}


def _worker_archive(database_url: str, storage: str) -> Archive:
    """One archive connection per worker process, kept across its tasks (the client has
    migrated the schema already)."""
    key = (database_url, storage)
    if key not in _archives:
        _archives[key] = Archive(database_url, storage)
    return _archives[key]


def _one_extractor() -> None:
    """A Dask worker is already one of `workers` processes: its isolated extractor is one
    process, not another pool of `workers` (which would give workers² processes)."""
    from service import uploads
    from service.config import get_settings

    uploads.configure(get_settings().model_copy(update={"workers": 1}))


def import_one(data: bytes, name: str, sha: str, database_url: str, storage: str) -> tuple[str, object]:
    """Worker task: ("stored", document id), ("skipped", None) or ("failed", Vietnamese reason).
    Never raises: one file's trouble is that file's."""
    from service.uploads import UploadError, extract_upload

    _one_extractor()
    try:
        archive = _worker_archive(database_url, storage)
        if archive.has(sha):
            return "skipped", None  # stored meanwhile (another worker, machine or run)
        record = extract_upload(data, name, log_errors=False)
        stored = archive.add(data, name, record)
    except UploadError as exc:
        return "failed", exc.detail
    except Exception:  # noqa: BLE001 — a worker must report, not die
        log.exception("nạp thất bại: %s", name)
        return "failed", "lỗi không mong đợi khi lưu tệp (đã ghi nhật ký)"
    return ("skipped", None) if stored.duplicate else ("stored", stored.document["id"])


# --- on the client ----------------------------------------------------------------------

@dataclass
class Todo:
    path: Path
    sha: str


def plan(archive: Archive, paths: Iterable[str | Path], max_bytes: int, summary: Summary,
         tick: Callable[[], None]) -> list[Todo]:
    """The files to import: report formats, readable, within the size limit, not stored yet
    and not the same bytes as an earlier file of this batch."""
    from service.uploads import UploadError, check_size

    known = archive.known_hashes()
    todo: list[Todo] = []
    for path, wanted in iter_files(paths):
        if not wanted:
            summary.ignored += 1
            tick()
            continue
        try:
            check_size(path.name, path.stat().st_size, max_bytes)
            sha = sha256_hex(path.read_bytes())
        except UploadError as exc:
            summary.failed.append((str(path), exc.detail))
            tick()
            continue
        except OSError as exc:
            reason = "không có quyền đọc tệp" if isinstance(exc, PermissionError) else "không đọc được tệp từ ổ đĩa"
            summary.failed.append((str(path), reason))
            tick()
            continue
        if sha in known:
            summary.skipped += 1
            tick()
            continue
        known.add(sha)  # the same bytes later in the batch are skipped too
        todo.append(Todo(path, sha))
    return todo


def connect(stack: ExitStack, workers: int, scheduler: str | None):
    """A Dask client: to `scheduler`, or to a LocalCluster of `workers` processes (one
    thread each: extraction is CPU-bound Python); one worker runs in this process."""
    import dask
    from distributed import Client, LocalCluster

    # Each worker extracts in an isolated child process (extractor.isolation), which a
    # daemonic process may not start: the workers run as ordinary processes.
    stack.enter_context(dask.config.set({"distributed.worker.daemon": False}))
    if scheduler:
        return stack.enter_context(Client(scheduler, timeout="30s"))
    cluster = stack.enter_context(LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=workers > 1, dashboard_address=None,
        silence_logs=logging.ERROR))
    return stack.enter_context(Client(cluster))


def import_paths(archive: Archive, paths: Iterable[str | Path], *, workers: int, max_bytes: int,
                 progress: bool = True, scheduler: str | None = None) -> Summary:
    """Import `paths` into `archive` on Dask; the summary of what happened to each file."""
    started = time.perf_counter()
    summary = Summary()
    bar = tqdm(desc="Đang nạp", unit="tệp", disable=not progress, file=sys.stderr)
    try:
        todo = plan(archive, paths, max_bytes, summary, lambda: bar.update(1))
        bar.total = bar.n + len(todo)
        bar.refresh()
        if todo:
            _run(archive, todo, summary, workers, scheduler, bar)
    finally:
        bar.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _run(archive: Archive, todo: list[Todo], summary: Summary, workers: int, scheduler: str | None,
         bar: tqdm) -> None:
    from distributed import as_completed

    url = archive.engine.url.render_as_string(hide_password=False)
    storage = str(archive.storage.resolve())
    with ExitStack() as stack:
        client = connect(stack, workers, scheduler)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        queue = iter(todo)
        sent: dict[str, tuple[Todo, int]] = {}
        in_flight = 0  # bytes sent and not yet done

        def submit(item: Todo):
            nonlocal in_flight
            # The bytes travel with the task: the workers need not see this machine's disk.
            data = item.path.read_bytes()
            future = client.submit(import_one, data, item.path.name, item.sha, url, storage,
                                   key=f"tdkt-import-{item.sha}", pure=False, retries=1)
            sent[future.key] = (item, len(data))
            in_flight += len(data)
            return future

        def room() -> bool:
            # Enough files queued on every worker that none waits for the client, and a
            # bounded amount of bytes in memory.
            return not sent or (len(sent) < IN_FLIGHT_PER_WORKER * n_workers and in_flight < IN_FLIGHT_BYTES)

        pending = as_completed()
        for item in _take(queue, IN_FLIGHT_PER_WORKER * n_workers):
            pending.add(submit(item))
        for future in pending:
            item, size = sent.pop(future.key)
            in_flight -= size
            try:
                outcome, value = future.result()
            except Exception:  # noqa: BLE001 — a lost worker fails one file, not the batch
                log.exception("tiến trình nạp bị lỗi: %s", item.path)
                outcome, value = "failed", "tiến trình xử lý tệp bị dừng giữa chừng; chạy lại lệnh để nạp tiếp"
            _count(summary, item, outcome, value)
            bar.update(1)
            future.release()
            while room():
                nxt = _take(queue, 1)
                if not nxt:
                    break
                pending.add(submit(nxt[0]))


def _take(queue: Iterator[Todo], n: int) -> list[Todo]:
    out = []
    for item in queue:
        out.append(item)
        if len(out) >= n:
            break
    return out


def _count(summary: Summary, item: Todo, outcome: str, value: object) -> None:
    if outcome == "stored":
        summary.stored += 1
        summary.stored_ids.append(int(value))
    elif outcome == "skipped":
        summary.skipped += 1
    else:
        summary.failed.append((str(item.path), str(value)))
