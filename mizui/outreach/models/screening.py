"""Batch screening of the imported population, its results per household and right, and saved lists."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet
from mizui.outreach.models.leases import Leased
from mizui.outreach.models.population import PopulationMember


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("ממתין")
    RUNNING = "running", _("בתהליך")
    DONE = "done", _("הסתיים")
    FAILED = "failed", _("נכשל")


class BatchRunQuerySet(TenantQuerySet["BatchRun"]):
    def latest_done(self) -> BatchRun | None:
        return self.filter(status=RunStatus.DONE).order_by("-finished_at", "-pk").first()


class BatchRun(Leased, TenantModel):
    """One screening of the authority's whole imported population with `eligibility.evaluate`."""

    as_of = models.DateField()
    rules_version = models.CharField(max_length=60, blank=True, default="")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    persons = models.PositiveIntegerField(default=0)
    households = models.PositiveIntegerField(default=0)
    households_owed = models.PositiveIntegerField(default=0)
    monthly_total = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    annual_total = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    retroactive_total = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    # Persons screened, in all ("total") and in each reach group (services.batch.GROUPS): aggregates, no one's data.
    group_counts = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=300, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = BatchRunQuerySet.as_manager()

    def __str__(self) -> str:
        return f"batch run {self.pk}"

    @property
    def is_running(self) -> bool:
        return self.status in {RunStatus.QUEUED, RunStatus.RUNNING}


class Confidence(models.TextChoices):
    OFFICIAL = "official", _("רשמי")
    SECONDARY = "secondary", _("מקור משני")
    STALE = "stale", _("לא עדכני")


class Tier(models.TextChoices):
    """How sure a batch run is of a right, from the engine's three-valued answer on the household's facts."""

    ELIGIBLE = "eligible", _("זכאי לפי הנתונים")
    ONE_FACT = "one_fact", _("שאלה אחת תכריע")
    # Maybe on the facts, eligible when what files rarely hold takes its usual value (services.likelihood).
    LIKELY = "likely", _("סביר: זכאי אם השאר כרגיל")
    OPEN = "open", _("חסרים כמה נתונים")


class ScreenedHousehold(TenantModel):
    """A household that appears owed, or possibly owed, a right it does not receive (estimates, never confirmed
    money). `monthly`, `annual` and `retroactive` count the rights it is eligible for on its facts; `expected` the
    money every candidate right is worth a year, each weighed by how likely it is (`UnclaimedRight.probability`)."""

    # Indexed by the composite indexes below, which lead with the run: no index of its own to write per row.
    # No database constraint either (decision 0010): a run's results are written only by the run, and the
    # per-row check cost a quarter of writing them; deleting a run through the ORM still deletes them.
    run = models.ForeignKey(
        BatchRun, on_delete=models.CASCADE, related_name="households_owed_rows", db_index=False, db_constraint=False
    )
    household_key = models.CharField(max_length=64)
    contact = models.ForeignKey(PopulationMember, on_delete=models.PROTECT, related_name="+")
    neighbourhood = models.CharField(max_length=100, blank=True, default="")
    language = models.CharField(max_length=5, default="he")
    age_group = models.CharField(max_length=8, blank=True, default="")
    programs = models.CharField(max_length=600)  # comma-separated program ids, most expected money first
    # Rights it may be owed with several facts open (comma-separated): candidates too weak for a row each.
    open_programs = models.CharField(max_length=600, blank=True, default="")
    monthly = models.DecimalField(max_digits=10, decimal_places=2)
    annual = models.DecimalField(max_digits=12, decimal_places=2)
    retroactive = models.DecimalField(max_digits=12, decimal_places=2)
    expected = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    # The questions that would decide its open rights (question ids, comma-separated): what a call verifies.
    to_verify = models.CharField(max_length=300, blank=True, default="")

    objects = TenantQuerySet["ScreenedHousehold"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["run", "-expected", "id"], name="outreach_household_expected"),
            models.Index(fields=["run", "household_key"], name="outreach_household_key"),
        ]

    def __str__(self) -> str:
        return f"household {self.household_key[:8]} in run {self.run_id}"

    def program_list(self) -> list[str]:
        return [p for p in self.programs.split(",") if p]

    def open_list(self) -> list[str]:
        return [p for p in self.open_programs.split(",") if p]

    def questions(self) -> list[str]:
        return [q for q in self.to_verify.split(",") if q]


class UnclaimedRight(TenantModel):
    """One right a screened household appears to be owed (`eligible`) or may be owed (`maybe`), with how likely
    and the money it is expected to bring; segment columns repeated so a list filtered by right pages through one
    index in that order."""

    run = models.ForeignKey(BatchRun, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False)
    household_key = models.CharField(max_length=64)
    program = models.CharField(max_length=64)
    status = models.CharField(max_length=20)  # eligible | maybe
    tier = models.CharField(max_length=10, choices=Tier.choices, default=Tier.ELIGIBLE)
    # The chance the right is confirmed once the household is reached: a stated prior per tier until campaigns
    # have outcomes (services.likelihood).
    probability = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal(1))
    monthly = models.DecimalField(max_digits=10, decimal_places=2)
    annual = models.DecimalField(max_digits=12, decimal_places=2)
    retroactive = models.DecimalField(max_digits=12, decimal_places=2)
    expected = models.DecimalField(
        max_digits=12, decimal_places=2, default=Decimal(0)
    )  # probability × (a year + back pay)
    to_verify = models.CharField(max_length=80, blank=True, default="")  # the question that would decide it
    # How a discount was valued where a source gives the bill it is of ("25% × ₪4,200"); empty otherwise.
    valued = models.CharField(max_length=80, blank=True, default="")
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    neighbourhood = models.CharField(max_length=100, blank=True, default="")
    language = models.CharField(max_length=5, default="he")
    age_group = models.CharField(max_length=8, blank=True, default="")

    objects = TenantQuerySet["UnclaimedRight"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["run", "program", "-expected", "id"], name="outreach_right_expected"),
        ]

    def __str__(self) -> str:
        return f"{self.program} for household {self.household_key[:8]}"


class OutreachList(TenantModel):
    """A saved segment of the latest batch run: {"program", "neighbourhood", "language", "age_group", "min_annual"}."""

    name = models.CharField(_("שם הרשימה"), max_length=120)
    filters = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["OutreachList"].as_manager()

    def __str__(self) -> str:
        return self.name
