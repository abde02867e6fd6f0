"""The home of a center's manager (accounts/home.py): the team's load (open cases and open tasks per person) and the
money realized this month against last month, confirmed and estimated apart, read from the ledger itself; and, for
coordinators and managers, the households due to be screened again within their 12 months (the follow-up the
dependence and mobility KPIs compare, outcomes/followup.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import Max, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mizui.accounts.audit import log_access
from mizui.accounts.home import Panel
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, Authority, Membership, Role
from mizui.cases.models import Basis, Case, CaseScreening, CaseStatus, Decision, Entitlement, Task
from mizui.outcomes import followup
from mizui.outcomes.summary import add_months

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


SHOWN = 6  # rows of the follow-up worklist (as the cases app's worklists)


def due_for_follow_up(authority: Authority, today: dt.date) -> list[tuple[dt.date, Case]]:
    """Households to screen again now (followup.due), each with the last day of its 12 months and its latest case,
    the soonest first."""
    since = timezone.make_aware(
        dt.datetime.combine(add_months(today.replace(day=1), -followup.WINDOW_MONTHS - 1), dt.time())
    )
    households = (
        CaseScreening.objects.for_authority(authority)
        .values("case__household_id")
        .annotate(first=Min("screening__created_at"), last=Max("screening__created_at"))
        .filter(first__gte=since)
    )
    ends: dict[int, dt.date] = {}
    for row in households:
        first, last = timezone.localdate(row["first"]), timezone.localdate(row["last"])
        if followup.due(first, last, today):
            ends[row["case__household_id"]] = followup.window_end(first)
    latest: dict[int, Case] = {}
    cases = Case.objects.for_authority(authority).filter(household_id__in=list(ends))
    for case in cases.select_related("resident").order_by("household_id", "-opened_at", "-pk"):
        latest.setdefault(case.household_id, case)
    return sorted(((ends[h], c) for h, c in latest.items()), key=lambda item: (item[0], item[1].pk))


def _follow_ups(request: StaffRequest, today: dt.date) -> Panel:
    due = due_for_follow_up(request.authority, today)
    if due:  # residents' names on the page: in the access log, as every list of them
        log_access(request, AccessAction.VIEW, "follow_up_list")
    rows = [
        {
            "text": case.resident.full_name,
            "url": reverse("cases:case", args=[case.pk]),
            "due": end,
            "detail": case.topic,
        }
        for end, case in due[:SHOWN]
    ]
    context = {
        "key": "follow-ups",
        "title": _("משקי בית לבדיקת זכאות חוזרת"),
        "rows": rows,
        "count": len(due),
        "deadline": True,
        "empty": _("אין משקי בית שהגיע זמנם לבדיקה חוזרת."),
        "note": _("חצי שנה ויותר אחרי הבדיקה הראשונה: בדיקה חוזרת מדף התיק מראה מה השתנה (מדדי תלות וניעות)."),
    }
    return Panel(45, "cases/home_list.html", context)


def provider(request: StaffRequest) -> list[Panel]:
    if request.membership.role in {Role.COORDINATOR, Role.MANAGER}:
        follow_ups = [_follow_ups(request, timezone.localdate())]
    else:
        follow_ups = []
    if request.membership.role != Role.MANAGER:
        return follow_ups
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
    return [Panel(5, "outcomes/home_manager.html", context), *follow_ups]
