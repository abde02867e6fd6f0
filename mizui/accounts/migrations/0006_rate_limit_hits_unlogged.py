"""Rate-limit hits are counters, not records: on PostgreSQL their table is UNLOGGED, so writing one costs no WAL and
a request that writes nothing else commits without waiting for a disk flush (a crash empties the table, which only
resets the counters)."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def unlogged(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE accounts_ratelimithit SET UNLOGGED")


def logged(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE accounts_ratelimithit SET LOGGED")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_rate_limits_and_center_phone")]

    operations = [migrations.RunPython(unlogged, logged)]
