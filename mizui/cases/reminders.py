"""Reminders: what is due today, who hears about it, in which language, through which channel.

- open tasks due today or overdue → their owner;
- appeal deadlines 14 and 3 days ahead → the task's owner;
- a right waiting for documents 14 days or more → the resident, by SMS in their language, when they gave
  contact consent and no safe-contact rule forbids it; otherwise → the case's staff, to follow up safely;
- renewals due within 30 days → the case's staff.
Each reminder is recorded under a unique key before it leaves, so running the job twice sends nothing twice.
Staff emails carry a case number and a link, never a resident's name or details.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

import eligibility
from mizui.accounts.models import Authority, Membership, Role, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import (
    Case,
    ConsentPurpose,
    Entitlement,
    Reminder,
    Resident,
    Stage,
    Task,
    TaskKind,
)
from mizui.cases.services import has_consent, outbox
from mizui.cases.services.documents import checklist
from mizui.lib import messaging

logger = logging.getLogger(__name__)

APPEAL_WINDOWS = (3, 14)  # days before the deadline, tightest first
DOCUMENTS_WAIT = dt.timedelta(days=14)
RENEWAL_HORIZON = dt.timedelta(days=30)


@dataclass(frozen=True)
class Outgoing:
    key: str  # unique per authority: the same key is never sent twice
    channel: str
    to: str
    language: str
    recipient: str  # "staff:<id>" or "resident:<id>", for the record
    compose: Callable[[], tuple[str, str]]  # (subject, body), called in `language`


def _language(code: str) -> str:
    return code if code in {c for c, _name in settings.LANGUAGES} else str(settings.LANGUAGE_CODE)


def _day(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _link(case_id: int) -> str:
    return f"{settings.SITE_ROOT.rstrip('/')}{reverse('cases:case', kwargs={'pk': case_id})}"


def _program(program: str) -> str:
    names = {p["id"]: str(p["label"]) for p in eligibility.programs(translation.get_language() or "he")}
    return names.get(program, program)


def _to_staff(key: str, user: User, compose: Callable[[], tuple[str, str]]) -> Outgoing:
    return Outgoing(key, "email", user.email, _language(user.preferred_language), f"staff:{user.pk}", compose)


class _Staff:
    """Who hears about a case: its lawyer or coordinator, else the authority's managers (looked up once)."""

    def __init__(self, authority: Authority) -> None:
        self.authority = authority
        self._managers: list[User] | None = None

    def of(self, case: Case) -> list[User]:
        owner = case.lawyer or case.coordinator
        if owner is not None and owner.is_active:
            return [owner]
        if self._managers is None:
            memberships = Membership.objects.for_authority(self.authority).active().filter(role=Role.MANAGER)
            self._managers = [m.user for m in memberships.select_related("user").order_by("pk")]
        return self._managers


def sms_allowed(resident: Resident, on: dt.date) -> bool:
    """May the center text this resident? Never with a sensitivity flag (domestic violence: staff only)."""
    if resident.sensitivity or resident.no_sms or not resident.phone:
        return False
    # `no_letters` needs no check here: Mizui sends no post. A letters channel must check it.
    return has_consent(resident, ConsentPurpose.CONTACT, on=on)


def _tasks_due(authority: Authority, today: dt.date) -> Iterator[Outgoing]:
    tasks = Task.objects.for_authority(authority).open().filter(due_on__lte=today, owner__is_active=True)
    for t in tasks.select_related("owner").order_by("due_on", "pk"):

        def compose(t: Task = t) -> tuple[str, str]:
            case = {"case": t.case_id, "due": _day(t.due_on)}
            return (
                _("תזכורת: משימה בתיק %(case)s") % case,
                _("מועד המשימה בתיק %(case)s: %(due)s. הפרטים בתיק:") % case + f"\n{_link(t.case_id)}",
            )

        yield _to_staff(f"task:{t.pk}:due", t.owner, compose)


def _appeal_windows(authority: Authority, today: dt.date) -> Iterator[Outgoing]:
    tasks = Task.objects.for_authority(authority).open().filter(kind=TaskKind.APPEAL_DEADLINE, owner__is_active=True)
    horizon = today + dt.timedelta(days=max(APPEAL_WINDOWS))
    for t in tasks.filter(due_on__gt=today, due_on__lte=horizon).select_related("owner").order_by("due_on", "pk"):
        days = (t.due_on - today).days
        window = next(w for w in APPEAL_WINDOWS if days <= w)

        def compose(t: Task = t, days: int = days) -> tuple[str, str]:
            values = {"case": t.case_id, "due": _day(t.due_on), "days": days}
            return (
                _("מועד אחרון לערר בתיק %(case)s: %(due)s") % values,
                _("ימים שנותרו להגשת ערר בתיק %(case)s: %(days)s (עד %(due)s). הפרטים בתיק:") % values
                + f"\n{_link(t.case_id)}",
            )

        yield _to_staff(f"task:{t.pk}:appeal:{window}", t.owner, compose)


