"""The entitlement ledger: one row per household × right, from identified to paid, with money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet
from mizui.cases.models.cases import Case
from mizui.cases.models.residents import Household


class Stage(models.TextChoices):
    IDENTIFIED = "identified", _("זוהתה")
    DOCUMENTS = "documents", _("איסוף מסמכים")
    SUBMITTED = "submitted", _("הוגשה")
    DECIDED = "decided", _("התקבלה החלטה")
    APPEALED = "appealed", _("הוגש ערר")
    PAID = "paid", _("משולמת")
    RENEWAL_DUE = "renewal_due", _("נדרש חידוש")
    DROPPED = "dropped", _("לא מומשה")


# Which stage may follow which: the ledger refuses a step out of order with a clear message.
NEXT_STAGES: dict[str, frozenset[str]] = {
    Stage.IDENTIFIED: frozenset({Stage.DOCUMENTS, Stage.SUBMITTED, Stage.DROPPED}),
    Stage.DOCUMENTS: frozenset({Stage.SUBMITTED, Stage.DROPPED}),
    Stage.SUBMITTED: frozenset({Stage.DECIDED}),
    Stage.DECIDED: frozenset({Stage.APPEALED, Stage.PAID, Stage.DROPPED}),
    Stage.APPEALED: frozenset({Stage.DECIDED}),
    Stage.PAID: frozenset({Stage.RENEWAL_DUE}),
    Stage.RENEWAL_DUE: frozenset({Stage.DOCUMENTS, Stage.SUBMITTED, Stage.DROPPED}),
    Stage.DROPPED: frozenset(),
}
UNCLAIMED = frozenset({Stage.IDENTIFIED, Stage.DOCUMENTS})


class Decision(models.TextChoices):
    APPROVED = "approved", _("אושרה")
    PARTIAL = "partial", _("אושרה חלקית")
    DENIED = "denied", _("נדחתה")


class DenialReason(models.TextChoices):
    INCOME = "income", _("הכנסה מעל הסף")
    DOCUMENTS = "documents", _("חסרים מסמכים")
    RESIDENCY = "residency", _("תושבות")
    AGE = "age", _("גיל")
    MEDICAL = "medical", _("ועדה רפואית")
    ASSETS = "assets", _("רכוש או רכב")
    NO_RESPONSE = "no_response", _("לא התקבל מענה מהפונה")
    OTHER = "other", _("אחר")


class Basis(models.TextChoices):
    ESTIMATED = "estimated", _("הערכה")
    CONFIRMED = "confirmed", _("מאושר")


class EntitlementQuerySet(TenantQuerySet["Entitlement"]):
    def by_money_at_risk(self) -> EntitlementQuerySet:
        return self.filter(at_risk_monthly__gt=0).order_by("-at_risk_monthly", "identified_on", "pk")


class Entitlement(TenantModel):
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="entitlements")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="entitlements")
    program = models.CharField(_("זכות"), max_length=64)
    agency = models.CharField(max_length=32)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.IDENTIFIED)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True, default="")
    denial_reason = models.CharField(max_length=12, choices=DenialReason.choices, blank=True, default="")
    monthly_amount = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    one_off_amount = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    retroactive_amount = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    waived_amount = models.DecimalField(_("חובות ואגרות שנמחלו"), max_digits=10, decimal_places=2, default=Decimal(0))
    discount_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    basis = models.CharField(max_length=10, choices=Basis.choices, default=Basis.ESTIMATED)
    evidence = models.CharField(_("אסמכתה"), max_length=200, blank=True, default="")
    retro_cap_months = models.PositiveSmallIntegerField(null=True, blank=True)
    # The year of the figures the amount was worked out from, when they were older than the screening's year.
    figures_from = models.PositiveSmallIntegerField(null=True, blank=True)
    # Kept equal to monthly_amount while the right is identified but not claimed, 0 otherwise,
    # so work queues sort by money at risk on an index.
    at_risk_monthly = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    identified_on = models.DateField()
    documents_on = models.DateField(null=True, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    appealed_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    renewal_due_on = models.DateField(null=True, blank=True)

    objects = EntitlementQuerySet.as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["household", "program"], name="entitlement_one_per_household_right"),
            models.CheckConstraint(
                condition=Q(basis="estimated") | ~Q(evidence=""), name="entitlement_confirmed_needs_evidence"
            ),
        ]
        # One partial index per work queue, in the queue's exact order (pk last), so every page of a queue
        # is a short index range scan however many rows it holds (views/queues.py, keyset pagination).
        indexes: ClassVar[list[models.Index]] = [
            models.Index(
                fields=["authority", "-at_risk_monthly", "identified_on", "id"],
                condition=Q(at_risk_monthly__gt=0),
                name="entitlement_queue_money",
            ),
            models.Index(
                fields=["authority", "submitted_on", "id"],
                condition=Q(stage__in=["submitted", "appealed"]),
                name="entitlement_queue_waiting",
            ),
            models.Index(
                fields=["authority", "-monthly_amount", "id"],
                condition=Q(stage="documents"),
                name="entitlement_queue_documents",
            ),
            models.Index(
                fields=["authority", "renewal_due_on", "id"],
                condition=Q(stage__in=["paid", "renewal_due"]),
                name="entitlement_queue_renewals",
            ),
            models.Index(fields=["authority", "stage"], name="entitlement_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.program} for household {self.household_id}"

    def months_unclaimed(self, today: dt.date) -> int:
        if self.stage not in UNCLAIMED:
            return 0
        return (today.year - self.identified_on.year) * 12 + today.month - self.identified_on.month

    def money_lost(self, today: dt.date) -> Decimal:
        """Retroactivity clock: months beyond the cap are money gone for good (at least, from identification)."""
        if self.retro_cap_months is None:
            return Decimal(0)
        over = max(0, self.months_unclaimed(today) - self.retro_cap_months)
        return self.monthly_amount * over

    def months_before_loss(self, today: dt.date) -> int | None:
        if self.retro_cap_months is None or self.stage not in UNCLAIMED:
            return None
        return max(0, self.retro_cap_months - self.months_unclaimed(today))
