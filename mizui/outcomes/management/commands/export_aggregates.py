"""manage.py export_aggregates --period YYYY-MM [--output FILE]: the month's suppressed aggregates of every
active authority, as a document of the exchange schema (docs/data-exchange.md). Run refresh_outcomes first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority
from mizui.accounts.tenancy import tenant_context
from mizui.outcomes.exchange import authority_part, document


def parse_period(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()  # noqa: DTZ007 (a calendar month, no time of day)
    except ValueError as error:
        raise CommandError(f"--period must look like 2026-03, not {text!r}.") from error


class Command(BaseCommand):
    help = "Write one month's suppressed aggregates per authority as JSON (the exchange format)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, metavar="YYYY-MM")
        parser.add_argument("--output", metavar="FILE", help="write here instead of standard output")
        parser.add_argument("--source", default="", help="this deployment's name in the file (default: SITE_ROOT)")

    def handle(self, *args: Any, **options: Any) -> None:
        month = parse_period(options["period"])
        parts = []
        for authority in Authority.objects.filter(is_active=True).order_by("cbs_code"):
            with tenant_context(authority):
                parts.append(authority_part(authority, month))
                record(
                    actor=None,
                    authority=authority,
                    action=AccessAction.EXPORT,
                    object_type="aggregates",
                    object_id=f"{month:%Y-%m}",
                )
        doc = document(parts, month, options["source"] or str(settings.SITE_ROOT))
        text = doc.model_dump_json(by_alias=True, indent=2)
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"{len(parts)} authorities, {month:%Y-%m}, written to {options['output']}")
        else:
            self.stdout.write(text)
