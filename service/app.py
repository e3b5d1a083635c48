"""The FastAPI application: `create_app(settings)`.

Routers are found, not listed: every module in `service/routes/` and `service/web/` (names
not starting with "_") that defines `router` is included, and one that defines
`setup(app)` is called (for static mounts, templates, extra handlers). Another feature
adds a module; nothing here changes."""
from __future__ import annotations

import gc
import importlib
import logging
import pkgutil
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from service import errors, uploads
from service.archive import Archive
from service.config import Settings, get_settings
from service.jobs import runner
from service.jobs.queue import JobQueue
from service.jobs.store import JobStore
from service.routes._common import document_exports

log = logging.getLogger("tdkt.service")

ROUTER_PACKAGES = ("service.routes", "service.web")

DESCRIPTION = """API của tdkt: tải lên báo cáo thi đua, khen thưởng, lưu trữ bản ghi đã trích xuất,
tìm kiếm không phân biệt dấu và chữ hoa, thống kê phong trào, khen thưởng, cá nhân, chỉ tiêu;
xuất CSV và Excel. Khi đặt TDKT_API_KEY, các thao tác ghi (POST, DELETE) cần tiêu đề `X-API-Key`."""


def discover(package: str) -> list[object]:
    """Feature modules of `package` (sorted by name), or none when it does not exist yet."""
    try:
        pkg = importlib.import_module(package)
    except ModuleNotFoundError as exc:
        if exc.name and package.startswith(exc.name):
            return []
        raise
    mods = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            mods.append(importlib.import_module(f"{package}.{info.name}"))
    return mods


def create_app(settings: Settings | None = None, archive: Archive | None = None) -> FastAPI:
    settings = settings or get_settings()
    archive = archive or Archive.open(settings.database_url, settings.storage_path)
    queue = JobQueue(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        worker = runner.start(settings, archive)
        # Everything alive at startup (modules, models, routes) stays alive: keep it out of the
        # cyclic collector, whose full passes over a large heap otherwise add tens of ms to
        # whichever request triggers them.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            worker.stop()
            queue.close()
            archive.close()

    app = FastAPI(title="tdkt", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.archive = archive
    if settings.job_runner == "thread":
        uploads.configure(settings)  # jobs run in this process: its extraction workers pre-started
    app.state.jobs = JobStore(archive, settings.incoming)
    app.state.queue = queue
    errors.install(app)

    body_limit = settings.max_upload_bytes * settings.max_files_per_upload + 1024 * 1024

    @app.middleware("http")
    async def refuse_huge_bodies(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > body_limit:
            return errors.respond(request, 413,
                                  f"Dữ liệu gửi lên quá lớn; mỗi tệp tối đa {settings.max_upload_mb:g} MB.")
        return await call_next(request)

    for package in ROUTER_PACKAGES:
        for module in discover(package):
            router = getattr(module, "router", None)
            if router is not None:
                document_exports(router)
                app.include_router(router, responses=errors.ERROR_RESPONSES)
            setup = getattr(module, "setup", None)
            if callable(setup):
                setup(app)
    return app
