from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mizui.accounts.models import AccessLog, Authority, User
from mizui.accounts.tenancy import tenant_context


class Command(BaseCommand):
    help = 'Answer "what did this user see?": every access-log entry of a user over the last N days.'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the user's email")
        parser.add_argument("--days", type=int, default=30)
        parser.add_argument("--json", action="store_true", help="one JSON object per line instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["user"]).first()
        if user is None:
            raise CommandError(f"No user with email {options['user']!r}")
        if options["days"] < 1:
            raise CommandError("--days must be at least 1")
        since = timezone.now() - timedelta(days=options["days"])
        # Row-level security shows one authority at a time, so the report visits each in turn;
        # entries outside any authority (logins) are visible as the user themself.
        entries: list[AccessLog] = []
        with tenant_context(None, user):
            entries += AccessLog.objects.filter(user=user, authority__isnull=True, at__gte=since)
        for authority in Authority.objects.all():
            with tenant_context(authority, user):
                entries += AccessLog.objects.filter(user=user, authority=authority, at__gte=since).select_related(
                    "authority"
                )
        entries.sort(key=lambda e: (e.at, e.pk))
        for e in entries:
            row = {
                "at": e.at.isoformat(),
                "authority": e.authority.slug if e.authority else None,
                "action": e.action,
                "object_type": e.object_type,
                "object_id": e.object_id,
                "request_id": e.request_id,
                "ip": e.ip,
            }
            if options["json"]:
                self.stdout.write(json.dumps(row, ensure_ascii=False))
            else:
                self.stdout.write(
                    f"{row['at']}  {row['authority'] or '-':<16} {row['action']:<7} {row['object_type']}:{row['object_id']}"
                )
        self.stderr.write(f"{len(entries)} entries for {user.email} in the last {options['days']} days")
