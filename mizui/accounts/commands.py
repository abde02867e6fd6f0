"""A management command that runs one background task per active authority (now, or queued)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mizui.accounts.models import Authority


class PerAuthorityTaskCommand(BaseCommand):
    """Subclasses set `task` (a django-tasks task taking an authority id) and `done` ("{n} reminders sent")."""

    task: Any
    done: str

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--authority", metavar="SLUG", help="only this authority")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue one background task per authority for `manage.py db_worker` instead of running it now",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        authorities = Authority.objects.filter(is_active=True).order_by("slug")
        if options["authority"]:
            authorities = authorities.filter(slug=options["authority"])
            if not authorities.exists():
                raise CommandError(f"No active authority with slug {options['authority']!r}.")
        for authority in authorities:
            if options["enqueue"]:
                result = self.task.enqueue(authority.pk)
                self.stdout.write(f"{authority.slug}: queued ({result.id})")
            else:
                count = self.task.call(authority.pk)
                self.stdout.write(f"{authority.slug}: {self.done.format(n=count)}")
