"""The home's worklists from the cases app, per role (accounts/home.py): the coordinator's new inquiries, referrals
past their partner's days to answer and the center's overdue tasks; the lawyer's cases by their next deadline,
appeal windows closing and back pay at risk; anyone's own open tasks (all a volunteer sees). Overdue is counted in
days, and the names of residents in the person's own words of the file they open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import eligibility
from mizui.accounts.audit import log_access
from mizui.accounts.home import Panel
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, Role
from mizui.cases.models import (
    Case,
    CaseStatus,
    Decision,
    Entitlement,
    Inquiry,
    InquiryStatus,
    Referral,
    Resident,
    Stage,
    Task,
)
from mizui.cases.services.casework import appeal_deadline
from mizui.lib.money import format_shekels

SHOWN = 6  # rows per worklist; the list's own page has the rest
APPEAL_HORIZON = dt.timedelta(days=21)
COORDINATING = frozenset({Role.COORDINATOR, Role.MANAGER})


@dataclass(frozen=True)
class Row:
    text: str
    url: str
    due: dt.date | None = None
    late_days: int = 0  # > 0: overdue by this many days
    detail: str = ""


def _late(due: dt.date | None, today: dt.date) -> int:
    return (today - due).days if due is not None and due < today else 0


def _names() -> dict[str, str]:
    return {p["id"]: str(p["label"]) for p in eligibility.programs(translation.get_language() or "he")}


def _task_rows(tasks: Any, today: dt.date) -> list[Row]:
    return [
        Row(t.title, reverse("cases:case", args=[t.case_id]), t.due_on, _late(t.due_on, today))
        for t in tasks.select_related("case").order_by("due_on", "pk")[:SHOWN]
    ]


def provider(request: StaffRequest) -> list[Panel]:
    role = request.membership.role
    today = timezone.localdate()
    authority = request.authority
    panels = []
    mine = Task.objects.for_authority(authority).filter(owner=request.user, done_at__isnull=True)
    if role in {Role.MANAGER, Role.LAWYER, Role.COORDINATOR, Role.VOLUNTEER}:
        panels.append(
            Panel(
                10,
                "cases/home_list.html",
                {
                    "key": "my-tasks",
                    "title": _("המשימות שלי"),
                    "rows": _task_rows(mine, today),
                    "count": mine.count(),
                    "late": mine.filter(due_on__lt=today).count(),
                    "more_url": reverse("cases:queue", args=["mine"]),
                    "empty": _("אין משימות פתוחות."),
                },
            )
        )
    if role in COORDINATING:
        panels += _coordinator(request, today)
    if role == Role.LAWYER:
        panels += _lawyer(request, today)
    if role in COORDINATING or role == Role.LAWYER:
        panels.append(_answers(request, today))
    return panels


ANSWERS_SINCE = dt.timedelta(days=7)


def _answers(request: StaffRequest, today: dt.date) -> Panel:
    """What partners answered this week, with the amount they approved: a lawyer's own cases, the whole center for a
    coordinator or manager."""
    answered = (
        Referral.objects.for_authority(request.authority)
        .filter(first_answer_at__gte=timezone.now() - ANSWERS_SINCE)
        .select_related("service__organization", "entitlement")
        .order_by("-first_answer_at", "-pk")
    )
    if request.membership.role == Role.LAWYER:
        answered = answered.filter(case__lawyer=request.user)
    rows = [
        Row(
            str(r.service.organization.name_he),
            reverse("cases:case", args=[r.case_id]),
            None,
            0,
            _referral_detail(r),
        )
        for r in answered[:SHOWN]
    ]
    context = {
        "key": "partner-answers",
        "title": _("תשובות מגופים שותפים השבוע"),
        "rows": rows,
        "count": answered.count(),
        "empty": _("אין תשובות חדשות מגופים."),
    }
    return Panel(25, "cases/home_list.html", context)


def _referral_detail(referral: Referral) -> str:
    """Its status, and the month's amount on the right it is about once approved."""
    status = str(referral.get_status_display())
    right = referral.entitlement
    if right is not None and right.decision in (Decision.APPROVED, Decision.PARTIAL) and right.monthly_amount:
        return f"{status} · {format_shekels(right.monthly_amount)}"
    return status


def _coordinator(request: StaffRequest, today: dt.date) -> list[Panel]:
    authority = request.authority
    new = Inquiry.objects.for_authority(authority).filter(status=InquiryStatus.NEW)
    inquiries = [
        Row(
            i.full_name,
            reverse("cases:inquiry", args=[i.pk]),
            timezone.localdate(i.created_at),
            0,
            i.get_channel_display(),
        )
        for i in new.order_by("created_at", "pk")[:SHOWN]
    ]
    if inquiries:  # residents' names on the page: in the access log, as every list of them
        log_access(request, AccessAction.VIEW, "home_worklist", "new_inquiries")
    now = timezone.now()
    open_referrals = (
        Referral.objects.for_authority(authority)
        .filter(first_answer_at__isnull=True, closed_at__isnull=True)
        .select_related("service__organization")
        .order_by("sent_at", "pk")
    )
    past_sla = [r for r in open_referrals[:200] if r.answer_due() < now]
    referrals = [
        Row(
            str(r.service.organization.name_he),
            reverse("cases:case", args=[r.case_id]),
            timezone.localdate(r.answer_due()),
            _late(timezone.localdate(r.answer_due()), today),
            str(r.service.name_he),
        )
        for r in past_sla[:SHOWN]
    ]
    overdue = Task.objects.for_authority(authority).filter(done_at__isnull=True, due_on__lt=today)
    return [
        Panel(
            20,
            "cases/home_list.html",
            {
                "key": "new-inquiries",
                "title": _("פניות חדשות שטרם טופלו"),
                "rows": inquiries,
                "count": new.count(),
                "more_url": reverse("cases:inquiries"),
                "empty": _("אין פניות חדשות."),
                "since": True,
            },
        ),
        Panel(
            30,
            "cases/home_list.html",
            {
                "key": "late-referrals",
                "title": _("הפניות שהגוף לא ענה עליהן בזמן"),
                "rows": referrals,
                "count": len(past_sla),
                "late": len(past_sla),
                "empty": _("כל ההפניות בזמן."),
            },
        ),
        Panel(
            40,
            "cases/home_list.html",
            {
                "key": "overdue-tasks",
                "title": _("משימות באיחור במרכז"),
                "rows": _task_rows(overdue, today),
                "count": overdue.count(),
                "late": overdue.count(),
                "empty": _("אין משימות באיחור."),
            },
        ),
    ]


