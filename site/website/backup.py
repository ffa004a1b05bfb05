"""One archive holding the whole site: the database and the uploads (`manage.py backup`,
`manage.py restore`; README, "Backup and restore").

The archive is a tar file with `manifest.json` (format, database engine, time), the database
(`database.dump`, pg_dump's custom format, or `database.sqlite3`, a copy made with SQLite's
online backup API) and `uploads/` (MEDIA_ROOT). Both are taken while the site runs; the search
documents are not trusted after a restore and are rebuilt from the content.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
UPLOADS = "uploads"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """What went wrong, in the operator's language; nothing was changed."""


def engine():
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            _("Backups support PostgreSQL and SQLite, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def postgres_env():
    """libpq's variables for Django's default database, so no password is on a command line."""
    db = connection.settings_dict
    values = {
        "PGHOST": db["HOST"],
        "PGPORT": str(db["PORT"] or ""),
        "PGUSER": db["USER"],
        "PGPASSWORD": db["PASSWORD"],
        "PGDATABASE": db["NAME"],
    }
    return {**os.environ, **{name: value for name, value in values.items() if value}}


def run(command):
    try:
        subprocess.run(command, env=postgres_env(), check=True, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(
            _("%(program)s is not installed (Debian: apt-get install postgresql-client).")
            % {"program": command[0]}
        ) from None
    except subprocess.CalledProcessError as error:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": command[0], "error": error.stderr.strip()}
        ) from None


def dump_database(vendor, target):
    if vendor == "postgresql":
        run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", target])
    else:
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()


def backup(path):
    """Write the archive to `path` (through a temporary file: a failed backup leaves none)."""
    vendor = engine()
    path = Path(path)
    with tempfile.TemporaryDirectory(dir=path.parent) as work:
        database = Path(work) / DATABASE_FILES[vendor]
        dump_database(vendor, database)
        manifest = {
            "format": FORMAT,
            "engine": vendor,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
        }
        (Path(work) / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        partial = Path(work) / "archive.tar"
        with tarfile.open(partial, "w") as archive:
            archive.add(Path(work) / MANIFEST, MANIFEST)
            archive.add(database, database.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                archive.add(media, UPLOADS)
        partial.replace(path)
    return manifest


def read_archive(archive):
    """The archive's manifest, once it is known to hold what a restore needs."""
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, AttributeError, ValueError):
        raise BackupError(_("This file is not a backup of this site (no manifest).")) from None
    if manifest.get("format") != FORMAT or manifest.get("engine") not in DATABASE_FILES:
        raise BackupError(_("This backup was written by another version of the site."))
    if manifest["engine"] != engine():
        raise BackupError(
            _("This backup is of a %(saved)s database; the site now uses %(current)s.")
            % {"saved": manifest["engine"], "current": engine()}
        )
    names = archive.getnames()
    if DATABASE_FILES[manifest["engine"]] not in names:
        raise BackupError(_("The backup holds no database."))
    return manifest


def restore(path):
    """Replace the database and the uploads with those of the archive at `path`."""
    try:
        archive = tarfile.open(path, "r")  # noqa: SIM115 (closed by the `with` below)
    except OSError as error:
        raise BackupError(
            _("Cannot read the backup %(path)s: %(error)s")
            % {"path": path, "error": error.strerror}
        ) from None
    except tarfile.TarError:
        raise BackupError(
            _("%(path)s is not a backup: not an archive written by manage.py backup.")
            % {"path": path}
        ) from None
    with archive, tempfile.TemporaryDirectory() as work:
        manifest = read_archive(archive)
        # Everything is unpacked and checked before the database or uploads are touched.
        try:
            archive.extractall(work, filter="data")
        except (OSError, tarfile.TarError) as error:
            raise BackupError(_("The backup is damaged: %(error)s") % {"error": error}) from None
        restore_database(manifest["engine"], Path(work) / DATABASE_FILES[manifest["engine"]])
        uploads = Path(work) / UPLOADS
        if uploads.is_dir():
            shutil.copytree(uploads, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return manifest


def restore_database(vendor, source):
    if vendor == "postgresql":
        connection.close()
        # One transaction: a failed restore leaves the database as it was.
        run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                connection.settings_dict["NAME"],
                str(source),
            ]
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(source) as saved:
            saved.backup(connection.connection)
        saved.close()
