"""manage.py purge_import_files [--authority SLUG] [--enqueue]: delete raw import files kept past their time."""

from __future__ import annotations

from typing import Any

from mizui.accounts.commands import PerAuthorityTaskCommand
from mizui.outreach.retention import purge_import_files, purge_orphans


class Command(PerAuthorityTaskCommand):
    help = (
        "Delete the raw files of imports that are finished or failed, or only previewed or queued for more than "
        "IMPORT_FILE_RETENTION_HOURS; without --authority, also older files of the import folder no running "
        "import holds. Run it hourly or nightly (docs/deployment.md)."
    )
    task = purge_import_files
    done = "{n} import files deleted"

    def handle(self, *args: Any, **options: Any) -> None:
        super().handle(*args, **options)
        if not options["authority"]:
            self.stdout.write(f"{purge_orphans()} files without an import deleted")
