"""Uploads as jobs: every uploaded file becomes a row in `jobs` (service/jobs/store.py) and a
message on a durable huey queue (queue.py); a worker (worker.py) — a child process of
`tdkt serve`, threads in the web process, or `tdkt worker` on its own — extracts it through
`service.uploads.extract_upload` and stores the record and the job's end in one transaction."""
