"""From the files of one upload request to one job each. A file that is empty or too large
is refused at once (its job fails with the reason); every other file waits in the queue.
One file's trouble never touches the others."""
from __future__ import annotations

from service.jobs.queue import JobQueue
from service.jobs.store import JobStore
from service.uploads import Upload, UploadError, check_size, clean_filename


def too_many(count: int, max_files: int) -> UploadError | None:
    if count > max_files:
        return UploadError(413, f"Quá nhiều tệp trong một lần tải ({count}); tối đa {max_files}.")
    return None


def submit_files(files: list[Upload], jobs: JobStore, queue: JobQueue, *, limit: int,
                 max_files: int) -> list[dict]:
    """A job (as `store.view`) per file, in the order sent. Raises UploadError only for the
    request as a whole (too many files)."""
    error = too_many(len(files), max_files)
    if error is not None:
        raise error
    out = []
    for f in files:
        name = clean_filename(f.filename)
        data = f.file.read(limit + 1)
        size = getattr(f, "size", None) or len(data)
        try:
            check_size(name, size if len(data) > limit else len(data), limit)
        except UploadError as exc:
            out.append(jobs.refuse(name, size, exc.code or "refused", exc.detail))
            continue
        job, fresh = jobs.submit(data, name)
        if fresh:
            queue.put(job["id"])
        out.append(job)
    return out
