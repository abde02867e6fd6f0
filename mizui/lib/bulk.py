"""Writing many rows without building model instances: the ORM's bulk_create spends ~100 µs a row preparing
values, which is most of a million-row import. Values must already be in database form (ciphertexts, ids,
numbers).

On PostgreSQL rows are COPYed into a temporary table and moved with one INSERT … SELECT: PostgreSQL refuses
COPY FROM into a table under row-level security, and the INSERT still goes through the table's policy, its
constraints and its indexes, so nothing is skipped but the per-row statement overhead (≈ 90 → 45 µs a row).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

import polars as pl
from django.db import connection, models

ROWS_PER_STATEMENT = 500


def text_array(values: Iterable[str]) -> str:
    """A PostgreSQL text[] literal, bound as one string: psycopg adapts a list of 5,000 strings one by one
    (≈ 30 ms)."""
    quoted = ('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values)
    return "{" + ",".join(quoted) + "}"


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    if connection.vendor == "postgresql":
        return copy_rows(model._meta.db_table, columns, rows)
    quote = connection.ops.quote_name
    # Table and column names come from the model, never from input; values are bound parameters.
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) VALUES "  # noqa: S608
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    count = 0
    it = iter(rows)
    with connection.cursor() as cursor:
        while part := list(islice(it, ROWS_PER_STATEMENT)):
            cursor.execute(head + ", ".join([one] * len(part)), [value for row in part for value in row])
            count += len(part)
    return count


def insert_frame(model: type[models.Model], frame: pl.DataFrame) -> int:
    """A Polars frame whose columns are the model's columns, in database form (money rounded to cents)."""
    if connection.vendor != "postgresql":
        return insert_rows(model, frame.columns, frame.iter_rows())
    # CSV written by Polars in one call: strings always quoted, so an empty string stays empty and only a
    # missing value (unquoted, empty) is NULL. Numbers as the frame holds them (the caller rounds money to cents,
    # a probability to thousandths): a fixed two decimals turned a probability of 0.464 into 0.46.
    text = frame.write_csv(include_header=False, quote_style="non_numeric")
    return copy_rows(model._meta.db_table, frame.columns, [text], csv=True)


def copy_rows(
    table: str, columns: Sequence[str], rows: Iterable[Any], *, direct: bool = False, csv: bool = False
) -> int:
    """COPY rows into `table` through a temporary table (or straight in with `direct`, for a table without
    row-level security, or a database owner loading a benchmark). With `csv`, `rows` are blocks of CSV text."""
    from psycopg import sql

    staging = f"staging_{table}"
    cols = sql.SQL(", ").join(map(sql.Identifier, columns))
    count = 0
    with connection.cursor() as cursor:
        if not direct:
            # The written columns' types only: no constraints, no row-level security, no indexes.
            cursor.execute(
                sql.SQL("CREATE TEMP TABLE IF NOT EXISTS {} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA").format(
                    sql.Identifier(staging), cols, sql.Identifier(table)
                )
            )
        target = sql.Identifier(table if direct else staging)
        form = sql.SQL(" WITH (FORMAT csv)" if csv else "")
        with cursor.copy(sql.SQL("COPY {} ({}) FROM STDIN{}").format(target, cols, form)) as copy:
            for row in rows:
                if csv:
                    copy.write(row)
                else:
                    copy.write_row(row)
                    count += 1
        if csv:
            count = cursor.rowcount
        if not direct:
            cursor.execute(
                sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {}").format(
                    sql.Identifier(table), cols, cols, sql.Identifier(staging)
                )
            )
            count = cursor.rowcount
            cursor.execute(sql.SQL("TRUNCATE {}").format(sql.Identifier(staging)))
    return count


def update_rows(model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    """Set `columns` of the rows whose primary key comes first in each row: (pk, *values)."""
    if not rows:
        return 0
    quote = connection.ops.quote_name
    table, pk = model._meta.db_table, model._meta.pk.column
    if connection.vendor == "postgresql":
        from psycopg import sql

        staging = f"staging_update_{table}"
        every = [pk, *columns]
        cols = sql.SQL(", ").join(map(sql.Identifier, every))
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("CREATE TEMP TABLE IF NOT EXISTS {} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA").format(
                    sql.Identifier(staging), cols, sql.Identifier(table)
                )
            )
            with cursor.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(staging), cols)) as copy:
                for row in rows:
                    copy.write_row(row)
            assignments = sql.SQL(", ").join(
                sql.SQL("{} = s.{}").format(sql.Identifier(c), sql.Identifier(c)) for c in columns
            )
            cursor.execute(
                sql.SQL("UPDATE {} AS t SET {} FROM {} AS s WHERE t.{} = s.{}").format(
                    sql.Identifier(table), assignments, sql.Identifier(staging), sql.Identifier(pk), sql.Identifier(pk)
                )
            )
            cursor.execute(sql.SQL("TRUNCATE {}").format(sql.Identifier(staging)))
        return len(rows)
    # Names come from the model, never from input; values are bound parameters.
    statement = f"UPDATE {quote(table)} SET {', '.join(f'{quote(c)} = %s' for c in columns)} WHERE {quote(pk)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(statement, [(*row[1:], row[0]) for row in rows])
    return len(rows)
