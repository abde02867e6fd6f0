"""Barriers: bureaucratic obstacles met on a case, coded so the forum can count them by agency, right and type."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet, User
from mizui.cases.models.cases import Case
from mizui.cases.models.ledger import Entitlement
from mizui.directory.models import Organization
from mizui.lib.crypto import EncryptedTextField


class BarrierKind(models.TextChoices):
    UNREACHABLE_OFFICE = "unreachable", _("משרד שלא ניתן להשיג")
    FORM = "form", _("טופס חסר או לא נגיש")
    EXCESSIVE_DOCUMENTS = "documents", _("דרישת מסמכים מופרזת")
    WRONG_DENIAL = "wrong_denial", _("דחייה שגויה")
    DELAY = "delay", _("עיכוב מעבר לזמן התקן")
    LANGUAGE = "language", _("שפה")
    DIGITAL = "digital", _("חסם דיגיטלי")
    STIGMA = "stigma", _("חסם רגשי: בושה וסטיגמה")
    OTHER = "other", _("אחר")


class BarrierQuerySet(TenantQuerySet["Barrier"]):
    def open(self) -> BarrierQuerySet:
        return self.filter(resolved_on__isnull=True)


class Barrier(TenantModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="barriers")
    entitlement = models.ForeignKey(
        Entitlement, null=True, blank=True, on_delete=models.SET_NULL, related_name="barriers"
    )
    # Ids as in the rules catalogue (eligibility/programs.yaml), so the report groups like the ledger does; a
    # directory organization outside the catalogue (probation, Shil, the welfare department) by its own key.
    agency = models.CharField(_("גורם"), max_length=80)
    # The directory organization the barrier is about (any of them), which answers it through its signed link.
    # Empty on a barrier coded only by a catalogue agency that several organizations share (housing, health fund).
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("גוף")
    )
    program = models.CharField(_("זכות"), max_length=64, blank=True, default="")
    kind = models.CharField(_("סוג החסם"), max_length=12, choices=BarrierKind.choices)
    # Free text may name clerks or family members: encrypted, and never in the report.
    description = EncryptedTextField(_("תיאור"), blank=True, default="")
    occurred_on = models.DateField(_("תאריך"))
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    resolved_on = models.DateField(_("תאריך הפתרון"), null=True, blank=True)
    resolution = EncryptedTextField(_("איך נפתר"), blank=True, default="")
    resolved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = BarrierQuerySet.as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("occurred_on")),
                name="barrier_resolved_after_occurred",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["authority", "occurred_on"], name="barrier_authority_occurred"),
            models.Index(fields=["case", "occurred_on"], name="barrier_case_occurred"),
        ]

    def __str__(self) -> str:
        return f"barrier {self.pk} on case {self.case_id}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_on is not None
