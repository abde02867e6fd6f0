"""Running the rules for one household, storing a screening, counting anonymous ones."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import connection, transaction

import eligibility
from mizui.accounts.models import Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.lib.crypto import decrypt, encrypt
from mizui.screening.models import Channel, Screening, ScreeningTally


def encode(data: dict[str, Any]) -> str:
    return encrypt(json.dumps(data, ensure_ascii=False, default=str))


def decode(token: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(decrypt(token))
    return result


def run_screening(household: dict[str, Any], *, lang: str = "he", as_of: dt.date | None = None) -> dict[str, Any]:
    """Validate and evaluate one household (raises eligibility.HouseholdError on bad input)."""
    return eligibility.screen(household, as_of=as_of, lang=lang)


def store_screening(
    actor: User | None,
    *,
    authority: Authority,
    household: dict[str, Any],
    result: dict[str, Any],
    channel: Channel,
    language: str,
) -> Screening:
    with tenant_context(authority, actor):
        return Screening.objects.create(
            authority=authority,
            channel=channel,
            language=language,
            as_of=dt.date.fromisoformat(result["as_of"]),
            rules_version=result["rules_version"],
            household_json=encode(household),
            result_json=encode(result),
        )


def count_anonymous(authority: Authority, result: dict[str, Any]) -> None:
    """Add one anonymous screening to the authority's monthly tally, per right and status."""
    month = dt.date.fromisoformat(result["as_of"]).replace(day=1)
    # Every call locks its rows in one order (by right): in the answer's order (by money, which differs from
    # household to household) two concurrent calls of one authority deadlocked.
    rows = sorted((p["id"], p["status"]) for p in result["programs"])
    table = ScreeningTally._meta.db_table
    # One statement for every right: one round trip, and the row locks are taken together (PostgreSQL and
    # SQLite both speak ON CONFLICT).
    sql = (
        f"INSERT INTO {table} (authority_id, month, program, status, count) VALUES "  # noqa: S608
        + ", ".join(["(%s, %s, %s, %s, 1)"] * len(rows))
        + f" ON CONFLICT (authority_id, month, program, status) DO UPDATE SET count = {table}.count + 1"
    )
    params = [value for program, status in rows for value in (authority.pk, month, program, status)]
    with tenant_context(authority), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            # The rows stay locked until the request commits; a commit that waits for the disk would make every
            # keyed call of the authority queue for it. A crash may lose the last few counts, never corrupt them.
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
