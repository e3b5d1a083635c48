"""Extraction in worker processes, so that no file can hurt the process that asked for it.

`ExtractorPool(workers, limits).extract(data, name) -> Extraction` runs the pipeline in
one of `workers` pre-started processes, each with its own limits (as Apache Tika's
forked parser does):

- memory: `RLIMIT_AS` of `limits.memory_mb`, set in the worker (its converters inherit it);
- wall clock: an alarm in the worker stops the extraction after `limits.time_s`; should
  native code not return to Python, the pool kills the worker's whole process group
  (its LibreOffice or Tesseract too) a few seconds later;
- pages, characters and zip budgets: checked by the readers (`extractor.limits`).

A worker that hits a limit or dies is killed and replaced, and the caller gets an
ExtractionError naming the limit ("vượt quá giới hạn thời gian 120 giây"). Any other
failure inside the worker comes back as an ExtractionError too, with Vietnamese words for
what was wrong with the file; the traceback travels in `debug`, for the log only.

Each worker has its own pipe, so one worker can be killed without disturbing the others
(a pool with a shared channel, such as pebble's, can only replace a worker that dies by
itself). With the "forkserver" start method (the service's), workers are forked from a
server that has loaded the pipeline and its lexicons once (`extractor.preload`): a
replacement starts warm in milliseconds."""
from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
import queue
import resource
import signal
import threading
import traceback
import weakref
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from extractor.errors import ErrorCode, ExtractionError, describe
from extractor.limits import Limits, memory_exceeded, set_current, time_exceeded

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from extractor.records import Extraction

GRACE_S = 5.0  # after the worker's own alarm, how long the pool waits before killing it
_DIED = {signal.SIGKILL: "bị hệ thống dừng", signal.SIGSEGV: "gặp lỗi truy cập bộ nhớ",
         signal.SIGABRT: "tự dừng", signal.SIGBUS: "gặp lỗi truy cập bộ nhớ"}


# --- the worker side ---------------------------------------------------------------------

class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException so that no reader's `except Exception` eats it."""


def _on_alarm(_signum, _frame) -> None:
    raise _TimeUp


def _serve(conn: Connection, limits: Limits) -> None:
    """Worker main loop: (data, name, limits) in, (outcome, retire) out, until told to stop."""
    os.setsid()  # its own process group: a kill takes the converters it started too
    # What the readers print (pdfminer's warnings about a damaged font, libxml2's) is not
    # for the user, whose terminal this may be: outcomes come back as data.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGALRM, _on_alarm)
    _apply(limits)
    from extractor.warm import freeze, warm_up

    # At once, while the pool's owner is still getting the first file ready; without the
    # cyclic collector, which would only walk the modules and lexicons being built (a tenth
    # of the warm-up), and with them kept out of its later passes.
    gc.disable()
    warm_up(readers=False)
    freeze()
    gc.enable()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the pool is gone
        if job is None:
            os._exit(0)  # nothing to flush or finalise: exit without tearing the heap down
        data, name, limits = job
        _apply(limits)
        outcome, retire = run_limited(data, name, limits)
        try:
            conn.send((outcome, retire))
        except (OSError, ValueError):
            return
        if retire:
            return  # after a limit the pool replaces this process


