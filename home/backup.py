"""Back up and restore the database and the media files (``manage.py backup_site`` / ``restore_site``).

One archive ``cop-kopia-<date>-<time>.tar.gz`` holds:

* ``manifest.json`` – format version, time, database engine, Django/Wagtail versions, the last applied
  migration of every app, and the size and SHA-256 of each file below (no passwords, no personal data);
* ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``: a consistent snapshot while the site runs)
  or ``database.sqlite3`` (SQLite, the ``sqlite3`` online backup API: consistent too);
* ``media.tar`` – everything under ``MEDIA_ROOT`` (uploaded images, documents, renditions).

A restore checks the manifest and the checksums before it touches anything, then replaces the database
(PostgreSQL: ``pg_restore --clean --single-transaction``, all or nothing) and the contents of
``MEDIA_ROOT``, and purges the page cache.
"""

import glob
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_TAR = "media.tar"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Polish and meant for the operator."""


# PostgreSQL client tools ------------------------------------------------------------------------------


def _version_of(path: str) -> tuple[int, ...]:
    match = re.search(r"/postgresql/(\d+)(?:\.(\d+))?/", path)
    return tuple(int(part) for part in match.groups() if part) if match else (0,)


def find_pg_tool(name: str) -> str:
    """``pg_dump``/``pg_restore``: ``COP_PG_BIN_DIR`` if set, else the newest Debian-versioned one, else PATH.

    The newest version is preferred because ``pg_dump`` refuses a server newer than itself, and Debian's
    ``/usr/bin`` wrappers pick a version by local cluster, which a client-only machine may not have.
    """
    configured = os.environ.get("COP_PG_BIN_DIR") or getattr(settings, "COP_PG_BIN_DIR", "")
    candidates = [str(Path(configured) / name)] if configured else []
    candidates += sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version_of, reverse=True)
    on_path = shutil.which(name)
    if on_path:
        candidates.append(on_path)
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise BackupError(
        f"Nie znaleziono programu {name}. Zainstaluj klienta PostgreSQL (pakiet postgresql-client) "
        "albo wskaż jego katalog w zmiennej COP_PG_BIN_DIR."
    )


def _pg_environment(connection) -> dict[str, str]:
    config = connection.settings_dict
    environment = dict(os.environ)
    for variable, value in (
        ("PGHOST", config.get("HOST")),
        ("PGPORT", config.get("PORT")),
        ("PGUSER", config.get("USER")),
        ("PGPASSWORD", config.get("PASSWORD")),
        ("PGDATABASE", config.get("NAME")),
        ("PGSSLMODE", (config.get("OPTIONS") or {}).get("sslmode")),
    ):
        if value:
            environment[variable] = str(value)
    return environment


def _run(command: list[str], connection) -> None:
    result = subprocess.run(command, env=_pg_environment(connection), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} zakończył się błędem:\n{result.stderr.strip()}")


# Database -------------------------------------------------------------------------------------------


def _engine(connection) -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Kopie obsługują PostgreSQL i SQLite, a nie {connection.vendor}.")
    if connection.in_atomic_block:
        # SQLite's backup API would wait forever on our own open transaction.
        raise BackupError("Kopię tworzy się i odtwarza poza transakcją bazy danych.")
    return connection.vendor


def dump_database(connection, target: Path) -> None:
    if _engine(connection) == "postgresql":
        _run(
            [find_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            connection,
        )
        return
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def load_database(connection, source: Path) -> None:
    if _engine(connection) == "postgresql":
        connections.close_all()  # our own idle connection must not hold locks on the tables
        _run(
            [
                find_pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ],
            connection,
        )
        return
    connection.ensure_connection()
    origin = sqlite3.connect(source)
    try:
        origin.backup(connection.connection)
    finally:
        origin.close()


def _applied_migrations(connection) -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in (
        MigrationRecorder(connection).migration_qs.order_by("app", "name").values_list("app", "name")
    ):
        latest[app] = name
    return latest


# Files ----------------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _tar_media(target: Path) -> int:
    root = _media_root()
    count = 0
    with tarfile.open(target, "w") as tar:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    tar.add(path, arcname=str(path.relative_to(root)), recursive=False)
                    count += 1
    return count


def _replace_media(source: Path) -> None:
    root = _media_root()
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    with tarfile.open(source) as tar:
        tar.extractall(root, filter="data")


# Commands -------------------------------------------------------------------------------------------


def create_backup(directory: Path, *, database: str = DEFAULT_DB_ALIAS) -> Path:
    """Write one archive into ``directory`` and return its path (written under a temporary name first)."""
    connection = connections[database]
    engine = _engine(connection)
    directory.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    archive = directory / f"cop-kopia-{timezone.localtime(created):%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory(dir=directory, prefix=".cop-kopia-") as work:
        work = Path(work)
        database_file = work / DATABASE_FILES[engine]
        dump_database(connection, database_file)
        media_files = _tar_media(work / MEDIA_TAR)
        files = [database_file, work / MEDIA_TAR]
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": created.isoformat(),
            "engine": engine,
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "migrations": _applied_migrations(connection),
            "media_files": media_files,
            "files": {path.name: {"bytes": path.stat().st_size, "sha256": _sha256(path)} for path in files},
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        partial = work / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            for path in (work / MANIFEST, *files):
                tar.add(path, arcname=path.name)
        os.replace(partial, archive)
    return archive


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            return json.load(member)
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError, TypeError) as error:
        raise BackupError(f"{archive} nie jest kopią serwisu ({error}).") from error


def restore_backup(archive: Path, *, database: str = DEFAULT_DB_ALIAS) -> dict:
    """Check the archive, then replace the database and the media files; returns the manifest."""
    connection = connections[database]
    manifest = read_manifest(archive)
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Nieznany format kopii: {manifest.get('format')!r}.")
    engine = _engine(connection)
    if manifest.get("engine") != engine:
        raise BackupError(
            f"Kopia pochodzi z bazy {manifest.get('engine')}, a serwis używa {engine}; odtworzenie przerwane."
        )
    with tempfile.TemporaryDirectory(prefix="cop-odtworzenie-") as work:
        work = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        for name, expected in manifest["files"].items():
            path = work / name
            if not path.is_file() or _sha256(path) != expected["sha256"]:
                raise BackupError(f"Plik {name} w kopii jest uszkodzony albo go brakuje; nic nie zmieniono.")
        load_database(connection, work / DATABASE_FILES[engine])
        _replace_media(work / MEDIA_TAR)
    from .cache import purge_page_cache

    purge_page_cache()
    return manifest
