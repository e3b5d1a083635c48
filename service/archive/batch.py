"""Batch import of a folder tree: extraction in the isolated worker processes
(`service.uploads.extract_upload`, one thread waiting on each), writes in this process.

Files already in the archive (same SHA-256) are skipped before any extraction, so an
interrupted import resumes where it stopped; each file is committed on its own; a file
that fails is reported and the batch goes on."""
from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from service.archive.store import Archive, sha256_hex

log = logging.getLogger("tdkt.service")

SUFFIXES = {".txt", ".md", ".docx", ".doc", ".pdf", ".html", ".htm", ".odt", ".rtf"}


@dataclass
class Summary:
    stored: int = 0
    skipped: int = 0  # already in the archive (or the same bytes earlier in this batch)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, Vietnamese reason)
    ignored: int = 0  # not a report format
    stored_ids: list[int] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Đã lưu: {self.stored} · bỏ qua (đã có trong kho): {self.skipped} · lỗi: {len(self.failed)}"
               + (f" · không phải báo cáo: {self.ignored}" if self.ignored else "")]
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
        elif p.is_file():
            yield p, True
        else:
            yield p, True  # reported as not found


def _read_error(exc: OSError) -> str:
    return "không có quyền đọc tệp" if isinstance(exc, PermissionError) else "không đọc được tệp từ ổ đĩa"


def _extract(path: str, limit: int):
    """(record, None) or (None, reason). Never raises."""
    from service.uploads import UploadError, check_size, extract_upload

    name = Path(path).name
    try:
        data = Path(path).read_bytes()
        check_size(name, len(data), limit)
        return extract_upload(data, name, log_errors=False), None
    except UploadError as exc:
        return None, exc.detail
    except OSError as exc:
        return None, _read_error(exc)
    except Exception:  # noqa: BLE001 — a worker must report, not die
        log.exception("nạp thất bại: %s", path)
        return None, "lỗi không mong đợi khi đọc tệp (đã ghi nhật ký)"


def import_paths(archive: Archive, paths: Iterable[str | Path], *, workers: int, max_bytes: int,
                 progress: bool = True, on_event: Callable[[str], None] | None = None) -> Summary:
    summary = Summary()
    files = list(iter_files(paths))
    known = archive.known_hashes()
    todo: list[tuple[Path, str]] = []
    bar = tqdm(total=len(files), desc="Đang nạp", unit="tệp", disable=not progress, file=sys.stderr)
    for path, wanted in files:
        if not wanted:
            summary.ignored += 1
            bar.update(1)
            continue
        try:
            size = path.stat().st_size
            sha = sha256_hex(path.read_bytes()) if size <= max_bytes else ""
        except OSError as exc:
            summary.failed.append((str(path), _read_error(exc)))
            bar.update(1)
            continue
        if sha and sha in known:
            summary.skipped += 1
            bar.update(1)
            continue
        if sha:
            known.add(sha)  # the same bytes later in the batch are skipped too
        todo.append((path, sha))

    def store(path: Path, sha: str, result) -> None:
        record, reason = result
        if record is None:
            summary.failed.append((str(path), reason))
            return
        try:
            data = path.read_bytes()
            if sha256_hex(data) != sha:
                summary.failed.append((str(path), "tệp đã thay đổi trong khi nạp; hãy chạy lại"))
                return
            stored = archive.add(data, path.name, record)
        except Exception:  # noqa: BLE001 — one bad write must not stop the batch
            log.exception("không lưu được: %s", path)
            summary.failed.append((str(path), "không lưu được vào kho (đã ghi nhật ký)"))
            return
        if stored.duplicate:
            summary.skipped += 1
        else:
            summary.stored += 1
            summary.stored_ids.append(stored.document["id"])

    try:
        if workers <= 1 or len(todo) <= 1:
            for path, sha in todo:
                store(path, sha, _extract(str(path), max_bytes))
                bar.update(1)
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                pending: dict[Future, tuple[Path, str]] = {}
                queue = iter(todo)
                try:
                    for _ in range(workers * 4):  # bounded: records are consumed as they come
                        item = next(queue, None)
                        if item is None:
                            break
                        pending[pool.submit(_extract, str(item[0]), max_bytes)] = item
                    while pending:
                        done, _ = wait(pending, return_when=FIRST_COMPLETED)
                        for fut in done:
                            path, sha = pending.pop(fut)
                            try:
                                result = fut.result()
                            except Exception:  # noqa: BLE001 — a crashed worker fails one file
                                log.exception("nạp thất bại: %s", path)
                                result = (None, "tiến trình xử lý bị lỗi (đã ghi nhật ký)")
                            store(path, sha, result)
                            bar.update(1)
                            item = next(queue, None)
                            if item is not None:
                                pending[pool.submit(_extract, str(item[0]), max_bytes)] = item
                except BaseException:
                    pool.shutdown(wait=False, cancel_futures=True)
                    raise
    finally:
        bar.close()
    return summary
