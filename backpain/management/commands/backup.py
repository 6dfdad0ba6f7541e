"""python manage.py backup PATH: a consistent copy of the live database."""

import os
import sqlite3
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

PG_HINT = (
    "This deployment uses PostgreSQL. Back it up with PostgreSQL's own tool, for example:\n"
    '  pg_dump --format=custom --file=walks.dump "$DATABASE_URL"\n'
    "and restore with pg_restore (see the README's Backups section)."
)


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to PATH with SQLite's online backup API (safe while "
        "patients are writing), then check the copy with PRAGMA integrity_check."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the backup file.")
        parser.add_argument(
            "--force", action="store_true", help="Replace PATH if it already exists."
        )
        parser.add_argument("--database", default="default")

    def handle(self, path, force=False, database="default", **options):
        connection = connections[database]
        if connection.vendor != "sqlite":
            raise CommandError(PG_HINT)
        source = connection.settings_dict["NAME"]
        if not source or str(source) == ":memory:" or "mode=memory" in str(source):
            raise CommandError("The database is in memory; there is no file to back up.")

        target = Path(path).resolve()
        if target.exists() and not force:
            raise CommandError(f"{target} already exists. Use --force to replace it.")
        target.parent.mkdir(parents=True, exist_ok=True)

        # Write beside the target, then rename: a crash never leaves half a backup.
        fd, partial = tempfile.mkstemp(dir=target.parent, prefix=".backup-", suffix=".sqlite3")
        os.close(fd)
        try:
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)  # one step: a consistent snapshot, even under WAL writes
                dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
                result = dst.execute("PRAGMA integrity_check").fetchall()
            finally:
                dst.close()
                src.close()
            if result != [("ok",)]:
                raise CommandError(f"The copy failed its integrity check: {result[:5]}")
            os.replace(partial, target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise

        size = target.stat().st_size
        self.stdout.write(f"Backed up {source} to {target} ({size:,} bytes); integrity check ok.")
