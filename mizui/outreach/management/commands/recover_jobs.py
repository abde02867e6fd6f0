"""manage.py recover_jobs: queue again every import and batch run whose worker died (its lease expired)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mizui.outreach import tasks


class Command(BaseCommand):
    help = (
        "Queue again every import and batch run whose worker stopped renewing its lease (JOB_LEASE_SECONDS): an "
        "import continues from its last chunk, a batch run starts over. `manage.py worker` does this by itself."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        taken = tasks.recover()
        for job in taken:
            self.stdout.write(f"{job.authority.slug}: {job} queued again")
        self.stdout.write(f"{len(taken)} jobs queued again")
