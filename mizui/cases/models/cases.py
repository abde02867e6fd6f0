from __future__ import annotations

from functools import cached_property
from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet, User
from mizui.cases.models.residents import Household, Resident
from mizui.lib.crypto import EncryptedTextField
from mizui.screening.models import Screening


class CaseStatus(models.TextChoices):
    OPEN = "open", _("פתוח")
    WAITING = "waiting", _("ממתין לגורם חיצוני")
    CLOSED = "closed", _("סגור")


class CaseQuerySet(TenantQuerySet["Case"]):
    def visible_to(self, user: User, role: str) -> CaseQuerySet:
        """Volunteers see only the cases assigned to them; staff see the authority's cases."""
        if role == "volunteer":
            return self.filter(volunteer=user)
        return self

    def open(self) -> CaseQuerySet:
        return self.exclude(status=CaseStatus.CLOSED)


class Case(TenantModel):
    opened_at = models.DateTimeField(auto_now_add=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    topic = models.CharField(_("נושא"), max_length=200)
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="cases")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="cases")
    lawyer = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    coordinator = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    volunteer = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    escalated_at = models.DateTimeField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["authority", "status", "opened_at"], name="case_authority_status_opened"),
            models.Index(fields=["volunteer"], condition=Q(volunteer__isnull=False), name="case_volunteer"),
        ]

    def __str__(self) -> str:
        return f"case {self.pk}"

    @cached_property
    def rights_by_name(self) -> list[Any]:
        """The case's ledger rows by right, read once per request: the case page's cards (barriers, documents)
        each list them."""
        return list(self.entitlements.order_by("program", "pk"))


class EventKind(models.TextChoices):
    OPENED = "opened", _("נפתח תיק")
    ASSIGNED = "assigned", _("שיוך")
    SCREENED = "screened", _("בדיקת זכאות")
    LEDGER = "ledger", _("עדכון זכות")
    TASK = "task", _("משימה")
    NOTE = "note", _("הערה")
    DOCUMENT = "document", _("מסמך")
    ESCALATED = "escalated", _("הועבר לעו״ד")
    REFERRAL = "referral", _("הפניה לגוף שותף")
    BARRIER = "barrier", _("חסם")
    CLOSED = "closed", _("נסגר")


class CaseEvent(TenantModel):
    """The case's timeline: every change, who made it and when. The text may hold personal data: encrypted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    text = EncryptedTextField(blank=True, default="")

    objects = TenantQuerySet["CaseEvent"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["case", "at"], name="caseevent_case_at")]

    def __str__(self) -> str:
        return f"{self.kind} on case {self.case_id}"


class CaseScreening(TenantModel):
    """A stored screening of the case's household: the facts as staff (or the resident's help request) gave them
    that day. A household's screenings over time are what the dependence and mobility KPIs compare
    (outcomes/followup.py); the link is made when a case is screened, and when an inquiry with the screener's
    answers becomes a case. The screening itself stays encrypted where it is; this row holds no personal data."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="screenings")
    screening = models.OneToOneField(Screening, on_delete=models.PROTECT, related_name="+")

    objects = TenantQuerySet["CaseScreening"].as_manager()

    def __str__(self) -> str:
        return f"screening {self.screening_id} of case {self.case_id}"
