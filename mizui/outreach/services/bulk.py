"""INSERTs without building model instances: the ORM's bulk_create spends ~100 µs a row preparing
values, which is most of a million-row import. (COPY is not an option: PostgreSQL refuses COPY FROM into a
table under row-level security.) Values must already be in database form (encrypted text, ids, numbers)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection, models

ROWS_PER_STATEMENT = 500


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    quote = connection.ops.quote_name
    # Table and column names come from the model, never from input; values are bound parameters.
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) VALUES "  # noqa: S608
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    count = 0
    it = iter(rows)
    if connection.vendor == "postgresql":
        # psycopg 3 sends executemany in pipeline mode with the statement parsed once: faster than a long
        # multi-row VALUES, which psycopg re-splits on every call.
        every = [tuple(row) for row in it]
        with connection.cursor() as cursor:
            cursor.executemany(head + one, every)
        return len(every)
    with connection.cursor() as cursor:
        while part := list(islice(it, ROWS_PER_STATEMENT)):
            cursor.execute(head + ", ".join([one] * len(part)), [value for row in part for value in row])
            count += len(part)
    return count