def _apply(limits: Limits) -> None:
    """Make `limits` this worker's (they travel with each job: a pool's may be set after
    its workers started). Only the soft memory limit is set, so that it can follow."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = limits.memory_bytes if hard == resource.RLIM_INFINITY else min(limits.memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    set_current(limits)


def run_limited(data: bytes, name: str, limits: Limits) -> tuple[Extraction | ExtractionError, bool]:
    """The record or the error for one file, and whether this worker must retire."""
    from extractor.pipeline import extract_bytes

    signal.setitimer(signal.ITIMER_REAL, limits.time_s)
    try:
        return extract_bytes(data, name), False
    except _TimeUp:
        return time_exceeded(name, limits), True
    except ExtractionError as exc:
        if _caused_by(exc, MemoryError):
            return memory_exceeded(name, limits), True
        return exc, False
    except MemoryError:
        return memory_exceeded(name, limits), True
    except Exception as exc:  # noqa: BLE001 — a reader's bug on odd input is still the file's problem
        if _caused_by(exc, MemoryError):
            return memory_exceeded(name, limits), True
        error = ExtractionError(name, ErrorCode.corrupt, f"nội dung không đọc được ({describe(exc)})")
        error.debug = traceback.format_exc()
        return error, False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


# --- the pool side -----------------------------------------------------------------------

@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection

    def kill(self) -> None:
        pid = self.process.pid
        if pid is not None:
            for kill in (os.killpg, os.kill):  # the group, or the process before its setsid
                try:
                    kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        self.process.join(2)
        self.conn.close()


class PoolClosed(RuntimeError):
    pass


class ExtractorPool:
    """`workers` pre-started extraction processes with `limits`; thread-safe."""

    def __init__(self, workers: int = 1, limits: Limits | None = None, *, start_method: str = "forkserver",
                 grace_s: float = GRACE_S) -> None:
        self.workers = max(1, workers)
        self.limits = limits or Limits()
        self.grace_s = grace_s
        self._ctx = multiprocessing.get_context(start_method)
        if start_method == "forkserver":
            self._ctx.set_forkserver_preload(["extractor.preload"])
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._closed = False
        self._missing = 0  # workers that could not be replaced yet
        self._all: list[_Worker] = []
        for _ in range(self.workers):
            self._idle.put(self._start())
        _POOLS.add(self)

    def _start(self) -> _Worker:
        ours, theirs = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=_serve, args=(theirs, self.limits), daemon=True, name="tdkt-trich-xuat")
        process.start()
        theirs.close()  # so that the worker's death reads as EOF here
        worker = _Worker(process, ours)
        with self._lock:
            self._all.append(worker)
        return worker

    def pids(self) -> list[int]:
        """Process ids of the live workers (each also the id of its process group)."""
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid is not None and w.process.is_alive()]

    def grow(self, workers: int) -> None:
        """Start more workers, up to `workers` in all."""
        with self._lock:
            missing = 0 if self._closed else workers - self.workers
            self.workers = max(self.workers, workers)
        for _ in range(missing):
            self._idle.put(self._start())

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
            replace = not self._closed
        if replace:
            self._replace()

    def _replace(self) -> None:
        """Start a worker in place of one gone; if none can be started now (no memory, no
        process slot), the next caller waiting for a worker tries again."""
        try:
            self._idle.put(self._start())
        except Exception:  # noqa: BLE001 — retried by _next_idle
            with self._lock:
                self._missing += 1

    def extract(self, data: bytes, name: str) -> Extraction:
        """The record of one file; ExtractionError (Vietnamese reason) when it cannot be had."""
        worker = self._next_idle()
        healthy = False
        try:
            outcome, healthy = self._run(worker, data, name)
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                self._retire(worker)
        if isinstance(outcome, ExtractionError):
            raise outcome
        return outcome

    def _next_idle(self) -> _Worker:
        while True:
            if self._closed:
                raise PoolClosed("extractor pool is closed")
            try:
                return self._idle.get(timeout=0.5)
            except queue.Empty:
                with self._lock:
                    missing, self._missing = self._missing, 0
                for _ in range(missing):
                    self._replace()

    def _run(self, worker: _Worker, data: bytes, name: str) -> tuple[Extraction | ExtractionError, bool]:
        try:
            worker.conn.send((data, name, self.limits))
            if not worker.conn.poll(self.limits.time_s + self.grace_s):
                return time_exceeded(name, self.limits), False
            outcome, retire = worker.conn.recv()
        except (EOFError, OSError):
            return self._died(worker, name), False
        return outcome, not retire

    def _died(self, worker: _Worker, name: str) -> ExtractionError:
        worker.process.join(1)
        code = worker.process.exitcode
        how = _DIED.get(-code if code and code < 0 else 0, "dừng đột ngột")
        limit = memory_exceeded(name, self.limits).reason
        return ExtractionError(name, ErrorCode.limit_exceeded, f"tiến trình đọc tệp {how}, thường do {limit}")

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        for worker in workers:
            worker.process.join(0.5)
            if worker.process.is_alive():
                worker.kill()
            else:
                worker.conn.close()

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


_POOLS: weakref.WeakSet[ExtractorPool] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for pool in list(_POOLS):
        pool.close()
