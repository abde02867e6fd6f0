from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from mizui.accounts.rls import apply_row_level_security, tables_missing_rls


class Command(BaseCommand):
    help = "Enable and force row-level security on every table with authority_id (PostgreSQL; also runs after migrate)."

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Row-level security needs PostgreSQL; set DATABASE_URL.")
        tables = apply_row_level_security(connection)
        missing = tables_missing_rls(connection)
        if missing:
            raise CommandError(f"Tables still without row-level security: {', '.join(missing)}")
        self.stdout.write(f"Row-level security on {len(tables)} tables: {', '.join(tables)}")
