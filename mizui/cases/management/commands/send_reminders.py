from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mizui.accounts.models import Authority
from mizui.cases.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send today's reminders (tasks, appeal windows, missing documents, renewals) of every active authority."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--authority", metavar="SLUG", help="only this authority")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue one background task per authority for `manage.py db_worker` instead of sending now",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        authorities = Authority.objects.filter(is_active=True).order_by("slug")
        if options["authority"]:
            authorities = authorities.filter(slug=options["authority"])
            if not authorities.exists():
                raise CommandError(f"No active authority with slug {options['authority']!r}.")
        for authority in authorities:
            if options["enqueue"]:
                result = send_due_reminders.enqueue(authority.pk)
                self.stdout.write(f"{authority.slug}: queued ({result.id})")
            else:
                sent = send_due_reminders.call(authority.pk)
                self.stdout.write(f"{authority.slug}: {sent} reminders sent")
