"""The rows behind a figure, read live from the tables staff work on, with the same filters as the dashboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from mizui.accounts.models import Authority
from mizui.cases.models import Barrier, Entitlement, Inquiry, Referral
from mizui.outcomes.kpis import KPI, months_annotation
from mizui.outcomes.refresh import NO_CHANNEL, classify, local_day
from mizui.outcomes.summary import Filters

PAGE = 50


def _period(date_field: str, filters: Filters) -> Q:
    # Datetimes are compared by their local (Asia/Jerusalem) date, as the aggregates bucket them.
    name = date_field if date_field.endswith("_on") else f"{date_field}__date"
    return Q(**{f"{name}__gte": filters.start, f"{name}__lte": filters.end_day})


def _staff(filters: Filters, case: str) -> Q:
    assert filters.staff is not None
    return Q(**{f"{case}lawyer_id": filters.staff}) | Q(
        **{f"{case}lawyer__isnull": True, f"{case}coordinator_id": filters.staff}
    )


def first_channel() -> Any:
    first = Inquiry.objects.filter(case=OuterRef("case")).order_by("created_at", "pk").values("channel")[:1]
    return Coalesce(Subquery(first), Value(NO_CHANNEL))


def _rights(authority: Authority, filters: Filters) -> QuerySet[Any]:
    rows = Entitlement.objects.for_authority(authority)
    if filters.program:
        rows = rows.filter(program=filters.program)
    if filters.agency:
        rows = rows.filter(agency=filters.agency)
    if filters.channel:
        rows = rows.annotate(first_channel=first_channel()).filter(first_channel=filters.channel)
    if filters.staff is not None:
        rows = rows.filter(_staff(filters, "case__"))
    return rows


def _inquiries(authority: Authority, filters: Filters) -> QuerySet[Any]:
    rows = Inquiry.objects.for_authority(authority)
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if filters.staff is not None:
        rows = rows.filter(_staff(filters, "case__"))
    return rows


def _referrals(authority: Authority, filters: Filters) -> QuerySet[Any]:
    rows = Referral.objects.for_authority(authority)
    if filters.program:
        rows = rows.filter(entitlement__program=filters.program)
    if filters.agency:
        rows = rows.filter(entitlement__agency=filters.agency)
    if filters.staff is not None:
        rows = rows.filter(sent_by_id=filters.staff)
    return rows


def _barriers(authority: Authority, filters: Filters) -> QuerySet[Any]:
    rows = Barrier.objects.for_authority(authority)
    if filters.program:
        rows = rows.filter(program=filters.program)
    if filters.agency:
        rows = rows.filter(agency=filters.agency)
    return rows


BASES = {"rights": _rights, "inquiries": _inquiries, "referrals": _referrals, "barriers": _barriers}


def inquiries_of_kind(authority: Authority, filters: Filters, kind: str) -> list[int]:
    """Ids of the period's inquiries of one kind: every earlier inquiry decides whether a person is new."""
    last: dict[str, dt.date] = {}
    found = []
    rows = Inquiry.objects.for_authority(authority).filter(created_at__date__lte=filters.end_day)
    for pk, created, resident, phone in rows.order_by("created_at", "pk").values_list(
        "pk", "created_at", "resident_id", "phone_index"
    ):
        day = local_day(created)
        if classify(last, day, resident, phone) == kind and day >= filters.start:
            found.append(pk)
    return found


def rows_behind(authority: Authority, kpi: KPI, filters: Filters, today: dt.date) -> QuerySet[Any]:
    """Every row behind `kpi` for `filters`, newest first (call inside the tenant)."""
    assert kpi.drill is not None
    drill = kpi.drill
    rows = BASES[drill.rows](authority, filters).filter(_period(drill.date, filters))
    if drill.rows == "rights":
        rows = rows.annotate(months_elapsed=months_annotation(today))
    if drill.where is not None:
        rows = rows.filter(drill.where(today))
    if drill.kind:
        rows = rows.filter(pk__in=inquiries_of_kind(authority, filters, drill.kind))
    return rows.order_by(f"-{drill.date}", "-pk")


@dataclass(frozen=True)
class DrillPage:
    object_list: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def page_of(rows: QuerySet[Any], number: int, related: tuple[str, ...] = ()) -> DrillPage:
    """One page without COUNT(*): the figure on the dashboard already says how many rows there are."""
    start = (number - 1) * PAGE
    found = list(rows.select_related(*related)[start : start + PAGE + 1])
    return DrillPage(found[:PAGE], number, len(found) > PAGE)
