from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mizui.outcomes.docs import EXCHANGE_DOC, KPI_DOC, exchange_markdown, kpis_markdown


class Command(BaseCommand):
    help = "Write docs/kpis.md and the JSON Schema in docs/data-exchange.md from the code (--check: only compare)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="fail when a committed file differs")

    def handle(self, *args: Any, **options: Any) -> None:
        current = EXCHANGE_DOC.read_text(encoding="utf-8") if EXCHANGE_DOC.exists() else ""
        wanted = {KPI_DOC: kpis_markdown(), EXCHANGE_DOC: exchange_markdown(current)}
        stale = [
            path.name for path, text in wanted.items() if not path.exists() or path.read_text(encoding="utf-8") != text
        ]
        if options["check"]:
            if stale:
                raise CommandError(f"out of date: {', '.join(stale)} (run manage.py kpi_docs)")
            return
        for path, text in wanted.items():
            path.write_text(text, encoding="utf-8")
        self.stdout.write(f"written: {', '.join(p.name for p in wanted)}")