def _documents_missing(authority: Authority, today: dt.date, staff: _Staff) -> Iterator[Outgoing]:
    rows = Entitlement.objects.for_authority(authority).filter(
        stage=Stage.DOCUMENTS, documents_on__lte=today - DOCUMENTS_WAIT
    )
    rows = rows.select_related("case", "case__resident", "case__lawyer", "case__coordinator")
    for e in rows.prefetch_related("documents").order_by("documents_on", "pk"):
        key = f"entitlement:{e.pk}:documents:{e.documents_on}"
        resident = e.case.resident
        if sms_allowed(resident, today):

            def text(e: Entitlement = e) -> tuple[str, str]:
                return "", _resident_documents_text(e)

            language = _language(resident.preferred_language)
            yield Outgoing(key, "sms", resident.phone, language, f"resident:{resident.pk}", text)
            continue
        for user in staff.of(e.case):

            def compose(e: Entitlement = e) -> tuple[str, str]:
                values = {"case": e.case_id, "program": _program(e.program), "since": _day(e.documents_on or today)}
                return (
                    _("חסרים מסמכים בתיק %(case)s") % values,
                    _(
                        "הזכות %(program)s בתיק %(case)s ממתינה למסמכים מאז %(since)s. לתושב/ת לא נשלחה תזכורת "
                        "(אין הסכמה ליצירת קשר או שיש הגבלת קשר), לכן כדאי לפנות אליו/ה בדרך בטוחה. הפרטים בתיק:"
                    )
                    % values
                    + f"\n{_link(e.case_id)}",
                )

            yield _to_staff(f"{key}:staff:{user.pk}", user, compose)


def _resident_documents_text(e: Entitlement) -> str:
    lang = translation.get_language() or "he"
    missing = [item.label for item in checklist(e, e.documents.all(), lang) if not item.done]
    values = {"program": _program(e.program), "documents": "; ".join(missing)}
    if missing:
        return (
            _(
                "מרכז מיצוי הזכויות: כדי לקדם את הבקשה ל%(program)s חסרים עדיין המסמכים האלה: %(documents)s. "
                "אפשר להביא אותם למרכז, ונשמח לעזור."
            )
            % values
        )
    return (
        _("מרכז מיצוי הזכויות: כדי לקדם את הבקשה ל%(program)s חסרים עדיין מסמכים. נשמח לעזור; אפשר לפנות למרכז.")
        % values
    )


def _renewals(authority: Authority, today: dt.date, staff: _Staff) -> Iterator[Outgoing]:
    rows = Entitlement.objects.for_authority(authority).filter(
        stage__in=[Stage.PAID, Stage.RENEWAL_DUE], renewal_due_on__lte=today + RENEWAL_HORIZON
    )
    for e in rows.select_related("case", "case__lawyer", "case__coordinator").order_by("renewal_due_on", "pk"):
        for user in staff.of(e.case):

            def compose(e: Entitlement = e) -> tuple[str, str]:
                values = {"case": e.case_id, "program": _program(e.program), "due": _day(e.renewal_due_on or today)}
                return (
                    _("חידוש זכות בתיק %(case)s") % values,
                    _("יש לחדש את %(program)s בתיק %(case)s עד %(due)s. הפרטים בתיק:") % values
                    + f"\n{_link(e.case_id)}",
                )

            yield _to_staff(f"entitlement:{e.pk}:renewal:{e.renewal_due_on}:staff:{user.pk}", user, compose)


def due(authority: Authority, today: dt.date) -> Iterator[Outgoing]:
    """Every reminder due on `today`, sent or not; run inside the authority's tenant."""
    staff = _Staff(authority)
    yield from _tasks_due(authority, today)
    yield from _appeal_windows(authority, today)
    yield from _documents_missing(authority, today, staff)
    yield from _renewals(authority, today, staff)


def _send_once(authority: Authority, item: Outgoing, today: dt.date) -> bool:
    try:
        # One savepoint per reminder: the record and the queued message stand or fall together, and a second
        # worker racing on the same key gets IntegrityError. The outbox sends it and retries a failed send
        # (services/outbox.py); it logs the export of a resident's number when it leaves.
        with transaction.atomic():
            Reminder.objects.create(authority=authority, key=item.key, channel=item.channel, recipient=item.recipient)
            with translation.override(item.language):
                subject, body = item.compose()
            outbox.queue(
                authority,
                item.channel,
                messaging.Message(item.to, body, subject=subject, language=item.language),
                recipient=item.recipient,
            )
            if item.key.endswith(":due") and item.key.startswith("task:"):
                Task.objects.filter(pk=int(item.key.split(":")[1])).update(reminded_on=today)
    except IntegrityError:
        return False
    except Exception:
        logger.exception("reminder %s of authority %s was not sent", item.key, authority.pk)
        return False
    return True


def send_due(authority: Authority, today: dt.date | None = None) -> list[Outgoing]:
    """Send each due reminder of `authority` that was not sent before; the caller sets the tenant."""
    day = today or timezone.localdate()
    items = list(due(authority, day))
    sent_before = set(
        Reminder.objects.for_authority(authority).filter(key__in=[i.key for i in items]).values_list("key", flat=True)
    )
    return [item for item in items if item.key not in sent_before and _send_once(authority, item, day)]


@task()
def send_due_reminders(authority_id: int) -> int:
    """Background task (django-tasks): send today's reminders of one authority, under its tenant."""
    authority = Authority.objects.get(pk=authority_id)
    with tenant_context(authority):
        return len(send_due(authority))
