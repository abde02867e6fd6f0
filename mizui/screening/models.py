from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet


class Channel(models.TextChoices):
    PUBLIC = "public", _("השאלון הציבורי")
    API = "api", _("ממשק API")
    STAFF = "staff", _("צוות המרכז")


class Screening(TenantModel):
    """A stored screening: inputs, outputs and provenance, reproducible a year later.

    Stored only with the resident's consent (a help request) or by staff working a case; the anonymous
    public screener leaves nothing but a tally (ScreeningTally).
    """

    created_at = models.DateTimeField(auto_now_add=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    language = models.CharField(max_length=5, default="he")
    as_of = models.DateField()
    rules_version = models.CharField(max_length=64)
    # Household and result hold incomes and disability data: encrypted JSON (see mizui.lib.crypto).
    household_json = models.TextField()
    result_json = models.TextField()

    objects = TenantQuerySet["Screening"].as_manager()

    def __str__(self) -> str:
        return f"screening {self.pk} ({self.as_of})"

    @property
    def household(self) -> dict[str, Any]:
        from mizui.screening.services import decode

        return decode(self.household_json)

    @property
    def result(self) -> dict[str, Any]:
        from mizui.screening.services import decode

        return decode(self.result_json)


class ScreeningTally(TenantModel):
    """Anonymous public screenings counted per authority, month, right and status; no personal data."""

    month = models.DateField()  # the first day of the month
    program = models.CharField(max_length=64)
    status = models.CharField(max_length=20)
    count = models.PositiveIntegerField(default=0)

    objects = TenantQuerySet["ScreeningTally"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["authority", "month", "program", "status"], name="tally_unique_cell")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.program} {self.status}: {self.count}"
