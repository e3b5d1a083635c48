"""Vetting uploaded or local files against the configured archive: read each file (a file
that cannot be read is reported by name and the others are still vetted), then `engine.vet`.
Routes, pages and `tdkt vet` all come through here."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extractor.records import Extraction
from service.archive import Archive
from service.config import Settings
from service.uploads import Upload, UploadError, check_size, clean_filename, extract_upload
from service.vetting.engine import vet
from service.vetting.models import VettingReport
from service.vetting.ruleset import RULES_DIR, Rules, load_rules


class NothingToVet(Exception):
    """No file of the dossier could be read; `detail` is Vietnamese."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def rules_for(settings: Settings) -> Rules:
    return _rules(Path(settings.vetting_rules or RULES_DIR))


@lru_cache(maxsize=4)
def _rules(folder: Path) -> Rules:
    return load_rules(folder)


def read_files(items: list[tuple[str, bytes]], limit: int) -> tuple[list[tuple[str, Extraction]], list[str]]:
    """(file, record) for each readable file, and a Vietnamese line for each one that is not."""
    records, errors = [], []
    for name, data in items:
        try:
            check_size(name, len(data), limit)
            records.append((name, extract_upload(data, name)))
        except UploadError as exc:
            errors.append(exc.detail)
    return records, errors


def vet_items(items: list[tuple[str, bytes]], archive: Archive, settings: Settings) -> VettingReport:
    if not items:
        raise NothingToVet("Chưa có tệp nào trong hồ sơ cần thẩm định.")
    if len(items) > settings.max_files_per_upload:
        raise NothingToVet(f"Quá nhiều tệp trong một hồ sơ ({len(items)}); tối đa {settings.max_files_per_upload}.")
    records, errors = read_files(items, settings.max_upload_bytes)
    if not records:
        raise NothingToVet("Không đọc được tệp nào của hồ sơ: " + " ".join(errors))
    with archive.session() as s:
        return vet(records, s, rules_for(settings), errors)


def vet_uploads(files: list[Upload], archive: Archive, settings: Settings) -> VettingReport:
    limit = settings.max_upload_bytes
    items = [(clean_filename(f.filename), f.file.read(limit + 1)) for f in files[:settings.max_files_per_upload + 1]]
    return vet_items(items, archive, settings)