def _lawyer(request: StaffRequest, today: dt.date) -> list[Panel]:
    authority = request.authority
    names = _names()
    cases = Case.objects.for_authority(authority).filter(lawyer=request.user).exclude(status=CaseStatus.CLOSED)
    next_due: dict[int, dt.date] = {}
    for case_id, due in (
        Task.objects.for_authority(authority)
        .filter(case__in=cases, done_at__isnull=True)
        .order_by("due_on")
        .values_list("case_id", "due_on")
    ):
        next_due.setdefault(case_id, due)
    by_deadline = sorted(cases.select_related("resident"), key=lambda c: (next_due.get(c.pk) or dt.date.max, c.pk))
    case_rows = [
        Row(
            c.resident.full_name,
            reverse("cases:case", args=[c.pk]),
            next_due.get(c.pk),
            _late(next_due.get(c.pk), today),
            c.topic,
        )
        for c in by_deadline[:SHOWN]
    ]
    denied = (
        Entitlement.objects.for_authority(authority)
        .filter(case__in=cases, decision=Decision.DENIED, appealed_on__isnull=True, decided_on__isnull=False)
        .select_related("case__resident")
    )
    closing = []
    for right in denied:
        last = appeal_deadline(right.agency, right.decided_on) if right.decided_on else None
        if last is not None and today <= last <= today + APPEAL_HORIZON:
            closing.append((last, right))
    closing.sort(key=lambda item: (item[0], item[1].pk))
    appeal_rows = [
        Row(
            f"{r.case.resident.full_name}: {names.get(r.program, r.program)}",
            reverse("cases:case", args=[r.case_id]),
            last,
            0,
        )
        for last, r in closing[:SHOWN]
    ]
    at_risk = (
        Entitlement.objects.for_authority(authority)
        .filter(case__in=cases)
        .exclude(stage__in=[Stage.PAID, Stage.DROPPED])
        .by_money_at_risk()
        .select_related("case__resident")
    )
    money_rows = [
        Row(
            f"{r.case.resident.full_name}: {names.get(r.program, r.program)}",
            reverse("cases:case", args=[r.case_id]),
            None,
            0,
            _back_pay(r),
        )
        for r in at_risk[:SHOWN]
    ]
    if case_rows or appeal_rows or money_rows:  # residents' names on the page: in the access log
        log_access(request, AccessAction.VIEW, "home_worklist", "own_cases")
    return [
        Panel(
            20,
            "cases/home_list.html",
            {
                "key": "my-cases",
                "title": _("התיקים שלי לפי המועד הקרוב"),
                "rows": case_rows,
                "count": cases.count(),
                "empty": _("אין תיקים פתוחים שלך."),
            },
        ),
        Panel(
            30,
            "cases/home_list.html",
            {
                "key": "appeals-closing",
                "title": _("מועדי ערר שנסגרים בשלושת השבועות הקרובים"),
                "rows": appeal_rows,
                "count": len(closing),
                "empty": _("אין מועד ערר קרוב."),
                "deadline": True,
            },
        ),
        Panel(
            40,
            "cases/home_list.html",
            {
                "key": "money-at-risk",
                "title": _("כסף רטרואקטיבי בסיכון"),
                "rows": money_rows,
                "count": at_risk.count(),
                "more_url": reverse("cases:queue", args=["money"]),
                "empty": _("אין כסף בסיכון בתיקים שלך."),
            },
        ),
    ]


def _back_pay(right: Entitlement) -> str:
    months = right.retro_cap_months
    monthly = right.at_risk_monthly or Decimal(0)
    if months:
        return f"{format_shekels(monthly)} × {months}"
    return format_shekels(monthly)


def describer(request: StaffRequest, object_type: str, ids: list[str]) -> dict[str, str]:
    """Residents' names for the personal activity page, by the object the access log names."""
    numbers = [int(i) for i in ids if i.isdigit()]
    if not numbers:
        return {}
    authority = request.authority
    if object_type == "resident":
        rows = Resident.objects.for_authority(authority).filter(pk__in=numbers)
        return {str(r.pk): r.full_name for r in rows}
    if object_type == "case":
        cases = Case.objects.for_authority(authority).filter(pk__in=numbers).select_related("resident")
        return {str(c.pk): c.resident.full_name for c in cases}
    if object_type == "inquiry":
        return {str(i.pk): i.full_name for i in Inquiry.objects.for_authority(authority).filter(pk__in=numbers)}
    return {}
