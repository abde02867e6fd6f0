"""The home of a center's manager (accounts/home.py): the team's load (open cases and open tasks per person) and the
money realized this month against last month, confirmed and estimated apart, read from the ledger itself."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils import timezone

from mizui.accounts.home import Panel
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import Membership, Role
from mizui.cases.models import Basis, Case, CaseStatus, Decision, Entitlement, Task

APPROVED = (Decision.APPROVED, Decision.PARTIAL)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def realized(authority: object, start: dt.date, end: dt.date) -> dict[str, Decimal]:
    """₪ a month of the rights approved between start and end (inclusive), confirmed and estimated."""
    rows = Entitlement.objects.for_authority(authority).filter(  # type: ignore[arg-type]
        decision__in=APPROVED, decided_on__gte=start, decided_on__lte=end
    )
    sums = rows.aggregate(
        confirmed=Sum("monthly_amount", filter=Q(basis=Basis.CONFIRMED)),
        estimated=Sum("monthly_amount", filter=~Q(basis=Basis.CONFIRMED)),
    )
    out = {k: v or Decimal(0) for k, v in sums.items()}
    out["total"] = out["confirmed"] + out["estimated"]
    return out


def provider(request: StaffRequest) -> list[Panel]:
    if request.membership.role != Role.MANAGER:
        return []
    authority = request.authority
    today = timezone.localdate()
    this_start = _month_start(today)
    last_end = this_start - dt.timedelta(days=1)
    last_start = _month_start(last_end)
    # The same days of last month, so a month half gone is compared with the same half.
    same_day = min(today.day, last_end.day)
    this_month = realized(authority, this_start, today)
    last_month = realized(authority, last_start, last_start.replace(day=same_day))
    open_cases = Case.objects.for_authority(authority).exclude(status=CaseStatus.CLOSED)
    load: Counter[int] = Counter()
    for field in ("lawyer_id", "coordinator_id", "volunteer_id"):
        load.update(uid for uid in open_cases.values_list(field, flat=True) if uid)
    tasks = Counter(
        Task.objects.for_authority(authority).filter(done_at__isnull=True).values_list("owner_id", flat=True)
    )
    late = Counter(
        Task.objects.for_authority(authority)
        .filter(done_at__isnull=True, due_on__lt=today)
        .values_list("owner_id", flat=True)
    )
    team = (
        Membership.objects.for_authority(authority)
        .active()
        .filter(role__in=[Role.LAWYER, Role.COORDINATOR, Role.VOLUNTEER, Role.MANAGER])
        .select_related("user")
        .order_by("user__full_name")
    )
    people: list[dict[str, Any]] = [
        {
            "name": m.user.full_name,
            "role": m.get_role_display(),
            "cases": load[m.user_id],
            "tasks": tasks[m.user_id],
            "late": late[m.user_id],
        }
        for m in team
    ]
    people.sort(key=lambda p: (-p["cases"], -p["tasks"], p["name"]))
    context = {
        "this_month": this_month,
        "last_month": last_month,
        "since": last_start.replace(day=same_day),
        "people": people,
    }
    return [Panel(5, "outcomes/home_manager.html", context)]
