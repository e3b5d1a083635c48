"""Upload jobs: where each uploaded file is on its way to the archive."""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import BaseModel, Field

from service.deps import get_jobs
from service.jobs.store import JobStore, job_with_record

router = APIRouter(prefix="/api/jobs", tags=["việc xử lý"])

JobId = Annotated[int, Field(ge=1, le=2**31 - 1)]


class JobState(str, Enum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class Job(BaseModel):
    """One uploaded file's job."""
    id: int
    filename: str
    sha256: str | None = Field(description="SHA-256 of the bytes (none for a file refused before reading)")
    size: int
    state: JobState = Field(description="queued, running, done, failed")
    stage: str = Field(description="waiting, reading, extracting, storing, done, duplicate, failed")
    stage_label: str = Field(description="the stage in Vietnamese")
    progress: float = Field(ge=0, le=1)
    document_id: int | None = Field(description="the stored document, when done")
    duplicate: bool = Field(description="the same bytes were already stored: document_id is that document")
    error: str | None = Field(description="why it failed, in Vietnamese, naming the file")
    error_code: str | None
    attempts: int
    created_at: str
    started_at: str | None
    finished_at: str | None


class JobDetail(Job):
    ahead: int | None = Field(None, description="queued jobs before this one")
    document: dict[str, Any] | None = Field(None, description="summary of the stored document, when done")
    record: dict[str, Any] | None = Field(None, description="the extracted record, when done")


class JobList(BaseModel):
    items: list[Job]


class UploadAccepted(BaseModel):
    """Each file has its own job; follow them at GET /api/jobs/{id}."""
    jobs: list[Job]
    pending: int = Field(description="jobs still queued or running")
    done: int
    failed: int

    @classmethod
    def of(cls, jobs: list[dict]) -> UploadAccepted:
        states = [j["state"] for j in jobs]
        return cls(jobs=jobs, pending=sum(s in ("queued", "running") for s in states),
                   done=states.count("done"), failed=states.count("failed"))


@router.get("/{job_id}", response_model=JobDetail, summary="Tình trạng một việc xử lý tệp tải lên")
def get_job(job_id: int = Path(..., ge=1, le=2**31 - 1, description="mã việc"),
            record: bool = Query(True, description="kèm bản ghi khi đã xong"),
            jobs: JobStore = Depends(get_jobs)) -> dict[str, Any]:
    job = job_with_record(jobs, job_id) if record else jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"Không có việc xử lý mã {job_id}.")
    return job


@router.get("", response_model=JobList, summary="Danh sách việc xử lý (theo mã hoặc trạng thái)")
def list_jobs(ids: list[JobId] | None = Query(None, max_length=200, description="các mã việc"),
              state: JobState | None = Query(None, description="chỉ các việc ở trạng thái này"),
              jobs: JobStore = Depends(get_jobs)) -> dict[str, Any]:
    return {"items": jobs.many(ids, state.value if state else None, limit=200)}
