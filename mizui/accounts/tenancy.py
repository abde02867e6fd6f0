"""The tenant of the current database transaction.

On PostgreSQL every table with an `authority_id` column answers only rows of the authority named in
the transaction-local setting `app.authority_id` (row-level security, accounts/rls.py). Requests set it
in TenantMiddleware; background tasks and commands use `tenant_context`. Without it, no rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from mizui.accounts.models import Authority, User


def _setting(value: int | None) -> str:
    return "" if value is None else str(value)


def set_db_tenant(*, authority_id: int | None, user_id: int | None) -> None:
    """Set the tenant for the rest of the current transaction (SET LOCAL semantics)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('app.authority_id', %s, true), set_config('app.user_id', %s, true)",
            [_setting(authority_id), _setting(user_id)],
        )


def current_db_tenant() -> tuple[str, str]:
    if connection.vendor != "postgresql":
        return ("", "")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(current_setting('app.authority_id', true), ''),"
            " coalesce(current_setting('app.user_id', true), '')"
        )
        row = cursor.fetchone()
    assert row is not None
    return (row[0], row[1])


@contextmanager
def tenant_context(authority: Authority | None, user: User | None = None) -> Iterator[None]:
    """Run a block as `authority` (and `user`), inside a transaction.

    Restores the previous tenant on exit, because inside an outer transaction a transaction-local
    setting would otherwise outlive the block.
    """
    with transaction.atomic():
        previous = current_db_tenant()
        set_db_tenant(
            authority_id=authority.pk if authority else None,
            user_id=user.pk if user else None,
        )
        try:
            yield
        finally:
            if connection.vendor == "postgresql" and not connection.needs_rollback:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('app.authority_id', %s, true), set_config('app.user_id', %s, true)",
                        list(previous),
                    )
