from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mizui.accounts.models import Authority
from mizui.cases.services.referrals import escalate_overdue_referrals


class Command(BaseCommand):
    help = "Give the case owner a task for each referral its partner did not answer within the partner's SLA (once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--authority", metavar="SLUG", help="only this authority")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue one background task per authority for `manage.py db_worker` instead of escalating now",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        authorities = Authority.objects.filter(is_active=True).order_by("slug")
        if options["authority"]:
            authorities = authorities.filter(slug=options["authority"])
            if not authorities.exists():
                raise CommandError(f"No active authority with slug {options['authority']!r}.")
        for authority in authorities:
            if options["enqueue"]:
                result = escalate_overdue_referrals.enqueue(authority.pk)
                self.stdout.write(f"{authority.slug}: queued ({result.id})")
            else:
                escalated = escalate_overdue_referrals.call(authority.pk)
                self.stdout.write(f"{authority.slug}: {escalated} overdue referrals escalated")
