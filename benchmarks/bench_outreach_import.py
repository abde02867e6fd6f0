"""Import of municipal records on PostgreSQL (row-level security on, as the app role): rows/s end to end.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python benchmarks/bench_outreach_import.py \
        --rows 1000000 --database h_outreach_bench

Writes a synthetic CSV (valid ID numbers; every 10,000th row broken), creates a fresh authority, and times
`manage.py import_records` on it: validation, blind indexes, one Fernet token per person, rows COPYed in
chunks of 5,000 that commit with the import's counters. Then imports the same rows again under another
file name (every row a duplicate) to time the idempotent path.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-secret-key-synthetic-data-never-for-production-000000",
    "FIELD_ENCRYPTION_KEYS": "YmVuY2htYXJrLW9ubHktZmllbGQta2V5LTAwMDAwMDA=",
    "BLIND_INDEX_KEY": "benchmark-only-blind-index-key",
    "ALLOWED_HOSTS": "testserver",
}


def prepare_database(server_url: str, name: str) -> str:
    if name.startswith("test") or not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing database name {name!r}")
    import psycopg
    from psycopg import sql

    with psycopg.connect(server_url, autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def setup(url: str) -> None:
    os.environ.update({**BENCH_ENV, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "mizui.settings"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def act_as_app_role() -> None:
    from django.conf import settings
    from django.db import connections
    from django.db.backends.signals import connection_created
    from psycopg import sql

    def become(sender: Any, connection: Any, **kwargs: Any) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(settings.DATABASE_APP_ROLE)))

    connection_created.connect(become, weak=False)
    connections.close_all()


def fresh_authority() -> Any:
    from mizui.accounts.models import Authority

    stamp = int(time.time())
    return Authority.objects.create(
        slug=f"bench-outreach-{stamp}", name_he="בדיקת ביצועים", name_en="Bench", cbs_code=900_000 + stamp % 99_999
    )


def write_file(path: Path, rows: int) -> None:
    from mizui.outreach import synthetic

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(synthetic.COLUMNS)
        for n, row in enumerate(islice(synthetic.rows(rows, seed=1, prefix=1), rows), start=1):
            if n % 10_000 == 0:
                row[0] = row[0][:8] + str((int(row[0][8]) + 1) % 10)
            writer.writerow(row)


def timed_import(path: Path, authority: Any, source: str) -> tuple[float, dict[str, Any]]:
    from django.core.management import call_command

    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_records", str(path), "--authority", authority.slug, "--source", source, stdout=out)
    return time.perf_counter() - started, json.loads(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database", default="h_outreach_bench")
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL server")
    setup(prepare_database(server, args.database))
    authority = fresh_authority()
    act_as_app_role()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.csv"
        started = time.perf_counter()
        write_file(path, args.rows)
        print(
            f"wrote {args.rows:,} rows ({path.stat().st_size / 1e6:,.0f} MB) in {time.perf_counter() - started:.1f} s"
        )
        took, result = timed_import(path, authority, "bench")
        print(f"import: {took:.1f} s, {args.rows / took:,.0f} rows/s; {json.dumps(result)}")
        # The same rows in a file with other bytes (LF line ends), so the file hash does not short-cut it.
        again = Path(folder) / "records-again.csv"
        again.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
        took, result = timed_import(again, authority, "bench")
        print(f"same rows again (all duplicates): {took:.1f} s, {args.rows / took:,.0f} rows/s; {json.dumps(result)}")


if __name__ == "__main__":
    main()
