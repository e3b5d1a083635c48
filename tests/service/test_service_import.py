"""`tdkt import`: a folder tree in parallel workers, skip-by-hash (so a rerun resumes),
per-file errors reported without stopping the batch; and the archive's own guarantees."""
from __future__ import annotations

import shutil

import pytest

from service.archive import Archive
from service.archive import store as store_mod
from service.archive.batch import import_paths
from tests.service.conftest import database_url, make_settings, rendering_files, seed_files


@pytest.fixture
def archive_url(backend, request, tmp_path) -> tuple[str, object]:
    return database_url(backend, request, tmp_path), tmp_path


def _tree(root):
    (root / "2020" / "quy-1").mkdir(parents=True)
    (root / "2021").mkdir()
    seeds = seed_files()
    for p in seeds[:3]:
        shutil.copy(p, root / "2020" / "quy-1" / p.name)
    for p in seeds[3:5]:
        shutil.copy(p, root / "2021" / p.name)
    shutil.copy(seeds[0], root / "2021" / "ban-sao.txt")  # same bytes as a file above
    docx = [p for p in rendering_files() if p.suffix == ".docx"][:1]
    for p in docx:
        shutil.copy(p, root / "2021" / p.name)
    (root / "2021" / "rong.txt").write_bytes(b"")
    (root / "2021" / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (root / "ghi-chu.json").write_text("{}")  # not a report: ignored
    (root / ".an").mkdir()
    shutil.copy(seeds[6], root / ".an" / seeds[6].name)  # hidden: ignored
    return 5 + len(docx)


def test_import_tree_then_rerun_skips_everything(archive_url, tmp_path):
    url, folder = archive_url
    tree = tmp_path / "reports"
    expected = _tree(tree)
    archive = Archive.open(url, folder / "files")
    try:
        s = import_paths(archive, [tree], workers=2, max_bytes=10 * 1024 * 1024, progress=False)
        assert s.stored == expected and s.skipped == 1 and s.ignored == 1
        assert sorted(f.split("/")[-1] for f, _ in s.failed) == ["hong.docx", "rong.txt"]
        assert all(reason and not reason.isascii() for _, reason in s.failed)
        assert archive.count() == expected

        again = import_paths(archive, [tree], workers=2, max_bytes=10 * 1024 * 1024, progress=False)
        assert again.stored == 0 and again.skipped == expected + 1 and len(again.failed) == 2
        assert archive.count() == expected
        text = "\n".join(again.lines())
        assert "Đã lưu: 0" in text and "hong.docx" in text
    finally:
        archive.close()


def test_resume_after_interruption(archive_url, tmp_path):
    url, folder = archive_url
    tree = tmp_path / "reports"
    tree.mkdir()
    for p in seed_files()[:4]:
        shutil.copy(p, tree / p.name)
    archive = Archive.open(url, folder / "files")
    try:
        # An earlier run that stopped after two files …
        first = import_paths(archive, sorted(tree.iterdir())[:2], workers=1, max_bytes=10**7, progress=False)
        assert first.stored == 2
        # … is resumed by importing the whole folder again.
        rest = import_paths(archive, [tree], workers=2, max_bytes=10**7, progress=False)
        assert (rest.stored, rest.skipped, rest.failed) == (2, 2, [])
    finally:
        archive.close()


def test_cli_import(archive_url, tmp_path, monkeypatch, capsys):
    from service.cli import main
    from service.config import get_settings

    url, folder = archive_url
    tree = tmp_path / "reports"
    tree.mkdir()
    for p in seed_files()[5:8]:
        shutil.copy(p, tree / p.name)
    monkeypatch.setenv("TDKT_DATABASE_URL", url)
    monkeypatch.setenv("TDKT_STORAGE_PATH", str(folder / "files"))
    monkeypatch.setenv("TDKT_WORKERS", "2")
    get_settings.cache_clear()
    try:
        assert main(["import", str(tree), "--no-progress"]) == 0
        assert "Đã lưu: 3" in capsys.readouterr().out
        assert main(["import", str(tree), "--no-progress"]) == 0
        assert "bỏ qua (đã có trong kho): 3" in capsys.readouterr().out
    finally:
        get_settings.cache_clear()


def test_serve_seeds_an_empty_archive_once(archive_url, tmp_path):
    from service.commands.serve import seed_if_empty

    url, folder = archive_url
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in seed_files()[:2]:
        shutil.copy(p, corpus / p.name)
    settings = make_settings(url, folder, corpus_dirs=[corpus], workers=1)
    archive = Archive.open(url, folder / "files")
    try:
        seed_if_empty(archive, settings)
        assert archive.count() == 2
        ids = archive.known_hashes()
        archive.delete(1)
        seed_if_empty(archive, settings)  # not empty: untouched
        assert archive.count() == 1 and archive.known_hashes() < ids
    finally:
        archive.close()


def test_failed_write_leaves_no_file_and_no_row(archive_url, monkeypatch):
    from extractor.pipeline import extract

    url, folder = archive_url
    archive = Archive.open(url, folder / "files")
    try:
        path = seed_files()[0]
        record = extract(path)

        def broken(*args, **kwargs):
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(store_mod, "build_rows", broken)
        with pytest.raises(RuntimeError):
            archive.add(path.read_bytes(), path.name, record)
        assert archive.count() == 0
        assert not any(p.is_file() for p in (folder / "files").rglob("*"))
        monkeypatch.undo()
        assert archive.add(path.read_bytes(), path.name, record).duplicate is False
        assert archive.file_path(store_mod.sha256_hex(path.read_bytes())).read_bytes() == path.read_bytes()
    finally:
        archive.close()


def test_migrations_are_versioned_and_idempotent(archive_url):
    from service.archive.db import current_revision, migrate

    url, folder = archive_url
    archive = Archive.open(url, folder / "files")
    try:
        assert current_revision(archive.engine) == "0005"
        migrate(archive.engine)  # again: no-op
        assert current_revision(archive.engine) == "0005"
    finally:
        archive.close()


def test_import_on_a_running_dask_cluster_of_two_workers(archive_url, tmp_path):
    """What `tdkt import --scheduler tcp://host:8786` does on several machines, here with a
    scheduler and two worker processes on loopback; with TDKT_TEST_POSTGRES=1 the postgres
    case writes from both workers into one PostgreSQL archive."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    url, folder = archive_url
    tree = tmp_path / "reports"
    tree.mkdir()
    files = seed_files()[:6] + [p for p in rendering_files() if p.suffix == ".docx"][:2]
    for p in files:
        shutil.copy(p, tree / p.name)
    archive = Archive.open(url, folder / "files")
    # as `DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker …` runs them (README): workers that
    # may start the isolated extraction process
    with dask.config.set({"distributed.worker.daemon": False}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                         silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        try:
            s = import_paths(archive, [tree], workers=1, max_bytes=10**7, progress=False,
                             scheduler=cluster.scheduler_address)
            assert (s.stored, s.skipped, s.failed) == (len(files), 0, [])
            assert archive.count() == len(files) and len(archive.known_hashes()) == len(files)
            # both workers took files, and each opened the archive itself
            opened = client.run(lambda: sorted(__import__("service.archive.batch", fromlist=["x"])._archives))
            assert len(opened) == 2 and all(v for v in opened.values()), opened
            again = import_paths(archive, [tree], workers=1, max_bytes=10**7, progress=False,
                                 scheduler=cluster.scheduler_address)
            assert (again.stored, again.skipped) == (0, len(files))
        finally:
            archive.close()


def test_cli_refuses_a_cluster_on_sqlite(tmp_path, monkeypatch, capsys):
    from service.cli import main
    from service.config import get_settings

    monkeypatch.setenv("TDKT_DATABASE_URL", f"sqlite:///{tmp_path / 'tdkt.db'}")
    get_settings.cache_clear()
    try:
        assert main(["import", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1", "--no-progress"]) == 2
        err = capsys.readouterr().err
        assert "PostgreSQL" in err and "SQLite" in err
    finally:
        get_settings.cache_clear()
